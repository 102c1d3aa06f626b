"""The answer engine: normalise → extract → pick intent → compose, with context.

This module understands the question and keeps the conversation; the answer itself is composed
in :mod:`bot.engine.answers` (add an intent's handler in ``answers/table.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from bot.clock import OSLO
from bot.engine.answers import Composer, Reply, Request
from bot.engine.answers.common import step_year
from bot.engine.answers.outcome import answered, combined, refused, suggested
from bot.engine.answers.table import REQUIRED_TEXTS
from bot.engine.extract import Extractor, Parsed
from bot.engine.followup import (
    ASKED_YEAR_LIST,
    bare_question,
    names_a_contest,
    off_topic_place,
    stands_alone,
)
from bot.engine.frames import Frames, load_frames
from bot.engine.history import History
from bot.engine.lemmas import Lemmatiser
from bot.engine.lexicon import IntentSpec, Synonyms, load_intents, load_synonyms
from bot.engine.matcher import THRESHOLD, Candidate, IntentMatcher, decide
from bot.engine.normalise import words
from bot.engine.otherprize import OtherPrizeFinder
from bot.engine.places import Place, PlaceIndex
from bot.engine.regions import Region, aliases, check_counties, load_regions, region_of
from bot.engine.texts import Texts, load_texts
from bot.engine.types import Answer, Conversation
from bot.engine.understanding import Understanding, load_understanding
from bot.engine.wrapper import readings
from bot.knowledge.models import KnowledgeBase
from bot.knowledge.yamlio import KnowledgeError, KnowledgeIssue

MAX_SUGGESTIONS = 3
WINNER_FACTS = frozenset({"reasoning", "received_by", "handed_by"})
"""Answers about a winner's year: a municipality named in a follow-up picks the year (its
wins), so the conversation's year is not kept («Hvem tok imot prisen i 2023?» → «Og for
Moss?» is about 2025)."""
ASKED_YEARS = "asked_years"
"""Context key: whether the last question named a year (else its years were only the answer's).
A follow-up naming another municipality («Og Bærum?») reuses years only when they were asked."""
SMALL_TALK_MIN = 0.9
"""Greetings, thanks and help need a near-exact match (they carry no prize signal)."""
ELLIPTIC_CONFIDENCE = 0.9
"""Confidence reported when a follow-up («og 2015?») reuses the previous intent."""
RELATIVE_INTENTS = ("winner_before", "winner_after")
"""«Året før/etter <kommune>» when that municipality has no known win: these answers say so."""
_EXAMPLE_NOW = datetime(2000, 1, 1, tzinfo=OSLO)
"""Examples are normalised with a fixed clock: only their shape matters."""


@dataclass(frozen=True)
class EngineFiles:
    """The engine's own curated files, validated."""

    intents: dict[str, IntentSpec]
    synonyms: Synonyms
    texts: Texts
    understanding: Understanding
    frames: Frames
    regions: tuple[Region, ...] = ()


def load_engine_files(directory: Path) -> EngineFiles:
    """Read intents.yaml, synonyms.yaml, understanding.yaml, frames.yaml (its words read through
    the synonyms, its intents checked against intents.yaml) and texts/engine.yaml; raise with
    every issue."""
    issues: list[KnowledgeIssue] = []
    loaded: dict[str, object] = {}
    for key, loader in (
        ("intents", load_intents),
        ("synonyms", load_synonyms),
        ("texts", load_texts),
        ("understanding", load_understanding),
        ("regions", load_regions),
    ):
        try:
            loaded[key] = loader(directory)
        except KnowledgeError as exc:
            issues.extend(exc.issues)
    if "synonyms" in loaded:
        synonyms: Synonyms = loaded["synonyms"]  # type: ignore[assignment]

        def canonical(word: str) -> str:
            key = tuple(word.split())
            return " ".join(synonyms.words.get(key, key))

        try:
            loaded["frames"] = load_frames(directory, canonical)
        except KnowledgeError as exc:
            issues.extend(exc.issues)
    if "frames" in loaded and "intents" in loaded:
        known = loaded["intents"]
        for rule in loaded["frames"].rules:  # type: ignore[attr-defined]
            if rule.intent not in known:  # type: ignore[operator]
                message = f"ukjent intensjon «{rule.intent}»"
                issues.append(KnowledgeIssue("knowledge/frames.yaml", rule.line, message))
    if issues:
        raise KnowledgeError(issues)
    texts = Texts(loaded["texts"])  # type: ignore[arg-type]
    issues = texts.check(REQUIRED_TEXTS)
    if issues:
        raise KnowledgeError(issues)
    return EngineFiles(
        loaded["intents"],  # type: ignore[arg-type]
        loaded["synonyms"],  # type: ignore[arg-type]
        texts,
        loaded["understanding"],  # type: ignore[arg-type]
        loaded["frames"],  # type: ignore[arg-type]
        loaded["regions"],  # type: ignore[arg-type]
    )


class Engine:
    """Answers Norwegian questions about the prize from a loaded knowledge base."""

    def __init__(self, kb: KnowledgeBase, files: EngineFiles) -> None:
        self.kb = kb
        self.version = kb.version
        self.intents = files.intents
        self.synonyms = files.synonyms
        self.texts = files.texts
        self.understanding = files.understanding
        self.frames = files.frames
        self.composer = Composer(kb, files.texts)
        problems: list[str] = []
        for spec in self.intents.values():
            if spec.unknown:
                problems.extend(self.composer.add_unknown(spec.name, spec.nearby))
            elif not self.composer.knows(spec.name):
                problems.append(f"intensjonen «{spec.name}» har ikke noe svar")
        if problems:
            raise KnowledgeError([KnowledgeIssue("knowledge/intents.yaml", 0, p) for p in problems])
        self.regions = files.regions
        unknown_counties = check_counties(self.regions, {m.county for m in kb.municipalities})
        if unknown_counties:
            raise KnowledgeError(unknown_counties)
        self.index = PlaceIndex(kb, {**files.synonyms.old_counties, **aliases(self.regions)})
        vocabulary = self._vocabulary()
        years = sorted(kb.years) or [kb.prize.first_year.value]
        self.extractor = Extractor(
            files.synonyms,
            self.index,
            vocabulary,
            (years[0], years[-1]),
            Lemmatiser({(w,): (w,) for w in files.synonyms.domain_words} | files.synonyms.words),
            files.understanding.not_places,
        )
        self.other_prizes = OtherPrizeFinder(
            files.understanding.other_prizes,
            lambda w: w in self.extractor.vocabulary or w in self.index.single_words,
            lambda w: w in self.index.single_words or (w,) in self.index.counties,
            files.synonyms.prize_names,
        )
        examples: list[tuple[str, str]] = []
        seen: set[tuple[str, str]] = set()
        for spec in self.intents.values():
            for example in spec.examples:
                text = self.extractor.parse(example, _EXAMPLE_NOW).text
                if text and (text, spec.name) not in seen:
                    seen.add((text, spec.name))
                    examples.append((text, spec.name))
        self.keywords = {
            name: frozenset(self._canonical(k) for k in spec.keywords)
            for name, spec in self.intents.items()
        }
        self.matcher = IntentMatcher(
            {
                name: IntentSpec(
                    **{
                        **spec.__dict__,
                        "keywords": self.keywords[name],
                        "unlikely": frozenset(self._canonical(k) for k in spec.unlikely),
                    }
                )
                for name, spec in self.intents.items()
            },
            examples,
            self.frames.ask_of,
        )

    @classmethod
    def load(cls, knowledge_dir: Path) -> Engine:
        """Load the fact base and the engine's files from ``knowledge_dir``."""
        from bot.knowledge.loader import load_knowledge

        issues: list[KnowledgeIssue] = []
        kb = None
        files = None
        try:
            kb = load_knowledge(knowledge_dir)
        except KnowledgeError as exc:
            issues.extend(exc.issues)
        try:
            files = load_engine_files(knowledge_dir)
        except KnowledgeError as exc:
            issues.extend(exc.issues)
        if issues or kb is None or files is None:
            raise KnowledgeError(issues)
        return cls(kb, files)

    def _canonical(self, word: str) -> str:
        key = tuple(words(word))
        return " ".join(self.synonyms.words.get(key, key))

    def _vocabulary(self) -> set[str]:
        """Every ordinary word the engine knows (never read as a misspelt place name)."""
        vocab: set[str] = set()
        syn = self.synonyms
        for phrase, target in syn.words.items():
            vocab.update(phrase)
            vocab.update(target)
        for group in (syn.relative_years, syn.relative_offsets):
            for phrase in group:
                vocab.update(phrase)
        for phrase in syn.out_of_scope:
            vocab.update(phrase)
        vocab |= syn.stopwords | syn.domain_words | syn.prize_names | syn.range_words
        vocab |= syn.pronouns | syn.elliptic_words | syn.county_words
        # Names used in examples («Har Drammen vunnet?») stay names.
        names = {k[0] for k in self.index.places if len(k) == 1}
        names |= {k[0] for k in self.index.counties if len(k) == 1}
        for spec in self.intents.values():
            for example in spec.examples:
                vocab.update(w for w in words(example) if w not in names)
        return vocab

    # -- answering --------------------------------------------------------------------

    def answer(
        self, question: str, *, now: datetime, context: Conversation | None = None
    ) -> Answer:
        """Answer ``question`` at ``now``; ``context`` (kept by the caller) is read and updated.

        Wrapper text (greetings, signatures, preambles, markup) is taken off first; when the
        question inside is not understood, the whole message is tried, then a greeting or
        thanks it carried."""
        if context is not None and context.expired(now):
            context.reset()
        options = readings(question, self.understanding)
        inner = options[0]
        if self.other_prizes.names_other(question) and (
            inner == question or not self._names_prize(inner)
        ):
            return self._refusal(question, "refusal.out_of_scope")
        if options != [question]:
            first: Answer | None = None
            for text in dict.fromkeys([inner, question, *options[1:]]):  # small talk last
                answer = self._answer_text(text, now, context)
                first = first or answer
                if answer.matched:
                    return replace(answer, question=question)
            assert first is not None
            return replace(first, question=question)
        return self._answer_text(question, now, context)

    def _names_prize(self, text: str) -> bool:
        """Whether ``text`` names this prize (after a sentence about another one was dropped)."""
        return bool(set(words(text)) & self.synonyms.prize_names)

    def _answer_text(self, question: str, now: datetime, context: Conversation | None) -> Answer:
        """Answer one message: a bare follow-up, two questions in one, or one question."""
        bare = self._bare_followup(question, context)
        if bare is not None:  # «Når da?» after «Har Drammen vunnet?»
            return replace(self._answer_one(bare, now, context), question=question)
        parts = self._split(question)
        if parts is not None:
            combined = self._compound(question, parts, now, context)
            if combined is not None:
                return combined
        return self._answer_one(question, now, context)

    def _bare_followup(self, question: str, context: Conversation | None) -> str | None:
        """A lone question word in a conversation («Når da?», «Hvorfor?», «Når var det?»)
        read as the full question from ``compound_bare`` in synonyms.yaml; None otherwise."""
        if context is None or context.intent is None:
            return None
        return bare_question(question, self.synonyms)

    # -- two questions in one ---------------------------------------------------------

    def _split(self, question: str) -> tuple[str, str] | None:
        """«Hvem vant i 2009 og hvem delte den ut?» → the two questions, or None.

        Splits at the first joining word (``compound_joiners``) followed by a question word
        (``compound_starters``), not at the very start."""
        pieces = question.split()
        syn = self.synonyms
        for index in range(1, len(pieces) - 1):
            joiner = words(pieces[index])
            if len(joiner) != 1 or joiner[0] not in syn.compound_joiners:
                continue
            following = words(pieces[index + 1])
            if following and following[0] in syn.compound_starters:
                first = " ".join(pieces[:index]).rstrip(" ,;")
                second = " ".join(pieces[index + 1 :])
                bare = words(second)
                if len(bare) == 1 and bare[0] in syn.compound_bare:
                    second = syn.compound_bare[bare[0]]
                return first, second
        return None

    def _compound(
        self,
        question: str,
        parts: tuple[str, str],
        now: datetime,
        context: Conversation | None,
    ) -> Answer | None:
        """Answer both parts, sharing year and municipality; None unless both are understood."""
        first, second = (self.extractor.parse(p, now) for p in parts)
        scratch = Conversation()
        if context is not None:
            scratch.intent, scratch.years = context.intent, context.years
            scratch.municipality, scratch.updated_at = context.municipality, context.updated_at
            scratch.extra = dict(context.extra)
        if not first.years and not first.year_offset and second.years:
            scratch.years = tuple(second.years)
            scratch.extra[ASKED_YEARS] = True
        if not first.places and second.places:
            scratch.municipality = second.places[0].name
            scratch.extra["place_said"] = second.places[0].said
        answers = []
        for part, parsed in zip(parts, (first, second), strict=True):
            answer = self._answer_one(part, now, scratch, parsed)
            if not answer.matched:
                return None
            answers.append(answer)
        if context is not None:
            context.intent, context.years = scratch.intent, scratch.years
            context.municipality, context.updated_at = scratch.municipality, scratch.updated_at
            context.extra.clear()
            context.extra.update(scratch.extra)
        one, two = answers
        return combined(self.texts, question, one, two)

    def _answer_one(
        self,
        question: str,
        now: datetime,
        context: Conversation | None,
        parsed: Parsed | None = None,
    ) -> Answer:
        """Answer one question (no splitting); ``parsed`` when it was parsed already."""
        parsed = parsed or self.extractor.parse(question, now)
        if not parsed.words and not parsed.years and parsed.year_offset == 0:
            return self._refusal(question, "refusal.empty")
        bonus = self.frames.bonus(parsed, self._remembered(parsed, context))
        recognised = any(weight > 0 for weight in bonus.values())
        if parsed.out_of_scope or (not recognised and off_topic_place(parsed, self.synonyms)):
            return self._refusal(question, "refusal.out_of_scope")
        if self._offset_without_year(parsed, context, now):
            return self._refusal(question, "refusal.which_year")
        allowed = self._allowed(parsed, context)
        ranked = self.matcher.rank(
            parsed.text,
            set(parsed.words),
            allowed,
            self._ignoring_slots(parsed),
            bonus,
            self.frames.ask_of(parsed.words),
        )
        top, confidence = decide(ranked)
        intent = top.intent if top is not None else None
        if self._follows_up(parsed, context, top):
            assert context is not None and context.intent is not None
            intent, confidence = context.intent, max(confidence, ELLIPTIC_CONFIDENCE)
        if intent is None and parsed.fuzzy_place:  # a spurious place never blocks an answer
            plain = self.extractor.parse(question, now, fuzzy_places=False)
            retry = self._answer_one(question, now, context, plain)
            if retry.matched:
                return retry
        if intent is None and parsed.domain:
            intent = self._same_answer(ranked, parsed, context, now)
        if intent is None:
            if not parsed.domain or not ranked:
                guess = ranked[0].intent if ranked else None
                return self._refusal(question, "refusal.out_of_scope", confidence, guess)
            return self._suggest(question, parsed, ranked, confidence, now)
        spec = self.intents[intent]
        if spec.domain and not (parsed.domain or recognised or self._has_context(context)):
            return self._refusal(question, "refusal.out_of_scope", confidence, intent)
        if not spec.domain and confidence < SMALL_TALK_MIN:
            return self._refusal(question, "refusal.out_of_scope", confidence, intent)
        if names_a_contest(parsed, self.synonyms.winner_words):
            return self._refusal(question, "refusal.out_of_scope", confidence, intent)
        request = self._request(intent, parsed, context, now)
        reply = self.composer.compose(request)
        if context is not None:
            self._remember(context, intent, reply, now)
            context.extra[ASKED_YEARS] = bool(parsed.years or parsed.year_offset)
            if parsed.years or parsed.year_offset:  # «året før» moves the year asked about
                context.extra[ASKED_YEAR_LIST] = list(request.years or parsed.years)
        return answered(question, reply, intent, confidence)

    def _same_answer(
        self,
        ranked: list[Candidate],
        parsed: Parsed,
        context: Conversation | None,
        now: datetime,
    ) -> str | None:
        """Abstain only when the readings differ: when the two best intents (both over the
        threshold, too close to choose) would give the same answer, give it."""
        if len(ranked) < 2 or ranked[1].score < THRESHOLD:
            return None
        first, second = (
            self.composer.compose(self._request(c.intent, parsed, context, now)).text
            for c in ranked[:2]
        )
        return ranked[0].intent if first == second else None

    def _remembered(self, parsed: Parsed, context: Conversation | None) -> frozenset[str]:
        """The slots the conversation fills for a question that points back («dem», «andre»,
        or nothing but slots and filler): its year and its municipality."""
        if context is None or context.intent is None:
            return frozenset()
        pointing = set(parsed.words) & self.synonyms.other_words
        if not (parsed.pronoun or parsed.elliptic or pointing):
            return frozenset()
        found = {"year"} if context.years else set()
        if context.municipality:
            found.add("municipality")
        return frozenset(found)

    def _offset_without_year(
        self, parsed: Parsed, context: Conversation | None, now: datetime
    ) -> bool:
        """«og året før?» with no year, no place and nothing said before: which year?"""
        if not parsed.year_offset or not parsed.elliptic or parsed.years or parsed.places:
            return False
        return context is None or context.expired(now) or not context.years

    def _has_context(self, context: Conversation | None) -> bool:
        return context is not None and context.intent is not None

    def _follows_up(
        self, parsed: Parsed, context: Conversation | None, top: Candidate | None
    ) -> bool:
        """An elliptic question («og 2015?», «Og året før?») continues the last intent."""
        if context is None or context.intent is None or context.intent not in self.intents:
            return False
        if not parsed.elliptic or stands_alone(parsed.question, self.understanding.requests):
            return False
        return bool(parsed.years or parsed.places or parsed.counties or parsed.year_offset)

    def _ignoring_slots(self, parsed: Parsed) -> frozenset[str]:
        """Intents that would ignore a county or project named in the question."""
        named = set()
        if parsed.counties:
            named.add("county")
        if parsed.projects:
            named.add("project")
        if not named:
            return frozenset()
        return frozenset(n for n, spec in self.intents.items() if not named & spec.uses)

    def _allowed(self, parsed: Parsed, context: Conversation | None) -> set[str]:
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

    def _request(
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
            context_place = self._place(context)
            if (
                not places
                and context_place is not None
                and (
                    "municipality" in spec.needs
                    or parsed.pronoun
                    or (elliptic and "municipality" in spec.uses)
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
                    or not {"municipality"} & (spec.needs | spec.uses)  # «og de nominerte?»
                )
                and not (intent in WINNER_FACTS and parsed.places)
                and not (parsed.places and not context.extra.get(ASKED_YEARS, True))
            ):
                years = list(context.years)
        view = self.composer.view_at(now)  # the facts as known at ``now``
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
        asked = set(parsed.words)
        return Request(
            intent=intent,
            now=now,
            years=years,
            places=places,
            counties=list(parsed.counties),
            region=region_of(self.regions, parsed.counties),
            projects=list(parsed.projects),
            relation=self._relation(parsed),
            focus=self._focus(parsed),
            besides=self._besides(parsed, context, places),
            statement=bool(asked & self.synonyms.statement_words)
            or self.frames.ask_of(parsed.words) is not None,  # «Hvem vant først …?» is no yes/no
            repeat=bool(asked & self.synonyms.repeat_words),
        )

    def _besides(
        self, parsed: Parsed, context: Conversation | None, places: list[Place]
    ) -> Place | None:
        """«Hvem andre var nominert?»: the municipality named or talked about last."""
        if not set(parsed.words) & self.synonyms.other_words:
            return None
        if places:
            return places[0]
        return self._place(context) if context is not None else None

    def _focus(self, parsed: Parsed) -> str:
        """«Når stenger …» → ``close``, «Når åpner …» → ``open``, otherwise ``both``."""
        asked = set(parsed.words)
        if asked & self.synonyms.close_words:
            return "close"
        if asked & self.synonyms.open_words:
            return "open"
        return "both"

    def _relation(self, parsed: Parsed) -> int:
        """«før 2021» → -1, «etter 2021» → +1 (from the canonical words)."""
        before, after = self.synonyms.relation_words
        if before in parsed.words:
            return -1
        if after in parsed.words:
            return 1
        return 0

    def _offset(self, view: History, year: int, offset: int) -> int:
        step = 1 if offset > 0 else -1
        for _ in range(abs(offset)):
            year = step_year(view, view.resolve(year), step)
        return year

    def _place(self, context: Conversation) -> Place | None:
        if not context.municipality:
            return None
        said = context.extra.get("place_said", context.municipality)
        return self.index.places.get(tuple(words(said))) or self.index.places.get(
            tuple(words(context.municipality))
        )

    def _remember(self, context: Conversation, intent: str, reply: Reply, now: datetime) -> None:
        context.intent = intent
        if reply.years:
            context.years = tuple(reply.years)
        if reply.municipality:
            context.municipality = reply.municipality
            context.extra["place_said"] = reply.municipality
        context.updated_at = now

    # -- answers that are not facts (their Answer is built in answers/outcome.py) ----------

    def _refusal(
        self, question: str, key: str, confidence: float = 0.0, best_guess: str | None = None
    ) -> Answer:
        return refused(self.texts, question, key, confidence, best_guess)

    def _suggest(
        self,
        question: str,
        parsed: Parsed,
        ranked: list[Candidate],
        confidence: float,
        now: datetime,
    ) -> Answer:
        suggestions: list[str] = []
        latest = self.composer.view_at(now).latest_awarded(now.year, now)
        for candidate in ranked:
            spec = self.intents[candidate.intent]
            if not spec.suggestion:
                continue
            place = parsed.places[0].name if parsed.places else None
            if "{municipality}" in spec.suggestion and place is None:
                continue
            year = parsed.years[0] if parsed.years else latest
            text = spec.suggestion.format(year=year, municipality=place)
            if text not in suggestions:
                suggestions.append(text)
            if len(suggestions) == MAX_SUGGESTIONS:
                break
        if not suggestions:
            return self._refusal(question, "refusal.not_understood", confidence, ranked[0].intent)
        return suggested(self.texts, question, suggestions, confidence, ranked[0].intent)
