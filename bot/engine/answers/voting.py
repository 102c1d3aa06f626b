"""The public vote: is it open, when it opens and closes, and how to vote."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from bot.engine.history import History
from bot.engine.texts import Texts
from bot.engine.types import FollowUp, FollowUpAction
from bot.knowledge.models import Fact, Moment, PrizeYear, VoteWindow, YearStatus
from bot.knowledge.view import VoteState, award_at, vote_state

from .common import gap, rounds, target_years, topic
from .reply import MAX_YEARS, Reply, Request


def vote_status(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """Is a vote open now? Otherwise the next or the last known window."""
    _status(view, texts, request, reply, when=False)


def _status(view: History, texts: Texts, request: Request, reply: Reply, *, when: bool) -> None:
    """``when`` (a «når …?» question) leads with the date instead of «Ja»/«Nei»."""
    now = request.now
    if request.years:
        vote_when(view, texts, request, reply)
        return
    prefix = "vote.when_" if when else "vote."
    subscribe = FollowUp(texts("followup.subscribe"), "", FollowUpAction.SUBSCRIBE)
    current = _open_now(view, now)
    if current is not None:
        record, window = current
        if window.closes is not None:
            key = "open"
            if when and request.focus == "open" and window.opens is not None:
                key = "open_opened"
            reply.say(
                texts(
                    prefix + key,
                    label=record.label,
                    closes=texts.date(window.closes.value, now=now),
                    opens=texts.date(window.opens.value, now=now) if window.opens else "",
                ),
                window.opens,
                window.closes,
            )
        else:
            reply.say(texts(prefix + "open_no_close", label=record.label), window.opens)
        _how(texts, window, reply)
        reply.years = [record.year]
        reply.followups.append(subscribe)
        return
    closing = _in_state(view, now, VoteState.CLOSES_LATER)
    if closing is not None and closing.vote.closes is not None:
        _closes_later(texts, prefix + "closes_later", closing, now, reply)
        _how(texts, closing.vote, reply, future=True)
        reply.years = [closing.year]
        reply.followups.append(subscribe)
        return
    upcoming = _upcoming(view, now)
    if upcoming is not None:
        record, opens = upcoming
        reply.say(
            texts(prefix + "upcoming", label=record.label, opens=texts.date(opens.value, now=now)),
            opens,
        )
        reply.years = [record.year]
        reply.followups.append(subscribe)
        return
    last = _last_closed(view, now)
    if when and last is not None and last[1].closes is not None:  # «Når stenger …?»: the date
        record, window = last
        assert window.closes is not None
        if window.opens is not None:
            _span(texts, record, window.opens, window.closes, request, reply)
        else:
            closes = texts.date(window.closes.value, now=now)
            reply.say(texts("vote.closes_text", label=record.label, closes=closes), window.closes)
        reply.say(texts(prefix + "none_open"))
        reply.years = [record.year]
        if winner_pending(texts, record, now, reply):
            return
    elif last is not None:
        reply.say(texts(prefix + "none_open"))
        record, window = last
        reply.say(
            _last_known(texts, record, window, now), window.opens, window.closes, window.description
        )
        reply.years = [record.year]
        if winner_pending(texts, record, now, reply):  # between the close and the award
            return
    else:
        reply.say(texts(prefix + "none_open"))
    reply.say(texts("vote.next_unknown"))
    reply.say(texts("vote.subscribe_hint"))
    reply.followups.append(subscribe)


def public_vote(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """Which rounds had a public vote, by the clock (past rounds in the past, the round under
    way in the present, a coming opening in the future), then the prize's ``public_vote``
    topic (what the votes counted for)."""
    rounds_ = [r for r in view.years.values() if r.vote.public is not None and r.vote.public.value]
    past = [
        r
        for r in rounds_
        if vote_state(r, request.now) in (VoteState.CLOSED, VoteState.NONE)
        and (vote_state(r, request.now) is VoteState.CLOSED or view.known_by(r.year, request.now))
    ]
    if past:
        first = past[0]
        reply.say(texts("vote.rounds_first", label=first.label), first.vote.public)
        others = past[1:]
        if others:
            labels = texts.join([r.label for r in others])
            reply.say(texts("vote.rounds_also", labels=labels), *(r.vote.public for r in others))
    current = _open_now(view, request.now) or _closing_window(view, request.now)
    upcoming = _upcoming(view, request.now)
    if current is not None:
        record, window = current
        state = vote_state(record, request.now)
        if window.closes is not None:
            closes = texts.date(window.closes.value, now=request.now)
            key = "vote.rounds_open" if state is VoteState.OPEN else "vote.closes_later"
            reply.say(texts(key, label=record.label, closes=closes), window.closes)
        else:
            reply.say(texts("vote.rounds_open_no_close", label=record.label), window.public)
        _how(texts, window, reply, future=state is not VoteState.OPEN)
        reply.years = [record.year]
    elif upcoming is not None:
        record, opens = upcoming
        day = texts.date(opens.value, now=request.now)
        reply.say(texts("vote.rounds_upcoming", label=record.label, opens=day), opens)
        reply.years = [record.year]
    topic(view, texts, request, reply)


def winner_pending(texts: Texts, record: PrizeYear, now: datetime, reply: Reply) -> bool:
    """«Vinneren for 2023 kåres mandag 30. oktober.» when ``record``'s winner is still to be
    announced on a known day; False (nothing said) otherwise."""
    announced = award_at(record)
    if record.winner is not None or announced is None or announced <= now:
        return False
    date = record.award_date
    assert date is not None
    reply.say(
        texts("vote.winner_pending", label=record.label, date=texts.date(date.value, now=now)), date
    )
    return True


def vote_when(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """When voting opens/closes, for a year or the current/last window."""
    years = target_years(view, request)
    if not years:
        _status(view, texts, request, reply, when=True)
        return
    reply.years = years
    for year in years[:MAX_YEARS]:
        record = view.get(year)
        if (
            record is None
            or record.status in (YearStatus.NO_PRIZE, YearStatus.MERGED)
            or year < view.first_year
        ):
            gap(view, texts, year, reply, nearby=False)
            continue
        _window_of(view, texts, record, request, reply)


def _window_of(
    view: History, texts: Texts, record: PrizeYear, request: Request, reply: Reply
) -> None:
    """One round's voting window, the asked end first. A yes/no question about a round that
    is over («Var det avstemning i 2022?») gets «Ja, …»/«Nei, …» and how people voted first,
    then the known dates, then what is not known."""
    window = record.vote
    yes_no = not request.statement
    if window.public is not None and window.public.value is False:
        _no_public(texts, record, reply, answer=yes_no)
        return
    state = vote_state(record, request.now)
    over = state is VoteState.CLOSED or (
        state is VoteState.NONE and view.known_by(record.year, request.now)
    )
    public = window.public is not None and window.public.value
    if yes_no and public and not over and state is not VoteState.NONE:  # under way or coming
        key = "vote.yes_future" if state is VoteState.UPCOMING else "vote.yes_now"
        reply.say(texts(key, label=record.label), window.public)
    if yes_no and over and public:
        _yes_how(texts, record, reply)
        if window.opens is None or window.closes is None:  # the known end before the unknown
            request = replace(request, focus="close")
    if window.opens is None and window.closes is None and window.description is None:
        pending = record.winner is None and record.year >= request.now.year
        key = "vote.unknown_future" if pending else "vote.unknown"
        reply.say(texts(key, label=record.label), window.public)
        return
    if window.opens is not None and window.closes is not None:
        _span(texts, record, window.opens, window.closes, request, reply)
        return
    opening = Reply()
    state = vote_state(record, request.now)
    if window.opens is not None:
        future = state is VoteState.UPCOMING
        key = "vote.opens_future" if future else "vote.opens_text"
        opening.say(
            texts(key, label=record.label, opens=texts.date(window.opens.value, now=request.now)),
            window.opens,
        )
    elif window.description is not None:
        opening.say(window.description.value, window.description)
    else:
        opening.say(texts("vote.opens_unknown", label=record.label))
    closing = Reply()
    if window.closes is not None:
        future = state is not VoteState.CLOSED
        key = "vote.closes_future" if future else "vote.closes_text"
        closing.say(
            texts(key, label=record.label, closes=texts.date(window.closes.value, now=request.now)),
            window.closes,
        )
    elif window.description is None:
        closing.say(texts("vote.closes_unknown", label=record.label))
    parts: tuple[Reply, ...] = (opening,)
    if closing.parts:
        parts = (closing, opening) if request.focus == "close" else (opening, closing)
    for part in parts:
        reply.parts.extend(part.parts)
        reply.cite(Fact(None, tuple(part.sources)))


def _span(
    texts: Texts,
    record: PrizeYear,
    opens: Fact[Moment],
    closes: Fact[Moment],
    request: Request,
    reply: Reply,
) -> None:
    """One sentence for a window with both ends known, the asked end first."""
    state = vote_state(record, request.now)
    tense = {VoteState.UPCOMING: "future", VoteState.OPEN: "now"}.get(state, "past")
    same_year = opens.value.day.year == closes.value.day.year
    reply.say(
        texts(
            f"vote.span_{request.focus}_{tense}",
            label=record.label,
            opens=texts.date(opens.value, with_year=not same_year, now=request.now),
            closes=texts.date(closes.value, now=request.now),
        ),
        opens,
        closes,
    )


def vote_how(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """How and where to vote: the open (or next) window, else how the last ones went."""
    years = target_years(view, request)
    current = (
        _open_now(view, request.now)
        or _closing_window(view, request.now)
        or _upcoming_window(view, request.now)
    )
    if years and not (current is not None and years == [current[0].year]):
        reply.years = years
        for _year, record in rounds(view, texts, years, reply):
            window = record.vote
            if window.public is not None and window.public.value is False:
                _no_public(texts, record, reply)
            elif window.how is not None:
                if window.limit is not None:
                    line = texts(
                        "vote.how_line_limit",
                        label=record.label,
                        text=window.how.value,
                        limit=window.limit.value,
                    )
                else:
                    line = texts("vote.how_line", label=record.label, text=window.how.value)
                reply.say(line, window.how, window.limit)
                if window.url is not None:
                    reply.say(texts("vote.url_past", url=window.url.value), window.url)
            else:
                reply.say(texts("vote.unknown", label=record.label), window.public)
        return
    start = len(reply.parts)  # «Kan jeg stemme flere ganger?»: that answer goes here, first
    if current is not None:
        _when_current(texts, current[0], request, reply)
    if current is None and _awaiting_winner(view, texts, request, reply, start):
        pass
    elif current is not None and _how(texts, current[1], reply, future=_ahead(current[0], request)):
        if _asks_times(texts, request) and current[1].limit is None:
            _limit_unknown(view, texts, request, reply, "vote.limit_unknown", current[0], start)
    elif current is None:
        _last_how(view, texts, request, reply, start)
    else:
        reply.say(texts("vote.how_unknown"))
    if current is None:
        reply.say(texts("vote.how_next"))
    reply.followups.append(FollowUp(texts("followup.vote"), "er avstemningen apen"))
    reply.followups.append(FollowUp(texts("followup.subscribe"), "", FollowUpAction.SUBSCRIBE))


def _last_how(view: History, texts: Texts, request: Request, reply: Reply, start: int) -> None:
    """No vote open and none awaiting its winner: say so, then how and when the last known
    vote went, in whole sentences (and how many votes each had, when asked)."""
    reply.say(texts("vote.when_none_open"))
    past = [
        record
        for record, window in _windows(view)
        if window.how is not None
        and vote_state(record, request.now) in (VoteState.CLOSED, VoteState.NONE)
        and view.known_by(record.year, request.now)
    ]
    if not past:
        reply.say(texts("vote.how_unknown"))
        return
    record = past[-1]
    window = record.vote
    if window.opens is not None and window.closes is not None:
        same_year = window.opens.value.day.year == window.closes.value.day.year
        opens = texts.date(window.opens.value, with_year=not same_year, now=request.now)
        closes = texts.date(window.closes.value, now=request.now)
        reply.say(
            texts("vote.last_span", label=record.label, opens=opens, closes=closes),
            window.opens,
            window.closes,
        )
    elif window.closes is not None:
        closes = texts.date(window.closes.value, now=request.now)
        reply.say(texts("vote.last_closed", label=record.label, closes=closes), window.closes)
    else:
        reply.say(texts("vote.last_round", label=record.label), window.public)
    _how_then(texts, window, reply)
    if _asks_times(texts, request) and window.limit is None:
        _limit_unknown(view, texts, request, reply, "vote.limit_unknown_past", record, start)
    reply.years = [record.year]


def _asks_times(texts: Texts, request: Request) -> bool:
    """Whether the question asks how many times one may vote («Kan jeg stemme flere ganger?»,
    «Hvor mange ganger kan jeg stemme?»; the words: ``vote.times_words``)."""
    return request.repeat or bool(set(request.words) & set(texts("vote.times_words").split()))


def _how_then(
    texts: Texts, window: VoteWindow, reply: Reply, *, key: str = "vote.how_then"
) -> None:
    """«Da kunne publikum stemme på imdi.no(, med én stemme per person).» (``key``, and
    ``key``_limit with the limit)."""
    how = window.how
    assert how is not None
    if window.limit is not None:
        reply.say(
            texts(key + "_limit", text=how.value, limit=window.limit.value),
            how,
            window.limit,
        )
    else:
        reply.say(texts(key, text=how.value), how)


def _limit_unknown(
    view: History,
    texts: Texts,
    request: Request,
    reply: Reply,
    key: str,
    record: PrizeYear,
    start: int,
) -> None:
    """Asked whether one may vote more than once, for a round whose limit is unknown: say so
    first (at ``start``, the answer to the question before how and when), then the latest
    earlier round whose limit is known."""
    lead = Reply()
    lead.say(texts(key, label=record.label))
    known = [
        record
        for record in view.years.values()
        if record.vote.limit is not None and view.known_by(record.year, request.now)
    ]
    if known:
        limit = known[-1].vote.limit
        assert limit is not None
        lead.say(texts("vote.limit_other", label=known[-1].label, limit=limit.value), limit)
    reply.parts[start:start] = lead.parts
    reply.cite(Fact(None, tuple(lead.sources)))


def _awaiting_winner(
    view: History, texts: Texts, request: Request, reply: Reply, start: int
) -> bool:
    """«Avstemningen for 2023 var åpen fra 2. oktober til 11. oktober. Da kunne publikum stemme
    på imdi.no. Vinneren for 2023 kåres mandag 30. oktober.»: the vote of a round whose winner
    is still to come has closed; say when it was open and how it went, together, and only then
    the award (so «Da» never points to the day of the award). False when no round is in that
    state."""
    waiting = [
        record
        for record, window in _windows(view)
        if window.closes is not None
        and vote_state(record, request.now) is VoteState.CLOSED
        and not view.known_by(record.year, request.now)
    ]
    if not waiting:
        return False
    record = waiting[-1]
    window = record.vote
    closes = window.closes
    assert closes is not None
    day = texts.date(closes.value, with_year=False, now=request.now)
    if window.opens is not None:
        same_year = window.opens.value.day.year == closes.value.day.year
        opens = texts.date(window.opens.value, with_year=not same_year, now=request.now)
        reply.say(
            texts("vote.span_both_past", label=record.label, opens=opens, closes=day),
            window.opens,
            closes,
        )
        if window.how is not None:
            _how_then(texts, window, reply)
    else:
        reply.say(texts("vote.closes_text", label=record.label, closes=day), closes)
        if window.how is not None:
            _how_then(texts, window, reply, key="vote.how_closed")
    if record.award_date is not None:
        award = texts.date(record.award_date.value, with_year=False, now=request.now)
        reply.say(texts("vote.winner_pending", label=record.label, date=award), record.award_date)
    if _asks_times(texts, request) and window.limit is None:
        _limit_unknown(view, texts, request, reply, "vote.limit_unknown_past", record, start)
    reply.years = [record.year]
    return True


def _yes_how(texts: Texts, record: PrizeYear, reply: Reply) -> None:
    """«Ja, for 2022 kunne publikum stemme på IMDis nettsider, med én stemme per person.»"""
    window = record.vote
    if window.how is None:
        reply.say(texts("vote.yes_plain", label=record.label), window.public)
    elif window.limit is None:
        reply.say(texts("vote.yes_how", label=record.label, text=window.how.value), window.how)
    else:
        reply.say(
            texts(
                "vote.yes_how_limit",
                label=record.label,
                text=window.how.value,
                limit=window.limit.value,
            ),
            window.how,
            window.limit,
        )


def _no_public(texts: Texts, record: PrizeYear, reply: Reply, *, answer: bool = False) -> None:
    """No public vote that round (led by «Nei,» when ``answer``ing a yes/no question), and the
    curator's explanation when there is one (it says what its source says, so the source's
    title fits the answer)."""
    window = record.vote
    key = "vote.no_public_answer" if answer else "vote.no_public"
    reply.say(texts(key, label=record.label), window.public)
    if window.description is not None:
        reply.say(window.description.value, window.description)


def _last_known(texts: Texts, record: PrizeYear, window: VoteWindow, now: datetime) -> str:
    """«Den siste avstemningen jeg kjenner til, var for 2023, fra … til ….»"""
    if window.opens is None and window.closes is None and window.description is not None:
        return texts("vote.last_known_text", label=record.label, text=window.description.value)
    return texts("vote.last_known", label=record.label, window=_window_text(texts, window, now))


def _how(texts: Texts, window: VoteWindow, reply: Reply, *, future: bool = False) -> bool:
    """Say how and where to vote in ``window`` (open now, or ``future``); False when nothing
    is known."""
    said = False
    if window.how is not None:
        key = "vote.how_future" if future else "vote.how_text"
        if window.limit is not None:
            reply.say(
                texts(key + "_limit", text=window.how.value, limit=window.limit.value),
                window.how,
                window.limit,
            )
        else:
            reply.say(texts(key, text=window.how.value), window.how)
        said = True
    if window.url is not None:
        reply.say(texts("vote.url", url=window.url.value), window.url)
        said = True
    return said


def _windows(view: History) -> list[tuple[PrizeYear, VoteWindow]]:
    """Every round with anything known about its vote, in year order."""
    return [
        (r, r.vote)
        for r in view.years.values()
        if r.vote.opens is not None or r.vote.closes is not None or r.vote.description
    ]


def _in_state(view: History, now: datetime, state: VoteState) -> PrizeYear | None:
    """The newest round whose vote is in ``state`` at ``now`` (the view's one rule)."""
    found = [r for r in view.years.values() if vote_state(r, now) is state]
    return found[-1] if found else None


def _open_now(view: History, now: datetime) -> tuple[PrizeYear, VoteWindow] | None:
    """The round whose vote is open at ``now``, with its window."""
    record = _in_state(view, now, VoteState.OPEN)
    return (record, record.vote) if record is not None else None


def _upcoming(view: History, now: datetime) -> tuple[PrizeYear, Fact[Moment]] | None:
    """The next round whose vote opens after ``now`` (and its opening)."""
    for record in view.years.values():
        if vote_state(record, now) is VoteState.UPCOMING and record.vote.opens is not None:
            return record, record.vote.opens
    return None


def _when_current(texts: Texts, record: PrizeYear, request: Request, reply: Reply) -> None:
    """Before «how»: when a round not (known to be) open yet opens, or that only its close is
    known («Avstemningen for 2021 stenger …; om den har åpnet ennå, vet jeg ikke sikkert»)."""
    state = vote_state(record, request.now)
    window = record.vote
    if state is VoteState.CLOSES_LATER and window.closes is not None:
        _closes_later(texts, "vote.closes_later", record, request.now, reply)
    elif state is VoteState.UPCOMING and window.opens is not None:
        opens = texts.date(window.opens.value, now=request.now)
        reply.say(texts("vote.when_upcoming", label=record.label, opens=opens), window.opens)
    else:
        return
    reply.years = [record.year]


def _closes_later(texts: Texts, key: str, record: PrizeYear, now: datetime, reply: Reply) -> None:
    """Only the close of a round is known and it is ahead: «Avstemningen for 2021 stenger …»,
    with the curator's description of the opening when there is one (``key``_described), so
    every vote answer says the same about when it opened."""
    window = record.vote
    assert window.closes is not None
    closes = texts.date(window.closes.value, now=now)
    if window.description is not None:
        text = window.description.value
        reply.say(
            texts(key + "_described", label=record.label, closes=closes, text=text),
            window.closes,
            window.description,
        )
    else:
        reply.say(texts(key, label=record.label, closes=closes), window.closes)


def _ahead(record: PrizeYear, request: Request) -> bool:
    """True when ``record``'s vote is not (known to be) open at ``request.now``."""
    return vote_state(record, request.now) is not VoteState.OPEN


def _closing_window(view: History, now: datetime) -> tuple[PrizeYear, VoteWindow] | None:
    """The round whose close is ahead while its opening is unknown, with its window."""
    record = _in_state(view, now, VoteState.CLOSES_LATER)
    return (record, record.vote) if record is not None and record.vote.closes else None


def _upcoming_window(view: History, now: datetime) -> tuple[PrizeYear, VoteWindow] | None:
    upcoming = _upcoming(view, now)
    return (upcoming[0], upcoming[0].vote) if upcoming is not None else None


def _last_closed(view: History, now: datetime) -> tuple[PrizeYear, VoteWindow] | None:
    """The most recent round whose vote has closed (with a known close)."""
    past = [
        (r, r.vote)
        for r in view.years.values()
        if r.vote.closes is not None and vote_state(r, now) is VoteState.CLOSED
    ]
    return past[-1] if past else None


def _window_text(texts: Texts, window: VoteWindow, now: datetime) -> str:
    if window.opens is not None and window.closes is not None:
        same_year = window.opens.value.day.year == window.closes.value.day.year
        return texts(
            "vote.window_both",
            opens=texts.date(window.opens.value, with_year=not same_year, now=now),
            closes=texts.date(window.closes.value, now=now),
        )
    if window.closes is not None:
        return texts("vote.window_close", closes=texts.date(window.closes.value, now=now))
    return texts("gap.no_info")
