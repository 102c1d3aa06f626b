"""Counting and comparing: most often nominated, how many were nominated a year, which of two
municipalities won first, who was nominated in several years, the winners under each of the
prize's names, and which county a municipality is in. Everything as known at ``request.now``."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from bot.engine.history import History
from bot.engine.places import Place
from bot.engine.texts import Texts
from bot.engine.types import FollowUp, FollowUpAction
from bot.knowledge.models import Entrant, Fact, YearStatus

from . import nominees as nominee_answers
from . import places as place_answers
from .common import entrant_name, gap, place_name, register_source, rounds, target_years, years_text
from .counties import county_of_time, say_ranked_wins
from .reply import MAX_PLACES, MAX_YEARS, MOST_WORDS, Reply, Request
from .superlative import nomination_counts

MAX_RANKED = 6
"""At most this many municipalities in the «nominated most often» list."""


def most_nominated(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """«Hvilken kommune har vært nominert flest ganger?»: the most nominated municipalities,
    with their years, and the rounds whose nominees are unknown. «… uten å vinne» / «… som
    aldri har vunnet» leaves out every municipality that has won. A city district (Oslo's
    Grünerløkka) counts as itself, not as its municipality."""
    unwon = _asks_unwon(texts, request)
    counted, facts = nomination_counts(view, texts, unwon=unwon)
    if not counted:
        reply.say(texts("gap.no_info"))
        return
    ranked = sorted(counted.items(), key=lambda item: (-len(item[1]), item[1][0], item[0]))
    top = len(ranked[0][1])
    leaders = [name for name, years in ranked if len(years) == top]
    suffix = "_unwon" if unwon else ""
    if len(leaders) == 1:  # the answer first, with its years; then the others by count
        lead = texts(
            "counting.most_lead" + suffix,
            names=leaders[0],
            count=texts.count(top),
            years=years_text(view, texts, ranked[0][1]),
        )
    else:
        lead = texts(
            "counting.most_lead_shared" + suffix,
            names=texts.join(leaders),
            count=texts.count(top),
        )
    reply.say(lead, *facts)
    # the top MAX_RANKED, never cutting a tie, never those nominated only once (unless leading)
    least = max(2, len(ranked[min(MAX_RANKED, len(ranked)) - 1][1]))
    shown = [(n, ys) for n, ys in ranked if len(ys) >= least and n not in leaders][:MAX_YEARS]
    for count in sorted({len(ys) for _, ys in shown}, reverse=True):
        names = [n for n, ys in shown if len(ys) == count]
        reply.say(texts("counting.most_line", names=texts.join(names), count=texts.count(count)))
    _unknown_nominees(view, texts, request, reply)
    reply.municipality = leaders[0] if len(leaders) == 1 else None
    reply.followups.append(FollowUp(texts("followup.map"), "", FollowUpAction.MAP))


def _asks_unwon(texts: Texts, request: Request) -> bool:
    """«uten å vinne», «som aldri har vunnet», «without winning»: a word of absence
    (``counting.unwon_words``) together with a word of winning (``counting.won_words``)."""
    asked = set(request.words)
    absent = set(texts("counting.unwon_words").split())
    won = set(texts("counting.won_words").split())
    return bool(asked & absent) and bool(asked & won)


def _unknown_nominees(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """«For 2008 … kjenner jeg ikke de nominerte»: rounds that may hide more nominations."""
    missing = [
        year
        for year, record in view.years.items()
        if record.nominees is None
        and record.status in (YearStatus.AWARDED, YearStatus.UNKNOWN)
        and year <= request.now.year
    ]
    if missing:
        reply.say(texts("counting.most_unknown", years=years_text(view, texts, missing)))


def year_nominee_count(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """«Hvor mange var nominert i 2018?»: the number, then the names (the sources' count when
    they give more nominees than they name)."""
    years = target_years(view, request)
    if not years or request.besides is not None:  # «Hvor mange andre var nominert?»: the others
        nominee_answers.nominees(view, texts, request, reply)
        return
    reply.years = years
    compared = _compare_counts(view, texts, request, years, reply)
    for _year, record in rounds(view, texts, years, reply, nearby=len(years) == 1):
        if record.nominees is None:
            nominee_answers.nominees(view, texts, Request("nominees", request.now, [_year]), reply)
            continue
        winner = entrant_name(texts, record.winner.value) if record.winner is not None else ""
        names = [entrant_name(texts, e) for e in record.nominees.value]
        marked = [texts("counting.the_winner", name=n) if n == winner else n for n in names]
        if len(marked) > 1 and names[-2] == winner:
            marked[-2] += ","  # «Tønsberg, som vant, og Ullensvang»
        stated = record.nominee_count.value if record.nominee_count is not None else 0
        if stated > len(names):
            reply.say(
                texts(
                    "counting.year_count_partial",
                    label=record.label,
                    count=texts.count(stated),
                    named=texts.count(len(names)),
                    names=texts.join(marked),
                ),
                record.nominee_count,
                record.nominees,
            )
        elif compared:  # the numbers were just said: the names, with the winner
            reply.say(
                texts("counting.year_names", label=record.label, names=texts.join(marked)),
                record.nominees,
            )
        else:
            reply.say(
                texts(
                    "counting.year_count",
                    label=record.label,
                    count=texts.count(len(names)),
                    names=texts.join(marked),
                ),
                record.nominees,
            )
        if winner and winner in names:
            reply.cite(record.winner)
        elif winner:
            reply.say(texts("nominees.winner_was", winner=winner), record.winner)
    if len(years) == 1:
        reply.followups.append(FollowUp(texts("followup.winner"), f"vinner {years[0]}"))


def _compare_counts(
    view: History, texts: Texts, request: Request, years: list[int], reply: Reply
) -> bool:
    """«Var det flere nominerte i 2025 enn i 2022?»: two rounds' numbers side by side, led by
    «Ja»/«Nei» when asked whether the first had more (``flere``) or fewer (``farre``)."""
    if len(years) != 2:
        return False
    counts: list[int] = []
    for year in years:
        record = view.get(year)
        if record is None or record.nominees is None:
            return False  # a round without known nominees: the lines below say so
        stated = record.nominee_count.value if record.nominee_count is not None else 0
        counts.append(max(stated, len(record.nominees.value)))
    first, second = (view.label(y) for y in years)
    asked = set(request.words)
    if counts[0] == counts[1]:
        key = "counting.compare_same_no" if asked & {"flere", "farre"} else "counting.compare_same"
        reply.say(texts(key, count=texts.count(counts[0]), first=first, second=second))
        return True
    more = counts[0] > counts[1]
    if "flere" in asked or "farre" in asked:
        yes = more if "flere" in asked else not more
        key = "counting.compare_yes" if yes else "counting.compare_no"
    else:
        key = "counting.compare_counts"
    count_first, count_second = texts.count(counts[0]), texts.count(counts[1])
    reply.say(
        texts(key, first=first, second=second, count_first=count_first, count_second=count_second)
    )
    return True


def compare_places(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """«Hvem vant først av Molde og Kinn?» / «Har både Molde og Kinn vunnet?»: each
    municipality's wins, who won first, and (asked yes/no) whether all of them won."""
    places: list[Place] = []
    for place in request.places[:MAX_PLACES]:
        if all(p.municipality.number != place.municipality.number for p in places):
            places.append(place)
    if len(places) < 2:
        place_answers.place_won(view, texts, request, reply)
        return
    wins = {place_name(p): view.wins(p) for p in places}
    winners = {name: years for name, years in wins.items() if years}
    names = list(wins)
    if request.relation and not request.statement and len(winners) == 2 == len(names):
        # «Vant Moss før Tønsberg?»: yes or no on the order
        before = wins[names[0]][0] < wins[names[1]][0]
        reply.say(
            texts("counting.order_yes" if before == (request.relation < 0) else "counting.order_no")
        )
    elif not request.statement:
        key = "counting.all_won" if len(winners) == len(wins) else "counting.not_all_won"
        reply.say(texts(key + ("_two" if len(wins) == 2 else "")))
    if set(request.words) & MOST_WORDS and winners:  # «Hvem har vunnet flest ganger av …?»
        most = max(len(ys) for ys in winners.values())
        leaders = [name for name, ys in winners.items() if len(ys) == most]
        if len(leaders) == 1:
            key = "counting.won_most" if most > 1 else "counting.won_only"
            reply.say(texts(key, names=leaders[0], count=texts.count(most)))
        else:
            key = "counting.won_most_same" if most > 1 else "counting.won_most_once"
            reply.say(texts(key, names=texts.join(leaders), count=texts.count(most)))
    first = ""
    if len(winners) > 1:
        first = min(winners, key=lambda name: winners[name][0])
        year = winners[first][0]
        reply.say(texts("counting.first", place=first, label=view.label(year)), view.winner(year))
    for name, years in wins.items():
        if name == first and len(years) == 1:
            continue
        if years:
            reply.say(
                texts("counting.won", place=name, years=years_text(view, texts, years)),
                *[view.winner(y) for y in years],
            )
        else:
            reply.say(texts("counting.never_won", place=name))
    reply.years = sorted(y for years in winners.values() for y in years)


