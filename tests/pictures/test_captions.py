"""Captions (≤ 1024 characters, credit always kept) and the /kart year argument."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from bot.knowledge.models import KnowledgeBase
from bot.pictures.captions import MAX_CAPTION, map_caption, timeline_caption
from bot.telegram.pictures import parse_year_arg
from tests.pictures.factory import fact

CREDIT = "Kartdata: Kartverket (CC BY 4.0)"


def test_year_caption_names_winner_nominees_sources_and_credit(
    kb: KnowledgeBase, now: datetime
) -> None:
    caption = map_caption(kb, 2015, now)
    assert "Grimstad vant Bosettings- og integreringsprisen 2015." in caption
    assert "Skedsmo (nå Lillestrøm)" in caption
    assert "Kilder: Testkilde" in caption
    assert caption.endswith(CREDIT)


def test_gap_years_are_explained(kb: KnowledgeBase, now: datetime) -> None:
    assert "Jeg vet ikke hvem som var nominert til eller vant prisen for 2024." in map_caption(
        kb, 2024, now
    )
    assert "ikke delt ut noen pris for 2017" in map_caption(kb, 2017, now)
    merged = map_caption(kb, 2019, now)
    assert "2019 ble slått sammen med 2020" in merged and "Sunndal vant" in merged
    assert "Hvem som ellers var nominert" in map_caption(kb, 2008, now)


def test_overlong_caption_is_cut_but_keeps_the_credit(kb: KnowledgeBase, now: datetime) -> None:
    long_year = replace(kb.years[2024], explanation=fact("Svært lang forklaring. " * 120))
    big = replace(kb, years={**kb.years, 2024: long_year})
    caption = map_caption(big, 2024, now)
    assert len(caption) <= MAX_CAPTION
    assert caption.endswith(CREDIT)
    assert len(timeline_caption(kb, now)) <= MAX_CAPTION


def test_year_argument(kb: KnowledgeBase) -> None:
    assert parse_year_arg(kb, [], 2026) == (None, "")
    assert parse_year_arg(kb, ["2023"], 2026) == (2023, "")
    assert parse_year_arg(kb, ["2026"], 2026) == (2026, "")
    for bad in (["i", "fjor"], ["<b>2023</b>"], ["😀"], ["20233"], ["x" * 5000]):
        year, reply = parse_year_arg(kb, bad, 2026)
        assert year is None and "/kart 2023" in reply and len(reply) < 200
    for outside in (["2007"], ["2027"], ["0000"]):
        year, reply = parse_year_arg(kb, outside, 2026)
        assert year is None and "fra 2008 til 2026" in reply


def test_year_caption_is_sentences_with_og(kb: KnowledgeBase, now: datetime) -> None:
    """Issue 13, review 3 (M13): the winner first in a sentence, then the others with «og»,
    not «Nominerte: A, B, C.»."""
    caption = map_caption(kb, 2015, now)
    assert "Nominerte:" not in caption, caption
    assert "De andre nominerte var Lavangen, " in caption, caption
    assert " og Skedsmo (nå Lillestrøm)." in caption, caption
    assert caption.count("Grimstad") == 1, caption
