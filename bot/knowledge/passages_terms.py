"""The words of a fact text or a question as the passage index sees them: folded like the
engine's normaliser (æøå and other letters), stop words dropped, lightly stemmed."""

from __future__ import annotations

import re
import unicodedata

MIN_STEM = 3

_SPECIAL = str.maketrans(
    {"æ": "ae", "ø": "o", "å": "a", "đ": "d", "ŋ": "n", "ŧ": "t", "ß": "ss", "ð": "d", "þ": "th"}
)
_WORD = re.compile(r"[a-z0-9]+")

_STOP_TEXT = """
og i pa til som for av med er var det den de en et ei a at har hadde om fra ble blir kan
sa men seg sin sitt sine hva hvem hvor hvordan hvorfor nar hvilke hvilken hvilket kva kven
korleis kvifor kor nokon noen noe ikke ikkje jeg eg du vi dere han hun ho dei deg meg oss dem
vart vert blei skal vil ville kunne matte ma mer enn eller ogsa so da der her ut inn opp over
under etter mot hos ved slik sann denne dette disse min mitt mine din ditt dine hans hennes
deres vare bare kun nok alle all alt hele mange mye litt sammen fortell fortelle vet vite veit
kjenner si sier sagt gjorde gjort gjore egentlig gjerne lurer lure lurte spor sporre sporsmal
info informasjon kommune kommunen kommunene bosettingsprisen integreringsprisen prisen pris
stor storst kom komme kommet gikk fikk fatt fa antall
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())
"""Folded function words and question words that carry no content."""

_SUFFIX_TEXT = """
hetenes hetene hetens heten heter endes ande ende edes enes erte ede ane ene ens ers ets het
ast ert erens ernes eren erne er en ar as es et a e s
"""
_SUFFIXES = tuple(sorted(set(_SUFFIX_TEXT.split()), key=len, reverse=True))
"""Inflection endings, longest first (after the Snowball Norwegian stemmer's first step)."""


def fold(text: str) -> str:
    """Lower-case and fold æøå and other diacritics the way the engine's normaliser does."""
    lowered = text.lower().translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).translate(_SPECIAL)


def stem(word: str) -> str:
    """A light Norwegian stem: strip the longest inflection suffix, keeping three letters."""
    if word.isdigit():
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            return word[: -len(suffix)]
    return word


def words(text: str) -> list[str]:
    """Folded content words of ``text`` (stop words dropped), not yet stemmed."""
    return [w for w in _WORD.findall(fold(text)) if w not in STOP_WORDS]


def terms(text: str) -> list[str]:
    """The index terms of ``text``: folded, stop words dropped, stemmed."""
    return [stem(w) for w in words(text)]
