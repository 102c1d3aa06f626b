"""A valid fact base loads into the typed model; the real knowledge/ is valid."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest

from bot.knowledge.loader import knowledge_version, load_knowledge
from bot.knowledge.models import Fact, KnowledgeBase, YearStatus

from .conftest import REPO_KNOWLEDGE, replace_in, write


def test_fixture_base_builds_the_model(kb_dir: Path) -> None:
    kb = load_knowledge(kb_dir)
    assert sorted(kb.years) == [2017, 2019, 2020, 2021]
    year = kb.years[2021]
    assert year.status is YearStatus.AWARDED
    assert year.winner is not None and year.winner.value.name == "Lørenskog"
    assert [s.key for s in year.winner.sources] == ["kr21"]
    nominees = {e.name: e for e in year.nominees.value} if year.nominees else {}
    assert nominees["Skedsmo"].municipality.name == "Lillestrøm"
    assert nominees["Grünerløkka"].municipality.name == "Oslo"
    assert nominees["Grünerløkka"].district
    assert nominees["Egersund"].municipality.name == "Eigersund"
    assert nominees["Herøy"].municipality.county == "Møre og Romsdal"
    assert year.vote.closes is not None
    assert year.vote.closes.value.day == date(2021, 11, 11)
    assert year.vote.closes.value.at == time(23, 59)
    assert year.vote.opens is None and year.vote.url is None
    assert year.award_date is not None and not year.award_date.value.time_known
    assert year.criteria is None and year.award_place is None
    assert year.received_by is not None and year.received_by.value == "ordføreren"
    assert year.projects[0].name == "Jobbsjansen" and year.projects[0].municipality == "Lørenskog"
    assert year.notes[0].value == "En merknad."


def test_literal_words_become_none_but_stay_distinguishable(kb_dir: Path) -> None:
    kb = load_knowledge(kb_dir)
    no_prize, merged, round_2020 = kb.years[2017], kb.years[2019], kb.years[2020]
    assert no_prize.status is YearStatus.NO_PRIZE and no_prize.winner is None
    assert no_prize.explanation is not None
    # vote: none = there was no public vote; vote: unknown = the sources do not say
    assert no_prize.vote.public is not None and no_prize.vote.public.value is False
    assert merged.vote.public is None
    assert merged.merged_into == 2020
    assert round_2020.label == "2019/2020" and round_2020.nominees is None
    assert round_2020.nominee_count is not None and round_2020.nominee_count.value == 6


def test_prize_sources_rules_and_texts(kb_dir: Path) -> None:
    kb = load_knowledge(kb_dir)
    assert kb.prize.organiser_short == "IMDi"
    assert kb.prize.organiser_full == "Integrerings- og mangfoldsdirektoratet"
    assert kb.prize.first_year.value == 2008
    assert kb.prize.topics["prize_money"] is None
    assert kb.prize.topics["purpose"] is not None
    assert [(e.from_year, e.to_year) for e in kb.prize.names] == [(2008, 2016), (2018, None)]
    assert kb.prize.conflicts[0].sources[1].key == "ntb21"
    seed = kb.sources["seed000"]
    assert seed.url is None and seed.file == "000_cb85a4bf755b1d44.txt"
    assert [r.key for r in kb.reminder_rules] == ["opens", "last-day-09"]
    assert kb.reminder_rules[1].at == time(9, 0) and kb.reminder_rules[0].at is None
    assert kb.texts == {
        "ui.start.welcome": "Hei!",
        "ui.start.examples.first": "Hvem vant i 2021?",
        "ui.help": "Skriv et spørsmål.",
    }


def test_version_changes_with_any_hashed_file(kb_dir: Path) -> None:
    first = load_knowledge(kb_dir).version
    assert first == knowledge_version(kb_dir) and len(first) == 12
    write(kb_dir, "intents.yaml", "intents: {}\n")  # engine file: not loaded here, but hashed
    second = knowledge_version(kb_dir)
    assert second != first
    write(kb_dir, "notes.txt", "ikke en del av faktabasen\n")
    assert knowledge_version(kb_dir) == second
    replace_in(kb_dir / "years/2021.yaml", "En merknad.", "En annen merknad.")
    assert load_knowledge(kb_dir).version not in (first, second)


def _facts(value: Any) -> list[Fact[Any]]:
    """Every Fact reachable from a model object."""
    found: list[Fact[Any]] = []
    if isinstance(value, Fact):
        found.append(value)
    if is_dataclass(value) and not isinstance(value, type):
        for field in fields(value):
            found.extend(_facts(getattr(value, field.name)))
    elif isinstance(value, dict):
        for item in value.values():
            found.extend(_facts(item))
    elif isinstance(value, tuple | list):
        for item in value:
            found.extend(_facts(item))
    return found


@pytest.fixture(scope="module")
def real() -> KnowledgeBase:
    return load_knowledge(REPO_KNOWLEDGE)


def test_real_knowledge_loads(real: KnowledgeBase) -> None:
    years = sorted(real.years)
    assert years == list(range(2008, years[-1] + 1)) and years[-1] >= 2026  # no gaps
    assert len(real.municipalities) == 357
    assert real.years[2021].winner is not None
    assert real.years[2021].winner.value.name == "Lørenskog"
    assert real.years[2017].status is YearStatus.NO_PRIZE
    assert real.years[2019].status is YearStatus.MERGED and real.years[2019].merged_into == 2020
    assert real.years[2020].label == "2019/2020"
    assert {r.key for r in real.reminder_rules} >= {"opens", "closes-3d", "last-day-09"}


def test_every_real_fact_has_a_defined_source(real: KnowledgeBase) -> None:
    facts = _facts(real)
    assert len(facts) > 100
    for fact in facts:
        if fact.value is False and not fact.sources:
            continue  # `vote: none`: no public vote, nothing to cite
        assert fact.sources, fact
        for source in fact.sources:
            assert real.sources[source.key] is source
            assert source.url or source.file
