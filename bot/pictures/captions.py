"""Norwegian captions for the pictures (Telegram allows at most 1024 characters)."""

from __future__ import annotations

import re
from datetime import datetime

from bot.engine.answers.sources import label as source_label
from bot.engine.answers.sources import split
from bot.engine.texts import Texts
from bot.knowledge.models import KnowledgeBase, PrizeYear, Source, YearStatus
from bot.knowledge.view import as_known_at, award_at
from bot.pictures.content import (
    MapContent,
    display_name,
    first_year,
    map_content,
    resolve_round,
)
from bot.pictures.texts import prize_name, text

MAX_CAPTION = 1024
MAX_SOURCES = 3
"""As under answers: at most three sources, the most specific to the caption first."""
_ADJACENT_BRACKETS = re.compile(r"\(([^()]*)\) \(([^()]*)\)")
"""«Skedsmo (nå Lillestrøm) (2015)» → «Skedsmo (nå Lillestrøm, 2015)», as in the answers."""


def _source_text(sources: tuple[Source, ...]) -> str:
    return "; ".join(source_label(source) for source in sources)


def finish(kb: KnowledgeBase, parts: list[str], sources: tuple[Source, ...], credit: bool) -> str:
    """Join caption parts, add up to MAX_SOURCES sources (fewer if needed to fit) and the
    map credit, which is always kept."""
    tail = "\n\n" + text(kb, "credit") if credit else ""
    room = MAX_CAPTION - len(tail)
    body = "\n".join(p for p in parts if p)
    # Only the sources behind what the caption says (a 2013 map does not show an article
    # about 2021 that merely lists the 2013 winner), as the answers do before «Flere kilder».
    sources, _rest = split(sources, body)
    if len(body) > room:
        return body[: room - 1].rstrip() + "…" + tail
    for count in range(min(len(sources), MAX_SOURCES), 0, -1):
        shown = _source_text(sources[:count]) + (" …" if count < len(sources) else "")
        candidate = body + "\n\n" + text(kb, "caption.sources", sources=shown)
        if len(candidate) <= room:
            return candidate + tail
    return body + tail


def map_caption(
    kb: KnowledgeBase, year: int | None, now: datetime, content: MapContent | None = None
) -> str:
    """Caption for the all-years map or one year's map."""
    content = content or map_content(kb, year, now)
    kb = as_known_at(kb, now).kb
    if year is None:
        prize = prize_name(kb)
        parts = [text(kb, "caption.map_all", prize=prize, first=first_year(kb), last=now.year)]
        if content.names_then:
            then = [
                _ADJACENT_BRACKETS.sub(
                    r"(\1, \2)", text(kb, "caption.name_item", name=name, years=years)
                )
                for name, years in content.names_then
            ]
            parts.append(text(kb, "caption.names", names=_join(kb, then)))
        return finish(kb, parts, content.sources, credit=True)
    original = kb.years.get(year)
    record = resolve_round(kb, year)
    label = original.label if original else str(year)
    prize = prize_name(kb, record.year if record is not None else year)
    parts = []
    # A year without a round says why once: the plain line is left out when the curator's
    # explanation already names the year (the 2017 map said «no prize» twice).
    if (
        record is None
        or record.status is YearStatus.UNKNOWN
        or record.status is YearStatus.NO_PRIZE
    ):
        key = "caption.no_prize" if record and record.status is YearStatus.NO_PRIZE else None
        explanation = record.explanation.value if record and record.explanation else ""
        if label not in explanation:
            parts.append(text(kb, key or "caption.unknown", label=label))
        if explanation:
            parts.append(explanation)
        return finish(kb, parts, content.sources, credit=True)
    if original is not None and original is not record:
        parts.append(
            text(kb, "caption.merged", label=label, target=record.year, target_label=record.label)
        )
    if record.winner:
        parts.append(
            text(
                kb,
                "caption.map_year",
                prize=prize,
                label=record.label,
                winner=display_name(kb, record.winner.value),
            )
        )
    else:
        parts.append(_no_winner(kb, record, prize, now))
    nominees = record.nominees.value if record.nominees else ()
    names = _join(kb, [display_name(kb, entrant) for entrant in nominees])
    won = display_name(kb, record.winner.value) if record.winner else ""
    others = [e for e in nominees if display_name(kb, e) != won]
    if not nominees:
        parts.append(text(kb, "caption.nominees_unknown"))
    elif record.nominee_count and record.nominee_count.value > len(nominees):
        parts.append(
            text(kb, "caption.nominees_partial", count=record.nominee_count.value, names=names)
        )
    elif record.winner and others:  # «Lørenskog vant …. De andre nominerte var …»
        others_names = _join(kb, [display_name(kb, entrant) for entrant in others])
        parts.append(text(kb, "caption.nominees_others", names=others_names))
    else:
        parts.append(text(kb, "caption.nominees", names=names))
    return finish(kb, parts, content.sources, credit=True)


def _no_winner(kb: KnowledgeBase, record: PrizeYear, prize: str, now: datetime) -> str:
    """The year's winner not known: a round under way says when the winner is announced, in
    the same words and date as the chat answer («… er ikke kåret ennå. Den kåres mandag 30.
    oktober 2023.»)."""
    if record.status is not YearStatus.OPEN:
        return text(kb, "caption.map_year_no_winner", prize=prize, label=record.label)
    at = award_at(record)
    if record.award_date is None or at is None or at <= now:
        return text(kb, "caption.map_year_pending", prize=prize, label=record.label)
    engine = Texts({k[len("engine.") :]: v for k, v in kb.texts.items() if k.startswith("engine.")})
    day = engine.date(record.award_date.value, now=now)
    return text(kb, "caption.map_year_pending_date", prize=prize, label=record.label, date=day)


def _join(kb: KnowledgeBase, names: list[str]) -> str:
    """«Asker, Drammen og Harstad»."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {text(kb, 'caption.and')} {names[-1]}"


def timeline_caption(kb: KnowledgeBase, now: datetime) -> str:
    """Caption for the timeline."""
    part = text(kb, "caption.timeline", prize=prize_name(kb), first=first_year(kb), last=now.year)
    return finish(kb, [part], (), credit=False)
