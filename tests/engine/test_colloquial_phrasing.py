"""Colloquial phrasings found by probe set 18 (each test uses other questions of the class)."""

from __future__ import annotations

import pytest

from bot.engine.engine import Engine
from bot.engine.types import Conversation
from tests.engine.conftest import NOW


@pytest.mark.parametrize(
    ("question", "winner"),
    [
        ("kven vann busetjingskåringa i 2014", "Drammen"),
        ("hvem vant bosettingsgreia i 2010", "Kristiansand"),
        ("Hvem tok integreringsdingsen til IMDi i 2013?", "Hammerfest"),
    ],
)
def test_own_prize_colloquial_compound_is_not_another_contest(
    engine: Engine, question: str, winner: str
) -> None:
    """A made-up compound on this prize's own name («integrerings-greia») is this prize."""
    answer = engine.answer(question, now=NOW)
    assert answer.matched and winner in answer.text, answer.text


def test_unknown_contest_is_still_refused(engine: Engine) -> None:
    answer = engine.answer("hvem vant stjernekamp i 2022", now=NOW)
    assert not answer.matched
    assert "Kinn" not in answer.text


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("kva fekk Kinn prisen for", "reasoning"),
        ("Hva vant Bærum for?", "reasoning"),
        ("Hva ble Harstad nominert for?", "nominated_why"),
        ("For kva vart Voss nominert?", "nominated_why"),
    ],
)
def test_stranded_for_asks_the_reason(engine: Engine, question: str, intent: str) -> None:
    """«hva … for?» with a verb of winning or nomination asks why."""
    answer = engine.answer(question, now=NOW)
    assert answer.matched and answer.intent == intent, (answer.intent, answer.text)


def test_stranded_for_without_such_verb_is_not_a_reason(engine: Engine) -> None:
    answer = engine.answer("hva står imdi for", now=NOW)
    assert answer.intent != "reasoning"


@pytest.mark.parametrize(
    ("question", "winner"),
    [
        ("Jeg bor på Stord, men hvem vant i 2016?", "Trondheim"),
        ("Vi har fint vær her på Hamar, men hvem vant i 2015?", "Grimstad"),
        ("Beklager at jeg maser, men hvem vant i 2011?", "Kragerø"),
    ],
)
def test_remark_before_men_is_not_part_of_the_question(
    engine: Engine, question: str, winner: str
) -> None:
    """«<remark>, men <question>?»: a place in the remark does not change the question."""
    answer = engine.answer(question, now=NOW)
    assert answer.matched and winner in answer.text, answer.text


@pytest.mark.parametrize(
    ("turns", "expected"),
    [
        (["Hvem vant i 2021?", "hvem tok imot?", "når var seremonien?"], "19. november"),
        (["Hvem vant i 2022?", "Når ble den delt ut da?"], "17. november"),
        (["kven vann i 2018?", "kva tid vart ho delt ut?"], "13. februar"),
    ],
)
def test_ceremony_follow_up_keeps_the_year(engine: Engine, turns: list[str], expected: str) -> None:
    """«Når ble den delt ut?» after a question about one year: that year's ceremony."""
    context = Conversation()
    answer = None
    for turn in turns:
        answer = engine.answer(turn, now=NOW, context=context)
    assert answer is not None and answer.intent == "award" and expected in answer.text, (
        answer and answer.text
    )


def test_since_when_follow_up_is_not_that_years_ceremony(engine: Engine) -> None:
    context = Conversation()
    engine.answer("Hvem vant i 2018?", now=NOW, context=context)
    answer = engine.answer("siden når har den blitt delt ut?", now=NOW, context=context)
    assert "2008" in answer.text


@pytest.mark.parametrize(
    ("question", "expected", "wrong"),
    [
        ("Hvem var nominert i 2021? Sorry, 2022.", "Haugesund", "Lillestrøm"),
        ("hvem vant i 2010. eg meinte 2011", "Kragerø", "Kristiansand"),
    ],
)
def test_correction_after_the_question_replaces_its_year(
    engine: Engine, question: str, expected: str, wrong: str
) -> None:
    """«…? Nei vent, jeg mente 2016»: the corrected year only."""
    answer = engine.answer(question, now=NOW)
    assert expected in answer.text and wrong not in answer.text, answer.text


def test_second_year_without_correction_is_still_asked(engine: Engine) -> None:
    answer = engine.answer("Hvem vant i 2013? Og 2014?", now=NOW)
    assert "Hammerfest" in answer.text and "Drammen" in answer.text


def test_corrected_year_is_the_year_of_the_conversation(engine: Engine) -> None:
    context = Conversation()
    engine.answer("Hvem vant i 2021? Nei vent, jeg mente 2022.", now=NOW, context=context)
    answer = engine.answer("hvem tok imot?", now=NOW, context=context)
    assert "Teigen" in answer.text and "Bergheim" not in answer.text, answer.text
