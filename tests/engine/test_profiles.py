"""The nominees' profiles (issue 12): why nominated, what it did, figures, people, persons,
the profile card, the nominees' lines, the vote and the recommendation, the passage fallback."""

from __future__ import annotations

import re
from datetime import datetime

from bot.clock import OSLO
from bot.engine.engine import Engine
from bot.engine.types import Answer, Conversation

from .conftest import NOW

VOTE_2023 = datetime(2023, 10, 5, 12, 0, tzinfo=OSLO)
"""The 2023 public vote was open (2–11 October 2023)."""
BEFORE_2023 = datetime(2023, 9, 1, 12, 0, tzinfo=OSLO)


def ask(engine: Engine, question: str, now: datetime = NOW) -> Answer:
    return engine.answer(question, now=now)


def test_why_nominated_with_a_year_gives_the_reason_and_its_source(engine: Engine) -> None:
    answer = ask(engine, "Hvorfor ble Gjøvik nominert?")
    assert answer.intent == "nominated_why"
    assert "Gjøvik ble nominert for 2019/2020" in answer.text
    assert "fleksibelt" in answer.text
    assert any("gjovik.kommune.no" in (s.url or "") for s in answer.sources)


def test_why_nominated_several_times_lists_each_newest_first(engine: Engine) -> None:
    answer = ask(engine, "Hvorfor ble Asker nominert?")
    lines = answer.text.split("\n")
    # each round in its own sentence, newest first, with no summary of the rounds before them
    # (issue 13, review 4 A5: the years were said twice)
    assert lines[0].startswith("Asker ble nominert for 2021. ")
    rounds = [m[1] for line in lines if (m := re.search(r"nominert for (\d{4})", line))]
    assert rounds == ["2021", "2019", "2018"]
    assert [f.question for f in answer.followups][:3] == [
        "hvorfor nominert asker 2021",
        "hvorfor nominert asker 2020",
        "hvorfor nominert asker 2018",
    ]


def test_why_nominated_unknown_is_said_honestly_with_what_is_known(engine: Engine) -> None:
    answer = ask(engine, "Hvorfor ble Randaberg nominert?")
    assert "Randaberg var nominert for 2019/2020, men jeg vet ikke hvorfor." in answer.text
    # the background follows as one paragraph of whole sentences, with no label (review 3, M9)
    lines = answer.text.split("\n")
    assert len(lines) == 2, answer.text
    assert "bakgrunn" not in answer.text.lower()
    assert answer.sources


def test_why_a_winner_was_nominated_is_the_jury_reasoning(engine: Engine) -> None:
    answer = ask(engine, "Hvorfor ble Lørenskog nominert i 2021?")
    assert answer.text.startswith("Lørenskog vant prisen for 2021. Av de nominerte kommunene")


def test_what_a_nominee_did_lists_its_projects(engine: Engine) -> None:
    answer = ask(engine, "Hva har Tynset gjort?")
    assert answer.intent == "place_work"
    assert "Kommunen kjøpte et bokollektiv til enslige mindreårige." in answer.text
    # «Hva gjorde …» for a municipality that only was nominated: not «never won»
    other = ask(engine, "Hva gjorde Stange?")
    assert "ikke vunnet" not in other.text and "Stange ble nominert for 2018" in other.text


def test_a_figure_always_comes_with_the_year_it_refers_to(engine: Engine) -> None:
    answer = ask(engine, "Hvor stor andel kom i jobb i Lørenskog?")
    assert answer.intent == "place_figures"
    assert "82 prosent" in answer.text and "2020" in answer.text
    settled = ask(engine, "Hvor mange bosatte Harstad?")
    assert "43 flyktninger" in settled.text and "2021" in settled.text


def test_who_was_mayor_and_what_they_said(engine: Engine) -> None:
    answer = ask(engine, "Hvem var ordfører i Drammen da de ble nominert?")
    # named once, then «Ordføreren» (review 3, M4)
    assert "Ordføreren sa at nominasjonen" in answer.text
    assert answer.text.count("Monica Myrvold Berg") == 1
    assert "Eva Kjerstin Baustad" not in answer.text  # asked for the mayor only
    said = ask(engine, "Hva sa ordføreren i Tynset?")
    assert "Merete Myhre Moen" in said.text


