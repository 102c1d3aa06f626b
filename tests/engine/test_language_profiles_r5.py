"""Review 5 (issue 13), profiles and passages: no pseudo headings (P1–P3), what was said
first when the question asks what someone said, figures that say who counted (K3)."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.clock import OSLO
from bot.engine.engine import Engine

DURING_2023 = datetime(2023, 10, 5, 12, tzinfo=OSLO)
AFTER_2023 = datetime(2023, 10, 31, 12, tzinfo=OSLO)
LATE = datetime(2026, 12, 5, 12, tzinfo=OSLO)


def _lines(engine: Engine, question: str, now: datetime) -> list[str]:
    return engine.answer(question, now=now).text.split("\nKilder:")[0].splitlines()


@pytest.mark.parametrize(
    ("question", "now"),
    [
        ("Stemte folk på vinneren i 2021?", DURING_2023),
        ("Hva sa ordføreren i Moss da de vant?", LATE),
        ("Hvilke tjenester er samlet i integreringsenheten i Harstad?", LATE),
        ("fortell om boligene i Molde", AFTER_2023),
    ],
)
def test_passage_answers_have_no_pseudo_heading(
    engine: Engine, question: str, now: datetime
) -> None:
    lines = _lines(engine, question, now)
    assert lines and not any(line.startswith("Her er det jeg vet") for line in lines), lines


@pytest.mark.parametrize(
    ("question", "mayor"),
    [
        ("Hva sa ordføreren i Moss da de vant?", "Simen Nord"),
        ("Hva sa ordføreren i Tønsberg da de vant?", "Frank Pedersen"),
        ("Hva sa ordføreren i Kinn da de vant?", "Ola Teigen"),
    ],
)
def test_what_someone_said_comes_first(engine: Engine, question: str, mayor: str) -> None:
    lines = _lines(engine, question, LATE)
    assert mayor in lines[0] and "tok imot" not in lines[0], lines
