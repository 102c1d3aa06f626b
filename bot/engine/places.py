"""Name indexes built once at load: municipalities (with Sami/Kven, former and entrant
names), counties and named projects, each keyed by folded word tuples."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.engine.normalise import fold, words
from bot.knowledge.models import Entrant, KnowledgeBase, Municipality, PrizeYear, Project

FUZZY_MIN_LENGTH = 5
"""Only words at least this long are compared fuzzily with municipality names."""
FUZZY_CUTOFF = 85.0
"""rapidfuzz ``ratio`` needed to take a word as a misspelt municipality name."""
FUZZY_SHORT_CUTOFF = 88.0
"""The same for four-letter words («Mold» → Molde)."""
FUZZY_SHORT_LENGTH = 4
FUZZY_LONG_LENGTH = 8
FUZZY_LONG_CUTOFF = 80.0
"""Long words of about the same length may differ a little more («Hamarfest» → Hammerfest)."""


@dataclass(frozen=True)
class Place:
    """A municipality a question refers to, and the name it was referred to by."""

    municipality: Municipality
    said: str
    """The name as listed (``Skedsmo``, ``Hámmerfeasta``, ``Grünerløkka``, ``Tromsø``)."""
    entrant: str | None = None
    """Set when the name is an entrant's own name that is not a municipality
    (an Oslo district or a town name): only that entrant matches."""

    @property
    def name(self) -> str:
        """Today's municipality name."""
        return self.municipality.name


@dataclass(frozen=True)
class ProjectRef:
    """A named project and its prize year."""

    year: int
    project: Project


class PlaceIndex:
    """Exact and fuzzy lookup of municipality names, counties and project names."""

    def __init__(self, kb: KnowledgeBase, county_aliases: dict[str, tuple[str, ...]]) -> None:
        self.places: dict[tuple[str, ...], Place] = {}
        self.exact_forms: dict[tuple[str, ...], set[str]] = {}
        by_number = {m.number: m for m in kb.municipalities}
        entrant_numbers = {e.municipality.number for y in kb.years.values() for e in _entrants(y)}
        # Ambiguous names (Herøy, Våler): prefer one that appears in the prize's history.
        ordered = sorted(
            kb.municipalities, key=lambda m: (m.number not in entrant_numbers, m.number)
        )
        for municipality in ordered:
            self._add(municipality.name, Place(municipality, municipality.name))
            for alt in municipality.alt_names:
                self._add(alt, Place(municipality, alt))
        for municipality in ordered:
            for former in municipality.former_names:
                self._add(former, Place(municipality, former))
        for year in sorted(kb.years.values(), key=lambda y: y.year):
            for entrant in _entrants(year):
                municipality = by_number.get(entrant.municipality.number, entrant.municipality)
                if tuple(words(entrant.name)) not in self.places:
                    self._add(entrant.name, Place(municipality, entrant.name, entrant.name))
        self.single_words = {key[0]: place for key, place in self.places.items() if len(key) == 1}
        self.pairs: dict[str, dict[str, Place]] = {}
        for key, place in self.places.items():
            if len(key) == 2:
                self.pairs.setdefault(key[0], {})[" ".join(key)] = place
        self._single_choices = list(self.single_words)
        self.max_words = max((len(k) for k in self.places), default=1)

        self.counties: dict[tuple[str, ...], tuple[str, ...]] = {}
        for county in sorted({m.county for m in kb.municipalities}):
            self.counties[tuple(words(county))] = (county,)
        for alias, targets in county_aliases.items():
            self.counties[tuple(alias.split())] = targets
        self.max_county_words = max((len(k) for k in self.counties), default=1)

        self.projects: dict[tuple[str, ...], ProjectRef] = {}
        for year in sorted(kb.years.values(), key=lambda y: y.year):
            for project in year.projects:
                key = tuple(words(project.name))
                if key:
                    self.projects.setdefault(key, ProjectRef(year.year, project))
        self._project_choices = {" ".join(k): ref for k, ref in self.projects.items()}
        # A nominee's own projects (issue 12) by their exact name only: several are common
        # words («Startlån», «Gratis SFO») that a misspelling must not turn into a project.
        for year in sorted(kb.years.values(), key=lambda y: y.year):
            for profile in year.profiles:
                for project in profile.projects:
                    key = tuple(words(project.name))
                    if key:
                        self.projects.setdefault(key, ProjectRef(year.year, project))
        self.max_project_words = max((len(k) for k in self.projects), default=1)

    def _add(self, name: str, place: Place) -> None:
        key = tuple(words(name))
        if not key:
            return
        self.exact_forms.setdefault(key, set()).add(name)
        self.places.setdefault(key, place)

    def exact_form(self, key: tuple[str, ...], raw: Iterable[str]) -> bool:
        """True when the raw words spell the name exactly (case and diacritics included)."""
        return " ".join(raw) in {
            " ".join(n.replace("-", " ").split()) for n in self.exact_forms[key]
        }

    def fuzzy_project(self, phrase: str) -> ProjectRef | None:
        """A project whose name a (misspelt) phrase of at least six letters spells."""
        if len(phrase) < 6 or not self._project_choices:
            return None
        best = process.extractOne(
            phrase, list(self._project_choices), scorer=fuzz.ratio, score_cutoff=88.0
        )
        return self._project_choices[best[0]] if best else None

    def fuzzy_pair(self, first: str, second: str) -> Place | None:
        """The two-word municipality whose first word is ``first`` and whose name the pair
        spells with a letter or two wrong («Nordre Folo» → Nordre Follo)."""
        choices = self.pairs.get(first)
        if not choices or len(second) < FUZZY_SHORT_LENGTH or second.isdigit():
            return None
        best = process.extractOne(
            f"{first} {second}", list(choices), scorer=fuzz.ratio, score_cutoff=FUZZY_SHORT_CUTOFF
        )
        return choices[best[0]] if best else None

    def fuzzy(self, word: str) -> Place | None:
        """Return the municipality a misspelt single word most likely names, if any."""
        if len(word) < FUZZY_SHORT_LENGTH or word.isdigit():
            return None
        cutoff = FUZZY_CUTOFF if len(word) >= FUZZY_MIN_LENGTH else FUZZY_SHORT_CUTOFF
        long_word = len(word) >= FUZZY_LONG_LENGTH
        best = process.extractOne(
            word,
            self._single_choices,
            scorer=fuzz.ratio,
            score_cutoff=FUZZY_LONG_CUTOFF if long_word else cutoff,
        )
        if best is None:
            return None
        if best[1] < cutoff and abs(len(best[0]) - len(word)) > 1:
            return None  # the looser cutoff only for a letter or two changed, not cut
        return self.single_words[best[0]]


def _entrants(year: PrizeYear) -> list[Entrant]:
    """Every entrant (winner and nominees) of a prize year."""
    found: list[Entrant] = []
    if year.winner is not None:
        found.append(year.winner.value)
    if year.nominees is not None:
        found.extend(year.nominees.value)
    return found


def folded_name(name: str) -> str:
    """The folded form of a name, for comparisons."""
    return fold(name)
