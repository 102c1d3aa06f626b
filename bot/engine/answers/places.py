"""Municipalities and counties: did a place win or get nominated, its record, county winners."""

from __future__ import annotations

from typing import Any

from bot.engine.history import History
from bot.engine.places import Place
from bot.engine.texts import Texts
from bot.engine.types import FollowUp, FollowUpAction
from bot.knowledge.models import Entrant, Fact, YearStatus

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
from .reply import MAX_PLACES, MAX_YEARS, MOST_WORDS, Reply, Request


def place_won(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """«Vant Asker i 2021?» / «Har Drammen vunnet?» / «Når vant Molde?»."""
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


def place_nominated(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """«Var Asker nominert i 2021?» / «Har Hammerfest vært nominert?»."""
    place = _place(texts, request, reply)
    if place is None:
        return
    years = target_years(view, request)
    if not years or request.relation:
        _summary(view, texts, request, reply, nominations_first=True)
        return
    reply.years = years
    nominated = {y: (e, f) for y, e, f in view.nominations(place)}
    for year, record in rounds(view, texts, years, reply, nearby=True):
        if year in nominated:
            entrant, fact = nominated[year]
            reply.say(
                texts(
                    "place.nominated_yes", place=entrant_name(texts, entrant), label=record.label
                ),
                fact,
            )
        elif record.nominees is None:
            reply.say(
                texts("place.nominated_unknown", label=record.label),
                record.explanation if record.status == YearStatus.UNKNOWN else None,
            )
        else:
            names = texts.join([entrant_name(texts, e) for e in record.nominees.value])
            reply.say(
                texts(
                    "place.nominated_no",
                    place=place_name(place),
                    label=record.label,
                    names=names,
                ),
                record.nominees,
            )
        if record.winner is not None:
            reply.say(
                texts("place.winner_that_year", winner=entrant_name(texts, record.winner.value)),
                record.winner,
            )


def _nominated_years(
    view: History,
    texts: Texts,
    name: str,
    nominated: list[tuple[int, Entrant, Fact[tuple[Entrant, ...]]]],
) -> str:
    """«Asker var nominert 3 ganger: for 2018, 2019/2020 og 2021.» (the count answers «hvor
    mange ganger»; one nomination is said without it)."""
    key = "place.nominated_years" if len(nominated) > 1 else "place.nominated_once"
    years = _as_named(view, texts, nominated, name)
    return texts(key, place=name, years=years, count=texts.count(len(nominated)))


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
    if said_no:  # «nei, etter det jeg vet»: the years not known are the caveat
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
    if nominations_first:
        return not view.nominations(place)
    return not wins


def _award_days(
    view: History, texts: Texts, wins: list[int], request: Request, reply: Reply
) -> None:
    """The known award day of each year a municipality won."""
    for year in wins[:MAX_YEARS]:
        record = view.get(year)
        if record is None or record.award_date is None:
            continue
        day = texts.date(record.award_date.value, now=request.now)
        reply.say(texts("award.date", date=day, label=record.label), record.award_date)


def _summary_of(
    view: History,
    texts: Texts,
    place: Place,
    request: Request,
    reply: Reply,
    nominations_first: bool,
) -> list[int]:
    """One municipality's wins and nominations; returns the years it won."""
    name = place_name(place)
    wins = view.wins(place)
    nominated = view.nominations(place)
    all_wins, all_nominated = wins, nominated
    window = ""  # «før 2025»: the answer covers only that part of the record
    if request.relation and request.years:
        pivot = request.years[0]
        side = "place.window_before" if request.relation < 0 else "place.window_after"
        window = texts(side, label=view.label(pivot))

        def keep(year: int) -> bool:
            return year < pivot if request.relation < 0 else year > pivot

        wins = [y for y in wins if keep(y)]
        nominated = [n for n in nominated if keep(n[0])]
    others = [(y, e, f) for y, e, f in nominated if y not in wins]
    win_facts = [view.winner(y) for y in wins]
    # Not a yes/no question («Drammen», «Når vant Drammen?», «Hvor lenge siden vant Molde?»):
    # no «Ja,»/«Nei,».
    ago = ("siden" in request.words or "lenge" in request.words) and not request.years
    statement = request.intent == "place_summary" or request.statement or ago
    prefix = "place.summary_" if statement else "place."
    won_text = texts(prefix + "won_years", place=name, years=years_text(view, texts, wins))
    if request.repeat and not statement and len(wins) == 1:
        won_text = texts("place.won_once", place=name, years=years_text(view, texts, wins))
    if nominations_first:
        if nominated:
            reply.say(_nominated_years(view, texts, name, nominated), *[f for _, _, f in nominated])
        else:
            reply.say(_never_nominated(texts, name, window))
        if wins:
            reply.say(
                texts("place.also_won", place=name, years=years_text(view, texts, wins)),
                *win_facts,
            )
    else:
        if wins:
            reply.say(won_text, *win_facts)
            if ago:  # «Hvor mange år er det siden Molde vant?»
                reply.say(texts("place.ago", ago=max(request.now.year - wins[-1], 0)))
            elif "nar" in request.words:  # «Når fikk Tønsberg prisen?»: the day it was handed out
                _award_days(view, texts, wins, request, reply)
        elif window:
            reply.say(texts(prefix + "never_won_window", place=name, window=window))
        else:
            reply.say(texts(prefix + "never_won", place=name))
        if others:
            also = texts(
                "place.also_nominated", place=name, years=_as_named(view, texts, others, name)
            )
            reply.say(
                also if wins else _nominated_years(view, texts, name, others),
                *[f for _, _, f in others],
            )
        elif not wins:
            reply.say(_never_nominated(texts, name, window))
    if window and not wins and all_wins:  # the rest of the record, said plainly
        reply.say(
            texts("place.also_won", place=name, years=years_text(view, texts, all_wins)),
            *[view.winner(y) for y in all_wins],
        )
    elif window and not nominated and all_nominated:
        reply.say(
            _nominated_years(view, texts, name, all_nominated), *[f for _, _, f in all_nominated]
        )
    if not reply.years:
        reply.years = wins or [y for y, _, _ in others]
    return wins


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
    if place.said == place.name:
        return
    if place.said in place.municipality.former_names:
        note = texts("place.former_note", said=place.said, municipality=place.name)
    elif place.said in place.municipality.alt_names:
        note = texts("place.alt_note", said=place.said, municipality=place.name)
    else:
        return
    if note not in reply.parts:
        reply.say(note)
        reply.cite(Fact(None, (register_source(texts),)))


def _never_nominated(texts: Texts, name: str, window: str) -> str:
    """«Moss står ikke blant de nominerte jeg kjenner til (før 2025).»"""
    if window:
        return texts("place.never_nominated_window", place=name, window=window)
    return texts("place.never_nominated", place=name)


def _as_named(
    view: History,
    texts: Texts,
    nominations: list[tuple[int, Entrant, Fact[tuple[Entrant, ...]]]],
    shown: str = "",
) -> str:
    """«2015 (som Skedsmo) og 2021»: years, with the name used then when it differs."""
    items = []
    for year, entrant, _ in nominations:
        label = view.label(year)
        if entrant.name not in (entrant.municipality.name, shown):
            label = texts("place.year_as", label=label, name=entrant.name)
        items.append(label)
    return texts.join(items)


def county_winners(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """Winners (and nominees) from a county, a region or a former county: the winners first,
    as a sentence, then the others nominated from there."""
    if not request.counties:
        reply.say(texts("county.need_county"))
        return
    area = _Area(view, texts, request)
    won: dict[str, list[int]] = {}
    nominated: dict[str, list[int]] = {}
    unsure: dict[str, None] = {}
    facts: list[Fact[Any]] = []
    winners: set[str] = set()
    for year, record in view.years.items():
        won_fact = record.winner
        winner = won_fact.value if won_fact is not None else None
        entrants = [winner] if winner is not None else []
        if record.nominees is not None:
            entrants += [
                e for e in record.nominees.value if winner is None or e.name != winner.name
            ]
        for entrant in entrants:
            inside = area.holds(entrant)
            if inside is None:
                unsure[entrant_name(texts, entrant)] = None
            elif not inside:
                continue
            elif entrant is winner and won_fact is not None:
                won.setdefault(entrant_name(texts, entrant), []).append(year)
                winners.add(entrant.municipality.name)
                facts.append(won_fact)
            elif record.nominees is not None:
                nominated.setdefault(entrant_name(texts, entrant), []).append(year)
                facts.append(record.nominees)
    items = [
        texts("county.item", name=n, labels=years_text(view, texts, ys)) for n, ys in won.items()
    ]
    if won:
        reply.years = sorted(y for ys in won.values() for y in ys)  # for «Hvorfor vant de?»
        reply.say(_winners_sentence(view, texts, request, area, won, items))
        last = reply.years[-1]
        last_won = view.winner(last)
        if len(won) > 1 and last_won is not None:  # «Hvor lenge er det siden Nord-Norge vant?»
            last_name = entrant_name(texts, last_won.value)
            label = view.label(last)
            if area.asks_since:
                ago = max(request.now.year - last, 0)
                reply.say(texts("county.last_ago", winner=last_name, label=label, ago=ago))
            else:
                reply.say(texts("county.last", winner=last_name, label=label))
        elif area.asks_since:
            reply.say(texts("county.ago", ago=max(request.now.year - reply.years[-1], 0)))
        if len(winners) == 1:
            reply.municipality = winners.pop()
    else:
        reply.say(texts("county.none", county=area.first))
    if area.note:
        reply.say(area.note_text(won))
    if nominated:
        key = "county.nominees_also" if won else "county.nominees"
        others = [
            texts("county.item", name=n, labels=years_text(view, texts, ys))
            for n, ys in nominated.items()
        ]
        reply.say(texts(key, county=area.again, items=texts.join(others)))
    if unsure:
        reply.say(texts("county.unsure", names=texts.join(list(unsure)), county=area.again))
        reply.cite(Fact(None, (register_source(texts),)))
    reply.cite(*facts)
    reply.followups.append(FollowUp(texts("followup.map"), "", FollowUpAction.MAP))


def _winners_sentence(
    view: History,
    texts: Texts,
    request: Request,
    area: _Area,
    won: dict[str, list[int]],
    items: list[str],
) -> str:
    """«Kinn er den eneste vinneren fra Vestland, med prisen for 2022.» / «Fra Agder har …
    vunnet prisen.» / «Prisen har gått til en kommune i Trøndelag 2 ganger: …» (asked how many)."""
    if "mange" in request.words:
        times = sum(len(ys) for ys in won.values())
        if "ganger" in request.words:
            key = "county.times" if times > 1 else "county.times_once"
            return texts(key, county=area.first, count=times, items=texts.join(items))
        key = "county.places" if len(won) > 1 else "county.places_one"
        return texts(key, county=area.first, count=len(won), items=texts.join(items))
    if len(won) == 1:
        name, years = next(iter(won.items()))
        labels = years_text(view, texts, years)
        return texts("county.winner_only", county=area.first, name=name, labels=labels)
    return texts("county.winners", county=area.first, items=texts.join(items))


class _Area:
    """What a county question is about: today's counties, a region, or a former county (as it
    was, or as it is when the clock is in its time), and how to name it."""

    def __init__(self, view: History, texts: Texts, request: Request) -> None:
        self.texts = texts
        self.view = view
        region = request.region
        self.former = region if region is not None and region.former else None
        self.counties = set(region.counties if region is not None else request.counties)
        self.current = self.former is not None and self.former.existed(request.now.year)
        self.asks_since = "siden" in request.words or "lenge" in request.words
        self.register = {m.number: m for m in view.kb.municipalities}
        ordered = texts.join(list(region.counties if region else sorted(self.counties)))
        if self.former is not None:
            self.again = self.former.name
            self.first = (
                self.former.name
                if self.current
                else texts("county.former_where", county=self.former.name)
            )
        elif region is not None and region.counties != (region.name,):
            self.first = texts("county.region", region=region.name, counties=ordered)
            self.again = region.name
        else:
            self.first = self.again = ordered
        if self.former is not None and not self.current:
            self.again = self.first
        self.note = self.former is not None and not self.current

    def holds(self, entrant: Entrant) -> bool | None:
        """Whether the entrant's municipality lies (or lay) in the area; None: cannot tell."""
        if self.former is None:
            return entrant.municipality.county in self.counties
        municipality = self.register.get(entrant.municipality.number, entrant.municipality)
        return self.former.holds(municipality)

    def note_text(self, won: dict[str, list[int]]) -> str:
        """«Hordaland er nå en del av Vestland, der Kinn (2022) har vunnet.»"""
        assert self.former is not None
        now = self.texts.join(list(self.former.counties))
        split = len(self.counties) > 1
        there: list[str] = []
        for year, record in self.view.years.items():
            winner = record.winner
            if winner is not None and winner.value.municipality.county in self.counties:
                there.append(
                    self.texts(
                        "county.item",
                        name=entrant_name(self.texts, winner.value),
                        labels=self.view.label(year),
                    )
                )
        if won or not there:
            key = "county.former_split" if split else "county.former_now"
            return self.texts(key, county=self.former.name, now=now)
        key = "county.former_split_won" if split else "county.former_now_won"
        return self.texts(key, county=self.former.name, now=now, items=self.texts.join(there))


def counties_won(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """Which counties (2024) the winners are in, most wins first."""
    by_county: dict[str, list[tuple[int, str]]] = {}
    for year in view.awarded:
        won = view.winner(year)
        if won is None:
            continue
        by_county.setdefault(won.value.municipality.county, []).append(
            (year, entrant_name(texts, won.value))
        )
        reply.cite(won)
    if not by_county:
        reply.say(texts("gap.no_info"))
        return
    ranked = sorted(by_county.items(), key=lambda item: (-len(item[1]), item[0]))
    most = len(ranked[0][1])
    leaders = [county for county, wins in ranked if len(wins) == most]
    key = "county.most_one" if len(leaders) == 1 else "county.most_shared"
    reply.say(texts(key, counties=texts.join(leaders), count=most))
    reply.say(texts("county.by_county_intro"))
    for county, wins in ranked:
        items = [texts("county.item", name=n, labels=view.label(y)) for y, n in wins]
        reply.say(
            texts(
                "county.by_county_line",
                county=county,
                count=len(wins),
                items=texts.join(items),
            )
        )
    reply.followups.append(FollowUp(texts("followup.map"), "", FollowUpAction.MAP))
