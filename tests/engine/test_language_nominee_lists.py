"""Issue 13, fourth editor review (review 3 findings N1, N2, M1, M18): a year's nominees as
prose. Every year, all six review clocks, and the answers behind the buttons under each list:
one sentence names the nominees (the winner first, «som vant»; past for a decided round,
present for one under way), the winner's reason comes with the list instead of the winner
standing among those whose reason is not known, no curator marker («Merk:») and no «Om X ble
det trukket fram at …», and a round under way with no known nominees says what is known first."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from datetime import datetime

import pytest

from bot.clock import OSLO
from bot.engine.answers.common import entrant_name
from bot.engine.answers.profile_entries import short
from bot.engine.engine import Engine
from bot.engine.types import Answer, Conversation, FollowUpAction

CLOCKS = (
    datetime(2021, 11, 5, 12, tzinfo=OSLO),
    datetime(2023, 10, 5, 12, tzinfo=OSLO),
    datetime(2023, 10, 20, 12, tzinfo=OSLO),
    datetime(2023, 10, 31, 12, tzinfo=OSLO),
    datetime(2025, 10, 15, 12, tzinfo=OSLO),
    datetime(2026, 12, 5, 12, tzinfo=OSLO),
)
DURING_2023_VOTE, BEFORE_2025_AWARD, TODAY = CLOCKS[1], CLOCKS[4], CLOCKS[5]
YEARS = range(2008, 2027)
FORM_OPENING = re.compile(r"^(Nominerte for|Nominert for) ")
BARE_WINNER_LINE = re.compile(r"^[A-ZÆØÅ][\wæøå ()-]* vant\.$")


def ask(engine: Engine, question: str, now: datetime) -> Answer:
    return engine.answer(question, now=now, context=Conversation())


def with_buttons(engine: Engine, question: str, now: datetime) -> Iterator[tuple[str, str]]:
    """(where, text) for the answer to ``question`` and for every «ask» button under it."""
    context = Conversation()
    answer = engine.answer(question, now=now, context=context)
    yield question, answer.text
    for button in answer.followups:
        if button.action is FollowUpAction.ASK:
            pressed = engine.answer(button.question, now=now, context=copy.deepcopy(context))
            yield f"{question} → [{button.label}]", pressed.text


def list_questions() -> list[str]:
    """Nominee lists of every year, plus the answers that carry a list or press to one."""
    questions = [f"Hvem var nominert i {year}?" for year in YEARS]
    questions += [
        "Hvem er nominert?",
        "Hvem er nominert i år?",
        "Hvem vant i år?",
        "nominerte 2014 og 2015",
        "Hvem var nominert sammen med Sunndal?",
        "Hvem var nominert sammen med Bodø?",
        "Hvorfor vant Trondheim?",
        "Hvorfor vant Hammerfest?",
        "Hva har Tynset gjort?",
        "Hvem vant i 2018?",
        "Var Asker nominert i 2021?",
        "Var Oslo nominert i 2023?",
    ]
    return questions


# -- M1: the nominees in a sentence, not «Nominerte for 2015: …» + «Grimstad vant.» ---------


@pytest.mark.parametrize("now", CLOCKS, ids=lambda n: n.date().isoformat())
def test_no_nominee_list_is_a_form_at_any_clock_or_behind_any_button(
    engine: Engine, now: datetime
) -> None:
    for question in list_questions():
        for where, text in with_buttons(engine, question, now):
            for line in text.split("\n"):
                assert not FORM_OPENING.match(line), (now.date(), where, line)
                assert not BARE_WINNER_LINE.match(line), (now.date(), where, line)
                assert "Merk:" not in line, (now.date(), where, line)  # N1
                assert "ble det trukket fram at" not in line, (now.date(), where, line)  # N1
                if where == question:  # no colon before a whole sentence in the list's lines
                    assert not re.search(r": [A-ZÆØÅ0-9]", line), (now.date(), where, line)


def test_a_decided_round_is_told_in_the_past_with_the_winner_first(engine: Engine) -> None:
    assert ask(engine, "Hvem var nominert i 2015?", TODAY).text.startswith(
        "De nominerte for 2015 var Grimstad, som vant, Lavangen, Sandnes, Sunndal, Lillehammer"
        " og Skedsmo (nå Lillestrøm)."
    )
    # the winner stands first even when the sources list it later
    assert ask(engine, "kven var nominert i 2018", TODAY).text.startswith(
        "De nominerte for 2018 var Bærum, som vant, Asker, Bodø, Lørenskog,"
    )
    assert ask(engine, "nominerte 2014 og 2022", TODAY).text.split("\n") == [
        "De nominerte for 2014 var Drammen, som vant, Arendal, Bodø, Larvik, Sandnes og Trondheim.",
        "De nominerte for 2022 var Kinn, som vant, Bodø, Haugesund, Rælingen og Vennesla.",
    ]


@pytest.mark.parametrize(
    ("question", "now", "opening"),
    [
        ("Hvem er nominert i år?", DURING_2023_VOTE, "De nominerte for 2023 er Harstad,"),
        ("Hvem vant i år?", CLOCKS[0], "Vinneren for 2021 er ikke kåret ennå."),
        ("Er avstemningen åpen?", DURING_2023_VOTE, "Ja, avstemningen for 2023 er åpen nå."),
    ],
)
def test_a_round_under_way_is_told_in_the_present(
    engine: Engine, question: str, now: datetime, opening: str
) -> None:
    text = ask(engine, question, now).text
    assert text.startswith(opening)
    assert re.search(r"De nominerte for 20\d\d er ", text), text
    assert "nominerte for 2023 var" not in text and "nominerte for 2021 var" not in text


def test_the_round_of_one_municipality_is_a_sentence(engine: Engine) -> None:
    lines = ask(engine, "Hvem var nominert sammen med Sunndal?", TODAY).text.split("\n")
    assert lines == [
        "Sunndal var nominert for 2013 sammen med Hammerfest, som vant, Oslo, Bergen, Drammen"
        " og Kvinesdal.",
        "Sunndal var nominert for 2015 sammen med Grimstad, som vant, Lavangen, Sandnes,"
        " Lillehammer og Skedsmo (nå Lillestrøm).",
        "Sunndal vant prisen for 2019/2020. De andre nominerte var Asker, Gjøvik, Randaberg,"
        " Tromsø og Voss.",
    ]
    during = ask(engine, "Hvem var nominert sammen med Molde i 2023?", DURING_2023_VOTE).text
    assert during.startswith("Molde er nominert for 2023 sammen med Harstad, Kristiansand,")


# -- N2: the winner's reason in the list, never among the «vet ikke hvorfor» -------------------


@pytest.mark.parametrize("now", CLOCKS, ids=lambda n: n.date().isoformat())
def test_the_winner_is_never_among_those_whose_reason_is_unknown(
    engine: Engine, now: datetime
) -> None:
    view = engine.composer.view_at(now)
    texts = engine.composer.texts
    checked = 0
    for year, record in view.years.items():
        if record.nominees is None or record.winner is None or record.reasoning is None:
            continue
        winner = entrant_name(texts, record.winner.value)
        question = f"Hvem var nominert i {year}?"
        for where, text in with_buttons(engine, question, now):
            unknown = [line for line in text.split("\n") if line.startswith("Jeg vet ikke hvorfor")]
            assert all(winner not in line for line in unknown), (now.date(), where, unknown)
            if where == question and any(p.has_reason for p in record.profiles):
                assert short(record.reasoning.value) in text, (now.date(), where)
        checked += 1
    assert checked >= 5


def test_the_reviewers_years_give_the_jurys_reason(engine: Engine) -> None:
    trondheim = ask(engine, "Hvem var nominert i 2016?", TODAY).text.split("\n")
    assert trondheim[1] == "Trondheim hadde bosatt mange flyktninger jevnt over mange år."
    assert trondheim[-1] == "Jeg vet ikke hvorfor Bergen, Bodø og Rælingen ble nominert."
    drammen = ask(engine, "Hvem var nominert i 2014?", TODAY).text.split("\n")
    assert drammen[1].startswith("Juryen fremhevet at Drammen over mange år")
    assert drammen[-1] == "Jeg vet ikke hvorfor Arendal, Bodø, Larvik og Trondheim ble nominert."
    # the same list behind «Nominerte samme år» under «Hvorfor vant Trondheim?»
    why = ask(engine, "Hvorfor vant Trondheim?", TODAY)
    button = next(b for b in why.followups if b.question == "nominerte 2016")
    assert ask(engine, button.question, TODAY).text.split("\n") == trondheim


@pytest.mark.parametrize("now", [CLOCKS[0], TODAY], ids=lambda n: n.date().isoformat())
def test_a_reasoning_button_under_a_list_adds_to_what_the_list_says(
    engine: Engine, now: datetime
) -> None:
    for year in YEARS:
        answer = ask(engine, f"Hvem var nominert i {year}?", now)
        for button in answer.followups:
            if button.question.startswith("begrunnelse "):
                pressed = ask(engine, button.question, now).text
                new = [s for s in re.split(r"(?<=\.) ", pressed) if s not in answer.text]
                assert len(new) >= 2, (year, button.label)  # the prize line and more reasons


# -- N1: no curator note; the jury's reason names the place --------------------------------


def test_the_2013_caveat_is_an_ordinary_sentence_after_the_list(engine: Engine) -> None:
    for now in CLOCKS:
        first = ask(engine, "Hvem var nominert i 2013?", now).text.split("\n")[:2]
        assert first == [
            "De nominerte for 2013 var Hammerfest, som vant, Oslo, Bergen, Drammen, Sunndal og"
            " Kvinesdal. At de fem andre var nominert, vet jeg fra Hammerfests ordfører, som"
            " skrev at kommunen vant foran dem.",
            "Juryen la vekt på at Hammerfest hadde et systematisk bosettings- og"
            " integreringsarbeid som var forankret i kommunens planer, strategier og ledelse.",
        ]


def test_every_reason_in_a_list_names_its_municipality(engine: Engine) -> None:
    """A curator guard: the line of a nominee (its `nominated_for`, or the jury's reasoning
    for the winner) stands alone in a list, so its first sentence names the place."""
    view = engine.composer.view_at(TODAY)
    texts = engine.composer.texts
    for year, record in view.years.items():
        winner = record.winner.value.name if record.winner is not None else None
        for profile in record.profiles:
            won = profile.entrant.name == winner
            reason = record.reasoning if won and record.reasoning else profile.nominated_for
            if reason is None:
                continue
            names = (profile.entrant.name, entrant_name(texts, profile.entrant))
            assert any(n in short(reason.value) for n in names), (year, profile.entrant.name)


# -- M18: a round under way whose nominees are not known -----------------------------------


def test_a_round_under_way_without_nominees_says_what_is_known_first(engine: Engine) -> None:
    expected = "Prisen for 2025 er ikke delt ut ennå, og jeg vet ikke hvem som er nominert."
    for question in ("Hvem var nominert i 2025?", "Hvem er nominert i år?", "nominerte 2025"):
        text = ask(engine, question, BEFORE_2025_AWARD).text
        assert text == expected, question
    # the same class earlier in a round: the known day of the award first, nothing later
    before = ask(engine, "Hvem er nominert for 2023?", datetime(2023, 9, 20, tzinfo=OSLO)).text
    assert before.startswith("Vinneren for 2023 kåres ")
    assert before.endswith(", men jeg vet ikke hvem som er nominert.")
    assert "Tønsberg" not in before and "ingen opplysninger" not in before


def test_without_a_year_the_latest_known_list_says_it_is_the_latest(engine: Engine) -> None:
    text = ask(engine, "Hvem er nominert?", BEFORE_2025_AWARD).text
    assert text.split("\n")[0] == (
        "De nominerte for 2023 var Tønsberg, som vant, Harstad, Kristiansand, Molde, Nordre"
        " Follo og Ullensvang. Det er de siste nominerte jeg kjenner til. Jeg vet ikke hvem"
        " som er nominert for 2025."
    )
    for name in ("Moss", "Senja", "Sykkylven", "Øygarden", "10. november"):
        assert name not in text  # nothing from after the clock
    during = ask(engine, "Hvem er nominert?", DURING_2023_VOTE).text
    assert during.startswith("De nominerte for 2023 er Harstad,")
    assert "siste nominerte jeg kjenner til" not in during


def test_whom_to_vote_for_names_the_nominees_also_when_only_the_close_is_known(
    engine: Engine,
) -> None:
    lines = ask(engine, "Hvem bør jeg stemme på?", CLOCKS[0]).text.split("\n")
    assert lines[0] == (
        "Jeg er nøytral og anbefaler ingen kommune – det velger du selv. De nominerte for 2021"
        " er Asker, Drammen, Harstad, Lillestrøm, Lørenskog og Sandefjord."
    )
    assert lines[1].startswith("Avstemningen for 2021 stenger torsdag 11. november 2021.")


# -- one municipality in one round: yes or no in a sentence, with the winner ---------------


@pytest.mark.parametrize(
    ("question", "now", "expected"),
    [
        ("Var Molde nominert i 2023?", DURING_2023_VOTE, "Ja, Molde er nominert for 2023."),
        (
            "Var Drammen nominert i 2021?",
            TODAY,
            "Ja. Drammen var nominert for 2021, men Lørenskog vant.",
        ),
        ("Var Bærum nominert i 2018?", TODAY, "Ja. Bærum var nominert for 2018 og vant prisen."),
        ("Var Kragerø nominert i 2011?", TODAY, "Ja. Kragerø vant prisen for 2011."),
        (
            "Var Bodø nominert i 2012?",
            TODAY,
            "Molde vant prisen for 2012, men jeg vet ikke hvem som ellers var nominert.",
        ),
        (
            "Var Bergen nominert i 2022?",
            TODAY,
            "Nei. Bergen var ikke blant de nominerte for 2022. De nominerte var Kinn, som vant,"
            " Bodø, Haugesund, Rælingen og Vennesla.",
        ),
        (
            "Var Senja nominert i 2025?",
            BEFORE_2025_AWARD,
            "Prisen for 2025 er ikke delt ut ennå, og jeg vet ikke hvem som er nominert.",
        ),
    ],
)
def test_one_municipality_in_one_round_is_one_sentence(
    engine: Engine, question: str, now: datetime, expected: str
) -> None:
    assert ask(engine, question, now).text == expected
