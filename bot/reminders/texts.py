"""User-facing reminder texts from ``knowledge/texts/reminders.yaml`` (``reminders.*`` keys).

The loaded fact base carries them in ``KnowledgeBase.texts``; a key missing there falls back to
the project's own file so the bot always speaks.
"""

from __future__ import annotations

from datetime import datetime

from bot.clock import OSLO
from bot.knowledge.texts import AreaTexts
from bot.knowledge.texts import bundled_texts as _bundled

AREA = "reminders"


def bundled_texts() -> dict[str, str]:
    """The project's own reminder texts, flattened like ``KnowledgeBase.texts``."""
    return _bundled(AREA)


class ReminderTexts(AreaTexts):
    """Look up ``reminders.<key>`` in the fact base's texts, then in the bundled file;
    also formats dates and times in Norwegian from the texts' month and weekday names."""

    area = AREA

    def date(self, moment: datetime) -> str:
        """``fredag 8. oktober 2027`` for an aware datetime (shown in Europe/Oslo)."""
        local = moment.astimezone(OSLO)
        weekdays = self.words("format.weekdays")
        months = self.words("format.months")
        weekday = weekdays[local.weekday()] if len(weekdays) == 7 else ""
        month = months[local.month - 1] if len(months) == 12 else str(local.month)
        text = self.get("format.date", weekday=weekday, day=local.day, month=month, year=local.year)
        return " ".join(text.split())

    def count(self, number: int) -> str:
        """«tre» for a count from zero to twelve (``format.counts``), digits above."""
        counts = self.words("format.counts")
        return counts[number] if 0 <= number < len(counts) else str(number)

    def time(self, moment: datetime) -> str:
        """``kl. 09.00`` in Europe/Oslo."""
        local = moment.astimezone(OSLO)
        return self.get("format.time", hour=local.hour, minute=local.minute)

    def date_time(self, moment: datetime, with_time: bool = True) -> str:
        """Date, plus the time of day when ``with_time`` (never claim an unknown time)."""
        if not with_time:
            return self.date(moment)
        return self.get("format.date_time", date=self.date(moment), time=self.time(moment))
