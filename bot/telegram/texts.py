"""User-facing Telegram texts from ``knowledge/texts/telegram.yaml`` (``telegram.*`` keys).

The loaded fact base carries them in ``KnowledgeBase.texts``; a key missing there (an older or
partial fact base) falls back to the project's own ``telegram.yaml`` so the bot always speaks.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import yaml

from bot.settings import DEFAULT_KNOWLEDGE_DIR

log = logging.getLogger(__name__)
AREA = "telegram"


def flatten(data: Mapping[str, Any], prefix: str) -> dict[str, str]:
    """Flatten nested mappings into ``prefix.dotted.key`` → string."""
    out: dict[str, str] = {}
    for key, value in data.items():
        name = f"{prefix}.{key}"
        if isinstance(value, Mapping):
            out.update(flatten(value, name))
        elif value is not None:
            out[name] = str(value)
    return out


@lru_cache(maxsize=1)
def bundled_texts() -> dict[str, str]:
    """The project's own Telegram texts, flattened like ``KnowledgeBase.texts``."""
    path = DEFAULT_KNOWLEDGE_DIR / "texts" / f"{AREA}.yaml"
    with open(path, encoding="utf-8") as handle:
        return flatten(yaml.safe_load(handle) or {}, AREA)


class Texts:
    """Look up ``telegram.<key>`` in the current fact base's texts, then in the bundled file."""

    def __init__(self, texts: Mapping[str, str] | None = None) -> None:
        self._texts = texts or {}

    def raw(self, key: str) -> str | None:
        name = f"{AREA}.{key}"
        value = self._texts.get(name)
        return value if value is not None else bundled_texts().get(name)

    def get(self, key: str, **values: object) -> str:
        """Return the text ``telegram.<key>`` formatted with ``values``."""
        template = self.raw(key)
        if template is None:
            log.error("missing Telegram text telegram.%s", key)
            return key
        if not values:
            return template
        try:
            return template.format(**values)
        except (KeyError, IndexError, ValueError):
            log.error("bad placeholders in Telegram text telegram.%s", key)
            return template

    def group(self, key: str) -> list[tuple[str, str]]:
        """All ``(subkey, text)`` pairs under ``telegram.<key>.``, in file order (from the fact
        base when it has any, else from the bundled file)."""
        prefix = f"{AREA}.{key}."
        source = self._texts if any(k.startswith(prefix) for k in self._texts) else bundled_texts()
        return [(k[len(prefix) :], v) for k, v in source.items() if k.startswith(prefix)]
