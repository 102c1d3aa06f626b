"""Every answer reads the fact base as known at the question's moment (issue 10: at 2025-10-15
«Hvem vant året før Moss?» used Moss's unannounced 2025 win while «Har Moss vunnet?» said no)."""

from __future__ import annotations

from datetime import datetime

from bot.clock import OSLO
from bot.engine.answers.known import known_at
from bot.engine.engine import Engine
from bot.engine.normalise import words

BEFORE_ANNOUNCED = datetime(2025, 10, 15, 12, 0, tzinfo=OSLO)
"""The 2025 round's vote had opened; Moss's win was not announced yet."""
AFTER_ANNOUNCED = datetime(2026, 11, 23, 12, 0, tzinfo=OSLO)


def test_the_view_hides_a_winner_not_yet_announced(engine: Engine) -> None:
    moss = engine.index.places[tuple(words("Moss"))]
    before = known_at(engine.kb, BEFORE_ANNOUNCED)
    after = known_at(engine.kb, AFTER_ANNOUNCED)
    assert before.winner(2025) is None and before.wins(moss) == []
    won = after.winner(2025)
    assert won is not None and won.value.municipality.name == "Moss"
    assert after.wins(moss) == [2025]
    assert known_at(engine.kb, BEFORE_ANNOUNCED) is before  # built once per what it hides


def test_year_before_moss_agrees_with_has_moss_won_before_the_announcement(
    engine: Engine,
) -> None:
    has_won = engine.answer("Har Moss vunnet?", now=BEFORE_ANNOUNCED)
    before = engine.answer("Hvem vant året før Moss?", now=BEFORE_ANNOUNCED)
    after = engine.answer("Hvem vant året etter Moss?", now=BEFORE_ANNOUNCED)
    assert "ikke vunnet" in has_won.text
    for answer in (before, after):
        assert answer.matched
        assert "Moss har ikke vunnet" in answer.text, answer.text
        assert "2024" not in answer.text and "2026" not in answer.text, answer.text


def test_year_before_moss_after_the_announcement_is_the_year_before_its_win(
    engine: Engine,
) -> None:
    answer = engine.answer("Hvem vant året før Moss?", now=AFTER_ANNOUNCED)
    assert "2024" in answer.text and 2024 in answer.years
    assert "ikke vunnet" not in answer.text


CLOSE_ONLY = datetime(2021, 11, 5, 12, 0, tzinfo=OSLO)
"""The 2021 vote's close (11 November) is known, its opening is not."""


def test_a_vote_known_only_by_its_close_is_not_called_open(engine: Engine) -> None:
    answer = engine.answer("Er avstemningen åpen nå?", now=CLOSE_ONLY)
    assert answer.matched
    assert "åpen nå" not in answer.text and not answer.text.startswith("Ja"), answer.text
    assert "stenger torsdag 11. november 2021" in answer.text
    when = engine.answer("Når stenger avstemningen?", now=CLOSE_ONLY)
    assert "11. november 2021" in when.text and "åpen nå" not in when.text, when.text
    after = engine.answer("Er avstemningen åpen nå?", now=datetime(2021, 11, 12, tzinfo=OSLO))
    assert after.text.startswith("Nei"), after.text
