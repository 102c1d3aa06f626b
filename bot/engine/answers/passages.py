"""The fallback when no intent fits: the fact texts that answer the question, as what the fact
base says («Dette vet jeg om …»), with their sources.

It only answers a question that names an entity of the fact base (a year, a municipality, a
person or a project) and whose other words a passage about that entity contains (the index's
threshold and coverage rule, :mod:`bot.knowledge.passages`). The index is built over the fact
base *as known at the moment asked* (so a later year's texts never leak) and kept per filtered
fact base, like the engine's :class:`History`.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from bot.engine.history import History
from bot.engine.places import Place, ProjectRef
from bot.engine.texts import Texts
from bot.knowledge.models import Fact, KnowledgeBase, Person
from bot.knowledge.passage_texts import Hit
from bot.knowledge.passages import PassageIndex
from bot.knowledge.passages_terms import stem

from .common import as_of, named_once, sentence_start
from .profile_lines import said_sentence
from .profile_people import who_sentence
from .reply import Reply, Request

_FIGURE_YEAR = re.compile(r" \((\d{4})\)$")
"""The reference year at the end of a figure passage («…: 82 prosent (2020)»)."""
_PERSON_ID = re.compile(r"\d{4}/profile/(.+)/people/(\d+)")
"""A person passage's id: the nominee's name and the person's number (from 1)."""
MAX_HITS = 3
"""At most this many passages are shown."""
RELATIVE_SCORE = 0.6
"""A second passage is shown only when it scores at least this share of the best."""
MIN_COVERAGE = 0.6
"""Share of the question's content (idf-weighted) a passage must contain: a little stricter
than the index's default, as the answer stands alone («Hva slags hår har ordføreren i Molde?»
matches «ordfører» only)."""
_KEPT = 8
_LETTERS = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Entities:
    """What a question names: the filters a passage must match."""

    years: tuple[int, ...] = ()
    place: Place | None = None
    person: str | None = None
    project: ProjectRef | None = None

    def __bool__(self) -> bool:
        return bool(self.years or self.place or self.person or self.project)


def _written(hit: Hit, word: str) -> bool:
    """True when the passage writes ``word`` (as asked, lower case, any inflection) with the
    same letters: folding makes «bør» and «bor» one word, which a required word must not."""
    asked = word.lower()
    for written in _LETTERS.findall(hit.passage.text.lower()):
        if written == asked or stem(written) in (asked, stem(asked)):
            return True
    return False


