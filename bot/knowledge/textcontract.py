"""The contract of a text file ``knowledge/texts/<area>.yaml``, and its check with file and line.

The part of the bot that formats an area's texts declares, next to that code, a
:class:`TextContract`: every text it needs and the placeholders it fills in each one, plus any
keyed groups (menus, examples) whose keys the curator chooses. :func:`check_texts` holds a file
to its contract: a missing text, an unknown placeholder, a broken brace, an empty text, a text
over its limit or a key the program never reads is reported with file and line. The knowledge
layer only runs the contracts it is given; it never imports the parts above it.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bot.knowledge.yamlio import KnowledgeError, KnowledgeIssue, LDict, read_yaml

TEXTS_DIR = "texts"


@dataclass(frozen=True)
class Text:
    """One required text: the placeholders it may use and optional limits."""

    placeholders: frozenset[str] = frozenset()
    limit: int | None = None
    """Most characters, when Telegram caps the text."""
    words: int | None = None
    """A space-separated word list of exactly this many words (weekday or month names)."""
    may_be_empty: bool = False


def text(
    *placeholders: str, limit: int | None = None, words: int | None = None, empty: bool = False
) -> Text:
    """A :class:`Text` allowing ``placeholders`` (``text("label", "winner")``)."""
    return Text(frozenset(placeholders), limit, words, empty)


@dataclass(frozen=True)
class Group:
    """Texts under one key whose own keys the curator chooses (a menu, examples)."""

    fewest: int = 0
    most: int = 1000
    longest: int = 4096
    placeholders: frozenset[str] = frozenset()
    key_pattern: str | None = None
    """A regular expression every key in the group must match in full."""
    key_hint: str = ""
    """How a valid key looks, in Norwegian, for the message when one does not match."""


@dataclass(frozen=True)
class TextContract:
    """Everything ``knowledge/texts/<area>.yaml`` must hold for the code that formats it."""

    area: str
    texts: Mapping[str, Text]
    groups: Mapping[str, Group] = field(default_factory=dict)

    @property
    def filename(self) -> str:
        """``texts/<area>.yaml``, relative to the knowledge directory."""
        return f"{TEXTS_DIR}/{self.area}.yaml"

    def display(self, knowledge_dir: Path) -> str:
        """The file's name in issues: ``knowledge/texts/<area>.yaml``."""
        return f"{knowledge_dir.resolve().name}/{self.filename}"

    def placeholders(self, key: str) -> frozenset[str] | None:
        """The placeholders ``key`` may use, or ``None`` when the contract has no such text."""
        spec = self.texts.get(key)
        if spec is not None:
            return spec.placeholders
        group = self.group_of(key)
        return group.placeholders if group is not None else None

    def group_of(self, key: str) -> Group | None:
        """The group ``key`` belongs to (``commands.start`` → ``commands``), if any."""
        for prefix, group in self.groups.items():
            if key.startswith(f"{prefix}.") and "." not in key[len(prefix) + 1 :]:
                return group
        return None


