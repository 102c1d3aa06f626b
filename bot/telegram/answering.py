"""Ask the engine on behalf of a chat and send the answer with sources and buttons."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from telegram import InlineKeyboardMarkup, Message, ReplyParameters
from telegram.error import RetryAfter
from telegram.ext import ContextTypes

from bot.engine.types import Answer
from bot.storage import unanswered
from bot.telegram.formatting import render_answer, render_plain
from bot.telegram.keyboards import SUGGESTION_BUTTONS, answer_keyboard
from bot.telegram.retry import retry_seconds
from bot.telegram.services import Services, get_services

log = logging.getLogger(__name__)
MAX_RETRY_WAIT_SECONDS = 10.0
"""A reply Telegram holds back longer than this is given up (logged by the error handler)."""


def ask(services: Services, chat_id: int, question: str, *, fresh: bool = False) -> Answer:
    """Answer ``question`` with the chat's context and keep what the curator needs.

    ``fresh``: start a new topic (commands such as /kriterier must not inherit the year or
    municipality of an earlier question); the answer then becomes the chat's context.
    Synchronous on purpose: no ``await`` between reading and updating a chat's context;
    :func:`answer_in_chat` also holds the chat's lock until the answer is sent.
    """
    now = services.clock()
    conversation = services.conversations.get(chat_id)
    if fresh:
        conversation.reset()
    before = conversation.updated_at
    answer = services.holder.engine.answer(question, now=now, context=conversation)
    if conversation.updated_at == before and answer.matched:
        # The engine left the context alone: remember what this answer was about.
        conversation.intent = answer.intent
        conversation.years = answer.years or conversation.years
        conversation.municipality = answer.municipality or conversation.municipality
        conversation.updated_at = now
    reason = unanswered.reason_for(answer.matched, answer.confidence)
    if reason and services.db is not None:
        try:
            unanswered.record(
                services.db, question, now, answer.best_guess, answer.confidence, reason
            )
        except Exception:  # a full disk must not cost the user the answer
            log.exception("could not store an unanswered question")
    log.info(
        "answered intent=%s matched=%s confidence=%.2f",
        answer.intent,
        answer.matched,
        answer.confidence,
    )
    return answer


def enabled_actions(services: Services) -> set[str]:
    """Follow-up actions this bot can serve right now."""
    actions = {"ask", "map", "timeline"}
    if services.reminders is not None:
        actions.add("subscribe")
    return actions


async def send_html(
    context: ContextTypes.DEFAULT_TYPE,
    chat_id: int,
    parts: list[str],
    keyboard: InlineKeyboardMarkup | None = None,
    reply_to: int | None = None,
) -> Message | None:
    """Send HTML parts in order; the keyboard goes under the last one."""
    last: Message | None = None
    for index, part in enumerate(parts):
        is_last = index == len(parts) - 1
        last = await _send_once_more_if_asked(
            context,
            chat_id,
            part,
            reply_markup=keyboard if is_last else None,
            reply_parameters=(
                ReplyParameters(reply_to, allow_sending_without_reply=True)
                if reply_to is not None and index == 0
                else None
            ),
        )
    return last


async def _send_once_more_if_asked(
    context: ContextTypes.DEFAULT_TYPE, chat_id: int, text: str, **kwargs: Any
) -> Message:
    """Send; when Telegram answers 429 with a short ``retry_after``, wait and send once more
    (a busy group must not cost the asker the answer). Longer waits go to the error handler."""
    try:
        return await context.bot.send_message(chat_id, text, **kwargs)
    except RetryAfter as exc:
        seconds = retry_seconds(exc)
        if seconds > MAX_RETRY_WAIT_SECONDS:
            raise
        log.warning("Telegram asked to wait %.0f s before replying; waiting", seconds)
        await asyncio.sleep(seconds)
        return await context.bot.send_message(chat_id, text, **kwargs)


async def send_text(
    context: ContextTypes.DEFAULT_TYPE,
    chat_id: int,
    text: str,
    keyboard: InlineKeyboardMarkup | None = None,
    reply_to: int | None = None,
) -> Message | None:
    """Send a plain (escaped) text."""
    return await send_html(context, chat_id, render_plain(text), keyboard, reply_to)


async def answer_in_chat(
    context: ContextTypes.DEFAULT_TYPE,
    chat_id: int,
    question: str,
    reply_to: int | None = None,
    *,
    fresh: bool = False,
) -> Answer:
    """Ask the engine and send the answer (sources, follow-ups, «Mente du …?») to the chat.
    ``fresh``: a command, answered without the chat's earlier context (see :func:`ask`)."""
    services = get_services(context)
    async with services.chat_locks.hold(chat_id):  # answers leave in the order asked
        answer = ask(services, chat_id, question, fresh=fresh)
        keyboard = answer_keyboard(answer, services.callbacks, enabled_actions(services))
        shown = answer.suggestions[:SUGGESTION_BUTTONS] if keyboard is not None else ()
        parts = render_answer(answer, services.texts, shown)
        await send_html(context, chat_id, parts, keyboard, reply_to)
    return answer