class PassageAnswers:
    """Answers from the passage index, one index per fact base as known at a moment."""

    def __init__(self, synonyms: Mapping[str, Iterable[str]] | None = None) -> None:
        self.synonyms = dict(synonyms or {})
        self._lock = threading.Lock()
        self._cache: dict[int, tuple[KnowledgeBase, PassageIndex]] = {}

    def index(self, kb: KnowledgeBase) -> PassageIndex:
        """The passage index of ``kb`` (built once, then cached)."""
        with self._lock:
            entry = self._cache.get(id(kb))
            if entry is None or entry[0] is not kb:
                entry = (kb, PassageIndex.build(kb, self.synonyms))
                self._cache[id(kb)] = entry
                while len(self._cache) > _KEPT:
                    del self._cache[next(iter(self._cache))]
            return entry[1]

    def search(
        self,
        view: History,
        question: str,
        entities: Entities,
        *,
        min_coverage: float = MIN_COVERAGE,
        required: tuple[str, ...] = (),
        keep: Callable[[Hit], bool] | None = None,
    ) -> list[Hit]:
        """The passages that answer ``question`` among those about ``entities``; with
        ``required``, only passages that match each of those words, and with ``keep``, only
        those it keeps."""
        if not entities:
            return []
        index = self.index(view.kb)
        number = entities.place.municipality.number if entities.place else None
        years: list[int | None] = [view.resolve(y) for y in entities.years] or [None]
        if entities.project is not None and not entities.years:
            years = [entities.project.year]
        hits: list[Hit] = []
        for year in years[:3]:
            hits += index.search(
                question,
                year=year,
                municipality=number,
                person=entities.person,
                limit=MAX_HITS,
                min_coverage=min_coverage,
            )
        hits = [
            h
            for h in hits
            if all(index.matches(h, word) and _written(h, word) for word in required)
            and (keep is None or keep(h))
        ]
        hits.sort(key=lambda hit: -hit.score)
        if not hits:
            return []
        best = hits[0].score
        return [h for h in hits if h.score >= best * RELATIVE_SCORE][:MAX_HITS]

    def answer(
        self,
        view: History,
        texts: Texts,
        request: Request,
        question: str,
        entities: Entities,
        *,
        min_coverage: float = MIN_COVERAGE,
        required: tuple[str, ...] = (),
        keep: Callable[[Hit], bool] | None = None,
    ) -> Reply | None:
        """The reply quoting the best passages, or None when none answers the question
        (``min_coverage``, ``required`` and ``keep`` as in :meth:`search`)."""
        hits = self.search(
            view, question, entities, min_coverage=min_coverage, required=required, keep=keep
        )
        reply = Reply(now=request.now)
        shown = []
        for hit in hits:
            text = as_of(texts, hit.passage.text, request.now)
            if not text:
                continue
            label = view.label(hit.passage.year) if hit.passage.year else ""
            figure = _FIGURE_YEAR.search(text) if hit.passage.kind == "figure" else None
            if figure is not None:  # «…: 30 ansatte (2021)» → «… (tall for 2021)»
                text = texts("profile.passage_figure", text=text[: figure.start()], year=figure[1])
            person = _person(view, hit)
            award = _award_sentence(view, texts, hit, text)
            if award is not None:  # «2023: ordfører Frank Pedersen» → a whole sentence
                line = award
            elif (said := _figure_sentence(view, hit)) is not None:  # the curator's sentence
                line = texts("profile.passage_context", text=said) if hit.passage.context else said
            elif person is not None and person[1].said:  # a sentence, as in the people answers
                line = said_sentence(texts, person[1])  # with the role: it may be what was asked
                if person[1].context:
                    line = texts("profile.passage_context", text=line)
            elif person is not None:  # someone only named: who it was, as a sentence (F1)
                line = _who_then(view, texts, hit, person)
            elif hit.passage.context:
                line = texts("profile.passage_context", text=text)
            else:
                line = _as_sentence(texts, hit, text, label)
            shown.append((line, hit))
        shown = [  # someone only named, when another line names them too, is said once (P1)
            (line, hit)
            for line, hit in shown
            if not (
                (p := _person(view, hit))
                and not p[1].said
                and any(p[1].name in other for other, o in shown if o is not hit)
            )
        ]
        said_words = set(texts("profile.passage_said_words").split())
        if said_words & set(re.findall(r"\w+", question.lower())):  # what they said first (P3)
            shown.sort(key=lambda item: not _said(view, item[1]))
        if not shown:
            return None
        # No «Her er det jeg vet om …» intro (P1–P3): every line is a whole sentence naming
        # its subject, so the first line is the answer.
        for line, hit in shown:
            reply.say(line, Fact(None, hit.passage.sources))
            if hit.passage.year is not None and hit.passage.year not in reply.years:
                reply.years.append(hit.passage.year)
        if entities.place is not None:
            reply.municipality = entities.place.name
        return reply


_NAME_LEAD = re.compile(r"^([^.:]{2,80}): (?=[A-ZÆØÅ«])")
"""A project passage's name before its description («Nøkkelferdige boliger: Flyktningene …»)."""


