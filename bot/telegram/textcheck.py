"""Check every text file against its contract with file and line, before the bot uses it.

The four contracts live next to the code that formats each file (``bot/engine``,
``bot/reminders``, ``bot/pictures``, ``bot/telegram``); this module, at the top of the layers,
gathers them. Run at start-up and before ``/reload`` (a broken file keeps the running texts), and
by ``python -m bot check``.
"""

from __future__ import annotations

from pathlib import Path

from bot.engine.text_contract import ENGINE_TEXTS
from bot.knowledge.textcontract import TextContract, check_all_texts, check_texts
from bot.knowledge.yamlio import KnowledgeIssue
from bot.pictures.text_contract import PICTURE_TEXTS
from bot.reminders.text_contract import REMINDER_TEXTS
from bot.telegram.text_contract import TELEGRAM_TEXTS

TEXT_CONTRACTS: tuple[TextContract, ...] = (
    ENGINE_TEXTS,
    TELEGRAM_TEXTS,
    REMINDER_TEXTS,
    PICTURE_TEXTS,
)
"""One contract per file in ``knowledge/texts/``."""


def check_telegram_texts(knowledge_dir: Path) -> list[KnowledgeIssue]:
    """Problems in ``<knowledge_dir>/texts/telegram.yaml``, each with file and line."""
    return check_texts(knowledge_dir, TELEGRAM_TEXTS)


def check_text_files(knowledge_dir: Path) -> list[KnowledgeIssue]:
    """Problems in every text file of ``knowledge_dir``, each with file and line."""
    return check_all_texts(knowledge_dir, TEXT_CONTRACTS)
