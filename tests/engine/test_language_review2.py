"""Issue 13, second editor review: the patterns left after the first language round (figures
as forms, choppy award sentences, criteria that contradict themselves, the director now,
round lists, fact-text fragments). Each test asks questions of the class other than the
review's own examples, at the clocks where tense matters."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest

from bot.clock import OSLO
from bot.engine.engine import Engine
from bot.knowledge.loader import load_knowledge
from tests.engine.conftest import NOW

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"
DURING_2023_VOTE = datetime(2023, 10, 5, 12, tzinfo=OSLO)
BEFORE_2021_AWARD = datetime(2021, 11, 5, 12, tzinfo=OSLO)
FORM = re.compile(r"\(tall for \d{4}\)|\): \d|^[^\n]*: \d[^\n]*\(tall", re.M)


# -- figures: whole sentences built from the curator's sentence field ------------------------


@pytest.mark.parametrize(
    ("question", "number"),
    [
        ("Hvor mange flyktninger bosatte Øygarden?", "200 flyktninger"),
        ("Hvor mange bosatte Vennesla i 2022?", "over 100 flyktninger"),
        ("Hvor mange ansatte hadde flyktningtjenesten i Lørenskog?", "tolv ansatte"),
        ("Hvor mange enslige mindreårige bosatte Trondheim?", "123 enslige mindreårige"),
    ],
)
def test_a_figure_is_a_whole_sentence_that_leads(
    engine: Engine, question: str, number: str
) -> None:
    answer = engine.answer(question, now=NOW)
    assert answer.intent == "place_figures", question
    first = answer.text.split("\n")[0]
    assert number in first, (question, answer.text)
    assert not FORM.search(answer.text), answer.text
    assert "Som bakgrunn" not in answer.text  # the figure asked for is no background
    assert first.endswith("."), first


def test_profile_card_figures_read_as_sentences(engine: Engine) -> None:
    for place in ("Tynset", "Arendal", "Bodø", "Trondheim"):
        answer = engine.answer(f"Fortell om {place}", now=NOW)
        assert not FORM.search(answer.text), answer.text


def test_every_figure_in_the_fact_base_has_a_sentence() -> None:
    kb = load_knowledge(KNOWLEDGE)
    missing = [
        (year, profile.entrant.name, figure.measures)
        for year, record in kb.years.items()
        for profile in record.profiles
        for figure in profile.figures
        if figure.said is None or not figure.said.endswith((".", "!", "?"))
    ]
    assert not missing


# -- the award: one sentence, what was asked first -------------------------------------------

AWARD_CLOCKS = (DURING_2023_VOTE, datetime(2023, 10, 20, 12, tzinfo=OSLO), NOW)


def test_where_the_award_is_leads_with_the_place_in_one_sentence(engine: Engine) -> None:
    during = engine.answer("Hvor skal prisen deles ut i år?", now=DURING_2023_VOTE).text
    assert during.startswith("Prisen for 2023 deles ut på IMDis årskonferanse i Oslo"), during
    assert "\n" not in during
    past = engine.answer("hvor var utdelingen for 2022", now=NOW).text
    assert past.startswith("Prisen for 2022 ble delt ut på IMDis årskonferanse på The Hub i Oslo")
    # «når» leads with the day, the rest of the same sentence follows
    when = engine.answer("Hvilken dato var utdelingen i 2015?", now=NOW).text
    assert when.startswith("Prisen for 2015 ble delt ut 12. mai 2016 på"), when


def test_no_choppy_award_sentences_at_any_clock(engine: Engine) -> None:
    for now in AWARD_CLOCKS:
        for year in (2009, 2013, 2014, 2016, 2018, 2021, 2022, 2023):
            for question in (
                f"Hvor ble prisen for {year} delt ut?",
                f"Når var utdelingen i {year}?",
            ):
                text = engine.answer(question, now=now).text
                assert not re.search(r"Stedet (er|var)|Det (skjer|skjedde) på", text), text
                assert text.count("Prisen for") <= 1, text


def test_before_the_award_the_day_has_no_doubts_from_later_reports(engine: Engine) -> None:
    text = engine.answer("Når er utdelingen?", now=BEFORE_2021_AWARD).text
    assert "19. november" in text
    assert "Merk" not in text and "22. november" not in text


# -- criteria and the director: the answer first, no contradiction, nothing from later -------


def test_criteria_known_only_in_general_terms_say_so_first(engine: Engine) -> None:
    for now in (BEFORE_2021_AWARD, NOW):
        text = engine.answer("Hvilke kriterier ble brukt for 2018?", now=now).text
        assert text.startswith("Jeg vet ikke hvilke kriterier som gjaldt for 2018."), text
        assert "Slik var" not in text and "ikke funnet" not in text


def test_current_criteria_name_no_round_after_the_clock(engine: Engine) -> None:
    text = engine.answer("Hvilke kriterier gjelder nå?", now=DURING_2023_VOTE).text
    assert text.startswith("For 2023 vurderes kommunene"), text
    assert "2024" not in text


def test_who_leads_imdi_now_comes_first_then_the_earlier_ones_briefly(engine: Engine) -> None:
    early = engine.answer("Hvem leder IMDi?", now=datetime(2012, 6, 1, 12, tzinfo=OSLO)).text
    assert early.startswith("Geir Barvik er direktør i IMDi"), early
    assert "Osmund Kaldheim (2006–2010)" in early and "2016" not in early
    now = engine.answer("hvem er sjef for IMDi", now=NOW).text.split("\n")
    assert now[0] == "Libe Rieber-Mohn er direktør i IMDi, etter det jeg vet."
    assert now[1].startswith("Hun ble utnevnt")  # not the name twice in a row
    assert "Geir Barvik (2010–2016) og Osmund Kaldheim (2006–2010)" in now[2]


# -- rounds, people and fact-text fallbacks as whole sentences -------------------------------

ROUND_LINE = re.compile(r"(^|\n)\d{4}(/\d{4})?( \(vant\))?: ")


def test_several_rounds_are_whole_sentences_not_year_colon_lines(engine: Engine) -> None:
    for question in ("Hva har Bodø gjort?", "Hvorfor ble Asker nominert?", "Hva gjorde Bærum?"):
        text = engine.answer(question, now=NOW).text
        assert not ROUND_LINE.search(text), text
        assert "Her er hver runde" not in text
    won = engine.answer("Hva gjorde Lørenskog?", now=NOW).text
    assert won.startswith("Lørenskog vant prisen for 2021. ")  # review 3, N7: the win first
    assert "Kommunen var også nominert for 2018. " in won


def test_a_role_asked_for_is_answered_by_name_first(engine: Engine) -> None:
    text = engine.answer("Hvem var ordfører i Drammen da kommunen ble nominert?", now=NOW).text
    assert text.startswith("Monica Myrvold Berg var ordfører i Drammen da kommunen ble nominert")


def test_the_mayor_when_they_won_is_a_whole_sentence(engine: Engine) -> None:
    text = engine.answer("Hvem var ordfører i Tønsberg da de vant?", now=NOW).text
    assert not ROUND_LINE.search(text), text
    assert text.startswith("Frank Pedersen var ordfører i Tønsberg da kommunen vant prisen")


# -- unknowns said plainly, and never tacked on after an answer ------------------------------


def test_no_bare_no_information_line_after_an_answer(engine: Engine) -> None:
    for question in ("Hvor mange kommuner har vunnet?", "Hvor mange ganger er prisen delt ut?"):
        text = engine.answer(question, now=BEFORE_2021_AWARD).text
        assert text.startswith("Prisen har gått til elleve kommuner"), text
        assert "Det har jeg ingen opplysninger om." not in text, text


def test_unknown_award_facts_say_jeg_vet_ikke(engine: Engine) -> None:
    for question, expected in (
        ("Hvem tok imot prisen for 2011?", "Jeg vet ikke hvem som tok imot prisen for 2011."),
        ("Hvem overrakte prisen i 2012?", "Jeg vet ikke hvem som overrakte prisen for 2012."),
    ):
        text = engine.answer(question, now=NOW).text
        assert expected in text, text
        assert "ingen opplysninger" not in text


def test_the_winner_line_among_the_nominees_has_no_marker_form(engine: Engine) -> None:
    for year in (2013, 2021, 2023):
        text = engine.answer(f"Hvem var nominert for {year}?", now=NOW).text
        assert "(vant):" not in text, text


def test_small_numbers_in_figure_sentences_are_words(engine: Engine) -> None:
    text = engine.answer("Hvilke tall har du om Molde?", now=NOW).text
    assert "seks måneder" in text and "6 måneder" not in text, text


def test_no_person_sentence_has_two_colons(engine: Engine) -> None:
    from bot.engine.answers.profile_lines import said_sentence

    kb = load_knowledge(KNOWLEDGE)
    for record in kb.years.values():
        for profile in record.profiles:
            for person in profile.people:
                if person.said:
                    line = said_sentence(engine.texts, person)
                    assert line.count(": ") <= 1, line


def test_where_with_only_the_day_known_says_where_is_unknown(engine: Engine) -> None:
    text = engine.answer("Hvor skal prisen deles ut?", now=BEFORE_2021_AWARD).text
    assert text.startswith("Prisen for 2021 deles ut fredag 19. november 2021."), text
    assert text.endswith("Jeg vet ikke hvor."), text
    when = engine.answer("Når skal prisen deles ut?", now=BEFORE_2021_AWARD).text
    assert "vet ikke hvor" not in when


def test_a_future_year_names_the_last_winner_in_a_sentence(engine: Engine) -> None:
    text = engine.answer("Hvem vant prisen for 2024?", now=BEFORE_2021_AWARD).text
    assert "Den siste vinneren jeg kjenner til, er Sunndal, for 2019/2020." in text, text
