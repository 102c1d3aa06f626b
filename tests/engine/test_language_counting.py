"""Issue 13, third editor review (findings M19, M20, N7 and the loose «For 2024 har jeg ingen
opplysninger.»): winners over several years, counties and regions, unknown years. Each test asks
questions of the class other than the review's own examples, at the clocks where the answer
changes."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from bot.clock import OSLO
from bot.engine.engine import Engine
from bot.engine.types import Conversation

BEFORE_2021_AWARD = datetime(2021, 11, 5, 12, tzinfo=OSLO)
DURING_2023_VOTE = datetime(2023, 10, 5, 12, tzinfo=OSLO)
AFTER_2023_AWARD = datetime(2023, 10, 31, 12, tzinfo=OSLO)
BEFORE_2025_AWARD = datetime(2025, 10, 15, 12, tzinfo=OSLO)
TODAY = datetime(2026, 12, 5, 12, tzinfo=OSLO)
CLOCKS = [BEFORE_2021_AWARD, DURING_2023_VOTE, AFTER_2023_AWARD, BEFORE_2025_AWARD, TODAY]
LABEL_LINE = re.compile(r"^[^\n.]{1,30}: ", re.M)
"""«2018: Bærum», «Agder (2): …», «Navn slik de ble brukt da: …»: a label before a colon."""
SMALL_DIGIT = re.compile(r"(?<![\d./–-])\b(?:[2-9]|1[0-2])\b(?![\d./–-])(?! prosent)")
"""A count from two to twelve written in digits (years, dates and labels are longer)."""


def say(engine: Engine, question: str, now: datetime) -> str:
    return engine.answer(question, now=now, context=Conversation()).text


# -- M20: several years' winners are sentences at every clock, however many ----------------


@pytest.mark.parametrize("now", CLOCKS, ids=lambda c: c.date().isoformat())
@pytest.mark.parametrize(
    "question",
    ["vinnere siste fem år", "hvem vant de siste seks årene", "Alle vinnere", "vinnere 2008-2016"],
)
def test_several_years_of_winners_are_sentences(
    engine: Engine, question: str, now: datetime
) -> None:
    text = say(engine, question, now)
    assert "vant prisen for" in text, text
    assert not LABEL_LINE.search(text), text
    assert "år for år" not in text and "Alle vinnere av prisen" not in text, text
    for line in text.splitlines():
        assert line.endswith("."), text


def test_six_winners_are_two_even_sentences_not_five_and_one(engine: Engine) -> None:
    text = say(engine, "hvem vant 2016-2023", AFTER_2023_AWARD)
    assert text.splitlines() == [
        "Trondheim vant prisen for 2016, Bærum for 2018 og Sunndal for 2019/2020.",
        "Lørenskog vant prisen for 2021, Kinn for 2022 og Tønsberg for 2023.",
        "Det ble ikke delt ut noen pris for 2017.",
    ], text


def test_a_span_says_unknown_before_pending_and_coming_years_as_not_yet_awarded(
    engine: Engine,
) -> None:
    """In year order after the winners: the year nobody knows, then the round under way; years
    after the clock are «ikke delt ut ennå», not «vet ikke hvem som vant»."""
    text = say(engine, "hvem vant 2022-2025", BEFORE_2025_AWARD)
    assert text.splitlines() == [
        "Kinn vant prisen for 2022 og Tønsberg for 2023.",
        "For 2024 vet jeg ikke hvem som vant.",
        "Vinneren for 2025 er ikke kjent ennå.",
    ], text
    early = say(engine, "hvem vant 2020-2023", BEFORE_2021_AWARD)
    assert "Prisene for 2022 og 2023 er ikke delt ut ennå." in early, early
    assert "Den kåres fredag 19. november 2021." in early, early
    assert "vet jeg ikke hvem som vant" not in early, early


# -- the latest winner: the unknown year in a whole sentence, in year order -----------------


@pytest.mark.parametrize(
    ("now", "unknown"),
    [(BEFORE_2025_AWARD, "2024"), (TODAY, "2026")],
)
def test_latest_winner_says_the_unknown_year_in_a_sentence_after_the_known(
    engine: Engine, now: datetime, unknown: str
) -> None:
    for question in ("Hvem var den siste vinneren?", "hvem vant sist"):
        lines = say(engine, question, now).splitlines()
        assert lines[0].startswith("Den siste vinneren jeg kjenner til, er"), lines
        assert lines[1] == (
            f"Jeg vet ikke om prisen for {unknown} ble delt ut, eller hvem som i så fall vant."
        ), lines
        assert not any("har jeg ingen opplysninger" in line for line in lines), lines


# -- N7: two neighbouring winners are two main clauses with a comma --------------------------


def test_neighbouring_winners_of_an_unknown_year_take_a_comma(engine: Engine) -> None:
    for question in ("Hvem vant i 2024?", "vinneren 2024", "hvem fikk prisen for 2024"):
        text = say(engine, question, TODAY)
        assert "Prisen for 2023 gikk til Tønsberg, og prisen for 2025 til Moss." in text, text
    assert "Prisen for 2023 gikk til Tønsberg." in say(
        engine, "Hvem vant i 2024?", DURING_2023_VOTE
    ) or ("ikke delt ut ennå" in say(engine, "Hvem vant i 2024?", DURING_2023_VOTE))


# -- M19: counties and regions ranked: one lead, each area once, counts as words ------------


@pytest.mark.parametrize("now", [BEFORE_2021_AWARD, AFTER_2023_AWARD, TODAY], ids=str)
@pytest.mark.parametrize(
    "question",
    [
        "Hvilke fylker har flest vinnere?",
        "vinnere per fylke",
        "Hvilken landsdel har flest vinnere?",
        "Hvilken landsdel har vunnet flest ganger?",
    ],
)
def test_ranked_areas_lead_once_and_name_each_area_once(
    engine: Engine, question: str, now: datetime
) -> None:
    text = say(engine, question, now)
    lines = text.splitlines()
    assert lines[0].startswith(("Flest vinnere blant ", "Flest vinnere etter ")), text
    assert not LABEL_LINE.search(text) and not re.search(r"\(\d{1,2}\)", text), text
    assert not SMALL_DIGIT.search(re.sub(r"\([^()]*\)", "", text)), text
    for area in ("Agder", "Finnmark", "Nord-Norge", "Sørlandet"):
        assert text.count(area) <= 2, text  # at most in the lead and its own sentence


def test_the_single_leading_region_is_said_with_its_winners_in_the_lead(engine: Engine) -> None:
    text = say(engine, "Hvilken landsdel har flest vinnere?", TODAY)
    assert text.splitlines()[0] == (
        "Flest vinnere blant landsdelene (en vanlig inndeling av dagens fylker) har Østlandet,"
        " med seks: Kragerø (2011), Drammen (2014), Bærum (2018), Lørenskog (2021),"
        " Tønsberg (2023) og Moss (2025)."
    ), text
    assert text.count("Østlandet") == 1, text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Hvor mange kommuner i Akershus har vunnet?", "To kommuner fra Akershus har vunnet"),
        ("Hvor mange ganger har Østlandet vunnet?", " seks ganger: "),
        ("Hvor mange kommuner i Trøndelag har vunnet?", "To kommuner fra Trøndelag har vunnet"),
    ],
)
def test_how_many_in_an_area_counts_in_words(engine: Engine, question: str, expected: str) -> None:
    text = say(engine, question, TODAY)
    assert expected in text, text


# -- counts as words in every counting answer; the winner inside the list of nominees --------


@pytest.mark.parametrize(
    ("question", "now", "expected"),
    [
        ("Hvor mange nominerte var det i 2009?", TODAY, "For 2009 var det tolv nominerte: "),
        ("Hvor mange nominerte var det i 2022?", TODAY, "For 2022 var det fem nominerte: "),
        (
            "Var det flere nominerte i 2021 enn i 2023?",
            TODAY,
            "Nei, det var like mange: seks nominerte både for 2021 og 2023.",
        ),
        ("Var det flere nominerte i 2009 enn i 2022?", TODAY, "Det var tolv nominerte for 2009"),
        ("Hvilke vinnere er nominert igjen?", TODAY, "Tre vinnere er senere nominert på nytt"),
        ("Hvor mange kommuner har vært nominert?", TODAY, "i de elleve årene"),
        ("Hvor lenge er det siden Molde vant?", BEFORE_2021_AWARD, "Det er ni år siden."),
        ("Hvor lenge siden vant noen i Vestland?", DURING_2023_VOTE, "Det er ett år siden."),
        ("Hvor lenge er det siden Nord-Norge vant?", BEFORE_2025_AWARD, "Det er tolv år siden."),
    ],
)
def test_small_counts_in_counting_answers_are_words(
    engine: Engine, question: str, now: datetime, expected: str
) -> None:
    text = say(engine, question, now)
    assert expected in text, text


def test_the_winner_is_marked_in_the_list_of_nominees_not_on_a_line_of_its_own(
    engine: Engine,
) -> None:
    text = say(engine, "Var det flere nominerte i 2021 enn i 2023?", AFTER_2023_AWARD)
    assert (
        "For 2021 var de nominerte Asker, Drammen, Harstad, Lillestrøm, Lørenskog, som vant, og"
        in text
    )
    assert "Nominert for" not in text and "\nTønsberg vant." not in text, text
    count = say(engine, "Hvor mange nominerte var det i 2009?", TODAY)
    assert count.startswith("For 2009 var det tolv nominerte: Levanger, som vant, Bodø"), count
    assert "\n" not in count, count


def test_a_lone_year_without_a_prize_is_said_once(engine: Engine) -> None:
    for question in ("Hvilket år ble det ikke delt ut noen pris?", "år uten pris"):
        text = say(engine, question, TODAY)
        assert text.count("ikke delt ut noen pris for 2017") == 1, text
        assert "eneste prisåret uten noen pris" not in text, text


def test_the_coming_award_is_counted_with_an_ordinal_word_up_to_twelve(engine: Engine) -> None:
    for question in ("Hvor mange har vunnet?", "hvor mange vinnere har det vært"):
        text = say(engine, question, BEFORE_2021_AWARD)
        assert "Utdelingen fredag 19. november blir den tolvte i rekken." in text, text
    later = say(engine, "Hvor mange har vunnet?", DURING_2023_VOTE)
    assert "blir den 14. i rekken." in later, later


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Hvor lang tid gikk det mellom seirene i Agder?", "Det gikk fem år mellom de to seirene."),
        (
            "hvor mange år mellom de to siste vinnerne fra Østlandet?",
            "Mellom de to siste seirene gikk det to år.",
        ),
    ],
)
def test_years_between_an_areas_wins_are_counted(
    engine: Engine, question: str, expected: str
) -> None:
    text = say(engine, question, TODAY)
    assert expected in text, text
