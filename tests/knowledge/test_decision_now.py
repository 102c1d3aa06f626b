"""How the winner is chosen has an optional present-tense form (``decision.now``) for while
the round is under way (issue 13: no «Vinneren kåres …» after the award, no «ble kåret» before
it). Like the past form it names its round; the loader refuses one that does not."""

from __future__ import annotations

from pathlib import Path

from bot.knowledge.loader import load_knowledge

from .conftest import find, issues_of, replace_in

Y21 = "knowledge/years/2021.yaml"
OLD = "decision:\n  text: Jury og publikum.\n"


def test_the_present_form_loads(kb_dir: Path) -> None:
    now = "For 2021 velger juryen og publikum vinneren."
    replace_in(kb_dir / "years/2021.yaml", OLD, f"{OLD}  now: {now}\n")
    decision_now = load_knowledge(kb_dir).years[2021].decision_now
    assert decision_now == now


def test_a_present_form_without_its_round_is_refused(kb_dir: Path) -> None:
    replace_in(kb_dir / "years/2021.yaml", OLD, f"{OLD}  now: Juryen velger vinneren.\n")
    find(issues_of(kb_dir), Y21, 24, "«decision.now» må være en setning som nevner 2021")
