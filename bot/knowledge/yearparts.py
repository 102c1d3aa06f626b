"""The vote, award and project parts of a year file, read for :mod:`bot.knowledge.years`."""

from __future__ import annotations

from dataclasses import dataclass

from bot.knowledge.models import Fact, Moment, Project, VoteWindow
from bot.knowledge.municipalities import normalise_name
from bot.knowledge.project_names import WORDING_KEYS, check_list, read_wording
from bot.knowledge.reader import LITERALS, NONE, UNKNOWN, FileReader
from bot.knowledge.yamlio import LDict, LList

VOTE_KEYS = (
    "public",
    "source",
    "note",
    "opens",
    "closes",
    "description",
    "url",
    "how",
    "limit",
)
AWARD_KEYS = ("date", "event", "place", "handed_by", "received_by")
PROJECT_KEYS = ("name", "municipality")


@dataclass
class Award:
    """The ``award:`` facts of one year; each is None when not given."""

    date: Fact[Moment] | None = None
    event: Fact[str] | None = None
    place: Fact[str] | None = None
    handed_by: Fact[str] | None = None
    received_by: Fact[str] | None = None


def read_vote(r: FileReader, data: LDict) -> VoteWindow:
    """The ``vote:`` entry: whether the public voted, when, where and how."""
    if r.is_literal(data, "vote", (NONE,)):
        return VoteWindow(public=Fact(False, ()))
    if r.is_literal(data, "vote", (UNKNOWN,)):
        return VoteWindow()
    value = data["vote"]
    if not isinstance(value, LDict):
        r.error(
            data.line_of("vote"),
            "«vote» må være {public: true|false|unknown, source: […], …}, eller unknown eller none",
        )
        return VoteWindow()
    r.keys(value, VOTE_KEYS, ("public",), "vote")
    public_fact: Fact[bool] | None = None
    if "public" in value:
        public = r.boolean_or_unknown(value, "public", "vote.public")
        if isinstance(public, bool):
            sources = r.source_list(value, "vote")
            if sources is not None:
                public_fact = Fact(public, sources, r.note(value))
        elif "source" in value:
            r.source_list(value, "vote")
    opens = r.moment_fact(value, "opens", "vote.opens") if "opens" in value else None
    closes = r.moment_fact(value, "closes", "vote.closes") if "closes" in value else None
    if opens is not None and closes is not None and _before(closes.value, opens.value):
        r.error(value.line_of("closes"), "avstemningen stenger (closes) før den åpner (opens)")
    if public_fact is not None and public_fact.value is False and (opens or closes):
        r.error(
            value.line_of("public"),
            "public: false (ingen åpen avstemning), men opens/closes er oppgitt",
        )
    description = (
        r.text_fact(value, "description", "vote.description") if "description" in value else None
    )
    how = r.text_fact(value, "how", "vote.how") if "how" in value else None
    limit = r.text_fact(value, "limit", "vote.limit") if "limit" in value else None
    url = r.text_fact(value, "url", "vote.url", text_key="url") if "url" in value else None
    if url is not None and not url.value.startswith(("https://", "http://")):
        r.error(value["url"].line_of("url"), "«vote.url.url» må begynne med https:// eller http://")
        url = None
    return VoteWindow(public_fact, opens, closes, description, url, how, limit)


def read_award(r: FileReader, data: LDict) -> Award:
    """The ``award:`` entry: date, event, place and who handed and received the prize."""
    if r.is_literal(data, "award", LITERALS):
        return Award()
    value = data["award"]
    if not isinstance(value, LDict):
        r.error(
            data.line_of("award"),
            "«award» må være {date, event, place, handed_by, received_by}, eller unknown/none",
        )
        return Award()
    r.keys(value, AWARD_KEYS, AWARD_KEYS, "award")
    award = Award()
    if "date" in value:
        award.date = r.moment_fact(value, "date", "award.date")
    for key in AWARD_KEYS[1:]:
        if key in value:
            setattr(award, key, r.text_fact(value, key, f"award.{key}"))
    return award


def sentence_error(text: str, what: str) -> str | None:
    """Why a project description is not a whole sentence (capital first, full stop last), in
    Norwegian, or ``None``: the answers show it alone, without the project's name before it."""
    if text[:1].isupper() and text.endswith("."):
        return None
    return f"{what}.text må være en hel setning med stor forbokstav og punktum til slutt"


def read_projects(r: FileReader, data: LDict) -> tuple[Project, ...]:
    """The ``projects:`` list; each project belongs to a winner or nominee of the year."""
    items = data["projects"]
    if not isinstance(items, LList):
        r.error(
            data.line_of("projects"),
            "«projects» må være en liste med {name, municipality, text, source}",
        )
        return ()
    known = {normalise_name(name) for name in listed_names(data) or ()}
    written_winner = data["winner"].get("name") if isinstance(data.get("winner"), LDict) else None
    if isinstance(written_winner, str):
        known.add(normalise_name(written_winner))
    projects: list[Project] = []
    lists: dict[str, list[tuple[int, Project]]] = {}
    for index in range(len(items)):
        what = f"projects[{index + 1}]"
        fact = r.text_fact(
            items,
            index,
            what,
            literals=(),
            extra_keys=(*PROJECT_KEYS, *WORDING_KEYS),
            extra_required=PROJECT_KEYS,
        )
        entry = items[index]
        if not isinstance(entry, LDict):
            continue
        name = r.text(entry, "name", f"{what}.name") if "name" in entry else None
        place = (
            r.text(entry, "municipality", f"{what}.municipality")
            if "municipality" in entry
            else None
        )
        if place is not None and normalise_name(place) not in known:
            r.error(
                entry.line_of("municipality"),
                f"«{place}» i {what} er verken vinner eller nominert dette året",
            )
            continue
        if fact is not None and (problem := sentence_error(fact.value, what)) is not None:
            r.error(items.line_of(index), problem)
            continue
        if fact is not None and name is not None and place is not None:
            proper, phrase = read_wording(r, entry, name, what)
            project = Project(name, place, fact.value, fact.sources, proper, phrase)
            projects.append(project)
            lists.setdefault(normalise_name(place), []).append((index, project))
    for found in lists.values():  # one nominee's projects are named in one list
        check_list(r, items, found)
    return tuple(projects)


def listed_names(data: LDict) -> list[str] | None:
    """The nominee names as written, or None when the year has no nominee list."""
    nominees = data.get("nominees")
    if not isinstance(nominees, LDict) or not isinstance(nominees.get("names"), LList):
        return None
    names: list[str] = []
    for item in nominees["names"]:
        text = item.get("name") if isinstance(item, LDict) else item
        if isinstance(text, str):
            names.append(text)
    return names


def _before(later: Moment, earlier: Moment) -> bool:
    """True when ``later`` is certainly before ``earlier`` (times compared only if both known)."""
    if later.day != earlier.day:
        return later.day < earlier.day
    return later.at is not None and earlier.at is not None and later.at < earlier.at
