"""Schedule computation: rules × windows, DST, unknown times, content-based ids."""

from __future__ import annotations

from datetime import date, time, timedelta

from bot.reminders.schedule import build_schedule, describe_rules, instant, next_reminder
from bot.reminders.texts import ReminderTexts
from tests.reminders.helpers import RULES, make_kb, oslo, prize_year, window_kb


def by_rule(kb):  # type: ignore[no-untyped-def]
    return {r.rule_key: r for r in build_schedule(kb)}


def test_default_rules_give_three_reminders_with_stable_ids() -> None:
    kb = window_kb((date(2027, 9, 20), time(10, 0)), (date(2027, 10, 11), time(12, 0)))
    rems = by_rule(kb)
    assert set(rems) == {"opens", "closes-3d", "last-day-09"}
    assert rems["opens"].reminder_id == "2027:opens:2027-09-20"
    assert rems["opens"].due_at == oslo(2027, 9, 20, 10, 0)
    assert rems["closes-3d"].reminder_id == "2027:closes-3d:2027-10-08"
    assert rems["closes-3d"].due_at == oslo(2027, 10, 8, 12, 0)
    assert rems["last-day-09"].due_at == oslo(2027, 10, 11, 9, 0)
    assert all(r.deadline == oslo(2027, 10, 11, 12, 0) for r in rems.values())
    assert "mandag 11. oktober 2027 kl. 12.00" in rems["opens"].text
    assert "https://www.imdi.no/stem" in rems["opens"].text
    assert [r.due_at for r in build_schedule(kb)] == sorted(r.due_at for r in rems.values())


def test_window_across_the_october_dst_change_keeps_local_times() -> None:
    # Summer time ends Sunday 31 October 2027 at 03:00 → 02:00.
    kb = window_kb((date(2027, 10, 25), time(9, 0)), (date(2027, 11, 2), time(12, 0)))
    rems = by_rule(kb)
    three = rems["closes-3d"]
    assert three.due_at == oslo(2027, 10, 30, 12, 0)
    assert three.due_at.utcoffset() == timedelta(hours=2)
    assert three.deadline.utcoffset() == timedelta(hours=1)
    assert instant(three.deadline) - instant(three.due_at) == timedelta(
        days=3, hours=1
    )  # wall clock: 3 days
    assert rems["last-day-09"].due_at.utcoffset() == timedelta(hours=1)
    assert rems["opens"].due_at.utcoffset() == timedelta(hours=2)


def test_window_across_the_march_dst_change() -> None:
    # Summer time starts Sunday 28 March 2027 at 02:00 → 03:00.
    kb = window_kb((date(2027, 3, 20), time(8, 0)), (date(2027, 3, 29), time(9, 30)))
    three = by_rule(kb)["closes-3d"]
    assert three.due_at == oslo(2027, 3, 26, 9, 30)
    assert three.due_at.utcoffset() == timedelta(hours=1)
    assert three.deadline.utcoffset() == timedelta(hours=2)
    assert instant(three.deadline) - instant(three.due_at) == timedelta(days=3) - timedelta(hours=1)
    last = by_rule(kb)["last-day-09"]  # 09:00 summer time on the last day = 07:00 UTC
    assert last.due_at == oslo(2027, 3, 29, 9, 0) and last.due_at.utcoffset() == timedelta(hours=2)
    assert instant(last.due_at).hour == 7


def test_unknown_close_time_is_end_of_day_and_never_shown() -> None:
    kb = window_kb((date(2027, 9, 20), None), (date(2027, 10, 11), None))
    rems = by_rule(kb)
    assert rems["last-day-09"].deadline == oslo(2027, 10, 11, 23, 59)
    assert rems["closes-3d"].due_at == oslo(2027, 10, 8, 9, 0)  # default send time
    assert rems["opens"].due_at == oslo(2027, 9, 20, 9, 0)
    for reminder in rems.values():
        assert "kl." not in reminder.text
    assert "mandag 11. oktober 2027" in rems["closes-3d"].text
    # The last day says «i dag», not the weekday and date (issue 13).
    assert "stenger i dag" in rems["last-day-09"].text.lower()
    assert "oktober" not in rems["last-day-09"].text


