"""/kart, /tidslinje and the picture buttons through the real Application and a fake Bot API."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from bot.clock import OSLO
from bot.pictures.cache import MAP, TIMELINE, PictureCache
from bot.settings import DEFAULT_KNOWLEDGE_DIR
from tests.fakebotapi import Call, FakeBotApi
from tests.fakebotapi import updates as U
from tests.telegram.harness import Harness, SettableClock, run_bot

CHAT = 4242
CREDIT = "Kartdata: Kartverket (CC BY 4.0)"


@pytest.fixture(scope="module")
def bot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Harness]:
    data_dir = tmp_path_factory.mktemp("picture-bot") / "data"
    clock = SettableClock(datetime(2026, 11, 23, 12, 0, tzinfo=OSLO))
    with FakeBotApi() as api:
        runner, harness = run_bot(api, clock, data_dir, DEFAULT_KNOWLEDGE_DIR)
        try:
            yield harness
        finally:
            runner.stop()


def photos(bot: Harness, update: dict, timeout: float = 30.0) -> Call:
    marker = bot.push(update)
    (call,) = bot.api.wait_for(
        "sendPhoto",
        lambda c: c.chat_id == CHAT and c.status == 200,
        timeout=timeout,
        since=marker,
    )
    return call


def cache_of(bot: Harness) -> PictureCache:
    cache = bot.services.pictures
    assert cache is not None
    return cache


def test_kart_with_year_sends_the_map_then_reuses_it(bot: Harness) -> None:
    call = photos(bot, U.message_update(CHAT, "/kart 2023"))
    caption = call.params["caption"]
    assert "Tønsberg vant Bosettings- og integreringsprisen 2023." in caption and caption.endswith(
        CREDIT
    )
    assert len(caption) <= 1024
    cache = cache_of(bot)
    kb = bot.services.holder.engine.kb
    png = cache.cached(kb, MAP, 2023, bot.clock())
    assert png is not None and call.params["_upload_bytes"] == len(png)
    renders = cache.renders
    # The handler stores Telegram's file_id right after the upload returns.
    deadline = time.monotonic() + 10
    while not bot.services.picture_file_ids and time.monotonic() < deadline:
        time.sleep(0.01)
    again = photos(bot, U.message_update(CHAT, "/kart 2023"))
    # Telegram already has the photo: the bot sends its file_id, nothing is drawn again.
    assert str(again.params["photo"]).startswith("AgACphoto")
    assert cache.renders == renders
    files = list((Path(bot.services.settings.data_dir) / "pictures").glob("kart-2023-*.png"))
    assert len(files) == 1 and files[0].read_bytes() == png


def test_kart_without_year_and_tidslinje(bot: Harness) -> None:
    everything = photos(bot, U.message_update(CHAT, "/kart"))
    assert "vinnerne" in everything.params["caption"]
    timeline = photos(bot, U.message_update(CHAT, "/tidslinje"))
    assert timeline.params["caption"].startswith("Tidslinjen viser")
    kb = bot.services.holder.engine.kb
    assert cache_of(bot).cached(kb, TIMELINE, None, bot.clock()) is not None


def test_bad_year_gets_a_polite_reply(bot: Harness) -> None:
    for text in ("/kart i fjor", "/kart 1999", "/kart <b>2023</b>"):
        (reply,) = bot.replies(CHAT, U.message_update(CHAT, text))
        assert "/kart 2023" in reply.params["text"]


def test_map_button_after_a_winner_answer_sends_that_year(bot: Harness) -> None:
    call = photos(bot, U.callback_query_update(CHAT, "p1|m|2021"))
    assert "Lørenskog vant Bosettings- og integreringsprisen 2021." in call.params["caption"]
    timeline = photos(bot, U.callback_query_update(CHAT, "p1|t|"))
    assert timeline.params["caption"].startswith("Tidslinjen viser")
    answered = bot.api.wait_for("answerCallbackQuery", count=2)
    assert len(answered) >= 2


def test_vis_pa_kart_button_under_a_winner_answer(bot: Harness) -> None:
    (answer,) = bot.say(CHAT, "hvem vant i 2021")
    assert "Lørenskog" in answer.params["text"]
    buttons = [
        button
        for row in answer.params["reply_markup"]["inline_keyboard"]
        for button in row
        if str(button.get("callback_data", "")).startswith("p1|m|")
    ]
    assert buttons, answer.params["reply_markup"]
    assert buttons[0]["callback_data"] == "p1|m|2021"
    call = photos(bot, U.callback_query_update(CHAT, buttons[0]["callback_data"]))
    assert "Lørenskog vant Bosettings- og integreringsprisen 2021." in call.params["caption"]


def picture_buttons(message: Call) -> list[str]:
    return [
        str(button.get("callback_data", ""))
        for row in message.params.get("reply_markup", {}).get("inline_keyboard", [])
        for button in row
        if str(button.get("callback_data", "")).startswith("p1|")
    ]


@pytest.mark.parametrize(
    ("question", "data", "caption"),
    [
        ("vis meg et kart", "p1|m|", "vinnerne"),
        ("vis kart for 2023", "p1|m|2023", "Tønsberg vant Bosettings- og integreringsprisen 2023."),
        ("tidslinje", "p1|t|", "Tidslinjen viser"),
        ("show me a map", "p1|m|", "vinnerne"),
    ],
)
def test_picture_questions_offer_the_same_pictures(
    bot: Harness, question: str, data: str, caption: str
) -> None:
    """Asking for a map or a timeline in words sends that very picture at once, the same one
    the button ``data`` sends."""
    asked = photos(bot, U.message_update(CHAT, question))
    assert caption in asked.params["caption"]
    call = photos(bot, U.callback_query_update(CHAT, data))
    assert call.params["caption"] == asked.params["caption"]
    # Only the map uses Kartverket's outlines, so only the map carries their credit.
    assert call.params["caption"].endswith(CREDIT) is data.startswith("p1|m|")
