"""Who won: one year or several, every year, the first and latest, before and after."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from bot.engine.history import History
from bot.engine.texts import Texts
from bot.engine.types import FollowUp, FollowUpAction
from bot.knowledge.models import Fact, Moment, YearStatus
from bot.knowledge.view import award_at

from .common import (
    entrant_name,
    gap,
    gap_followups,
    pending_round,
    place_name,
    target_years,
    winner_followups,
    years_text,
)
from .reply import MAX_YEARS, Reply, Request
from .voting import winner_pending

PROSE_YEARS = 5
"""At most this many winners are told in one sentence; more take several sentences."""


def winner(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """Who won a year (or several); also explains a year without a winner."""
    years = target_years(view, request, follow_merged=False)
    if not years and request.days is not None:
        no_award_on(view, texts, request.days, request.now, reply)
        return
    if not years:
        latest = view.latest_awarded(request.now.year, request.now)
        _pending_after(view, texts, latest, request, reply)  # «not yet» first: the answer
        _named_winner(view, texts, "winner.no_year", latest, reply)
        return
    reply.years = years
    if len(years) == 1:
        _one_year(view, texts, years[0], request, reply)
        return
    _several(view, texts, years, request, reply)


@dataclass
class _Years:
    """The years of a multi-year winner answer, sorted by what is known about them."""

    won: list[tuple[str, str]] = field(default_factory=list)  # (winner, label)
    no_prize: list[str] = field(default_factory=list)
    not_yet: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    future: list[str] = field(default_factory=list)
    before_start: bool = False


def _sort_years(view: History, years: list[int], request: Request, reply: Reply) -> _Years:
    found = _Years()
    texts_seen: set[int] = set()
    for year in years:
        record = view.get(year)
        if year < view.first_year:
            found.before_start = True
            continue
        if record is None:
            later = year > request.now.year
            (found.future if later else found.unknown).append(view.label(year))
            continue
        if record.status == YearStatus.NO_PRIZE:
            reply.cite(record.explanation)
            found.no_prize.append(record.label)
            continue
        if record.status == YearStatus.MERGED and record.merged_into:
            reply.cite(record.explanation)
            if record.merged_into in years:
                continue  # said with its round
            year, merged = record.merged_into, view.get(record.merged_into)
            if merged is None:
                continue
            record = merged
        if year in texts_seen:
            continue
        texts_seen.add(year)
        decided = record.award_date is None or view.known_by(year, request.now)
        if record.winner is not None and decided:
            reply.cite(record.winner)
            found.won.append((record.winner.value.name, record.label))
        elif record.status == YearStatus.OPEN or record.winner is not None:
            found.not_yet.append(record.label)
        else:
            reply.cite(record.explanation)
            found.unknown.append(record.label)
    return found


def _several(view: History, texts: Texts, years: list[int], request: Request, reply: Reply) -> None:
    """Several years, always in sentences: the winners («Hammerfest vant prisen for 2013 og
    Drammen for 2014.», at most ``PROSE_YEARS`` to a sentence), then the years without a prize,
    the rounds still to be decided and the unknown years, each said once after the known."""
    found = _sort_years(view, years[:MAX_YEARS], request, reply)
    say_won(texts, found.won, reply)
    if found.before_start:
        reply.say(texts("winner.several_before_start", first_year=view.first_year))
    if found.no_prize:
        reply.say(texts("gap.no_prize", label=texts.join(found.no_prize)))
    if found.unknown:
        reply.say(texts("winner.several_unknown", labels=texts.join(found.unknown)))
    for label in found.not_yet:
        record = next((r for r in view.years.values() if r.label == label), None)
        if record is not None and len(found.not_yet) == 1:
            pending_round(texts, record, reply)
        else:
            reply.say(texts("gap.not_yet", label=label))
    if found.future:
        key = "winner.several_future" if len(found.future) > 1 else "winner.one_future"
        reply.say(texts(key, labels=texts.join(found.future)))
    if len(years) > MAX_YEARS:
        reply.say(texts("format.truncated"))


def say_won(texts: Texts, won: list[tuple[str, str]], reply: Reply) -> None:
    """«Vadsø vant prisen for 2008, Levanger for 2009 … og Molde for 2012.»: the (winner,
    label) pairs in as few sentences as ``PROSE_YEARS`` allows, of even length (six winners
    are two sentences of three, not five and one)."""
    sentences = -(-len(won) // PROSE_YEARS)
    size = -(-len(won) // sentences) if won else 0
    for start in range(0, len(won), size or 1):
        chunk = won[start : start + size]
        items = [
            texts("winner.prose_first" if i == 0 else "winner.prose_next", winner=w, label=label)
            for i, (w, label) in enumerate(chunk)
        ]
        reply.say(texts("winner.prose", items=texts.join(items)))


def _one_year(view: History, texts: Texts, year: int, request: Request, reply: Reply) -> None:
    if gap(view, texts, year, reply):
        record = view.get(year)
        if record is not None and record.status == YearStatus.OPEN and record.nominees:
            names = texts.join([entrant_name(texts, e) for e in record.nominees.value])
            reply.say(texts("nominees.list_now", label=record.label, names=names), record.nominees)
        else:
            gap_followups(view, texts, year, reply)
        return
    record = view.get(year)
    if record is None or record.winner is None:
        return  # gap() has answered every year without a winner
    if record.award_date is not None and not view.known_by(year, request.now):
        # No date or source here: the source is the winner article itself.
        reply.say(texts("gap.not_yet", label=record.label))
        reply.followups.append(FollowUp(texts("followup.nominees"), f"nominerte {year}"))
        return
    reply.say(
        texts(
            "winner.one",
            winner=entrant_name(texts, record.winner.value),
            prize=view.prize_name(year),
            label=record.label,
        ),
        record.winner,
    )
    reply.note(record.winner)
    reply.municipality = record.winner.value.municipality.name
    winner_followups(view, texts, year, reply)


def all_winners(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """Every year, in the same sentences as several years: the winners, then the years without
    a prize, the unknown years and the round still to be decided."""
    if request.years:
        winner(view, texts, request, reply)
        return
    years = [
        year
        for year, record in view.years.items()
        if not (record.status == YearStatus.MERGED and record.merged_into)
    ]
    _several(view, texts, years, request, reply)
    reply.followups.append(FollowUp(texts("followup.timeline"), "", FollowUpAction.TIMELINE))
    reply.followups.append(FollowUp(texts("followup.map"), "", FollowUpAction.MAP))


def first_winner(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """The first winner."""
    year = view.awarded[0] if view.awarded else None
    _named_winner(view, texts, "first_winner.text", year, reply, view.kb.prize.first_year)


def latest_winner(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """The most recent known winner, and later years without information."""
    year = view.latest_awarded(request.now.year, request.now)
    _named_winner(view, texts, "latest_winner.text", year, reply)
    if year is None:
        return
    later = [
        y
        for y, r in view.years.items()
        if year < y <= request.now.year and r.winner is None and r.status != YearStatus.OPEN
    ]
    if later:  # in year order: the unknown years come before the round under way
        reply.say(texts("latest_winner.later_unknown", labels=years_text(view, texts, later)))
    _pending_after(view, texts, year, request, reply)


def _pending_after(
    view: History, texts: Texts, year: int | None, request: Request, reply: Reply
) -> list[int]:
    """Rounds after ``year`` (up to now) whose winner is still to be announced: «Vinneren for
    2023 er ikke kåret ennå. Den kåres …». Returns their years."""
    pending = [
        y
        for y, r in view.years.items()
        if (year is None or y > year) and y <= request.now.year and r.status == YearStatus.OPEN
    ]
    for y in pending:
        pending_round(texts, view.years[y], reply)
    return pending


def _named_winner(
    view: History, texts: Texts, key: str, year: int | None, reply: Reply, *facts: Fact[Any]
) -> None:
    """«Moss vant sist …»: the winner of ``year`` in the text ``key``, with its buttons."""
    won = view.winner(year) if year is not None else None
    if year is None or won is None:
        reply.say(texts("gap.no_info"))
        return
    reply.say(
        texts(key, winner=entrant_name(texts, won.value), label=view.label(year)),
        won,
        *facts,
    )
    reply.years = [year]
    reply.municipality = won.value.municipality.name
    winner_followups(view, texts, year, reply)


def winner_before(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """The winner before a year or a winner."""
    _relative(view, texts, request, reply, -1)


def winner_after(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """The winner after a year or a winner."""
    _relative(view, texts, request, reply, +1)


def _reference(
    view: History, texts: Texts, request: Request, reply: Reply
) -> tuple[int, str] | None:
    """The year a before/after question is relative to, and how to name it."""
    if request.years:
        year = request.years[0]
        return view.resolve(year), texts("relative.reference_year", label=view.label(year))
    if request.places:
        place = request.places[0]
        wins = view.wins(place)
        if not wins:
            reply.say(texts("relative.place_never_won", place=place_name(place)))
            return None
        year = wins[-1]
        return year, texts(
            "relative.reference_place", place=place_name(place), label=view.label(year)
        )
    reply.say(texts("relative.need_reference"))
    return None


def _relative(view: History, texts: Texts, request: Request, reply: Reply, step: int) -> None:
    reference = _reference(view, texts, request, reply)
    if reference is None:
        return
    year, name = reference
    other = view.previous_awarded(year) if step < 0 else view.next_awarded(year)
    won = view.winner(other) if other is not None else None
    if other is None or won is None:
        key = "relative.none_before" if step < 0 else "relative.none_after"
        facts = (view.winner(year), view.kb.prize.first_year) if step < 0 else ()
        reply.say(texts(key, reference=name, first_year=view.first_year), *facts)
        return
    key = "relative.before" if step < 0 else "relative.after"
    reply.say(
        texts(key, reference=name, winner=entrant_name(texts, won.value), label=view.label(other)),
        won,
    )
    first, last = sorted((year, other))
    unknown = view.unknown_between(first, last)
    if unknown:
        reply.say(texts("relative.unknown_between", labels=years_text(view, texts, unknown)))
    reply.years = [other]
    reply.municipality = won.value.municipality.name
    winner_followups(view, texts, other, reply)


def no_award_on(
    view: History, texts: Texts, days: tuple[date, date], now: datetime, reply: Reply
) -> None:
    """No award on the day (or in the week) asked about; then the coming award when its day is
    known, else the last one."""
    first, last = days
    if first == last:
        reply.say(texts("days.none_day", date=texts.date(Moment(first), now=now)))
    else:
        reply.say(
            texts(
                "days.none_span",
                first=texts.date(Moment(first), now=now),
                last=texts.date(Moment(last), now=now),
            )
        )
    for record in view.years.values():
        if winner_pending(texts, record, now, reply):
            reply.years = [record.year]
            return
    held = [
        (at, record)
        for record in view.years.values()
        if (at := award_at(record)) is not None and at <= now and record.winner is not None
    ]
    if not held:
        return
    _at, record = max(held, key=lambda pair: pair[0])
    assert record.award_date is not None and record.winner is not None
    reply.say(
        texts(
            "days.last",
            date=texts.date(record.award_date.value, now=now),
            winner=entrant_name(texts, record.winner.value),
            label=record.label,
        ),
        record.award_date,
        record.winner,
    )
    reply.years = [record.year]
    reply.municipality = record.winner.value.municipality.name
