"""``python -m bot run``: start the Telegram bot (long polling, or a webhook when
BOT_WEBHOOK_URL is set). A missing or malformed token → one line on stderr, exit code 2."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from urllib.parse import urlsplit

from bot.settings import Settings, SettingsError, load_settings

EXIT_CONFIG = 2
EXIT_UNREACHABLE = 1
log = logging.getLogger("bot.run")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``run``."""
    parser.add_argument(
        "--drop-pending",
        action="store_true",
        help="hopp over meldinger som kom mens boten var nede",
    )


def fail(message: str) -> int:
    """Print one clear line on stderr and return the configuration exit code."""
    print(f"feil: {message}", file=sys.stderr)
    return EXIT_CONFIG


def setup_logging(settings: Settings) -> None:
    """The project's logging setup (bot/logs.py), with httpx's per-request lines left out."""
    from bot.logs import setup_logging as project_setup

    project_setup(settings)
    logging.getLogger("httpx").setLevel(logging.WARNING)


async def preflight(settings: Settings) -> tuple[int, str] | None:
    """Ask Telegram who we are before starting: a rejected token or an unreachable server
    becomes one clear line instead of PTB's logged traceback."""
    from telegram import Bot
    from telegram.error import InvalidToken, NetworkError

    token = settings.require_token()
    try:
        client = Bot(token, base_url=settings.api_base_url) if settings.api_base_url else Bot(token)
        async with client as bot:
            log.info("Telegram knows the bot as @%s", bot.username)
    except InvalidToken:
        return EXIT_CONFIG, "Telegram godtok ikke TELEGRAM_BOT_TOKEN; sjekk tokenet fra @BotFather."
    except NetworkError as exc:
        return EXIT_UNREACHABLE, f"får ikke kontakt med Telegram Bot API ({exc})."
    return None


def run(args: argparse.Namespace) -> int:
    """Validate settings, load the fact base, build the application and run it until stopped."""
    try:
        settings = load_settings()
        settings.require_token()
    except SettingsError as exc:
        return fail(str(exc))
    if settings.webhook_url and not settings.webhook_secret:
        # Without the secret anyone who finds the address could post updates as Telegram.
        return fail(
            "BOT_WEBHOOK_URL er satt, men BOT_WEBHOOK_SECRET mangler; webhook starter ikke uten. "
            "Lag en med: python -c 'import secrets; print(secrets.token_urlsafe(32))'"
        )

    from telegram import Update
    from telegram.error import InvalidToken

    from bot.engine.holder import EngineHolder
    from bot.knowledge.yamlio import KnowledgeError
    from bot.telegram.app import build_application
    from bot.telegram.textcheck import check_text_files

    setup_logging(settings)
    problem = asyncio.run(preflight(settings))
    if problem is not None:
        code, message = problem
        print(f"feil: {message}", file=sys.stderr)
        return code
    try:
        holder = EngineHolder(settings.knowledge_dir)
    except KnowledgeError as exc:
        for issue in exc.issues:
            print(f"feil: {issue}", file=sys.stderr)
        return EXIT_CONFIG
    text_issues = check_text_files(settings.knowledge_dir)
    for issue in text_issues:
        print(f"feil: {issue}", file=sys.stderr)
    if text_issues:
        return EXIT_CONFIG
    application = build_application(settings, holder)
    try:
        if settings.webhook_url:
            application.run_webhook(
                listen=settings.listen,
                port=settings.port,
                url_path=urlsplit(settings.webhook_url).path.lstrip("/"),
                webhook_url=settings.webhook_url,
                secret_token=settings.webhook_secret,
                allowed_updates=Update.ALL_TYPES,
                drop_pending_updates=args.drop_pending,
            )
        else:
            application.run_polling(
                allowed_updates=Update.ALL_TYPES, drop_pending_updates=args.drop_pending
            )
    except InvalidToken:
        return fail("Telegram godtok ikke TELEGRAM_BOT_TOKEN; sjekk tokenet fra @BotFather.")
    return 0
