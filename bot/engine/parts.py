"""What the engine's jobs share: the parts an :class:`~bot.engine.engine.Engine` is built from.

The engine is one object built in layers, one job per module: :mod:`bot.engine.refusals`
(refusals and «Mente du …?» suggestions), :mod:`bot.engine.question` (answering one question),
:mod:`bot.engine.message` (reading a whole message: statements before a question, questions
that point back, two questions in one) and :mod:`bot.engine.engine` (building the parts and the
public ``answer``). Each layer reads the parts declared here.
"""

from __future__ import annotations

from datetime import datetime

from bot.clock import OSLO
from bot.engine.answers import Composer
from bot.engine.extract import Extractor, Parsed
from bot.engine.frames import Frames
from bot.engine.intents import IntentSpec
from bot.engine.lexicon import Synonyms
from bot.engine.lookup import Lookup
from bot.engine.matcher import IntentMatcher
from bot.engine.otherprize import OtherPrizeFinder
from bot.engine.places import PlaceIndex
from bot.engine.requests import RequestBuilder
from bot.engine.texts import Texts
from bot.engine.types import Answer, Conversation
from bot.engine.understanding import Understanding
from bot.knowledge.models import KnowledgeBase

OWN_PLACE = "own_place"
"""Context key: the municipality was named by the writer as their own («Jeg jobber i Molde»)."""
_EXAMPLE_NOW = datetime(2000, 1, 1, tzinfo=OSLO)
"""Examples are normalised with a fixed clock: only their shape matters."""


class EngineParts:
    """The loaded files and the parts built from them (set by ``Engine.__init__``)."""

    kb: KnowledgeBase
    version: str
    intents: dict[str, IntentSpec]
    synonyms: Synonyms
    texts: Texts
    understanding: Understanding
    frames: Frames
    composer: Composer
    index: PlaceIndex
    requests: RequestBuilder
    extractor: Extractor
    other_prizes: OtherPrizeFinder
    lookup: Lookup
    keywords: dict[str, frozenset[str]]
    matcher: IntentMatcher

    def _answer_one(
        self,
        question: str,
        now: datetime,
        context: Conversation | None,
        parsed: Parsed | None = None,
    ) -> Answer:
        """Answer one question (no splitting); defined in :mod:`bot.engine.question`."""
        raise NotImplementedError
