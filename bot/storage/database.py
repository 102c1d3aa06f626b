"""Open the SQLite database (WAL, foreign keys) and bring its schema up to date.

Migrations are append-only: never edit a released one, add a new (version, statements)
pair at the end. ``PRAGMA user_version`` records the schema version.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path

log = logging.getLogger(__name__)

MIGRATIONS: list[tuple[int, tuple[str, ...]]] = [
    (
        1,
        (
            """CREATE TABLE subscribers (
                chat_id INTEGER PRIMARY KEY,
                chat_type TEXT NOT NULL,
                active INTEGER NOT NULL DEFAULT 1,
                subscribed_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                inactive_reason TEXT
            )""",
            """CREATE TABLE deliveries (
                chat_id INTEGER NOT NULL,
                reminder_id TEXT NOT NULL,
                state TEXT NOT NULL CHECK (state IN ('sending', 'sent', 'failed', 'skipped')),
                attempted_at TEXT NOT NULL,
                delivered_at TEXT,
                message_id INTEGER,
                error TEXT,
                PRIMARY KEY (chat_id, reminder_id)
            )""",
            "CREATE INDEX deliveries_by_reminder ON deliveries (reminder_id, state)",
            """CREATE TABLE unanswered (
                id INTEGER PRIMARY KEY,
                question TEXT NOT NULL,
                asked_at TEXT NOT NULL,
                best_intent TEXT,
                confidence REAL,
                reason TEXT NOT NULL
            )""",
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        ),
    ),
]

SCHEMA_VERSION = MIGRATIONS[-1][0]


PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
SIDE_FILES = ("-wal", "-shm", "-journal")


def database_files(path: Path) -> list[Path]:
    """The database file and its WAL/SHM/journal files that exist now."""
    return [p for p in (path, *(Path(f"{path}{s}") for s in SIDE_FILES)) if p.exists()]


def make_private(path: Path) -> None:
    """Create the data directory 0700 (when missing) and the database file 0600, whatever the
    umask; tighten database files that are open to others (when they are ours)."""
    folder = path.parent
    if not folder.exists():
        folder.mkdir(parents=True, exist_ok=True)
        os.chmod(folder, PRIVATE_DIR)
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, PRIVATE_FILE))
    for file in database_files(path):
        try:
            info = file.stat()
            if info.st_mode & 0o077 and info.st_uid == os.geteuid():
                os.chmod(file, PRIVATE_FILE)
        except FileNotFoundError:  # another process closed the last connection: WAL/SHM gone
            continue


def connect(path: Path) -> sqlite3.Connection:
    """Open (creating if needed, private to this user) the database at ``path`` and apply
    pending migrations. SQLite gives the WAL and SHM files the database file's mode."""
    make_private(path)
    conn = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA busy_timeout=30000")
    migrate(conn)
    make_private(path)  # the WAL and SHM files now exist
    return conn


def migrate(conn: sqlite3.Connection) -> int:
    """Apply every migration newer than the stored version, each in one transaction."""
    current = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if current > SCHEMA_VERSION:
        raise RuntimeError(
            f"Databasen har skjemaversjon {current}, nyere enn denne versjonen av boten "
            f"({SCHEMA_VERSION}). Oppgrader boten."
        )
    for version, statements in MIGRATIONS:
        if version <= current:
            continue
        conn.execute("BEGIN IMMEDIATE")
        # Another process may have migrated between our read and taking the write lock.
        if conn.execute("PRAGMA user_version").fetchone()[0] >= version:
            conn.execute("COMMIT")
            current = version
            continue
        try:
            for statement in statements:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        log.info("database migrated to schema version %d", version)
        current = version
    return current
