"""Subscriptions and the delivery ledger on a real SQLite file."""

from __future__ import annotations

import pytest

from bot.storage import subscriptions as store
from tests.reminders.helpers import oslo

T0 = oslo(2027, 9, 1, 12, 0)
T1 = oslo(2027, 9, 2, 12, 0)


def test_subscribe_twice_is_harmless_and_stop_reactivate(conn) -> None:  # type: ignore[no-untyped-def]
    assert store.subscribe(conn, 42, "private", T0) is True
    assert store.subscribe(conn, 42, "private", T1) is False
    assert store.list_active(conn) == [42]
    row = conn.execute("SELECT subscribed_at FROM subscribers WHERE chat_id = 42").fetchone()
    assert row[0] == store.timestamp(T0)  # the second /abonner changed nothing
    assert store.stop(conn, 42, T1) is True
    assert store.stop(conn, 42, T1) is False
    assert store.active_count(conn) == 0
    assert store.subscribe(conn, 42, "private", T1) is True
    row = conn.execute("SELECT subscribed_at, inactive_reason FROM subscribers").fetchone()
    assert row[0] == store.timestamp(T1) and row[1] is None


def test_times_are_stored_in_utc_so_text_order_is_time_order(conn) -> None:  # type: ignore[no-untyped-def]
    winter = oslo(2027, 11, 1, 0, 30)  # +01:00
    summer = oslo(2027, 10, 31, 2, 30)  # +02:00 … earlier instant, later wall text order?
    store.subscribe(conn, 1, "private", summer)
    store.subscribe(conn, 2, "private", winter)
    assert store.pending_chats(conn, "r", oslo(2027, 10, 31, 12, 0)) == [1]
    assert store.timestamp(winter).endswith("+00:00")


def test_migration_keeps_history(conn) -> None:  # type: ignore[no-untyped-def]
    store.subscribe(conn, -100, "group", T0)
    assert store.claim(conn, -100, "r1", T0)
    store.mark(conn, -100, "r1", "sent", T0, message_id=5)
    store.migrate_chat(conn, -100, -1001234, T1)
    assert store.list_active(conn) == [-1001234]
    assert store.delivery_state(conn, -1001234, "r1") == "sent"
    assert store.delivery_state(conn, -100, "r1") is None
    assert not store.claim(conn, -1001234, "r1", T1)  # already delivered before migrating


def test_ledger_claim_is_exactly_once_and_release_in_flight(conn) -> None:  # type: ignore[no-untyped-def]
    for chat in (1, 2, 3):
        store.subscribe(conn, chat, "private", T0)
    assert store.pending_chats(conn, "r1", T1) == [1, 2, 3]
    assert store.claim(conn, 1, "r1", T1) is True
    assert store.claim(conn, 1, "r1", T1) is False
    store.mark(conn, 1, "r1", "sent", T1)
    assert store.claim(conn, 2, "r1", T1) is True  # then the process "crashes"
    assert store.pending_chats(conn, "r1", T1) == [3]
    assert store.release_in_flight(conn) == [(2, "r1")]
    assert store.pending_chats(conn, "r1", T1) == [2, 3]
    assert store.delivery_counts(conn, "r1") == {"sent": 1}
    with pytest.raises(ValueError):
        store.mark(conn, 1, "r1", "lost", T1)


def test_only_subscribers_from_before_the_due_time_are_pending(conn) -> None:  # type: ignore[no-untyped-def]
    store.subscribe(conn, 1, "private", T0)
    store.subscribe(conn, 2, "private", T1)
    assert store.pending_chats(conn, "r", T0) == [1]
    assert store.skip_pending(conn, "r", T0, T1, "deadline passed") == 1
    assert store.delivery_state(conn, 1, "r") == "skipped"
    assert store.pending_chats(conn, "r", T0) == []


