"""Typed, immutable model of the fact base. The loader builds it; everyone else reads it.

A fact that the sources did not establish is ``None`` here (written ``unknown`` in
YAML); code that answers must then say so instead of guessing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum
from typing import Generic, TypeVar

from bot.clock import OSLO

T = TypeVar("T")


@dataclass(frozen=True)
class Source:
    """Where a fact comes from: a web page or one of the project's seed articles."""

    key: str
    """Short id used in YAML, e.g. ``kr21``."""
    title: str
    """Human label shown to users, e.g. ``Kommunal Rapport`` or ``Drammen kommune (seed 000)``."""
    url: str | None = None
    """The page the fact was read from; ``None`` for a seed article without a known URL."""
    file: str | None = None
    """Seed article file name when the fact was read from one of the project's seed texts."""
    places: tuple[str, ...] = ()
    """Municipalities the title names («Lørenskog best på integrering» → Lørenskog): an
    answer that names none of them is not about what the source's headline is about."""


@dataclass(frozen=True)
class Fact(Generic[T]):
    """A value together with the sources that back it, an optional curator note (``note``,
    never shown to users) and an optional user note (``user_note``, a full sentence shown under
    an answer that uses the fact)."""

    value: T
    sources: tuple[Source, ...]
    note: str | None = None
    user_note: str | None = None


@dataclass(frozen=True)
class Moment:
    """A point in time as precise as the sources are: the time of day may be unknown."""

    day: date
    at: time | None = None

    @property
    def time_known(self) -> bool:
        """True when the sources give a time of day."""
        return self.at is not None

    def to_datetime(self, default: time = time(23, 59)) -> datetime:
        """Return an aware Europe/Oslo datetime, using ``default`` when the time is unknown."""
        return datetime.combine(self.day, self.at or default, tzinfo=OSLO)


class YearStatus(StrEnum):
    """What kind of prize year a record describes."""

    AWARDED = "awarded"
    """A winner is known."""
    NO_PRIZE = "no_prize"
    """No prize carries this year's label (2017)."""
    MERGED = "merged"
    """Folded into another round (2019 → the 2019/2020 round, recorded under 2020)."""
    UNKNOWN = "unknown"
    """The sources found nothing about the outcome (2024, 2026)."""
    OPEN = "open"
    """A round under way: nominees and/or voting known, winner not yet announced."""


@dataclass(frozen=True)
class Municipality:
    """A municipality valid from 1 January 2024 (from Kartverket/SSB data)."""

    number: str
    name: str
    alt_names: tuple[str, ...]
    """Official Sami/Kven names."""
    county: str
    former_names: tuple[str, ...] = ()
    """Names of municipalities that merged into or were renamed to this one (2013–2024)."""
    former_numbers: tuple[tuple[str, int], ...] = ()
    """Earlier numbers that lead (wholly or partly) to this one, each with the year of the
    change that ended it (2013–2024); the first two digits are the county of that time."""


@dataclass(frozen=True)
class Entrant:
    """A winner or nominee as the sources name it, tied to today's municipality."""

    name: str
    """The name as used at the time (``Skedsmo``, ``Grünerløkka``, ``Drammen``)."""
    municipality: Municipality
    """Today's (2024) municipality the entrant belongs to (Skedsmo → Lillestrøm)."""
    district: bool = False
    """True for a city district (bydel) such as Oslo's Grünerløkka."""
    note: str | None = None
    """Curator note (never shown to users)."""
    user_note: str | None = None
    """A full sentence shown to users under an answer naming this entrant."""


@dataclass(frozen=True)
class VoteWindow:
    """Public voting for one prize year; every part may be unknown."""

    public: Fact[bool] | None = None
    """Whether there was a public vote at all (``None`` = the sources do not say)."""
    opens: Fact[Moment] | None = None
    closes: Fact[Moment] | None = None
    description: Fact[str] | None = None
    """Free text when only an approximate window is known (``i begynnelsen av november``)."""
    url: Fact[str] | None = None
    """The vote page."""
    how: Fact[str] | None = None
    """How to vote, a verb phrase without tense («stemme på imdi.no»)."""
    limit: Fact[str] | None = None
    """How many votes each may cast, a noun phrase («én stemme per person»)."""


