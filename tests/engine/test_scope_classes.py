"""Questions with a word of the out-of-scope list (issue 11/12): answered from the fact texts
when the facts about the municipality, year or project the question names use that word, and
refused when they do not (or when the question asks about the present)."""

from __future__ import annotations

import pytest

from bot.engine.engine import Engine
from bot.engine.types import Answer

from .conftest import NOW


def ask(engine: Engine, question: str) -> Answer:
    return engine.answer(question, now=NOW)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Kom det flyktninger med buss til Ullensvang?", "fire busser"),
        ("Hvor mange busser med ukrainere kom til Ullensvang våren 2022?", "189"),
        ("Hvor mange innbyggere hadde Levanger da de vant?", "18 464"),
        ("Hvor mange innbyggere hadde Sunndal?", "7 000"),
        ("Hvilke filmer laget IMDi om de nominerte i 2015?", "filmer"),
        ("Hvilket hotell samarbeidet Voss med?", "Scandic Voss"),
        ("Støttet alle partier bosettingen i Bodø?", "alle partier"),
        ("Hvor bodde enslige mindreårige på Tynset?", "fosterhjem"),
        ("Hva sa statsministeren om Asker?", "Erna Solberg"),
        ("Hvordan samarbeidet Drammen med NAV?", "Nav Drammen"),
        ("Hvem jobbet i NAV i Larvik?", "Bente Nygård"),
        ("Når kom bussene til Ullensvang?", "våren 2022"),
    ],
)
def test_out_of_scope_word_the_facts_use_is_answered(
    engine: Engine, question: str, expected: str
) -> None:
    answer = ask(engine, question)
    assert answer.matched, question
    assert expected in answer.text, (question, answer.text)
    assert answer.sources, question


@pytest.mark.parametrize(
    "question",
    [
        "Hva blir været i Kvinesdal i morgen?",
        "Når åpner NAV i Moss?",
        "Når åpner NAV i Randaberg?",
        "Hvem er ordfører i Bergen nå?",
        "Hvem er ordføreren i Sunndal nå?",
        "Hvor mange bor i Drammen?",
        "Hvor mange innbyggere har Bodø i dag?",
        "Går det buss fra Moss til Drammen?",
        "Hvor mange busser kom til Drammen?",
        "Hva koster et hotell i Voss?",
        "Hvilket parti styrer i Asker?",
        "Hvor mange filmer ble laget i Levanger?",
        "Hva er temperaturen i Ullensvang?",
        "Når går toget fra Tynset?",
        "Hvem vant fotball-VM i 2022?",
        "Hvor mange innbyggere har Trondheim?",  # only a quote with «innbyggere», no count
        "Hvem vant valget i Bergen i 2016?",
        "Hva er renten i Drammen?",
    ],
)
def test_out_of_scope_word_the_facts_do_not_use_is_refused(engine: Engine, question: str) -> None:
    answer = ask(engine, question)
    assert not answer.matched, (question, answer.text)


# -- people at the time of a round: «hvem var <rolle> i X da de vant / ble nominert» ----------


@pytest.mark.parametrize(
    ("question", "name", "label"),
    [
        ("Hvem var ordfører i Drammen da de vant?", "Tore Opdal Hansen", "2014"),
        ("hvem var ordføreren i Moss da kommunen vant prisen", "Simen Nord", "2025"),
        ("Hvem var ordfører i Tønsberg da de vant?", "Frank Pedersen", "2023"),
        ("Hvem var IMDi-direktør da Levanger vant?", "Osmund Kaldheim", "2009"),
        ("Hvem var direktør i IMDi da Drammen vant?", "Geir Barvik", "2014"),
    ],
)
def test_role_in_the_round_the_municipality_won(
    engine: Engine, question: str, name: str, label: str
) -> None:
    answer = ask(engine, question)
    assert answer.matched, question
    assert name in answer.text and label in answer.text, (question, answer.text)
    if "Drammen da de vant" in question:
        assert "Monica Myrvold Berg" not in answer.text  # the 2021 mayor, not 2014's


