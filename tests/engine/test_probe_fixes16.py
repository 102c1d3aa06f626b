"""Classes of questions fixed after probe set 16, each tested with wordings the set does not use,
through the real engine over the real fact base."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.clock import OSLO
from bot.engine.engine import Engine
from bot.engine.types import Conversation
from tests.engine.conftest import NOW


def talk(engine: Engine, *questions: str, now: datetime = NOW):
    """The answers to ``questions`` asked in one conversation."""
    context = Conversation()
    return [engine.answer(q, now=now, context=context) for q in questions]


# -- when a municipality was nominated for the first time: its nominations --------------------


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("Når var Tromsø nominert for første gang?", "2018"),
        ("kva år vart Harstad nominert fyrste gong?", "2021"),
        ("Hvilket år ble Drammen nominert for første gang?", "2013"),
    ],
)
def test_first_nomination_of_a_municipality(engine: Engine, question: str, first: str) -> None:
    answer = engine.answer(question, now=NOW)
    assert answer.matched and answer.intent == "place_nominated", answer.text
    assert first in answer.text, answer.text


# -- «hvor mange ganger» + nominated + a municipality (named or talked about) ----------------


def test_times_nominated_of_the_municipality_talked_about(engine: Engine) -> None:
    """«de» after a year's winner is the municipality, not the year's nominee count."""
    first, times, other = talk(
        engine, "Hvem vant i 2014?", "kor mange gonger har dei vore nominerte?", "og Sunndal?"
    )
    assert "Drammen" in first.text
    assert times.intent == "place_nominated", times.text
    assert "tre ganger" in times.text and "2021" in times.text, times.text
    assert other.intent == "place_nominated", other.text
    assert "Sunndal" in other.text and "2013" in other.text, other.text


# -- a bare «før»/«etter» at the end: the year talked about is the pivot ----------------------


def test_won_before_the_year_talked_about(engine: Engine) -> None:
    _, before = talk(engine, "Hvem fikk prisen for 2016?", "hadde de vunnet den før?")
    assert before.intent == "place_won", before.text
    assert before.text.startswith("Nei"), before.text
    assert "før 2016" in before.text, before.text


def test_won_before_keeps_the_year_asked_not_the_year_answered(engine: Engine) -> None:
    """The nominations answer in between names 2018; «før» still means before 2021."""
    _, _, won = talk(
        engine, "Hvem vant i 2021?", "når var de nominert?", "hadde de vunnet noen gang før?"
    )
    assert "før 2021" in won.text, won.text


def test_before_without_a_conversation_is_ever(engine: Engine) -> None:
    answer = engine.answer("Har Grimstad vunnet før?", now=NOW)
    assert answer.text.startswith("Ja") and "2015" in answer.text, answer.text


# -- «når/hvor deles prisen ut?» without a year while a round is planned at an event ----------


def test_award_without_year_names_the_planned_event_of_the_round_under_way(
    engine: Engine,
) -> None:
    now = datetime(2020, 2, 20, 12, 0, tzinfo=OSLO)
    answer = engine.answer("Hvor blir prisutdelingen?", now=now)
    assert answer.matched and answer.intent in ("award", "next_award"), answer.text
    assert "integreringskonferanse" in answer.text and "4. mai" in answer.text, answer.text


def test_award_without_year_outside_a_round_is_the_general_pattern(engine: Engine) -> None:
    answer = engine.answer("Når skal prisen deles ut?", now=NOW)
    assert "årskonferanse" in answer.text, answer.text


# -- an award whose day and place are unknown: tense by whether the round is decided ----------


@pytest.mark.parametrize(
    ("question", "now", "verb"),
    [  # 2025 before its award (the date is known only from the winner's article): ahead
        ("Når blir årets pris delt ut?", datetime(2025, 10, 20, 12, 0, tzinfo=OSLO), "deles ut"),
        ("Når er utdelinga i år?", NOW, "deles ut"),
        ("Når ble prisen for 2012 delt ut?", NOW, "ble delt ut"),
    ],
)
def test_unknown_award_tense_follows_the_clock(
    engine: Engine, question: str, now: datetime, verb: str
) -> None:
    answer = engine.answer(question, now=now)
    assert answer.intent in ("award", "next_award"), answer.text
    assert "Jeg vet ikke når og hvor" in answer.text and verb in answer.text, answer.text
