"""Turn engine answers into Telegram HTML: escaped text, source links, split under 4096."""

from __future__ import annotations

import html
from collections.abc import Iterable

from bot.engine.answers.sources import label as source_label
from bot.engine.types import Answer
from bot.knowledge.models import Source
from bot.telegram.texts import Texts

MAX_MESSAGE = 4096
CHUNK_BUDGET = 3800
"""Room per message for the escaped body, leaving space for the source lines."""


def escape(text: str) -> str:
    """Escape ``text`` for Telegram's HTML parse mode."""
    return html.escape(text, quote=False)


MAX_LISTED_SOURCES = 2
"""Up to this many sources are listed one per line with their full title; more are shown as
one compact line of publisher names, so a short answer does not end in a wall of links."""


def _distinct(sources: Iterable[Source]) -> list[Source]:
    seen: set[str] = set()
    out: list[Source] = []
    for source in sources:
        key = source.url or source.title
        if key and key not in seen:
            seen.add(key)
            out.append(source)
    return out


def _link(source: Source, label: str) -> str:
    if source.url and source.url.startswith(("http://", "https://")):
        return f'<a href="{html.escape(source.url, quote=True)}">{escape(label)}</a>'
    return escape(label)


def publisher(source: Source) -> str:
    """«Regjeringen» from «Regjeringen: Årets busettingspris til Drammen»."""
    title = source.title or source.url or ""
    head, sep, _ = title.partition(": ")
    return head.strip() if sep and head.strip() else title


def source_links(sources: Iterable[Source]) -> list[str]:
    """One HTML link per distinct source: full titles for a few, publisher names (numbered
    when a publisher recurs, «IMDi», «IMDi 2») for many."""
    distinct = _distinct(sources)
    if len(distinct) <= MAX_LISTED_SOURCES:
        return [_link(source, source_label(source) or source.url or "") for source in distinct]
    counts: dict[str, int] = {}
    links = []
    for source in distinct:
        name = publisher(source)
        counts[name] = counts.get(name, 0) + 1
        label = name if counts[name] == 1 else f"{name} {counts[name]}"
        links.append(_link(source, label))
    return links


def source_lines(sources: Iterable[Source], texts: Texts) -> str:
    """«Kilde: <a href=…>title</a>», a bulleted list of titles for two sources, or one compact
    line of publisher links for more (HTML)."""
    links = source_links(sources)
    if not links:
        return ""
    heading = escape(texts.get("answer.sources" if len(links) == 1 else "answer.sources_plural"))
    if len(links) == 1:
        return f"{heading}: {links[0]}"
    if len(links) <= MAX_LISTED_SOURCES:
        return heading + ":\n" + "\n".join(f"• {link}" for link in links)
    return f"{heading}: " + " · ".join(links)


def source_list(sources: Iterable[Source], heading: str) -> list[str]:
    """«Flere kilder»: ``heading`` and one bullet per source with its full name (HTML), in as
    few messages as fit."""
    messages: list[str] = []
    current = f"{escape(heading)}:"
    for source in _distinct(sources):
        line = "• " + _link(source, source_label(source) or source.url or "")
        if len(current) + 1 + len(line) > MAX_MESSAGE:
            messages.append(current)
            current = line
        else:
            current = f"{current}\n{line}"
    messages.append(current)
    return messages


def split_plain(text: str, budget: int = CHUNK_BUDGET) -> list[str]:
    """Split plain text into pieces whose escaped form fits ``budget``, at line or word breaks."""
    pieces: list[str] = []
    rest = text.strip()
    while rest:
        if len(escape(rest)) <= budget:
            pieces.append(rest)
            break
        cut = budget
        while len(escape(rest[:cut])) > budget:
            cut -= max(1, (len(escape(rest[:cut])) - budget))
        window = rest[:cut]
        for sep in ("\n\n", "\n", ". ", " "):
            at = window.rfind(sep)
            if at > cut // 3:
                cut = at + len(sep)
                break
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    return pieces or [""]


def _pack(prefix: str, links: list[str], budget: int) -> list[str]:
    """``prefix`` followed by ``links`` joined with « · », in as few messages as fit."""
    messages: list[str] = []
    current = ""
    for link in links:
        joined = f"{prefix} {link}" if not messages and not current else f"{current} · {link}"
        if current and len(joined) > budget:
            messages.append(current)
            current = link
        else:
            current = joined
    messages.append(current)
    return messages


def without_lines_for(text: str, questions: Iterable[str]) -> str:
    """``text`` without the lines that only list one of ``questions`` («– Hvem vant i 2021?»):
    those questions are shown as buttons right under the message instead."""
    listed = {q.strip() for q in questions}
    if not listed:
        return text
    kept = [ln for ln in text.splitlines() if ln.strip().lstrip("–—-•*· ").strip() not in listed]
    return "\n".join(kept) if any(ln.strip() for ln in kept) else text


def render_answer(answer: Answer, texts: Texts, buttons: Iterable[str] = ()) -> list[str]:
    """HTML messages for an answer: the text (split if long), sources under the last part
    (or in a message of their own when they do not fit). HTML is never cut. Suggestion lines
    for the questions in ``buttons`` are left out of the text (the buttons show them)."""
    text = without_lines_for(answer.text, buttons)
    parts = [escape(piece) for piece in split_plain(text) if piece.strip()]
    sources = source_lines(answer.sources, texts)
    if sources and len(sources) > MAX_MESSAGE:  # very many sources: one compact line each
        heading = escape(texts.get("answer.sources_plural"))
        sources_parts = _pack(f"{heading}:", source_links(answer.sources), MAX_MESSAGE)
        return (parts or []) + sources_parts
    if sources:
        if parts and len(parts[-1]) + 2 + len(sources) <= MAX_MESSAGE:
            parts[-1] = f"{parts[-1]}\n\n{sources}"
        else:
            parts.append(sources)
    return parts or [escape(answer.text.strip()[:100]) or "…"]


def render_card(answer: Answer, texts: Texts) -> str:
    """One HTML message for an inline result: the text, shortened when needed, and sources."""
    sources = source_lines(answer.sources, texts)
    if MAX_MESSAGE - len(sources) < 600:  # keep room for the answer itself
        sources = ""
    room = MAX_MESSAGE - len(sources) - 2
    text = answer.text.strip()
    body = escape(text)
    if len(body) > room:
        pieces = split_plain(text, budget=room - 2)
        body = escape(pieces[0]) + " …"
    return f"{body}\n\n{sources}" if sources and body else (body or sources)


def render_plain(text: str) -> list[str]:
    """HTML messages for a plain text (escaped, split if long)."""
    return [escape(piece) for piece in split_plain(text) if piece.strip()]
