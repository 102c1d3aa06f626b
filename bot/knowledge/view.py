"""The fact base as a user could know it at one moment: the single owner of every date rule.

Every part of the bot that asks «what was known at ``now``?» goes through :func:`as_known_at`:
the chat's answers, the pictures, the reminders and the Telegram texts. The rules live here
and nowhere else:

- **Vote window times.** An opening without a time of day counts from 00:00, a close without
  a time of day until 23:59 (Europe/Oslo, DST-aware).
- **Vote window state** at a moment (:class:`VoteState`). A window is *open* only when its
  opening is known and has passed and its close has not. A window whose close is known but
  whose opening is not is never called open: before the close it is
  :attr:`VoteState.CLOSES_LATER` («stenger …; når den åpnet, vet jeg ikke»). An opening with no
  known close stays open until the award (or the end of the prize year).
- **Rounds.** A merged year belongs to the round it was folded into (2019 → 2019/2020).
- **Winners** are known from the award date (00:00 that day); without an award date, from the
  year after the prize year. Until then the winner and everything tied to it (reasoning, who
  handed over and received) are hidden.
- **Nominees** of a round whose winner is not yet known are shown once its vote has opened
  (or has closed). A window known only by its close shows them while it is
  :attr:`VoteState.CLOSES_LATER` too: the public votes *on* the nominees, so they are public
  while the vote can run, and the view already shows that close for the whole prize year; the
  answers say that when the vote opened is not known.
- **Later rounds** (prize years after ``now``'s year) are not known at all, nor are prize-level
  eras (criteria, names, selection, directors) that start after ``now``'s year.
- **Nothing gives a pending result away** (:mod:`bot.knowledge.reveal`): while a winner is
  unannounced (or its round is later), its profile keeps only what was public during the
  nomination (no people, no jury reasoning), every source whose title names that winner with a
  winning word or names a later year is removed (a record left without sources is dropped), and
  every sentence naming that winner with a winning word is left out. Answers, passages and the
  people lookup all read this filtered fact base.
- **Nothing dated after the moment is shown**: a figure whose reference year is after ``now``'s
  year, and every sentence of a context text or project description naming such a year, is
  left out (the fact was not known yet, and would read in the wrong tense).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time
from enum import StrEnum

from bot.clock import OSLO
from bot.knowledge.models import (
    Entrant,
    Fact,
    KnowledgeBase,
    Moment,
    Prize,
    PrizeYear,
    VoteWindow,
    YearStatus,
)
from bot.knowledge.reveal import latest_dated, reveals, scrub_root

OPENS_DEFAULT_TIME = time(0, 0)
"""A vote opening on a known day at an unknown time counts from the start of that day."""
CLOSES_DEFAULT_TIME = time(23, 59)
"""A vote closing on a known day at an unknown time counts until 23:59 that day."""
AWARD_DEFAULT_TIME = time(0, 0)
"""A winner announced on a known day at an unknown time counts as known all that day."""


class VoteState(StrEnum):
    """Where a round's public vote stands at a moment."""

    NONE = "none"
    """No public vote, or nothing known about one."""
    UPCOMING = "upcoming"
    """The opening is known and still ahead."""
    OPEN = "open"
    """The opening has passed and the close (if known) has not."""
    CLOSES_LATER = "closes_later"
    """Only the close is known, and it is still ahead; whether it has opened is unknown."""
    CLOSED = "closed"
    """The close (or, without one, the award) has passed."""


@dataclass(frozen=True)
class VoteTimes:
    """A round's vote window as aware Europe/Oslo datetimes (``None`` = unknown)."""

    opens_at: datetime | None
    closes_at: datetime | None
    ends_at: datetime | None
    """When the window is over for the state rule: the close, or without one the award, or
    without that the end of the prize year (only set when the opening is known)."""


def moment_at(moment: Moment, default: time) -> datetime:
    """``moment`` as an aware Europe/Oslo datetime, ``default`` standing in for an unknown time.

    ``datetime.combine`` with a ZoneInfo gives the UTC offset valid on that date, so a window
    crossing a DST change keeps its local wall-clock times."""
    return datetime.combine(moment.day, moment.at or default, tzinfo=OSLO)


def _utc(moment: datetime) -> datetime:
    """The same instant in UTC: aware datetimes sharing one tzinfo compare by wall-clock time
    in Python, which is wrong across a DST change, so every rule here compares instants."""
    return moment.astimezone(UTC)


