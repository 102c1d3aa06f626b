"""Command line entry point: ``python -m bot <command> …``.

Each command lives in its own module under ``bot/cli/`` exposing
``add_arguments(parser)`` and ``run(args) -> int``; this file only dispatches.
"""

from __future__ import annotations

import argparse
import importlib
import sys

COMMANDS: dict[str, tuple[str, str]] = {
    "ask": ("bot.cli.ask", "Still ett spørsmål (eller mange med --batch) og skriv svaret."),
    "chat": ("bot.cli.chat", "Samtale i terminalen med samme motor, med kontekst."),
    "check": ("bot.cli.check", "Valider faktabasen i knowledge/."),
    "start": ("bot.cli.start", "Start Telegram-boten, eller terminalchat uten TELEGRAM_BOT_TOKEN."),
    "run": ("bot.cli.run", "Start Telegram-boten (long polling eller webhook)."),
    "unanswered": ("bot.cli.unanswered", "Vis ubesvarte spørsmål, gruppert og talt."),
    "health": ("bot.cli.health", "Helsesjekk: faktabase og database."),
    "backup": ("bot.cli.backup", "Ta en konsistent kopi av SQLite-databasen."),
    "render": ("bot.cli.render", "Tegn kart eller tidslinje til PNG."),
}


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """Build the top-level parser; with ``only`` import just that command's module."""
    parser = argparse.ArgumentParser(prog="python -m bot", description="Prisbot")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="KOMMANDO")
    for name, (module_name, help_text) in COMMANDS.items():
        if only is not None and name != only:
            subparsers.add_parser(name, help=help_text)
            continue
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        sub = subparsers.add_parser(name, help=help_text, description=help_text)
        module.add_arguments(sub)
        sub.set_defaults(_module=module)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Parse ``argv`` and run the chosen command, returning its exit code."""
    arguments = sys.argv[1:] if argv is None else argv
    chosen = arguments[0] if arguments and arguments[0] in COMMANDS else None
    args = build_parser(chosen).parse_args(arguments)
    return int(args._module.run(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
