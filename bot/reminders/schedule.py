"""Pure schedule computation: the fact base's vote windows × reminder rules → reminders.

Nothing here reads the clock or the database. A reminder's id is built from its content
(``2027:closes-3d:2027-10-08`` = year, rule key, local due date), so moving a window in
``knowledge/`` and reloading yields new ids, and the service simply follows the new schedule.
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from bot.clock import OSLO
from bot.knowledge.models import KnowledgeBase, PrizeYear, ReminderRule
from bot.knowledge.view import (
    CLOSES_DEFAULT_TIME,
    VoteState,
    as_known_at,
    has_public_vote,
    vote_times,
)
from bot.reminders.texts import ReminderTexts

DEFAULT_SEND_TIME = time(9, 0)
"""Time of day for a reminder whose rule has no ``at`` and whose anchor time is unknown."""
UNKNOWN_CLOSE_TIME = CLOSES_DEFAULT_TIME
"""A vote closing at an unknown time of day counts until 23:59 (the view's rule; never shown)."""


def instant(moment: datetime) -> datetime:
    """The same moment in UTC. Compare and subtract only instants: Python compares two
    datetimes sharing one tzinfo by wall-clock time, which is wrong across a DST change."""
    return moment.astimezone(UTC)


@dataclass(frozen=True)
class Reminder:
    """One concrete reminder for one prize year."""

    reminder_id: str
    """Stable, content-based id stored in the delivery ledger."""
    year: int
    label: str
    rule_key: str
    due_at: datetime
    """When to send (aware, Europe/Oslo)."""
    deadline: datetime
    """When sending stops making sense: the vote close (23:59 that day if the time is unknown;
    the end of the due day when the close is unknown altogether)."""
    text: str
    """The message, rendered from the rule's template."""


class _Blank(dict[str, str]):
    """``str.format_map`` mapping that renders unknown placeholders as empty text."""

    def __missing__(self, key: str) -> str:
        return ""


def render_template(template: str, values: Mapping[str, str]) -> str:
    """Fill ``{placeholders}``; unknown ones become empty and whitespace is tidied."""
    try:
        text = string.Formatter().vformat(template, (), _Blank(values))
    except (IndexError, ValueError):
        text = template
    return " ".join(text.split())


def _values(year: PrizeYear, texts: ReminderTexts, prize: str = "") -> dict[str, str]:
    vote = year.vote
    times = vote_times(year)
    return {
        "label": year.label,
        "prize": prize,
        "year": str(year.year),
        "opens": (
            texts.date_time(times.opens_at, with_time=vote.opens.value.time_known)
            if vote.opens and times.opens_at
            else texts.get("format.unknown_opens")
        ),
        "closes": (
            texts.date_time(times.closes_at, with_time=vote.closes.value.time_known)
            if vote.closes and times.closes_at
            else texts.get("format.unknown_closes")
        ),
        "url": (
            texts.get("format.vote_link", url=vote.url.value)
            if vote.url
            else texts.get("format.vote_how", how=vote.how.value)
            if vote.how
            else texts.get("format.no_url")
        ),
        "how": vote.how.value if vote.how else texts.get("format.no_how"),
    }


def _closes_today(year: PrizeYear, texts: ReminderTexts) -> str:
    """«i dag kl. 12.00» (or «i dag») for a reminder sent the day the vote closes."""
    closes = year.vote.closes
    if closes is not None and closes.value.time_known:
        moment = vote_times(year).closes_at
        if moment is not None:
            return texts.get("format.closes_today_time", time=texts.time(moment))
    return texts.get("format.closes_today")


def reminders_for_year(
    year: PrizeYear, rules: Iterable[ReminderRule], texts: ReminderTexts, prize: str = ""
) -> list[Reminder]:
    """The reminders one prize year's vote window gives (none without a public vote)."""
    if not has_public_vote(year):
        return []
    vote = year.vote
    opens = vote.opens.value if vote.opens else None
    closes = vote.closes.value if vote.closes else None
    times = vote_times(year)
    opens_at = times.opens_at
    values = _values(year, texts, prize)
    out: list[Reminder] = []
    for rule in rules:
        anchor = opens if rule.anchor == "opens" else closes if rule.anchor == "closes" else None
        if anchor is None:
            continue
        day = anchor.day + timedelta(days=rule.offset_days)
        due_at = datetime.combine(day, rule.at or anchor.at or DEFAULT_SEND_TIME, tzinfo=OSLO)
        if times.closes_at is not None:
            deadline = times.closes_at
        else:
            deadline = datetime.combine(day, UNKNOWN_CLOSE_TIME, tzinfo=OSLO)
        if instant(due_at) >= instant(deadline) or (
            opens_at is not None and instant(due_at) < instant(opens_at)
        ):
            continue  # the vote is not open at that moment: nothing sensible to say
        out.append(
            Reminder(
                reminder_id=f"{year.year}:{rule.key}:{day.isoformat()}",
                year=year.year,
                label=year.label,
                rule_key=rule.key,
                due_at=due_at,
                deadline=deadline,
                text=render_template(
                    rule.template,
                    {**values, "closes": _closes_today(year, texts)}
                    if closes is not None and day == closes.day
                    else values,
                ),
            )
        )
    return out


def build_schedule(kb: KnowledgeBase) -> tuple[Reminder, ...]:
    """Every reminder of every year in the fact base, ordered by due time."""
    texts = ReminderTexts(kb.texts)
    out: list[Reminder] = []
    for year in kb.years.values():
        out.extend(reminders_for_year(year, kb.reminder_rules, texts, kb.prize.name_in(year.year)))
    return tuple(sorted(out, key=lambda r: (instant(r.due_at), r.reminder_id)))


def open_vote_line(kb: KnowledgeBase, now: datetime, texts: ReminderTexts) -> str | None:
    """``Avstemningen … 2027 er åpen nå og stenger …`` when the view says a round's vote is
    open at ``now`` with a known close, else None."""
    view = as_known_at(kb, now)
    year = view.open_round()
    if year is None or view.vote_state(year.year) is not VoteState.OPEN or year.vote.closes is None:
        return None
    line = texts.get("subscribe.open_now", **_values(year, texts, kb.prize.name_in(year.year)))
    return " ".join(line.split())


def next_reminder(schedule: Iterable[Reminder], now: datetime) -> Reminder | None:
    """The first reminder due after ``now``."""
    moment = instant(now)
    upcoming = [r for r in schedule if instant(r.due_at) > moment]
    return min(upcoming, key=lambda r: (instant(r.due_at), r.reminder_id)) if upcoming else None


def describe_rules(rules: Iterable[ReminderRule], texts: ReminderTexts) -> str:
    """``når avstemningen åpner, tre dager før avstemningen stenger og kl. 09.00 …``."""
    parts: list[str] = []
    for rule in rules:
        days = abs(rule.offset_days)
        if rule.anchor == "opens" and rule.offset_days == 0:
            parts.append(texts.get("rules.opens"))
        elif rule.anchor == "opens" and rule.offset_days > 0:
            parts.append(texts.get("rules.opens_after", days=texts.count(days)))
        elif rule.anchor == "closes" and rule.offset_days == 0 and rule.at is not None:
            moment = datetime.combine(datetime(2000, 1, 1).date(), rule.at, tzinfo=OSLO)
            parts.append(texts.get("rules.closes_day_at", time=texts.time(moment)))
        elif rule.anchor == "closes" and rule.offset_days == 0:
            parts.append(texts.get("rules.closes_day"))
        elif rule.anchor == "closes" and rule.offset_days == -1:
            parts.append(texts.get("rules.closes_before_one"))
        elif rule.anchor == "closes" and rule.offset_days < 0:
            parts.append(texts.get("rules.closes_before", days=texts.count(days)))
    parts = list(dict.fromkeys(parts))
    if not parts:
        return texts.get("rules.fallback")
    if len(parts) == 1:
        return parts[0]
    return f"{', '.join(parts[:-1])} {texts.get('rules.and')} {parts[-1]}"
