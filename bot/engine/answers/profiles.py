"""The nominees' profiles: why a municipality was nominated, what it did, a short profile
card, and the nominees of a year with one line each (also while a vote is open, and when asked
whom to vote for). A profile's rounds are read in :mod:`.profile_entries`, its projects in
:mod:`.profile_projects`, its figures and people in :mod:`.profile_lines`.

Every fact shown comes from a profile (or the year's jury reasoning for a winner) with its
sources; a figure is always shown with the year it refers to, and context facts are labelled.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.engine.history import History
from bot.engine.places import Place
from bot.engine.texts import Texts
from bot.engine.types import FollowUp, FollowUpAction
from bot.knowledge.models import Fact
from bot.knowledge.view import winner_announced

from . import ceremony, places, winners
from .common import entrant_name, named_once, place_name, target_years
from .profile_entries import (
    MAX_BUTTONS,
    MAX_FIGURES,
    MAX_PEOPLE,
    Entry,
    ascii_name,
    asked_place,
    entries,
    of_years,
    say_unknown,
    short,
)
from .profile_lines import figure_line, person_line
from .profile_projects import _project_names, _projects
from .reply import Reply, Request

MAX_BACKGROUND = 2
"""Background sentences at most after «Jeg vet ikke hvorfor …» (issue 13, M9)."""

WON = "vant"
"""The canonical word of winning: a «why» question about a win, not about a nomination."""


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
    if place.entrant is None:  # «Oslo»: a city district's round (Grünerløkka) is not Oslo's
        found = [e for e in found if not e.entrant.district]
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
    # a win leads (issue 13, N7): «Lørenskog vant prisen for 2021. …», then «Kommunen var også
    # nominert for 2018. …»; with no win, one sentence names the rounds first
    won = any(e.won for e in found)
    # A5: with a known reason, the rounds' own sentences say the years («Tromsø ble nominert for
    # 2019/2020. … / Kommunen ble også nominert for 2018. …»); the summary of the rounds leads
    # only when no reason is known
    first_named = not won and any(e.reason is not None for e in found)
    if not won and not first_named:
        labels = texts.join([e.record.label for e in reversed(found)])
        count = texts.count(len(found))
        reply.say(texts("profile.several", place=name, count=count, labels=labels))
    ordered = [e for e in found if e.won] + [e for e in found if not e.won]
    unknown: list[str] = []
    said = False
    for entry in ordered:
        reason = entry.reason
        reply.cite(entry.record.winner if entry.won else entry.record.nominees)
        if reason is None and entry.won:  # the win still leads, its reasoning unknown
            key = "profile.line_won_unknown_also" if said else "profile.line_won_unknown"
            reply.say(texts(key, place=name, label=entry.record.label))
            said = True
            continue
        if reason is None:  # said once, after the rounds whose reason is known
            unknown.append(entry.record.label)
            continue
        if entry.won:
            key = "profile.line_won_also" if said else "profile.line_won"
        elif first_named:
            key = "profile.line_next" if said else "profile.line_first"
        else:
            key = "profile.line_also" if won else "profile.line"
        line = texts(key, place=name, label=entry.record.label, text=short(reason.value))
        reply.say(named_once(texts, line, name), reason)
        said = True
        if detail or entry is found[0]:  # the newest round: what it did, by name
            _project_names(texts, entry, reply)
    if unknown:
        labels = texts.join(sorted(unknown))
        reply.say(texts("profile.lines_unknown", place=name, labels=labels))
    _why_buttons(texts, place, found, reply)


def _one(texts: Texts, entry: Entry, reply: Reply, *, detail: bool) -> None:
    """The whole reason for one round, or an honest «I don't know» and what is known."""
    name = entrant_name(texts, entry.entrant)
    label = entry.record.label
    reason = entry.reason
    if reason is not None:
        key = "profile.why_winner" if entry.won else "profile.why"
        line = texts(key, place=name, label=label, text=reason.value)
        reply.say(named_once(texts, line, name), reason)
        reply.note(reason)
        if detail:
            _projects(texts, entry, reply, intro=False)
        else:
            _project_names(texts, entry, reply)
        return
    # the round under way at the clock: it is nominated, the answer says so first
    key = "profile.why_unknown"
    winner = entry.record.winner
    if reply.now is not None and not winner_announced(entry.record, reply.now):
        key = "profile.why_unknown_now"
    elif winner is not None and not entry.won:  # the answer first, then who won (B8)
        said = f"{winner.value.name} vant" in reply.text  # «Hvorfor vant X?»: said first
        key = "profile.why_unknown_past" if said else "profile.why_unknown_lost"
    won_by = winner.value.name if winner is not None else ""
    reply.say(texts(key, place=name, label=label, winner=won_by), entry.record.nominees)
    _known(texts, entry, reply)  # nothing more known: «jeg vet ikke hvorfor» was said once


