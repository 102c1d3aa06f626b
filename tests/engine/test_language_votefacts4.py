"""Issue 13, fourth editor review (votefacts): prize-level texts that sum up several rounds
never put a round still under way in the past (T1), the award's usual time only as far as the
data shows, the unknown last (K5), the answer first (A7), reminders without «Label: text»
(A12), and sources whose headlines fit the answer first (A17). Each test asks other questions,
years or clocks of the class than the review's own examples, and the examples."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from bot.engine.answers.sources import split
from bot.engine.engine import Engine
from bot.engine.types import Conversation
from bot.knowledge.models import Source

from .test_language_votefacts import (  # the review's clocks, defined once
    AFTER_2023_AWARD,
    AFTER_2023_VOTE,
    BEFORE_2021_AWARD,
    BEFORE_2025_AWARD,
    CLOCKS,
    DURING_2023_VOTE,
    TODAY,
    say,
)

COLON_SENTENCE = re.compile(r": [a-zæøå]+ [a-zæøå]+ ")
"""A colon before a whole clause («Stemmene avgjør ikke alene: vinneren velges …»)."""


# -- T1: the rounds with a public vote, by the clock ---------------------------------------


@pytest.mark.parametrize(
    "question",
    ["Hvor mange stemmer fikk Tønsberg?", "Kan publikum stemme?", "hvilke år kunne folk stemme"],
)
def test_rounds_with_a_vote_put_the_open_round_in_the_present(
    engine: Engine, question: str
) -> None:
    during = say(engine, question, DURING_2023_VOTE)
    assert "Avstemningen for 2023 er åpen nå" in during, during
    assert "2021 og 2022." in during and "2022 og 2023" not in during, during
    early = say(engine, question, BEFORE_2021_AWARD)  # the 2021 vote closes 11 November
    assert "Avstemningen for 2021 stenger" in early and "2021 og" not in early, early
    assert "2022" not in early and "2023" not in early
    after = say(engine, question, AFTER_2023_VOTE)
    assert "2021, 2022 og 2023." in after and "åpen nå" not in after, after
    for now in CLOCKS:
        text = say(engine, question, now)
        assert not COLON_SENTENCE.search(text), (now, text)
        assert "avgjør ikke alene:" not in text


def test_a_summary_of_rounds_leaves_out_the_round_not_decided_yet(engine: Engine) -> None:
    """The class behind T1 in every prize-level text: the director's «kunngjorde prisen for
    2016, 2019/2020 og 2025» is not said before the 2025 winner is announced either."""
    for question in ("Hvem er direktør i IMDi?", "Hvem leder IMDi?"):
        before = say(engine, question, BEFORE_2025_AWARD)
        assert "prisen for 2025" not in before and "november 2025" not in before, before
        assert "prisen for 2025" in say(engine, question, TODAY)


# -- K5: when the prize is handed out, only as far as the data shows -----------------------


@pytest.mark.parametrize(
    "question", ["Når deles prisen ut?", "Når blir neste vinner kåret?", "når er neste utdeling"]
)
@pytest.mark.parametrize("now", [AFTER_2023_AWARD, BEFORE_2025_AWARD, TODAY])
def test_the_usual_time_is_told_in_the_past_and_the_unknown_last(
    engine: Engine, question: str, now: datetime
) -> None:
    text = say(engine, question, now)
    assert "deles prisen ut om høsten" not in text, text
    assert "Fra 2021 til 2023 ble prisen delt ut om høsten i selve prisåret" in text, text
    assert text.endswith("Om og når den neste utdelingen blir, vet jeg ikke."), text
    assert "Når den neste blir" not in text


# -- A7: the answer first ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    ["Kan kommunen vår nominere seg selv?", "Kan kommuner melde seg på selv?"],
)
def test_self_nomination_is_answered_first(engine: Engine, question: str) -> None:
    for now in CLOCKS:
        text = say(engine, question, now)
        assert text.startswith("Det har variert fra runde til runde."), (now, text)
    today = say(engine, question, TODAY)
    first, second = today.index("For 2022"), today.index("For 2024")
    assert first < second < today.index("I 2018")


@pytest.mark.parametrize(
    "question", ["Hvor mange ganger kan man stemme?", "Kan jeg stemme flere ganger?"]
)
def test_voting_more_than_once_leads_the_answer(engine: Engine, question: str) -> None:
    during = say(engine, question, DURING_2023_VOTE)
    lead = "Jeg vet ikke om du kan stemme mer enn én gang i avstemningen for 2023."
    assert during.startswith(lead), during
    later = say(engine, question, AFTER_2023_AWARD).split("\n")
    assert later[0].startswith("Jeg vet ikke om man kunne stemme mer enn én gang"), later
    assert later[1] == "For 2022 var det én stemme per person."


@pytest.mark.parametrize("question", ["Når stenger avstemningen?", "Når stengte avstemningen?"])
@pytest.mark.parametrize("now", [AFTER_2023_VOTE, AFTER_2023_AWARD, TODAY])
def test_when_the_vote_closes_leads_with_the_date(
    engine: Engine, question: str, now: datetime
) -> None:
    text = say(engine, question, now)
    assert text.startswith("Avstemningen for 2023 stengte 11. oktober 2023"), text


@pytest.mark.parametrize("question", ["Hvem vant i 2024?", "Hvem fikk prisen for 2024?"])
def test_an_unknown_round_starts_with_a_short_sentence(engine: Engine, question: str) -> None:
    for now in (BEFORE_2025_AWARD, TODAY):
        text = say(engine, question, now)
        first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
        assert first.startswith("Jeg vet ikke om prisen for 2024 ble delt ut"), text
        assert len(first.split()) <= 20, first


# -- A12: reminders without a colon before a sentence -------------------------------------


def test_reminders_have_no_label_colon(engine: Engine) -> None:
    from bot.reminders.schedule import build_schedule

    schedule = build_schedule(engine.kb)
    three = [r for r in schedule if r.rule_key == "closes-3d"]
    assert three
    for reminder in schedule:
        assert not re.search(r"^[^.!?]*: [a-zæøå]", reminder.text), reminder.text
    for reminder in three:
        assert reminder.text.startswith("Det er tre dager igjen av avstemningen om"), reminder.text


# -- A17: the sources behind the facts, the fitting headlines first -----------------------


@pytest.mark.parametrize(
    ("question", "now"),
    [
        ("Hvem står bak prisen?", TODAY),
        ("Hvem arrangerer prisen?", DURING_2023_VOTE),
        ("Hvor deles prisen ut?", TODAY),
    ],
)
def test_a_source_about_another_municipality_is_not_shown_first(
    engine: Engine, question: str, now: datetime
) -> None:
    answer = engine.answer(question, now=now, context=Conversation())
    names = [m.name for m in engine.kb.municipalities]
    first = answer.sources[0]
    named = [n for n in first.places if n not in answer.text]
    assert not named, (first.title, answer.text)
    assert all(n in names for n in first.places)
    assert "Lørenskog best på integrering" not in first.title
    assert "Årets busettingspris til Drammen" not in " ".join(s.title for s in answer.sources)


def test_a_headline_naming_a_place_the_answer_does_not_name_ranks_after_one_that_does() -> None:
    about_prize = Source("a", "IMDi: Om prisen")
    about_other = Source("b", "Avis: Lørenskog best på integrering", places=("Lørenskog",))
    about_this = Source("c", "Avis: Moss vant prisen", places=("Moss",))
    shown, _more = split([about_other, about_prize], "Prisen deles ut av IMDi.")
    assert shown[0] is about_prize
    shown, _more = split([about_other, about_this], "Moss vant prisen for 2025.")
    assert shown[0] is about_this


# -- K5's class in how the winner is chosen: no standing rule beyond the data ----------------


@pytest.mark.parametrize(
    "question", ["Hvordan velges vinneren?", "Hvem bestemmer hvem som vinner?"]
)
def test_how_the_winner_is_chosen_says_no_rule_beyond_the_known_rounds(
    engine: Engine, question: str
) -> None:
    for now in (AFTER_2023_AWARD, BEFORE_2025_AWARD, TODAY):
        text = say(engine, question, now)
        assert "Fra 2021 kåres" not in text, (now, text)
        assert "Fra 2021 til 2023 ble vinneren kåret etter en samlet vurdering" in text, text
    during = say(engine, question, DURING_2023_VOTE)
    assert "For 2023 kåres vinneren etter en samlet vurdering" in during, during
    assert "Fra 2021 til 2023" not in during
    early = say(engine, question, BEFORE_2021_AWARD)
    assert "For 2021 veies publikums stemmer og IMDis faglige vurdering sammen" in early, early
