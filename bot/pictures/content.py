"""What the pictures show, derived from the fact base (no drawing here).

The map and the timeline, their captions and their tests all read the same plain records
built by these functions, so a picture never shows something the fact base does not hold.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from bot.knowledge.models import Entrant, KnowledgeBase, PrizeYear, Source, YearStatus
from bot.knowledge.view import as_known_at, round_year
from bot.pictures.texts import text

WINNER = "winner"
NOMINEE = "nominee"


@dataclass
class MapMark:
    """One municipality to highlight on the map."""

    number: str
    municipality: str
    role: str
    """``winner`` or ``nominee`` (a winner in any shown year wins over nominee)."""
    label: str = ""
    """Text written next to it (empty: coloured only)."""


@dataclass
class MapContent:
    """Everything the map for one request shows."""

    year: int | None
    title: str
    marks: dict[str, MapMark] = field(default_factory=dict)
    message: str | None = None
    """A notice drawn over the map when there is nothing (or not everything) to show."""
    name_notes: list[str] = field(default_factory=list)
    """Names used at the time that differ from today's municipality."""
    names_then: list[tuple[str, str]] = field(default_factory=list)
    """The same as (name as shown, its year labels) for the caption's sentence."""
    sources: tuple[Source, ...] = ()
    nominees_complete: bool = True
    """False when the fact base does not know every nominee, so grey may hide one."""


def first_year(kb: KnowledgeBase) -> int:
    """The first prize year in the fact base (2008)."""
    value = kb.prize.first_year.value if kb.prize.first_year else None
    return value or min(kb.years, default=2008)


def last_year(kb: KnowledgeBase, now: datetime) -> int:
    """The last year a picture covers: the current year."""
    return now.year


def resolve_round(kb: KnowledgeBase, year: int) -> PrizeYear | None:
    """The record that holds ``year``'s round (2019 → the 2019/2020 record)."""
    return kb.years.get(round_year(kb, year), kb.years.get(year))


def display_name(kb: KnowledgeBase, entrant: Entrant) -> str:
    """The entrant's name, explained when it is not today's municipality name."""
    today = entrant.municipality.name
    if entrant.district:
        return text(kb, "map.district", name=entrant.name, municipality=today)
    if entrant.name == today:
        return today
    if entrant.name in entrant.municipality.former_names:
        return text(kb, "map.former_name", name=entrant.name, municipality=today)
    return text(kb, "map.other_name", name=entrant.name, municipality=today)


def _unique_sources(*groups: tuple[Source, ...]) -> tuple[Source, ...]:
    seen: dict[str, Source] = {}
    for group in groups:
        for source in group:
            seen.setdefault(source.key, source)
    return tuple(seen.values())


def awarded_rounds(kb: KnowledgeBase, now: datetime) -> list[PrizeYear]:
    """Rounds with a winner announced by ``now``, in order."""
    kb = as_known_at(kb, now).kb
    return [
        record
        for year, record in sorted(kb.years.items())
        if year <= now.year and record.status is YearStatus.AWARDED and record.winner
    ]


def map_all_years(kb: KnowledgeBase, now: datetime) -> MapContent:
    """Every winner and nominee known at ``now`` (winners labelled with their years)."""
    kb = as_known_at(kb, now).kb
    first, last = first_year(kb), last_year(kb, now)
    content = MapContent(year=None, title=text(kb, "map.title_all", first=first, last=last))
    winner_years: dict[str, list[str]] = {}
    notes: dict[str, list[str]] = {}
    sources: list[tuple[Source, ...]] = []
    for year, record in sorted(kb.years.items()):
        if year > now.year:
            continue
        entrants = list(record.nominees.value) if record.nominees else []
        if record.winner:
            entrants.append(record.winner.value)
            sources.append(record.winner.sources)
        for entrant in entrants:
            number = entrant.municipality.number
            content.marks.setdefault(number, MapMark(number, entrant.municipality.name, NOMINEE))
            if entrant.name != entrant.municipality.name:
                note = display_name(kb, entrant)
                notes.setdefault(note, [])
                if record.label not in notes[note]:
                    notes[note].append(record.label)
        if record.winner and record.status is YearStatus.AWARDED:
            winner = record.winner.value
            number = winner.municipality.number
            content.marks[number].role = WINNER
            part = (
                record.label
                if winner.name == winner.municipality.name
                else f"{winner.name} {record.label}"
            )
            winner_years.setdefault(number, []).append(part)
    for number, parts in winner_years.items():
        mark = content.marks[number]
        mark.label = text(
            kb, "map.winner_label", municipality=mark.municipality, years=", ".join(parts)
        )
    content.name_notes = [
        text(kb, "map.name_note", text=note, years=", ".join(labels))
        for note, labels in notes.items()
    ]
    content.names_then = [(note, ", ".join(labels)) for note, labels in notes.items()]
    content.sources = _unique_sources(*sources)
    content.nominees_complete = all(
        map_one_year(kb, year, now).nominees_complete for year in range(first, last + 1)
    )
    return content


