"""Threshold and margin: answer only when clearly ahead of a different intent."""

from __future__ import annotations

from bot.engine.matcher import EXACT_MARGIN, MARGIN, THRESHOLD, Candidate, decide


def test_below_threshold_is_not_answered() -> None:
    top, confidence = decide([Candidate("winner", THRESHOLD - 1, "x")])
    assert top is None and 0 < confidence < 1


def test_small_margin_is_not_answered() -> None:
    ranked = [Candidate("winner", 90, "a"), Candidate("nominees", 90 - MARGIN + 1, "b")]
    assert decide(ranked)[0] is None


def test_clear_lead_is_answered() -> None:
    ranked = [Candidate("winner", 90, "a"), Candidate("nominees", 90 - MARGIN, "b")]
    assert decide(ranked)[0] == ranked[0]


def test_exact_example_needs_only_a_small_lead() -> None:
    ranked = [Candidate("winner", 100, "a"), Candidate("nominees", 100 - EXACT_MARGIN, "b")]
    assert decide(ranked)[0] == ranked[0]
    assert decide([])[0] is None
