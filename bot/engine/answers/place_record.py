"""A municipality's record in sentences: its wins, nominations and award days, under the
name it had then («som Molde»), or that it was never nominated."""

from __future__ import annotations

from bot.engine.history import History
from bot.engine.places import Place
from bot.engine.texts import Texts
from bot.knowledge.models import Entrant, Fact

from .common import place_name, years_text
from .reply import MAX_YEARS, Reply, Request

COUNT_WORD = "mange"
"""The canonical word of «hvor mange (ganger)»: the answer says the count, also when it is one."""


def _nominated_years(
    view: History,
    texts: Texts,
    name: str,
    nominated: list[tuple[int, Entrant, Fact[tuple[Entrant, ...]]]],
    request: Request,
    *,
    yes: bool = False,
    named: bool = False,
    wins: tuple[int, ...] = (),
) -> str:
    """«Asker var nominert tre ganger, for 2018, 2019/2020 og 2021.» (the count answers «hvor
    mange ganger»; one nomination is said without it). A round still under way at the clock
    comes first, in the present: «Ja, Harstad er nominert for 2023. Harstad var også …»."""
    current = [n for n in nominated if not view.known_by(n[0], request.now)]
    past = [n for n in nominated if n not in current and n[0] not in wins]  # a win is said apart
    if current:
        key = "place.nominated_now_yes" if yes else "place.nominated_now"
        text = texts(key, place=name, years=_as_named(view, texts, current, name))
        if COUNT_WORD in request.words:  # «… for 2021, for tredje gang.»
            text = texts(
                "place.nominated_now_count",
                place=name,
                years=_as_named(view, texts, current, name),
                ordinal=texts.ordinal(len(nominated)),
            )
        if past:
            also = texts("place.nominated_before", years=_as_named(view, texts, past, name))
            text = f"{text} {also}"
        return text
    key = "place.nominated_years" if len(nominated) > 1 else "place.nominated_once"
    if len(nominated) == 1 and COUNT_WORD in request.words:  # «Hvor mange ganger …?»: «én gang»
        key = "place.nominated_once_count"
        named = yes = False
    if named:  # the sentence before named it («Tynset har ikke vunnet …»): «Kommunen var …»
        key += "_named"
    elif yes:  # «Har Drammen vært nominert?»: «Ja, Drammen har vært nominert tre ganger …»
        key += "_yes"
    years = _as_named(view, texts, nominated, name)
    return texts(key, place=name, years=years, count=texts.count(len(nominated)))


def _also_nominated(
    view: History,
    texts: Texts,
    name: str,
    others: list[tuple[int, Entrant, Fact[tuple[Entrant, ...]]]],
    request: Request,
) -> str:
    """«Molde var også nominert for 2009.» after its wins; a round under way is said in the
    present: «Molde er nominert igjen for 2023.»."""
    current = [n for n in others if not view.known_by(n[0], request.now)]
    past = [n for n in others if n not in current]
    if past and current:  # one sentence, «Kommunen» once
        return texts(
            "place.also_nominated_and_again",
            place=name,
            years=_as_named(view, texts, past, name),
            now=_as_named(view, texts, current, name),
        )
    parts = []
    if past:
        parts.append(
            texts("place.also_nominated", place=name, years=_as_named(view, texts, past, name))
        )
    if current:
        parts.append(
            texts("place.nominated_again", place=name, years=_as_named(view, texts, current, name))
        )
    return " ".join(parts)


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
    districts = []  # a city district is not an earlier name of its municipality (review 4, A11)
    if place.entrant is None:
        districts = [n for n in nominated if n[1].district]
        nominated = [n for n in nominated if not n[1].district]
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
        # a winner was nominated the year it won, also when that round's list is unknown
        rounds_in = _with_wins(view, nominated, wins)
        if rounds_in and all(y in wins for y, _, _ in rounds_in):
            # only the winning round(s): one sentence («… var nominert for 2008 og vant»)
            if COUNT_WORD in request.words and len(wins) == 1:  # «Hvor mange ganger …?»
                key = "place.nominated_only_won_count"
            elif statement:
                key = "place.nominated_only_won"
            else:
                key = "place.nominated_only_won_" + ("repeat" if request.repeat else "yes")
            years = years_text(view, texts, wins)
            reply.say(texts(key, place=name, years=years), *win_facts)
        elif rounds_in:  # in a round under way, the win follows on its own
            said = _nominated_years(
                view, texts, name, rounds_in, request, yes=not statement, wins=tuple(wins)
            )
            reply.say(said, *[f for _, _, f in rounds_in])
        else:
            reply.say(_never_nominated(texts, name, window))
        if wins and not all(y in wins for y, _, _ in _with_wins(view, nominated, wins)):
            also_won = "place.also_won_yes" if nominated and not statement else "place.also_won"
            reply.say(
                texts(also_won, place=name, years=years_text(view, texts, wins)),
                *win_facts,
            )
    else:
        if wins:
            reply.say(won_text, *win_facts)
            if ago:  # «Hvor mange år er det siden Molde vant?»
                years_ago = texts.count(max(request.now.year - wins[-1], 0), neuter=True)
                reply.say(texts("place.ago", ago=years_ago))
            elif "nar" in request.words:  # «Når fikk Tønsberg prisen?»: the day it was handed out
                _award_days(view, texts, wins, request, reply)
        elif window:
            reply.say(texts(prefix + "never_won_window", place=name, window=window))
        else:
            reply.say(texts(prefix + "never_won", place=name))
        if others:
            also = _also_nominated(view, texts, name, others, request)
            reply.say(
                also if wins else _nominated_years(view, texts, name, others, request, named=True),
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
            _nominated_years(view, texts, name, all_nominated, request),
            *[f for _, _, f in all_nominated],
        )
    if districts:  # «Bydelene Sagene (2009) og Grünerløkka (2025) har også vært nominert.»
        items = texts.join(
            [
                texts("place.district_item", name=e.name, label=view.label(y))
                for y, e, _ in districts
            ]
        )
        key = "place.districts" if len(districts) > 1 else "place.district"
        reply.say(
            texts(key + ("_too" if nominated or wins else ""), items=items),
            *[f for _, _, f in districts],
        )
    if not reply.years:  # a win outside the window is still what «den»/«prisen» points to next
        reply.years = wins or all_wins or [y for y, _, _ in others]
    return wins


def _with_wins(
    view: History,
    nominated: list[tuple[int, Entrant, Fact[tuple[Entrant, ...]]]],
    wins: list[int],
) -> list[tuple[int, Entrant, Fact[tuple[Entrant, ...]]]]:
    """The rounds a municipality took part in: its nominations and the rounds it won (whose
    nominee list may be unknown), in order."""
    found = {y: (y, e, f) for y, e, f in nominated}
    for year in wins:
        won = view.winner(year)
        if year not in found and won is not None:
            found[year] = (year, won.value, Fact((won.value,), won.sources))
    return [found[y] for y in sorted(found)]


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
