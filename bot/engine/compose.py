"""Compose a Norwegian answer for a chosen intent from the facts and the templates.

Python only picks facts, fills templates from ``texts/engine.yaml`` and joins lists;
every sentence a user reads is in YAML. Each method adds the sources of the facts it
actually used.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime, time, timedelta

from bot.engine.history import History
from bot.engine.places import Place, ProjectRef
from bot.engine.texts import Texts
from bot.engine.types import FollowUp
from bot.knowledge.models import (
    Entrant,
    Era,
    Fact,
    KnowledgeBase,
    PrizeYear,
    Source,
    VoteWindow,
    YearStatus,
)

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ«])")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_DATE = re.compile(r"(?<!\d)(\d{1,2})\. ([a-zæøå]+) ((?:19|20)\d\d)(?!\d)")

_MIDNIGHT = time(0, 0)
"""An opening day without a time of day counts from midnight."""

ASSUMED_WINDOW = timedelta(days=14)
"""When only the closing day is known, the vote counts as open this long before it."""

MAX_CHARS = 4000
"""Answers stay under Telegram's 4096 characters with room for the source list."""
MAX_YEARS = 25
"""At most this many years are listed one by one."""
MAX_PLACES = 3
"""At most this many municipalities named together are summed up («Asker og Bærum»)."""
MAX_HOW_YEARS = 3
"""How the last few votes went, when none is open («hvordan stemmer jeg?»)."""


@dataclass
class Request:
    """A question after extraction and context resolution."""

    intent: str
    now: datetime
    years: list[int] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    counties: list[str] = field(default_factory=list)
    projects: list[ProjectRef] = field(default_factory=list)
    relation: int = 0
    """-1 for «før <år>», +1 for «etter <år>» (a municipality's record before/after a year)."""
    focus: str = "both"
    """Which end of a voting window was asked about: ``open``, ``close`` or ``both``."""
    besides: Place | None = None
    """«Hvem andre var nominert?»: the municipality talked about, left out of the list."""
    statement: bool = False
    """Asked «når»/«hvor mange», not yes/no: answer without «Ja,»/«Nei,»."""
    repeat: bool = False
    """Asked whether it happened more than once («Vant Trondheim to ganger?»)."""


@dataclass
class Reply:
    """Text parts, sources, follow-ups and the slots the answer was about."""

    parts: list[str] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    followups: list[FollowUp] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    municipality: str | None = None
    now: datetime | None = None
    notes: list[str] = field(default_factory=list)
    """Curators' caveats on the facts used («utledet», «kildene spriker»), shown last."""

    def say(self, text: str, *facts: Fact | Era | None) -> None:
        """Add a sentence and the sources of the facts behind it."""
        self.parts.append(text)
        self.cite(*facts)

    def cite(self, *facts: Fact | Era | None) -> None:
        """Add the sources of ``facts`` (deduplicated, in order)."""
        for fact in facts:
            if fact is None:
                continue
            real = fact.fact if isinstance(fact, Era) else fact
            for source in real.sources:
                if all((s.url or s.title) != (source.url or source.title) for s in self.sources):
                    self.sources.append(source)

    def note(self, *facts: Fact | None) -> None:
        """Keep the caveats of ``facts`` (each once) so the answer can show them."""
        for fact in facts:
            if fact is not None and fact.note and fact.note not in self.notes:
                self.notes.append(fact.note)

    @property
    def text(self) -> str:
        """The joined answer text."""
        return "\n".join(p for p in self.parts if p)


