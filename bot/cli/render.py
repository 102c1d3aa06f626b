"""``python -m bot render kart|tidslinje [--year N] OUT.png``: draw a picture to a file."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from bot.clock import parse_moment, system_clock
from bot.pictures.cache import KINDS, MAP, PictureCache
from bot.pictures.captions import map_caption, timeline_caption
from bot.pictures.content import first_year
from bot.pictures.geo import default_geo_path
from bot.settings import SettingsError, load_settings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's arguments."""
    parser.add_argument("kind", choices=KINDS, help="kart eller tidslinje")
    parser.add_argument("out", type=Path, help="PNG-filen som skal skrives")
    parser.add_argument("--year", type=int, default=None, help="prisår (bare for kart)")
    parser.add_argument(
        "--knowledge",
        type=Path,
        default=None,
        help="mappe med faktabasen (ellers BOT_KNOWLEDGE_DIR)",
    )
    parser.add_argument("--now", default=None, help="tidspunkt ISO-8601 (standard nå, Europe/Oslo)")
    parser.add_argument("--caption", action="store_true", help="skriv også bildeteksten")


def run(args: argparse.Namespace) -> int:
    """Render the picture and write it; returns 0 on success, 2 on bad input."""
    from bot.knowledge.loader import load_knowledge
    from bot.knowledge.yamlio import KnowledgeError

    try:
        knowledge_dir = args.knowledge or load_settings().knowledge_dir
    except SettingsError as exc:
        print(f"Feil i innstillingene: {exc}", file=sys.stderr)
        return 2
    try:
        now = parse_moment(args.now) if args.now else system_clock()
    except ValueError:
        print(f"Ugyldig tidspunkt: {args.now!r} (bruk f.eks. 2025-11-10T12:00).", file=sys.stderr)
        return 2
    if args.year is not None and args.kind != MAP:
        print("--year gjelder bare for kart.", file=sys.stderr)
        return 2
    try:
        kb = load_knowledge(knowledge_dir)
    except KnowledgeError as exc:
        print(f"Faktabasen har feil:\n{exc}", file=sys.stderr)
        return 2
    if args.year is not None and not first_year(kb) <= args.year <= now.year:
        print(f"--year må være fra {first_year(kb)} til {now.year}.", file=sys.stderr)
        return 2
    geo = default_geo_path(knowledge_dir)
    if args.kind == MAP and not geo.is_file():
        print(f"Fant ikke kartdata: {geo}", file=sys.stderr)
        return 2
    cache = PictureCache(geo_path=geo)
    started = time.perf_counter()
    png = cache.render(kb, args.kind, args.year, now)
    elapsed = time.perf_counter() - started
    cache.close()
    try:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_bytes(png)
    except OSError as exc:
        print(f"Kunne ikke skrive {args.out}: {exc}", file=sys.stderr)
        return 2
    print(f"Skrev {args.out} ({len(png)} byte, {elapsed:.2f} s)")
    if args.caption:
        caption = map_caption(kb, args.year, now) if args.kind == MAP else timeline_caption(kb, now)
        print(caption)
    return 0
