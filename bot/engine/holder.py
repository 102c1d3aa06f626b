"""Keeps the current engine and swaps in a reloaded one only when the new one is valid."""

from __future__ import annotations

import threading
from pathlib import Path

from bot.engine.engine import Engine
from bot.knowledge.yamlio import KnowledgeError, KnowledgeIssue


class EngineHolder:
    """The running engine; ``reload()`` keeps the old engine when the knowledge has errors."""

    def __init__(self, knowledge_dir: Path, engine: Engine | None = None) -> None:
        self.knowledge_dir = knowledge_dir
        self._lock = threading.Lock()
        self._engine = engine if engine is not None else Engine.load(knowledge_dir)

    @property
    def engine(self) -> Engine:
        """The engine answering right now."""
        return self._engine

    def reload(self) -> list[KnowledgeIssue]:
        """Load the knowledge again; on error keep the old engine and return the issues."""
        try:
            fresh = Engine.load(self.knowledge_dir)
        except KnowledgeError as exc:
            return list(exc.issues)
        with self._lock:
            self._engine = fresh
        return []
