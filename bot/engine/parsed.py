"""What reading a question gives (:class:`Parsed`, filled by :mod:`bot.engine.extract`) and
the placeholder words that stand for the slots found in it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from bot.engine.places import Place, ProjectRef

YEAR_WORD = "aarstall"
PLACE_WORD = "kommunenavn"
COUNTY_WORD = "fylkesnavn"
PROJECT_WORD = "prosjektnavn"
PLACEHOLDERS = frozenset({YEAR_WORD, PLACE_WORD, COUNTY_WORD, PROJECT_WORD})


@dataclass
class Parsed:
    """What the rules found in one question."""

    question: str
    words: list[str] = field(default_factory=list)
    """Canonical words with placeholders, stop words removed."""
    years: list[int] = field(default_factory=list)
    relative_year: bool = False
    """A year came from «i fjor», «i år» …"""
    days: tuple[date, date] | None = None
    """A day or period named relative to the clock («i går», «forrige uke», «på mandag»):
    first and last day, Europe/Oslo."""
    days_exact: bool = False
    """``days`` is a named day or week (not a loose «nylig»): no award in it is an answer."""
    year_offset: int = 0
    """«året før» = -1, «året etter» = +1 (applied to the year or the context's year)."""
    places: list[Place] = field(default_factory=list)
    counties: list[str] = field(default_factory=list)
    county_said: list[str] = field(default_factory=list)
    """The county or region names as written (folded: «hordaland», «nord norge»)."""
    projects: list[ProjectRef] = field(default_factory=list)
    out_of_scope: bool = False
    out_of_scope_found: list[tuple[str, ...]] = field(default_factory=list)
    """The out-of-scope phrases the question used («buss», «hvem er ordforer»)."""
    out_of_scope_firm: bool = False
    """Out of scope for a reason no fact text can lift (another prize's name)."""
    domain: bool = False
    """The question mentions something about the prize (a prize word, a year, a place…)."""
    pronoun: bool = False
    """«de», «dem», «kommunen» …: refers back to the context's municipality."""
    elliptic: bool = False
    """Nothing but slots and filler words («og 2015?», «Og året før?»)."""
    fuzzy_place: bool = False
    misspelt_names: list[str] = field(default_factory=list)
    """Words read as a misspelt municipality name («folo» in «nordre folo»)."""
    unknown: list[str] = field(default_factory=list)
    """Words neither in the vocabulary nor names (after typo correction)."""
    prize_word: bool = False
    """The prize itself is named («prisen», «bosettingsprisen» …)."""
    last_n: int = 0
    """«de tre siste årene» = 3: the latest known rounds."""
    year_at: dict[int, int] = field(default_factory=dict)
    """Position in the scanned word list → the year found there (for ranges)."""

    @property
    def text(self) -> str:
        """The canonical word list joined, as matched against example phrasings."""
        return " ".join(self.words)
