"""Shared pieces of the terminal front ends (``ask``, ``chat``, ``start``)."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from bot.clock import parse_moment, system_clock
from bot.engine.answers.sources import label
from bot.engine.engine import Engine
from bot.engine.types import Answer
from bot.knowledge.yamlio import KnowledgeError
from bot.settings import SettingsError, load_settings


def add_common_arguments(parser: argparse.ArgumentParser) -> None:
    """``--now`` and ``--knowledge``, shared by ask and chat."""
    parser.add_argument("--now", help="Fast klokkeslett (ISO-8601), f.eks. 2021-11-10T12:00")
    parser.add_argument(
        "--knowledge", type=Path, help="Mappe med faktabasen (ellers BOT_KNOWLEDGE_DIR)"
    )


def knowledge_dir(args: argparse.Namespace) -> Path:
    """``--knowledge`` or the configured knowledge directory."""
    if getattr(args, "knowledge", None):
        return Path(args.knowledge)
    return load_settings().knowledge_dir


def load_engine(args: argparse.Namespace) -> Engine | None:
    """Load the engine, printing the issues (and returning None) on a knowledge error."""
    try:
        directory = knowledge_dir(args)
    except SettingsError as exc:
        print(exc, file=sys.stderr)
        return None
    try:
        return Engine.load(directory)
    except KnowledgeError as exc:
        print("Faktabasen har feil og kan ikke lastes:", file=sys.stderr)
        for issue in exc.issues:
            print(f"  {issue}", file=sys.stderr)
        return None


def moment(args: argparse.Namespace) -> datetime:
    """The fixed ``--now`` or the system clock."""
    if getattr(args, "now", None):
        return parse_moment(args.now)
    return system_clock()


def render(engine: Engine, answer: Answer) -> str:
    """Plain text of an answer with its sources (and numbered choices) for a terminal."""
    t = engine.texts
    lines = [answer.text]
    if answer.sources:
        lines.append(t("cli.sources"))
        for source in answer.sources:
            url = t("cli.source_url", url=source.url) if source.url else ""
            lines.append(t("cli.source_line", title=label(source), url=url))
        if answer.more_sources:
            key = "cli.more_source" if len(answer.more_sources) == 1 else "cli.more_sources"
            lines.append(t(key, count=len(answer.more_sources)))
    return "\n".join(lines)
