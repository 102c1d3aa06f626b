"""The golden set: its own shape and facts, the harness's ability to fail, and the real engine.

The engine must answer at least 98 % of the golden items correctly and never name a wrong winner
or nominee. Failing items are printed (question, answer, reason) for whoever works on the engine.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pytest

from tests.golden.harness import (
    GLOBAL_CHECK_KINDS,
    Golden,
    Item,
    contains,
    engine_answer_fn,
    evaluate,
    item_years,
    load_golden,
    tag_counts,
)

# Winners per prize year, from ../shared/facts/prize_facts.md (consolidated list, sources
# https://www.utrop.no/nyheter/nytt/326383/ and
# https://www.imdi.no/arkiv/arkiverte-nyheter/nyheter-2022/kinn-kommune-fikk-bosettings--og-integreringsprisen/,
# 2023 https://www.tonsberg.kommune.no/aktuelt/bosettings-og-integreringsprisen-gikk-til-tonsberg.32647.aspx,
# 2025 https://www.moss.kommune.no/aktuelt/moss-vant-pris-for-bosetting-og-integrering-av-flyktninger.20263.aspx).
# 2017: no prize; 2019 and 2020 are one round («Sunndal (2019/2020)»); 2024 and 2026: not known.
WINNERS: dict[int, str | None] = {
    2008: "Vadsø",
    2009: "Levanger",
    2010: "Kristiansand",
    2011: "Kragerø",
    2012: "Molde",
    2013: "Hammerfest",
    2014: "Drammen",
    2015: "Grimstad",
    2016: "Trondheim",
    2017: None,
    2018: "Bærum",
    2019: "Sunndal",
    2020: "Sunndal",
    2021: "Lørenskog",
    2022: "Kinn",
    2023: "Tønsberg",
    2024: None,
    2025: "Moss",
    2026: None,
}

# Nominees (besides the winner) where the dossier lists them; seeds 000/004 (2021), 002 (2023).
NOMINEES: dict[int, set[str]] = {
    2013: {"Oslo", "Bergen", "Drammen", "Sunndal", "Kvinesdal"},
    2015: {"Lavangen", "Sandnes", "Sunndal", "Lillehammer", "Skedsmo"},
    2016: {"Arendal", "Bergen", "Bodø", "Rælingen", "Tynset"},
    2018: {"Asker", "Bodø", "Lørenskog", "Stange", "Steinkjer", "Tromsø"},
    2020: {"Asker", "Gjøvik", "Randaberg", "Tromsø", "Voss"},
    2021: {"Asker", "Drammen", "Harstad", "Lillestrøm", "Sandefjord"},
    2022: {"Bodø", "Haugesund", "Rælingen", "Vennesla"},
    2023: {"Harstad", "Kristiansand", "Molde", "Nordre Follo", "Ullensvang"},
    2025: {"Oslo", "Grünerløkka", "Senja", "Sykkylven", "Øygarden"},
}

WINNER_KINDS = {"winner", "winner_relative", "first_last"}
THRESHOLD = 1.0


@pytest.fixture(scope="module")
def golden() -> Golden:
    return load_golden()


# ------------------------------------------------------------------ the set's own shape


def test_set_size_and_mix(golden: Golden) -> None:
    tags = tag_counts(golden)
    kinds = Counter(q.kind for q in golden.questions)
    assert len(golden.questions) >= 330
    assert tags["out_of_scope"] >= 40
    assert sum(1 for q in golden.questions if {"nynorsk", "english"} & set(q.tags)) >= 30
    assert sum(1 for q in golden.questions if {"typo", "ascii"} & set(q.tags)) >= 40
    assert len(golden.conversations) >= 10
    for kind in (
        "winner",
        "nominees",
        "municipality",
        "yesno",
        "all_winners",
        "first_last",
        "before_after",
        "multi_year",
        "county",
        "prize_fact",
        "why",
        "project",
        "ceremony",
        "voting",
        "subscribe",
        "unsubscribe",
        "smalltalk",
        "help",
        "gap",
        "money",
        "winner_relative",
        "out_of_scope",
    ):
        assert kinds[kind] >= 3, kind


def test_every_item_is_checkable(golden: Golden) -> None:
    for item in golden.all_items():
        any_strings = [s for g in item.any_groups for s in g]
        strings = [*item.must, *item.must_not, *item.allow, *any_strings]
        assert all(s.strip() == s and s for s in strings), item.id
        assert item.must or item.any_groups or item.must_not, f"{item.id} checks nothing"
        assert item.matched is not None, f"{item.id} has no expected matched"
        assert not set(item.must) & set(item.must_not), item.id


def test_out_of_scope_items_expect_a_refusal(golden: Golden) -> None:
    for item in golden.all_items():
        is_oos = item.kind == "out_of_scope"
        assert is_oos == ("out_of_scope" in item.tags), item.id
        if is_oos:
            assert item.matched is False, item.id
            assert item.must_not, item.id
            for year in item_years(item):
                winner = WINNERS.get(year)
                if winner:
                    assert winner in item.must_not, f"{item.id} must forbid {winner}"
        else:
            assert item.matched is True, item.id


def test_facts_section_matches_dossier_table(golden: Golden) -> None:
    assert {y: f.winner for y, f in golden.facts.items()} == WINNERS
    for year, names in NOMINEES.items():
        assert set(golden.facts[year].nominees) == names, year
    assert set(golden.facts[2009].nominees) >= {"Bodø", "Brønnøy", "Trondheim", "Sagene"}


def _single_year(item: Item) -> int | None:
    years = item_years(item)
    return years[0] if len(years) == 1 else None


def test_winner_items_name_the_dossier_winner(golden: Golden) -> None:
    all_winners = {w for w in WINNERS.values() if w}
    checked = 0
    for item in golden.all_items():
        year = _single_year(item)
        if item.kind not in WINNER_KINDS or year is None:
            continue
        named = set(item.must) & all_winners
        expected = WINNERS[year]
        if expected is None:
            assert not named, item.id
        else:
            assert named == {expected}, f"{item.id}: {named} != {expected}"
            assert expected not in item.must_not, item.id
        checked += 1
    assert checked >= 60


def test_nominee_items_name_only_true_nominees(golden: Golden) -> None:
    universe = golden.universe
    for item in golden.all_items():
        year = _single_year(item)
        if item.kind != "nominees" or year is None or year not in golden.facts:
            continue
        facts = golden.facts[year]
        true_names = set(facts.nominees) | {facts.winner}
        for name in set(item.must) & universe:
            assert name in true_names, f"{item.id}: {name} was not nominated in {year}"
        for name in set(item.must_not) & universe:
            assert name not in true_names, f"{item.id}: {name} was nominated in {year}"


def test_yes_no_items_are_consistent(golden: Golden) -> None:
    for item in golden.all_items():
        if item.kind != "yesno":
            continue
        year = _single_year(item)
        if "Nei" in item.must and year and re.search(r"\bvan[nt]\b", item.q, re.I):
            assert WINNERS[year] in item.must, item.id


# ------------------------------------------------------------------ the harness can fail


@dataclass
class _Reply:
    text: str
    matched: bool
    intent: str | None = None


def test_set_is_satisfiable(golden: Golden) -> None:
    # Each item's expectations must not contradict its own must_not or the wrong-fact check.
    for item in golden.all_items():
        parts = [*item.must, *(g[0] for g in item.any_groups)]
        reply = _Reply(" ; ".join(parts) or "…", bool(item.matched))
        report = evaluate(
            lambda q, now, ctx, r=reply: r,
            Golden(golden.now, golden.facts, (item,), ()),
        )
        assert report.accuracy == 1.0, report.failure_text()


def test_harness_catches_wrong_answers(golden: Golden) -> None:
    report = evaluate(lambda q, now, ctx: _Reply("Drammen vant prisen.", True), golden)
    assert report.accuracy < 0.2
    assert len(report.wrong_facts) > 50
    refusing = evaluate(lambda q, now, ctx: _Reply("Det kan jeg ikke svare på.", False), golden)
    assert refusing.refusal_rate == 1.0
    assert len(refusing.false_refusals) == sum(1 for i in golden.all_items() if i.matched)


def _one(golden: Golden, q: str, kind: str, **kw: Any) -> Golden:
    item = Item(id="t1", q=q, kind=kind, now=golden.now, matched=True, **kw)
    return Golden(golden.now, golden.facts, (item,), ())


def test_wrong_fact_detection(golden: Golden) -> None:
    g = _one(golden, "Hvem vant 2021?", "winner", must=("Lørenskog",))

    def run(text: str) -> Any:
        return evaluate(lambda q, now, ctx: _Reply(text, True), g).results[0]

    assert run("Lørenskog vant prisen for 2021.").passed
    assert run("Lørenskog vant. De andre nominerte var Asker og Harstad.").passed
    # A false winner claim is a wrong fact even when the name was a nominee that year.
    res = run("Asker vant i 2021. Lørenskog ble nominert.")
    assert not res.passed and res.wrong_facts
    # A true fact about another year is off-topic (a failure) but not a wrong fact.
    res = run("Lørenskog vant i 2021.\n2013: Hammerfest")
    assert not res.passed and not res.wrong_facts
    # A name with no year that does not belong to 2021 is a wrong fact.
    res = run("Lørenskog og Tønsberg vant.")
    assert res.wrong_facts
    # Quoted examples, suggestions and source lines are not claims.
    assert run(
        "Lørenskog vant 2021. Prøv «Når vant Moss?»\n– Hvem vant i 2023, Tønsberg?"
        "\nKilde: Kinn kommune"
    ).passed


def test_json_shaped_answers_are_accepted(golden: Golden) -> None:
    g = _one(golden, "Hvem vant 2021?", "winner", must=("Lørenskog",))
    ok = evaluate(lambda q, now, ctx: {"answer": "Lørenskog vant.", "matched": True}, g)
    bad = evaluate(lambda q, now, ctx: {"answer": "Lørenskog vant.", "matched": False}, g)
    assert ok.accuracy == 1.0 and bad.accuracy == 0.0


def test_matching_rules() -> None:
    assert contains("Lørenskogs arbeid", "lørenskog")
    assert not contains("Jan Tore Sanner", "ja")
    assert contains("Ja, Kinn vant.", "ja")
    assert not contains("Neida", "nei")
    assert not contains("10000 kroner", "kr")
    assert contains("Nei. 1000 kr.", "kr")
    assert not contains("1982", "82")


def test_conversation_context_is_shared_across_turns(golden: Golden) -> None:
    seen: list[Any] = []

    def fn(q: str, now: datetime, ctx: Any) -> _Reply:
        seen.append(ctx)
        return _Reply("", False)

    evaluate(fn, golden, conversation_factory=object)
    singles = seen[: len(golden.questions)]
    turns = seen[len(golden.questions) :]
    assert all(c is None for c in singles)
    first_conv = len(golden.conversations[0][1])
    assert turns[0] is turns[first_conv - 1] and turns[0] is not turns[first_conv]


# ------------------------------------------------------------------ the real engine


def test_engine_meets_the_golden_set(golden: Golden) -> None:
    report = evaluate(engine_answer_fn(), golden)
    print("\n" + report.summary())
    if report.failures:
        print("FAILING ITEMS:\n" + report.failure_text())
    assert not report.wrong_facts, "wrong winner/nominee named:\n" + "\n".join(
        r.describe() for r in report.wrong_facts
    )
    assert report.accuracy >= THRESHOLD, (
        f"accuracy {report.accuracy:.1%} < {THRESHOLD:.0%}:\n" + report.failure_text()
    )
    assert set(GLOBAL_CHECK_KINDS) <= {i.kind for i in golden.all_items()}
