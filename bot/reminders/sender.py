"""Send one text to many chats through the delivery ledger, within Telegram's limits.

Per message: wait for a :class:`FloodLimiter` slot → :func:`claim` the ledger row → send →
:func:`mark` the outcome. 429 pauses every sender for ``retry_after``; timeouts and 5xx are
retried with bounded exponential backoff; 403 deactivates the subscriber; a group migrated to
a supergroup is followed (subscription and history move to the new id) and retried;
400 marks the delivery failed; when Telegram stays unreachable after the bounded retries
(or refuses the token) the claim is given back and the run stops, to resume on the next pass.
Only claimed-but-unmarked rows can be in doubt after a crash.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
)

from bot.clock import Clock
from bot.retry import retry_seconds, surely_not_sent
from bot.storage import subscriptions as store

log = logging.getLogger(__name__)

STOP_CALLBACK = "rem|stop"
"""Callback data of the «Stopp påminnelser» button (handled by ``handlers.stop_button``)."""
MAX_TRANSIENT_ATTEMPTS = 6
MAX_RATE_LIMITED = 30
MAX_MIGRATIONS = 2
PROGRESS_EVERY_SECONDS = 10.0
URGENT_POLL_SECONDS = 0.05


class Limiter(Protocol):
    """Send slots: :class:`FloodLimiter`, or the bot's outbox at one priority."""

    async def acquire(self, chat_id: int) -> None: ...

    def pause(self, seconds: float) -> None: ...


def stop_keyboard(label: str) -> InlineKeyboardMarkup:
    """The one-tap «Stopp påminnelser» button under every reminder."""
    return InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=STOP_CALLBACK)]])


def expired(now: datetime, until: datetime) -> bool:
    """``now`` at or after ``until``, compared as instants (safe across DST)."""
    return now.astimezone(UTC) >= until.astimezone(UTC)


@dataclass
class SendResult:
    """Outcome of one message: ``sent``, ``failed`` (400), ``inactive`` (403), ``deferred``
    (Telegram unreachable after bounded retries, token refused: try again later),
    ``uncertain`` (the response was lost: it may have arrived, so it is not sent again) or
    ``already`` (the ledger says it was handled)."""

    state: str
    chat_id: int
    """The chat finally addressed (differs from the original after a migration)."""
    message_id: int | None = None
    error: str | None = None
    rate_limited: int = 0
    retries: int = 0


@dataclass
class DeliveryReport:
    """Totals for one :meth:`Sender.deliver` run."""

    delivery_id: str
    total: int = 0
    sent: int = 0
    failed: int = 0
    inactive: int = 0
    already: int = 0
    """Chats that already had a ledger row (sent by an earlier run)."""
    deferred: int = 0
    """Chats given back to the next pass (Telegram unreachable, token refused)."""
    migrated: int = 0
    uncertain: int = 0
    """Chats whose response was lost: marked sent (at most once), never resent."""
    rate_limited: int = 0
    retries: int = 0
    stopped_early: bool = False
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    @property
    def per_second(self) -> float:
        return self.sent / self.seconds if self.seconds > 0 else 0.0


