"""Admin commands (/status, /reload) for BOT_ADMIN_IDS only; others get the unknown-command
reply, so the commands do not reveal themselves."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta

from telegram import Update

import bot
from bot.storage import unanswered
from bot.telegram.answering import send_text
from bot.telegram.botcontext import BotContext
from bot.telegram.messages import unknown_command
from bot.telegram.services import Services
from bot.telegram.textcheck import check_text_files

log = logging.getLogger(__name__)
MAX_ISSUES_SHOWN = 15


def format_uptime(delta: timedelta) -> str:
    """``3 d 4 t 5 min`` style uptime."""
    minutes = int(delta.total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = [f"{days} d"] if days else []
    if days or hours:
        parts.append(f"{hours} t")
    parts.append(f"{minutes} min")
    return " ".join(parts)


def subscriber_count(services: Services) -> int | None:
    """Active subscribers (from the reminders service when present, else the database)."""
    reminders = services.reminders
    counter = getattr(reminders, "subscriber_count", None)
    if callable(counter):
        return int(counter())
    if services.db is None:
        return None
    row = services.db.execute("SELECT count(*) FROM subscribers WHERE active = 1").fetchone()
    return int(row[0])


def next_reminder_text(services: Services) -> str | None:
    """The next scheduled reminder, if the reminders service can tell."""
    describe = getattr(services.reminders, "describe_next", None)
    if callable(describe):
        value = describe()
        return str(value) if value else None
    return None


def status_text(services: Services) -> str:
    """The /status message."""
    texts = services.texts
    now: datetime = services.clock()
    return texts.get(
        "admin.status",
        uptime=format_uptime(now - services.started_at),
        version=bot.__version__,
        kb_version=services.holder.engine.kb.version,
        subscribers="?" if (n := subscriber_count(services)) is None else n,
        unanswered="?" if services.db is None else unanswered.count(services.db),
        next_reminder=next_reminder_text(services) or texts.get("admin.next_unknown"),
    )


async def status(update: Update, context: BotContext) -> None:
    """/status: uptime, versions, subscribers, unanswered questions, next reminder."""
    services = context.services
    user = update.effective_user
    message = update.effective_message
    if message is None or not services.is_admin(user.id if user else None):
        await unknown_command(update, context)
        return
    await send_text(context, message.chat_id, status_text(services))


async def reload(update: Update, context: BotContext) -> None:
    """/reload: reload the fact base; on error keep the old one and list the errors."""
    services = context.services
    user = update.effective_user
    message = update.effective_message
    if message is None or not services.is_admin(user.id if user else None):
        await unknown_command(update, context)
        return
    # The text files are checked against their contracts first: with errors nothing is reloaded.
    issues = await asyncio.to_thread(check_text_files, services.settings.knowledge_dir)
    if not issues:
        issues = await asyncio.to_thread(services.holder.reload)
    texts = services.texts
    version = services.holder.engine.kb.version
    if not issues:
        log.info("fact base reloaded by an admin: %s", version)
        await send_text(context, message.chat_id, texts.get("admin.reload_ok", version=version))
        return
    log.warning("reload refused, %d issue(s)", len(issues))
    lines = [texts.get("admin.reload_failed", version=version)]
    for issue in issues[:MAX_ISSUES_SHOWN]:
        lines.append(f"• {issue}")
    if len(issues) > MAX_ISSUES_SHOWN:
        lines.append(f"… (+{len(issues) - MAX_ISSUES_SHOWN})")
    await send_text(context, message.chat_id, "\n".join(lines))
