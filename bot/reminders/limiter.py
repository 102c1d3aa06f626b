"""Telegram flood limits for outgoing messages: overall rate, per chat, per group, 429 pauses.

Slots are reserved in order, evenly spaced (no bursts after a pause), on the monotonic clock:
``overall`` messages per second in total (with a small safety margin so network jitter never
pushes two sends into one server-side second), at most one per second to the same chat, at
most ``group_per_minute`` per minute to the same group (negative chat ids). :meth:`pause`
(a 429 ``retry_after``) holds every sender.
"""

from __future__ import annotations

import asyncio
import time
from collections import defaultdict, deque
from collections.abc import Callable

SAFETY_MARGIN = 0.02
"""Spacing is ``(1 + margin) / rate``: 30/s configured → sends 1.02·33.3 ms apart."""


class FloodLimiter:
    """Reserve send slots that respect Telegram's limits."""

    def __init__(
        self,
        overall_per_second: float,
        per_chat_interval: float = 1.0,
        group_per_minute: int = 20,
        margin: float = SAFETY_MARGIN,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        if overall_per_second <= 0:
            raise ValueError("overall_per_second must be positive")
        self.interval = (1.0 + margin) / overall_per_second
        self.per_chat_interval = per_chat_interval
        self.group_per_minute = group_per_minute
        self._now = monotonic
        self._next_overall = 0.0
        self._next_by_chat: dict[int, float] = {}
        self._group_slots: dict[int, deque[float]] = defaultdict(deque)
        self.paused_until = 0.0
        self.pauses = 0

    def pause(self, seconds: float) -> None:
        """Hold every sender for ``seconds`` (a 429's retry_after)."""
        self.pauses += 1
        self.paused_until = max(self.paused_until, self._now() + max(0.0, seconds))

    def _reserve(self, chat_id: int) -> float:
        now = self._now()
        slot = max(now, self._next_overall, self.paused_until, self._next_by_chat.get(chat_id, 0))
        if chat_id < 0:
            window = self._group_slots[chat_id]
            while window and window[0] <= slot - 60.0:
                window.popleft()
            if len(window) >= self.group_per_minute:
                slot = max(slot, window[0] + 60.0)
            window.append(slot)
        self._next_overall = slot + self.interval
        self._next_by_chat[chat_id] = slot + self.per_chat_interval
        if len(self._next_by_chat) > 50_000:
            self._forget_old(now)
        return slot

    def _forget_old(self, now: float) -> None:
        for chat in [c for c, t in self._next_by_chat.items() if t < now]:
            del self._next_by_chat[chat]

    async def acquire(self, chat_id: int) -> None:
        """Wait until a message to ``chat_id`` may be sent (re-checks a pause set meanwhile)."""
        while True:
            slot = self._reserve(chat_id)
            delay = slot - self._now()
            if delay > 0:
                await asyncio.sleep(delay)
            if self.paused_until <= self._now():
                return
