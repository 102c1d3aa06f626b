"""Intent choice: rapidfuzz over the example phrasings, with a threshold and a margin.

Examples are normalised once at load by the same extractor as questions, so slots
become placeholders on both sides («hvem vant i 2015» → ``hvem vant aarstall``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from bot.engine.extract import PLACEHOLDERS
from bot.engine.intents import IntentSpec

THRESHOLD = 72.0
"""Minimum score (0–100) to answer."""
MARGIN = 6.0
"""Minimum lead over the best example of a *different* intent."""
EXACT = 98.0
"""A score this high is (nearly) an example phrasing itself: a smaller lead suffices."""
EXACT_MARGIN = 2.0
KEYWORD_BONUS = 8.0
BARE_PENALTY = 10.0
"""Taken off an example of slots alone («2013», «Drammen») when the question has a question
word: «Hvor mange flyktninger bosatte Norge i 2016?» is no bare «2016»."""
ASK_PENALTY = 10.0
"""Taken off an example whose question word differs from the question's (both having one)."""
SLOT_PENALTY = 6.0
"""Taken off intents that ignore a county or project the question names."""
"""Added when the question contains one of the intent's keywords."""


@dataclass(frozen=True)
class Candidate:
    """An intent with its best score and the example that gave it."""

    intent: str
    score: float
    example: str


SET_WEIGHT = 0.8
"""Weight of the word-set score: it gives 100 for any subset, so it is only trusted partly."""


class IntentMatcher:
    """Ranks intents for a canonical question.

    A question's score against an example (0–100) is the best of: ``ratio`` on the words
    sorted (word order does not matter), ``ratio`` on the words as written (same phrasing),
    and a word-set score like rapidfuzz's ``token_set_ratio`` (shared words against the
    words only one side has), computed for all examples at once with numpy.
    """

    def __init__(
        self,
        intents: dict[str, IntentSpec],
        examples: list[tuple[str, str]],
        ask_of: Callable[[list[str]], str | None] | None = None,
    ) -> None:
        """``ask_of(words)``: the question word of a canonical word list (frames.yaml)."""
        self.intents = intents
        order = list(intents)
        ordered = sorted(examples, key=lambda e: order.index(e[1]))
        self._texts = [text for text, _ in ordered]
        self._sorted = [" ".join(sorted(text.split())) for text in self._texts]
        self._names: list[str] = []
        starts: list[int] = []
        for position, (_, intent) in enumerate(ordered):
            if not self._names or self._names[-1] != intent:
                self._names.append(intent)
                starts.append(position)
        self._starts = np.array(starts, dtype=np.intp)
        self._ends = np.append(self._starts[1:], len(self._texts))
        vocabulary = sorted({w for text in self._texts for w in text.split()})
        self._column = {word: i for i, word in enumerate(vocabulary)}
        self._weights = np.zeros((len(self._texts), len(vocabulary)), dtype=np.float32)
        for row, text in enumerate(self._texts):
            for word in set(text.split()):
                self._weights[row, self._column[word]] = len(word) + 1
        self._lengths = self._weights.sum(axis=1)
        asks = [ask_of(text.split()) if ask_of is not None else None for text in self._texts]
        self._ask_ids = {word: i for i, word in enumerate(sorted({a for a in asks if a}))}
        self._asks = np.array([self._ask_ids.get(a, -1) if a else -1 for a in asks], dtype=np.intp)
        self._slot_only = np.array(
            [all(w in PLACEHOLDERS for w in text.split()) for text in self._texts], dtype=np.float32
        )

    def scores(self, query: str) -> np.ndarray:
        """Score ``query`` against every example, in example order."""
        words = set(query.split())
        present = np.zeros(len(self._column), dtype=np.float32)
        query_length = 0.0
        for word in words:
            query_length += len(word) + 1
            column = self._column.get(word)
            if column is not None:
                present[column] = 1.0
        shared = self._weights @ present
        with np.errstate(divide="ignore", invalid="ignore"):
            only_query = query_length - shared
            only_example = self._lengths - shared
            subset = np.maximum(
                2 * shared / (2 * shared + only_query), 2 * shared / (2 * shared + only_example)
            )
        subset = np.nan_to_num(subset) * (100.0 * SET_WEIGHT)
        in_order = process.cdist([query], self._texts, scorer=fuzz.ratio, dtype=np.float32)[0]
        sorted_query = " ".join(sorted(words))
        any_order = process.cdist(
            [sorted_query], self._sorted, scorer=fuzz.ratio, dtype=np.float32
        )[0]
        return np.maximum(np.maximum(in_order, any_order), subset)

    def rank(
        self,
        query: str,
        words: set[str],
        allowed: set[str],
        penalised: frozenset[str] = frozenset(),
        bonus: Mapping[str, float] | None = None,
        ask: str | None = None,
    ) -> list[Candidate]:
        """Best candidate per allowed intent, best first (``penalised`` intents lose a little,
        ``bonus`` adds the frame rules' weight to the intents they point at)."""
        if not query or not self._texts:
            return []
        values = self.scores(query)
        if ask is not None:  # «hvem kan jeg stemme på» is not «hvor kan jeg stemme»
            asked = self._ask_ids.get(ask, -2)
            values = (
                values
                - ASK_PENALTY * ((self._asks != asked) & (self._asks != -1))
                - BARE_PENALTY * self._slot_only
            )
        best_per_intent = np.maximum.reduceat(values, self._starts)
        found: list[Candidate] = []
        for index, intent in enumerate(self._names):
            if intent not in allowed:
                continue
            value = float(best_per_intent[index])
            if value < 25:
                continue
            if self.intents[intent].keywords & words:
                value += KEYWORD_BONUS  # may pass 100: ties at the top stay broken
            if self.intents[intent].unlikely & words:
                value -= KEYWORD_BONUS
            if intent in penalised:
                value -= SLOT_PENALTY
            if bonus:
                value += bonus.get(intent, 0.0)
            found.append(Candidate(intent, value, ""))
        found.sort(key=lambda c: -c.score)
        return [self._with_example(c, values) for c in found[:3]] + found[3:]

    def _with_example(self, candidate: Candidate, values: np.ndarray) -> Candidate:
        """Fill in the best-matching example (only for the few candidates shown or logged)."""
        index = self._names.index(candidate.intent)
        start, end = int(self._starts[index]), int(self._ends[index])
        best = start + int(np.argmax(values[start:end]))
        return Candidate(candidate.intent, candidate.score, self._texts[best])


def decide(ranked: list[Candidate]) -> tuple[Candidate | None, float]:
    """Return the winning candidate (or None) and the confidence 0–1."""
    if not ranked:
        return None, 0.0
    top = ranked[0]
    runner_up = ranked[1].score if len(ranked) > 1 else 0.0
    confidence = min(1.0, top.score / 100.0)
    needed = EXACT_MARGIN if top.score >= EXACT else MARGIN
    if top.score >= THRESHOLD and top.score - runner_up >= needed:
        return top, confidence
    return None, confidence