def _known(texts: Texts, entry: Entry, reply: Reply) -> bool:
    """What the profile says besides the reason (figures, projects, people), then the
    background from the round's time (context) as one paragraph of whole sentences, with no
    label (issue 13, M9): each sentence says its own year."""
    profile = entry.profile
    if profile is None or not (
        profile.figures or profile.projects or profile.people or profile.context
    ):
        return False
    figures = profile.figures[:MAX_FIGURES]
    people = profile.people[:MAX_PEOPLE]
    for figure in (f for f in figures if not f.context):
        figure_line(texts, figure, reply)
    _projects(texts, entry, reply, intro=False)
    for person in (p for p in people if not p.context):
        person_line(texts, person, reply)
    year = entry.record.year
    background_figures = [f for f in figures if f.context and f.year in (year - 1, year)]
    background_people = [p for p in people if p.context and _same_time(p.said or "", year)]
    context = [item for item in profile.context if _same_time(item.value, year)]
    room = MAX_BACKGROUND
    background_figures = background_figures[:room]
    room -= len(background_figures)
    background_people = background_people[: max(room, 0)]
    room -= len(background_people)
    context = context[: max(room, 0)]
    said = Reply(now=reply.now)
    for figure in background_figures:
        figure_line(texts, figure, said, labelled=False)
    for person in background_people:
        person_line(texts, person, said, labelled=False)
    for item in context:
        said.say(item.value, item)
    if said.parts:  # one paragraph, not loose lines, not read as the reason (A4)
        intro = texts("profile.background_intro", place=entrant_name(texts, entry.entrant))
        reply.say(" ".join([intro, *said.parts]))
        reply.cite(Fact(None, tuple(said.sources)))
        for note in said.notes:
            if note not in reply.notes:
                reply.notes.append(note)
    return True


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _same_time(text: str, year: int) -> bool:
    """Whether a background text is from the round's time: every year it names is the
    round's year or the one before (Kristiansand 2023: 2022, not 2014)."""
    return all(int(y) in (year - 1, year) for y in _YEAR.findall(text))


