"""Issue 11, classes 1–3 beyond one sentence: a long message's statements before its question
are read like earlier turns (their names fill the question's pronouns and missing slots, but
never override what the question says, and never hijack a question that needs no place),
other words for the same thing (dialect, Nynorsk, English, SMS), and names that only say who
asks. None of these questions is an example phrasing or a probe question."""

from __future__ import annotations

import pytest

from bot.engine.engine import Engine
from bot.engine.types import Conversation
from tests.engine.conftest import NOW


def ask(engine: Engine, question: str, context: Conversation | None = None):
    return engine.answer(question, now=NOW, context=context)


# -- other words for the same thing ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "intent", "must"),
    [
        ("koffer vant Moss?", "reasoning", "Moss"),
        ("affer vant Hammerfest?", "reasoning", "Hammerfest"),
        ("kvifor vart Kinn kåra til vinnar?", "reasoning", "Kinn"),
        ("ka legg juryen vekt på når Tønsberg vann?", "reasoning", "Tønsberg"),
        ("hvem delte ut prisen til Grimstad?", "handed_by", "Iversen"),
        ("kven gav prisen til Bærum?", "handed_by", "Sanner"),
        ("hvem er det som deler ut prisa?", "organiser", "IMDi"),
        ("who hands out the prize?", "organiser", "IMDi"),
        ("sia ka tid har prisen vorte delt ut?", "since_when", "2008"),
        ("hva for en kommune vant i 2014?", "winner", "Drammen"),
        ("kva for ein kommune vann i 2011 då, vel?", "winner", "Kragerø"),
        ("kem va det som vant i 2009?", "winner", "Levanger"),
        ("hvilken by fikk prisen aller først?", "first_winner", "Vadsø"),
    ],
)
def test_other_words_for_the_same_thing(
    engine: Engine, question: str, intent: str, must: str
) -> None:
    answer = ask(engine, question)
    assert answer.matched and answer.intent == intent, answer.text
    assert must in answer.text, answer.text


@pytest.mark.parametrize("question", ["hvor mye penger får vinnern?", "hvor høy er pengepremien?"])
def test_how_much_is_not_where(engine: Engine, question: str) -> None:
    """«hvor stor», «hvor høy» ask how much, not where: no place of the ceremony."""
    answer = ask(engine, question)
    assert answer.matched and answer.intent == "prize_money", answer.text


def test_a_guessed_year_is_no_window(engine: Engine) -> None:
    """«før de vant? kanskje i 2018»: the year is a guess, not the end of «før»."""
    answer = ask(engine, "Var Asker nominert før de vant? kanskje i 2018?")
    assert answer.matched and "2018" in answer.text, answer.text
    window = ask(engine, "Var Drammen nominert før 2014?")
    assert "2013" in window.text and "2021" not in window.text, window.text
