"""Button presses: every callback query is answered; stale or forged data gets a polite toast."""

from __future__ import annotations

import logging

from telegram import Chat, Update
from telegram.ext import ContextTypes

from bot.telegram import codec
from bot.telegram.answering import answer_in_chat
from bot.telegram.commands import is_group_admin
from bot.telegram.services import get_services

log = logging.getLogger(__name__)


async def button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Buttons with ``p1|…`` data: questions, pictures, subscribe and /slettmeg confirmation."""
    query = update.callback_query
    if query is None:
        return
    services = get_services(context)
    texts = services.texts
    action = services.callbacks.decode(query.data)
    message = query.message
    chat_id = message.chat.id if message is not None else None
    if action is None or chat_id is None:
        log.info("stale or forged button data")
        await query.answer(texts.get("refusals.stale_button"), show_alert=False)
        return
    if action.kind in (codec.ASK, codec.EXAMPLE):
        await query.answer()
        await answer_in_chat(context, chat_id, action.payload, fresh=action.kind == codec.EXAMPLE)
        return
    if action.kind in (codec.FORGET_YES, codec.FORGET_NO):
        await confirm_forget(update, context, action.kind == codec.FORGET_YES)
        return
    handler = services.button_actions.get(action.kind)
    if handler is None:
        await query.answer(texts.get("refusals.not_available"))
        return
    await query.answer()
    await handler(update, context, action.payload)


async def confirm_forget(
    update: Update, context: ContextTypes.DEFAULT_TYPE, confirmed: bool
) -> None:
    """The /slettmeg buttons: delete the chat's subscription, deliveries and context."""
    query = update.callback_query
    assert query is not None and query.message is not None
    services = get_services(context)
    texts = services.texts
    chat = query.message.chat
    if chat.type != Chat.PRIVATE and not await is_group_admin(context, chat.id, query.from_user.id):
        await query.answer(texts.get("slettmeg.groups_admin_only"), show_alert=True)
        return
    await query.answer()
    if not confirmed:
        await query.edit_message_text(texts.get("slettmeg.cancelled"), parse_mode=None)
        return
    for hook in services.forget_hooks:
        hook(chat.id)
    services.conversations.forget(chat.id)
    log.info("deleted stored data for a chat on request")
    await query.edit_message_text(texts.get("slettmeg.done"), parse_mode=None)


async def stale_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Last resort for callback data no handler claimed (forged or from an old version)."""
    query = update.callback_query
    if query is None:
        return
    log.info("unclaimed button data")
    await query.answer(get_services(context).texts.get("refusals.stale_button"))
