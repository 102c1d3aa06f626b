"""Button presses: every callback query is answered (best effort: a query too old to answer is
logged and the answer still comes); stale or forged data gets a polite toast."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from telegram import Chat, Update
from telegram.error import TelegramError

from bot.telegram import codec, pictures, reminders
from bot.telegram.answering import answer_in_chat
from bot.telegram.botcontext import BotContext
from bot.telegram.commands import is_group_admin
from bot.telegram.errors import answer_query

log = logging.getLogger(__name__)

ButtonAction = Callable[[Update, BotContext, str], Awaitable[None]]
"""Serves one kind of button; gets the decoded payload, the press already answered."""

BUTTONS: dict[str, ButtonAction] = {
    codec.MAP: pictures.map_button,
    codec.TIMELINE: pictures.timeline_button,
    codec.SUBSCRIBE: reminders.subscribe_button,
}
"""Every ``p1|…`` button kind not handled in :func:`button` itself → its handler (one route:
questions and the /slettmeg confirmation above, these below)."""


async def button(update: Update, context: BotContext) -> None:
    """Buttons with ``p1|…`` data: questions, pictures, subscribe and /slettmeg confirmation."""
    query = update.callback_query
    if query is None:
        return
    services = context.services
    texts = services.texts
    action = services.callbacks.decode(query.data)
    message = query.message
    chat_id = message.chat.id if message is not None else None
    if action is None or chat_id is None:
        log.info("stale or forged button data")
        await answer_query(query, texts.get("refusals.stale_button"), show_alert=False)
        return
    if action.kind in (codec.ASK, codec.EXAMPLE):
        await answer_query(query)
        await answer_in_chat(context, chat_id, action.payload, fresh=action.kind == codec.EXAMPLE)
        return
    if action.kind in (codec.FORGET_YES, codec.FORGET_NO):
        await confirm_forget(update, context, action)
        return
    handler = BUTTONS.get(action.kind)
    if handler is None:
        await answer_query(query, texts.get("refusals.not_available"))
        return
    await answer_query(query)
    await handler(update, context, action.payload)


async def confirm_forget(update: Update, context: BotContext, action: codec.Action) -> None:
    """The /slettmeg buttons: delete the chat's subscription, deliveries and context («yes»
    only with the one-time token issued to this chat)."""
    query = update.callback_query
    if query is None or query.message is None:  # button() only calls with both; be explicit
        log.info("a deletion confirmation without its query or message; ignored")
        return
    services = context.services
    texts = services.texts
    chat = query.message.chat
    if chat.type != Chat.PRIVATE and not await is_group_admin(context, chat.id, query.from_user.id):
        await answer_query(query, texts.get("slettmeg.groups_admin_only"), show_alert=True)
        return
    confirmed = action.kind == codec.FORGET_YES
    if confirmed and not services.callbacks.redeem(action.payload, chat.id):
        log.info("a deletion confirmation not issued to this chat")
        await answer_query(query, texts.get("refusals.stale_button"))
        return
    await answer_query(query)
    if confirmed:
        for hook in services.forget_hooks:
            hook(chat.id)
        services.conversations.forget(chat.id)
        log.info("deleted stored data for a chat on request")
    show_result(
        context,
        chat.id,
        query.message.message_id,
        texts.get("slettmeg.done" if confirmed else "slettmeg.cancelled"),
    )


def show_result(context: BotContext, chat_id: int, message_id: int, text: str) -> None:
    """Replace the confirmation message's text (through the outbox); when that message no
    longer exists (deleted, too old to edit), the text comes as a new message."""
    outbox = context.services.outbox

    def as_new_message(exc: TelegramError) -> None:
        log.info("could not edit the confirmation (%s); sending it as a new message", exc)
        outbox.submit(
            chat_id,
            lambda: context.bot.send_message(chat_id, text, parse_mode=None),
            label="confirmation",
        )

    outbox.submit(
        chat_id,
        lambda: context.bot.edit_message_text(text, chat_id, message_id, parse_mode=None),
        label="confirmation edit",
        idempotent=True,
        on_failed=as_new_message,
    )


async def stale_button(update: Update, context: BotContext) -> None:
    """Last resort for callback data no handler claimed (forged or from an old version)."""
    query = update.callback_query
    if query is None:
        return
    log.info("unclaimed button data")
    await answer_query(query, context.services.texts.get("refusals.stale_button"))
