"""One outbox for everything the bot sends: per-chat FIFO queues feeding one scheduler that
keeps Telegram's flood limits for all chats at once.

* :meth:`Outbox.acquire` grants *send slots*: at most ``overall`` messages per second in total,
  one per ``per_chat_interval`` to the same chat, ``group_per_minute`` per minute to a group
  (negative chat id), each with a safety ``margin``; a 429's ``retry_after`` (:meth:`pause`)
  holds every chat, in full. Of the waiters whose chat is free, the highest priority wins
  (answers > reminders > broadcasts), then the oldest: a busy chat waits for its own slot
  and never holds up the others, and a reminder run delays an answer by at most one slot.
* :meth:`Outbox.submit` queues one send for a chat and returns at once (handlers never sleep
  on Telegram's limits). The chat's jobs run in the order submitted. A job is retried after a
  429 (after the wait) and after errors that show the message was surely not sent (the
  connection never opened, Telegram answered 5xx); an answer that has not gone out within
  ``answer_lifetime`` is dropped and logged with its reason. When the response to a send was
  lost (the request may have arrived) a non-idempotent send is *not* repeated and nobody
  apologises: the outcome is logged as unknown. ``on_failed`` runs only when the send surely
  failed (Telegram refused it).

The reminders' :class:`~bot.reminders.sender.Sender` takes its slots here too through
:meth:`Outbox.gate` (the ledger stays with the sender).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import time
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from enum import Enum, IntEnum
from typing import Any

import httpx
from telegram.error import BadRequest, NetworkError, RetryAfter, TelegramError

from bot.retry import retry_seconds

log = logging.getLogger(__name__)


class Priority(IntEnum):
    """Lower value is served first."""

    ANSWER = 0
    REMINDER = 1
    BROADCAST = 2


class Outcome(Enum):
    """How a submitted job ended."""

    SENT = "sent"
    FAILED = "failed"
    """Telegram refused it (surely not sent); ``on_failed`` ran."""
    UNCERTAIN = "uncertain"
    """The response was lost: it may have arrived; not repeated."""
    DROPPED = "dropped"
    """Not sent within its lifetime (or the outbox closed); logged with the reason."""


@dataclass(frozen=True)
class SendLimits:
    """Telegram's flood limits as the outbox keeps them."""

    overall_per_second: float = 30.0
    per_chat_interval: float = 1.0
    group_per_minute: int = 20
    margin: float = 0.05
    """Every spacing is stretched by this share, so network jitter never crosses a limit."""


TELEGRAM_LIMITS = SendLimits()
DEFAULT_ANSWER_LIFETIME = 120.0
MAX_BACKGROUND_ATTEMPTS = 6
"""Sure-failure retries for jobs without a lifetime (admin notices and the like)."""

SURELY_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
"""Transport errors raised before the request reached Telegram."""


def surely_not_sent(exc: NetworkError) -> bool:
    """True when the failed request cannot have reached Telegram: the connection was never
    made, or Telegram itself answered with an error (5xx, no transport error behind it)."""
    cause = exc.__cause__
    if cause is None:
        return True
    return isinstance(cause, SURELY_NOT_SENT)


@dataclass(eq=False)
class _Waiter:
    priority: int
    seq: int
    chat_id: int
    future: asyncio.Future[bool]
    deadline: float | None


@dataclass(eq=False)
class _Job:
    send: Callable[[], Awaitable[Any]]
    priority: Priority
    label: str
    created: float
    deadline: float | None
    idempotent: bool
    on_failed: Callable[[TelegramError], None] | None
    future: asyncio.Future[Outcome]
    last_error: str = ""
    attempts: int = 0


@dataclass
class OutboxStats:
    """Counters for /status, tests and the benchmark."""

    submitted: int = 0
    sent: int = 0
    failed: int = 0
    uncertain: int = 0
    dropped: int = 0
    retried: int = 0
    rate_limited: int = 0
    drop_reasons: list[str] = field(default_factory=list)


class OutboxClosed(RuntimeError):
    """No more slots: the bot is stopping."""


