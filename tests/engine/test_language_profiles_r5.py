"""Review 5 (issue 13), profiles and passages: no pseudo headings (P1–P3), what was said
first when the question asks what someone said, figures that say who counted (K3)."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest
import yaml

from bot.clock import OSLO
from bot.engine.engine import Engine
from bot.knowledge.loader import load_knowledge
from tests.engine.conftest import KNOWLEDGE

DURING_2023 = datetime(2023, 10, 5, 12, tzinfo=OSLO)
AFTER_2023 = datetime(2023, 10, 31, 12, tzinfo=OSLO)
LATE = datetime(2026, 12, 5, 12, tzinfo=OSLO)


def _lines(engine: Engine, question: str, now: datetime) -> list[str]:
    return engine.answer(question, now=now).text.split("\nKilder:")[0].splitlines()


@pytest.mark.parametrize(
    ("question", "now"),
    [
        ("Stemte folk på vinneren i 2021?", DURING_2023),
        ("Hva sa ordføreren i Moss da de vant?", LATE),
        ("Hvilke tjenester er samlet i integreringsenheten i Harstad?", LATE),
        ("fortell om boligene i Molde", AFTER_2023),
    ],
)
def test_passage_answers_have_no_pseudo_heading(
    engine: Engine, question: str, now: datetime
) -> None:
    lines = _lines(engine, question, now)
    assert lines and not any(line.startswith("Her er det jeg vet") for line in lines), lines


@pytest.mark.parametrize(
    ("question", "mayor"),
    [
        ("Hva sa ordføreren i Moss da de vant?", "Simen Nord"),
        ("Hva sa ordføreren i Tønsberg da de vant?", "Frank Pedersen"),
        ("Hva sa ordføreren i Kinn da de vant?", "Ola Teigen"),
    ],
)
def test_what_someone_said_comes_first(engine: Engine, question: str, mayor: str) -> None:
    lines = _lines(engine, question, LATE)
    assert mayor in lines[0] and "tok imot" not in lines[0], lines


# -- K3: figures of the same year from different counters say who counted ------------------

COUNTED = ("Ifølge", "IMDi", "kommunen", "regnet", "talte")


def test_counts_of_one_year_from_different_sources_name_who_counted() -> None:
    """Class (pattern 10): two counts of people settled in the same year from different sources
    (IMDi's 627 refugees and Adresseavisen's 740 immigrants in Trondheim 2016) must each say
    who counted, so they do not read as a contradiction."""
    kb = load_knowledge(KNOWLEDGE)
    checked = 0
    for record in kb.years.values():
        for profile in record.profiles:
            counts = [f for f in profile.figures if "bosatt" in f.measures and f.said]
            for figure in counts:
                keys = {s.key for s in figure.sources}
                others = [
                    f
                    for f in counts
                    if f.year == figure.year and not keys & {s.key for s in f.sources}
                ]
                if others:
                    checked += 1
                    assert any(word in figure.said for word in COUNTED), figure.said
    assert checked >= 3


@pytest.mark.parametrize("now", [DURING_2023, AFTER_2023, LATE])
def test_trondheim_figures_say_who_counts_what(engine: Engine, now: datetime) -> None:
    for question in (
        "hvor mange innvandrere bosatte Trondheim i 2016?",
        "hvor mange bosatte Trondheim i 2016?",
    ):
        answer = engine.answer(question, now=now).text
        assert "IMDi regnet at Trondheim bosatte 627 flyktninger i 2016" in answer, answer
        assert "mot 740 i 2016" not in answer, answer
        if "740" in answer:
            assert "et annet tall for 2016" in answer, answer


# -- T3, B9: a project that still exists: what it is first, later figures last ---------------

EARLY = datetime(2021, 11, 5, 12, tzinfo=OSLO)
MID_2025 = datetime(2025, 10, 15, 12, tzinfo=OSLO)


@pytest.mark.parametrize("now", [EARLY, DURING_2023, MID_2025, LATE])
@pytest.mark.parametrize(
    "question", ["Hva er Sisters in Business i Asker?", "Fortell om Sisters in Business"]
)
def test_a_project_answer_defines_it_first_and_its_later_figure_last(
    engine: Engine, question: str, now: datetime
) -> None:
    lines = _lines(engine, question, now)
    assert lines[0].startswith("Sisters in Business ble startet som et sosialt"), lines
    assert "var et tiltak" not in " ".join(lines), lines
    assert sum(line.count("sosialt entreprenørskap") for line in lines) == 1, lines
    later = [i for i, line in enumerate(lines) if "2024" in line]
    assert later == ([len(lines) - 1] if now >= MID_2025 else []), lines


# -- B14: no answer sentence begins with a digit ----------------------------------------------

_SENTENCE_START = re.compile(r"(?:^|(?<=[.!?]) )(?=\d)")
_NOT_AN_END = re.compile(r"(?:\bkl|\bnr|\d)\.$")  # «kl. 12.00», «8. februar»: not a sentence end
GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "questions.yaml"


@pytest.mark.parametrize("now", [EARLY, DURING_2023, AFTER_2023, LATE])
def test_no_answer_sentence_begins_with_a_digit(engine: Engine, now: datetime) -> None:
    """Template class (B14): «34 ulike kommuner har vært nominert …» → «I alt 34 …». Sweeps
    the answers to every golden question at the review's clocks."""
    questions = [item["q"] for item in yaml.safe_load(GOLDEN.read_text())["questions"]]
    assert len(questions) > 500
    found = []
    for question in questions:
        for line in engine.answer(question, now=now).text.split("\nKilder:")[0].splitlines():
            for start in _SENTENCE_START.finditer(line):
                if not _NOT_AN_END.search(line[: start.start()].rstrip()):
                    found.append((question, line))
    assert not found, found[:5]
    said = engine.answer("Hvor mange ulike kommuner har vært nominert?", now=now).text
    assert said.startswith("I alt "), said


