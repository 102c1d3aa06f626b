"""Frames: a question read as question word + content words (predicates) + slots, mapped to
intents by the rules in ``knowledge/frames.yaml``. A matching rule adds its weight to that
intent's score in the matcher, so a new combination of known parts («Hvor fikk de prisen?»)
is understood without a new example phrasing.

The file is validated when read; every mistake becomes a :class:`KnowledgeIssue` with file and
line."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bot.engine.extract import Parsed
from bot.engine.normalise import MAX_QUESTION_CHARS, words
from bot.knowledge.yamlio import KnowledgeError, KnowledgeIssue, LDict, LList, read_yaml

FRAMES_FILE = "frames.yaml"
DEFAULT_WEIGHT = 20.0
NO_QUESTION_WORD = "ingen"
"""In ``ask:``: a yes/no question (no question word)."""
SLOT_NAMES = frozenset({"year", "municipality", "county", "project", "years", "municipalities"})
"""``years`` and ``municipalities``: two or more of them named in the question itself."""
_RULE_KEYS = {
    "intent",
    "ask",
    "all",
    "any",
    "none",
    "written",
    "alone",
    "with",
    "without",
    "weight",
}


@dataclass(frozen=True)
class Frame:
    """What a question asks: its question word, its content words and its slots."""

    ask: str | None
    content: frozenset[str]
    slots: frozenset[str]
    written: frozenset[str] = frozenset()
    """The question's own folded words, stop words included («kan» in «Hvem kan vinne?»)."""


@dataclass(frozen=True)
class Rule:
    """One line of ``rules:``."""

    intent: str
    line: int
    ask: frozenset[str] = frozenset()
    all: frozenset[str] = frozenset()
    any: frozenset[str] = frozenset()
    none: frozenset[str] = frozenset()
    written: frozenset[str] = frozenset()
    alone: bool = False
    """Nothing but the question word and ``all`` («Hvem ble det?»)."""
    with_slots: frozenset[str] = frozenset()
    without: frozenset[str] = frozenset()
    weight: float = DEFAULT_WEIGHT

    def fits(self, frame: Frame) -> bool:
        """Whether ``frame`` has everything this rule asks for."""
        asked = frame.ask or NO_QUESTION_WORD
        return (
            (not self.ask or asked in self.ask)
            and self.all <= frame.content
            and (not self.any or bool(self.any & frame.content))
            and not self.none & frame.content
            and (not self.written or bool(self.written & frame.written))
            and (not self.alone or not frame.content - self.all - {frame.ask})
            and self.with_slots <= frame.slots
            and not self.without & frame.slots
        )


@dataclass(frozen=True)
class Frames:
    """The question words and rules of ``frames.yaml``."""

    ask_words: tuple[str, ...]
    rules: tuple[Rule, ...]
    degree_words: frozenset[str] = frozenset({"mange"})
    """After «hvor», a word that asks how much («hvor mange», «hvor stor», «hvor lenge»):
    the question word is then «mange», not the «hvor» of a place."""

    def ask_of(self, canonical: list[str]) -> str | None:
        """The question word of a canonical word list («hvor mange», «hvor stor» ask
        «mange»)."""
        for k, word in enumerate(canonical):
            if word in self.ask_words:
                if word == "hvor" and set(canonical[k + 1 : k + 2]) & self.degree_words:
                    return "mange"
                return word
        return None

    def read(self, parsed: Parsed, remembered: frozenset[str] = frozenset()) -> Frame:
        """The frame of a parsed question; ``remembered`` slots (the conversation's year or
        municipality, given when the question points back: «Hvem av dem vant?») count too."""
        content = frozenset(parsed.words)
        ask = self.ask_of(parsed.words)
        slots = set()
        if parsed.years or parsed.year_offset or parsed.last_n:
            slots.add("year")
        if parsed.places:
            slots.add("municipality")
        if len(parsed.years) > 1:
            slots.add("years")
        if len({p.municipality.number for p in parsed.places}) > 1:
            slots.add("municipalities")
        if parsed.counties:
            slots.add("county")
        if parsed.projects:
            slots.add("project")
        slots |= remembered
        written = frozenset(words(parsed.question[:MAX_QUESTION_CHARS]))
        return Frame(ask, content, frozenset(slots), written)

    def bonus(self, parsed: Parsed, remembered: frozenset[str] = frozenset()) -> dict[str, float]:
        """Intent → extra score from the rules the question fits: the largest bonus plus the
        largest penalty (a rule with a negative weight) per intent."""
        frame = self.read(parsed, remembered)
        best: dict[str, float] = {}
        worst: dict[str, float] = {}
        for rule in self.rules:
            if rule.fits(frame):
                if rule.weight >= 0:
                    best[rule.intent] = max(best.get(rule.intent, 0.0), rule.weight)
                else:
                    worst[rule.intent] = min(worst.get(rule.intent, 0.0), rule.weight)
        return {i: best.get(i, 0.0) + worst.get(i, 0.0) for i in best.keys() | worst.keys()}


