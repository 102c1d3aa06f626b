"""A bot process that only sends: ``python -m tests.reminders.crash_worker DB BASE_URL RATE``.

Used by the crash test (killed with SIGKILL mid-broadcast, then started again) and usable by
hand. It releases what a previous run left in flight, prints ``{"released": [...]}``, sends
every due reminder and confirmed broadcast, then prints ``{"sent": n}`` and exits.
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

from telegram import Bot
from telegram.request import HTTPXRequest

from bot.reminders.service import ReminderService
from bot.storage.database import connect
from tests.reminders.helpers import TOKEN, make_kb


async def main(db: Path, base_url: str, rate: float) -> None:
    conn = connect(db)
    request = HTTPXRequest(connection_pool_size=32, read_timeout=120)
    async with Bot(TOKEN, base_url=base_url, request=request) as bot:
        kb = make_kb()
        service = ReminderService(bot, conn, lambda: kb, send_rate=rate, concurrency=8)
        released = service.recover()  # what start() does first in the bot
        print(json.dumps({"released": released}), flush=True)
        reports = await service.run_due()
        print(json.dumps({"sent": sum(r.sent for r in reports)}), flush=True)
    conn.close()


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]), sys.argv[2], float(sys.argv[3])))
