"""Intent choice: rapidfuzz over the example phrasings, with a threshold and a margin.

Examples are normalised once at load by the same extractor as questions, so slots
become placeholders on both sides («hvem vant i 2015» → ``hvem vant aarstall``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from bot.engine.lexicon import IntentSpec

THRESHOLD = 72.0
"""Minimum score (0–100) to answer."""
MARGIN = 6.0
"""Minimum lead over the best example of a *different* intent."""
EXACT = 98.0
"""A score this high is (nearly) an example phrasing itself: a smaller lead suffices."""
EXACT_MARGIN = 2.0
KEYWORD_BONUS = 8.0
"""Added when the question contains one of the intent's keywords."""


@dataclass(frozen=True)
class Candidate:
    """An intent with its best score and the example that gave it."""

    intent: str
    score: float
    example: str


SCORERS = ((fuzz.token_sort_ratio, 1.0), (fuzz.ratio, 1.0), (fuzz.token_set_ratio, 0.8))
"""Similarity of two canonical word strings is the best of these, each weighted:
``token_sort_ratio`` tolerates word order, ``ratio`` rewards the same phrasing, and
``token_set_ratio`` is only trusted partly because it gives 100 for any subset."""


def scores(query: str, choices: list[str]) -> np.ndarray:
    """Score ``query`` against every choice (0–100), in choice order, in C loops."""
    best: np.ndarray | None = None
    for scorer, weight in SCORERS:
        values = process.cdist([query], choices, scorer=scorer, dtype=np.float32, workers=1)[0]
        if weight != 1.0:
            values = values * weight
        best = values if best is None else np.maximum(best, values)
    assert best is not None
    return best


class IntentMatcher:
    """Ranks intents for a canonical question."""

    def __init__(self, intents: dict[str, IntentSpec], examples: list[tuple[str, str]]) -> None:
        self.intents = intents
        ordered = sorted(examples, key=lambda e: list(intents).index(e[1]))
        self._texts = [text for text, _ in ordered]
        self._names: list[str] = []
        starts: list[int] = []
        for position, (_, intent) in enumerate(ordered):
            if not self._names or self._names[-1] != intent:
                self._names.append(intent)
                starts.append(position)
        self._starts = np.array(starts, dtype=np.intp)

    def rank(self, query: str, words: set[str], allowed: set[str]) -> list[Candidate]:
        """Best candidate per allowed intent, best first."""
        if not query or not self._texts:
            return []
        values = scores(query, self._texts)
        best_per_intent = np.maximum.reduceat(values, self._starts)
        where = np.append(self._starts, len(self._texts))
        found: list[Candidate] = []
        for index, intent in enumerate(self._names):
            if intent not in allowed:
                continue
            value = float(best_per_intent[index])
            if value < 25:
                continue
            if self.intents[intent].keywords & words:
                value = min(100.0, value + KEYWORD_BONUS)
            block = values[where[index] : where[index + 1]]
            example = self._texts[where[index] + int(np.argmax(block))]
            found.append(Candidate(intent, value, example))
        return sorted(found, key=lambda c: -c.score)


def decide(ranked: list[Candidate]) -> tuple[Candidate | None, float]:
    """Return the winning candidate (or None) and the confidence 0–1."""
    if not ranked:
        return None, 0.0
    top = ranked[0]
    runner_up = ranked[1].score if len(ranked) > 1 else 0.0
    confidence = top.score / 100.0
    needed = EXACT_MARGIN if top.score >= EXACT else MARGIN
    if top.score >= THRESHOLD and top.score - runner_up >= needed:
        return top, confidence
    return None, confidence
