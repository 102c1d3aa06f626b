"""``python -m bot ask``: answer one question, or many with ``--batch`` (JSON lines)."""

from __future__ import annotations

import argparse
import json
import os
import sys

from bot.engine.cli_support import add_common_arguments, load_engine, moment, render


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Register the command's arguments."""
    parser.add_argument("question", nargs="?", help="Spørsmålet, f.eks. «Hvem vant i 2021?»")
    parser.add_argument("--json", action="store_true", help="Skriv svaret som ett JSON-objekt")
    parser.add_argument(
        "--batch",
        action="store_true",
        help="Les ett spørsmål per linje fra standard inn; skriv ett JSON-objekt per linje",
    )
    add_common_arguments(parser)


def run(args: argparse.Namespace) -> int:
    """Answer and print; exit 1 when the knowledge cannot be loaded, 2 on bad usage."""
    try:
        return _run(args)
    except BrokenPipeError:  # «ask … | head»: the reader left; not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _run(args: argparse.Namespace) -> int:
    engine = load_engine(args)
    if engine is None:
        return 1
    now = moment(args)
    if args.batch:
        for line in sys.stdin:
            question = line.rstrip("\n")
            answer = engine.answer(question, now=now)
            print(json.dumps(answer.to_json(), ensure_ascii=False), flush=False)
        sys.stdout.flush()
        return 0
    if not args.question:
        print(engine.texts("cli.no_question"), file=sys.stderr)
        return 2
    answer = engine.answer(args.question, now=now)
    if args.json:
        print(json.dumps(answer.to_json(), ensure_ascii=False))
    else:
        print(render(engine, answer))
    return 0
