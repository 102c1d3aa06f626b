"""Telegram commands of the reminders for admins (``BOT_ADMIN_IDS``).

:func:`handlers` for the one registration in ``bot/telegram``: ``/send_test`` →
:func:`send_test` (the next reminder to the admin alone), ``/broadcast TEXT`` →
:func:`broadcast` (asks for confirmation), ``rem|bc|ID``/``rem|bx|ID`` →
:func:`broadcast_confirm` (send or cancel). Non-admins get the ordinary unknown-command reply.
Subscribing and stopping are in :mod:`bot.telegram.reminders`; every text comes from
``knowledge/texts/reminders.yaml``.
"""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import MessageLimit
from telegram.error import TelegramError
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.reminders.service import ReminderService
from bot.telegram.botcontext import BotContext
from bot.telegram.messages import unknown_command
from bot.telegram.reminders import answer_query, get_service, reply

BROADCAST_PATTERN = r"^rem\|b[cx]\|[0-9a-f]{1,20}$"


def _is_admin(update: Update, service: ReminderService) -> bool:
    user = update.effective_user
    return user is not None and user.id in service.admin_ids


async def _not_for_you(update: Update, context: BotContext) -> None:
    await unknown_command(update, context)


async def send_test(update: Update, context: BotContext) -> None:
    """/send_test (admin): the next reminder, to the admin alone, not recorded."""
    service = get_service(context)
    message = update.effective_message
    if message is None or service is None or not _is_admin(update, service):
        await _not_for_you(update, context)
        return
    texts = service.texts
    reminder, result = await service.send_test(message.chat_id)
    if reminder is None or result is None:
        await reply(context, message.chat_id, texts.get("send_test.none_scheduled"))
    elif result.state != "sent":
        await reply(context, message.chat_id, texts.get("send_test.failed", error=result.error))
    else:
        await reply(
            context,
            message.chat_id,
            texts.get(
                "send_test.sent",
                rule=reminder.rule_key,
                label=reminder.label,
                when=texts.date_time(reminder.due_at),
            ),
        )


def broadcast_text(message: Message) -> str:
    """What follows ``/broadcast`` (line breaks kept)."""
    text = message.text or ""
    parts = text.split(maxsplit=1)
    return parts[1].strip() if len(parts) > 1 else ""


async def broadcast(update: Update, context: BotContext) -> None:
    """/broadcast TEXT (admin): ask for confirmation before sending to every subscriber."""
    service = get_service(context)
    message = update.effective_message
    if message is None or service is None or not _is_admin(update, service):
        await _not_for_you(update, context)
        return
    texts = service.texts
    text = broadcast_text(message)
    if not text:
        await reply(context, message.chat_id, texts.get("broadcast.usage"))
        return
    limit = MessageLimit.MAX_TEXT_LENGTH
    if len(text) > limit:
        await reply(
            context, message.chat_id, texts.get("broadcast.too_long", length=len(text), limit=limit)
        )
        return
    item = service.broadcasts.create(text, message.chat_id)
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    texts.get("button.broadcast_confirm"),
                    callback_data=f"rem|bc|{item.broadcast_id}",
                ),
                InlineKeyboardButton(
                    texts.get("button.broadcast_cancel"),
                    callback_data=f"rem|bx|{item.broadcast_id}",
                ),
            ]
        ]
    )
    confirm = texts.get("broadcast.confirm", count=service.subscriber_count(), text=text)
    await reply(context, message.chat_id, confirm[:limit], reply_markup=keyboard)


async def broadcast_confirm(update: Update, context: BotContext) -> None:
    """The broadcast confirmation buttons (``rem|bc|ID`` send, ``rem|bx|ID`` cancel)."""
    query = update.callback_query
    service = get_service(context)
    if query is None:
        return
    if service is None or not _is_admin(update, service):
        await answer_query(query)
        return
    texts = service.texts
    _, action, broadcast_id = (query.data or "").split("|", 2)
    if action == "bc":
        item = service.broadcasts.confirm(broadcast_id)
        text = (
            texts.get("broadcast.started", count=service.subscriber_count())
            if item
            else texts.get("broadcast.unknown")
        )
    else:
        item = service.broadcasts.cancel(broadcast_id)
        text = texts.get("broadcast.cancelled" if item else "broadcast.unknown")
    await answer_query(query)
    chat = update.effective_chat
    message = query.message
    outbox = context.services.outbox
    if chat is None or message is None:
        return

    def as_new_message(exc: TelegramError) -> None:
        outbox.submit(
            chat.id,
            lambda: context.bot.send_message(chat.id, text, parse_mode=None),
            label="broadcast confirmation",
        )

    outbox.submit(
        chat.id,
        lambda: context.bot.edit_message_text(text, chat.id, message.message_id, parse_mode=None),
        label="broadcast confirmation edit",
        idempotent=True,
        on_failed=as_new_message,
    )


def handlers() -> list[BaseHandler[Any, Any, Any]]:
    """The admin handlers, for the one registration function in ``bot/telegram``."""
    return [
        CommandHandler("send_test", send_test),
        CommandHandler("broadcast", broadcast),
        CallbackQueryHandler(broadcast_confirm, pattern=BROADCAST_PATTERN),
    ]
