"""Regions (landsdeler) as groups of today's counties, and former counties (Hordaland, Viken …)
with their county number, read from ``knowledge/regions.yaml``.

The grouping is conventional data, not a fact from the prize's sources; which county a
municipality is in comes from the municipality register (today's county) and its former
numbers (a former county). Mistakes become :class:`KnowledgeIssue` with file and line."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bot.engine.normalise import words
from bot.knowledge.models import Municipality
from bot.knowledge.yamlio import KnowledgeError, KnowledgeIssue, LDict, LList, read_yaml

REGIONS_FILE = "regions.yaml"
_KEYS = {"name", "aliases", "counties", "rank"}
_FORMER_KEYS = {"name", "number", "since", "until", "now"}


@dataclass(frozen=True)
class Region:
    """One region: its name, the spellings read as it, and its counties."""

    name: str
    aliases: tuple[str, ...]
    counties: tuple[str, ...]
    rank: bool
    line: int = 0
    number: str = ""
    """A former county's number (the first two digits of its municipalities' numbers)."""
    since: int | None = None
    until: int | None = None
    """A former county: the years it existed (``since`` None: before the data begins)."""

    @property
    def former(self) -> bool:
        """A county that no longer exists (its ``counties`` are today's that cover it)."""
        return bool(self.number)

    def existed(self, year: int) -> bool:
        """Whether a former county was a county in ``year``."""
        return (self.since is None or self.since <= year) and (
            self.until is None or year <= self.until
        )

    def holds(self, municipality: Municipality) -> bool | None:
        """Whether a municipality lay in this former county (its numbers of the county's last
        year), None when the data cannot tell (no number of that time, or parts in two)."""
        if self.until is None:
            return None
        then = {n for n, changed in municipality.former_numbers if changed == self.until + 1}
        inside = {n for n in then if n.startswith(self.number)}
        if then and inside == then:
            return True
        if inside or (not then and municipality.county in self.counties):
            return None
        return False


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
    former = data.get("former_counties", LList())
    if not isinstance(former, LList):
        issues.append(KnowledgeIssue(name, data.line_of("former_counties"), "må være en liste"))
        former = LList()
    for index, raw in enumerate(former):
        found = _former(name, former.line_of(index), raw, issues)
        if found is not None:
            regions.append(found)
    if issues:
        raise KnowledgeError(issues)
    return tuple(regions)


def load_compound_tails(directory: Path) -> tuple[str, ...]:
    """``compound_tails`` of ``regions.yaml``: second parts of a compound whose first part is a
    county or region («trønder|kommuna», «vestlands|kommuner»), folded."""
    name = f"knowledge/{REGIONS_FILE}"
    data = read_yaml(directory / REGIONS_FILE, name)
    tails = data.get("compound_tails", []) if isinstance(data, LDict) else []
    if not isinstance(tails, list) or not all(isinstance(t, str) for t in tails):
        line = data.line_of("compound_tails") if isinstance(data, LDict) else 1
        raise KnowledgeError([KnowledgeIssue(name, line, "«compound_tails» må være en liste")])
    return tuple("".join(words(t)) for t in tails if words(t))


def compounds(
    counties: dict[tuple[str, ...], tuple[str, ...]], tails: Iterable[str]
) -> dict[tuple[str, ...], tuple[str, ...]]:
    """One-word compounds of a county or region spelling and a tail («agderkommune»,
    «rogalandskommunene», «trønderkommuna») → its counties; a later spelling wins a clash, so
    a region's own stem («vestlands») beats the county it resembles («vestland» + s)."""
    found: dict[tuple[str, ...], tuple[str, ...]] = {}
    tails = tuple(tails)
    for key, targets in counties.items():
        if len(key) != 1:
            continue
        for tail in tails:
            for joined in (key[0] + tail, key[0] + "s" + tail):
                found[(joined,)] = targets
    for key, targets in counties.items():  # the spelling itself, in its own order, wins
        if len(key) == 1:
            for tail in tails:
                found[(key[0] + tail,)] = targets
    return found


def _former(file: str, line: int, raw: object, issues: list[KnowledgeIssue]) -> Region | None:
    """One entry of ``former_counties``."""
    if not isinstance(raw, LDict) or not isinstance(raw.get("name"), str):
        issues.append(KnowledgeIssue(file, line, "et tidligere fylke må ha «name»"))
        return None
    for key in raw:
        if key not in _FORMER_KEYS:
            issues.append(KnowledgeIssue(file, raw.line_of(key), f"ukjent nøkkel «{key}»"))
    number = raw.get("number")
    if not isinstance(number, str) or len(number) != 2 or not number.isdigit():
        issues.append(KnowledgeIssue(file, line, "«number» må være to sifre i anførselstegn"))
        return None
    years: dict[str, int | None] = {}
    for key in ("since", "until"):
        value = raw.get(key)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
            issues.append(KnowledgeIssue(file, raw.line_of(key), f"«{key}» må være et årstall"))
            value = None
        years[key] = value
    now = raw.get("now", [])
    if not isinstance(now, list) or not now or not all(isinstance(x, str) for x in now):
        issues.append(KnowledgeIssue(file, line, "«now» må være en liste med dagens fylker"))
        return None
    if years["until"] is None:
        issues.append(KnowledgeIssue(file, line, "«until» mangler"))
    return Region(raw["name"], (), tuple(now), False, line, number, years["since"], years["until"])


def county_then(regions: Iterable[Region], municipality: Municipality, year: int) -> str | None:
    """The county ``municipality`` lay in during ``year``: a former county that existed then and
    held it (Bærum in 2023: Viken), else its county in the register when no county that existed
    then covers that county (Kinn in 2023: Vestland). None when the data cannot tell."""
    covered = False
    for region in regions:
        if region.former and region.existed(year):
            if region.holds(municipality):
                return region.name
            covered = covered or municipality.county in region.counties
    return None if covered else municipality.county


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


def named(
    regions: Iterable[Region], said: Iterable[str], tails: Iterable[str] = ()
) -> Region | None:
    """The region or former county a question named by one of its spellings (folded, as in
    ``said``, also as the first part of a compound with one of ``tails``: «vestlandskommuner»);
    a region that is a single county of the same name («Trøndelag») is the county."""
    spoken = set(said)
    spoken |= {s[: -len(t)] for s in spoken for t in tails if s.endswith(t) and len(s) > len(t)}
    for region in regions:
        if region.counties == (region.name,):
            continue
        if not _spellings(region.name, tuple(region.aliases)).isdisjoint(spoken):
            return region
    return None


@lru_cache(maxsize=256)
def _spellings(name: str, aliases: tuple[str, ...]) -> frozenset[str]:
    """A region's spellings, folded once (``named`` runs for every question)."""
    return frozenset(" ".join(words(s)) for s in (name, *aliases))
