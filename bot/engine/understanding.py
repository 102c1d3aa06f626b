"""The engine's third curated file, ``knowledge/understanding.yaml``: wrapper phrases around a
question, words that are never taken as place names, and other prizes.

Validated when read; every mistake becomes a :class:`KnowledgeIssue` with file and line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.engine.normalise import words
from bot.knowledge.yamlio import KnowledgeError, KnowledgeIssue, LDict, read_yaml

UNDERSTANDING_FILE = "understanding.yaml"
_KEYS = {
    "greetings",
    "thanks",
    "signoffs",
    "preambles",
    "introductions",
    "topic_links",
    "back_references",
    "question_words",
    "requests",
    "not_places",
    "other_prizes",
    "reporting",
    "asked_words",
    "roles",
    "year_clauses",
    "anaphors",
    "own_words",
    "corrections",
    "topic_questions",
    "topic_verbs",
    "first_nomination_clauses",
    "last_nomination_clauses",
}
_TOPIC_AFTER = "after"
_PRIZE_KEYS = {"names", "nouns", "own", "this_years", "pointers"}

Phrase = tuple[str, ...]


@dataclass(frozen=True)
class OtherPrizes:
    """How another prize is recognised (see ``bot/engine/otherprize.py``)."""

    names: frozenset[Phrase]
    nouns: frozenset[str]
    own: frozenset[Phrase]
    this_years: frozenset[str]
    pointers: frozenset[str] = frozenset()
    """«dette» in «en egen pris for dette»: a prize «for» what is being talked about is this one."""


@dataclass(frozen=True)
class Understanding:
    """Folded phrases from ``understanding.yaml``."""

    greetings: frozenset[Phrase]
    thanks: frozenset[Phrase]
    greeting_word: str
    """The first greeting listed: what a message of greetings alone is read as."""
    thanks_word: str
    """The first thanks listed, likewise."""
    signoffs: frozenset[Phrase]
    preambles: frozenset[Phrase]
    introductions: frozenset[Phrase]
    """«her» in «Rana her», «hei fra» in «Hei fra Tone Vik»: how a short clause that says who
    is writing ends or starts (the names in it are not what is asked about)."""
    requests: frozenset[Phrase]
    """«fortell», «vet du om»: a question with one of these stands on its own in a
    conversation."""
    not_places: frozenset[str]
    other_prizes: OtherPrizes
    topic_links: frozenset[str] = frozenset()
    """«eller», «og», «vs»: the words between names in a topic before a question («Molde eller
    Tønsberg – hvem vant først?»)."""
    reporting: frozenset[Phrase] = frozenset()
    """«spør», «lurer på»: after a short subject («Gran (sjefen vår) spør hvem …») the words
    that follow are the question, and the subject is only who asks."""
    asked_words: frozenset[str] = frozenset()
    """Words that start the reported question («hvem», «om»); never in its subject."""
    roles: frozenset[str] = frozenset()
    """«sjefen», «kollega»: a name followed by one of these in parentheses is a person."""
    own_words: frozenset[str] = frozenset()
    """«jeg», «vi», «min»: a statement with one of these and a municipality says which one
    «vi» and «byen min» in the question are."""
    anaphors: frozenset[str] = frozenset()
    """«det», «de», «vi»: a question with one of these may lean on the sentence before it."""
    year_clauses: frozenset[Phrase] = frozenset()
    """Canonical words that name a year by a win: «det året vi vant» (``ar vant``), «året
    Sunndal vant» (``ar kommunenavn vant``): the year(s) that municipality won."""
    back_references: frozenset[Phrase] = frozenset()
    """«Vet du det?», «Stemmer det?»: a question that only points back to the sentence before."""
    question_words: frozenset[str] = frozenset()
    """«hvem», «når»: where a question inside a statement starts («ingen husket hvem som …»)."""
    corrections: frozenset[Phrase] = frozenset()
    """«nei vent, jeg mente 2016»: a remark after the question that puts another year in place
    of the question's year."""
    first_nomination_clauses: frozenset[Phrase] = frozenset()
    """«det året de ble nominert første gang»: the year of that municipality's first
    nomination (canonical words, like ``year_clauses``)."""
    last_nomination_clauses: frozenset[Phrase] = frozenset()
    """«det året Asker sist var nominert»: the year of its latest nomination."""
    topic_verbs: frozenset[str] = frozenset()
    """«gjør», «skjedde»: the only words besides the ask word, «det» and fillers that a short
    follow-up read in the conversation's topic may have («hvor er det varmest?» is no such)."""
    topic_questions: tuple[tuple[frozenset[str], tuple[tuple[str, str], ...]], ...] = ()
    """Per topic: the intents it follows, and for each ask word («hvor», «når») the intent a
    short question with that word and «det» («hvor gjør jeg det?») asks in that topic."""


