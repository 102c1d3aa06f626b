"""The one error handler: log with context, tell admins (rate-limited), never show a traceback."""

from __future__ import annotations

import logging
from datetime import timedelta

from telegram import Chat, Update
from telegram.error import Forbidden, NetworkError, RetryAfter
from telegram.ext import ContextTypes

from bot.telegram.formatting import escape
from bot.telegram.services import get_services

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


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the exception; reply a short apology in the chat; notify admins at most every 5 min."""
    error = context.error
    where = describe_update(update)
    if isinstance(error, (Forbidden, RetryAfter, NetworkError)):
        log.warning("telegram error while handling %s: %s", where, error)
    else:
        log.error("error while handling %s", where, exc_info=error)
    services = get_services(context)
    texts = services.texts
    if isinstance(update, Update):
        try:
            if update.callback_query is not None:
                await update.callback_query.answer(texts.get("refusals.error"))
            elif (
                update.effective_chat is not None
                and update.effective_message is not None
                and (update.effective_chat.type == Chat.PRIVATE)
                and not isinstance(error, (Forbidden, RetryAfter))  # it would fail as well
            ):
                await context.bot.send_message(
                    update.effective_chat.id, escape(texts.get("refusals.error"))
                )
        except Exception as exc:  # the apology itself failed; nothing more to do
            log.warning("could not tell the user about the error: %s", exc)
    if isinstance(error, (Forbidden, RetryAfter)):
        return
    now = services.clock()
    last = services.last_admin_notice
    if last is not None and now - last < ADMIN_NOTICE_INTERVAL:
        return
    services.last_admin_notice = now
    notice = texts.get(
        "admin.error_notice",
        kind=type(error).__name__,
        where=describe_update_no(update),
        error=str(error)[:300] or "-",
    )
    for admin_id in sorted(services.settings.admin_ids):
        try:
            await context.bot.send_message(admin_id, escape(notice))
        except Exception as exc:
            log.warning("could not notify admin about an error: %s", exc)
