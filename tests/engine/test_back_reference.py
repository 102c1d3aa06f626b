"""Classes that probe set 14 found weak, with new questions (none a probe item): a closing
«Vet du det?» that points back to the sentence before (wrapper), and «en egen pris for dette»
meaning this prize (other prizes)."""

from __future__ import annotations

import pytest

from bot.engine.engine import Engine
from bot.engine.loading import load_engine_files
from bot.engine.wrapper import unwrap
from tests.engine.conftest import KNOWLEDGE, NOW

# -- wrapper: a closing question that points back -----------------------------------------------


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Vi diskuterte på jobb hvem som overrakte prisen i 2018. Vet du svaret?", "Sanner"),
        ("Læreren min mener Kinn vant i 2022. Stemmer det?", "Kinn"),
        ("Jeg husker ikke når prisen for 2016 ble delt ut. Kan du sjekke det?", "26. april"),
        (
            "Klassen min skal skrive om hvem som tok imot prisen i 2021. Kan du hjelpe oss?",
            "Bergheim",
        ),
    ],
)
def test_back_reference_reads_the_sentence_before(
    engine: Engine, question: str, expected: str
) -> None:
    answer = engine.answer(question, now=NOW)
    assert answer.matched and answer.intent != "help", answer.text
    assert expected in answer.text


def test_unwrap_takes_the_question_inside_the_statement() -> None:
    cues = load_engine_files(KNOWLEDGE).understanding
    text = "Vi kranglet om det i går, og ingen visste hvem som vant først. Aner du?"
    assert unwrap(text, cues) == "hvem som vant først?"
    assert unwrap("Vet du det?", cues) == "Vet du det?"  # nothing before it to point to
    about = "Vi er usikre på når avstemningen stengte i 2023. Vet du det?"
    assert unwrap(about, cues) == "når avstemningen stengte i 2023?"
    # a sentence about the writer with no question in it is not what is asked
    intro = "Jeg skriver en oppgave om integrering. Kan du hjelpe meg?"
    assert unwrap(intro, cues) == "Kan du hjelpe meg?"


# -- other_prize: «en egen pris for dette» is this prize; someone's own prize is not ------------


def test_a_prize_for_what_is_talked_about_is_this_one(engine: Engine) -> None:
    answer = engine.answer(
        "Noen sa at det finnes en egen pris for sånt – hvem fikk den i 2013?", now=NOW
    )
    assert answer.matched and "Hammerfest" in answer.text, answer.text


@pytest.mark.parametrize(
    "question",
    ["Har Bergen sin egen integreringspris?", "Hvem vant Oslos egen pris for frivillighet i 2020?"],
)
def test_someone_elses_own_prize_stays_refused(engine: Engine, question: str) -> None:
    answer = engine.answer(question, now=NOW)
    assert not answer.matched, answer.text
    assert "Sunndal" not in answer.text
