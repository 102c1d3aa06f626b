"""Conversation and composite-question classes from review 4 (A1, A2, A6), each tested with
questions the review did not use (and the review's own example), through the real engine over
the real fact base."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.clock import OSLO
from bot.engine.engine import Engine
from bot.engine.types import Conversation
from tests.engine.conftest import NOW

CLOCKS = [
    datetime(2021, 11, 5, 12, 0, tzinfo=OSLO),
    datetime(2023, 10, 5, 12, 0, tzinfo=OSLO),
    datetime(2026, 12, 5, 12, 0, tzinfo=OSLO),
]


def talk(engine: Engine, *questions: str, now: datetime = NOW):
    """The answers to ``questions`` asked in one conversation."""
    context = Conversation()
    return [engine.answer(q, now=now, context=context) for q in questions]


# -- A1a: «Hva vet du om X?» names what it asks about; the context's intent does not win -------


@pytest.mark.parametrize("now", CLOCKS)
@pytest.mark.parametrize(
    ("year", "asked", "place"),
    [
        ("2013", "Hva kan du fortelle om Kvinesdal?", "Kvinesdal"),
        ("2015", "kva veit du om Sandnes?", "Sandnes"),
        ("2015", "hva vet du om Lavangen?", "Lavangen"),  # the review's example
        ("2018", "Kjenner du til Stange?", "Stange"),
    ],
)
def test_request_about_a_nominee_after_the_list(
    engine: Engine, now: datetime, year: str, asked: str, place: str
) -> None:
    _, others, about, handed = talk(
        engine,
        f"vinneren i {year}?",
        "hvem andre var nominert?",
        asked,
        "hvem delte ut prisen?",
    )
    assert place in others.text, others.text
    assert about.matched and about.text.startswith(place), about.text
    assert "siste nominerte" not in about.text, about.text
    # the next turn still follows the year talked about, not the latest round
    assert handed.matched and year in handed.text, handed.text


def test_bare_place_still_continues_the_question(engine: Engine) -> None:
    """«Og Bærum?» has nothing of its own to ask: it continues «Hvem tok imot …?»."""
    _, other = talk(engine, "Hvem tok imot prisen i 2016?", "Og Bærum?")
    assert other.intent == "received_by" and "Hammer Krog" in other.text, other.text


# -- A1b: «var det sånn i 2018 også?» = the last question for 2018; «det året» = 2018 ----------


@pytest.mark.parametrize("now", CLOCKS)
def test_same_question_for_another_year(engine: Engine, now: datetime) -> None:
    first, same, where = talk(
        engine,
        "Hvem delte ut prisen i 2016?",
        "gjaldt det samme for 2018?",
        "hvor var utdelingen det året?",
        now=now,
    )
    assert "Rieber-Mohn" in first.text, first.text
    assert same.intent == "handed_by" and "Sanner" in same.text, same.text
    assert where.matched and "13. februar 2019" in where.text, where.text


@pytest.mark.parametrize("now", CLOCKS)
def test_review_example_how_chosen_in_2018(engine: Engine, now: datetime) -> None:
    *_, same, where = talk(
        engine,
        "Når kunne man stemme i 2023?",
        "hvordan ble vinneren avgjort?",
        "var det sånn i 2018 også?",
        "hvor ble prisen delt ut det året?",
        now=now,
    )
    assert same.intent == "how_chosen" and "2018" in same.text, same.text
    assert "publikumsstemmer" in same.text, same.text
    assert where.matched and "2018" in where.text and "2023" not in where.text, where.text


def test_same_question_is_no_yes_no_question(engine: Engine) -> None:
    """«Var det likt i 2021?» asks for 2021's answer, not whether 2021 was like 2022."""
    _, same = talk(engine, "Når stengte avstemningen i 2022?", "var det likt i 2021?")
    assert same.intent == "vote_when" and "11. november 2021" in same.text, same.text
    assert not same.text.startswith(("Ja", "Nei")), same.text


# -- A1c: «og året etter?» after who spoke at a winner's round moves to the next round --------


@pytest.mark.parametrize("now", CLOCKS)
def test_people_at_the_round_before_without_a_prize(engine: Engine, now: datetime) -> None:
    *_, mayor, before = talk(
        engine, "Hvem vant i 2018?", "hvem var ordfører der da?", "og året før?", now=now
    )
    assert "Bærum" in mayor.text, mayor.text
    assert before.matched and "ikke delt ut noen pris for 2017" in before.text, before.text
    assert "uttalte seg for Bærum" not in before.text, before.text


@pytest.mark.parametrize("now", CLOCKS)
def test_review_example_year_after_trondheim(engine: Engine, now: datetime) -> None:
    *_, mayor, after, later = talk(
        engine,
        "hvem fikk prisen for 2016",
        "hvor mange bosatte de",
        "hvem var ordforer der da",
        "og aret etter?",
        "og i 2018?",
        now=now,
    )
    assert "Ottervik" in mayor.text, mayor.text
    assert "ikke delt ut noen pris for 2017" in after.text, after.text
    assert "Trondheim" not in later.text and "Bærum" in later.text, later.text