def load_frames(directory: Path, canonical: Callable[[str], str] | None = None) -> Frames:
    """Read and validate ``frames.yaml``; raise KnowledgeError naming file and line.

    ``canonical(word)`` maps a word to its canonical form (synonyms.yaml), so a curator may
    write any form of a word in the rules."""
    name = f"knowledge/{FRAMES_FILE}"
    data = read_yaml(directory / FRAMES_FILE, name)
    issues: list[KnowledgeIssue] = []
    if not isinstance(data, LDict):
        raise KnowledgeError([KnowledgeIssue(name, 1, "filen må være en mapping med nøkler")])
    for key in data:
        if key not in {"ask_words", "degree_words", "rules"}:
            issues.append(KnowledgeIssue(name, data.line_of(key), f"ukjent nøkkel «{key}»"))

    def norm(word: str) -> str:
        folded = " ".join(words(word))
        return canonical(folded) if canonical is not None else folded

    def word_set(node: LDict, key: str, canon: bool = True) -> frozenset[str]:
        value = node.get(key, [])
        if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
            issues.append(KnowledgeIssue(name, node.line_of(key), f"«{key}» må være en liste"))
            return frozenset()
        if not canon:
            return frozenset(" ".join(words(str(x))) for x in value if words(str(x)))
        return frozenset(norm(x) for x in value if words(x))

    ask_words = word_set(data, "ask_words", canon=False)
    degree_words = word_set(data, "degree_words") | {"mange"}
    rules: list[Rule] = []
    node = data.get("rules", LList())
    if not isinstance(node, LList):
        issues.append(KnowledgeIssue(name, data.line_of("rules"), "«rules» må være en liste"))
        node = LList()
    for index, raw in enumerate(node):
        line = node.line_of(index)
        if not isinstance(raw, LDict) or not isinstance(raw.get("intent"), str):
            issues.append(KnowledgeIssue(name, line, "en regel må være en mapping med «intent»"))
            continue
        for key in raw:
            if key not in _RULE_KEYS:
                issues.append(KnowledgeIssue(name, raw.line_of(key), f"ukjent nøkkel «{key}»"))
        slots = {key: word_set(raw, key, canon=False) for key in ("with", "without")}
        for key, found in slots.items():
            for slot in found - SLOT_NAMES:
                issues.append(
                    KnowledgeIssue(name, raw.line_of(key), f"ukjent slot «{slot}» i «{key}»")
                )
        asked = word_set(raw, "ask", canon=False)
        for word in asked - ask_words - {NO_QUESTION_WORD}:
            issues.append(
                KnowledgeIssue(name, raw.line_of("ask"), f"«{word}» er ikke et spørreord")
            )
        if not isinstance(raw.get("alone", False), bool):
            issues.append(KnowledgeIssue(name, raw.line_of("alone"), "«alone» må være true/false"))
        weight = raw.get("weight", DEFAULT_WEIGHT)
        if not isinstance(weight, int | float) or isinstance(weight, bool):
            issues.append(KnowledgeIssue(name, raw.line_of("weight"), "«weight» må være et tall"))
            weight = DEFAULT_WEIGHT
        rules.append(
            Rule(
                intent=raw["intent"],
                line=line,
                ask=asked,
                all=word_set(raw, "all"),
                any=word_set(raw, "any"),
                none=word_set(raw, "none"),
                written=word_set(raw, "written", canon=False),
                alone=raw.get("alone") is True,
                with_slots=slots["with"],
                without=slots["without"],
                weight=float(weight),
            )
        )
    if issues:
        raise KnowledgeError(issues)
    return Frames(tuple(sorted(ask_words)), tuple(rules), degree_words)
