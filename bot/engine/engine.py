"""The answer engine: normalise → extract → pick intent → compose, with context.

This module understands the question and keeps the conversation; the answer itself is composed
in :mod:`bot.engine.answers` (add an intent's handler in ``answers/table.py``).
"""

from __future__ import annotations

import re
import threading
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from bot.clock import OSLO
from bot.engine.answers import Composer
from bot.engine.answers.outcome import answered, combined, refused, suggested
from bot.engine.extract import PLACE_WORD, YEAR_WORD, Extractor, Parsed
from bot.engine.followup import (
    ASKED_YEAR_LIST,
    bare_question,
    names_a_contest,
    off_topic_place,
    points_to_round,
    split_compound,
)
from bot.engine.intents import IntentSpec
from bot.engine.lemmas import Lemmatiser
from bot.engine.loading import EngineFiles, load_engine_files
from bot.engine.lookup import Lookup
from bot.engine.matcher import THRESHOLD, Candidate, IntentMatcher, decide
from bot.engine.normalise import words
from bot.engine.otherprize import OtherPrizeFinder
from bot.engine.places import PlaceIndex
from bot.engine.regions import aliases, check_counties, compounds
from bot.engine.requests import ASKED_YEARS, STATEMENT_INTENT, RequestBuilder
from bot.engine.types import Answer, Conversation
from bot.engine.wrapper import read_message
from bot.knowledge.models import KnowledgeBase
from bot.knowledge.yamlio import KnowledgeError, KnowledgeIssue

