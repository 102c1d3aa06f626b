"""The passage fallback (issue 12): what the fact texts say about an entity the question
names, when no intent fits — never out of scope, never when no text answers it."""

from __future__ import annotations

from datetime import datetime

from bot.clock import OSLO
from bot.engine.engine import Engine

from .conftest import NOW

BEFORE_2021 = datetime(2020, 6, 1, 12, 0, tzinfo=OSLO)


def test_a_fact_text_answers_with_its_source(engine: Engine) -> None:
    # («Hvor mange ansatte …» is now the place_figures answer: the figure and its year.)
    answer = engine.answer("Hvilke tjenester er samlet i integreringsenheten i Harstad?", now=NOW)
    assert answer.matched and answer.intent == "passage"
    assert not answer.text.startswith("Her er det jeg vet")  # no pseudo heading (P1–P3)
    assert "Storgata 5" in answer.text
    assert any("harstadregionen" in (s.url or "") for s in answer.sources)


def test_context_texts_are_plain_sentences(engine: Engine) -> None:
    answer = engine.answer("Hva skjedde på Grødem skole i Randaberg?", now=NOW)
    assert "introbasen" in answer.text and "Som bakgrunn" not in answer.text


def test_passages_read_as_sentences_not_labels(engine: Engine) -> None:
    """Issue 13: no «2023: …», «Navn: beskrivelse» or «Dette vet jeg om X:» lines; a project
    is named in a sentence with its round, a reason with the nominee it is about."""
    answer = engine.answer("fortell om boligene i Molde", now=NOW)
    assert answer.intent == "passage", answer.text
    lines = answer.text.split("\n")
    assert not lines[0].startswith("Her er det jeg vet"), lines[0]
    assert "Tiltaket «Nøkkelferdige boliger» ble trukket fram i runden for 2023." in answer.text
    assert "Molde ble nominert for 2023. Juryen" in answer.text
    for line in lines:
        assert not line[:4].isdigit() and ": " not in line[:40], line


def test_never_for_out_of_scope_or_unanswered_questions(engine: Engine) -> None:
    for question in (
        "Hva er klokka i Harstad?",
        "Hvem vant Oscar i Harstad?",
        "Hva er favorittfargen til Harstad?",
        "Hva slags hår har ordføreren i Molde?",
        "Hvor mange innbyggere har Harstad?",
    ):
        answer = engine.answer(question, now=NOW)
        assert not answer.matched, (question, answer.text)
        assert "faktabasen om" not in answer.text


def test_texts_of_a_later_round_stay_hidden(engine: Engine) -> None:
    answer = engine.answer("Hvor mange ansatte har integreringsenheten i Harstad?", now=BEFORE_2021)
    assert "30 ansatte" not in answer.text


def test_a_figure_from_the_fact_texts_says_the_year_it_refers_to(engine: Engine) -> None:
    answer = engine.answer("Hvor mange ansatte har integreringsenheten i Harstad?", now=NOW)
    assert "30 ansatte" in answer.text and "2021" in answer.text
