"""Conversation classes fixed after probe sets 08, 09, 11 and 12, each tested with
conversations the sets do not use, through the real engine over the real fact base."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.engine.engine import Engine
from bot.engine.types import Conversation
from tests.engine.conftest import NOW


def talk(engine: Engine, *questions: str, now: datetime = NOW):
    """The answers to ``questions`` asked in one conversation."""
    context = Conversation()
    return [engine.answer(q, now=now, context=context) for q in questions]


# -- «har de vunnet før?» then «hvem delte ut prisen?»: the prize is the one they won ------------


def test_ceremony_after_won_before_points_to_the_win(engine: Engine) -> None:
    *_, handed, when = talk(
        engine,
        "Hvem vant i 2016?",
        "har de vunnet før?",  # no: nominated for 2009 and 2014 only
        "hvem delte ut prisen?",
        "når var utdelingen?",
    )
    assert handed.matched and "2016" in handed.text, handed.text
    assert "2009" not in handed.text and "2014" not in handed.text, handed.text
    assert when.matched and "2017" in when.text, when.text  # the 2016 prize, handed out 2017


# -- «Vær så snill …»: politeness around a question, not the weather («vær») --------------------


@pytest.mark.parametrize(
    ("question", "needle"),
    [
        ("Vær så snill, hvem delte ut prisen i 2018?", "Sanner"),
        ("Hvem vant i 2010, vær så snill?", "Kristiansand"),
        ("Ver så snill og sei kven som vann i 2013", "Hammerfest"),
    ],
)
def test_politeness_is_a_wrapper(engine: Engine, question: str, needle: str) -> None:
    answer = engine.answer(question, now=NOW)
    assert answer.matched and needle in answer.text, answer.text


def test_polite_request_starts_a_conversation(engine: Engine) -> None:
    first, handed = talk(engine, "Vær snill og fortell om prisen for 2012.", "Hvem tok imot den?")
    assert first.matched and "Molde" in first.text, first.text
    assert handed.matched and "2012" in handed.text, handed.text


def test_weather_stays_refused(engine: Engine) -> None:
    assert not engine.answer("Hvordan blir været i Molde i morgen?", now=NOW).matched


# -- spoken «va» (var) and «nån gang» (noen gang), also in follow-ups ---------------------------


@pytest.mark.parametrize(
    ("question", "needle"),
    [
        ("va bodø nominert nån gang?", "2014"),
        ("hvem va ordfører i Moss i 2025?", "Simen Nord"),
        ("har sunndal nån gang vunnet?", "2019"),
    ],
)
def test_spoken_var_and_noen(engine: Engine, question: str, needle: str) -> None:
    answer = engine.answer(question, now=NOW)
    assert answer.matched and needle in answer.text, answer.text


def test_spoken_follow_up_about_the_place(engine: Engine) -> None:
    *_, mayor = talk(engine, "Hvem vant i 2025?", "hvem va ordfører der?")
    assert mayor.matched and "Simen Nord" in mayor.text, mayor.text


# -- «fortell om nominasjonen til X»: a request about a nomination gives IMDi's reasons -----------


@pytest.mark.parametrize(
    ("question", "needle"),
    [
        ("Fortell litt om Stange sin nominasjon", "planlagt"),
        ("Beskriv nominasjonen av Tromsø", "2018"),
    ],
)
def test_request_about_a_nomination_gives_reasons(
    engine: Engine, question: str, needle: str
) -> None:
    answer = engine.answer(question, now=NOW)
    assert answer.matched and answer.intent == "nominated_why", answer.text
    assert needle in answer.text, answer.text


def test_request_about_a_place_stays_a_summary(engine: Engine) -> None:
    answer = engine.answer("Fortell om Drammen", now=NOW)
    assert answer.matched and answer.intent == "place_summary", answer.text


# -- the prize's name: «har den alltid hett det?», «… og først med det nye?» ----------------------


def test_name_history_in_a_conversation(engine: Engine) -> None:
    organiser, renamed, old, new = talk(
        engine,
        "Hvem står bak prisen?",
        "Hadde den et annet navn tidligere?",
        "hvem vant sist med det gamle?",
        "og den første med det nye?",
    )
    assert organiser.matched and "IMDi" in organiser.text, organiser.text
    assert renamed.matched and "Bosettingsprisen" in renamed.text, renamed.text
    assert renamed.intent == "renaming", renamed.text
    assert old.matched and "Trondheim" in old.text, old.text
    assert new.matched and "Bærum" in new.text, new.text


def test_participle_of_hete(engine: Engine) -> None:
    answer = engine.answer("Har prisa alltid heitt det same?", now=NOW)
    assert answer.matched and answer.intent == "renaming", answer.text


# -- «Vant X i år Y?» → «Nei, Z vant» → «hvorfor det?»: Z's win that year, then X's nomination ---


def test_why_after_a_no_gives_the_winners_reasons_that_year(engine: Engine) -> None:
    _, why = talk(engine, "Vant Drammen i 2021?", "hvorfor det?")
    assert why.matched and why.intent == "reasoning", why.text
    assert why.text.startswith("Lørenskog vant prisen for 2021"), why.text
    assert "82 prosent" in why.text, why.text  # the jury's reasons for Lørenskog
    assert "2014" not in why.text and "2013" not in why.text, why.text  # Drammen's other years


def test_why_follow_up_keeps_the_asked_year(engine: Engine) -> None:
    _, why = talk(engine, "Var Tromsø vinneren i 2018?", "hvorfor?")
    assert why.matched and "Bærum vant prisen for 2018" in why.text, why.text
    assert "Tromsø ble nominert for 2018" in why.text, why.text
    assert "2019/2020" not in why.text, why.text


def test_why_did_a_loser_win_names_the_winner(engine: Engine) -> None:
    answer = engine.answer("Hvorfor vant Sandefjord i 2021?", now=NOW)
    assert answer.matched and answer.text.startswith("Lørenskog vant prisen for 2021"), answer.text
    assert "Sandefjord var nominert for 2021" in answer.text, answer.text
    assert answer.text.count("Lørenskog vant") == 1, answer.text  # B8: the winner once


# -- «ble det ikke delt ut»: a negated award question asks for the years without a prize ---------


@pytest.mark.parametrize(
    "question",
    ["i hvilket år ble det ikke delt ut noen pris", "hvilket år delte IMDi ikke ut prisen?"],
)
def test_negated_award_question_is_the_year_without_prize(engine: Engine, question: str) -> None:
    answer = engine.answer(question, now=NOW)
    assert answer.matched and answer.intent == "no_prize_years", answer.text
    assert "2017" in answer.text, answer.text


def test_plain_award_question_stays(engine: Engine) -> None:
    answer = engine.answer("Når ble prisen for 2016 delt ut?", now=NOW)
    assert answer.matched and answer.intent == "award" and "2017" in answer.text, answer.text


def test_a_why_question_naming_its_own_place_does_not_take_the_last_year(engine: Engine) -> None:
    # «hvem vant i 2014?» then «Hvorfor ble Gjøvik nominert?»: Gjøvik was nominated for
    # 2019/2020, not 2014; the question names its place and no year, so it stands alone.
    for first, place, year in (
        ("hvem vant i 2014?", "Gjøvik", "2019/2020"),
        ("Hvem var nominert i 2012?", "Tynset", "2016"),
    ):
        talk = Conversation()
        engine.answer(first, now=NOW, context=talk)
        answer = engine.answer(f"Hvorfor ble {place} nominert?", now=NOW, context=talk)
        assert answer.intent == "nominated_why", answer.text
        assert year in answer.text and "står ikke blant" not in answer.text, answer.text
