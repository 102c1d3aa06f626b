"""The database opens in WAL mode at the latest schema version and refuses a newer one."""

import sqlite3
from pathlib import Path

import pytest

from bot.storage.database import SCHEMA_VERSION, connect


def test_fresh_database_is_migrated_and_reopens(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "db.sqlite3"
    conn = connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.execute(
        "INSERT INTO subscribers VALUES (1, 'private', 1, '2026-01-01', '2026-01-01', NULL)"
    )
    conn.close()
    again = connect(path)
    assert again.execute("SELECT COUNT(*) FROM subscribers").fetchone()[0] == 1


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    raw = sqlite3.connect(path)
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    raw.close()
    with pytest.raises(RuntimeError, match="nyere"):
        connect(path)


@pytest.mark.slow
def test_two_processes_migrating_a_fresh_database_at_once(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "race.sqlite3"
    code = "import sys; from pathlib import Path; from bot.storage.database import connect; "
    code += "connect(Path(sys.argv[1])).close()"
    procs = [subprocess.Popen([sys.executable, "-c", code, str(path)]) for _ in range(6)]
    assert [p.wait(timeout=60) for p in procs] == [0] * 6
    assert connect(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_delivery_states_are_the_schema_states(tmp_path: Path) -> None:
    import re
    from datetime import UTC, datetime

    from bot.storage import database
    from bot.storage import subscriptions as store
    from bot.storage.subscriptions import DeliveryState

    schema = " ".join(s for _, statements in database.MIGRATIONS for s in statements)
    checked = re.search(r"state IN \(([^)]*)\)", schema)
    assert checked is not None
    assert {v.strip(" '") for v in checked.group(1).split(",")} == set(DeliveryState)
    conn = connect(tmp_path / "db.sqlite3")
    now = datetime(2027, 10, 8, 7, 0, tzinfo=UTC)
    store.subscribe(conn, 1, "private", now)
    assert store.claim(conn, 1, "r1", now)
    assert store.delivery_state(conn, 1, "r1") == DeliveryState.SENDING
    store.mark(conn, 1, "r1", DeliveryState.SENT, now)
    assert store.delivery_state(conn, 1, "r1") == "sent" == DeliveryState.SENT
    with pytest.raises(ValueError, match="lost"):
        store.mark(conn, 1, "r1", "lost", now)


def test_make_private_survives_a_wal_file_vanishing_meanwhile(tmp_path: Path) -> None:
    # Another process closing the last connection deletes the WAL and SHM files at any moment,
    # also between make_private listing them and reading their mode.
    import threading

    from bot.storage.database import make_private

    path = tmp_path / "db.sqlite3"
    wal = Path(f"{path}-wal")
    make_private(path)
    done = threading.Event()

    def flicker() -> None:
        for _ in range(20_000):
            wal.touch()
            wal.unlink(missing_ok=True)
        done.set()

    thread = threading.Thread(target=flicker)
    thread.start()
    calls = 0
    try:
        while not done.is_set() and calls < 200_000:
            make_private(path)
            calls += 1
    finally:
        thread.join(timeout=30)
    assert calls > 0 and path.exists()
