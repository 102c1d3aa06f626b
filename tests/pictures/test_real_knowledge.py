"""The pictures read the real fact base in ``knowledge/`` the way the tests' model expects."""

from __future__ import annotations

from datetime import datetime
from itertools import pairwise

import pytest

from bot.knowledge.loader import load_knowledge
from bot.knowledge.models import KnowledgeBase
from bot.pictures.captions import MAX_CAPTION, map_caption, timeline_caption
from bot.pictures.content import (
    NOMINEE,
    WINNER,
    MapContent,
    MapMark,
    map_content,
    timeline_entries,
)
from bot.pictures.geo import GeoData, load_geo
from bot.pictures.maplabels import (
    FRAME_CLEARANCE_KM,
    LABEL_GAP_KM,
    CoastProfile,
    place_inset_labels,
    place_labels,
)
from bot.pictures.maplayout import NOMINEE_COLOUR, OTHER_COLOUR, WINNER_COLOUR, inset_layout
from bot.pictures.mapplot import legend_entries, render_map
from bot.settings import DEFAULT_KNOWLEDGE_DIR
from tests.pictures.helpers import colour_at, decode, near


@pytest.fixture(scope="module")
def real_kb() -> KnowledgeBase:
    return load_knowledge(DEFAULT_KNOWLEDGE_DIR)


@pytest.fixture(scope="module")
def geo() -> GeoData:
    return load_geo()


def number_of(kb: KnowledgeBase, name: str) -> str:
    (municipality,) = [m for m in kb.municipalities if m.name == name]
    return municipality.number


def by_name(content: MapContent, name: str) -> MapMark:
    return next(mark for mark in content.marks.values() if mark.municipality == name)


def test_real_winners_and_renamed_entrants(real_kb: KnowledgeBase, now: datetime) -> None:
    everything = map_content(real_kb, None, now)
    assert by_name(everything, "Vadsø").label == "Vadsø 2008"
    assert by_name(everything, "Lørenskog").role == WINNER
    assert by_name(everything, "Sunndal").label == "Sunndal 2019/2020"
    notes = " ".join(everything.name_notes)
    assert "Skedsmo (nå Lillestrøm)" in notes and "Grünerløkka (bydel i Oslo)" in notes
    year_2015 = map_content(real_kb, 2015, now)
    assert by_name(year_2015, "Lillestrøm").label == "Skedsmo (nå Lillestrøm)"
    assert by_name(year_2015, "Lillestrøm").role == NOMINEE
    assert by_name(map_content(real_kb, 2025, now), "Oslo").label == ("Grünerløkka (bydel i Oslo)")


def test_real_gaps(real_kb: KnowledgeBase, now: datetime) -> None:
    kinds = {e.year: e.kind for e in timeline_entries(real_kb, now)}
    assert kinds[2017] == "no_prize"
    assert kinds[2019] == "merged" and kinds[2020] == "joint"
    assert kinds[2024] == kinds[2026] == "unknown"
    assert map_content(real_kb, 2024, now).message
    assert not map_content(real_kb, 2017, now).marks


@pytest.mark.parametrize("year", [None, *range(2008, 2027)])
def test_real_captions_fit_telegram(
    real_kb: KnowledgeBase, now: datetime, year: int | None
) -> None:
    caption = map_caption(real_kb, year, now)
    assert 0 < len(caption) <= MAX_CAPTION
    assert caption.endswith("Kartdata: Kartverket (CC BY 4.0)")
    assert len(timeline_caption(real_kb, now)) <= MAX_CAPTION


REAL_YEARS = {
    # year: (winner, [nominees shown on today's municipality], label that says so)
    2009: ("Levanger", ["Eigersund", "Oslo"], {"Eigersund": "Egersund (Eigersund kommune)"}),
    2015: ("Grimstad", ["Lillestrøm"], {"Lillestrøm": "Skedsmo (nå Lillestrøm)"}),
    2025: ("Moss", ["Oslo"], {"Oslo": "Grünerløkka (bydel i Oslo)"}),
}


@pytest.mark.parametrize("year", sorted(REAL_YEARS))
def test_real_year_maps_colour_todays_municipality_and_say_why(
    real_kb: KnowledgeBase, now: datetime, geo: GeoData, year: int
) -> None:
    winner, nominees, labels = REAL_YEARS[year]
    content = map_content(real_kb, year, now)
    for name, label in labels.items():
        assert by_name(content, name).label == label
    image = decode(render_map(real_kb, year, now=now))
    assert near(colour_at(image, geo, number_of(real_kb, winner)), WINNER_COLOUR)
    for name in nominees:
        assert near(colour_at(image, geo, number_of(real_kb, name)), NOMINEE_COLOUR), name
    assert near(colour_at(image, geo, number_of(real_kb, "Kautokeino")), OTHER_COLOUR)


def test_real_unknown_year_colours_nothing_and_says_so(
    real_kb: KnowledgeBase, now: datetime, geo: GeoData
) -> None:
    content = map_content(real_kb, 2024, now)
    assert not content.marks and content.message
    assert "Jeg vet ikke hvem som vant prisen for 2024" in content.message
    assert legend_entries(real_kb, content)[-1][1] == "Ikke nominert, eller ikke kjent"
    image = decode(render_map(real_kb, 2024, now=now))
    for name in ("Oslo", "Moss", "Lillestrøm", "Tønsberg", "Levanger", "Vadsø"):
        assert near(colour_at(image, geo, number_of(real_kb, name)), OTHER_COLOUR), name


@pytest.mark.parametrize("year", [None, 2009, 2011])
def test_no_leader_runs_along_the_inset_frame(
    real_kb: KnowledgeBase, now: datetime, geo: GeoData, year: int | None
) -> None:
    """Kragerø lies exactly on the frame's southern edge; its leader must not trace it."""
    inset = inset_layout()
    marks = list(map_content(real_kb, year, now).marks.values())
    _, rest = place_inset_labels(marks, geo, inset)
    frame = (*inset.xlim, *inset.ylim)
    placed = place_labels(rest, geo, CoastProfile(geo), frame)
    kragero = [p for p in placed if p.mark.municipality == "Kragerø"]
    assert kragero, "Kragerø is labelled on the main map"
    for label in placed:
        (ax, _), (lx, ly) = label.anchor, label.position
        if min(ax, lx) < frame[1] and max(ax, lx) > frame[0]:
            for edge in frame[2:]:
                assert abs(ly - edge) >= FRAME_CLEARANCE_KM - 1e-6, label.mark.label
    for side in ("left", "right"):
        ys = sorted(p.position[1] for p in placed if p.side == side)
        assert all(b - a >= LABEL_GAP_KM - 0.01 for a, b in pairwise(ys))
