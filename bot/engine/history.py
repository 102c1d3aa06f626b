"""Read-only questions about the fact base that several answers need (who won when, …)."""

from __future__ import annotations

from datetime import datetime

from bot.engine.places import Place
from bot.knowledge.models import Entrant, Fact, KnowledgeBase, PrizeYear, YearStatus
from bot.knowledge.view import winner_announced


class History:
    """Lookups over the prize years, computed once per knowledge base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.years = dict(sorted(kb.years.items()))
        self.first_year = kb.prize.first_year.value
        self.last_year = max(self.years, default=self.first_year)
        self.awarded = [
            y.year
            for y in self.years.values()
            if y.status == YearStatus.AWARDED and y.winner is not None
        ]

    def get(self, year: int) -> PrizeYear | None:
        """The record for ``year`` (None when outside the base)."""
        return self.years.get(year)

    def winner(self, year: int) -> Fact[Entrant] | None:
        """The winner of ``year`` when known."""
        record = self.years.get(year)
        return record.winner if record is not None else None

    def label(self, year: int) -> str:
        """How ``year`` is labelled (``2019/2020`` for the merged round)."""
        record = self.years.get(year)
        return record.label if record is not None else str(year)

    def prize_name(self, year: int) -> str:
        """The prize's name in ``year``."""
        prize = self.kb.prize
        for era in prize.names:
            if era.from_year <= year and (era.to_year is None or year <= era.to_year):
                return era.fact.value
        return prize.name

    def resolve(self, year: int) -> int:
        """Follow a merged year to the round it belongs to."""
        record = self.years.get(year)
        if record is not None and record.status == YearStatus.MERGED and record.merged_into:
            return record.merged_into
        return year

    def previous_awarded(self, year: int) -> int | None:
        """The latest year before ``year`` with a known winner."""
        earlier = [y for y in self.awarded if y < year]
        return earlier[-1] if earlier else None

    def next_awarded(self, year: int) -> int | None:
        """The first year after ``year`` with a known winner."""
        later = [y for y in self.awarded if y > year]
        return later[0] if later else None

    def unknown_between(self, first: int, last: int) -> list[int]:
        """Years strictly between ``first`` and ``last`` whose outcome is unknown."""
        return [
            y
            for y, record in self.years.items()
            if first < y < last and record.status in (YearStatus.UNKNOWN, YearStatus.OPEN)
        ]

    def unknown_years(self) -> list[int]:
        """Years whose winner the sources do not give."""
        return [y for y, r in self.years.items() if r.status == YearStatus.UNKNOWN]

    def latest_awarded(self, up_to: int | None = None, now: datetime | None = None) -> int | None:
        """The most recent year with a known winner (not after ``up_to``, announced by ``now``)."""
        years = [
            y
            for y in self.awarded
            if (up_to is None or y <= up_to) and (now is None or self.known_by(y, now))
        ]
        return years[-1] if years else None

    def known_by(self, year: int, now: datetime) -> bool:
        """True when the winner of ``year`` had been announced at ``now``."""
        record = self.years.get(year)
        if record is not None:
            return winner_announced(record, now)
        return year < now.year

    @staticmethod
    def matches(entrant: Entrant, place: Place) -> bool:
        """True when ``entrant`` is the municipality (or named entrant) ``place`` refers to."""
        if entrant.municipality.number != place.municipality.number:
            return False
        return place.entrant is None or entrant.name == place.entrant

    def wins(self, place: Place) -> list[int]:
        """Years ``place`` won."""
        return [
            y
            for y in self.awarded
            if (w := self.winner(y)) is not None and self.matches(w.value, place)
        ]

    def nominations(self, place: Place) -> list[tuple[int, Entrant, Fact[tuple[Entrant, ...]]]]:
        """Years ``place`` was among the nominees, with the entrant as named then."""
        found = []
        for year, record in self.years.items():
            if record.nominees is None:
                continue
            for entrant in record.nominees.value:
                if self.matches(entrant, place):
                    found.append((year, entrant, record.nominees))
                    break
        return found
