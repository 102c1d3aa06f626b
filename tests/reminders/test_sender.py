"""The sender against the fake Bot API server: limits, 429, 403, migration, retries."""

from __future__ import annotations

import asyncio
from collections import Counter

from telegram import Bot

from bot.reminders.limiter import FloodLimiter
from bot.reminders.sender import STOP_CALLBACK, Sender, stop_keyboard
from bot.storage import subscriptions as store
from tests.fakebotapi import FakeBotApi, Fault, RateLimits
from tests.reminders.helpers import SettableClock, make_bot, oslo

NOW = oslo(2027, 10, 8, 12, 0)


def subscribe_all(conn, chats) -> None:  # type: ignore[no-untyped-def]
    for chat in chats:
        store.subscribe(conn, chat, "group" if chat < 0 else "private", oslo(2027, 9, 1))


def make_sender(bot: Bot, conn, rate: float = 200.0, **kw) -> Sender:  # type: ignore[no-untyped-def]
    return Sender(bot, conn, SettableClock(NOW), FloodLimiter(rate), backoff_base=0.01, **kw)


def sent_counter(api: FakeBotApi) -> Counter[int]:
    return Counter(int(c.chat_id) for c in api.calls("sendMessage") if c.status == 200)


async def test_delivers_once_each_with_the_stop_button(api, bot, conn) -> None:  # type: ignore[no-untyped-def]
    chats = list(range(1, 21))
    subscribe_all(conn, chats)
    sender = make_sender(bot, conn)
    report = await sender.deliver("r1", chats, "Husk å stemme!", stop_keyboard("Stopp påminnelser"))
    assert report.sent == 20 and report.failed == 0
    assert sent_counter(api) == Counter(chats)
    call = api.calls("sendMessage")[0]
    button = call.params["reply_markup"]["inline_keyboard"][0][0]
    assert button == {"text": "Stopp påminnelser", "callback_data": STOP_CALLBACK}
    assert store.delivery_counts(conn, "r1") == {"sent": 20}
    again = await sender.deliver("r1", chats, "Husk å stemme!")
    assert again.sent == 0 and again.already == 20
    assert len(api.calls("sendMessage")) == 20


async def test_429_storm_pauses_everyone_and_loses_nothing(api, bot, conn) -> None:  # type: ignore[no-untyped-def]
    chats = list(range(1, 31))
    subscribe_all(conn, chats)
    api.add_fault(Fault("429", method="sendMessage", times=3, retry_after=1))
    sender = make_sender(bot, conn)
    report = await sender.deliver("r1", chats, "Hei")
    assert report.sent == 30 and report.rate_limited == 3
    assert sent_counter(api) == Counter(chats)
    calls = api.calls("sendMessage")
    refused = [c.at for c in calls if c.status == 429]
    accepted = [c.at for c in calls if c.status == 200]
    # After a 429 nobody starts a new send before retry_after has passed; only requests
    # already on the wire when the 429 arrived (a few ms) may land in between.
    for at in refused:
        assert not [t for t in accepted if at + 0.1 < t < at + 0.99]
    assert max(accepted) >= max(refused) + 0.99


async def test_server_rate_limits_are_respected(api, bot, conn) -> None:  # type: ignore[no-untyped-def]
    chats = list(range(1, 41))
    subscribe_all(conn, chats)
    api.enforce_rates(RateLimits(overall_per_second=20, per_chat_per_second=1))
    sender = make_sender(bot, conn, rate=20)
    report = await sender.deliver("r1", chats, "Hei")
    assert report.sent == 40
    assert api.rate_429s() == 0
    assert sent_counter(api) == Counter(chats)


async def test_403_deactivates_and_400_fails(api, bot, conn) -> None:  # type: ignore[no-untyped-def]
    subscribe_all(conn, [1, 2, 3])
    api.add_fault(Fault("403", method="sendMessage", chat_id=2, times=None))
    api.add_fault(Fault("400", method="sendMessage", chat_id=3, description="Bad Request: x"))
    report = await make_sender(bot, conn).deliver("r1", [1, 2, 3], "Hei")
    assert (report.sent, report.inactive, report.failed) == (1, 1, 1)
    assert store.list_active(conn) == [1, 3]
    assert store.delivery_state(conn, 2, "r1") == "failed"
    assert store.delivery_state(conn, 3, "r1") == "failed"
    assert len([c for c in api.calls("sendMessage") if c.chat_id == 3]) == 1  # not retried


async def test_group_migration_is_followed(api, bot, conn) -> None:  # type: ignore[no-untyped-def]
    subscribe_all(conn, [-100, 5])
    api.add_fault(Fault("migrate", method="sendMessage", chat_id=-100, new_chat_id=-100777))
    report = await make_sender(bot, conn).deliver("r1", [-100, 5], "Hei")
    assert report.sent == 2 and report.migrated == 1
    assert sent_counter(api) == Counter({-100777: 1, 5: 1})
    assert store.list_active(conn) == [-100777, 5]
    assert store.delivery_state(conn, -100777, "r1") == "sent"
    again = await make_sender(bot, conn).deliver("r1", store.list_active(conn), "Hei")
    assert again.sent == 0


