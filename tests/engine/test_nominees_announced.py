"""When the nominees are announced (time-aware class found weak by probe set 14), with new
questions at several clocks: the round's nominees, or what is known about when they come."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.clock import OSLO
from bot.engine.engine import Engine
from tests.engine.conftest import NOW


def at(year: int, month: int, day: int) -> datetime:
    return datetime(year, month, day, 12, 0, tzinfo=OSLO)


# -- time_aware: when the nominees are announced ------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Når blir årets nominerte offentliggjort?",
        "When will the nominees be announced this year?",
        "når kunngjøres de nominerte for 2024?",
    ],
)
def test_when_nominees_come_in_a_round_without_nominees(engine: Engine, question: str) -> None:
    answer = engine.answer(question, now=at(2024, 8, 1))
    assert answer.matched and answer.intent == "nominees", answer.text
    assert "september" in answer.text


def test_when_nominees_come_in_a_round_with_nominees_names_them(engine: Engine) -> None:
    answer = engine.answer("Når ble årets nominerte kjent?", now=at(2023, 10, 5))
    assert answer.intent == "nominees", answer.text
    assert all(name in answer.text for name in ("Harstad", "Molde", "Ullensvang"))
    assert "30. oktober" in answer.text  # the winner is still to be announced


def test_when_nominees_come_without_a_year_says_what_is_known(engine: Engine) -> None:
    answer = engine.answer("Når blir nominasjonene kjent?", now=NOW)
    assert answer.matched and answer.intent == "nomination", answer.text
    assert "januar 2020" in answer.text and "september" in answer.text


def test_when_a_place_was_nominated_is_still_its_own_question(engine: Engine) -> None:
    answer = engine.answer("når ble Harstad nominert?", now=NOW)
    assert answer.intent == "place_nominated", answer.text
