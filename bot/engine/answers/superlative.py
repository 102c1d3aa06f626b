"""Yes/no about a superlative for one municipality: «Er det Trondheim som har vunnet flest
ganger?», «Var det Levanger som vant først?», «Er Bergen den som har vært nominert oftest?».
The answer is about the superlative (who has most / was first / was last), never the plain
«has X won», so «Ja» is said only when the municipality is the one asked about."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from bot.engine.history import History
from bot.engine.places import Place
from bot.engine.texts import Texts
from bot.knowledge.models import Fact

from .common import entrant_name, years_text
from .prize import repeat_winners
from .reply import MOST_WORDS, Reply, Request
from .winners import first_winner, latest_winner

FIRST_WORDS = frozenset({"forst", "forste"})
LAST_WORDS = frozenset({"sist", "siste"})
VOTE_WORDS = frozenset({"stemme", "antall"})
"""Canonical words of the public vote and its count («flest stemmer» reads «antall»): who got
most votes is not known, so no «Ja»/«Nei» about it."""
OWN_ROUND_WORD = "nominert"
"""«Vant Asker første gang de var nominert?»: a round of the municipality's own, not the
prize's first or last."""

Record = Callable[[History, Texts, Request, Reply], None]
"""The municipality's own record, said as a statement (no «Ja,»/«Nei,»)."""


def nomination_counts(
    view: History, texts: Texts, *, unwon: bool
) -> tuple[dict[str, list[int]], list[Fact[Any]]]:
    """Each nominated entrant's name → its nomination years (a city district counts as
    itself), and the nominee facts counted; ``unwon`` leaves out every municipality that won."""
    winners = {w.value.municipality.name for y in view.awarded if (w := view.winner(y))}
    counted: dict[str, list[int]] = {}
    facts: list[Fact[Any]] = []
    for year, record in view.years.items():
        if record.nominees is None:
            continue
        for entrant in record.nominees.value:
            if unwon and entrant.municipality.name in winners:
                continue
            name = entrant_name(texts, entrant) if entrant.district else entrant.municipality.name
            years = counted.setdefault(name, [])
            if year not in years:
                years.append(year)
        facts.append(record.nominees)
    return counted, facts


def _kind(request: Request) -> str:
    """Which superlative a yes/no question about one municipality asks, or ""."""
    asked = set(request.words)
    if not request.statement and len(request.places) == 1 and asked & VOTE_WORDS:
        return "votes"  # in any round («Fikk Lørenskog flest stemmer i 2021?»)
    if request.statement or request.years or request.relation or len(request.places) != 1:
        return ""
    if asked & MOST_WORDS:
        return "most"
    if OWN_ROUND_WORD in asked:
        return ""
    if asked & FIRST_WORDS:
        return "first"
    if asked & LAST_WORDS:
        return "last"
    return ""


def answer(
    view: History,
    texts: Texts,
    request: Request,
    reply: Reply,
    *,
    won: bool,
    unwon: bool,
    record: Record,
) -> bool:
    """Answer a yes/no question about a superlative for ``request.places[0]``; False when the
    question asks none (the caller answers it as usual)."""
    kind = _kind(request)
    if not kind or (not won and kind != "most"):
        return False
    place = request.places[0]
    if kind == "votes":  # «Var det Tønsberg som fikk flest stemmer?»: not known, then the record
        reply.say(texts("superlative.votes_unknown", place=place.name))
        record(view, texts, replace(request, statement=True), reply)
        return True
    sub = Reply(now=reply.now)
    if won and kind == "most":
        wins = _wins(view)
        top = max((len(ys) for ys in wins.values()), default=0)
        yes = top > 1 and len(wins.get(place.name, [])) == top
        repeat_winners(view, texts, request, sub)
    elif won:
        (first_winner if kind == "first" else latest_winner)(view, texts, request, sub)
        year = sub.years[0] if sub.years else None
        winner = view.winner(year) if year is not None else None
        yes = winner is not None and view.matches(winner.value, place)
    else:
        yes = _nominated_most(view, texts, place, sub, unwon=unwon)
    if not sub.parts:
        return False
    first, *rest = sub.parts
    reply.say(texts("superlative.lead_yes" if yes else "superlative.lead_no", text=first))
    reply.parts.extend(rest)
    reply.sources.extend(s for s in sub.sources if s not in reply.sources)
    reply.followups.extend(sub.followups)
    reply.years = sub.years
    reply.municipality = sub.municipality
    if not yes:  # the municipality's own record after the answer
        record(view, texts, replace(request, statement=True), reply)
    return True


def _wins(view: History) -> dict[str, list[int]]:
    """Today's municipality name → the rounds it won."""
    found: dict[str, list[int]] = {}
    for year in view.awarded:
        won = view.winner(year)
        if won is not None:
            found.setdefault(won.value.municipality.name, []).append(year)
    return found


def _nominated_most(view: History, texts: Texts, place: Place, sub: Reply, *, unwon: bool) -> bool:
    """The most nominated (``counting.most_lead``) into ``sub``; True when ``place`` leads."""
    counted, facts = nomination_counts(view, texts, unwon=unwon)
    if not counted:
        return False
    top = max(len(ys) for ys in counted.values())
    leaders = sorted(
        (n for n, ys in counted.items() if len(ys) == top), key=lambda n: (counted[n][0], n)
    )
    suffix = "_unwon" if unwon else ""
    if len(leaders) == 1:
        lead = texts(
            "counting.most_lead" + suffix,
            names=leaders[0],
            count=texts.count(top),
            years=years_text(view, texts, counted[leaders[0]]),
        )
    else:
        lead = texts(
            "counting.most_lead_shared" + suffix, names=texts.join(leaders), count=texts.count(top)
        )
    sub.say(lead, *facts)
    return place.name in leaders
