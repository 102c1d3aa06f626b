"""Nothing said before the award gives the winner away (review finding F2).

At each clock of the editor's review a broad set of questions is asked; no sentence of an
answer and no shown source title may name the pending winner together with a winning word.
After the award the hidden facts come back."""

from __future__ import annotations

import dataclasses
import re
from datetime import datetime
from typing import Any

import pytest

from bot.clock import OSLO
from bot.engine.engine import Engine
from bot.knowledge.models import Source
from bot.knowledge.view import as_known_at

WINNING = re.compile(
    r"(?<!\w)(vant|vinner|vinneren|vinnar|gikk til|prisen til|best på|fikk|kåret|"
    r"delte ut|tildelt)(?!\w)",
    re.I,
)
"""Written here independently of the word list in knowledge/texts/engine.yaml."""

CLOCKS = {
    datetime(2021, 11, 5, 12, tzinfo=OSLO): "Lørenskog",  # award 19 Nov 2021
    datetime(2023, 10, 5, 12, tzinfo=OSLO): "Tønsberg",  # vote open; award 30 Oct 2023
    datetime(2023, 10, 20, 12, tzinfo=OSLO): "Tønsberg",  # vote closed
    datetime(2025, 10, 15, 12, tzinfo=OSLO): "Moss",  # award 10 Nov 2025
}

QUESTIONS = [
    "Hvor mange har vunnet?",
    "Hvor mange ganger er prisen delt ut?",
    "Hvem vant i år?",
    "Hvem vant i {year}?",
    "Hvem vant sist?",
    "Hvem har vunnet prisen?",
    "Hvilke kommuner har vunnet?",
    "Hvem vant de tre siste årene?",
    "Hvilke fylker har vunnet?",
    "Hvem har vunnet flest ganger?",
    "Fortell om {winner}",
    "Hva vet du om {winner}?",
    "Har {winner} vunnet?",
    "Vant {winner} i {year}?",
    "Hvorfor vant {winner}?",
    "Hvorfor er {winner} nominert?",
    "Hva gjør {winner} for flyktninger?",
    "Hvem er folkene bak {winner}?",
    "Fortell om Tønsberg",
    "Hvem er Libe Rieber-Mohn?",
    "Hvem er direktør i IMDi?",
    "Hva sa ordføreren i Tønsberg?",
    "Hvem er Frank Pedersen?",
    "Hvem var ordfører i Tønsberg da de vant?",
    "Hvem er nominert?",
    "Hvem er nominert i {year}?",
    "Hvem har vært nominert flest ganger?",
    "Hva er kriteriene?",
    "Hvor deles prisen ut?",
    "Når deles prisen ut?",
    "Når blir neste vinner kåret?",
    "Hvem delte ut prisen i {year}?",
    "Hvem tok imot prisen i {year}?",
    "Hvem vant i 2017?",
    "Er det en pris i 2017?",
    "Hvem står bak prisen?",
    "Hva er Jobbsjansen?",
    "Hvorfor vant Kragerø?",
    "Hvorfor byttet prisen navn?",
    "Hva heter prisen?",
    "Harstad 2023",
    "vinner 2011",
    "Hvem vant i Vestland?",
    "Hvilke kommuner i Vestfold har vunnet?",
]


def _tells(text: str, winner: str) -> bool:
    named = re.search(rf"(?<!\w){re.escape(winner)}(?!\w)", text)
    return bool(named and WINNING.search(text))


@pytest.mark.parametrize("now", list(CLOCKS), ids=lambda d: d.date().isoformat())
def test_no_answer_or_source_tells_the_pending_winner(engine: Engine, now: datetime) -> None:
    winner = CLOCKS[now]
    leaks = []
    for template in QUESTIONS:
        question = template.format(year=now.year, winner=winner)
        answer = engine.answer(question, now=now)
        sentences = re.split(r"(?<=[.!?])\s+|\n", answer.text)
        titles = [s.title for s in (*answer.sources, *answer.more_sources)]
        leaks += [(question, s) for s in (*sentences, *titles) if _tells(s, winner)]
    assert not leaks


def _sources(obj: Any) -> list[Source]:
    """Every source anywhere in ``obj`` (a walk over the fact base's records)."""
    if isinstance(obj, Source):
        return [obj]
    if isinstance(obj, (tuple, list)):
        return [s for item in obj for s in _sources(item)]
    if isinstance(obj, dict):
        return [s for item in obj.values() for s in _sources(item)]
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return [s for f in dataclasses.fields(obj) for s in _sources(getattr(obj, f.name))]
    return []


