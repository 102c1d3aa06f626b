"""Who was nominated: one year, several, or the rounds a municipality was in."""

from __future__ import annotations

from typing import Any

from bot.engine.history import History
from bot.engine.places import Place
from bot.engine.texts import Texts
from bot.engine.types import FollowUp, FollowUpAction
from bot.knowledge.models import Fact, PrizeYear, YearStatus
from bot.knowledge.view import award_at

from .common import (
    entrant_name,
    gap,
    gap_followups,
    nearby_winners,
    pending_round,
    place_name,
    target_years,
)
from .reply import MAX_YEARS, Reply, Request


def nominees(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """Who was nominated a year."""
    years = target_years(view, request, follow_merged=False)
    if not years and request.besides is not None:
        # «Hvem var nominert sammen med Moss?»: the rounds that municipality was in.
        years = [year for year, _, _ in view.nominations(request.besides)]
        if not years:
            reply.say(texts("place.never_nominated", place=place_name(request.besides)))
            return
    if not years:
        _latest(view, texts, request, reply)
        return
    reply.years = years
    for year in years[:MAX_YEARS]:
        _nominees_of(view, texts, year, reply, single=len(years) == 1, besides=request.besides)
    if len(years) == 1:
        _followups(view, texts, years[0], reply)


def _latest(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """The latest round whose nominees are known (no year asked): that round's list, and
    (when it is not the round under way) that these are the latest known."""
    latest = max(
        (y for y, r in view.years.items() if r.nominees and y <= request.now.year),
        default=None,
    )
    record = view.get(latest) if latest is not None else None
    if latest is None or record is None or record.nominees is None:
        reply.say(texts("gap.no_info"))
        return
    tail = None
    if record.status != YearStatus.OPEN:
        pending = next(
            (r for y, r in view.years.items() if y > latest and r.status == YearStatus.OPEN),
            None,
        )
        tail = (
            texts("nominees.no_year_open", label=pending.label)
            if pending is not None
            else texts("nominees.no_year")
        )
    _nominees_of(view, texts, latest, reply, single=True, tail=tail)
    reply.years = [latest]


def _followups(view: History, texts: Texts, year: int, reply: Reply) -> None:
    """Buttons after a one-year nominee answer (2019 counts as the 2019/2020 round)."""
    record = view.get(year)
    if record is not None and record.status == YearStatus.MERGED and record.merged_into:
        year, record = record.merged_into, view.get(record.merged_into)
    if record is None or (record.winner is None and record.nominees is None):
        gap_followups(view, texts, year, reply)
        return
    # The answer already says who won (or that the winner is not known yet): a «Hvem vant?»
    # button would repeat it; the jury's reasoning is new.
    if record.winner is not None and record.reasoning is not None:
        winner = record.winner.value.name
        reply.followups.append(
            FollowUp(texts("followup.reasoning_of", winner=winner), f"begrunnelse {year}")
        )
    reply.followups.append(FollowUp(texts("followup.map"), str(year), FollowUpAction.MAP))


def winner_first(texts: Texts, record: PrizeYear, names: list[str]) -> list[str]:
    """``names`` with the winner (when known and among them) first, marked «som vant»."""
    if record.winner is None:
        return names
    winner = entrant_name(texts, record.winner.value)
    if winner not in names:
        return names
    return [texts("nominees.the_winner", winner=winner)] + [n for n in names if n != winner]


def _nominees_of(
    view: History,
    texts: Texts,
    year: int,
    reply: Reply,
    *,
    single: bool,
    besides: Place | None = None,
    tail: str | None = None,
) -> None:
    """One round's nominees in one sentence (the winner first, «som vant»), in the past for a
    decided round and in the present for one under way; ``tail`` follows that sentence."""
    record = view.get(year)
    if record is not None and record.status == YearStatus.MERGED and record.merged_into:
        gap(view, texts, year, reply, nearby=False)
        _nominees_of(view, texts, record.merged_into, reply, single=single, besides=besides)
        return
    if (
        record is None
        or record.status in (YearStatus.NO_PRIZE, YearStatus.MERGED)
        or (year < view.first_year)
    ):
        gap(view, texts, year, reply, nearby=single)
        return
    under_way = record.status == YearStatus.OPEN
    if record.nominees is None:
        say_nominees_unknown(view, texts, record, reply, single=single)
        return
    names = [entrant_name(texts, e) for e in record.nominees.value]
    left_out = [e for e in record.nominees.value if besides and view.matches(e, besides)]
    facts: tuple[Fact[Any] | None, ...] = (record.nominees,)
    if left_out:
        place = entrant_name(texts, left_out[0])
        others = [entrant_name(texts, e) for e in record.nominees.value if e not in left_out]
        won = record.winner is not None and entrant_name(texts, record.winner.value) == place
        key = "nominees.others_won" if won else "nominees.others"
        if under_way:
            key = "nominees.others_now"
        others = others if won else winner_first(texts, record, others)
        sentence = texts(key, label=record.label, place=place, names=texts.join(others))
        facts = (record.nominees, record.winner) if won else facts
    elif record.nominee_count is not None and record.nominee_count.value > len(names):
        sentence = texts(
            "nominees.count",
            count=record.nominee_count.value,
            label=record.label,
            named=len(names),
            names=texts.join(winner_first(texts, record, names)),
        )
        facts = (record.nominee_count, record.nominees)
    else:
        key = "nominees.list_now" if under_way else "nominees.list"
        names = winner_first(texts, record, names)
        sentence = texts(key, label=record.label, names=texts.join(names))
    if record.winner is not None and not left_out:
        facts = (*facts, record.winner)
    note = record.nominees.user_note if single else None  # a whole sentence, shown as one
    reply.say(" ".join(p for p in (sentence, note, tail) if p), *facts)
    if record.winner is None and under_way:
        pending_round(texts, record, reply)  # with the day it is decided, when known


def say_nominees_unknown(
    view: History, texts: Texts, record: PrizeYear, reply: Reply, *, single: bool
) -> None:
    """A round whose nominees are not known: what is known first, then that they are not."""
    if record.status == YearStatus.UNKNOWN and record.explanation is not None:
        reply.say(record.explanation.value, record.explanation)
        if single:
            nearby_winners(view, texts, record.year, reply)
        return
    if record.winner is not None:  # the answer first: who won, then what is not known
        winner = entrant_name(texts, record.winner.value)
        reply.say(texts("nominees.winner_known", winner=winner, label=record.label), record.winner)
        return
    if record.status != YearStatus.OPEN:
        reply.say(texts("nominees.unknown", label=record.label))
        return
    at = award_at(record)
    if record.award_date is not None and at is not None and reply.now and at > reply.now:
        day = texts.date(record.award_date.value, now=reply.now)
        reply.say(
            texts("nominees.unknown_open_date", label=record.label, date=day), record.award_date
        )
        return
    reply.say(texts("nominees.unknown_open", label=record.label))