def _as_sentence(texts: Texts, hit: Hit, text: str, label: str) -> str:
    """A passage as whole sentences, never «2023: …» or «Navn: beskrivelse» (issue 13): a
    project named in a sentence with its round, a reason with the nominee it is about, and any
    other text of a round with the round in brackets when the text does not name it."""
    kind = hit.passage.kind
    if kind == "project" and label:
        lead = _NAME_LEAD.match(text)
        if lead is not None:
            rest = text[lead.end() :]
            return texts("profile.passage_project", name=lead[1], label=label, text=rest)
        return texts("profile.passage_project_named", label=label, text=text)
    if kind == "nominated_for" and label and hit.passage.names:
        name = hit.passage.names[0]
        line = texts("profile.passage_nominated", name=name, label=label, text=text)
        return named_once(texts, line, name)
    year = label.split("/")[-1] if label else ""
    if not year or year in text:
        return text
    return texts("profile.passage_dated", text=text.removesuffix("."), label=label)


def _figure_sentence(view: History, hit: Hit) -> str | None:
    """A figure passage (``<year>/profile/<name>/figures/<n>``) as its whole sentence, when
    the curator wrote one."""
    if hit.passage.kind != "figure" or hit.passage.year is None:
        return None
    record = view.get(hit.passage.year)
    parts = hit.passage.id.split("/")
    if record is None or len(parts) != 5 or not parts[4].isdigit():
        return None
    for profile in record.profiles:
        if profile.entrant.name == parts[2] and 0 < int(parts[4]) <= len(profile.figures):
            return profile.figures[int(parts[4]) - 1].said
    return None


def _award_sentence(view: History, texts: Texts, hit: Hit, text: str) -> str | None:
    """An award fact (who handed over, who received, the event, the place) as the sentence
    the award answers use, or None for another passage."""
    if hit.passage.kind != "award" or hit.passage.year is None:
        return None
    record = view.get(hit.passage.year)
    if record is None:
        return None
    part = hit.passage.id.rsplit("/", 1)[-1]
    winner = record.winner.value.name if record.winner is not None else None
    if part == "handed_by":
        return texts("handed_by.text", label=record.label, text=text, winner=winner or "")
    if part == "received_by" and winner is not None:
        return sentence_start(
            texts("received_by.text", label=record.label, text=text, winner=winner)
        )
    if part == "event":
        where = texts("award.at_event", text=text)
    elif part == "place":
        first = text.split(" ", 1)[0]
        on = first in texts("award.on_places").split()
        where = texts("award.on_place" if on else "award.in_place", text=text)
    else:
        return None
    key = "award.where" if winner is not None else "award.planned"
    return texts(key, label=record.label, where=where)


def _who_then(view: History, texts: Texts, hit: Hit, person: tuple[str, Person]) -> str:
    """Someone a passage only names, as the people answers say it: «Maria Bøgeberg var leder
    for integreringsenheten i Harstad kommune da kommunen ble nominert for 2021.»"""
    nominee, someone = person
    record = view.get(hit.passage.year) if hit.passage.year is not None else None
    if record is None:
        return someone.name
    won = record.winner is not None and record.winner.value.name == nominee
    key = "profile.who_won" if won else "profile.who_nominated"
    return who_sentence(texts, key, someone.name, someone.role, nominee, record.label)


def _said(view: History, hit: Hit) -> bool:
    """Whether a passage is what someone said."""
    person = _person(view, hit)
    return person is not None and bool(person[1].said)


def _person(view: History, hit: Hit) -> tuple[str, Person] | None:
    """The nominee's name and the person a ``person`` passage was made from."""
    if hit.passage.kind != "person" or hit.passage.year is None:
        return None
    match = _PERSON_ID.fullmatch(hit.passage.id)
    record = view.get(hit.passage.year)
    if match is None or record is None:
        return None
    for profile in record.profiles:
        if profile.entrant.name == match[1] and int(match[2]) <= len(profile.people):
            return profile.entrant.name, profile.people[int(match[2]) - 1]
    return None