# -- B6, B12: the name once per line, reported speech in the past -----------------------------


@pytest.mark.parametrize(
    ("question", "now", "place"),
    [
        ("Hvorfor ble Nordre Follo nominert?", AFTER_2023, "Nordre Follo"),
        ("Fortell om Bodø", AFTER_2023, "Bodø"),
        ("Hvorfor ble Tromsø nominert?", LATE, "Tromsø"),
        ("Hvorfor ble Kristiansand nominert i 2023?", LATE, "Kristiansand"),
    ],
)
def test_a_reason_does_not_repeat_the_name_that_opened_the_sentence_before(
    engine: Engine, question: str, now: datetime, place: str
) -> None:
    for line in _lines(engine, question, now):
        assert f". {place} " not in line or not line.startswith(f"{place} "), line


PRESENT = re.compile(
    r"\b(er|tar|får|går|lykkes|drar|satser|tør|gjør|avgjør|lærer|anerkjenner|fortjener)\b"
)


def test_reported_speech_is_in_the_past() -> None:
    """B12: what people said is reported in the past («sa at nominasjonen var hyggelig …»),
    never present and past mixed in one answer; a few statements of aims (skal, vil) and
    general truths in curated quotes are left to the curator, the verbs above are not."""
    kb = load_knowledge(KNOWLEDGE)
    present = [
        person.said
        for record in kb.years.values()
        for profile in record.profiles
        for person in profile.people
        if person.said and PRESENT.search(person.said)
    ]
    allowed = ("Utdanning er billetten", "Målet er at", "Asker og Bærum har i lang tid")
    assert [s for s in present if not s.startswith(allowed)] == []


def test_the_drammen_mayor_answer_reads_alone(engine: Engine) -> None:
    answer = engine.answer("Hvem var ordfører i Drammen da de ble nominert?", now=LATE).text
    assert "lå der den burde" not in answer and "tar sin del" not in answer, answer
    assert "nominasjonen var hyggelig" in answer, answer


# -- B8: the yes or the fact first ----------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("Var Skedsmo nominert?", "Ja, Lillestrøm har vært nominert"),
        ("Har Flora vunnet?", "Ja, Kinn vant prisen for 2022."),
    ],
)
def test_a_yes_no_answer_about_an_old_name_leads_with_the_answer(
    engine: Engine, question: str, first: str
) -> None:
    lines = _lines(engine, question, AFTER_2023)
    assert lines[0].startswith(first), lines
    assert any(line.endswith("er i dag en del av " + first.split()[1] + ".") for line in lines[1:])


@pytest.mark.parametrize(
    ("question", "place"),
    [("Harstad 2023", "Harstad"), ("Hvorfor ble Kristiansand nominert i 2023?", "Kristiansand")],
)
def test_an_unknown_reason_after_the_decision_says_it_was_nominated_and_who_won(
    engine: Engine, question: str, place: str
) -> None:
    lines = _lines(engine, question, AFTER_2023)
    assert lines[0] == f"{place} var nominert for 2023, men jeg vet ikke hvorfor. Tønsberg vant."
    during = _lines(engine, question, DURING_2023)
    assert "Tønsberg" not in " ".join(during), during


# -- B11: a district's round is not the municipality's ----------------------------------------


@pytest.mark.parametrize("now", [AFTER_2023, LATE])
def test_the_profile_of_oslo_does_not_count_its_districts_as_the_municipality(
    engine: Engine, now: datetime
) -> None:
    lines = _lines(engine, "Fortell om Oslo", now)
    text = "\n".join(lines)
    assert "sist nominert for 2025" not in text and "tre ganger" not in text, lines
    assert "Kommunen var nominert for 2013." in lines, lines
    assert lines[-1] == "Jeg vet ikke hvorfor Oslo ble nominert for 2013.", lines


def test_ullensvang_figure_says_what_the_200_are(engine: Engine) -> None:
    """B14: «… og kommunen hadde sagt ja til 200 til.» was unclear."""
    answer = engine.answer("Hvorfor ble Ullensvang nominert?", now=LATE).text
    assert "200 til." not in answer and "ta imot 200 flere ukrainere" in answer, answer
