"""``python -m bot start``: Telegram when a token is set, otherwise the terminal chat."""

from __future__ import annotations

import argparse
import importlib
import sys

from bot.cli import chat
from bot.engine.cli_support import add_common_arguments, load_engine
from bot.settings import SettingsError, load_settings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Register the command's arguments."""
    add_common_arguments(parser)


def run(args: argparse.Namespace) -> int:
    """Run the Telegram bot (``bot.cli.run``) or, without a token, the terminal chat."""
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(exc, file=sys.stderr)
        return 1
    engine = load_engine(args)
    if engine is None:
        return 1
    if settings.token:
        telegram = importlib.import_module("bot.cli.run")
        parser = argparse.ArgumentParser(prog="python -m bot run")
        telegram.add_arguments(parser)
        return int(telegram.run(parser.parse_args([])) or 0)
    print(engine.texts("cli.no_token"))
    return chat.chat(engine, args, sys.stdin, sys.stdout)
