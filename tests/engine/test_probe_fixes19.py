"""Classes of questions fixed after probe set 19, each tested with wordings the set does not use,
through the real engine over the real fact base."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.clock import OSLO
from bot.engine.engine import Engine
from bot.engine.relations import drop_loose_relations
from bot.engine.types import Conversation
from tests.engine.conftest import NOW


def talk(engine: Engine, *questions: str, now: datetime = NOW):
    """The answers to ``questions`` asked in one conversation."""
    context = Conversation()
    return [engine.answer(q, now=now, context=context) for q in questions]


# -- «før møtet», «etter lunsj»: the asker's day, not a winner before or after ---------------


@pytest.mark.parametrize(
    ("question", "winner"),
    [
        ("Skal i et møte etter lunsj, hvem vant i 2010?", "Kristiansand"),
        ("Haster litt før pressekonferansen, hvem vant i 2015?", "Grimstad"),
        ("hvem vant i 2013? må ha det før sendinga", "Hammerfest"),
    ],
)
def test_loose_before_or_after_is_not_a_relation(
    engine: Engine, question: str, winner: str
) -> None:
    answer = engine.answer(question, now=NOW)
    assert answer.matched and answer.intent == "winner", answer.text
    assert winner in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "intent", "winner"),
    [
        ("Hvem vant før Trondheim?", "winner_before", "Grimstad"),
        ("hvem vant etter 2021", "winner_after", "Kinn"),
    ],
)
def test_relation_with_its_pivot_stays(
    engine: Engine, question: str, intent: str, winner: str
) -> None:
    answer = engine.answer(question, now=NOW)
    assert answer.intent == intent and winner in answer.text, answer.text


def test_drop_loose_relations_keeps_pivots_and_bare_endings() -> None:
    vocabulary = {"hvem", "vant", "de", "frist"}
    words = ["hvem", "vant", "before", "motet", "aarstall"]
    drop_loose_relations(words, ("before", "after"), vocabulary, {"aarstall"})
    assert words == ["hvem", "vant", "aarstall"]
    for kept in (
        ["hvem", "vant", "before", "aarstall"],
        ["de", "vant", "before"],
        ["vant", "before", "de"],
        ["stemme", "before", "frist"],
    ):
        copy = list(kept)
        drop_loose_relations(copy, ("before", "after"), vocabulary, {"aarstall"})
        assert copy == kept


# -- «sjekke» is to check, not a prize cheque; «om det stemmer» is not a vote ----------------


@pytest.mark.parametrize(
    ("question", "intent", "expected"),
    [
        ("Kan du sjekke hvem som vant i 2011?", "winner", "Kragerø"),
        ("sjekk hvem som ble nominert i 2022", "nominees", "Vennesla"),
        ("Kan du se om det stemmer at Molde vant i 2012?", "place_won", "Molde"),
        ("Sjekk om dette stemmer: Levanger vant i 2009?", "place_won", "Levanger"),
    ],
)
def test_check_verbs_are_not_money_or_votes(
    engine: Engine, question: str, intent: str, expected: str
) -> None:
    answer = engine.answer(question, now=NOW)
    assert answer.matched and answer.intent == intent, answer.text
    assert expected in answer.text, answer.text


def test_a_cheque_is_still_prize_money(engine: Engine) -> None:
    answer = engine.answer("Fikk vinneren en sjekk?", now=NOW)
    assert answer.intent == "prize_money", answer.text


# -- «beste bosettingskommune / integreringskommune»: the winner ----------------------------


@pytest.mark.parametrize(
    ("question", "winner"),
    [
        ("Hvilken kommune ble landets beste integreringskommune i 2018?", "Bærum"),
        ("beste bosettingskommune 2009?", "Levanger"),
        ("hvem var best på integrering i 2021", "Lørenskog"),
    ],
)
def test_best_settlement_municipality_is_the_winner(
    engine: Engine, question: str, winner: str
) -> None:
    answer = engine.answer(question, now=NOW)
    assert answer.matched and answer.intent == "winner", answer.text
    assert winner in answer.text, answer.text


# -- the deadline for nominations is not the voting deadline -------------------------------


@pytest.mark.parametrize(
    "question",
    ["Når går fristen ut for å nominere seg selv?", "Er det en frist for å bli nominert?"],
)
def test_nomination_deadline(engine: Engine, question: str) -> None:
    now = datetime(2022, 8, 20, 12, 0, tzinfo=OSLO)
    answer = engine.answer(question, now=now)
    assert answer.matched and answer.intent == "nomination", answer.text
    assert "9. september" in answer.text, answer.text


def test_voting_deadline_stays_a_vote_question(engine: Engine) -> None:
    answer = engine.answer("Når er stemmefristen?", now=NOW)
    assert answer.intent == "vote_when", answer.text


# -- «Når ble den delt ut?» in a conversation: the award of the year talked about ------------


@pytest.mark.parametrize(
    ("first", "follow", "day"),
    [
        ("Hvem vant i 2021?", "Når ble den delt ut?", "19. november 2021"),
        ("Hvem vant i 2018?", "når ble den overlevert?", "13. februar 2019"),
    ],
)
def test_when_handed_out_follows_the_year(
    engine: Engine, first: str, follow: str, day: str
) -> None:
    _, answer = talk(engine, first, follow)
    assert answer.matched and answer.intent == "award", answer.text
    assert day in answer.text, answer.text


def test_when_handed_out_first_time_is_still_since_when(engine: Engine) -> None:
    answer = engine.answer("Når ble den delt ut første gang?", now=NOW)
    assert answer.intent == "since_when" and "2008" in answer.text, answer.text


# -- a draft with a blank, then «Hva skal stå der?»: the sentence before is the question -----


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Vi skriver i saken: «Bærum kommune vant prisen i ___». Hva skal stå der?", "2018"),
        ("«____ vant prisen for 2022.» Fyll inn", "Kinn"),
    ],
)
def test_draft_with_a_blank(engine: Engine, question: str, expected: str) -> None:
    answer = engine.answer(question, now=NOW)
    assert answer.matched, answer.text
    assert expected in answer.text, answer.text
