"""A nominee's projects: the round's projects, a named project with its figures, and what a
municipality did (its projects, newest round first)."""

from __future__ import annotations

import re

from bot.engine.history import History
from bot.engine.normalise import words as fold_words
from bot.engine.texts import Texts
from bot.knowledge.models import Fact, Figure, Project

from . import ceremony
from .common import entrant_name
from .profile_entries import MAX_PROJECTS, Entry, asked_place, entries, of_years
from .profile_lines import figure_line
from .reply import Reply, Request

MAX_ENDING = 3
"""Letters a word may gain when inflected in a text («-en», «-ene», «-et»)."""
JUST_BEFORE = 2
"""Answer parts before a round's project names that may have named a project: the round's
reason and a figure after it."""
NAMES_KEYS = ("profile.projects_names", "profile.project_name")
"""The templates of the sentence naming a round's projects (several, one)."""


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
    """One sentence naming the round's projects as written inside a sentence, leaving out
    those the sentences just before (the round's reason, a figure) named already («… en
    tydelig arbeidslinje fra første dag» before «Arbeidslinje fra første dag») and those an
    earlier round's names sentence of the same answer named: a project is named once per
    answer («Tiltaket som ble trukket fram, var Jobbsjansen.» for 2021, then 2018's list
    without it)."""
    ours = tuple(texts(key, names="\0").split("\0")[0] for key in NAMES_KEYS)
    before = [p for p in reply.parts[-JUST_BEFORE:] if not p.startswith(ours)]
    before += [p for p in reply.parts if p.startswith(ours)]
    said = fold_words(" ".join(before))
    projects = [p for p in _entry_projects(entry) if not _mentions(said, fold_words(p.name))]
    if projects:
        key = NAMES_KEYS[0] if len(projects) > 1 else NAMES_KEYS[1]
        reply.say(texts(key, names=texts.join([p.phrase for p in projects])))
        for project in projects:
            reply.cite(Fact(None, project.sources))


def _projects(texts: Texts, entry: Entry, reply: Reply, *, intro: bool) -> bool:
    """The round's projects described, each once per answer: one an earlier round of the same
    answer described already (Lørenskog's Jobbsjansen, 2021 and 2018) is left out, and so is
    one whose description repeats the sentences just before (the round's reason): nearly all
    its words, or half of them when those sentences name the project («pekte selv på tidlig
    kartlegging av hver flyktnings kompetanse …» before «Kvalifiseringen begynte med en
    kartlegging av hver flyktnings kompetanse …»)."""
    before = " ".join(reply.parts[-JUST_BEFORE:])
    said = fold_words(before)
    lines = [
        (project, texts("profile.project", name=project.name, text=project.description))
        for project in _entry_projects(entry)[:MAX_PROJECTS]
        if not _repeats(project.description, before)
        and not (
            _mentions(said, fold_words(project.name))
            and _repeats(project.description, before, share=MIN_SHARED_NAMED)
        )
    ]
    lines = [(project, line) for project, line in lines if line not in reply.parts]
    if not lines:
        return False
    if intro:  # «Da Bærum vant prisen for 2018, ble disse tiltakene trukket fram.»
        key = "profile.projects_intro" + ("_won" if entry.won else "")
        reply.say(
            texts(
                key + ("_one" if len(lines) == 1 else ""),
                place=entrant_name(texts, entry.entrant),
                label=entry.record.label,
            )
        )
    for project, line in lines:
        reply.say(line, Fact(None, project.sources))
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
    profile says about it as background: only the sentences that name it; a sentence that
    says what the description says, and more, is shown instead of the description."""
    told: dict[str, str] = {}
    used: list[Fact[str]] = []
    background: list[tuple[str, Fact[str]]] = []
    figures: list[Figure] = []
    for ref in request.projects[:1]:
        record = view.get(ref.year)
        if record is None:
            continue
        name = fold_words(ref.project.name)
        for profile in record.profiles:
            figures.extend(f for f in profile.figures if _names(f.measures, name))
            for item in profile.context:
                for sentence in sentences(item.value):
                    if not _names(sentence, name) or sentence in ref.project.description:
                        continue  # not about it, or said word for word by its description
                    if ref.project.name not in told and _repeats(ref.project.description, sentence):
                        told[ref.project.name] = sentence
                        used.append(item)
                    else:
                        background.append((sentence, item))
    ceremony.say_project(view, texts, request, reply, told)
    reply.cite(*used)
    for figure in figures:
        figure_line(texts, figure, reply)
    for sentence, item in background:
        reply.say(sentence, item)


_SENTENCE_END = re.compile(r"(?<=[^\d\s][.!?])\s+(?=[«A-ZÆØÅ0-9])")


def sentences(text: str) -> list[str]:
    """The sentences of a curated text («… barnet begynner.» ends one; «4. desember» does
    not)."""
    return [s for s in _SENTENCE_END.split(text.strip()) if s]


MIN_SHARED = 0.8
"""Share of a description's words another sentence must have to say the same thing."""
MIN_SHARED_NAMED = 0.5
"""Share that is enough when the other sentences also name the project."""
MIN_WORD = 4
"""Shorter words («er», «en», «for») do not count when comparing what sentences say."""


def _repeats(description: str, sentence: str, share: float = MIN_SHARED) -> bool:
    """Whether ``sentence`` says what ``description`` says (nearly all its words, in any
    order and inflected): «Globus kafé er en internasjonal kafé drevet av innvandrerkvinner
    …» repeats «Globus kafé er en kafé drevet av innvandrerkvinner.»."""
    own = {w for w in fold_words(description) if len(w) >= MIN_WORD}
    if not own:
        return False
    other = fold_words(sentence)
    shared = [w for w in own if any(_same_word(w, o) for o in other)]
    return len(shared) >= share * len(own)


def _same_word(one: str, other: str) -> bool:
    """The same word, perhaps inflected («norskopplæring», «norskopplæringen», «samlede»,
    «samlet»): equal, or sharing all but the ending of the shorter one."""
    if one == other:
        return True
    short, long = sorted((one, other), key=len)
    if len(short) < MIN_WORD or len(long) - len(short) > MAX_ENDING:
        return False
    return long.startswith(short[:-1])


def _mentions(words: list[str], name: list[str]) -> bool:
    """Whether the folded ``words`` of a text name a project (its words in a row, each
    perhaps inflected: «samlet tjenestene for flyktninger og innvandrere» names «Samlede
    tjenester for flyktninger og innvandrere»)."""
    size = len(name)
    if not size:
        return False
    return any(
        all(_same_word(a, b) for a, b in zip(words[i : i + size], name, strict=True))
        for i in range(len(words) - size + 1)
    )


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
