"""User-facing picture texts from ``knowledge/texts/pictures.yaml`` (``pictures.*`` keys).

The loaded fact base carries them in ``KnowledgeBase.texts``; when a key is missing there
(an older or partial fact base) the project's own ``pictures.yaml`` is read as a fallback.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

import yaml

from bot.knowledge.models import KnowledgeBase
from bot.settings import DEFAULT_KNOWLEDGE_DIR

log = logging.getLogger(__name__)
AREA = "pictures"


def flatten(data: dict[str, Any], prefix: str) -> dict[str, str]:
    """Flatten nested mappings into ``prefix.dotted.key`` → string."""
    out: dict[str, str] = {}
    for key, value in data.items():
        name = f"{prefix}.{key}"
        if isinstance(value, dict):
            out.update(flatten(value, name))
        else:
            out[name] = str(value)
    return out


@lru_cache(maxsize=1)
def bundled_texts() -> dict[str, str]:
    """The project's own picture texts, flattened like ``KnowledgeBase.texts``."""
    path = DEFAULT_KNOWLEDGE_DIR / "texts" / f"{AREA}.yaml"
    with open(path, encoding="utf-8") as handle:
        return flatten(yaml.safe_load(handle) or {}, AREA)


def text(kb: KnowledgeBase, key: str, **values: object) -> str:
    """Return the text ``pictures.<key>`` formatted with ``values``."""
    name = f"{AREA}.{key}"
    template = kb.texts.get(name)
    if template is None:
        template = bundled_texts().get(name)
    if template is None:
        log.error("missing picture text %s", name)
        return key
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        log.error("bad placeholders in picture text %s", name)
        return template