@dataclass(frozen=True)
class Project:
    """A named project or measure tied to a municipality in a given year."""

    name: str
    municipality: str
    """Municipality name as in the year record (winner or nominee)."""
    description: str
    sources: tuple[Source, ...]
    proper_name: bool = False
    """True for a real name (Jobbsjansen, Globus kafé, MOVED) that keeps its capital letters
    mid-sentence; a descriptive heading («Bokollektiv for enslige mindreårige») does not."""
    in_sentence: str | None = None
    """The curated form used inside a sentence, when the name needs rewording there (a heading
    with «og» in it, which would blur the boundaries of a list)."""

    @property
    def phrase(self) -> str:
        """The project as written inside a sentence: the curated form, the proper name as it
        is, or the heading with a small first letter («bokollektiv for enslige mindreårige»)."""
        if self.in_sentence is not None:
            return self.in_sentence
        if self.proper_name:
            return self.name
        return self.name[:1].lower() + self.name[1:]


SMALL_NUMBERS: dict[object, str] = {
    2: "to", 3: "tre", 4: "fire", 5: "fem", 6: "seks", 7: "sju",
    8: "åtte", 9: "ni", 10: "ti", 11: "elleve", 12: "tolv",
}  # fmt: skip
"""Whole numbers written as words in running text (style guide rule 9; «én/ett» depends on
the noun, so 1 stays a digit)."""


@dataclass(frozen=True)
class Figure:
    """A number a source gives about a nominee, always with its unit and reference year."""

    value: int | float | str
    """The number as written in YAML: ``82``, ``67.9`` or a text such as ``over 100``."""
    unit: str
    """What the number counts in: ``prosent``, ``personer``, ``plasser`` …"""
    measures: str
    """What the number measures, in Norwegian (``andel av deltakerne … i arbeid``)."""
    year: int
    """The year the figure refers to (not necessarily the prize year)."""
    sources: tuple[Source, ...]
    note: str | None = None
    context: bool = False
    """True when the source does not present the figure as a reason for the nomination."""
    sentence: str | None = None
    """The figure as a whole sentence with ``{value}`` where the number goes («Harstad skulle
    bosette {value} flyktninger i 2021.»); ``None`` when the curator wrote none."""

    @property
    def said(self) -> str | None:
        """:attr:`sentence` with the number filled in, first letter upper-case."""
        if self.sentence is None:
            return None
        small = type(self.value) is int and self.unit != "prosent"  # «10 prosent» in digits
        shown = SMALL_NUMBERS.get(self.value, self.shown) if small else self.shown
        text = self.sentence.replace("{value}", shown)
        return text[:1].upper() + text[1:]

    @property
    def shown(self) -> str:
        """The value in Norwegian form: decimal comma, thin thousands (``67,9``, ``2 702``)."""
        if isinstance(self.value, bool) or not isinstance(self.value, int | float):
            return str(self.value)
        if isinstance(self.value, float) and not self.value.is_integer():
            return f"{self.value:,}".replace(",", " ").replace(".", ",")
        return f"{int(self.value):,}".replace(",", " ")


@dataclass(frozen=True)
class Person:
    """Someone the sources quote or name about a nominee, with the role they had then."""

    name: str
    role: str
    """Role at the time, e.g. ``ordfører (Ap)`` or ``IMDi-direktør``."""
    said: str | None
    """What they said, paraphrased; ``None`` when the source only names them."""
    sources: tuple[Source, ...]
    note: str | None = None
    context: bool = False
    """True when what they said is context, not about the nomination itself."""


@dataclass(frozen=True)
class NomineeProfile:
    """Why one nominee was nominated in one prize year and what it did, fact by fact."""

    year: int
    entrant: Entrant
    """The nominee as listed for the year (name used then, today's municipality)."""
    nominated_for: Fact[str] | None
    """The sourced reason for the nomination; ``None`` when unknown or when the winner's
    profile points to the year's jury reasoning (see :attr:`uses_reasoning`)."""
    uses_reasoning: bool = False
    """True for a winner whose reason is the year's ``reasoning`` (not repeated here)."""
    figures: tuple[Figure, ...] = ()
    projects: tuple[Project, ...] = ()
    """Projects of this nominee; records shared with the year's ``projects`` are the same
    objects."""
    people: tuple[Person, ...] = ()
    context: tuple[Fact[str], ...] = ()
    """Sourced facts that are *not* a reason for the nomination; show them as context."""

    @property
    def has_reason(self) -> bool:
        """True when the sources give a reason (own text or the jury's reasoning)."""
        return self.uses_reasoning or self.nominated_for is not None


