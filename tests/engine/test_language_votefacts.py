"""Issue 13, third editor review: criteria in the tense of the clock (T1), yes/no about a
round's vote answered yes or no first (N5), how to vote once no vote is open and whether one
may vote more than once (M7b/M10b), where the prize is handed out (M17), no guesses in the
ceremony answers (M14) and how a municipality is nominated now (N6). Each test asks other
questions, years or clocks of the class than the review's own examples, and the examples."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from bot.clock import OSLO
from bot.engine.engine import Engine
from bot.engine.types import Conversation

BEFORE_2021_AWARD = datetime(2021, 11, 5, 12, tzinfo=OSLO)
DURING_2022_ROUND = datetime(2022, 10, 1, 12, tzinfo=OSLO)
DURING_2023_VOTE = datetime(2023, 10, 5, 12, tzinfo=OSLO)
AFTER_2023_VOTE = datetime(2023, 10, 20, 12, tzinfo=OSLO)
AFTER_2023_AWARD = datetime(2023, 10, 31, 12, tzinfo=OSLO)
BEFORE_2025_AWARD = datetime(2025, 10, 15, 12, tzinfo=OSLO)
TODAY = datetime(2026, 12, 5, 12, tzinfo=OSLO)
CLOCKS = (
    BEFORE_2021_AWARD,
    DURING_2023_VOTE,
    AFTER_2023_VOTE,
    AFTER_2023_AWARD,
    BEFORE_2025_AWARD,
    TODAY,
)
PAST_VERBS = re.compile(r"\b(ble|måtte|skulle|hadde|meldte|svarte|tok|bygget)\b")
LIST_HEADING = re.compile(r":\n|: [A-ZÆØÅ]")
"""A colon before a list of lines or before a whole sentence."""


def say(engine: Engine, question: str, now: datetime) -> str:
    return engine.answer(question, now=now, context=Conversation()).text


# -- T1: criteria in the tense of the clock ----------------------------------------------------


@pytest.mark.parametrize(
    ("question", "now", "start"),
    [
        ("Hvilke kriterier gjelder for 2021?", BEFORE_2021_AWARD, "For 2021 vurderes kommunene"),
        ("Hva er kriteriene?", BEFORE_2021_AWARD, "For 2021 vurderes kommunene"),
        ("kriterier 2022", DURING_2022_ROUND, "For 2022 melder kommunene seg på selv"),
        ("Hva er kriteriene?", DURING_2023_VOTE, "For 2023 vurderes kommunene"),
        ("Hva er kriteriene?", AFTER_2023_VOTE, "For 2023 vurderes kommunene"),
    ],
)
def test_criteria_of_a_round_under_way_are_in_the_present(
    engine: Engine, question: str, now: datetime, start: str
) -> None:
    text = say(engine, question, now)
    assert text.startswith(start), text
    assert not PAST_VERBS.search(text.split("\n")[0]), text
    assert "Slik " not in text and "fastsatte kriteriene:" not in text


@pytest.mark.parametrize(
    ("question", "now", "start"),
    [
        ("Hvilke kriterier gjaldt for 2021?", TODAY, "For 2021 ble kommunene vurdert etter om de"),
        ("Hva var kriteriene i 2015?", AFTER_2023_AWARD, "For 2015 måtte de nominerte"),
        ("kriterier 2022", TODAY, "For 2022 meldte kommunene seg på selv"),
        ("Hva er kriteriene?", AFTER_2023_AWARD, "For 2023 ble kommunene vurdert"),
        ("Hva er kriteriene?", TODAY, "For 2024 skulle kommunene vurderes"),
    ],
)
def test_criteria_of_a_round_awarded_are_in_the_past(
    engine: Engine, question: str, now: datetime, start: str
) -> None:
    text = say(engine, question, now)
    assert text.startswith(start), text
    assert "vurderes kommunene" not in text and "Slik " not in text


def test_rounds_after_the_last_known_criteria_are_named_as_unknown_once(engine: Engine) -> None:
    text = say(engine, "Hva er kriteriene?", BEFORE_2025_AWARD)
    assert text.split("\n")[1] == "Jeg kjenner ikke kriteriene for 2025.", text
    assert "2026" not in text  # nothing after the clock
    assert say(engine, "Hvilke kriterier gjelder for 2025?", BEFORE_2025_AWARD).startswith(
        "Jeg vet ikke hvilke kriterier som gjelder for 2025."
    )


# -- N5: «Var det avstemning i YYYY?» answers yes or no first ----------------------------------


def test_every_year_a_yes_no_vote_question_answers_yes_or_no_first(engine: Engine) -> None:
    starts = ("Ja, ", "Nei, ", "Jeg vet ikke", "Det ble ikke delt ut")
    for year in range(2008, 2026):
        text = say(engine, f"Var det avstemning i {year}?", TODAY)
        assert text.startswith(starts), (year, text)
    example = say(engine, "Var det avstemning i 2022?", AFTER_2023_AWARD).split("\n")
    assert example[0] == (
        "Ja, for 2022 kunne publikum stemme på IMDis nettsider, med én stemme per person."
    )
    assert example[1].startswith("Jeg vet ikke når avstemningen var")


def test_a_yes_about_a_vote_puts_the_known_end_before_the_unknown_one(engine: Engine) -> None:
    lines = say(engine, "Kunne publikum stemme i 2021?", TODAY).split("\n")
    assert lines[0] == "Ja, for 2021 kunne publikum stemme på én av de nominerte."
    assert lines[1] == "Avstemningen for 2021 stengte 11. november 2021."
    assert say(engine, "Var det avstemning i 2012?", TODAY).startswith(
        "Nei, det var ingen publikumsavstemning for 2012."
    )


# -- M7b/M10b: how to vote and how many times, in whole sentences ------------------------------


@pytest.mark.parametrize("now", [AFTER_2023_AWARD, BEFORE_2025_AWARD, TODAY])
@pytest.mark.parametrize("question", ["Hvor kan jeg stemme?", "Hvordan stemmer jeg?"])
def test_with_no_vote_open_how_to_vote_says_so_then_the_last_vote(
    engine: Engine, question: str, now: datetime
) -> None:
    lines = say(engine, question, now).split("\n")
    assert lines[0] == "Ingen avstemning er åpen nå, etter det jeg vet."
    assert lines[1] == "Sist var det avstemning for 2023, fra 2. oktober til 11. oktober 2023."
    assert lines[2] == "Da kunne publikum stemme på imdi.no."
    assert not LIST_HEADING.search("\n".join(lines)) and "Slik foregikk" not in lines


def test_voting_more_than_once_is_answered_or_said_to_be_unknown(engine: Engine) -> None:
    during = say(engine, "Får jeg stemme flere ganger?", DURING_2023_VOTE).split("\n")
    assert during[:3] == [
        "Jeg vet ikke om du kan stemme mer enn én gang i avstemningen for 2023.",
        "For 2022 var det én stemme per person.",
        "Du kan stemme på imdi.no.",
    ]
    nynorsk = say(engine, "Kor mange gonger kan eg stemme?", DURING_2023_VOTE)
    assert nynorsk.startswith("Jeg vet ikke om du kan stemme mer enn én gang i avstemningen")
    many = say(engine, "Hvor mange ganger kan jeg stemme?", AFTER_2023_AWARD)
    past = "Jeg vet ikke om man kunne stemme mer enn én gang i avstemningen for 2023."
    assert many.startswith(past), many
    assert "Jeg vet ikke om" not in say(engine, "Hvordan stemmer jeg?", DURING_2023_VOTE)
    after = say(engine, "Kan jeg stemme flere ganger?", TODAY)
    assert after.startswith(past + "\nFor 2022 var det én stemme per person."), after
    early = say(engine, "Kan jeg stemme flere ganger?", BEFORE_2021_AWARD)
    assert early.startswith("Jeg vet ikke om du kan stemme mer enn én gang i avstemningen for 2021")
    assert "2022" not in early  # nothing after the clock
    how_2022 = say(engine, "hvordan stemte man i 2022", TODAY)
    assert how_2022.startswith(
        "I runden for 2022 kunne publikum stemme på IMDis nettsider, med én stemme per person."
    )


# -- M17 and M14: where the prize is handed out, without guesses -------------------------------


@pytest.mark.parametrize(
    ("now", "latest"),
    [
        (AFTER_2023_AWARD, "Sist ble prisen for 2023 delt ut i Oslo 30. oktober 2023."),
        (BEFORE_2025_AWARD, "Sist ble prisen for 2023 delt ut i Oslo 30. oktober 2023."),
        (TODAY, "Sist ble prisen for 2025 delt ut i Oslo sentrum 10. november 2025."),
    ],
)
def test_where_the_prize_is_handed_out_leads_with_the_answer(
    engine: Engine, now: datetime, latest: str
) -> None:
    for question in ("Hvor deles prisen ut?", "Hvor blir prisen delt ut?"):
        lines = say(engine, question, now).split("\n")
        assert lines[0] == "Siden 2021 har prisen blitt delt ut på IMDis årskonferanse."
        assert lines[1] == latest
        assert len(lines) <= 3 and "(2008)" not in lines[-1]


def test_ceremony_answers_state_no_guess(engine: Engine) -> None:
    for now in CLOCKS:
        for question in ("Når deles prisen ut?", "Hvor deles prisen ut?", "Når er neste utdeling?"):
            assert "trolig" not in say(engine, question, now), (question, now)


# -- N6: how a municipality is nominated, the latest known round first ----------------------


def test_nomination_starts_with_the_answer_then_the_known_rounds(engine: Engine) -> None:
    today = say(engine, "Hvordan blir en kommune nominert?", TODAY)
    assert today.startswith("Det har variert fra runde til runde. For 2022 ble kommunene"), today
    assert "For 2024 fant IMDi selv fram til kommuner å nominere" in today
    assert "oppsøkte" not in today
    before = say(engine, "Hvordan kan kommunen vår bli nominert?", AFTER_2023_AWARD)
    assert "For 2022 ble kommunene invitert til å nominere seg selv" in before, before
    assert "2024" not in before


# -- M16: a term the prize's texts use, but do not explain --------------------------------------


def test_a_term_near_the_prize_gets_a_polite_reply_not_the_off_topic_one(engine: Engine) -> None:
    off_topic = say(engine, "Hvordan lager man pannekaker?", TODAY)
    for question in ("Hva er introduksjonsprogrammet?", "Hva betyr bosettingsvedtak?"):
        answer = engine.answer(question, now=DURING_2023_VOTE, context=Conversation())
        assert not answer.matched  # no made-up definition
        assert answer.text != off_topic and "Jeg svarer bare på" not in answer.text
        assert "kriteriene" in answer.text
    assert "Jeg svarer bare på" in off_topic


def test_a_yes_no_vote_question_about_a_round_under_way_or_coming_says_yes_first(
    engine: Engine,
) -> None:
    lines = say(engine, "Er det avstemning i 2023?", DURING_2023_VOTE).split("\n")
    assert lines[0] == "Ja, det er publikumsavstemning for 2023."
    assert lines[1].startswith("Avstemningen for 2023 er åpen nå")
    coming = say(engine, "Blir det avstemning i 2023?", datetime(2023, 9, 20, 12, tzinfo=OSLO))
    assert coming.startswith("Ja, det blir publikumsavstemning for 2023.\n"), coming
    assert say(engine, "Er det avstemning i 2021?", BEFORE_2021_AWARD).startswith(
        "Ja, det er publikumsavstemning for 2021."
    )
    when = say(engine, "Når stenger avstemningen i 2023?", DURING_2023_VOTE)
    assert when.startswith("Avstemningen for 2023 stenger")  # «når» is not yes/no


def test_vote_windows_state_no_guess_and_the_usual_time_comes_before_history(
    engine: Engine,
) -> None:
    for year in range(2018, 2024):
        text = say(engine, f"Når åpnet avstemningen i {year}?", TODAY)
        assert "trolig" not in text, (year, text)
    lines = say(engine, "Når deles prisen ut?", TODAY).split("\n")
    assert lines[1].startswith("Fra 2021 til 2023 ble prisen delt ut om høsten"), lines


# -- how the winner is chosen, in the tense of the clock ------------------------------------


@pytest.mark.parametrize(
    ("question", "now", "expected"),
    [
        ("hvordan ble vinneren valgt i 2023", DURING_2023_VOTE, "For 2023 kåres vinneren etter"),
        ("Hvordan kåres vinneren for 2023?", AFTER_2023_VOTE, "For 2023 kåres vinneren etter"),
        ("hvordan ble vinneren valgt i 2023", AFTER_2023_AWARD, "For 2023 ble vinneren kåret"),
        ("hvordan ble vinneren avgjort i 2023", TODAY, "For 2023 ble vinneren kåret"),
        ("Hvordan velges vinneren i 2021?", BEFORE_2021_AWARD, "For 2021 veies publikums"),
        ("hvordan ble vinneren valgt i 2021", TODAY, "For 2021 ble publikums stemmer"),
        ("hvordan ble vinneren valgt i 2015", TODAY, "For 2015 valgte en jury"),
    ],
)
def test_how_the_winner_is_chosen_follows_the_clock(
    engine: Engine, question: str, now: datetime, expected: str
) -> None:
    """A round under way in the present («kåres»), a decided one in the past, led by the
    round itself — never «Slik ble vinneren valgt for 2023. Vinneren kåres …»."""
    text = engine.answer(question, now=now).text
    assert text.startswith(expected), text
    assert "Slik ble vinneren valgt" not in text
