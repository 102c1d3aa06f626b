"""The register of Norway's 2024 municipalities, with Sami/Kven and former names.

Built from ``knowledge/municipalities/kommuner.csv`` (357 municipalities valid from
1 January 2024) and ``kommune_history.csv`` (merges, splits, renames and renumberings
2013–2024). A former name is followed through the history to today's municipality
(Skedsmo → Lillestrøm, Hurum → Asker). Lookup is exact and case-insensitive; fuzzy
matching of user input belongs to the engine.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

from bot.knowledge.models import Municipality

MUNICIPALITIES_FILE = "kommuner.csv"
HISTORY_FILE = "kommune_history.csv"
NAME_SEPARATOR = " - "
"""Multi-language names in the history are joined like ``Raarvihke - Røyrvik``."""


def normalise_name(name: str) -> str:
    """Return the lookup key for a name: single spaces, case-folded."""
    return " ".join(name.split()).casefold()


def name_parts(name: str) -> list[str]:
    """Split a joined multi-language name (``Raarvihke - Røyrvik``) into its names."""
    return [part.strip() for part in name.split(NAME_SEPARATOR) if part.strip()]


class MunicipalityDataError(ValueError):
    """The municipality CSV files are malformed; ``line`` is the 1-based line in ``file``."""

    def __init__(self, file: str, line: int, message: str) -> None:
        super().__init__(f"{file}:{line}: {message}")
        self.file = file
        self.line = line
        self.message = message


@dataclass(frozen=True)
class Resolution:
    """The outcome of looking a name up: zero, one or several municipalities."""

    name: str
    candidates: tuple[Municipality, ...]

    @property
    def municipality(self) -> Municipality | None:
        """The municipality when the name is unambiguous, else ``None``."""
        return self.candidates[0] if len(self.candidates) == 1 else None

    @property
    def ambiguous(self) -> bool:
        """True when the name fits more than one municipality (``Herøy``, ``Sande``)."""
        return len(self.candidates) > 1


class MunicipalityRegister:
    """Lookup of 2024 municipalities by number and by any of their names."""

    def __init__(self, municipalities: tuple[Municipality, ...]) -> None:
        self.municipalities = municipalities
        self._by_number = {m.number: m for m in municipalities}
        index: dict[str, list[Municipality]] = defaultdict(list)
        for municipality in municipalities:
            for name in (municipality.name, *municipality.alt_names, *municipality.former_names):
                bucket = index[normalise_name(name)]
                if municipality not in bucket:
                    bucket.append(municipality)
        self._by_name = {key: tuple(value) for key, value in index.items()}

    def __len__(self) -> int:
        return len(self.municipalities)

    def by_number(self, number: str) -> Municipality | None:
        """Return the municipality with this 2024 number (``"0301"``), if any."""
        return self._by_number.get(number.strip())

    def candidates(self, name: str) -> tuple[Municipality, ...]:
        """Every municipality a name can mean: current, Sami/Kven or former name.

        A joined name such as ``Raarvihke - Røyrvik`` is split on `` - `` and each part
        looked up; the parts' municipalities are combined.
        """
        found = self._by_name.get(normalise_name(name))
        if found is not None:
            return found
        parts = name_parts(name)
        if len(parts) < 2:
            return ()
        combined: list[Municipality] = []
        for part in parts:
            for municipality in self._by_name.get(normalise_name(part), ()):
                if municipality not in combined:
                    combined.append(municipality)
        return tuple(combined)

    def resolve(self, name: str) -> Resolution:
        """Look ``name`` up; check ``.municipality`` / ``.ambiguous`` on the result."""
        return Resolution(name, self.candidates(name))

    def by_name(self, name: str) -> Municipality | None:
        """Return the one municipality ``name`` means, or ``None`` if unknown or ambiguous."""
        return self.resolve(name).municipality


@dataclass(frozen=True)
class _Change:
    old_name: str
    old_number: str
    new_number: str
    year: int


def _read_csv(
    path: Path, display: str, columns: tuple[str, ...]
) -> list[tuple[int, dict[str, str]]]:
    """The rows of a CSV file with their line numbers; a missing cell reads as ``""``."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise MunicipalityDataError(display, 0, f"kan ikke leses: {exc}") from exc
    reader = csv.DictReader(text.splitlines())
    missing = [column for column in columns if column not in (reader.fieldnames or [])]
    if missing:
        raise MunicipalityDataError(display, 1, f"mangler kolonne(r): {', '.join(missing)}")
    return [
        (index + 2, {key: value or "" for key, value in row.items() if isinstance(key, str)})
        for index, row in enumerate(reader)
    ]


def _read_municipalities(path: Path, display: str) -> dict[str, Municipality]:
    result: dict[str, Municipality] = {}
    for line, row in _read_csv(path, display, ("number", "name", "alt_names", "county")):
        number = (row["number"] or "").strip()
        name = (row["name"] or "").strip()
        if len(number) != 4 or not number.isdigit() or not name:
            raise MunicipalityDataError(display, line, "ugyldig rad: trenger nummer og navn")
        if number in result:
            raise MunicipalityDataError(display, line, f"kommunenummer {number} står to ganger")
        alt = tuple(part.strip() for part in (row["alt_names"] or "").split("|") if part.strip())
        result[number] = Municipality(number, name, alt, (row["county"] or "").strip())
    return result


