"""Answers found by what a question names rather than by its intent (issue 12).

- A person of the fact base named in the question («Hvem er Libe Rieber-Mohn?», «Hva sa
  Rieber-Mohn om Lørenskog?») is answered with who they are and what they said.
- When no intent fits, a question that names a year, municipality, person or project is
  answered with the fact texts about it that contain what was asked (the passage index).

The engine calls :meth:`Lookup.person` before matching and :meth:`Lookup.passages` where it
would otherwise refuse or only suggest; both return ``None`` when they have nothing.
"""

from __future__ import annotations

from datetime import datetime

from bot.engine.answers import Composer, Reply, Request
from bot.engine.answers.outcome import answered
from bot.engine.answers.passages import Entities, PassageAnswers
from bot.engine.answers.profiles import person as person_answer
from bot.engine.answers.reply import limit
from bot.engine.extract import Extractor, Parsed
from bot.engine.lexicon import Synonyms
from bot.engine.people import FoundPerson, PersonIndex
from bot.engine.types import Answer
from bot.knowledge.models import KnowledgeBase

PERSON_INTENT = "person"
PASSAGE_INTENT = "passage"
PERSON_CONFIDENCE = 0.95
PASSAGE_CONFIDENCE = 0.7


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
    ) -> None:
        self.composer = composer
        self.extractor = extractor
        self.people = PersonIndex(kb, ordinary)
        self.passage_answers = PassageAnswers(passage_synonyms(synonyms))

    def find_person(self, question: str) -> FoundPerson | None:
        """The fact-base person the question names, if any."""
        return self.people.find(question)

    def person(self, question: str, found: FoundPerson, now: datetime) -> Answer:
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
        self, question: str, parsed: Parsed, now: datetime, found: FoundPerson | None = None
    ) -> Answer | None:
        """The fact texts that answer ``question`` about the entities it names, or None."""
        if parsed.out_of_scope:
            return None
        entities = Entities(
            years=tuple(parsed.years),
            place=parsed.places[0] if parsed.places else None,
            person=found.name if found else None,
            project=parsed.projects[0] if parsed.projects else None,
        )
        if not entities:
            return None
        view = self.composer.view_at(now)
        request = Request(PASSAGE_INTENT, now, years=list(parsed.years))
        reply = self.passage_answers.answer(view, self.composer.texts, request, question, entities)
        if reply is None:
            return None
        return answered(question, reply, PASSAGE_INTENT, PASSAGE_CONFIDENCE)
