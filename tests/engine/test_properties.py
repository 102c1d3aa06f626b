"""Property-based tests (hypothesis): noise around a known question — invisible characters,
spaces inside the year, homoglyphs, case, punctuation, emoji and markup — gives the clean
question's answer or an honest non-answer, never another winner. Bounded examples, so the
suite stays within its time budget."""

from __future__ import annotations

import os
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.engine.engine import Engine
from bot.telegram.inputs import screen
from tests.engine.conftest import NOW

QUESTIONS = [
    "Hvem vant i 2014?",
    "Hvem vant prisen i 2021?",
    "vinner 2011",
    "Hvem var nominert i 2023?",
    "Vant Asker i 2021?",
    "Hvem vant i 2008?",
]
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\ufeff", "\u200e", "\u180e"]
HOMOGLYPHS = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "i": "і"}
"""Latin → Cyrillic look-alikes."""
AROUND = [
    "",
    " ",
    "!!",
    "??",
    "...",
    "😀 ",
    " 🙏",
    "<b>",
    "</b>",
    "*",
    "_",
    "«",
    "»",
    '"',
    "(",
    ")",
]
PROPERTY = settings(
    max_examples=int(os.environ.get("PROPERTY_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def winners(engine: Engine) -> set[str]:
    """Every winner's name (as the sources name it and as today's municipality)."""
    names = set()
    for year in engine.kb.years.values():
        if year.winner is not None:
            names.add(year.winner.value.name)
            names.add(year.winner.value.municipality.name)
    return names


def named(text: str, names: set[str]) -> set[str]:
    return {name for name in names if re.search(rf"\b{re.escape(name)}\b", text)}


@st.composite
def noisy(draw: st.DrawFn, question: str) -> str:
    """``question`` with invisible characters, split years and words, homoglyphs, case and
    punctuation, emoji or markup around it."""
    chars = list(question)
    for _ in range(draw(st.integers(0, 4))):
        chars.insert(draw(st.integers(0, len(chars))), draw(st.sampled_from(INVISIBLE)))
    text = "".join(chars)
    if draw(st.booleans()):
        year = re.search(r"\d{4}", text)
        if year:
            cut = year.start() + draw(st.integers(1, 3))
            text = text[:cut] + " " + text[cut:]
    if draw(st.booleans()):  # a space inside a word or a name («As ker»)
        words = [m for m in re.finditer(r"[^\W\d_]{4,}", text)]
        if words:
            word = draw(st.sampled_from(words))
            cut = draw(st.integers(word.start() + 1, word.end() - 1))
            text = text[:cut] + " " + text[cut:]
    if draw(st.booleans()):
        spots = [i for i, ch in enumerate(text) if ch in HOMOGLYPHS]
        if spots:
            spot = draw(st.sampled_from(spots))
            text = text[:spot] + HOMOGLYPHS[text[spot]] + text[spot + 1 :]
    case = draw(st.sampled_from(["same", "lower", "upper", "swap"]))
    text = {"same": text, "lower": text.lower(), "upper": text.upper(), "swap": text.swapcase()}[
        case
    ]
    return draw(st.sampled_from(AROUND)) + text + draw(st.sampled_from(AROUND))


@pytest.mark.parametrize("question", QUESTIONS)
def test_noise_never_gives_another_winner(engine: Engine, question: str) -> None:
    clean = engine.answer(question, now=NOW)
    assert clean.matched
    everyone = winners(engine)
    expected = named(clean.text, everyone)

    @PROPERTY
    @given(noisy(question))
    def check(text: str) -> None:
        answer = engine.answer(text, now=NOW)
        if answer.matched:
            extra = named(answer.text, everyone) - expected
            assert not extra, (text, answer.text)
        screened = screen(text)  # the Telegram input path: same answer or a refusal
        if not screened.refusal:
            via_telegram = engine.answer(screened.text, now=NOW)
            if via_telegram.matched:
                assert not named(via_telegram.text, everyone) - expected, (text, via_telegram.text)

    check()


def test_a_year_split_by_invisible_or_space_is_never_another_year(engine: Engine) -> None:
    for text in ("Hvem vant i 20\u200b14?", "Hvem vant i 20 14?", "Hvem vant i 2\u00ad014?"):
        answer = engine.answer(text, now=NOW)
        assert answer.matched and "Drammen" in answer.text, text
        assert "Sunndal" not in answer.text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=200))
def test_free_text_never_raises(engine: Engine, text: str) -> None:
    screened = screen(text)
    answer = engine.answer(screened.text or text, now=NOW)
    assert isinstance(answer.text, str) and answer.text


def test_year_before_with_nothing_before_asks_which_year(engine: Engine) -> None:
    from bot.engine.types import Conversation

    which = engine.answer("og året før?", now=NOW, context=Conversation())
    assert not which.matched and "hvilket år" in which.text
    assert not named(which.text, winners(engine))
    conversation = Conversation()
    first = engine.answer("Hvem vant i 2014?", now=NOW, context=conversation)
    conversation.intent, conversation.years = first.intent, first.years
    conversation.updated_at = NOW
    before = engine.answer("og året før?", now=NOW, context=conversation)
    assert before.matched and "2013" in before.text
