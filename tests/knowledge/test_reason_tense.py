"""Reasons for a nomination and a jury's reasons are told in the past tense, every year alike
(knowledge/README.md style rule 3; issue 13). A list of nominees mixed «Asker har bosatt …»
with «Sunndal var …»; ``bot check`` now warns about a reason with a present-tense verb, and the
real fact base has none."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.__main__ import main
from bot.knowledge.loader import load_knowledge
from bot.knowledge.tense import reason_tense_hit, reason_tense_warnings

from .conftest import REPO_KNOWLEDGE, replace_in

# The reasons as they stood before the rewrite (2020, 2018, 2021 and 2025), each with its verb.
OLD_REASONS = [
    ("IMDi la vekt på at Asker har bosatt solid over tid, har gått foran med enslige.", "har"),
    (
        "Juryen la vekt på at Gjøvik bosetter fleksibelt og utvikler prosjekter.",
        "bosetter",
    ),
    ("Bredt samarbeid på tvers av etater gjør at Tromsø kan bosette mange flyktninger.", "gjør"),
    ("Stange bosetter strukturert og planlagt.", "bosetter"),
    ("IMDi la vekt på at Drammen driver et helhetlig integreringsarbeid.", "driver"),
    ("Moss skilte seg ut ved å bosette barn som kommer uten foreldre.", "kommer"),
    ("Tønsberg ble beskrevet som en dyktig kommune som strekker seg svært langt.", "strekker"),
]

PAST_REASONS = [
    "IMDi la vekt på at Asker hadde bosatt solid over tid og hadde gått foran med enslige.",
    "Introduksjonsprogrammet ble drevet som flyktningenes «første arbeidsplass som er åpen».",
    "Samarbeidet med NAV hadde gitt deltakere med lite norsk vanlige jobber.",
    "Bodø kalte seg en ja-kommune som hadde bosatt flyktninger i nesten 40 år.",
]


@pytest.mark.parametrize(("text", "verb"), OLD_REASONS)
def test_a_present_tense_reason_is_caught(text: str, verb: str) -> None:
    assert reason_tense_hit(text) == verb


@pytest.mark.parametrize("text", PAST_REASONS)
def test_past_reasons_quotes_and_the_noun_jobber_pass(text: str) -> None:
    assert reason_tense_hit(text) is None


def test_every_curated_reason_is_in_the_past_tense() -> None:
    assert reason_tense_warnings(load_knowledge(REPO_KNOWLEDGE)) == []


def test_bot_check_warns_with_file_key_and_verb(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(REPO_KNOWLEDGE, knowledge)
    replace_in(knowledge / "years/2020.yaml", "Voss hadde bosatt mange", "Voss har bosatt mange")
    assert main(["check", "--knowledge", str(knowledge)]) == 0
    out = capsys.readouterr().out
    assert "knowledge/years/2020.yaml: «profiles.Voss.nominated_for» står i presens («har»)" in out
