"""``python -m bot backup``: a consistent, openable copy while another process writes;
never overwrites without --force; and the README's restore steps bring the copy back."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.storage.database import SCHEMA_VERSION, connect
from tests.deploy.helpers import REPO_ROOT, clean_env, output_lines, run_bot

pytestmark = pytest.mark.slow  # every test here starts a process

PREFILL = 20_000


def prefill(database: Path, pairs: int) -> None:
    """``pairs`` subscribers with their deliveries, in one transaction."""
    moment = "2026-01-01T00:00:00+01:00"
    conn = connect(database)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(
            "INSERT INTO subscribers (chat_id, chat_type, subscribed_at, updated_at) "
            "VALUES (?, 'private', ?, ?)",
            [(n, moment, moment) for n in range(pairs)],
        )
        conn.executemany(
            "INSERT INTO deliveries (chat_id, reminder_id, state, attempted_at) "
            "VALUES (?, 'r1', 'sent', ?)",
            [(n, moment) for n in range(pairs)],
        )
        conn.execute("COMMIT")
    finally:
        conn.close()


def count(database: Path) -> tuple[int, int, int]:
    """(subscribers, deliveries, subscribers without their delivery) via a plain connection."""
    conn = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)
    try:
        subscribers = conn.execute("SELECT count(*) FROM subscribers").fetchone()[0]
        deliveries = conn.execute("SELECT count(*) FROM deliveries").fetchone()[0]
        orphans = conn.execute(
            "SELECT count(*) FROM subscribers s LEFT JOIN deliveries d USING (chat_id) "
            "WHERE d.chat_id IS NULL"
        ).fetchone()[0]
    finally:
        conn.close()
    return subscribers, deliveries, orphans


def start_writer(database: Path, stop: Path, *extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.deploy.writer", str(database), str(stop), *extra],
        cwd=REPO_ROOT,
        env=clean_env(),
    )


def stop_writer(writer: subprocess.Popen[bytes], stop: Path) -> None:
    stop.touch()
    try:
        writer.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait(timeout=10)


def test_backup_while_another_process_writes_is_consistent(tmp_path: Path) -> None:
    data = tmp_path / "data"
    database = data / "prisbot.sqlite3"
    prefill(database, PREFILL)
    stop = tmp_path / "stop"
    writer = start_writer(database, stop, "10000000", "--seconds", "60", "--pause", "0.0005")
    copies = [tmp_path / f"copy{i}.sqlite3" for i in range(2)]
    try:
        deadline = time.monotonic() + 20
        while count(database)[0] <= PREFILL:
            assert time.monotonic() < deadline, "the writer never committed"
            time.sleep(0.02)
        for copy in copies:
            result = run_bot(["backup", str(copy)], tmp_path, BOT_DATA_DIR=str(data))
            assert result.returncode == 0, result.stderr
            assert output_lines(result) == [result.stdout.strip()]
            assert result.stdout.startswith(f"skrev {copy} (")
        assert writer.poll() is None, "the writer must still be writing during the backups"
    finally:
        stop_writer(writer, stop)
    seen = []
    for copy in copies:
        conn = sqlite3.connect(copy)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
            assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        finally:
            conn.close()
        assert not Path(f"{copy}-wal").exists()
        subscribers, deliveries, orphans = count(copy)
        assert subscribers == deliveries and orphans == 0, "a half-written transaction was copied"
        assert subscribers > PREFILL
        assert (copy.stat().st_mode & 0o777) == 0o600
        seen.append(subscribers)
    assert seen == sorted(seen)
    assert count(database)[0] > seen[-1], "the writer kept writing after the last copy"


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    data = tmp_path / "data"
    prefill(data / "prisbot.sqlite3", 3)
    target = tmp_path / "copy.sqlite3"
    target.write_bytes(b"older backup")
    result = run_bot(["backup", str(target)], tmp_path, BOT_DATA_DIR=str(data))
    assert result.returncode == 1
    assert output_lines(result) == [
        f"feil: {target} finnes allerede; bruk --force for å overskrive"
    ]
    assert target.read_bytes() == b"older backup"
    result = run_bot(["backup", "--force", str(target)], tmp_path, BOT_DATA_DIR=str(data))
    assert result.returncode == 0, result.stderr
    assert count(target) == (3, 3, 0)
    assert not list(tmp_path.glob(".*.tmp")), "no temporary file may be left behind"


def test_directory_target_gets_a_timestamped_name(tmp_path: Path) -> None:
    data = tmp_path / "data"
    prefill(data / "prisbot.sqlite3", 2)
    backups = tmp_path / "backups"
    backups.mkdir()
    result = run_bot(["backup", str(backups)], tmp_path, BOT_DATA_DIR=str(data))
    assert result.returncode == 0, result.stderr
    (written,) = backups.iterdir()
    assert written.name.startswith("prisbot-") and written.suffix == ".sqlite3"
    assert str(written) in result.stdout and "2 abonnenter" in result.stdout


def test_no_database_is_one_line(tmp_path: Path) -> None:
    result = run_bot(["backup", str(tmp_path / "x.sqlite3")], tmp_path, BOT_DATA_DIR=str(tmp_path))
    assert result.returncode == 1
    assert output_lines(result) == [f"feil: fant ingen database i {tmp_path / 'prisbot.sqlite3'}"]
    assert not (tmp_path / "prisbot.sqlite3").exists(), "backup must not create a database"


def test_restore_as_the_readme_says(tmp_path: Path) -> None:
    """Back up, let the bot write more and crash (leaving a -wal file), then restore:
    stop, remove prisbot.sqlite3-wal/-shm, copy the backup in, start."""
    data = tmp_path / "data"
    database = data / "prisbot.sqlite3"
    prefill(database, 100)
    backup = tmp_path / "prisbot-backup.sqlite3"
    assert run_bot(["backup", str(backup)], tmp_path, BOT_DATA_DIR=str(data)).returncode == 0

    crashed = start_writer(database, tmp_path / "never", "50", "--start", "5000", "--crash")
    assert crashed.wait(timeout=60) == -signal.SIGKILL
    assert Path(f"{database}-wal").stat().st_size > 0, "a crashed bot leaves its WAL behind"
    assert count(database)[0] == 150

    for leftover in (Path(f"{database}-wal"), Path(f"{database}-shm")):
        leftover.unlink(missing_ok=True)
    shutil.copyfile(backup, database)

    assert count(database) == (100, 100, 0)
    conn = connect(database)  # what the bot does when it starts
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("SELECT max(chat_id) FROM subscribers").fetchone()[0] == 99
    finally:
        conn.close()