def has_public_vote(record: PrizeYear) -> bool:
    """False when the sources say there was no public vote, or say nothing about a window."""
    vote = record.vote
    if vote.public is not None and vote.public.value is False:
        return False
    return vote.opens is not None or vote.closes is not None


def vote_times(record: PrizeYear) -> VoteTimes:
    """The window's opening, close and effective end (see :class:`VoteTimes`)."""
    vote: VoteWindow = record.vote
    opens_at = moment_at(vote.opens.value, OPENS_DEFAULT_TIME) if vote.opens else None
    closes_at = moment_at(vote.closes.value, CLOSES_DEFAULT_TIME) if vote.closes else None
    ends_at = closes_at
    if ends_at is None and opens_at is not None:
        award = award_at(record)
        ends_at = award or datetime.combine(date(record.year, 12, 31), CLOSES_DEFAULT_TIME, OSLO)
    return VoteTimes(opens_at, closes_at, ends_at)


def vote_state(record: PrizeYear, now: datetime) -> VoteState:
    """The state of ``record``'s public vote at ``now`` (one rule for every front end)."""
    if not has_public_vote(record):
        return VoteState.NONE
    times = vote_times(record)
    if times.opens_at is None:
        if times.closes_at is None:
            return VoteState.NONE
        return VoteState.CLOSES_LATER if _utc(now) < _utc(times.closes_at) else VoteState.CLOSED
    if _utc(now) < _utc(times.opens_at):
        return VoteState.UPCOMING
    if times.ends_at is not None and _utc(now) >= _utc(times.ends_at):
        return VoteState.CLOSED
    return VoteState.OPEN


def award_at(record: PrizeYear) -> datetime | None:
    """When the winner was announced, when the sources give the day."""
    if record.award_date is None:
        return None
    return moment_at(record.award_date.value, AWARD_DEFAULT_TIME)


def winner_announced(record: PrizeYear, now: datetime) -> bool:
    """True when ``record``'s winner (if any) had been made public at ``now``."""
    announced = award_at(record)
    if announced is not None:
        return _utc(announced) <= _utc(now)
    return record.year < now.year


def nominees_announced(record: PrizeYear, now: datetime) -> bool:
    """True when ``record``'s nominees had been made public at ``now``."""
    if winner_announced(record, now):
        return True
    return vote_state(record, now) in (VoteState.OPEN, VoteState.CLOSES_LATER, VoteState.CLOSED)


def round_year(kb: KnowledgeBase, year: int) -> int:
    """The year whose record holds ``year``'s round (2019 → 2020)."""
    record = kb.years.get(year)
    if record is not None and record.status is YearStatus.MERGED and record.merged_into:
        return record.merged_into
    return year


def _as_known(record: PrizeYear, now: datetime) -> PrizeYear:
    """``record`` with what was not yet public at ``now`` left out."""
    if record.winner is None or winner_announced(record, now):
        return record
    nominees = nominees_announced(record, now)
    winner = record.winner.value
    profiles = tuple(
        replace(p, people=(), uses_reasoning=False) if p.entrant == winner else p
        for p in record.profiles
    )
    return replace(
        record,
        profiles=profiles,
        status=YearStatus.OPEN if record.status is YearStatus.AWARDED else record.status,
        nominees=record.nominees if nominees else None,
        nominee_count=record.nominee_count if nominees else None,
        winner=None,
        reasoning=None,
        handed_by=None,
        received_by=None,
    )


def _prize_as_known(prize: Prize, year: int) -> Prize:
    """``prize`` without the eras that start after ``year``."""
    return replace(
        prize,
        names=tuple(e for e in prize.names if e.from_year <= year),
        criteria=tuple(e for e in prize.criteria if e.from_year <= year),
        selection=tuple(e for e in prize.selection if e.from_year <= year),
        directors=tuple(e for e in prize.directors if e.from_year <= year),
    )


