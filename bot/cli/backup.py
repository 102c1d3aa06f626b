"""``python -m bot backup PATH``: a consistent copy of the SQLite database, bot running or not.

SQLite's online backup API copies one snapshot (WAL readers never block the bot's writers);
the copy is written next to its destination under a temporary name, checked with
``PRAGMA integrity_check``, switched to a single self-contained file (journal_mode=DELETE)
and only then renamed into place. An existing file is never overwritten without ``--force``.
If PATH is a directory, the copy is named ``prisbot-YYYYMMDD-HHMMSS.sqlite3`` inside it.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

from bot.clock import Clock, system_clock
from bot.settings import SettingsError, load_settings

EXIT_OK = 0
EXIT_FAILED = 1
SOURCE_BUSY_TIMEOUT_S = 30


class BackupError(Exception):
    """One-line reason the backup was not written."""


@dataclass(frozen=True)
class BackupResult:
    """What was written."""

    path: Path
    size: int
    schema_version: int
    subscribers: int


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``PATH`` (file or directory) and ``--force``."""
    parser.add_argument("path", type=Path, metavar="STI", help="fil eller mappe for kopien")
    parser.add_argument(
        "--force", action="store_true", help="overskriv STI hvis filen finnes fra før"
    )


def target_path(path: Path, clock: Clock = system_clock) -> Path:
    """The file to write: ``path`` itself, or a timestamped name inside a directory."""
    if path.is_dir():
        return path / f"prisbot-{clock().strftime('%Y%m%d-%H%M%S')}.sqlite3"
    return path


def backup_database(
    source: Path, destination: Path, *, force: bool = False, clock: Clock = system_clock
) -> BackupResult:
    """Copy the database at ``source`` to ``destination`` consistently; raise BackupError."""
    if not source.is_file():
        raise BackupError(f"fant ingen database i {source}")
    target = target_path(destination, clock)
    if target.exists() and not force:
        raise BackupError(f"{target} finnes allerede; bruk --force for å overskrive")
    if not target.parent.is_dir():
        raise BackupError(f"mappen {target.parent} finnes ikke")
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        _copy(source, temporary)
        os.chmod(temporary, 0o600)  # it holds subscribers' chat ids
        result = _inspect(temporary)
        os.replace(temporary, target)
    except (sqlite3.Error, OSError) as exc:
        raise BackupError(f"sikkerhetskopien ble ikke skrevet: {exc}") from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
    return BackupResult(target, target.stat().st_size, result[0], result[1])


def _copy(source: Path, temporary: Path) -> None:
    """One-step online backup (a single snapshot), then make the copy a standalone file."""
    src = sqlite3.connect(source, timeout=SOURCE_BUSY_TIMEOUT_S)
    try:
        dst = sqlite3.connect(temporary)
        try:
            src.backup(dst)  # pages=-1: everything in one step, so one consistent snapshot
            dst.execute("PRAGMA journal_mode=DELETE")
            problems = [row[0] for row in dst.execute("PRAGMA integrity_check")]
            if problems != ["ok"]:
                raise BackupError(f"kopien er skadet: {'; '.join(problems[:3])}")
        finally:
            dst.close()
    finally:
        src.close()


def _inspect(path: Path) -> tuple[int, int]:
    """Schema version and subscriber count of a written copy."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        try:
            subscribers = conn.execute("SELECT count(*) FROM subscribers").fetchone()[0]
        except sqlite3.OperationalError:  # an empty, never-migrated database
            subscribers = 0
    finally:
        conn.close()
    return int(version), int(subscribers)


def run(args: argparse.Namespace) -> int:
    """Write the copy and print what was written; 1 with a one-line reason on failure."""
    try:
        settings = load_settings()
        result = backup_database(settings.database_path, args.path, force=args.force)
    except (SettingsError, BackupError) as exc:
        print(f"feil: {exc}", file=sys.stderr)
        return EXIT_FAILED
    print(
        f"skrev {result.path} ({result.size} byte, skjemaversjon {result.schema_version}, "
        f"{result.subscribers} abonnenter)"
    )
    return EXIT_OK