class Composer:
    """Builds answers; one method per intent (see :attr:`handlers`)."""

    REQUIRED_TEXTS = (
        "gap.no_info",
        "winner.one",
        "nominees.list",
        "refusal.out_of_scope",
        "refusal.not_understood",
        "help.text",
        "followup.nominees",
        "place.register_source",
    )

    def __init__(self, kb: KnowledgeBase, texts: Texts) -> None:
        self.kb = kb
        self.t = texts
        self.full = History(kb)
        """Every year as the fact base has it."""
        self._as_of_cache: dict[object, History] = {}
        self._local = threading.local()
        self.register = Source(key="kommuneregister", title=texts("place.register_source"))
        """The municipality register (names, Sami/Kven names, mergers): cited for those notes."""
        self.handlers: dict[str, Callable[[Request, Reply], None]] = {
            "winner": self.winner,
            "missing_year": self.winner,  # the winner answer explains a year without one
            "nominees": self.nominees,
            "place_won": self.place_won,
            "place_nominated": self.place_nominated,
            "place_summary": self.place_summary,
            "all_winners": self.all_winners,
            "first_winner": self.first_winner,
            "latest_winner": self.latest_winner,
            "winner_before": self.winner_before,
            "winner_after": self.winner_after,
            "county_winners": self.county_winners,
            "organiser": self.organiser,
            "purpose": self.purpose,
            "directors": self.directors,
            "criteria": self.criteria,
            "how_chosen": self.how_chosen,
            "award": self.award,
            "venue": self.award,
            "next_award": self.next_award,
            "handed_by": self.handed_by,
            "received_by": self.received_by,
            "reasoning": self.reasoning,
            "project": self.project,
            "place_projects": self.project,
            "year_projects": self.project,
            "prize_money": self.prize_money,
            "vote_status": self.vote_status,
            "vote_when": self.vote_when,
            "vote_how": self.vote_how,
            "subscribe": self.simple("subscribe.text", "subscribe"),
            "unsubscribe": self.simple("unsubscribe.text"),
            "greeting": self.simple("greeting.text"),
            "thanks": self.simple("thanks.text"),
            "goodbye": self.simple("goodbye.text"),
            "help": self.simple("help.text"),
            "about_bot": self.simple("about_bot.text"),
            "about_sources": self.simple("about_sources.text"),
            "map": self.map,
            "timeline": self.timeline,
            "prize_names": self.prize_names,
            "count": self.count,
            "counties_won": self.counties_won,
            "repeat_winners": self.repeat_winners,
            "nominated_count": self.nominated_count,
        }

    def known(self, intent: str) -> bool:
        """True when an intent has a handler or a prize topic of the same name."""
        return intent in self.handlers or intent in self.kb.prize.topics

    def add_unknown(self, intent: str, nearby: tuple[str, ...]) -> list[str]:
        """Register an intent the sources cannot answer; return problems (missing text …)."""
        problems = []
        key = f"unknown.{intent}"
        if not self.t.has(key):
            problems.append(f"«{intent}» har «unknown: true», men teksten engine.{key} mangler")
        problems += [
            f"«{intent}»: ukjent svar «{n}» i «nearby»" for n in nearby if not self.known(n)
        ]
        if not problems:
            self.handlers[intent] = self._unknown_handler(key, nearby)
        return problems

    def _unknown_handler(
        self, key: str, nearby: tuple[str, ...]
    ) -> Callable[[Request, Reply], None]:
        """Say plainly that the sources do not answer, then what is known nearby."""

        def handler(request: Request, reply: Reply) -> None:
            reply.say(self.t(key))
            for name in nearby:
                other = Request(**{**request.__dict__, "intent": name})
                handler_of = self.handlers.get(name, self.topic)
                handler_of(other, reply)

        return handler

    def _winners_by_municipality(self) -> dict[str, list[int]]:
        """Today's municipality name → the rounds it won (a merged year counts once)."""
        found: dict[str, list[int]] = {}
        for year in self.h.awarded:
            winner = self.h.winner(year)
            if winner is not None:
                found.setdefault(winner.value.municipality.name, []).append(year)
        return found

    def count(self, request: Request, reply: Reply) -> None:
        """How many times the prize was awarded (topic text) and how many winners are known."""
        self.topic(request, reply)
        awarded = [y for y in self.h.awarded if self.h.known_by(y, request.now)]
        if awarded:
            reply.say(
                self.t(
                    "count.known",
                    rounds=len(awarded),
                    municipalities=len({self.h.winner(y).value.municipality.name for y in awarded}),  # type: ignore[union-attr]
                    first=self.h.label(awarded[0]),
                    last=self.h.label(awarded[-1]),
                ),
                *[self.h.winner(y) for y in awarded],
            )

    def nominated_count(self, request: Request, reply: Reply) -> None:
        """How many municipalities have been nominated, counting only years with known nominees."""
        rounds = {y: r.nominees for y, r in self.h.years.items() if r.nominees is not None}
        if not rounds:
            reply.say(self.t("gap.no_info"))
            return
        known = list(rounds)
        facts = list(rounds.values())
        towns = {e.municipality.name for fact in facts for e in fact.value}
        won = set(self._winners_by_municipality())
        missing = [y for y in self.h.awarded if y not in rounds]
        reply.say(
            self.t(
                "nominated_count.text",
                municipalities=len(towns),
                rounds=len(known),
                years=self.years_text(known),
                winners=len(won & towns),
            ),
            *facts,
        )
        if missing:
            reply.say(self.t("nominated_count.missing", years=self.years_text(missing)))
        reply.followups.append(FollowUp(self.t("followup.map"), "", "map"))

    def repeat_winners(self, request: Request, reply: Reply) -> None:
        """Municipalities that won more than once (none, so far)."""
        wins = self._winners_by_municipality()
        repeated = {name: years for name, years in wins.items() if len(years) > 1}
        facts = [self.h.winner(y) for years in wins.values() for y in years]
        if not repeated:
            reply.say(self.t("repeat_winners.none"), *facts)
            return
        items = [
            self.t("county.item", name=name, labels=self.years_text(years))
            for name, years in repeated.items()
        ]
        reply.say(self.t("repeat_winners.list", items=self.t.join(items)), *facts)

    def prize_names(self, request: Request, reply: Reply) -> None:
        """The prize's Norwegian names over time."""
        items = []
        for era in self.kb.prize.names:
            key = "names.item_since" if era.to_year is None else "names.item_span"
            items.append(
                self.t(key, name=era.fact.value, from_year=era.from_year, to_year=era.to_year)
            )
            reply.cite(era)
        if items:
            reply.parts.append(self.t("names.text", items=self.t.join(items)))

    @property
    def h(self) -> History:
        """The history as known at the request being composed (the full one otherwise)."""
        return getattr(self._local, "history", None) or self.full

    def history_at(self, now: datetime) -> History:
        """The history as a user at ``now`` could know it: later rounds left out, winners
        (with reasoning and who handed over / received) not yet announced hidden, and their
        nominees too until the round's vote has opened."""
        later = tuple(y for y in self.full.years if y > now.year)
        pending = {
            y: self._voting_started(r, now)
            for y, r in self.full.years.items()
            if y <= now.year and r.winner is not None and not self.full.known_by(y, now)
        }
        if not later and not pending:
            return self.full
        key = (later, tuple(pending.items()))
        cached = self._as_of_cache.get(key)
        if cached is None:
            years = {y: r for y, r in self.kb.years.items() if y not in later}
            for year, voting in pending.items():
                record = years[year]
                status = record.status
                years[year] = replace(
                    record,
                    status=YearStatus.OPEN if status == YearStatus.AWARDED else status,
                    nominees=record.nominees if voting else None,
                    nominee_count=record.nominee_count if voting else None,
                    winner=None,
                    reasoning=None,
                    handed_by=None,
                    received_by=None,
                )
            cached = History(replace(self.kb, years=years))
            self._as_of_cache[key] = cached
        return cached

    @staticmethod
    def _voting_started(record: PrizeYear, now: datetime) -> bool:
        opens = record.vote.opens
        return opens is not None and opens.value.to_datetime(default=_MIDNIGHT) <= now

    def compose(self, request: Request) -> Reply:
        """Build the reply for ``request`` from what was known at ``request.now``."""
        reply = Reply(now=request.now)
        self._local.history = self.history_at(request.now)
        try:
            handler = self.handlers.get(request.intent)
            if handler is not None:
                handler(request, reply)
            else:
                self.topic(request, reply)
        finally:
            self._local.history = None
        for note in reply.notes:
            reply.parts.append(self.t("format.note", note=note))
        self._limit(reply)
        return reply

    # -- helpers ----------------------------------------------------------------------

    def entrant(self, entrant: Entrant) -> str:
        """An entrant's name, with today's municipality when it differs."""
        today = entrant.municipality.name
        if entrant.name == today:
            return today
        if entrant.district:
            return self.t("format.entrant_district", name=entrant.name, municipality=today)
        former = {n.casefold() for n in entrant.municipality.former_names}
        key = (
            "format.entrant_former" if entrant.name.casefold() in former else "format.entrant_town"
        )
        return self.t(key, name=entrant.name, municipality=today)

    def place_name(self, place: Place) -> str:
        """How to name the place in an answer."""
        if place.entrant is not None:
            return place.entrant
        return place.name

    def years_text(self, years: list[int]) -> str:
        """«2014», «2013 og 2021» with labels."""
        return self.t.join([self.h.label(y) for y in years])

    def _limit(self, reply: Reply) -> None:
        """Cut the text at a line boundary so it stays under MAX_CHARS."""
        text = reply.text
        if len(text) <= MAX_CHARS:
            return
        marker = self.t("format.truncated")
        kept: list[str] = []
        size = len(marker) + 1
        for line in text.split("\n"):
            if size + len(line) + 1 > MAX_CHARS:
                break
            kept.append(line)
            size += len(line) + 1
        if not kept:
            kept = [text[: MAX_CHARS - len(marker) - 1]]
        reply.parts = [*kept, marker]

    def _target_years(self, request: Request, *, follow_merged: bool = True) -> list[int]:
        """Requested years, deduplicated, with a merged year read as its round (2019 → 2020)
        when ``follow_merged`` or when both years were asked."""
        years: list[int] = []
        for year in request.years:
            record = self.h.get(year)
            target = year
            if (
                record is not None
                and record.status == YearStatus.MERGED
                and record.merged_into is not None
                and (follow_merged or record.merged_into in request.years)
            ):
                target = record.merged_into
            if target not in years:
                years.append(target)
        return years

    def gap(self, year: int, reply: Reply, *, nearby: bool = True) -> bool:
        """Say plainly why ``year`` has no known winner; return False when it has one."""
        record = self.h.get(year)
        if year < self.h.first_year:
            first = self.h.winner(self.h.first_year)
            reply.say(
                self.t(
                    "gap.before_start",
                    year=year,
                    first_year=self.h.first_year,
                    first_winner=self.entrant(first.value) if first else "",
                ),
                self.kb.prize.first_year,
                first,
            )
            return True
        if record is None:
            latest = self.h.latest_awarded()
            winner = self.h.winner(latest) if latest else None
            reply.say(
                self.t(
                    "gap.future",
                    year=year,
                    winner=self.entrant(winner.value) if winner else "",
                    label=self.h.label(latest) if latest else "",
                ),
                winner,
            )
            return True
        status = record.status
        explanation = record.explanation.value if record.explanation else ""
        if explanation and reply.now is not None:
            explanation = self._as_of(explanation, reply.now)
        if status == YearStatus.MERGED:
            reply.say(self.t("gap.merged", explanation=explanation), record.explanation)
            return True
        if status in (YearStatus.NO_PRIZE, YearStatus.UNKNOWN) or (
            status == YearStatus.AWARDED and record.winner is None
        ):
            kind = "no_prize" if status == YearStatus.NO_PRIZE else "unknown"
            key = f"gap.{kind}_explained" if explanation else f"gap.{kind}"
            reply.say(
                self.t(key, label=record.label, explanation=explanation),
                record.explanation,
            )
            if nearby:
                self._nearby(year, reply)
            return True
        if status == YearStatus.OPEN and record.winner is None:
            pending = reply.now is not None and record.award_date is not None
            key = "gap.not_yet" if pending else "gap.open"
            reply.say(self.t(key, label=record.label))
            return True
        return False

    def _rounds(
        self, years: list[int], reply: Reply, *, nearby: bool = False
    ) -> Iterator[tuple[int, PrizeYear]]:
        """(year, record) for each asked year that had a prize round of its own; the others
        (no prize, merged into another round, unknown to the fact base) are explained."""
        for year in years[:MAX_YEARS]:
            record = self.h.get(year)
            if record is None or record.status in (YearStatus.NO_PRIZE, YearStatus.MERGED):
                self.gap(year, reply, nearby=nearby)
                continue
            yield year, record

    def _nearby(self, year: int, reply: Reply) -> None:
        items = []
        facts = []
        for other in (self.h.previous_awarded(year), self.h.next_awarded(year)):
            if other is None or (reply.now is not None and not self.h.known_by(other, reply.now)):
                continue
            winner = self.h.winner(other)
            if winner is None or self._already_said(reply, self.entrant(winner.value), other):
                continue
            items.append(
                self.t(
                    "gap.nearby_item", winner=self.entrant(winner.value), label=self.h.label(other)
                )
            )
            facts.append(winner)
        if items:
            reply.say(self.t("gap.unknown_nearby", nearby=self.t.join(items)), *facts)

    def _already_said(self, reply: Reply, name: str, year: int) -> bool:
        """True when the reply already names ``name`` with ``year`` (no need to repeat it)."""
        text = reply.text
        return name in text and str(year) in text

    def need_year(self, request: Request) -> list[int]:
        """Years asked about, or the latest awarded year."""
        years = self._target_years(request)
        if years:
            return years
        latest = self.h.latest_awarded(request.now.year, request.now)
        return [latest] if latest else []

    def winner_followups(self, year: int, reply: Reply) -> None:
        """Buttons after a single-year winner answer."""
        t = self.t
        reply.followups.append(FollowUp(t("followup.nominees"), f"nominerte {year}"))
        self._neighbour_followups(year, reply)
        reply.followups.append(FollowUp(t("followup.reasoning"), f"begrunnelse {year}"))
        reply.followups.append(FollowUp(t("followup.map"), str(year), "map"))

    def _neighbour_followups(self, year: int, reply: Reply) -> None:
        """«Året før» and «Året etter» buttons, where those years are in the fact base."""
        for step, key in ((-1, "followup.year_before"), (+1, "followup.year_after")):
            other = self._step(year, step)
            if other in self.h.years:
                reply.followups.append(FollowUp(self.t(key), f"vinner {other}"))

    def gap_followups(self, year: int, reply: Reply) -> None:
        """Buttons after a year without a known winner: the round it belongs to, or the
        nearest years that have one (2017 → 2016 and 2018)."""
        record = self.h.get(year)
        if record is not None and record.status == YearStatus.MERGED and record.merged_into:
            if reply.now is None or self.h.known_by(record.merged_into, reply.now):
                self.winner_followups(record.merged_into, reply)
            return
        for other in (self.h.previous_awarded(year), self.h.next_awarded(year)):
            if other is None or (reply.now is not None and not self.h.known_by(other, reply.now)):
                continue
            label = self.t("followup.winner_of", label=self.h.label(other))
            reply.followups.append(FollowUp(label, f"vinner {other}"))

    def _step(self, year: int, step: int) -> int:
        """The neighbouring year, skipping merged years (2019 → 2018 from 2020)."""
        other = year + step
        record = self.h.get(other)
        if record is not None and record.status == YearStatus.MERGED:
            other += step
        return other

    # -- intents ----------------------------------------------------------------------

    def simple(self, key: str, action: str | None = None) -> Callable[[Request, Reply], None]:
        """A handler that answers with one fixed text."""

        def handler(request: Request, reply: Reply) -> None:
            reply.say(self.t(key))
            if action == "subscribe":
                reply.followups.append(FollowUp(self.t("followup.subscribe"), "", "subscribe"))

        return handler

    def winner(self, request: Request, reply: Reply) -> None:
        """Who won a year (or several)."""
        years = self._target_years(request, follow_merged=False)
        if not years:
            self._named_winner(
                "winner.no_year", self.h.latest_awarded(request.now.year, request.now), reply
            )
            return
        reply.years = years
        if len(years) == 1:
            year = years[0]
            if self.gap(year, reply):
                record = self.h.get(year)
                if record is not None and record.status == YearStatus.OPEN and record.nominees:
                    names = self.t.join([self.entrant(e) for e in record.nominees.value])
                    reply.say(
                        self.t("nominees.list", label=record.label, names=names), record.nominees
                    )
                else:
                    self.gap_followups(year, reply)
                return
            record = self.h.get(year)
            assert record is not None and record.winner is not None
            if record.award_date is not None and not self.h.known_by(year, request.now):
                # No date or source here: the source is the winner article itself.
                reply.say(self.t("gap.not_yet", label=record.label))
                reply.followups.append(FollowUp(self.t("followup.nominees"), f"nominerte {year}"))
                return
            reply.say(
                self.t(
                    "winner.one",
                    winner=self.entrant(record.winner.value),
                    prize=self.h.prize_name(year),
                    label=record.label,
                ),
                record.winner,
            )
            reply.note(record.winner)
            reply.municipality = record.winner.value.municipality.name
            self.winner_followups(year, reply)
            return
        reply.say(self.t("winner.multi_intro"))
        for year in years[:MAX_YEARS]:
            reply.say(
                self.t(
                    "format.year_list_line", label=self.h.label(year), text=self._line(year, reply)
                )
            )
        if len(years) > MAX_YEARS:
            reply.say(self.t("format.truncated"))

    def _line(self, year: int, reply: Reply) -> str:
        """One line in a multi-year winner answer."""
        record = self.h.get(year)
        if year < self.h.first_year:
            return self.t("winner.line_before_start", first_year=self.h.first_year)
        if record is None:
            return self.t("winner.line_unknown")
        if record.status == YearStatus.NO_PRIZE:
            reply.cite(record.explanation)
            return self.t("winner.line_no_prize")
        if record.status == YearStatus.MERGED and record.merged_into:
            into = self.h.winner(record.merged_into)
            reply.cite(record.explanation, into)
            return self.t(
                "winner.line_merged",
                into=self.h.label(record.merged_into),
                winner=self.entrant(into.value) if into else "",
                label=self.h.label(record.merged_into),
            )
        if record.winner is not None:
            reply.cite(record.winner)
            return self.t("winner.line_won", winner=self.entrant(record.winner.value))
        if record.status == YearStatus.OPEN:
            return self.t("winner.line_open")
        reply.cite(record.explanation)
        return self.t("winner.line_unknown")

    def nominees(self, request: Request, reply: Reply) -> None:
        """Who was nominated a year."""
        years = self._target_years(request, follow_merged=False)
        if not years and request.besides is not None:
            # «Hvem var nominert sammen med Moss?»: the rounds that municipality was in.
            years = [year for year, _, _ in self.h.nominations(request.besides)]
            if not years:
                reply.say(self.t("place.never_nominated", place=self.place_name(request.besides)))
                return
        if not years:
            latest = max(
                (y for y, r in self.h.years.items() if r.nominees and y <= request.now.year),
                default=None,
            )
            if latest is None:
                reply.say(self.t("gap.no_info"))
                return
            record = self.h.get(latest)
            assert record is not None and record.nominees is not None
            reply.say(
                self.t(
                    "nominees.no_year",
                    label=record.label,
                    names=self.t.join([self.entrant(e) for e in record.nominees.value]),
                ),
                record.nominees,
            )
            reply.years = [latest]
            return
        reply.years = years
        for year in years[:MAX_YEARS]:
            self._nominees_of(year, reply, single=len(years) == 1, besides=request.besides)
        if len(years) == 1:
            self._nominees_followups(years[0], reply)

    def _nominees_followups(self, year: int, reply: Reply) -> None:
        """Buttons after a one-year nominee answer (2019 counts as the 2019/2020 round)."""
        record = self.h.get(year)
        if record is not None and record.status == YearStatus.MERGED and record.merged_into:
            year, record = record.merged_into, self.h.get(record.merged_into)
        if record is None or (record.winner is None and record.nominees is None):
            self.gap_followups(year, reply)
            return
        if record.nominees is not None:
            reply.followups.append(FollowUp(self.t("followup.winner"), f"vinner {year}"))
        elif record.reasoning is not None:
            reply.followups.append(FollowUp(self.t("followup.reasoning"), f"begrunnelse {year}"))
        reply.followups.append(FollowUp(self.t("followup.map"), str(year), "map"))

    def _nominees_of(
        self, year: int, reply: Reply, *, single: bool, besides: Place | None = None
    ) -> None:
        record = self.h.get(year)
        if record is not None and record.status == YearStatus.MERGED and record.merged_into:
            self.gap(year, reply, nearby=False)
            self._nominees_of(record.merged_into, reply, single=single, besides=besides)
            return
        if (
            record is None
            or record.status in (YearStatus.NO_PRIZE, YearStatus.MERGED)
            or (year < self.h.first_year)
        ):
            self.gap(year, reply, nearby=single)
            return
        if record.nominees is None:
            if record.status == YearStatus.UNKNOWN and record.explanation is not None:
                reply.say(record.explanation.value, record.explanation)
                if single:
                    self._nearby(year, reply)
                return
            reply.say(self.t("nominees.unknown", label=record.label))
            if record.winner is not None:
                reply.say(
                    self.t("nominees.winner_known", winner=self.entrant(record.winner.value)),
                    record.winner,
                )
            return
        names = [self.entrant(e) for e in record.nominees.value]
        left_out = [e for e in record.nominees.value if besides and self.h.matches(e, besides)]
        if left_out:
            others = [self.entrant(e) for e in record.nominees.value if e not in left_out]
            reply.say(
                self.t(
                    "nominees.others",
                    label=record.label,
                    place=self.entrant(left_out[0]),
                    names=self.t.join(others),
                ),
                record.nominees,
            )
        elif record.nominee_count is not None and record.nominee_count.value > len(names):
            reply.say(
                self.t(
                    "nominees.count",
                    count=record.nominee_count.value,
                    label=record.label,
                    named=len(names),
                    names=self.t.join(names),
                ),
                record.nominee_count,
                record.nominees,
            )
        else:
            reply.say(
                self.t("nominees.list", label=record.label, names=self.t.join(names)),
                record.nominees,
            )
        if single:
            reply.note(record.nominees)
        if record.winner is not None:
            reply.say(
                self.t("nominees.winner_was", winner=self.entrant(record.winner.value)),
                record.winner,
            )
        elif record.status == YearStatus.OPEN:
            reply.say(self.t("gap.open", label=record.label))

    def _place(self, request: Request, reply: Reply) -> Place | None:
        if not request.places:
            reply.say(self.t("place.need_place"))
            return None
        place = request.places[0]
        reply.municipality = place.name
        self._name_note(place, reply)
        return place

    def _name_note(self, place: Place, reply: Reply) -> None:
        """«Skedsmo er i dag en del av Lillestrøm.» / a Sami or Kven name, once per answer."""
        if place.said == place.name:
            return
        if place.said in place.municipality.former_names:
            note = self.t("place.former_note", said=place.said, municipality=place.name)
        elif place.said in place.municipality.alt_names:
            note = self.t("place.alt_note", said=place.said, municipality=place.name)
        else:
            return
        if note not in reply.parts:
            reply.say(note)
            reply.cite(Fact(None, (self.register,)))

    def place_won(self, request: Request, reply: Reply) -> None:
        """«Vant Asker i 2021?» / «Har Drammen vunnet?» / «Når vant Molde?»."""
        place = self._place(request, reply)
        if place is None:
            return
        years = self._target_years(request)
        if not years or request.relation:
            self.place_summary(request, reply)
            return
        reply.years = years
        for year in years[:MAX_YEARS]:
            record = self.h.get(year)
            winner = record.winner if record is not None else None
            named = [p for p in request.places if winner and self.h.matches(winner.value, p)]
            if winner is not None and named:  # «Vant Asker eller Bærum i 2018?»
                reply.say(
                    self.t("place.won_yes", place=self.entrant(winner.value), label=record.label),
                    winner,
                )
                continue
            if winner is None:
                if not self.gap(year, reply):
                    reply.say(self.t("place.won_no_unknown_winner", label=self.h.label(year)))
                continue
            reply.say(
                self.t("place.won_no", winner=self.entrant(winner.value), label=record.label),
                winner,
            )
            for nominated_year, entrant, fact in self.h.nominations(place):
                if nominated_year == year:
                    reply.say(self.t("place.was_nominated_too", place=self.entrant(entrant)), fact)
        if len(years) == 1 and self.h.winner(years[0]) is not None:
            self.winner_followups(years[0], reply)

    def place_nominated(self, request: Request, reply: Reply) -> None:
        """«Var Asker nominert i 2021?» / «Har Hammerfest vært nominert?»."""
        place = self._place(request, reply)
        if place is None:
            return
        years = self._target_years(request)
        if not years or request.relation:
            self.place_summary(request, reply, nominations_first=True)
            return
        reply.years = years
        nominated = {y: (e, f) for y, e, f in self.h.nominations(place)}
        for year, record in self._rounds(years, reply, nearby=True):
            if year in nominated:
                entrant, fact = nominated[year]
                reply.say(
                    self.t("place.nominated_yes", place=self.entrant(entrant), label=record.label),
                    fact,
                )
            elif record.nominees is None:
                reply.say(
                    self.t("place.nominated_unknown", label=record.label),
                    record.explanation if record.status == YearStatus.UNKNOWN else None,
                )
            else:
                names = self.t.join([self.entrant(e) for e in record.nominees.value])
                reply.say(
                    self.t(
                        "place.nominated_no",
                        place=self.place_name(place),
                        label=record.label,
                        names=names,
                    ),
                    record.nominees,
                )
            if record.winner is not None:
                reply.say(
                    self.t("place.winner_that_year", winner=self.entrant(record.winner.value)),
                    record.winner,
                )

    def place_summary(
        self, request: Request, reply: Reply, *, nominations_first: bool = False
    ) -> None:
        """Everything about one municipality (or a few named together): wins, nominations, gaps."""
        place = self._place(request, reply)
        if place is None:
            return
        more = [p for p in request.places[1:MAX_PLACES] if p.name != place.name]
        wins = self._summary_of(place, request, reply, nominations_first)
        reply.years = wins or reply.years
        without_wins = not wins
        for other in more:
            self._name_note(other, reply)
            without_wins |= not self._summary_of(other, request, reply, nominations_first)
        if without_wins:
            gaps = self.h.unknown_years()
            if gaps:
                reply.say(self.t("place.gaps", years=self.years_text(gaps)))
        if len(wins) == 1 and not more:
            reply.followups.append(FollowUp(self.t("followup.reasoning"), f"begrunnelse {wins[0]}"))
        reply.followups.append(FollowUp(self.t("followup.map"), "", "map"))

    def _summary_of(
        self, place: Place, request: Request, reply: Reply, nominations_first: bool
    ) -> list[int]:
        """One municipality's wins and nominations; returns the years it won."""
        name = self.place_name(place)
        wins = self.h.wins(place)
        nominated = self.h.nominations(place)
        all_wins, all_nominated = wins, nominated
        window = ""  # «før 2025»: the answer covers only that part of the record
        if request.relation and request.years:
            pivot = request.years[0]
            side = "place.window_before" if request.relation < 0 else "place.window_after"
            window = self.t(side, label=self.h.label(pivot))

            def keep(year: int) -> bool:
                return year < pivot if request.relation < 0 else year > pivot

            wins = [y for y in wins if keep(y)]
            nominated = [n for n in nominated if keep(n[0])]
        others = [(y, e, f) for y, e, f in nominated if y not in wins]
        win_facts = [self.h.winner(y) for y in wins]
        # Not a yes/no question («Drammen», «Når vant Drammen?»): no «Ja,»/«Nei,».
        statement = request.intent == "place_summary" or request.statement
        prefix = "place.summary_" if statement else "place."
        won_text = self.t(prefix + "won_years", place=name, years=self.years_text(wins))
        if request.repeat and not statement and len(wins) == 1:
            won_text = self.t("place.won_once", place=name, years=self.years_text(wins))
        if nominations_first:
            if nominated:
                reply.say(
                    self.t(
                        "place.nominated_years", place=name, years=self._as_named(nominated, name)
                    ),
                    *[f for _, _, f in nominated],
                )
            else:
                reply.say(self._never_nominated(name, window))
            if wins:
                reply.say(
                    self.t("place.also_won", place=name, years=self.years_text(wins)), *win_facts
                )
        else:
            if wins:
                reply.say(won_text, *win_facts)
            elif window:
                reply.say(self.t(prefix + "never_won_window", place=name, window=window))
            else:
                reply.say(self.t(prefix + "never_won", place=name))
            if others:
                key = "place.also_nominated" if wins else "place.nominated_years"
                reply.say(
                    self.t(key, place=name, years=self._as_named(others, name)),
                    *[f for _, _, f in others],
                )
            elif not wins:
                reply.say(self._never_nominated(name, window))
        if window and not wins and all_wins:  # the rest of the record, said plainly
            reply.say(
                self.t("place.also_won", place=name, years=self.years_text(all_wins)),
                *[self.h.winner(y) for y in all_wins],
            )
        elif window and not nominated and all_nominated:
            reply.say(
                self.t(
                    "place.nominated_years", place=name, years=self._as_named(all_nominated, name)
                ),
                *[f for _, _, f in all_nominated],
            )
        if not reply.years:
            reply.years = wins or [y for y, _, _ in others]
        return wins

    def _never_nominated(self, name: str, window: str) -> str:
        """«Moss står ikke blant de nominerte jeg kjenner til (før 2025).»"""
        if window:
            return self.t("place.never_nominated_window", place=name, window=window)
        return self.t("place.never_nominated", place=name)

    def _as_named(self, nominations: list[tuple[int, Entrant, Fact]], shown: str = "") -> str:
        """«2015 (som Skedsmo) og 2021»: years, with the name used then when it differs."""
        items = []
        for year, entrant, _ in nominations:
            label = self.h.label(year)
            if entrant.name not in (entrant.municipality.name, shown):
                label = self.t("place.year_as", label=label, name=entrant.name)
            items.append(label)
        return self.t.join(items)

    def _entrants_of(self, year: int) -> list[Entrant]:
        record = self.h.get(year)
        if record is None:
            return []
        found = list(record.nominees.value) if record.nominees else []
        if record.winner is not None:
            found.append(record.winner.value)
        return found

    def directors(self, request: Request, reply: Reply) -> None:
        """IMDi's directors over time (the jury was led by the director in early years)."""
        eras = self.kb.prize.directors
        if not eras:
            reply.say(self.t("gap.no_info"))
            return
        years = self._target_years(request)
        if not years and request.places:  # «… da Bærum vant»: the year it won
            years = self.h.wins(request.places[0])
        if years:
            last = self.h.awarded[-1] if self.h.awarded else self.h.first_year
            chosen = [e for e in eras if any(self._covers(e, y) and y <= last for y in years)]
            if chosen:
                reply.say(self.t("directors.year", labels=self.years_text(years)))
                for era in chosen:
                    reply.say(era.fact.value, era)
                return
        reply.say(self.t("directors.intro"))
        for era in eras:
            reply.say(era.fact.value, era)

    @staticmethod
    def _covers(era: Era[str], year: int) -> bool:
        return era.from_year <= year and (era.to_year is None or year <= era.to_year)

    def purpose(self, request: Request, reply: Reply) -> None:
        """What the prize is, and who awards it."""
        self.topic(request, reply)
        prize = self.kb.prize
        reply.say(
            self.t("purpose.organiser", short=prize.organiser_short, full=prize.organiser_full),
            prize.organiser,
        )

    def all_winners(self, request: Request, reply: Reply) -> None:
        """Every year with its winner or gap."""
        if request.years:
            self.winner(request, reply)
            return
        reply.say(self.t("all_winners.intro"))
        for record in self.h.years.values():
            if record.status == YearStatus.MERGED and record.merged_into:
                continue
            if record.winner is not None:
                text = self.t("all_winners.won", winner=self.entrant(record.winner.value))
                reply.cite(record.winner)
            elif record.status == YearStatus.NO_PRIZE:
                text = self.t("all_winners.no_prize")
                reply.cite(record.explanation)
            elif record.status == YearStatus.OPEN:
                text = self.t("all_winners.open")
            else:
                text = self.t("all_winners.unknown")
            reply.say(self.t("all_winners.line", label=record.label, text=text))
        reply.followups.append(FollowUp(self.t("followup.timeline"), "", "timeline"))
        reply.followups.append(FollowUp(self.t("followup.map"), "", "map"))

    def first_winner(self, request: Request, reply: Reply) -> None:
        """The first winner."""
        year = self.h.awarded[0] if self.h.awarded else None
        self._named_winner("first_winner.text", year, reply, self.kb.prize.first_year)

    def _named_winner(self, key: str, year: int | None, reply: Reply, *facts: Fact) -> None:
        """«Moss vant sist …»: the winner of ``year`` in the text ``key``, with its buttons."""
        winner = self.h.winner(year) if year is not None else None
        if year is None or winner is None:
            reply.say(self.t("gap.no_info"))
            return
        reply.say(
            self.t(key, winner=self.entrant(winner.value), label=self.h.label(year)),
            winner,
            *facts,
        )
        reply.years = [year]
        reply.municipality = winner.value.municipality.name
        self.winner_followups(year, reply)

    def latest_winner(self, request: Request, reply: Reply) -> None:
        """The most recent known winner, and later years without information."""
        year = self.h.latest_awarded(request.now.year, request.now)
        self._named_winner("latest_winner.text", year, reply)
        if year is None:
            return
        later = [
            y for y, r in self.h.years.items() if year < y <= request.now.year and r.winner is None
        ]
        if later:
            reply.say(self.t("latest_winner.later_unknown", labels=self.years_text(later)))

    def _reference(self, request: Request, reply: Reply) -> tuple[int, str] | None:
        """The year a before/after question is relative to, and how to name it."""
        if request.years:
            year = request.years[0]
            return self.h.resolve(year), self.t("relative.reference_year", label=self.h.label(year))
        if request.places:
            place = request.places[0]
            wins = self.h.wins(place)
            if not wins:
                reply.say(self.t("relative.place_never_won", place=self.place_name(place)))
                return None
            year = wins[-1]
            return year, self.t(
                "relative.reference_place", place=self.place_name(place), label=self.h.label(year)
            )
        reply.say(self.t("relative.need_reference"))
        return None

    def winner_before(self, request: Request, reply: Reply) -> None:
        """The winner before a year or a winner."""
        self._relative(request, reply, -1)

    def winner_after(self, request: Request, reply: Reply) -> None:
        """The winner after a year or a winner."""
        self._relative(request, reply, +1)

    def _relative(self, request: Request, reply: Reply, step: int) -> None:
        reference = self._reference(request, reply)
        if reference is None:
            return
        year, name = reference
        other = self.h.previous_awarded(year) if step < 0 else self.h.next_awarded(year)
        if other is None:
            key = "relative.none_before" if step < 0 else "relative.none_after"
            facts = (self.h.winner(year), self.kb.prize.first_year) if step < 0 else ()
            reply.say(self.t(key, reference=name, first_year=self.h.first_year), *facts)
            return
        winner = self.h.winner(other)
        assert winner is not None
        key = "relative.before" if step < 0 else "relative.after"
        reply.say(
            self.t(
                key, reference=name, winner=self.entrant(winner.value), label=self.h.label(other)
            ),
            winner,
        )
        first, last = sorted((year, other))
        unknown = self.h.unknown_between(first, last)
        if unknown:
            reply.say(self.t("relative.unknown_between", labels=self.years_text(unknown)))
        reply.years = [other]
        reply.municipality = winner.value.municipality.name
        self.winner_followups(other, reply)

    def county_winners(self, request: Request, reply: Reply) -> None:
        """Winners (and nominees) from a county."""
        if not request.counties:
            reply.say(self.t("county.need_county"))
            return
        counties = set(request.counties)
        county_text = self.t.join(sorted(counties))
        won: dict[str, list[int]] = {}
        nominated: dict[str, list[int]] = {}
        facts: list[Fact] = []
        for year, record in self.h.years.items():
            if record.winner is not None and record.winner.value.municipality.county in counties:
                won.setdefault(self.entrant(record.winner.value), []).append(year)
                facts.append(record.winner)
            if record.nominees is not None:
                for entrant in record.nominees.value:
                    if entrant.municipality.county in counties and not (
                        record.winner is not None and entrant.name == record.winner.value.name
                    ):
                        nominated.setdefault(self.entrant(entrant), []).append(year)
                        facts.append(record.nominees)
        if won:
            items = [
                self.t("county.item", name=n, labels=self.years_text(ys)) for n, ys in won.items()
            ]
            reply.say(self.t("county.winners", county=county_text, items=self.t.join(items)))
            reply.years = sorted(y for ys in won.values() for y in ys)  # for «Hvorfor vant de?»
            winners = {self.h.winner(y).value.municipality.name for y in reply.years}  # type: ignore[union-attr]
            if len(winners) == 1:
                reply.municipality = winners.pop()
        else:
            reply.say(self.t("county.none", county=county_text))
        if nominated:
            items = [
                self.t("county.item", name=n, labels=self.years_text(ys))
                for n, ys in nominated.items()
            ]
            reply.say(self.t("county.nominees", county=county_text, items=self.t.join(items)))
        reply.cite(*facts)
        reply.followups.append(FollowUp(self.t("followup.map"), "", "map"))

    def counties_won(self, request: Request, reply: Reply) -> None:
        """Which counties (2024) the winners are in, most wins first."""
        by_county: dict[str, list[tuple[int, str]]] = {}
        for year in self.h.awarded:
            winner = self.h.winner(year)
            if winner is None:
                continue
            by_county.setdefault(winner.value.municipality.county, []).append(
                (year, self.entrant(winner.value))
            )
            reply.cite(winner)
        if not by_county:
            reply.say(self.t("gap.no_info"))
            return
        ranked = sorted(by_county.items(), key=lambda item: (-len(item[1]), item[0]))
        reply.say(self.t("county.by_county_intro"))
        for county, wins in ranked:
            items = [self.t("county.item", name=n, labels=self.h.label(y)) for y, n in wins]
            reply.say(
                self.t(
                    "county.by_county_line",
                    county=county,
                    count=len(wins),
                    items=self.t.join(items),
                )
            )
        reply.followups.append(FollowUp(self.t("followup.map"), "", "map"))

    def organiser(self, request: Request, reply: Reply) -> None:
        """Who runs the prize and what IMDi stands for."""
        prize = self.kb.prize
        text = prize.organiser.value
        key = "organiser.named" if prize.organiser_full in text else "organiser.text"
        reply.say(self.t(key, text=text, full=prize.organiser_full), prize.organiser)

    def _era(self, eras: tuple[Era[str], ...], year: int | None) -> Era[str] | None:
        if not eras:
            return None
        if year is None:
            return max(eras, key=lambda e: e.from_year)
        for era in eras:
            if era.from_year <= year and (era.to_year is None or year <= era.to_year):
                return era
        return None

    def _era_text(self, era: Era[str]) -> str:
        if era.to_year is None:
            return self.t("criteria.era", from_year=era.from_year, text=era.fact.value)
        return self.t(
            "criteria.era_span", from_year=era.from_year, to_year=era.to_year, text=era.fact.value
        )

    def criteria(self, request: Request, reply: Reply) -> None:
        """What the prize rewards (by year, or the current criteria)."""
        eras = self.kb.prize.criteria
        if self._per_year(request, reply, "criteria", eras, "criteria", era_heading=True):
            return
        era = self._era(self.kb.prize.criteria, None)
        if era is None:
            self.topic(Request("purpose", request.now), reply)
            return
        reply.say(self._era_text(era), era)

    def how_chosen(self, request: Request, reply: Reply) -> None:
        """How the winner is chosen (by year, or the overview)."""
        eras = self.kb.prize.selection
        if self._per_year(request, reply, "decision", eras, "how_chosen", era_heading=False):
            return
        self.topic(Request("how_chosen", request.now), reply)

    def _per_year(
        self,
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
        years = self._target_years(request)
        if not years:
            return False
        for year, record in self._rounds(years, reply):
            own = getattr(record, attribute)
            if own is not None:
                reply.say(self.t(f"{prefix}.year", label=record.label, text=own.value), own)
                continue
            era = self._era(eras, year)
            if era is None:
                reply.say(self.t(f"{prefix}.unknown_year", label=record.label))
                continue
            text = (
                self._era_text(era)
                if era_heading
                else self.t(f"{prefix}.year", label=record.label, text=era.fact.value)
            )
            reply.say(text, era)
        reply.years = years
        return True

    def award(self, request: Request, reply: Reply) -> None:
        """When and where the prize was handed out."""
        years = self._target_years(request)
        if not years and request.places:
            years = self.h.wins(request.places[0])
        if not years:  # a round under way: its coming award
            years = [
                y for y, at in self._award_times() if y <= request.now.year and at > request.now
            ]
            years = years[:1]
        if not years:
            self.topic(Request("venue", request.now), reply)
            if self.kb.prize.topics.get("timing") is not None:
                self.topic(Request("timing", request.now), reply)
            return
        reply.years = years
        for _year, record in self._rounds(years, reply):
            pieces = [
                (record.award_date, "award.date"),
                (record.award_event, "award.event"),
                (record.award_place, "award.place"),
            ]
            if all(fact is None for fact, _ in pieces):
                reply.say(self.t("award.unknown", label=record.label))
                continue
            reply.say(self.t("award.intro", label=record.label))
            for fact, key in pieces:
                if fact is None:
                    continue
                if key == "award.date":
                    if fact.value.to_datetime(default=_MIDNIGHT) > request.now:
                        key = "award.date_future"
                    reply.say(self.t(key, date=self.t.date(fact.value)), fact)
                else:
                    reply.say(self.t(key, text=fact.value), fact)
                if len(years) == 1:
                    reply.note(fact)

    def _award_times(self) -> list[tuple[int, datetime]]:
        """(year, moment of the award) for every year whose award date is known, in year order
        (a date without a time counts from midnight)."""
        return [
            (y, r.award_date.value.to_datetime(default=_MIDNIGHT))
            for y, r in self.h.years.items()
            if r.award_date is not None
        ]

    def next_award(self, request: Request, reply: Reply) -> None:
        """When the next award is: the coming one if known, else the last one and the usual time
        of year."""
        times = self._award_times()
        coming = [y for y, at in times if at > request.now]
        if coming:
            self.award(Request("award", request.now, years=coming[:1]), reply)
            return
        last = max((y for y, at in times if at <= request.now), default=None)
        record = self.h.get(last) if last is not None else None
        if record is None or record.award_date is None:
            reply.say(self.t("award.next_unknown"))
        else:
            reply.say(
                self.t(
                    "award.next_unknown_last",
                    label=record.label,
                    date=self.t.date(record.award_date.value),
                ),
                record.award_date,
            )
            reply.years = [last]
        if self.kb.prize.topics.get("timing") is not None:
            self.topic(Request("timing", request.now), reply)
        reply.followups.append(FollowUp(self.t("followup.subscribe"), "", "subscribe"))

    def _year_fact(self, request: Request, reply: Reply, attribute: str, prefix: str) -> None:
        years = self._target_years(request)
        if not years and request.places:
            years = self.h.wins(request.places[0])
        years = years or self.need_year(request)
        reply.years = years
        for _year, record in self._rounds(years, reply):
            fact = getattr(record, attribute)
            winner = self.entrant(record.winner.value) if record.winner else ""
            if fact is None:
                reply.say(self.t(f"{prefix}.unknown", label=record.label, winner=winner))
                continue
            reply.say(
                self.t(f"{prefix}.text", label=record.label, text=fact.value, winner=winner),
                fact,
                record.winner,
            )
            if len(years) == 1:
                reply.note(fact)

    def handed_by(self, request: Request, reply: Reply) -> None:
        """Who handed the prize over."""
        self._year_fact(request, reply, "handed_by", "handed_by")

    def received_by(self, request: Request, reply: Reply) -> None:
        """Who received the prize."""
        self._year_fact(request, reply, "received_by", "received_by")

    def reasoning(self, request: Request, reply: Reply) -> None:
        """Why a municipality won."""
        years = self._target_years(request)
        if not years and request.places:
            years = self.h.wins(request.places[0])
            if not years:
                reply.say(self.t("reasoning.never_won", place=self.place_name(request.places[0])))
                return
        if not years:
            reply.say(self.t("reasoning.need_year"))
            return
        reply.years = years
        for year in years[:MAX_YEARS]:
            record = self.h.get(year)
            if record is None or record.winner is None:
                self.gap(year, reply, nearby=False)
                continue
            winner = self.entrant(record.winner.value)
            reply.municipality = record.winner.value.municipality.name
            if record.reasoning is None:
                reply.say(self.t("reasoning.unknown", label=record.label, winner=winner))
                continue
            reply.say(
                self.t(
                    "reasoning.text", label=record.label, winner=winner, text=record.reasoning.value
                ),
                record.reasoning,
            )
        if len(years) == 1:
            year = years[0]
            reply.followups.append(FollowUp(self.t("followup.nominees"), f"nominerte {year}"))
            self._neighbour_followups(year, reply)
            reply.followups.append(FollowUp(self.t("followup.map"), str(year), "map"))

    def project(self, request: Request, reply: Reply) -> None:
        """What a named project is (or the projects of a municipality)."""
        if request.projects:
            for ref in request.projects[:5]:
                project = ref.project
                reply.say(
                    self.t(
                        "project.text",
                        name=project.name,
                        municipality=project.municipality,
                        label=self.h.label(ref.year),
                        text=project.description,
                    )
                )
                reply.cite(Fact(None, project.sources))
            reply.years = [request.projects[0].year]
            first = request.projects[0]
            for entrant in self._entrants_of(first.year):
                if entrant.name == first.project.municipality:
                    reply.municipality = entrant.municipality.name
            return
        if request.places:
            place = request.places[0]
            found = [
                (year, p)
                for year, record in self.h.years.items()
                for p in record.projects
                if p.municipality in (place.name, place.said, place.entrant)
            ]
            if not found:
                reply.say(self.t("project.none", place=self.place_name(place)))
                return
            items = [self.t("project.item", name=p.name, label=self.h.label(y)) for y, p in found]
            reply.say(
                self.t("project.list", place=self.place_name(place), items=self.t.join(items))
            )
            for _, p in found:
                reply.cite(Fact(None, p.sources))
            return
        years = self._target_years(request)
        if years:
            found = [(y, p) for y in years for p in getattr(self.h.get(y), "projects", ())]
            if not found:
                reply.say(self.t("project.none_year", labels=self.years_text(years)))
                return
            items = [
                self.t("project.item_of", name=p.name, municipality=p.municipality)
                for _, p in found
            ]
            reply.say(
                self.t("project.year_list", labels=self.years_text(years), items=self.t.join(items))
            )
            for _, p in found:
                reply.cite(Fact(None, p.sources))
            reply.years = years
            return
        names = [p.name for r in self.h.years.values() for p in r.projects][:6]
        reply.say(self.t("project.need_name", items=self.t.join(names)))

    def prize_money(self, request: Request, reply: Reply) -> None:
        """Prize money: unknown unless the curators add it as a topic."""
        fact = self.kb.prize.topics.get("prize_money")
        if fact is not None:
            reply.say(fact.value, fact)
        else:
            reply.say(self.t("prize_money.text"))

    def topic(self, request: Request, reply: Reply) -> None:
        """A prize-level topic text (``purpose``, ``renaming``, ``since_when`` …)."""
        fact = self.kb.prize.topics.get(request.intent)
        if fact is None:
            reply.say(self.t("topic.unknown"))
            return
        text = self._as_of(fact.value, request.now)
        if text:
            reply.say(text, fact)

    def _as_of(self, text: str, now: datetime) -> str:
        """``text`` without the sentences about years or dates after ``now`` (an injected past
        clock must not hear about later rounds)."""
        sentences = _SENTENCE.split(text)
        kept = [s for s in sentences if not self._later_than(s, now)]
        return " ".join(kept)

    def _later_than(self, sentence: str, now: datetime) -> bool:
        if any(int(y) > now.year for y in _YEAR.findall(sentence)):
            return True
        for day, month, year in _DATE.findall(sentence):
            if month in self.t.months:
                number = self.t.months.index(month) + 1
                if (int(year), number, int(day)) > (now.year, now.month, now.day):
                    return True
        return False

    # -- voting -----------------------------------------------------------------------

    def _windows(self) -> list[tuple[PrizeYear, VoteWindow]]:
        return [
            (r, r.vote)
            for r in self.h.years.values()
            if r.vote.opens is not None or r.vote.closes is not None or r.vote.description
        ]

    def _open_now(self, now: datetime) -> tuple[PrizeYear, VoteWindow] | None:
        for record, window in self._windows():
            opens = window.opens.value.to_datetime(default=_MIDNIGHT) if window.opens else None
            closes = window.closes.value.to_datetime() if window.closes else None
            if opens is None and closes is not None:
                opens = closes - ASSUMED_WINDOW  # only «early November» is known
            if opens is not None and opens <= now and (closes is None or now <= closes):
                return record, window
        return None

    def _upcoming(self, now: datetime) -> tuple[PrizeYear, VoteWindow] | None:
        for record, window in self._windows():
            if record.year > now.year + 1:
                continue  # a round the user could not know about yet
            if window.opens is not None and window.opens.value.to_datetime(default=_MIDNIGHT) > now:
                return record, window
        return None

    def _last_closed(self, now: datetime) -> tuple[PrizeYear, VoteWindow] | None:
        past = [
            (r, w)
            for r, w in self._windows()
            if w.closes is not None and w.closes.value.to_datetime() < now
        ]
        return past[-1] if past else None

    def _window_text(self, window: VoteWindow) -> str:
        if window.opens is not None and window.closes is not None:
            same_year = window.opens.value.day.year == window.closes.value.day.year
            return self.t(
                "vote.window_both",
                opens=self.t.date(window.opens.value, with_year=not same_year),
                closes=self.t.date(window.closes.value),
            )
        if window.closes is not None:
            return self.t("vote.window_close", closes=self.t.date(window.closes.value))
        if window.description is not None:
            return self.t("vote.window_description", text=window.description.value)
        return self.t("gap.no_info")

    def vote_status(self, request: Request, reply: Reply, *, when: bool = False) -> None:
        """Is a vote open now? Otherwise the next or the last known window.

        ``when`` (a «når …?» question) leads with the date instead of «Ja»/«Nei»."""
        now = request.now
        if request.years:
            self.vote_when(request, reply)
            return
        prefix = "vote.when_" if when else "vote."
        current = self._open_now(now)
        if current is not None:
            record, window = current
            if window.closes is not None:
                key = "open"
                if when and request.focus == "open" and window.opens is not None:
                    key = "open_opened"
                reply.say(
                    self.t(
                        prefix + key,
                        label=record.label,
                        closes=self.t.date(window.closes.value),
                        opens=self.t.date(window.opens.value) if window.opens else "",
                    ),
                    window.opens,
                    window.closes,
                )
            else:
                reply.say(self.t(prefix + "open_no_close", label=record.label), window.opens)
            self._how(window, reply)
            reply.years = [record.year]
            reply.followups.append(FollowUp(self.t("followup.subscribe"), "", "subscribe"))
            return
        upcoming = self._upcoming(now)
        if upcoming is not None:
            record, window = upcoming
            reply.say(
                self.t(
                    prefix + "upcoming", label=record.label, opens=self.t.date(window.opens.value)
                ),
                window.opens,
            )
            reply.years = [record.year]
            reply.followups.append(FollowUp(self.t("followup.subscribe"), "", "subscribe"))
            return
        reply.say(self.t(prefix + "none_open"))
        last = self._last_closed(now)
        if last is not None:
            record, window = last
            reply.say(
                self.t("vote.last_known", label=record.label, window=self._window_text(window)),
                window.opens,
                window.closes,
                window.description,
            )
            reply.years = [record.year]
        reply.say(self.t("vote.subscribe_hint"))
        reply.followups.append(FollowUp(self.t("followup.subscribe"), "", "subscribe"))

    def vote_when(self, request: Request, reply: Reply) -> None:
        """When voting opens/closes, for a year or the current/last window."""
        years = self._target_years(request)
        if not years:
            self.vote_status(request, reply, when=True)
            return
        reply.years = years
        focus = request.focus
        for year in years[:MAX_YEARS]:
            record = self.h.get(year)
            if (
                record is None
                or record.status in (YearStatus.NO_PRIZE, YearStatus.MERGED)
                or year < self.h.first_year
            ):
                self.gap(year, reply, nearby=False)
                continue
            window = record.vote
            if window.public is not None and window.public.value is False:
                reply.say(self.t("vote.no_public", label=record.label), window.public)
                continue
            if window.opens is None and window.closes is None and window.description is None:
                pending = record.winner is None and year >= request.now.year
                key = "vote.unknown_future" if pending else "vote.unknown"
                reply.say(self.t(key, label=record.label), window.public)
                continue
            if window.opens is not None and window.closes is not None:
                self._span(record, window, focus, request.now, reply)
                continue
            opening = Reply()
            if window.opens is not None:
                future = window.opens.value.to_datetime(default=_MIDNIGHT) > request.now
                key = "vote.opens_future" if future else "vote.opens_text"
                opening.say(
                    self.t(key, label=record.label, opens=self.t.date(window.opens.value)),
                    window.opens,
                )
            elif window.description is not None:
                opening.say(window.description.value, window.description)
            else:
                opening.say(self.t("vote.opens_unknown", label=record.label))
            closing = Reply()
            if window.closes is not None:
                future = window.closes.value.to_datetime() > request.now
                key = "vote.closes_future" if future else "vote.closes_text"
                closing.say(
                    self.t(key, label=record.label, closes=self.t.date(window.closes.value)),
                    window.closes,
                )
            elif window.description is None:
                closing.say(self.t("vote.closes_unknown", label=record.label))
            parts = (closing, opening) if focus == "close" else (opening, closing)
            if not closing.parts:
                parts = (opening,)
            for part in parts:
                reply.parts.extend(part.parts)
                reply.cite(Fact(None, tuple(part.sources)))

    def _span(
        self, record: PrizeYear, window: VoteWindow, focus: str, now: datetime, reply: Reply
    ) -> None:
        """One sentence for a window with both ends known, the asked end first."""
        assert window.opens is not None and window.closes is not None
        opens, closes = window.opens.value, window.closes.value
        if opens.to_datetime(default=_MIDNIGHT) > now:
            tense = "future"
        elif closes.to_datetime() > now:
            tense = "now"
        else:
            tense = "past"
        same_year = opens.day.year == closes.day.year
        reply.say(
            self.t(
                f"vote.span_{focus}_{tense}",
                label=record.label,
                opens=self.t.date(opens, with_year=not same_year),
                closes=self.t.date(closes),
            ),
            window.opens,
            window.closes,
        )

    def _how(self, window: VoteWindow, reply: Reply) -> bool:
        """Say how and where to vote in ``window``; False when nothing is known."""
        said = False
        if window.how is not None:
            reply.say(self.t("vote.how_text", text=window.how.value), window.how)
            said = True
        if window.url is not None:
            reply.say(self.t("vote.url", url=window.url.value), window.url)
            said = True
        return said

    def vote_how(self, request: Request, reply: Reply) -> None:
        """How and where to vote: the open (or next) window, else how the last ones went."""
        years = self._target_years(request)
        now_open = self._open_now(request.now) or self._upcoming(request.now)
        if years and not (now_open is not None and years == [now_open[0].year]):
            reply.years = years
            for _year, record in self._rounds(years, reply):
                window = record.vote
                if window.public is not None and window.public.value is False:
                    reply.say(self.t("vote.no_public", label=record.label), window.public)
                elif window.how is not None:
                    reply.say(
                        self.t("vote.how_line", label=record.label, text=window.how.value),
                        window.how,
                    )
                    if window.url is not None:
                        reply.say(self.t("vote.url", url=window.url.value), window.url)
                else:
                    reply.say(self.t("vote.unknown", label=record.label), window.public)
            return
        current = self._open_now(request.now) or self._upcoming(request.now)
        if current is None or not self._how(current[1], reply):
            past = [
                (record, window)
                for record, window in self._windows()
                if window.how is not None
                and (window.closes is None or window.closes.value.to_datetime() < request.now)
                and self.h.known_by(record.year, request.now)
            ][-MAX_HOW_YEARS:]
            if past:
                reply.say(self.t("vote.how_history"))
                for record, window in reversed(past):
                    assert window.how is not None
                    reply.say(
                        self.t("vote.how_line", label=record.label, text=window.how.value),
                        window.how,
                    )
                reply.years = [past[-1][0].year]
            else:
                reply.say(self.t("vote.how_unknown"))
        if current is None:
            reply.say(self.t("vote.how_next"))
        reply.followups.append(FollowUp(self.t("followup.vote"), "er avstemningen apen"))
        reply.followups.append(FollowUp(self.t("followup.subscribe"), "", "subscribe"))

    # -- pictures ---------------------------------------------------------------------

    def map(self, request: Request, reply: Reply) -> None:
        """Short text; the picture is sent by the front end (FollowUp action ``map``)."""
        years = self._target_years(request)
        if years and self.h.get(years[0]) is not None:
            reply.say(self.t("map.year", label=self.h.label(years[0])))
            reply.followups.append(FollowUp(self.t("followup.map"), str(years[0]), "map"))
            reply.years = years[:1]
        else:
            reply.say(self.t("map.text"))
            reply.followups.append(FollowUp(self.t("followup.map"), "", "map"))

    def timeline(self, request: Request, reply: Reply) -> None:
        """Short text; the picture is sent by the front end (FollowUp action ``timeline``)."""
        reply.say(self.t("timeline.text"))
        reply.followups.append(FollowUp(self.t("followup.timeline"), "", "timeline"))
