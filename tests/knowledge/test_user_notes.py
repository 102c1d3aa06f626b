"""A ``user_note`` is shown under the answer without a label (issue 13: no «Merk:»), so the
loader refuses one that is not whole sentences, with file and line."""

from __future__ import annotations

from pathlib import Path

from bot.knowledge.loader import load_knowledge

from .conftest import find, issues_of, replace_in

Y21 = "knowledge/years/2021.yaml"
GOOD = "Datoen var kunngjort på forhånd."


def _note(kb_dir: Path, note: str) -> int:
    """Give 2021's award date a user note; the line number of the note."""
    path = kb_dir / "years/2021.yaml"
    old = "    date: 2021-11-19\n    source: [ntb21]\n"
    replace_in(path, old, f"{old}    user_note: {note}\n")
    text = path.read_text(encoding="utf-8")
    return text[: text.index("    user_note:")].count("\n") + 1


def test_a_sentence_loads(kb_dir: Path) -> None:
    _note(kb_dir, GOOD)
    date = load_knowledge(kb_dir).years[2021].award_date
    assert date is not None and date.user_note == GOOD


def test_a_fragment_is_refused_with_file_and_line(kb_dir: Path) -> None:
    line = _note(kb_dir, "datoen er usikker")
    find(issues_of(kb_dir), Y21, line, "«user_note» må være hele setninger")
