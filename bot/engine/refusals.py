"""Answers that are not facts: refusals and «Mente du …?» suggestions (their ``Answer`` is
built in :mod:`bot.engine.answers.outcome`), and whether two close readings agree."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import datetime

from bot.engine.answers.outcome import refused, suggested
from bot.engine.extract import Parsed
from bot.engine.followup import off_topic_place
from bot.engine.intents import IntentSpec
from bot.engine.matcher import THRESHOLD, Candidate
from bot.engine.parts import EngineParts
from bot.engine.types import Answer, Conversation

MAX_SUGGESTIONS = 3
_TRYING = threading.local()
"""Set while a «Mente du …?» question is tried, so trying it never tries further ones."""


ADJACENT_LENGTH = 8
"""A term at least this long that the fact texts use makes a question prize-adjacent (short
words such as «skole» or «været» occur in them by chance)."""


class Refusals(EngineParts):
    """Refusing, suggesting, and choosing between two readings with the same answer."""

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

    def _off_topic(self, parsed: Parsed) -> bool:
        """A place plus a topic word of its own; a word the fact texts use is no such topic
        («praksisplasser», «videre»)."""
        if not off_topic_place(parsed, self.synonyms):
            return False
        foreign = [w for w in parsed.unknown if not self.lookup.in_fact_texts(w)]
        return off_topic_place(replace(parsed, unknown=foreign), self.synonyms)

    def _refusal_key(self, parsed: Parsed) -> str:
        """Which refusal text: a question that names something of the prize (the last rounds,
        a municipality, a county, a project, the prize) was not understood, which is not the
        same as asking about something else (issue 13); a question about a term the fact
        texts use («Hva er introduksjonsprogrammet?») is near the prize, not beside it."""
        named = parsed.places or parsed.counties or parsed.projects
        if parsed.last_n or named or parsed.prize_word:
            return "refusal.not_understood_examples"
        return self._outside_key(parsed)

    def _outside_key(self, parsed: Parsed) -> str:
        """«refusal.adjacent» when the question asks about a term the fact texts use (near the
        prize, though not answered by it), else «refusal.out_of_scope»."""
        stop = self.synonyms.stopwords
        terms = [w for w in parsed.words if len(w) >= ADJACENT_LENGTH and w not in stop]
        if any(self.lookup.in_fact_texts(w) for w in terms):
            return "refusal.adjacent"
        return "refusal.out_of_scope"

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
            if "{year}" in spec.suggestion and year is not None and year > now.year:
                continue  # «Hvem vant i 2027?» at 2026 only says it is not known yet
            text = spec.suggestion.format(year=year, municipality=place)
            if text not in suggestions and self._worth_suggesting(spec, text, year, now):
                suggestions.append(text)
            if len(suggestions) == MAX_SUGGESTIONS:
                break
        if not suggestions:
            return self._refusal(question, "refusal.not_understood", confidence, ranked[0].intent)
        return suggested(self.texts, question, suggestions, confidence, ranked[0].intent)
