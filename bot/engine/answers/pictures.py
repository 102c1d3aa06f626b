"""Answers whose real content is a picture the front end sends (the map, the timeline)."""

from __future__ import annotations

from bot.engine.history import History
from bot.engine.texts import Texts
from bot.engine.types import FollowUp, FollowUpAction

from .common import target_years
from .reply import Reply, Request


def map_answer(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """Short text; the front end sends the map (follow-up action ``map``)."""
    years = target_years(view, request)
    if years and view.get(years[0]) is not None:
        reply.say(texts("map.year", label=view.label(years[0])))
        reply.followups.append(FollowUp(texts("followup.map"), str(years[0]), FollowUpAction.MAP))
        reply.years = years[:1]
    else:
        reply.say(texts("map.text"))
        reply.followups.append(FollowUp(texts("followup.map"), "", FollowUpAction.MAP))


def timeline(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """Short text; the front end sends the timeline (follow-up action ``timeline``)."""
    years = [y for y in view.years if y <= request.now.year]
    first, last = (years[0], years[-1]) if years else (view.first_year, view.first_year)
    reply.say(texts("timeline.text", first=view.label(first), last=view.label(last)))
    reply.followups.append(FollowUp(texts("followup.timeline"), "", FollowUpAction.TIMELINE))
