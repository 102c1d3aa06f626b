"""Turn engine answers into Telegram HTML: escaped text, source links, split under 4096."""

from __future__ import annotations

import html
from collections.abc import Iterable

from bot.engine.types import Answer
from bot.knowledge.models import Source
from bot.telegram.texts import Texts

MAX_MESSAGE = 4096
CHUNK_BUDGET = 3800
"""Room per message for the escaped body, leaving space for the source lines."""


def escape(text: str) -> str:
    """Escape ``text`` for Telegram's HTML parse mode."""
    return html.escape(text, quote=False)


def source_lines(sources: Iterable[Source], texts: Texts) -> str:
    """«Kilde: <a href=…>title</a>» lines for distinct sources (HTML)."""
    seen: set[str] = set()
    links: list[str] = []
    for source in sources:
        key = source.url or source.title
        if not key or key in seen:
            continue
        seen.add(key)
        if source.url and source.url.startswith(("http://", "https://")):
            url = html.escape(source.url, quote=True)
            links.append(f'<a href="{url}">{escape(source.title or source.url)}</a>')
        else:
            links.append(escape(source.title))
    if not links:
        return ""
    heading = texts.get("answer.sources" if len(links) == 1 else "answer.sources_plural")
    if len(links) == 1:
        return f"{escape(heading)}: {links[0]}"
    return escape(heading) + ":\n" + "\n".join(f"• {link}" for link in links)


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


def render_answer(answer: Answer, texts: Texts) -> list[str]:
    """HTML messages for an answer: the text (split if long), sources under the last part."""
    parts = [escape(piece) for piece in split_plain(answer.text)]
    sources = source_lines(answer.sources, texts)
    if sources:
        parts[-1] = f"{parts[-1]}\n\n{sources}" if parts[-1] else sources
    return [part[:MAX_MESSAGE] for part in parts if part.strip()] or [escape(answer.text[:100])]


def render_plain(text: str) -> list[str]:
    """HTML messages for a plain text (escaped, split if long)."""
    return [escape(piece) for piece in split_plain(text) if piece.strip()]
