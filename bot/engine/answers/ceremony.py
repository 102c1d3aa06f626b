"""The award and what came with it: when and where, who handed it over and received it, why
the winner won, and the winners' projects."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime

from bot.engine.history import History
from bot.engine.texts import Texts
from bot.engine.types import FollowUp, FollowUpAction
from bot.knowledge.models import Entrant, Fact, PrizeYear, Project, YearStatus
from bot.knowledge.view import AWARD_DEFAULT_TIME, award_at, moment_at

from .common import (
    as_of,
    entrant_name,
    gap,
    need_year,
    neighbour_followups,
    place_name,
    rounds,
    sentence_start,
    target_years,
    topic,
    years_text,
)
from .places import place_nominated
from .reply import MAX_YEARS, Reply, Request

MAX_PROJECTS = 5
"""At most this many named projects are described in one answer."""
MAX_PROJECT_HINTS = 6
"""Project names offered when the question named none."""


def award(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """When and where the prize was handed out (``award`` and ``venue``)."""
    years = target_years(view, request)
    if not years and request.places:
        years = view.wins(request.places[0])
    if not years:  # a round under way: its coming award, or the event it is planned for
        years = _coming(view, request.now)
    if not years and _asks_where(texts, request) and _usual_venue(view, texts, request, reply):
        return
    if not years:
        topic(view, texts, Request("venue", request.now), reply)
        if view.kb.prize.topics.get("timing") is not None:
            topic(view, texts, Request("timing", request.now), reply)
        return
    reply.years = years
    for _year, record in rounds(view, texts, years, reply):
        date, event, place = record.award_date, record.award_event, record.award_place
        if date is None and event is None and place is None:
            ahead = record.winner is None and (  # not decided at the clock: present tense
                record.status == YearStatus.OPEN or record.year >= request.now.year
            )
            reply.say(
                texts("award.unknown_ahead" if ahead else "award.unknown", label=record.label)
            )
            continue
        facts = [f for f in (date, event, place) if f is not None]
        where = _where(texts, event, place)
        future = date is not None and moment_at(date.value, AWARD_DEFAULT_TIME) > request.now
        if date is not None:
            day = texts.date(date.value, now=request.now)
            if where is None:
                key = "award.date"
            else:  # «hvor» leads with the place, «når» with the day
                key = "award.where_when" if _asks_where(texts, request) else "award.when_where"
            key += "_future" if future else ""
            reply.say(texts(key, label=record.label, date=day, where=where), *facts)
            if where is None and _asks_where(texts, request):  # «hvor?» and only the day known
                reply.say(texts("award.place_unknown"))
        elif record.winner is None and event is not None:  # only the plan is known
            reply.say(texts("award.planned", label=record.label, where=where), *facts)
            reply.say(texts("award.date_unknown_planned"))
        else:  # what is known first, then the unknown day, once
            reply.say(texts("award.where", label=record.label, where=where), *facts)
            reply.say(texts("award.date_unknown", label=record.label))
        if len(years) == 1:  # before the award the announced day is the plan: no doubts yet
            reply.note(None if future else date, event, place)


def _usual_venue(view: History, texts: Texts, request: Request, reply: Reply) -> bool:
    """«Hvor deles prisen ut?» with no round under way: the event of the latest awards (since
    when), then where and when the latest award was, then one short sentence on the early
    years. False when no round with a known winner has a known event."""
    held = [
        (year, record)
        for year, record in view.years.items()
        if record.award_event is not None
        and record.winner is not None
        and view.known_by(year, request.now)
    ]
    if not held:
        return False
    latest_year, latest = held[-1]
    event = latest.award_event
    assert event is not None
    since = latest_year  # the first of the latest rounds in a row held at the same event
    for year, record in reversed(held):
        if record.award_event is None or record.award_event.value != event.value:
            break
        since = year
    usual = since < latest_year
    if usual:
        reply.say(texts("award.usual", since=view.label(since), event=event.value), event)
    where = _where(texts, None if usual else event, latest.award_place)
    facts = [f for f in (latest.award_date, latest.award_place) if f is not None]
    if not usual:
        facts.append(event)
    day = (
        texts.date(latest.award_date.value, now=request.now)
        if latest.award_date is not None
        else None
    )
    if day is not None and where is not None:
        reply.say(
            texts("award.latest_where_when", label=latest.label, where=where, date=day), *facts
        )
    elif day is not None:
        reply.say(texts("award.latest_when", label=latest.label, date=day), *facts)
    elif where is not None:
        reply.say(texts("award.latest_where", label=latest.label, where=where), *facts)
    early = view.kb.prize.topics.get("venue_early")
    if early is not None:
        text = as_of(texts, early.value, request.now, view)
        if text:
            reply.say(text, early)
    reply.years = [latest_year]
    return True


def _asks_where(texts: Texts, request: Request) -> bool:
    """Whether the question asks where rather than when («Hvor deles prisen ut?»)."""
    asked = set(request.words)
    return request.intent == "venue" or bool(asked & set(texts("award.where_words").split()))


def _where(texts: Texts, event: Fact[str] | None, place: Fact[str] | None) -> str | None:
    """«på IMDis årskonferanse i Oslo», «på The Hub i Oslo» (a venue that takes «på», listed
    in ``award.on_places``), or None when neither is known."""
    parts = []
    if event is not None:
        parts.append(texts("award.at_event", text=event.value))
    if place is not None:
        first = place.value.split(" ", 1)[0]
        on = first in texts("award.on_places").split()
        parts.append(texts("award.on_place" if on else "award.in_place", text=place.value))
    return " ".join(parts) or None


def _award_times(view: History) -> list[tuple[int, datetime]]:
    """(year, moment of the award) for every year whose award date is known, in year order
    (the view's rule for a date without a time)."""
    return [(y, at) for y, r in view.years.items() if (at := award_at(r)) is not None]


def _planned(view: History, now: datetime) -> list[int]:
    """Rounds under way at ``now`` whose award is planned at a known event, its day unknown."""
    return [
        y
        for y, r in view.years.items()
        if y <= now.year and r.status == YearStatus.OPEN and r.award_event is not None
    ]


def _coming(view: History, now: datetime) -> list[int]:
    """The round under way whose award is still ahead at ``now`` (its day known), else the
    newest one planned at an event; empty when neither."""
    dated = [y for y, at in _award_times(view) if y <= now.year and at > now]
    return dated[:1] or _planned(view, now)[-1:]


def next_award(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """When the next award is: the coming one if known, else the last one and the usual time
    of year."""
    times = _award_times(view)
    coming = [y for y, at in times if at > request.now]
    if coming:
        award(view, texts, Request("award", request.now, years=coming[:1]), reply)
        return
    planned = _planned(view, request.now)
    if planned:
        award(view, texts, Request("award", request.now, years=planned[-1:]), reply)
        return
    last = max((y for y, at in times if at <= request.now), default=None)
    record = view.get(last) if last is not None else None
    if last is None or record is None or record.award_date is None:
        reply.say(texts("award.next_unknown"))
    else:
        reply.say(
            texts(
                "award.next_unknown_last",
                label=record.label,
                date=texts.date(record.award_date.value, now=request.now),
            ),
            record.award_date,
        )
        reply.years = [last]
    if view.kb.prize.topics.get("timing") is not None:
        topic(view, texts, Request("timing", request.now), reply)
    if record is not None and record.award_date is not None:
        reply.say(texts("award.next_unknown_after"))  # the unknown once, after the known


def handed_by(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """Who handed the prize over."""
    _year_fact(view, texts, request, reply, "handed_by")


def received_by(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """Who received the prize."""
    _year_fact(view, texts, request, reply, "received_by")


def _year_fact(view: History, texts: Texts, request: Request, reply: Reply, attribute: str) -> None:
    """A year's ``attribute`` fact, in the texts ``<attribute>.text`` / ``.unknown``."""
    years = target_years(view, request)
    if not years and request.places:
        years = view.wins(request.places[0])
        if not years:  # «Hvem tok imot prisen for Bodø?»: Bodø has not won (as known now)
            place = request.places[0]
            reply.say(texts(f"{attribute}.never_won", place=place_name(place)))
            place_nominated(view, texts, replace(request, years=[]), reply)
            return
    years = years or need_year(view, request)
    reply.years = years
    for _year, record in rounds(view, texts, years, reply):
        fact = getattr(record, attribute)
        won = entrant_name(texts, record.winner.value) if record.winner else ""
        if fact is None and record.winner is None and record.status == YearStatus.OPEN:
            _before_award(texts, record, request.now, reply)  # the award is still to come
            continue
        if fact is None:
            reply.say(texts(f"{attribute}.unknown", label=record.label, winner=won))
            continue
        reply.say(
            sentence_start(
                texts(f"{attribute}.text", label=record.label, text=fact.value, winner=won)
            ),
            fact,
            record.winner,
        )
        if len(years) == 1:
            reply.note(fact)


def _before_award(texts: Texts, record: PrizeYear, now: datetime, reply: Reply) -> None:
    """«Prisen for 2023 deles ut mandag 30. oktober, så det vet jeg ikke ennå.»"""
    date = record.award_date
    if date is not None and moment_at(date.value, AWARD_DEFAULT_TIME) > now:
        day = texts.date(date.value, now=now)
        reply.say(texts("award.pending_fact", label=record.label, date=day), date)
        return
    reply.say(texts("award.pending_fact_no_date", label=record.label))


def reasoning(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """Why a municipality won."""
    years = target_years(view, request)
    if not years and request.places:
        years = view.wins(request.places[0])
        if not years:
            reply.say(texts("reasoning.never_won", place=place_name(request.places[0])))
            return
    if not years:
        reply.say(texts("reasoning.need_year"))
        return
    reply.years = years
    for year in years[:MAX_YEARS]:
        record = view.get(year)
        if record is None or record.winner is None:
            gap(view, texts, year, reply, nearby=False)
            continue
        won = entrant_name(texts, record.winner.value)
        reply.municipality = record.winner.value.municipality.name
        if record.reasoning is None:
            reply.say(texts("reasoning.unknown", label=record.label, winner=won), record.winner)
            continue
        reply.say(
            texts("reasoning.text", label=record.label, winner=won, text=record.reasoning.value),
            record.reasoning,
        )
    if len(years) == 1:
        year = years[0]
        reply.followups.append(FollowUp(texts("followup.nominees"), f"nominerte {year}"))
        neighbour_followups(view, texts, year, reply)
        reply.followups.append(FollowUp(texts("followup.map"), str(year), FollowUpAction.MAP))


def _as_known(view: History, year: int, project: Project) -> Project | None:
    """``project`` as the view knows it at the clock (its later sources removed), or None."""
    record = view.years.get(year)
    if record is None:
        return None
    known = [*record.projects, *(p for prof in record.profiles for p in prof.projects)]
    return next((p for p in known if p.name == project.name), None)


def _won(view: History, year: int, municipality: str) -> bool:
    """True when the view knows that ``municipality`` won the prize for ``year``."""
    record = view.get(year)
    if record is None or record.winner is None:
        return False
    winner = record.winner.value
    return municipality in (winner.name, winner.municipality.name)


def project(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """What a named project is, or the projects of a municipality or a year."""
    say_project(view, texts, request, reply, {})


def say_project(
    view: History, texts: Texts, request: Request, reply: Reply, told: Mapping[str, str]
) -> None:
    """:func:`project`, with ``told`` giving a fuller sentence to show instead of a project's
    description (by project name)."""
    refs = [  # hidden at the clock when known only from a later source
        (ref, found)
        for ref in request.projects[:MAX_PROJECTS]
        if (found := _as_known(view, ref.year, ref.project)) is not None
    ]
    if refs:
        for ref, found in refs:
            reply.say(
                texts(
                    "project.text_won"
                    if _won(view, ref.year, found.municipality)
                    else "project.text",
                    name=found.name,
                    municipality=found.municipality,
                    label=view.label(ref.year),
                    text=told.get(found.name, found.description),
                )
            )
            reply.cite(Fact(None, found.sources))
        first = refs[0][0]
        reply.years = [first.year]
        for entrant in _entrants_of(view, first.year):
            if entrant.name == first.project.municipality:
                reply.municipality = entrant.municipality.name
        return
    if request.places:
        place = request.places[0]
        of_place = [
            (year, p)
            for year, record in view.years.items()
            for p in record.projects
            if p.municipality in (place.name, place.said, place.entrant)
        ]
        if not of_place:
            reply.say(texts("project.none", place=place_name(place)))
            return
        items = [texts("project.item", name=p.phrase, label=view.label(y)) for y, p in of_place]
        reply.say(texts("project.list", place=place_name(place), items=texts.join(items)))
        for _, p in of_place:
            reply.cite(Fact(None, p.sources))
        return
    years = target_years(view, request)
    if years:
        of_years = [(y, p) for y in years for p in getattr(view.get(y), "projects", ())]
        if not of_years:
            reply.say(texts("project.none_year", labels=years_text(view, texts, years)))
            return
        items = [
            texts("project.item_of", name=p.phrase, municipality=p.municipality)
            for _, p in of_years
        ]
        reply.say(
            texts(
                "project.year_list", labels=years_text(view, texts, years), items=texts.join(items)
            )
        )
        for _, p in of_years:
            reply.cite(Fact(None, p.sources))
        reply.years = years
        return
    names = [p.phrase for r in view.years.values() for p in r.projects][:MAX_PROJECT_HINTS]
    reply.say(texts("project.need_name", items=texts.join(names)))


def _entrants_of(view: History, year: int) -> list[Entrant]:
    """The nominees and the winner of ``year``."""
    record = view.get(year)
    if record is None:
        return []
    found = list(record.nominees.value) if record.nominees else []
    if record.winner is not None:
        found.append(record.winner.value)
    return found
