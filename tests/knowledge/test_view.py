"""The date-aware view: one set of rules for what was known at a moment (issue 10)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time

import pytest

from bot.clock import OSLO
from bot.knowledge.loader import load_knowledge
from bot.knowledge.models import Fact, KnowledgeBase, Moment, VoteWindow, YearStatus
from bot.knowledge.view import VoteState, as_known_at, round_year, vote_state
from bot.pictures.captions import map_caption
from bot.pictures.content import WINNER, map_content, timeline_entries
from bot.reminders.schedule import build_schedule, open_vote_line
from bot.reminders.texts import ReminderTexts
from bot.settings import DEFAULT_KNOWLEDGE_DIR


def at(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=OSLO)


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge(DEFAULT_KNOWLEDGE_DIR)


def window(opens: date | None, closes: date | None, closes_at: time | None = None) -> VoteWindow:
    return VoteWindow(
        public=Fact(True, ()),
        opens=Fact(Moment(opens), ()) if opens else None,
        closes=Fact(Moment(closes, closes_at), ()) if closes else None,
    )


# -- contradiction 1: an unannounced winner is hidden everywhere ---------------------------


def test_winner_is_unknown_before_the_award_and_known_from_award_day(kb: KnowledgeBase) -> None:
    before = as_known_at(kb, at(2025, 10, 15))
    assert kb.years[2025].winner is not None  # the fact base knows Moss won 2025 …
    assert before.winner(2025) is None  # … but on 15 October 2025 nobody did
    assert before.record(2025) is not None and before.record(2025).status is YearStatus.OPEN
    award_day = as_known_at(kb, at(2025, 11, 10, 9))
    winner = award_day.winner(2025)
    assert winner is not None and winner.value.name == "Moss"


def test_the_map_and_its_caption_do_not_show_an_unannounced_winner(kb: KnowledgeBase) -> None:
    content = map_content(kb, 2025, at(2025, 10, 15))
    assert not [m for m in content.marks.values() if m.role == WINNER]
    caption = map_caption(kb, 2025, at(2025, 10, 15))
    assert "Moss" not in caption
    assert "Moss" in map_caption(kb, 2025, at(2025, 11, 11))
    all_years = map_content(kb, None, at(2025, 10, 15))
    assert all(m.municipality != "Moss" or m.role != WINNER for m in all_years.marks.values())
    entry_2025 = [e for e in timeline_entries(kb, at(2025, 10, 15)) if e.year == 2025]
    assert entry_2025 and entry_2025[0].winner == ""


def test_the_picture_cache_key_follows_the_views_state(kb: KnowledgeBase) -> None:
    from bot.pictures.cache import MAP, PictureCache

    hidden = PictureCache.key(kb, MAP, 2025, at(2025, 10, 15))
    shown = PictureCache.key(kb, MAP, 2025, at(2025, 11, 11))
    assert hidden != shown


# -- contradiction 2: one rule for a window known only by its close --------------------------


def test_a_window_with_only_a_close_is_never_called_open(kb: KnowledgeBase) -> None:
    record = kb.years[2021]
    assert record.vote.opens is None and record.vote.closes is not None
    assert vote_state(record, at(2021, 11, 5)) is VoteState.CLOSES_LATER
    assert vote_state(record, at(2021, 11, 11, 23, 58)) is VoteState.CLOSES_LATER
    assert vote_state(record, at(2021, 11, 12)) is VoteState.CLOSED
    view = as_known_at(kb, at(2021, 11, 5))
    assert view.open_round() is None
    closing = view.closing_round()
    assert closing is not None and closing.year == 2021


def test_reminders_agree_with_the_view_on_a_close_only_window(kb: KnowledgeBase) -> None:
    texts = ReminderTexts(kb.texts)
    assert open_vote_line(kb, at(2021, 11, 5), texts) is None
    # the close is known, so reminders before it may still say when it closes
    due = [r for r in build_schedule(kb) if r.year == 2021]
    assert all(r.deadline == datetime(2021, 11, 11, 23, 59, tzinfo=OSLO) for r in due)


def test_open_vote_line_follows_the_view_for_a_known_window(kb: KnowledgeBase) -> None:
    texts = ReminderTexts(kb.texts)
    record = kb.years[2023]
    assert record.vote.opens is not None and record.vote.closes is not None
    opens = record.vote.opens.value.day
    inside = datetime.combine(opens, time(12, 0), tzinfo=OSLO)
    assert vote_state(record, inside) is VoteState.OPEN
    line = open_vote_line(kb, inside, texts)
    assert line is not None and "2023" in line
    before = datetime.combine(opens, time(0, 0), tzinfo=OSLO).replace(day=opens.day - 1)
    assert vote_state(record, before) is VoteState.UPCOMING
    assert open_vote_line(kb, before, texts) is None


# -- the rules themselves ------------------------------------------------------------------


def test_vote_state_compares_instants_across_the_autumn_dst_change(kb: KnowledgeBase) -> None:
    # closes 02:30 on the night clocks go back (27 Oct 2024), the first time (CEST, 00:30 UTC).
    # 02:15 the second time (CET, 01:15 UTC) is after the close, though earlier by wall clock.
    vote = window(date(2024, 10, 1), date(2024, 10, 27), time(2, 30))
    record = replace(kb.years[2023], year=2024, vote=vote)
    first = datetime(2024, 10, 27, 2, 15, tzinfo=OSLO, fold=0)  # CEST, 00:15 UTC
    second = datetime(2024, 10, 27, 2, 15, tzinfo=OSLO, fold=1)  # CET, 01:15 UTC
    assert vote_state(record, first) is VoteState.OPEN
    assert vote_state(record, second) is VoteState.CLOSED


def test_an_opening_without_a_close_stays_open_until_the_award(kb: KnowledgeBase) -> None:
    award = Fact(Moment(date(2030, 11, 20)), ())
    record = replace(
        kb.years[2023], year=2030, award_date=award, vote=window(date(2030, 10, 1), None)
    )
    assert vote_state(record, at(2030, 9, 30)) is VoteState.UPCOMING
    assert vote_state(record, at(2030, 11, 19)) is VoteState.OPEN
    assert vote_state(record, at(2030, 11, 20, 0, 1)) is VoteState.CLOSED


def test_nominees_are_hidden_until_the_vote_opens_when_the_winner_is_pending(
    kb: KnowledgeBase,
) -> None:
    record = kb.years[2023]
    assert record.vote.opens is not None and record.nominees is not None
    opens = record.vote.opens.value.day
    before = as_known_at(kb, datetime.combine(opens, time(0, 0), tzinfo=OSLO).replace(day=1))
    during = as_known_at(kb, datetime.combine(opens, time(12, 0), tzinfo=OSLO))
    assert before.nominees(2023) is None and before.winner(2023) is None
    assert during.nominees(2023) is not None and during.winner(2023) is None


def test_later_rounds_are_unknown_and_merged_years_resolve(kb: KnowledgeBase) -> None:
    view = as_known_at(kb, at(2022, 6, 1))
    assert max(view.years) == 2022 and view.record(2023) is None
    assert round_year(kb, 2019) == 2020
    assert view.round(2019) is view.record(2020)


def test_the_view_is_cached_per_state(kb: KnowledgeBase) -> None:
    one = as_known_at(kb, at(2025, 10, 15))
    two = as_known_at(kb, at(2025, 10, 16))
    assert one.kb is two.kb and one.state == two.state
    assert as_known_at(kb, at(2026, 12, 5)).kb is kb  # nothing hidden: the fact base itself
    assert as_known_at(kb, at(2025, 11, 11)).state != one.state
