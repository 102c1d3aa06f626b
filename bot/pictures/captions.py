"""Norwegian captions for the pictures (Telegram allows at most 1024 characters)."""

from __future__ import annotations

from datetime import datetime

from bot.knowledge.models import KnowledgeBase, Source, YearStatus
from bot.knowledge.view import as_known_at
from bot.pictures.content import (
    MapContent,
    display_name,
    first_year,
    map_content,
    resolve_round,
)
from bot.pictures.texts import text

MAX_CAPTION = 1024
MAX_SOURCES = 5


def _source_text(sources: tuple[Source, ...]) -> str:
    return "; ".join(source.title for source in sources)


def finish(kb: KnowledgeBase, parts: list[str], sources: tuple[Source, ...], credit: bool) -> str:
    """Join caption parts, add up to MAX_SOURCES sources (fewer if needed to fit) and the
    map credit, which is always kept."""
    tail = "\n\n" + text(kb, "credit") if credit else ""
    room = MAX_CAPTION - len(tail)
    body = "\n".join(p for p in parts if p)
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
    prize = text(kb, "prize_name")
    if year is None:
        parts = [text(kb, "caption.map_all", prize=prize, first=first_year(kb), last=now.year)]
        if content.name_notes:
            parts.append(text(kb, "caption.names", names="; ".join(content.name_notes)))
        return finish(kb, parts, content.sources, credit=True)
    original = kb.years.get(year)
    record = resolve_round(kb, year)
    label = original.label if original else str(year)
    parts = []
    if record is None or record.status is YearStatus.UNKNOWN:
        parts.append(text(kb, "caption.unknown", label=label))
        if record and record.explanation:
            parts.append(record.explanation.value)
        return finish(kb, parts, content.sources, credit=True)
    if record.status is YearStatus.NO_PRIZE:
        parts.append(text(kb, "caption.no_prize", label=label))
        if record.explanation:
            parts.append(record.explanation.value)
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
        parts.append(text(kb, "caption.map_year_no_winner", prize=prize, label=record.label))
    nominees = record.nominees.value if record.nominees else ()
    names = ", ".join(display_name(kb, entrant) for entrant in nominees)
    if not nominees:
        parts.append(text(kb, "caption.nominees_unknown"))
    elif record.nominee_count and record.nominee_count.value > len(nominees):
        parts.append(
            text(kb, "caption.nominees_partial", count=record.nominee_count.value, names=names)
        )
    else:
        parts.append(text(kb, "caption.nominees", names=names))
    return finish(kb, parts, content.sources, credit=True)


def timeline_caption(kb: KnowledgeBase, now: datetime) -> str:
    """Caption for the timeline."""
    part = text(
        kb, "caption.timeline", prize=text(kb, "prize_name"), first=first_year(kb), last=now.year
    )
    return finish(kb, [part], (), credit=False)
