"""Issue 13, fifth editor review (time): the vote between its close and the award says when it
was open and how people voted together, before the award (T1); one truth about when the 2021
vote opened (K2); no curator remark in parentheses in award places (B2); a year on every span
(B10); past rounds' criteria in the past (B12). Other questions, years and clocks of each class
than the review's examples, and the examples."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.clock import OSLO
from bot.engine.engine import Engine
from bot.engine.types import Conversation

BEFORE_2021_AWARD = datetime(2021, 11, 5, 12, tzinfo=OSLO)
AFTER_2021_VOTE = datetime(2021, 11, 15, 12, tzinfo=OSLO)
AFTER_2023_VOTE = datetime(2023, 10, 20, 12, tzinfo=OSLO)
AFTER_2023_AWARD = datetime(2023, 10, 31, 12, tzinfo=OSLO)
TODAY = datetime(2026, 12, 5, 12, tzinfo=OSLO)
CLOCKS = (
    BEFORE_2021_AWARD,
    AFTER_2021_VOTE,
    datetime(2023, 10, 5, 12, tzinfo=OSLO),
    AFTER_2023_VOTE,
    AFTER_2023_AWARD,
    datetime(2025, 10, 15, 12, tzinfo=OSLO),
    TODAY,
)


def say(engine: Engine, question: str, now: datetime) -> str:
    return engine.answer(question, now=now, context=Conversation()).text


def body(text: str) -> list[str]:
    return [line for line in text.split("\n") if line and not line.startswith(("Kilder", "–", "+"))]


# -- T1: between the close and the award ---------------------------------------------------


@pytest.mark.parametrize("question", ["Hvordan stemmer jeg?", "hvor kan man stemme?"])
@pytest.mark.parametrize("now", [AFTER_2023_VOTE, datetime(2023, 10, 12, 9, tzinfo=OSLO)])
def test_how_to_vote_after_the_close_says_the_span_then_how_then_the_award(
    engine: Engine, question: str, now: datetime
) -> None:
    lines = body(say(engine, question, now))
    assert lines[0] == "Avstemningen for 2023 var åpen fra 2. oktober til 11. oktober.", lines
    assert lines[1] == "Da kunne publikum stemme på imdi.no.", lines
    assert lines[2].startswith("Vinneren for 2023 kåres mandag 30. oktober"), lines


def test_how_to_vote_after_a_close_without_opening_day_has_no_da(engine: Engine) -> None:
    lines = body(say(engine, "Hvordan stemmer jeg?", AFTER_2021_VOTE))
    assert lines[0] == "Avstemningen for 2021 stengte 11. november.", lines
    assert lines[1] == "Publikum kunne stemme på én av de nominerte.", lines
    assert lines[2].startswith("Vinneren for 2021 kåres"), lines
    assert not any(line.startswith("Da ") for line in lines)


# -- K2: one truth about when the 2021 vote opened ------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Er avstemningen åpen nå?",
        "Hvordan stemmer jeg?",
        "Når åpner avstemningen?",
        "Når stenger avstemningen i 2021?",
        "Kan jeg stemme nå?",
    ],
)
def test_the_2021_opening_is_told_the_same_way_everywhere(engine: Engine, question: str) -> None:
    text = say(engine, question, BEFORE_2021_AWARD)
    assert "skulle avstemningen åpne i begynnelsen av november 2021" in text, text
    assert "åpnet i begynnelsen" not in text, text


# -- B2: no parenthesised curator remark in award places -------------------------------------


@pytest.mark.parametrize("year", range(2008, 2026))
@pytest.mark.parametrize(
    "question", ["Hvor ble prisen for {year} delt ut?", "Når var utdelingen for {year}?"]
)
def test_award_answers_have_no_parenthesised_remark(
    engine: Engine, year: int, question: str
) -> None:
    text = "\n".join(body(say(engine, question.format(year=year), TODAY)))
    for remark in ("(trolig", "(ifølge", "skrev i etterkant"):
        assert remark not in text, text


def test_the_2018_place_is_said_in_whole_sentences(engine: Engine) -> None:
    lines = body(say(engine, "Når ble prisen for 2018 delt ut?", AFTER_2023_AWARD))
    assert (
        lines[0] == "Prisen for 2018 ble delt ut 13. februar 2019 på IMDis integreringskonferanse."
    )
    assert "Oslo" in lines[1] and "Gardermoen" in lines[1] and "(" not in lines[1], lines


# -- B10 and B12 ---------------------------------------------------------------------------


def test_the_acting_directors_span_has_its_year(engine: Engine) -> None:
    text = say(engine, "Hvem er direktør i IMDi?", TODAY)
    assert "fra 2. mai til 31. august 2022" in text, text


@pytest.mark.parametrize("year", [2023, 2024])
def test_past_criteria_use_the_past_in_reported_speech(engine: Engine, year: int) -> None:
    text = say(engine, f"Hva var kriteriene for {year}?", TODAY)
    assert "myndighetene ba om" in text, text
    assert "myndighetene ber om" not in text, text
