"""A crash mid-broadcast: the sending process is killed with SIGKILL and started again."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from bot.reminders.broadcasts import Broadcast
from bot.storage import subscriptions as store
from bot.storage.database import connect
from tests.fakebotapi import FakeBotApi, Fault
from tests.reminders.helpers import oslo

pytestmark = pytest.mark.slow  # every test here starts a process

REPO = Path(__file__).resolve().parents[2]
SUBSCRIBERS = 400
ADMIN = 999_999
SLOW = (150, 151, 152)
"""Chats whose answers the fake server holds back, so they are surely in flight at the kill."""


def start_worker(db: Path, api: FakeBotApi) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.reminders.crash_worker", str(db), api.base_url, "150"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )


def test_sigkill_mid_broadcast_loses_nothing_and_repeats_only_in_flight(
    api: FakeBotApi, db_path: Path
) -> None:
    conn = connect(db_path)
    for chat in range(1, SUBSCRIBERS + 1):
        store.subscribe(conn, chat, "private", oslo(2027, 1, 1))
    item = Broadcast(
        "c0ffee", "Avstemningen stenger i kveld!", ADMIN, oslo(2027, 2, 1), "confirmed"
    )
    store.meta_set(conn, item.delivery_id, item.to_json())
    for chat in SLOW:
        api.add_fault(Fault("timeout", method="sendMessage", chat_id=chat, delay=30.0))

    first = start_worker(db_path, api)
    try:
        api.wait_for("sendMessage", lambda c: int(c.chat_id) in SLOW, count=3, timeout=30)
        api.wait_for("sendMessage", count=200, timeout=30)
    finally:
        os.kill(first.pid, signal.SIGKILL)
        first.wait(timeout=10)
    assert first.returncode == -signal.SIGKILL
    in_doubt = store.delivery_counts(conn, item.delivery_id).get("sending", 0)
    assert in_doubt >= len(SLOW)
    calls_at_kill = len(api.calls("sendMessage"))
    assert calls_at_kill < SUBSCRIBERS  # really killed mid-broadcast

    second = start_worker(db_path, api)
    out, _ = second.communicate(timeout=60)
    assert second.returncode == 0, out
    lines = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    released = {chat for chat, _ in lines[0]["released"]}
    assert len(released) == in_doubt and set(SLOW) <= released

    received = Counter(
        int(c.chat_id) for c in api.calls("sendMessage") if c.status == 200 and c.chat_id != ADMIN
    )
    assert set(received) == set(range(1, SUBSCRIBERS + 1))  # nothing lost
    duplicates = {chat for chat, n in received.items() if n > 1}
    assert set(SLOW) <= duplicates <= released  # only what was in flight repeats
    assert max(received.values()) == 2
    assert store.delivery_counts(conn, item.delivery_id) == {"sent": SUBSCRIBERS}
    done = [c for c in api.calls("sendMessage") if c.chat_id == ADMIN]
    assert len(done) == 1 and "ferdig" in done[0].params["text"]
    conn.close()
