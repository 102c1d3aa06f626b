"""A second process writing to the bot's database, for the backup tests.

``python -m tests.deploy.writer DB STOPFILE MAX`` commits pairs of rows (a subscriber and
its delivery, in one transaction) until STOPFILE exists, MAX pairs are written or
``--seconds`` have passed. With
``--crash`` it disables checkpoints and kills itself with SIGKILL after MAX pairs, leaving a
``-wal`` file behind as a crashed bot would.
"""

from __future__ import annotations

import argparse
import os
import signal
import sqlite3
import time
from pathlib import Path

from bot.storage.database import connect


def write_pair(conn: sqlite3.Connection, chat_id: int) -> None:
    conn.execute("BEGIN IMMEDIATE")
    conn.execute(
        "INSERT INTO subscribers (chat_id, chat_type, subscribed_at, updated_at) "
        "VALUES (?, 'private', '2026-01-01T00:00:00+01:00', '2026-01-01T00:00:00+01:00')",
        (chat_id,),
    )
    conn.execute(
        "INSERT INTO deliveries (chat_id, reminder_id, state, attempted_at) "
        "VALUES (?, 'r1', 'sent', '2026-01-01T00:00:00+01:00')",
        (chat_id,),
    )
    conn.execute("COMMIT")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("db", type=Path)
    parser.add_argument("stop", type=Path)
    parser.add_argument("max", type=int)
    parser.add_argument("--start", type=int, default=1_000_000)
    parser.add_argument("--crash", action="store_true")
    parser.add_argument("--seconds", type=float, default=60.0, help="never run longer")
    parser.add_argument("--pause", type=float, default=0.0, help="seconds between commits")
    args = parser.parse_args()
    conn = connect(args.db)
    if args.crash:
        conn.execute("PRAGMA wal_autocheckpoint=0")
    deadline = time.monotonic() + args.seconds
    for n in range(args.max):
        if args.stop.exists() or time.monotonic() > deadline:
            break
        write_pair(conn, args.start + n)
        if args.pause:
            time.sleep(args.pause)
    if args.crash:
        os.kill(os.getpid(), signal.SIGKILL)
    conn.close()


if __name__ == "__main__":
    main()
