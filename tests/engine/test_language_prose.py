"""Issue 13, editor's review 2 (M1, M2, M4, M9): nominee lines, what people said, who held a
role and background are whole sentences, not form lines («Molde: …», «sa: …»)."""

from __future__ import annotations

import re
from datetime import datetime

from bot.clock import OSLO
from bot.engine.answers.profile_lines import said_sentence
from bot.engine.engine import Engine
from bot.engine.types import Conversation
from tests.engine.conftest import NOW

AFTER_2023 = datetime(2023, 10, 31, 12, tzinfo=OSLO)
DURING_2023 = datetime(2023, 10, 5, 12, tzinfo=OSLO)
BEFORE_2021 = datetime(2021, 11, 5, 12, tzinfo=OSLO)


def ask(engine: Engine, question: str, now: datetime = NOW) -> str:
    return engine.answer(question, now=now, context=Conversation()).text


def form_lines(engine: Engine, text: str) -> list[str]:
    """Lines that open with a municipality's name and a colon («Asker: IMDi omtalte …»)."""
    names = {e.name for r in engine.kb.years.values() for p in r.profiles for e in [p.entrant]}
    return [line for line in text.split("\n") if any(line.startswith(f"{n}: ") for n in names)]


def test_nominee_lines_of_any_year_are_sentences_without_a_name_label(engine: Engine) -> None:
    """M1 class: a year's nominees with their reasons (2018, 2021, 2023; list, open vote and
    the neutral advice); the place is named in the sentence, once."""
    for question, now in [
        ("hvorfor ble disse nominert i 2018?", NOW),
        ("nominerte 2021", NOW),
        ("Hvem var nominert i 2023?", AFTER_2023),
        ("Er avstemningen åpen nå?", DURING_2023),
    ]:
        text = ask(engine, question, now)
        assert not form_lines(engine, text), (question, text)
        assert not re.search(r"(?m)^([A-ZÆØÅ][\wæøå]+(?: [A-ZÆØÅ][\wæøå]+)?): \1\b", text)
    text = ask(engine, "hvorfor ble disse nominert i 2018?")
    assert "\nIMDi omtalte Asker som" in text


def test_everything_a_person_said_reads_as_reported_speech(engine: Engine) -> None:
    """M2 class: every paraphrase in the fact base, rendered as the bot says it: no colon
    after «sa» or «om <kommune>», and a statement after «sa at» starts in lower case unless
    it opens with a name («sa at Trondheim lykkes …», «sa at nominasjonen gir …»)."""
    people = [
        (r, p, person)
        for r in engine.kb.years.values()
        for p in r.profiles
        for person in p.people
        if person.said
    ]
    assert len(people) > 40
    names = {p.entrant.name for _, p, _ in people}
    for record, profile, person in people:
        for line in (
            said_sentence(engine.texts, person),
            said_sentence(engine.texts, person, again=True),
            said_sentence(engine.texts, person, label=record.label, place=profile.entrant.name),
            said_sentence(engine.texts, person, label=record.label, with_role=True),
            said_sentence(engine.texts, person, subject="hun", place=profile.entrant.name),
        ):
            assert not re.search(r"\bsa( også)?: |\bom [A-ZÆØÅ][\wæøå]+: ", line), line
            after = re.search(r"\bsa(?: også)? at (\S+)", line)
            if after and after.group(1)[:1].isupper():
                word = after.group(1).rstrip(",.;")
                assert word in names or word[:-1] in names or word.isupper(), line
        first = (person.said or "").split(" ", 1)[0]
        assert first not in {"Et", "En", "Ei", "At"}, person.said  # a fragment, not a clause
    text = ask(engine, "Hvem uttalte seg for Tønsberg?")
    assert "kalte Frank Pedersen, ordfører i Tønsberg, prisen et stolt øyeblikk" in text
    assert "sa:" not in text


def test_the_party_follows_the_name_and_the_place_is_not_repeated(engine: Engine) -> None:
    """M4 class: who held a role («Hvem var ordfører i Lørenskog?», «Hvem er Frank
    Pedersen?»)."""
    text = ask(engine, "Hvem var ordfører i Lørenskog?")
    assert text.startswith(
        "Ragnhild Bergheim (Ap) var ordfører i Lørenskog da kommunen vant prisen for 2021."
    )
    assert "Lørenskog (Ap)" not in text
    for question in ("Hvem er Frank Pedersen?", "Hvem var ordfører i Drammen i 2014?"):
        text = ask(engine, question)
        assert not re.search(r"i ([A-ZÆØÅ][\wæøå]+) da \1 ", text), text
        assert not re.search(r"i [A-ZÆØÅ][\wæøå]+ \([A-Z][\wæøå]{0,4}\)", text), text


def test_a_role_in_this_years_round_is_in_the_present(engine: Engine) -> None:
    """M4: at a clock in the year of the person's latest round they still hold the role."""
    now = ask(engine, "Hvem er Libe Rieber-Mohn?", BEFORE_2021)
    assert now.startswith("Libe Rieber-Mohn er IMDi-direktør og har vært det i rundene for")
    assert "håpet at prisen" in ask(engine, "Hvem uttalte seg for Tønsberg?", NOW)
    # review 3, T2: the director's era has not ended, so later clocks say «er» too, as
    # «Hvem er direktør i IMDi?» does at the same clock
    later = ask(engine, "Hvem er Libe Rieber-Mohn?", datetime(2027, 6, 1, 12, tzinfo=OSLO))
    assert later.startswith("Libe Rieber-Mohn er IMDi-direktør og har vært det i rundene for")


def test_background_without_a_known_reason_is_short_and_from_that_round(engine: Engine) -> None:
    """M9 class: «Hvorfor ble X nominert (år)?» with no known reason: the answer leads with
    that, then at most two background sentences, none naming another time."""
    for question in (
        "Hvorfor ble Kristiansand nominert i 2023?",
        "Hvorfor ble Randaberg nominert?",
    ):
        lines = ask(engine, question).split("\n")
        assert re.fullmatch(  # B8 (review 5): the answer first, then who won
            r"\w+ var nominert for [\d/]+, men jeg vet ikke hvorfor\. \w+ vant\.", lines[0]
        ), lines[0]
        assert "Som bakgrunn, men ikke" not in "\n".join(lines)
        assert len(lines) <= 4, lines
    text = ask(engine, "Hvorfor ble Kristiansand nominert i 2023?")
    assert "2014" not in text and "mottaksskolen" in text
