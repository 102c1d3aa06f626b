"""Issue 13, second editor review: the patterns left after the first language round (figures
as forms, choppy award sentences, criteria that contradict themselves, the director now,
round lists, fact-text fragments). Each test asks questions of the class other than the
review's own examples, at the clocks where tense matters."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest

from bot.clock import OSLO
from bot.engine.engine import Engine
from bot.knowledge.loader import load_knowledge
from tests.engine.conftest import NOW

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"
DURING_2023_VOTE = datetime(2023, 10, 5, 12, tzinfo=OSLO)
BEFORE_2021_AWARD = datetime(2021, 11, 5, 12, tzinfo=OSLO)
FORM = re.compile(r"\(tall for \d{4}\)|\): \d|^[^\n]*: \d[^\n]*\(tall", re.M)


# -- figures: whole sentences built from the curator's sentence field ------------------------


@pytest.mark.parametrize(
    ("question", "number"),
    [
        ("Hvor mange flyktninger bosatte Øygarden?", "200 flyktninger"),
        ("Hvor mange bosatte Vennesla i 2022?", "over 100 flyktninger"),
        ("Hvor mange ansatte hadde flyktningtjenesten i Lørenskog?", "12 ansatte"),
        ("Hvor mange enslige mindreårige bosatte Trondheim?", "123 enslige mindreårige"),
    ],
)
def test_a_figure_is_a_whole_sentence_that_leads(
    engine: Engine, question: str, number: str
) -> None:
    answer = engine.answer(question, now=NOW)
    assert answer.intent == "place_figures", question
    first = answer.text.split("\n")[0]
    assert number in first, (question, answer.text)
    assert not FORM.search(answer.text), answer.text
    assert "Som bakgrunn" not in answer.text  # the figure asked for is no background
    assert first.endswith("."), first


def test_profile_card_figures_read_as_sentences(engine: Engine) -> None:
    for place in ("Tynset", "Arendal", "Bodø", "Trondheim"):
        answer = engine.answer(f"Fortell om {place}", now=NOW)
        assert not FORM.search(answer.text), answer.text


def test_every_figure_in_the_fact_base_has_a_sentence() -> None:
    kb = load_knowledge(KNOWLEDGE)
    missing = [
        (year, profile.entrant.name, figure.measures)
        for year, record in kb.years.items()
        for profile in record.profiles
        for figure in profile.figures
        if figure.said is None or not figure.said.endswith((".", "!", "?"))
    ]
    assert not missing
