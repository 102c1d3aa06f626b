"""Review 5, B1: a short follow-up with an ask word and «det» in a conversation about the prize
(«hvor gjør jeg det?» after a vote answer, «og hvor skjedde det?» after one about the award) is
read in the conversation's topic (``topic_questions`` in understanding.yaml), never refused as
outside the prize; questions that only look like it («hvor er det varmest?») stay refused."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.clock import OSLO
from bot.engine.engine import Engine
from bot.engine.types import Conversation

BEFORE_2021_AWARD = datetime(2021, 11, 5, 12, tzinfo=OSLO)
DURING_2023_VOTE = datetime(2023, 10, 5, 12, tzinfo=OSLO)
TODAY = datetime(2026, 12, 5, 12, tzinfo=OSLO)
CLOCKS = [BEFORE_2021_AWARD, DURING_2023_VOTE, TODAY]
OUTSIDE = "Jeg svarer bare på spørsmål om IMDis"


def talk(engine: Engine, questions: list[str], now: datetime) -> list[str]:
    context = Conversation()
    return [engine.answer(q, now=now, context=context).text for q in questions]


@pytest.mark.parametrize("now", CLOCKS, ids=lambda c: c.date().isoformat())
@pytest.mark.parametrize(
    "turns",
    [
        ["Er det mulig å stemme nå?", "hvor gjør jeg det?"],
        ["Er avstemningen åpen?", "og hvordan gjør man det?"],
        ["Kan jeg stemme nå?", "hvor kan jeg gjøre det?"],
    ],
)
def test_vote_followup_is_where_to_vote(engine: Engine, turns: list[str], now: datetime) -> None:
    last = talk(engine, turns, now)[-1]
    assert OUTSIDE not in last, last
    assert "stemme" in last or "avstemning" in last.lower(), last


@pytest.mark.parametrize("now", CLOCKS, ids=lambda c: c.date().isoformat())
def test_award_followups_are_the_award(engine: Engine, now: datetime) -> None:
    where = talk(
        engine, ["Hvem vant i 2016?", "hvem overrakte prisen?", "og hvor skjedde det?"], now
    )
    assert "Prisen for 2016 ble delt ut" in where[-1] and "Trondheim" in where[-1], where[-1]
    when = talk(engine, ["Hvem vant i 2018?", "når skjedde det?"], now)
    assert "Prisen for 2018 ble delt ut" in when[-1], when[-1]


def test_unknown_ask_word_is_not_understood_not_outside(engine: Engine) -> None:
    last = talk(engine, ["Hvem vant i 2021?", "og hvordan gjør man det?"], TODAY)[-1]
    assert OUTSIDE not in last and last.startswith("Det skjønte jeg ikke helt"), last


@pytest.mark.parametrize(
    "turns",
    [
        ["Er det mulig å stemme nå?", "hvor er det varmest?"],
        ["Hvem vant i 2016?", "hvor er det fint å bo?"],
        ["Hvem vant i 2016?", "når er det valg?"],
    ],
)
def test_outside_questions_stay_refused(engine: Engine, turns: list[str]) -> None:
    last = talk(engine, turns, DURING_2023_VOTE)[-1]
    assert OUTSIDE in last, last
