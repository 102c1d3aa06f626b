"""Classes behind single-question first-try failures of probe sets 08, 09, 11 and 12 (issue 11),
each tested with questions of the class that the probe sets do not use, through the real engine
over the real fact base."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.clock import OSLO
from bot.engine.engine import Engine
from tests.engine.conftest import NOW


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # a remark, then a question without «?»: the remark's words («først», «kinnet») are
        # not part of the question
        ("har vært på hytta hele uka. hvem vant i 2016", "Trondheim"),
        ("sola skinner i dag 😎 uansett kven vann i 2014", "Drammen"),
        ("måtte handle først: hvem vant i 2012", "Molde"),
    ],
)
def test_remark_before_unmarked_question(engine: Engine, question: str, expected: str) -> None:
    answer = engine.answer(question, now=NOW)
    assert answer.matched and answer.intent == "winner", answer.text
    assert expected in answer.text, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "når får jeg uføretrygd utbetalt?",
        "hvor mye er barnetrygden i 2025?",
        "Kan jeg få sykepenger mens jeg tar kurs?",
    ],
)
def test_own_benefits_and_pension_are_refused(engine: Engine, question: str) -> None:
    answer = engine.answer(question, now=NOW)
    assert not answer.matched, answer.text


@pytest.mark.parametrize(
    ("question", "intent", "expected"),
    [
        # a misspelt word of a two-word phrase («delte ut», «tok imot») is corrected before
        # the phrase is read, so the phrase's meaning is kept
        ("hvem dellte ut prisen i 2018", "handed_by", "Sanner"),
        ("hvem deltte ut prisn for 2016?", "handed_by", "Rieber-Mohn"),
    ],
)
def test_typo_inside_a_phrase(engine: Engine, question: str, intent: str, expected: str) -> None:
    answer = engine.answer(question, now=NOW)
    assert answer.matched and answer.intent == intent, answer.text
    assert expected in answer.text, answer.text


AUTUMN_2022 = datetime(2022, 9, 5, 12, 0, tzinfo=OSLO)


@pytest.mark.parametrize(
    "question",
    [
        # «melde seg på» and its nouns are how a municipality nominates itself (from 2022)
        "når er nominasjonsfristen?",
        "kommunen vil melde seg på, hva er påmeldingsfristen?",
        "hvordan går påmeldingen for kommuner til?",
    ],
)
def test_signing_up_is_nomination(engine: Engine, question: str) -> None:
    answer = engine.answer(question, now=AUTUMN_2022)
    assert answer.matched and answer.intent == "nomination", answer.text
    assert "9. september" in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # «kom først» between two municipalities is «vant først»
        ("hvem kom først, Drammen eller Molde?", "Molde vant først"),
        ("kem kom fyrst av Levanger og Vadsø", "Vadsø vant først"),
    ],
)
def test_came_first_of_two(engine: Engine, question: str, expected: str) -> None:
    answer = engine.answer(question, now=NOW)
    assert answer.matched and answer.intent == "compare_places", answer.text
    assert expected in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # «også» (a filler word, otherwise dropped) between two years of nominations
        ("var de som var nominert i 2018, også nominert i 2021?", "Asker og Lørenskog"),
        ("ble noen nominert i 2016 også nominert i 2021?", "Ingen kommune"),
    ],
)
def test_also_nominated_in_another_year(engine: Engine, question: str, expected: str) -> None:
    answer = engine.answer(question, now=NOW)
    assert answer.matched and answer.intent == "nominated_both", answer.text
    assert expected in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # Nynorsk «busetje/busett» is the «bosette/bosatt» the fact texts use
        ("kor mange flyktningar vedtok Tynset å busetje i 2016?", "32"),
        ("kor mange flyktningar vart busett i Lørenskog?", "72"),
    ],
)
def test_nynorsk_settling_words(engine: Engine, question: str, expected: str) -> None:
    answer = engine.answer(question, now=NOW)
    assert answer.matched, answer.text
    assert expected in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # «når de vant» after the question is the time clause «da de vant»
        ("hvem var ordfører i Bærum når de vant?", "Hammer Krog var ordfører i Bærum"),
        ("hvem var ordfører i Tønsberg når dei vann", "Frank Pedersen"),
    ],
)
def test_when_clause_after_the_question(engine: Engine, question: str, expected: str) -> None:
    answer = engine.answer(question, now=NOW)
    assert answer.matched, answer.text
    assert expected in answer.text, answer.text


def test_when_question_itself_is_unchanged(engine: Engine) -> None:
    answer = engine.answer("når vant Moss?", now=NOW)
    assert answer.intent == "place_won" and not answer.text.startswith("Ja"), answer.text
