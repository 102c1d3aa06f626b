"""Regression tests for the lead's review: no repeated facts, the asked part first."""

from __future__ import annotations

from datetime import datetime

from bot.clock import OSLO
from bot.engine.engine import Engine
from tests.engine.conftest import NOW

DURING_2023_VOTE = datetime(2023, 10, 5, 12, tzinfo=OSLO)


def ask(engine: Engine, question: str, now: datetime = NOW) -> str:
    return engine.answer(question, now=now).text


def test_organiser_names_imdi_in_full_once(engine: Engine) -> None:
    for question in ("Hva står IMDi for?", "Who organises the prize?"):
        text = ask(engine, question)
        assert text.count("Integrerings- og mangfoldsdirektoratet") == 1, text


def test_2017_says_no_prize_once(engine: Engine) -> None:
    text = ask(engine, "Hvem vant i 2017?")
    assert "ingen pris for 2017" in text
    assert "ikke delt ut noen pris for 2017" not in text


def test_unknown_year_says_unknown_once(engine: Engine) -> None:
    text = ask(engine, "Hvem vant i 2024?")
    assert text.count("ingen opplysninger") == 1, text


def test_window_is_one_sentence_with_the_asked_end_first(engine: Engine) -> None:
    closed = ask(engine, "Når stengte avstemningen i 2023?").split("\n")[0]
    assert closed.startswith("Avstemningen for 2023 stengte onsdag 11. oktober 2023")
    assert "2. oktober" in closed and closed.count(".") <= 4 and closed.count("Avstemningen") == 1
    opened = ask(engine, "Når åpnet avstemningen i 2023?").split("\n")[0]
    assert opened.startswith("Avstemningen for 2023 åpnet mandag 2. oktober")
    assert "11. oktober 2023" in opened and opened.count("Avstemningen") == 1


def test_when_questions_do_not_start_with_no(engine: Engine) -> None:
    text = ask(engine, "Når stenger avstemningen?")
    assert not text.startswith("Nei") and text.startswith("Ingen avstemning er åpen nå")
    assert "2023" in text
    assert ask(engine, "Er avstemningen åpen nå?").startswith("Nei")


def test_when_during_an_open_vote_leads_with_the_date(engine: Engine) -> None:
    text = ask(engine, "Når stenger avstemningen?", now=DURING_2023_VOTE)
    assert text.startswith("Avstemningen for 2023 stenger onsdag 11. oktober 2023")
    assert ask(engine, "Er avstemningen åpen?", now=DURING_2023_VOTE).startswith("Ja")
