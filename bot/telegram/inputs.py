"""Screen incoming text before it reaches the engine: length, emoji-only, control characters."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

MAX_QUESTION_CHARS = 500


@dataclass(frozen=True)
class Screened:
    """Cleaned text, or the refusal key (``telegram.refusals.<key>``) when it cannot be asked."""

    text: str
    refusal: str | None = None


def clean(text: str) -> str:
    """Remove invisible format characters (zero-width space, word joiner, soft hyphen, BOM:
    category Cf; «20\u200b14» stays 2014), replace control characters by spaces and collapse
    whitespace."""
    chars = []
    for ch in text:
        category = unicodedata.category(ch)
        if category == "Cf":
            continue
        chars.append(" " if category in ("Cc", "Cs", "Co") else ch)
    return " ".join("".join(chars).split())


def screen(text: str | None, limit: int = MAX_QUESTION_CHARS) -> Screened:
    """Decide whether ``text`` can go to the engine."""
    if text is None:
        return Screened("", "empty")
    if len(text) > limit:
        return Screened("", "too_long")
    cleaned = clean(text)
    if not cleaned:
        return Screened("", "empty")
    if not any(unicodedata.category(ch)[0] in "LN" for ch in cleaned):
        return Screened(cleaned, "emoji_only")
    return Screened(cleaned)