def map_one_year(kb: KnowledgeBase, year: int, now: datetime) -> MapContent:
    """That year's winner and nominees as known at ``now``, or a clear notice."""
    kb = as_known_at(kb, now).kb
    original = kb.years.get(year)
    record = resolve_round(kb, year)
    label = original.label if original else str(year)
    content = MapContent(year=year, title=text(kb, "map.title_year", label=label))
    if record is None or record.status is YearStatus.UNKNOWN:
        content.message = text(kb, "map.unknown", label=label)
        content.nominees_complete = False
        if record and record.explanation:
            content.sources = record.explanation.sources
        return content
    if record.status is YearStatus.NO_PRIZE:
        content.message = text(kb, "map.no_prize", label=label)
        if record.explanation:
            content.sources = record.explanation.sources
        return content
    messages: list[str] = []
    if original is not record and original is not None:
        content.title = text(kb, "map.title_year", label=record.label)
        messages.append(
            text(kb, "map.merged", label=label, target=record.year, target_label=record.label)
        )
    nominees = list(record.nominees.value) if record.nominees else []
    winner = record.winner.value if record.winner else None
    for entrant in nominees + ([winner] if winner else []):
        number = entrant.municipality.number
        role = WINNER if winner is not None and entrant is winner else NOMINEE
        if winner is not None and number == winner.municipality.number and role == NOMINEE:
            continue
        mark = content.marks.get(number)
        name = display_name(kb, entrant)
        if mark is None or role == WINNER:
            content.marks[number] = MapMark(number, entrant.municipality.name, role, name)
    if record.status is YearStatus.OPEN:
        messages.append(text(kb, "map.open", label=record.label))
    elif winner is None:
        messages.append(text(kb, "map.winner_unknown", label=record.label))
    if not nominees:
        messages.append(text(kb, "map.nominees_unknown", label=record.label))
        content.nominees_complete = False
    elif record.nominee_count and record.nominee_count.value > len(nominees):
        content.nominees_complete = False
        messages.append(
            text(
                kb,
                "map.nominees_partial",
                count=record.nominee_count.value,
                named=len(nominees),
            )
        )
    content.message = "\n".join(messages) or None
    content.sources = _unique_sources(
        record.winner.sources if record.winner else (),
        record.nominees.sources if record.nominees else (),
    )
    return content


def map_content(kb: KnowledgeBase, year: int | None, now: datetime) -> MapContent:
    """The map for all years (``year`` None) or for one prize year."""
    return map_all_years(kb, now) if year is None else map_one_year(kb, year, now)


@dataclass(frozen=True)
class TimelineEntry:
    """One year on the timeline."""

    year: int
    kind: str
    """``awarded``, ``no_prize``, ``merged`` (first year of a joint round), ``joint`` (the
    round's own year), ``open`` or ``unknown``."""
    winner: str = ""
    note: str = ""
    """Gap text written under the year («ingen pris», «ukjent», «2019/2020 – én runde»)."""
    span_to: int | None = None
    """For a merged year: the year its round is recorded under."""


def timeline_entries(kb: KnowledgeBase, now: datetime) -> list[TimelineEntry]:
    """One entry per year from the first prize year to ``now``'s year, as known at ``now``."""
    kb = as_known_at(kb, now).kb
    entries: list[TimelineEntry] = []
    joint_years = {
        r.merged_into for r in kb.years.values() if r.status is YearStatus.MERGED and r.merged_into
    }
    for year in range(first_year(kb), now.year + 1):
        record = kb.years.get(year)
        if record is None or record.status is YearStatus.UNKNOWN:
            entries.append(TimelineEntry(year, "unknown", note=text(kb, "timeline.unknown")))
        elif record.status is YearStatus.NO_PRIZE:
            entries.append(TimelineEntry(year, "no_prize", note=text(kb, "timeline.no_prize")))
        elif record.status is YearStatus.MERGED:
            target = kb.years.get(record.merged_into or 0)
            label = target.label if target else record.label
            entries.append(
                TimelineEntry(
                    year,
                    "merged",
                    note=text(kb, "timeline.merged", label=label),
                    span_to=record.merged_into,
                )
            )
        elif record.status is YearStatus.OPEN:
            entries.append(TimelineEntry(year, "open", note=text(kb, "timeline.open")))
        else:
            winner = record.winner.value.name if record.winner else ""
            kind = "joint" if year in joint_years else "awarded"
            if not winner:
                entries.append(TimelineEntry(year, "unknown", note=text(kb, "timeline.unknown")))
            else:
                entries.append(TimelineEntry(year, kind, winner=winner))
    return entries