def test_role_asked_for_a_round_that_never_was_says_so(engine: Engine) -> None:
    answer = ask(engine, "hvem var ordfører i Harstad da de vant?")
    assert answer.intent == "place_people"
    # review 3: «da de vant» about a municipality that never won: that, and its nominations;
    # nothing about who spoke in other rounds (not what was asked)
    assert answer.text == "Harstad har ikke vunnet prisen, men var nominert for 2021 og 2023."


def test_role_nobody_named_held_that_round_is_unknown_not_someone_else(engine: Engine) -> None:
    answer = ask(engine, "Hvem var ordfører i Nordre Follo da kommunen var nominert?")
    assert answer.intent == "place_people"
    start = "Jeg vet ikke hvem som var ordfører i Nordre Follo i runden for 2023;"
    assert answer.text.startswith(start)
    assert "Anne Melsom, kommunalsjef" in answer.text  # what is known, labelled by role


# -- «hvor lenge»: the duration the facts give, else an honest «vet ikke» ----------------------


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("hvor lenge har Bodø bosatt flyktninger?", "i nesten 40 år"),
        ("Hvor lenge skulle Bergen bosette 350 flyktninger i året?", "i tre år"),
        ("Hvor lenge skulle Larvik ta imot syriske overføringsflyktninger?", "over to år"),
    ],
)
def test_how_long_is_answered_with_the_duration_the_facts_give(
    engine: Engine, question: str, expected: str
) -> None:
    answer = ask(engine, question)
    assert answer.matched and expected in answer.text, (question, answer.text)
    assert answer.sources


@pytest.mark.parametrize(
    ("question", "place"),
    [
        ("hvor lenge varte introduksjonsprogrammet i Molde", "Molde"),
        ("hvor lenge varer introduksjonsprogrammet i Sandnes?", "Sandnes"),
        ("Hvor lenge har Drammen jobbet med bosetting?", "Drammen"),
        ("Hvor lenge har Moss drevet introduksjonsprogram?", "Moss"),
    ],
)
def test_how_long_the_facts_do_not_say_is_an_honest_unknown(
    engine: Engine, question: str, place: str
) -> None:
    answer = ask(engine, question)
    assert answer.text == f"Det vet jeg ikke: kildene mine om {place} sier ikke hvor lenge."
    assert "prosent" not in answer.text and "stemmer" not in answer.text


@pytest.mark.parametrize(
    ("question", "label", "ago"),
    [
        ("Hvor lenge siden vant Tønsberg?", "2023", "tre"),
        ("hvor lenge e det sia Levanger vant", "2009", "17"),
        ("Hvor lenge er det siden Drammen vant?", "2014", "tolv"),
    ],
)
def test_how_long_since_a_win_counts_the_years(
    engine: Engine, question: str, label: str, ago: str
) -> None:
    answer = ask(engine, question)
    assert answer.intent == "place_won"
    assert not answer.text.startswith("Ja"), answer.text  # not a yes/no question
    assert f"vant prisen for {label}" in answer.text
    assert f"Det er {ago} år siden." in answer.text


def test_other_how_long_questions_keep_their_answers(engine: Engine) -> None:
    assert ask(engine, "Hvor lenge var avstemningen åpen i 2023?").intent == "vote_status"
    assert ask(engine, "Hvor lenge har prisen blitt delt ut?").intent == "since_when"


def test_role_in_a_round_without_named_people_is_unknown_for_that_round(engine: Engine) -> None:
    answer = ask(engine, "Hvem var ordfører i Bodø i 2022?")
    assert answer.text.startswith("Jeg vet ikke hvem som var ordfører i Bodø i runden for 2022;")
    other = ask(engine, "hvem var ordføreren i Drammen i 2013")
    assert other.text.startswith("Jeg vet ikke hvem som var ordfører i Drammen i runden for 2013;")
    assert "\nOrdføreren sa at" in other.text  # named once, then the role (review 3, M4)
    assert "\nOrdføreren mente også" in other.text
    then = "Monica Myrvold Berg var ordfører i Drammen da kommunen ble nominert for 2021"
    assert then in other.text


