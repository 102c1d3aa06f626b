"""Command callbacks whose answers come from the engine or from the texts in knowledge/."""

from __future__ import annotations

import logging
import re

from telegram import Chat, Update
from telegram.constants import ChatMemberStatus

from bot.telegram.answering import answer_in_chat, send_text
from bot.telegram.botcontext import BotContext
from bot.telegram.inputs import screen
from bot.telegram.keyboards import confirm_keyboard, questions_keyboard

log = logging.getLogger(__name__)
YEAR = re.compile(r"^(19|20)\d\d$")


def _reply_to(update: Update) -> int | None:
    message = update.effective_message
    if message is None or message.chat.type == Chat.PRIVATE:
        return None
    return message.message_id


async def start(update: Update, context: BotContext) -> None:
    """/start: welcome, what the bot can do, example questions as buttons."""
    message = update.effective_message
    if message is None:
        return
    services = context.services
    texts = services.texts
    user = update.effective_user
    name = (
        f", {user.first_name}"
        if user and user.first_name and message.chat.type == Chat.PRIVATE
        else ""
    )
    examples = [text for _, text in texts.group("start.examples")][:4]
    await send_text(
        context,
        message.chat_id,
        texts.get("start.welcome", name=name),
        keyboard=questions_keyboard(examples, services.callbacks) if examples else None,
        reply_to=_reply_to(update),
    )


async def help_command(update: Update, context: BotContext) -> None:
    """/hjelp: what to ask and which commands exist."""
    message = update.effective_message
    if message is None:
        return
    text = context.services.texts.get("help", username=context.bot.username)
    await send_text(context, message.chat_id, text, reply_to=_reply_to(update))


async def about(update: Update, context: BotContext) -> None:
    """/om: about the bot, sources, data licences, privacy, fact-base version."""
    message = update.effective_message
    if message is None:
        return
    services = context.services
    text = services.texts.get("about", version=services.holder.engine.kb.version)
    await send_text(context, message.chat_id, text, reply_to=_reply_to(update))


async def _ask_canonical(update: Update, context: BotContext, key: str, **values: object) -> None:
    message = update.effective_message
    if message is None:
        return
    question = context.services.texts.get(f"questions.{key}", **values)
    await answer_in_chat(context, message.chat_id, question, reply_to=_reply_to(update), fresh=True)


async def winners(update: Update, context: BotContext) -> None:
    """/vinnere: all winners by year."""
    await _ask_canonical(update, context, "vinnere")


async def nominees(update: Update, context: BotContext) -> None:
    """/nominerte [år]: nominees (of a year)."""
    args = context.args or []
    if args and YEAR.match(args[0]):
        await _ask_canonical(update, context, "nominerte_year", year=args[0])
        return
    message = update.effective_message
    if args and message is not None:
        extra = screen(" ".join(args))
        if not extra.refusal:
            question = context.services.texts.get("questions.nominerte") + " " + extra.text
            await answer_in_chat(
                context, message.chat_id, question, reply_to=_reply_to(update), fresh=True
            )
            return
    await _ask_canonical(update, context, "nominerte")


async def criteria(update: Update, context: BotContext) -> None:
    """/kriterier: what the jury looks for."""
    await _ask_canonical(update, context, "kriterier")


async def vote(update: Update, context: BotContext) -> None:
    """/stem: is a vote open, when it closes or last closed, where to vote."""
    await _ask_canonical(update, context, "stem")


async def is_group_admin(context: BotContext, chat_id: int, user_id: int) -> bool:
    """True when ``user_id`` administers the group ``chat_id`` (asks Telegram)."""
    member = await context.bot.get_chat_member(chat_id, user_id)
    return member.status in (ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER)


async def forget_me(update: Update, context: BotContext) -> None:
    """/slettmeg: ask for confirmation before deleting everything stored about the chat."""
    message = update.effective_message
    user = update.effective_user
    if message is None or user is None:
        return
    services = context.services
    texts = services.texts
    if message.chat.type != Chat.PRIVATE and not await is_group_admin(
        context, message.chat_id, user.id
    ):
        await send_text(
            context,
            message.chat_id,
            texts.get("slettmeg.groups_admin_only"),
            reply_to=message.message_id,
        )
        return
    keyboard = confirm_keyboard(
        texts.get("slettmeg.button_yes"),
        texts.get("slettmeg.button_no"),
        services.callbacks,
        message.chat_id,
    )
    await send_text(
        context,
        message.chat_id,
        texts.get("slettmeg.confirm"),
        keyboard=keyboard,
        reply_to=_reply_to(update),
    )
