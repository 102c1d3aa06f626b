"""Other prizes and awards («Peer Gynt-prisen», «Fritt Ords pris», «Bokhandlerprisen»,
«Statens pris for …», «Årets kommune», «sin egen integreringspris»): a question about one of
them is out of scope, never answered with this prize's winner.

The patterns come from ``other_prizes`` in understanding.yaml: named prizes, prize nouns in a
compound («…-prisen», «…prisen») or after a genitive («Statens pris») or «egen», and
«årets …» followed by a word that is not about this prize."""

from __future__ import annotations

import re
from collections.abc import Callable

from rapidfuzz import fuzz, process

from bot.engine.normalise import clean, tokens, words
from bot.engine.understanding import OtherPrizes

_HYPHENATED = re.compile(r"([^\W\d_]+)-([^\W\d_]+)")
_OWN_POSSESSIVES = frozenset({"egen", "eget", "eiga", "eige"})
OWN_FUZZY = 80.0
"""rapidfuzz ``ratio`` at which a compound is taken as this prize's name misspelt."""
ENGLISH_NOUNS = frozenset({"prize", "prizes", "award", "awards"})
"""English prize nouns follow the prize's name as a separate word, often typed in lower case
(«nordic council environment prize»): an unknown word before them names another prize."""
MIN_COMPOUND = 3
"""A compound's first part must be at least this long («Bragepris» yes, «Xpris» no)."""


class OtherPrizeFinder:
    """Tells whether a question names another prize than this one."""

    def __init__(
        self,
        cues: OtherPrizes,
        known: Callable[[str], bool],
        place: Callable[[str], bool],
        own_names: frozenset[str],
    ) -> None:
        """``known(word)``: an ordinary word or name the engine knows; ``place(word)``: a
        municipality or county name; ``own_names``: folded names of this prize."""
        self.cues = cues
        self.known = known
        self.place = place
        self.own_names = own_names
        self.own_words = frozenset(w for phrase in cues.own for w in phrase)
        self.own_joined = frozenset("".join(phrase) for phrase in cues.own)
        self.own_single = frozenset(p[0] for p in cues.own if len(p) == 1 and len(p[0]) > 3)
        """One-word parts of this prize's name («integrerings», «imdi»)."""
        self._own_list = sorted(own_names)
        self._endings = tuple(sorted(cues.nouns, key=len, reverse=True))
        names = sorted((" ".join(n) for n in cues.names), key=len, reverse=True)
        self._names = (
            re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b") if names else None
        )

    def _own_compound(self, word: str) -> bool:
        """This prize's own name, also misspelt («bosetingsprisen», «integrerignsprisen»)."""
        if word in self.own_names or any(word.startswith(o) for o in self.own_joined):
            return True
        return (
            process.extractOne(word, self._own_list, scorer=fuzz.ratio, score_cutoff=OWN_FUZZY)
            is not None
        )

    def names_other(self, question: str) -> bool:
        """True when ``question`` names another prize or award."""
        text = clean(question)
        pairs = tokens(text)
        folded = [f for _, f in pairs]
        capital = [r[:1].isupper() for r, _ in pairs]
        if not folded:
            return False
        if self._names is not None and self._names.search(" ".join(folded)):
            return True
        for first, second in _HYPHENATED.findall(text):
            head, tail = "".join(words(first)), "".join(words(second))
            if tail in self.cues.nouns and head not in self.own_words:
                return True
        nouns = self.cues.nouns
        for i, word in enumerate(folded):
            prizeish = word.endswith(self._endings)
            if prizeish and word not in nouns:
                noun = next(n for n in self._endings if word.endswith(n))
                if (
                    len(word) - len(noun) >= MIN_COMPOUND
                    and not self.known(word)
                    and not self._own_compound(word)
                ):
                    return True
            bare = word in nouns and (capital[i - 1] or word in ENGLISH_NOUNS)
            if prizeish and i > 0 and self._owner_before(folded, i, bare):
                return True
            if word in self.cues.this_years and i + 1 < len(folded):
                following = folded[i + 1]
                if not self.known(following) and not following.isdigit():
                    return True
        return False

    def _owner_before(self, folded: list[str], i: int, bare: bool) -> bool:
        """«Statens pris», «Fritt Ords pris», «Peer Gynt prisen», «sin egen (integrerings)pris»:
        a prize that is someone else's (a capitalised unknown name right before a bare prize
        noun, or «egen»)."""
        before = folded[i - 1]
        if before in _OWN_POSSESSIVES or (i > 1 and folded[i - 2] in _OWN_POSSESSIVES):
            pointed = folded[i + 1 : i + 3]  # «en egen pris for dette»: the prize talked about
            return not (
                len(pointed) == 2 and pointed[0] == "for" and pointed[1] in self.cues.pointers
            )
        if not bare or len(before) < 3 or before in self.own_words or self.known(before):
            return False
        # «Molde prisen», «Moldes pris»: this prize, for a municipality; any other name
        # («Statens pris», «Peer Gynt prisen», «Booker Prize») is a prize of its own
        return not (self.place(before) or (before.endswith("s") and self.place(before[:-1])))
