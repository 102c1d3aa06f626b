"""Projects and measures in running text (review 3: N3, M5, N7).

Classes: a measure's heading is written with a small letter mid-sentence while a real name
keeps its capital; a list of measures keeps clear boundaries (no «og» inside an item); a
measure the answer has just named is not named again; a project's description and a fuller
sentence saying the same are not both shown; and no answer sentence opens with a number."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from bot.clock import OSLO
from bot.engine.engine import Engine
from bot.knowledge.models import Project

TODAY = datetime(2026, 12, 5, 12, tzinfo=OSLO)
CLOCKS = [TODAY, datetime(2023, 10, 5, 12, tzinfo=OSLO)]
NAMES = re.compile(
    r"(?:Blant tiltakene som ble trukket fram, var|Tiltaket som ble trukket fram, var) ([^\n]*)\."
)
QUOTED = re.compile(r"«[^»]*»")
SENTENCE = re.compile(r"(?:^|(?<=[^\d\s][.!?])\s|:\s)\s*(\S)", re.MULTILINE)
"""A sentence's first character (also after a colon; «4. mai» ends no sentence)."""


def _projects(engine: Engine) -> dict[tuple[int, str], list[Project]]:
    """Every nominee's projects by (year, municipality as written)."""
    found: dict[tuple[int, str], list[Project]] = {}
    for year, record in engine.kb.years.items():
        for project in (*record.projects, *(p for prof in record.profiles for p in prof.projects)):
            found.setdefault((year, project.municipality), []).append(project)
    return found


def _name_sentences(engine: Engine) -> list[tuple[str, str, list[Project]]]:
    """The «Blant tiltakene …» sentence of every nominee with projects, at two clocks."""
    found = []
    for (year, place), projects in _projects(engine).items():
        for now in CLOCKS:
            if year > now.year:
                continue
            text = engine.answer(f"Hvorfor ble {place} nominert i {year}?", now=now).text
            found.extend((text, m.group(1), projects) for m in NAMES.finditer(text))
    return found


def test_headings_are_small_and_proper_names_keep_their_capital(engine: Engine) -> None:
    sentences = _name_sentences(engine)
    assert len(sentences) >= 15  # the sweep reaches the answers
    for text, names, projects in sentences:
        for project in projects:
            if not project.proper_name and project.in_sentence is None:
                assert project.name not in names, (project.name, text)


def test_tynset_and_stange_name_their_measures_in_small_letters(engine: Engine) -> None:
    tynset = engine.answer("Hvorfor ble Tynset nominert?", now=TODAY).text
    assert "var et bokollektiv for enslige mindreårige, familier i fosterhjemsrolle," in tynset
    assert "kvalifisering i Fjellregionen" in tynset  # the place keeps its capital
    stange = engine.answer("Hva var Stange nominert for i 2018?", now=TODAY).text
    assert (
        "et eget integreringsråd, Stanges integreringspris, foreldreveiledning, gratis SFO"
        in stange
    )
    lorenskog = engine.answer("Hvorfor ble Lørenskog nominert i 2018?", now=TODAY).text
    assert "et praksisnettverk, Jobbsjansen, Fagbrev på jobb" in lorenskog
    both = engine.answer("Hva gjorde Lørenskog?", now=TODAY).text  # 2021 named it: once only
    assert "et praksisnettverk, Fagbrev på jobb" in both
    assert both.count("Jobbsjansen") == 1, both


def test_a_list_of_measures_has_no_og_inside_an_item(engine: Engine) -> None:
    for text, names, _ in _name_sentences(engine):
        plain = QUOTED.sub("«»", names)
        assert plain.count(" og ") <= 1, text
    sunndal = engine.answer("Hva gjorde Sunndal?", now=TODAY).text
    assert "Arbeidsspor og utdanningsspor" not in sunndal
    assert (
        "startlån, kvalifiseringsspor mot arbeid eller utdanning og et tilbud til kvinner"
        in sunndal
    )


@pytest.mark.parametrize(
    ("question", "word"),
    [
        ("Hvorfor ble Harstad nominert i 2023?", "arbeidslinje fra første dag"),
        ("Hvorfor ble Vennesla nominert?", "egen bosettingskoordinator"),
        ("Hvorfor ble Asker nominert i 2021?", "for flyktninger og innvandrere"),  # inflected
    ],
)
def test_a_measure_the_reason_named_is_not_named_again(
    engine: Engine, question: str, word: str
) -> None:
    text = engine.answer(question, now=TODAY).text  # both reasons are known by then
    assert text.lower().count(word) == 1, text


@pytest.mark.parametrize(
    ("question", "once"),
    [("Hva er Globus kafé?", "drevet av innvandrerkvinner"), ("Hva er MOVED?", "norskopplæring")],
)
def test_a_description_and_a_sentence_saying_the_same_are_not_both_shown(
    engine: Engine, question: str, once: str
) -> None:
    text = engine.answer(question, now=TODAY).text
    assert text.count(once) == 1, text
    assert "Tiltaket ble trukket fram da" in text
    assert "Det ble trukket fram" not in text  # «kafé» is not neuter
    assert "barnehage" not in text  # the other project's sentence stays out


def test_a_project_answer_keeps_the_other_sentences_about_it(engine: Engine) -> None:
    text = engine.answer("Hva er Jobbsjansen?", now=TODAY).text
    assert "hjemmeværende kvinner" in text and "ett av seks prosjekter" in text


def test_no_reason_sentence_opens_with_a_number(engine: Engine) -> None:
    winners = {
        record.winner.value.name for record in engine.kb.years.values() if record.winner is not None
    }
    assert len(winners) > 10
    for name in sorted(winners):
        text = engine.answer(f"Hvorfor vant {name}?", now=TODAY).text
        starts = [m.group(1) for m in SENTENCE.finditer(text)]
        assert not any(s.isdigit() for s in starts), text
    trondheim = engine.answer("Hvorfor vant Trondheim?", now=TODAY).text
    assert "Av deltakerne i introduksjonsprogrammet gikk 53 prosent videre" in trondheim
    levanger = engine.answer("Hvorfor vant Levanger?", now=TODAY).text  # no «: 86 prosent»
    assert "landsnivået. Av deltakerne i introduksjonsprogrammet gikk 86 prosent" in levanger