def test_unknown_window_parts() -> None:
    # Only the close is known: no «opens» reminder; the texts never invent the open date.
    rems = by_rule(window_kb(None, (date(2027, 10, 11), time(12, 0))))
    assert set(rems) == {"closes-3d", "last-day-09"}
    # Only the opening is known: one reminder, valid until the end of that day.
    rems = by_rule(window_kb((date(2027, 9, 20), time(10, 0)), None))
    assert set(rems) == {"opens"}
    assert rems["opens"].deadline == oslo(2027, 9, 20, 23, 59)
    assert "ikke kjenner" in rems["opens"].text
    # No public vote: nothing.
    no_vote = make_kb(prize_year(2027, None, None, public=False))
    assert build_schedule(no_vote) == ()


def test_reminders_outside_the_open_window_are_dropped() -> None:
    # Two-day window: «3 days before close» would be before the vote opens.
    kb = window_kb((date(2027, 10, 9), time(10, 0)), (date(2027, 10, 11), time(8, 0)))
    rems = by_rule(kb)
    assert "closes-3d" not in rems
    assert "last-day-09" not in rems  # 09:00 is after the 08:00 close
    assert set(rems) == {"opens"}


def test_moving_a_window_changes_ids() -> None:
    before = {
        r.reminder_id
        for r in build_schedule(window_kb((date(2027, 9, 20), None), (date(2027, 10, 11), None)))
    }
    after = {
        r.reminder_id
        for r in build_schedule(window_kb((date(2027, 9, 20), None), (date(2027, 10, 14), None)))
    }
    assert "2027:opens:2027-09-20" in before & after
    assert "2027:closes-3d:2027-10-08" in before - after
    assert "2027:closes-3d:2027-10-11" in after - before


def test_next_reminder() -> None:
    kb = window_kb((date(2027, 9, 20), time(10, 0)), (date(2027, 10, 11), time(12, 0)))
    sched = build_schedule(kb)
    assert next_reminder(sched, oslo(2027, 9, 1)).rule_key == "opens"
    assert next_reminder(sched, oslo(2027, 9, 20, 10, 0)).rule_key == "closes-3d"
    assert next_reminder(sched, oslo(2027, 10, 11, 9, 0)) is None


def test_describe_rules_in_norwegian() -> None:
    text = describe_rules(RULES, ReminderTexts())
    assert text == (
        "når avstemningen åpner, tre dager før avstemningen stenger og "
        "kl. 09.00 den dagen avstemningen stenger"
    )


def test_the_real_knowledge_rules_are_the_three_defaults() -> None:
    from pathlib import Path

    from bot.knowledge.loader import load_knowledge

    rules = load_knowledge(Path(__file__).resolve().parents[2] / "knowledge").reminder_rules
    assert [(r.key, r.anchor, r.offset_days, r.at) for r in rules] == [
        ("opens", "opens", 0, None),
        ("closes-3d", "closes", -3, None),
        ("last-day-09", "closes", 0, time(9, 0)),
    ]


def test_real_rules_read_well_with_and_without_a_vote_link() -> None:
    from pathlib import Path

    from bot.knowledge.loader import load_knowledge
    from tests.reminders.helpers import make_kb, moment

    rules = load_knowledge(Path(__file__).resolve().parents[2] / "knowledge").reminder_rules
    opens, closes = moment(date(2027, 9, 20), time(10, 0)), moment(date(2027, 10, 11), None)
    with_link = build_schedule(make_kb(prize_year(2027, opens, closes), rules=rules))
    without = build_schedule(make_kb(prize_year(2027, opens, closes, url=None), rules=rules))
    assert with_link and without
    assert all("Stem her: https://www.imdi.no/stem" in r.text for r in with_link)
    # Without a link, say nothing about it (never «Lenken … har jeg ikke ennå», issue 13).
    assert all("Stem her" not in r.text and "lenken" not in r.text.lower() for r in without)
