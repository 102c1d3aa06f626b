"""Score a probe set (blind questions in ``tests/probes/set-*.yaml``) with the golden harness.

A stand-in until the probe runner of issue 11 (``tests/probes/runner.py``) is on main: it reads
the same format (``class:`` per item or conversation instead of the golden ``kind``, ``now:`` per
conversation) into the golden harness's items, so matching and scoring stay the harness's, and
writes the first-try score in the runner's ``scores.yaml`` shape::

    .venv/bin/python -m tests.probes.first_try set-02-nominees            # score, list failures
    .venv/bin/python -m tests.probes.first_try set-02-nominees --record   # keep the first try
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

from bot.clock import parse_moment
from tests.golden.harness import Golden, Report, _item, engine_answer_fn, evaluate

PROBES = Path(__file__).resolve().parent
SCORES_FILE = PROBES / "scores.yaml"


def load_set(path: Path) -> Golden:
    """Read one probe set into the golden harness's structures."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    default_now = parse_moment(str(data["now"]))
    items = tuple(
        _item(_as_golden(raw, None), f"q{i:03d}", default_now, None)
        for i, raw in enumerate(data.get("questions") or [], start=1)
    )
    talks = []
    for ci, conv in enumerate(data.get("conversations") or [], start=1):
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


def score(report: Report) -> dict[str, object]:
    """Passed, total and per class, as in the runner's ``scores.yaml``."""
    classes = report.by(lambda r: [r.item.tags[0] if r.item.tags else r.item.kind])
    return {
        "passed": report.passed,
        "total": report.total,
        "classes": {k: f"{p}/{t}" for k, (p, t) in sorted(classes.items())},
    }


def main(argv: list[str]) -> None:
    name = argv[0] if argv else "set-02-nominees"
    report = evaluate(engine_answer_fn(), load_set(PROBES / f"{name}.yaml"))
    result = score(report)
    share = report.passed / report.total if report.total else 0.0
    print(f"{name}: {report.passed}/{report.total} = {share:.1%} {result['classes']}")
    print(report.failure_text())
    if "--record" in argv:
        data = (
            yaml.safe_load(SCORES_FILE.read_text(encoding="utf-8")) if SCORES_FILE.exists() else {}
        )
        data = data or {}
        if name in data:
            print(f"{name}: first try already recorded, not overwritten")
            return
        data[name] = {"first_try": result}
        SCORES_FILE.write_text(
            "# First-try score of each probe set: the engine's score before any fix "
            "(never edited).\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
            encoding="utf-8",
        )


if __name__ == "__main__":
    main(sys.argv[1:])
