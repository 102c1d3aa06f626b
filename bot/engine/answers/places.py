"""One municipality: did it win or get nominated, and its record (the summary's sentences are
written in :mod:`.place_record`; county and region winners are in :mod:`.counties`)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from bot.engine.history import History
from bot.engine.places import Place
from bot.engine.texts import Texts
from bot.engine.types import FollowUp, FollowUpAction
from bot.knowledge.models import Entrant, Fact, PrizeYear, YearStatus

from .common import (
    entrant_name,
    gap,
    place_name,
    register_source,
    rounds,
    target_years,
    winner_followups,
    years_text,
)
from .nominees import say_nominees_unknown, winner_first
from .place_record import _summary_of
from .reply import MAX_PLACES, MAX_YEARS, MOST_WORDS, Reply, Request
from .superlative import answer as superlative_answer

Answer = Callable[[History, Texts, Request, Reply], None]


def _note_text(texts: Texts, place: Place) -> str | None:
    """The note on an old or Sami/Kven name the question used, or None."""
    if place.said == place.name:
        return None
    if place.said in place.municipality.former_names:
        return texts("place.former_note", said=place.said, municipality=place.name)
    if place.said in place.municipality.alt_names:
        return texts("place.alt_note", said=place.said, municipality=place.name)
    return None


def _answer_first(answer: Answer) -> Answer:
    """``answer`` with the name note («Skedsmo er i dag en del av Lillestrøm.») after the
    first line, so the yes or no leads (B8: «Ja, Lillestrøm har vært nominert …» first).
    Not for the summary, whose «Kommunen» after the note would be ambiguous."""

    @wraps(answer)
    def run(view: History, texts: Texts, request: Request, reply: Reply) -> None:
        start = len(reply.parts)
        answer(view, texts, request, reply)
        note = _note_text(texts, request.places[0]) if request.places else None
        if note is not None and len(reply.parts) > start + 1 and reply.parts[start] == note:
            reply.parts.insert(start + 1, reply.parts.pop(start))

    return run


@_answer_first
def place_won(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """«Vant Asker i 2021?» / «Har Drammen vunnet?» / «Når vant Molde?»."""
    if superlative_answer(view, texts, request, reply, won=True, unwon=False, record=place_won):
        return
    place = _place(texts, request, reply)
    if place is None:
        return
    years = target_years(view, request)
    if not years or request.relation:
        _summary(view, texts, request, reply, nominations_first=False)
        return
    reply.years = years
    for year in years[:MAX_YEARS]:
        record = view.get(year)
        won = record.winner if record is not None else None
        if won is None or record is None:
            if not gap(view, texts, year, reply):
                reply.say(texts("place.won_no_unknown_winner", label=view.label(year)))
            continue
        if any(view.matches(won.value, p) for p in request.places):  # «Vant Asker eller Bærum?»
            reply.say(
                texts("place.won_yes", place=entrant_name(texts, won.value), label=record.label),
                won,
            )
            continue
        reply.say(
            texts("place.won_no", winner=entrant_name(texts, won.value), label=record.label),
            won,
        )
        for nominated_year, entrant, fact in view.nominations(place):
            if nominated_year == year:
                reply.say(
                    texts("place.was_nominated_too", place=entrant_name(texts, entrant)), fact
                )
    if len(years) == 1 and view.winner(years[0]) is not None:
        winner_followups(view, texts, years[0], reply)


@_answer_first
def place_nominated(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """«Var Asker nominert i 2021?» / «Har Hammerfest vært nominert?»."""
    unwon = _asks_unwon(texts, request)
    if superlative_answer(
        view, texts, request, reply, won=False, unwon=unwon, record=place_nominated
    ):
        return
    place = _place(texts, request, reply)
    if place is None:
        return
    years = target_years(view, request)
    # «… flere ganger enn da de vant?»: the whole record, not the winning round
    if not years or request.relation or (request.repeat and request.when_won):
        _summary(view, texts, request, reply, nominations_first=True)
        return
    reply.years = years
    nominated = {y: (e, f) for y, e, f in view.nominations(place)}
    for year, record in rounds(view, texts, years, reply, nearby=True):
        _nominated_in(view, texts, place, record, nominated.get(year), reply)


def _nominated_in(
    view: History,
    texts: Texts,
    place: Place,
    record: PrizeYear,
    nomination: tuple[Entrant, Fact[Any]] | None,
    reply: Reply,
) -> None:
    """One round of «Var Asker nominert i 2021?»: yes or no in one sentence, with the winner
    (or, in a round under way, in the present); what is not known said plainly."""
    winner = record.winner
    won = winner is not None and view.matches(winner.value, place)
    under_way = record.status == YearStatus.OPEN
    if won and winner is not None:  # the winner was nominated, also when the list is unknown
        key = "place.nominated_yes_won" if record.nominees else "place.nominated_won"
        name = entrant_name(texts, winner.value)
        reply.say(texts(key, place=name, label=record.label), winner)
    elif nomination is not None:
        name = entrant_name(texts, nomination[0])
        if winner is not None:
            reply.say(
                texts(
                    "place.nominated_yes_lost",
                    place=name,
                    label=record.label,
                    winner=entrant_name(texts, winner.value),
                ),
                nomination[1],
                winner,
            )
        else:
            key = "place.nominated_yes_now" if under_way else "place.nominated_yes"
            reply.say(texts(key, place=name, label=record.label), nomination[1])
    elif record.nominees is None:
        say_nominees_unknown(view, texts, record, reply, single=False)
    else:
        names = [entrant_name(texts, e) for e in record.nominees.value]
        reply.say(
            texts(
                "place.nominated_no_now" if under_way else "place.nominated_no",
                place=place_name(place),
                label=record.label,
                names=texts.join(winner_first(texts, record, names)),
            ),
            record.nominees,
            winner,
        )


def place_summary(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """Everything about one municipality (or a few named together): wins, nominations, gaps."""
    _summary(view, texts, request, reply, nominations_first=False)


def _summary(
    view: History, texts: Texts, request: Request, reply: Reply, *, nominations_first: bool
) -> None:
    place = _place(texts, request, reply)
    if place is None:
        return
    more = [p for p in request.places[1:MAX_PLACES] if p.name != place.name]
    if more and nominations_first:  # «Hvem ble nominert først av Bergen og Bodø?»
        _compare_nominations(view, texts, request, [place, *more], reply)
    wins = _summary_of(view, texts, place, request, reply, nominations_first)
    reply.years = wins or reply.years
    said_no = _said_no(view, request, place, wins, nominations_first=nominations_first)
    for other in more:
        _name_note(texts, other, reply)
        other_wins = _summary_of(view, texts, other, request, reply, nominations_first)
        said_no |= _said_no(view, request, other, other_wins, nominations_first=nominations_first)
    if said_no and more:  # «nei, etter det jeg vet»: the years not known are the caveat
        gaps = view.unknown_years()
        if gaps:
            reply.say(texts("place.gaps", years=years_text(view, texts, gaps)))
    if len(wins) == 1 and not more:
        reply.followups.append(FollowUp(texts("followup.reasoning"), f"begrunnelse {wins[0]}"))
    reply.followups.append(FollowUp(texts("followup.map"), "", FollowUpAction.MAP))


BOTH_WORDS = frozenset({"bade", "begge", "alle"})
"""Canonical words asking whether every place named has it («både», «begge»)."""
FIRST_WORD = "forste"


def _compare_nominations(
    view: History, texts: Texts, request: Request, places: list[Place], reply: Reply
) -> None:
    """The answer to a comparison of two or more municipalities' nominations, before each
    one's record: who was nominated first or most often, whether all were, or (with «før» /
    «etter») whether the first named came first."""
    years = {place_name(p): [y for y, _, _ in view.nominations(p)] for p in places}
    asked = set(request.words)
    nominated = {name: ys for name, ys in years.items() if ys}
    if request.relation and len(nominated) == 2 == len(years):
        first, second = (ys[0] for ys in years.values())
        earlier = first < second if request.relation < 0 else first > second
        if first == second:
            names = texts.join(list(years))
            reply.say(texts("counting.order_same", names=names, label=view.label(first)))
        else:
            reply.say(texts("counting.order_yes" if earlier else "counting.order_no"))
    elif asked & MOST_WORDS and nominated:
        most = max(len(ys) for ys in nominated.values())
        leaders = [name for name, ys in nominated.items() if len(ys) == most]
        key = "counting.nominated_most" if len(leaders) == 1 else "counting.nominated_most_same"
        if most == 1:  # «én gang», never «1 ganger»
            key = "counting.nominated_only" if len(leaders) == 1 else "counting.nominated_once_each"
        reply.say(texts(key, names=texts.join(leaders), count=most))
    elif FIRST_WORD in asked and nominated:
        start = min(ys[0] for ys in nominated.values())
        leaders = [name for name, ys in nominated.items() if ys[0] == start]
        key = "counting.nominated_first" if len(leaders) == 1 else "counting.nominated_first_same"
        reply.say(texts(key, names=texts.join(leaders), label=view.label(start)))
    elif asked & BOTH_WORDS and not request.statement:
        key = "counting.all_nominated" if len(nominated) == len(years) else "counting.not_all"
        reply.say(texts(key + ("_two" if len(years) == 2 else "")))


def _said_no(
    view: History, request: Request, place: Place, wins: list[int], *, nominations_first: bool
) -> bool:
    """True when the answer to a yes/no question is «no» (never nominated / never won): only
    then do the years without known winner or nominees change how it is read."""
    if request.intent == "place_summary" or request.statement:
        return False
    if nominations_first:  # a winner was nominated the year it won
        return not view.nominations(place) and not wins
    return not wins


def _place(texts: Texts, request: Request, reply: Reply) -> Place | None:
    """The municipality asked about (noting an old or Sami name), or ask for one."""
    if not request.places:
        reply.say(texts("place.need_place"))
        return None
    place = request.places[0]
    reply.municipality = place.name
    _name_note(texts, place, reply)
    return place


def _name_note(texts: Texts, place: Place, reply: Reply) -> None:
    """«Skedsmo er i dag en del av Lillestrøm.» / a Sami or Kven name, once per answer."""
    note = _note_text(texts, place)
    if note is None:
        return
    if note not in reply.parts:
        reply.say(note)
        reply.cite(Fact(None, (register_source(texts),)))


def _asks_unwon(texts: Texts, request: Request) -> bool:
    """«uten å vinne», «som aldri har vunnet»: a word of absence (``counting.unwon_words``)
    together with a word of winning (``counting.won_words``)."""
    asked = set(request.words)
    absent = set(texts("counting.unwon_words").split())
    won = set(texts("counting.won_words").split())
    return bool(asked & absent) and bool(asked & won)
