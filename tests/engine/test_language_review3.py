"""Issue 13, third editor review (review 2 findings M3, M6, M7, M8, M10–M13): prize, vote, count
and place answers. Each test asks questions of the class other than the review's own
examples, at the clocks where tense matters."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from bot.clock import OSLO
from bot.engine.engine import Engine
from bot.engine.types import Conversation

BEFORE_2021_AWARD = datetime(2021, 11, 5, 12, tzinfo=OSLO)
DURING_2023_VOTE = datetime(2023, 10, 5, 12, tzinfo=OSLO)
AFTER_2023_VOTE = datetime(2023, 10, 20, 12, tzinfo=OSLO)
AFTER_2023_AWARD = datetime(2023, 10, 31, 12, tzinfo=OSLO)
BEFORE_2025_AWARD = datetime(2025, 10, 15, 12, tzinfo=OSLO)
TODAY = datetime(2026, 12, 5, 12, tzinfo=OSLO)


def say(engine: Engine, question: str, now: datetime) -> str:
    return engine.answer(question, now=now, context=Conversation()).text


# -- M3: no colon before a whole sentence in the gap years ----------------------------------


@pytest.mark.parametrize(
    "question", ["Ble prisen delt ut for 2017?", "vinner 2017", "Hvorfor mangler 2017?"]
)
def test_the_year_without_a_prize_is_said_in_its_own_sentence(
    engine: Engine, question: str
) -> None:
    text = say(engine, question, TODAY)
    assert "Det ble ikke delt ut noen pris for 2017." in text, text
    assert not re.search(r"pris for \d{4}:", text), text


def test_a_year_not_yet_known_has_no_colon(engine: Engine) -> None:
    text = say(engine, "Hvem vinner i 2026?", TODAY)
    assert text.startswith("Jeg vet ikke noe om prisen for 2026 ennå, verken"), text


# -- M6: a round under way is said in the present, first ------------------------------------


@pytest.mark.parametrize("now", [DURING_2023_VOTE, AFTER_2023_VOTE])
def test_a_nominee_of_the_round_under_way_is_nominated_now(engine: Engine, now: datetime) -> None:
    text = say(engine, "Har Nordre Follo vært nominert?", now)
    assert text.startswith("Ja, Nordre Follo er nominert for 2023."), text
    asker = say(engine, "Var Drammen nominert noen gang?", now)
    assert "Drammen var også nominert" not in asker or "2023" not in asker, asker
    summary = say(engine, "Fortell om Harstad", now)
    assert "var nominert to ganger" not in summary and "er nominert for 2023" in summary, summary
    assert "Kommunen var også nominert for 2021." in summary, summary


def test_a_winner_nominated_again_is_nominated_now(engine: Engine) -> None:
    text = say(engine, "Har Molde vunnet prisen?", DURING_2023_VOTE)
    assert "Kommunen er nominert igjen for 2023." in text, text
    assert "Kommunen var også nominert for 2023." in say(engine, "Har Molde vunnet prisen?", TODAY)


def test_why_a_nominee_of_the_round_under_way_leads_with_the_nomination(engine: Engine) -> None:
    text = say(engine, "Hvorfor er Harstad nominert i 2023?", DURING_2023_VOTE)
    assert text.startswith("Harstad er nominert for 2023, men jeg vet ikke hvorfor."), text
    after = say(engine, "Hvorfor er Harstad nominert i 2023?", TODAY)
    assert not after.startswith("Harstad er nominert"), after


def test_after_the_award_the_nominations_are_past(engine: Engine) -> None:
    text = say(engine, "Har Harstad vært nominert?", TODAY)
    assert text.startswith("Ja, Harstad har vært nominert to ganger, for 2021 og 2023."), text
    assert "er nominert" not in text


def test_has_been_nominated_answers_yes_first_and_the_win_after(engine: Engine) -> None:
    """«Har X vært nominert?» is a yes/no question: «Ja, …» first, the win after it in a
    sentence of its own («Kommunen vant prisen for 2014.»), never the win as an afterthought
    that repeats the name; a question with «hvor mange» has no «Ja»."""
    for question, lead, won in (
        ("Har Drammen vært nominert?", "Ja, Drammen har vært nominert tre ganger", "2014"),
        (
            "Har Kristiansand noen gang vært nominert?",
            "Ja, Kristiansand har vært nominert to",
            "2010",
        ),
        ("Har Vennesla vært nominert?", "Ja, Vennesla var nominert for 2022.", ""),
    ):
        text = say(engine, question, TODAY)
        assert text.startswith(lead), text
        if won:
            assert f"\nKommunen vant prisen for {won}." in text, text
    count = say(engine, "Hvor mange ganger har Asker vært nominert?", TODAY)
    assert not count.startswith("Ja"), count


# -- M8: how many have won -------------------------------------------------------------------


@pytest.mark.parametrize("now", [BEFORE_2021_AWARD, AFTER_2023_AWARD, TODAY])
def test_the_winner_count_does_not_start_with_a_number(engine: Engine, now: datetime) -> None:
    text = say(engine, "Hvor mange kommuner har fått prisen?", now)
    assert text.startswith("Prisen har gått til "), text
    assert not re.search(r"(^|\n|\. )\d+ kommuner", text), text
    assert "omtalt som den" not in text, text


def test_the_next_award_is_counted_in_the_future(engine: Engine) -> None:
    text = say(engine, "Hvor mange vinnere har det vært?", AFTER_2023_VOTE)
    assert "Utdelingen mandag 30. oktober blir den 14. i rekken." in text, text
    assert "i rekken" not in say(engine, "Hvor mange vinnere har det vært?", AFTER_2023_AWARD)
    today = say(engine, "Hvor mange vinnere har det vært?", TODAY)
    assert today.endswith("Jeg vet ikke om det ble delt ut en pris for 2024."), today


# -- M11: the unknown 2024 -----------------------------------------------------------------


@pytest.mark.parametrize("now", [BEFORE_2025_AWARD, TODAY])
def test_the_unknown_year_names_its_neighbours_in_a_sentence(engine: Engine, now: datetime) -> None:
    text = say(engine, "Hvem fikk prisen for 2024?", now)
    assert "Nærmeste vinnere" not in text and "Prisen for 2023 gikk til Tønsberg" in text, text


@pytest.mark.parametrize("place", ["Trondheim", "Sandnes", "Asker"])
def test_a_yes_no_about_one_municipality_has_no_gap_line(engine: Engine, place: str) -> None:
    text = say(engine, f"Har {place} vunnet prisen noen gang?", TODAY)
    assert "mangler jeg" not in text, text


# -- M12: one bracket, not two ---------------------------------------------------------------


@pytest.mark.parametrize("question", ["Hvem har vunnet i Akershus?", "Nominerte fra Rogaland"])
def test_no_two_brackets_in_a_row(engine: Engine, question: str) -> None:
    text = say(engine, question, TODAY)
    assert not re.search(r"\) \(", text), text


# -- M7: between the vote's close and the award -------------------------------------------


@pytest.mark.parametrize("question", ["Hvor stemmer man?", "Hvordan kan jeg stemme på en kommune?"])
def test_how_to_vote_after_the_close_names_the_round_awaiting_its_winner(
    engine: Engine, question: str
) -> None:
    text = say(engine, question, AFTER_2023_VOTE)
    # Review 5 (T1): the span and how first, the award after, so «Da» points to the vote.
    assert text.startswith("Avstemningen for 2023 var åpen fra 2. oktober til 11. oktober."), text
    assert "\nVinneren for 2023 kåres mandag 30. oktober" in text, text
    assert "Slik foregikk" not in text, text


# -- M10: a follow-up with its own place or about the user does not take the old year -------


def test_a_follow_up_naming_its_place_and_when_it_won_takes_that_round(engine: Engine) -> None:
    context = Conversation()
    engine.answer("Hvem vant i 2022?", now=TODAY, context=context)
    text = engine.answer(
        "Hvem var ordfører i Tønsberg da kommunen vant?", now=TODAY, context=context
    )
    assert "runden for 2022" not in text.text, text.text
    assert text.text.startswith("Frank Pedersen var ordfører i Tønsberg da kommunen vant"), (
        text.text
    )


def test_a_vote_question_about_me_is_about_the_vote_now(engine: Engine) -> None:
    context = Conversation()
    engine.answer("Hvem vant i 2010?", now=DURING_2023_VOTE, context=context)
    text = engine.answer("Hvor kan jeg stemme?", now=DURING_2023_VOTE, context=context).text
    assert "2010" not in text and "imdi.no" in text, text


def test_the_how_phrase_has_no_tacked_on_for_forste_gang(engine: Engine) -> None:
    """M21: «Du kan stemme på de nominerte kommunene, for første gang.» read as a fragment."""
    text = say(engine, "Hvordan stemmer jeg?", datetime(2019, 2, 5, 12, tzinfo=OSLO))
    assert "kan stemme på de nominerte kommunene." in text, text
    assert ", for første gang" not in text, text
