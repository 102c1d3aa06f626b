"""Word forms that meet: a Snowball stemmer (Norwegian) over the synonym phrases, so an
inflection the lexicon never listed finds its canonical word («sikrer seg», «sikra seg» →
«sikre seg» → vant; «vinnerkommunene» → «vinnerkommunen»).

Measured for the choice (issue 11): ``simplemma`` lemmatises better but its Bokmål and Nynorsk
data add about 60 MB resident and 0.45 s to the first call, over the memory and start-up
budget; the Snowball stemmer (``snowballstemmer``, pure Python, no data files) costs about
10 µs a word and nothing at start-up. Irregular forms («vant/vunnet», «fekk») stay in the
curated lexicon, synonyms.yaml.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache

import snowballstemmer

MIN_STEM = 3
"""Stems shorter than this are too unspecific to match on."""

_STEMMER = snowballstemmer.stemmer("norwegian")


CLIPPED_ENDINGS = ("ern", "arn")
"""Spoken and SMS Norwegian clips the definite «-eren/-aren» to «-ern/-arn» («vinnern»,
«vinnarn», «ordførern»); Snowball would read «vinnern» as «vinnerne» (plural)."""
MIN_CLIPPED = 7
"""Only words this long are read as clipped (not «barn», «intern», «stjern»)."""


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """The Snowball stem of one folded word (digits and short words unchanged); a clipped
    definite singular («vinnern») stems as its full form («vinneren»)."""
    if len(word) < MIN_STEM + 1 or word.isdigit():
        return word
    if len(word) >= MIN_CLIPPED and word.endswith(CLIPPED_ENDINGS):
        word = word[:-1] + "en"
    return str(_STEMMER.stemWord(word))


class Lemmatiser:
    """Stemmed synonym phrases → canonical words; a stem claimed by two canonical targets is
    dropped (ambiguous), so stemming never guesses between meanings."""

    def __init__(self, phrases: Mapping[tuple[str, ...], tuple[str, ...]]) -> None:
        found: dict[tuple[str, ...], tuple[str, ...] | None] = {}
        for phrase, target in phrases.items():
            key = tuple(stem(w) for w in phrase)
            if any(len(k) < MIN_STEM and not k.isdigit() for k in key):
                continue
            if key in found and found[key] != target:
                found[key] = None
            else:
                found.setdefault(key, target)
        self.phrases = {k: v for k, v in found.items() if v is not None}
        self.max_words = max((len(k) for k in self.phrases), default=1)

    def match(
        self, folded: Sequence[str], i: int, known: set[str] | frozenset[str]
    ) -> tuple[int, tuple[str, ...]] | None:
        """The longest stemmed phrase at ``i``: (words consumed, canonical words), or None.
        A single word the vocabulary knows as it is, is left alone."""
        for n in range(min(self.max_words, len(folded) - i), 0, -1):
            span = folded[i : i + n]
            if any(w.isdigit() for w in span) or (n == 1 and span[0] in known):
                continue
            target = self.phrases.get(tuple(stem(w) for w in span))
            if target is not None:
                return n, target
        return None
