"""The service with an injected clock: restarts, misfires, reloads, broadcasts, the loop."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import date, time

from telegram import Bot

from bot.knowledge.models import KnowledgeBase
from bot.reminders.service import ReminderService
from bot.storage import subscriptions as store
from bot.storage.database import connect
from tests.fakebotapi import FakeBotApi, Fault
from tests.reminders.helpers import SettableClock, make_bot, oslo, window_kb

WINDOW = ((date(2027, 10, 1), time(10, 0)), (date(2027, 10, 11), time(12, 0)))


def service_for(bot: Bot, conn, kb, clock, **kw) -> ReminderService:  # type: ignore[no-untyped-def]
    holder = kb if callable(kb) else (lambda: kb)
    return ReminderService(bot, conn, holder, clock, send_rate=200, backoff_base=0.01, **kw)


def texts_by_chat(api: FakeBotApi) -> Counter[tuple[int, str]]:
    return Counter(
        (int(c.chat_id), c.params["text"]) for c in api.calls("sendMessage") if c.status == 200
    )


async def test_restart_between_scheduling_and_sending(api, db_path) -> None:  # type: ignore[no-untyped-def]
    kb = window_kb(*WINDOW)
    clock = SettableClock(oslo(2027, 9, 20, 12, 0))
    conn = connect(db_path)
    for chat in (1, 2, 3):
        store.subscribe(conn, chat, "private", clock())
    async with make_bot(api.base_url) as bot:
        first = service_for(bot, conn, kb, clock)
        assert first.next_reminder().reminder_id == "2027:opens:2027-10-01"
        assert await first.run_due() == []
        conn.close()  # the bot stops before the reminder is due …
        clock.set(oslo(2027, 10, 1, 10, 0, 30))  # … and starts again once it is
        conn = connect(db_path)
        second = service_for(bot, conn, kb, clock)
        [report] = await second.run_due()
        assert report.sent == 3
        assert await second.run_due() == []  # finished: nothing is sent twice
    sent = texts_by_chat(api)
    assert sorted(chat for chat, _ in sent) == [1, 2, 3] and set(sent.values()) == {1}
    text = next(iter(sent))[1]
    assert "er åpen" in text and "mandag 11. oktober 2027 kl. 12.00" in text
    conn.close()


async def test_late_send_before_deadline_and_skip_after(api, bot, conn) -> None:  # type: ignore[no-untyped-def]
    kb = window_kb(*WINDOW)
    clock = SettableClock(oslo(2027, 9, 1))
    store.subscribe(conn, 1, "private", clock())
    # Down from before «opens» (1 Oct) to 11 Oct 11:00: all three reminders are overdue but
    # the vote is still open → only the latest goes out, late; the older ones are superseded
    # (no «Det er tre dager igjen» an hour before the close, no three messages at once).
    clock.set(oslo(2027, 10, 11, 11, 0))
    service = service_for(bot, conn, kb, clock)
    reports = await service.run_due()
    assert [r.delivery_id for r in reports] == ["2027:last-day-09:2027-10-11"]
    [call] = api.calls("sendMessage")
    assert call.params["text"].startswith("Siste dag!")
    for rid in ("2027:opens:2027-10-01", "2027:closes-3d:2027-10-08"):
        assert store.delivery_state(conn, 1, rid) == "skipped"
        assert store.meta_get(conn, "reminder:" + rid)["state"] == "skipped"
    assert await service.run_due() == []
    assert len(api.calls("sendMessage")) == 1
    # Another subscriber whose reminders were never sent, and the bot is back after the close.
    conn.execute("DELETE FROM deliveries WHERE reminder_id LIKE '2027:last-day%'")
    conn.execute("DELETE FROM meta")
    clock.set(oslo(2027, 10, 11, 12, 0))
    assert await service.run_due() == []
    assert len(api.calls("sendMessage")) == 1
    assert store.delivery_state(conn, 1, "2027:last-day-09:2027-10-11") == "skipped"
    assert store.meta_get(conn, "reminder:2027:last-day-09:2027-10-11")["state"] == "skipped"


async def test_new_subscribers_do_not_get_reminders_due_before_they_subscribed(
    api, bot, conn
) -> None:  # type: ignore[no-untyped-def]
    kb = window_kb(*WINDOW)
    clock = SettableClock(oslo(2027, 10, 2))
    store.subscribe(conn, 9, "private", clock())
    service = service_for(bot, conn, kb, clock)
    await service.run_due()
    assert api.calls("sendMessage") == []
    clock.set(oslo(2027, 10, 8, 12, 0))
    await service.run_due()
    assert [int(c.chat_id) for c in api.calls("sendMessage")] == [9]


async def test_reload_moves_the_window_without_restart(api, bot, conn) -> None:  # type: ignore[no-untyped-def]
    current: dict[str, KnowledgeBase] = {"kb": window_kb(*WINDOW, version="a")}
    clock = SettableClock(oslo(2027, 10, 2))
    store.subscribe(conn, 1, "private", oslo(2027, 9, 1))
    service = service_for(bot, conn, lambda: current["kb"], clock)
    await service.run_due()  # the «opens» reminder (late but open)
    assert service.next_reminder().reminder_id == "2027:closes-3d:2027-10-08"
    # The curator moves the close to 15 October 18:00 and reloads.
    current["kb"] = window_kb(WINDOW[0], (date(2027, 10, 15), time(18, 0)), version="b")
    nxt = service.next_reminder()
    assert nxt.reminder_id == "2027:closes-3d:2027-10-12" and nxt.due_at == oslo(2027, 10, 12, 18)
    clock.set(oslo(2027, 10, 8, 12, 0))  # the old due time: nothing goes out
    assert await service.run_due() == []
    clock.set(oslo(2027, 10, 12, 18, 0))
    [report] = await service.run_due()
    assert report.delivery_id == "2027:closes-3d:2027-10-12"
    texts = [c.params["text"] for c in api.calls("sendMessage")]
    assert len(texts) == 2 and "fredag 15. oktober 2027 kl. 18.00" in texts[1]


async def test_broadcast_after_confirmation_reaches_every_active_subscriber(api, bot, conn) -> None:  # type: ignore[no-untyped-def]
    clock = SettableClock(oslo(2027, 5, 1))
    for chat in (1, 2, 3):
        store.subscribe(conn, chat, "private", clock())
    store.stop(conn, 3, clock())
    service = service_for(bot, conn, window_kb(*WINDOW), clock, admin_ids=frozenset({77}))
    item = service.broadcasts.create("Viktig: ny frist!", 77)
    assert await service.run_due() == []  # not confirmed yet
    assert service.broadcasts.confirm(item.broadcast_id) is not None
    assert service.broadcasts.confirm(item.broadcast_id) is None  # a second press does nothing
    [report] = await service.run_due()
    assert report.sent == 2
    sent = texts_by_chat(api)
    assert sent[(1, "Viktig: ny frist!")] == 1 and sent[(2, "Viktig: ny frist!")] == 1
    assert any(chat == 77 and "ferdig" in text for chat, text in sent)
    assert service.broadcasts.get(item.broadcast_id).status == "done"
    assert await service.run_due() == []
    cancelled = service.broadcasts.create("Nei", 77)
    assert service.broadcasts.cancel(cancelled.broadcast_id).status == "cancelled"
    assert service.broadcasts.confirm(cancelled.broadcast_id) is None
    assert service.broadcasts.get("../x") is None


async def test_send_test_and_status(api, bot, conn) -> None:  # type: ignore[no-untyped-def]
    clock = SettableClock(oslo(2027, 9, 1))
    service = service_for(bot, conn, window_kb(*WINDOW), clock)
    reminder, result = await service.send_test(77)
    assert reminder is not None and result is not None and result.state == "sent"
    [call] = api.calls("sendMessage")
    assert call.chat_id == 77 and call.params["text"].startswith("[TEST] ")
    assert store.delivery_counts(conn, reminder.reminder_id) == {}  # not in the ledger
    assert service.describe_next() == "fredag 1. oktober 2027 kl. 10.00 (opens, 2027)"
    assert service.subscriber_count() == 0
    empty = service_for(bot, conn, window_kb(None, None), clock)
    assert await empty.send_test(77) == (None, None)
    assert empty.describe_next() is None


async def test_old_rounds_are_history(api, bot, conn) -> None:  # type: ignore[no-untyped-def]
    clock = SettableClock(oslo(2028, 1, 1))
    store.subscribe(conn, 1, "private", oslo(2027, 1, 1))
    service = service_for(bot, conn, window_kb(*WINDOW), clock)
    assert await service.run_due() == []
    assert conn.execute("SELECT count(*) FROM deliveries").fetchone()[0] == 0


async def test_the_loop_sends_when_due_and_stops_cleanly(api, bot, conn) -> None:  # type: ignore[no-untyped-def]
    clock = SettableClock(oslo(2027, 9, 30))
    store.subscribe(conn, 1, "private", clock())
    store.claim(conn, 1, "2027:opens:2027-10-01", clock())  # left «sending» by a crash
    service = service_for(bot, conn, window_kb(*WINDOW), clock, max_sleep=0.2)
    await service.start()
    assert service.released == [(1, "2027:opens:2027-10-01")]
    await asyncio.sleep(0.3)
    assert api.calls("sendMessage") == []
    clock.set(oslo(2027, 10, 1, 10, 0))
    service.wake()
    await asyncio.to_thread(api.wait_for, "sendMessage", None, 5)
    await service.stop()
    assert store.delivery_state(conn, 1, "2027:opens:2027-10-01") == "sent"


async def test_the_loop_follows_a_reload_without_wake(api, bot, conn) -> None:  # type: ignore[no-untyped-def]
    current: dict[str, KnowledgeBase] = {"kb": window_kb(*WINDOW, version="a")}
    clock = SettableClock(oslo(2027, 10, 5, 12, 0))
    store.subscribe(conn, 1, "private", oslo(2027, 9, 1))
    store.meta_set(conn, "reminder:2027:opens:2027-10-01", {"state": "done"})
    service = service_for(bot, conn, lambda: current["kb"], clock, version_poll=0.1)
    await service.start()
    await asyncio.sleep(0.3)
    assert api.calls("sendMessage") == []  # next: 8 October, three days ahead
    # A curator moves the close to 7 October 12:00: «3 days before» is now overdue.
    current["kb"] = window_kb(WINDOW[0], (date(2027, 10, 7), time(12, 0)), version="b")
    [call] = await asyncio.to_thread(api.wait_for, "sendMessage", None, 5)
    await service.stop()
    assert "torsdag 7. oktober 2027 kl. 12.00" in call.params["text"]


async def test_due_times_hold_across_the_autumn_dst_change(api, bot, conn) -> None:  # type: ignore[no-untyped-def]
    # Closes Monday 1 November 2027 12:00 CET; summer time ended Sunday 31 October 03:00.
    kb = window_kb((date(2027, 10, 20), time(10, 0)), (date(2027, 11, 1), time(12, 0)))
    store.subscribe(conn, 1, "private", oslo(2027, 10, 1))
    store.meta_set(conn, "reminder:2027:opens:2027-10-20", {"state": "done"})
    clock = SettableClock(oslo(2027, 10, 29, 11, 59, 59))  # CEST, one second early
    service = service_for(bot, conn, kb, clock)
    assert await service.run_due() == []
    clock.set(oslo(2027, 10, 29, 12, 0))
    [three] = await service.run_due()
    assert three.delivery_id == "2027:closes-3d:2027-10-29"
    # 1 November 08:59 CET is 07:59 UTC: still early, although it is 09:59 in CEST terms.
    clock.set(oslo(2027, 11, 1, 8, 59))
    assert await service.run_due() == []
    assert service.next_reminder().due_at.utcoffset().total_seconds() == 3600
    clock.set(oslo(2027, 11, 1, 9, 0))
    [last] = await service.run_due()
    assert last.delivery_id == "2027:last-day-09:2027-11-01"
    assert len(api.calls("sendMessage")) == 2


async def test_window_moved_earlier_after_a_reminder_does_not_repeat_it(api, bot, conn) -> None:  # type: ignore[no-untyped-def]
    current: dict[str, KnowledgeBase] = {"kb": window_kb(*WINDOW, version="a")}
    store.subscribe(conn, 1, "private", oslo(2027, 9, 1))
    store.meta_set(conn, "reminder:2027:opens:2027-10-01", {"state": "done"})
    clock = SettableClock(oslo(2027, 10, 8, 12, 0))
    service = service_for(bot, conn, lambda: current["kb"], clock)
    [first] = await service.run_due()
    assert first.delivery_id == "2027:closes-3d:2027-10-08" and first.sent == 1
    store.subscribe(conn, 2, "private", oslo(2027, 10, 8, 13, 0))  # joins after it went out
    # The curator moves the close two days earlier (to 9 Oct 12:00): «3 days before» is now
    # 6 Oct, overdue. Chat 1 already got it; chat 2 subscribed after 6 Oct → neither gets it.
    current["kb"] = window_kb(WINDOW[0], (date(2027, 10, 9), time(12, 0)), version="b")
    clock.set(oslo(2027, 10, 8, 14, 0))
    assert await service.run_due() == []
    assert len(api.calls("sendMessage")) == 1
    assert store.delivery_state(conn, 1, "2027:closes-3d:2027-10-06") == "skipped"
    # The last day reminder comes on the new day and says «i dag» (issue 13), to both.
    clock.set(oslo(2027, 10, 9, 9, 0))
    [last] = await service.run_due()
    assert last.sent == 2
    assert all("i dag kl. 12.00" in c.params["text"] for c in api.calls("sendMessage")[1:])


async def test_window_moved_later_after_a_reminder_sends_it_again(api, bot, conn) -> None:  # type: ignore[no-untyped-def]
    current: dict[str, KnowledgeBase] = {"kb": window_kb(*WINDOW, version="a")}
    store.subscribe(conn, 1, "private", oslo(2027, 9, 1))
    store.meta_set(conn, "reminder:2027:opens:2027-10-01", {"state": "done"})
    clock = SettableClock(oslo(2027, 10, 8, 12, 0))
    service = service_for(bot, conn, lambda: current["kb"], clock)
    await service.run_due()
    # The vote is extended by a week: «Det er tre dager igjen» is true again, with the new date.
    current["kb"] = window_kb(WINDOW[0], (date(2027, 10, 18), time(12, 0)), version="b")
    clock.set(oslo(2027, 10, 15, 12, 0))
    [again] = await service.run_due()
    assert again.delivery_id == "2027:closes-3d:2027-10-15" and again.sent == 1
    assert "mandag 18. oktober 2027" in api.calls("sendMessage")[-1].params["text"]


async def test_a_reminder_due_during_a_long_broadcast_goes_out_first(api, bot, conn) -> None:  # type: ignore[no-untyped-def]
    chats = list(range(1, 81))
    for chat in chats:
        store.subscribe(conn, chat, "private", oslo(2027, 9, 1))
    store.meta_set(conn, "reminder:2027:opens:2027-10-01", {"state": "done"})
    clock = SettableClock(oslo(2027, 10, 8, 11, 59))
    service = ReminderService(
        bot, conn, lambda: window_kb(*WINDOW), clock, send_rate=50, max_sleep=0.2, concurrency=8
    )
    item = service.broadcasts.create("Nyhet fra IMDi", 77)
    await service.start()
    service.broadcasts.confirm(item.broadcast_id)
    await asyncio.to_thread(api.wait_for, "sendMessage", None, 10, 15)
    clock.set(oslo(2027, 10, 8, 12, 0))  # «Det er tre dager igjen» is due mid-broadcast
    service.wake()
    done = await asyncio.to_thread(
        api.wait_for, "sendMessage", lambda c: c.params["text"].startswith("Det er tre"), 10, 80
    )
    calls = api.calls("sendMessage")
    broadcast_at_reminder_end = sum(1 for c in calls if c.params["text"] == "Nyhet fra IMDi")
    assert len(done) == 80
    assert broadcast_at_reminder_end < 80  # the reminder did not wait for the broadcast
    first = next(i for i, c in enumerate(calls) if c.params["text"].startswith("Det er tre"))
    last = max(i for i, c in enumerate(calls) if c.params["text"].startswith("Det er tre"))
    interleaved = [c for c in calls[first:last] if c.params["text"] == "Nyhet fra IMDi"]
    assert len(interleaved) <= 8  # at most what was already waiting for a slot
    await asyncio.to_thread(
        api.wait_for, "sendMessage", lambda c: c.params["text"] == "Nyhet fra IMDi", 10, 80
    )
    await asyncio.to_thread(api.wait_for, "sendMessage", lambda c: int(c.chat_id) == 77, 10)
    await service.stop()
    sent = texts_by_chat(api)
    assert all(sent[(chat, "Nyhet fra IMDi")] == 1 for chat in chats)
    assert sum(1 for (_, text), n in sent.items() if text.startswith("Det er tre") and n == 1) == 80


async def test_group_migrated_between_listing_and_sending_gets_it_once(api, bot, conn) -> None:  # type: ignore[no-untyped-def]
    for chat in (-300, -100):
        store.subscribe(conn, chat, "group", oslo(2027, 9, 1))
    store.meta_set(conn, "reminder:2027:opens:2027-10-01", {"state": "done"})
    api.add_fault(Fault("timeout", method="sendMessage", chat_id=-300, delay=0.5))
    clock = SettableClock(oslo(2027, 10, 8, 12, 0))
    service = service_for(bot, conn, window_kb(*WINDOW), clock, concurrency=1)
    run = asyncio.create_task(service.run_due())
    await asyncio.to_thread(api.wait_for, "sendMessage", lambda c: int(c.chat_id) == -300, 5)
    # While -300 is being sent, -100 becomes a supergroup (its service message arrives).
    store.migrate_chat(conn, -100, -100777, clock())
    [report] = await run
    assert report.sent == 1 and report.already == 1
    assert store.meta_get(conn, "reminder:2027:closes-3d:2027-10-08") is None  # not done yet
    [again] = await service.run_due()  # the next pass follows the new id
    assert again.sent == 1
    assert Counter(int(c.chat_id) for c in api.calls("sendMessage")) == Counter(
        {-300: 1, -100777: 1}
    )
    assert store.meta_get(conn, "reminder:2027:closes-3d:2027-10-08")["state"] == "done"
