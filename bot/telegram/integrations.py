"""Where the pictures and reminders modules plug into the Telegram application.

``handlers`` returns their handlers for the single registration function in ``app.py`` (they
are added before the general button handler, so their callback patterns win); ``start`` and
``stop`` run their services from post_init/post_stop; the /slettmeg hook is wired here.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram.ext import BaseHandler, CommandHandler

from bot.telegram import pictures, reminders, reminders_admin
from bot.telegram.botcontext import BotApp, BotContext
from bot.telegram.services import Services

log = logging.getLogger(__name__)


def handlers(services: Services) -> list[BaseHandler[Any, BotContext, Any]]:
    """Handlers of the pictures and reminders modules, in registration order."""
    found: list[BaseHandler[Any, BotContext, Any]] = [
        # Pictures: /kart [år], /tidslinje and the «Kart»/«Tidslinje» follow-up buttons.
        CommandHandler("kart", pictures.kart_command),
        CommandHandler("tidslinje", pictures.tidslinje_command),
        # Reminders: /abonner, /stopp, the «Stopp påminnelser» button (own ``rem|`` prefix)
        # and my_chat_member (a user blocking the bot ends the subscription at once); then
        # the admins' /send_test and /broadcast with its confirmation buttons.
        *reminders.handlers(),
        *reminders_admin.handlers(),
    ]
    return found


async def start(application: BotApp, services: Services) -> None:
    """Start the services of other modules (called from post_init, after the database).

    The reminders service sets ``services.reminders`` (/status figures), serves the
    «subscribe» button and adds its /slettmeg hook (subscription and delivery rows).
    """
    await reminders.start_service(application, services)


async def stop(application: BotApp, services: Services) -> None:
    """Stop what ``start`` started (called from post_stop, while the bot can still send)."""
    await reminders.stop_service(application, services)
    if services.pictures is not None:
        services.pictures.close()
