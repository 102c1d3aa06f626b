"""Score the probe sets in ``tests/probes/`` (blind, fresh question sets) with the engine.

A probe set has the golden set's format and matching rules (``tests/golden/harness.py``
builds its items and scores them; nothing is duplicated here): ``now:``, ``questions:`` and
``conversations:``, whose turns share one ``Conversation`` as in the bot; each item has a
``class`` (the issue's classes: wrapper, wording, false_entity, other_prize, conversation,
counting, time_aware …) instead of the golden ``kind``.

``scores.yaml`` keeps each set's first-try score — the engine's score when the set was
committed, before any fix — so `make bench` can print it next to today's score::

    .venv/bin/python -m tests.probes.runner            # every set, with failures
    .venv/bin/python -m tests.probes.runner set-01     # one set
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.clock import parse_moment
from tests.golden.harness import (
    AnswerFn,
    Golden,
    ItemResult,
    Report,
    _item,
    engine_answer_fn,
    evaluate,
    load_golden,
)

PROBES = Path(__file__).resolve().parent
SCORES_FILE = PROBES / "scores.yaml"


@dataclass(frozen=True)
class Score:
    """Passed and total, overall and per class."""

    passed: int
    total: int
    classes: dict[str, tuple[int, int]]

    @property
    def share(self) -> float:
        return self.passed / self.total if self.total else 0.0

    def line(self) -> str:
        """``58/80 = 72.5% (wrapper 10/12, …)``."""
        parts = ", ".join(f"{k} {p}/{t}" for k, (p, t) in self.classes.items())
        return f"{self.passed}/{self.total} = {self.share:.1%} ({parts})"

    def to_yaml(self) -> dict[str, object]:
        return {
            "passed": self.passed,
            "total": self.total,
            "classes": {k: f"{p}/{t}" for k, (p, t) in self.classes.items()},
        }


def class_of(result: ItemResult) -> str:
    """The class a probe belongs to: its first tag, else its kind."""
    return result.item.tags[0] if result.item.tags else result.item.kind


def score(report: Report) -> Score:
    """Overall and per-class figures of one run."""
    return Score(report.passed, report.total, report.by(lambda r: [class_of(r)]))


def set_files() -> list[Path]:
    """Every probe set (``set-*.yaml``), in name order."""
    return sorted(PROBES.glob("set-*.yaml"))


def load_set(path: Path) -> Golden:
    """Read one probe set into the golden harness's structures (same checks and matching).

    A probe item names its ``class`` where a golden item has ``kind`` (and ``tags``); a
    conversation may carry ``class`` and ``now`` for all its turns. Sets written in the
    golden format (``kind:``) are read by the golden loader as they are."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or "now" not in data:
        raise ValueError(f"{path.name}: expected a mapping with «now:»")
    questions = data.get("questions") or []
    conversations = data.get("conversations") or []
    if all("kind" in q for q in questions) and all(
        "kind" in t for c in conversations for t in c.get("turns", [])
    ):
        return load_golden(path)
    default_now = parse_moment(str(data["now"]))
    items = tuple(
        _item(_as_golden(raw, None), f"q{i:03d}", default_now, None)
        for i, raw in enumerate(questions, start=1)
    )
    talks = []
    for ci, conv in enumerate(conversations, start=1):
        name = str(conv["name"])
        turns = tuple(
            _item(_as_golden(raw, conv), f"c{ci:02d}.{ti}", default_now, name)
            for ti, raw in enumerate(conv["turns"], start=1)
        )
        talks.append((name, turns))
    return Golden(default_now, {}, items, tuple(talks))


def _as_golden(raw: dict[str, Any], conversation: dict[str, Any] | None) -> dict[str, Any]:
    """A probe item as a golden item: ``class`` becomes the kind and the first tag."""
    item = dict(raw)
    outer = conversation or {}
    label = item.pop("class", None) or outer.get("class") or item.get("kind") or "probe"
    item.setdefault("kind", label)
    item["tags"] = [label, *[t for t in item.get("tags") or [] if t != label]]
    if "now" not in item and outer.get("now"):
        item["now"] = outer["now"]
    return item


def run_set(path: Path, answer_fn: AnswerFn) -> Report:
    """Score ``answer_fn`` on the probe set at ``path`` (conversations share a context)."""
    return evaluate(answer_fn, load_set(path))


def first_try_scores(path: Path | None = None) -> dict[str, dict[str, object]]:
    """The recorded first-try score of every set, by set name (``scores.yaml``)."""
    path = path or SCORES_FILE
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path.name}: expected a mapping of set names")
    return data


def describe_first_try(record: dict[str, object]) -> str:
    """A recorded score as one line."""
    first = record.get("first_try", {})
    if not isinstance(first, dict):
        return "?"
    classes = first.get("classes", {})
    parts = ", ".join(f"{k} {v}" for k, v in classes.items()) if isinstance(classes, dict) else ""
    passed, total = first.get("passed", 0), first.get("total", 0)
    share = f"{int(passed) / int(total):.1%}" if total else "?"
    return f"{passed}/{total} = {share} ({parts})"


def report_lines(answer_fn: AnswerFn, names: list[str] | None = None) -> list[str]:
    """Per set: recorded first try and today's score."""
    recorded = first_try_scores()
    lines = []
    for path in set_files():
        if names and path.stem not in names:
            continue
        today = score(run_set(path, answer_fn))
        first = recorded.get(path.stem)
        lines.append(f"{path.stem}: første forsøk {describe_first_try(first) if first else '–'}")
        lines.append(f"{' ' * len(path.stem)}  i dag         {today.line()}")
    return lines


def record_first_try(name: str, answer_fn: AnswerFn, path: Path | None = None) -> Score:
    """Score set ``name`` and store it as its first try; refuse to overwrite one."""
    path = path or SCORES_FILE
    recorded = first_try_scores(path)
    if name in recorded:
        raise ValueError(f"{name} has a first-try score already; it is never rewritten")
    result = score(run_set(PROBES / f"{name}.yaml", answer_fn))
    recorded[name] = {"first_try": result.to_yaml()}
    header = (
        "# First-try score of each probe set: the engine's score before any fix (never edited).\n"
    )
    body = yaml.safe_dump(recorded, allow_unicode=True, sort_keys=True)
    path.write_text(header + body, encoding="utf-8")
    return result


def main(argv: list[str]) -> int:
    """Print every set's first-try and today's score, then today's failures;
    ``--record NAME`` stores a new set's first-try score."""
    answer_fn = engine_answer_fn()
    if argv[:1] == ["--record"] and len(argv) == 2:
        print(f"{argv[1]}: første forsøk {record_first_try(argv[1], answer_fn).line()}")
        return 0
    print("\n".join(report_lines(answer_fn, argv or None)))
    for path in set_files():
        if argv and path.stem not in argv:
            continue
        report = run_set(path, answer_fn)
        if report.failures:
            print(f"\n== {path.stem}: {len(report.failures)} feil")
            print(report.failure_text())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
