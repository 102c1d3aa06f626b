"""The contract of ``knowledge/texts/telegram.yaml``: every text the Telegram front end formats,
the placeholders each may use, Telegram's length limits and the keyed menus.

Add a text here when the code starts formatting a new key; the drift test
(``tests/test_text_contracts.py``) fails when the code formats a key this contract lacks.
"""

from __future__ import annotations

from bot.knowledge.textcontract import Group, TextContract, text

COMMAND = Group(
    fewest=1,
    most=100,
    longest=256,
    key_pattern=r"[a-z0-9_]{1,32}",
    key_hint="et gyldig kommandonavn (a–z, 0–9, _)",
)
"""A command menu (setMyCommands): Telegram's limits on names and descriptions."""

TELEGRAM_TEXTS = TextContract(
    area="telegram",
    texts={
        "bot.description": text(limit=512),
        "bot.short_description": text(limit=120),
        "questions.vinnere": text(),
        "questions.nominerte": text(),
        "questions.nominerte_year": text("year"),
        "questions.kriterier": text(),
        "questions.stem": text(),
        "start.welcome": text("name"),
        "help": text("username"),
        "about": text("version"),
        "answer.sources": text(),
        "answer.sources_plural": text(),
        "refusals.sticker": text(),
        "refusals.photo": text(),
        "refusals.voice": text(),
        "refusals.media": text(),
        "refusals.too_long": text("limit"),
        "refusals.emoji_only": text(),
        "refusals.empty": text(),
        "refusals.flood": text(),
        "refusals.unknown_command": text(),
        "refusals.stale_button": text(),
        "refusals.error": text(),
        "refusals.not_available": text(),
        "inline.no_answer_title": text(),
        "inline.button": text(limit=64),
        "slettmeg.confirm": text(),
        "slettmeg.button_yes": text(),
        "slettmeg.button_no": text(),
        "slettmeg.done": text(),
        "slettmeg.cancelled": text(),
        "slettmeg.groups_admin_only": text(),
        "admin.status": text(
            "uptime", "version", "kb_version", "subscribers", "unanswered", "next_reminder"
        ),
        "admin.next_unknown": text(),
        "admin.reload_ok": text("version"),
        "admin.reload_failed": text("version"),
        "admin.error_notice": text("kind", "where", "error"),
    },
    groups={
        "commands": COMMAND,
        "admin_commands": COMMAND,
        "start.examples": Group(fewest=1, most=4, longest=40),
    },
)
