"""Classes from probe set 06 (issue 12), each shown with a question the probe did not ask:
the profile card's facts, honest «vet ikke» wording, and the closed-vote recommendation."""

from __future__ import annotations

from datetime import datetime

from bot.clock import OSLO
from bot.engine.engine import Engine

from .conftest import NOW

AFTER_2023_VOTE = datetime(2023, 10, 25, 12, 0, tzinfo=OSLO)


def test_the_profile_card_shows_the_newest_rounds_figure_and_projects(engine: Engine) -> None:
    answer = engine.answer("Hva vet du om Lørenskog?", now=NOW)
    assert answer.intent == "place_summary"
    assert "82 prosent" in answer.text and "2020" in answer.text
    assert "Tiltaket som ble trukket fram, var Jobbsjansen." in answer.text


def test_a_card_without_a_known_reason_says_it_does_not_know(engine: Engine) -> None:
    answer = engine.answer("Fortell om Lillehammer", now=NOW)
    expected = "Kommunen var nominert for 2015, men jeg vet ikke hvorfor den ble nominert."
    assert expected in answer.text


def test_no_figures_is_said_as_no_information(engine: Engine) -> None:
    answer = engine.answer("har du tall for Randaberg", now=NOW)
    assert answer.intent == "place_figures"
    assert "Jeg vet ikke om noen tall for Randaberg." in answer.text


def test_a_recommendation_after_the_vote_says_it_is_not_open(engine: Engine) -> None:
    answer = engine.answer("hvem burde jeg stemme på", now=AFTER_2023_VOTE)
    assert answer.intent == "vote_advice"
    assert "nøytral" in answer.text and "ikke åpen" in answer.text


def test_a_word_the_fact_texts_use_is_no_foreign_topic(engine: Engine) -> None:
    answer = engine.answer("Hvor mange praksisplasser har Lørenskog skaffet?", now=NOW)
    assert answer.matched and "100 praksisplasser" in answer.text and "2018" in answer.text
    pizza = engine.answer("anbefale en pizzarestaurant i Moss", now=NOW)
    assert not pizza.matched


def test_intro_is_the_introduction_programme(engine: Engine) -> None:
    answer = engine.answer("Levanger: hvor stor andel gikk til arbeid etter introen?", now=NOW)
    assert answer.matched and "86 prosent" in answer.text and "2009" in answer.text


def test_a_year_asked_can_be_the_figures_own_year_not_the_rounds(engine: Engine) -> None:
    answer = engine.answer("Hvor mange skulle Tønsberg bosette i 2022?", now=NOW)
    assert answer.intent == "place_figures"
    assert "60 flyktninger" in answer.text and "2022" in answer.text


def test_figures_of_the_year_asked_come_first_and_together(engine: Engine) -> None:
    answer = engine.answer("Hvor mange flyktninger bosatte Bodø i 2017?", now=NOW)
    assert "140 vedtaksplasser" in answer.text and "2017" in answer.text


VOTE_2023 = datetime(2023, 10, 5, 12, 0, tzinfo=OSLO)
CLOSING_2021 = datetime(2021, 11, 9, 12, 0, tzinfo=OSLO)


def test_should_i_vote_for_two_named_nominees_is_a_recommendation(engine: Engine) -> None:
    answer = engine.answer("skal jeg stemme på Harstad eller Molde", now=VOTE_2023)
    assert answer.intent == "vote_advice"
    assert "nøytral" in answer.text and "Ullensvang" in answer.text


def test_advice_while_only_the_close_is_known_never_says_not_open(engine: Engine) -> None:
    answer = engine.answer("hvem skal jeg stemme på", now=CLOSING_2021)
    assert answer.intent == "vote_advice"
    assert "nøytral" in answer.text and "stenger torsdag 11. november 2021" in answer.text
    assert "ikke åpen" not in answer.text


def test_a_named_project_brings_what_the_profile_says_of_it(engine: Engine) -> None:
    answer = engine.answer("hva er Fagbrev på jobb", now=NOW)
    assert answer.intent == "project"
    # what the profile says of it, plainly: the question is about the project, not the nomination
    assert "første kommune i IMDi Øst" in answer.text and "Bakgrunn" not in answer.text


def test_why_nominated_again_and_again_gives_each_round(engine: Engine) -> None:
    answer = engine.answer("hvorfor blir Rælingen nominert hele tiden", now=NOW)
    assert answer.intent == "nominated_why"
    assert "tre ganger" in answer.text
