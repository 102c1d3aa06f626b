"""User-facing picture texts from ``knowledge/texts/pictures.yaml`` (``pictures.*`` keys)."""

from __future__ import annotations

from bot.knowledge.models import KnowledgeBase
from bot.knowledge.texts import AreaTexts
from bot.knowledge.texts import bundled_texts as _bundled

AREA = "pictures"


class PictureTexts(AreaTexts):
    """Look up ``pictures.<key>`` in the fact base's texts, then in the bundled file."""

    area = AREA


def bundled_texts() -> dict[str, str]:
    """The project's own picture texts, flattened like ``KnowledgeBase.texts``."""
    return _bundled(AREA)


def text(kb: KnowledgeBase, key: str, **values: object) -> str:
    """Return the text ``pictures.<key>`` formatted with ``values``."""
    return PictureTexts(kb.texts).get(key, **values)
