"""Reading ``knowledge/sources.yaml`` and ``knowledge/prize.yaml``."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from bot.knowledge.models import Era, Fact, Prize, Source
from bot.knowledge.reader import LITERALS, FileReader
from bot.knowledge.yamlio import LDict, LList

SOURCE_KEYS = ("title", "url", "file")
PRIZE_KEYS = (
    "name",
    "names",
    "organiser",
    "first_year",
    "topics",
    "criteria",
    "selection",
    "directors",
    "conflicts",
)
PRIZE_REQUIRED = PRIZE_KEYS[:-1]


def read_sources(data: Any, reader: FileReader, places: Iterable[str] = ()) -> dict[str, Source]:
    """Build every :class:`Source` from the parsed sources.yaml; each notes which of
    ``places`` (municipality names) its title names."""
    names = tuple(places)
    if not isinstance(data, LDict):
        reader.error(1, "filen må ha nøkkelen «sources:» med én oppføring per kilde")
        return {}
    reader.keys(data, ("sources",), ("sources",))
    if "sources" not in data or reader.mapping(data, "sources", "sources") is None:
        return {}
    sources: dict[str, Source] = {}
    entries: LDict = data["sources"]
    for key in entries:
        entry = reader.mapping(entries, key, f"sources.{key}")
        if entry is None:
            continue
        reader.keys(entry, SOURCE_KEYS, ("title",), f"sources.{key}")
        title = reader.text(entry, "title", f"{key}.title") if "title" in entry else None
        url = reader.text(entry, "url", f"{key}.url") if "url" in entry else None
        file = reader.text(entry, "file", f"{key}.file") if "file" in entry else None
        if "url" not in entry and "file" not in entry:
            reader.error(
                entry.line, f"kilden «{key}» trenger «url:» (nettside) eller «file:» (seed)"
            )
        if url is not None and not url.startswith(("https://", "http://")):
            reader.error(entry.line_of("url"), f"«{key}.url» må begynne med https:// eller http://")
            url = None
        # Registered even when broken, so facts citing it do not repeat the issue.
        named = _named(title or key, names)
        sources[key] = Source(key=key, title=title or key, url=url, file=file, places=named)
    return sources


def _named(title: str, names: tuple[str, ...]) -> tuple[str, ...]:
    """The ``names`` that occur as whole words in the headline of ``title`` (after the
    publisher: «Drammen kommune: Nominert …» is about the prize, not about Drammen)."""
    _, sep, rest = title.partition(": ")
    headline = rest if sep else title
    return tuple(
        n for n in names if re.search(rf"(?<![\wæøåÆØÅ]){re.escape(n)}(?![\wæøåÆØÅ])", headline)
    )


def read_prize(data: Any, reader: FileReader) -> Prize | None:
    """Build the :class:`Prize` from the parsed prize.yaml (None when it has errors)."""
    if not isinstance(data, LDict):
        reader.error(1, "filen må være en oppslagsliste med nøklene name, names, organiser …")
        return None
    reader.keys(data, PRIZE_KEYS, PRIZE_REQUIRED)
    name = reader.text(data, "name", "name") if "name" in data else None
    names = _eras(data, "names", "name", reader)
    criteria = _eras(data, "criteria", "text", reader)
    selection = _eras(data, "selection", "text", reader)
    directors = _eras(data, "directors", "text", reader)
    organiser = _organiser(data, reader)
    first_year = _first_year(data, reader)
    topics = _topics(data, reader)
    conflicts = _fact_list(data, "conflicts", reader) if "conflicts" in data else ()
    if (
        name is None
        or names is None
        or criteria is None
        or selection is None
        or directors is None
        or organiser is None
        or first_year is None
        or topics is None
        or conflicts is None
    ):
        return None
    short, full, organiser_fact = organiser
    return Prize(
        name=name,
        names=names,
        organiser_short=short,
        organiser_full=full,
        organiser=organiser_fact,
        first_year=first_year,
        topics=topics,
        criteria=criteria,
        selection=selection,
        directors=directors,
        conflicts=conflicts,
    )


def _eras(data: LDict, key: str, text_key: str, reader: FileReader) -> tuple[Era[str], ...] | None:
    if key not in data:
        return None
    items = data[key]
    if not isinstance(items, LList) or not items:
        reader.error(
            data.line_of(key), f"«{key}» må være en liste med {{from, to?, {text_key}, source}}"
        )
        return None
    eras: list[Era[str]] = []
    ok = True
    for index in range(len(items)):
        what = f"{key}[{index + 1}]"
        entry = reader.mapping(items, index, what)
        if entry is None:
            ok = False
            continue
        start = reader.year(entry, "from", f"{what}.from") if "from" in entry else None
        end = reader.year(entry, "to", f"{what}.to") if "to" in entry else None
        if start is not None and end is not None and end < start:
            reader.error(entry.line_of("to"), f"«{what}»: «to» ({end}) er før «from» ({start})")
            end = None
            ok = False
        fact = reader.text_fact(
            items,
            index,
            what,
            literals=(),
            text_key=text_key,
            extra_keys=("from", "to", "name", "pronoun"),
            extra_required=("from",),
        )
        name = reader.text(entry, "name", f"{what}.name") if "name" in entry else None
        pronoun = reader.text(entry, "pronoun", f"{what}.pronoun") if "pronoun" in entry else None
        if start is None or fact is None or ("to" in entry and end is None):
            ok = False
            continue
        eras.append(Era(start, end, fact, name, pronoun))
    return tuple(eras) if ok else None


def _organiser(data: LDict, reader: FileReader) -> tuple[str, str, Fact[str]] | None:
    if "organiser" not in data:
        return None
    entry = reader.mapping(data, "organiser", "organiser")
    if entry is None:
        return None
    short = reader.text(entry, "short", "organiser.short") if "short" in entry else None
    full = reader.text(entry, "full", "organiser.full") if "full" in entry else None
    fact = reader.text_fact(
        data,
        "organiser",
        "organiser",
        literals=(),
        extra_keys=("short", "full"),
        extra_required=("short", "full"),
    )
    if short is None or full is None or fact is None:
        return None
    return short, full, fact


def _first_year(data: LDict, reader: FileReader) -> Fact[int] | None:
    if "first_year" not in data:
        return None
    entry = reader.mapping(data, "first_year", "first_year")
    if entry is None:
        return None
    reader.keys(entry, ("value", "source", "note"), ("value",), "first_year")
    value = reader.year(entry, "value", "first_year.value") if "value" in entry else None
    sources = reader.source_list(entry, "first_year")
    if value is None or sources is None:
        return None
    return Fact(value, sources, reader.note(entry))


def _topics(data: LDict, reader: FileReader) -> dict[str, Fact[str] | None] | None:
    if "topics" not in data:
        return None
    entries = reader.mapping(data, "topics", "topics")
    if entries is None:
        return None
    topics: dict[str, Fact[str] | None] = {}
    ok = True
    for key in entries:
        fact = reader.text_fact(entries, key, f"topics.{key}", literals=LITERALS)
        if fact is None and not reader.is_literal(entries, key, LITERALS):
            ok = False
        topics[key] = fact
    return topics if ok else None


def _fact_list(data: LDict, key: str, reader: FileReader) -> tuple[Fact[str], ...] | None:
    """A list of ``{text, source, note?}`` (``conflicts``, a year's ``notes``)."""
    items = data[key]
    if not isinstance(items, LList):
        reader.error(data.line_of(key), f"«{key}» må være en liste med {{text, source}}")
        return None
    facts: list[Fact[str]] = []
    for index in range(len(items)):
        fact = reader.text_fact(items, index, f"{key}[{index + 1}]", literals=())
        if fact is not None:
            facts.append(fact)
    return tuple(facts) if len(facts) == len(items) else None


read_fact_list = _fact_list
