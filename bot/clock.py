"""Time in Europe/Oslo, with an injectable clock so anything time-dependent is testable."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

OSLO = ZoneInfo("Europe/Oslo")

Clock = Callable[[], datetime]
"""A zero-argument callable returning the current time as an aware datetime."""


def system_clock() -> datetime:
    """Return the current wall-clock time in Europe/Oslo (the only place that reads it)."""
    return datetime.now(OSLO)


def fixed_clock(moment: datetime) -> Clock:
    """Return a clock frozen at ``moment`` (naive values are read as Europe/Oslo)."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=OSLO)
    return lambda: aware


def parse_moment(text: str) -> datetime:
    """Parse an ISO-8601 timestamp; a naive one is taken as Europe/Oslo local time."""
    value = datetime.fromisoformat(text)
    return value if value.tzinfo else value.replace(tzinfo=OSLO)
