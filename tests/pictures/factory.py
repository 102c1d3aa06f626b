"""A fact base built directly from the models, shaped like the real one (dossier 2008–2026).

Lets the picture tests run without the YAML loader; names and numbers are 2024 municipalities.
"""

from __future__ import annotations

from typing import TypeVar

from bot.knowledge.models import (
    Entrant,
    Fact,
    KnowledgeBase,
    Municipality,
    Prize,
    PrizeYear,
    Source,
    YearStatus,
)
from bot.pictures.texts import bundled_texts

T = TypeVar("T")

NUMBERS = {
    "Vadsø": "5607",
    "Levanger": "5037",
    "Kristiansand": "4204",
    "Kragerø": "4014",
    "Molde": "1506",
    "Hammerfest": "5603",
    "Drammen": "3301",
    "Grimstad": "4202",
    "Trondheim": "5001",
    "Bærum": "3201",
    "Sunndal": "1563",
    "Lørenskog": "3222",
    "Kinn": "4602",
    "Tønsberg": "3905",
    "Moss": "3103",
    "Bodø": "1804",
    "Brønnøy": "1813",
    "Ringsaker": "3411",
    "Modum": "3316",
    "Bergen": "4601",
    "Eigersund": "1101",
    "Oslo": "0301",
    "Rælingen": "3224",
    "Kvinesdal": "4227",
    "Lavangen": "5518",
    "Sandnes": "1108",
    "Lillehammer": "3405",
    "Lillestrøm": "3205",
    "Arendal": "4203",
    "Tynset": "3427",
    "Asker": "3203",
    "Stange": "3413",
    "Steinkjer": "5006",
    "Tromsø": "5501",
    "Gjøvik": "3407",
    "Randaberg": "1127",
    "Voss": "4621",
    "Harstad": "5503",
    "Sandefjord": "3907",
    "Haugesund": "1106",
    "Vennesla": "4223",
    "Nordre Follo": "3207",
    "Ullensvang": "4618",
    "Senja": "5530",
    "Sykkylven": "1528",
    "Øygarden": "4626",
    "Kautokeino": "5612",
    "Engerdal": "3425",
}
FORMER = {"Lillestrøm": ("Skedsmo", "Fet", "Sørum")}
MUNICIPALITIES = {
    name: Municipality(number, name, (), "", FORMER.get(name, ()))
    for name, number in NUMBERS.items()
}
SRC = Source("test", "Testkilde", "https://example.org/kilde")
DISTRICTS = {"Sagene": "Oslo", "Grünerløkka": "Oslo"}
ALIASES = {"Skedsmo": "Lillestrøm", "Egersund": "Eigersund"}

AWARDED = {
    2008: ("Vadsø", []),
    2009: (
        "Levanger",
        [
            "Bodø",
            "Brønnøy",
            "Trondheim",
            "Ringsaker",
            "Modum",
            "Bergen",
            "Egersund",
            "Sagene",
            "Rælingen",
            "Kragerø",
            "Grimstad",
            "Levanger",
        ],
    ),
    2010: ("Kristiansand", []),
    2011: ("Kragerø", []),
    2012: ("Molde", []),
    2013: ("Hammerfest", ["Hammerfest", "Oslo", "Bergen", "Drammen", "Sunndal", "Kvinesdal"]),
    2014: ("Drammen", []),
    2015: ("Grimstad", ["Grimstad", "Lavangen", "Sandnes", "Sunndal", "Lillehammer", "Skedsmo"]),
    2016: ("Trondheim", ["Arendal", "Bergen", "Bodø", "Rælingen", "Trondheim", "Tynset"]),
    2018: ("Bærum", ["Asker", "Bærum", "Bodø", "Lørenskog", "Stange", "Steinkjer", "Tromsø"]),
    2020: ("Sunndal", ["Asker", "Gjøvik", "Randaberg", "Sunndal", "Tromsø", "Voss"]),
    2021: ("Lørenskog", ["Asker", "Drammen", "Harstad", "Lillestrøm", "Lørenskog", "Sandefjord"]),
    2022: ("Kinn", ["Bodø", "Haugesund", "Kinn", "Rælingen", "Vennesla"]),
    2023: (
        "Tønsberg",
        ["Harstad", "Kristiansand", "Molde", "Nordre Follo", "Tønsberg", "Ullensvang"],
    ),
    2025: ("Moss", ["Moss", "Grünerløkka", "Senja", "Sykkylven", "Øygarden"]),
}


def entrant(name: str) -> Entrant:
    """An entrant as the loader would build it (districts and old names resolved)."""
    if name in DISTRICTS:
        return Entrant(name, MUNICIPALITIES[DISTRICTS[name]], district=True)
    return Entrant(name, MUNICIPALITIES[ALIASES.get(name, name)])


def fact(value: T) -> Fact[T]:
    """A fact backed by the test source."""
    return Fact(value, (SRC,))


def build_kb(version: str = "test-v1") -> KnowledgeBase:
    """Return the test fact base: 2008–2026 with the real statuses and gaps."""
    years: dict[int, PrizeYear] = {}
    for year, (winner, nominees) in AWARDED.items():
        entrants = tuple(entrant(n) for n in nominees)
        win = next((e for e in entrants if e.name == winner), None) or entrant(winner)
        years[year] = PrizeYear(
            year=year,
            label="2019/2020" if year == 2020 else str(year),
            status=YearStatus.AWARDED,
            winner=fact(win),
            nominees=fact(entrants) if entrants else None,
            nominee_count=fact(6) if year == 2013 else None,
        )
    years[2017] = PrizeYear(2017, "2017", YearStatus.NO_PRIZE, explanation=fact("Ingen pris."))
    years[2019] = PrizeYear(
        2019,
        "2019",
        YearStatus.MERGED,
        merged_into=2020,
        explanation=fact("Slått sammen med 2020."),
    )
    for year in (2024, 2026):
        years[year] = PrizeYear(
            year, str(year), YearStatus.UNKNOWN, explanation=fact("Ikke funnet.")
        )
    prize = Prize(
        name="Bosettings- og integreringsprisen",
        names=(),
        organiser_short="IMDi",
        organiser_full="Integrerings- og mangfoldsdirektoratet",
        organiser=fact("IMDi"),
        first_year=fact(2008),
        topics={},
        criteria=(),
        selection=(),
        directors=(),
    )
    return KnowledgeBase(
        prize=prize,
        years=years,
        municipalities=tuple(MUNICIPALITIES.values()),
        reminder_rules=(),
        version=version,
        sources={SRC.key: SRC},
        texts=dict(bundled_texts()),
    )
