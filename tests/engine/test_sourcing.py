"""Every answer that states a prize fact carries its source (lead's review, item 1).

Runs every example phrasing of ``knowledge/intents.yaml`` and every golden question through the
engine at several clocks; a matched answer whose text names a year, a municipality or a date must
list at least one source.
"""

from __future__ import annotations

import re
from datetime import datetime

import pytest
import yaml

from bot.clock import OSLO
from bot.engine.engine import Engine
from tests.engine.conftest import KNOWLEDGE, NOW, ROOT

CLOCKS = (
    NOW,
    datetime(2023, 10, 5, 12, tzinfo=OSLO),  # the 2023 vote is open
    datetime(2021, 11, 20, 12, tzinfo=OSLO),  # just after 2021 was awarded
)
_YEAR = re.compile(r"(?<!\d)(19|20)\d\d(?!\d)")
_DATE = re.compile(
    r"\b\d{1,2}\. (januar|februar|mars|april|mai|juni|juli|august|september|oktober|november"
    r"|desember)\b"
)


def _questions() -> list[str]:
    intents = yaml.safe_load((KNOWLEDGE / "intents.yaml").read_text(encoding="utf-8"))
    found = [e for spec in intents["intents"].values() for e in spec["examples"]]
    golden = yaml.safe_load((ROOT / "tests/golden/questions.yaml").read_text(encoding="utf-8"))
    found += [item["q"] for item in golden.get("questions", [])]
    for conversation in golden.get("conversations", []):
        found += [turn["q"] for turn in conversation.get("turns", [])]
    return list(dict.fromkeys(str(q) for q in found))


def _names(engine: Engine) -> re.Pattern[str]:
    names = {m.name for m in engine.kb.municipalities if len(m.name) > 3}
    alternation = "|".join(sorted((re.escape(n) for n in names), key=len, reverse=True))
    return re.compile(rf"(?<!\w)({alternation})(?!\w)")


NO_FACT_INTENTS = {
    "greeting",
    "thanks",
    "goodbye",
    "help",
    "subscribe",
    "unsubscribe",
    "map",
    "timeline",
}
"""Small talk, commands and pictures: their texts name examples, not facts."""
GAP_MARKERS = (
    "ingen opplysninger",
    "etter det jeg vet",
    "ikke kåret ennå",
    "ikke kjent ennå",
    "kjenner ikke til",
    "står ikke blant",
    "mangler jeg",
    "mener du",
    "vet jeg ikke",
    "vet ikke",
    "ikke delt ut ennå",
)
"""Sentences saying what is *not* known (or asking back, or a prize year after the clock)
state no fact."""
_QUOTED = re.compile(r"«[^»]*»")
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n")


def _states_a_fact(text: str, names: re.Pattern[str]) -> str | None:
    for sentence in _SENTENCE.split(_QUOTED.sub("", text)):
        if any(marker in sentence for marker in GAP_MARKERS):
            continue
        for pattern in (_YEAR, _DATE, names):
            hit = pattern.search(sentence)
            if hit:
                return hit.group(0)
    return None


@pytest.mark.parametrize("now", CLOCKS, ids=lambda n: n.date().isoformat())
def test_every_fact_carries_a_source(engine: Engine, now: datetime) -> None:
    names = _names(engine)
    questions = _questions()
    assert len(questions) > 500
    unsourced = []
    for question in questions:
        answer = engine.answer(question, now=now)
        if not answer.matched or answer.intent in NO_FACT_INTENTS:
            continue
        fact = _states_a_fact(answer.text, names)
        if fact is not None and not answer.sources:
            unsourced.append(f"{question!r} → {answer.text[:120]!r} (nevner {fact!r})")
    assert not unsourced, "\n".join(unsourced)


def test_how_to_vote_cites_the_last_known_votes(engine: Engine) -> None:
    answer = engine.answer("hvordan stemmer jeg?", now=NOW)
    assert "imdi.no" in answer.text and "2023" in answer.text
    assert "vanligvis" not in answer.text
    urls = " ".join(s.url or "" for s in answer.sources + answer.more_sources)
    assert "ntb.no" in urls  # the 2023 vote on imdi.no [ntb23], shown or behind «Flere kilder»


def test_how_to_vote_while_a_vote_is_open(engine: Engine) -> None:
    answer = engine.answer("hvordan stemmer jeg?", now=CLOCKS[1])
    assert "imdi.no" in answer.text and answer.sources
