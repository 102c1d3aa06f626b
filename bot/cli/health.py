"""``python -m bot health``: is the fact base loadable and the database writable?

Exit 0 and one ``ok: …`` line when both hold; otherwise exit 1 with one ``feil: …`` line
naming the first problem. A data directory or database file other users can read gives an
``advarsel: …`` line on stderr (still exit 0). The container HEALTHCHECK and monitoring
scripts run this.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path
from typing import Any

from bot.clock import system_clock
from bot.logs import redact
from bot.settings import Settings, SettingsError, load_settings

EXIT_OK = 0
EXIT_UNHEALTHY = 1
HEALTH_BUSY_TIMEOUT_MS = 10_000
"""How long to wait for the running bot's write lock before calling the database unhealthy."""


class HealthProblem(Exception):
    """One-line reason the bot is not healthy."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Health reads everything from the settings; ``--quiet`` silences the ok line."""
    parser.add_argument("--quiet", action="store_true", help="skriv bare noe når noe er galt")


def one_line(text: object) -> str:
    """Squash an error message to its first line, noting how many more there were."""
    lines = [line.strip() for line in str(text).splitlines() if line.strip()]
    if not lines:
        return type(text).__name__ if isinstance(text, BaseException) else "ukjent feil"
    more = f" (og {len(lines) - 1} feil til)" if len(lines) > 1 else ""
    return lines[0] + more


def check_knowledge(knowledge_dir: Path) -> str:
    """Build the engine from the fact base exactly as ``python -m bot run`` does (which loads
    and validates every knowledge file); return a short summary."""
    try:
        from bot.engine.engine import Engine
    except ImportError as exc:
        raise HealthProblem(f"motoren kan ikke importeres: {one_line(exc)}") from exc
    try:
        engine = Engine.load(knowledge_dir)
    except Exception as exc:  # any failure to load is exactly what health reports
        raise HealthProblem(f"faktabasen i {knowledge_dir}: {one_line(exc)}") from exc
    return describe_knowledge(engine.kb)


def describe_knowledge(knowledge: Any) -> str:
    """A few words about what loaded, without depending on the model's details."""
    years = getattr(knowledge, "years", None)
    version = getattr(knowledge, "version", None)
    parts = ["faktabasen lastet"]
    if years is not None:
        parts.append(f"{len(years)} år")
    if version:
        parts.append(f"versjon {version}")
    return ", ".join(parts)


def check_database(database_path: Path) -> str:
    """Open (migrating if needed) and commit one meta row; return a short summary."""
    from bot.storage.database import connect

    try:
        conn = connect(database_path)
    except (sqlite3.Error, OSError, RuntimeError) as exc:
        raise HealthProblem(f"databasen {database_path}: {one_line(exc)}") from exc
    try:
        conn.execute(f"PRAGMA busy_timeout={HEALTH_BUSY_TIMEOUT_MS}")
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute(
                "INSERT INTO meta (key, value) VALUES ('health_checked_at', ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (system_clock().isoformat(timespec="seconds"),),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.Error as exc:
        raise HealthProblem(f"databasen {database_path} er ikke skrivbar: {one_line(exc)}") from exc
    finally:
        conn.close()
    return f"databasen skrivbar (skjema v{version})"


def exposure_warnings(database_path: Path) -> list[str]:
    """One line per data directory or database file that other users can read or write."""
    from bot.storage.database import database_files

    warnings = []
    folder = database_path.parent
    paths = ([folder] if folder.exists() else []) + database_files(database_path)
    for path in paths:
        mode = path.stat().st_mode & 0o777
        if mode & 0o077:
            wanted = "0700" if path.is_dir() else "0600"
            warnings.append(
                f"advarsel: {path} kan leses av andre brukere (modus {mode:04o}); "
                f"kjør chmod {wanted} {path}"
            )
    return warnings


def check(settings: Settings) -> str:
    """Run every check; return the combined summary or raise HealthProblem."""
    database = check_database(settings.database_path)  # cheap, so first
    knowledge = check_knowledge(settings.knowledge_dir)
    return f"{knowledge}; {database}"


def run(args: argparse.Namespace) -> int:
    """Print one line and return 0 when healthy, 1 otherwise."""
    try:
        settings = load_settings()
        warnings = exposure_warnings(settings.database_path)  # before connecting tightens them
        summary = check(settings)
    except (SettingsError, HealthProblem) as exc:
        print(redact(f"feil: {one_line(exc)}"), file=sys.stderr)
        return EXIT_UNHEALTHY
    for warning in warnings:
        print(redact(warning), file=sys.stderr)
    if not args.quiet:
        print(f"ok: {summary}")
    return EXIT_OK
