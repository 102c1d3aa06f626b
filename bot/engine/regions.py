"""Regions (landsdeler) as groups of today's counties, read from ``knowledge/regions.yaml``.

The grouping is conventional data, not a fact from the prize's sources; which county a
municipality is in comes from the municipality register. Mistakes become
:class:`KnowledgeIssue` with file and line."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from bot.engine.normalise import words
from bot.knowledge.yamlio import KnowledgeError, KnowledgeIssue, LDict, LList, read_yaml

REGIONS_FILE = "regions.yaml"
_KEYS = {"name", "aliases", "counties", "rank"}


@dataclass(frozen=True)
class Region:
    """One region: its name, the spellings read as it, and its counties."""

    name: str
    aliases: tuple[str, ...]
    counties: tuple[str, ...]
    rank: bool
    line: int = 0


def load_regions(directory: Path) -> tuple[Region, ...]:
    """Read and validate ``regions.yaml``; raise KnowledgeError naming file and line."""
    name = f"knowledge/{REGIONS_FILE}"
    data = read_yaml(directory / REGIONS_FILE, name)
    if not isinstance(data, LDict) or not isinstance(data.get("regions"), LList):
        raise KnowledgeError([KnowledgeIssue(name, 1, "filen må ha en liste «regions»")])
    issues: list[KnowledgeIssue] = []
    regions: list[Region] = []
    node: LList = data["regions"]
    for index, raw in enumerate(node):
        line = node.line_of(index)
        if not isinstance(raw, LDict) or not isinstance(raw.get("name"), str):
            issues.append(KnowledgeIssue(name, line, "en landsdel må ha «name»"))
            continue
        for key in raw:
            if key not in _KEYS:
                issues.append(KnowledgeIssue(name, raw.line_of(key), f"ukjent nøkkel «{key}»"))
        lists: dict[str, tuple[str, ...]] = {}
        for key in ("aliases", "counties"):
            value = raw.get(key, [])
            if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
                issues.append(KnowledgeIssue(name, raw.line_of(key), f"«{key}» må være en liste"))
                value = []
            lists[key] = tuple(value)
        if not lists["counties"]:
            issues.append(KnowledgeIssue(name, line, "landsdelen har ingen fylker"))
        rank = raw.get("rank", False)
        if not isinstance(rank, bool):
            issues.append(KnowledgeIssue(name, raw.line_of("rank"), "«rank» må være true/false"))
            rank = False
        regions.append(Region(raw["name"], lists["aliases"], lists["counties"], rank, line))
    if issues:
        raise KnowledgeError(issues)
    return tuple(regions)


def check_counties(regions: Iterable[Region], counties: set[str]) -> list[KnowledgeIssue]:
    """A county in ``regions.yaml`` that the municipality register does not have."""
    return [
        KnowledgeIssue(f"knowledge/{REGIONS_FILE}", region.line, f"ukjent fylke «{county}»")
        for region in regions
        for county in region.counties
        if county not in counties
    ]


def aliases(regions: Iterable[Region]) -> dict[str, tuple[str, ...]]:
    """Folded spelling («nord norge») → the region's counties, for the place index."""
    found: dict[str, tuple[str, ...]] = {}
    for region in regions:
        for spelling in (region.name, *region.aliases):
            key = " ".join(words(spelling))
            if key:
                found[key] = region.counties
    return found


def region_of(regions: Iterable[Region], counties: Iterable[str]) -> str | None:
    """The region whose counties are exactly ``counties`` (None for a single county or none)."""
    wanted = set(counties)
    for region in regions:
        if set(region.counties) == wanted and (len(wanted) > 1 or region.name not in wanted):
            return region.name
    return None
