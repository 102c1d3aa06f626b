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
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from bot.knowledge.models import (
    Entrant,
    Era,
    Fact,
    KnowledgeBase,
    NomineeProfile,
    PrizeYear,
    Source,
)
from bot.knowledge.municipalities import normalise_name

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
MIN_STEM = 3

_SPECIAL = str.maketrans(
    {"æ": "ae", "ø": "o", "å": "a", "đ": "d", "ŋ": "n", "ŧ": "t", "ß": "ss", "ð": "d", "þ": "th"}
)
_WORD = re.compile(r"[a-z0-9]+")

_STOP_TEXT = """
og i pa til som for av med er var det den de en et ei a at har hadde om fra ble blir kan
sa men seg sin sitt sine hva hvem hvor hvordan hvorfor nar hvilke hvilken hvilket kva kven
korleis kvifor kor nokon noen noe ikke ikkje jeg eg du vi dere han hun ho dei deg meg oss dem
vart vert blei skal vil ville kunne matte ma mer enn eller ogsa so da der her ut inn opp over
under etter mot hos ved slik sann denne dette disse min mitt mine din ditt dine hans hennes
deres vare bare kun nok alle all alt hele mange mye litt sammen fortell fortelle vet vite veit
kjenner si sier sagt gjorde gjort gjore egentlig gjerne lurer lure lurte spor sporre sporsmal
info informasjon kommune kommunen kommunene bosettingsprisen integreringsprisen prisen pris
stor storst kom komme kommet gikk fikk fatt fa antall
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())
"""Folded function words and question words that carry no content."""

_SUFFIX_TEXT = """
hetenes hetene hetens heten heter endes ande ende edes enes erte ede ane ene ens ers ets het
ast ert erens ernes eren erne er en ar as es et a e s
"""
_SUFFIXES = tuple(sorted(set(_SUFFIX_TEXT.split()), key=len, reverse=True))
"""Inflection endings, longest first (after the Snowball Norwegian stemmer's first step)."""


def fold(text: str) -> str:
    """Lower-case and fold æøå and other diacritics the way the engine's normaliser does."""
    lowered = text.lower().translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).translate(_SPECIAL)


def stem(word: str) -> str:
    """A light Norwegian stem: strip the longest inflection suffix, keeping three letters."""
    if word.isdigit():
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            return word[: -len(suffix)]
    return word


def words(text: str) -> list[str]:
    """Folded content words of ``text`` (stop words dropped), not yet stemmed."""
    return [w for w in _WORD.findall(fold(text)) if w not in STOP_WORDS]


def terms(text: str) -> list[str]:
    """The index terms of ``text``: folded, stop words dropped, stemmed."""
    return [stem(w) for w in words(text)]


@dataclass(frozen=True)
class Passage:
    """One sourced fact text with the entities it is about."""

    id: str
    """Stable id, e.g. ``2021/profile/Lørenskog/figures/1`` or ``prize/topics/purpose``."""
    kind: str
    """What the text is: ``nominated_for``, ``figure``, ``person``, ``project``, ``context``,
    ``reasoning``, ``decision``, ``criteria``, ``explanation``, ``award``, ``note``, ``prize``."""
    text: str
    """The fact text as stored (figures and people joined from their fields)."""
    year: int | None
    """Prize year, or ``None`` for prize-level texts."""
    municipalities: frozenset[str]
    """Numbers of the municipalities the passage is about."""
    people: tuple[str, ...]
    """People the passage names or quotes."""
    sources: tuple[Source, ...]
    names: tuple[str, ...] = ()
    """Names (as used that year) of the nominees the passage is about."""
    context: bool = False
    """True for facts that are not a reason for the nomination: show them labelled as such."""


@dataclass(frozen=True)
class Hit:
    """A passage that matched a query, with its BM25 score and the matched terms."""

    passage: Passage
    score: float
    matched: tuple[str, ...]


