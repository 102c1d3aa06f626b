"""Public types of the answer engine, shared by every front end (CLI, Telegram, inline)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from bot.knowledge.models import Source


class FollowUpAction(StrEnum):
    """What pressing a follow-up button does."""

    ASK = "ask"
    """Send the follow-up's ``question`` to the engine."""
    MAP = "map"
    """Send the map (``question`` holds the year, or is empty for every year)."""
    TIMELINE = "timeline"
    """Send the timeline picture."""
    SUBSCRIBE = "subscribe"
    """Offer the voting reminder."""


@dataclass(frozen=True)
class FollowUp:
    """A follow-up the front end can offer as a button."""

    label: str
    """Button text in Norwegian (``Nominerte samme år``)."""
    question: str
    """Canonical question the engine answers when the button is pressed (``nominerte 2021``)."""
    action: FollowUpAction = FollowUpAction.ASK
    """What the button does (a plain string such as ``"map"`` is read as its action)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "action", FollowUpAction(self.action))


@dataclass(frozen=True)
class Answer:
    """The engine's reply to one question. ``text`` is plain text (no markup)."""

    question: str
    text: str
    matched: bool
    """False when the engine refused, fell back or only offers suggestions."""
    confidence: float
    """0–1."""
    intent: str | None
    sources: tuple[Source, ...] = ()
    """The sources shown with the answer: at most three, the most specific first."""
    more_sources: tuple[Source, ...] = ()
    """Further sources behind the facts, offered behind «Flere kilder» (or counted)."""
    suggestions: tuple[str, ...] = ()
    """«Mente du …?» questions, at most three."""
    followups: tuple[FollowUp, ...] = ()
    years: tuple[int, ...] = ()
    municipality: str | None = None
    best_guess: str | None = None
    """The intent that ranked first, also when the engine did not answer with it (curators
    see it next to unanswered questions)."""

    def to_json(self) -> dict[str, Any]:
        """Return the JSON object printed by ``ask --json``."""
        return {
            "question": self.question,
            "answer": self.text,
            "matched": self.matched,
            "confidence": round(self.confidence, 3),
            "intent": self.intent,
            "sources": [s.url or s.title for s in self.sources],
            "suggestions": list(self.suggestions),
            # the buttons under the answer in Telegram: label, the question pressing it asks
            # (a year or "" for a picture) and what it does
            "followups": [
                {"label": f.label, "question": f.question, "action": str(f.action)}
                for f in self.followups
            ],
        }


CONTEXT_TTL = timedelta(minutes=30)


@dataclass
class Conversation:
    """Context a caller keeps between turns so follow-ups resolve against the last answer."""

    intent: str | None = None
    years: tuple[int, ...] = ()
    municipality: str | None = None
    """Name of the municipality last talked about (today's name)."""
    updated_at: datetime | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def expired(self, now: datetime, ttl: timedelta = CONTEXT_TTL) -> bool:
        """True when the last turn is older than ``ttl``."""
        return self.updated_at is not None and now - self.updated_at > ttl

    def reset(self) -> None:
        """Forget everything."""
        self.intent, self.years, self.municipality, self.updated_at = None, (), None, None
        self.extra.clear()
