"""Classes of nominee-detail questions the blind probe set-02 found unanswered, each shown
fixed with a question of the same class that is NOT in the probe set (issue 12)."""

from __future__ import annotations

from datetime import datetime

from bot.clock import OSLO
from bot.engine.engine import Engine
from bot.engine.types import Conversation

from .conftest import NOW

VOTE_2023 = datetime(2023, 10, 5, 12, 0, tzinfo=OSLO)


def test_follow_up_about_the_municipality_of_the_conversation(engine: Engine) -> None:
    """Class: «… der?» / «… de?» naming no entity, answered from the fact texts about the
    municipality talked about (probe: «Hvem er kommunalsjef der?» after Nordre Follo)."""
    context = Conversation()
    engine.answer("Fortell om Stange", now=NOW, context=context)
    answer = engine.answer("Hvem er kultursjef der?", now=NOW, context=context)
    assert answer.matched and "Solbjørg Tveiten" in answer.text
    assert "Her er det jeg vet" not in answer.text and answer.sources


def test_specific_question_about_a_municipality_is_not_the_catch_all(engine: Engine) -> None:
    """Class: a municipality plus content words the profile card does not cover (probe:
    «Hvordan hjalp Drammen leietakere i kommunale boliger?»)."""
    answer = engine.answer("Hvordan skaffet Tynset boliger til flyktningene?", now=NOW)
    assert answer.intent == "passage" and "boliger" in answer.text and answer.sources


def test_several_nominations_name_the_newest_rounds_projects(engine: Engine) -> None:
    """Class: why nominated, several rounds (probe: Sunndal's projects were missing)."""
    answer = engine.answer("Hvorfor ble Molde nominert?", now=NOW)
    # review 3, N7: the win leads (its reasoning unknown), then the other round
    assert answer.text.startswith("Molde vant prisen for 2012, men jeg vet ikke hvordan juryen")
    assert "Kommunen var også nominert for 2023." in answer.text
    assert "nøkkelferdige boliger" in answer.text.lower()


def test_the_neutral_reply_says_so_in_plain_words(engine: Engine) -> None:
    """Class: recommendation («synes du …» was refused as an opinion question)."""
    answer = engine.answer("Hvilken kommune mener du jeg skal stemme på?", now=VOTE_2023)
    assert answer.intent == "vote_advice"
    assert "nøytral" in answer.text and "flyktninger Molde klarte" in answer.text


def test_other_phrasings_of_projects_figures_and_people(engine: Engine) -> None:
    """Class: wording («frem», «introprogrammet», «om nominasjonen i <år>», «<navn> kommune»)."""
    work = engine.answer("Hvilke tiltak trakk juryen frem for Sunndal?", now=NOW)
    assert work.intent == "place_work" and "fagbrev" in work.text
    figures = engine.answer(
        "Hvor mange gikk til arbeid etter introprogrammet i Lørenskog?", now=NOW
    )
    assert "82 prosent" in figures.text and "2020" in figures.text
    people = engine.answer("Hva sa ordføreren i Bærum om nominasjonen i 2018?", now=NOW)
    assert people.intent == "place_people" and "Lisbeth Hammer Krog" in people.text
    card = engine.answer("Fortell om Tynset kommune", now=NOW)
    assert card.matched and "Kommunen var nominert for 2016.\nIMDi Indre Øst nominerte" in card.text


def test_the_word_kommune_after_a_name_changes_nothing(engine: Engine) -> None:
    """Class: «<navn> kommune» (probe: «Hva vet du om Drammen kommune?», «Fortel om Molde
    kommune»): the word is dropped after a municipality's name, for every intent."""
    assert engine.answer("Når vant Kinn kommune?", now=NOW).text.startswith("Kinn vant prisen")
    card = engine.answer("Hva vet du om Nordre Follo kommune?", now=NOW)
    assert "Kommunen var nominert for 2023.\nNordre Follo pekte selv" in card.text


def test_a_surname_inside_a_hyphenated_word_is_no_person(engine: Engine) -> None:
    """«Nord-Norge» is a region, not Simen Nord (a lone surname must be a whole word)."""
    answer = engine.answer("Hvor mange vinnere kommer fra Nord-Norge?", now=NOW)
    assert answer.intent != "person" and "Hammerfest" in answer.text


def test_who_leads_a_unit_of_the_municipality_talked_about(engine: Engine) -> None:
    """Class: «Hvem leder …?» in a conversation about a municipality is about its people, not
    IMDi's director (probe: «Hvem leder enheten?» after Harstad — still unanswered there: the
    stemmer reads «enhet» and «enheten» differently)."""
    context = Conversation()
    engine.answer("Fortell om Stange", now=NOW, context=context)
    answer = engine.answer("Hvem leder flyktningtjenesten?", now=NOW, context=context)
    assert "Bente Habberstad Ryen" in answer.text
    assert "IMDi" in engine.answer("Hvem leder IMDi?", now=NOW, context=context).text


def test_what_it_did_to_be_nominated_and_who_spoke_for_it(engine: Engine) -> None:
    """Class: «gjorde … for å bli nominert» / «nominert for» is IMDi's reason, «hvem snakket
    for …» the municipality's people (frames.yaml; probes: Drammen, Molde, Nordre Follo)."""
    did = engine.answer("Hva gjorde Sunndal for å bli nominert?", now=NOW)
    assert did.intent == "nominated_why" and "hovedsatsingsområde" in did.text
    why = engine.answer("Hva var Stange nominert for?", now=NOW)
    assert why.intent == "nominated_why" and "integreringsråd" in why.text
    spoke = engine.answer("Hvem snakket for Bærum da kommunen ble nominert?", now=NOW)
    assert spoke.intent == "place_people" and "Lisbeth Hammer Krog" in spoke.text
