"""Everything ``python -m bot check`` validates: the fact base plus checks other parts register.

The engine (or any other part) adds a validator for its own files (``intents.yaml``,
``synonyms.yaml``) by decorating a function in one of :data:`EXTRA_CHECK_MODULES`::

    from bot.knowledge.checks import register_check

    @register_check
    def check_intents(directory: Path) -> list[KnowledgeIssue]: ...

Each check takes the knowledge directory and returns (or raises in a
:class:`KnowledgeError`) the issues it found.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from pathlib import Path

from bot.knowledge.loader import load_knowledge
from bot.knowledge.models import KnowledgeBase
from bot.knowledge.yamlio import KnowledgeError, KnowledgeIssue

ExtraCheck = Callable[[Path], Iterable[KnowledgeIssue]]

EXTRA_CHECKS: list[ExtraCheck] = []
"""Validators run after the fact base itself; append with :func:`register_check`."""

EXTRA_CHECK_MODULES: tuple[str, ...] = ("bot.engine.checks", "bot.telegram.textcheck")
"""Modules imported (when they exist) so their ``@register_check`` functions are known."""


def register_check(check: ExtraCheck) -> ExtraCheck:
    """Add ``check`` to :data:`EXTRA_CHECKS` (once); usable as a decorator."""
    if check not in EXTRA_CHECKS:
        EXTRA_CHECKS.append(check)
    return check


def _import_check_modules() -> list[KnowledgeIssue]:
    issues: list[KnowledgeIssue] = []
    for name in EXTRA_CHECK_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                issues.append(KnowledgeIssue(name, 0, f"kunne ikke lastes: {exc}"))
        except Exception as exc:  # a broken validator must not hide the other issues
            issues.append(KnowledgeIssue(name, 0, f"kunne ikke lastes: {exc}"))
    return issues


def run_checks(directory: Path) -> tuple[KnowledgeBase | None, list[KnowledgeIssue]]:
    """Load the fact base and run every extra check; return the base (if valid) and all issues."""
    issues: list[KnowledgeIssue] = []
    knowledge: KnowledgeBase | None = None
    try:
        knowledge = load_knowledge(directory)
    except KnowledgeError as exc:
        issues.extend(exc.issues)
    issues.extend(_import_check_modules())
    for check in EXTRA_CHECKS:
        try:
            issues.extend(check(directory))
        except KnowledgeError as exc:
            issues.extend(exc.issues)
        except Exception as exc:  # report, never crash the whole check
            name = getattr(check, "__qualname__", repr(check))
            issues.append(KnowledgeIssue(name, 0, f"sjekken feilet: {exc}"))
    return (knowledge if not issues else None), issues
