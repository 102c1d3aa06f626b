"""Answering one question: parse → pick the intent (with the conversation) → compose."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from bot.engine.answers.outcome import answered
from bot.engine.extract import PLACE_WORD, YEAR_WORD, Parsed
from bot.engine.followup import ASKED_YEAR_LIST, names_a_contest, points_to_round
from bot.engine.matcher import decide
from bot.engine.normalise import words
from bot.engine.parts import OWN_PLACE
from bot.engine.places import Place
from bot.engine.refusals import Refusals
from bot.engine.requests import ASKED_YEARS
from bot.engine.types import Answer, Conversation

SMALL_TALK_MIN = 0.9
"""Greetings, thanks and help need a near-exact match (they carry no prize signal)."""
ELLIPTIC_CONFIDENCE = 0.9
TOPIC_QUESTION_WORDS = 5
"""At most this many words (after fillers) in a short follow-up read in the topic."""
"""Confidence reported when a follow-up («og 2015?») reuses the previous intent."""


class QuestionAnswering(Refusals):
    """Answers one question (no splitting), reading and updating the conversation."""

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
        if self._national_figures(parsed, context):  # unless a fact text gives the figure
            found = self.lookup.passages(question, parsed, now, context)
            return found or self._refusal(question, "refusal.out_of_scope")
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
        topical = self._topic_question(question, parsed, context, now)
        if intent is None and topical:  # «hvor gjør jeg det?» after a vote answer
            intent, confidence = topical, max(confidence, ELLIPTIC_CONFIDENCE)
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
                key = self._refusal_key(parsed)
                if topical is not None:  # a follow-up in the conversation: never «outside»
                    key = "refusal.not_understood_examples"
                return self._refusal(question, key, confidence, guess)
            return self._suggest(question, parsed, ranked, confidence, now)
        spec = self.intents[intent]
        if spec.domain and not (parsed.domain or recognised or self.requests.has_context(context)):
            return self._refusal(question, self._refusal_key(parsed), confidence, intent)
        if not spec.domain and confidence < SMALL_TALK_MIN:
            return self._refusal(question, self._outside_key(parsed), confidence, intent)
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

    def _year_of_win(self, parsed: Parsed, context: Conversation | None, now: datetime) -> Parsed:
        """«det året vi vant», «året Sunndal vant» (``year_clauses`` in understanding.yaml) →
        the year(s) that municipality won, as if written: the one named in the clause, else the
        one the conversation is about; «det året de ble nominert første gang» / «… sist»
        (``first_nomination_clauses``, ``last_nomination_clauses``) → that one nomination's
        year. Unchanged when no such clause, a year is written, or no such year is known."""
        if parsed.years or parsed.year_offset:
            return parsed
        found = parsed.words
        und = self.understanding
        kinds = [
            *((c, "won") for c in und.year_clauses),
            *((c, "first") for c in und.first_nomination_clauses),
            *((c, "last") for c in und.last_nomination_clauses),
        ]
        for clause, kind in sorted(kinds, key=lambda item: len(item[0]), reverse=True):
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
                years = self._clause_years(place, kind, now) if place is not None else []
                if not years:
                    return parsed
                words = [*found[:k], YEAR_WORD, *found[k + size :]]
                return replace(parsed, words=words, years=years, domain=True)
        return parsed

    def _clause_years(self, place: Place, kind: str, now: datetime) -> list[int]:
        """The years a year clause names: the wins, or the first or last nomination."""
        view = self.composer.view_at(now)
        if kind == "won":
            return list(view.wins(place))
        nominated = sorted({y for y, _, _ in view.nominations(place)})
        if not nominated:
            return []
        return [nominated[0] if kind == "first" else nominated[-1]]

    def _topic_question(
        self, question: str, parsed: Parsed, context: Conversation | None, now: datetime
    ) -> str | None:
        """«hvor gjør jeg det?» after an answer about the vote, «og hvor skjedde det?» after one
        about the award: a short question with an ask word and «det» that names nothing, in a
        live conversation. The intent its ask word asks in the conversation's topic
        (``topic_questions`` in understanding.yaml); "" when the topic has none for it (not
        understood, but never outside the prize); None when it is no such question."""
        if context is None or context.intent is None or context.expired(now):
            return None
        if parsed.places or parsed.counties or parsed.projects or parsed.years:
            return None
        said = set(words(question))
        if not said & self.understanding.anaphors or len(parsed.words) > TOPIC_QUESTION_WORDS:
            return None
        asked = said & self.understanding.question_words
        rest = set(parsed.words) - asked - self.synonyms.elliptic_words
        if not asked or not rest <= self.understanding.topic_verbs:
            return None
        for after, asks in self.understanding.topic_questions:
            if context.intent not in after:
                continue
            found = [intent for word, intent in asks if word in asked and intent in self.intents]
            return found[0] if len(set(found)) == 1 else ""
        return ""

    def _national_figures(self, parsed: Parsed, context: Conversation | None) -> bool:
        """«Hvor mange flyktninger kommer i 2027?», «… skal Norge ta imot?»: a question for
        figures that names no municipality, county, project or the prize, in a conversation
        about none: the country's figures, which the prize's sources do not give."""
        if self.frames.ask_of(parsed.words) != "mange" or parsed.prize_word:
            return False
        if parsed.places or parsed.counties or parsed.projects:
            return False
        if context is not None and context.municipality:
            return False
        figures = self.synonyms.figure_words
        asked = set(parsed.words)
        return (
            bool(asked & figures - {"mange", "antall"})
            and asked & (self.synonyms.domain_words | self.synonyms.winner_words) <= figures
        )

    def _remembered(self, parsed: Parsed, context: Conversation | None) -> frozenset[str]:
        """The slots the conversation fills for a question that points back («dem», «andre»,
        or nothing but slots and filler): its year and its municipality."""
        if context is None or context.intent is None:
            return frozenset()
        pointing = set(parsed.words) & self.synonyms.other_words
        if not (parsed.pronoun or parsed.elliptic or pointing):
            syn = self.synonyms
            back = context.years and points_to_round(parsed, syn.round_pointers, syn.negations)
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
