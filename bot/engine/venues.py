"""The names of the award events and venues, read from the fact base («prisen på Maihaugen»)."""

from __future__ import annotations

import re

from bot.engine.normalise import words
from bot.knowledge.models import KnowledgeBase


def award_venues(kb: KnowledgeBase, known: set[str]) -> dict[str, tuple[int, ...]]:
    """Names of the award events and venues (Maihaugen, årskonferanse …) → the prize years
    handed out there. A name is a capitalised word or a «…konferanse» word of an event or place
    text that is neither a municipality nor a word the engine already knows."""
    found: dict[str, list[int]] = {}
    for year, record in kb.years.items():
        for fact in (record.award_event, record.award_place):
            if fact is None:
                continue
            for raw in re.findall(r"[\wæøåÆØÅ]+", fact.value):
                word = "".join(words(raw))
                named = raw[:1].isupper() or "konferanse" in word
                if named and len(word) > 2 and word not in known and not word.isdigit():
                    found.setdefault(word, [])
                    if year not in found[word]:
                        found[word].append(year)
    return {word: tuple(years) for word, years in found.items()}
