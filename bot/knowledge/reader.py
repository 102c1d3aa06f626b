"""Typed field readers for one knowledge file that collect every issue instead of stopping.

Each reader takes the parent mapping (or list) and a key, so an issue can name the exact
line. A reader returns ``None`` when the value is missing, wrong or written as a literal
``unknown``/``none``; the caller keeps going and the loader raises once at the end.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from datetime import date, datetime, time
from typing import Any

from bot.knowledge.models import Fact, Moment, Source
from bot.knowledge.yamlio import KnowledgeIssue, LDict, LList, child

UNKNOWN = "unknown"
"""Literal word: the sources found nothing."""
NONE = "none"
"""Literal word: does not exist / does not apply."""
LITERALS = (UNKNOWN, NONE)

MIN_YEAR = 1990
MAX_YEAR = 2100

FACT_KEYS = ("text", "source", "note", "user_note")
MOMENT_KEYS = ("date", "time", "source", "note", "user_note")

_ABBREVIATIONS = "".join(rf"(?<!\b{a}\.)" for a in ("kl", "ca", "nr", "jf", "eks", "pkt", "st"))
_SENTENCE_START = re.compile(
    rf"(?:^|(?<=[^\d\s][.!?]){_ABBREVIATIONS}\s|:\s)\s*([«\"(]?)(\d|\{{value\}})"
)
"""A sentence that opens with a digit (or a figure's ``{value}``): at the start of the text,
after a colon, or after a full stop that closes neither an ordinal («4. mai») nor an
abbreviation («kl. 12.00», «ca. 300»)."""


def digit_start(text: str) -> str | None:
    """The start of the first sentence of ``text`` that begins with a number, or ``None``:
    Norwegian style does not open a sentence with digits («53 prosent av …» →
    «Av … var 53 prosent …»)."""
    found = _SENTENCE_START.search(text)
    return text[found.start(2) : found.start(2) + 30] if found else None


class FileReader:
    """Reads fields of one YAML file and records issues against its display name."""

    def __init__(
        self, file: str, issues: list[KnowledgeIssue], sources: dict[str, Source] | None = None
    ) -> None:
        self.file = file
        self.issues = issues
        self.sources = sources if sources is not None else {}

    # -- reporting -------------------------------------------------------------------------

    def error(self, line: int, message: str) -> None:
        """Record one issue at ``line`` of this file."""
        self.issues.append(KnowledgeIssue(self.file, line, message))

    # -- structure -------------------------------------------------------------------------

    def mapping(self, parent: LDict | LList, key: str | int, what: str) -> LDict | None:
        """Return ``parent[key]`` if it is a mapping, else record an issue."""
        value, line = child(parent, key)
        if isinstance(value, LDict):
            return value
        self.error(line, f"«{what}» må være en oppslagsliste med nøkler")
        return None

    def keys(
        self,
        data: LDict,
        allowed: Iterable[str],
        required: Iterable[str] = (),
        where: str = "",
    ) -> bool:
        """Report unknown keys (with a suggestion) and missing required keys; True if clean."""
        allowed = tuple(allowed)
        clean = True
        place = f" i «{where}»" if where else ""
        for key in data:
            if key not in allowed:
                clean = False
                self.error(
                    data.line_of(key), f"ukjent nøkkel «{key}»{place}{suggest(key, allowed)}"
                )
        for key in required:
            if key not in data:
                clean = False
                self.error(data.line, f"mangler påkrevd nøkkel «{key}»{place}")
        return clean

    # -- scalars ---------------------------------------------------------------------------

    def text(self, parent: LDict | LList, key: str | int, what: str) -> str | None:
        """A non-empty string (numbers are accepted and turned into text)."""
        value, line = child(parent, key)
        if isinstance(value, bool) or value is None or isinstance(value, LDict | LList):
            self.error(line, f"«{what}» må være en tekst")
            return None
        if isinstance(value, int | float):
            return str(value)
        if not isinstance(value, str) or not value.strip():
            self.error(line, f"«{what}» må være en tekst som ikke er tom")
            return None
        return value.strip()

    def integer(self, parent: LDict | LList, key: str | int, what: str) -> int | None:
        """A whole number."""
        value, line = child(parent, key)
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(line, f"«{what}» må være et heltall, ikke «{value}»")
            return None
        return value

    def year(self, parent: LDict | LList, key: str | int, what: str) -> int | None:
        """A four-digit year within a sane range."""
        value, line = child(parent, key)
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value.strip())
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(line, f"«{what}» må være et årstall som 2021, ikke «{value}»")
            return None
        if not MIN_YEAR <= value <= MAX_YEAR:
            self.error(
                line,
                f"«{what}» = {value} er ikke et gyldig årstall ({MIN_YEAR}–{MAX_YEAR})",
            )
            return None
        return value

    def day(self, parent: LDict | LList, key: str | int, what: str) -> date | None:
        """A calendar date written ``YYYY-MM-DD``."""
        value, line = child(parent, key)
        if isinstance(value, datetime):
            self.error(
                line, f"«{what}» skal bare være en dato (ÅÅÅÅ-MM-DD); legg klokkeslett i «time»"
            )
            return None
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.error(line, f"ugyldig dato «{value}» i «{what}»: skriv ÅÅÅÅ-MM-DD, f.eks. 2021-11-19")
        return None

    def clock_time(self, parent: LDict | LList, key: str | int, what: str) -> time | None:
        """A time of day written ``"HH:MM"`` (quoted)."""
        value, line = child(parent, key)
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 24 * 60:
            hours, minutes = divmod(value, 60)
            self.error(
                line,
                f"klokkeslettet i «{what}» må stå i anførselstegn, f.eks. "
                f'"{hours:02d}:{minutes:02d}" (uten anførselstegn leser YAML det som et tall)',
            )
            return None
        if isinstance(value, str):
            parsed = parse_clock(value)
            if parsed is not None:
                return parsed
        self.error(line, f'ugyldig klokkeslett «{value}» i «{what}»: skriv "TT:MM", f.eks. "09:00"')
        return None

    def boolean_or_unknown(self, parent: LDict, key: str, what: str) -> bool | str | None:
        """``true``/``false``, or the literal ``unknown`` (returned as the string)."""
        value = parent[key]
        if isinstance(value, bool):
            return value
        if value == UNKNOWN:
            return UNKNOWN
        self.error(
            parent.line_of(key), f"«{what}» må være true, false eller unknown, ikke «{value}»"
        )
        return None

    # -- sources and facts -----------------------------------------------------------------

    def source_list(self, data: LDict, what: str) -> tuple[Source, ...] | None:
        """The ``source:`` list of a fact: every key must be defined in sources.yaml."""
        if "source" not in data:
            self.error(data.line, f"«{what}» mangler kilde: legg til «source: [nøkkel]»")
            return None
        raw = data["source"]
        line = data.line_of("source")
        if isinstance(raw, str):
            self.error(line, f"«source» i «{what}» må være en liste, f.eks. [{raw}]")
            return None
        if not isinstance(raw, LList) or not raw:
            self.error(
                line, f"«{what}» mangler kilde: «source» må være en liste med minst én nøkkel"
            )
            return None
        found: list[Source] = []
        for index, item in enumerate(raw):
            if not isinstance(item, str):
                self.error(raw.line_of(index), f"kildenøkkel må være en tekst, ikke «{item}»")
                continue
            source = self.sources.get(item)
            if source is None:
                self.error(
                    raw.line_of(index),
                    f"ukjent kilde «{item}»{suggest(item, self.sources)}: "
                    "definer den i knowledge/sources.yaml",
                )
                continue
            if source not in found:
                found.append(source)
        return tuple(found) if len(found) == len(raw) else None

    def note(self, data: LDict) -> str | None:
        """The optional curator ``note:`` of a fact (never shown to users)."""
        return self.text(data, "note", "note") if "note" in data else None

    def user_note(self, data: LDict) -> str | None:
        """The optional ``user_note:`` of a fact: a full sentence users see under the answer
        (no label is put in front of it, so it must read as a sentence on its own)."""
        if "user_note" not in data:
            return None
        note = self.text(data, "user_note", "user_note")
        if note and not (note[:1].isupper() and note.endswith((".", "»"))):
            _, line = child(data, "user_note")
            self.error(line, "«user_note» må være hele setninger: stor forbokstav og punktum")
        return note

    def is_literal(self, parent: LDict | LList, key: str | int, allowed: tuple[str, ...]) -> bool:
        """True when the value is one of the literal words ``unknown``/``none`` allowed here."""
        value, _ = child(parent, key)
        return isinstance(value, str) and value in allowed

    def text_fact(
        self,
        parent: LDict | LList,
        key: str | int,
        what: str,
        literals: tuple[str, ...] = LITERALS,
        text_key: str = "text",
        extra_keys: tuple[str, ...] = (),
        extra_required: tuple[str, ...] = (),
    ) -> Fact[str] | None:
        """``{text, source, note?}``; a literal ``unknown``/``none`` gives ``None``.

        ``extra_keys`` are further keys the caller reads itself (``from``/``to`` of an era).
        """
        if self.is_literal(parent, key, literals):
            return None
        value, line = child(parent, key)
        if not isinstance(value, LDict):
            self.error(line, _expected_mapping(what, text_key, literals, value))
            return None
        allowed = (*extra_keys, text_key, "source", "note", "user_note")
        self.keys(value, allowed, (*extra_required, text_key), what)
        sources = self.source_list(value, what)
        text = self.text(value, text_key, f"{what}.{text_key}") if text_key in value else None
        note = self.note(value)
        if text is None or sources is None:
            return None
        if text_key == "text" and (start := digit_start(text)) is not None:
            self.error(
                value.line_of(text_key),
                f"en setning i «{what}.{text_key}» begynner med et tall («{start}…»): skriv "
                "setningen om så tallet står lenger ut («Av deltakerne var 53 prosent …»)",
            )
            return None
        return Fact(text, sources, note, self.user_note(value))

    def moment_fact(
        self, parent: LDict, key: str, what: str, literals: tuple[str, ...] = LITERALS
    ) -> Fact[Moment] | None:
        """``{date, time?, source, note?}``; a literal ``unknown``/``none`` gives ``None``."""
        if self.is_literal(parent, key, literals):
            return None
        value = parent[key]
        if not isinstance(value, LDict):
            self.error(parent.line_of(key), _expected_mapping(what, "date", literals, value))
            return None
        self.keys(value, MOMENT_KEYS, ("date",), what)
        sources = self.source_list(value, what)
        day = self.day(value, "date", f"{what}.date") if "date" in value else None
        at = self.clock_time(value, "time", f"{what}.time") if "time" in value else None
        note = self.note(value)
        if day is None or sources is None or ("time" in value and at is None):
            return None
        return Fact(Moment(day, at), sources, note, self.user_note(value))


def parse_clock(value: str) -> time | None:
    """Parse ``HH:MM`` (24-hour clock) or return None."""
    hours, sep, minutes = value.strip().partition(":")
    if not sep or not (hours.isdigit() and minutes.isdigit()) or len(minutes) != 2:
        return None
    if len(hours) > 2 or int(hours) > 23 or int(minutes) > 59:
        return None
    return time(int(hours), int(minutes))


def suggest(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (mente du «{close[0]}»?)" if close else ""


def _expected_mapping(what: str, main_key: str, literals: tuple[str, ...], value: Any) -> str:
    words = " eller ".join(literals)
    tail = f", eller {words}" if literals else ""
    shown = "tom" if value is None else f"«{value}»"
    return f"«{what}» må være {{{main_key}: …, source: […]}}{tail}; fant {shown}"
