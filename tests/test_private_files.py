"""The data directory is created 0700 and the database with its WAL/SHM files 0600 whatever
the umask; ``bot health`` warns when they are open to other users."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from bot.storage.database import connect
from tests.deploy.helpers import run_bot


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("umask", [0o000, 0o022, 0o002])
def test_created_private_whatever_the_umask(tmp_path: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        db = tmp_path / "data" / "prisbot.sqlite3"
        conn = connect(db)
        conn.execute("INSERT INTO meta (key, value) VALUES ('x', '1')")
        files = [db, Path(f"{db}-wal"), Path(f"{db}-shm")]
        assert all(f.exists() for f in files)
        assert mode(db.parent) == 0o700
        assert [mode(f) for f in files] == [0o600] * 3
        conn.close()
    finally:
        os.umask(old)


@pytest.mark.slow
def test_open_database_files_are_tightened_and_health_warns_first(tmp_path: Path) -> None:
    data = tmp_path / "data"
    connect(data / "prisbot.sqlite3").close()
    os.chmod(data, 0o755)
    os.chmod(data / "prisbot.sqlite3", 0o644)
    result = run_bot(["health"], tmp_path, BOT_DATA_DIR=str(data))
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("advarsel:")]
    assert len(warnings) == 2 and "0644" in warnings[1] and "chmod 0600" in warnings[1]
    assert mode(data / "prisbot.sqlite3") == 0o600  # connecting tightened the file
    again = run_bot(["health"], tmp_path, BOT_DATA_DIR=str(data))
    assert [line for line in again.stderr.splitlines() if "prisbot.sqlite3" in line] == []
