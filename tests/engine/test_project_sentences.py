"""Projects are told in whole sentences that name them (issue 13, review finding M5): no
«beskrevet slik:» fragment, no «Navn: tekst» lines in a municipality's projects, and the round is
told as a nomination or, for the winner of that year, as a win."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from bot.clock import OSLO
from bot.engine.engine import Engine

TODAY = datetime(2026, 12, 5, 12, tzinfo=OSLO)
NAME_LINE = re.compile(r"^[A-ZÆØÅ][^.:\n]{0,60}: ", re.MULTILINE)


@pytest.mark.parametrize(
    "question",
    ["Hva er Jobbsjansen?", "Hva har Tynset gjort?", "Hva er MOVED?", "Hva har Stange gjort?"],
)
def test_project_answers_have_no_fragment_and_no_name_lines(engine: Engine, question: str) -> None:
    text = engine.answer(question, now=TODAY).text
    assert "beskrevet slik:" not in text
    assert NAME_LINE.search(text) is None, text


def test_a_named_project_leads_with_its_sentence_then_the_round(engine: Engine) -> None:
    text = engine.answer("Hva er Jobbsjansen?", now=TODAY).text
    assert text.startswith(
        "Jobbsjansen var et prosjekt som hjalp hjemmeværende kvinner med innvandrerbakgrunn ut i"
        " arbeid. Tiltaket ble trukket fram da Lørenskog ble nominert for 2018."
    )


def test_a_winners_project_is_told_as_part_of_the_win(engine: Engine) -> None:
    text = engine.answer("Hva er Globale Bærum?", now=TODAY).text
    assert text.startswith("Globale Bærum startet som et initiativ fra Røde Kors.")
    assert "Tiltaket ble trukket fram da Bærum vant prisen for 2018." in text


def test_a_municipalitys_projects_are_sentences_naming_the_project(engine: Engine) -> None:
    text = engine.answer("Hva har Tynset gjort?", now=TODAY).text
    assert "\nKommunen kjøpte et bokollektiv til enslige mindreårige.\n" in text
    assert "Bokollektiv for enslige mindreårige:" not in text
