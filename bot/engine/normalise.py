"""Text normalisation shared by questions, example phrasings and name indexes.

Matching happens on *folded* text: lower case, æ→ae, ø→o, å→a, other diacritics
stripped (Sami letters included), punctuation, emoji and control characters gone.
The same function is applied to both sides so «Bærum», «Baerum» and «BÆRUM» meet.
"""

from __future__ import annotations

import re
import unicodedata

MAX_QUESTION_CHARS = 500
"""Longer input is cut before any processing (keeps the latency bound)."""

_SPECIAL = str.maketrans(
    {
        "æ": "ae",
        "ø": "o",
        "å": "a",
        "đ": "d",
        "ŋ": "n",
        "ŧ": "t",
        "ß": "ss",
        "ð": "d",
        "þ": "th",
        "ł": "l",
    }
)
_WORD = re.compile(r"[a-z0-9]+")
_RAW_WORD = re.compile(r"[^\W_]+")


_LETTER_O_IN_NUMBER = re.compile(r"(?<=\d)[oO]{1,2}(?=\d)")
_SPLIT_YEAR = re.compile(r"(?<![\d.,:])\d(?: ?\d){3}(?![\d.,:]?\d)")
"""A year typed with spaces inside, «20 14», «2 014»: joined, never read as other numbers."""
_GLUED_YEAR = re.compile(r"(?<=[^\W\d_])(?=\d{4}\b)|(?<=\b\d{4})(?=[^\W\d_])")
"""A four-digit year typed against a word: «vinner2016», «2016vinner»."""


def _join_year(match: re.Match[str]) -> str:
    joined = match.group().replace(" ", "")
    return joined if joined[:2] in ("19", "20") else match.group()


def clean(text: str) -> str:
    """Return ``text`` capped in length, invisible format characters (zero-width space, word
    joiner, soft hyphen, BOM: category Cf) removed, other control characters replaced by
    spaces, a letter O typed inside a number read as zero («2O21», «2oo9»), a year split by a
    space joined («20 14») and a year glued to a word split off («vinner2016»)."""
    text = text[:MAX_QUESTION_CHARS]
    text = "".join(
        "" if category == "Cf" else " " if category[0] == "C" else ch
        for ch, category in ((ch, unicodedata.category(ch)) for ch in text)
    )
    text = _LETTER_O_IN_NUMBER.sub(lambda m: "0" * len(m.group()), text)
    text = _SPLIT_YEAR.sub(_join_year, text)
    return _GLUED_YEAR.sub(" ", text)


def fold(text: str) -> str:
    """Lower-case ``text`` and fold Norwegian and other diacritics to ASCII letters."""
    lowered = text.lower().translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).translate(_SPECIAL)


def words(text: str) -> list[str]:
    """Split ``text`` into folded ASCII words (letters and digits only)."""
    return _WORD.findall(fold(text))


def tokens(text: str) -> list[tuple[str, str]]:
    """Split ``text`` into ``(original, folded)`` word pairs, in order.

    The original keeps case and diacritics so a caller can insist on the exact form
    («Ås» the municipality, not the folded «as»).
    """
    pairs: list[tuple[str, str]] = []
    for raw in _RAW_WORD.findall(unicodedata.normalize("NFC", text)):
        pairs.extend((raw, piece) for piece in _WORD.findall(fold(raw)))
    return pairs