def fields(template: str) -> set[str]:
    """The placeholder names in ``template``; raises ``ValueError`` on a broken brace."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def _leaves(data: LDict, prefix: str, out: dict[str, tuple[object, int]]) -> None:
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, LDict):
            _leaves(value, f"{name}.", out)
        else:
            out[name] = (value, data.line_of(key))


def _missing_line(data: LDict, key: str) -> int:
    """The line of the deepest section that holds ``key`` (1 when no part of it exists)."""
    line, node = 1, data
    for part in key.split(".")[:-1]:
        child = node.get(part)
        if not isinstance(child, LDict):
            break
        line, node = node.line_of(part), child
    return line


def _placeholder_issue(
    display: str, line: int, key: str, value: str, allowed: frozenset[str]
) -> KnowledgeIssue | None:
    try:
        unknown = fields(value) - allowed
    except ValueError as exc:
        return KnowledgeIssue(display, line, f"«{key}»: feil med krøllparentes: {exc}")
    if not unknown:
        return None
    shown = ", ".join(f"{{{name}}}" for name in sorted(unknown))
    permitted = ", ".join(f"{{{name}}}" for name in sorted(allowed)) or "ingen"
    return KnowledgeIssue(
        display, line, f"«{key}» bruker ukjent plassholder {shown}; tillatt: {permitted}"
    )


def _check_text(
    display: str, key: str, spec: Text, value: object, line: int
) -> list[KnowledgeIssue]:
    if not isinstance(value, str):
        return []  # the loader reports a value that is not text (read_texts), once
    if not (value.strip() or spec.may_be_empty):
        return [KnowledgeIssue(display, line, f"«{key}» må være en tekst")]
    issues: list[KnowledgeIssue] = []
    problem = _placeholder_issue(display, line, key, value, spec.placeholders)
    if problem is not None:
        issues.append(problem)
    if spec.limit is not None and len(value) > spec.limit:
        issues.append(KnowledgeIssue(display, line, f"«{key}» er over {spec.limit} tegn"))
    if spec.words is not None and len(value.split()) != spec.words:
        issues.append(
            KnowledgeIssue(
                display, line, f"«{key}» må ha {spec.words} ord, har {len(value.split())}"
            )
        )
    return issues


def _check_group(
    display: str, data: LDict, prefix: str, group: Group, leaves: dict[str, tuple[object, int]]
) -> list[KnowledgeIssue]:
    issues: list[KnowledgeIssue] = []
    entries = {k: v for k, v in leaves.items() if k.startswith(f"{prefix}.")}
    if not group.fewest <= len(entries) <= group.most:
        issues.append(
            KnowledgeIssue(
                display,
                _missing_line(data, f"{prefix}.x"),
                f"«{prefix}» skal ha {group.fewest}–{group.most} tekster, har {len(entries)}",
            )
        )
    for key, (value, line) in entries.items():
        name = key.removeprefix(f"{prefix}.")
        if group.key_pattern is not None and not re.fullmatch(group.key_pattern, name):
            issues.append(KnowledgeIssue(display, line, f"«{name}» er ikke {group.key_hint}"))
        if not isinstance(value, str):
            continue  # the loader reports a value that is not text (read_texts), once
        if not value.strip():
            issues.append(KnowledgeIssue(display, line, f"«{key}» må være en tekst"))
            continue
        if len(value) > group.longest:
            issues.append(KnowledgeIssue(display, line, f"«{key}» er over {group.longest} tegn"))
        if not group.placeholders and ("{" in value or "}" in value):
            issues.append(KnowledgeIssue(display, line, f"«{key}» kan ikke ha plassholdere"))
            continue
        problem = _placeholder_issue(display, line, key, value, group.placeholders)
        if problem is not None:
            issues.append(problem)
    return issues


def check_texts(knowledge_dir: Path, contract: TextContract) -> list[KnowledgeIssue]:
    """Every way ``<knowledge_dir>/texts/<area>.yaml`` breaks ``contract``, with file and line."""
    display = contract.display(knowledge_dir)
    try:
        data = read_yaml(knowledge_dir / contract.filename, display)
    except KnowledgeError as exc:
        return list(exc.issues)
    return check_text_data(data, contract, display)


def check_text_data(data: object, contract: TextContract, display: str) -> list[KnowledgeIssue]:
    """Every way the read YAML ``data`` of a text file breaks ``contract``, with line."""
    if not isinstance(data, LDict):
        return [KnowledgeIssue(display, 1, "filen må være nøkler med tekster under")]
    leaves: dict[str, tuple[object, int]] = {}
    _leaves(data, "", leaves)
    issues: list[KnowledgeIssue] = []
    for key, spec in contract.texts.items():
        if key not in leaves:
            line = _missing_line(data, key)
            issues.append(KnowledgeIssue(display, line, f"teksten «{key}» mangler"))
            continue
        value, line = leaves[key]
        issues.extend(_check_text(display, key, spec, value, line))
    for prefix, group in contract.groups.items():
        issues.extend(_check_group(display, data, prefix, group, leaves))
    for key, (_, line) in leaves.items():
        if key not in contract.texts and contract.group_of(key) is None:
            issues.append(
                KnowledgeIssue(display, line, f"«{key}» er ikke en tekst programmet bruker")
            )
    return issues


def check_all_texts(knowledge_dir: Path, contracts: Iterable[TextContract]) -> list[KnowledgeIssue]:
    """The issues of every text file in ``contracts``, file by file."""
    issues: list[KnowledgeIssue] = []
    for contract in contracts:
        issues.extend(check_texts(knowledge_dir, contract))
    return issues
