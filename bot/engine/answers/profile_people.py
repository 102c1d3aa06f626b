"""Profile answers about figures and people: a municipality's figures (always with the year
they refer to), who spoke for it and what they said, and «hvem er <person>?»."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

from rapidfuzz import fuzz

from bot.engine.extract import PLACEHOLDERS
from bot.engine.history import History
from bot.engine.places import Place
from bot.engine.texts import Texts
from bot.knowledge.models import NomineeProfile, Person, PrizeYear
from bot.knowledge.passages_terms import STOP_WORDS, stem, words

from .common import entrant_name, place_name, target_years
from .profile_entries import (
    MAX_FIGURES,
    MAX_PEOPLE,
    MAX_QUOTES,
    Entry,
    asked_place,
    entries,
    of_years,
    say_unknown,
)
from .profile_lines import figure_line, person_line, person_source, said_sentence, with_party
from .reply import Reply, Request
from .voting import winner_pending

T = TypeVar("T")
_ROLE_END = re.compile(r",| i | på | for | og | ved | av ")
"""Where the role itself ends in a person's role text («ordfører | i Drammen (H)»)."""
_ROLE_HEAD_END = re.compile(r",? (?:i|på|for|ved|av) ")
"""Where the role noun ends («kommunalsjef | for kultur …», «ordfører | i Drammen»)."""
_PARTY_IN_ROLE = re.compile(r"\s*\([^)]*\)")
"""A party in brackets inside a role («statssekretær (FrP) i …»)."""


FUZZY_STEM = 80
"""rapidfuzz ratio of the asked stem to the start of a text's stem at which both count as one
word («bosatt» ~ «bosett», «bosetting»)."""
FUZZY_MIN = 5
"""Stems shorter than this must match exactly."""


def _same(asked: str, term: str) -> bool:
    """One word in two inflections or spellings («bosatte», «bosette», «bosetting»)."""
    if asked == term:
        return True
    if min(len(asked), len(term)) < FUZZY_MIN or asked.isdigit() or term.isdigit():
        return False
    return fuzz.ratio(asked, term[: len(asked)]) >= FUZZY_STEM


def _relevance(asked: set[str], text: str) -> int:
    """How many of the question's words ``text`` uses (inflections and near spellings too)."""
    found = {stem(w) for w in words(text)}
    return sum(1 for a in asked if any(_same(a, t) for t in found))


def _asked(question_words: list[str]) -> set[str]:
    """The stems of a question's content words (no stop words, no placeholders)."""
    return {
        stem(w)
        for w in words(" ".join(question_words))
        if w not in STOP_WORDS and w not in PLACEHOLDERS
    }


def figures_match(view: History, place: Place, question_words: list[str]) -> bool:
    """Whether some figure of ``place`` measures a word of the question («hybler» matches no
    figure of Drammen: the fact texts may say more than its figures)."""
    asked = _asked(question_words)
    if not asked:  # nothing specific asked: the figures answer
        return True
    return any(
        _relevance(asked, f"{f.measures} {f.unit}") > 0
        for e in entries(view, place)
        if e.profile is not None
        for f in e.profile.figures
    )


