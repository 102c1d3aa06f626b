"""What the handlers share, kept in ``application.bot_data["services"]``."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from bot.clock import Clock
from bot.engine.types import Answer, Conversation
from bot.knowledge.models import KnowledgeBase
from bot.knowledge.yamlio import KnowledgeIssue
from bot.settings import Settings
from bot.telegram.codec import CallbackCodec
from bot.telegram.context import ConversationStore
from bot.telegram.flood import FloodGuard
from bot.telegram.outbox import Outbox
from bot.telegram.texts import Texts

if TYPE_CHECKING:
    from bot.pictures.cache import Key, PictureCache
    from bot.reminders.service import ReminderService

SERVICES_KEY = "services"
"""The one ``bot_data`` key: handlers read it as ``context.services`` (``botcontext.py``)."""


class EngineLike(Protocol):
    """What the Telegram front end needs from ``bot.engine.engine.Engine``."""

    kb: KnowledgeBase

    def answer(self, question: str, *, now: datetime, context: Conversation | None) -> Answer: ...


class HolderLike(Protocol):
    """What the Telegram front end needs from ``bot.engine.holder.EngineHolder``."""

    @property
    def engine(self) -> EngineLike: ...

    def reload(self) -> list[KnowledgeIssue]: ...


@dataclass
class Services:
    """Engine holder, clock, database and in-memory state shared by every handler."""

    settings: Settings
    holder: HolderLike
    clock: Clock
    started_at: datetime
    conversations: ConversationStore
    flood: FloodGuard
    callbacks: CallbackCodec = field(default_factory=CallbackCodec)
    outbox: Outbox = field(default_factory=Outbox)
    """Everything the bot sends goes through here (see ``bot/telegram/outbox.py``)."""
    db: sqlite3.Connection | None = None
    reminders: ReminderService | None = None
    """The reminders service (started in post_init by ``bot/telegram/reminders.py``)."""
    pictures: PictureCache | None = None
    """The picture cache (made on first use by ``bot/telegram/pictures.py``)."""
    picture_file_ids: dict[Key, str] = field(default_factory=dict)
    """Telegram's ``file_id`` of each picture already sent once (re-sent without upload)."""
    forget_hooks: list[Callable[[int], None]] = field(default_factory=list)
    """Called with a chat id by /slettmeg to delete that chat's stored data."""
    last_admin_notice: datetime | None = None
    services_running: bool = False
    """True between starting the other modules' services and stopping them."""
    bot_username: str = ""

    @property
    def texts(self) -> Texts:
        """Texts of the fact base currently loaded (bundled file as fallback)."""
        return Texts(self.holder.engine.kb.texts)

    def is_admin(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.settings.admin_ids
