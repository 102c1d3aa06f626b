"""Compose a reply for a request: pick the handler, give it the facts as known at the
request's moment, then add the caveats and keep the text under Telegram's limit."""

from __future__ import annotations

from datetime import datetime
from functools import partial

from bot.engine.history import History
from bot.engine.texts import Texts
from bot.knowledge.models import KnowledgeBase

from .common import prune_followups, topic
from .fixed import unknown
from .known import known_at
from .reply import Handler, Reply, Request, limit
from .table import HANDLERS


class Composer:
    """Answers requests from one fact base and one set of templates (no per-request state)."""

    def __init__(self, kb: KnowledgeBase, texts: Texts) -> None:
        self.kb = kb
        self.texts = texts
        self._handlers: dict[str, Handler] = dict(HANDLERS)

    def knows(self, intent: str) -> bool:
        """True when an intent has a handler or a prize topic of the same name."""
        return intent in self._handlers or intent in self.kb.prize.topics

    def add_unknown(self, intent: str, nearby: tuple[str, ...]) -> list[str]:
        """Answer ``intent`` with «the sources do not say» and then the ``nearby`` answers;
        return the problems instead (a missing text, an unknown nearby answer)."""
        problems = []
        key = f"unknown.{intent}"
        if not self.texts.has(key):
            problems.append(f"«{intent}» har «unknown: true», men teksten engine.{key} mangler")
        problems += [
            f"«{intent}»: ukjent svar «{n}» i «nearby»" for n in nearby if not self.knows(n)
        ]
        if not problems:
            resolved = tuple((name, self._handlers.get(name, topic)) for name in nearby)
            self._handlers[intent] = partial(unknown, nearby=resolved)
        return problems

    def view_at(self, now: datetime) -> History:
        """The fact base as a user at ``now`` could know it (every answer reads this)."""
        return known_at(self.kb, now)

    def compose(self, request: Request) -> Reply:
        """Build the reply for ``request`` from what was known at ``request.now``."""
        reply = Reply(now=request.now)
        handler = self._handlers.get(request.intent, topic)
        view = self.view_at(request.now)
        handler(view, self.texts, request, reply)
        prune_followups(view, self.texts, reply)
        for note in reply.notes:
            reply.parts.append(self.texts("format.note", note=note))
        limit(reply, self.texts)
        return reply
