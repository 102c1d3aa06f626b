"""Answers found by what a question names rather than by its intent (issue 12).

- A person of the fact base named in the question («Hvem er Libe Rieber-Mohn?», «Hva sa
  Rieber-Mohn om Lørenskog?») is answered with who they are and what they said.
- When no intent fits, a question that names a year, municipality, person or project is
  answered with the fact texts about it that contain what was asked (the passage index).

The engine calls :meth:`Lookup.person` before matching and :meth:`Lookup.passages` where it
would otherwise refuse or only suggest; both return ``None`` when they have nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime

from bot.engine.answers import Composer, Reply, Request
from bot.engine.answers.outcome import answered
from bot.engine.answers.passages import Entities, PassageAnswers
from bot.engine.answers.profile_people import figures_match
from bot.engine.answers.profile_people import person as person_answer
from bot.engine.answers.reply import limit
from bot.engine.extract import PLACE_WORD, PLACEHOLDERS, PROJECT_WORD, Extractor, Parsed
from bot.engine.intents import IntentSpec
from bot.engine.lexicon import Synonyms
from bot.engine.normalise import words
from bot.engine.people import WRITTEN, FoundPerson, PersonIndex
from bot.engine.places import Place
from bot.engine.types import Answer, Conversation
from bot.knowledge.models import KnowledgeBase

PERSON_INTENT = "person"
PASSAGE_INTENT = "passage"
PERSON_CONFIDENCE = 0.95
PASSAGE_CONFIDENCE = 0.7
CATCH_ALL = ("place_summary",)
"""Intents that answer «everything about <kommune>»: a question naming a municipality with
content words these intents' examples never use («Hvordan hjalp Drammen leietakere?») is
answered from the fact texts first, when a passage answers it."""
MIN_COMPOUND_NAME = 4
"""A municipality's name read inside a compound («Drammensmodellen») has this many letters."""
MIN_COMPOUND_REST = 4
"""… and the rest of the compound at least this many."""
FIGURES = "place_figures"
"""When none of a municipality's figures measures what was asked, the fact texts come first."""
LOCAL_FIRST = ("directors",)
"""Intents about IMDi's people that a follow-up about the municipality's own people is mistaken
for («Hvem leder enheten?»): the fact texts about that municipality are tried first."""


def passage_synonyms(synonyms: Synonyms) -> dict[str, list[str]]:
    """The engine's synonyms as question word → words that may stand for it in a fact text."""
    found: dict[str, list[str]] = {}
    for phrase, target in synonyms.words.items():
        if len(phrase) == 1 and target and target != phrase:
            found.setdefault(phrase[0], []).extend(target)
    return found


