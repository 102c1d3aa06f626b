"""The one error handler: log with context, tell admins (rate-limited), never show a traceback."""

from __future__ import annotations

import logging
from datetime import timedelta
from functools import partial
from typing import Any

from telegram import CallbackQuery, Chat, Update
from telegram.error import Forbidden, NetworkError, RetryAfter, TelegramError

from bot.telegram.botcontext import BotContext
from bot.telegram.formatting import escape
from bot.telegram.sendslots import Priority
from bot.telegram.services import Services

log = logging.getLogger(__name__)
ADMIN_NOTICE_INTERVAL = timedelta(minutes=5)


def describe_update(update: object) -> str:
    """Short, privacy-friendly description: update kind and chat type (no texts or names)."""
    if not isinstance(update, Update):
        return type(update).__name__ if update is not None else "job"
    kind = next(
        (
            name
            for name in (
                "message",
                "edited_message",
                "callback_query",
                "inline_query",
                "my_chat_member",
                "chat_member",
            )
            if getattr(update, name, None)
        ),
        "other",
    )
    chat = update.effective_chat
    return f"update {update.update_id} {kind} in {chat.type if chat else 'no chat'}"


KIND_NO = {
    "message": "melding",
    "edited_message": "redigert melding",
    "callback_query": "knappetrykk",
    "inline_query": "inline-søk",
    "my_chat_member": "endret medlemskap",
    "chat_member": "endret medlemskap",
    "other": "oppdatering",
}
CHAT_NO = {
    "private": "privat chat",
    "group": "gruppe",
    "supergroup": "gruppe",
    "channel": "kanal",
    "no chat": "uten chat",
}


def describe_update_no(update: object) -> str:
    """The same description in Norwegian, for the admins' notice («knappetrykk i gruppe»)."""
    if not isinstance(update, Update):
        return "bakgrunnsjobb" if update is None else type(update).__name__
    _, _, kind, _, chat_type = describe_update(update).split(" ", 4)
    return f"{KIND_NO.get(kind, kind)} i {CHAT_NO.get(chat_type, chat_type)}"


def chat_kind(chat_id: int) -> str:
    """«privat chat» or «gruppe» from the sign of a chat id (for the admins' notice)."""
    return CHAT_NO["private" if chat_id > 0 else "group"]


def notify_admins(
    context: BotContext, services: Services, kind: str, where: str, error: object
) -> None:
    """Queue the error notice to every admin, at most once per ``ADMIN_NOTICE_INTERVAL``."""
    now = services.clock()
    last = services.last_admin_notice
    if last is not None and now - last < ADMIN_NOTICE_INTERVAL:
        return
    services.last_admin_notice = now
    notice = escape(
        services.texts.get(
            "admin.error_notice", kind=kind, where=where, error=str(error)[:300] or "-"
        )
    )
    for admin_id in sorted(services.settings.admin_ids):
        services.outbox.submit(
            admin_id,
            partial(context.bot.send_message, admin_id, notice),
            priority=Priority.REMINDER,
            label="admin notice",
        )


async def answer_query(query: CallbackQuery, text: str | None = None, **kwargs: Any) -> bool:
    """Answer a button press, best effort: a query Telegram no longer knows (too old, after a
    restart) is logged and the handler goes on; True when answered."""
    try:
        await query.answer(text, **kwargs)
        return True
    except TelegramError as exc:
        log.info("could not answer a button press (%s); going on", exc)
        return False


async def on_error(update: object, context: BotContext) -> None:
    """Log the exception; queue a short apology in the chat (the handler failed, so nothing
    was answered); notify admins at most every 5 min."""
    error = context.error
    where = describe_update(update)
    if isinstance(error, (Forbidden, RetryAfter, NetworkError)):
        log.warning("telegram error while handling %s: %s", where, error)
    else:
        log.error("error while handling %s", where, exc_info=error)
    services = context.services
    texts = services.texts
    if isinstance(update, Update):
        if update.callback_query is not None:
            await answer_query(update.callback_query, texts.get("refusals.error"))
        elif (
            update.effective_chat is not None
            and update.effective_message is not None
            and (update.effective_chat.type == Chat.PRIVATE)
            and not isinstance(error, Forbidden)  # it would fail as well
        ):
            chat_id = update.effective_chat.id
            apology = escape(texts.get("refusals.error"))
            services.outbox.submit(
                chat_id, lambda: context.bot.send_message(chat_id, apology), label="apology"
            )
    if isinstance(error, (Forbidden, RetryAfter)):
        return
    notify_admins(context, services, type(error).__name__, describe_update_no(update), error)
