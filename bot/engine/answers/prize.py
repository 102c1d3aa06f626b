"""The prize itself: organiser, purpose, directors, criteria, how the winner is chosen, its
names, money, and counts over all rounds."""

from __future__ import annotations

from bot.engine.history import History
from bot.engine.texts import Texts
from bot.engine.types import FollowUp, FollowUpAction
from bot.knowledge.models import Entrant, Era, Fact, YearStatus
from bot.knowledge.view import nominees_announced

from .common import as_of, rounds, target_years, topic, years_text
from .reply import Reply, Request


def organiser(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """Who runs the prize and what IMDi stands for."""
    prize = view.kb.prize
    text = prize.organiser.value
    key = "organiser.named" if prize.organiser_full in text else "organiser.text"
    reply.say(texts(key, text=text, full=prize.organiser_full), prize.organiser)


def purpose(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """What the prize is, and who awards it."""
    topic(view, texts, request, reply)
    prize = view.kb.prize
    reply.say(
        texts("purpose.organiser", short=prize.organiser_short, full=prize.organiser_full),
        prize.organiser,
    )


def directors(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """IMDi's directors over time (the jury was led by the director in early years)."""
    eras = view.kb.prize.directors
    if not eras:
        reply.say(texts("gap.no_info"))
        return
    years = target_years(view, request)
    if not years and request.places:  # «… da Bærum vant»: the year it won
        years = view.wins(request.places[0])
    if years:
        last = view.awarded[-1] if view.awarded else view.first_year
        chosen = [e for e in eras if any(_covers(e, y) and y <= last for y in years)]
        if chosen:  # who it was first, as a sentence (issue 13, M14), then what is known
            acting = [e for e in chosen if e.to_year == e.from_year and len(chosen) > 1]
            leaders = [e.name for e in chosen if e.name and e not in acting]
            labels = years_text(view, texts, years)
            if leaders:
                key = "directors.year_now" if max(years) >= request.now.year else "directors.year"
                reply.say(texts(key, names=texts.join(leaders), labels=labels))
            else:
                reply.say(texts("directors.year_unnamed", labels=labels))
            for era in chosen:
                text, name = as_of(texts, era.fact.value, request.now), era.name or ""
                if leaders == [name] and era.pronoun and text.startswith(f"{name} "):
                    text = era.pronoun + text[len(name) :]  # named just before
                reply.say(text, era)
            return
    current = _current(eras, request.now.year)
    if current is None or current.name is None:
        reply.say(texts("directors.intro"))
        for era in eras:
            if era.from_year <= request.now.year:
                reply.say(as_of(texts, era.fact.value, request.now), era)
        return
    # who it is now first, then the earlier ones in one sentence, then any acting spell
    reply.say(texts("directors.current", name=current.name), current)
    text = as_of(texts, current.fact.value, request.now)
    if current.pronoun and text.startswith(current.name + " "):  # named just before
        text = current.pronoun + text[len(current.name) :]
    reply.say(text, current)
    seen = [e for e in eras if e is not current and e.from_year <= request.now.year]
    before = [e for e in seen if e.from_year < current.from_year and e.name is not None]
    if before:
        items = [
            texts("directors.item", name=e.name, from_year=e.from_year, to_year=e.to_year)
            for e in sorted(before, key=lambda e: -e.from_year)
        ]
        reply.say(texts("directors.before", items=texts.join(items)), *before)
    for era in seen:
        if era not in before:  # an acting director inside the current one's time
            reply.say(as_of(texts, era.fact.value, request.now), era)


def criteria(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """What the prize rewards: the year asked, else the latest round whose criteria are known
    (in the tense of the clock), then the later rounds whose criteria are not known."""
    eras = view.kb.prize.criteria
    if _per_year(view, texts, request, reply, "criteria", eras, "criteria", era_heading=True):
        return
    known = [
        year
        for year, record in view.years.items()
        if year <= request.now.year and record.criteria is not None and not record.criteria_general
    ]
    if known:
        latest = known[-1]
        _criteria_of(view, texts, request, reply, latest)
        later = [
            year
            for year, record in view.years.items()
            if latest < year <= request.now.year
            and record.criteria is None
            and record.status not in (YearStatus.NO_PRIZE, YearStatus.MERGED)
        ]
        if later:
            reply.say(texts("criteria.unknown_later", labels=years_text(view, texts, later)))
        return
    era = _era(eras, None)
    if era is None:
        topic(view, texts, Request("purpose", request.now), reply)
        return
    reply.say(_era_text(texts, era, request.now.year), era)


def _criteria_of(view: History, texts: Texts, request: Request, reply: Reply, year: int) -> None:
    """A round's own criteria: the present form while it is under way, the past one after."""
    record = view.years[year]
    own = record.criteria
    assert own is not None
    undecided = not view.known_by(year, request.now)
    if record.criteria_general:
        key = "criteria.general_now" if undecided else "criteria.general"
        reply.say(texts(key, label=record.label, text=own.value), own)
        return
    text = record.criteria_now if undecided and record.criteria_now else own.value
    reply.say(texts("criteria.year", label=record.label, text=text), own)


def how_chosen(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """How the winner is chosen (by year, or the overview)."""
    eras = view.kb.prize.selection
    if _per_year(view, texts, request, reply, "decision", eras, "how_chosen", era_heading=False):
        return
    topic(view, texts, Request("how_chosen", request.now), reply)
    under_way = [  # the overview is told in the past; the round under way in its own tense
        r
        for r in view.years.values()
        if r.decision_now and r.year <= request.now.year and not view.known_by(r.year, request.now)
    ]
    if under_way:
        record = under_way[-1]
        reply.say(texts("how_chosen.own", text=record.decision_now))
        reply.cite(Fact(None, record.decision_now_sources))


def prize_names(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """The prize's Norwegian names over time."""
    items = []
    for era in view.kb.prize.names:
        key = "names.item_since" if era.to_year is None else "names.item_span"
        items.append(texts(key, name=era.fact.value, from_year=era.from_year, to_year=era.to_year))
        reply.cite(era)
    if items:
        reply.parts.append(texts("names.text", items=texts.join(items)))


def prize_money(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """Prize money: unknown unless the curators add it as a topic."""
    fact = view.kb.prize.topics.get("prize_money")
    if fact is not None:
        reply.say(fact.value, fact)
    else:
        reply.say(texts("prize_money.text"))


def count(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """How many winners are known (the number first, in words), the place in the row of an
    award still to come, and the past rounds whose outcome is unknown."""
    known = [
        (year, won)
        for year in view.awarded
        if view.known_by(year, request.now) and (won := view.winner(year)) is not None
    ]
    gaps = [y for y in view.unknown_years() if y < request.now.year]
    if known:
        towns = len({won.value.municipality.name for _, won in known})
        reply.say(
            texts(
                "count.known_each" if towns == len(known) else "count.known",
                rounds=len(known),
                municipalities=texts.count(towns),
                first=view.label(known[0][0]),
                last=view.label(known[-1][0]),
            ),
            *[won for _, won in known],
        )
    upcoming = [
        (year, record.award_date)
        for year, record in view.years.items()
        if record.award_date is not None
        and record.nominees is not None
        and nominees_announced(record, request.now)
        and not view.known_by(year, request.now)
    ]
    if upcoming and not gaps:
        when = upcoming[0][1]
        reply.say(
            texts(
                "count.next",
                date=texts.date(when.value, with_year=False, now=request.now),
                ordinal=texts.ordinal(len(known) + 1),
            ),
            when,
        )
    if gaps:
        reply.say(texts("count.unknown", years=years_text(view, texts, gaps)))


def nominated_count(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """How many municipalities have been nominated, counting only years with known nominees."""
    by_year: dict[int, Fact[tuple[Entrant, ...]]] = {
        y: r.nominees for y, r in view.years.items() if r.nominees is not None
    }
    if not by_year:
        reply.say(texts("gap.no_info"))
        return
    known = list(by_year)
    facts = list(by_year.values())
    towns = {e.municipality.name for fact in facts for e in fact.value}
    won = set(_winners_by_municipality(view))
    missing = [y for y in view.awarded if y not in by_year]
    reply.say(
        texts(
            "nominated_count.text",
            municipalities=len(towns),
            rounds=texts.count(len(known)),
            years=years_text(view, texts, known),
            winners=texts.count(len(won & towns)),
        ),
        *facts,
    )
    if missing:
        reply.say(texts("nominated_count.missing", years=years_text(view, texts, missing)))
    reply.followups.append(FollowUp(texts("followup.map"), "", FollowUpAction.MAP))


def repeat_winners(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """Municipalities that won more than once (none, so far)."""
    wins = _winners_by_municipality(view)
    repeated = {name: years for name, years in wins.items() if len(years) > 1}
    facts = [view.winner(y) for years in wins.values() for y in years]
    if not repeated:
        reply.say(texts("repeat_winners.none"), *facts)
        return
    items = [
        texts("county.item", name=name, labels=years_text(view, texts, years))
        for name, years in repeated.items()
    ]
    reply.say(texts("repeat_winners.list", items=texts.join(items)), *facts)


def _winners_by_municipality(view: History) -> dict[str, list[int]]:
    """Today's municipality name → the rounds it won (a merged year counts once)."""
    found: dict[str, list[int]] = {}
    for year in view.awarded:
        won = view.winner(year)
        if won is not None:
            found.setdefault(won.value.municipality.name, []).append(year)
    return found


def _per_year(
    view: History,
    texts: Texts,
    request: Request,
    reply: Reply,
    attribute: str,
    eras: tuple[Era[str], ...],
    prefix: str,
    *,
    era_heading: bool,
) -> bool:
    """Answer a year's own fact (``attribute``), else the era covering it, headed by the
    era («Kriterier 2023–2024: …») or by the year; False when no year was asked."""
    years = target_years(view, request)
    if not years:
        return False
    for year, record in rounds(view, texts, years, reply):
        own = getattr(record, attribute)
        if own is not None and attribute == "criteria":
            _criteria_of(view, texts, request, reply, year)
            continue
        undecided = not view.known_by(year, request.now)  # the round is under way
        now_form = record.decision_now if attribute == "decision" and undecided else None
        if now_form is not None:  # the year's own texts name their round, in their tense
            reply.say(texts(f"{prefix}.own", text=now_form))
            reply.cite(Fact(None, record.decision_now_sources))
            continue
        if own is not None:
            reply.say(texts(f"{prefix}.own", text=own.value), own)
            continue
        era = _era(eras, year)
        if era is None:
            undecided = not view.known_by(year, request.now)
            key = f"{prefix}.unknown_year_now" if undecided else f"{prefix}.unknown_year"
            reply.say(texts(key, label=record.label))
            if record.reasoning is not None and record.winner is not None:
                winner = record.winner.value.name
                reply.followups.append(
                    FollowUp(
                        texts("followup.reasoning_of", winner=winner), f"begrunnelse {record.year}"
                    )
                )
            continue
        text = (
            _era_text(texts, era, request.now.year)
            if era_heading
            else texts(f"{prefix}.year", label=record.label, text=era.fact.value)
        )
        reply.say(text, era)
    reply.years = years
    return True


def _current(eras: tuple[Era[str], ...], year: int) -> Era[str] | None:
    """The era covering ``year``: one without an end first (an acting spell inside it is not
    «now»), else the one that started last."""
    covering = [e for e in eras if _covers(e, year)]
    if not covering:
        return None
    return max(covering, key=lambda e: (e.to_year is None, e.from_year))


def _covers(era: Era[str], year: int) -> bool:
    return era.from_year <= year and (era.to_year is None or year <= era.to_year)


def _era(eras: tuple[Era[str], ...], year: int | None) -> Era[str] | None:
    """The era covering ``year`` (the latest one when ``year`` is None)."""
    if not eras:
        return None
    if year is None:
        return max(eras, key=lambda e: e.from_year)
    for era in eras:
        if _covers(era, year):
            return era
    return None


def _era_text(texts: Texts, era: Era[str], year: int) -> str:
    """The era's criteria, in the present while it runs (``year`` is now) and past after."""
    if era.to_year is None:
        return texts("criteria.era", from_year=era.from_year, text=era.fact.value)
    tense = "now" if era.to_year >= year else "past"
    last = min(era.to_year, max(year, era.from_year))  # a round not begun is not named yet
    if era.from_year == last:
        return texts(f"criteria.era_one_{tense}", label=era.from_year, text=era.fact.value)
    return texts(
        f"criteria.era_span_{tense}",
        from_year=era.from_year,
        to_year=last,
        text=era.fact.value,
    )
