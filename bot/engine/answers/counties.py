"""Counties and regions: the winners (and nominees) from a county, and which counties won."""

from __future__ import annotations

from typing import Any

from bot.engine.history import History
from bot.engine.regions import county_then
from bot.engine.texts import Texts
from bot.engine.types import FollowUp, FollowUpAction
from bot.knowledge.models import Entrant, Fact, Municipality

from .common import entrant_name, register_source, years_text
from .reply import Reply, Request

REGISTER_YEAR = 2024
"""The municipality register's counties are those from 1 January of this year
(knowledge/municipalities/README.md): «dagens fylker» from then on, «fylkene fra 2024» before."""


def county_of_time(request: Request, municipality: Municipality) -> str | None:
    """The county ``municipality`` lay in at the clock (the register's from 2024; before that
    the county of the time, from ``regions.yaml``), None when the data cannot tell."""
    if request.now.year >= REGISTER_YEAR:
        return municipality.county
    return county_then(request.regions, municipality, request.now.year)


def division(texts: Texts, key: str, now_year: int) -> str:
    """The text ``key`` for a clock in the register's counties' time, else ``key_before``."""
    return texts(key if now_year >= REGISTER_YEAR else key + "_before")


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
                ago = texts.count(max(request.now.year - last, 0), neuter=True)
                reply.say(texts("county.last_ago", winner=last_name, label=label, ago=ago))
            else:
                reply.say(texts("county.last", winner=last_name, label=label))
        elif area.asks_since:
            ago = texts.count(max(request.now.year - reply.years[-1], 0), neuter=True)
            reply.say(texts("county.ago", ago=ago))
        if "mellom" in request.words and len(reply.years) > 1:  # «… mellom de to gangene?»
            between = texts.count(reply.years[-1] - reply.years[-2], neuter=True)
            key = "county.between_two" if len(reply.years) == 2 else "county.between_last"
            reply.say(texts(key, count=between))
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
    vunnet prisen.» / «Prisen har gått til en kommune fra Trøndelag to ganger: …» (asked how
    many; small counts as words)."""
    if "mange" in request.words:
        times = sum(len(ys) for ys in won.values())
        if "ganger" in request.words:
            key = "county.times" if times > 1 else "county.times_once"
            count = texts.count(times)
            return texts(key, county=area.first, count=count, items=texts.join(items))
        key = "county.places" if len(won) > 1 else "county.places_one"
        count = texts.count(len(won))  # first in the sentence: «To kommuner …»
        count = count[:1].upper() + count[1:]
        return texts(key, county=area.first, count=count, items=texts.join(items))
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
    """Which counties the winners are in, most wins first: the counties of the clock's time
    (Viken in 2023) when the data can tell for every winner, else those of 2024, said so."""
    by_county: dict[str, list[tuple[int, str]]] = {}
    then = {
        year: county_of_time(request, won.value.municipality)
        for year in view.awarded
        if (won := view.winner(year)) is not None
    }
    register = None in then.values()
    for year in view.awarded:
        won = view.winner(year)
        if won is None:
            continue
        county = then[year]
        by_county.setdefault(
            won.value.municipality.county if register or county is None else county, []
        ).append((year, entrant_name(texts, won.value)))
        reply.cite(won)
    if not by_county:
        reply.say(texts("gap.no_info"))
        return
    ranked = sorted(by_county.items(), key=lambda item: (-len(item[1]), item[0]))
    among = division(
        texts, "county.by_county_among", REGISTER_YEAR if not register else request.now.year
    )
    say_ranked_wins(view, texts, ranked, among, reply)
    reply.followups.append(FollowUp(texts("followup.map"), "", FollowUpAction.MAP))


def say_ranked_wins(
    view: History,
    texts: Texts,
    ranked: list[tuple[str, list[tuple[int, str]]]],
    among: str,
    reply: Reply,
) -> None:
    """Areas (counties, regions) ranked by wins, most first, each said once: the leader(s) in
    the lead sentence (``among`` names the division), shared leaders with their winners in it,
    then a sentence per other area with more than one win, and the areas with one win each
    together."""
    most = len(ranked[0][1])
    leaders = [area for area, wins in ranked if len(wins) == most]
    division = among

    def items(wins: list[tuple[int, str]]) -> str:
        return texts.join([texts("county.item", name=n, labels=view.label(y)) for y, n in wins])

    if len(leaders) == 1:
        reply.say(
            texts(
                "county.most_one",
                among=division,
                counties=leaders[0],
                count=texts.count(most),
                items=items(ranked[0][1]),
            )
        )
    else:  # «… Agder (Kristiansand og Grimstad), Akershus (…) …, med to hver.»: each once
        named = [
            texts(
                "county.leader_item",
                county=area,
                names=texts.join([n for _, n in wins]),
            )
            for area, wins in ranked
            if area in leaders
        ]
        reply.say(
            texts(
                "county.most_shared",
                among=division,
                counties=texts.join(named),
                count=texts.count(most),
            )
        )
    singles = []
    for area, wins in ranked:
        if area in leaders:
            continue
        if len(wins) == 1 and most > 1:
            year, name = wins[0]
            singles.append(
                texts("county.single_item", county=area, name=name, label=view.label(year))
            )
            continue
        reply.say(texts("county.winners_short", county=area, items=items(wins)))
    if singles:
        key = "county.singles" if len(singles) > 1 else "county.single"
        reply.say(texts(key, items=texts.join(singles)))
