"""Reading the ``profiles:`` section of a year file into :class:`NomineeProfile` records.

One profile per nominee, keyed by the name as it stands in ``nominees.names``::

    profiles:
      Lørenskog:
        nominated_for: reasoning          # the winner: see the year's jury reasoning
        figures:
          - {value: 82, unit: prosent, measures: …, year: 2020, source: [kr21]}
        projects:
          - Jobbsjansen                   # a name links to the year's project record
          - {name: …, text: …, source: […]}
        people:
          - {name: …, role: …, said: …, source: […]}
        context:
          - {text: …, source: […]}

Every fact needs a source, a figure its unit and reference year, a person a role, and the
profile's key must be one of the year's nominees; each mistake is reported with its line.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from bot.knowledge.models import Entrant, Fact, Figure, NomineeProfile, Person, Project
from bot.knowledge.municipalities import normalise_name
from bot.knowledge.project_names import WORDING_KEYS, check_list, read_wording
from bot.knowledge.reader import UNKNOWN, FileReader, digit_start
from bot.knowledge.yamlio import LDict, LList
from bot.knowledge.yearparts import sentence_error

T = TypeVar("T")

REASONING = "reasoning"
"""Literal for the winner's ``nominated_for``: the reason is the year's jury reasoning."""
PROFILE_KEYS = ("nominated_for", "figures", "projects", "people", "context", "note")
FIGURE_KEYS = ("value", "unit", "measures", "year", "source", "note", "context", "sentence")
PERSON_KEYS = ("name", "role", "said", "source", "note", "context")
PROJECT_KEYS = ("name", "text", "source", "note", *WORDING_KEYS)


class ProfileReader:
    """Reads one year's ``profiles:`` mapping; issues go to the shared :class:`FileReader`."""

    def __init__(
        self,
        reader: FileReader,
        year: int,
        entrants: tuple[Entrant, ...] | None,
        winner: Entrant | None,
        has_reasoning: bool,
        projects: tuple[Project, ...],
    ) -> None:
        self.r = reader
        self.year = year
        self.entrants = entrants
        self.winner = winner
        self.has_reasoning = has_reasoning
        self.projects = projects

    def read(self, data: LDict) -> tuple[NomineeProfile, ...]:
        """Build every profile under ``data['profiles']``; skip (and report) broken ones."""
        value = data["profiles"]
        if not isinstance(value, LDict):
            self.r.error(
                data.line_of("profiles"),
                "«profiles» må være en oppslagsliste: kommunenavn → {nominated_for, …}",
            )
            return ()
        profiles: list[NomineeProfile] = []
        for name in value:
            profile = self._profile(value, name)
            if profile is not None:
                profiles.append(profile)
        return tuple(profiles)

    # -- one profile -----------------------------------------------------------------------

    def _profile(self, parent: LDict, name: str) -> NomineeProfile | None:
        r = self.r
        line = parent.line_of(name)
        what = f"profiles.{name}"
        entrant = self._entrant(name, line)
        entry = r.mapping(parent, name, what)
        if entry is None:
            return None
        before = len(r.issues)
        r.keys(entry, PROFILE_KEYS, ("nominated_for",), what)
        reason, uses_reasoning = (
            self._reason(entry, what, entrant) if "nominated_for" in entry else (None, False)
        )
        figures = self._list(entry, "figures", what, self._figure)
        projects = self._projects(entry, what, entrant)
        people = self._list(entry, "people", what, self._person)
        context = self._list(
            entry, "context", what, lambda items, i, w: r.text_fact(items, i, w, literals=())
        )
        if entrant is None or len(r.issues) > before:
            return None
        return NomineeProfile(
            year=self.year,
            entrant=entrant,
            nominated_for=reason,
            uses_reasoning=uses_reasoning,
            figures=figures,
            projects=projects,
            people=people,
            context=context,
        )

    def _entrant(self, name: str, line: int) -> Entrant | None:
        """The nominee the profile belongs to; a name outside the year's list is an error."""
        key = normalise_name(name)
        candidates = list(self.entrants or ())
        if self.winner is not None and not any(
            normalise_name(e.name) == normalise_name(self.winner.name) for e in candidates
        ):
            candidates.append(self.winner)
        for entrant in candidates:
            if normalise_name(entrant.name) == key:
                return entrant
        if self.entrants is None and self.winner is None:
            self.r.error(
                line,
                f"profil for «{name}», men de nominerte i {self.year} er ikke kjent; "
                "fyll ut nominees.names først",
            )
        else:
            listed = ", ".join(e.name for e in candidates)
            self.r.error(
                line,
                f"profil for «{name}», som ikke står blant de nominerte i {self.year} "
                f"({listed}); rett navnet eller legg kommunen til i nominees.names",
            )
        return None

    def _reason(
        self, entry: LDict, what: str, entrant: Entrant | None
    ) -> tuple[Fact[str] | None, bool]:
        r = self.r
        value = entry["nominated_for"]
        line = entry.line_of("nominated_for")
        is_winner = (
            entrant is not None
            and self.winner is not None
            and normalise_name(entrant.name) == normalise_name(self.winner.name)
        )
        if value == REASONING:
            if not is_winner:
                r.error(line, "nominated_for: reasoning gjelder bare vinneren; skriv {text, …}")
            elif not self.has_reasoning:
                r.error(line, "nominated_for: reasoning, men årets «reasoning» er ikke kjent")
            return None, True
        if value == UNKNOWN:
            return None, False
        if is_winner and self.has_reasoning and isinstance(value, LDict):
            r.error(
                line,
                "vinnerens profil skal vise til juryens begrunnelse i stedet for å gjenta den: "
                "skriv nominated_for: reasoning (og flytt det nye til «reasoning»)",
            )
            return None, False
        return r.text_fact(entry, "nominated_for", f"{what}.nominated_for", literals=()), False

    def _list(
        self, entry: LDict, key: str, what: str, read_item: Callable[[LList, int, str], T | None]
    ) -> tuple[T, ...]:
        """Read ``entry[key]`` as a list with ``read_item(items, index, what)`` per item."""
        if key not in entry:
            return ()
        items = entry[key]
        if isinstance(items, str) and items == "none":
            return ()
        if not isinstance(items, LList):
            self.r.error(entry.line_of(key), f"«{what}.{key}» må være en liste (eller none)")
            return ()
        found: list[T] = []
        for index in range(len(items)):
            item = read_item(items, index, f"{what}.{key}[{index + 1}]")
            if item is not None:
                found.append(item)
        return tuple(found)

    # -- items -----------------------------------------------------------------------------

    def _figure(self, items: LList, index: int, what: str) -> Figure | None:
        r = self.r
        entry = r.mapping(items, index, what)
        if entry is None:
            return None
        r.keys(entry, FIGURE_KEYS, (), what)
        sources = r.source_list(entry, what)
        value = self._value(entry, what)
        unit = measures = year = None
        if "unit" not in entry:
            r.error(entry.line, f"tallet i «{what}» mangler enhet: legg til «unit: prosent» e.l.")
        else:
            unit = r.text(entry, "unit", f"{what}.unit")
        if "year" not in entry:
            r.error(
                entry.line,
                f"tallet i «{what}» mangler året det gjelder: legg til «year: ÅÅÅÅ»",
            )
        else:
            year = r.year(entry, "year", f"{what}.year")
        if "measures" not in entry:
            r.error(entry.line, f"tallet i «{what}» mangler «measures»: hva tallet måler")
        else:
            measures = r.text(entry, "measures", f"{what}.measures")
        context = self._flag(entry, what)
        sentence = self._sentence(entry, what) if "sentence" in entry else None
        if sentence is not None and year is not None and str(year) not in sentence:
            r.error(
                entry.line,
                f"«{what}.sentence» må nevne året tallet gjelder ({year}), så svaret alltid "
                "sier hvilket år tallet er fra",
            )
            sentence = None
        if (
            sources is None
            or value is None
            or unit is None
            or year is None
            or measures is None
            or context is None
        ):
            return None
        return Figure(value, unit, measures, year, sources, r.note(entry), context, sentence)

    def _sentence(self, entry: LDict, what: str) -> str | None:
        """A figure's ``sentence``: one whole sentence with ``{value}`` exactly once."""
        text = self.r.text(entry, "sentence", f"{what}.sentence")
        if text is None:
            return None
        rest = text.replace("{value}", "", 1)
        if "{value}" not in text or "{" in rest or "}" in rest:
            self.r.error(
                entry.line,
                f"«{what}.sentence» må ha «{{value}}» nøyaktig én gang der tallet skal stå, "
                "og ingen andre {…}",
            )
            return None
        if not text.rstrip("»").endswith((".", "!", "?")):
            self.r.error(
                entry.line, f"«{what}.sentence» må være en hel setning som slutter med punktum"
            )
            return None
        if digit_start(text) is not None:
            self.r.error(
                entry.line_of("sentence"),
                f"«{what}.sentence» begynner en setning med tallet: skriv den om så tallet står "
                "lenger ut («I 2026 var {value} prosent …»)",
            )
        return " ".join(text.split())

    def _value(self, entry: LDict, what: str) -> int | float | str | None:
        if "value" not in entry:
            self.r.error(entry.line, f"tallet i «{what}» mangler «value»")
            return None
        value = entry["value"]
        if isinstance(value, bool) or value is None or isinstance(value, LDict | LList):
            self.r.error(entry.line_of("value"), f"«{what}.value» må være et tall eller en tekst")
            return None
        if isinstance(value, int | float):
            return value
        return self.r.text(entry, "value", f"{what}.value")

    def _flag(self, entry: LDict, what: str) -> bool | None:
        if "context" not in entry:
            return False
        value = entry["context"]
        if isinstance(value, bool):
            return value
        self.r.error(entry.line_of("context"), f"«{what}.context» må være true eller false")
        return None

    def _person(self, items: LList, index: int, what: str) -> Person | None:
        r = self.r
        entry = r.mapping(items, index, what)
        if entry is None:
            return None
        r.keys(entry, PERSON_KEYS, ("name",), what)
        sources = r.source_list(entry, what)
        name = r.text(entry, "name", f"{what}.name") if "name" in entry else None
        role = None
        if "role" not in entry:
            shown = f"«{name}»" if name else "personen"
            r.error(
                entry.line,
                f"{shown} i «{what}» mangler rolle: legg til «role: …» (rollen den gangen)",
            )
        else:
            role = r.text(entry, "role", f"{what}.role")
        said = r.text(entry, "said", f"{what}.said") if "said" in entry else None
        context = self._flag(entry, what)
        if sources is None or name is None or role is None or context is None:
            return None
        if "said" in entry and said is None:
            return None
        return Person(name, role, said, sources, r.note(entry), context)

    def _projects(self, entry: LDict, what: str, entrant: Entrant | None) -> tuple[Project, ...]:
        if "projects" not in entry:
            return ()
        owner = entrant.name if entrant is not None else ""

        def read(items: LList, index: int, item_what: str) -> Project | None:
            value = items[index]
            if isinstance(value, str):
                return self._linked_project(value, owner, items.line_of(index), item_what)
            fact = self.r.text_fact(
                items,
                index,
                item_what,
                literals=(),
                extra_keys=("name", *WORDING_KEYS),
                extra_required=("name",),
            )
            mapping = items[index]
            name = (
                self.r.text(mapping, "name", f"{item_what}.name")
                if isinstance(mapping, LDict) and "name" in mapping
                else None
            )
            if fact is None or name is None:
                return None
            if (problem := sentence_error(fact.value, item_what)) is not None:
                self.r.error(items.line_of(index), problem)
                return None
            proper, phrase = read_wording(self.r, mapping, name, item_what)
            return Project(name, owner, fact.value, fact.sources, proper, phrase)

        found = self._list(entry, "projects", what, read)
        items = entry["projects"]
        if isinstance(items, LList) and len(items) == len(found):
            check_list(self.r, items, list(enumerate(found)))
        return found

    def _linked_project(self, name: str, owner: str, line: int, what: str) -> Project | None:
        """A plain name refers to the year's ``projects`` record of the same nominee."""
        key = normalise_name(name)
        for project in self.projects:
            if normalise_name(project.name) == key and (
                normalise_name(project.municipality) == normalise_name(owner)
            ):
                return project
        own = normalise_name(owner)
        mine = [p.name for p in self.projects if normalise_name(p.municipality) == own]
        listed = f" (årets prosjekter for {owner}: {', '.join(mine)})" if mine else ""
        self.r.error(
            line,
            f"«{what}»: fant ikke prosjektet «{name}» for {owner} i årets «projects»{listed}; "
            "skriv {name, text, source} for et nytt prosjekt",
        )
        return None
