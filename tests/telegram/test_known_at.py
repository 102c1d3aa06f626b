"""The three date contradictions of issue 10, through the real Application: the chat, the
map and the reminders agree on what was known at the bot's clock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest

from bot.clock import OSLO
from bot.settings import DEFAULT_KNOWLEDGE_DIR
from tests.fakebotapi import FakeBotApi
from tests.fakebotapi import updates as U
from tests.telegram.harness import Harness, SettableClock, run_bot

CHAT = 5151
BEFORE_MOSS = datetime(2025, 10, 15, 12, 0, tzinfo=OSLO)
CLOSE_ONLY = datetime(2021, 11, 5, 12, 0, tzinfo=OSLO)


@pytest.fixture(scope="module")
def bot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Harness]:
    data_dir = tmp_path_factory.mktemp("known-at-bot") / "data"
    clock = SettableClock(BEFORE_MOSS)
    with FakeBotApi() as api:
        runner, harness = run_bot(api, clock, data_dir, DEFAULT_KNOWLEDGE_DIR)
        try:
            yield harness
        finally:
            runner.stop()


def text_of(bot: Harness, message: str) -> str:
    (call,) = bot.say(CHAT, message)
    return str(call.params["text"])


def test_before_the_2025_award_chat_and_map_agree_that_moss_has_not_won(bot: Harness) -> None:
    bot.clock.now = BEFORE_MOSS
    assert "Moss vant" not in text_of(bot, "Hvem vant i 2025?")
    has_won = text_of(bot, "Har Moss vunnet?")
    year_before = text_of(bot, "Hvem vant året før Moss?")
    assert "ikke vunnet" in has_won and "ikke vunnet" in year_before, year_before
    marker = bot.push(U.message_update(CHAT, "/kart 2025"))
    (photo,) = bot.api.wait_for(
        "sendPhoto", lambda c: c.chat_id == CHAT and c.status == 200, timeout=60, since=marker
    )
    assert "Moss" not in photo.params["caption"]


def test_a_close_only_window_is_not_open_in_the_chat_nor_in_the_subscription(
    bot: Harness,
) -> None:
    bot.clock.now = CLOSE_ONLY
    status = text_of(bot, "Er avstemningen åpen nå?")
    assert "åpen nå" not in status and "11. november 2021" in status, status
    subscribed = text_of(bot, "/abonner")
    assert "er åpen nå" not in subscribed, subscribed
