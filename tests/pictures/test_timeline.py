"""The timeline: one mark per year from 2008 to now, gaps labelled honestly."""

from __future__ import annotations

from datetime import datetime

import pytest
from PIL import Image

from bot.clock import OSLO
from bot.knowledge.models import KnowledgeBase
from bot.pictures.content import timeline_entries
from bot.pictures.maplayout import WINNER_COLOUR
from bot.pictures.timeline import (
    GAP_COLOUR,
    HEIGHT_PX,
    UNKNOWN_COLOUR,
    WIDTH_PX,
    render_timeline,
    timeline_layout,
)
from tests.pictures.helpers import decode, near, non_white, region_has


@pytest.fixture(scope="module")
def image(kb: KnowledgeBase, now: datetime) -> Image.Image:
    return decode(render_timeline(kb, now=now))


def test_timeline_has_expected_pixel_size(image: Image.Image) -> None:
    assert image.size == (WIDTH_PX, HEIGHT_PX) == (1600, 600)


def test_entries_cover_every_year_and_name_the_gaps(kb: KnowledgeBase, now: datetime) -> None:
    entries = {e.year: e for e in timeline_entries(kb, now)}
    assert sorted(entries) == list(range(2008, 2027))
    assert entries[2008].winner == "Vadsø" and entries[2008].kind == "awarded"
    assert entries[2017].kind == "no_prize" and entries[2017].note == "ingen pris"
    assert entries[2019].kind == "merged" and entries[2019].span_to == 2020
    assert entries[2019].note == "2019/2020 – én runde"
    assert entries[2020].kind == "joint" and entries[2020].winner == "Sunndal"
    assert entries[2024].kind == entries[2026].kind == "unknown"
    assert entries[2024].note == "ukjent"


def test_timeline_runs_to_the_current_year(kb: KnowledgeBase) -> None:
    later = datetime(2030, 1, 2, 9, 0, tzinfo=OSLO)
    entries = timeline_entries(kb, later)
    assert entries[-1].year == 2030
    assert [e.kind for e in entries if e.year >= 2026] == ["unknown"] * 5


def test_every_year_has_a_mark(kb: KnowledgeBase, now: datetime, image: Image.Image) -> None:
    layout = timeline_layout(kb, now)
    for entry in timeline_entries(kb, now):
        col, row = layout.to_pixel(entry.year)
        box = (col - 10, row - 10, col + 11, row + 11)
        colour = {
            "awarded": WINNER_COLOUR,
            "joint": WINNER_COLOUR,
            "merged": WINNER_COLOUR,
            "no_prize": GAP_COLOUR,
            "unknown": UNKNOWN_COLOUR,
        }[entry.kind]
        assert region_has(image, box, colour, tolerance=30), entry.year
    col, row = layout.to_pixel(2012)
    assert near(image.getpixel((col, row)), WINNER_COLOUR)
    col, row = layout.to_pixel(2017)
    assert near(image.getpixel((col, row)), GAP_COLOUR)


def test_gap_labels_are_written_under_the_gap_years(
    kb: KnowledgeBase, now: datetime, image: Image.Image
) -> None:
    layout = timeline_layout(kb, now)

    def note_ink(year: float) -> int:
        col, top = layout.to_pixel(year, -1.2)
        _, bottom = layout.to_pixel(year, -1.75)
        return non_white(image, (int(col) - 30, top, int(col) + 30, bottom))

    assert note_ink(2017) > 40  # «ingen pris»
    assert note_ink(2024) > 40  # «ukjent»
    assert note_ink(2019.5) > 40  # «2019/2020 – én runde»
    assert note_ink(2016) == 0  # an ordinary prize year has no gap note
