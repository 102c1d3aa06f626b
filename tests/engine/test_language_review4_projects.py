"""Projects, figures and context texts in review 4 (T9 leak, T4–T6/T10 tense, A3, A5, A18).

Classes: nothing dated after the clock is shown (a figure whose reference year is later, or a
sentence naming a later year), at every clock and in every path; project descriptions and
context texts are told in the past; a project is named once per answer; a description that
repeats the reason just given is left out; «IMDi hadde trukket den fram» agrees with «tiltaket»."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.clock import OSLO
from bot.engine.engine import Engine
from bot.knowledge.tense import description_tense_hit
from bot.knowledge.view import as_known_at

CLOCKS = [
    datetime(2021, 11, 5, 12, tzinfo=OSLO),
    datetime(2023, 10, 5, 12, tzinfo=OSLO),
    datetime(2023, 10, 31, 12, tzinfo=OSLO),
    datetime(2025, 10, 15, 12, tzinfo=OSLO),
    datetime(2026, 12, 5, 12, tzinfo=OSLO),
]


@pytest.mark.parametrize("now", CLOCKS, ids=lambda c: c.date().isoformat())
def test_no_figure_or_text_dated_after_the_clock_is_known(engine: Engine, now: datetime) -> None:
    known = as_known_at(engine.kb, now).kb
    for record in known.years.values():
        for profile in record.profiles:
            for figure in profile.figures:
                assert figure.year <= now.year, (record.year, profile.entrant.name, figure)
            for fact in profile.context:
                assert str(now.year + 1) not in fact.value, fact.value
            for project in profile.projects:
                assert str(now.year + 1) not in project.description, project


@pytest.mark.parametrize(
    ("question", "later", "shown_from"),
    [
        ("Hva er Sisters in Business i Asker?", "16 faste ansatte", 2024),
        ("Hvor mange ansatte har Sisters in Business?", "16 faste ansatte", 2024),
        ("Hvor mange flyktninger sa Lillestrøm ja til å bosette?", "260 flyktninger", 2022),
        ("Hvilke tall har du om Lillestrøm?", "260 flyktninger", 2022),
    ],
)
def test_a_later_dated_fact_waits_for_its_year(
    engine: Engine, question: str, later: str, shown_from: int
) -> None:
    for now in CLOCKS:
        text = engine.answer(question, now=now).text
        if now.year < shown_from:
            assert later not in text, (now, text)
    last = engine.answer(question, now=CLOCKS[-1]).text
    assert later in last, last  # the sweep reaches the fact once its year has come


def test_what_a_nominee_did_is_told_in_the_past(engine: Engine) -> None:
    """T4, T5, T6, T10: «Hva gjorde X?» for every nominee with projects, at two clocks, has no
    project or context sentence in the present tense («Tynset samarbeider …»)."""
    asked = 0
    for year, record in engine.kb.years.items():
        places = {p.municipality for p in record.projects}
        places |= {p.entrant.municipality.name for p in record.profiles if p.projects}
        for place in sorted(places):
            for now in (CLOCKS[1], CLOCKS[-1]):
                if year > now.year:
                    continue
                text = engine.answer(f"Hva gjorde {place} i {year}?", now=now).text
                asked += 1
                for line in text.split("\n")[1:]:
                    if line.startswith(("Kilder", "–", "+")):
                        continue
                    assert description_tense_hit(line) is None, (year, place, line)
    assert asked >= 40  # the sweep reaches the answers


@pytest.mark.parametrize(
    "question",
    [
        "Hva har Tynset gjort?",
        "Hva gjorde Nordre Follo for ukrainske ungdommer som var ferdige med skolen?",
        "Hva gjorde Gjøvik?",
        "Hva er Fra leie til eie?",
    ],
)
def test_reviewers_project_answers_read_in_the_past(engine: Engine, question: str) -> None:
    for now in CLOCKS:
        text = engine.answer(question, now=now).text
        for present in (
            "samarbeider med",
            "Kvalifiseringen starter",
            "seniorsenter har",
            "er en kafé",
            "hjelper langvarige",
            "bor også",
        ):
            assert present not in text, (now, text)


@pytest.mark.parametrize(
    "question", ["Hva er Globale Bærum?", "Hvor mange kom i jobb gjennom Globale Bærum?"]
)
def test_globale_baerum_goal_before_result_with_its_time(engine: Engine, question: str) -> None:
    """A3: the 372 in jobs are dated by the text that told it, not by the start of the
    project, and the goal (1 000 in three years) comes before the result."""
    text = engine.answer(question, now=CLOCKS[-1]).text
    assert "På det tidspunktet" not in text
    assert "Da Energeticskonferansen omtalte Globale Bærum, var 372" in text
    assert text.index("1 000") < text.index("372"), text


@pytest.mark.parametrize(
    ("question", "now"),
    [
        ("Hva gjorde Lørenskog?", CLOCKS[-1]),
        ("Hvilke tiltak hadde Lørenskog?", CLOCKS[1]),
        ("Hvilke tiltak hadde Lørenskog?", CLOCKS[-1]),
    ],
)
def test_a_project_is_named_once_per_answer(engine: Engine, question: str, now: datetime) -> None:
    """A5: Jobbsjansen, highlighted for both 2021 and 2018, is named (or described) once."""
    text = engine.answer(question, now=now).text
    body = [line for line in text.split("\n") if not line.startswith(("Kilder", "–", "+"))]
    assert sum("Jobbsjansen" in line for line in body) == 1, text


@pytest.mark.parametrize(
    ("question", "repeat"),
    [
        (
            "Hva gjorde Nordre Follo for ukrainske ungdommer som var ferdige med skolen?",
            "Kvalifiseringen begynte med en kartlegging",
        ),
        ("Hva gjorde Vennesla?", "Vennesla hadde en egen bosettingskoordinator"),
        ("Hva gjorde Asker i 2021?", "Asker hadde samlet tjenester"),
        ("Hva gjorde Harstad i 2023?", "Harstad bosatte raskt og fleksibelt"),
    ],
)
def test_a_description_that_repeats_the_reason_is_left_out(
    engine: Engine, question: str, repeat: str
) -> None:
    """A5: a project text that says what the reason just said is not shown after it."""
    for now in (CLOCKS[3], CLOCKS[-1]):
        text = engine.answer(question, now=now).text
        assert repeat not in text, (now, text)


def test_jobbsjansen_is_den_in_the_2021_reasoning(engine: Engine) -> None:
    """A18: «Jobbsjansen … IMDi hadde trukket den fram» (masculine), in chat and button."""
    for question in ("Hvorfor vant Lørenskog i 2021?", "begrunnelse 2021"):
        text = engine.answer(question, now=CLOCKS[-1]).text
        assert "trukket den fram" in text and "trukket det fram" not in text, text
