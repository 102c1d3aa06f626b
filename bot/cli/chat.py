"""``python -m bot chat``: a terminal conversation with the engine, context included."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from bot.engine.cli_support import add_common_arguments, load_engine, moment, render
from bot.engine.engine import Engine
from bot.engine.types import Answer, Conversation

QUIT_COMMANDS = frozenset({"/avslutt", "/quit", "/exit"})


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Register the command's arguments."""
    add_common_arguments(parser)


def _choices(answer: Answer) -> list[tuple[str, str, str]]:
    """(label, question, action) the user can pick by number: follow-ups, then suggestions."""
    picks: list[tuple[str, str, str]] = [(f.label, f.question, f.action) for f in answer.followups]
    picks.extend((s, s, "ask") for s in answer.suggestions)
    return picks


def chat(engine: Engine, args: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> int:
    """Run the conversation loop until «/avslutt» or end of input."""
    t = engine.texts
    context = Conversation()
    choices: list[tuple[str, str, str]] = []
    print(t("cli.chat_intro"), file=stdout)
    while True:
        print(t("cli.prompt"), end="", file=stdout, flush=True)
        line = stdin.readline()
        if not line:
            print(file=stdout)
            break
        question = line.strip()
        if question.lower() in QUIT_COMMANDS:
            break
        if question.isdigit() and 1 <= int(question) <= len(choices):
            label, picked, action = choices[int(question) - 1]
            if action != "ask":
                print(t("cli.picture", label=label), file=stdout)
                continue
            question = picked
        answer = engine.answer(question, now=moment(args), context=context)
        print(t("cli.bot") + render(engine, answer), file=stdout)
        choices = _choices(answer)
        if choices:
            print(t("cli.choices"), file=stdout)
            for number, (label, _, _) in enumerate(choices, start=1):
                print(t("cli.choice_line", number=number, label=label), file=stdout)
    print(t("cli.bye"), file=stdout)
    return 0


def run(args: argparse.Namespace) -> int:
    """Start the terminal chat; exit 1 when the knowledge cannot be loaded."""
    engine = load_engine(args)
    if engine is None:
        return 1
    return chat(engine, args, sys.stdin, sys.stdout)
