"""Inline mode: ``@botnavn hvem vant 2014`` in any chat offers answer cards.

Inline queries arrive while the user types, so they are not stored as unanswered questions
and use no chat context.
"""

from __future__ import annotations

import hashlib
import logging

from telegram import (
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    LinkPreviewOptions,
    Update,
)
from telegram.constants import InlineQueryLimit, ParseMode

from bot.engine.types import Answer, Conversation
from bot.telegram.botcontext import BotContext
from bot.telegram.formatting import render_card
from bot.telegram.inputs import screen
from bot.telegram.services import Services

log = logging.getLogger(__name__)
MAX_RESULTS = min(10, InlineQueryLimit.RESULTS)
DESCRIPTION_CHARS = 120


def _result_id(kb_version: str, question: str) -> str:
    digest = hashlib.blake2b(f"{kb_version}|{question}".encode(), digest_size=16).hexdigest()
    return f"a{digest}"  # 33 bytes, within the 64-byte limit


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _card(services: Services, answer: Answer, title: str) -> InlineQueryResultArticle:
    html_text = render_card(answer, services.texts)
    return InlineQueryResultArticle(
        id=_result_id(services.holder.engine.kb.version, answer.question),
        title=_short(title, 64),
        description=_short(answer.text, DESCRIPTION_CHARS),
        input_message_content=InputTextMessageContent(
            html_text,
            parse_mode=ParseMode.HTML,
            link_preview_options=LinkPreviewOptions(is_disabled=True),
        ),
    )


def inline_results(services: Services, query: str) -> list[InlineQueryResultArticle]:
    """Answer cards for ``query``: the answer, then answers to «Mente du …?» suggestions;
    example questions when the query is empty."""
    texts = services.texts
    engine = services.holder.engine
    now = services.clock()
    screened = screen(query)
    if screened.refusal:
        questions = [text for _, text in texts.group("start.examples")]
    else:
        questions = [screened.text]
    results: list[InlineQueryResultArticle] = []
    seen: set[str] = set()
    while questions and len(results) < MAX_RESULTS:
        question = questions.pop(0)
        if question in seen:
            continue
        seen.add(question)
        answer = engine.answer(question, now=now, context=Conversation())
        if answer.matched:
            results.append(_card(services, answer, question[:1].upper() + question[1:]))
        elif not answer.suggestions and not results:
            results.append(_card(services, answer, texts.get("inline.no_answer_title")))
        for suggestion in answer.suggestions:
            if suggestion not in seen:
                questions.append(suggestion)
    return results


async def inline_query(update: Update, context: BotContext) -> None:
    """Answer an inline query with up to ten cards."""
    query = update.inline_query
    if query is None:
        return
    services = context.services
    results = inline_results(services, query.query)
    button = InlineQueryResultsButton(
        text=services.texts.get("inline.button"), start_parameter="inline"
    )
    await query.answer(results, cache_time=60, is_personal=False, button=button)
