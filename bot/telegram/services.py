"""What the handlers share, kept in ``application.bot_data["services"]``."""

from __future__ import annotations

import sqlite3
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from telegram import Update
from telegram.ext import ContextTypes

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

SERVICES_KEY = "services"

ButtonAction = Callable[[Update, ContextTypes.DEFAULT_TYPE, str], Awaitable[None]]
"""Serves a button of another module (map, timeline, subscribe); gets the decoded payload.
The callback query is already answered."""


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
    reminders: Any | None = None
    """The reminders service, when ``bot.reminders`` provides one (set up in post_init)."""
    button_actions: dict[str, ButtonAction] = field(default_factory=dict)
    """Codec kind (``m``, ``t``, ``s``) → handler from the pictures or reminders module."""
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


def get_services(context: ContextTypes.DEFAULT_TYPE) -> Services:
    """The Services object of the running application."""
    return context.application.bot_data[SERVICES_KEY]