def place_figures(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """A municipality's figures, those matching the question first, each with its year."""
    place = asked_place(texts, request, reply)
    if place is None:
        return
    with_figures = [e for e in entries(view, place) if e.profile and e.profile.figures]
    found = of_years(view, request, with_figures)
    years = set(request.years)  # a year asked may be a figure's own year, not a round's
    if not found and years:
        found = [
            e
            for e in with_figures
            if any(f.year in years for f in e.profile.figures)  # type: ignore[union-attr]
        ]
    if not found:
        reply.say(texts("profile.no_figures", place=place_name(place)))
        return
    asked = _asked(request.words)
    pairs = [(e, f) for e in found for f in e.profile.figures]  # type: ignore[union-attr]
    scored = [
        (_relevance(asked, f"{f.measures} {f.unit}") + (f.year in years), i, e, f)
        for i, (e, f) in enumerate(pairs)
    ]
    best = max(s for s, *_ in scored)
    if best > 0:
        scored = [item for item in scored if item[0] == best or item[0] >= 2]
    else:
        generic = {stem(w) for w in texts("profile.figure_words").split()} | PLACEHOLDERS
        if asked - generic:  # a figure was asked for that is not known: say so first
            reply.say(texts("profile.no_such_figure", place=place_name(place)))
    scored.sort(key=lambda item: (-item[0], item[1]))
    reply.years = sorted({e.year for _, _, e, _ in scored}, reverse=True)
    chosen = [(entry, figure) for _, _, entry, figure in scored[:MAX_FIGURES]]
    if all(figure.said is not None for _, figure in chosen):  # whole sentences: the answer first
        for _, figure in chosen:  # what was asked for, so no «background» label
            figure_line(texts, figure, reply, labelled=False)
        return
    _by_round(texts, "profile.figures_intro", chosen, figure_line, reply)


def _by_round(
    texts: Texts,
    intro: str,
    items: list[tuple[Entry, T]],
    say: Callable[[Texts, T, Reply], None],
    reply: Reply,
) -> None:
    """Say ``items`` (figures, people) under one ``intro`` line per round, in the given order."""
    shown: int | None = None
    for entry, item in items:
        if entry.year != shown:
            place = entrant_name(texts, entry.entrant)
            reply.say(texts(intro, place=place, label=entry.record.label))
            shown = entry.year
        say(texts, item, reply)


# -- people --------------------------------------------------------------------------------


def place_people(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """Who spoke for a municipality (or held the role asked about) and what they said."""
    place = asked_place(texts, request, reply)
    if place is None:
        return
    found = [
        e for e in of_years(view, request, entries(view, place)) if e.profile and e.profile.people
    ]
    name = place_name(place)
    rounds = entries(view, place)
    if not rounds:  # never nominated (as known now): say that, not who spoke
        say_unknown(view, texts, request, place, reply)
        return
    if request.when_won and not view.wins(place):  # «… da Harstad vant»: it never did
        _never_won(view, texts, request, reply, name, rounds)
        return
    asked = {stem(w) for w in words(" ".join(request.words))}
    if not found:
        _nobody_that_round(view, texts, request, reply, name, asked, rounds)
        return
    pairs = [(e, p) for e in found if e.profile for p in e.profile.people]
    roles = {stem(w) for _, p in pairs for w in words(p.role)}
    wanted = asked & roles
    role_asked = False
    if wanted:
        matching = [(e, p) for e, p in pairs if wanted & {stem(w) for w in words(p.role)}]
        # who held the role in the round (K4): someone from the time before the round (a
        # context person, «ordfører i Tønsberg i 2022») only when nobody in the round held it
        matching = [(e, p) for e, p in matching if not p.context] or matching
        if matching:
            pairs, role_asked = matching, True
    else:  # a role someone holds elsewhere, but nobody named here that round: say so
        role = _role_asked(view, asked - {stem(w) for w in words(name)})
        if role is not None:
            label = texts.join(sorted({e.record.label for e in found}))
            reply.say(texts("profile.no_role", role=role, place=name, label=label))
    reply.years = sorted({e.year for e, _ in pairs}, reverse=True)
    _people_by_round(view, texts, pairs[:MAX_PEOPLE], reply, role_asked=role_asked)


def _never_won(
    view: History, texts: Texts, request: Request, reply: Reply, name: str, rounds: list[Entry]
) -> None:
    """«Hvem var ordfører i Tønsberg da de vant?» about a municipality that has not won: say
    so with its nominations, a round under way in the present with the day its winner is
    named, and nothing about who spoke in other rounds (not what was asked)."""
    current = [e for e in rounds if not view.known_by(e.year, request.now)]
    past = [e for e in rounds if e not in current]
    facts = [e.record.nominees for e in rounds]
    if current:
        label = texts.join([e.record.label for e in reversed(current)])
        reply.say(texts("profile.never_won_nominated_now", place=name, label=label), *facts)
        if past:
            labels = texts.join([e.record.label for e in reversed(past)])
            reply.say(texts("place.nominated_before", years=labels))
        winner_pending(texts, current[0].record, request.now, reply)
    else:
        labels = texts.join([e.record.label for e in reversed(past)])
        reply.say(texts("profile.never_won_nominated", place=name, labels=labels), *facts)
    reply.years = [e.year for e in rounds]


def _people_by_round(
    view: History,
    texts: Texts,
    pairs: list[tuple[Entry, Person]],
    reply: Reply,
    *,
    role_asked: bool = False,
) -> None:
    """People under one intro line per round («Da Asker ble nominert for 2018, …», or who held
    the role asked about, as a whole sentence); a person just named is not named with the
    role again («Ordføreren sa at …», «Hun sa også at …»)."""
    shown: int | None = None
    before: str | None = None
    for entry, someone in pairs:
        label = entry.record.label
        key = "profile.who_won" if entry.won else "profile.who_nominated"
        then = entrant_name(texts, entry.entrant)
        if entry.year != shown:
            shown = entry.year
            if role_asked or someone.said is None:
                # «Hvem var ordfører …?», or someone only named: who it was, as a sentence
                reply.say(who_sentence(texts, key, someone.name, someone.role, then, label))
                before, named, again = someone.name, True, False
            else:  # the round opens the first statement: «I runden for 2018 var …, ordfører …»
                person_line(texts, someone, reply, label=label)
                before = someone.name
                continue
        else:
            named = again = someone.name == before
        if someone.said is None and not named:
            reply.say(who_sentence(texts, key, someone.name, someone.role, then, label))
        elif someone.said is not None:
            subject = subject_of(view, texts, someone) if named else None
            person_line(texts, someone, reply, again=again, subject=subject)
        before = someone.name


def subject_of(view: History, texts: Texts, someone: Person) -> str:
    """What stands for ``someone`` once named (issue 13, M4): the pronoun the fact base gives
    (IMDi's directors), else the role in its definite form («ordføreren»), else the name."""
    for era in view.kb.prize.directors:
        if era.name == someone.name and era.pronoun:
            return era.pronoun.lower()
    role = _PARTY_IN_ROLE.sub("", someone.role)  # «statssekretær (FrP) i …»
    head = _ROLE_HEAD_END.split(role)[0].split()  # «barne-, … og inkluderingsminister»
    nouns = texts("profile.role_definite").split()
    found = [n for n in nouns if head and head[-1].lower().endswith(n.lower())]
    if found:  # the noun the role ends in: «ordføreren», «direktøren», «ministeren»
        return max(found, key=len) + "en"
    return someone.name


def who_sentence(texts: Texts, key: str, name: str, role: str, place: str, label: str) -> str:
    """Who held a role in a round as one sentence, the party after the name and «kommunen»
    for a place the role names already («Ragnhild Bergheim (Ap) var ordfører i Lørenskog da
    kommunen vant prisen for 2021.»)."""
    name, role = with_party(name, role)
    where = texts("profile.the_municipality") if place in role else place
    return texts(key, name=name, role=role, place=where, label=label)


def _nobody_that_round(
    view: History,
    texts: Texts,
    request: Request,
    reply: Reply,
    name: str,
    asked: set[str],
    rounds: list[Entry],
) -> None:
    """No one named for the rounds asked about («Hvem var ordfører i Bodø i 2022?»): say
    so for those rounds, then who is named in the municipality's other rounds, if anyone."""
    years = target_years(view, request)
    role = _role_asked(view, asked - {stem(w) for w in words(name)})
    if not years or role is None:
        reply.say(texts("profile.no_people", place=name))
        return
    label = texts.join([view.label(y) for y in years])
    reply.say(texts("profile.no_role_round", role=role, place=name, label=label))
    others = [(e, p) for e in rounds if e.profile for p in e.profile.people]
    holding = [(e, p) for e, p in others if asked & {stem(w) for w in words(p.role)}]
    others = holding or others  # the same role in other rounds first (Drammen's mayors)
    if others:
        reply.years = sorted({e.year for e, _ in others}, reverse=True)
        _people_by_round(view, texts, others[:MAX_PEOPLE], reply, role_asked=bool(holding))


def _role_asked(view: History, asked: set[str]) -> str | None:
    """The role word («ordfører», «rådmann») of the question's stems that some person of the
    fact base holds, as the fact texts write it; None when the question names no role."""
    for record in view.years.values():
        for profile in record.profiles:
            for someone in profile.people:
                head = _ROLE_END.split(someone.role.lower())[0]  # «ordfører» i Drammen (H)
                for written in head.split():
                    found = words(written)
                    if found and stem(found[-1]) in asked:
                        return written.strip("(),.")
    return None


def person(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """Who a person of the fact base is: roles (with place and year) and what they said."""
    if not request.people:
        reply.say(texts("gap.no_info"))
        return
    name = request.people[0]
    years = target_years(view, request)
    found: list[tuple[int, PrizeYear, NomineeProfile, Person]] = []
    for year in sorted(view.years, reverse=True):
        record = view.years[year]
        if years and year not in years:
            continue
        for profile in record.profiles:
            if request.places and not any(view.matches(profile.entrant, p) for p in request.places):
                continue
            if record.nominees is None and record.winner is None:
                continue
            found.extend((year, record, profile, p) for p in profile.people if p.name == name)
    if not found:
        reply.say(texts("profile.who_unknown", name=name))
        return
    # Who they were: one sentence per role, with the round(s) («… var ordfører i Trondheim da
    # Trondheim vant prisen for 2016.», «… var IMDi-direktør i rundene for 2016, … og 2025.»).
    rounds: dict[str, list[tuple[PrizeYear, NomineeProfile]]] = {}
    for _, record, profile, someone in found:
        known = rounds.setdefault(someone.role, [])
        if all(r.year != record.year for r, _ in known):
            known.append((record, profile))
    context = {
        someone.role
        for *_, someone in found
        if someone.context and re.search(r"\b(?:19|20)\d\d\b", someone.role)
    }
    for role, known in rounds.items():
        if role in context:  # before the round, and the role says when («… i 2022»)
            shown, bare = with_party(name, role)
            reply.say(texts("profile.person_named", name=shown, role=bare))
        elif len(known) == 1:
            record, profile = known[0]
            won = record.winner is not None and record.winner.value.name == profile.entrant.name
            key = "profile.who_won" if won else "profile.who_nominated"
            if _holds_now(view, name, role, request.now.year):  # «er … og var det også da …»
                key += "_now"
            place = entrant_name(texts, profile.entrant)
            reply.say(who_sentence(texts, key, name, role, place, record.label))
        else:
            ordered = sorted(known, key=lambda k: k[0].year)
            labels = texts.join([r.label for r, _ in ordered])
            held = _holds_now(view, name, role, request.now.year)
            if held is None:  # nothing says when the role ended: this year's round, still in it
                held = ordered[-1][0].year >= request.now.year
            key = "profile.who_rounds_now" if held else "profile.who_rounds"
            shown, role = with_party(name, role)
            reply.say(texts(key, name=shown, role=role, labels=labels))
    _quotes(view, texts, found, reply)
    reply.years = sorted({y for y, *_ in found}, reverse=True)
    reply.municipality = found[0][2].entrant.municipality.name


def _holds_now(view: History, name: str, role: str, year: int) -> bool | None:
    """Whether ``name`` still holds ``role`` in ``year`` as the fact base knows it (IMDi's
    directors have eras); None when nothing says (a mayor's term is not in the sources)."""
    if "direktør" not in role.lower():
        return None
    for era in view.kb.prize.directors:
        if era.name == name and era.from_year <= year:
            return era.to_year is None or era.to_year >= year
    return None


def _quotes(
    view: History,
    texts: Texts,
    found: list[tuple[int, PrizeYear, NomineeProfile, Person]],
    reply: Reply,
) -> None:
    """What the person said, after the sentence(s) that named them: «hun»/«ordføreren» for the
    name, the round only when they spoke in more than one, and «også» for a second statement
    in the same round (issue 13, M4)."""
    rounds = {year for year, *_ in found}
    shown: int | None = None
    quoted = 0
    for year, record, profile, someone in found:
        reply.cite(person_source(someone))
        if someone.said is None or quoted >= MAX_QUOTES:
            continue
        subject = subject_of(view, texts, someone)
        place = entrant_name(texts, profile.entrant)
        if len(rounds) > 1 and year != shown and not someone.context:
            line = said_sentence(texts, someone, label=record.label, place=place, subject=subject)
        else:
            again = quoted > 0 and (year == shown or len(rounds) == 1)
            line = said_sentence(texts, someone, again=again, place=place, subject=subject)
        reply.say(line)
        shown = year
        quoted += 1
