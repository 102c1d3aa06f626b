"""Fuzzing the Telegram input path through the real bot (hypothesis, bounded examples): free
text, callback data and inline queries never let an exception escape — every message gets a
reply, every button press an answer, every inline query its cards."""

from __future__ import annotations

import itertools
import logging
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fakebotapi import Call
from tests.fakebotapi import updates as U
from tests.telegram.harness import Harness

FUZZ = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
NOISE = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=120)
_chats = itertools.count(61_000)


def no_handler_errors(caplog) -> bool:
    return not [
        r for r in caplog.records if r.name == "bot.telegram.errors" and r.levelno >= logging.ERROR
    ]


@FUZZ
@given(text=NOISE.filter(lambda t: not t.lstrip().startswith("/")))
def test_free_text_always_gets_a_reply(bot: Harness, caplog, text: str) -> None:
    chat = next(_chats)
    bot.clock.advance(seconds=1)
    marker = bot.push(U.message_update(chat, text))
    reply = _first_reply(bot, chat, marker)  # a text, or a picture («TIMELI» → the timeline)
    assert reply.status == 200
    if reply.method == "sendMessage":
        assert reply.params["text"] and "noe gikk galt" not in reply.params["text"]
    assert no_handler_errors(caplog)


def _first_reply(bot: Harness, chat: int, since: int, timeout: float = 8.0) -> Call:
    """The bot's first message or picture to ``chat`` after ``since`` (bounded wait)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for call in bot.api.calls()[since:]:
            if call.chat_id == chat and call.method in ("sendMessage", "sendPhoto"):
                return call
        time.sleep(0.02)
    raise TimeoutError(f"no reply to chat {chat}")


@FUZZ
@given(data=st.one_of(NOISE, st.builds(lambda t: "p1|" + t, NOISE)))
def test_any_callback_data_gets_an_answer(bot: Harness, caplog, data: str) -> None:
    chat = next(_chats)
    data = data.encode("utf-8")[:64].decode("utf-8", "ignore") or "x"
    marker = bot.push(U.callback_query_update(chat, data))
    [answered] = bot.api.wait_for("answerCallbackQuery", since=marker)
    assert answered.status == 200
    assert no_handler_errors(caplog)


@FUZZ
@given(query=st.one_of(st.just(""), NOISE))
def test_any_inline_query_gets_cards(bot: Harness, caplog, query: str) -> None:
    marker = bot.push(U.inline_query_update(next(_chats), query[:256]))
    [cards] = bot.api.wait_for("answerInlineQuery", since=marker)
    assert cards.status == 200, cards.result
    assert no_handler_errors(caplog)
