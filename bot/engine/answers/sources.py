"""Which sources an answer shows: at most :data:`MAX_SOURCES`, the most specific first (the
ones whose titles name the years and places the answer talks about); the rest are kept for a
«Flere kilder» button or a count."""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.knowledge.models import Source

MAX_SOURCES = 3
"""At most this many sources are shown under one message."""

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_WORD = re.compile(r"[A-ZÆØÅ][\wæøåÆØÅ-]{3,}")


def headline(source: Source) -> str:
    """The title without its publisher («Moss vant pris …» from «Moss kommune: Moss vant …»)."""
    _, sep, rest = source.title.partition(": ")
    return rest.strip() if sep else source.title


def label(source: Source) -> str:
    """How a source is named to users: «Moss kommune, «Moss vant pris …»» (no second colon
    after «Kilde:»)."""
    head, sep, rest = source.title.partition(": ")
    if not sep or not head.strip() or not rest.strip():
        return source.title
    return f"{head.strip()}, «{rest.strip()}»"


def specificity(source: Source, text: str) -> int:
    """How closely the source's headline matches ``text``: years and names it shares count
    for, years the answer does not mention count against."""
    title = headline(source)
    said = set(_YEAR.findall(text))
    score = 0
    for year in set(_YEAR.findall(title)):
        score += 2 if year in said else -1
    for word in set(_WORD.findall(title)):
        if word in text:
            score += 1
    # A headline about a municipality the answer does not name («Lørenskog best på
    # integrering» under who organises the prize) fits less than one about the prize.
    score -= sum(1 for place in source.places if place not in text)
    return score


def split(sources: Iterable[Source], text: str) -> tuple[tuple[Source, ...], tuple[Source, ...]]:
    """(shown, more): the distinct sources, most specific to ``text`` first, cut at
    :data:`MAX_SOURCES` (ties keep the order the facts were cited in). When some headlines
    match the answer, the ones that do not (a 2022 article behind a 2015 winner) wait in
    ``more``."""
    distinct: list[Source] = []
    for source in sources:
        if all((s.url or s.title) != (source.url or source.title) for s in distinct):
            distinct.append(source)
    order = sorted(range(len(distinct)), key=lambda i: (-specificity(distinct[i], text), i))
    ranked = [distinct[i] for i in order]
    count = MAX_SOURCES
    if ranked and specificity(ranked[0], text) > 0:
        count = min(count, sum(1 for s in ranked if specificity(s, text) > 0))
    return tuple(ranked[:count]), tuple(ranked[count:])
