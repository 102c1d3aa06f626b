"""Understanding that generalises (issue 11): questions of each class, none of them an example
phrasing or a probe question, answered through the real engine."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.engine.engine import Engine, load_engine_files
from bot.engine.types import Conversation
from bot.engine.wrapper import unwrap
from bot.knowledge.yamlio import KnowledgeError
from tests.engine.conftest import KNOWLEDGE, NOW


def ask(engine: Engine, question: str, context: Conversation | None = None):
    return engine.answer(question, now=NOW, context=context)


# -- class 1: wrapper text around a plain question --------------------------------------------


@pytest.mark.parametrize(
    ("question", "winner"),
    [
        (
            "God morgen! Jeg er student og skriver oppgave om integrering. "
            "Hvem fikk prisen i 2012? Mvh Per",
            "Molde",
        ),
        ("<div>Hvem vant i <i>2014</i>?</div>", "Drammen"),
        ("Beklager masete spørsmål – men hvem vant i 2010?", "Kristiansand"),
        ("Hvem vant i 2022?\n\nVennlig hilsen\nTone Lie\nSaksbehandler", "Kinn"),
        ("Hei, hvem vant i 2011? På forhånd takk!", "Kragerø"),
    ],
)
def test_wrapper_text_changes_nothing(engine: Engine, question: str, winner: str) -> None:
    answer = ask(engine, question)
    assert answer.matched and answer.intent == "winner", answer.text
    assert winner in answer.text
    assert answer.question == question


def test_small_talk_alone_stays_small_talk(engine: Engine) -> None:
    assert ask(engine, "Hei").intent == "greeting"
    assert ask(engine, "Hei! Takk for praten.").intent == "thanks"


def test_unwrap_keeps_a_plain_question() -> None:
    cues = load_engine_files(KNOWLEDGE).understanding
    for question in ["Hvem vant fra 2021 til 2023?", "Har noen fra Vestfold vunnet?"]:
        assert unwrap(question, cues) == question


# -- class 4: other prizes are refused ----------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Hvem fikk Nordisk råds litteraturpris i 2015?",
        "Hvem vant Ibsen-prisen i 2016?",
        "Hvem vant Kongens pris i 2012?",
        "Hvilken kommune fikk Årets kulturpris 2014?",
        "Bergen har sin egen flyktningpris. Hvem vant den i 2016?",
    ],
)
def test_other_prizes_are_refused(engine: Engine, question: str) -> None:
    answer = ask(engine, question)
    assert not answer.matched, answer.text
    assert "Trondheim" not in answer.text and "Molde" not in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Hvem vant integrerignsprisen i 2016?",
        "Hvem vant IMDi-prisen i 2016?",
        "Jeg leste om Peer Gynt-prisen. Hvem vant bosettingsprisen i 2016?",
    ],
)
def test_this_prize_is_not_another(engine: Engine, question: str) -> None:
    answer = ask(engine, question)
    assert answer.matched and "Trondheim" in answer.text, answer.text


def test_understanding_file_errors_name_file_and_line(tmp_path: Path) -> None:
    for item in KNOWLEDGE.iterdir():
        target = tmp_path / item.name
        target.symlink_to(item)
    (tmp_path / "understanding.yaml").unlink()
    (tmp_path / "understanding.yaml").write_text(
        "greetings: [hei]\nthanks: hallo\nunknown_key: []\nother_prizes:\n  nouns: [to ord]\n",
        encoding="utf-8",
    )
    with pytest.raises(KnowledgeError) as caught:
        load_engine_files(tmp_path)
    found = {(i.file, i.line) for i in caught.value.issues}
    assert {
        ("knowledge/understanding.yaml", 2),
        ("knowledge/understanding.yaml", 3),
        ("knowledge/understanding.yaml", 5),
    } <= found


# -- class 2: other words for the same thing ----------------------------------------------------


@pytest.mark.parametrize(
    ("question", "must"),
    [
        ("Hvilken kommune sikrer seg prisen i 2015?", "Grimstad"),
        ("Hvem kapra prisen i 2013?", "Hammerfest"),
        ("Kem kapret bosettingsprisen i 2016?", "Trondheim"),
        ("Hvem tildeles prisen i 2014?", "Drammen"),
        ("Katti vant Molde?", "2012"),
        ("Koffor vant Kinn?", "nyskapende"),
        ("Hvem kjempet om prisen i 2022?", "Vennesla"),
        ("Hvem var vinnarkommunane i 2021?", "Lørenskog"),
    ],
)
def test_other_words_for_the_same_thing(engine: Engine, question: str, must: str) -> None:
    answer = ask(engine, question)
    assert answer.matched and must in answer.text, answer.text


def test_stems_claimed_by_two_meanings_are_dropped() -> None:
    from bot.engine.lemmas import Lemmatiser, stem

    lemmas = Lemmatiser({("sikre", "seg"): ("vant",), ("stemmer",): ("stemme",)})
    assert lemmas.match(["sikrer", "seg", "prisen"], 0, set()) == (2, ("vant",))
    assert lemmas.match(["sikrer"], 0, {"sikrer"}) is None  # a known word stays itself
    clash = Lemmatiser({("hedre",): ("vant",), ("hedret",): ("begrunnelse",)})
    assert stem("hedre") == stem("hedret") and not clash.phrases
