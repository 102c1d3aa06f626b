"""The map: size, colours at municipality anchors, labels, names and notices."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from itertools import pairwise

import pytest
from PIL import Image

from bot.clock import OSLO
from bot.knowledge.models import KnowledgeBase, Moment, PrizeYear, YearStatus
from bot.pictures.content import NOMINEE, WINNER, map_content, timeline_entries
from bot.pictures.geo import GeoData, load_geo, project
from bot.pictures.maplabels import (
    LABEL_GAP_KM,
    CoastProfile,
    _overlap,
    label_width_km,
    place_inset_labels,
    place_labels,
)
from bot.pictures.maplayout import (
    HEIGHT_PX,
    NOMINEE_COLOUR,
    OTHER_COLOUR,
    WIDTH_PX,
    WINNER_COLOUR,
    X_RANGE,
    inset_layout,
    map_layout,
)
from bot.pictures.mapplot import legend_entries, render_map
from tests.pictures.factory import NUMBERS, entrant, fact
from tests.pictures.helpers import colour_at, decode, near, region_has

VADSO, TONSBERG, KAUTOKEINO, ENGERDAL = (
    NUMBERS["Vadsø"],
    NUMBERS["Tønsberg"],
    NUMBERS["Kautokeino"],
    NUMBERS["Engerdal"],
)
MOLDE, LILLESTROM, OSLO_NO, SUNNDAL = (
    NUMBERS["Molde"],
    NUMBERS["Lillestrøm"],
    NUMBERS["Oslo"],
    NUMBERS["Sunndal"],
)
LORENSKOG = NUMBERS["Lørenskog"]


@pytest.fixture(scope="module")
def geo() -> GeoData:
    return load_geo()


@pytest.fixture(scope="module")
def all_years(kb: KnowledgeBase, now: datetime) -> Image.Image:
    return decode(render_map(kb, None, now=now))


@pytest.fixture(scope="module")
def year_2023(kb: KnowledgeBase, now: datetime) -> Image.Image:
    return decode(render_map(kb, 2023, now=now))


def test_outlines_cover_every_municipality(geo: GeoData) -> None:
    assert len(geo.shapes) == 357
    assert set(NUMBERS.values()) <= set(geo.shapes)
    # Each anchor lies inside its own municipality.
    for number in (VADSO, TONSBERG, MOLDE, OSLO_NO, NUMBERS["Kinn"]):
        shape = geo.shapes[number]
        assert shape.path.contains_point(shape.anchor)


def test_projection_keeps_norway_upright() -> None:
    x_osl, y_osl = project(10.75, 59.91)
    _, y_trd = project(10.40, 63.43)
    x_vad, y_vad = project(29.75, 70.07)
    assert y_trd - y_osl == pytest.approx(392, abs=10)  # ~3.5° of latitude in km
    assert x_vad > x_osl and y_vad > y_trd


def test_map_has_expected_pixel_size(all_years: Image.Image, year_2023: Image.Image) -> None:
    assert all_years.size == (WIDTH_PX, HEIGHT_PX) == (1200, 1600)
    assert year_2023.size == (1200, 1600)


def test_winner_differs_from_never_nominated(all_years: Image.Image, geo: GeoData) -> None:
    winner = colour_at(all_years, geo, VADSO)
    never = colour_at(all_years, geo, KAUTOKEINO)
    assert near(winner, WINNER_COLOUR)
    assert near(never, OTHER_COLOUR)
    assert winner != never
    assert near(colour_at(all_years, geo, ENGERDAL), OTHER_COLOUR)


def test_all_years_colours_winners_and_nominees(all_years: Image.Image, geo: GeoData) -> None:
    assert near(colour_at(all_years, geo, SUNNDAL), WINNER_COLOUR)  # winner 2019/2020
    assert near(colour_at(all_years, geo, LILLESTROM), NOMINEE_COLOUR)  # Skedsmo 2015, 2021
    assert near(colour_at(all_years, geo, OSLO_NO), NOMINEE_COLOUR)  # Oslo 2013, districts


def test_year_map_highlights_only_that_year(year_2023: Image.Image, geo: GeoData) -> None:
    assert near(colour_at(year_2023, geo, TONSBERG), WINNER_COLOUR)
    assert near(colour_at(year_2023, geo, MOLDE), NOMINEE_COLOUR)
    assert not near(colour_at(year_2023, geo, VADSO), WINNER_COLOUR)
    assert near(colour_at(year_2023, geo, VADSO), OTHER_COLOUR)


def test_all_years_content_labels_winners_with_years(kb: KnowledgeBase, now: datetime) -> None:
    content = map_content(kb, None, now)
    assert content.marks[VADSO].role == WINNER
    assert content.marks[VADSO].label == "Vadsø 2008"
    assert content.marks[SUNNDAL].label == "Sunndal 2019/2020"
    assert content.marks[LILLESTROM].role == NOMINEE
    assert content.marks[OSLO_NO].role == NOMINEE
    assert KAUTOKEINO not in content.marks
    notes = " ".join(content.name_notes)
    assert "Skedsmo (nå Lillestrøm) 2015" in notes
    assert "Grünerløkka (bydel i Oslo) 2025" in notes


def test_merged_name_and_district_are_explained(kb: KnowledgeBase, now: datetime) -> None:
    assert map_content(kb, 2015, now).marks[LILLESTROM].label == "Skedsmo (nå Lillestrøm)"
    content_2025 = map_content(kb, 2025, now)
    assert content_2025.marks[OSLO_NO].label == "Grünerløkka (bydel i Oslo)"
    assert content_2025.marks[NUMBERS["Moss"]].role == WINNER


def test_labels_do_not_overlap_and_stay_inside(
    kb: KnowledgeBase, now: datetime, geo: GeoData
) -> None:
    inset = inset_layout()
    for year in (None, 2009, 2018, 2021, 2025):
        content = map_content(kb, year, now)
        in_inset, rest = place_inset_labels(list(content.marks.values()), geo, inset)
        frame = (*inset.xlim, *inset.ylim) if in_inset else None
        placed = place_labels(rest, geo, CoastProfile(geo), frame)
        assert len(placed) + len(in_inset) == sum(1 for m in content.marks.values() if m.label)
        for side in ("left", "right"):
            ys = sorted(p.position[1] for p in placed if p.side == side)
            assert all(b - a >= LABEL_GAP_KM - 0.01 for a, b in pairwise(ys))
        for p in placed:
            width = label_width_km(p.mark.label)
            left = p.position[0] - width if p.side == "left" else p.position[0]
            assert X_RANGE[0] <= left and left + width <= X_RANGE[1] + 60
        for i, label in enumerate(in_inset):
            x0, y0, x1, y1 = label.box
            assert inset.xlim[0] <= x0 < x1 <= inset.xlim[1]
            assert inset.ylim[0] <= y0 < y1 <= inset.ylim[1]
            for other in in_inset[i + 1 :]:
                assert _overlap(label.box, other.box) == 0, (year, label.mark, other.mark)


def test_oslofjord_inset_enlarges_the_dense_south_east(
    kb: KnowledgeBase, now: datetime, all_years: Image.Image, geo: GeoData
) -> None:
    inset = inset_layout()
    assert inset.scale > 4 * map_layout().scale
    content = map_content(kb, None, now)
    in_inset, _ = place_inset_labels(list(content.marks.values()), geo, inset)
    names = {label.mark.municipality for label in in_inset}
    assert {"Bærum", "Lørenskog", "Drammen", "Tønsberg", "Moss"} <= names
    for number, colour in ((LORENSKOG, WINNER_COLOUR), (LILLESTROM, NOMINEE_COLOUR)):
        x, y = geo.shapes[number].anchor
        assert inset.contains(x, y)
        assert near(all_years.getpixel(inset.to_pixel(x, y)), colour)
    # A year with nothing in the south-east draws no inset: the corner stays white.
    empty = decode(render_map(kb, 2024, now=now))
    left, top = inset.to_pixel(inset.xlim[0], inset.ylim[1])
    assert not region_has(empty, (left + 5, top + 5, left + 400, top + 400), OTHER_COLOUR, 6)


@pytest.mark.parametrize(
    ("year", "words"), [(2024, "Jeg vet ikke hvem som vant prisen for 2024"), (2017, "Ingen pris")]
)
def test_year_without_winner_says_so_on_the_picture(
    kb: KnowledgeBase, now: datetime, geo: GeoData, year: int, words: str
) -> None:
    content = map_content(kb, year, now)
    assert not content.marks
    assert content.message and words in content.message
    image = decode(render_map(kb, year, now=now))
    # The notice box (light yellow) is drawn in the sea in the upper left.
    assert region_has(image, (20, 200, 700, 420), "#fff8e1", tolerance=4)
    assert near(colour_at(image, geo, VADSO), OTHER_COLOUR)


def test_merged_year_shows_the_joint_round(kb: KnowledgeBase, now: datetime) -> None:
    content = map_content(kb, 2019, now)
    assert content.marks[SUNNDAL].role == WINNER
    assert "2019/2020" in content.title
    assert content.message and "2019" in content.message and "én runde" in content.message


def test_open_round_shows_nominees_and_says_the_winner_is_not_known(
    kb: KnowledgeBase, now: datetime
) -> None:
    nominees = fact(tuple(entrant(n) for n in ("Asker", "Senja", "Grünerløkka")))
    open_year = PrizeYear(2026, "2026", YearStatus.OPEN, nominees=nominees)
    running = replace(kb, years={**kb.years, 2026: open_year}, version="open")
    content = map_content(running, 2026, now)
    assert {m.role for m in content.marks.values()} == {NOMINEE}
    assert content.marks[OSLO_NO].label == "Grünerløkka (bydel i Oslo)"
    assert content.message and "pågår" in content.message
    entry = timeline_entries(running, now)[-1]
    assert (entry.year, entry.kind, entry.note) == (2026, "open", "pågår")


@pytest.mark.parametrize(
    ("year", "complete", "grey"),
    [
        (2023, True, "Ikke nominert dette året"),
        (2017, True, "Ikke nominert dette året"),
        (2013, True, "Ikke nominert dette året"),  # 6 nominated, all 6 named
        (2010, False, "Ikke nominert, eller ikke kjent"),  # winner known, nominees not
        (2024, False, "Ikke nominert, eller ikke kjent"),  # nothing known
        (None, False, "Aldri nominert, så langt jeg vet"),  # 2024, 2026 unknown; no jargon
    ],
)
def test_grey_legend_never_claims_more_than_the_fact_base_knows(
    kb: KnowledgeBase, now: datetime, year: int | None, complete: bool, grey: str
) -> None:
    content = map_content(kb, year, now)
    assert content.nominees_complete is complete
    rows = legend_entries(kb, content)
    assert rows[-1] == (OTHER_COLOUR, grey)
    assert [colour for colour, _ in rows] == [WINNER_COLOUR, NOMINEE_COLOUR, OTHER_COLOUR]


def test_all_years_grey_is_plain_only_when_every_year_is_known(kb: KnowledgeBase) -> None:
    in_2008 = datetime(2008, 12, 31, 12, 0, tzinfo=OSLO)
    # the winner counts as known from its award date, so the copied round is awarded in 2008
    award = fact(Moment(date(2008, 11, 1)))
    known = replace(kb.years[2009], year=2008, label="2008", award_date=award)
    complete = replace(kb, years={2008: known}, version="one-known-year")
    content = map_content(complete, None, in_2008)
    assert content.nominees_complete
    assert legend_entries(complete, content)[-1] == (OTHER_COLOUR, "Aldri nominert")
    partial = replace(complete, years={2008: replace(known, nominee_count=fact(20))})
    assert not map_content(partial, None, in_2008).nominees_complete
