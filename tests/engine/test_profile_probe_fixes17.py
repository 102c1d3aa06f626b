"""Classes from probe set 17 (issue 12), each shown with questions the probe did not ask:
figures asked by the unit they count («akuttplasser», «elever») or as intro results, and a
project name of another municipality read as a plain noun in a conversation."""

from __future__ import annotations

from bot.engine.engine import Engine
from bot.engine.types import Conversation

from .conftest import NOW


def test_a_figure_asked_by_its_unit_is_a_figures_question(engine: Engine) -> None:
    places = engine.answer("hvor mange akuttplasser hadde Kristiansand i 2022?", now=NOW)
    assert places.intent == "place_figures"
    assert "200 akuttplasser" in places.text and "2022" in places.text
    pupils = engine.answer("hvor mange elever gikk på mottaksskolen i Kristiansand?", now=NOW)
    assert pupils.intent == "place_figures"
    assert "80 " in pupils.text and "2022" in pupils.text
    people = engine.answer("hvor mange personer var i mottaket i Ullensvang?", now=NOW)
    assert "77 " in people.text and "2022" in people.text


def test_a_unit_word_alone_does_not_make_a_foreign_question_ours(engine: Engine) -> None:
    assert not engine.answer("Hvor mye koster en flybillett til Bodø?", now=NOW).matched
    assert not engine.answer("hvor mange innbyggere har Bodø?", now=NOW).matched


def test_intro_results_are_the_figures(engine: Engine) -> None:
    results = engine.answer(
        "Hvordan var resultatene i introduksjonsprogrammet i Lørenskog?", now=NOW
    )
    assert results.intent == "place_figures"
    assert "82 prosent" in results.text and "2020" in results.text
    compound = engine.answer("hvordan gikk det med introdeltakerne i Nordre Follo?", now=NOW)
    assert compound.intent == "place_figures"
    assert "164 " in compound.text and "2022" in compound.text
    english = engine.answer("how were the results in Levanger?", now=NOW)
    assert english.intent == "place_figures"
    assert "86 " in english.text and "2009" in english.text
    assert not english.text.startswith("Det tallet har jeg ikke")


def test_a_project_name_of_another_place_is_a_noun_about_the_conversations_place(
    engine: Engine,
) -> None:
    context = Conversation()
    engine.answer("Fortell om Steinkjer", now=NOW, context=context)
    answer = engine.answer("og hvem er leder for integreringsenheten?", now=NOW, context=context)
    assert "Elin Vinje" in answer.text and "Bøgeberg" not in answer.text
    # The project's own municipality, or a place whose texts never use the word: the project.
    context = Conversation()
    engine.answer("Fortell om Harstad", now=NOW, context=context)
    own = engine.answer("hvem leder integreringsenheten der?", now=NOW, context=context)
    assert "Maria Bøgeberg" in own.text
    context = Conversation()
    engine.answer("Fortell om Harstad", now=NOW, context=context)
    other = engine.answer("Hva er Jobbsjansen?", now=NOW, context=context)
    assert "Lørenskog" in other.text


def test_a_nominees_own_project_is_found_by_its_name(engine: Engine) -> None:
    combo = engine.answer("hva er Kombinasjonsklasse?", now=NOW)
    assert combo.intent == "project" and "Tromsø" in combo.text
    handbook = engine.answer("Hva er praksishåndboken?", now=NOW)
    assert handbook.intent == "project" and "Lørenskog" in handbook.text
    loan = engine.answer("hva er startlån?", now=NOW)
    assert "Sunndal" in loan.text


def test_a_project_of_another_place_than_the_one_named_is_a_plain_word(engine: Engine) -> None:
    council = engine.answer("Har Tromsø et integreringsråd?", now=NOW)
    assert "juni 2018" in council.text and "Stange" not in council.text
    unknown = engine.answer("har Bodø gratis SFO?", now=NOW)
    assert "Stange" not in unknown.text
    misspelt = engine.answer("Kva gjorde Stange kommune for integreringa?", now=NOW)
    assert misspelt.intent == "place_work"