@pytest.mark.parametrize(
    "question",
    [
        "Kan du hjelpe meg å søke om startlån?",
        "kan du hjelpe meg med å søke jobb i kommunen",
        "Hvordan søker jeg statsborgerskap?",
        "Can you help me apply for a flat?",
    ],
)
def test_help_with_ones_own_application_is_refused(engine: Engine, question: str) -> None:
    """A request for help with the asker's own application is not about the prize, even when
    a nominee's facts use its word (Sunndal's startlån): the polite out-of-scope reply."""
    answer = ask(engine, question)
    assert not answer.matched and answer.text.startswith("Det kan jeg dessverre ikke"), answer.text


def test_a_municipality_applying_for_the_prize_is_still_answered(engine: Engine) -> None:
    answer = ask(engine, "Hvordan kan kommunen søke om å bli nominert?")
    assert answer.matched and answer.intent != "out_of_scope", answer.text
    assert "nominer" in answer.text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("hva er greia med Sunndal?", "Sunndal vant prisen"),
        ("what's the deal with Moss?", "Moss vant prisen"),
        ("ka e greia med 2019, va det ingen pris da?", "egen pris for 2019"),
        ("hva er greia med 2017", "noen pris for 2017"),
    ],
)
def test_the_deal_with_x_is_a_question_about_x(
    engine: Engine, question: str, expected: str
) -> None:
    """Review 5 B3: «hva er greia med X?» is colloquial for «hva er det med X?»; «greia» is no
    topic of its own (it made the place question look off topic and refused)."""
    answer = ask(engine, question)
    assert answer.matched and expected in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Fins det noen pris for 2017?", "ikke delt ut noen pris for 2017"),
        ("Finnes det en pris for 2015?", "Grimstad vant"),
        ("Eksisterte prisen i 2012?", "Molde vant"),
        ("Finst det ein pris for 2019?", "egen pris for 2019"),
        ("Finnes det en pris for 2030?", "ikke delt ut ennå"),
    ],
)
def test_whether_a_prize_exists_for_a_year(engine: Engine, question: str, expected: str) -> None:
    """Review 5 B3 («Finnes det en pris for 2028?»): whether there is a prize for a year is
    the winner of that year, or why there is none (a frame, not example sentences)."""
    answer = ask(engine, question)
    assert answer.matched and expected in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Hvilket tiltak gjorde at Tønsberg vant?", "Tønsberg vant prisen for 2023."),
        ("Hvilke prosjekter førte til at Bærum vant?", "Da Bærum vant prisen for 2018, ble"),
        ("Hvilke tiltak hadde Tynset?", "Da Tynset ble nominert for 2016, ble disse tiltakene"),
        ("Hvilke tiltak hadde Lørenskog?", "Da Lørenskog vant prisen for 2021, ble dette tiltaket"),
    ],
)
def test_measures_behind_a_win_are_told_as_a_win(
    engine: Engine, question: str, expected: str
) -> None:
    """Review 5 B3: «Hvilket tiltak gjorde at X vant?» is the jury's reasoning; a project list
    says «vant» for the round the place won, never «ble nominert» (Bærum won 2018)."""
    answer = ask(engine, question)
    assert answer.matched and expected in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Hvordan var Bosettingsprisen organisert i 2009?", "For 2009 valgte en jury"),
        ("hvordan fungerte prisen i 2021", "For 2021 ble publikums stemmer"),
        ("Hvordan ble prisen gjennomført i 2015?", "For 2015 valgte en jury"),
    ],
)
def test_how_a_round_was_organised_is_how_the_winner_was_chosen(
    engine: Engine, question: str, expected: str
) -> None:
    """Review 5 B3: «Hvordan var prisen organisert i 2009?» asks how that round worked."""
    answer = ask(engine, question)
    assert answer.matched and answer.text.startswith(expected), answer.text
