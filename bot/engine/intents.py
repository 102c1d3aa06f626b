"""The engine's intents: ``knowledge/intents.yaml`` read into :class:`IntentSpec` values.

The file is validated when read; every mistake becomes a :class:`KnowledgeIssue` with the
file and line, so ``python -m bot check`` and ``/reload`` can show it to the curator.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.engine.filecheck import FileChecker
from bot.engine.normalise import words
from bot.knowledge.yamlio import KnowledgeError, KnowledgeIssue, LDict, LList, read_yaml

INTENTS_FILE = "intents.yaml"

SLOTS = frozenset({"year", "municipality", "county", "project"})
"""Slot names an intent may declare in ``needs:``."""

_INTENT_KEYS = {
    "examples",
    "keywords",
    "unlikely",
    "needs",
    "uses",
    "domain",
    "suggestion",
    "label",
    "unknown",
    "nearby",
    "suggest_if",
}

PREMISES = frozenset({"no_winner", "winner"})
"""What a «Mente du …?» question may take for granted about its year (``suggest_if``)."""


@dataclass(frozen=True)
class IntentSpec:
    """One intent: its example phrasings and how it is matched."""

    name: str
    examples: tuple[str, ...]
    keywords: frozenset[str] = frozenset()
    """Canonical words that make this intent more likely when present."""
    unlikely: frozenset[str] = frozenset()
    """Canonical words that make this intent less likely («hvorfor» for «Vant Kinn?»)."""
    needs: frozenset[str] = frozenset()
    """Slots that must be present (in the question or the context) for the intent to apply."""
    uses: frozenset[str] = frozenset()
    """Slots a follow-up may take from the conversation when the question lacks them."""
    domain: bool = True
    """False for small talk (greetings, thanks, help) that needs no prize-related signal."""
    suggestion: str = ""
    """Canonical question offered in «Mente du …?», with ``{year}``/``{municipality}`` slots."""
    label: str = ""
    """Short Norwegian description used in help texts."""
    unknown: bool = False
    """A question about the prize the sources cannot answer: says ``unknown.<name>`` plainly."""
    nearby: tuple[str, ...] = ()
    """Answers (intents or topics) giving what is known nearby, after an ``unknown`` text."""
    suggest_if: str = ""
    """The premise of ``suggestion`` (``no_winner``, ``winner``): offered only when it holds
    for the year filled in («Hvorfor er det ingen vinner for 2025?» not when Moss won)."""


def load_intents(directory: Path) -> dict[str, IntentSpec]:
    """Read and validate ``intents.yaml``; raise KnowledgeError naming file and line."""
    name = f"knowledge/{INTENTS_FILE}"
    data = read_yaml(directory / INTENTS_FILE, name)
    check = FileChecker(name)
    if not isinstance(data, LDict) or not isinstance(data.get("intents"), LDict):
        raise KnowledgeError([KnowledgeIssue(name, 1, "filen må ha en mapping «intents:»")])
    for key in data:
        if key != "intents":
            check.add(data.line_of(key), f"ukjent nøkkel «{key}»")
    intents: dict[str, IntentSpec] = {}
    seen_examples: dict[str, tuple[str, int]] = {}
    node: LDict = data["intents"]
    for intent, spec in node.items():
        line = node.line_of(intent)
        if not isinstance(spec, LDict):
            check.add(line, f"intensjonen «{intent}» må være en mapping")
            continue
        for key in spec:
            if key not in _INTENT_KEYS:
                check.add(spec.line_of(key), f"ukjent nøkkel «{key}» i «{intent}»")
        examples = spec.get("examples")
        if not isinstance(examples, LList) or not examples:
            check.add(spec.line_of("examples"), f"«{intent}» mangler «examples:» (minst én)")
            continue
        for index, example in enumerate(examples):
            example_line = examples.line_of(index)
            if not isinstance(example, str) or not words(example):
                check.add(example_line, f"tom eller ugyldig formulering i «{intent}»")
                continue
            folded = " ".join(words(example))
            if folded in seen_examples and seen_examples[folded][0] != intent:
                other, other_line = seen_examples[folded]
                check.add(
                    example_line,
                    f"formuleringen «{example}» står også under «{other}» (linje {other_line})",
                )
            seen_examples.setdefault(folded, (intent, example_line))
        needs = check.word_list(spec.get("needs", []), "needs", spec.line_of("needs"))
        uses = check.word_list(spec.get("uses", []), "uses", spec.line_of("uses"))
        for key, slots in (("needs", needs), ("uses", uses)):
            for slot in slots:
                if slot not in SLOTS:
                    check.add(spec.line_of(key), f"ukjent slot «{slot}» (kjente: {sorted(SLOTS)})")
        domain = spec.get("domain", True)
        if not isinstance(domain, bool):
            check.add(spec.line_of("domain"), "«domain» må være true eller false")
            domain = True
        unknown = spec.get("unknown", False)
        if not isinstance(unknown, bool):
            check.add(spec.line_of("unknown"), "«unknown» må være true eller false")
            unknown = False
        nearby = check.word_list(spec.get("nearby", []), "nearby", spec.line_of("nearby"))
        suggestion = spec.get("suggestion", "")
        label = spec.get("label", "")
        suggest_if = spec.get("suggest_if", "")
        if suggest_if and suggest_if not in PREMISES:
            check.add(
                spec.line_of("suggest_if"),
                f"ukjent «suggest_if» «{suggest_if}» (kjente: {sorted(PREMISES)})",
            )
            suggest_if = ""
        if not isinstance(suggestion, str) or not isinstance(label, str):
            check.add(line, f"«suggestion» og «label» i «{intent}» må være tekst")
            continue
        intents[str(intent)] = IntentSpec(
            name=str(intent),
            examples=tuple(str(e) for e in examples if isinstance(e, str)),
            keywords=frozenset(
                w
                for k in check.word_list(spec.get("keywords", []), "keywords", line)
                for w in words(k)
            ),
            unlikely=frozenset(
                w
                for k in check.word_list(spec.get("unlikely", []), "unlikely", line)
                for w in words(k)
            ),
            needs=frozenset(needs),
            uses=frozenset(uses) | frozenset(needs),
            domain=domain,
            suggestion=suggestion,
            label=label,
            unknown=unknown,
            nearby=tuple(nearby),
            suggest_if=str(suggest_if),
        )
    if check.issues:
        raise KnowledgeError(check.issues)
    return intents