@dataclass(frozen=True)
class KnowledgeView:
    """The fact base as known at :attr:`now`; build it with :func:`as_known_at`."""

    kb: KnowledgeBase
    """The fact base as known at ``now``: later rounds left out, unannounced parts hidden."""
    full: KnowledgeBase
    """The whole fact base (for curator tools; answers must not read it)."""
    now: datetime
    state: str = ""
    """A short id of what is hidden at ``now`` (rounds with an unannounced winner, ``n`` when
    their nominees are public): equal states show the same facts, so caches key on it."""

    @property
    def years(self) -> dict[int, PrizeYear]:
        """Every prize year known at ``now``, in year order."""
        return self.kb.years

    def record(self, year: int) -> PrizeYear | None:
        """The record of ``year`` as known at ``now`` (None when unknown or later)."""
        return self.kb.years.get(year)

    def round(self, year: int) -> PrizeYear | None:
        """The record holding ``year``'s round (2019 → the 2019/2020 record)."""
        return self.kb.years.get(round_year(self.kb, year))

    def winner(self, year: int) -> Fact[Entrant] | None:
        """``year``'s winner when announced by ``now``."""
        record = self.round(year)
        return record.winner if record is not None else None

    def nominees(self, year: int) -> Fact[tuple[Entrant, ...]] | None:
        """``year``'s nominees when announced by ``now``."""
        record = self.round(year)
        return record.nominees if record is not None else None

    def vote_state(self, year: int) -> VoteState:
        """The state of ``year``'s round's vote at ``now``."""
        record = self.round(year)
        return vote_state(record, self.now) if record is not None else VoteState.NONE

    def rounds_in(self, *states: VoteState) -> list[PrizeYear]:
        """Rounds known at ``now`` whose vote is in one of ``states``, oldest first."""
        return [r for r in self.kb.years.values() if vote_state(r, self.now) in states]

    def open_round(self) -> PrizeYear | None:
        """The round whose vote is open at ``now`` (the newest, should two overlap)."""
        found = self.rounds_in(VoteState.OPEN)
        return found[-1] if found else None

    def closing_round(self) -> PrizeYear | None:
        """A round whose close is ahead while its opening is unknown."""
        found = self.rounds_in(VoteState.CLOSES_LATER)
        return found[-1] if found else None

    def upcoming_round(self) -> PrizeYear | None:
        """The next round whose vote opening is known and ahead."""
        found = self.rounds_in(VoteState.UPCOMING)
        return found[0] if found else None

    def last_closed_round(self) -> PrizeYear | None:
        """The most recent round whose vote has closed."""
        found = [r for r in self.rounds_in(VoteState.CLOSED) if r.vote.closes is not None]
        return found[-1] if found else None


_Pending = tuple[tuple[int, ...], tuple[tuple[int, bool], ...], bool]
"""Later rounds, rounds with an unannounced winner (with: are their nominees public?), and
whether a figure is dated after the moment."""


def _pending(kb: KnowledgeBase, now: datetime) -> _Pending:
    """What decides the as-known fact base at ``now``."""
    later = tuple(y for y in kb.years if y > now.year)
    pending = tuple(
        (y, nominees_announced(r, now))
        for y, r in kb.years.items()
        if y <= now.year and r.winner is not None and not winner_announced(r, now)
    )
    return later, pending, _latest_dated(kb) > now.year


_DATED: dict[tuple[int, str], tuple[KnowledgeBase, int]] = {}


def _latest_dated(kb: KnowledgeBase) -> int:
    """:func:`latest_dated`, computed once per fact base."""
    key = (id(kb), kb.version)
    found = _DATED.get(key)
    if found is None or found[0] is not kb:
        if len(_DATED) >= _CACHE_SIZE:
            _DATED.clear()
        found = (kb, latest_dated(kb))
        _DATED[key] = found
    return found[1]


_CACHE: dict[tuple[int, str, int, _Pending], tuple[KnowledgeBase, KnowledgeBase]] = {}
_CACHE_SIZE = 64


def as_known_at(kb: KnowledgeBase, now: datetime) -> KnowledgeView:
    """The fact base as a user at ``now`` could know it.

    The filtered fact base is cached per fact base (object and version) and per state (which
    rounds are later, which winners are unannounced), so every moment in the same state shares
    one object and the engine's indexes over it."""
    key = _pending(kb, now)
    state = "-".join(f"{year}{'n' if shown else ''}" for year, shown in key[1])
    if key[0] or key[2]:
        state = f"{state}<{now.year}"  # the sources dated up to now's year are shown
    if not key[0] and not key[1] and not key[2]:
        return KnowledgeView(kb=kb, full=kb, now=now)
    cache_key = (id(kb), kb.version, now.year, key)
    cached = _CACHE.get(cache_key)
    if cached is None or cached[0] is not kb:
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.clear()
        later = set(key[0])
        rule = reveals(kb, [*later, *(y for y, _ in key[1])], now.year)
        years = {
            y: scrub_root(_as_known(r, now), rule)
            for y, r in sorted(kb.years.items())
            if y not in later
        }
        prize = scrub_root(_prize_as_known(kb.prize, now.year), rule)
        cached = (kb, replace(kb, years=years, prize=prize))
        _CACHE[cache_key] = cached
    return KnowledgeView(kb=cached[1], full=kb, now=now, state=state)