@pytest.mark.parametrize("now", list(CLOCKS), ids=lambda d: d.date().isoformat())
def test_the_view_holds_no_source_about_the_win(engine: Engine, now: datetime) -> None:
    view = as_known_at(engine.kb, now)
    found = _sources((view.kb.prize, view.kb.years))
    assert found  # the walk reaches the sources
    assert not [s.title for s in found if _tells(s.title, CLOCKS[now])]
    later = [
        s.title for s in found if any(int(y) > now.year for y in re.findall(r"20\d\d", s.title))
    ]
    assert not later


def test_the_pending_winners_profile_has_no_people_until_the_award(engine: Engine) -> None:
    vote = as_known_at(engine.kb, datetime(2023, 10, 5, 12, tzinfo=OSLO)).kb.years[2023]
    after = as_known_at(engine.kb, datetime(2023, 10, 31, 12, tzinfo=OSLO)).kb.years[2023]
    during = {p.entrant.name: p for p in vote.profiles}
    assert during["Tønsberg"].people == ()
    assert next(p for p in after.profiles if p.entrant.name == "Tønsberg").people


def test_the_facts_come_back_after_the_award(engine: Engine) -> None:
    def text(question: str, now: datetime) -> str:
        return engine.answer(question, now=now).text

    before, after = datetime(2023, 10, 5, 12, tzinfo=OSLO), datetime(2023, 10, 31, 12, tzinfo=OSLO)
    # the 2023 round (her words at Tønsberg's award) only after the award
    assert "2023" not in text("Hvem er Libe Rieber-Mohn?", before)
    assert "Tønsberg" not in text("Hvem er Libe Rieber-Mohn?", before)
    assert "I runden for 2023" in text("Hvem er Libe Rieber-Mohn?", after)
    moss_before = text("Hvor mange har vunnet?", datetime(2025, 10, 15, 12, tzinfo=OSLO))
    moss_after = text("Hvor mange har vunnet?", datetime(2025, 11, 11, 12, tzinfo=OSLO))
    assert "til 2023." in moss_before and "til 2025." in moss_after
    early = engine.answer("Hva er Jobbsjansen?", now=datetime(2021, 11, 5, 12, tzinfo=OSLO))
    late = engine.answer("Hva er Jobbsjansen?", now=datetime(2021, 11, 20, 12, tzinfo=OSLO))
    assert "kr21" not in [s.key for s in early.sources]
    assert "kr21" in [s.key for s in late.sources]


def test_criteria_from_later_eras_are_not_shown_earlier(engine: Engine) -> None:
    early = engine.answer("Hva er kriteriene?", now=datetime(2021, 11, 5, 12, tzinfo=OSLO))
    assert "2021" in early.text and "2023" not in early.text
    assert all("2024" not in s.title for s in (*early.sources, *early.more_sources))
    vote = engine.answer("Hva er kriteriene?", now=datetime(2023, 10, 5, 12, tzinfo=OSLO))
    assert all("2024" not in s.title for s in (*vote.sources, *vote.more_sources))
    later = engine.answer("Hva er kriteriene?", now=datetime(2024, 12, 1, 12, tzinfo=OSLO))
    assert "2023" in later.text


MONTHS = [
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
]
DATED = re.compile(rf"(?<!\w)(?:(\d{{1,2}})\. )?({'|'.join(MONTHS)}) (20\d\d)(?!\d)")


@pytest.mark.parametrize("now", list(CLOCKS), ids=lambda d: d.date().isoformat())
def test_no_answer_names_a_date_after_the_clock(engine: Engine, now: datetime) -> None:
    """The class of «… og var fortsatt direktør i november 2025» on 15 October 2025 (review 4):
    no sentence names a day or month that lies after the clock, unless it says it is to come
    (a deadline or an award date in the future tense)."""
    winner = CLOCKS[now]
    leaks = []
    for template in QUESTIONS:
        question = template.format(year=now.year, winner=winner)
        for sentence in re.split(r"(?<=[.!?])\s+|\n", engine.answer(question, now=now).text):
            for day, month, year in DATED.findall(sentence):
                when = (int(year), MONTHS.index(month) + 1, int(day or 1))
                coming = re.search(
                    r"(?<!\w)(stenger|kåres|deles ut|blir|skal|åpner)(?!\w)", sentence
                )
                if when > (now.year, now.month, now.day) and not coming:
                    leaks.append((question, sentence))
    assert not leaks
