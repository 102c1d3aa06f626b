"""A round's criteria are curated in two tenses (issue 13, review 3 T1): ``text`` in the past
for after the award and ``now`` in the present while the round runs. The check refuses a list
of criteria that lacks either form or has the wrong tense, with file and line."""

from __future__ import annotations

from pathlib import Path

from bot.knowledge.loader import load_knowledge

from .conftest import find, issues_of, replace_in

Y21 = "knowledge/years/2021.yaml"
PAST = "For 2021 ble kommunene vurdert etter resultater."
NOW = "For 2021 vurderes kommunene etter resultater."


def _criteria(kb_dir: Path, body: str) -> None:
    replace_in(kb_dir / "years/2021.yaml", "criteria: unknown", f"criteria:\n{body}")


def test_both_forms_load(kb_dir: Path) -> None:
    _criteria(kb_dir, f"  text: {PAST}\n  now: {NOW}\n  source: [ntb21]")
    record = load_knowledge(kb_dir).years[2021]
    assert record.criteria is not None and record.criteria.value == PAST
    assert record.criteria_now == NOW


def test_a_list_without_the_present_form_is_refused(kb_dir: Path) -> None:
    _criteria(kb_dir, f"  text: {PAST}\n  source: [ntb21]")
    find(issues_of(kb_dir), Y21, 26, "«now» i presens")


def test_the_present_form_in_the_past_tense_is_refused(kb_dir: Path) -> None:
    _criteria(kb_dir, f"  text: {PAST}\n  now: {PAST}\n  source: [ntb21]")
    find(issues_of(kb_dir), Y21, 27, "«criteria.now» skal stå i presens, men har «ble»")


def test_the_past_form_in_the_present_and_a_form_without_the_round_are_refused(
    kb_dir: Path,
) -> None:
    _criteria(kb_dir, f"  text: {NOW}\n  now: Kommunene vurderes.\n  source: [ntb21]")
    issues = issues_of(kb_dir)
    find(issues, Y21, 26, "«criteria.text» skal stå i fortid")
    find(issues, Y21, 27, "«criteria.now» må nevne runden")


def test_criteria_known_only_in_general_terms_need_no_present_form(kb_dir: Path) -> None:
    _criteria(
        kb_dir, "  text: IMDi skrev at de gjorde det godt.\n  general: true\n  source: [kr21]"
    )
    assert load_knowledge(kb_dir).years[2021].criteria_general
