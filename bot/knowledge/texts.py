"""User-facing texts of one area (``knowledge/texts/<area>.yaml``) with a safe fallback.

The loaded fact base carries every text in ``KnowledgeBase.texts`` as ``<area>.<dotted.key>``;
a key missing there (an older or partial fact base) falls back to the project's own file, so
the bot always has something to say. Front ends subclass :class:`AreaTexts` and set ``area``.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from functools import cache
from typing import Any, ClassVar

import yaml

from bot.settings import DEFAULT_KNOWLEDGE_DIR

log = logging.getLogger(__name__)


def flatten(data: Mapping[str, Any], prefix: str) -> dict[str, str]:
    """Flatten nested mappings into ``prefix.dotted.key`` → string (``None`` values skipped)."""
    out: dict[str, str] = {}
    for key, value in data.items():
        name = f"{prefix}.{key}"
        if isinstance(value, Mapping):
            out.update(flatten(value, name))
        elif value is not None:
            out[name] = str(value)
    return out


@cache
def bundled_texts(area: str) -> dict[str, str]:
    """The project's own ``knowledge/texts/<area>.yaml``, flattened like ``KnowledgeBase.texts``."""
    path = DEFAULT_KNOWLEDGE_DIR / "texts" / f"{area}.yaml"
    with open(path, encoding="utf-8") as handle:
        return flatten(yaml.safe_load(handle) or {}, area)


class AreaTexts:
    """Look up ``<area>.<key>`` in the fact base's texts, then in the bundled file."""

    area: ClassVar[str]

    def __init__(self, texts: Mapping[str, str] | None = None) -> None:
        self._texts: Mapping[str, str] = texts or {}

    def raw(self, key: str) -> str | None:
        """The unformatted text, or ``None`` when neither source has it."""
        name = f"{self.area}.{key}"
        value = self._texts.get(name)
        return value if value is not None else bundled_texts(self.area).get(name)

    def get(self, key: str, **values: object) -> str:
        """The text formatted with ``values``; a missing or broken text is logged, never raised."""
        template = self.raw(key)
        if template is None:
            log.error("missing text %s.%s", self.area, key)
            return key
        if not values:
            return template
        try:
            return template.format(**values)
        except (KeyError, IndexError, ValueError, AttributeError):
            log.error("bad placeholders in text %s.%s", self.area, key)
            return template

    def group(self, key: str) -> list[tuple[str, str]]:
        """All ``(subkey, text)`` pairs under ``<area>.<key>.``, in file order (from the fact
        base when it has any, else from the bundled file)."""
        prefix = f"{self.area}.{key}."
        has_own = any(k.startswith(prefix) for k in self._texts)
        source = self._texts if has_own else bundled_texts(self.area)
        return [(k[len(prefix) :], v) for k, v in source.items() if k.startswith(prefix)]

    def words(self, key: str) -> list[str]:
        """A space-separated list text (weekday or month names)."""
        return (self.raw(key) or "").split()