def winners_renominated(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """«Hvilke tidligere vinnere har senere blitt nominert på nytt?»: each winner nominated in
    a round after its (first) win, with both years."""
    items: list[str] = []
    names: list[str] = []
    for year in view.awarded:
        won = view.winner(year)
        if won is None or not view.known_by(year, request.now):
            continue
        name = won.value.municipality.name
        if name in names:
            continue
        later = [
            (y, f)
            for y, e, f in _nominations_of(view, won.value)
            if y > year and view.known_by(y, request.now)
        ]
        if later:
            names.append(name)
            labels = texts.join([view.label(y) for y, _ in later])
            items.append(
                texts("counting.renominated_item", name=name, won=view.label(year), later=labels)
            )
            reply.cite(won, *[f for _, f in later])
    if not items:
        reply.say(texts("counting.renominated_none"))
        return
    key = "counting.renominated" if len(items) > 1 else "counting.renominated_one"
    count = texts.count(len(items))  # first in the sentence: «Tre vinnere …»
    reply.say(texts(key, count=count[:1].upper() + count[1:], items=texts.join(items)))
    reply.municipality = names[0] if len(names) == 1 else None


def _nominations_of(view: History, entrant: Entrant) -> list[tuple[int, Entrant, Fact[Any]]]:
    """The rounds a winner's municipality was nominated in (any name it had then)."""
    found = []
    for year, record in view.years.items():
        if record.nominees is None:
            continue
        for other in record.nominees.value:
            if other.municipality.number == entrant.municipality.number:
                found.append((year, other, record.nominees))
                break
    return found


def no_prize_years(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """«Hvilket år ble det for første gang ikke delt ut noen pris?»: the prize years without a
    prize, first one first, each with its reason (and the rounds that were merged)."""
    empty = [
        y
        for y, r in view.years.items()
        if r.status == YearStatus.NO_PRIZE and y <= request.now.year
    ]
    merged = [y for y, r in view.years.items() if r.status == YearStatus.MERGED]
    if not empty and not merged:
        reply.say(texts("counting.no_prize_none"))
        return
    if empty:
        explained = all(
            (r := view.years[y]).explanation is not None and r.label in r.explanation.value
            for y in empty
        )
        if len(empty) > 1 or not explained:  # a lone explained year says it itself
            key = "counting.no_prize_one" if len(empty) == 1 else "counting.no_prize_many"
            reply.say(texts(key, first=view.label(empty[0]), years=years_text(view, texts, empty)))
        for year in empty:
            gap(view, texts, year, reply, nearby=False)
    for year in merged:
        if view.known_by(view.years[year].merged_into or year, request.now):
            gap(view, texts, year, reply, nearby=False)
    reply.years = empty or merged


def nominated_both(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """«Hvilke kommuner var nominert både i 2021 og 2023?»: the municipalities nominated in
    every year asked (one municipality named: its record for those years)."""
    years = target_years(view, request)
    if request.places:
        place_answers.place_nominated(view, texts, request, reply)
        return
    if len(years) < 2:
        nominee_answers.nominees(view, texts, request, reply)
        return
    reply.years = years
    labels = texts.join([view.label(y) for y in years])
    lists: list[Fact[tuple[Entrant, ...]]] = []
    unknown = []
    for year in years:
        record = view.get(year)
        if record is None or record.status in (YearStatus.NO_PRIZE, YearStatus.MERGED):
            gap(view, texts, year, reply, nearby=False)  # a later round, or none that year
            return
        if record.nominees is None:
            unknown.append(year)
            reply.cite(record.explanation, record.winner)
        else:
            lists.append(record.nominees)
    if unknown:
        reply.say(texts("counting.both_unknown", years=years_text(view, texts, unknown)))
        return
    common = [
        e.municipality.name
        for e in lists[0].value
        if all(any(o.municipality.number == e.municipality.number for o in f.value) for f in lists)
    ]
    common = list(dict.fromkeys(common))
    if common:
        reply.say(texts("counting.both", labels=labels, names=texts.join(common)), *lists)
        if len(common) == 1:
            reply.municipality = common[0]
    else:
        reply.say(texts("counting.both_none", labels=labels), *lists)


def name_eras(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """The last winner under each earlier name of the prize and the first under the next
    (``names`` in prize.yaml)."""
    eras = sorted(view.kb.prize.names, key=lambda e: e.from_year)
    known = [y for y in view.awarded if view.known_by(y, request.now)]
    said = False
    for old, new in pairwise(eras):
        last = [y for y in known if old.to_year is not None and old.from_year <= y <= old.to_year]
        if last:
            won = view.winner(last[-1])
            assert won is not None
            reply.say(
                texts(
                    "counting.last_under",
                    name=old.fact.value,
                    winner=entrant_name(texts, won.value),
                    label=view.label(last[-1]),
                ),
                old,
                won,
            )
            said = True
        first = [y for y in known if y >= new.from_year]
        if first:
            won = view.winner(first[0])
            assert won is not None
            reply.say(
                texts(
                    "counting.first_under",
                    name=new.fact.value,
                    winner=entrant_name(texts, won.value),
                    label=view.label(first[0]),
                ),
                new,
                won,
            )
            said = True
    if not said:
        reply.say(texts("gap.no_info"))


def county_of(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """«Hvilket fylke ligger Sunndal i?»: the municipality's county (2024), from the register."""
    if not request.places:
        reply.say(texts("place.need_place"))
        return
    place = request.places[0]
    reply.municipality = place.name
    county = county_of_time(request, place.municipality)  # the county of the clock's time
    key = "counting.county_of" if county is not None else "counting.county_of_before"
    county = county or place.municipality.county
    reply.say(texts(key, place=place_name(place), county=county))
    reply.cite(Fact(None, (register_source(texts),)))
    reply.followups.append(FollowUp(texts("followup.county"), f"vinnere i {county}"))


def regions_won(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """«Hvilken landsdel har flest vinnere?»: wins per region (the non-overlapping regions of
    ``knowledge/regions.yaml``), most first."""
    ranked_regions = [r for r in request.regions if r.rank]
    by_region: dict[str, list[tuple[int, str]]] = {r.name: [] for r in ranked_regions}
    for year in view.awarded:
        won = view.winner(year)
        if won is None:
            continue
        for region in ranked_regions:
            if won.value.municipality.county in region.counties:
                by_region[region.name].append((year, entrant_name(texts, won.value)))
                reply.cite(won)
    if not any(by_region.values()):
        reply.say(texts("gap.no_info"))
        return
    ranked = sorted(by_region.items(), key=lambda item: -len(item[1]))
    say_ranked_wins(view, texts, ranked, texts("counting.by_region_among"), reply)
    reply.cite(Fact(None, (register_source(texts),)))
    reply.followups.append(FollowUp(texts("followup.map"), "", FollowUpAction.MAP))
