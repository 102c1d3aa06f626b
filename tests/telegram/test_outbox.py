"""The outbox against the fake Bot API with Telegram's limits on (30/s overall, 1/s per chat,
20/min per group): the «Done means» figures of issue 14, measured on the server's clock."""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.settings import DEFAULT_KNOWLEDGE_DIR
from bot.telegram.sendslots import TELEGRAM_LIMITS
from tests.fakebotapi import Call, FakeBotApi, Fault, RateLimits
from tests.fakebotapi import updates as U
from tests.telegram.harness import Harness, SettableClock, run_bot

APOLOGY = "noe gikk galt"
PHYSICAL_RATE = 30.0


def start(api: FakeBotApi, clock: SettableClock, tmp_path: Path, engine: Any, **kw: Any):
    """The real bot with the outbox keeping Telegram's limits, the server enforcing them."""
    api.enforce_rates(RateLimits())
    return run_bot(
        api,
        clock,
        tmp_path / "data",
        DEFAULT_KNOWLEDGE_DIR,
        engine,
        send_limits=TELEGRAM_LIMITS,
        **kw,
    )


@pytest.fixture
def limited(
    api: FakeBotApi, clock: SettableClock, tmp_path: Path, shared_engine: Any
) -> Iterator[Harness]:
    runner, harness = start(api, clock, tmp_path, shared_engine)
    try:
        yield harness
    finally:
        runner.stop()


def first_answers(api: FakeBotApi, asked: dict[int, float], since: int, timeout: float) -> dict:
    """Server time of the first accepted sendMessage to each chat in ``asked``."""
    calls = api.wait_for(
        "sendMessage",
        lambda c: c.chat_id in asked and c.status == 200,
        count=len(asked),
        since=since,
        timeout=timeout,
    )
    first: dict[int, Call] = {}
    for call in calls:
        first.setdefault(call.chat_id, call)
    assert set(first) == set(asked)
    return first


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


def test_busy_chats_do_not_hold_up_the_others(limited: Harness):
    api = limited.api
    others = [3101, 3102, 3103, 3104, 3105]

    def ask_others(round_no: int) -> list[float]:
        marker = api.call_count()
        asked = {}
        for chat in others:
            asked[chat] = time.monotonic()
            api.push_update(U.message_update(chat, "hvem vant i 2014?"))
        first = first_answers(api, asked, marker, timeout=10)
        return [first[c].at - asked[c] for c in others]

    idle = ask_others(0)
    for busy in (3001, 3002, 3003):  # 18 quick questions each, under the flood limit (20/10 s)
        for n in range(18):
            api.push_update(U.message_update(busy, f"hvem vant i {2008 + n % 10}?"))
    waits: list[float] = []
    for round_no in range(1, 4):
        time.sleep(0.8)
        waits += ask_others(round_no)
    assert p99(waits) <= p99(idle) + 1.0, (idle, waits)
    assert api.rate_429s() == 0
    busy_sent = [c for c in api.calls("sendMessage") if c.chat_id in (3001, 3002, 3003)]
    assert busy_sent and all(c.status == 200 for c in busy_sent)


@pytest.mark.slow
def test_two_hundred_users_at_once_all_answered_near_the_physical_minimum(limited: Harness):
    api = limited.api
    chats = list(range(40_000, 40_200))
    marker = api.call_count()
    started = time.monotonic()
    for chat in chats:
        api.push_update(U.message_update(chat, "hvem vant i 2014?"))
    first = first_answers(api, dict.fromkeys(chats, started), marker, timeout=60)
    last = max(call.at for call in first.values()) - started
    minimum = len(chats) / PHYSICAL_RATE
    # The 1.15 × target is measured by `make bench` (outbox section), not asserted here: timings
    # on a shared 2-core machine vary. The test holds the scheduler to a bound no working
    # scheduler misses (an answer held back per chat, or a second's stall, would break it).
    assert last <= 1.5 * minimum, f"last answer after {last:.2f} s, minimum {minimum:.2f} s"
    sent = [c for c in api.calls("sendMessage")[marker:] if c.chat_id in first]
    per_chat = Counter(c.chat_id for c in sent if c.status == 200)
    assert all(n == 1 for n in per_chat.values())  # 0 lost, none twice
    assert not any(APOLOGY in c.params["text"] for c in sent)
    assert api.rate_429s() == 0


@pytest.mark.slow
def test_retry_after_is_waited_out_in_full_and_the_answer_arrives(limited: Harness):
    api = limited.api
    chat, bystander = 3201, 3202
    api.add_fault(Fault("429", method="sendMessage", chat_id=chat, retry_after=30))
    marker = limited.push(U.message_update(chat, "hvem vant i 2014?"))
    [refused] = api.wait_for("sendMessage", lambda c: c.status == 429, since=marker)
    limited.push(U.message_update(bystander, "hvem vant i 2015?"))
    answers = api.wait_for(
        "sendMessage",
        lambda c: c.chat_id in (chat, bystander) and c.status == 200,
        count=2,
        since=marker,
        timeout=45,
    )
    by_chat = {c.chat_id: c for c in answers}
    assert "Drammen" in by_chat[chat].params["text"]
    for call in answers:  # every chat waited the full 30 s, as Telegram asked
        assert call.at - refused.at >= 30.0
    assert api.rate_429s() == 0


