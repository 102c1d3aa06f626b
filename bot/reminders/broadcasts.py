"""Admin broadcasts: stored in ``meta`` (so a confirmation or a resume survives restarts),
confirmed or cancelled by the admin, then sent to every subscriber in the background.

The :class:`~bot.reminders.service.ReminderService` owns one :class:`Broadcasts` and runs the
confirmed ones after each reminder pass; they take their slots as background deliveries, so
a reminder due during a long broadcast goes out on time.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bot.clock import Clock, parse_moment
from bot.reminders.sender import DeliveryReport, Sender, stop_keyboard
from bot.reminders.texts import ReminderTexts
from bot.storage import subscriptions as store

log = logging.getLogger(__name__)

BROADCAST = "broadcast:"
"""meta key prefix and delivery-id prefix of broadcasts."""


@dataclass
class Broadcast:
    """An admin broadcast kept in ``meta`` so a confirmation or a resume survives restarts."""

    broadcast_id: str
    text: str
    admin_chat: int
    created_at: datetime
    status: str
    """``pending`` (awaiting confirmation), ``confirmed`` (sending), ``done``, ``cancelled``."""

    @property
    def delivery_id(self) -> str:
        return f"{BROADCAST}{self.broadcast_id}"

    def to_json(self) -> dict[str, object]:
        return {
            "text": self.text,
            "admin_chat": self.admin_chat,
            "created_at": self.created_at.isoformat(),
            "status": self.status,
        }


class Broadcasts:
    """The broadcasts of one reminder service: store, confirm, cancel, send."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        clock: Clock,
        sender: Sender,
        texts: Callable[[], ReminderTexts],
        wake: Callable[[], None],
        stopping: Callable[[], bool],
    ) -> None:
        self.conn = conn
        self.clock = clock
        self.sender = sender
        self.texts = texts
        self.wake = wake
        """Wakes the service's loop (which starts confirmed broadcasts)."""
        self.stopping = stopping
        self._task: asyncio.Task[list[DeliveryReport]] | None = None

    def create(self, text: str, admin_chat: int) -> Broadcast:
        """Store a broadcast awaiting the admin's confirmation."""
        broadcast = Broadcast(secrets.token_hex(5), text, admin_chat, self.clock(), "pending")
        store.meta_set(self.conn, broadcast.delivery_id, broadcast.to_json())
        return broadcast

    def get(self, broadcast_id: str) -> Broadcast | None:
        """The stored broadcast, or None (unknown or malformed id)."""
        if not broadcast_id.isalnum():
            return None
        data = store.meta_get(self.conn, BROADCAST + broadcast_id)
        if not isinstance(data, dict):
            return None
        return Broadcast(
            broadcast_id,
            str(data["text"]),
            int(data["admin_chat"]),
            parse_moment(str(data["created_at"])),
            str(data["status"]),
        )

    def with_status(self, status: str) -> list[Broadcast]:
        """Every stored broadcast in ``status``."""
        found = []
        for key, _ in store.meta_items(self.conn, BROADCAST):
            broadcast = self.get(key[len(BROADCAST) :])
            if broadcast is not None and broadcast.status == status:
                found.append(broadcast)
        return found

    def set_status(self, broadcast: Broadcast, status: str) -> None:
        """Change and store the status of ``broadcast``."""
        broadcast.status = status
        store.meta_set(self.conn, broadcast.delivery_id, broadcast.to_json())

    def confirm(self, broadcast_id: str) -> Broadcast | None:
        """Mark a pending broadcast confirmed and wake the loop; None if not pending."""
        broadcast = self.get(broadcast_id)
        if broadcast is None or broadcast.status != "pending":
            return None
        self.set_status(broadcast, "confirmed")
        self.wake()
        return broadcast

    def cancel(self, broadcast_id: str) -> Broadcast | None:
        """Mark a pending broadcast cancelled; None if not pending."""
        broadcast = self.get(broadcast_id)
        if broadcast is None or broadcast.status != "pending":
            return None
        self.set_status(broadcast, "cancelled")
        return broadcast

    async def run_all(self) -> list[DeliveryReport]:
        """Send every confirmed broadcast (steps aside while a reminder is being sent)."""
        reports: list[DeliveryReport] = []
        for broadcast in self.with_status("confirmed"):
            if self.stopping():
                break
            reports.append(await self.run(broadcast))
        return reports

    def start(self) -> None:
        """Run confirmed broadcasts in the background, one task at a time."""
        if self._task is not None and not self._task.done():
            return
        if self._task is not None and not self._task.cancelled():
            error = self._task.exception()
            if error is not None:
                log.error("broadcast run failed; retrying", exc_info=error)
        self._task = None
        if self.with_status("confirmed"):
            self._task = asyncio.create_task(self.run_all(), name="broadcasts")

    async def stop(self) -> None:
        """Wait (up to 30 s) for the background run to end (the sender is already stopping)."""
        if self._task is not None:
            with contextlib.suppress(Exception, asyncio.CancelledError):
                await asyncio.wait_for(self._task, timeout=30)
            self._task = None

    async def run(self, broadcast: Broadcast) -> DeliveryReport:
        """Send a confirmed broadcast to every subscriber active when it was written."""
        chats = store.pending_chats(self.conn, broadcast.delivery_id, broadcast.created_at)
        markup = stop_keyboard(self.texts().get("button.stop"))
        report = await self.sender.deliver(
            broadcast.delivery_id, chats, broadcast.text, markup, urgent=False
        )
        if not report.stopped_early and not self.stopping():
            self.set_status(broadcast, "done")
            counts = store.delivery_counts(self.conn, broadcast.delivery_id)
            text = self.texts().get(
                "broadcast.done",
                sent=counts.get("sent", 0),
                failed=report.failed,
                inactive=report.inactive,
            )
            result = await self.sender.send(broadcast.admin_chat, text)
            if result.state != "sent":
                log.warning(
                    "could not tell admin %s that a broadcast finished", broadcast.admin_chat
                )
        return report
