"""Everything ``python -m bot check`` validates: the fact base plus the checks it is given.

The knowledge layer never imports the layers above it: the command line passes the engine's
check of its own files and the text contracts in as plain functions::

    run_checks(directory, (check_engine_files, check_text_files))

Each check takes the knowledge directory and returns (or raises in a
:class:`KnowledgeError`) the issues it found.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from bot.knowledge.loader import load_knowledge
from bot.knowledge.models import KnowledgeBase
from bot.knowledge.yamlio import KnowledgeError, KnowledgeIssue

ExtraCheck = Callable[[Path], Iterable[KnowledgeIssue]]


def run_checks(
    directory: Path, extra_checks: Iterable[ExtraCheck] = ()
) -> tuple[KnowledgeBase | None, list[KnowledgeIssue]]:
    """Load the fact base and run every extra check; return the base (if valid) and all issues.

    An issue two checks both find (the engine's loader and its text contract) is listed once.
    """
    issues: list[KnowledgeIssue] = []
    knowledge: KnowledgeBase | None = None
    try:
        knowledge = load_knowledge(directory)
    except KnowledgeError as exc:
        issues.extend(exc.issues)
    for check in extra_checks:
        try:
            issues.extend(check(directory))
        except KnowledgeError as exc:
            issues.extend(exc.issues)
        except Exception as exc:  # report, never crash the whole check
            name = getattr(check, "__qualname__", repr(check))
            issues.append(KnowledgeIssue(name, 0, f"sjekken feilet: {exc}"))
    unique = list(dict.fromkeys(issues))
    return (knowledge if not unique else None), unique