def test_deactivate_and_forget(conn) -> None:  # type: ignore[no-untyped-def]
    store.subscribe(conn, 7, "private", T0)
    store.claim(conn, 7, "r", T0)
    assert store.deactivate(conn, 7, "blocked", T1)
    assert not store.is_active(conn, 7)
    assert store.forget_chat(conn, 7) == 2
    assert conn.execute("SELECT count(*) FROM deliveries").fetchone()[0] == 0
    assert store.forget_chat(conn, 7) == 0


def test_meta_round_trip(conn) -> None:  # type: ignore[no-untyped-def]
    assert store.meta_get(conn, "broadcast:a") is None
    store.meta_set(conn, "broadcast:a", {"text": "Hei æøå", "status": "pending"})
    store.meta_set(conn, "broadcast:a", {"text": "Hei æøå", "status": "done"})
    store.meta_set(conn, "other", 1)
    assert store.meta_items(conn, "broadcast:") == [
        ("broadcast:a", {"text": "Hei æøå", "status": "done"})
    ]


def test_a_chat_that_stopped_during_a_long_run_is_not_claimed(conn) -> None:  # type: ignore[no-untyped-def]
    for chat in (1, 2):
        store.subscribe(conn, chat, "private", T0)
    listed = store.pending_chats(conn, "r", T1)  # the run lists both …
    store.stop(conn, 2, T1)  # … then chat 2 sends /stopp before its turn
    assert listed == [1, 2]
    assert store.claim(conn, 1, "r", T1) is True
    assert store.claim(conn, 2, "r", T1) is False
    assert store.claim(conn, 3, "r", T1) is False  # never subscribed (forged or deleted)
    assert store.delivery_state(conn, 2, "r") is None


def test_resubscribing_after_slettmeg_or_a_block_gets_only_later_reminders(conn) -> None:  # type: ignore[no-untyped-def]
    # Decision: a new subscription starts at the moment of /abonner. Reminders due before it
    # (already sent or not) are not sent, even though /slettmeg deleted their ledger rows.
    store.subscribe(conn, 5, "private", T0)
    store.subscribe(conn, 6, "private", T0)
    for chat in (5, 6):
        assert store.claim(conn, chat, "2027:opens:2027-09-02", T1)
        store.mark(conn, chat, "2027:opens:2027-09-02", "sent", T1)
    later = oslo(2027, 9, 3, 8, 0)
    assert store.forget_chat(conn, 5) == 2
    assert store.deactivate(conn, 6, "kicked", later)  # my_chat_member: blocked
    assert store.subscribe(conn, 5, "private", later) is True
    assert store.subscribe(conn, 6, "private", later) is True  # unblocked + /abonner
    assert store.pending_chats(conn, "2027:opens:2027-09-02", T1) == []
    assert store.pending_chats(conn, "2027:closes-3d:2027-09-05", oslo(2027, 9, 5)) == [5, 6]


def test_skip_already_reminded_only_for_an_earlier_date_of_the_same_rule(conn) -> None:  # type: ignore[no-untyped-def]
    for chat in (1, 2, 3):
        store.subscribe(conn, chat, "private", T0)
    store.claim(conn, 1, "2027:closes-3d:2027-10-08", T1)
    store.mark(conn, 1, "2027:closes-3d:2027-10-08", "sent", T1)
    store.claim(conn, 2, "2027:closes-3d:2027-10-08", T1)
    store.mark(conn, 2, "2027:closes-3d:2027-10-08", "failed", T1)
    store.claim(conn, 3, "2027:last-day-09:2027-10-11", T1)
    store.mark(conn, 3, "2027:last-day-09:2027-10-11", "sent", T1)
    prefix = "2027:closes-3d:"
    assert store.skip_already_reminded(conn, "2027:closes-3d:2027-10-12", prefix, T1) == 0
    assert store.skip_already_reminded(conn, "2027:closes-3d:2027-10-06", prefix, T1) == 1
    assert store.delivery_state(conn, 1, "2027:closes-3d:2027-10-06") == "skipped"
    assert store.pending_chats(conn, "2027:closes-3d:2027-10-06", T1) == [2, 3]
