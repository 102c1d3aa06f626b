"""The answer engine: normalise → extract → pick intent → compose, with context.

This module builds the engine's parts from the loaded files and holds the public
:meth:`Engine.answer`; the jobs it is made of live in their own modules (see
:mod:`bot.engine.parts`): reading a whole message in :mod:`bot.engine.message`, answering one
question in :mod:`bot.engine.question`, refusals and suggestions in :mod:`bot.engine.refusals`.
The answer itself is composed in :mod:`bot.engine.answers` (add an intent's handler in
``answers/table.py``).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

from bot.engine.answers import Composer
from bot.engine.extract import Extractor
from bot.engine.intents import IntentSpec
from bot.engine.lemmas import Lemmatiser
from bot.engine.loading import EngineFiles, load_engine_files
from bot.engine.lookup import Lookup
from bot.engine.matcher import IntentMatcher
from bot.engine.message import MessageReading
from bot.engine.normalise import words
from bot.engine.otherprize import OtherPrizeFinder
from bot.engine.parts import _EXAMPLE_NOW
from bot.engine.places import PlaceIndex
from bot.engine.regions import aliases, check_counties, compounds
from bot.engine.requests import RequestBuilder
from bot.engine.types import Answer, Conversation
from bot.engine.venues import award_venues
from bot.engine.wrapper import read_message
from bot.knowledge.models import KnowledgeBase
from bot.knowledge.yamlio import KnowledgeError, KnowledgeIssue


class Engine(MessageReading):
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
        venues = award_venues(kb, vocabulary | set(self.index.single_words))
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
        vocab |= syn.pronouns | syn.elliptic_words | syn.county_words | syn.same_words
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
