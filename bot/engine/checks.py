"""Validation of the engine's own files for ``python -m bot check``."""

from __future__ import annotations

from pathlib import Path

from bot.engine.loading import load_engine_files
from bot.knowledge.yamlio import KnowledgeError, KnowledgeIssue


def check_engine_files(directory: Path) -> list[KnowledgeIssue]:
    """Issues in intents.yaml, synonyms.yaml and texts/engine.yaml (empty when valid)."""
    try:
        load_engine_files(directory)
    except KnowledgeError as exc:
        return list(exc.issues)
    return []
