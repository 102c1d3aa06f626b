"""Turn an understood question into a :class:`Request`: fill its years and municipality from
the conversation when the question points back, resolve «året før/etter», and remember what an
answer was about for the next turn."""

from __future__ import annotations

from datetime import datetime

from bot.engine.answers import Composer, Reply, Request
from bot.engine.answers.common import awarded_between, step_year
from bot.engine.extract import PLACEHOLDERS, Parsed
from bot.engine.followup import ASKED_YEAR_LIST, stands_alone
from bot.engine.frames import Frames
from bot.engine.history import History
from bot.engine.intents import IntentSpec
from bot.engine.lexicon import Synonyms
from bot.engine.normalise import words
from bot.engine.places import Place, PlaceIndex
from bot.engine.regions import Region, named
from bot.engine.types import Conversation
from bot.engine.understanding import Understanding
from bot.knowledge.models import YearStatus

WINNER_FACTS = frozenset({"reasoning", "received_by", "handed_by"})
"""Answers about a winner's year: a municipality named in a follow-up picks the year (its
wins), so the conversation's year is not kept («Hvem tok imot prisen i 2023?» → «Og for
Moss?» is about 2025)."""
ASKED_YEARS = "asked_years"
"""Context key: whether the last question named a year (else its years were only the answer's).
A follow-up naming another municipality («Og Bærum?») reuses years only when they were asked."""
WHY = "hvorfor"
"""The canonical «why» question word: a why follow-up keeps the year the user asked about."""
STATEMENT_INTENT = "statement"
NOMINATED_WORD = "nominert"
NOMINATION_ORDER = {"forste": 0, "forst": 0, "siste": -1, "forrige": -1}
"""«Hvorfor ble de nominert sist / første gang?»: which of a municipality's nominations."""
"""The conversation's intent after a statement that was not understood as a question of its
own: no intent continues it, but its names and years are there to point back at."""
ROUND_PEOPLE = frozenset({"place_people"})
"""Who spoke for a municipality at its round («Hvem var ordfører der da?» after a winner): a
follow-up that moves the year («Og året etter?», «Og i 2018?») moves to that year's round, so
it asks about that round's winner, not the same municipality in another year."""
RELATIVE_INTENTS = ("winner_before", "winner_after")
"""«Året før/etter <kommune>» when that municipality has no known win: these answers say so."""


