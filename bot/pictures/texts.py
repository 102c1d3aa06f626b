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


def prize_name(kb: KnowledgeBase, year: int | None = None) -> str:
    """The prize's name in prize year ``year`` («Bosettingsprisen 2014»), or for a picture of
    every year the current name with the earlier one («… (tidligere Bosettingsprisen)»)."""
    if year is not None:
        return kb.prize.name_in(year)
    current = kb.prize.name
    older = [e.fact.value for e in kb.prize.names if e.fact.value != current]
    if not older:
        return current
    return text(kb, "prize_name_all", current=current, older=" og ".join(dict.fromkeys(older)))
