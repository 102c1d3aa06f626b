"""The fact base as a user could know it at a moment (the one place that builds it).

To be replaced by ``bot.knowledge.view.as_known_at`` once that exists: swap :func:`known_at`.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import datetime, time

from bot.engine.history import History
from bot.knowledge.models import KnowledgeBase, PrizeYear, YearStatus

_MIDNIGHT = time(0, 0)
"""An opening day without a time of day counts from midnight."""
_KEPT_BASES = 4
"""How many fact bases keep their views cached (a reload brings a new one)."""

_lock = threading.Lock()
_cache: dict[int, tuple[KnowledgeBase, History, dict[object, History]]] = {}
"""id(kb) → (kb, its full history, views by what they hide). Holding ``kb`` keeps its id unique."""


def known_at(kb: KnowledgeBase, now: datetime) -> History:
    """The history as a user at ``now`` could know it: later rounds left out, winners (with
    reasoning and who handed over / received) not yet announced hidden, and their nominees too
    until the round's vote has opened."""
    kb_ref, full, views = _entry(kb)
    later = tuple(y for y in full.years if y > now.year)
    pending = {
        y: _voting_started(r, now)
        for y, r in full.years.items()
        if y <= now.year and r.winner is not None and not full.known_by(y, now)
    }
    if not later and not pending:
        return full
    key = (later, tuple(pending.items()))
    cached = views.get(key)
    if cached is None:
        years = {y: r for y, r in kb_ref.years.items() if y not in later}
        for year, voting in pending.items():
            record = years[year]
            status = record.status
            years[year] = replace(
                record,
                status=YearStatus.OPEN if status == YearStatus.AWARDED else status,
                nominees=record.nominees if voting else None,
                nominee_count=record.nominee_count if voting else None,
                winner=None,
                reasoning=None,
                handed_by=None,
                received_by=None,
            )
        cached = History(replace(kb_ref, years=years))
        with _lock:
            views[key] = cached
    return cached


def _entry(kb: KnowledgeBase) -> tuple[KnowledgeBase, History, dict[object, History]]:
    with _lock:
        entry = _cache.get(id(kb))
        if entry is None:
            entry = (kb, History(kb), {})
            _cache[id(kb)] = entry
            while len(_cache) > _KEPT_BASES:
                del _cache[next(iter(_cache))]
        return entry


def _voting_started(record: PrizeYear, now: datetime) -> bool:
    opens = record.vote.opens
    return opens is not None and opens.value.to_datetime(default=_MIDNIGHT) <= now
