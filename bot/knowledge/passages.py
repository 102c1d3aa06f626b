"""A passage index over every fact text in the fact base, ranked with BM25.

Each passage is one sourced fact text — a profile's reason, figure, person, project or
context fact; a year's jury reasoning, decision, criteria, award facts, projects and notes;
the prize's topics and eras — with the prize year, municipality numbers and people it is
about, and its sources. :meth:`PassageIndex.search` ranks passages lexically (Okapi BM25
over folded, lightly stemmed Norwegian words, with rapidfuzz for typos) after filtering by
the question's entities. A hit must (1) match a word of the question that is not merely the
passage's own entity (nominee, person, year), (2) cover at least half of the question's
content, weighted by how rare each word is (a word the fact texts never use counts as rare
and unmatched, so «hvem vant fotball-VM» finds nothing), and (3) reach a minimum score.

The module depends on the loaded :class:`KnowledgeBase` only (no engine, no front end).
A pure-Python inverted index is used instead of ``bm25s``: that package needs numpy (and
PyStemmer for stemming), while a few hundred passages rank in well under a millisecond here
and entity filters are easy to apply before scoring.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.knowledge.models import (
    KnowledgeBase,
)
from bot.knowledge.passage_texts import Hit, Passage, PassageBuilder
from bot.knowledge.passages_terms import stem, terms, words

K1 = 1.2
"""BM25 term-frequency saturation."""
B = 0.75
"""BM25 length normalisation."""
MIN_SCORE = 1.0
"""Default BM25 threshold for a hit."""
MIN_COVERAGE = 0.5
"""Default share of the question's content (idf-weighted) a hit must match."""
FUZZY_CUTOFF = 85
"""rapidfuzz ratio a misspelt word needs to be read as a word of the fact texts."""
FUZZY_MIN_LENGTH = 5
"""Shorter words are never corrected (too many near neighbours)."""


@dataclass(frozen=True)
class _Slot:
    """One content word of a question: the index terms that answer it and its weight."""

    word: str
    terms: frozenset[str]
    """Its stem (typo-corrected) plus the stems of its synonyms; empty when unknown."""
    weight: float
    """The rarest of its terms' idf, or :data:`PassageIndex.unknown_weight` if none."""


