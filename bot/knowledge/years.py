"""Reading one ``knowledge/years/<YYYY>.yaml`` record into a :class:`PrizeYear`.

The year's keys, status rules, winner and nominees are read here; the vote, award and
project entries in :mod:`bot.knowledge.yearparts`, the nominee profiles in
:mod:`bot.knowledge.profiles`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from bot.knowledge.models import (
    Entrant,
    Fact,
    Municipality,
    NomineeProfile,
    PrizeYear,
    VoteWindow,
    YearStatus,
)
from bot.knowledge.municipalities import MunicipalityRegister, normalise_name
from bot.knowledge.prize import read_fact_list
from bot.knowledge.profiles import ProfileReader
from bot.knowledge.reader import LITERALS, FileReader, suggest
from bot.knowledge.tense import criteria_tense_problems
from bot.knowledge.yamlio import LDict, LList, child
from bot.knowledge.yearparts import Award, listed_names, read_award, read_projects, read_vote

YEAR_REQUIRED = (
    "year",
    "label",
    "status",
    "winner",
    "nominees",
    "vote",
    "decision",
    "criteria",
    "award",
    "reasoning",
)
YEAR_KEYS = (
    *YEAR_REQUIRED,
    "explanation",
    "merged_into",
    "nominee_count",
    "projects",
    "notes",
    "profiles",
)
ENTRANT_KEYS = ("name", "municipality", "part_of", "number", "note", "user_note")
NOMINEES_KEYS = ("names", "source", "note", "user_note")
NEEDS_EXPLANATION = (YearStatus.NO_PRIZE, YearStatus.MERGED, YearStatus.UNKNOWN)


class YearReader:
    """Reads one year file; issues go to the shared :class:`FileReader`."""

    def __init__(self, reader: FileReader, register: MunicipalityRegister) -> None:
        self.reader = reader
        self.register = register

    def fail(self, line: int, message: str) -> None:
        """Record an issue at ``line``."""
        self.reader.error(line, message)

    def read(self, data: Any, file_year: int | None) -> PrizeYear | None:
        """Validate and build the year; ``file_year`` is the year in the file name."""
        r = self.reader
        before = len(r.issues)
        if not isinstance(data, LDict):
            r.error(1, "filen må være en oppslagsliste med year, label, status, winner …")
            return None
        r.keys(data, YEAR_KEYS, YEAR_REQUIRED)
        year = r.year(data, "year", "year") if "year" in data else None
        if year is not None and file_year is not None and year != file_year:
            self.fail(
                data.line_of("year"),
                f"year: {year} stemmer ikke med filnavnet {file_year}.yaml; "
                f"gi filen navnet {year}.yaml eller rett årstallet",
            )
        label = r.text(data, "label", "label") if "label" in data else None
        status = self._status(data)
        explanation = (
            r.text_fact(data, "explanation", "explanation", literals=())
            if "explanation" in data
            else None
        )
        merged_into = r.year(data, "merged_into", "merged_into") if "merged_into" in data else None

        nominees = self._nominees(data) if "nominees" in data else None
        winner = self._winner(data, nominees) if "winner" in data else None
        count = self._nominee_count(data, nominees) if "nominee_count" in data else None
        vote = read_vote(r, data) if "vote" in data else VoteWindow()
        decision = (
            r.text_fact(data, "decision", "decision", extra_keys=("now",))
            if "decision" in data
            else None
        )
        decision_now = self._now_form(data, "decision", label) if decision is not None else None
        criteria = (
            r.text_fact(data, "criteria", "criteria", extra_keys=("general", "now"))
            if "criteria" in data
            else None
        )
        criteria_general = self._general(data)
        criteria_now = (
            self._criteria_now(data, label, criteria_general) if criteria is not None else None
        )
        reasoning = self._fact(data, "reasoning")
        award = read_award(r, data) if "award" in data else Award()
        projects = read_projects(r, data) if "projects" in data else ()
        notes = read_fact_list(data, "notes", r) if "notes" in data else ()
        profiles: tuple[NomineeProfile, ...] = ()
        if "profiles" in data and year is not None:
            profiles = ProfileReader(
                r,
                year,
                nominees.value if nominees is not None else None,
                winner.value if winner is not None else None,
                isinstance(data.get("reasoning"), LDict),
                projects,
            ).read(data)

        self._consistency(data, status)
        if len(r.issues) > before or year is None or label is None or status is None:
            return None
        return PrizeYear(
            year=year,
            label=label,
            status=status,
            explanation=explanation,
            merged_into=merged_into,
            winner=winner,
            nominees=nominees,
            nominee_count=count,
            vote=vote,
            decision=decision,
            criteria=criteria,
            criteria_general=criteria_general,
            criteria_now=criteria_now,
            decision_now=decision_now,
            decision_now_sources=decision.sources if decision_now and decision else (),
            award_date=award.date,
            award_event=award.event,
            award_place=award.place,
            handed_by=award.handed_by,
            received_by=award.received_by,
            reasoning=reasoning,
            projects=projects,
            notes=notes or (),
            profiles=profiles,
        )

    # -- parts -----------------------------------------------------------------------------

    def _status(self, data: LDict) -> YearStatus | None:
        if "status" not in data:
            return None
        value = data["status"]
        try:
            return YearStatus(value)
        except ValueError:
            choices = [s.value for s in YearStatus]
            self.fail(
                data.line_of("status"),
                f"ugyldig status «{value}»{suggest(str(value), choices)}; "
                f"bruk {', '.join(choices)}",
            )
            return None

    def _general(self, data: LDict) -> bool:
        """``criteria.general: true``: the source describes the nominees only in general terms
        («hadde gjort et godt arbeid»), not as a list of criteria."""
        value = data.get("criteria")
        if not isinstance(value, LDict) or "general" not in value:
            return False
        if not isinstance(value["general"], bool):
            self.fail(value.line_of("general"), "«criteria.general» må være true eller false")
            return False
        return bool(value["general"])

    def _criteria_now(self, data: LDict, label: str | None, general: bool) -> str | None:
        """``criteria.now``, the present-tense form shown while the round is under way; the
        past form (``text``) is shown after the award. Both name the round and are whole
        sentences; a list of criteria without ``now`` is an error."""
        value = data["criteria"]
        text = str(value.get("text", ""))
        now = value.get("now")
        if general:  # a remark on what the sources say, not a list of criteria
            return None
        if not isinstance(now, str) or not now.strip():
            self.fail(
                value.line_of("text"),
                "«criteria» trenger to former: «text» i fortid for etter utdelingen («For 2023 "
                "ble kommunene vurdert etter …») og «now» i presens mens runden pågår («For 2023 "
                "vurderes kommunene etter …»)",
            )
            return None
        now = " ".join(now.split())
        problems = criteria_tense_problems(text, now, label or "")
        for key, problem in problems:
            self.fail(value.line_of(key), problem)
        return None if problems else now

    def _now_form(self, data: LDict, key: str, label: str | None) -> str | None:
        """The optional present-tense form (``<key>.now``) shown while the round is under way;
        like the past form it names its round, so either reads alone."""
        value = data[key]
        now = value.get("now") if isinstance(value, LDict) else None
        if now is None:
            return None
        if not isinstance(now, str) or not now.strip() or (label and label not in now):
            self.fail(value.line_of("now"), f"«{key}.now» må være en setning som nevner {label}")
            return None
        return " ".join(now.split())

    def _fact(self, data: LDict, key: str) -> Fact[str] | None:
        return self.reader.text_fact(data, key, key) if key in data else None

    def _consistency(self, data: LDict, status: YearStatus | None) -> None:
        """Status rules: awarded needs a winner; no_prize/merged/unknown need an explanation."""
        if status is None:
            return
        line = data.line_of("status")
        winner_given = isinstance(data.get("winner"), LDict)
        if status is YearStatus.AWARDED and "winner" in data and not winner_given:
            self.fail(
                data.line_of("winner"),
                "status er «awarded», men vinneren mangler: skriv winner: {name: …, source: […]}",
            )
        if status is not YearStatus.AWARDED and winner_given:
            self.fail(
                line,
                f"status er «{status.value}», men en vinner er oppgitt; "
                "bruk status: awarded eller skriv winner: unknown/none",
            )
        if status in NEEDS_EXPLANATION and "explanation" not in data:
            self.fail(
                line,
                f"status «{status.value}» krever en forklaring: "
                "explanation: {text: …, source: […]}",
            )
        if status is YearStatus.MERGED and "merged_into" not in data:
            self.fail(
                line, "status «merged» krever merged_into: <året runden ble slått sammen med>"
            )
        if status is not YearStatus.MERGED and "merged_into" in data:
            self.fail(data.line_of("merged_into"), "merged_into brukes bare med status: merged")

    def _entrant_from(self, parent: LDict | LList, key: str | int, what: str) -> Entrant | None:
        """A nominee/winner entry: a plain name or {name, municipality?, part_of?, number?}."""
        value, line = child(parent, key)
        if isinstance(value, str) and value.strip():
            municipality = self._municipality(value.strip(), None, line)
            return Entrant(value.strip(), municipality) if municipality else None
        if not isinstance(value, LDict):
            self.fail(line, f"«{what}» må være et kommunenavn eller {{name: …}}, ikke «{value}»")
            return None
        return self._entrant_mapping(value, what, ENTRANT_KEYS, check_keys=True)

    def _entrant_mapping(
        self, value: LDict, what: str, allowed: tuple[str, ...], check_keys: bool
    ) -> Entrant | None:
        r = self.reader
        if check_keys:
            r.keys(value, allowed, ("name",), what)
        name = r.text(value, "name", f"{what}.name") if "name" in value else None
        note = r.note(value)
        if name is None:
            return None
        if "part_of" in value and "municipality" in value:
            self.fail(
                value.line, f"«{what}»: bruk enten part_of (bydel) eller municipality, ikke begge"
            )
            return None
        target_key = (
            "part_of"
            if "part_of" in value
            else "municipality"
            if "municipality" in value
            else "name"
        )
        target = r.text(value, target_key, f"{what}.{target_key}")
        number = self._number(value, what) if "number" in value else None
        if target is None or ("number" in value and number is None):
            return None
        municipality = self._municipality(target, number, value.line_of(target_key))
        if municipality is None:
            return None
        return Entrant(
            name,
            municipality,
            district=target_key == "part_of",
            note=note,
            user_note=r.user_note(value),
        )

    def _number(self, value: LDict, what: str) -> str | None:
        raw = value["number"]
        if isinstance(raw, int) and not isinstance(raw, bool) and 1000 <= raw <= 9999:
            return str(raw)
        if isinstance(raw, str) and len(raw.strip()) == 4 and raw.strip().isdigit():
            return raw.strip()
        self.fail(
            value.line_of("number"),
            f"«{what}.number» må være et kommunenummer med fire sifre i anførselstegn, "
            f'f.eks. "0301", ikke «{raw}»',
        )
        return None

    def _municipality(self, name: str, number: str | None, line: int) -> Municipality | None:
        if not len(self.register):
            return None  # the municipality files themselves are broken: reported once already
        candidates = self.register.candidates(name)
        if number is not None:
            chosen = self.register.by_number(number)
            if chosen is None:
                self.fail(line, f"ukjent kommunenummer «{number}» (se kommuner.csv)")
                return None
            if candidates and chosen not in candidates:
                listed = ", ".join(_describe(m) for m in candidates)
                self.fail(
                    line,
                    f"kommunenummer {number} ({chosen.name}) passer ikke med «{name}», "
                    f"som kan være {listed}",
                )
                return None
            return chosen
        if not candidates:
            self.fail(
                line,
                f"ukjent kommune «{name}»: bruk et kommunenavn fra 2024, et samisk/kvensk navn "
                "eller et tidligere navn fra kommune_history.csv; for en bydel skriv "
                "{name: …, part_of: Oslo}, for et stedsnavn {name: …, municipality: …}",
            )
            return None
        if len(candidates) > 1:
            listed = ", ".join(_describe(m) for m in candidates)
            self.fail(
                line,
                f"«{name}» kan være flere kommuner: {listed}; skriv "
                f'{{name: {name}, number: "{candidates[0].number}"}} med riktig nummer',
            )
            return None
        return candidates[0]

    def _nominees(self, data: LDict) -> Fact[tuple[Entrant, ...]] | None:
        r = self.reader
        if r.is_literal(data, "nominees", LITERALS):
            return None
        value = data["nominees"]
        if not isinstance(value, LDict):
            self.fail(
                data.line_of("nominees"),
                "«nominees» må være {names: […], source: […]}, eller unknown eller none",
            )
            return None
        r.keys(value, NOMINEES_KEYS, ("names",), "nominees")
        sources = r.source_list(value, "nominees")
        note = r.note(value)
        names = value.get("names")
        if "names" in value and (not isinstance(names, LList) or not names):
            self.fail(
                value.line_of("names"), "«nominees.names» må være en liste med minst ett navn"
            )
            return None
        if not isinstance(names, LList):
            return None
        entrants: list[Entrant] = []
        seen: dict[str, int] = {}
        for index in range(len(names)):
            entrant = self._entrant_from(names, index, f"nominees.names[{index + 1}]")
            if entrant is None:
                continue
            key = normalise_name(entrant.name)
            if key in seen:
                self.fail(
                    names.line_of(index), f"«{entrant.name}» står to ganger blant de nominerte"
                )
                continue
            seen[key] = index
            entrants.append(entrant)
        if sources is None or len(entrants) != len(names):
            return None
        return Fact(tuple(entrants), sources, note, r.user_note(value))

    def _winner(
        self, data: LDict, nominees: Fact[tuple[Entrant, ...]] | None
    ) -> Fact[Entrant] | None:
        r = self.reader
        if r.is_literal(data, "winner", LITERALS):
            return None
        value = data["winner"]
        if not isinstance(value, LDict):
            self.fail(
                data.line_of("winner"),
                "«winner» må være {name: …, source: […]}, eller unknown eller none",
            )
            return None
        r.keys(value, (*ENTRANT_KEYS, "source"), ("name",), "winner")
        sources = r.source_list(value, "winner")
        name = value.get("name")
        listed = listed_names(data)
        if listed is not None and isinstance(name, str):
            if not any(normalise_name(n) == normalise_name(name) for n in listed):
                self.fail(
                    value.line_of("name"),
                    f"vinneren «{name}» står ikke blant de nominerte ({', '.join(listed)}); "
                    "legg den til i nominees.names eller rett navnet",
                )
                return None
            if nominees is None:
                return None  # the nominee list has its own errors; do not repeat them
            listed_entrant = next(
                e for e in nominees.value if normalise_name(e.name) == normalise_name(name)
            )
            note, user_note = r.note(value), r.user_note(value)
            entrant: Entrant | None = (
                replace(listed_entrant, note=note, user_note=user_note)
                if note is not None or user_note is not None
                else listed_entrant
            )
        else:
            entrant = self._entrant_mapping(value, "winner", ENTRANT_KEYS, check_keys=False)
        if entrant is None or sources is None:
            return None
        return Fact(entrant, sources, entrant.note, entrant.user_note)

    def _nominee_count(
        self, data: LDict, nominees: Fact[tuple[Entrant, ...]] | None
    ) -> Fact[int] | None:
        r = self.reader
        entry = r.mapping(data, "nominee_count", "nominee_count")
        if entry is None:
            return None
        r.keys(entry, ("value", "source", "note"), ("value",), "nominee_count")
        value = r.integer(entry, "value", "nominee_count.value") if "value" in entry else None
        sources = r.source_list(entry, "nominee_count")
        if value is not None and value < 1:
            self.fail(entry.line_of("value"), "«nominee_count.value» må være minst 1")
            return None
        if value is not None and nominees is not None and value < len(nominees.value):
            self.fail(
                entry.line_of("value"),
                f"nominee_count er {value}, men {len(nominees.value)} navn står i nominees.names",
            )
            return None
        if value is None or sources is None:
            return None
        return Fact(value, sources, r.note(entry))


def _describe(municipality: Municipality) -> str:
    return f"{municipality.name} ({municipality.number}, {municipality.county})"
