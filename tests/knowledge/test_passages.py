"""The passage index over the real fact base: every fact text is a sourced passage, search
finds the passage that answers, filters by entity, and stays silent when nothing answers."""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.engine.normalise import fold as engine_fold
from bot.knowledge import passages as passages_module
from bot.knowledge.loader import load_knowledge
from bot.knowledge.models import KnowledgeBase
from bot.knowledge.passages import PassageIndex
from bot.knowledge.passages_terms import fold, stem, terms

from .conftest import REPO_KNOWLEDGE


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge(REPO_KNOWLEDGE)


@pytest.fixture(scope="module")
def index(kb: KnowledgeBase) -> PassageIndex:
    return PassageIndex.build(kb)


@pytest.fixture(scope="module")
def number(kb: KnowledgeBase) -> Callable[[str], str]:
    by_name = {m.name: m.number for m in kb.municipalities}
    return by_name.__getitem__


def test_every_fact_text_is_a_sourced_passage(kb: KnowledgeBase, index: PassageIndex) -> None:
    ids = {p.id for p in index.passages}
    assert len(ids) == len(index.passages)  # ids are unique
    assert all(p.sources for p in index.passages)
    kinds = {p.kind for p in index.passages}
    assert kinds >= {"nominated_for", "figure", "person", "project", "context", "reasoning"}
    assert kinds >= {"decision", "criteria", "award", "note", "prize"}
    for record in kb.years.values():
        assert (record.reasoning is None) == (f"{record.year}/reasoning" not in ids)
        assert all(f"{record.year}/notes/{i}" in ids for i in range(1, len(record.notes) + 1))
        for profile in record.profiles:
            base = f"{record.year}/profile/{profile.entrant.name}"
            for group, items in (
                ("figures", profile.figures),
                ("people", profile.people),
                ("context", profile.context),
            ):
                assert all(f"{base}/{group}/{i}" in ids for i in range(1, len(items) + 1))
            assert (profile.nominated_for is not None) == (f"{base}/nominated_for" in ids)
    topics = [k for k, v in kb.prize.topics.items() if v is not None]
    assert all(f"prize/topics/{topic}" in ids for topic in topics)


def test_passages_carry_year_municipality_people_and_context(
    index: PassageIndex, number: Callable[[str], str]
) -> None:
    by_id = {p.id: p for p in index.passages}
    figure = by_id["2021/profile/Lørenskog/figures/1"]
    assert figure.year == 2021 and figure.municipalities == {number("Lørenskog")}
    assert "82 prosent (2020)" in figure.text and not figure.context
    person = by_id["2014/profile/Drammen/people/3"]
    assert person.people == ("Sigrid Thielemann",)
    # a year-level fact that names a person is tagged with them, and with the winner
    received = by_id["2014/award/received_by"]
    assert "Sigrid Thielemann" in received.people
    assert received.municipalities == {number("Drammen")}
    assert by_id["2013/profile/Sunndal/people/1"].context  # labelled as context
    assert by_id["prize/topics/purpose"].year is None


@pytest.mark.parametrize(
    ("query", "filters", "expected"),
    [
        ("hvor mange ansatte har integreringsenheten", {"m": "Harstad"}, "figures/1"),
        ("hva er YrkesKomp", {}, "2021/projects/2"),
        ("Globus kafe", {}, "2020/projects/3"),
        ("integreringsenhten", {}, "Harstad"),  # typo corrected
        ("hvor mange enslige mindreårige bosatte Trondheim", {"y": 2016}, "Trondheim/figures/2"),
        ("hvem tok imot prisen", {"y": 2014}, "2014/profile/Drammen/people/3"),
        ("hvem var ordfører", {"y": 2021, "m": "Drammen"}, "Drammen/people/1"),
        ("ukrainske ungdommer 16-18 år skoletilbud", {}, "2023/"),
        ("startlån", {"m": "Sunndal"}, "2020/profile/Sunndal/projects/3"),
        ("hvor mange innbyggere hadde Levanger", {}, "2009/profile/Levanger/figures/4"),
    ],
)
def test_search_finds_the_passage_that_answers(
    index: PassageIndex, number: Callable[[str], str], query: str, filters: dict, expected: str
) -> None:
    municipality = number(filters["m"]) if "m" in filters else None
    hits = index.search(query, year=filters.get("y"), municipality=municipality)
    assert hits, query
    assert expected in hits[0].passage.id, [h.passage.id for h in hits]
    assert all(h.score >= passages_module.MIN_SCORE for h in hits)
    if municipality is not None:
        assert all(municipality in h.passage.municipalities for h in hits)
    if "y" in filters:
        assert all(h.passage.year == filters["y"] for h in hits)


