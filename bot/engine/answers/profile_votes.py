"""A year's nominees with one line each on why, the open vote with those lines and its link,
and the neutral reply to «hvem bør jeg stemme på?»."""

from __future__ import annotations

from bot.engine.history import History
from bot.engine.texts import Texts
from bot.engine.types import FollowUp, FollowUpAction
from bot.knowledge.models import Entrant, Fact, PrizeYear
from bot.knowledge.view import VoteState, vote_state

from . import nominees, voting
from .common import entrant_name
from .profile_entries import MAX_BUTTONS, ascii_name, short
from .reply import Reply, Request


def nominee_lines(view: History, texts: Texts, year: int, reply: Reply) -> bool:
    """One line per nominee of ``year`` whose reason is known (when any is), the winner first
    with the jury's reasoning, then one sentence naming those whose reason is not, with a
    button per nominee with a reason; False when there is nothing to add."""
    record = view.get(year)
    if record is None or record.nominees is None:
        return False
    if not any(p.has_reason for p in record.profiles):
        return False
    winner = entrant_name(texts, record.winner.value) if record.winner is not None else None
    entrants = sorted(record.nominees.value, key=lambda e: entrant_name(texts, e) != winner)
    unknown: list[str] = []
    known: list[Entrant] = []
    for entrant in entrants:
        name = entrant_name(texts, entrant)
        won = name == winner
        profile = next((p for p in record.profiles if p.entrant.name == entrant.name), None)
        reason: Fact[str] | None = None
        if won and record.reasoning is not None:
            reason = record.reasoning
        elif profile is not None:
            reason = profile.nominated_for
        if reason is None:
            unknown.append(name)
            continue
        known.append(entrant)
        text = short(reason.value)
        if name in text or entrant.name in text:  # the sentence names the place itself
            key = "profile.nominee_line_won" if won else "profile.nominee_line"
        else:  # a curator should name it (tests/knowledge): the place in a sentence first
            key = "profile.nominee_line_about_won" if won else "profile.nominee_line_about"
        reply.say(texts(key, name=name, text=text), reason)
        if won and text == " ".join(reason.value.split()):  # the whole reasoning is said
            reply.followups = [f for f in reply.followups if f.question != f"begrunnelse {year}"]
    if unknown:
        reply.say(texts("profile.nominees_unknown", names=texts.join(unknown)))
    asked = {f.question for f in reply.followups}
    if f"begrunnelse {year}" in asked:  # the winner's reasoning has its own button
        known = [e for e in known if entrant_name(texts, e) != winner]
    for entrant in known[:MAX_BUTTONS]:
        reply.followups.append(
            FollowUp(
                texts("profile.button_place", name=entrant.name),
                texts("profile.ask_why", place=ascii_name(entrant.name), year=year),
            )
        )
    return True


def nominees_with_lines(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """The nominees answer, then one line each on why (one year asked)."""
    nominees.nominees(view, texts, request, reply)
    if len(reply.years) != 1 or request.besides is not None:
        return
    year = view.resolve(reply.years[0])
    if nominee_lines(view, texts, year, reply):
        _vote_link(view, texts, year, request, reply)


def _open_round(view: History, request: Request) -> PrizeYear | None:
    """The round whose public vote is open at ``request.now``."""
    for record in view.years.values():
        if vote_state(record, request.now) is VoteState.OPEN:
            return record
    return None


def _vote_link(view: History, texts: Texts, year: int, request: Request, reply: Reply) -> None:
    record = view.get(year)
    if record is None or vote_state(record, request.now) is not VoteState.OPEN:
        return
    url = record.vote.url
    if url is not None:
        reply.say(texts("profile.vote_link", url=url.value), url)
    reply.followups.append(FollowUp(texts("followup.subscribe"), "", FollowUpAction.SUBSCRIBE))


def vote_status(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """Whether a vote is open; while one is, the nominees with one line each and the link."""
    voting.vote_status(view, texts, request, reply)
    record = _open_round(view, request)
    if record is None or request.years:
        return
    _say_nominees(texts, record, reply)
    nominee_lines(view, texts, record.year, reply)


def _say_nominees(texts: Texts, record: PrizeYear, reply: Reply) -> None:
    if record.nominees is None:
        return
    names = texts.join([entrant_name(texts, e) for e in record.nominees.value])
    reply.say(texts("nominees.list_now", label=record.label, names=names), record.nominees)


def vote_advice(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """«Hvem bør jeg stemme på?»: the bot takes no side; the nominees' lines and the link."""
    record = _open_round(view, request)
    closing = next(
        (r for r in view.years.values() if vote_state(r, request.now) is VoteState.CLOSES_LATER),
        None,
    )
    if record is None and closing is not None and closing.vote.closes is not None:
        closes = closing.vote.closes  # only the close is known: never «not open»
        if closing.nominees is not None:  # the nominees named, as while a vote is open
            names = texts.join([entrant_name(texts, e) for e in closing.nominees.value])
            reply.say(texts("profile.neutral", label=closing.label, names=names), closing.nominees)
        else:
            reply.say(texts("profile.neutral_short"))
        reply.say(
            texts(
                "vote.closes_later",
                label=closing.label,
                closes=texts.date(closes.value, now=request.now),
            ),
            closes,
        )
        reply.years = [closing.year]
        nominee_lines(view, texts, closing.year, reply)
        reply.followups.append(FollowUp(texts("followup.subscribe"), "", FollowUpAction.SUBSCRIBE))
        return
    if record is None or record.nominees is None:
        reply.say(texts("profile.neutral_none"))
        reply.followups.append(FollowUp(texts("followup.subscribe"), "", FollowUpAction.SUBSCRIBE))
        return
    names = texts.join([entrant_name(texts, e) for e in record.nominees.value])
    reply.say(texts("profile.neutral", label=record.label, names=names), record.nominees)
    reply.years = [record.year]
    nominee_lines(view, texts, record.year, reply)
    _vote_link(view, texts, record.year, request, reply)
