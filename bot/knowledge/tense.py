"""Warnings (not errors) for wording that will read in the wrong tense: a round whose vote is
open or coming at the clock, described in the past tense («Publikum kunne stemme …»), and a
``vote.how`` that is a sentence instead of a tense-free verb phrase («stemme på imdi.no»)."""

from __future__ import annotations

import re
from datetime import datetime

from bot.knowledge.models import Fact, KnowledgeBase, PrizeYear, YearStatus
from bot.knowledge.view import VoteState, vote_state

PAST = re.compile(r"\b(kunne|ble|var|stemte|åpnet|stengte|hadde|fikk)\b", re.IGNORECASE)
"""Past-tense verbs that would misdescribe a round under way."""
CRITERIA_PAST = re.compile(
    r"\b(kunne|ble|var|hadde|fikk|måtte|skulle|bygget|meldte|svarte|tok|drev|oppnådde)\b",
    re.IGNORECASE,
)
"""Past-tense verbs a criteria text uses; the past form needs one, the present form none."""
UNDER_WAY = (VoteState.OPEN, VoteState.UPCOMING, VoteState.CLOSES_LATER)
REASON_PRESENT = re.compile(
    r"\b(har|er|gjør|kan|får|vil|skal|må|blir|bosetter|driver|arbeider|tilbyr|mener|"
    r"utvikler|ser|bygger|kaller|kommer|finner|finnes|deler|samarbeider|følger|setter|tilpasses|"
    r"strekker|gir|tar|går|knytter|trenger|ber|bruker|kvalifiserer|ligger|satser|legger|viser|"
    r"skaper|sier|tenker|hjelper|prioriterer|tilrettelegger)\b",
    re.IGNORECASE,
)
"""Present-tense finite verbs that put a nomination or jury reason in the wrong tense («jobber»
is left out: it is also the plural noun, «vanlige jobber»)."""
DESCRIPTION_PRESENT = re.compile(
    r"\b(starter|bor|skaffer|fordeles|kombinerer|beholder|besøker|hjelpes|"
    r"oppmuntres|tilbys|ansettes|brukes|drives|heter|handler|består|omfatter|dekker|sprer)\b",
    re.IGNORECASE,
)
"""More present-tense verbs a project or context text uses («Kvalifiseringen starter …»,
«Enslige mindreårige bor …»), checked together with :data:`REASON_PRESENT` (nouns like «jobber»
and «lærer» are left out)."""
QUOTED = re.compile(r"«[^»]*»")
"""A quoted name or phrase («første arbeidsplass»), which keeps its own wording."""


def _round_texts(record: PrizeYear) -> list[tuple[str, str]]:
    """(key, text) of the texts that describe the round itself."""
    vote = record.vote
    found = [
        ("vote.how", vote.how.value if vote.how else ""),
        ("vote.description", vote.description.value if vote.description else ""),
        ("decision", _now_or_text(record.decision_now, record.decision)),
        ("criteria", record.criteria_now or (record.criteria.value if record.criteria else "")),
    ]
    return [(key, text) for key, text in found if text]


def _now_or_text(now: str | None, fact: Fact[str] | None) -> str:
    """The present form shown while the round runs, else the one text there is."""
    return now or (fact.value if fact else "")


def criteria_tense_problems(past: str, now: str, label: str) -> list[tuple[str, str]]:
    """(key, why) for each way a round's two criteria forms cannot be put in the tense the
    clock asks for: each must name the round, the past form (``text``) needs a past verb and
    the present form (``now``) none."""
    problems = []
    first = label.split("/")[0]
    for key, text in (("text", past), ("now", now)):
        if first and first not in text:
            problems.append((key, f"«criteria.{key}» må nevne runden («For {label} …»)"))
    if not CRITERIA_PAST.search(past):
        problems.append(("text", "«criteria.text» skal stå i fortid («… ble kommunene vurdert …»)"))
    hit = CRITERIA_PAST.search(now)
    if hit:
        problems.append(
            (
                "now",
                f"«criteria.now» skal stå i presens, men har «{hit.group(0)}» "
                "(«… vurderes kommunene …»)",
            )
        )
    return problems


def reason_tense_hit(text: str) -> str | None:
    """The first present-tense finite verb in a reason text outside «…», or None."""
    hit = REASON_PRESENT.search(QUOTED.sub("", text))
    return hit.group(0) if hit else None


def description_tense_hit(text: str) -> str | None:
    """The first present-tense finite verb in a project or context text outside «…», or None."""
    bare = QUOTED.sub("", text)
    hits = [h for h in (REASON_PRESENT.search(bare), DESCRIPTION_PRESENT.search(bare)) if h]
    return min(hits, key=lambda h: h.start()).group(0) if hits else None


def description_tense_warnings(kb: KnowledgeBase) -> list[str]:
    """``knowledge/years/ÅÅÅÅ.yaml: …`` for each project description or profile context text in
    the present tense: they tell what was highlighted in that round, so they are told in the
    past at every clock (style rule 3); the bot cannot know whether it still holds."""
    warnings: list[str] = []
    for year, record in sorted(kb.years.items()):
        projects = (*record.projects, *(q for p in record.profiles for q in p.projects))
        texts = {f"projects.{q.name}": q.description for q in projects}
        for profile in record.profiles:
            for number, fact in enumerate(profile.context, start=1):
                texts[f"profiles.{profile.entrant.name}.context[{number}]"] = fact.value
        for key, text in texts.items():
            hit = description_tense_hit(text)
            if hit:
                warnings.append(
                    f"knowledge/years/{year}.yaml: «{key}» står i presens («{hit}»); "
                    "tiltak og bakgrunn skrives i preteritum («… hadde …», «… hjalp …»)"
                )
    return warnings


def reason_tense_warnings(kb: KnowledgeBase) -> list[str]:
    """``knowledge/years/ÅÅÅÅ.yaml: …`` for each jury reason or ``nominated_for`` in the
    present tense: reasons are told in the past, every year alike (style rule 3)."""
    warnings: list[str] = []
    for year, record in sorted(kb.years.items()):
        texts = [("reasoning", record.reasoning)] + [
            (f"profiles.{p.entrant.name}.nominated_for", p.nominated_for) for p in record.profiles
        ]
        for key, fact in texts:
            hit = reason_tense_hit(fact.value) if fact else None
            if hit:
                warnings.append(
                    f"knowledge/years/{year}.yaml: «{key}» står i presens («{hit}»); "
                    "begrunnelser skrives i preteritum («… hadde bosatt …», «… bosatte …»)"
                )
    return warnings


def tense_warnings(kb: KnowledgeBase, now: datetime) -> list[str]:
    """``knowledge/years/ÅÅÅÅ.yaml: …`` for each text that reads wrong at ``now``."""
    warnings: list[str] = []
    for year, record in sorted(kb.years.items()):
        where = f"knowledge/years/{year}.yaml"
        how = record.vote.how.value if record.vote.how else ""
        if how[:1].isupper():
            warnings.append(
                f"{where}: «vote.how» bør være en verbfrase uten tid («stemme på imdi.no»), "
                f"ikke en setning («{how[:40]}»): boten setter selv «Du kan …» eller «… kunne …»"
            )
        under_way = vote_state(record, now) in UNDER_WAY or record.status == YearStatus.OPEN
        if not under_way:
            continue
        for key, text in _round_texts(record):
            hit = PAST.search(text)
            if hit:
                warnings.append(
                    f"{where}: «{key}» står i fortid («{hit.group(0)}») mens runden for "
                    f"{record.label} pågår; skriv teksten i presens eller uten tid"
                )
    return warnings
