"""Record every text the bot's code looks up or formats, and compare it with the text contracts.

:class:`TextUsage` wraps the real lookup methods (the engine's ``Texts.__call__``/``has`` and
``AreaTexts.get``/``words``/``group``); each call still runs the real method. Only calls made
from code under ``bot/`` count, so a test probing a missing key does not. A contract drifts
from the code when the code formats a key the contract lacks, or when the contract lets a
curator use a placeholder that a call site does not fill in (a ``KeyError`` or a literal
``{name}`` in a reply).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from bot.engine.texts import Texts
from bot.knowledge.textcontract import TextContract
from bot.knowledge.texts import AreaTexts
from bot.telegram.textcheck import TEXT_CONTRACTS

BOT_DIR = str(Path(__file__).resolve().parents[1] / "bot")


@dataclass(frozen=True)
class Use:
    """One call site's use of a text."""

    area: str
    key: str
    kind: str  # "format", "lookup" or "group"
    values: frozenset[str]
    where: str


@dataclass
class TextUsage:
    """Every use of a text seen while installed."""

    uses: set[Use] = field(default_factory=set)

    def _record(self, area: str, key: str, kind: str, values: frozenset[str]) -> None:
        frame = sys._getframe(2)  # the caller of the wrapped method
        filename = frame.f_code.co_filename
        if filename.startswith(BOT_DIR):
            where = f"{Path(filename).relative_to(Path(BOT_DIR).parent)}:{frame.f_lineno}"
            self.uses.add(Use(area, key, kind, values, where))

    @contextmanager
    def installed(self, monkeypatch: pytest.MonkeyPatch) -> Iterator[TextUsage]:
        """Wrap the lookup methods while the context is open."""
        usage = self

        def wrap(cls: type, name: str, area: Callable[[Any], str], kind: str) -> None:
            original = getattr(cls, name)

            def wrapper(this: Any, key: str, *args: Any, **values: Any) -> Any:
                usage._record(area(this), key, kind, frozenset(values))
                return original(this, key, *args, **values)

            monkeypatch.setattr(cls, name, wrapper)

        wrap(Texts, "__call__", lambda _: "engine", "format")
        wrap(Texts, "has", lambda _: "engine", "lookup")
        wrap(AreaTexts, "get", lambda this: this.area, "format")
        wrap(AreaTexts, "words", lambda this: this.area, "lookup")
        wrap(AreaTexts, "group", lambda this: this.area, "group")
        yield self

    def drift(self, contracts: tuple[TextContract, ...] = TEXT_CONTRACTS) -> list[str]:
        """Every use the contracts do not cover, as readable lines."""
        by_area = {contract.area: contract for contract in contracts}
        problems: set[str] = set()
        for use in self.uses:
            contract = by_area.get(use.area)
            if contract is None:
                continue
            name = f"{use.area}.{use.key}"
            if use.kind == "group":
                if use.key not in contract.groups:
                    problems.add(f"{use.where}: the group {name} is not in the contract")
                continue
            allowed = contract.placeholders(use.key)
            if allowed is None:
                problems.add(f"{use.where}: {name} is not in the contract")
            elif use.kind == "format" and not allowed <= use.values:
                missing = ", ".join(sorted(allowed - use.values))
                problems.add(f"{use.where}: {name} allows {missing}, which this call leaves out")
        return sorted(problems)

    def used(self) -> set[str]:
        """``area.key`` of every text used."""
        return {f"{use.area}.{use.key}" for use in self.uses}
