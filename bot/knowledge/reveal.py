"""What would give away a result not yet public: the view's rule for sources and texts.

While a round's winner is unannounced at ``now`` (or its round lies after ``now``), a source
whose title names that winner with a winning word («Lørenskog vant …», «… gikk til Tønsberg»)
is from after the award, and so is a source whose title names a year after ``now``'s
(«prisside, oppdatert juni 2024»). :func:`scrub` removes such sources from every sourced record
of the fact base (a record left without sources is dropped), and drops every sentence of a
sourced text or project description that names a pending winner (or a pending round's year)
with a winning word, or a year after ``now``'s. A figure whose reference year lies after
``now``'s year («16 faste ansatte i 2024» at a 2023 clock) is dropped whole, wherever it is
shown (profiles, passages, figure answers). The winning words are data:
``view.revealing_words`` in ``knowledge/texts/engine.yaml``.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from typing import Any

from bot.knowledge.models import Fact, Figure, KnowledgeBase, Person, Project, Source
from bot.knowledge.texts import bundled_texts

WORDS_KEY = "engine.view.revealing_words"
_DROP = object()
"""Marks a record the scrub removes."""
_SENTENCE = re.compile(r"(?<=[.!?»])\s+(?=[A-ZÆØÅ«])")
_YEAR = re.compile(r"\b(20\d\d)\b")


def revealing_words(kb: KnowledgeBase) -> tuple[str, ...]:
    """The winning words of ``knowledge/texts/engine.yaml`` (the bundled file as fallback)."""
    raw = kb.texts.get(WORDS_KEY) or bundled_texts("engine").get(WORDS_KEY, "")
    return tuple(w.strip().lower() for w in raw.split("|") if w.strip())


def _any_of(items: Iterable[str]) -> re.Pattern[str] | None:
    found = sorted({i for i in items if i}, key=len, reverse=True)
    if not found:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(i) for i in found) + r")(?!\w)", re.I)


@dataclasses.dataclass(frozen=True)
class Reveals:
    """Tells whether a title or sentence gives away a result not public at a moment."""

    names: re.Pattern[str] | None
    """Pending winners' names (municipality and entrant)."""
    words: re.Pattern[str] | None
    year: int
    """``now``'s year: a source title naming a later year is from after ``now``."""
    rounds: re.Pattern[str] | None = None
    """The pending rounds' years: a sentence naming one with a winning word tells the result
    («Hun delte ut prisen for … 2025»)."""

    def text(self, text: str) -> bool:
        """True when ``text`` names a pending winner together with a winning word."""
        return bool(
            self.names is not None
            and self.words is not None
            and self.names.search(text)
            and self.words.search(text)
        )

    def sentence(self, text: str) -> bool:
        """True when a sentence of a fact gives the result away or tells of a later year."""
        if self.text(text) or self.later(text):
            return True
        return bool(
            self.rounds is not None
            and self.words is not None
            and self.rounds.search(text)
            and self.words.search(text)
        )

    def later(self, text: str) -> bool:
        """True when ``text`` names a year after the moment's."""
        return any(int(y) > self.year for y in _YEAR.findall(text))

    def source(self, source: Source) -> bool:
        """True when ``source`` is from after the moment (names the win, or a later year)."""
        return self.later(source.title) or self.text(source.title)


def latest_dated(kb: KnowledgeBase) -> int:
    """The latest reference year of a figure in ``kb`` (0 when there is none): a moment in an
    earlier year must have the fact base scrubbed even when no round is later or pending."""
    years = (f.year for r in kb.years.values() for p in r.profiles for f in p.figures)
    return max(years, default=0)


def reveals(kb: KnowledgeBase, pending: Iterable[int], year: int) -> Reveals:
    """The rule for the rounds ``pending`` (winner not yet public) in the year ``year``."""
    names: list[str] = []
    rounds: list[str] = []
    for round_year in pending:
        record = kb.years.get(round_year)
        if record is None or record.winner is None:
            continue
        rounds.append(str(round_year))
        entrant = record.winner.value
        names += [entrant.name, entrant.municipality.name, *entrant.municipality.alt_names]
    return Reveals(_any_of(names), _any_of(revealing_words(kb)), year, _any_of(rounds))


def _sentences(text: str, rule: Reveals) -> str:
    """``text`` without its sentences that give the result away or tell of a later year
    ("" when none is left)."""
    kept = (s for s in _SENTENCE.split(text) if not rule.sentence(s))
    return " ".join(kept).strip()


def scrub(obj: Any, rule: Reveals) -> Any:
    """``obj`` without what ``rule`` says is not yet public (the same object when unchanged;
    the marker :data:`_DROP` when the whole record goes)."""
    if isinstance(obj, tuple):
        items = [scrub(item, rule) for item in obj]
        kept = tuple(item for item in items if item is not _DROP)
        if len(kept) == len(obj) and all(a is b for a, b in zip(kept, obj, strict=True)):
            return obj
        return kept
    if isinstance(obj, dict):
        out = {k: scrub(v, rule) for k, v in obj.items()}
        if all(out[k] is v for k, v in obj.items()):
            return obj
        return {k: (None if v is _DROP else v) for k, v in out.items()}
    if not dataclasses.is_dataclass(obj) or isinstance(obj, (type, Source)):
        return obj
    changes: dict[str, Any] = {}
    for spec in dataclasses.fields(obj):
        value = getattr(obj, spec.name)
        if spec.name == "sources" and isinstance(value, tuple):
            kept = tuple(s for s in value if not rule.source(s))
            if value and not kept:
                return _DROP
            if len(kept) != len(value):
                changes["sources"] = kept
            continue
        new = scrub(value, rule)
        if new is _DROP:
            if spec.default is None:
                new = None
            elif spec.default_factory is not dataclasses.MISSING:
                new = spec.default_factory()
            else:
                return _DROP  # a required part is gone: so is the record
        if new is not value:
            changes[spec.name] = new
    if isinstance(obj, Fact) and isinstance(obj.value, str):
        text = _sentences(obj.value, rule)
        if not text:
            return _DROP
        if text != obj.value:
            changes["value"] = text
    if isinstance(obj, Person) and obj.said is not None and rule.text(obj.said):
        return _DROP
    if isinstance(obj, Figure) and (obj.year > rule.year or rule.later(obj.sentence or "")):
        return _DROP  # its reference year is after the moment: not known yet
    if isinstance(obj, Project):
        text = _sentences(obj.description, rule)
        if not text:
            return _DROP
        if text != obj.description:
            changes["description"] = text
    return dataclasses.replace(obj, **changes) if changes else obj


def scrub_root(obj: Any, rule: Reveals) -> Any:
    """Like :func:`scrub` for a record that must stay (the prize, a prize year): a required
    part the scrub would drop is kept as it was."""
    changes: dict[str, Any] = {}
    for spec in dataclasses.fields(obj):
        value = getattr(obj, spec.name)
        new = scrub(value, rule)
        if new is _DROP:
            if spec.default is None:
                new = None
            elif spec.default_factory is not dataclasses.MISSING:
                new = spec.default_factory()
            else:
                continue  # required here: kept as it was
        if new is not value:
            changes[spec.name] = new
    return dataclasses.replace(obj, **changes) if changes else obj
