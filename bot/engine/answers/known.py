"""The fact base as a user could know it at a moment, as the engine's :class:`History`.

The rules (what is hidden when) belong to :func:`bot.knowledge.view.as_known_at`; this module
only keeps one :class:`History` (the engine's indexes) per filtered fact base it returns.
"""

from __future__ import annotations

import threading
from datetime import datetime

from bot.engine.history import History
from bot.knowledge.models import KnowledgeBase
from bot.knowledge.view import as_known_at

_KEPT = 16
"""How many histories stay cached (one per fact base and state of what is hidden)."""

_lock = threading.Lock()
_cache: dict[int, tuple[KnowledgeBase, History]] = {}
"""id(filtered kb) → (that kb, its history). Holding the kb keeps its id unique."""


def known_at(kb: KnowledgeBase, now: datetime) -> History:
    """The history as a user at ``now`` could know it (see :mod:`bot.knowledge.view`)."""
    known = as_known_at(kb, now).kb
    with _lock:
        entry = _cache.get(id(known))
        if entry is None or entry[0] is not known:
            entry = (known, History(known))
            _cache[id(known)] = entry
            while len(_cache) > _KEPT:
                del _cache[next(iter(_cache))]
        return entry[1]
