"""One outbox for everything the bot sends: per-chat FIFO queues on top of the send slots of
:class:`~bot.telegram.sendslots.SendSlots`, which keep Telegram's flood limits for all chats at
once (answers > reminders > broadcasts).

:meth:`Outbox.submit` queues one send for a chat and returns at once (handlers never sleep on
Telegram's limits). The chat's jobs run in the order submitted. A job is retried after a 429
(after the wait) and after errors that show the message was surely not sent (the connection
never opened, Telegram answered 5xx); an answer that has not gone out within ``answer_lifetime``
is dropped and logged with its reason. When the response to a send was lost (the request may
have arrived) a non-idempotent send is *not* repeated and nobody apologises: the outcome is
logged as unknown. ``on_failed`` runs only when the send surely failed (Telegram refused it).

The reminders' :class:`~bot.reminders.sender.Sender` takes its slots here too through
:meth:`Outbox.gate` (the ledger stays with the sender).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from telegram.error import BadRequest, NetworkError, RetryAfter, TelegramError

from bot.retry import retry_seconds, surely_not_sent
from bot.telegram.sendslots import TELEGRAM_LIMITS, Priority, SendLimits, SendSlots

log = logging.getLogger(__name__)


class Outcome(Enum):
    """How a submitted job ended."""

    SENT = "sent"
    FAILED = "failed"
    """Telegram refused it (surely not sent); ``on_failed`` ran."""
    UNCERTAIN = "uncertain"
    """The response was lost: it may have arrived; not repeated."""
    DROPPED = "dropped"
    """Not sent within its lifetime (or the outbox closed); logged with the reason."""


DEFAULT_ANSWER_LIFETIME = 120.0
MAX_BACKGROUND_ATTEMPTS = 6
"""Sure-failure retries for jobs without a lifetime (admin notices and the like)."""


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


class Outbox(SendSlots):
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
        super().__init__(limits, monotonic)
        self.answer_lifetime = answer_lifetime
        self.backoff_base = backoff_base
        self.backoff_max = backoff_max
        self._queues: dict[int, deque[_Job]] = {}
        self._runners: dict[int, asyncio.Task[None]] = {}
        self.stats = OutboxStats()

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
        self._release_waiters()
        runners = list(self._runners.values())
        for task in runners:
            task.cancel()
        for task in runners:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        await self._stop_scheduler()
