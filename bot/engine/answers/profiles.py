"""The nominees' profiles: why a municipality was nominated, what it did, its figures, the
people who spoke for it, who a person is, a short profile card, and the nominees of a year
with one line each (also while a vote is open, and when asked whom to vote for).

Every fact shown comes from a profile (or the year's jury reasoning for a winner) with its
sources; a figure is always shown with the year it refers to, and context facts are labelled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.engine.history import History
from bot.engine.normalise import words as fold_words
from bot.engine.places import Place
from bot.engine.texts import Texts
from bot.engine.types import FollowUp, FollowUpAction
from bot.knowledge.models import Entrant, Fact, Figure, NomineeProfile, Person, PrizeYear, Project

from . import ceremony, places, winners
from .common import entrant_name, place_name, target_years
from .reply import Reply, Request

SHORT = 150
"""A reason shown on one line is cut to about this many characters (a phone screen)."""
MAX_FIGURES = 6
MAX_PEOPLE = 5
MAX_PROJECTS = 6
MAX_BUTTONS = 6
MAX_QUOTES = 3


@dataclass(frozen=True)
class Entry:
    """One round a municipality took part in, as known at the moment asked."""

    year: int
    record: PrizeYear
    entrant: Entrant
    profile: NomineeProfile | None
    won: bool

    @property
    def reason(self) -> Fact[str] | None:
        """Why it was nominated: the jury's reasoning for the winner, else the profile's."""
        if self.won and self.record.reasoning is not None:
            return self.record.reasoning
        if self.profile is not None and self.profile.nominated_for is not None:
            return self.profile.nominated_for
        return None


def entries(view: History, place: Place) -> list[Entry]:
    """The rounds ``place`` was nominated in (or won), newest first."""
    found: list[Entry] = []
    for year in sorted(view.years, reverse=True):
        record = view.years[year]
        entrant = _entrant(view, record, place)
        if entrant is None:
            continue
        won = record.winner is not None and view.matches(record.winner.value, place)
        profile = next((p for p in record.profiles if view.matches(p.entrant, place)), None)
        found.append(Entry(year, record, entrant, profile, won))
    return found


def _entrant(view: History, record: PrizeYear, place: Place) -> Entrant | None:
    if record.winner is not None and view.matches(record.winner.value, place):
        return record.winner.value
    for entrant in record.nominees.value if record.nominees is not None else ():
        if view.matches(entrant, place):
            return entrant
    return None


def of_years(view: History, request: Request, found: list[Entry]) -> list[Entry]:
    """The entries of the years asked about (all when no year was asked)."""
    years = target_years(view, request)
    return [e for e in found if e.year in years] if years else found


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[«A-ZÆØÅ])")


def sentences(text: str) -> list[str]:
    """``text`` split into sentences (a full stop, ! or ? before a capital letter)."""
    return [s.strip() for s in _SENTENCE_END.split(text.strip()) if s.strip()]


def short(text: str, limit: int = SHORT) -> str:
    """The first sentences of ``text`` that fit in about ``limit`` characters; always at least
    the whole first sentence, never cut inside one."""
    parts = sentences(text)
    kept = parts[:1]
    for part in parts[1:]:
        if len(" ".join([*kept, part])) > limit:
            break
        kept.append(part)
    first = " ".join(kept)
    return first if first.endswith((".", "!", "?", "»")) else first + "."


def asked_place(texts: Texts, request: Request, reply: Reply) -> Place | None:
    """The municipality asked about, or None after asking the user to name one."""
    if not request.places:
        reply.say(texts("place.need_place"))
        return None
    place = request.places[0]
    reply.municipality = place.name
    return place


def say_unknown(view: History, texts: Texts, request: Request, place: Place, reply: Reply) -> None:
    """Not nominated (that year, or at all): say so and when it was."""
    years = target_years(view, request)
    found = entries(view, place)
    name = place_name(place)
    if years and found:
        reply.say(texts("profile.not_that_year", place=name, label=view.label(years[0])))
        labels = texts.join([e.record.label for e in reversed(found)])
        reply.say(texts("profile.nominated_in", place=name, labels=labels))
        for entry in found:
            reply.cite(entry.record.nominees, entry.record.winner if entry.won else None)
        return
    if years:
        reply.say(texts("profile.not_that_year", place=name, label=view.label(years[0])))
        return
    reply.say(texts("profile.never", place=name))


def ascii_name(name: str) -> str:
    """A name as a button's question: short ASCII («Lørenskog» → «lorenskog»)."""
    return " ".join(fold_words(name))


def _why_buttons(texts: Texts, place: Place, found: list[Entry], reply: Reply) -> None:
    asked = {f.question for f in reply.followups}
    for entry in found[:MAX_BUTTONS]:
        if entry.won and f"begrunnelse {entry.year}" in asked:  # the same reasoning
            continue
        reply.followups.append(
            FollowUp(
                texts("profile.button_year", label=entry.record.label),
                texts("profile.ask_why", place=ascii_name(place.said), year=entry.year),
            )
        )


# -- why nominated / what it did -----------------------------------------------------------


