"""Send slots: Telegram's flood limits for every chat at once, and who goes next.

:class:`SendSlots` grants *send slots*: at most ``overall`` messages per second in total, one per
``per_chat_interval`` to the same chat, ``group_per_minute`` per minute to a group (negative
chat id), each with a safety ``margin``; a 429's ``retry_after`` (:meth:`SendSlots.pause`) holds
every chat, in full. Of the waiters whose chat is free, the highest priority wins (answers >
reminders > broadcasts), then the oldest: a busy chat waits for its own slot and never holds up
the others, and a reminder run delays an answer by at most one slot.

The :class:`~bot.telegram.outbox.Outbox` is a ``SendSlots`` with per-chat queues on top; the
reminders' :class:`~bot.reminders.sender.Sender` takes its slots through a :class:`Gate`.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum


class Priority(IntEnum):
    """Lower value is served first."""

    ANSWER = 0
    REMINDER = 1
    BROADCAST = 2


@dataclass(frozen=True)
class SendLimits:
    """Telegram's flood limits as the outbox keeps them."""

    overall_per_second: float = 30.0
    per_chat_interval: float = 1.0
    group_per_minute: int = 20
    margin: float = 0.05
    """Every spacing is stretched by this share, so network jitter never crosses a limit."""


TELEGRAM_LIMITS = SendLimits()


@dataclass(eq=False)
class _Waiter:
    priority: int
    seq: int
    chat_id: int
    future: asyncio.Future[bool]
    deadline: float | None


class OutboxClosed(RuntimeError):
    """No more slots: the bot is stopping."""


class Gate:
    """``acquire(chat)`` / ``pause(seconds)`` at one priority: what the reminders' sender
    needs from a limiter."""

    def __init__(self, outbox: SendSlots, priority: Priority) -> None:
        self.outbox = outbox
        self.priority = priority

    async def acquire(self, chat_id: int) -> None:
        """Wait for a slot; raises :class:`OutboxClosed` when the outbox has stopped."""
        if not await self.outbox.acquire(chat_id, self.priority):
            raise OutboxClosed("the outbox is closed")

    def pause(self, seconds: float) -> None:
        self.outbox.pause(seconds)


class SendSlots:
    """The scheduler of send slots (the outbox's lower half)."""

    def __init__(
        self, limits: SendLimits = TELEGRAM_LIMITS, monotonic: Callable[[], float] = time.monotonic
    ) -> None:
        stretch = 1.0 + limits.margin
        self.limits = limits
        self.interval = stretch / limits.overall_per_second
        self.chat_interval = limits.per_chat_interval * stretch
        self.group_window = 60.0 * stretch
        self._now = monotonic
        self._next_overall = 0.0
        self._next_by_chat: dict[int, float] = {}
        self._group_sends: dict[int, deque[float]] = defaultdict(deque)
        self.paused_until = 0.0
        self._waiters: list[_Waiter] = []
        self._seq = itertools.count()
        self._changed: asyncio.Event | None = None
        self._scheduler: asyncio.Task[None] | None = None
        self._closed = False

    def gate(self, priority: Priority) -> Gate:
        """A limiter-like view for the reminders' sender."""
        return Gate(self, priority)

    def pause(self, seconds: float) -> None:
        """Hold every chat for ``seconds`` (a 429's retry_after, honoured in full)."""
        self.paused_until = max(self.paused_until, self._now() + max(0.0, seconds))
        self._poke()

    async def acquire(
        self, chat_id: int, priority: Priority = Priority.ANSWER, deadline: float | None = None
    ) -> bool:
        """Wait for a send slot for ``chat_id``; False when ``deadline`` (monotonic) passes
        first or the outbox closes."""
        if self._closed:
            return False
        self._ensure_scheduler()
        loop = asyncio.get_running_loop()
        waiter = _Waiter(int(priority), next(self._seq), chat_id, loop.create_future(), deadline)
        self._waiters.append(waiter)
        self._poke()
        try:
            return await waiter.future
        finally:
            if waiter in self._waiters:
                self._waiters.remove(waiter)
                self._poke()

    def _poke(self) -> None:
        if self._changed is not None:
            self._changed.set()

    def _ensure_scheduler(self) -> None:
        if self._scheduler is None or self._scheduler.done():
            changed = asyncio.Event()
            self._changed = changed
            self._scheduler = asyncio.create_task(self._schedule(changed), name="outbox")

    def _chat_ready(self, chat_id: int, at: float) -> float:
        ready = self._next_by_chat.get(chat_id, 0.0)
        if chat_id < 0:
            window = self._group_sends[chat_id]
            while window and window[0] <= at - self.group_window:
                window.popleft()
            if len(window) >= self.limits.group_per_minute:
                ready = max(ready, window[0] + self.group_window)
        return ready

    def _grant(self, waiter: _Waiter, now: float) -> None:
        self._waiters.remove(waiter)
        self._next_overall = now + self.interval
        self._next_by_chat[waiter.chat_id] = now + self.chat_interval
        if waiter.chat_id < 0:
            self._group_sends[waiter.chat_id].append(now)
        if len(self._next_by_chat) > 50_000:
            for chat in [c for c, t in self._next_by_chat.items() if t < now]:
                del self._next_by_chat[chat]
        if not waiter.future.done():
            waiter.future.set_result(True)

    async def _schedule(self, changed: asyncio.Event) -> None:
        while True:
            now = self._now()
            for waiter in [w for w in self._waiters if w.future.done()]:
                self._waiters.remove(waiter)
            for waiter in [w for w in self._waiters if w.deadline is not None]:
                if waiter.deadline is not None and waiter.deadline <= now:
                    self._waiters.remove(waiter)
                    waiter.future.set_result(False)
            base = max(now, self._next_overall, self.paused_until)
            best: _Waiter | None = None
            earliest = float("inf")
            for waiter in self._waiters:
                ready = self._chat_ready(waiter.chat_id, base)
                if ready <= base:
                    if best is None or (waiter.priority, waiter.seq) < (best.priority, best.seq):
                        best = waiter
                else:
                    earliest = min(earliest, ready)
            if best is not None and base <= now:
                self._grant(best, now)
                continue
            wake = base if best is not None else earliest
            for waiter in self._waiters:
                if waiter.deadline is not None:
                    wake = min(wake, waiter.deadline)
            changed.clear()
            timeout = None if wake == float("inf") else max(0.0, wake - now)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(changed.wait(), timeout)

    def _release_waiters(self) -> None:
        """Close: every waiting and later :meth:`acquire` gets False."""
        self._closed = True
        for waiter in list(self._waiters):
            if not waiter.future.done():
                waiter.future.set_result(False)
        self._waiters.clear()

    async def _stop_scheduler(self) -> None:
        if self._scheduler is not None:
            self._scheduler.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._scheduler
            self._scheduler = None
