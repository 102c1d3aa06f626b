"""Check ``knowledge/texts/telegram.yaml`` with file and line: every text the bot needs is
there, and uses only the placeholders the program fills in.

Run at start-up and before ``/reload`` (a broken file keeps the running texts), and by
``python -m bot check`` when the loader imports this module's registered check.
"""

from __future__ import annotations

import re
import string
from pathlib import Path

from bot.knowledge.checks import register_check
from bot.knowledge.yamlio import KnowledgeError, KnowledgeIssue, LDict, read_yaml

PLACEHOLDERS: dict[str, frozenset[str]] = {
    "bot.description": frozenset(),
    "bot.short_description": frozenset(),
    "questions.vinnere": frozenset(),
    "questions.nominerte": frozenset(),
    "questions.nominerte_year": frozenset({"year"}),
    "questions.kriterier": frozenset(),
    "questions.stem": frozenset(),
    "start.welcome": frozenset({"name"}),
    "help": frozenset({"username"}),
    "about": frozenset({"version"}),
    "answer.sources": frozenset(),
    "answer.sources_plural": frozenset(),
    "answer.more_sources": frozenset(),
    "answer.more_sources_heading": frozenset(),
    "refusals.sticker": frozenset(),
    "refusals.photo": frozenset(),
    "refusals.voice": frozenset(),
    "refusals.media": frozenset(),
    "refusals.too_long": frozenset({"limit"}),
    "refusals.emoji_only": frozenset(),
    "refusals.empty": frozenset(),
    "refusals.flood": frozenset(),
    "refusals.unknown_command": frozenset(),
    "refusals.stale_button": frozenset(),
    "refusals.error": frozenset(),
    "refusals.not_available": frozenset(),
    "inline.no_answer_title": frozenset(),
    "inline.button": frozenset(),
    "slettmeg.confirm": frozenset(),
    "slettmeg.button_yes": frozenset(),
    "slettmeg.button_no": frozenset(),
    "slettmeg.done": frozenset(),
    "slettmeg.cancelled": frozenset(),
    "slettmeg.groups_admin_only": frozenset(),
    "admin.status": frozenset(
        {"uptime", "version", "kb_version", "subscribers", "unanswered", "next_reminder"}
    ),
    "admin.next_unknown": frozenset(),
    "admin.reload_ok": frozenset({"version"}),
    "admin.reload_failed": frozenset({"version"}),
    "admin.error_notice": frozenset({"kind", "where", "error"}),
}
"""Every fixed text key and the placeholders allowed in it."""

GROUPS: dict[str, tuple[int, int, int]] = {
    "commands": (1, 100, 256),
    "admin_commands": (1, 100, 256),
    "start.examples": (1, 4, 40),
}
"""Keyed groups: (fewest entries, most entries, longest text)."""

COMMAND_NAME = re.compile(r"^[a-z0-9_]{1,32}$")
LIMITS = {"bot.description": 512, "bot.short_description": 120, "inline.button": 64}


def _leaves(data: LDict, prefix: str, out: dict[str, tuple[object, int]]) -> None:
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, LDict):
            _leaves(value, f"{name}.", out)
        else:
            out[name] = (value, data.line_of(key))


def _fields(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


@register_check
def check_telegram_texts(knowledge_dir: Path) -> list[KnowledgeIssue]:
    """Problems in ``<knowledge_dir>/texts/telegram.yaml``, each with file and line."""
    path = knowledge_dir / "texts" / "telegram.yaml"
    display = f"{knowledge_dir.resolve().name}/texts/telegram.yaml"
    try:
        data = read_yaml(path, display)
    except KnowledgeError as exc:
        return list(exc.issues)
    if not isinstance(data, LDict):
        return [KnowledgeIssue(display, 1, "filen må være nøkler med tekster under")]
    leaves: dict[str, tuple[object, int]] = {}
    _leaves(data, "", leaves)
    issues: list[KnowledgeIssue] = []
    for key, allowed in PLACEHOLDERS.items():
        if key not in leaves:
            issues.append(KnowledgeIssue(display, 1, f"teksten «{key}» mangler"))
            continue
        value, line = leaves[key]
        if not isinstance(value, str) or not value.strip():
            issues.append(KnowledgeIssue(display, line, f"«{key}» må være en tekst"))
            continue
        try:
            unknown = _fields(value) - allowed
        except ValueError as exc:
            issues.append(KnowledgeIssue(display, line, f"«{key}»: feil med krøllparentes: {exc}"))
            continue
        if unknown:
            shown = ", ".join(f"{{{name}}}" for name in sorted(unknown))
            permitted = ", ".join(f"{{{name}}}" for name in sorted(allowed)) or "ingen"
            issues.append(
                KnowledgeIssue(
                    display,
                    line,
                    f"«{key}» bruker ukjent plassholder {shown}; tillatt: {permitted}",
                )
            )
        limit = LIMITS.get(key)
        if limit is not None and len(value) > limit:
            issues.append(KnowledgeIssue(display, line, f"«{key}» er over {limit} tegn"))
    for group, (fewest, most, longest) in GROUPS.items():
        entries = {k: v for k, v in leaves.items() if k.startswith(f"{group}.")}
        if not fewest <= len(entries) <= most:
            line = data.line_of(group.split(".")[0])
            issues.append(
                KnowledgeIssue(
                    display, line, f"«{group}» skal ha {fewest}–{most} tekster, har {len(entries)}"
                )
            )
        for key, (value, line) in entries.items():
            name = key.removeprefix(f"{group}.")
            if group.endswith("commands") and not COMMAND_NAME.match(name):
                issues.append(
                    KnowledgeIssue(
                        display, line, f"«{name}» er ikke et gyldig kommandonavn (a–z, 0–9, _)"
                    )
                )
            if not isinstance(value, str) or not value.strip():
                issues.append(KnowledgeIssue(display, line, f"«{key}» må være en tekst"))
            elif len(value) > longest:
                issues.append(KnowledgeIssue(display, line, f"«{key}» er over {longest} tegn"))
            elif "{" in value or "}" in value:
                issues.append(KnowledgeIssue(display, line, f"«{key}» kan ikke ha plassholdere"))
    return issues
