"""The intent table in ``bot/engine/answers/table.py`` covers every intent that needs it."""

from __future__ import annotations

import inspect
import shutil
from pathlib import Path

import pytest

from bot.engine.answers import fixed
from bot.engine.answers.table import HANDLERS
from bot.engine.engine import Engine
from bot.engine.loading import load_engine_files
from bot.knowledge.loader import load_knowledge
from bot.knowledge.yamlio import KnowledgeError
from tests.engine.conftest import KNOWLEDGE


def test_every_intent_has_a_handler_or_a_topic_or_is_unknown() -> None:
    """An intent is answered by its table line, by the prize topic of its name, or (marked
    ``unknown: true``) by «the sources do not say» and its nearby answers."""
    kb = load_knowledge(KNOWLEDGE)
    intents = load_engine_files(KNOWLEDGE).intents
    missing = [
        name
        for name, spec in intents.items()
        if not spec.unknown and name not in HANDLERS and name not in kb.prize.topics
    ]
    assert missing == []
    for spec in intents.values():
        for name in spec.nearby:
            assert name in HANDLERS or name in kb.prize.topics, (spec.name, name)


def test_every_table_line_is_an_intent_or_a_nearby_answer() -> None:
    intents = load_engine_files(KNOWLEDGE).intents
    reachable = set(intents) | {n for spec in intents.values() for n in spec.nearby}
    assert sorted(set(HANDLERS) - reachable) == []


def test_handlers_are_plain_functions_of_view_texts_request_reply() -> None:
    for intent, handler in HANDLERS.items():
        assert inspect.isfunction(handler), intent
        assert list(inspect.signature(handler).parameters) == [
            "view",
            "texts",
            "request",
            "reply",
        ], intent


def test_fixed_text_intents_have_their_text() -> None:
    texts = load_engine_files(KNOWLEDGE).texts
    for intent, handler in HANDLERS.items():
        if handler in (fixed.fixed_text, fixed.subscribe):
            assert texts.has(f"{intent}.text"), intent


def test_an_intent_without_handler_or_topic_is_a_load_error(tmp_path: Path) -> None:
    copy = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, copy)
    intents = copy / "intents.yaml"
    text = intents.read_text(encoding="utf-8")
    anchor = "  jury_members:"
    assert anchor in text
    intents.write_text(
        text.replace(
            anchor,
            "  weather_today:\n"
            "    label: været\n"
            "    keywords: [vaer]\n"
            "    examples: [Hvordan er været i dag?]\n" + anchor,
            1,
        ),
        encoding="utf-8",
    )
    with pytest.raises(KnowledgeError) as caught:
        Engine.load(copy)
    assert any("weather_today" in issue.message for issue in caught.value.issues)
