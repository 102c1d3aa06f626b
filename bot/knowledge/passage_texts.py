"""Every fact text of the fact base as a :class:`Passage`: a profile's reason, figure, person,
project or context fact; a year's jury reasoning, decision, criteria, award facts, projects and
notes; the prize's topics and eras — with the prize year, municipalities and people it is about,
and its sources. :class:`~bot.knowledge.passages.PassageIndex` ranks them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from bot.knowledge.models import (
    Entrant,
    Era,
    Fact,
    KnowledgeBase,
    NomineeProfile,
    PrizeYear,
    Project,
    Source,
)
from bot.knowledge.municipalities import normalise_name
from bot.knowledge.passages_terms import fold

_WORD = re.compile(r"[a-z0-9]+")


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
class PassageBuilder:
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
            add(
                f"projects/{index}",
                "project",
                _project_text(project),
                project.sources,
                (owner,) if owner else (),
            )

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
                _project_text(project),
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


def _project_text(project: Project) -> str:
    """The project's description, with its name before it only when the sentence lacks it."""
    if project.name.casefold() in project.description.casefold():
        return project.description
    return f"{project.name}: {project.description}"
