"""The reminder service: a loop that sends due reminders and confirmed broadcasts.

Started in the Application's ``post_init`` (``await service.start()``) and stopped in
``post_shutdown`` (``await service.stop()``). It reads the schedule from the *current* fact
base on every pass, so a curator's ``/reload`` is followed without a restart: the loop sleeps
until the next due time (at most ``max_sleep``), but notices a new fact-base version within
``version_poll`` seconds and wakes at once on :meth:`ReminderService.wake`.

Misfire policy: a reminder whose due time passed while the bot was down is sent late while its
deadline (the vote close) is still ahead; after the deadline the chats still pending are
recorded as ``skipped`` and logged. Reminders whose deadline is older than ``history`` are
past rounds and ignored. At start-up, ledger rows left ``sending`` by a crash are released and
sent again (see ``bot.storage.subscriptions``).

Catch-up: of several overdue reminders of the same year only the latest is sent (the earlier
ones are recorded ``skipped``, «superseded»), so a bot that was down over «opens» and «3 days
before» sends one message, not two with stale wording. A window moved *earlier* after a rule's
reminder went out does not send that rule again to chats that already got it (the next
reminder carries the new dates); a window moved *later* sends it again (new date = news).

Broadcasts (:mod:`bot.reminders.broadcasts`) run in a background task under the same flood
limiter; reminders have priority (the broadcast steps aside between messages), so a reminder
due during a long broadcast goes out on time and the overall limit still holds. In the running
bot every send also takes a slot from the bot's outbox (``gates=``: its reminder and broadcast
gates, handed in by the Telegram layer), where answers come before reminders and reminders
before broadcasts; the ledger is written here as before (the outbox sends, the ledger records).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
from collections.abc import Callable
from datetime import datetime, timedelta

from telegram import Bot

from bot.clock import Clock, system_clock
from bot.knowledge.models import KnowledgeBase
from bot.reminders.broadcasts import Broadcasts
from bot.reminders.limiter import FloodLimiter
from bot.reminders.schedule import Reminder, build_schedule, instant, next_reminder
from bot.reminders.sender import DeliveryReport, Limiter, Sender, SendResult, stop_keyboard
from bot.reminders.texts import ReminderTexts
from bot.storage import subscriptions as store

log = logging.getLogger(__name__)

REMINDER_DONE = "reminder:"
"""meta key prefix: ``reminder:<id>`` → {"state": "done"|"skipped", "at": …}."""


class ThenGate:
    """The service's own rate (``BOT_SEND_RATE``), then a slot from the bot's outbox (which
    keeps Telegram's limits for everything the bot sends, answers first)."""

    def __init__(self, pacer: FloodLimiter, gate: Limiter) -> None:
        self.pacer = pacer
        self.gate = gate

    async def acquire(self, chat_id: int) -> None:
        await self.pacer.acquire(chat_id)
        await self.gate.acquire(chat_id)

    def pause(self, seconds: float) -> None:
        self.pacer.pause(seconds)
        self.gate.pause(seconds)


class ReminderService:
    """Schedule, sending loop, broadcasts and test sends (one per running bot)."""

    def __init__(
        self,
        bot: Bot,
        conn: sqlite3.Connection,
        knowledge: Callable[[], KnowledgeBase],
        clock: Clock = system_clock,
        *,
        send_rate: float = 25.0,
        concurrency: int = 16,
        max_sleep: float = 60.0,
        version_poll: float = 5.0,
        history: timedelta = timedelta(days=7),
        backoff_base: float = 0.5,
        admin_ids: frozenset[int] = frozenset(),
        gates: tuple[Limiter, Limiter] | None = None,
    ) -> None:
        self.bot = bot
        self.admin_ids = admin_ids
        self.conn = conn
        self.knowledge = knowledge
        self.clock = clock
        self.max_sleep = max_sleep
        self.version_poll = version_poll
        self.history = history
        self.limiter = FloodLimiter(send_rate)
        urgent: Limiter = self.limiter
        background: Limiter = self.limiter
        if gates is not None:  # the bot's one outbox: answers first, then reminders
            urgent = ThenGate(self.limiter, gates[0])
            background = ThenGate(self.limiter, gates[1])
        self.sender = Sender(
            bot,
            conn,
            clock,
            urgent,
            concurrency=concurrency,
            backoff_base=backoff_base,
            background_limiter=background,
        )
        self.broadcasts = Broadcasts(
            conn, clock, self.sender, lambda: self.texts, self.wake, lambda: self._stopping
        )
        self._cache: tuple[str, int, tuple[Reminder, ...]] | None = None
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._stopping = False
        self.released: list[tuple[int, str]] = []

    # ---- schedule --------------------------------------------------------------------------
    @property
    def texts(self) -> ReminderTexts:
        return ReminderTexts(self.knowledge().texts)

    def schedule(self) -> tuple[Reminder, ...]:
        """Reminders of the fact base currently loaded (recomputed when it changes)."""
        kb = self.knowledge()
        if self._cache is None or self._cache[:2] != (kb.version, id(kb)):
            self._cache = (kb.version, id(kb), build_schedule(kb))
        return self._cache[2]

    def next_reminder(self, now: datetime | None = None) -> Reminder | None:
        """The next reminder due after ``now`` (default: the clock)."""
        return next_reminder(self.schedule(), now or self.clock())

    def describe_next(self) -> str | None:
        """One line for /status: when, which rule, which year (None = none scheduled)."""
        upcoming = self.next_reminder()
        if upcoming is None:
            return None
        texts = self.texts
        return texts.get(
            "status.next",
            when=texts.date_time(upcoming.due_at),
            rule=upcoming.rule_key,
            label=upcoming.label,
        )

    def subscriber_count(self) -> int:
        return store.active_count(self.conn)

    # ---- lifecycle -------------------------------------------------------------------------
    def recover(self) -> list[tuple[int, str]]:
        """Release ledger rows a crash left ``sending`` so they are sent again (start-up only)."""
        self.released = store.release_in_flight(self.conn)
        if self.released:
            log.warning(
                "%d message(s) were in flight at the last stop; they will be sent again "
                "(a few may arrive twice)",
                len(self.released),
            )
        return self.released

    async def start(self) -> None:
        """Release crash leftovers and start the loop (call from post_init)."""
        self.recover()
        self._stopping = False
        self.sender.resume()
        self._task = asyncio.create_task(self._loop(), name="reminders")

    async def stop(self) -> None:
        """Stop the loop after the message being sent (call from post_shutdown)."""
        self._stopping = True
        self.sender.request_stop()
        self._wake.set()
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError, TimeoutError):
                await asyncio.wait_for(self._task, timeout=30)
            self._task = None
        await self.broadcasts.stop()

    def wake(self) -> None:
        """Re-read the schedule now (after a reload or a confirmed broadcast)."""
        self._wake.set()

    async def _loop(self) -> None:
        while not self._stopping:
            try:
                await self.run_reminders()
                self.broadcasts.start()
            except Exception:
                log.exception("reminder pass failed; retrying later")
            if self._stopping:
                break
            self._wake.clear()
            delay = self.max_sleep
            upcoming = self.next_reminder()
            if upcoming is not None:
                seconds = (instant(upcoming.due_at) - instant(self.clock())).total_seconds()
                delay = min(delay, max(0.5, seconds))
            await self._sleep(delay)

    async def _sleep(self, seconds: float) -> None:
        """Sleep up to ``seconds``; return early on :meth:`wake` or when the fact base changes."""
        loop = asyncio.get_running_loop()
        until = loop.time() + seconds
        version = self.knowledge().version
        while not self._stopping:
            left = until - loop.time()
            if left <= 0:
                return
            try:
                await asyncio.wait_for(self._wake.wait(), timeout=min(left, self.version_poll))
                return
            except TimeoutError:
                if self.knowledge().version != version:
                    log.info("fact base changed; following the new reminder schedule")
                    return

    # ---- one pass --------------------------------------------------------------------------
    async def run_due(self) -> list[DeliveryReport]:
        """Send every due reminder, then every confirmed broadcast (one pass, in order)."""
        reports = await self.run_reminders()
        return reports + await self.broadcasts.run_all()

    def _due(self, now: datetime) -> list[Reminder]:
        """Due reminders not finished yet, oldest first (past rounds ignored)."""
        due = []
        for reminder in self.schedule():
            if instant(reminder.due_at) > now:
                break
            if instant(reminder.deadline) < now - self.history:
                continue
            if store.meta_get(self.conn, REMINDER_DONE + reminder.reminder_id):
                continue
            due.append(reminder)
        return due

    async def run_reminders(self) -> list[DeliveryReport]:
        """Send every due reminder; skip what is past its deadline or superseded."""
        reports: list[DeliveryReport] = []
        now = instant(self.clock())
        due = self._due(now)
        latest = {r.year: r for r in due}  # due is ordered by due time: the last one wins
        for reminder in due:
            if self._stopping:
                break
            newer = latest[reminder.year]
            if newer is not reminder:
                self._supersede(reminder, newer, now)
                continue
            report = await self.run_reminder(reminder, now)
            if report is not None:
                reports.append(report)
        return reports

    def _supersede(self, reminder: Reminder, newer: Reminder, now: datetime) -> None:
        rid = reminder.reminder_id
        skipped = store.skip_pending(
            self.conn, rid, reminder.due_at, now, f"superseded by {newer.reminder_id}"
        )
        log.warning(
            "reminder %s is overdue and superseded by %s: skipped for %d subscriber(s)",
            rid,
            newer.reminder_id,
            skipped,
        )
        self._finish(rid, "skipped", now)

    async def run_reminder(self, reminder: Reminder, now: datetime) -> DeliveryReport | None:
        """Send (or skip, after its deadline) one due reminder to whoever still lacks it."""
        rid = reminder.reminder_id
        if instant(now) >= instant(reminder.deadline):
            skipped = store.skip_pending(self.conn, rid, reminder.due_at, now, "deadline passed")
            if skipped:
                log.warning(
                    "reminder %s missed its deadline %s: skipped for %d subscriber(s)",
                    rid,
                    reminder.deadline.isoformat(),
                    skipped,
                )
            self._finish(rid, "skipped", now)
            return None
        prefix = rid.rsplit(":", 1)[0] + ":"
        if store.skip_already_reminded(self.conn, rid, prefix, now):
            log.info("reminder %s: window moved earlier; chats already reminded skipped", rid)
        chats = store.pending_chats(self.conn, rid, reminder.due_at)
        report = None
        if chats:
            late = instant(now) - instant(reminder.due_at)
            if late > timedelta(minutes=5):
                log.info("reminder %s is %s late; sending before deadline", rid, late)
            markup = stop_keyboard(self.texts.get("button.stop"))
            report = await self.sender.deliver(
                rid, chats, reminder.text, markup, until=reminder.deadline
            )
        if not self._stopping and not store.pending_chats(self.conn, rid, reminder.due_at):
            self._finish(rid, "done", self.clock())
        return report

    def _finish(self, rid: str, state: str, now: datetime) -> None:
        store.meta_set(self.conn, REMINDER_DONE + rid, {"state": state, "at": now.isoformat()})

    # ---- test send -------------------------------------------------------------------------
    async def send_test(self, chat_id: int) -> tuple[Reminder | None, SendResult | None]:
        """Send the next reminder to ``chat_id`` alone (not recorded in the ledger)."""
        upcoming = self.next_reminder()
        if upcoming is None:
            return None, None
        texts = self.texts
        text = f"{texts.get('send_test.prefix')} {upcoming.text}"
        result = await self.sender.send(chat_id, text, stop_keyboard(texts.get("button.stop")))
        return upcoming, result
