"""Build the Telegram ``Application``: services in post_init, every handler in one place."""

from __future__ import annotations

import logging
from datetime import timedelta

from telegram import (
    BotCommand,
    BotCommandScopeChat,
    BotCommandScopeDefault,
    LinkPreviewOptions,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import (
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    Defaults,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from bot.clock import OSLO, Clock, system_clock
from bot.settings import Settings
from bot.storage.database import connect
from bot.telegram import admin, callbacks, codec, commands, inline, integrations, messages
from bot.telegram.botcontext import CONTEXT_TYPES, BotApp, services_of
from bot.telegram.context import ConversationStore
from bot.telegram.errors import on_error
from bot.telegram.flood import FloodGuard
from bot.telegram.outbox import Outbox
from bot.telegram.sendslots import TELEGRAM_LIMITS, SendLimits
from bot.telegram.services import SERVICES_KEY, HolderLike, Services
from bot.telegram.texts import Texts

log = logging.getLogger(__name__)

CONCURRENT_UPDATES = 16
"""Updates handled at once (PTB's ``concurrent_updates``): handlers only queue their sends,
so a slot is never held while Telegram's limits are waited out."""
OUTBOX_DRAIN_SECONDS = 5.0
MEDIA = (
    filters.Sticker.ALL
    | filters.PHOTO
    | filters.VOICE
    | filters.AUDIO
    | filters.VIDEO
    | filters.VIDEO_NOTE
    | filters.ANIMATION
    | filters.Document.ALL
    | filters.LOCATION
    | filters.CONTACT
    | filters.POLL
    | filters.Dice.ALL
)


def build_application(
    settings: Settings,
    holder: HolderLike,
    clock: Clock = system_clock,
    *,
    flood_limit: int = 20,
    flood_window: timedelta = timedelta(seconds=10),
    send_limits: SendLimits = TELEGRAM_LIMITS,
) -> BotApp:
    """The bot, ready for ``run_polling``/``run_webhook`` or ``async with``.

    The database and the reminders service are opened in ``post_init``; the service stops in
    ``post_stop`` (while the bot can still send, so a reminder in flight is finished and
    recorded) and the database closes in ``post_shutdown``. The token must already be
    validated (``settings.require_token()``). ``send_limits``: the flood limits the outbox
    keeps (Telegram's by default; tests against a fake server that does not enforce them
    may relax them).
    """
    builder = (
        ApplicationBuilder()
        .token(settings.require_token())
        .context_types(CONTEXT_TYPES)
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
                tzinfo=OSLO,
            )
        )
        .concurrent_updates(CONCURRENT_UPDATES)
        .connection_pool_size(CONCURRENT_UPDATES + 8)
        .post_init(post_init)
        .post_stop(post_stop)
        .post_shutdown(post_shutdown)
    )
    if settings.api_base_url:
        builder = builder.base_url(settings.api_base_url)
    application = builder.build()
    services = Services(
        settings=settings,
        holder=holder,
        clock=clock,
        started_at=clock(),
        conversations=ConversationStore(clock),
        flood=FloodGuard(clock, limit=flood_limit, window=flood_window),
        outbox=Outbox(send_limits, answer_lifetime=settings.answer_lifetime),
    )
    application.bot_data[SERVICES_KEY] = services
    register_handlers(application, services)
    return application


def register_handlers(application: BotApp, services: Services) -> None:
    """Every handler of the bot, in one place. Order matters.

    Group −2: the flood gate sees every new message first and may stop it.
    Group −1: edited messages are ignored (policy: we answer a question once; the user can
    send it again), so no command or text handler below ever sees them.
    Group 0: within a group only the first matching handler runs, so specific handlers come
    before catch-alls: commands, then buttons, inline, chat membership, then unknown
    commands, media refusals, free text, and last the stale-button reply.
    """
    add = application.add_handler
    add(MessageHandler(filters.UpdateType.MESSAGE, messages.flood_gate), group=-2)
    add(MessageHandler(filters.UpdateType.EDITED, messages.ignore_edit), group=-1)

    # Public commands (answers come from the engine or from knowledge/texts/telegram.yaml).
    add(CommandHandler("start", commands.start))
    add(CommandHandler(["hjelp", "help"], commands.help_command))
    add(CommandHandler("vinnere", commands.winners))
    add(CommandHandler("nominerte", commands.nominees))
    add(CommandHandler("kriterier", commands.criteria))
    add(CommandHandler("stem", commands.vote))
    add(CommandHandler("om", commands.about))
    add(CommandHandler("slettmeg", commands.forget_me))
    # Admin commands: the callbacks answer non-admins like an unknown command.
    add(CommandHandler("status", admin.status))
    add(CommandHandler("reload", admin.reload))
    # Reminders (/abonner, /stopp, /send_test, /broadcast, my_chat_member, their buttons) and
    # pictures (/kart, /tidslinje, their buttons) register their own handlers here.
    for handler in integrations.handlers(services):
        add(handler)

    add(CallbackQueryHandler(callbacks.button, pattern=codec.PATTERN))
    add(InlineQueryHandler(inline.inline_query))
    add(MessageHandler(filters.COMMAND, messages.unknown_command))
    add(MessageHandler(MEDIA, messages.refuse_media))
    add(MessageHandler(filters.TEXT & ~filters.COMMAND, messages.free_text))
    add(CallbackQueryHandler(callbacks.stale_button))

    application.add_error_handler(on_error)


def command_menu(texts: Texts, prefix: str = "commands") -> list[BotCommand]:
    """BotCommand list from ``telegram.<prefix>.*`` in file order."""
    return [BotCommand(name, description[:256]) for name, description in texts.group(prefix)]


async def post_init(application: BotApp) -> None:
    """Open the database, start the reminders service, publish commands and descriptions."""
    services = services_of(application)
    services.db = connect(services.settings.database_path)
    services.bot_username = application.bot.username
    await integrations.start(application, services)
    services.services_running = True
    texts = services.texts
    bot = application.bot
    public = command_menu(texts)
    await bot.set_my_commands(public, scope=BotCommandScopeDefault())
    await bot.set_my_description(texts.get("bot.description")[:512])
    await bot.set_my_short_description(texts.get("bot.short_description")[:120])
    for admin_id in sorted(services.settings.admin_ids):
        try:
            await bot.set_my_commands(
                public + command_menu(texts, "admin_commands"),
                scope=BotCommandScopeChat(admin_id),
            )
        except TelegramError as exc:  # the admin has not started a chat with the bot yet
            log.warning("could not set the admin command menu: %s", exc)
    log.info(
        "bot @%s ready, fact base %s", services.bot_username, services.holder.engine.kb.version
    )


async def post_stop(application: BotApp) -> None:
    """Stop the reminders service, then let the outbox send what is queued (a few seconds at
    most), while the bot's HTTP client is still open."""
    services = services_of(application)
    if services.services_running:
        services.services_running = False
        await integrations.stop(application, services)
    await services.outbox.close(OUTBOX_DRAIN_SECONDS)


async def post_shutdown(application: BotApp) -> None:
    """Stop the services if ``post_stop`` did not run, then close the database."""
    await post_stop(application)
    services = services_of(application)
    if services.db is not None:
        services.db.close()
        services.db = None


__all__ = ["Update", "build_application", "register_handlers"]