async def test_5xx_is_retried_but_a_lost_response_is_never_resent(api, conn) -> None:  # type: ignore[no-untyped-def]
    # 502: Telegram answered, so the message surely did not go out → retried with backoff.
    # A read timeout: the request reached Telegram and the message may have arrived → it is
    # marked sent (at most once) and counted uncertain, not sent a second time.
    subscribe_all(conn, [1, 2, 3])
    api.add_fault(Fault("502", method="sendMessage", chat_id=1, times=2))
    api.add_fault(Fault("timeout", method="sendMessage", chat_id=2, delay=1.0))
    api.add_fault(Fault("lost", method="sendMessage", chat_id=3))
    from telegram.request import HTTPXRequest

    request = HTTPXRequest(connection_pool_size=8, read_timeout=0.3)
    async with Bot(
        "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw_", base_url=api.base_url, request=request
    ) as quick:
        sender = make_sender(quick, conn)
        report = await sender.deliver("r1", [1, 2, 3], "Hei")
        again = await sender.deliver("r1", store.pending_chats(conn, "r1", NOW), "Hei")
    assert report.sent == 1 and report.uncertain == 2 and report.retries == 2
    assert store.delivery_counts(conn, "r1") == {"sent": 3}
    assert again.total == 0  # nothing left for the next pass
    calls = Counter(int(c.chat_id) for c in api.calls("sendMessage"))
    assert calls == Counter({1: 3, 2: 1, 3: 1})


async def test_telegram_down_defers_to_the_next_pass(api, bot, conn) -> None:  # type: ignore[no-untyped-def]
    subscribe_all(conn, [1, 2, 3])
    api.add_fault(Fault("500", method="sendMessage", times=None))
    sender = make_sender(bot, conn, concurrency=1)
    report = await sender.deliver("r1", [1, 2, 3], "Hei")
    assert report.deferred == 1 and report.retries == 6 and report.stopped_early
    assert report.sent == report.failed == 0
    assert store.delivery_counts(conn, "r1") == {}  # nothing marked failed for good
    assert store.pending_chats(conn, "r1", NOW) == [1, 2, 3]
    api.clear_faults()  # Telegram is back: the next pass delivers everything
    again = await sender.deliver("r1", store.pending_chats(conn, "r1", NOW), "Hei")
    assert again.sent == 3 and store.delivery_counts(conn, "r1") == {"sent": 3}


async def test_stop_request_leaves_the_rest_pending(api, conn) -> None:  # type: ignore[no-untyped-def]
    chats = list(range(1, 51))
    subscribe_all(conn, chats)
    async with make_bot(api.base_url) as bot:
        sender = make_sender(bot, conn, rate=50, concurrency=2)
        task = asyncio.create_task(sender.deliver("r1", chats, "Hei"))
        await asyncio.sleep(0.2)
        sender.request_stop()
        report = await task
    assert report.stopped_early and 0 < report.sent < 50
    assert len(store.pending_chats(conn, "r1", NOW)) == 50 - report.sent


def test_limiter_spacing_per_chat_and_per_group() -> None:
    now = [0.0]
    limiter = FloodLimiter(10, margin=0.0, monotonic=lambda: now[0])
    slots = [limiter._reserve(chat) for chat in (1, 2, 3)]
    assert slots == [0.0, 0.1, 0.2]
    assert limiter._reserve(1) == 1.0  # 1 per second per chat
    group = [limiter._reserve(-5) for _ in range(21)]
    assert group[19] - group[0] < 60 and group[20] - group[0] >= 60.0  # 20 per minute
    limiter.pause(30)
    assert limiter._reserve(9) >= 30.0


async def test_a_stop_during_retries_gives_the_claim_back_at_once(api, bot, conn) -> None:  # type: ignore[no-untyped-def]
    # Shutting down while Telegram answers 5xx: no more backoff rounds (the HTTP client is
    # about to close), the claim is released, nothing is marked failed.
    subscribe_all(conn, [1, 2, 3])
    api.add_fault(Fault("500", method="sendMessage", times=None))
    sender = make_sender(bot, conn, concurrency=1)
    sender.backoff_base = 5.0  # 5 + 10 + 20 + … s if the stop were ignored
    task = asyncio.create_task(sender.deliver("r1", [1, 2, 3], "Hei"))
    await asyncio.to_thread(api.wait_for, "sendMessage", None, 5)
    sender.request_stop()
    report = await asyncio.wait_for(task, timeout=3)
    assert report.deferred == 1 and report.retries == 1 and report.stopped_early
    assert len(api.calls("sendMessage")) == 1
    assert store.delivery_counts(conn, "r1") == {}
    assert store.pending_chats(conn, "r1", NOW) == [1, 2, 3]


async def test_migration_to_a_supergroup_that_already_has_it_sends_nothing_more(
    api, bot, conn
) -> None:  # type: ignore[no-untyped-def]
    # The old group and its supergroup are both subscribed (someone ran /abonner in the new
    # one before the bot saw the upgrade); the supergroup already got the reminder.
    subscribe_all(conn, [-100, -100777])
    assert store.claim(conn, -100777, "r1", NOW)
    store.mark(conn, -100777, "r1", "sent", NOW, message_id=9)
    api.add_fault(Fault("migrate", method="sendMessage", chat_id=-100, new_chat_id=-100777))
    report = await make_sender(bot, conn).deliver("r1", [-100], "Hei")
    assert (report.sent, report.already) == (0, 1)
    assert [int(c.chat_id) for c in api.calls("sendMessage")] == [-100]  # the refused try
    assert store.list_active(conn) == [-100777]
    assert store.delivery_counts(conn, "r1") == {"sent": 1}
