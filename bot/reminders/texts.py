"""User-facing reminder texts from ``knowledge/texts/reminders.yaml`` (``reminders.*`` keys).

The loaded fact base carries them in ``KnowledgeBase.texts``; a key missing there falls back to
the project's own file so the bot always speaks.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime
from functools import lru_cache
from typing import Any

import yaml

from bot.clock import OSLO
from bot.settings import DEFAULT_KNOWLEDGE_DIR

log = logging.getLogger(__name__)
AREA = "reminders"


def _flatten(data: Mapping[str, Any], prefix: str, out: dict[str, str]) -> None:
    for key, value in data.items():
        name = f"{prefix}.{key}"
        if isinstance(value, Mapping):
            _flatten(value, name, out)
        elif value is not None:
            out[name] = str(value)


@lru_cache(maxsize=1)
def bundled_texts() -> dict[str, str]:
    """The project's own reminder texts, flattened like ``KnowledgeBase.texts``."""
    path = DEFAULT_KNOWLEDGE_DIR / "texts" / f"{AREA}.yaml"
    out: dict[str, str] = {}
    with open(path, encoding="utf-8") as handle:
        _flatten(yaml.safe_load(handle) or {}, AREA, out)
    return out


class ReminderTexts:
    """Look up ``reminders.<key>`` in the fact base's texts, then in the bundled file."""

    def __init__(self, texts: Mapping[str, str] | None = None) -> None:
        self._texts = texts or {}

    def raw(self, key: str) -> str | None:
        name = f"{AREA}.{key}"
        value = self._texts.get(name)
        return value if value is not None else bundled_texts().get(name)

    def get(self, key: str, **values: object) -> str:
        """Return ``reminders.<key>`` formatted with ``values`` (the key itself when missing)."""
        template = self.raw(key)
        if template is None:
            log.error("missing reminder text reminders.%s", key)
            return key
        if not values:
            return template
        try:
            return template.format(**values)
        except (KeyError, IndexError, ValueError, AttributeError):
            log.error("bad placeholders in reminder text reminders.%s", key)
            return template

    def words(self, key: str) -> list[str]:
        """A space-separated list text (weekday or month names)."""
        return (self.raw(key) or "").split()

    def date(self, moment: datetime) -> str:
        """``fredag 8. oktober 2027`` for an aware datetime (shown in Europe/Oslo)."""
        local = moment.astimezone(OSLO)
        weekdays = self.words("format.weekdays")
        months = self.words("format.months")
        weekday = weekdays[local.weekday()] if len(weekdays) == 7 else ""
        month = months[local.month - 1] if len(months) == 12 else str(local.month)
        text = self.get("format.date", weekday=weekday, day=local.day, month=month, year=local.year)
        return " ".join(text.split())

    def time(self, moment: datetime) -> str:
        """``kl. 09.00`` in Europe/Oslo."""
        local = moment.astimezone(OSLO)
        return self.get("format.time", hour=local.hour, minute=local.minute)

    def date_time(self, moment: datetime, with_time: bool = True) -> str:
        """Date, plus the time of day when ``with_time`` (never claim an unknown time)."""
        if not with_time:
            return self.date(moment)
        return self.get("format.date_time", date=self.date(moment), time=self.time(moment))