class RequestBuilder:
    """Builds requests for one engine (its intents, synonyms, frames, places and composer)."""

    def __init__(
        self,
        intents: dict[str, IntentSpec],
        synonyms: Synonyms,
        understanding: Understanding,
        frames: Frames,
        composer: Composer,
        index: PlaceIndex,
        regions: tuple[Region, ...] = (),
        tails: tuple[str, ...] = (),
        venues: dict[str, tuple[int, ...]] | None = None,
    ) -> None:
        self.intents = intents
        self.synonyms = synonyms
        self.understanding = understanding
        self.frames = frames
        self.composer = composer
        self.index = index
        self.regions = regions
        self.tails = tails
        """Second parts of «vestlands|kommuner» (``compound_tails`` in regions.yaml)."""
        self.venues = venues or {}
        """Names of award events and venues («maihaugen») → the prize years handed out there."""

    def _in_rounds(self, places: list[Place], years: tuple[int, ...], now: datetime) -> bool:
        """Whether every municipality named was nominated in one of ``years`` (as known at
        ``now``); True when none is named."""
        view = self.composer.view_at(now)
        wanted = set(years)
        return all({y for y, _, _ in view.nominations(p)} & wanted for p in places)

    def names_venue(self, parsed: Parsed) -> bool:
        """Whether the question names an award venue or event («Maihaugen») and no year: the
        venue stands for the years handed out there, so it fills the year slot."""
        return not parsed.years and any(w in self.venues for w in parsed.words)

    def has_context(self, context: Conversation | None) -> bool:
        return context is not None and context.intent is not None

    def continued_intent(self, parsed: Parsed, context: Conversation | None) -> str | None:
        """The last intent, when an elliptic question («og 2015?», «Og året før?») continues
        it; otherwise None."""
        if context is None or context.intent is None or context.intent not in self.intents:
            return None
        if not parsed.elliptic or stands_alone(parsed.question, self.understanding.requests):
            return None
        slots = parsed.years or parsed.places or parsed.counties or parsed.year_offset
        return context.intent if slots else None

    def ignoring_slots(self, parsed: Parsed) -> frozenset[str]:
        """Intents that would ignore a county or project named in the question."""
        named = set()
        if parsed.counties:
            named.add("county")
        if parsed.projects:
            named.add("project")
        if not named:
            return frozenset()
        return frozenset(n for n, spec in self.intents.items() if not named & spec.uses)

    def allowed(self, parsed: Parsed, context: Conversation | None) -> set[str]:
        """Intents whose required slots are present (or available from the context)."""
        have = set()
        if parsed.places or (context is not None and context.municipality):
            have.add("municipality")
        if parsed.counties:
            have.add("county")
        if parsed.projects:
            have.add("project")
        if parsed.years or parsed.year_offset or (context is not None and context.years):
            have.add("year")
        return {name for name, spec in self.intents.items() if spec.needs <= have}

    def _about_me_now(self, intent: str, parsed: Parsed) -> bool:
        """«Kan jeg stemme flere ganger?»: a vote question about the user, without «da» or a
        year of its own, is about the vote now, not the year the conversation was about."""
        asked = set(words(parsed.question))
        return (
            intent.startswith("vote")
            and not parsed.elliptic
            and bool(asked & self.synonyms.self_words)
            and not asked & self.synonyms.then_words
        )

    def _when_won(self, parsed: Parsed) -> bool:
        """«… da Drammen vant», «… da de vant prisen»: a clause naming the winning round."""
        asked = set(words(parsed.question))
        return bool(asked & self.synonyms.clause_words) and bool(
            set(parsed.words) & self.synonyms.winner_words
        )

    def build(
        self,
        intent: str,
        parsed: Parsed,
        context: Conversation | None,
        now: datetime,
    ) -> Request:
        spec = self.intents[intent]
        years = list(parsed.years)
        places = list(parsed.places)
        usable = context is not None and not context.expired(now)
        elliptic = parsed.elliptic
        if usable and context is not None:
            context_place = self.place(context)
            if (
                not places
                and context_place is not None
                and (
                    "municipality" in spec.needs
                    or parsed.pronoun
                    or (elliptic and "municipality" in spec.uses)
                    or (  # a statement named only a place: «Jeg leste om Levanger. Hvorfor?»
                        context.intent == STATEMENT_INTENT
                        and not context.years
                        and not years
                        and "municipality" in spec.uses
                    )
                )
            ):
                places = [context_place]
            if (
                not years
                and context.years
                and "year" in spec.uses
                and (
                    not places
                    or elliptic
                    or parsed.year_offset
                    or bool(set(words(parsed.question)) & self.synonyms.then_words)  # «… da?»
                    or self._bare_relation(parsed)  # «Har de vunnet før?»: before that year
                    or (  # «Vant Asker i 2018?» → «Hvorfor (det)?»: why, that year
                        self.frames.ask_of(parsed.words) == WHY
                        and bool(context.extra.get(ASKED_YEARS, False))
                        # «Hvorfor Lørenskog?» after the 2018 list: that round; «Hvorfor ble
                        # Gjøvik nominert?» after 2014, a round without Gjøvik: every round
                        and self._in_rounds(parsed.places, context.years, now)
                    )
                    or not {"municipality"} & (spec.needs | spec.uses)  # «og de nominerte?»
                )
                and not (intent in WINNER_FACTS and parsed.places)
                and not (parsed.places and not context.extra.get(ASKED_YEARS, True))
                and not (parsed.places and self._when_won(parsed))  # «… i Tønsberg da de vant»
                and not self._about_me_now(intent, parsed)
            ):
                years = list(context.years)
                pivot = list(context.extra.get(ASKED_YEAR_LIST) or [])[:1]
                if pivot and self._bare_relation(parsed):  # the year asked about, not answered
                    years = pivot
        view = self.composer.view_at(now)  # the facts as known at ``now``
        when_won = bool(places) and "year" in spec.uses and self._when_won(parsed)
        if not years and when_won:
            years = view.wins(places[0]) or years  # «da de vant»: the round it won
        if parsed.last_n:  # the last N prize years up to the latest announced winner
            latest = view.latest_awarded(now.year, now) or now.year
            rounds = [y for y, r in view.years.items() if y <= latest and not r.merged_into]
            years = rounds[-parsed.last_n :]
        offset = parsed.year_offset
        if offset and not parsed.years and parsed.places:
            wins = view.wins(parsed.places[0])
            if wins:  # «året før Drammen» = the year before Drammen won
                years, places, intent = [wins[-1]], [], self.synonyms.relative_intent
            else:  # no win known at ``now``: the before/after answer says so («Moss har ikke …»)
                intent, offset = RELATIVE_INTENTS[offset > 0], 0
        if offset:
            asked_before: list[int] = []
            remembered: list[int] = []
            if usable and context is not None:  # the year asked last, else the answer's first
                asked_before = list(context.extra.get(ASKED_YEAR_LIST) or [])[:1]
                remembered = asked_before or list(context.years[:1])
            latest = view.latest_awarded(now.year, now) or now.year
            written = list(parsed.years[:1]) or asked_before
            if written:  # a year the user wrote: «året før 2020» is 2019 (merged or not)
                years = [written[0] + offset]
            else:
                base = years[:1] or remembered or [latest]
                years = [self._offset(view, base[0], offset)]
        if not parsed.years and places and "year" in spec.uses:
            years = self._nomination_asked(view, parsed, places[0]) or years
        venue_years = [y for w in parsed.words for y in self.venues.get(w, ()) if y in view.years]
        if venue_years and not parsed.years and "year" in spec.uses:  # «prisen på Maihaugen»
            years = sorted(set(venue_years))
        days = None
        if parsed.days is not None and not parsed.years and "year" in spec.uses:
            found = awarded_between(view, *parsed.days, now)
            if found:  # «Hvem vant i går?»: the award that day
                years = found
            elif parsed.days_exact:  # a day or week without an award: the answer says so
                years, days = [], parsed.days
        if intent in ROUND_PEOPLE and usable and context is not None and not parsed.places:
            intent, places = self._next_round(view, context, intent, years, places, now)
        asked = set(parsed.words)
        return Request(
            intent=intent,
            now=now,
            years=years,
            places=places,
            counties=list(parsed.counties),
            region=named(self.regions, parsed.county_said, self.tails),
            regions=self.regions,
            projects=list(parsed.projects),
            relation=self._relation(parsed),
            focus=self._focus(parsed),
            besides=self._besides(parsed, context, places),
            statement=bool(asked & self.synonyms.statement_words)
            or self.frames.ask_of(parsed.words) is not None  # «Hvem vant først …?» is no yes/no
            or (parsed.elliptic and bool(asked & self.synonyms.same_words)),  # «var det likt …?»
            repeat=bool(asked & self.synonyms.repeat_words),
            words=list(parsed.words),
            days=days,
            when_won=when_won,
        )

    def _nomination_asked(self, view: History, parsed: Parsed, place: Place) -> list[int]:
        """«Hvorfor ble de nominert sist?»: the year of that one nomination (the latest, or
        with «første» the first) of a why-question about a municipality's nominations."""
        if self.frames.ask_of(parsed.words) != WHY or NOMINATED_WORD not in parsed.words:
            return []
        order = [NOMINATION_ORDER[w] for w in parsed.words if w in NOMINATION_ORDER]
        nominated = sorted({y for y, _, _ in view.nominations(place)})
        if len(set(order)) != 1 or not nominated:
            return []
        return [nominated[order[0]]]

    def _next_round(
        self,
        view: History,
        context: Conversation,
        intent: str,
        years: list[int],
        places: list[Place],
        now: datetime,
    ) -> tuple[str, list[Place]]:
        """A question about the people at a winner's round, moved to another year: that
        year's winner (known at ``now``), or the winner question when the year has none (no
        prize for 2017, not awarded yet), which says so. Unchanged unless the municipality
        talked about won the year talked about (or that year had no round: «Og året etter?»
        went to 2017) and the question moved the year."""
        before = [view.resolve(y) for y in context.years[:1]]
        if not years or not places or not before or view.resolve(years[0]) == before[0]:
            return intent, places
        won = view.winner(before[0])
        record = view.get(before[0])
        if won is None and (record is None or record.status != YearStatus.NO_PRIZE):
            return intent, places
        if won is not None and not view.matches(won.value, places[0]):
            return intent, places
        year = view.resolve(years[0])
        winner = view.winner(year)
        if winner is None or not view.known_by(year, now):
            return self.synonyms.relative_intent, []
        entrant = winner.value
        found = self.index.places.get(tuple(words(entrant.name)))
        said = Place(entrant.municipality, entrant.name, entrant.name if entrant.district else None)
        return intent, [found or said]

    def _besides(
        self, parsed: Parsed, context: Conversation | None, places: list[Place]
    ) -> Place | None:
        """«Hvem andre var nominert?»: the municipality named or talked about last."""
        if not set(parsed.words) & self.synonyms.other_words:
            return None
        if places:
            return places[0]
        return self.place(context) if context is not None else None

    def _focus(self, parsed: Parsed) -> str:
        """«Når stenger …» → ``close``, «Når åpner …» → ``open``, otherwise ``both``."""
        asked = set(parsed.words)
        if asked & self.synonyms.close_words:
            return "close"
        if asked & self.synonyms.open_words:
            return "open"
        return "both"

    def _relation(self, parsed: Parsed) -> int:
        """«før 2021» → -1, «etter 2021» → +1 (from the canonical words). Only a year or a
        municipality right after the word is its pivot: in «nominert før de vant? kanskje
        2015» the year is a guess, not the end of a window."""
        before, after = self.synonyms.relation_words
        for word, sign in ((before, -1), (after, 1)):
            if word in parsed.words:
                following = parsed.words[parsed.words.index(word) + 1 :][:1]
                if not following or following[0] in PLACEHOLDERS:
                    return sign
        return 0

    def _bare_relation(self, parsed: Parsed) -> bool:
        """True when «før»/«etter» ends the question without its own pivot («Har de vunnet
        før?»): the year talked about is the pivot."""
        return bool(parsed.words) and parsed.words[-1] in self.synonyms.relation_words

    def _offset(self, view: History, year: int, offset: int) -> int:
        step = 1 if offset > 0 else -1
        for _ in range(abs(offset)):
            year = step_year(view, view.resolve(year), step)
        return year

    def place(self, context: Conversation) -> Place | None:
        if not context.municipality:
            return None
        said = context.extra.get("place_said", context.municipality)
        return self.index.places.get(tuple(words(said))) or self.index.places.get(
            tuple(words(context.municipality))
        )

    def remember(self, context: Conversation, intent: str, reply: Reply, now: datetime) -> None:
        context.intent = intent
        if reply.years:
            context.years = tuple(reply.years)
        if reply.municipality:
            context.municipality = reply.municipality
            context.extra["place_said"] = reply.municipality
        context.updated_at = now
