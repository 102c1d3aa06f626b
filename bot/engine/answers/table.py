"""The one table from intent name to handler.

To answer a new intent: add it to ``knowledge/intents.yaml``, write a handler
``(view, texts, request, reply) -> None`` in the topic module it belongs to (its sentences go in
``knowledge/texts/engine.yaml``), and add a line here. An intent without a line is answered by
:func:`~bot.engine.answers.common.topic` from the prize topic of the same name.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from . import (
    ceremony,
    counties,
    counting,
    fixed,
    nominees,
    pictures,
    places,
    prize,
    profile_table,
    voting,
    winners,
)
from .reply import Handler

HANDLERS: Mapping[str, Handler] = MappingProxyType(
    {
        # winners.py
        "winner": winners.winner,
        "missing_year": winners.winner,  # the winner answer explains a year without one
        "all_winners": winners.all_winners,
        "first_winner": winners.first_winner,
        "latest_winner": winners.latest_winner,
        "winner_before": winners.winner_before,
        "winner_after": winners.winner_after,
        # nominees.py
        "nominees": nominees.nominees,
        # places.py
        "place_won": places.place_won,
        "place_nominated": places.place_nominated,
        "place_summary": places.place_summary,
        # counties.py
        "county_winners": counties.county_winners,
        "counties_won": counties.counties_won,
        # counting.py
        "most_nominated": counting.most_nominated,
        "year_nominee_count": counting.year_nominee_count,
        "winners_renominated": counting.winners_renominated,
        "no_prize_years": counting.no_prize_years,
        "compare_places": counting.compare_places,
        "nominated_both": counting.nominated_both,
        "name_eras": counting.name_eras,
        "county_of": counting.county_of,
        "regions_won": counting.regions_won,
        # prize.py
        "organiser": prize.organiser,
        "purpose": prize.purpose,
        "directors": prize.directors,
        "criteria": prize.criteria,
        "how_chosen": prize.how_chosen,
        "prize_names": prize.prize_names,
        "prize_money": prize.prize_money,
        "count": prize.count,
        "nominated_count": prize.nominated_count,
        "repeat_winners": prize.repeat_winners,
        # ceremony.py
        "award": ceremony.award,
        "venue": ceremony.award,
        "next_award": ceremony.next_award,
        "handed_by": ceremony.handed_by,
        "received_by": ceremony.received_by,
        "reasoning": ceremony.reasoning,
        "project": ceremony.project,
        "place_projects": ceremony.project,
        "year_projects": ceremony.project,
        # voting.py
        "vote_status": voting.vote_status,
        "vote_when": voting.vote_when,
        "vote_how": voting.vote_how,
        "public_vote": voting.public_vote,
        # pictures.py
        "map": pictures.map_answer,
        "timeline": pictures.timeline,
        # fixed.py: one text each, «<intent>.text»
        "subscribe": fixed.subscribe,
        "unsubscribe": fixed.fixed_text,
        "greeting": fixed.fixed_text,
        "thanks": fixed.fixed_text,
        "goodbye": fixed.fixed_text,
        "help": fixed.fixed_text,
        "about_bot": fixed.fixed_text,
        "about_sources": fixed.fixed_text,
    }
)
"""Intent name → handler. Intents marked ``unknown: true`` are added per engine (see
:class:`~bot.engine.answers.composer.Composer`)."""
HANDLERS = MappingProxyType({**HANDLERS, **profile_table.HANDLERS})  # issue 12: nominee profiles