MAX_SUGGESTIONS = 3
_TRYING = threading.local()
"""Set while a «Mente du …?» question is tried, so trying it never tries further ones."""
SMALL_TALK_MIN = 0.9
"""Greetings, thanks and help need a near-exact match (they carry no prize signal)."""
ELLIPTIC_CONFIDENCE = 0.9
"""Confidence reported when a follow-up («og 2015?») reuses the previous intent."""
MAX_BARE_WORDS = 6
"""A bare follow-up («Hvilket år var det egentlig?») is at most this many words long."""
OWN_PLACE = "own_place"
"""Context key: the municipality was named by the writer as their own («Jeg jobber i Molde»)."""
MAX_TURNS_BEFORE = 4
"""Only the last statements before a question are read as earlier turns (latency bound)."""
_EXAMPLE_NOW = datetime(2000, 1, 1, tzinfo=OSLO)
"""Examples are normalised with a fixed clock: only their shape matters."""


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
        unknown_counties = check_counties(files.regions, {m.county for m in kb.municipalities})
        if unknown_counties:
            raise KnowledgeError(unknown_counties)
        spellings = {**files.synonyms.old_counties, **aliases(files.regions)}
        named: dict[tuple[str, ...], tuple[str, ...]] = {
            tuple(words(m.county)): (m.county,) for m in kb.municipalities
        }
        named |= {tuple(k.split()): v for k, v in spellings.items()}
        joined = compounds(named, files.compound_tails)  # «trønderkommuna», «agderkommune»
        spellings |= {" ".join(k): v for k, v in joined.items()}
        self.index = PlaceIndex(kb, spellings)
        vocabulary = self._vocabulary()
        venues = _venues(kb, vocabulary | set(self.index.single_words))
        vocabulary |= set(venues)
        self.requests = RequestBuilder(
            self.intents,
            self.synonyms,
            self.understanding,
            self.frames,
            self.composer,
            self.index,
            files.regions,
            files.compound_tails,
            venues,
        )
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
        ordinary = vocabulary | set(self.index.single_words)
        self.lookup = Lookup(
            kb, self.composer, self.extractor, files.synonyms, ordinary, self.intents
        )
        examples: list[tuple[str, str]] = []
        seen: set[tuple[str, str]] = set()
        for spec in self.intents.values():
            for example in spec.examples:
                text = self.extractor.parse(example, _EXAMPLE_NOW, example=True).text
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
        groups = (syn.relative_years, syn.relative_offsets, syn.relative_days, syn.relative_weeks)
        for group in (*groups, syn.recent_days, syn.weekdays):
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
        message = read_message(question, self.understanding)
        options = message.readings
        inner = options[0]
        if self.other_prizes.names_other(question) and (
            inner == question or not self._names_prize(inner)
        ):
            return self._refusal(question, "refusal.out_of_scope")
        if options != [question]:
            named: str | None = None
            if message.before:  # the statements before the question are earlier turns
                context, named = self._read_before(message.before, now, context)
            first: Answer | None = None
            # the whole message only when the statements before it name nothing: a story
            # around the question would lend it its names («… konferansen var i Bergen. Hvem
            # vant første gang?»); a question that points back («Hvilket år var det?») is
            # read together with the last statement that names something
            whole = [question] if named is None else []
            order = [inner]
            if named is not None and set(words(inner)) & self.understanding.anaphors:
                joined = f"{named.rstrip(' .!')}, {inner[:1].lower()}{inner[1:]}"
                several = len(self.extractor.parse(named, now, fuzzy_places=False).places) > 1
                # «Vi diskuterte Vadsø og Levanger. Hvem av dem vant først?»: «dem» is both,
                # and a conversation remembers one municipality: read them together first
                order = [joined, inner] if several else [inner, joined]
            if self._points_back(inner, now):  # «Harstad integreringsenhet – hva er det?»
                order = [question, *order]
            for text in dict.fromkeys([*order, *whole, *options[1:]]):  # small talk last
                answer = self._answer_text(text, now, context)
                first = first or answer
                if answer.matched:
                    return replace(answer, question=question)
            assert first is not None
            return replace(first, question=question)
        return self._answer_text(question, now, context)

    def _points_back(self, text: str, now: datetime) -> bool:
        """A question that names nothing and asks nothing but «hva er det?»: what it points
        back to stands before it in the message."""
        parsed = self.extractor.parse(text, now)
        if parsed.years or parsed.places or parsed.projects or parsed.counties:
            return False
        return all(w in self.synonyms.elliptic_words for w in parsed.words)

    def _read_before(
        self, before: tuple[str, ...], now: datetime, context: Conversation | None
    ) -> tuple[Conversation, str | None]:
        """The conversation after the statements before a question, read as earlier turns
        («Jeg jobber i Sunndal kommune. Hvem var nominert det året vi vant?»): each statement
        that names a municipality or a year, or points back at one, is answered silently, and
        the names it gives (written exactly: no fuzzy guesses in a story) are remembered when
        that answer did not remember them. The question itself still says what it says: a
        name or year in it replaces these, as in any follow-up. Also returned: the last
        statement that named a municipality or a year (None when none did)."""
        conversation = context if context is not None else Conversation()
        named_last: str | None = None
        for sentence in before[-MAX_TURNS_BEFORE:]:
            parsed = self.extractor.parse(
                self.lookup.without_kommune(sentence), now, fuzzy_places=False
            )
            named = bool(parsed.places or parsed.years)
            if named:
                named_last = sentence
            if not (named or (parsed.pronoun and conversation.municipality)):
                continue
            answer = self._answer_one(sentence, now, conversation, parsed)
            if parsed.places and not (
                answer.matched and conversation.municipality in {p.name for p in parsed.places}
            ):
                conversation.municipality = parsed.places[-1].name
                conversation.extra["place_said"] = parsed.places[-1].said
            if parsed.places:
                own = bool(set(words(sentence)) & self.understanding.own_words)
                conversation.extra[OWN_PLACE] = own
            if parsed.years and not answer.matched:
                conversation.years = tuple(parsed.years)
                conversation.extra[ASKED_YEARS] = True
            conversation.intent = conversation.intent or STATEMENT_INTENT
            conversation.updated_at = now
        return conversation, named_last

    def _names_prize(self, text: str) -> bool:
        """Whether ``text`` names this prize (after a sentence about another one was dropped)."""
        return bool(set(words(text)) & self.synonyms.prize_names)

    def _answer_text(self, question: str, now: datetime, context: Conversation | None) -> Answer:
        """Answer one message: a bare follow-up, two questions in one, or one question."""
        bare = self._bare_followup(question, context)
        if bare is not None:  # «Når da?» after «Har Drammen vunnet?»
            return replace(self._answer_one(bare, now, context), question=question)
        parts = split_compound(question, self.synonyms)
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
        found = bare_question(question, self.synonyms)
        short = len(words(question)) <= MAX_BARE_WORDS
        if found is None and short:  # a question word of several words: «Hvilket år var det?»
            asked = [w for w in self.extractor.parse(question, _EXAMPLE_NOW).words if w != "var"]
            if len(asked) == 1 and asked[0] in self.synonyms.compound_bare:
                found = self.synonyms.compound_bare[asked[0]]
        return found

    # -- two questions in one ---------------------------------------------------------

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
        parsed = parsed or self.extractor.parse(self.lookup.without_kommune(question), now)
        parsed = self._year_of_win(parsed, context, now)
        if (  # «Jeg jobber i Molde kommune. Var vi nominert?»: «vi» is Molde
            context is not None
            and context.extra.get(OWN_PLACE)
            and not parsed.places
            and set(words(question)) & self.understanding.own_words
        ):
            parsed = replace(parsed, pronoun=True)
        if not parsed.words and not parsed.years and parsed.year_offset == 0:
            return self._refusal(question, "refusal.empty")
        parsed = self.lookup.project_as_noun(parsed, context, now)  # «integreringsenheten der»
        slots = self._remembered(parsed, context)
        if self.requests.names_venue(parsed):  # «prisen på Maihaugen»: the years handed out there
            slots |= {"year"}
        bonus = self.frames.bonus(parsed, slots)
        recognised = any(weight > 0 for weight in bonus.values())
        if parsed.out_of_scope:  # unless the facts about what it names say it (buses)
            found = self.lookup.out_of_scope_words(question, parsed, now)
            return found or self._refusal(question, "refusal.out_of_scope")
        person = self.lookup.find_person(question)  # «Hvem er Libe Rieber-Mohn?» (issue 12)
        if person is not None:
            return self.lookup.person(question, person, now, context)
        lasted = self.lookup.duration(question, parsed, now, context)  # «hvor lenge …»
        if lasted is not None:
            return lasted
        if not recognised and self._off_topic(parsed):  # unless a text answers
            found = self.lookup.passages(question, parsed, now, context)
            return found or self._refusal(question, "refusal.out_of_scope")
        if not parsed.domain and self.lookup.compound_place(parsed) is not None:
            found = self.lookup.passages(question, parsed, now, context)  # «Drammensmodellen»
            if found is not None:
                return found
        if self._offset_without_year(parsed, context, now):
            return self._refusal(question, "refusal.which_year")
        allowed = self.requests.allowed(parsed, context)
        ranked = self.matcher.rank(
            parsed.text,
            set(parsed.words),
            allowed,
            self.requests.ignoring_slots(parsed),
            bonus,
            self.frames.ask_of(parsed.words),
        )
        top, confidence = decide(ranked)
        intent = top.intent if top is not None else None
        continued = self.requests.continued_intent(parsed, context)
        if continued is not None:
            intent, confidence = continued, max(confidence, ELLIPTIC_CONFIDENCE)
        if intent is None and parsed.fuzzy_place:  # a spurious place never blocks an answer
            plain = self.extractor.parse(question, now, fuzzy_places=False)
            retry = self._answer_one(question, now, context, plain)
            if retry.matched:
                return retry
        if intent is None:  # the fact texts, before two readings that happen to agree
            found = self.lookup.passages(question, parsed, now, context)
            if found is not None:
                return found
        if intent is None and parsed.domain:
            intent = self._same_answer(ranked, parsed, context, now)
        if intent is None:
            if not parsed.domain or not ranked:
                guess = ranked[0].intent if ranked else None
                return self._refusal(question, self._refusal_key(parsed), confidence, guess)
            return self._suggest(question, parsed, ranked, confidence, now)
        spec = self.intents[intent]
        if spec.domain and not (parsed.domain or recognised or self.requests.has_context(context)):
            return self._refusal(question, self._refusal_key(parsed), confidence, intent)
        if not spec.domain and confidence < SMALL_TALK_MIN:
            return self._refusal(question, "refusal.out_of_scope", confidence, intent)
        if names_a_contest(parsed, self.synonyms.winner_words, self.other_prizes.own_single):
            return self._refusal(question, "refusal.out_of_scope", confidence, intent)
        better = self.lookup.instead_of(intent, question, parsed, now, context)
        if better is not None:  # «Hvordan hjalp Drammen leietakere?»: what the texts say
            return better
        request = self.requests.build(intent, parsed, context, now)
        reply = self.composer.compose(request)
        if context is not None:
            self.requests.remember(context, intent, reply, now)
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
            self.composer.compose(self.requests.build(c.intent, parsed, context, now)).text
            for c in ranked[:2]
        )
        return ranked[0].intent if first == second else None

    def _year_of_win(self, parsed: Parsed, context: Conversation | None, now: datetime) -> Parsed:
        """«det året vi vant», «året Sunndal vant» (``year_clauses`` in understanding.yaml) →
        the year(s) that municipality won, as if written: the one named in the clause, else the
        one the conversation is about. Unchanged when no such clause, a year is written, or
        the municipality has no known win."""
        if parsed.years or parsed.year_offset:
            return parsed
        found = parsed.words
        for clause in sorted(self.understanding.year_clauses, key=len, reverse=True):
            size = len(clause)
            for k in range(len(found) - size + 1):
                if tuple(found[k : k + size]) != clause:
                    continue
                if k and (found[k - 1] in self.frames.ask_words or found[k - 1] == "mange"):
                    continue  # «hvilke år vant …» asks for the year
                if PLACE_WORD in clause:
                    place = parsed.places[0] if len(parsed.places) == 1 else None
                elif context is not None and not context.expired(now):
                    place = self.requests.place(context)
                else:
                    place = None
                wins = self.composer.view_at(now).wins(place) if place is not None else []
                if not wins:
                    return parsed
                words = [*found[:k], YEAR_WORD, *found[k + size :]]
                return replace(parsed, words=words, years=list(wins), domain=True)
        return parsed

    def _remembered(self, parsed: Parsed, context: Conversation | None) -> frozenset[str]:
        """The slots the conversation fills for a question that points back («dem», «andre»,
        or nothing but slots and filler): its year and its municipality."""
        if context is None or context.intent is None:
            return frozenset()
        pointing = set(parsed.words) & self.synonyms.other_words
        if not (parsed.pronoun or parsed.elliptic or pointing):
            back = context.years and points_to_round(parsed, self.synonyms.round_pointers)
            return frozenset({"year"}) if back else frozenset()
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

    # -- answers that are not facts (their Answer is built in answers/outcome.py) ----------

    def _off_topic(self, parsed: Parsed) -> bool:
        """A place plus a topic word of its own; a word the fact texts use is no such topic
        («praksisplasser», «videre»)."""
        if not off_topic_place(parsed, self.synonyms):
            return False
        foreign = [w for w in parsed.unknown if not self.lookup.in_fact_texts(w)]
        return off_topic_place(replace(parsed, unknown=foreign), self.synonyms)

    @staticmethod
    def _refusal_key(parsed: Parsed) -> str:
        """Which refusal text: a question that names something of the prize (the last rounds,
        a municipality, a county, a project, the prize) was not understood, which is not the
        same as asking about something else (issue 13)."""
        named = parsed.places or parsed.counties or parsed.projects
        about_prize = bool(parsed.last_n or named or parsed.prize_word)
        return "refusal.not_understood_examples" if about_prize else "refusal.out_of_scope"

    def _refusal(
        self, question: str, key: str, confidence: float = 0.0, best_guess: str | None = None
    ) -> Answer:
        return refused(self.texts, question, key, confidence, best_guess)

    def _worth_suggesting(
        self, spec: IntentSpec, text: str, year: int | None, now: datetime
    ) -> bool:
        """A «Mente du …?» question is offered only when its premise holds for the year and
        its answer states something (sources, not the plain «Det vet jeg ikke»)."""
        if spec.unknown:
            return False
        if spec.suggest_if and year is not None:
            winner = self.composer.view_at(now).winner(year)
            if (spec.suggest_if == "no_winner") == (winner is not None):
                return False
        if getattr(_TRYING, "suggestion", False):  # a suggestion's own «Mente du»: no deeper
            return True
        _TRYING.suggestion = True
        try:
            answer = self._answer_one(text, now, None)
        finally:
            _TRYING.suggestion = False
        return answer.matched and bool(answer.sources)

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
            if text not in suggestions and self._worth_suggesting(spec, text, year, now):
                suggestions.append(text)
            if len(suggestions) == MAX_SUGGESTIONS:
                break
        if not suggestions:
            return self._refusal(question, "refusal.not_understood", confidence, ranked[0].intent)
        return suggested(self.texts, question, suggestions, confidence, ranked[0].intent)


def _venues(kb: KnowledgeBase, known: set[str]) -> dict[str, tuple[int, ...]]:
    """Names of the award events and venues (Maihaugen, årskonferanse …) → the prize years
    handed out there. A name is a capitalised word or a «…konferanse» word of an event or place
    text that is neither a municipality nor a word the engine already knows."""
    found: dict[str, list[int]] = {}
    for year, record in kb.years.items():
        for fact in (record.award_event, record.award_place):
            if fact is None:
                continue
            for raw in re.findall(r"[\wæøåÆØÅ]+", fact.value):
                word = "".join(words(raw))
                named = raw[:1].isupper() or "konferanse" in word
                if named and len(word) > 2 and word not in known and not word.isdigit():
                    found.setdefault(word, [])
                    if year not in found[word]:
                        found[word].append(year)
    return {word: tuple(years) for word, years in found.items()}
