"""Load and validate the whole fact base in ``knowledge/`` into a :class:`KnowledgeBase`.

Every mistake in every file is collected and raised together as one
:class:`KnowledgeError`, each issue naming its file (relative to the knowledge
directory's parent, e.g. ``knowledge/years/2021.yaml``) and line.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from bot.knowledge.extras import read_reminder_rules, read_texts
from bot.knowledge.models import KnowledgeBase, Municipality, PrizeYear, Source, YearStatus
from bot.knowledge.municipalities import (
    MunicipalityDataError,
    MunicipalityRegister,
    load_municipalities,
)
from bot.knowledge.prize import read_prize, read_sources
from bot.knowledge.reader import FileReader
from bot.knowledge.yamlio import KnowledgeError, KnowledgeIssue, read_yaml
from bot.knowledge.years import YearReader

SOURCES_FILE = "sources.yaml"
PRIZE_FILE = "prize.yaml"
REMINDERS_FILE = "reminders.yaml"
YEARS_DIR = "years"
TEXTS_DIR = "texts"
MUNICIPALITIES_DIR = "municipalities"
ENGINE_FILES = ("intents.yaml", "synonyms.yaml")
"""Loaded by the engine, not here; still part of the version hash."""
HASHED_SUFFIXES = (".yaml", ".csv", ".geojson")
YEAR_FILE = re.compile(r"^(\d{4})\.yaml$")


def knowledge_version(directory: Path) -> str:
    """Short sha256 over the path and content of every *.yaml/*.csv/*.geojson file."""
    digest = hashlib.sha256()
    for path in sorted(p for p in directory.rglob("*") if p.suffix in HASHED_SUFFIXES):
        if not path.is_file():
            continue
        digest.update(path.relative_to(directory).as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:12]


class _Loader:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.issues: list[KnowledgeIssue] = []
        self.prefix = directory.resolve().name

    def display(self, path: Path) -> str:
        return f"{self.prefix}/{path.relative_to(self.directory).as_posix()}"

    def reader(self, path: Path, sources: dict[str, Source] | None = None) -> FileReader:
        return FileReader(self.display(path), self.issues, sources)

    def parse(self, path: Path, required: bool = True) -> Any:
        """Parse a YAML file; a missing or broken file becomes an issue and None."""
        if not path.is_file():
            if required:
                self.issues.append(KnowledgeIssue(self.display(path), 0, "filen mangler"))
            return None
        try:
            data = read_yaml(path, self.display(path))
        except KnowledgeError as exc:
            self.issues.extend(exc.issues)
            return None
        if data is None:
            self.issues.append(KnowledgeIssue(self.display(path), 1, "filen er tom"))
        return data

    def load(self) -> KnowledgeBase:
        if not self.directory.is_dir():
            raise KnowledgeError(
                [KnowledgeIssue(str(self.directory), 0, "fant ikke mappen med faktabasen")]
            )
        municipalities = self._municipalities()
        register = MunicipalityRegister(municipalities)

        sources_path = self.directory / SOURCES_FILE
        sources_data = self.parse(sources_path)
        sources = (
            read_sources(sources_data, self.reader(sources_path), _place_names(municipalities))
            if sources_data is not None
            else {}
        )

        prize_path = self.directory / PRIZE_FILE
        prize_data = self.parse(prize_path)
        prize = (
            read_prize(prize_data, self.reader(prize_path, sources))
            if prize_data is not None
            else None
        )

        years = self._years(register, sources)

        rules_path = self.directory / REMINDERS_FILE
        rules_data = self.parse(rules_path)
        rules = (
            read_reminder_rules(rules_data, self.reader(rules_path))
            if rules_data is not None
            else ()
        )
        texts = self._texts()

        if self.issues or prize is None:
            if not self.issues:  # pragma: no cover - read_prize reports why it failed
                self.issues.append(KnowledgeIssue(self.display(prize_path), 0, "ugyldig fil"))
            raise KnowledgeError(sorted(self.issues, key=_issue_order))
        return KnowledgeBase(
            prize=prize,
            years=dict(sorted(years.items())),
            municipalities=municipalities,
            reminder_rules=rules,
            version=knowledge_version(self.directory),
            sources=sources,
            texts=texts,
        )

    def _municipalities(self) -> tuple[Municipality, ...]:
        folder = self.directory / MUNICIPALITIES_DIR
        try:
            return load_municipalities(folder, self.display(folder))
        except MunicipalityDataError as exc:
            self.issues.append(KnowledgeIssue(exc.file, exc.line, exc.message))
            return ()

    def _years(
        self, register: MunicipalityRegister, sources: dict[str, Source]
    ) -> dict[int, PrizeYear]:
        folder = self.directory / YEARS_DIR
        # Well-named files first, so a duplicate is blamed on the misnamed copy.
        found = folder.glob("*.yaml") if folder.is_dir() else []
        paths = sorted(found, key=lambda p: (YEAR_FILE.match(p.name) is None, p.name))
        if not paths:
            self.issues.append(
                KnowledgeIssue(self.display(folder), 0, "ingen årsfiler (years/<ÅÅÅÅ>.yaml)")
            )
        years: dict[int, PrizeYear] = {}
        claimed: dict[int, str] = {}
        merge_lines: dict[int, int] = {}
        for path in paths:
            reader = self.reader(path, sources)
            match = YEAR_FILE.match(path.name)
            data = self.parse(path)
            if match is None:
                reader.error(0, "en årsfil må hete <ÅÅÅÅ>.yaml, f.eks. 2021.yaml")
            if data is None:
                continue
            claimed_year = data.get("year") if hasattr(data, "get") else None
            if isinstance(claimed_year, int) and not isinstance(claimed_year, bool):
                if claimed_year in claimed:
                    reader.error(
                        data.line_of("year"),
                        f"året {claimed_year} er allerede beskrevet i {claimed[claimed_year]}",
                    )
                    continue
                claimed[claimed_year] = reader.file
                merge_lines[claimed_year] = data.line_of("merged_into")
            year = YearReader(reader, register).read(data, int(match.group(1)) if match else None)
            if year is not None and match is not None:
                years[year.year] = year
        self._check_merges(years, claimed, merge_lines)
        return years

    def _check_merges(
        self, years: dict[int, PrizeYear], claimed: dict[int, str], lines: dict[int, int]
    ) -> None:
        for year in years.values():
            if year.merged_into is None:
                continue
            target = years.get(year.merged_into)
            file = claimed[year.year]
            if year.merged_into not in claimed:
                self.issues.append(
                    KnowledgeIssue(
                        file,
                        lines[year.year],
                        f"merged_into: {year.merged_into}, men det finnes ingen "
                        f"years/{year.merged_into}.yaml",
                    )
                )
            elif target is not None and target.status is YearStatus.MERGED:
                self.issues.append(
                    KnowledgeIssue(
                        file,
                        lines[year.year],
                        f"merged_into: {year.merged_into} peker på et år som selv er «merged»",
                    )
                )
            elif target is not None and str(year.year) not in target.label:
                self.issues.append(
                    KnowledgeIssue(
                        file,
                        lines[year.year],
                        f"merged_into: {year.merged_into}, men label i "
                        f"years/{year.merged_into}.yaml («{target.label}») nevner ikke "
                        f'{year.year}; skriv f.eks. label: "{year.year}/{year.merged_into}"',
                    )
                )

    def _texts(self) -> dict[str, str]:
        folder = self.directory / TEXTS_DIR
        texts: dict[str, str] = {}
        for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
            data = self.parse(path)
            if data is not None:
                texts.update(read_texts(data, path.stem, self.reader(path)))
        return texts


def _issue_order(issue: KnowledgeIssue) -> tuple[str, int]:
    return issue.file, issue.line


def load_knowledge(directory: Path) -> KnowledgeBase:
    """Load and validate ``directory``; raise :class:`KnowledgeError` listing every issue."""
    return _Loader(Path(directory)).load()


def _place_names(municipalities: tuple[Municipality, ...]) -> list[str]:
    """Every name a municipality goes by (for the sources whose titles name one)."""
    names: list[str] = []
    for m in municipalities:
        names.extend(n for n in (m.name, *m.alt_names, *m.former_names) if n not in names)
    return names