class Lookup:
    """The person gazetteer and the passage fallback of one engine."""

    def __init__(
        self,
        kb: KnowledgeBase,
        composer: Composer,
        extractor: Extractor,
        synonyms: Synonyms,
        ordinary: set[str],
        intents: Mapping[str, IntentSpec],
    ) -> None:
        self.composer = composer
        self.organiser = frozenset(words(kb.prize.organiser_short))
        self.suffixes = frozenset(words(composer.texts("profile.municipality_words")))
        self.plain = (
            {
                w
                for name in CATCH_ALL
                if name in intents
                for e in intents[name].examples
                for w in words(e)
            }
            | set(synonyms.stopwords)
            | set(synonyms.elliptic_words)
            | PLACEHOLDERS
        )
        self.extractor = extractor
        self.people = PersonIndex(kb, ordinary)
        self.passage_answers = PassageAnswers(passage_synonyms(synonyms))
        self.figure_words = synonyms.figure_words
        self.plain_words = (
            synonyms.domain_words | synonyms.winner_words | synonyms.stopwords | PLACEHOLDERS
        )
        self.kb = kb

    def in_fact_texts(self, word: str) -> bool:
        """True when a fact text of the whole fact base uses ``word``: no foreign topic."""
        return self.passage_answers.index(self.kb).uses(word)

    def without_kommune(self, question: str) -> str:
        """«Hva vet du om Drammen kommune?» → «… om Drammen?»: the word «kommune» right after
        a municipality's name says nothing more (the words: ``profile.municipality_words`` in
        texts/engine.yaml)."""
        if not self.suffixes:
            return question
        found = list(WRITTEN.finditer(question))
        places = self.extractor.index.places
        cut: list[tuple[int, int]] = []
        for k, match in enumerate(found):
            folded = words(match.group())
            if len(folded) != 1 or folded[0] not in self.suffixes:
                continue
            for n in (3, 2, 1):
                if k - n < 0:
                    continue
                key = tuple(x for m in found[k - n : k] for x in words(m.group()))
                if key in places:
                    cut.append((found[k - 1].end(), match.end()))
                    break
        for start, end in reversed(cut):
            question = question[:start] + question[end:]
        return question

    def find_person(self, question: str) -> FoundPerson | None:
        """The fact-base person the question names, if any."""
        return self.people.find(question)

    def person(
        self,
        question: str,
        found: FoundPerson,
        now: datetime,
        context: Conversation | None = None,
    ) -> Answer:
        """Who ``found`` is (filtered by a year or municipality the question also names)."""
        parsed = self.extractor.parse(found.question, now)
        request = Request(
            PERSON_INTENT,
            now,
            years=list(parsed.years),
            places=list(parsed.places),
            people=[found.name],
            words=list(parsed.words),
        )
        reply = self._compose(request)
        if not reply.sources and parsed.places:  # not about that municipality: all they said
            request.places = []
            reply = self._compose(request)
        remember(context, reply, now)
        return answered(question, reply, PERSON_INTENT, PERSON_CONFIDENCE)

    def _compose(self, request: Request) -> Reply:
        """The person answer (not an intent of the matcher: the gazetteer finds it)."""
        reply = Reply(now=request.now)
        texts = self.composer.texts
        person_answer(self.composer.view_at(request.now), texts, request, reply)
        for note in reply.notes:
            reply.parts.append(texts("format.note", note=note))
        limit(reply, texts)
        return reply

    def passages(
        self,
        question: str,
        parsed: Parsed,
        now: datetime,
        context: Conversation | None = None,
    ) -> Answer | None:
        """The fact texts that answer ``question`` about the entities it names, or None.

        A question that names nothing («Hvem er kommunalsjef der?») is read about the
        municipality the conversation is about, when there is one."""
        if parsed.out_of_scope:
            return None
        entities = Entities(
            years=tuple(parsed.years),
            place=parsed.places[0] if parsed.places else self.compound_place(parsed),
            project=parsed.projects[0] if parsed.projects else None,
        )
        if not entities and context is not None and not context.expired(now):
            entities = Entities(place=self._context_place(context))
        if not entities:
            return None
        view = self.composer.view_at(now)
        request = Request(PASSAGE_INTENT, now, years=list(parsed.years))
        reply = self.passage_answers.answer(view, self.composer.texts, request, question, entities)
        if reply is None:
            return None
        remember(context, reply, now)
        return answered(question, reply, PASSAGE_INTENT, PASSAGE_CONFIDENCE)

    def instead_of(
        self,
        intent: str,
        question: str,
        parsed: Parsed,
        now: datetime,
        context: Conversation | None = None,
    ) -> Answer | None:
        """The fact texts instead of a catch-all answer when the question asks something
        specific about the municipality (see :data:`CATCH_ALL`); None otherwise."""
        if intent in LOCAL_FIRST and self._local(parsed, context, now):
            return self.passages(question, parsed, now, context)
        if intent == FIGURES and parsed.places:  # «hvor mange hybler hadde Drammen?»
            view = self.composer.view_at(now)
            generic = self.figure_words | self.plain_words
            specific = [w for w in parsed.words if w not in generic]
            if specific and not figures_match(view, parsed.places[0], specific):
                return self.passages(question, parsed, now, context)
            return None
        if intent not in CATCH_ALL or not parsed.places:
            return None
        if all(w in self.plain for w in parsed.words):
            return None
        return self.passages(question, parsed, now, context)

    def project_as_noun(
        self, parsed: Parsed, context: Conversation | None, now: datetime
    ) -> Parsed:
        """«Hvem leder integreringsenheten (der)?» in a conversation about Steinkjer: a project
        name of another municipality («Integreringsenheten», Harstad) that the fact texts of
        the conversation's municipality also use is read as a plain noun about that
        municipality, as if it were named («… i Steinkjer?»)."""
        if parsed.projects and parsed.places:
            return self._named_place_first(parsed)
        if not parsed.projects or context is None or context.expired(now):
            return parsed
        place = self._context_place(context)
        if place is None:
            return parsed
        project = parsed.projects[0].project
        owner = self.extractor.index.places.get(tuple(words(project.municipality)))
        number = place.municipality.number
        if owner is not None and owner.municipality.number == number:
            return parsed
        index = self.passage_answers.index(self.kb)
        if not index.search(project.name, municipality=number, min_coverage=1.0):
            return parsed
        return replace(parsed, places=[place], words=[*parsed.words, PLACE_WORD])

    def _named_place_first(self, parsed: Parsed) -> Parsed:
        """«Har Bodø gratis SFO?»: a project of another municipality than the one named is
        read as the plain words of its name, about the municipality named."""
        project = parsed.projects[0].project
        owner = self.extractor.index.places.get(tuple(words(project.municipality)))
        named = {p.municipality.number for p in parsed.places}
        if owner is None or owner.municipality.number in named or len(parsed.projects) > 1:
            return parsed
        at = parsed.words.index(PROJECT_WORD) if PROJECT_WORD in parsed.words else None
        if at is None:
            return parsed
        plain = [*parsed.words[:at], *words(project.name), *parsed.words[at + 1 :]]
        return replace(parsed, projects=[], words=plain)

    def _local(self, parsed: Parsed, context: Conversation | None, now: datetime) -> bool:
        """A question naming nothing, neither IMDi nor the prize, in a conversation about a
        municipality («Hvem leder enheten?» after «Fortell om Harstad»)."""
        if parsed.places or parsed.years or parsed.projects or parsed.prize_word:
            return False
        if self.organiser & set(parsed.words):
            return False
        return context is not None and not context.expired(now) and bool(context.municipality)

    def compound_place(self, parsed: Parsed) -> Place | None:
        """A municipality that starts an unknown compound («Drammensmodellen» → Drammen)."""
        names = self.extractor.index.single_words
        for word in parsed.unknown:
            for cut in range(len(word) - MIN_COMPOUND_REST, MIN_COMPOUND_NAME - 1, -1):
                head = word[:cut]
                for name in (head, head[:-1] if head.endswith("s") else None):
                    if name and len(name) >= MIN_COMPOUND_NAME and name in names:
                        return names[name]
        return None

    def _context_place(self, context: Conversation) -> Place | None:
        """The municipality the conversation is about (as the engine reads it)."""
        if not context.municipality:
            return None
        places = self.extractor.index.places
        said = str(context.extra.get("place_said", context.municipality))
        return places.get(tuple(words(said))) or places.get(tuple(words(context.municipality)))


def remember(context: Conversation | None, reply: Reply, now: datetime) -> None:
    """Keep what an answer was about (years, municipality) for the next turn; the intent the
    conversation continues stays the last matched one."""
    if context is None:
        return
    if reply.years:
        context.years = tuple(reply.years)
    if reply.municipality:
        context.municipality = reply.municipality
        context.extra["place_said"] = reply.municipality
    context.updated_at = now