@dataclass
class _Builder:
    """Collects passages from the knowledge base."""

    kb: KnowledgeBase
    passages: list[Passage] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)
    """Folded person name → name as written, for tagging passages that mention them."""

    def add(
        self,
        pid: str,
        kind: str,
        text: str,
        year: int | None,
        sources: tuple[Source, ...],
        municipalities: Iterable[str] = (),
        people: Iterable[str] = (),
        names: Iterable[str] = (),
        context: bool = False,
    ) -> None:
        self.passages.append(
            Passage(
                pid,
                kind,
                text,
                year,
                frozenset(municipalities),
                tuple(people),
                sources,
                tuple(names),
                context,
            )
        )

    def build(self) -> list[Passage]:
        for record in self.kb.years.values():
            for profile in record.profiles:
                for person in profile.people:
                    self.names.setdefault(fold(person.name), person.name)
        self._prize()
        for record in self.kb.years.values():
            self._year(record)
            for profile in record.profiles:
                self._profile(record, profile)
        return [self._with_people(p) for p in self.passages]

    def _with_people(self, passage: Passage) -> Passage:
        """Tag every known person whose name occurs in the passage text."""
        folded = fold(passage.text)
        found = list(passage.people)
        for key, name in self.names.items():
            if key in folded and name not in found:
                found.append(name)
        if len(found) == len(passage.people):
            return passage
        return Passage(
            passage.id,
            passage.kind,
            passage.text,
            passage.year,
            passage.municipalities,
            tuple(found),
            passage.sources,
            passage.names,
            passage.context,
        )

    # -- prize -----------------------------------------------------------------------------

    def _prize(self) -> None:
        prize = self.kb.prize
        self.add("prize/organiser", "prize", prize.organiser.value, None, prize.organiser.sources)
        for topic, fact in prize.topics.items():
            if fact is not None:
                self.add(f"prize/topics/{topic}", "prize", fact.value, None, fact.sources)
        eras: dict[str, tuple[Era[str], ...]] = {
            "names": prize.names,
            "criteria": prize.criteria,
            "selection": prize.selection,
            "directors": prize.directors,
        }
        for group, items in eras.items():
            for index, era in enumerate(items, 1):
                self.add(f"prize/{group}/{index}", "prize", era.fact.value, None, era.fact.sources)
        for index, fact in enumerate(prize.conflicts, 1):
            self.add(f"prize/conflicts/{index}", "prize", fact.value, None, fact.sources)

    # -- years -----------------------------------------------------------------------------

    def _year(self, record: PrizeYear) -> None:
        year = record.year
        entrants = _entrants(record)
        winner = (record.winner.value,) if record.winner is not None else ()

        def add(
            pid: str,
            kind: str,
            text: str,
            sources: tuple[Source, ...],
            about: Iterable[Entrant] = (),
        ) -> None:
            found = {*about, *_mentioned(text, entrants)}
            self.add(
                f"{year}/{pid}",
                kind,
                text,
                year,
                sources,
                {e.municipality.number for e in found},
                names=sorted({e.name for e in found}),
            )

        def fact(
            pid: str, kind: str, item: Fact[str] | None, about: Iterable[Entrant] = ()
        ) -> None:
            if item is None:
                return
            add(pid, kind, item.value, item.sources, about)
            if item.user_note:  # curator notes are never shown
                add(f"{pid}/note", "note", item.user_note, item.sources, about)

        fact("explanation", "explanation", record.explanation)
        fact("decision", "decision", record.decision)
        fact("criteria", "criteria", record.criteria)
        fact("reasoning", "reasoning", record.reasoning, winner)
        fact("award/event", "award", record.award_event)
        fact("award/place", "award", record.award_place)
        fact("award/handed_by", "award", record.handed_by)
        fact("award/received_by", "award", record.received_by, winner)
        if record.winner is not None and record.winner.user_note:
            add("winner/note", "note", record.winner.user_note, record.winner.sources, winner)
        if record.nominees is not None and record.nominees.user_note:
            add("nominees/note", "note", record.nominees.user_note, record.nominees.sources)
        for index, note in enumerate(record.notes, 1):
            fact(f"notes/{index}", "note", note)
        for index, project in enumerate(record.projects, 1):
            owner = entrants.get(normalise_name(project.municipality))
            text = f"{project.name}: {project.description}"
            add(f"projects/{index}", "project", text, project.sources, (owner,) if owner else ())

    def _profile(self, record: PrizeYear, profile: NomineeProfile) -> None:
        year = record.year
        name = profile.entrant.name
        number = (profile.entrant.municipality.number,)
        base = f"{year}/profile/{name}"
        if profile.nominated_for is not None:
            reason = profile.nominated_for
            self.add(
                f"{base}/nominated_for",
                "nominated_for",
                reason.value,
                year,
                reason.sources,
                number,
                names=(name,),
            )
        for index, figure in enumerate(profile.figures, 1):
            text = f"{figure.measures}: {figure.shown} {figure.unit} ({figure.year})"
            self.add(
                f"{base}/figures/{index}",
                "figure",
                text,
                year,
                figure.sources,
                number,
                names=(name,),
                context=figure.context,
            )
        for index, person in enumerate(profile.people, 1):
            text = f"{person.name} ({person.role})" + (f": {person.said}" if person.said else "")
            self.add(
                f"{base}/people/{index}",
                "person",
                text,
                year,
                person.sources,
                number,
                (person.name,),
                names=(name,),
                context=person.context,
            )
        shared = set(map(id, record.projects))
        for index, project in enumerate(profile.projects, 1):
            if id(project) in shared:
                continue  # the year's record is already a passage
            self.add(
                f"{base}/projects/{index}",
                "project",
                f"{project.name}: {project.description}",
                year,
                project.sources,
                number,
                names=(name,),
            )
        for index, item in enumerate(profile.context, 1):
            self.add(
                f"{base}/context/{index}",
                "context",
                item.value,
                year,
                item.sources,
                number,
                names=(name,),
                context=True,
            )


def _entrants(record: PrizeYear) -> dict[str, Entrant]:
    """The year's nominees and winner by normalised name."""
    found: dict[str, Entrant] = {}
    if record.nominees is not None:
        for entrant in record.nominees.value:
            found[normalise_name(entrant.name)] = entrant
    if record.winner is not None:
        found.setdefault(normalise_name(record.winner.value.name), record.winner.value)
    return found


def _mentioned(text: str, entrants: dict[str, Entrant]) -> list[Entrant]:
    """The year's entrants whose name occurs as whole words in ``text``."""
    folded = f" {' '.join(_WORD.findall(fold(text)))} "
    return [e for e in entrants.values() if f" {' '.join(_WORD.findall(fold(e.name)))} " in folded]


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
        return cls(_Builder(kb).build(), synonyms)

    # -- querying --------------------------------------------------------------------------

    def slots(self, query: str | Sequence[str]) -> list[_Slot]:
        """The distinct content words of a question (a text or its words), typos corrected."""
        raw = words(query if isinstance(query, str) else " ".join(query))
        found: list[_Slot] = []
        seen: set[str] = set()
        for word in raw:
            term = self._term(word)
            options = {t for t in (term, *self._synonyms.get(word, ())) if t in self._idf}
            key = term or word
            if key in seen:
                continue
            seen.add(key)
            weight = max((self._idf[t] for t in options), default=self.unknown_weight)
            found.append(_Slot(word, frozenset(options), weight))
        return found

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
