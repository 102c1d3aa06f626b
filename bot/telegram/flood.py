"""Per-user flood guard: more than N messages in a window → one notice, then silence until calm."""

from __future__ import annotations

from collections import deque
from datetime import datetime, timedelta
from enum import Enum

from bot.clock import Clock


class Verdict(Enum):
    """What to do with one incoming message."""

    SERVE = "serve"
    NOTICE = "notice"
    """Over the limit for the first time: send one friendly notice."""
    IGNORE = "ignore"


class FloodGuard:
    """Sliding-window counter per user. Every message counts, ignored ones too, so a user who
    keeps flooding stays ignored; once the window holds at most ``limit`` messages again the
    user is served (and may get a notice again later)."""

    def __init__(
        self, clock: Clock, limit: int = 20, window: timedelta = timedelta(seconds=10)
    ) -> None:
        self._clock = clock
        self.limit = limit
        self.window = window
        self._seen: dict[int, deque[datetime]] = {}
        self._flooding: set[int] = set()

    def check(self, user_id: int) -> Verdict:
        """Record a message from ``user_id`` and return the verdict."""
        now = self._clock()
        times: deque[datetime] = self._seen.setdefault(user_id, deque())
        times.append(now)
        while times and now - times[0] > self.window:
            times.popleft()
        if len(times) > self.limit:
            if user_id in self._flooding:
                return Verdict.IGNORE
            self._flooding.add(user_id)
            return Verdict.NOTICE
        self._flooding.discard(user_id)
        if len(self._seen) > 10000:
            self._prune(now)
        return Verdict.SERVE

    def _prune(self, now: datetime) -> None:
        for user_id in [u for u, t in self._seen.items() if not t or now - t[-1] > self.window]:
            del self._seen[user_id]
