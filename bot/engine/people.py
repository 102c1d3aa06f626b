"""Names of the people in the fact base, found in a question («Hvem er Libe Rieber-Mohn?»).

A gazetteer built once per fact base from the people of the nominee profiles. A name is found
when its words stand in the question exactly (folded: «rieber mohn» for «Rieber-Mohn»), as a
surname alone when that surname belongs to one person only, or — for typos — when a run of
capitalised words in the question is close to a full name (rapidfuzz). Only name-like tokens
(capitalised in the question, not ordinary words or municipality names) are read fuzzily or as
a lone surname, so «Hvem er ordfører i Berg?» does not become a person.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.engine.normalise import clean, tokens, words
from bot.knowledge.models import KnowledgeBase

FUZZY_CUTOFF = 86.0
"""rapidfuzz ``ratio`` a capitalised run needs to be read as a misspelt full name."""
MIN_SURNAME = 4
"""A surname alone counts only when at least this long."""
WRITTEN = re.compile(r"[^\W_]+(?:[-‐–][^\W_]+)*")
"""A written word, hyphenated parts included."""
PLACEHOLDER = "personnavn"
"""The word a found name is replaced by in the question (as in intents.yaml examples)."""


@dataclass(frozen=True)
class FoundPerson:
    """A person named in a question and the question with the name replaced."""

    name: str
    """The name as written in the fact base."""
    question: str
    """The question with the name replaced by :data:`PLACEHOLDER`."""


class PersonIndex:
    """Exact, surname and fuzzy lookup of the fact base's people."""

    def __init__(self, kb: KnowledgeBase, ordinary: Iterable[str] = ()) -> None:
        """Index the profiles' people; ``ordinary`` words (the engine's vocabulary and place
        names) are never read as a lone surname or fuzzily."""
        self.ordinary = frozenset(ordinary)
        self.names: dict[tuple[str, ...], str] = {}
        tails: dict[tuple[str, ...], set[str]] = {}
        for record in kb.years.values():
            for profile in record.profiles:
                for person in profile.people:
                    key = tuple(words(person.name))
                    if not key:
                        continue
                    self.names.setdefault(key, person.name)
                    for start in range(1, len(key)):  # «Rieber-Mohn», «Mohn»
                        tails.setdefault(key[start:], set()).add(person.name)
        self.surnames = {
            tail: next(iter(found))
            for tail, found in tails.items()
            if len(found) == 1
            and tail not in self.names
            and (len(tail) > 1 or (len(tail[0]) >= MIN_SURNAME and tail[0] not in self.ordinary))
        }
        self._choices = {" ".join(k): n for k, n in self.names.items()}
        self.max_words = max((len(k) for k in self.names), default=1)

    def find(self, question: str) -> FoundPerson | None:
        """The first person named in ``question``, if any (full name, typo, then surname)."""
        text = clean(question)
        pairs = tokens(text)
        folded = [f for _, f in pairs]
        # Each word with the written word it belongs to («Nord-Norge» is one written word).
        raw: list[str] = []
        for written in WRITTEN.findall(text):
            raw.extend([written] * len(tokens(written)))
        raw += [r for r, _ in pairs[len(raw) :]]
        found = self._exact(folded, raw, self.names, capital=False)
        if found is None:
            found = self._fuzzy(folded, raw)
        if found is None:
            found = self._exact(folded, raw, self.surnames, capital=True)
        return found

    def _exact(
        self,
        folded: list[str],
        raw: list[str],
        names: dict[tuple[str, ...], str],
        *,
        capital: bool,
    ) -> FoundPerson | None:
        for i in range(len(folded)):
            for n in range(min(self.max_words, len(folded) - i), 0, -1):
                name = names.get(tuple(folded[i : i + n]))
                if name is None:
                    continue
                if capital and not (raw[i][:1].isupper() and _whole(raw, folded, i, n)):
                    continue  # «Nord-Norge» is no «Nord»
                return FoundPerson(name, _replace(folded, i, n))
        return None

    def _fuzzy(self, folded: list[str], raw: list[str]) -> FoundPerson | None:
        """A run of two or three capitalised, unknown words close to a full name."""
        if not self._choices:
            return None
        choices = list(self._choices)
        for n in (3, 2):
            for i in range(len(folded) - n + 1):
                if not all(r[:1].isupper() for r in raw[i : i + n]):
                    continue
                if any(w in self.ordinary for w in folded[i : i + n]):
                    continue
                phrase = " ".join(folded[i : i + n])
                best = process.extractOne(
                    phrase, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
                )
                if best is not None:
                    return FoundPerson(self._choices[best[0]], _replace(folded, i, n))
        return None


def _whole(raw: list[str], folded: list[str], start: int, count: int) -> bool:
    """True when the words start..start+count make up whole written words: «Nord» in
    «Nord-Norge» does not, «Rieber-Mohn» does."""
    span = set(folded[start : start + count])
    return all(set(words(raw[i])) <= span for i in range(start, start + count))


def _replace(split: list[str], start: int, count: int) -> str:
    return " ".join([*split[:start], PLACEHOLDER, *split[start + count :]])
