"""Who was nominated: one year, several, or the rounds a municipality was in."""

from __future__ import annotations

from bot.engine.history import History
from bot.engine.places import Place
from bot.engine.texts import Texts
from bot.engine.types import FollowUp, FollowUpAction
from bot.knowledge.models import YearStatus

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
    """The latest round whose nominees are known (no year asked)."""
    latest = max(
        (y for y, r in view.years.items() if r.nominees and y <= request.now.year),
        default=None,
    )
    record = view.get(latest) if latest is not None else None
    if latest is None or record is None or record.nominees is None:
        reply.say(texts("gap.no_info"))
        return
    reply.say(
        texts(
            "nominees.no_year",
            label=record.label,
            names=texts.join([entrant_name(texts, e) for e in record.nominees.value]),
        ),
        record.nominees,
    )
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


def _nominees_of(
    view: History,
    texts: Texts,
    year: int,
    reply: Reply,
    *,
    single: bool,
    besides: Place | None = None,
) -> None:
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
    if record.nominees is None:
        if record.status == YearStatus.UNKNOWN and record.explanation is not None:
            reply.say(record.explanation.value, record.explanation)
            if single:
                nearby_winners(view, texts, year, reply)
            return
        if record.winner is not None:  # the answer first: who won, then what is not known
            winner = entrant_name(texts, record.winner.value)
            reply.say(
                texts("nominees.winner_known", winner=winner, label=record.label), record.winner
            )
            return
        reply.say(texts("nominees.unknown", label=record.label))
        return
    names = [entrant_name(texts, e) for e in record.nominees.value]
    left_out = [e for e in record.nominees.value if besides and view.matches(e, besides)]
    if left_out:
        others = [entrant_name(texts, e) for e in record.nominees.value if e not in left_out]
        reply.say(
            texts(
                "nominees.others",
                label=record.label,
                place=entrant_name(texts, left_out[0]),
                names=texts.join(others),
            ),
            record.nominees,
        )
    elif record.nominee_count is not None and record.nominee_count.value > len(names):
        reply.say(
            texts(
                "nominees.count",
                count=record.nominee_count.value,
                label=record.label,
                named=len(names),
                names=texts.join(names),
            ),
            record.nominee_count,
            record.nominees,
        )
    else:
        reply.say(
            texts("nominees.list", label=record.label, names=texts.join(names)),
            record.nominees,
        )
    if single:
        reply.note(record.nominees)
    if record.winner is not None:
        reply.say(
            texts("nominees.winner_was", winner=entrant_name(texts, record.winner.value)),
            record.winner,
        )
    elif record.status == YearStatus.OPEN:
        pending_round(texts, record, reply)  # with the day it is decided, when known
