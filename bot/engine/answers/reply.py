"""What a handler receives and fills: the :class:`Request`, the :class:`Reply`, and the limits."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypeAlias

from bot.engine.history import History
from bot.engine.places import Place, ProjectRef
from bot.engine.regions import Region
from bot.engine.texts import Texts
from bot.engine.types import FollowUp
from bot.knowledge.models import Era, Fact, Source

MAX_CHARS = 4000
"""Answers stay under Telegram's 4096 characters with room for the source list."""
MAX_YEARS = 25
"""At most this many years are listed one by one."""
MOST_WORDS = frozenset({"flest", "mest", "oftest", "ofte"})
"""Canonical words asking which of the places named has the most («flest», «oftest»)."""
MAX_PLACES = 3
"""At most this many municipalities named together are summed up («Asker og Bærum»)."""


@dataclass
class Request:
    """A question after extraction and context resolution."""

    intent: str
    now: datetime
    years: list[int] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    counties: list[str] = field(default_factory=list)
    region: Region | None = None
    """The region (landsdel) or former county (Hordaland, Viken …) the question named, from
    ``knowledge/regions.yaml``; None for one of today's counties."""
    regions: tuple[Region, ...] = ()
    """Every region of ``knowledge/regions.yaml`` (for «Hvilken landsdel har flest vinnere?»)."""
    projects: list[ProjectRef] = field(default_factory=list)
    relation: int = 0
    """-1 for «før <år>», +1 for «etter <år>» (a municipality's record before/after a year)."""
    focus: str = "both"
    """Which end of a voting window was asked about: ``open``, ``close`` or ``both``."""
    besides: Place | None = None
    """«Hvem andre var nominert?»: the municipality talked about, left out of the list."""
    statement: bool = False
    """Asked «når»/«hvor mange», not yes/no: answer without «Ja,»/«Nei,»."""
    repeat: bool = False
    """Asked whether it happened more than once («Vant Trondheim to ganger?»)."""
    people: list[str] = field(default_factory=list)
    """People of the fact base named in the question (as written there)."""
    words: list[str] = field(default_factory=list)
    """The question's canonical words (for answers that pick among facts by what was asked)."""
    days: tuple[date, date] | None = None
    """A day or week asked about («i går», «forrige uke») in which no award is known (the
    years of an award in it are in ``years``)."""
    when_won: bool = False
    """Asked about the round a municipality won («… da Drammen vant»)."""


@dataclass
class Reply:
    """Text parts, sources, follow-ups and the slots the answer was about."""

    parts: list[str] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    followups: list[FollowUp] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    municipality: str | None = None
    now: datetime | None = None
    notes: list[str] = field(default_factory=list)
    future: tuple[int, tuple[int, ...]] | None = None
    """The part that says which asked years lie after the clock, and those years (so a second
    such year joins that sentence instead of repeating it)."""
    """User notes (``user_note``) on the facts used, shown last; curator notes never are."""

    def say(self, text: str, *facts: Fact[Any] | Era[Any] | None) -> None:
        """Add a sentence and the sources of the facts behind it."""
        self.parts.append(text)
        self.cite(*facts)

    def cite(self, *facts: Fact[Any] | Era[Any] | None) -> None:
        """Add the sources of ``facts`` (deduplicated, in order)."""
        for fact in facts:
            if fact is None:
                continue
            real = fact.fact if isinstance(fact, Era) else fact
            for source in real.sources:
                if all((s.url or s.title) != (source.url or source.title) for s in self.sources):
                    self.sources.append(source)

    def note(self, *facts: Fact[Any] | None) -> None:
        """Keep the user notes of ``facts`` (each once) so the answer can show them; a
        curator's ``note`` is never shown."""
        for fact in facts:
            if fact is not None and fact.user_note and fact.user_note not in self.notes:
                self.notes.append(fact.user_note)

    @property
    def text(self) -> str:
        """The joined answer text."""
        return "\n".join(p for p in self.parts if p)


Handler: TypeAlias = Callable[[History, Texts, Request, Reply], None]
"""An intent's answer: reads the fact base as known at ``request.now`` (``view``) and the
templates (``texts``), and fills ``reply``."""


def limit(reply: Reply, texts: Texts) -> None:
    """Cut the text at a line boundary so it stays under MAX_CHARS."""
    text = reply.text
    if len(text) <= MAX_CHARS:
        return
    marker = texts("format.truncated")
    kept: list[str] = []
    size = len(marker) + 1
    for line in text.split("\n"):
        if size + len(line) + 1 > MAX_CHARS:
            break
        kept.append(line)
        size += len(line) + 1
    if not kept:
        kept = [text[: MAX_CHARS - len(marker) - 1]]
    reply.parts = [*kept, marker]