def _read_history(path: Path, display: str) -> list[_Change]:
    changes: list[_Change] = []
    columns = ("old_name", "old_number", "new_name", "new_number", "year", "kind")
    for line, row in _read_csv(path, display, columns):
        try:
            year = int(row["year"])
        except (TypeError, ValueError) as exc:
            raise MunicipalityDataError(display, line, "ugyldig årstall") from exc
        old_number = (row["old_number"] or "").strip()
        new_number = (row["new_number"] or "").strip()
        if not old_number or not new_number or not (row["old_name"] or "").strip():
            raise MunicipalityDataError(display, line, "ugyldig rad: trenger navn og numre")
        changes.append(_Change(row["old_name"].strip(), old_number, new_number, year))
    return changes


def _final_numbers(changes: list[_Change]) -> dict[_Change, frozenset[str]]:
    """Follow each change forward through later changes to the 2024 number(s)."""
    by_old: dict[str, list[_Change]] = defaultdict(list)
    for change in changes:
        by_old[change.old_number].append(change)
    memo: dict[tuple[str, int], frozenset[str]] = {}

    def follow(number: str, after_year: int) -> frozenset[str]:
        key = (number, after_year)
        if key not in memo:
            later = [c for c in by_old.get(number, ()) if c.year > after_year]
            if not later:
                memo[key] = frozenset({number})
            else:
                first = min(c.year for c in later)
                memo[key] = frozenset().union(
                    *(follow(c.new_number, c.year) for c in later if c.year == first)
                )
        return memo[key]

    return {change: follow(change.new_number, change.year) for change in changes}


def build_municipalities(
    current: dict[str, Municipality], changes: list[_Change], display: str = HISTORY_FILE
) -> tuple[Municipality, ...]:
    """Attach former names from the history to today's municipalities.

    A former name whose chain ends in a municipality that still carries that name is
    not a former name (Ålesund split into Ålesund and Haram in 2024: «Ålesund» stays
    Ålesund). A split name (Tysfjord → Narvik and Hamarøy) becomes a former name of
    every successor, so looking it up is ambiguous.
    """
    # Group by (name, old number): the same name can belong to unrelated municipalities
    # (Os in Hordaland merged into Bjørnafjorden; Os in Innlandet lives on).
    finals_by_lineage: dict[tuple[str, str], set[str]] = defaultdict(set)
    spelling: dict[str, str] = {}
    for change, finals in _final_numbers(changes).items():
        unknown = sorted(number for number in finals if number not in current)
        if unknown:
            raise MunicipalityDataError(
                display,
                0,
                f"{change.old_name} ({change.old_number}) ender i ukjent nummer "
                f"{', '.join(unknown)}",
            )
        for part in name_parts(change.old_name):
            key = normalise_name(part)
            finals_by_lineage[(key, change.old_number)].update(finals)
            spelling.setdefault(key, part)

    numbers: dict[str, set[tuple[str, int]]] = defaultdict(set)
    for change, finals in _final_numbers(changes).items():
        for number in finals:
            numbers[number].add((change.old_number, change.year))
    former: dict[str, set[str]] = defaultdict(set)
    for (key, _number), successors in finals_by_lineage.items():
        if any(key in _own_names(current[n]) for n in successors):
            continue  # the name lives on in (one of) its successors
        for number in successors:
            former[number].add(spelling[key])
    return tuple(
        replace(
            m,
            former_names=tuple(sorted(former.get(m.number, ()))),
            former_numbers=tuple(sorted(numbers.get(m.number, ()))),
        )
        if m.number in former or m.number in numbers
        else m
        for m in sorted(current.values(), key=lambda m: m.number)
    )


def _own_names(municipality: Municipality) -> set[str]:
    return {normalise_name(n) for n in (municipality.name, *municipality.alt_names)}


def load_municipalities(
    directory: Path, display_dir: str = "knowledge/municipalities"
) -> tuple[Municipality, ...]:
    """Read both CSV files in ``directory`` and return today's municipalities with history.

    Raises :class:`MunicipalityDataError` naming the file and line of a malformed row.
    """
    current = _read_municipalities(
        directory / MUNICIPALITIES_FILE, f"{display_dir}/{MUNICIPALITIES_FILE}"
    )
    history_display = f"{display_dir}/{HISTORY_FILE}"
    changes = _read_history(directory / HISTORY_FILE, history_display)
    return build_municipalities(current, changes, history_display)


def load_register(directory: Path) -> MunicipalityRegister:
    """Convenience: :func:`load_municipalities` wrapped in a :class:`MunicipalityRegister`."""
    return MunicipalityRegister(load_municipalities(directory))
