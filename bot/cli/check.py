"""``python -m bot check``: validate the fact base and print every issue as ``file:line: …``."""

from __future__ import annotations

import argparse
from pathlib import Path

from bot.clock import system_clock
from bot.knowledge.checks import run_checks
from bot.knowledge.models import KnowledgeBase
from bot.knowledge.tense import description_tense_warnings, reason_tense_warnings, tense_warnings
from bot.knowledge.yamlio import KnowledgeIssue
from bot.settings import DEFAULT_KNOWLEDGE_DIR, environment


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare ``--knowledge DIR``."""
    parser.add_argument(
        "--knowledge",
        type=Path,
        metavar="MAPPE",
        help="faktabasen som skal sjekkes (standard: BOT_KNOWLEDGE_DIR eller knowledge/)",
    )


def knowledge_dir(args: argparse.Namespace) -> Path:
    """The directory to check: ``--knowledge``, else BOT_KNOWLEDGE_DIR, else ``knowledge/``."""
    if args.knowledge is not None:
        return Path(args.knowledge)
    configured = environment().get("BOT_KNOWLEDGE_DIR", "").strip()
    return Path(configured) if configured else DEFAULT_KNOWLEDGE_DIR


def format_issue(issue: KnowledgeIssue) -> str:
    """``file:line: message`` (just ``file: message`` when no line applies)."""
    if issue.line > 0:
        return f"{issue.file}:{issue.line}: {issue.message}"
    return f"{issue.file}: {issue.message}"


def check_all(directory: Path) -> tuple[KnowledgeBase | None, list[KnowledgeIssue]]:
    """The fact base, the engine's own files and every text file against its contract."""
    from bot.engine.checks import check_engine_files
    from bot.telegram.textcheck import check_text_files

    return run_checks(directory, (check_engine_files, check_text_files))


def run(args: argparse.Namespace) -> int:
    """Print every issue and return 1, or print a one-line summary and return 0."""
    knowledge, issues = check_all(knowledge_dir(args))
    if issues or knowledge is None:
        for issue in issues:
            print(format_issue(issue))
        count = len(issues)
        print(f"Fant {count} feil i faktabasen. Rett dem og kjør «python -m bot check» på nytt.")
        return 1
    print(
        f"Faktabasen er gyldig: {len(knowledge.years)} år, "
        f"{len(knowledge.municipalities)} kommuner, {len(knowledge.sources)} kilder, "
        f"versjon {knowledge.version}"
    )
    warnings = tense_warnings(knowledge, system_clock()) + reason_tense_warnings(knowledge)
    for warning in warnings + description_tense_warnings(knowledge):
        print(f"Advarsel: {warning}")
    return 0
