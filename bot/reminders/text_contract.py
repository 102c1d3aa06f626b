"""The contract of ``knowledge/texts/reminders.yaml``: every text the reminders format, and the
placeholders each may use.

Add a text here when the code starts formatting a new key; the drift test
(``tests/test_text_contracts.py``) fails when the code formats a key this contract lacks.
"""

from __future__ import annotations

from bot.knowledge.textcontract import TextContract, text

VOTE_VALUES = ("label", "year", "prize", "opens", "closes", "url", "how")
"""What a vote window fills in (``schedule._values``), as in the templates of reminders.yaml."""

REMINDER_TEXTS = TextContract(
    area="reminders",
    texts={
        "format.weekdays": text(words=7),
        "format.months": text(words=12),
        "format.counts": text(words=13),
        "format.date": text("day", "month", "weekday", "year"),
        "format.time": text("hour", "minute"),
        "format.date_time": text("date", "time"),
        "format.unknown_closes": text(),
        "format.unknown_opens": text(),
        "format.closes_today": text(),
        "format.closes_today_time": text("time"),
        "format.vote_link": text("url"),
        "format.vote_how": text("how"),
        "format.no_url": text(empty=True),
        "format.no_how": text(empty=True),
        "button.stop": text(),
        "button.broadcast_confirm": text(),
        "button.broadcast_cancel": text(),
        "subscribe.confirmed": text("what", "who", "who_cap"),
        "subscribe.already": text("who_cap"),
        "subscribe.next": text("when"),
        "subscribe.none_scheduled": text(),
        "subscribe.open_now": text(*VOTE_VALUES),
        "subscribe.none_left": text(),
        "subscribe.stop_hint": text(),
        "subscribe.who_private": text(),
        "subscribe.who_private_cap": text(),
        "subscribe.who_group": text(),
        "subscribe.who_group_cap": text(),
        "stop.confirmed": text(),
        "stop.not_subscribed": text(),
        "stop.button_answer": text(),
        "group.admins_only": text(),
        "group.check_failed": text(),
        "broadcast.usage": text(),
        "broadcast.confirm": text("count", "text"),
        "broadcast.too_long": text("length", "limit"),
        "broadcast.started": text("count"),
        "broadcast.cancelled": text(),
        "broadcast.unknown": text(),
        "broadcast.done": text("failed", "inactive", "sent"),
        "send_test.none_scheduled": text(),
        "send_test.sent": text("label", "rule", "when"),
        "send_test.failed": text("error"),
        "send_test.prefix": text(),
        "rules.and": text(),
        "rules.opens": text(),
        "rules.opens_after": text("days"),
        "rules.closes_day": text(),
        "rules.closes_day_at": text("time"),
        "rules.closes_before": text("days"),
        "rules.closes_before_one": text(),
        "rules.fallback": text(),
        "status.next": text("label", "rule", "when"),
    },
)