def place_profile(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """«Fortell om Drammen»: wins and nominations, the newest nomination's reason, and a
    button per round for the rest."""
    start = len(reply.parts)
    places.place_summary(view, texts, request, reply)
    if len(request.places) != 1:
        return
    place = request.places[0]
    reply.municipality = place.name  # «Hvem er kommunalsjef der?» next
    found = entries(view, place)
    if not found:
        return
    # a district's round (Oslo's Grünerløkka) is not the municipality's «sist nominert» (B11)
    own = [e for e in found if not e.entrant.district] or found
    newest = own[0]
    reason = newest.reason
    won_line = reply.parts[start] if len(reply.parts) > start else ""  # «Sunndal vant …»
    # the summary just named this round alone («Molde var også nominert for 2023.»): the
    # reason follows without naming it again
    others = sum(1 for e in found if not e.won)
    alone = len(found) == 1 or (not newest.won and others == 1)
    if reason is None and not newest.won:
        _win_reasoning(texts, place, found, won_line, start, reply)
    if reason is None and not newest.won and len(own) == 1 < len(found):
        # one round of its own beside districts' rounds: the unknown said plainly after them
        label = newest.record.label
        reply.say(texts("profile.why_unknown", place=place_name(place), label=label))
        reply.cite(newest.record.nominees)
    elif reason is None:
        key = "profile.latest_unknown_only" if alone else "profile.latest_unknown"
        if key == "profile.latest_unknown" and _after_kommunen(texts, reply):
            key = "profile.latest_unknown_named"  # after «Kommunen var (også) nominert …»
        if reply.now is not None and not winner_announced(newest.record, reply.now):
            # the summary just said «er nominert for 2023»
            key = "profile.latest_unknown_only_now" if alone else "profile.latest_unknown_now"
        if newest.won:  # «Jeg vet ikke hvordan juryen begrunnet det.»
            key = "profile.latest_unknown_won_only" if alone else "profile.latest_unknown_won"
        joined = key in ("profile.latest_unknown_only", "profile.latest_unknown_only_now")
        if joined and len(reply.parts) > start and reply.parts[-1].endswith("."):
            # K1: the unknown joins the sentence naming the round, so it is not read as «I
            # don't know why it won»: «Kommunen var også nominert for 2023, men jeg vet ikke
            # hvorfor den ble nominert.»
            sentence = reply.parts[-1][:-1]
            reply.parts[-1] = texts(
                key, place=place_name(place), label=newest.record.label, sentence=sentence
            )
            reply.cite(newest.record.nominees)
        else:
            reply.say(texts(key, place=place_name(place), label=newest.record.label))
    elif newest.won and not alone and newest.record.label in won_line:
        # the reasoning joins the sentence of the win, before the other nominations (issue 13)
        line = texts(
            "profile.latest_won",
            place=place_name(place),
            label=newest.record.label,
            text=short(reason.value),
        )
        reply.parts[start] += " " + line
        reply.cite(reason)
    else:
        key = "profile.latest_only" if alone else "profile.latest"
        if key == "profile.latest" and _after_kommunen(texts, reply):
            key = "profile.latest_named"  # after «Kommunen var (også) nominert …»: the name
        if newest.won and not alone:  # a winner is not «sist nominert»
            key = "profile.latest_won"
        elif reply.now is not None and not winner_announced(newest.record, reply.now):
            key = "profile.latest_now"  # the summary just said «er nominert (igjen) for 2021»
        line = texts(
            key, place=place_name(place), label=newest.record.label, text=short(reason.value)
        )
        reply.say(named_once(texts, line, place_name(place)), reason)
    _card_details(texts, newest, reply, said=short(reason.value) if reason else "")
    _why_buttons(texts, place, found, reply)


def _win_reasoning(
    texts: Texts, place: Place, found: list[Entry], won_line: str, start: int, reply: Reply
) -> None:
    """The jury's reasoning joins the sentence of an earlier win when the newest nomination's
    reason is unknown (K1): the card tells why it won before it says what it does not know."""
    win = next((e for e in found if e.won and e.reason is not None), None)
    if win is None or win.reason is None or win.record.label not in won_line:
        return
    line = texts(
        "profile.latest_won",
        place=place_name(place),
        label=win.record.label,
        text=short(win.reason.value),
    )
    reply.parts[start] += " " + line
    reply.cite(win.reason)


def _after_kommunen(texts: Texts, reply: Reply) -> bool:
    """Whether the last sentence said opens with «Kommunen» (the next one names the place,
    so two sentences running do not open alike)."""
    word = texts("profile.the_municipality")
    return bool(reply.parts) and reply.parts[-1].startswith(word[:1].upper() + word[1:] + " ")


def _card_details(texts: Texts, entry: Entry, reply: Reply, *, said: str = "") -> None:
    """The newest round's headline figure (not a context one, nor one the reason ``said``
    just gave: Grimstad's 71 refugees once) and its projects' names."""
    if entry.profile is not None:
        figure = next((f for f in entry.profile.figures if not f.context), None)
        if figure is not None and not re.search(rf"\b{re.escape(figure.shown)}\b", said):
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
        if delegate and years and WON in request.words:
            # «Hvorfor vant Asker i 2018?», «Vant Asker i 2018?» → «Hvorfor det?»: that year's
            # winner and the jury's reasons, then why the municipality asked about was nominated
            ceremony.reasoning(view, texts, replace(request, places=[]), reply)
        if delegate:
            place_work(view, texts, request, reply)
            return
    ceremony.reasoning(view, texts, request, reply)


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
