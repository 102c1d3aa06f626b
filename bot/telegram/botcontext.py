"""The typed context every handler gets (PTB's ``ContextTypes`` with our own context class,
as in PTB's ``contexttypesbot.py`` example): ``context.services`` instead of raw
``bot_data[...]`` keys."""

from __future__ import annotations

from typing import Any

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot

from bot.telegram.services import SERVICES_KEY, Services


class BotContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[str, Any]]):
    """PTB's callback context with the bot's shared :class:`Services` typed."""

    @property
    def services(self) -> Services:
        """Engine holder, clock, database, outbox and the other modules' state."""
        return services_of(self.application)


BotApp = Application[ExtBot[None], BotContext, dict[Any, Any], dict[Any, Any], dict[str, Any], Any]
"""The application type: our context class, plain dicts for user/chat/bot data."""

CONTEXT_TYPES: ContextTypes[BotContext, dict[Any, Any], dict[Any, Any], dict[str, Any]] = (
    ContextTypes(context=BotContext, bot_data=dict, chat_data=dict, user_data=dict)
)
"""Passed to ``ApplicationBuilder.context_types`` in ``app.py``."""


def services_of(application: Application[Any, Any, Any, Any, Any, Any]) -> Services:
    """The :class:`Services` the application was built with."""
    services = application.bot_data.get(SERVICES_KEY)
    if not isinstance(services, Services):
        raise RuntimeError("the application was not built by bot.telegram.app")
    return services
