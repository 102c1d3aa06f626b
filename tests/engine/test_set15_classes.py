"""Classes behind the first-try failures of probe set 15 (issue 11), each tested with questions
of the class that the probe set does not use, through the real engine over the real fact base:
other verbs and nouns for winning, handing over and choosing; «hva het …» about a person;
«hvordan ble X vinner»; «hvor mange år siden X vant»; «for sent å stemme»; Nynorsk «kva for
kommunar»; English prize names typed in lower case."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.clock import OSLO
from bot.engine.engine import Engine
from bot.engine.types import Conversation
from tests.engine.conftest import NOW


@pytest.mark.parametrize(
    ("question", "intent", "expected"),
    [
        # winning: «ta hjem (gullet)», «ta gullet»
        ("hvem tok hjem 2018?", "winner", "Bærum"),
        ("Kven tok gullet i 2016?", "winner", "Trondheim"),
        # handing over: «rakte (prisen) over», «overleverte»
        ("Hvem rakte over prisen til Trondheim?", "handed_by", "Rieber-Mohn"),
        ("Hvem overleverte prisen i 2018?", "handed_by", "Sanner"),
        # «hva het/heter» the person who received or handed over the prize
        ("Hva heter hun som tok imot prisen for Bærum?", "received_by", "Hammer Krog"),
        ("hva het statsråden som delte ut prisen i 2010", "handed_by", "Lysbakken"),
        # choosing: «plukket ut», «valt ut»
        ("Hvordan blir vinneren plukket ut?", "how_chosen", "jury"),
        ("korleis vart vinnaren valt ut i 2021?", "how_chosen", "faglige vurdering"),
        # «hvordan ble X vinner» is why X won
        ("Korleis vann Kinn?", "reasoning", "hjerte for integrering"),
        ("hvordan klarte Lørenskog å vinne?", "reasoning", "82 prosent"),
        # Nynorsk «kva for kommunar»
        ("Kva for kommunar var nominerte i 2018?", "nominees", "Steinkjer"),
    ],
)
def test_other_words_for_the_same_question(
    engine: Engine, question: str, intent: str, expected: str
) -> None:
    answer = engine.answer(question, now=NOW)
    assert answer.matched and answer.intent == intent, answer.text
    assert expected in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        (
            "Hvor mange år er det siden Kinn vant?",
            "Kinn vant prisen for 2022.\nDet er fire år siden.",
        ),
        ("kor lenge er det sidan Vadsø vann?", "Vadsø vant prisen for 2008.\nDet er 18 år siden."),
    ],
)
def test_years_since_a_municipality_won(engine: Engine, question: str, lead: str) -> None:
    answer = engine.answer(question, now=datetime(2026, 3, 1, 12, tzinfo=OSLO))
    assert answer.matched, answer.text
    assert answer.text.startswith(lead), answer.text


def test_years_since_is_no_yes_no_question(engine: Engine) -> None:
    answer = engine.answer("Hvor lenge siden vant Grimstad?", now=NOW)
    assert answer.text.startswith("Grimstad vant prisen for 2015."), answer.text
    assert "Ja" not in answer.text.split("\n")[0], answer.text


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (datetime(2021, 11, 15, 12, tzinfo=OSLO), "Ingen avstemning er åpen nå"),
        (datetime(2023, 10, 5, 12, tzinfo=OSLO), "11. oktober"),
    ],
)
def test_too_late_to_vote_reads_the_clock(engine: Engine, now: datetime, expected: str) -> None:
    answer = engine.answer("Er det for sent å stemme nå?", now=now)
    assert answer.matched and answer.intent in {"vote_when", "vote_status"}, answer.text
    assert expected in answer.text, answer.text


def test_nynorsk_which_municipalities_follows_up_on_the_year(engine: Engine) -> None:
    talk = Conversation()
    first = engine.answer("Kven vann i 2018?", now=NOW, context=talk)
    assert "Bærum" in first.text
    answer = engine.answer("kva for kommunar var med då?", now=NOW, context=talk)
    assert answer.matched and answer.intent == "nominees", answer.text
    assert "Stange" in answer.text and "Tromsø" in answer.text, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "who won the architecture award 2022",
        "which municipality got the nordic council nature prize in 2019",
    ],
)
def test_lower_case_english_prize_names_are_other_prizes(engine: Engine, question: str) -> None:
    answer = engine.answer(question, now=NOW)
    assert not answer.matched, answer.text
    assert "Lørenskog" not in answer.text and "Kinn" not in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "winner"),
    [
        ("who won the big prize in 2014", "Drammen"),
        ("who won the annual award in 2013", "Hammerfest"),
        ("who won the settlement prize in 2018", "Bærum"),
    ],
)
def test_english_words_before_prize_that_mean_this_prize(
    engine: Engine, question: str, winner: str
) -> None:
    answer = engine.answer(question, now=NOW)
    assert answer.matched and winner in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        # «når fikk/mottok X prisen»: the prize year and the day it was handed out
        (
            "Når fikk Trondheim prisen?",
            "Trondheim vant prisen for 2016.\nPrisen for 2016 ble delt ut 26. april 2017.",
        ),
        (
            "Når mottok Kinn prisen?",
            "Kinn vant prisen for 2022.\nPrisen for 2022 ble delt ut 17. november 2022.",
        ),
        ("når mottok Bærum prisen i 2018?", "Prisen for 2018 ble delt ut 13. februar 2019"),
    ],
)
def test_when_a_municipality_got_the_prize_gives_the_day(
    engine: Engine, question: str, lead: str
) -> None:
    answer = engine.answer(question, now=NOW)
    assert answer.matched, answer.text
    assert answer.text.startswith(lead), answer.text


def test_when_without_a_known_day_gives_the_year_only(engine: Engine) -> None:
    answer = engine.answer("Når vant Drammen?", now=NOW)
    assert answer.text.startswith("Drammen vant prisen for 2014."), answer.text
    assert "ble delt ut" not in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # «hvordan gikk det med X»: whether it won, or who won that year
        ("korleis gjekk det med Bodø i 2022?", ["Kinn", "Bodø var nominert"]),
        ("hvordan gikk det med Tromsø?", ["ikke vunnet", "2018"]),
    ],
)
def test_how_did_a_municipality_do(engine: Engine, question: str, expected: list[str]) -> None:
    answer = engine.answer(question, now=NOW)
    assert answer.matched and answer.intent == "place_won", answer.text
    assert all(e in answer.text for e in expected), answer.text


@pytest.mark.parametrize("question", ["whats the deadline to vote", "Kva er fristen for å røyste?"])
def test_the_deadline_to_vote(engine: Engine, question: str) -> None:
    answer = engine.answer(question, now=datetime(2023, 10, 5, 12, tzinfo=OSLO))
    assert answer.matched and answer.intent == "vote_when", answer.text
    assert "11. oktober" in answer.text, answer.text
