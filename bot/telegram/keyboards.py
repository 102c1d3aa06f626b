"""Inline keyboards: follow-ups, «Mente du …?» suggestions, examples and confirmations."""

from __future__ import annotations

from collections.abc import Iterable

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.engine.types import Answer
from bot.telegram import codec
from bot.telegram.codec import CallbackCodec

MAX_LABEL = 60
SUGGESTION_BUTTONS = 3
"""At most this many «Mente du …?» suggestions become buttons."""
ACTION_KINDS = {
    "ask": codec.ASK,
    "map": codec.MAP,
    "timeline": codec.TIMELINE,
    "subscribe": codec.SUBSCRIBE,
}


def _label(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "…"


def answer_keyboard(
    answer: Answer,
    callbacks: CallbackCodec,
    enabled: Iterable[str] = ("ask",),
    more_sources: str | None = None,
) -> InlineKeyboardMarkup | None:
    """Buttons for an answer's follow-ups (two per row) and suggestions (one per row).

    ``enabled`` lists the follow-up actions this bot can serve (``ask`` always; ``map`` and
    ``timeline`` when pictures are available, ``subscribe`` when reminders are).
    ``more_sources``: the label of the «Flere kilder» button, shown when the answer has
    sources it did not list.
    """
    allowed = set(enabled) | {"ask"}
    rows: list[list[InlineKeyboardButton]] = []
    row: list[InlineKeyboardButton] = []
    for followup in answer.followups:
        if followup.action not in allowed or followup.action not in ACTION_KINDS:
            continue
        kind = ACTION_KINDS[followup.action]
        payload = followup.question if kind in (codec.ASK, codec.MAP) else ""
        if kind == codec.MAP and payload and not (payload.isdigit() and len(payload) == 4):
            payload = ""
        if kind == codec.ASK and not payload.strip():
            continue
        data = callbacks.encode(kind, payload)
        row.append(InlineKeyboardButton(_label(followup.label), callback_data=data))
        if len(row) == 2:
            rows.append(row)
            row = []
    if row:
        rows.append(row)
    if more_sources and answer.more_sources:
        data = callbacks.more_sources([s.key for s in answer.more_sources])
        rows.append([InlineKeyboardButton(_label(more_sources), callback_data=data)])
    for suggestion in answer.suggestions[:SUGGESTION_BUTTONS]:
        data = callbacks.encode(codec.ASK, suggestion)
        rows.append([InlineKeyboardButton(_label(suggestion), callback_data=data)])
    return InlineKeyboardMarkup(rows) if rows else None


def questions_keyboard(questions: Iterable[str], callbacks: CallbackCodec) -> InlineKeyboardMarkup:
    """One button per example question (each asked as a new topic)."""
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(_label(q), callback_data=callbacks.encode(codec.EXAMPLE, q))]
            for q in questions
        ]
    )


def confirm_keyboard(
    yes: str, no: str, callbacks: CallbackCodec, chat_id: int
) -> InlineKeyboardMarkup:
    """Yes/No buttons for /slettmeg; «yes» carries a one-time token issued to ``chat_id``."""
    yes_data = callbacks.confirmation(codec.FORGET_YES, chat_id)
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(yes, callback_data=yes_data),
                InlineKeyboardButton(no, callback_data=callbacks.encode(codec.FORGET_NO)),
            ]
        ]
    )
