"""``python -m bot health``: 0 and one ok line when healthy, 1 and one reason line otherwise."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from bot.settings import DEFAULT_KNOWLEDGE_DIR
from bot.storage.database import SCHEMA_VERSION
from tests.deploy.helpers import output_lines, run_bot

pytestmark = pytest.mark.slow  # every test here starts a process


def health(tmp_path: Path, **settings: str) -> tuple[int, list[str]]:
    result = run_bot(["health"], tmp_path, **settings)
    return result.returncode, output_lines(result)


def test_healthy_with_the_real_fact_base_and_a_fresh_data_dir(tmp_path: Path) -> None:
    data = tmp_path / "data"
    code, lines = health(
        tmp_path, BOT_DATA_DIR=str(data), BOT_KNOWLEDGE_DIR=str(DEFAULT_KNOWLEDGE_DIR)
    )
    assert (code, len(lines)) == (0, 1), lines
    assert lines[0].startswith("ok: faktabasen lastet")
    conn = sqlite3.connect(data / "prisbot.sqlite3")
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        (checked,) = conn.execute(
            "SELECT value FROM meta WHERE key = 'health_checked_at'"
        ).fetchone()
    finally:
        conn.close()
    assert checked[:2] == "20"


def test_quiet_prints_nothing_when_healthy(tmp_path: Path) -> None:
    result = run_bot(["health", "--quiet"], tmp_path, BOT_DATA_DIR=str(tmp_path / "d"))
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_broken_fact_base_names_the_file(tmp_path: Path) -> None:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(DEFAULT_KNOWLEDGE_DIR, knowledge)
    (knowledge / "years" / "2014.yaml").write_text("year: 2014\nwinner: [unclosed\n", "utf-8")
    code, lines = health(
        tmp_path, BOT_DATA_DIR=str(tmp_path / "d"), BOT_KNOWLEDGE_DIR=str(knowledge)
    )
    assert code == 1 and len(lines) == 1, lines
    assert lines[0].startswith("feil: faktabasen") and "2014.yaml" in lines[0]


def test_missing_fact_base(tmp_path: Path) -> None:
    code, lines = health(
        tmp_path, BOT_DATA_DIR=str(tmp_path / "d"), BOT_KNOWLEDGE_DIR=str(tmp_path / "nowhere")
    )
    assert code == 1 and len(lines) == 1 and lines[0].startswith("feil: faktabasen"), lines


def test_data_dir_that_cannot_be_created(tmp_path: Path) -> None:
    """A file where the data directory should be: nothing can be written (even as root)."""
    blocker = tmp_path / "blocker"
    blocker.write_text("not a directory", "utf-8")
    code, lines = health(tmp_path, BOT_DATA_DIR=str(blocker / "data"))
    assert code == 1 and len(lines) == 1, lines
    assert lines[0].startswith("feil: databasen")


def test_database_file_that_is_not_sqlite(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "prisbot.sqlite3").write_bytes(b"this is not a database" * 200)
    code, lines = health(tmp_path, BOT_DATA_DIR=str(data))
    assert code == 1 and len(lines) == 1, lines
    assert lines[0].startswith("feil: databasen") and "not a database" in lines[0]


def test_database_from_a_newer_release(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    conn = sqlite3.connect(data / "prisbot.sqlite3")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    code, lines = health(tmp_path, BOT_DATA_DIR=str(data))
    assert code == 1 and len(lines) == 1 and "nyere" in lines[0], lines


def test_bad_setting_is_one_line(tmp_path: Path) -> None:
    code, lines = health(tmp_path, BOT_DATA_DIR=str(tmp_path / "d"), BOT_LOG_FORMAT="xml")
    assert code == 1 and lines == ["feil: BOT_LOG_FORMAT må være plain eller json."]
