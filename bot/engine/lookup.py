"""Answers found by what a question names rather than by its intent (issue 12).

- A person of the fact base named in the question («Hvem er Libe Rieber-Mohn?», «Hva sa
  Rieber-Mohn om Lørenskog?») is answered with who they are and what they said.
- When no intent fits, a question that names a year, municipality, person or project is
  answered with the fact texts about it that contain what was asked (the passage index).

The engine calls :meth:`Lookup.person` before matching and :meth:`Lookup.passages` where it
would otherwise refuse or only suggest; both return ``None`` when they have nothing.
"""

from __future__ import annotations

import re
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
from bot.engine.followup import leading_clause
from bot.engine.intents import IntentSpec
from bot.engine.lexicon import Synonyms
from bot.engine.normalise import words
from bot.engine.people import WRITTEN, FoundPerson, PersonIndex
from bot.engine.places import Place
from bot.engine.types import Answer, Conversation
from bot.knowledge.models import KnowledgeBase
from bot.knowledge.passage_texts import Hit
from bot.knowledge.passages_terms import STOP_WORDS, fold

PERSON_INTENT = "person"
PASSAGE_INTENT = "passage"
PERSON_CONFIDENCE = 0.95
PASSAGE_CONFIDENCE = 0.7
CATCH_ALL = ("place_summary",)
"""Intents that answer «everything about <kommune>»: a question naming a municipality with
content words these intents' examples never use («Hvordan hjalp Drammen leietakere?») is
answered from the fact texts first, when a passage answers it."""
OUT_OF_SCOPE_COVERAGE = 0.6
"""A question with an out-of-scope word needs a passage with each such word and this share
of the rest of its content."""
_LETTERS = re.compile(r"[^\W\d_]+")
WHEN_WORDS = frozenset({"nar"})
"""Canonical words of a question that asks when («når», «kva tid»)."""
WHEN_COVERAGE = 0.9
"""A «når» question with an out-of-scope word needs nearly all its words in the passage."""
COUNT_WORDS = frozenset({"mange", "antall"})
"""Canonical words of a question that asks for a count («hvor mange», «antall»)."""
_DURATION = re.compile(
    r"\b(i|på|over|nesten|rundt|drøyt|snart) (nesten |over |rundt |drøyt )?"
    r"(\d+|ett|en|ei|to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|tolv|femten|tjue|tretti|førti|"
    r"femti) (år|måneder|uker|dager)\b(?! etter| gaml| i uka| i uken)",
    re.IGNORECASE,
)
"""How long something lasted, as a fact text says it («i nesten 40 år», «over to år»; not
«ett år etter», «to dager i uka»)."""
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
        self.synonyms = synonyms
        self.nominated = frozenset(w for w in synonyms.domain_words if w.startswith("nomin"))

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
        query = question  # a misspelt name is no word the texts could match («nordre folo»)
        if parsed.misspelt_names:
            query = " ".join(w for w in words(question) if w not in parsed.misspelt_names)
        reply = self.passage_answers.answer(view, self.composer.texts, request, query, entities)
        if reply is None:
            return None
        remember(context, reply, now)
        return answered(question, reply, PASSAGE_INTENT, PASSAGE_CONFIDENCE)

    def out_of_scope_words(
        self,
        question: str,
        parsed: Parsed,
        now: datetime,
    ) -> Answer | None:
        """The fact texts for a question with an out-of-scope word that the facts about what
        it names use («hvor mange ukrainere kom med buss til Ullensvang» → the buses of 2022);
        None, and so a refusal, when not.

        Only for a question that itself names a year, municipality or project, whose
        out-of-scope words are single content words (a phrase with a function word, such as
        «hvem er ordfører», asks about the present and stays refused), whose every content
        word some fact text uses, and only a passage that contains every out-of-scope word
        as written and most of the rest of the question (a number, for a count)."""
        if parsed.out_of_scope_firm or not parsed.out_of_scope_found:
            return None
        if any(w in STOP_WORDS for phrase in parsed.out_of_scope_found for w in phrase):
            return None
        found = {w for phrase in parsed.out_of_scope_found for w in phrase}
        required = [w for w in _LETTERS.findall(question.lower()) if fold(w) in found]
        if {fold(w) for w in required} != found:  # read through a typo: not as written
            return None
        place = parsed.places[0] if parsed.places else self.compound_place(parsed)
        entities = Entities(
            years=tuple(parsed.years),
            place=place,
            project=parsed.projects[0] if parsed.projects else None,
        )
        if not entities:
            return None
        # «hvor mange innbyggere har Trondheim?»: only a text with a number answers a count
        counts = bool(set(parsed.words) & COUNT_WORDS)
        # «når åpner NAV i Randaberg?»: a text about NAV there is no answer to «when»
        coverage = WHEN_COVERAGE if set(parsed.words) & WHEN_WORDS else OUT_OF_SCOPE_COVERAGE
        # «da de vant», «nominert»: the round, not what is asked about
        asked = " ".join(w for w in _LETTERS.findall(question) if not self._round_word(w))
        view = self.composer.view_at(now)
        index = self.passage_answers.index(view.kb)
        if any(not slot.terms for slot in index.slots(asked)):  # «koster», «temperaturen»
            return None  # a word no fact text uses: no text answers it
        tries = [entities]
        if entities.years and place is not None:  # «våren 2022»: a date, not a prize year
            tries.append(Entities(place=place))
        for named in tries:
            request = Request(PASSAGE_INTENT, now, years=list(named.years))
            reply = self.passage_answers.answer(
                view,
                self.composer.texts,
                request,
                asked,
                named,
                min_coverage=coverage,
                required=tuple(required),
                keep=_has_number if counts else None,
            )
            if reply is not None:
                return answered(question, reply, PASSAGE_INTENT, PASSAGE_CONFIDENCE)
        return None

    def duration(
        self,
        question: str,
        parsed: Parsed,
        now: datetime,
        context: Conversation | None = None,
    ) -> Answer | None:
        """«Hvor lenge varte introduksjonsprogrammet i Molde?», «Hvor lenge har Bodø bosatt
        flyktninger?»: the fact text about the municipality that says how long («i nesten 40
        år»), else that the sources do not say; None for any other question.

        Only for «hvor lenge» (read as ``since_words``, but without «siden» written: «hvor
        lenge siden vant X» asks about the win) about a named municipality, with no year and
        no word about winning or nominating."""
        written = set(words(question))
        if not parsed.places or parsed.years or written & self.synonyms.since_words:
            return None
        if not set(parsed.words) & self.synonyms.since_words:
            return None
        if set(parsed.words) & (self.synonyms.winner_words | self.nominated):
            return None
        rest = [
            w
            for w in parsed.words
            if w not in PLACEHOLDERS
            and w not in self.synonyms.since_words
            and w not in self.synonyms.stopwords
        ]
        if not [w for w in rest if w not in STOP_WORDS]:
            return None
        place = parsed.places[0]
        view = self.composer.view_at(now)
        request = Request(PASSAGE_INTENT, now)
        reply = self.passage_answers.answer(
            view,
            self.composer.texts,
            request,
            " ".join(rest),
            Entities(place=place),
            keep=lambda hit: _DURATION.search(hit.passage.text) is not None,
        )
        if reply is None:
            reply = Reply(now=now, municipality=place.name)
            name = place.entrant or place.name
            reply.say(self.composer.texts("profile.no_duration", place=name))
        remember(context, reply, now)
        return answered(question, reply, PASSAGE_INTENT, PASSAGE_CONFIDENCE)

    def _round_word(self, word: str) -> bool:
        """«vant», «vunnet», «vinneren»: a word that says which round, not what is asked."""
        key = tuple(words(word))
        return bool(set(self.synonyms.words.get(key, key)) & self.synonyms.winner_words)

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
            # «Hvor mange bosatte Tynset i 2016, og var det mer enn IMDi ba om?»: a figure
            # question first; what the second part compares with is said by the figures
            first = leading_clause(question, self.synonyms)
            asked = self.extractor.parse(first, now) if first else parsed
            if not (asked.places and self.figure_words & set(asked.words)):
                asked = parsed
            specific = [w for w in asked.words if w not in generic]
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


def _has_number(hit: Hit) -> bool:
    """True when the passage states a number (a count answers «hvor mange»)."""
    return any(ch.isdigit() for ch in hit.passage.text)


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