@dataclass(frozen=True)
class PrizeYear:
    """Everything known about one prize year."""

    year: int
    label: str
    """How the year is labelled (``2021``, ``2019/2020``)."""
    status: YearStatus
    explanation: Fact[str] | None = None
    """Why a year has no prize, was merged or is unknown; also general context."""
    merged_into: int | None = None
    winner: Fact[Entrant] | None = None
    nominees: Fact[tuple[Entrant, ...]] | None = None
    nominee_count: Fact[int] | None = None
    """Count stated by the sources when not every nominee is named."""
    vote: VoteWindow = field(default_factory=VoteWindow)
    decision: Fact[str] | None = None
    """How the winner was chosen this year."""
    decision_now: str | None = None
    """:attr:`decision` in the present tense, for while the round is under way (a plain text,
    like :attr:`criteria_now`: written for the open round, it gives nothing away)."""
    decision_now_sources: tuple[Source, ...] = ()
    """The sources of :attr:`decision`, cited under :attr:`decision_now`."""
    criteria: Fact[str] | None = None
    criteria_general: bool = False
    """True when :attr:`criteria` only describes the nominees in general terms: no list of
    criteria is known, so the answer says so first."""
    criteria_now: str | None = None
    """:attr:`criteria` in the present tense, for while the round is under way."""
    award_date: Fact[Moment] | None = None
    award_event: Fact[str] | None = None
    award_place: Fact[str] | None = None
    handed_by: Fact[str] | None = None
    received_by: Fact[str] | None = None
    reasoning: Fact[str] | None = None
    projects: tuple[Project, ...] = ()
    notes: tuple[Fact[str], ...] = ()
    profiles: tuple[NomineeProfile, ...] = ()
    """Nominee profiles in the order the year file lists them."""

    def profile(self, municipality_number: str) -> NomineeProfile | None:
        """The profile of the nominee in ``municipality_number`` this year, if any."""
        return next(
            (p for p in self.profiles if p.entrant.municipality.number == municipality_number),
            None,
        )


@dataclass(frozen=True)
class Era(Generic[T]):
    """A prize-level fact that held for a span of prize years (``to_year`` None = still)."""

    from_year: int
    to_year: int | None
    fact: Fact[T]
    name: str | None = None
    """Who held the role (directors), for a sentence the engine builds around the fact."""
    pronoun: str | None = None
    """«Hun»/«Han»: replaces :attr:`name` at the start of the fact text right after a sentence
    that names the person."""


@dataclass(frozen=True)
class Prize:
    """Facts about the prize as a whole."""

    name: str
    """Current name: Bosettings- og integreringsprisen."""
    names: tuple[Era[str], ...]
    """Names over time."""
    organiser_short: str
    organiser_full: str
    organiser: Fact[str]
    """Text about the organiser, with sources."""
    first_year: Fact[int]
    topics: dict[str, Fact[str] | None]
    """Curated Norwegian texts by topic (``purpose``, ``renaming``, ``since_when``,
    ``venue``, ``frequency``, ``prize_money`` …); ``None`` = known to be unknown."""
    criteria: tuple[Era[str], ...]
    selection: tuple[Era[str], ...]
    directors: tuple[Era[str], ...]
    conflicts: tuple[Fact[str], ...] = ()

    def name_in(self, year: int) -> str:
        """The prize's name in prize year ``year`` («Bosettingsprisen» up to 2016)."""
        for era in self.names:
            if era.from_year <= year and (era.to_year is None or year <= era.to_year):
                return era.fact.value
        return self.name


@dataclass(frozen=True)
class ReminderRule:
    """When to remind relative to a vote window (data in ``knowledge/reminders.yaml``)."""

    key: str
    """Stable id stored in the delivery ledger, e.g. ``opens``, ``closes-3d``, ``last-day-09``."""
    anchor: str
    """``opens`` or ``closes``."""
    offset_days: int = 0
    """Days relative to the anchor (negative = before)."""
    at: time | None = None
    """Fixed local time of day on the resulting day; ``None`` keeps the anchor's time."""
    template: str = ""
    """Norwegian message template with placeholders such as {label}, {closes}, {url}."""


@dataclass(frozen=True)
class KnowledgeBase:
    """The whole loaded fact base; immutable so a reload can swap it atomically."""

    prize: Prize
    years: dict[int, PrizeYear]
    municipalities: tuple[Municipality, ...]
    reminder_rules: tuple[ReminderRule, ...]
    version: str
    """Short content hash of every file loaded; changes whenever a curator edits one."""
    sources: dict[str, Source] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    """User-facing texts from ``knowledge/texts/*.yaml``, keyed ``<file stem>.<dotted key>``
    (``telegram.start.welcome``)."""
