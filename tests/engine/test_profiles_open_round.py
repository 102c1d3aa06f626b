"""While a vote is open (a copy of the fact base with 2026 opened and two profiles, as a
curator would write them): the nominees with one line each and the vote link; the bot does not
pick sides."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest

from bot.clock import OSLO
from bot.engine.engine import Engine
from tests.engine.conftest import KNOWLEDGE
from tests.engine.test_open_round import OPEN_2026

PROFILES_2026 = """\
profiles:
  Kinn:
    nominated_for:
      text: Kinn ble trukket fram for et tett samarbeid med det lokale arbeidslivet.
      source: [imdiprize24]
  Vadsø:
    nominated_for: unknown
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    target = tmp_path_factory.mktemp("open_profiles") / "knowledge"
    shutil.copytree(KNOWLEDGE, target)
    (target / "years" / "2026.yaml").write_text(OPEN_2026 + PROFILES_2026, encoding="utf-8")
    return Engine.load(Path(target))


def at(day: int, month: int = 10) -> datetime:
    return datetime(2026, month, day, 12, tzinfo=OSLO)


def test_open_vote_lists_the_nominees_with_a_line_each(engine: Engine) -> None:
    text = engine.answer("Er avstemningen åpen nå?", now=at(5)).text
    assert "\nKinn ble trukket fram" in text
    assert text.endswith(
        "Jeg vet ikke hvorfor Skedsmo (nå Lillestrøm), Grünerløkka (bydel i Oslo) og Vadsø "
        "ble nominert."
    )


def test_recommendation_is_neutral_with_lines_and_link(engine: Engine) -> None:
    answer = engine.answer("Hvem bør jeg stemme på?", now=at(5))
    assert "nøytral" in answer.text and "\nKinn ble trukket fram" in answer.text
    assert "Stem her: https://www.imdi.no/stem" in answer.text
