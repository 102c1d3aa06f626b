"""Answers that are one fixed text (greetings, help, subscribing) and answers the sources
cannot give (``unknown: true`` intents in intents.yaml)."""

from __future__ import annotations

from dataclasses import replace

from bot.engine.history import History
from bot.engine.texts import Texts
from bot.engine.types import FollowUp, FollowUpAction

from .reply import Handler, Reply, Request


def fixed_text(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """The intent's own text, ``<intent>.text`` in texts/engine.yaml."""
    reply.say(texts(f"{request.intent}.text"))


def subscribe(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """How to get a reminder before the vote closes, with the subscribe button."""
    fixed_text(view, texts, request, reply)
    reply.followups.append(FollowUp(texts("followup.subscribe"), "", FollowUpAction.SUBSCRIBE))


def unknown(
    view: History,
    texts: Texts,
    request: Request,
    reply: Reply,
    *,
    nearby: tuple[tuple[str, Handler], ...],
) -> None:
    """Say plainly that the sources do not answer (``unknown.<intent>``), then what is known
    nearby: each ``(intent, handler)`` answers as if asked."""
    reply.say(texts(f"unknown.{request.intent}"))
    for name, handler in nearby:
        handler(view, texts, replace(request, intent=name), reply)