def test_todays_mayor_stays_out_of_scope(engine: Engine) -> None:
    assert not ask(engine, "Hvem er ordfører i Oslo?").matched


def test_who_is_a_person_of_the_fact_base_also_misspelt(engine: Engine) -> None:
    answer = ask(engine, "Hvem er Rita Otervik?")
    assert answer.intent == "person"
    assert answer.text.startswith(
        "Rita Ottervik var ordfører i Trondheim da kommunen vant prisen for 2016."
    )
    assert answer.sources
    surname = ask(engine, "Hva sa Rieber-Mohn om Lørenskog?")
    assert surname.text.startswith(  # still the director at the clock (review 3, T2)
        "Libe Rieber-Mohn er IMDi-direktør og var det også da Lørenskog vant prisen for 2021."
    )
    assert "\nHun sa at Lørenskogs integreringsarbeid" in surname.text
    assert "Moss" not in surname.text


def test_profile_card_has_the_newest_reason_and_a_button_per_round(engine: Engine) -> None:
    answer = ask(engine, "Fortell om Asker")
    assert "ble sist nominert for 2021" in answer.text
    questions = [f.question for f in answer.followups]
    assert "hvorfor nominert asker 2018" in questions


def test_nominees_of_a_year_have_one_short_line_each(engine: Engine) -> None:
    answer = ask(engine, "nominerte 2023")
    lines = answer.text.split("\n")
    after = lines[1:]  # the list (with «Tønsberg, som vant»), then the lines
    assert "Kort om hver:" not in lines
    # a line per nominee with a known reason, whole sentences; the rest in one sentence
    assert len(after) == 5 and all(line.endswith(".") for line in after)
    assert after[0].startswith("Tønsberg ble beskrevet")  # the winner's reason first
    assert after[-1] == "Jeg vet ikke hvorfor Kristiansand og Ullensvang ble nominert."


def test_while_the_vote_is_open_the_nominees_come_with_their_lines(engine: Engine) -> None:
    answer = ask(engine, "Er avstemningen åpen nå?", VOTE_2023)
    assert "åpen nå" in answer.text and "flyktninger Molde klarte" in answer.text


def test_the_bot_does_not_pick_sides(engine: Engine) -> None:
    answer = ask(engine, "Hvem bør jeg stemme på?", VOTE_2023)
    assert answer.intent == "vote_advice"
    assert "nøytral" in answer.text and "\nNordre Follo pekte selv" in answer.text
    closed = ask(engine, "Hvem bør jeg stemme på?", NOW)
    assert "nøytral" in closed.text and "ikke åpen" in closed.text


def test_profiles_of_an_unannounced_round_stay_hidden(engine: Engine) -> None:
    answer = ask(engine, "Hvorfor ble Molde nominert i 2023?", BEFORE_2023)
    assert "imponert" not in answer.text


def test_a_button_question_is_understood(engine: Engine) -> None:
    context = Conversation()
    answer = engine.answer("Hvorfor ble Asker nominert?", now=NOW, context=context)
    again = engine.answer(answer.followups[2].question, now=NOW, context=context)
    assert "Asker ble nominert for 2018" in again.text


def test_a_winner_answer_has_a_button_to_the_winners_profile(engine: Engine) -> None:
    answer = ask(engine, "Hvem vant i 2021?")
    button = next(f for f in answer.followups if f.label == "Om Lørenskog")
    profile = ask(engine, button.question)
    assert "Lørenskog vant prisen for 2021" in profile.text and profile.sources


def test_a_municipality_and_a_year_give_that_rounds_profile(engine: Engine) -> None:
    answer = ask(engine, "Harstad 2023")
    assert answer.intent == "nominated_why" and "Harstad ble nominert for 2023" in answer.text
    assert ("Vis på kart", "2023") in [(f.label, f.question) for f in answer.followups]
    assert "nominerte 2023" in [f.question for f in answer.followups]


def test_a_person_with_one_role_in_many_rounds_is_named_once_per_role(engine: Engine) -> None:
    text = ask(engine, "Hvem er Libe Rieber-Mohn?").text
    first = text.split("\n")[0]
    assert first == (
        "Libe Rieber-Mohn er IMDi-direktør og har vært det i rundene for 2016, 2018, 2019/2020, "
        "2021, 2023 og 2025."
    )
