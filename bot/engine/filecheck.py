"""Collecting a curator file's mistakes as :class:`KnowledgeIssue` values with their lines."""

from __future__ import annotations

from typing import Any

from bot.knowledge.yamlio import KnowledgeIssue


class FileChecker:
    """Collects issues for one file."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.issues: list[KnowledgeIssue] = []

    def add(self, line: int, message: str) -> None:
        """Record one issue at ``line``."""
        self.issues.append(KnowledgeIssue(self.name, line, message))

    def word_list(self, node: Any, key: str, line: int) -> list[str]:
        """``node`` as a list of words or phrases; an issue at ``line`` when it is not one."""
        if not isinstance(node, list) or not all(isinstance(x, str | int) for x in node):
            self.add(line, f"«{key}» må være en liste med ord eller uttrykk")
            return []
        return [str(x) for x in node]
