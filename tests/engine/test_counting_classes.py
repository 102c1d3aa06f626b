"""Counting and comparing questions that generalise (issue 11, class 6) and county answers that
read as sentences (issue 13, F3). Each class is tested with wordings none of the seen probes
use, through the real engine over the real fact base and municipality register."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.clock import OSLO
from bot.engine.engine import Engine
from bot.engine.regions import load_regions
from bot.knowledge.models import Municipality
from tests.engine.conftest import KNOWLEDGE, NOW


def ask(engine: Engine, question: str, now: datetime = NOW):
    return engine.answer(question, now=now)


# -- a region or county named by an adjective, a demonym or a compound -------------------------


@pytest.mark.parametrize(
    ("question", "names", "area"),
    [
        ("Har en nordnorsk kommune noen gang vunnet?", ["Vadsø", "Hammerfest"], "Nord-Norge"),
        ("Hvilke sørlandskommuner har vunnet?", ["Kristiansand", "Grimstad"], "Sørlandet"),
        ("Kor mange gonger har ei trønderkommune vunne?", ["Levanger", "Trondheim"], "Trøndelag"),
        ("Har østlandske kommuner vunnet?", ["Kragerø", "Moss"], "Østlandet"),
        ("Har noen agderkommuner vunnet prisen?", ["Kristiansand", "Grimstad"], "Agder"),
    ],
)
def test_region_by_adjective_demonym_or_compound(
    engine: Engine, question: str, names: list[str], area: str
) -> None:
    answer = ask(engine, question)
    assert answer.matched and answer.intent == "county_winners", answer.text
    assert area in answer.text and all(name in answer.text for name in names), answer.text


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        (
            "hvor mange ganger har en kommune i Agder vunnet?",
            "Prisen har gått til en kommune fra Agder to ganger: Kristiansand (2010) og Grimstad",
        ),
        (
            "Hvor mange kommuner i Finnmark har vunnet prisen?",
            "To kommuner fra Finnmark har vunnet prisen: Vadsø (2008) og Hammerfest (2013).",
        ),
        ("Hvor mange kommuner i Vestfold har vunnet?", "Én kommune fra Vestfold har vunnet prisen"),
        ("Hvor mange ganger har prisen gått til Rogaland?", "Ingen kommune i Rogaland"),
    ],
)
def test_how_many_from_a_county_leads_with_the_number(
    engine: Engine, question: str, lead: str
) -> None:
    answer = ask(engine, question)
    assert answer.intent == "county_winners", answer.text
    assert answer.text.startswith(lead), answer.text


# -- county answers as sentences; former counties answered as they were -----------------------


def test_one_winner_from_a_county_is_a_sentence_not_a_form(engine: Engine) -> None:
    answer = ask(
        engine, "Hvilke kommuner i Vestland har vunnet?", datetime(2024, 6, 1, tzinfo=OSLO)
    )
    assert answer.text.startswith(
        "Kinn er den eneste vinneren fra Vestland, med prisen for 2022.\n"
        "Fra Vestland har også Bergen (2009, 2013 og 2016), Voss (2019/2020) og Ullensvang (2023)"
        " vært nominert."
    ), answer.text
    assert "Vinnere fra" not in answer.text and "Nominerte fra" not in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Har Nord-Norge vunnet?",
        "Hvor lenge siden vant Vestlandet?",
        "vinnere i agder",
        "Vinnere i Hordaland",
        "Har Troms og Finnmark vunnet?",
    ],
)
def test_county_answers_have_no_form_fragments(engine: Engine, question: str) -> None:
    answer = ask(engine, question)
    assert answer.intent == "county_winners", answer.text
    assert " – " not in answer.text and ":" not in answer.text.split("\n")[0][:30], answer.text
    assert answer.text.count("(Nordland, Troms og Finnmark)") <= 1


def test_a_county_is_not_renamed_as_a_region(engine: Engine) -> None:
    answer = ask(engine, "Har noen fra Agder vunnet?")
    assert "Sørlandet" not in answer.text and "Fra Agder har Kristiansand" in answer.text


@pytest.mark.parametrize(
    ("question", "lead", "note"),
    [
        (
            "Har det gamle Hordaland hatt noen vinner?",
            "Ingen kommune i det gamle Hordaland har vunnet prisen",
            "Hordaland er nå en del av Vestland, der Kinn (2022) har vunnet prisen.",
        ),
        (
            "Har noen fra Sogn og Fjordane vunnet?",
            "Kinn er den eneste vinneren fra det gamle Sogn og Fjordane, med prisen for 2022.",
            "Sogn og Fjordane er nå en del av Vestland.",
        ),
        (
            "Vinnere i Nord-Trøndelag?",
            "Levanger er den eneste vinneren fra det gamle Nord-Trøndelag",
            "Nord-Trøndelag er nå en del av Trøndelag.",
        ),
        (
            "vinnarar i Oppland",
            "Ingen kommune i det gamle Oppland har vunnet prisen",
            "Oppland er nå en del av Innlandet.",
        ),
    ],
)
def test_a_former_county_is_answered_as_it_was(
    engine: Engine, question: str, lead: str, note: str
) -> None:
    answer = ask(engine, question)
    assert answer.intent == "county_winners", answer.text
    assert answer.text.startswith(lead) and note in answer.text, answer.text


def test_former_hordaland_keeps_its_own_nominees_not_kinns_win(engine: Engine) -> None:
    answer = ask(engine, "Vinnere i Hordaland")
    assert "Fra det gamle Hordaland har Bergen" in answer.text
    assert "Kinn er den eneste" not in answer.text


def test_viken_is_a_county_in_its_time_and_a_former_one_after(engine: Engine) -> None:
    then = ask(engine, "Hvilke kommuner i Viken har vunnet?", datetime(2021, 6, 1, tzinfo=OSLO))
    assert then.text.startswith("Fra Viken har Drammen (2014) og Bærum (2018) vunnet prisen.")
    assert "gamle" not in then.text and "Akershus" not in then.text
    later = ask(engine, "Hvilke kommuner i Viken har vunnet?")
    assert later.text.startswith("Fra det gamle Viken har Drammen (2014), Bærum (2018)")
    assert "Viken er nå delt i fylkene Akershus, Buskerud og Østfold." in later.text


def test_the_county_list_names_its_division_at_any_clock(engine: Engine) -> None:
    # Review 5 (T2): before 2024 the counties of the time (Viken), not those from 2024.
    answer = ask(engine, "Vinnere per fylke", datetime(2023, 6, 1, tzinfo=OSLO))
    assert "etter dagens fylker har Viken" in answer.text, answer.text
    assert "Akershus" not in answer.text and "Finnmark (" not in answer.text, answer.text


def test_former_county_membership_comes_from_the_numbers_and_admits_doubt() -> None:
    hordaland = next(r for r in load_regions(KNOWLEDGE) if r.name == "Hordaland")
    inside = Municipality("4601", "Bergen", (), "Vestland", (), (("1201", 2020),))
    outside = Municipality("4602", "Kinn", (), "Vestland", (), (("1401", 2020), ("1439", 2020)))
    across = Municipality("4699", "Tenkt", (), "Vestland", (), (("1201", 2020), ("1401", 2020)))
    unknown = Municipality("4698", "Uten historikk", (), "Vestland")
    elsewhere = Municipality("1103", "Stavanger", (), "Rogaland")
    assert hordaland.holds(inside) is True and hordaland.holds(outside) is False
    assert hordaland.holds(across) is None and hordaland.holds(unknown) is None
    assert hordaland.holds(elsewhere) is False


# -- two questions in one: «…, og har de …?» --------------------------------------------------


@pytest.mark.parametrize(
    ("question", "must"),
    [
        ("Når var Harstad nominert, og har de vunnet?", ["2021", "2023", "ikke vunnet"]),
        (
            "Hvor mange ganger har Tromsø vært nominert og har de vunnet noen gang?",
            ["to ganger", "ikke vunnet"],
        ),
        ("Når vant Molde, og var de nominert senere?", ["2012", "2023"]),
    ],
)
def test_a_second_yes_no_question_after_og_is_answered_too(
    engine: Engine, question: str, must: list[str]
) -> None:
    answer = ask(engine, question)
    assert answer.matched and all(m in answer.text for m in must), answer.text


def test_a_yes_no_question_with_og_stays_one_question(engine: Engine) -> None:
    answer = ask(engine, "Var Asker nominert i 2021 og vant de?")
    assert "Lørenskog vant" in answer.text and "3 ganger" not in answer.text, answer.text


# -- comparing two rounds' numbers --------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        (
            "Var det færre nominerte i 2018 enn i 2021?",
            "Nei. Det var sju nominerte for 2018 og seks",
        ),
        (
            "Var det fleire nominerte i 2018 enn i 2014?",
            "Ja. Det var sju nominerte for 2018 og seks",
        ),
        ("Hvor mange var nominert i 2016 og 2023?", "Det var like mange nominerte for 2016"),
        ("Var det flere nominerte i 2022 enn i 2025?", "Nei, det var like mange: fem nominerte"),
    ],
)
def test_two_rounds_nominee_counts_compared(engine: Engine, question: str, lead: str) -> None:
    answer = ask(engine, question)
    assert answer.intent == "year_nominee_count", answer.text
    assert answer.text.startswith(lead), answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Hvor mange kommuner konkurrerte i 2021?",
        "Hvor mange kommuner deltok i 2021?",
        "hvor mange kommunar kjempa om prisen i 2021",
    ],
)
def test_municipalities_competing_in_a_round_are_its_nominees(
    engine: Engine, question: str
) -> None:
    answer = ask(engine, question)
    assert answer.intent == "year_nominee_count" and "seks nominerte" in answer.text, answer.text


def test_how_many_municipalities_settled_refugees_is_not_a_nominee_count(engine: Engine) -> None:
    answer = ask(engine, "Hvor mange kommuner bosatte flyktninger i 2016?")
    assert answer.intent != "year_nominee_count", answer.text


# -- which of two won first, the two named before the question ---------------------------------


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("Bærum eller Drammen: hvem vant først?", "Drammen vant først, for 2014."),
        ("Kinn og Molde – hvem vant først?", "Molde vant først, for 2012."),
        ("Lørenskog vs Kragerø: hvem vant først?", "Kragerø vant først, for 2011."),
    ],
)
def test_two_places_named_before_the_question(engine: Engine, question: str, first: str) -> None:
    answer = ask(engine, question)
    assert answer.intent == "compare_places" and answer.text.startswith(first), answer.text


@pytest.mark.parametrize(
    ("question", "must"),
    [
        ("Hilsen Kari Moen: hvem var nominert i 2016?", "Trondheim"),
        ("Hei, det er Frøya fra Adresseavisen. Hvem vant i 2009?", "Levanger"),
    ],
)
def test_a_greeting_or_signature_is_not_a_topic(engine: Engine, question: str, must: str) -> None:
    answer = ask(engine, question)
    assert answer.matched and must in answer.text, answer.text


# -- set queries: winners nominated again, years without a prize -------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Har noen vinnere blitt nominert igjen?",
        "Kva vinnarar har vorte nominert igjen seinare?",
        "Hvilke vinnere ble nominert på nytt senere?",
    ],
)
def test_winners_nominated_again(engine: Engine, question: str) -> None:
    answer = ask(engine, question)
    assert answer.intent == "winners_renominated", answer.text
    assert "Molde (vant for 2012, nominert igjen for 2023)" in answer.text
    assert "Drammen (vant for 2014, nominert igjen for 2021)" in answer.text


def test_winners_nominated_again_as_known_at_the_clock(engine: Engine) -> None:
    answer = ask(
        engine, "Har noen vinnere blitt nominert igjen?", datetime(2022, 6, 1, tzinfo=OSLO)
    )
    assert answer.text.startswith("Én vinner er senere nominert på nytt: Drammen"), answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Var det noe år uten vinner?",
        "Hvilket år fikk ingen kommune prisen?",
        "Hvilke år var det ingen vinner?",
        "Når ble prisen første gang ikke delt ut?",
    ],
)
def test_years_without_a_prize(engine: Engine, question: str) -> None:
    answer = ask(engine, question)
    assert answer.intent == "no_prize_years", answer.text
    # The lone year's own explanation names it: said once (review 3), not twice.
    assert answer.text.startswith("Det ble ikke delt ut noen pris for 2017."), answer.text
    assert answer.text.count("ikke delt ut noen pris for 2017") == 1, answer.text


@pytest.mark.parametrize(
    ("question", "now", "intent"),
    [
        ("Hvem ble det i går? Fikk ikke med meg utdelingen.", datetime(2023, 10, 31, 9), "winner"),
        ("Når ble prisen delt ut første gang?", datetime(2026, 1, 5), "since_when"),
        ("Hvorfor ble det ikke delt ut noen pris i 2017?", datetime(2026, 1, 5), "missing_year"),
    ],
)
def test_questions_near_years_without_a_prize_keep_their_answers(
    engine: Engine, question: str, now: datetime, intent: str
) -> None:
    answer = ask(engine, question, now.replace(tzinfo=OSLO))
    assert answer.intent == intent, answer.text


def test_compared_rounds_list_names_without_repeating_the_numbers(engine: Engine) -> None:
    answer = ask(engine, "Var det færre nominerte i 2018 enn i 2021?")
    assert "For 2018 var de nominerte Asker, Bærum, som vant, Bodø" in answer.text
    assert "var det sju nominerte:" not in answer.text and "Bærum vant." not in answer.text


# -- two municipalities compared: nominated first or most often, both nominated, most wins -----


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("Kven vart nominert fyrst av Harstad og Tromsø?", "Tromsø ble nominert først, for 2018."),
        (
            "Hvem ble nominert først av Bergen og Bodø?",
            "Bergen og Bodø ble nominert første gang samme år, for 2009.",
        ),
        ("Hvem har oftest vært nominert av Bodø og Tromsø?", "Bodø har vært nominert oftest: 5"),
        ("Har både Bergen og Bodø vært nominert?", "Ja, begge har vært nominert."),
        ("Var Harstad nominert før Tromsø?", "Nei."),
        (
            "Var Asker nominert etter Bærum?",
            "Nei, Asker og Bærum ble nominert første gang samme år, for 2018.",
        ),
        (
            "Hvem har vært nominert flest ganger av Lillehammer og Gjøvik?",
            "Lillehammer og Gjøvik har vært nominert én gang hver.",
        ),
    ],
)
def test_two_municipalities_nominations_compared(engine: Engine, question: str, lead: str) -> None:
    answer = ask(engine, question)
    assert answer.intent == "place_nominated", answer.text
    assert answer.text.startswith(lead), answer.text


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("Hvem har vunnet flest ganger av Molde og Drammen?", "Molde og Drammen har vunnet én"),
        ("Hvem har vunnet oftest av Molde og Bodø?", "Bare Molde har vunnet, én gang."),
    ],
)
def test_two_municipalities_wins_counted(engine: Engine, question: str, lead: str) -> None:
    answer = ask(engine, question)
    assert answer.intent == "compare_places" and answer.text.startswith(lead), answer.text
