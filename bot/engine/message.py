"""Reading a whole message: statements before a question read as earlier turns, questions that
point back, bare follow-ups («Når da?») and two questions in one."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from bot.engine.answers.outcome import combined
from bot.engine.extract import Parsed
from bot.engine.followup import bare_question, split_compound
from bot.engine.normalise import words
from bot.engine.parts import _EXAMPLE_NOW, OWN_PLACE
from bot.engine.question import QuestionAnswering
from bot.engine.requests import ASKED_YEARS, STATEMENT_INTENT
from bot.engine.types import Answer, Conversation

MAX_BARE_WORDS = 6
"""A bare follow-up («Hvilket år var det egentlig?») is at most this many words long."""
MAX_TURNS_BEFORE = 4
"""Only the last statements before a question are read as earlier turns (latency bound)."""


class MessageReading(QuestionAnswering):
    """Splits a message into the questions to answer, with what stands before them."""

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
        answers: list[Answer] = []
        for part, parsed in zip(parts, (first, second), strict=True):
            answer = self._answer_one(part, now, scratch, parsed)
            if not answer.matched and answers and self._about_the_first(part, parsed):
                break  # «Når kunne folk stemme første gang, og hvordan fungerte det?»
            if not answer.matched:
                return None
            answers.append(answer)
        if context is not None:
            context.intent, context.years = scratch.intent, scratch.years
            context.municipality, context.updated_at = scratch.municipality, scratch.updated_at
            context.extra.clear()
            context.extra.update(scratch.extra)
        if len(answers) == 1:
            return replace(answers[0], question=question)
        one, two = answers
        return combined(self.texts, question, one, two)

    def _about_the_first(self, part: str, parsed: Parsed) -> bool:
        """A second part that names nothing and asks only how or what about «det» («… og
        hvordan fungerte det?», «… og hva innebar det?»): the first part's answer, which says
        what the thing is and how it went, answers it too."""
        if parsed.years or parsed.places or parsed.counties or parsed.projects or parsed.domain:
            return False
        if not set(words(part)) & self.understanding.anaphors:
            return False
        asked = [w for w in parsed.words if w not in self.frames.ask_words]
        return len(asked) <= 1 and self.frames.ask_of(parsed.words) is not None
