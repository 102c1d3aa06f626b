"""Reading ``knowledge/reminders.yaml`` (reminder rules) and ``knowledge/texts/*.yaml``."""

from __future__ import annotations

import string
from typing import Any

from bot.knowledge.models import ReminderRule
from bot.knowledge.reader import FileReader
from bot.knowledge.yamlio import LDict, LList

RULE_KEYS = ("key", "anchor", "offset_days", "at", "template")
ANCHORS = ("opens", "closes")
MAX_OFFSET_DAYS = 60
REMINDER_PLACEHOLDERS = frozenset({"label", "year", "prize", "opens", "closes", "url", "how"})
"""Names a reminder template may use in braces, e.g. ``{closes}``."""


def read_reminder_rules(data: Any, reader: FileReader) -> tuple[ReminderRule, ...]:
    """Build the reminder rules: ``rules:`` list of {key, anchor, offset_days, at?, template}."""
    if not isinstance(data, LDict):
        reader.error(1, "filen må ha nøkkelen «rules:» med en liste av påminnelsesregler")
        return ()
    reader.keys(data, ("rules",), ("rules",))
    items = data.get("rules")
    if "rules" in data and not isinstance(items, LList):
        reader.error(data.line_of("rules"), "«rules» må være en liste")
        return ()
    if not isinstance(items, LList):
        return ()
    rules: list[ReminderRule] = []
    seen: set[str] = set()
    for index in range(len(items)):
        rule = _rule(items, index, reader, seen)
        if rule is not None:
            rules.append(rule)
    return tuple(rules)


def _rule(items: LList, index: int, reader: FileReader, seen: set[str]) -> ReminderRule | None:
    what = f"rules[{index + 1}]"
    entry = reader.mapping(items, index, what)
    if entry is None:
        return None
    before = len(reader.issues)
    reader.keys(entry, RULE_KEYS, ("key", "anchor", "offset_days", "template"), what)
    key = reader.text(entry, "key", f"{what}.key") if "key" in entry else None
    if key is not None and key in seen:
        reader.error(entry.line_of("key"), f"regelen «{key}» står to ganger")
    elif key is not None:
        seen.add(key)
    anchor = entry.get("anchor")
    if "anchor" in entry and anchor not in ANCHORS:
        reader.error(
            entry.line_of("anchor"), f"«{what}.anchor» må være opens eller closes, ikke «{anchor}»"
        )
    offset = (
        reader.integer(entry, "offset_days", f"{what}.offset_days")
        if "offset_days" in entry
        else None
    )
    if offset is not None and abs(offset) > MAX_OFFSET_DAYS:
        reader.error(
            entry.line_of("offset_days"),
            f"«{what}.offset_days» = {offset} er urimelig; bruk et tall mellom "
            f"-{MAX_OFFSET_DAYS} og {MAX_OFFSET_DAYS} (negativt = før)",
        )
    at = reader.clock_time(entry, "at", f"{what}.at") if "at" in entry else None
    template = reader.text(entry, "template", f"{what}.template") if "template" in entry else None
    if template is not None:
        _check_template(template, entry.line_of("template"), what, reader)
    if len(reader.issues) > before or key is None or offset is None or template is None:
        return None
    return ReminderRule(key=key, anchor=str(anchor), offset_days=offset, at=at, template=template)


def _check_template(template: str, line: int, what: str, reader: FileReader) -> None:
    try:
        fields = [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]
    except ValueError as exc:
        reader.error(line, f"malen i «{what}» har feil klammeparenteser: {exc}")
        return
    allowed = ", ".join("{" + name + "}" for name in sorted(REMINDER_PLACEHOLDERS))
    for name in fields:
        if name not in REMINDER_PLACEHOLDERS:
            reader.error(line, f"ukjent plassholder «{{{name}}}» i «{what}»; tillatt: {allowed}")


def read_texts(data: Any, stem: str, reader: FileReader) -> dict[str, str]:
    """Flatten a texts file into ``<stem>.<dotted.key>`` → text; every leaf must be a string."""
    if not isinstance(data, LDict):
        reader.error(
            1, "en tekstfil må være nøkler med tekster under, f.eks. «start: {welcome: …}»"
        )
        return {}
    result: dict[str, str] = {}
    _flatten(data, stem, reader, result)
    return result


def _flatten(data: LDict, prefix: str, reader: FileReader, out: dict[str, str]) -> None:
    for key, value in data.items():
        dotted = f"{prefix}.{key}"
        if isinstance(value, LDict):
            _flatten(value, dotted, reader, out)
        elif isinstance(value, str):
            out[dotted] = value
        else:
            shown = "tom" if value is None else f"«{value}»"
            reader.error(
                data.line_of(key),
                f"«{dotted}» må være en tekst eller nøkler med tekster under; fant {shown}",
            )