# -- A2: a figure question with a second part: the figure answer ----------------------------


@pytest.mark.parametrize(
    ("question", "needle"),
    [
        ("Hvor mange bosatte Tynset i 2016, og var det mer enn IMDi ba om?", "32"),
        ("Hvor mange flyktninger bosatte Trondheim i 2016, og var det mange?", "627"),
        ("Hvor mange bosatte Tynset i 2016, og var det flere enn staten ønsket?", "20"),
    ],
)
def test_composite_with_a_figure_first(engine: Engine, question: str, needle: str) -> None:
    answer = engine.answer(question, now=NOW)
    single = engine.answer(question.split(",")[0] + "?", now=NOW)
    assert answer.intent == "place_figures" and needle in answer.text, answer.text
    assert answer.text == single.text


# -- A6: two questions in one, the second pointing back or asking about oneself -------------


@pytest.mark.parametrize("now", CLOCKS)
@pytest.mark.parametrize(
    ("question", "needles"),
    [
        ("Når kunne folk stemme for første gang, og hvordan fungerte det?", ["2018"]),
        ("Når ble prisen delt ut første gang, og hvordan foregikk det?", ["2008", "Vadsø"]),
        ("hvordan stemer man, og kan jeg stemme flere ganger?", ["stemme", "én gang"]),
        ("Hvor kan man stemme, og får man stemme flere ganger?", ["stemme", "én gang"]),
    ],
)
def test_two_questions_the_bot_knows(
    engine: Engine, now: datetime, question: str, needles: list[str]
) -> None:
    answer = engine.answer(question, now=now)
    assert answer.matched, answer.text
    for needle in needles:
        assert needle in answer.text, answer.text


@pytest.mark.parametrize("question", ["kan man stemme flere ganger?", "Får vi stemme to ganger?"])
def test_voting_more_than_once_whoever_asks(engine: Engine, question: str) -> None:
    answer = engine.answer(question, now=NOW)
    assert answer.intent == "vote_how" and "én gang" in answer.text, answer.text


@pytest.mark.parametrize("now", CLOCKS)
@pytest.mark.parametrize(
    "question",
    [
        "Hvor mange flyktninger kommer til Norge neste år?",  # the review's example
        "Hvor mange asylsøkere kommer neste år?",
        "Hvor mange flyktninger skal Norge ta imot i 2027?",
        "Hvor mange flyktninger kommer i 2030?",
    ],
)
def test_national_figures_are_out_of_scope(engine: Engine, now: datetime, question: str) -> None:
    answer = engine.answer(question, now=now)
    assert not answer.matched, answer.text
    assert answer.text == engine.texts("refusal.out_of_scope"), answer.text
    assert not answer.suggestions


@pytest.mark.parametrize("now", CLOCKS)
def test_suggestions_never_ask_about_a_year_after_the_clock(engine: Engine, now: datetime) -> None:
    for question in ("Hvordan går det med prisen neste år?", "Hva skjer med prisen i 2031?"):
        answer = engine.answer(question, now=now)
        for suggestion in answer.suggestions:
            years = [int(w) for w in suggestion.rstrip("?").split() if w.isdigit()]
            assert all(y <= now.year for y in years), suggestion


# -- «Har X fått denne prisen?»: getting the prize is winning it, with words in between -------


@pytest.mark.parametrize(
    ("question", "start"),
    [
        ("Har Bodø fått denne prisen?", "Nei, Bodø har ikke vunnet"),
        ("Fikk Drammen den gjeve prisen noen gang?", "Ja, Drammen vant"),
    ],
)
def test_getting_this_prize_is_winning(engine: Engine, question: str, start: str) -> None:
    answer = engine.answer(question, now=NOW)
    assert answer.intent == "place_won" and answer.text.startswith(start), answer.text


def test_conversation_after_getting_the_prize(engine: Engine) -> None:
    won, rivals = talk(
        engine,
        "Stemmer det at Hammerfest har fått denne prisen en gang?",
        "hvem konkurrerte de mot?",
    )
    assert won.text.startswith("Ja, Hammerfest vant") and "2013" in won.text, won.text
    assert "Kvinesdal" in rivals.text and "siste nominerte" not in rivals.text, rivals.text


# -- «Og hvilket år ble det ikke delt ut noen pris?» asks for the years without, in any talk ---


@pytest.mark.parametrize(
    "before", ["Hvem vant i 2015?", "Hvem ledet juryen i 2009?", "Hvor ble prisen delt ut i 2008?"]
)
def test_year_without_a_prize_points_back_to_no_round(engine: Engine, before: str) -> None:
    _, without = talk(engine, before, "Og når ble det ikke delt ut noen pris?")
    assert without.intent == "no_prize_years" and "2017" in without.text, without.text


def test_ceremony_question_still_points_back(engine: Engine) -> None:
    _, when = talk(engine, "Hvem vant i 2015?", "Når ble den delt ut?")
    assert when.intent == "award" and "12. mai 2016" in when.text, when.text
