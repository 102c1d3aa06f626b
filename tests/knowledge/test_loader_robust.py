"""Randomly damaged YAML never crashes the loader: it always ends in a KnowledgeError."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from bot.knowledge.loader import load_knowledge
from bot.knowledge.yamlio import KnowledgeError

VALUES = [
    "unknown",
    "none",
    "[a, b]",
    "{x: 1}",
    "",
    "12",
    "true",
    "2021-13-01",
    "18:30",
    "~",
    "[]",
    "{}",
    "-1",
    '"x"',
    "2021-01-01 10:00:00",
    "{date: 2021-01-01}",
    "[[1]]",
]


def _damage(path: Path, rng: random.Random) -> None:
    lines = path.read_text(encoding="utf-8").splitlines() or [""]
    for _ in range(rng.randint(1, 3)):
        index = rng.randrange(len(lines))
        line = lines[index]
        roll = rng.random()
        if roll < 0.2:
            lines[index] = "  " + line
        elif roll < 0.35:
            lines[index] = line.lstrip()
        elif roll < 0.45:
            lines.insert(index, line)
        elif ":" in line and roll < 0.9:
            lines[index] = line.partition(":")[0] + ": " + rng.choice(VALUES)
        elif len(lines) > 1:
            del lines[index]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize("seed", range(40))
def test_damaged_files_give_issues_not_crashes(kb_dir: Path, seed: int) -> None:
    rng = random.Random(seed)
    files = sorted(kb_dir.rglob("*.yaml"))
    _damage(rng.choice(files), rng)
    try:
        load_knowledge(kb_dir)
    except KnowledgeError as exc:
        assert exc.issues
        for issue in exc.issues:
            assert issue.file.startswith("knowledge/") and issue.line >= 0 and issue.message