def load_understanding(directory: Path) -> Understanding:
    """Read and validate ``understanding.yaml``; raise KnowledgeError naming file and line."""
    name = f"knowledge/{UNDERSTANDING_FILE}"
    data = read_yaml(directory / UNDERSTANDING_FILE, name)
    issues: list[KnowledgeIssue] = []
    if not isinstance(data, LDict):
        raise KnowledgeError([KnowledgeIssue(name, 1, "filen må være en mapping med nøkler")])
    for key in data:
        if key not in _KEYS:
            issues.append(KnowledgeIssue(name, data.line_of(key), f"ukjent nøkkel «{key}»"))

    def phrases(node: LDict, key: str) -> frozenset[Phrase]:
        value: Any = node.get(key, [])
        line = node.line_of(key)
        if not isinstance(value, list) or not all(isinstance(x, str | int) for x in value):
            issues.append(KnowledgeIssue(name, line, f"«{key}» må være en liste med ord"))
            return frozenset()
        found = set()
        for item in value:
            phrase = tuple(words(str(item)))
            if not phrase:
                issues.append(KnowledgeIssue(name, line, f"tomt uttrykk i «{key}»"))
                continue
            found.add(phrase)
        return frozenset(found)

    def single(node: LDict, key: str) -> frozenset[str]:
        found = set()
        for phrase in phrases(node, key):
            if len(phrase) != 1:
                issues.append(
                    KnowledgeIssue(
                        name, node.line_of(key), f"«{' '.join(phrase)}» i «{key}» må være ett ord"
                    )
                )
                continue
            found.add(phrase[0])
        return frozenset(found)

    prizes = data.get("other_prizes", LDict())
    if not isinstance(prizes, LDict):
        issues.append(KnowledgeIssue(name, data.line_of("other_prizes"), "må være en mapping"))
        prizes = LDict()
    for key in prizes:
        if key not in _PRIZE_KEYS:
            issues.append(
                KnowledgeIssue(name, prizes.line_of(key), f"ukjent nøkkel «{key}» i other_prizes")
            )

    def first(key: str) -> str:
        value = data.get(key)
        if isinstance(value, list) and value and words(str(value[0])):
            return " ".join(words(str(value[0])))
        return ""

    topics: list[tuple[frozenset[str], tuple[tuple[str, str], ...]]] = []
    node = data.get("topic_questions", LDict())
    if not isinstance(node, LDict):
        issues.append(KnowledgeIssue(name, data.line_of("topic_questions"), "må være en mapping"))
        node = LDict()
    for topic in node:
        entry = node[topic]
        if not isinstance(entry, LDict):
            issues.append(
                KnowledgeIssue(name, node.line_of(topic), f"«{topic}» må være en mapping")
            )
            continue
        names: Any = entry.get(_TOPIC_AFTER, [])
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            issues.append(
                KnowledgeIssue(name, entry.line_of(_TOPIC_AFTER), "«after» må være intentnavn")
            )
            names = []
        after = frozenset(names)
        asks: list[tuple[str, str]] = []
        for key in entry:
            if key == _TOPIC_AFTER:
                continue
            value = entry[key]
            if not isinstance(value, str) or len(words(str(key))) != 1:
                issues.append(
                    KnowledgeIssue(
                        name, entry.line_of(key), f"«{key}» i «{topic}»: ett spørreord → en intent"
                    )
                )
                continue
            asks.append((words(str(key))[0], value))
        topics.append((after, tuple(asks)))

    result = Understanding(
        greetings=phrases(data, "greetings"),
        thanks=phrases(data, "thanks"),
        greeting_word=first("greetings"),
        thanks_word=first("thanks"),
        signoffs=phrases(data, "signoffs"),
        preambles=phrases(data, "preambles"),
        introductions=phrases(data, "introductions"),
        requests=phrases(data, "requests"),
        topic_links=single(data, "topic_links"),
        back_references=phrases(data, "back_references"),
        question_words=single(data, "question_words"),
        not_places=single(data, "not_places"),
        reporting=phrases(data, "reporting"),
        asked_words=single(data, "asked_words"),
        roles=single(data, "roles"),
        year_clauses=phrases(data, "year_clauses"),
        anaphors=single(data, "anaphors"),
        own_words=single(data, "own_words"),
        corrections=phrases(data, "corrections"),
        topic_questions=tuple(topics),
        topic_verbs=single(data, "topic_verbs"),
        first_nomination_clauses=phrases(data, "first_nomination_clauses"),
        last_nomination_clauses=phrases(data, "last_nomination_clauses"),
        other_prizes=OtherPrizes(
            names=phrases(prizes, "names"),
            nouns=single(prizes, "nouns"),
            own=phrases(prizes, "own"),
            this_years=single(prizes, "this_years"),
            pointers=single(prizes, "pointers"),
        ),
    )
    if issues:
        raise KnowledgeError(issues)
    return result
