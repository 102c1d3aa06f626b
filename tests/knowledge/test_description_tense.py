"""Project descriptions and a profile's context texts are told in the past tense (issue 13,
review 4 T4–T6, T10): they tell what was highlighted in that round, and the bot cannot know
whether it still holds («Kvalifiseringen starter …», «INNsats er et kontor som skaffer …» read
as today's facts at every clock). ``bot check`` warns about a present-tense verb, and the real
fact base has none."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.__main__ import main
from bot.knowledge.loader import load_knowledge
from bot.knowledge.tense import description_tense_hit, description_tense_warnings

from .conftest import REPO_KNOWLEDGE, replace_in

# Texts as they stood before the rewrite (2016, 2023, 2021, 2014, 2020), each with its verb.
OLD_TEXTS = [
    ("Enslige mindreårige bor også hos familier som har en rolle som fosterhjem.", "bor"),
    ("Kvalifiseringen starter med å kartlegge hver flyktnings kompetanse.", "starter"),
    ("Integreringsenheten er en ny enhet i Harstad kommune.", "er"),
    ("Fra leie til eie hjelper langvarige leietakere i kommunale boliger.", "hjelper"),
    ("INNsats er et kontor som skaffer tidlige praksisplasser.", "er"),
    ("Mange beholder praksisplassen i feriene.", "beholder"),
    ("Integreringstilskuddet fordeles til enhetene etter behov.", "fordeles"),
]

PAST_TEXTS = [
    "Tynset samarbeidet med flere kommuner i Fjellregionen om kvalifisering.",
    "En ukrainsk flyktning var ansatt som lærer, og pensjonister hjalp til som frivillige.",
    "Året før hadde kommunen takket nei til flyktninger fordi den manglet jobber og boliger.",
    "På Toppenhaug ga tilbudet de eldre et sted å møtes.",
]


@pytest.mark.parametrize(("text", "verb"), OLD_TEXTS)
def test_a_present_tense_description_is_caught(text: str, verb: str) -> None:
    assert description_tense_hit(text) == verb


@pytest.mark.parametrize("text", PAST_TEXTS)
def test_past_descriptions_and_nouns_pass(text: str) -> None:
    assert description_tense_hit(text) is None


def test_every_project_and_context_text_is_in_the_past_tense() -> None:
    assert description_tense_warnings(load_knowledge(REPO_KNOWLEDGE)) == []


def test_bot_check_warns_about_a_description_with_file_key_and_verb(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(REPO_KNOWLEDGE, knowledge)
    replace_in(knowledge / "years/2016.yaml", "Tynset samarbeidet med", "Tynset samarbeider med")
    assert main(["check", "--knowledge", str(knowledge)]) == 0
    out = capsys.readouterr().out
    key = "«projects.Kvalifisering i Fjellregionen»"
    assert f"knowledge/years/2016.yaml: {key} står i presens («samarbeider»)" in out
