"""One reminder to many subscribers through the fake Bot API server enforcing Telegram's limits.

The server runs as a separate process enforcing 30 messages/s overall and 1/s per chat; the
real ReminderService (ledger in a real SQLite file, configured rate 30/s) sends one due
reminder to every subscriber, taking its send slots from the bot's outbox as in the running
bot. Prints messages/s as a fraction of the configured rate (target ≥ 0.8), 429s received,
duplicates and missing deliveries (target 0 and 0), and peak RSS.
``BENCH_REMINDER_SUBSCRIBERS`` (default 10000) runs it smaller: 10,000 take about 6 minutes.
"""

from __future__ import annotations

import asyncio
import os
import resource
import tempfile
import time
from collections import Counter
from datetime import date
from datetime import time as dtime
from pathlib import Path

from telegram import Bot
from telegram.request import HTTPXRequest

from bot.reminders.service import ReminderService
from bot.storage import subscriptions as store
from bot.storage.database import connect
from bot.telegram.outbox import Outbox
from bot.telegram.sendslots import Priority
from tests.fakebotapi import FakeBotApiClient, FakeBotApiProcess
from tests.reminders.helpers import TOKEN, SettableClock, oslo, window_kb

RATE = 30.0
DEFAULT_SUBSCRIBERS = 10_000


async def _send(client: FakeBotApiClient, db: Path, subscribers: int) -> tuple[float, int, int]:
    conn = connect(db)
    for chat in range(1, subscribers + 1):
        store.subscribe(conn, 10_000_000 + chat, "private", oslo(2027, 9, 1))
    kb = window_kb((date(2027, 10, 1), dtime(10, 0)), (date(2027, 10, 11), dtime(12, 0)))
    clock = SettableClock(oslo(2027, 10, 1, 10, 0))
    request = HTTPXRequest(connection_pool_size=32, read_timeout=30)
    async with Bot(TOKEN, base_url=client.base_url, request=request) as bot:
        outbox = Outbox()  # as in the running bot: every send also takes an outbox slot
        service = ReminderService(
            bot,
            conn,
            lambda: kb,
            clock,
            send_rate=RATE,
            gates=(outbox.gate(Priority.REMINDER), outbox.gate(Priority.BROADCAST)),
        )
        service.recover()
        started = time.monotonic()
        reports = await service.run_due()
        seconds = time.monotonic() - started
        await outbox.close(0)
    sent = sum(r.sent for r in reports)
    rate_limited = sum(r.rate_limited for r in reports)
    conn.close()
    return seconds, sent, rate_limited


def main() -> None:
    """Run the broadcast benchmark and print its figures."""
    subscribers = int(os.environ.get("BENCH_REMINDER_SUBSCRIBERS", DEFAULT_SUBSCRIBERS))
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        with FakeBotApiProcess(work, rate=RATE) as client:
            seconds, sent, rate_limited = asyncio.run(
                _send(client, work / "b.sqlite3", subscribers)
            )
            calls = [c for c in client.calls("sendMessage") if c.status == 200]
            server_429s = client.rate_429s()
    received = Counter(int(c.chat_id) for c in calls)
    expected = {10_000_000 + chat for chat in range(1, subscribers + 1)}
    duplicates = sum(n - 1 for n in received.values() if n > 1)
    missing = len(expected - set(received))
    achieved = sent / seconds if seconds else 0.0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"subscribers: {subscribers}, configured rate {RATE:.0f}/s, server enforces 30/s + 1/s/chat"
    )
    print(f"sent: {sent} in {seconds:.1f} s = {achieved:.1f} msg/s")
    print(f"fraction of configured rate: {achieved / RATE:.3f} (target >= 0.8)")
    print(f"429s received: {rate_limited} (server answered {server_429s})")
    print(f"duplicates: {duplicates}, missing: {missing} (target 0 and 0)")
    print(f"peak RSS of the sending process: {peak_mb:.1f} MB")


if __name__ == "__main__":
    main()
