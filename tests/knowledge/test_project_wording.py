"""How a project's name is written inside a sentence (review 3, N3): ``proper_name: true`` for
a real name, a small first letter for a heading, and ``in_sentence:`` when a heading with «og»
is listed with others; and no curated sentence opens with a number (review 3, N7)."""

from __future__ import annotations

from pathlib import Path

from bot.knowledge.loader import load_knowledge
from bot.knowledge.reader import digit_start

from .conftest import find, issues_of, replace_in

Y21 = "knowledge/years/2021.yaml"
SECOND = """  - name: Startlån og boliger
    municipality: Lørenskog
    text: Kommunen gir startlån.
    source: [kr21]
notes:"""


def _line(path: Path, text: str) -> int:
    return path.read_text(encoding="utf-8").splitlines().index(text) + 1


def test_a_heading_is_written_small_and_a_proper_name_as_it_is(kb_dir: Path) -> None:
    path = kb_dir / "years/2021.yaml"
    kb = load_knowledge(kb_dir)
    assert kb.years[2021].projects[0].phrase == "jobbsjansen"
    replace_in(
        path,
        "    municipality: Lørenskog\n",
        "    municipality: Lørenskog\n    proper_name: true\n",
    )
    assert load_knowledge(kb_dir).years[2021].projects[0].phrase == "Jobbsjansen"


def test_a_name_with_inner_capitals_must_say_it_is_a_proper_name(kb_dir: Path) -> None:
    path = kb_dir / "years/2021.yaml"
    replace_in(path, "  - name: Jobbsjansen", "  - name: YrkesKomp")
    line = _line(path, "  - name: YrkesKomp")
    find(issues_of(kb_dir), Y21, line, "skriv «proper_name: true»")


def test_proper_name_must_be_true_or_false(kb_dir: Path) -> None:
    path = kb_dir / "years/2021.yaml"
    replace_in(
        path, "    municipality: Lørenskog\n", "    municipality: Lørenskog\n    proper_name: ja\n"
    )
    find(issues_of(kb_dir), Y21, _line(path, "    proper_name: ja"), "må være true eller false")


def test_a_heading_with_og_listed_with_others_needs_an_in_sentence_form(kb_dir: Path) -> None:
    path = kb_dir / "years/2021.yaml"
    replace_in(path, "notes:", SECOND)
    line = _line(path, "  - name: Startlån og boliger")
    find(issues_of(kb_dir), Y21, line, "skriv «in_sentence:» uten «og»")
    replace_in(
        path,
        "  - name: Startlån og boliger\n",
        "  - name: Startlån og boliger\n    in_sentence: startlån\n",
    )
    phrases = [p.phrase for p in load_knowledge(kb_dir).years[2021].projects]
    assert phrases == ["jobbsjansen", "startlån"]


def test_a_heading_with_og_alone_needs_no_other_form(kb_dir: Path) -> None:
    path = kb_dir / "years/2021.yaml"
    replace_in(
        path, "  - name: Jobbsjansen", "  - name: Samlede tjenester for flyktninger og innvandrere"
    )
    load_knowledge(kb_dir)


def test_a_sentence_opening_with_a_number_is_reported(kb_dir: Path) -> None:
    path = kb_dir / "years/2021.yaml"
    replace_in(
        path,
        "  text: Gode resultater i introduksjonsprogrammet.",
        "  text: Kommunen bosatte mange. 82 prosent kom i arbeid.",
    )
    line = _line(path, "  text: Kommunen bosatte mange. 82 prosent kom i arbeid.")
    find(issues_of(kb_dir), Y21, line, "begynner med et tall («82 prosent")
    replace_in(path, "82 prosent kom i arbeid.", "Av deltakerne kom 82 prosent i arbeid.")
    load_knowledge(kb_dir)


def test_an_ordinal_or_a_number_inside_a_sentence_is_no_sentence_start() -> None:
    assert digit_start("Utdelingen var planlagt til Oslo 4. mai 2020. Den ble avlyst.") is None
    assert digit_start("I 2016 gikk 53 prosent videre.") is None
    assert digit_start("2008 var første gang.") == "2008 var første gang."
    assert digit_start("Det var i mai. 53 prosent gikk videre.") is not None
    assert digit_start("{value} prosent kom i arbeid.") is not None
    assert digit_start("Resultatene var gode: 86 prosent kom i arbeid.") is not None
    assert digit_start("Avstemningen stengte kl. 12:00 den dagen.") is None
    assert digit_start("Kommunen bosatte ca. 300 flyktninger.") is None
