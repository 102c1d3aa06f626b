"""Subscribers and the delivery ledger in SQLite (schema v1 in ``bot.storage.database``).

Times are stored as UTC ISO-8601 strings (``2027-10-08T07:00:00+00:00``) so that they compare
correctly as text. ``subscribers.subscribed_at`` is the start of the *current* subscription
(re-subscribing after /stopp or a block restarts it); a reminder goes only to subscribers whose
subscription started before it was due.

Ledger protocol (exactly once in practice): :func:`claim` inserts ``(chat, reminder)`` as
``sending`` in its own transaction *before* the message is sent; :func:`mark` records the
outcome afterwards. A row already present means "already handled" and is never sent again.
After a crash, rows still ``sending`` are the only messages whose fate is unknown;
:func:`release_in_flight` (called once at start-up) deletes them so they are sent again — a
message in flight at the crash may thus arrive twice, nothing is ever lost.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any


class DeliveryState(StrEnum):
    """The state of one ``(chat, reminder)`` row in the delivery ledger (the CHECK in schema v1).

    A :class:`StrEnum`, so it is stored as its text and compares equal to it."""

    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    SKIPPED = "skipped"


STATES = tuple(DeliveryState)


def timestamp(moment: datetime) -> str:
    """UTC text form used in the database (aware datetimes only)."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime")
    return moment.astimezone(UTC).isoformat(timespec="seconds")


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """``BEGIN IMMEDIATE`` … ``COMMIT`` (``ROLLBACK`` on any error)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


# ---- subscribers ------------------------------------------------------------------------------
def subscribe(conn: sqlite3.Connection, chat_id: int, chat_type: str, now: datetime) -> bool:
    """Subscribe or re-activate a chat; True when it was not already active (idempotent)."""
    ts = timestamp(now)
    with transaction(conn):
        row = conn.execute(
            "SELECT active FROM subscribers WHERE chat_id = ?", (chat_id,)
        ).fetchone()
        if row is None:
            conn.execute(
                "INSERT INTO subscribers (chat_id, chat_type, active, subscribed_at, updated_at)"
                " VALUES (?, ?, 1, ?, ?)",
                (chat_id, chat_type, ts, ts),
            )
            return True
        if row["active"]:
            return False
        conn.execute(
            "UPDATE subscribers SET active = 1, chat_type = ?, subscribed_at = ?, updated_at = ?,"
            " inactive_reason = NULL WHERE chat_id = ?",
            (chat_type, ts, ts, chat_id),
        )
        return True


def deactivate(conn: sqlite3.Connection, chat_id: int, reason: str, now: datetime) -> bool:
    """Mark a chat inactive (``stopped``, ``blocked``, ``kicked`` …); True if it was active."""
    with transaction(conn):
        cur = conn.execute(
            "UPDATE subscribers SET active = 0, inactive_reason = ?, updated_at = ?"
            " WHERE chat_id = ? AND active = 1",
            (reason, timestamp(now), chat_id),
        )
        return cur.rowcount > 0


def stop(conn: sqlite3.Connection, chat_id: int, now: datetime) -> bool:
    """The chat asked to stop (/stopp or the button); True if it was active."""
    return deactivate(conn, chat_id, "stopped", now)


def is_active(conn: sqlite3.Connection, chat_id: int) -> bool:
    row = conn.execute("SELECT active FROM subscribers WHERE chat_id = ?", (chat_id,)).fetchone()
    return bool(row and row["active"])


def active_count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM subscribers WHERE active = 1").fetchone()[0])


def list_active(conn: sqlite3.Connection) -> list[int]:
    """Chat ids of every active subscriber, ascending."""
    rows = conn.execute("SELECT chat_id FROM subscribers WHERE active = 1 ORDER BY chat_id")
    return [int(r[0]) for r in rows]


def migrate_chat(conn: sqlite3.Connection, old_id: int, new_id: int, now: datetime) -> None:
    """A group became a supergroup: move its subscription and delivery history to ``new_id``."""
    ts = timestamp(now)
    with transaction(conn):
        if conn.execute("SELECT 1 FROM subscribers WHERE chat_id = ?", (new_id,)).fetchone():
            conn.execute("DELETE FROM subscribers WHERE chat_id = ?", (old_id,))
        else:
            conn.execute(
                "UPDATE subscribers SET chat_id = ?, chat_type = 'supergroup', updated_at = ?"
                " WHERE chat_id = ?",
                (new_id, ts, old_id),
            )
        conn.execute(
            "UPDATE OR IGNORE deliveries SET chat_id = ? WHERE chat_id = ?", (new_id, old_id)
        )
        conn.execute("DELETE FROM deliveries WHERE chat_id = ?", (old_id,))


def forget_chat(conn: sqlite3.Connection, chat_id: int) -> int:
    """Delete everything stored about a chat (/slettmeg); returns the number of rows deleted."""
    with transaction(conn):
        a = conn.execute("DELETE FROM subscribers WHERE chat_id = ?", (chat_id,)).rowcount
        b = conn.execute("DELETE FROM deliveries WHERE chat_id = ?", (chat_id,)).rowcount
    return a + b


# ---- delivery ledger --------------------------------------------------------------------------
def claim(conn: sqlite3.Connection, chat_id: int, delivery_id: str, now: datetime) -> bool:
    """Record ``(chat, delivery)`` as ``sending``; False when it was already handled or the
    chat is no longer an active subscriber (it sent /stopp or blocked the bot during a long
    run that had listed it)."""
    with transaction(conn):
        cur = conn.execute(
            "INSERT OR IGNORE INTO deliveries (chat_id, reminder_id, state, attempted_at)"
            " SELECT ?, ?, 'sending', ? WHERE EXISTS"
            " (SELECT 1 FROM subscribers WHERE chat_id = ? AND active = 1)",
            (chat_id, delivery_id, timestamp(now), chat_id),
        )
        return cur.rowcount > 0


def mark(
    conn: sqlite3.Connection,
    chat_id: int,
    delivery_id: str,
    state: DeliveryState | str,
    now: datetime,
    message_id: int | None = None,
    error: str | None = None,
) -> None:
    """Record the outcome of a claimed delivery (``sent``, ``failed`` or ``skipped``)."""
    if state not in STATES:
        raise ValueError(f"unknown delivery state {state!r}")
    state = DeliveryState(state)
    with transaction(conn):
        conn.execute(
            "UPDATE deliveries SET state = ?, delivered_at = ?, message_id = ?, error = ?"
            " WHERE chat_id = ? AND reminder_id = ?",
            (state, timestamp(now), message_id, error, chat_id, delivery_id),
        )


def release(conn: sqlite3.Connection, chat_id: int, delivery_id: str) -> bool:
    """Give back a claim that was not sent (Telegram unreachable): it will be pending again."""
    with transaction(conn):
        cur = conn.execute(
            "DELETE FROM deliveries WHERE chat_id = ? AND reminder_id = ? AND state = 'sending'",
            (chat_id, delivery_id),
        )
        return cur.rowcount > 0


def pending_chats(
    conn: sqlite3.Connection, delivery_id: str, subscribed_before: datetime
) -> list[int]:
    """Active chats subscribed at or before ``subscribed_before`` with no ledger row yet."""
    rows = conn.execute(
        "SELECT chat_id FROM subscribers s WHERE active = 1 AND subscribed_at <= ?"
        " AND NOT EXISTS (SELECT 1 FROM deliveries d"
        "  WHERE d.chat_id = s.chat_id AND d.reminder_id = ?) ORDER BY chat_id",
        (timestamp(subscribed_before), delivery_id),
    )
    return [int(r[0]) for r in rows]


def skip_pending(
    conn: sqlite3.Connection,
    delivery_id: str,
    subscribed_before: datetime,
    now: datetime,
    reason: str,
) -> int:
    """Record every still-pending chat as ``skipped`` (deadline passed); returns the count."""
    ts = timestamp(now)
    with transaction(conn):
        cur = conn.execute(
            "INSERT OR IGNORE INTO deliveries"
            " (chat_id, reminder_id, state, attempted_at, delivered_at, error)"
            " SELECT chat_id, ?, 'skipped', ?, ?, ? FROM subscribers"
            " WHERE active = 1 AND subscribed_at <= ?",
            (delivery_id, ts, ts, reason, timestamp(subscribed_before)),
        )
        return cur.rowcount


def skip_already_reminded(
    conn: sqlite3.Connection, reminder_id: str, rule_prefix: str, now: datetime
) -> int:
    """A window moved *earlier*: chats that already got this rule for this year under a later
    date (``rule_prefix`` = ``2027:closes-3d:``; ids end in an ISO date, so text order is date
    order) are recorded ``skipped`` instead of getting the same reminder again; returns the
    count. A window moved *later* gives a later id and is sent again on purpose (new date)."""
    ts = timestamp(now)
    with transaction(conn):
        cur = conn.execute(
            "INSERT OR IGNORE INTO deliveries"
            " (chat_id, reminder_id, state, attempted_at, delivered_at, error)"
            " SELECT DISTINCT chat_id, ?, 'skipped', ?, ?, 'already reminded' FROM deliveries"
            " WHERE substr(reminder_id, 1, ?) = ? AND reminder_id > ? AND state = 'sent'",
            (reminder_id, ts, ts, len(rule_prefix), rule_prefix, reminder_id),
        )
        return cur.rowcount


def release_in_flight(conn: sqlite3.Connection) -> list[tuple[int, str]]:
    """Start-up only: delete rows left ``sending`` by a crash so they are sent again."""
    with transaction(conn):
        rows = conn.execute(
            "SELECT chat_id, reminder_id FROM deliveries WHERE state = 'sending'"
        ).fetchall()
        conn.execute("DELETE FROM deliveries WHERE state = 'sending'")
    return [(int(r[0]), str(r[1])) for r in rows]


def delivery_counts(conn: sqlite3.Connection, delivery_id: str) -> dict[str, int]:
    """``{state: count}`` for one reminder or broadcast."""
    rows = conn.execute(
        "SELECT state, count(*) FROM deliveries WHERE reminder_id = ? GROUP BY state",
        (delivery_id,),
    )
    return {str(r[0]): int(r[1]) for r in rows}


def delivery_state(
    conn: sqlite3.Connection, chat_id: int, delivery_id: str
) -> DeliveryState | None:
    row = conn.execute(
        "SELECT state FROM deliveries WHERE chat_id = ? AND reminder_id = ?",
        (chat_id, delivery_id),
    ).fetchone()
    return DeliveryState(row[0]) if row else None


# ---- meta: finished reminders and broadcasts ---------------------------------------------------
def meta_get(conn: sqlite3.Connection, key: str) -> Any:
    """The JSON value stored under ``key`` in ``meta`` (None when absent)."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return json.loads(row[0]) if row else None


def meta_set(conn: sqlite3.Connection, key: str, value: Any) -> None:
    with transaction(conn):
        conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, json.dumps(value, ensure_ascii=False)),
        )


def meta_items(conn: sqlite3.Connection, prefix: str) -> list[tuple[str, Any]]:
    """Every ``(key, value)`` whose key starts with ``prefix``."""
    rows = conn.execute(
        "SELECT key, value FROM meta WHERE substr(key, 1, ?) = ? ORDER BY key",
        (len(prefix), prefix),
    )
    return [(str(r[0]), json.loads(r[1])) for r in rows]
