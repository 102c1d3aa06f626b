"""A nominee's projects: the round's projects, a named project with its figures, and what a
municipality did (its projects, newest round first)."""

from __future__ import annotations

from bot.engine.history import History
from bot.engine.normalise import words as fold_words
from bot.engine.texts import Texts
from bot.knowledge.models import Fact, Project

from . import ceremony
from .common import entrant_name
from .profile_entries import MAX_PROJECTS, Entry, asked_place, entries, of_years
from .profile_lines import figure_line
from .reply import Reply, Request

MAX_ENDING = 3
"""Letters a project's last word may gain when inflected in a text («-en», «-ene», «-et»)."""


def _entry_projects(entry: Entry) -> list[Project]:
    """The round's projects of this nominee: the year's records and the profile's own."""
    found: list[Project] = []
    names = {entry.entrant.name, entry.entrant.municipality.name}
    for project in entry.record.projects:
        if project.municipality in names:
            found.append(project)
    if entry.profile is not None:
        for project in entry.profile.projects:
            if all(p.name != project.name for p in found):
                found.append(project)
    return found


def _project_names(texts: Texts, entry: Entry, reply: Reply) -> None:
    projects = _entry_projects(entry)
    if projects:
        key = "profile.projects_names" if len(projects) > 1 else "profile.project_name"
        reply.say(texts(key, names=texts.join([p.name for p in projects])))
        for project in projects:
            reply.cite(Fact(None, project.sources))


def _projects(texts: Texts, entry: Entry, reply: Reply, *, intro: bool) -> bool:
    projects = _entry_projects(entry)[:MAX_PROJECTS]
    if not projects:
        return False
    if intro:
        reply.say(
            texts(
                "profile.projects_intro",
                place=entrant_name(texts, entry.entrant),
                label=entry.record.label,
            )
        )
    for project in projects:
        reply.say(
            texts("profile.project", name=project.name, text=project.description),
            Fact(None, project.sources),
        )
    return True


def place_projects(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """The projects of a municipality (from the years and its profiles), described."""
    if not request.places or request.projects:
        ceremony.project(view, texts, request, reply)
        return
    place = asked_place(texts, request, reply)
    if place is None:
        return
    found = [e for e in of_years(view, request, entries(view, place)) if _entry_projects(e)]
    if not found:
        ceremony.project(view, texts, request, reply)
        return
    reply.years = [e.year for e in found]
    for entry in found:
        _projects(texts, entry, reply, intro=True)


def project(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """A named project, the nominee's figures about it (its goal, its results) and what the
    profile says about it as background."""
    ceremony.project(view, texts, request, reply)
    for ref in request.projects[:1]:
        record = view.get(ref.year)
        if record is None:
            continue
        name = fold_words(ref.project.name)
        for profile in record.profiles:
            for figure in profile.figures:
                if _names(figure.measures, name):
                    figure_line(texts, figure, reply)
            for item in profile.context:
                if _names(item.value, name):
                    reply.say(item.value, item)


def _names(text: str, name: list[str]) -> bool:
    """Whether ``text`` contains the folded words of ``name`` in a row, the last one also
    inflected («helsefagklassen» names «Helsefagklasse»)."""
    found = fold_words(text)
    if not name:
        return False
    *head, last = name
    for i in range(len(found) - len(name) + 1):
        word = found[i + len(head)]
        inflected = word.startswith(last) and len(word) - len(last) <= MAX_ENDING
        if found[i : i + len(head)] == head and (word == last or inflected):
            return True
    return False
