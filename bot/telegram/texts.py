"""User-facing Telegram texts from ``knowledge/texts/telegram.yaml`` (``telegram.*`` keys)."""

from __future__ import annotations

from bot.knowledge.texts import AreaTexts
from bot.knowledge.texts import bundled_texts as _bundled

AREA = "telegram"


def bundled_texts() -> dict[str, str]:
    """The project's own Telegram texts, flattened like ``KnowledgeBase.texts``."""
    return _bundled(AREA)


class Texts(AreaTexts):
    """Look up ``telegram.<key>`` in the current fact base's texts, then in the bundled file."""

    area = AREA
