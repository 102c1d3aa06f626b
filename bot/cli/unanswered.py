"""``python -m bot unanswered``: questions the bot could not answer well, grouped and counted."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import timedelta

from bot.clock import system_clock
from bot.settings import SettingsError, load_settings
from bot.storage import unanswered
from bot.storage.database import connect


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``unanswered``."""
    parser.add_argument("--days", type=int, help="bare spørsmål fra de siste N dagene")
    parser.add_argument("--limit", type=int, default=50, help="høyst så mange grupper (50)")
    parser.add_argument("--json", action="store_true", help="skriv JSON i stedet for tabell")


def run(args: argparse.Namespace) -> int:
    """Print the grouped list; exit 0 (also when it is empty)."""
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(f"feil: {exc}", file=sys.stderr)
        return 2
    conn = connect(settings.database_path)
    try:
        since = system_clock() - timedelta(days=args.days) if args.days else None
        groups = unanswered.grouped(conn, since)[: max(args.limit, 0)]
        total = unanswered.count(conn)
    finally:
        conn.close()
    if args.json:
        print(json.dumps([g.__dict__ for g in groups], ensure_ascii=False, indent=2))
        return 0
    if not groups:
        print("Ingen ubesvarte spørsmål er lagret.")
        return 0
    print(f"{total} ubesvarte eller usikre spørsmål, {len(groups)} grupper vist:")
    print(f"{'antall':>6}  {'sist':<16}  {'beste gjetning':<22}  spørsmål")
    for group in groups:
        guess = group.best_intent or "–"
        if group.confidence is not None:
            guess = f"{guess} ({group.confidence:.2f})"
        print(f"{group.count:>6}  {group.last_asked[:16]:<16}  {guess[:22]:<22}  {group.question}")
    return 0
