"""How a project's name is written inside a sentence: ``proper_name: true`` for a real name
(Jobbsjansen, MOVED), else a heading written with a small first letter, or a curated
``in_sentence:`` form; and the check that a list of a nominee's projects keeps clear
boundaries (no «og» inside a name listed with others)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.knowledge.models import Project
from bot.knowledge.reader import FileReader
from bot.knowledge.yamlio import LDict, LList

WORDING_KEYS = ("proper_name", "in_sentence")
"""The optional keys of a project that say how its name is written inside a sentence."""

_INNER_CAPITAL = re.compile(r"^\w[^\s]*[A-ZÆØÅ]")
_AND = re.compile(r"\bog\b")
_QUOTED = re.compile(r"«[^»]*»")


def read_wording(r: FileReader, entry: LDict, name: str, what: str) -> tuple[bool, str | None]:
    """``(proper_name, in_sentence)`` of one project entry; issues go to ``r``."""
    proper = False
    if "proper_name" in entry:
        value = entry["proper_name"]
        if isinstance(value, bool):
            proper = value
        else:
            r.error(entry.line_of("proper_name"), f"«{what}.proper_name» må være true eller false")
    phrase = r.text(entry, "in_sentence", f"{what}.in_sentence") if "in_sentence" in entry else None
    line = entry.line_of("name") if "name" in entry else entry.line
    if phrase is not None and proper:
        r.error(
            entry.line_of("in_sentence"),
            f"«{what}»: et egennavn (proper_name: true) står som det er; fjern «in_sentence»",
        )
    if phrase is not None and phrase.endswith("."):
        r.error(
            entry.line_of("in_sentence"),
            f"«{what}.in_sentence» er et uttrykk inne i en setning: uten punktum til slutt",
        )
    if not proper and phrase is None and _INNER_CAPITAL.match(name):
        r.error(
            line,
            f"«{name}» i «{what}» har store bokstaver inne i ordet og ser ut som et egennavn: "
            "skriv «proper_name: true» (ellers skrives navnet med liten forbokstav i en setning)",
        )
    return proper, phrase


def blurred(phrase: str) -> bool:
    """Whether ``phrase`` has an «og» outside «quotes», so that in a list of several
    projects a reader cannot tell where it ends («startlån, arbeidsspor og utdanningsspor og
    tilbud til kvinner»)."""
    return _AND.search(_QUOTED.sub("", phrase)) is not None


def check_list(r: FileReader, items: LList, found: Sequence[tuple[int, Project]]) -> None:
    """Each project of a list of several with «og» in its in-sentence form is an issue."""
    if len(found) < 2:
        return
    for index, project in found:
        if blurred(project.phrase):
            r.error(
                items.line_of(index),
                f"«{project.name}» står i en liste med andre tiltak, og «og» i navnet gjør det "
                "uklart hvor ett tiltak slutter: skriv «in_sentence:» uten «og» (eller sett et "
                "egennavn i «»)",
            )