def test_answer_older_than_its_lifetime_is_dropped_and_logged(
    api: FakeBotApi, clock: SettableClock, tmp_path: Path, shared_engine: Any, caplog
):
    caplog.set_level(logging.WARNING, "bot.telegram.outbox")
    runner, bot = start(api, clock, tmp_path, shared_engine, env={"BOT_ANSWER_LIFETIME": "2"})
    try:
        chat = 3301
        api.add_fault(Fault("429", method="sendMessage", chat_id=chat, retry_after=5))
        marker = bot.push(U.message_update(chat, "hvem vant i 2014?"))
        api.wait_for("sendMessage", lambda c: c.status == 429, since=marker)
        deadline = time.monotonic() + 5
        while bot.services.outbox.stats.dropped == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert bot.services.outbox.stats.dropped == 1
        dropped = [r.getMessage() for r in caplog.records if "dropped" in r.getMessage()]
        assert dropped and "retry_after 5" in dropped[0]
        assert [c.status for c in bot.sent_to(chat, since=marker)] == [429]  # no apology
    finally:
        runner.stop()


def test_lost_response_is_not_resent_and_not_apologised_for(limited: Harness):
    api = limited.api
    chat = 3401
    api.add_fault(Fault("lost", method="sendMessage", chat_id=chat))
    marker = limited.push(U.message_update(chat, "hvem vant i 2014?"))
    [delivered] = api.wait_for("sendMessage", lambda c: c.chat_id == chat, since=marker)
    assert "Drammen" in delivered.params["text"]  # Telegram has it; the bot never heard back
    sent = limited.sent_to(chat, since=marker, settle=1.5)
    assert len(sent) == 1 and not any(APOLOGY in c.params["text"] for c in sent)
    assert limited.services.outbox.stats.uncertain == 1
    [later] = limited.say(chat, "hvem vant i 2015?")  # the chat goes on as normal
    assert "2015" in later.params["text"]


def test_late_button_press_still_gets_its_answer(limited: Harness):
    api = limited.api
    chat = 3501
    [reply] = limited.say(chat, "hvem vant i 2014?")
    api.add_fault(Fault("old_query", method="answerCallbackQuery"))
    marker = limited.push(
        U.callback_query_update(chat, "p1|q|hvem vant i 2015?", message_obj=reply.result)
    )
    [toast] = api.wait_for("answerCallbackQuery", since=marker)
    assert toast.status == 400 and "too old" in toast.result["description"]
    [answer] = api.wait_for(
        "sendMessage", lambda c: c.chat_id == chat and c.status == 200, since=marker
    )
    assert "2015" in answer.params["text"] and APOLOGY not in answer.params["text"]


def test_confirmation_on_a_vanished_message_comes_as_a_new_message(limited: Harness):
    api = limited.api
    chat = 3502
    [confirm] = limited.say(chat, "/slettmeg")
    yes = confirm.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    api.add_fault(Fault("400", method="editMessageText"))  # «message to edit not found»
    api.add_fault(Fault("old_query", method="answerCallbackQuery"))
    marker = limited.push(U.callback_query_update(chat, yes, message_obj=confirm.result))
    [done] = api.wait_for(
        "sendMessage", lambda c: c.chat_id == chat and c.status == 200, since=marker
    )
    assert "slettet" in done.params["text"]


def test_forged_confirmation_deletes_nothing(limited: Harness):
    chat = 3503
    limited.say(chat, "/abonner")
    db = limited.services.db
    stale = limited.services.texts.get("refusals.stale_button")
    for forged in ("p1|dy|", "p1|dy|0123456789abcdef", "p1|dy"):
        marker = limited.push(U.callback_query_update(chat, forged))
        [toast] = limited.api.wait_for("answerCallbackQuery", since=marker)
        assert toast.params.get("text") == stale
    assert db.execute("SELECT active FROM subscribers WHERE chat_id = ?", (chat,)).fetchone()[0]
    # A token issued to another chat does not work here either.
    [confirm] = limited.say(3504, "/slettmeg")
    other = confirm.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    marker = limited.push(U.callback_query_update(chat, other))
    limited.api.wait_for("answerCallbackQuery", since=marker)
    assert limited.sent_to(chat, since=marker, settle=0.5) == []
    assert db.execute("SELECT active FROM subscribers WHERE chat_id = ?", (chat,)).fetchone()[0]


def test_flood_gets_exactly_one_notice_delivered_and_the_rest_dropped_early(limited: Harness):
    api = limited.api
    chat = 3601
    marker = api.call_count()
    for n in range(50):  # 50 messages at once (the bot's clock stands still: all in 10 s)
        api.push_update(U.message_update(chat, f"hvem vant i {2008 + n % 10}?"))
    notice_text = limited.services.texts.get("refusals.flood")[:20]
    [notice] = api.wait_for(
        "sendMessage",
        lambda c: c.chat_id == chat and c.status == 200 and notice_text in c.params["text"],
        since=marker,
        timeout=10,
    )
    sent = limited.sent_to(chat, since=marker, settle=1.0)
    assert sum(notice_text in c.params["text"] for c in sent) == 1
    assert all(c.status == 200 for c in sent)
    # 20 answers and one notice entered the outbox; the other 29 messages stopped at the gate.
    assert limited.services.outbox.stats.submitted == 21
    assert notice.at - api.calls()[marker].at < 5.0  # ahead of the flooder's own backlog