class Gate:
    """``acquire(chat)`` / ``pause(seconds)`` at one priority: what the reminders' sender
    needs from a limiter."""

    def __init__(self, outbox: Outbox, priority: Priority) -> None:
        self.outbox = outbox
        self.priority = priority

    async def acquire(self, chat_id: int) -> None:
        """Wait for a slot; raises :class:`OutboxClosed` when the outbox has stopped."""
        if not await self.outbox.acquire(chat_id, self.priority):
            raise OutboxClosed("the outbox is closed")

    def pause(self, seconds: float) -> None:
        self.outbox.pause(seconds)


class Outbox:
    """The scheduler and the per-chat queues (one per running bot)."""

    def __init__(
        self,
        limits: SendLimits = TELEGRAM_LIMITS,
        *,
        answer_lifetime: float = DEFAULT_ANSWER_LIFETIME,
        backoff_base: float = 0.5,
        backoff_max: float = 10.0,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        stretch = 1.0 + limits.margin
        self.limits = limits
        self.interval = stretch / limits.overall_per_second
        self.chat_interval = limits.per_chat_interval * stretch
        self.group_window = 60.0 * stretch
        self.answer_lifetime = answer_lifetime
        self.backoff_base = backoff_base
        self.backoff_max = backoff_max
        self._now = monotonic
        self._next_overall = 0.0
        self._next_by_chat: dict[int, float] = {}
        self._group_sends: dict[int, deque[float]] = defaultdict(deque)
        self.paused_until = 0.0
        self._waiters: list[_Waiter] = []
        self._seq = itertools.count()
        self._changed: asyncio.Event | None = None
        self._scheduler: asyncio.Task[None] | None = None
        self._queues: dict[int, deque[_Job]] = {}
        self._runners: dict[int, asyncio.Task[None]] = {}
        self._closed = False
        self.stats = OutboxStats()

    # ---- slots -----------------------------------------------------------------------------
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
            self._changed = asyncio.Event()
            self._scheduler = asyncio.create_task(self._schedule(), name="outbox")

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

    async def _schedule(self) -> None:
        assert self._changed is not None
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
            self._changed.clear()
            timeout = None if wake == float("inf") else max(0.0, wake - now)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), timeout)

    # ---- jobs ------------------------------------------------------------------------------
    def submit(
        self,
        chat_id: int,
        send: Callable[[], Awaitable[Any]],
        *,
        priority: Priority = Priority.ANSWER,
        label: str = "answer",
        idempotent: bool = False,
        lifetime: float | None = None,
        on_failed: Callable[[TelegramError], None] | None = None,
        first: bool = False,
    ) -> asyncio.Future[Outcome]:
        """Queue ``send`` (one Bot API call) for ``chat_id``; returns at once.

        Answers get ``answer_lifetime`` unless ``lifetime`` is given; other priorities have no
        lifetime (bounded retries instead). ``idempotent`` sends (edits) may be repeated after
        a lost response. ``on_failed`` runs when Telegram surely refused the send. ``first``:
        ahead of the chat's queued jobs (not the one being sent), for a notice that must not
        wait behind a backlog.
        """
        loop = asyncio.get_running_loop()
        now = self._now()
        if lifetime is None and priority is Priority.ANSWER:
            lifetime = self.answer_lifetime
        job = _Job(
            send,
            priority,
            label,
            now,
            None if lifetime is None else now + lifetime,
            idempotent,
            on_failed,
            loop.create_future(),
        )
        if self._closed:
            self._drop(chat_id, job, "the bot is stopping")
            return job.future
        self.stats.submitted += 1
        queue = self._queues.setdefault(chat_id, deque())
        if first and len(queue) > 1:
            queue.insert(1, job)  # queue[0] is being sent
        elif first and queue and chat_id not in self._runners:
            queue.appendleft(job)
        else:
            queue.append(job)
        if chat_id not in self._runners:
            self._runners[chat_id] = asyncio.create_task(self._run_chat(chat_id))
        return job.future

    def pending(self) -> int:
        """Jobs queued or being sent."""
        return sum(len(q) for q in self._queues.values())

    async def _run_chat(self, chat_id: int) -> None:
        queue = self._queues[chat_id]
        try:
            while queue:
                job = queue[0]
                try:
                    outcome = await self._deliver(chat_id, job)
                except Exception:  # a bug in a job must not stall the chat
                    log.exception("outbox: %s to a chat failed unexpectedly", job.label)
                    outcome = Outcome.FAILED
                queue.popleft()
                if not job.future.done():
                    job.future.set_result(outcome)
        finally:
            self._runners.pop(chat_id, None)
            if not queue:
                self._queues.pop(chat_id, None)

    def _drop(self, chat_id: int, job: _Job, reason: str) -> Outcome:
        age = self._now() - job.created
        self.stats.dropped += 1
        if len(self.stats.drop_reasons) < 100:
            self.stats.drop_reasons.append(reason)
        log.warning(
            "outbox: dropped %s to a %s chat after %.1f s: %s",
            job.label,
            "group" if chat_id < 0 else "private",
            age,
            reason,
        )
        if not job.future.done():
            job.future.set_result(Outcome.DROPPED)
        return Outcome.DROPPED

    async def _deliver(self, chat_id: int, job: _Job) -> Outcome:
        while True:
            if job.deadline is not None and self.paused_until > job.deadline:
                return self._drop(
                    chat_id, job, f"Telegram asked to wait beyond its lifetime ({job.last_error})"
                )
            granted = await self.acquire(chat_id, job.priority, job.deadline)
            if not granted:
                reason = job.last_error or "no send slot within its lifetime (queue too long)"
                if self._closed:
                    reason = "the bot is stopping"
                return self._drop(chat_id, job, reason)
            job.attempts += 1
            try:
                await job.send()
            except RetryAfter as exc:
                seconds = retry_seconds(exc)
                self.stats.rate_limited += 1
                job.last_error = f"429 retry_after {seconds:.0f} s"
                log.warning("outbox: Telegram asked to wait %.0f s; every chat waits", seconds)
                self.pause(seconds)
                continue
            except BadRequest as exc:  # a NetworkError subclass in PTB, but a refusal
                return self._refused(job, exc)
            except NetworkError as exc:
                if not (surely_not_sent(exc) or job.idempotent):
                    self.stats.uncertain += 1
                    log.warning(
                        "outbox: the response to %s was lost (%s); it may have arrived, so it "
                        "is not sent again and no apology is sent",
                        job.label,
                        exc,
                    )
                    return Outcome.UNCERTAIN
                job.last_error = f"{type(exc).__name__}: {exc}"
                if job.deadline is None and job.attempts >= MAX_BACKGROUND_ATTEMPTS:
                    return self._drop(chat_id, job, job.last_error)
                self.stats.retried += 1
                delay = min(self.backoff_max, self.backoff_base * 2 ** (job.attempts - 1))
                if job.deadline is not None:
                    delay = min(delay, max(0.0, job.deadline - self._now()))
                await asyncio.sleep(delay)
                continue
            except TelegramError as exc:  # 403, migrated, token refused: surely not sent
                return self._refused(job, exc)
            self.stats.sent += 1
            return Outcome.SENT

    def _refused(self, job: _Job, exc: TelegramError) -> Outcome:
        self.stats.failed += 1
        log.warning("outbox: Telegram refused %s: %s", job.label, exc)
        if job.on_failed is not None:
            try:
                job.on_failed(exc)
            except Exception:
                log.exception("outbox: the failure handler of %s failed", job.label)
        return Outcome.FAILED

    # ---- lifecycle -------------------------------------------------------------------------
    async def drain(self, timeout: float) -> bool:
        """Wait up to ``timeout`` seconds for every queued job; True when all went out."""
        loop = asyncio.get_running_loop()
        until = loop.time() + timeout
        while self._runners and loop.time() < until:
            await asyncio.sleep(0.02)
        return not self._runners

    async def close(self, timeout: float = 5.0) -> None:
        """Finish what is queued (up to ``timeout``), then drop the rest and stop."""
        await self.drain(timeout)
        self._closed = True
        for waiter in list(self._waiters):
            if not waiter.future.done():
                waiter.future.set_result(False)
        self._waiters.clear()
        runners = list(self._runners.values())
        for task in runners:
            task.cancel()
        for task in runners:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        if self._scheduler is not None:
            self._scheduler.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._scheduler
            self._scheduler = None
