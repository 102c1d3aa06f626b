"""Ask the engine on behalf of a chat and send the answer with sources and buttons."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import InlineKeyboardMarkup, Message, ReplyParameters
from telegram.error import Forbidden, TelegramError

from bot.engine.types import Answer
from bot.pictures.cache import MAP, TIMELINE
from bot.storage import unanswered
from bot.telegram.botcontext import BotContext
from bot.telegram.errors import chat_kind, notify_admins
from bot.telegram.formatting import escape, render_answer, render_plain
from bot.telegram.keyboards import SUGGESTION_BUTTONS, answer_keyboard
from bot.telegram.pictures import send_picture
from bot.telegram.services import Services

log = logging.getLogger(__name__)

PICTURE_ACTIONS = {"map": MAP, "timeline": TIMELINE}
"""Intents whose answer is a picture: the follow-up action of the same name → picture kind."""


def ask(services: Services, chat_id: int, question: str, *, fresh: bool = False) -> Answer:
    """Answer ``question`` with the chat's context and keep what the curator needs.

    ``fresh``: start a new topic (commands such as /kriterier must not inherit the year or
    municipality of an earlier question); the answer then becomes the chat's context.
    Synchronous on purpose: no ``await`` between reading and updating a chat's context, and
    :func:`answer_in_chat` queues the answer before anything else can run.
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


def apology_on_failure(
    context: BotContext, chat_id: int, label: str
) -> Callable[[TelegramError], None]:
    """``on_failed`` for an answer: Telegram surely refused it, so in a private chat the user
    gets a short apology (once; not for a blocked bot) and the admins a notice."""

    def failed(exc: TelegramError) -> None:
        if isinstance(exc, Forbidden):
            return
        services = context.services
        if chat_id > 0:
            text = escape(services.texts.get("refusals.error"))
            services.outbox.submit(
                chat_id, lambda: context.bot.send_message(chat_id, text), label="apology"
            )
        notify_admins(context, services, type(exc).__name__, f"{label} i {chat_kind(chat_id)}", exc)

    return failed


async def send_html(
    context: BotContext,
    chat_id: int,
    parts: list[str],
    keyboard: InlineKeyboardMarkup | None = None,
    reply_to: int | None = None,
    *,
    label: str = "svar",
) -> None:
    """Queue HTML parts in order in the outbox (returns at once); the keyboard goes under the
    last one. A part Telegram refuses gets the user an apology (private chats)."""
    outbox = context.services.outbox
    for index, part in enumerate(parts):
        is_last = index == len(parts) - 1
        kwargs: dict[str, Any] = {"reply_markup": keyboard if is_last else None}
        if reply_to is not None and index == 0:
            kwargs["reply_parameters"] = ReplyParameters(reply_to, allow_sending_without_reply=True)

        def send(part: str = part, kwargs: dict[str, Any] = kwargs) -> Awaitable[Message]:
            return context.bot.send_message(chat_id, part, **kwargs)

        outbox.submit(
            chat_id, send, label=label, on_failed=apology_on_failure(context, chat_id, label)
        )


async def send_text(
    context: BotContext,
    chat_id: int,
    text: str,
    keyboard: InlineKeyboardMarkup | None = None,
    reply_to: int | None = None,
) -> None:
    """Queue a plain (escaped) text."""
    await send_html(context, chat_id, render_plain(text), keyboard, reply_to)


def _asked_picture(answer: Answer) -> tuple[str, int | None] | None:
    """(picture kind, year) when the question asked for the map or the timeline itself: the
    chat then gets the picture at once instead of a text with a button to press."""
    if answer.intent not in PICTURE_ACTIONS:
        return None
    for followup in answer.followups:
        kind = str(getattr(followup.action, "value", followup.action))
        if kind == answer.intent:
            payload = followup.question
            year = int(payload) if payload.isdigit() and len(payload) == 4 else None
            return PICTURE_ACTIONS[kind], year
    return None


async def answer_in_chat(
    context: BotContext,
    chat_id: int,
    question: str,
    reply_to: int | None = None,
    *,
    fresh: bool = False,
) -> Answer:
    """Ask the engine and send the answer (sources, follow-ups, «Mente du …?») to the chat.
    ``fresh``: a command, answered without the chat's earlier context (see :func:`ask`)."""
    services = context.services
    # No await between asking and queueing: the chat's answers leave in the order asked.
    answer = ask(services, chat_id, question, fresh=fresh)
    picture = _asked_picture(answer)
    if picture is not None:  # «Vis meg et kart»: the picture itself, its caption says what it is
        kind, year = picture
        await send_picture(context, chat_id, kind, year)
        return answer
    keyboard = answer_keyboard(
        answer,
        services.callbacks,
        enabled_actions(services),
        services.texts.get("answer.more_sources"),
    )
    shown = answer.suggestions[:SUGGESTION_BUTTONS] if keyboard is not None else ()
    parts = render_answer(answer, services.texts, shown)
    await send_html(context, chat_id, parts, keyboard, reply_to)
    return answer
