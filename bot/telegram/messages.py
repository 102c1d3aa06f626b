"""Message callbacks: flood gate, edited messages, free text, media and unknown commands."""

from __future__ import annotations

import logging

from telegram import Chat, Message, MessageEntity, Update
from telegram.ext import ApplicationHandlerStop

from bot.telegram.answering import answer_in_chat, send_text
from bot.telegram.botcontext import BotContext
from bot.telegram.flood import Verdict
from bot.telegram.formatting import escape
from bot.telegram.inputs import MAX_QUESTION_CHARS, screen

log = logging.getLogger(__name__)


def is_private(message: Message) -> bool:
    return message.chat.type == Chat.PRIVATE


def replies_to_bot(message: Message, bot_id: int) -> bool:
    replied = message.reply_to_message
    return bool(replied and replied.from_user and replied.from_user.id == bot_id)


def addressed_text(message: Message, username: str, bot_id: int) -> str | None:
    """The text meant for the bot, or ``None`` when a group message is not for it.

    Private chats: every message. Groups: replies to the bot, or messages mentioning
    ``@username`` (the mention is removed from the question).
    """
    text = message.text or message.caption or ""
    if is_private(message) or replies_to_bot(message, bot_id):
        return text
    handle = f"@{username}".lower()
    if message.text is not None:
        mentions = message.parse_entities([MessageEntity.MENTION])
    else:
        mentions = message.parse_caption_entities([MessageEntity.MENTION])
    if not any(value.lower() == handle for value in mentions.values()):
        return None
    for value in mentions.values():
        if value.lower() == handle:
            text = text.replace(value, " ")
    return text


async def flood_gate(update: Update, context: BotContext) -> None:
    """Group −2: count every message per user; over the limit → one notice (queued in the
    outbox like an answer, so it is delivered), then silence: the flooder's further messages
    stop here and never reach the outbox."""
    user = update.effective_user
    message = update.effective_message
    if user is None or message is None:
        return
    services = context.services
    verdict = services.flood.check(user.id)
    if verdict is Verdict.SERVE:
        return
    if verdict is Verdict.NOTICE:
        log.warning("flood guard engaged for a user in chat type %s", message.chat.type)
        chat_id = message.chat_id
        notice = escape(services.texts.get("refusals.flood"))
        services.outbox.submit(
            chat_id,
            lambda: context.bot.send_message(chat_id, notice),
            label="flood notice",
            first=True,  # before the flooder's queued answers
        )
    raise ApplicationHandlerStop


async def ignore_edit(update: Update, context: BotContext) -> None:
    """Group −1: edited messages are ignored (documented policy); stop further handling."""
    log.debug("ignored an edited message")
    raise ApplicationHandlerStop


async def free_text(update: Update, context: BotContext) -> None:
    """A question typed in a private chat, or addressed to the bot in a group."""
    message = update.effective_message
    if message is None:
        return
    services = context.services
    text = addressed_text(message, context.bot.username, context.bot.id)
    if text is None:
        return
    reply_to = None if is_private(message) else message.message_id
    screened = screen(text)
    if screened.refusal:
        log.info("refused a message: %s", screened.refusal)
        refusal = services.texts.get(f"refusals.{screened.refusal}", limit=MAX_QUESTION_CHARS)
        await send_text(context, message.chat_id, refusal, reply_to=reply_to)
        return
    await answer_in_chat(context, message.chat_id, screened.text, reply_to=reply_to)


async def refuse_media(update: Update, context: BotContext) -> None:
    """Stickers, photos, voice and other non-text messages get a short reply (groups: only
    when addressed to the bot)."""
    message = update.effective_message
    if message is None:
        return
    if addressed_text(message, context.bot.username, context.bot.id) is None:
        return
    if message.photo and message.caption and message.caption.strip():
        await free_text(update, context)  # a photo with a question in its caption
        return
    if message.sticker:
        key = "sticker"
    elif message.photo:
        key = "photo"
    elif message.voice or message.audio or message.video_note:
        key = "voice"
    else:
        key = "media"
    log.info("refused a %s message", key)
    reply_to = None if is_private(message) else message.message_id
    await send_text(
        context,
        message.chat_id,
        context.services.texts.get(f"refusals.{key}"),
        reply_to=reply_to,
    )


def command_for_us(message: Message, username: str) -> bool:
    """True when a command is in a private chat or explicitly addressed ``/cmd@username``."""
    if is_private(message):
        return True
    first = (message.text or "").split(maxsplit=1)[0] if message.text else ""
    return first.lower().endswith(f"@{username}".lower())


async def unknown_command(update: Update, context: BotContext) -> None:
    """Commands the bot does not know (and admin commands from non-admins)."""
    message = update.effective_message
    if message is None or not command_for_us(message, context.bot.username):
        return
    await send_text(
        context, message.chat_id, context.services.texts.get("refusals.unknown_command")
    )
