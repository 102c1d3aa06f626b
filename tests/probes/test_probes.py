"""The probe sets parse, carry a recorded first-try score, and the runner scores them.

Scores are not asserted here (they are printed by `make bench`); only that the runner works
and can tell a right answer from a wrong one, conversations included.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from bot.engine.engine import Engine
from bot.engine.types import Answer, Conversation
from tests.probes.runner import (
    class_of,
    first_try_scores,
    load_set,
    record_first_try,
    report_lines,
    run_set,
    score,
    set_files,
)

TINY = """
now: "2026-11-23T12:00:00+01:00"
questions:
- {q: "Hei! Hvem vant i 2021?", class: wrapper, must: [Lørenskog], matched: true}
- {q: "Hvem vant Peer Gynt-prisen i 2016?", class: other_prize, matched: false}
conversations:
- name: follow-up
  class: conversation
  now: "2026-11-23T12:00:00+01:00"
  turns:
  - {q: "Hvem vant i 2021?", must: [Lørenskog], matched: true}
  - {q: "Og hvem var nominert?", must: [Asker], matched: true}
"""


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.load(Path(__file__).resolve().parents[2] / "knowledge")


def test_every_probe_set_parses_and_has_a_first_try_score() -> None:
    recorded = first_try_scores()
    for path in set_files():
        probe = load_set(path)
        assert probe.all_items(), path.name
        record = recorded.get(path.stem)
        assert isinstance(record, dict) and "first_try" in record, f"{path.stem}: no first try"
        first = record["first_try"]
        assert first["total"] == len(probe.all_items()), path.stem
        assert 0 <= first["passed"] <= first["total"]
    assert set(recorded) <= {p.stem for p in set_files()}, "a score for a set that is gone"


def test_runner_scores_with_conversations(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "set-99.yaml"
    path.write_text(TINY, encoding="utf-8")
    contexts: list[Any] = []

    def ours(question: str, now: datetime, context: Any) -> Answer:
        contexts.append(context)
        return engine.answer(question, now=now, context=context)

    report = run_set(path, ours)
    assert report.total == 4
    shared = [c for c in contexts if c is not None]
    assert len(shared) == 2 and shared[0] is shared[1] and isinstance(shared[0], Conversation)
    result = score(report)
    assert sum(t for _, t in result.classes.values()) == 4
    assert set(result.classes) == {"wrapper", "other_prize", "conversation"}

    def silent(question: str, now: datetime, context: Any) -> Answer:
        return Answer(question, "Beklager.", True, 0.0, None)

    wrong = score(run_set(path, silent))
    assert wrong.passed == 0 and "0/4" in wrong.line()


def test_first_try_is_recorded_once(engine: Engine, tmp_path: Path, monkeypatch) -> None:
    import tests.probes.runner as runner

    (tmp_path / "set-99.yaml").write_text(TINY, encoding="utf-8")
    monkeypatch.setattr(runner, "PROBES", tmp_path)
    scores = tmp_path / "scores.yaml"
    answer_fn = lambda q, n, c: engine.answer(q, now=n, context=c)  # noqa: E731
    first = record_first_try("set-99", answer_fn, scores)
    assert first_try_scores(scores)["set-99"]["first_try"]["total"] == 4
    with pytest.raises(ValueError):
        record_first_try("set-99", answer_fn, scores)
    monkeypatch.setattr(runner, "SCORES_FILE", scores)
    lines = report_lines(answer_fn)
    assert lines[0].startswith(f"set-99: første forsøk {first.passed}/4")
    assert "i dag" in lines[1]


def test_golden_format_is_read_too() -> None:
    golden = load_set(Path(__file__).resolve().parents[1] / "golden" / "questions.yaml")
    assert len(golden.all_items()) > 600 and golden.facts


def test_class_is_first_tag_else_kind(tmp_path: Path) -> None:
    path = tmp_path / "set-99.yaml"
    path.write_text(TINY, encoding="utf-8")
    report = run_set(path, lambda q, n, c: Answer(q, "", False, 0.0, None))
    assert [class_of(r) for r in report.results][:2] == ["wrapper", "other_prize"]
