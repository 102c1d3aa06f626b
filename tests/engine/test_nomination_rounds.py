"""Review 5, B4: «sist» / «første gang» about a municipality's nominations means one round.
«hvorfor ble de nominert sist?» answers for the latest nomination only (so «hvem vant det
året?» after it is that one year), and «det året de ble nominert første gang» / «året Asker
sist var nominert» (``first_nomination_clauses`` / ``last_nomination_clauses``) is that year,
as if written («hvem vant …» then gets the winner, not the nominee lists)."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.clock import OSLO
from bot.engine.engine import Engine
from bot.engine.types import Conversation

DURING_2023_VOTE = datetime(2023, 10, 5, 12, tzinfo=OSLO)
TODAY = datetime(2026, 12, 5, 12, tzinfo=OSLO)
CLOCKS = [DURING_2023_VOTE, TODAY]


def talk(engine: Engine, questions: list[str], now: datetime) -> list[str]:
    context = Conversation()
    return [engine.answer(q, now=now, context=context).text for q in questions]


@pytest.mark.parametrize("now", CLOCKS, ids=lambda c: c.date().isoformat())
def test_why_nominated_last_is_one_round(engine: Engine, now: datetime) -> None:
    why, won = talk(
        engine, ["Fortell om Bodø", "hvorfor ble de nominert sist?", "hvem vant det året?"], now
    )[1:]
    assert why.startswith("Bodø ble nominert for 2022."), why
    assert "2018" not in why and "2009" not in why, why
    assert won.startswith("Kinn vant") and "2018" not in won, won


def test_why_nominated_first(engine: Engine) -> None:
    text = talk(engine, ["Hvorfor ble Bodø nominert første gang?"], TODAY)[0]
    assert "2009" in text and "2022" not in text, text


@pytest.mark.parametrize("now", CLOCKS, ids=lambda c: c.date().isoformat())
@pytest.mark.parametrize(
    ("turns", "lead"),
    [
        (["Fortell om Asker", "og hvem vant det året de ble nominert første gang?"], "Bærum vant"),
        (["Fortell om Rælingen", "hvem vant året de sist var nominert?"], "Kinn vant"),
        (["Hvem vant året Bergen ble nominert første gang?"], "Levanger vant"),
    ],
)
def test_winner_of_the_nomination_year(
    engine: Engine, turns: list[str], lead: str, now: datetime
) -> None:
    last = talk(engine, turns, now)[-1]
    assert last.startswith(lead), last
    assert "\n" not in last, last  # one round, not every nomination's list
