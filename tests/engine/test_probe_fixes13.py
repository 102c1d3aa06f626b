"""Classes from probe set 13 (issue 12), each shown with questions the probe did not ask:
a recommendation asked as yes/no or as who deserves it, a role's name asked with the role
first, what a minister said, a role alone as a follow-up, and «fortell om» with a year."""

from __future__ import annotations

from datetime import datetime

from bot.clock import OSLO
from bot.engine.engine import Engine
from bot.engine.types import Conversation

from .conftest import NOW

VOTE_2023 = datetime(2023, 10, 6, 12, 0, tzinfo=OSLO)
"""While the public vote for 2023 was open (2–11 October 2023)."""


def test_a_recommendation_asked_yes_no_or_as_deserving_is_neutral(engine: Engine) -> None:
    for question in (
        "bør folk stemme på Molde?",
        "burde Tønsberg vinne?",
        "kan du ikke si at alle bør stemme på Kristiansand",
        "fortjener Harstad å vinne i år?",
        "hvilken kommune fortjener prisen mest?",
    ):
        answer = engine.answer(question, now=VOTE_2023)
        assert answer.intent == "vote_advice", question
        assert "nøytral" in answer.text, question
        assert "Tønsberg vant" not in answer.text, question


def test_choices_and_past_deserving_are_not_advice(engine: Engine) -> None:
    assert engine.answer("hvem kan jeg stemme på?", now=VOTE_2023).intent == "nominees"
    past = engine.answer("hvem fortjente å vinne i 2012?", now=NOW)
    assert past.intent != "vote_advice"
    assert "Molde" in past.text


def test_a_roles_name_asked_with_the_role_first(engine: Engine) -> None:
    stange = engine.answer("ordføreren i Stange i 2018, hva het hun?", now=NOW)
    assert stange.intent == "place_people"
    assert "Røhne" in stange.text
    drammen = engine.answer("ordføreren i Drammen da de vant, hva het han", now=NOW)
    assert "Opdal Hansen" in drammen.text


def test_what_the_minister_said(engine: Engine) -> None:
    named = engine.answer("hva sa statsråden da Hammerfest vant?", now=NOW)
    assert named.intent == "place_people"
    assert "Horne" in named.text
    talk = Conversation()
    engine.answer("hvem vant i 2013?", now=NOW, context=talk)
    then = engine.answer("hva uttalte ministeren da?", now=NOW, context=talk)
    assert then.intent == "place_people"
    assert "Horne" in then.text


def test_a_role_alone_as_a_follow_up(engine: Engine) -> None:
    talk = Conversation()
    engine.answer("hvorfor ble Stange nominert?", now=NOW, context=talk)
    mayor = engine.answer("og ordføreren?", now=NOW, context=talk)
    assert mayor.intent == "place_people"
    assert "Røhne" in mayor.text
    won = Conversation()
    engine.answer("hvem vant i 2021?", now=NOW, context=won)
    engine.answer("hvorfor ble Drammen nominert i 2021?", now=NOW, context=won)
    earlier = engine.answer("og ordføreren i 2014 da de vant prisen?", now=NOW, context=won)
    assert "Opdal Hansen" in earlier.text


def test_tell_about_a_municipality_with_a_year_is_its_profile(engine: Engine) -> None:
    molde = engine.answer("fortell meg om Molde i 2023", now=NOW)
    assert molde.intent == "place_summary"
    assert "2023" in molde.text and "2012" in molde.text
    bodo = engine.answer("tell me about Bodø 2022", now=NOW)
    assert bodo.intent == "place_summary"
    assert "ja-kommune" in bodo.text


def test_a_two_word_name_misspelt_in_its_second_word(engine: Engine) -> None:
    figures = engine.answer("hvor mange deltok i introduksjonsprogrammet i nordre flolo?", now=NOW)
    assert figures.intent == "place_figures"
    assert "Nordre Follo" in figures.text and "164" in figures.text
    why = engine.answer("hvorfor ble nordre folo nominert?", now=NOW)
    assert why.intent == "nominated_why"
    assert "Nordre Follo" in why.text


def test_a_misspelt_name_does_not_keep_the_fact_texts_from_answering(engine: Engine) -> None:
    answer = engine.answer("hvor mange flyktninger gikk introprogrammet i nordre foloo", now=NOW)
    assert answer.matched
    assert "164" in answer.text and "2022" in answer.text


def test_a_project_is_told_with_the_context_that_names_it_inflected(engine: Engine) -> None:
    answer = engine.answer("hva var integreringsmottaket i Steinkjer?", now=NOW)
    assert answer.intent == "project"
    assert "Listhaug" in answer.text and "desember 2016" in answer.text


def test_why_and_a_municipality_alone_is_why_it_was_in_the_running(engine: Engine) -> None:
    never_won = engine.answer("hvorfor Tynset?", now=NOW)
    assert never_won.intent == "nominated_why"
    assert "2016" in never_won.text and "bolig" in never_won.text
    talk = Conversation()
    engine.answer("hvem var nominert i 2018?", now=NOW, context=talk)
    both = engine.answer("hvorfor Lørenskog?", now=NOW, context=talk)
    assert both.intent == "nominated_why"  # the round talked about: 2018, not every round
    assert both.text.startswith("Lørenskog ble nominert for 2018.") and "2021" not in both.text


def test_how_a_municipality_solved_something_is_what_it_did(engine: Engine) -> None:
    buses = engine.answer("hvordan taklet Ullensvang de mange ukrainerne?", now=NOW)
    assert buses.matched and buses.intent == "place_work"
    assert "189 ukrainere" in buses.text
    homes = engine.answer("hvordan ordnet Molde boliger til flyktningene?", now=NOW)
    assert homes.matched
    assert "nøkkelferdige boliger" in homes.text


def test_how_many_work_there_is_the_staff(engine: Engine) -> None:
    unit = Conversation()
    engine.answer("hva er integreringsenheten i Harstad?", now=NOW, context=unit)
    staff = engine.answer("hvor mange arbeidet der?", now=NOW, context=unit)
    assert staff.intent == "place_figures"
    assert "30 ansatte" in staff.text and "2021" in staff.text
    english = Conversation()
    engine.answer("hvorfor ble Harstad nominert i 2021?", now=NOW, context=english)
    assert (
        "30 ansatte" in engine.answer("how many people work there?", now=NOW, context=english).text
    )


def test_how_a_municipality_ran_its_work_is_what_it_did(engine: Engine) -> None:
    molde = engine.answer("hvordan drev Molde integreringsarbeidet?", now=NOW)
    assert molde.intent == "place_work"
    assert "MOVED" in molde.text
    sunndal = engine.answer("hvordan jobbet Sunndal med introduksjonsprogrammet?", now=NOW)
    assert sunndal.intent == "place_work"
    assert "første arbeidsplass" in sunndal.text
    results = engine.answer("hvordan gikk det med introdeltakerne i Nordre Follo?", now=NOW)
    assert results.intent == "place_figures"
