"""A round under way (status ``open``): built from a copy of the fact base with 2026 opened,
as a curator would write it (README «Legge til et år»)."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest

from bot.clock import OSLO
from bot.engine.engine import Engine
from bot.engine.types import Conversation
from tests.engine.conftest import KNOWLEDGE

OPEN_2026 = """\
year: 2026
label: "2026"
status: open
winner: unknown
nominees:
  names: [Kinn, Skedsmo, {name: Grünerløkka, part_of: Oslo}, Vadsø]
  source: [imdiprize24]
vote:
  public: true
  source: [imdiprize24]
  opens: {date: 2026-10-01, source: [imdiprize24]}
  closes: {date: 2026-10-12, time: "12:00", source: [imdiprize24]}
  url: {url: "https://www.imdi.no/stem", source: [imdiprize24]}
  how: {text: Du kan stemme én gang på nettsiden., source: [imdiprize24]}
decision: unknown
criteria: unknown
award: unknown
reasoning: unknown
"""


@pytest.fixture(scope="module")
def open_engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    target = tmp_path_factory.mktemp("open") / "knowledge"
    shutil.copytree(KNOWLEDGE, target)
    (target / "years" / "2026.yaml").write_text(OPEN_2026, encoding="utf-8")
    return Engine.load(Path(target))


def at(day: int, month: int = 10, hour: int = 12) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=OSLO)


def test_vote_open_now_with_closing_time_and_link(open_engine: Engine) -> None:
    answer = open_engine.answer("Er avstemningen åpen nå?", now=at(5))
    assert answer.text.startswith("Ja")
    assert "mandag 12. oktober 2026 kl. 12.00" in answer.text
    assert "https://www.imdi.no/stem" in answer.text
    assert any(f.action == "subscribe" for f in answer.followups)


def test_vote_upcoming_and_closed(open_engine: Engine) -> None:
    before = open_engine.answer("Når åpner avstemningen?", now=at(20, month=9)).text
    assert "torsdag 1. oktober 2026" in before
    after = open_engine.answer("Er avstemningen åpen nå?", now=at(12, hour=13)).text
    assert "ingen avstemning er åpen" in after and "12. oktober 2026" in after


def test_open_round_has_nominees_but_no_winner(open_engine: Engine) -> None:
    winner = open_engine.answer("Hvem vant i 2026?", now=at(5)).text
    assert "ikke kjent ennå" in winner and "Vadsø" in winner
    nominees = open_engine.answer("Hvem er nominert i år?", now=at(5)).text
    assert "Kinn" in nominees and "Skedsmo (nå Lillestrøm)" in nominees
    assert "Grünerløkka (bydel i Oslo)" in nominees


def test_open_round_context(open_engine: Engine) -> None:
    context = Conversation()
    open_engine.answer("Hvem er nominert i 2026?", now=at(5), context=context)
    assert "Sykkylven" in open_engine.answer("Og året før?", now=at(5), context=context).text