def nominated_why(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """Why a municipality was nominated (each time, newest first, when no year is given)."""
    _why(view, texts, request, reply, detail=False)


def place_work(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """What a municipality did: the reason for its nomination and its projects."""
    _why(view, texts, request, reply, detail=True)


def _why(view: History, texts: Texts, request: Request, reply: Reply, *, detail: bool) -> None:
    place = asked_place(texts, request, reply)
    if place is None:
        return
    found = of_years(view, request, entries(view, place))
    if not found:
        say_unknown(view, texts, request, place, reply)
        return
    reply.years = [e.year for e in found]
    if len(found) == 1:
        _one(texts, found[0], reply, detail=detail)
        year = found[0].year
        reply.followups.append(FollowUp(texts("followup.map"), str(year), FollowUpAction.MAP))
        reply.followups.append(FollowUp(texts("followup.nominees"), f"nominerte {year}"))
        return
    name = place_name(place)
    labels = texts.join([e.record.label for e in reversed(found)])
    reply.say(texts("profile.several", place=name, count=texts.count(len(found)), labels=labels))
    unknown: list[str] = []
    for entry in found:
        reason = entry.reason
        reply.cite(entry.record.winner if entry.won else entry.record.nominees)
        if reason is None:  # said once, after the rounds whose reason is known
            unknown.append(entry.record.label)
            continue
        key = "profile.line_won" if entry.won else "profile.line"
        line = texts(key, place=name, label=entry.record.label, text=short(reason.value))
        reply.say(line, reason)
        if detail or entry is found[0]:  # the newest round: what it did, by name
            _project_names(texts, entry, reply)
    if unknown:
        labels = texts.join(list(reversed(unknown)))
        reply.say(texts("profile.lines_unknown", place=name, labels=labels))
    _why_buttons(texts, place, found, reply)


def _one(texts: Texts, entry: Entry, reply: Reply, *, detail: bool) -> None:
    """The whole reason for one round, or an honest «I don't know» and what is known."""
    name = entrant_name(texts, entry.entrant)
    label = entry.record.label
    reason = entry.reason
    if reason is not None:
        key = "profile.why_winner" if entry.won else "profile.why"
        reply.say(texts(key, place=name, label=label, text=reason.value), reason)
        reply.note(reason)
        if detail:
            _projects(texts, entry, reply, intro=False)
        else:
            _project_names(texts, entry, reply)
        return
    reply.say(texts("profile.why_unknown", place=name, label=label), entry.record.nominees)
    if not _known(texts, entry, reply):
        reply.say(texts("profile.nothing_more", place=name, label=label))


def _known(texts: Texts, entry: Entry, reply: Reply) -> bool:
    """What the profile says besides the reason (figures, projects, people), then the
    background (context) under one label."""
    profile = entry.profile
    if profile is None or not (
        profile.figures or profile.projects or profile.people or profile.context
    ):
        return False
    figures = profile.figures[:MAX_FIGURES]
    people = profile.people[:MAX_PEOPLE]
    plain_figures = [f for f in figures if not f.context]
    plain_people = [p for p in people if not p.context]
    projects = _entry_projects(entry)
    if plain_figures or plain_people or projects:
        reply.say(
            texts(
                "profile.known_intro",
                place=entrant_name(texts, entry.entrant),
                label=entry.record.label,
            )
        )
    for figure in plain_figures:
        figure_line(texts, figure, reply)
    _projects(texts, entry, reply, intro=False)
    for person in plain_people:
        person_line(texts, person, reply)
    background_figures = [f for f in figures if f.context]
    background_people = [p for p in people if p.context]
    if background_figures or background_people or profile.context:
        reply.say(texts("profile.background_intro"))
    for figure in background_figures:
        figure_line(texts, figure, reply, labelled=False)
    for person in background_people:
        person_line(texts, person, reply, labelled=False)
    for item in profile.context:
        reply.say(item.value, item)
    return True


# -- projects ------------------------------------------------------------------------------


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


# -- figures -------------------------------------------------------------------------------


def place_profile(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """«Fortell om Drammen»: wins and nominations, the newest nomination's reason, and a
    button per round for the rest."""
    places.place_summary(view, texts, request, reply)
    if len(request.places) != 1:
        return
    place = request.places[0]
    reply.municipality = place.name  # «Hvem er kommunalsjef der?» next
    found = entries(view, place)
    if not found:
        return
    newest = found[0]
    reason = newest.reason
    # the summary just named this round alone («Molde var også nominert for 2023.»): the
    # reason follows without naming it again
    others = sum(1 for e in found if not e.won)
    alone = len(found) == 1 or (not newest.won and others == 1)
    if reason is None:
        key = "profile.latest_unknown_only" if alone else "profile.latest_unknown"
        if newest.won:  # «Jeg vet ikke hvordan juryen begrunnet det.»
            key = "profile.latest_unknown_won_only" if alone else "profile.latest_unknown_won"
        reply.say(texts(key, place=place_name(place), label=newest.record.label))
    else:
        key = "profile.latest_only" if alone else "profile.latest"
        if newest.won and not alone:  # a winner is not «sist nominert»
            key = "profile.latest_won"
        reply.say(
            texts(
                key,
                place=place_name(place),
                label=newest.record.label,
                text=short(reason.value),
            ),
            reason,
        )
    _card_details(texts, newest, reply)
    _why_buttons(texts, place, found, reply)


def _card_details(texts: Texts, entry: Entry, reply: Reply) -> None:
    """The newest round's headline figure (not a context one) and its projects' names."""
    if entry.profile is not None:
        figure = next((f for f in entry.profile.figures if not f.context), None)
        if figure is not None:
            figure_line(texts, figure, reply)
    _project_names(texts, entry, reply)


def reasoning(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """«Hvorfor ble Gjøvik valgt?», «Hva gjorde Tynset?»: the jury's reasoning for a winner, the
    reason for the nomination for a municipality that was only nominated."""
    if request.places:
        place = request.places[0]
        years = target_years(view, request)
        found = entries(view, place)
        if years:  # nominated, not won, in the year asked
            delegate = any(e.year in years and not e.won for e in found) and not any(
                e.year in years and e.won for e in found
            )
        else:  # nominated but never won
            delegate = bool(found) and not view.wins(place)
        if delegate:
            place_work(view, texts, request, reply)
            return
    ceremony.reasoning(view, texts, request, reply)


# -- the nominees of a year with one line each ---------------------------------------------


def winner(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """The winner answer, with a button to the winner's profile when one year was asked."""
    winners.winner(view, texts, request, reply)
    if len(reply.years) != 1:
        return
    record = view.get(view.resolve(reply.years[0]))
    if record is None or record.winner is None:
        return
    # «Hvorfor vant de?» gives the reasoning; «Om Kinn» gives the municipality's profile, when
    # it has more to tell than this one round.
    name = record.winner.value.name
    winner_entrant = record.winner.value
    place = Place(winner_entrant.municipality, winner_entrant.name)
    if len(entries(view, place)) < 2:
        return
    reply.followups.append(
        FollowUp(
            texts("profile.button_profile", name=name),
            texts("profile.ask_profile", place=ascii_name(name)),
        )
    )


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
    """Whether ``text`` contains the folded words of ``name`` in a row."""
    found = fold_words(text)
    return any(found[i : i + len(name)] == name for i in range(len(found)))


def figure_line(texts: Texts, figure: Figure, reply: Reply, *, labelled: bool = True) -> None:
    """Say one figure with what it measures and the year it refers to (a context figure
    labelled as background unless ``labelled`` is False: said under one label already)."""
    key = "profile.figure_context" if figure.context and labelled else "profile.figure"
    said = figure.said
    if said is not None:  # the curator's whole sentence
        text = texts(key + "_sentence", sentence=said)
    else:
        measures = figure.measures[:1].upper() + figure.measures[1:]
        text = texts(key, measures=measures, value=figure.shown, unit=figure.unit, year=figure.year)
    reply.say(text, Fact(None, figure.sources, figure.note))
    reply.note(Fact(None, figure.sources, figure.note))


def person_line(
    texts: Texts,
    person: Person,
    reply: Reply,
    *,
    labelled: bool = True,
    again: bool = False,
) -> None:
    """Say who a person was (role at the time) and, paraphrased, what they said or did, as a
    whole sentence («Ragnhild Bergheim, ordfører i Lørenskog (Ap), tok imot prisen …»);
    ``again``: the line before was the same person («… sa også: …»)."""
    if person.said is None:
        reply.say(
            texts("profile.person_named", name=person.name, role=person.role), person_source(person)
        )
        return
    line = said_sentence(texts, person, again=again)
    if person.context and labelled:
        line = texts("profile.person_context", text=line)
    reply.say(line, person_source(person))


def said_sentence(
    texts: Texts,
    person: Person,
    *,
    again: bool = False,
    label: str | None = None,
    place: str | None = None,
) -> str:
    """What ``person`` said or did as one sentence. A paraphrase that opens with a verb
    («Tok imot prisen og sa …») gets the person as subject; a statement («Trondheim lykkes
    …») is introduced with «sa:». With ``label`` the sentence opens with the round («I runden
    for 2021 tok Ragnhild Bergheim imot prisen …»), naming ``place`` for a statement."""
    said = person.said or ""
    first, _, rest = said.partition(" ")
    verbs = set(texts("profile.said_verbs").split())
    if first.lower() in verbs and rest:
        verb = first.lower()
        if label is not None:
            return texts("profile.did_round", label=label, verb=verb, name=person.name, rest=rest)
        if again:
            return texts("profile.did_again", name=person.name, verb=verb, rest=rest)
        return texts("profile.did", name=person.name, role=person.role, verb=verb, rest=rest)
    if label is not None:
        return texts(
            "profile.said_round", label=label, name=person.name, place=place or "", said=said
        )
    if again:
        return texts("profile.said_again", name=person.name, said=said)
    return texts("profile.said", name=person.name, role=person.role, said=said)


def person_source(person: Person) -> Fact[None]:
    """The sources (and note) behind a person entry, to cite."""
    return Fact(None, person.sources, person.note)