class PassageIndex:
    """BM25 over the passages, with entity filters and a threshold."""

    def __init__(
        self,
        passages: Sequence[Passage],
        synonyms: Mapping[str, Iterable[str]] | None = None,
    ) -> None:
        """Index ``passages``; ``synonyms`` maps a word to words that may stand for it in a
        question («jobb» → «arbeid»); both sides are folded and stemmed here."""
        self.passages: tuple[Passage, ...] = tuple(passages)
        self._postings: dict[str, dict[int, int]] = defaultdict(dict)
        self._lengths: list[int] = []
        self._entity_terms: list[frozenset[str]] = []
        self._by_year: dict[int, set[int]] = defaultdict(set)
        self._by_municipality: dict[str, set[int]] = defaultdict(set)
        self._people: list[tuple[frozenset[str], ...]] = []
        surface: dict[str, str] = {}
        for pid, passage in enumerate(self.passages):
            entity_words = [*passage.names, *passage.people]
            raw = words(" ".join([*entity_words, passage.text]))
            for word in raw:
                surface.setdefault(word, stem(word))
            counts = Counter(stem(w) for w in raw)
            for term, count in counts.items():
                self._postings[term][pid] = count
            self._lengths.append(sum(counts.values()))
            year_word = [str(passage.year)] if passage.year is not None else []
            self._entity_terms.append(frozenset(terms(" ".join([*entity_words, *year_word]))))
            if passage.year is not None:
                self._by_year[passage.year].add(pid)
            for number in passage.municipalities:
                self._by_municipality[number].add(pid)
            self._people.append(tuple(frozenset(words(p)) for p in passage.people))
        count = len(self.passages)
        self._average = sum(self._lengths) / count if count else 1.0
        self._idf = {
            term: math.log(1 + (count - len(posts) + 0.5) / (len(posts) + 0.5))
            for term, posts in self._postings.items()
        }
        self.unknown_weight = math.log(1 + (count - 0.5) / 1.5)
        """Weight of a question word the fact texts never use: as rare as a word used once."""
        self._surface = surface
        self._surface_words = list(surface)
        self._fuzzy_cache: dict[str, str | None] = {}
        self._synonyms: dict[str, set[str]] = defaultdict(set)
        for word, others in (synonyms or {}).items():
            for key in words(word):
                self._synonyms[key].update(stem(w) for o in others for w in words(o))

    def __len__(self) -> int:
        return len(self.passages)

    def uses(self, word: str) -> bool:
        """True when some fact text uses ``word`` (in any inflection)."""
        return any(stem(w) in self._idf for w in words(word))

    @classmethod
    def build(
        cls, kb: KnowledgeBase, synonyms: Mapping[str, Iterable[str]] | None = None
    ) -> PassageIndex:
        """Index every fact text of ``kb``."""
        return cls(PassageBuilder(kb).build(), synonyms)

    # -- querying --------------------------------------------------------------------------

    def slots(self, query: str | Sequence[str]) -> list[_Slot]:
        """The distinct content words of a question (a text or its words), typos corrected."""
        raw = words(query if isinstance(query, str) else " ".join(query))
        found: list[_Slot] = []
        seen: set[str] = set()
        for word in raw:
            term = self._term(word)
            # «enheten» → «enhet», and the text's «enhet» → «enh»: both stems of the word
            shorter = stem(term) if term else None
            # «buss» → «bus», but the text's «busser» → «buss»: the word itself as well
            found_as = (term, shorter, word, *self._synonyms.get(word, ()))
            options = {t for t in found_as if t in self._idf}
            key = term or word
            if key in seen:
                continue
            seen.add(key)
            weight = max((self._idf[t] for t in options), default=self.unknown_weight)
            found.append(_Slot(word, frozenset(options), weight))
        return found

    def matches(self, hit: Hit, word: str) -> bool:
        """True when ``hit`` matched ``word`` (in any inflection, typo or synonym)."""
        options = {t for slot in self.slots(word) for t in slot.terms}
        return bool(options & set(hit.matched))

    def _term(self, word: str) -> str | None:
        term = stem(word)
        if term in self._idf:
            return term
        if len(word) < FUZZY_MIN_LENGTH or word.isdigit():
            return None
        if word not in self._fuzzy_cache:
            best = process.extractOne(
                word, self._surface_words, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
            )
            self._fuzzy_cache[word] = self._surface[best[0]] if best else None
        return self._fuzzy_cache[word]

    def candidates(
        self, year: int | None = None, municipality: str | None = None, person: str | None = None
    ) -> set[int] | None:
        """Passage positions allowed by the filters (``None`` = no filter given)."""
        allowed: set[int] | None = None
        if year is not None:
            allowed = set(self._by_year.get(year, ()))
        if municipality is not None:
            mine = self._by_municipality.get(municipality, set())
            allowed = set(mine) if allowed is None else allowed & mine
        if person is not None:
            wanted = frozenset(words(person))
            named = {
                pid
                for pid, people in enumerate(self._people)
                if wanted and any(wanted <= p for p in people)
            }
            allowed = named if allowed is None else allowed & named
        return allowed

    def about(
        self, year: int | None = None, municipality: str | None = None, person: str | None = None
    ) -> list[Passage]:
        """Every passage matching the given entity filters, in fact-base order, unranked.

        For questions that name only an entity («hvem er Sigrid Thielemann?»), which
        :meth:`search` rightly leaves unanswered; no filter at all gives no passages.
        """
        allowed = self.candidates(year, municipality, person)
        return [self.passages[pid] for pid in sorted(allowed)] if allowed else []

    def search(
        self,
        query: str | Sequence[str],
        *,
        year: int | None = None,
        municipality: str | None = None,
        person: str | None = None,
        limit: int = 3,
        min_score: float = MIN_SCORE,
        min_coverage: float = MIN_COVERAGE,
    ) -> list[Hit]:
        """Best passages for ``query`` among those matching every given entity filter.

        ``municipality`` is a four-digit municipality number, ``person`` a name (all of its
        words must occur in a person the passage names). See the module docstring for when a
        passage counts as a hit; hits come best first, at most ``limit``.
        """
        slots = self.slots(query)
        total = sum(slot.weight for slot in slots)
        if not total:
            return []
        allowed = self.candidates(year, municipality, person)
        if allowed is not None and not allowed:
            return []
        scores: dict[int, float] = defaultdict(float)
        covered: dict[int, float] = defaultdict(float)
        matched: dict[int, list[str]] = defaultdict(list)
        for slot in slots:
            best: dict[int, tuple[float, str]] = {}
            for term in slot.terms:
                idf = self._idf[term]
                for pid, tf in self._postings[term].items():
                    if allowed is not None and pid not in allowed:
                        continue
                    norm = K1 * (1 - B + B * self._lengths[pid] / self._average)
                    score = idf * tf * (K1 + 1) / (tf + norm)
                    if score > best.get(pid, (0.0, ""))[0]:
                        best[pid] = (score, term)
            for pid, (score, term) in best.items():
                scores[pid] += score
                covered[pid] += slot.weight
                matched[pid].append(term)
        hits = [
            Hit(self.passages[pid], round(score, 4), tuple(matched[pid]))
            for pid, score in scores.items()
            if score >= min_score
            and covered[pid] / total >= min_coverage
            and set(matched[pid]) - self._entity_terms[pid]
        ]
        hits.sort(key=lambda hit: (-hit.score, hit.passage.id))
        return hits[:limit]
