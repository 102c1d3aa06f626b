"""Issue 13: answers read as if a careful Norwegian writer wrote them. Each test pins one
pattern of the editor's review (notes, sources, the answer first, whole sentences, tense,
the prize's name by year, buttons, refusals, small things)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from bot.clock import OSLO
from bot.engine.engine import Engine
from bot.engine.types import Answer
from bot.knowledge.models import Fact
from tests.engine.conftest import NOW

DURING_2023_VOTE = datetime(2023, 10, 5, 12, tzinfo=OSLO)
BEFORE_2023_AWARD = datetime(2023, 10, 20, 12, tzinfo=OSLO)
CLOCKS = (DURING_2023_VOTE, BEFORE_2023_AWARD, datetime(2025, 10, 15, 12, tzinfo=OSLO), NOW)
YEAR_QUESTIONS = (
    "Hvem vant i {y}?",
    "Hvem var nominert i {y}?",
    "Når ble prisen for {y} delt ut?",
    "Hvor ble prisen delt ut i {y}?",
    "Hvem delte ut prisen i {y}?",
    "Hvem tok imot prisen i {y}?",
    "Hvorfor vant de i {y}?",
    "Var det avstemning i {y}?",
    "Hva var kriteriene i {y}?",
    "Hvordan ble vinneren valgt i {y}?",
)


def ask(engine: Engine, question: str, now: datetime = NOW) -> Answer:
    return engine.answer(question, now=now)


def year_answers(engine: Engine, now: datetime = NOW) -> Iterator[tuple[str, Answer]]:
    """Every single-year question for every year in the fact base."""
    for year in sorted(engine.kb.years):
        for template in YEAR_QUESTIONS:
            question = template.format(y=year)
            yield question, ask(engine, question, now)


def curator_notes(value: Any, seen: set[int] | None = None) -> Iterator[str]:
    """Every curator ``note`` anywhere in the fact base."""
    seen = set() if seen is None else seen
    if id(value) in seen or value is None or isinstance(value, str | int | float | bool):
        return
    seen.add(id(value))
    if dataclasses.is_dataclass(value):
        note = getattr(value, "note", None)
        if isinstance(note, str):
            yield note
        for field in dataclasses.fields(value):
            yield from curator_notes(getattr(value, field.name), seen)
    elif isinstance(value, dict):
        for item in value.values():
            yield from curator_notes(item, seen)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            yield from curator_notes(item, seen)


# -- 3: curator notes never reach a user -------------------------------------------------


def test_curator_notes_never_reach_a_user(engine: Engine) -> None:
    notes = set(curator_notes(engine.kb))
    assert len(notes) > 20
    # The note's first sentence (a leak shows at least that).
    pieces = {note: note.split(". ")[0] for note in notes}
    questions = [q for q, _ in year_answers(engine)]
    questions += list(notes)  # asking the note itself must not find it in the text search
    for question in questions:
        text = ask(engine, question).text
        for note, piece in pieces.items():
            assert piece not in text, (question, note)


def test_user_notes_are_full_sentences_shown_once(engine: Engine) -> None:
    text = ask(engine, "Hvem var nominert i 2013?").text
    assert text.endswith(
        "Merk: At de fem andre var nominert, bygger på at Hammerfests ordfører skrev at"
        " kommunen vant foran dem."
    ), text
    assert "er utledet" not in text
    for _question, answer in year_answers(engine):
        for line in answer.text.split("\n"):
            if line.startswith("Merk:"):
                assert line.endswith("."), line
                assert line[6:7].isupper(), line


def test_user_note_is_read_from_the_fact_base(engine: Engine) -> None:
    date = engine.kb.years[2021].award_date
    assert isinstance(date, Fact) and date.user_note and date.note
    assert date.user_note != date.note