@pytest.mark.parametrize(
    ("query", "filters"),
    [
        ("hva er værmeldingen i morgen", {}),
        ("hvem vant fotball-VM", {}),
        ("hva koster en pizza i Drammen", {}),
        ("hvor mange innbyggere", {"m": "Molde"}),  # the facts do not say
        ("hvor mange bosatte de", {"y": 2023, "m": "Nordre Follo"}),  # neither here
        ("Hva har Tynset gjort?", {"m": "Tynset"}),  # only the entity itself matches
        ("hvem er Sigrid Thielemann", {}),
    ],
)
def test_search_stays_silent_when_no_passage_answers(
    index: PassageIndex, number: Callable[[str], str], query: str, filters: dict
) -> None:
    municipality = number(filters["m"]) if "m" in filters else None
    assert index.search(query, year=filters.get("y"), municipality=municipality) == []


def test_filters_narrow_to_the_entity(index: PassageIndex, number: Callable[[str], str]) -> None:
    everywhere = index.search("Jobbsjansen", limit=10)
    assert {h.passage.year for h in everywhere} >= {2018, 2021}
    steinkjer = index.search("Jobbsjansen", municipality=number("Steinkjer"), limit=10)
    assert [h.passage.id for h in steinkjer] == ["2018/projects/6"]
    assert index.search("Jobbsjansen", year=2025) == []
    quoted = index.search("pandemi", person="Rieber-Mohn")
    assert quoted and all("Libe Rieber-Mohn" in h.passage.people for h in quoted)
    assert index.search("pandemi", person="Ola Nordmann") == []


def test_about_lists_what_is_known_of_a_person(index: PassageIndex) -> None:
    about = index.about(person="Sigrid Thielemann")
    assert [p.id for p in about] == ["2014/award/received_by", "2014/profile/Drammen/people/3"]
    assert index.about() == []


def test_synonyms_let_a_question_word_stand_for_a_fact_word(
    kb: KnowledgeBase, index: PassageIndex, number: Callable[[str], str]
) -> None:
    question = "hvor stor andel kom i jobb"
    lorenskog = number("Lørenskog")
    plain = index.search(question, municipality=lorenskog)
    assert [h.matched for h in plain] == [("andel",)]  # «jobb» is not a word of the fact
    with_synonyms = PassageIndex.build(kb, {"jobb": ["arbeid"]})
    hits = with_synonyms.search(question, municipality=lorenskog)
    assert [h.passage.id for h in hits] == ["2021/profile/Lørenskog/figures/1"]
    assert hits[0].matched == ("andel", "arbeid") and hits[0].score > plain[0].score


def test_normalisation_folds_like_the_engine_and_stems_lightly() -> None:
    for text in ("Bærum", "Tønsberg", "Ålesund", "Guovdageaidnu", "Kárášjohka", "ÆØÅ"):
        assert fold(text) == engine_fold(text)
    assert stem("flyktningene") == stem("flyktninger") == stem("flyktning")
    assert stem("2021") == "2021"
    assert terms("Hvem var ordføreren i Drammen?") == [stem("ordforeren"), "dramm"]


def test_the_index_module_depends_on_the_fact_base_only() -> None:
    tree = ast.parse(Path(passages_module.__file__).read_text(encoding="utf-8"))
    imported = {
        node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
    } | {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    assert not {m for m in imported if m.startswith(("bot.engine", "bot.telegram"))}
