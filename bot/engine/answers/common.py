"""Helpers several answers share: names, year lists, gaps and nearby winners, follow-ups, and
the prize-level topic texts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime

from bot.engine.history import History
from bot.engine.normalise import words as fold_words
from bot.engine.places import Place
from bot.engine.texts import Texts
from bot.engine.types import FollowUp, FollowUpAction
from bot.knowledge.models import Entrant, PrizeYear, Source, YearStatus
from bot.knowledge.view import award_at

from .reply import MAX_YEARS, Reply, Request

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ«])")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_DATE = re.compile(r"(?<!\d)(\d{1,2})\. ([a-zæøå]+) ((?:19|20)\d\d)(?!\d)")


def register_source(texts: Texts) -> Source:
    """The municipality register (names, Sami/Kven names, mergers): cited for those notes."""
    return Source(key="kommuneregister", title=texts("place.register_source"))


def entrant_name(texts: Texts, entrant: Entrant) -> str:
    """An entrant's name, with today's municipality when it differs."""
    today = entrant.municipality.name
    if entrant.name == today:
        return today
    if entrant.district:
        return texts("format.entrant_district", name=entrant.name, municipality=today)
    former = {n.casefold() for n in entrant.municipality.former_names}
    key = "format.entrant_former" if entrant.name.casefold() in former else "format.entrant_town"
    return texts(key, name=entrant.name, municipality=today)


def place_name(place: Place) -> str:
    """How to name the place in an answer."""
    if place.entrant is not None:
        return place.entrant
    return place.name


def years_text(view: History, texts: Texts, years: list[int]) -> str:
    """«2014», «2013 og 2021» with labels."""
    return texts.join([view.label(y) for y in years])


def target_years(view: History, request: Request, *, follow_merged: bool = True) -> list[int]:
    """Requested years, deduplicated, with a merged year read as its round (2019 → 2020)
    when ``follow_merged`` or when both years were asked."""
    years: list[int] = []
    for year in request.years:
        record = view.get(year)
        target = year
        if (
            record is not None
            and record.status == YearStatus.MERGED
            and record.merged_into is not None
            and (follow_merged or record.merged_into in request.years)
        ):
            target = record.merged_into
        if target not in years:
            years.append(target)
    return years


def need_year(view: History, request: Request) -> list[int]:
    """Years asked about, or the latest awarded year."""
    years = target_years(view, request)
    if years:
        return years
    latest = view.latest_awarded(request.now.year, request.now)
    return [latest] if latest else []


def step_year(view: History, year: int, step: int) -> int:
    """The neighbouring year, skipping merged years (2019 → 2018 from 2020)."""
    other = year + step
    record = view.get(other)
    if record is not None and record.status == YearStatus.MERGED:
        other += step
    return other


def gap(view: History, texts: Texts, year: int, reply: Reply, *, nearby: bool = True) -> bool:
    """Say plainly why ``year`` has no known winner; return False when it has one."""
    record = view.get(year)
    if year < view.first_year:
        first = view.winner(view.first_year)
        reply.say(
            texts(
                "gap.before_start",
                year=year,
                first_year=view.first_year,
                first_winner=entrant_name(texts, first.value) if first else "",
            ),
            view.kb.prize.first_year,
            first,
        )
        return True
    if record is None:
        _future(view, texts, year, reply)
        return True
    status = record.status
    explanation = record.explanation.value if record.explanation else ""
    if explanation and reply.now is not None:
        explanation = as_of(texts, explanation, reply.now)
    if status == YearStatus.MERGED:
        reply.say(texts("gap.merged", explanation=explanation), record.explanation)
        return True
    if status in (YearStatus.NO_PRIZE, YearStatus.UNKNOWN) or (
        status == YearStatus.AWARDED and record.winner is None
    ):
        kind = "no_prize" if status == YearStatus.NO_PRIZE else "unknown"
        key = f"gap.{kind}_explained" if explanation else f"gap.{kind}"
        reply.say(texts(key, label=record.label, explanation=explanation), record.explanation)
        if nearby:
            nearby_winners(view, texts, year, reply)
        return True
    if status == YearStatus.OPEN and record.winner is None:
        pending_round(texts, record, reply)
        return True
    return False


def pending_round(texts: Texts, record: PrizeYear, reply: Reply) -> None:
    """A round whose winner is not announced yet: «ikke kåret ennå», with the day it will be
    when the sources give it."""
    date = record.award_date
    now = reply.now
    if now is None or date is None:
        reply.say(texts("gap.open", label=record.label))
        return
    at = award_at(record)
    if at is not None and at > now:
        day = texts.date(date.value, now=now)
        reply.say(texts("gap.not_yet_date", label=record.label, date=day), date)
        return
    reply.say(texts("gap.not_yet", label=record.label))


def awarded_between(view: History, first: date, last: date, now: datetime) -> list[int]:
    """The rounds whose award (known by ``now``) fell on a day from ``first`` to ``last``."""
    return [
        year
        for year, record in view.years.items()
        if (at := award_at(record)) is not None
        and first <= at.date() <= last
        and at <= now
        and record.winner is not None
    ]


def _future(view: History, texts: Texts, year: int, reply: Reply) -> None:
    """«Prisen for 2026 er ikke delt ut ennå.» with the latest winner known; a second year
    after the clock joins that sentence («Prisene for 2026 og 2027 …») instead of repeating it."""
    latest = view.latest_awarded()
    winner = view.winner(latest) if latest else None
    index, years = reply.future if reply.future else (len(reply.parts), ())
    years = (*years, year)
    name = entrant_name(texts, winner.value) if winner else ""
    said = bool(name) and any(name in part for part in reply.parts[:index])
    key = "gap.future" if len(years) == 1 else "gap.future_several"
    text = texts(
        key + "_bare" if said else key,  # the latest winner was named just before
        year=year,
        years=texts.join([str(y) for y in years]),
        winner=entrant_name(texts, winner.value) if winner else "",
        label=view.label(latest) if latest else "",
    )
    if index < len(reply.parts) and reply.future:
        reply.parts[index] = text
    else:
        reply.say(text, winner)
    reply.future = (index, years)


def rounds(
    view: History, texts: Texts, years: list[int], reply: Reply, *, nearby: bool = False
) -> Iterator[tuple[int, PrizeYear]]:
    """(year, record) for each asked year that had a prize round of its own; the others
    (no prize, merged into another round, unknown to the fact base) are explained, the years
    after the clock together in one sentence."""
    for year in years[:MAX_YEARS]:
        record = view.get(year)
        if record is None or record.status in (YearStatus.NO_PRIZE, YearStatus.MERGED):
            gap(view, texts, year, reply, nearby=nearby)
            continue
        yield year, record


def nearby_winners(view: History, texts: Texts, year: int, reply: Reply) -> None:
    """«Prisen for 2023 gikk til Tønsberg, og prisen for 2025 til Moss.»: the known winners
    just before and after ``year``."""
    items: list[str] = []
    facts = []
    for other in (view.previous_awarded(year), view.next_awarded(year)):
        if other is None or (reply.now is not None and not view.known_by(other, reply.now)):
            continue
        winner = view.winner(other)
        if winner is None or _already_said(reply, entrant_name(texts, winner.value), other):
            continue
        items.append(
            texts(
                "gap.nearby_next" if items else "gap.nearby_item",
                winner=entrant_name(texts, winner.value),
                label=view.label(other),
            )
        )
        facts.append(winner)
    if not items:
        return
    first = items[0][:1].upper() + items[0][1:]
    if len(items) == 1:
        reply.say(texts("gap.unknown_nearby", nearby=first), *facts)
        return
    # Two main clauses: «Prisen for 2023 gikk til Tønsberg, og prisen for 2025 til Moss.»
    reply.say(texts("gap.unknown_nearby_two", first=first, second=items[1]), *facts)


def named_once(texts: Texts, line: str, name: str) -> str:
    """``line`` with a second sentence that opens with the name the first opened with saying
    «Kommunen» instead (B6: «Bodø ble sist nominert for 2022. Kommunen kalte seg …»)."""
    lead = f"{name} "
    if not line.startswith(lead) or f". {lead}" not in line:
        return line
    it = sentence_start(texts("profile.the_municipality"))
    return line.replace(f". {lead}", f". {it} ", 1)


def sentence_start(text: str) -> str:
    """``text`` with a capital first letter: a template that opens with a curated phrase
    («ordfører Frank Pedersen tok imot …») still opens its sentence with a capital."""
    return text[:1].upper() + text[1:]


def _already_said(reply: Reply, name: str, year: int) -> bool:
    """True when the reply already names ``name`` with ``year`` (no need to repeat it)."""
    text = reply.text
    return name in text and str(year) in text


def winner_followups(view: History, texts: Texts, year: int, reply: Reply) -> None:
    """Buttons after a single-year winner answer."""
    reply.followups.append(FollowUp(texts("followup.nominees"), f"nominerte {year}"))
    neighbour_followups(view, texts, year, reply)
    reply.followups.append(FollowUp(texts("followup.reasoning"), f"begrunnelse {year}"))
    reply.followups.append(FollowUp(texts("followup.map"), str(year), FollowUpAction.MAP))


def neighbour_followups(view: History, texts: Texts, year: int, reply: Reply) -> None:
    """«Året før» and «Året etter» buttons, where those years are in the fact base."""
    for step, key in ((-1, "followup.year_before"), (+1, "followup.year_after")):
        other = step_year(view, year, step)
        if other in view.years:
            reply.followups.append(FollowUp(texts(key), f"vinner {other}"))


def gap_followups(view: History, texts: Texts, year: int, reply: Reply) -> None:
    """Buttons after a year without a known winner: the round it belongs to, or the
    nearest years that have one (2017 → 2016 and 2018)."""
    record = view.get(year)
    if record is not None and record.status == YearStatus.MERGED and record.merged_into:
        if reply.now is None or view.known_by(record.merged_into, reply.now):
            winner_followups(view, texts, record.merged_into, reply)
        return
    for other in (view.previous_awarded(year), view.next_awarded(year)):
        if other is None or (reply.now is not None and not view.known_by(other, reply.now)):
            continue
        label = texts("followup.winner_of", label=view.label(other))
        reply.followups.append(FollowUp(label, f"vinner {other}"))


def prune_followups(view: History, texts: Texts, reply: Reply) -> None:
    """Keep only the buttons that lead to a new, non-empty answer: no «Nominerte samme år»
    when the nominees are unknown, no «Hvorfor vant de?» without a known reasoning, no
    «Året etter» into a year the fact base knows nothing about, no «Hvem vant?» under an
    answer that already says who won, no map of a year with nobody on it."""
    kept: list[FollowUp] = []
    for followup in reply.followups:
        if followup not in kept and _leads_somewhere(view, texts, followup, reply):
            kept.append(followup)
    reply.followups = kept


def _leads_somewhere(view: History, texts: Texts, followup: FollowUp, reply: Reply) -> bool:
    word, _, rest = followup.question.partition(" ")
    if followup.action == FollowUpAction.ASK and texts.has("profile.ask_why"):
        reason = _profile_has_reason(view, texts, followup.question)
        if reason is not None:
            return reason
    year_text = followup.question if followup.action == FollowUpAction.MAP else rest
    if not (year_text.isdigit() and len(year_text) == 4):
        return True
    year = int(year_text)
    record = view.get(year)
    if record is not None and record.status == YearStatus.MERGED and record.merged_into:
        record = view.get(record.merged_into)
    if record is None:
        return False
    if followup.action == FollowUpAction.MAP:
        return record.winner is not None or record.nominees is not None
    if followup.action != FollowUpAction.ASK:
        return True
    if word == "nominerte":
        return record.nominees is not None
    if word == "begrunnelse":
        return record.winner is not None and record.reasoning is not None
    if word == "vinner":
        if record.status == YearStatus.UNKNOWN or record.winner is None:
            return record.status in (YearStatus.NO_PRIZE, YearStatus.MERGED)
        if record.winner is not None and record.year in reply.years:
            winner = entrant_name(texts, record.winner.value)
            said = texts("nominees.winner_was", winner=winner)
            listed = texts("nominees.the_winner", winner=winner)  # «Drammen, som vant, …»
            return said not in reply.parts and not any(listed in p for p in reply.parts)
    return True


def _profile_has_reason(view: History, texts: Texts, question: str) -> bool | None:
    """For a profile button («hvorfor nominert bodo 2009»): False when it would only answer
    «Jeg vet ikke hvorfor … ble nominert»; None when ``question`` is no profile button."""
    year_text = question.rpartition(" ")[2]
    record = view.get(int(year_text)) if year_text.isdigit() else None
    if record is None:
        return None
    jury = record.reasoning is not None  # hidden by the view until the winner is announced
    reasons = {
        " ".join(fold_words(p.entrant.name)): p.nominated_for is not None
        or (p.uses_reasoning and jury)
        for p in record.profiles
    }
    names = [e.name for e in record.nominees.value] if record.nominees else []
    if record.winner is not None:
        names.append(record.winner.value.name)
    for name in names:
        place = " ".join(fold_words(name))
        if texts("profile.ask_why", place=place, year=record.year) == question:
            return reasons.get(place, False)  # no profile: «Jeg vet ikke hvorfor …»
    return None


def topic(view: History, texts: Texts, request: Request, reply: Reply) -> None:
    """A prize-level topic text (``purpose``, ``renaming``, ``since_when`` …), the answer to an
    intent without a handler of its own."""
    fact = view.kb.prize.topics.get(request.intent)
    if fact is None:
        if not reply.parts:  # after an answer already given, «no information» is a non sequitur
            reply.say(texts("topic.unknown"))
        return
    text = as_of(texts, fact.value, request.now, view)
    if text:
        reply.say(text, fact)


def as_of(texts: Texts, text: str, now: datetime, view: History | None = None) -> str:
    """``text`` without the sentences about years or dates after ``now`` (an injected past
    clock must not hear about later rounds). With ``view``, a prize-level text told in the
    past: also without the sentences that sum up several rounds, one of them still under way
    at ``now`` («… publikumsavstemning i 2021, 2022 og 2023» while the 2023 vote is open,
    «Fra 2021 til 2023 ble prisen delt ut …» before the 2023 award). A sentence about one
    round alone («For 2022 ble kommunene invitert …») tells what had already happened."""
    sentences = _SENTENCE.split(text)
    kept = [s for s in sentences if not _later_than(texts, s, now, view)]
    return " ".join(kept)


def _later_than(texts: Texts, sentence: str, now: datetime, view: History | None) -> bool:
    years = [int(y) for y in _YEAR.findall(sentence)]
    if any(y > now.year for y in years):
        return True
    if view is not None and len(set(years)) > 1 and any(not view.known_by(y, now) for y in years):
        return True
    for day, month, year in _DATE.findall(sentence):
        if month in texts.months:
            number = texts.months.index(month) + 1
            if (int(year), number, int(day)) > (now.year, now.month, now.day):
                return True
    return False
