"""A municipality's rounds as a nominee (:class:`Entry`: the year, the profile, whether it
won), the municipality asked about, and the short forms profiles are shown in."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.engine.history import History
from bot.engine.normalise import words as fold_words
from bot.engine.places import Place
from bot.engine.texts import Texts
from bot.knowledge.models import Entrant, Fact, NomineeProfile, PrizeYear

from .common import place_name, target_years
from .reply import Reply, Request

SHORT = 150
"""A reason shown on one line is cut to about this many characters (a phone screen)."""
MAX_FIGURES = 6
MAX_PEOPLE = 5
MAX_PROJECTS = 6
MAX_BUTTONS = 6
MAX_QUOTES = 3


@dataclass(frozen=True)
class Entry:
    """One round a municipality took part in, as known at the moment asked."""

    year: int
    record: PrizeYear
    entrant: Entrant
    profile: NomineeProfile | None
    won: bool

    @property
    def reason(self) -> Fact[str] | None:
        """Why it was nominated: the jury's reasoning for the winner, else the profile's."""
        if self.won and self.record.reasoning is not None:
            return self.record.reasoning
        if self.profile is not None and self.profile.nominated_for is not None:
            return self.profile.nominated_for
        return None


def entries(view: History, place: Place) -> list[Entry]:
    """The rounds ``place`` was nominated in (or won), newest first."""
    found: list[Entry] = []
    for year in sorted(view.years, reverse=True):
        record = view.years[year]
        entrant = _entrant(view, record, place)
        if entrant is None:
            continue
        won = record.winner is not None and view.matches(record.winner.value, place)
        profile = next((p for p in record.profiles if view.matches(p.entrant, place)), None)
        found.append(Entry(year, record, entrant, profile, won))
    return found


def _entrant(view: History, record: PrizeYear, place: Place) -> Entrant | None:
    if record.winner is not None and view.matches(record.winner.value, place):
        return record.winner.value
    for entrant in record.nominees.value if record.nominees is not None else ():
        if view.matches(entrant, place):
            return entrant
    return None


def of_years(view: History, request: Request, found: list[Entry]) -> list[Entry]:
    """The entries of the years asked about (all when no year was asked)."""
    years = target_years(view, request)
    return [e for e in found if e.year in years] if years else found


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[«A-ZÆØÅ])")


def sentences(text: str) -> list[str]:
    """``text`` split into sentences (a full stop, ! or ? before a capital letter)."""
    return [s.strip() for s in _SENTENCE_END.split(text.strip()) if s.strip()]


def short(text: str, limit: int = SHORT) -> str:
    """The first sentences of ``text`` that fit in about ``limit`` characters; always at least
    the whole first sentence, never cut inside one."""
    parts = sentences(text)
    kept = parts[:1]
    for part in parts[1:]:
        if len(" ".join([*kept, part])) > limit:
            break
        kept.append(part)
    first = " ".join(kept)
    return first if first.endswith((".", "!", "?", "»")) else first + "."


def asked_place(texts: Texts, request: Request, reply: Reply) -> Place | None:
    """The municipality asked about, or None after asking the user to name one."""
    if not request.places:
        reply.say(texts("place.need_place"))
        return None
    place = request.places[0]
    reply.municipality = place.name
    return place


def say_unknown(view: History, texts: Texts, request: Request, place: Place, reply: Reply) -> None:
    """Not nominated (that year, or at all): say so and when it was. A round whose nominees
    are not public at the clock is said to lie ahead, not to leave the place out."""
    years = target_years(view, request)
    found = entries(view, place)
    name = place_name(place)
    if years:
        record = view.get(years[0])
        if record is None or (record.nominees is None and not record.winner):
            reply.say(texts("profile.not_known_yet", label=view.label(years[0])))
        else:
            reply.say(texts("profile.not_that_year", place=name, label=view.label(years[0])))
        if not found:
            return
        reply.say(_record_sentence(view, texts, request, name, found))
        for entry in found:
            reply.cite(entry.record.nominees, entry.record.winner if entry.won else None)
        return
    reply.say(texts("profile.never", place=name))


def _record_sentence(
    view: History, texts: Texts, request: Request, name: str, found: list[Entry]
) -> str:
    """«Kristiansand vant prisen for 2010 og er nominert for 2023.»: the wins, the decided
    nominations (past) and a round under way at the clock (present), in one sentence."""
    ordered = list(reversed(found))
    won = [e.record.label for e in ordered if e.won]
    past = [e.record.label for e in ordered if not e.won and view.known_by(e.year, request.now)]
    now = [e.record.label for e in ordered if not e.won and not view.known_by(e.year, request.now)]
    clauses = []
    if won:  # a win is not «var nominert» (issue 13, M6)
        clauses.append(texts("profile.clause_won", labels=texts.join(won)))
    if past:
        clauses.append(texts("profile.clause_nominated", labels=texts.join(past)))
    if now:
        key = "profile.clause_now_again" if clauses else "profile.clause_now"
        clauses.append(texts(key, labels=texts.join(now)))
    return texts("profile.record", place=name, clauses=texts.join(clauses))


def ascii_name(name: str) -> str:
    """A name as a button's question: short ASCII («Lørenskog» → «lorenskog»)."""
    return " ".join(fold_words(name))
