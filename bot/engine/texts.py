"""Answer templates from ``knowledge/texts/engine.yaml`` and Norwegian formatting helpers."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from bot.engine.text_contract import ENGINE_TEXTS
from bot.knowledge.models import Moment
from bot.knowledge.textcontract import check_text_data
from bot.knowledge.yamlio import KnowledgeError, KnowledgeIssue, LDict, read_yaml

TEXTS_FILE = Path("texts") / "engine.yaml"
PREFIX = "engine."


def flatten(
    node: LDict, name: str, prefix: str = ""
) -> tuple[dict[str, str], list[KnowledgeIssue]]:
    """Flatten nested mappings of strings to dotted keys, reporting non-strings."""
    flat: dict[str, str] = {}
    issues: list[KnowledgeIssue] = []
    for key, value in node.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, LDict):
            sub, sub_issues = flatten(value, name, dotted + ".")
            flat.update(sub)
            issues.extend(sub_issues)
        elif isinstance(value, str):
            flat[dotted] = value
        else:
            issues.append(KnowledgeIssue(name, node.line_of(key), f"«{dotted}» må være tekst"))
    return flat, issues


def load_texts(directory: Path) -> dict[str, str]:
    """Read ``texts/engine.yaml`` into ``{dotted.key: template}``; raise when the file breaks
    the engine's text contract (:data:`bot.engine.text_contract.ENGINE_TEXTS`)."""
    name = ENGINE_TEXTS.display(directory)
    data = read_yaml(directory / TEXTS_FILE, name)
    issues = check_text_data(data, ENGINE_TEXTS, name)
    if issues:
        raise KnowledgeError(issues)
    flat, issues = flatten(data, name)
    if issues:
        raise KnowledgeError(issues)
    return flat


_ADJACENT_BRACKETS = re.compile(r"\(([^()\n]+)\) \(([^()\n]+)\)")
"""«X (a) (b)»: a bracket right after another (merged into «X (a, b)»)."""


class Texts:
    """Fills templates and formats dates, times and lists in Norwegian."""

    def __init__(self, templates: dict[str, str]) -> None:
        self.templates = templates
        self.weekdays = templates.get("format.weekdays", "").split()
        self.months = templates.get("format.months", "").split()
        self.conjunction = templates.get("format.and", "og")
        self.counts = templates.get("format.counts", "").split()
        self.counts_neuter = templates.get("format.counts_neuter", "").split() or self.counts
        self.ordinals = templates.get("format.ordinals", "").split()

    def has(self, key: str) -> bool:
        """True when a template exists."""
        return key in self.templates

    def __call__(self, key: str, **values: object) -> str:
        """Return template ``key`` filled with ``values``; two brackets in a row, as when a
        name with its own bracket gets a year, become one: «Skedsmo (nå Lillestrøm, 2015)»."""
        return _ADJACENT_BRACKETS.sub(r"(\1, \2)", self.templates[key].format(**values))

    def count(self, number: int, *, neuter: bool = False) -> str:
        """«to», «tre» … «tolv» for small counts (``format.counts``), digits above; ``neuter``
        for a neuter noun («ett år», ``format.counts_neuter``)."""
        words = self.counts_neuter if neuter else self.counts
        if 0 <= number < len(words):
            return words[number]
        return str(number)

    def ordinal(self, number: int) -> str:
        """«tolvte» up to twelve (``format.ordinals``), «14.» above."""
        if 0 < number < len(self.ordinals):
            return self.ordinals[number]
        return f"{number}."

    def join(self, items: Sequence[str]) -> str:
        """«A», «A og B», «A, B og C»."""
        items = [i for i in items if i]
        if len(items) <= 1:
            return "".join(items)
        return f"{', '.join(items[:-1])} {self.conjunction} {items[-1]}"

    def date(self, moment: Moment, *, with_year: bool = True, now: datetime | None = None) -> str:
        """«torsdag 11. november 2021», with «kl. 12.00» when the time is known; a day before
        ``now`` is written like the dates in the fact texts, without the weekday
        («11. november 2021»), so one answer uses one style."""
        day = moment.day
        past = now is not None and day < now.date()
        key = "format.date" if with_year else "format.date_no_year"
        text = self(
            key + "_past" if past else key,
            weekday=self.weekdays[day.weekday()],
            day=day.day,
            month=self.months[day.month - 1],
            year=day.year,
        )
        if moment.at is not None:
            clock = self("format.time", hour=moment.at.hour, minute=moment.at.minute)
            text = self("format.date_time", date=text, time=clock)
        return text