class Sender:
    """Rate-limited, ledger-backed sending with Telegram's error handling."""

    def __init__(
        self,
        bot: Bot,
        conn: sqlite3.Connection,
        clock: Clock,
        limiter: Limiter,
        *,
        concurrency: int = 16,
        backoff_base: float = 0.5,
        backoff_max: float = 20.0,
        background_limiter: Limiter | None = None,
    ) -> None:
        self.bot = bot
        self.conn = conn
        self.clock = clock
        self.limiter = limiter
        self.background_limiter = background_limiter or limiter
        """Slots for background deliveries (broadcasts); the bot's outbox serves them last."""
        self.concurrency = max(1, concurrency)
        self.backoff_base = backoff_base
        self.backoff_max = backoff_max
        self._stopping = False
        self._urgent = 0
        """Urgent deliveries (reminders) running now; background ones (broadcasts) wait."""

    @property
    def urgent_running(self) -> bool:
        return self._urgent > 0

    async def _yield_to_urgent(self) -> None:
        """A background delivery pauses between messages while a reminder is being sent."""
        while self._urgent and not self._stopping:
            await asyncio.sleep(URGENT_POLL_SECONDS)

    async def _backoff(self, seconds: float) -> None:
        """Sleep ``seconds`` between retries, cut short by :meth:`request_stop`."""
        loop = asyncio.get_running_loop()
        until = loop.time() + seconds
        while not self._stopping and (left := until - loop.time()) > 0:
            await asyncio.sleep(min(left, URGENT_POLL_SECONDS * 2))

    def request_stop(self) -> None:
        """Let running deliveries finish their current message and return."""
        self._stopping = True

    def resume(self) -> None:
        """Allow deliveries again after :meth:`request_stop`."""
        self._stopping = False

    async def send(
        self,
        chat_id: int,
        text: str,
        markup: InlineKeyboardMarkup | None = None,
        before_first_send: Callable[[int], bool] | None = None,
        handled_at: Callable[[int], bool] | None = None,
        *,
        background: bool = False,
    ) -> SendResult:
        """Send one message with retries; ``before_first_send(chat)`` False → abandon;
        ``handled_at(new_chat)`` True after a migration → the supergroup already has it;
        ``background``: take slots as a broadcast (after answers and reminders)."""
        result = SendResult("failed", chat_id)
        transient = migrations = 0
        claimed = before_first_send is None
        limiter = self.background_limiter if background else self.limiter
        while True:
            await limiter.acquire(result.chat_id)
            if not claimed:
                if not before_first_send(result.chat_id):  # type: ignore[misc]
                    result.state = "already"
                    return result
                claimed = True
            try:
                message = await self.bot.send_message(
                    result.chat_id, text, reply_markup=markup, parse_mode=None
                )
            except RetryAfter as exc:
                result.rate_limited += 1
                limiter.pause(retry_seconds(exc))
                if result.rate_limited > MAX_RATE_LIMITED or self._stopping:
                    result.state, result.error = "deferred", f"429 x{result.rate_limited}"
                    return result
                continue
            except ChatMigrated as exc:
                migrations += 1
                new_id = int(exc.new_chat_id)
                log.info("chat %s migrated to %s; following", result.chat_id, new_id)
                already = handled_at is not None and handled_at(new_id)
                # Same thread as every other ledger write: one connection, no nested BEGIN.
                store.migrate_chat(self.conn, result.chat_id, new_id, self.clock())
                result.chat_id = new_id
                if already:  # the supergroup was subscribed too and has (or is getting) it
                    result.state = "already"
                    return result
                if migrations > MAX_MIGRATIONS:
                    result.error = "migrated too often"
                    return result
                continue
            except Forbidden as exc:
                result.state, result.error = "inactive", str(exc)
                store.deactivate(self.conn, result.chat_id, "blocked", self.clock())
                log.info("chat %s: %s; subscription deactivated", result.chat_id, exc)
                return result
            except InvalidToken as exc:
                result.state, result.error = "deferred", str(exc)
                log.error("the bot token was refused; sending paused: %s", exc)
                return result
            except BadRequest as exc:
                result.error = str(exc)
                log.warning("chat %s: message refused: %s", result.chat_id, exc)
                return result
            except (NetworkError, TelegramError) as exc:  # timeouts, 5xx, connection errors
                if isinstance(exc, NetworkError) and not surely_not_sent(exc):
                    result.state = "uncertain"
                    result.error = f"response lost ({type(exc).__name__}: {exc})"
                    log.warning(
                        "chat %s: the response was lost (%s); it may have arrived, so it is "
                        "not sent again",
                        result.chat_id,
                        exc,
                    )
                    return result
                transient += 1
                result.retries += 1
                if self._stopping:  # shutting down (the HTTP client may be closed): no retries
                    result.state, result.error = "deferred", f"stopping: {exc}"
                    return result
                if transient >= MAX_TRANSIENT_ATTEMPTS:
                    result.state, result.error = "deferred", f"{type(exc).__name__}: {exc}"
                    log.warning(
                        "chat %s: Telegram unreachable after %d tries (%s); the rest waits "
                        "for the next pass",
                        result.chat_id,
                        transient,
                        exc,
                    )
                    return result
                await self._backoff(min(self.backoff_max, self.backoff_base * 2 ** (transient - 1)))
                if self._stopping:
                    result.state, result.error = "deferred", f"stopping: {exc}"
                    return result
                continue
            result.state, result.message_id = "sent", message.message_id
            return result

    async def deliver(
        self,
        delivery_id: str,
        chat_ids: Sequence[int],
        text: str,
        markup: InlineKeyboardMarkup | None = None,
        until: datetime | None = None,
        *,
        urgent: bool = True,
    ) -> DeliveryReport:
        """Send ``text`` once to each chat through the ledger; stops at ``until`` if given.

        Reminders are ``urgent`` (they have a deadline); a background delivery (a broadcast)
        runs under the same :class:`FloodLimiter` but steps aside between messages while an
        urgent one runs, so a reminder due during a long broadcast goes out on time.
        """
        report = DeliveryReport(delivery_id, total=len(chat_ids))
        queue: asyncio.Queue[int] = asyncio.Queue()
        for chat in chat_ids:
            queue.put_nowait(chat)
        started = last_log = time.monotonic()

        def claim(chat: int) -> bool:
            return store.claim(self.conn, chat, delivery_id, self.clock())

        def handled_at(chat: int) -> bool:
            return store.delivery_state(self.conn, chat, delivery_id) is not None

        async def worker() -> None:
            nonlocal last_log
            while not queue.empty():
                if self._stopping or (until is not None and expired(self.clock(), until)):
                    report.stopped_early = True
                    return
                if report.deferred:
                    report.stopped_early = True
                    return
                if not urgent:
                    await self._yield_to_urgent()
                    if self._stopping or queue.empty():
                        continue
                chat = queue.get_nowait()
                try:
                    result = await self.send(
                        chat,
                        text,
                        markup,
                        before_first_send=claim,
                        handled_at=handled_at,
                        background=not urgent,
                    )
                except Exception as exc:  # a bug or a database error: retry on the next pass
                    log.exception("delivery %s: unexpected error for chat %s", delivery_id, chat)
                    result = SendResult("deferred", chat, error=repr(exc))
                report.rate_limited += result.rate_limited
                report.retries += result.retries
                if result.state == "already":
                    report.already += 1
                    continue
                if result.state == "deferred":
                    # Telegram down or the token refused: give the claim back, stop this run;
                    # the service tries again on its next pass (until the deadline).
                    store.release(self.conn, result.chat_id, delivery_id)
                    report.deferred += 1
                    report.stopped_early = True
                    if len(report.errors) < 20 and result.error:
                        report.errors.append(f"{result.chat_id}: {result.error}")
                    continue
                if result.chat_id != chat:
                    report.migrated += 1
                state = "sent" if result.state in ("sent", "uncertain") else "failed"
                store.mark(
                    self.conn,
                    result.chat_id,
                    delivery_id,
                    state,
                    self.clock(),
                    result.message_id,
                    result.error,
                )
                if result.state == "sent":
                    report.sent += 1
                elif result.state == "uncertain":
                    report.uncertain += 1
                elif result.state == "inactive":
                    report.inactive += 1
                else:
                    report.failed += 1
                    if len(report.errors) < 20 and result.error:
                        report.errors.append(f"{result.chat_id}: {result.error}")
                now = time.monotonic()
                if now - last_log >= PROGRESS_EVERY_SECONDS:
                    last_log = now
                    done = report.sent + report.failed + report.inactive + report.already
                    log.info(
                        "delivery %s: %d/%d handled, %.1f msg/s, %d x 429",
                        delivery_id,
                        done,
                        report.total,
                        report.sent / max(now - started, 1e-9),
                        report.rate_limited,
                    )

        workers = min(self.concurrency, max(1, len(chat_ids)))
        if urgent:
            self._urgent += 1
        try:
            await asyncio.gather(*(worker() for _ in range(workers)))
        finally:
            if urgent:
                self._urgent -= 1
        report.seconds = time.monotonic() - started
        log.info(
            "delivery %s finished: %d sent, %d uncertain, %d failed, %d inactive, %d already, "
            "%d migrated, %d x 429, %.1f msg/s",
            delivery_id,
            report.sent,
            report.uncertain,
            report.failed,
            report.inactive,
            report.already,
            report.migrated,
            report.rate_limited,
            report.per_second,
        )
        return report
