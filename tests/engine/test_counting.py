"""Counting and comparing (issue 11, class 6) and the county questions (classes 5 and 7):
several differently worded questions per class, Bokmål, Nynorsk and without æøå, through the
real engine and the real fact base, answered as known at the question's moment."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from bot.clock import OSLO
from bot.engine.engine import Engine
from bot.engine.regions import load_regions
from bot.engine.types import Conversation
from bot.knowledge.yamlio import KnowledgeError
from tests.engine.conftest import KNOWLEDGE, NOW


def ask(engine: Engine, question: str, context: Conversation | None = None, now: datetime = NOW):
    return engine.answer(question, now=now, context=context)


# -- most often nominated -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Hvilken kommune har vært nominert flest ganger?",
        "Hvem har flest nominasjoner?",
        "Hvilken kommune er oftest nominert?",
        "Kva kommune har vore nominert flest gonger?",
        "hvilken kommune har vaert nominert flest ganger",
    ],
)
def test_most_nominated_names_the_leader_with_count_years_and_gaps(
    engine: Engine, question: str
) -> None:
    answer = ask(engine, question)
    assert answer.matched and answer.intent == "most_nominated", answer.text
    assert answer.text.startswith(
        "Bodø har vært nominert flest ganger, etter det jeg vet – fem ganger, for 2009, 2014, "
        "2016, 2018 og 2022."
    )
    assert "kjenner jeg ikke de nominerte" in answer.text and "2010" in answer.text
    assert answer.sources


def test_more_than_twice_lists_every_municipality_nominated_three_times(engine: Engine) -> None:
    answer = ask(engine, "Hvilke kommuner har vært nominert mer enn to ganger?")
    assert answer.intent == "most_nominated", answer.text
    assert answer.text.startswith("Bodø har vært nominert flest ganger")
    three = next(line for line in answer.text.split("\n") if "tre ganger" in line)
    for name in ("Bergen", "Rælingen", "Trondheim", "Drammen"):
        assert name in three
    # Oslo itself was nominated once (2013); its districts Sagene and Grünerløkka count as
    # themselves (review 4, A11), so Oslo is not among those nominated three times
    assert "Oslo" not in three


def test_most_nominated_counts_only_what_was_known_then(engine: Engine) -> None:
    answer = ask(
        engine, "Hvem har vært nominert flest ganger?", now=datetime(2015, 1, 1, tzinfo=OSLO)
    )
    assert answer.intent == "most_nominated"
    assert (
        "2018" not in answer.text and "2022" not in answer.text and "fem ganger" not in answer.text
    )


# -- how many were nominated a year


@pytest.mark.parametrize(
    ("question", "count", "name"),
    [
        ("Hvor mange var nominert i 2018?", "sju nominerte", "Steinkjer"),
        ("Hvor mange kommuner ble nominert i 2023?", "seks nominerte", "Ullensvang"),
        ("Kor mange var nominerte i 2022?", "fem nominerte", "Vennesla"),
        ("Antall nominerte i 2014?", "seks nominerte", "Larvik"),
        ("hvor mange ble nominert i 2019", "seks nominerte", "Randaberg"),
        ("Hvor mange nominerte var det i 2009?", "tolv nominerte", "Brønnøy"),
    ],
)
def test_how_many_were_nominated_gives_the_number_and_the_names(
    engine: Engine, question: str, count: str, name: str
) -> None:
    answer = ask(engine, question)
    assert answer.matched and answer.intent == "year_nominee_count", answer.text
    assert count in answer.text and name in answer.text
    assert answer.sources


def test_how_many_of_something_else_is_not_the_nominees(engine: Engine) -> None:
    answer = ask(engine, "Hvor mange flyktninger bosatte Norge i 2016?")
    assert answer.intent != "year_nominee_count"


# -- which of two won first, did both win


@pytest.mark.parametrize(
    ("question", "first", "later"),
    [
        ("Hvem vant først av Molde og Kinn?", "Molde vant først, for 2012", "Kinn vant for 2022"),
        ("Hvem av Molde og Kinn vant først?", "Molde vant først, for 2012", "2022"),
        ("Kven vann først, Levanger eller Vadsø?", "Vadsø vant først, for 2008", "2009"),
        ("Hvem vant forst av Tonsberg og Moss?", "Tønsberg vant først, for 2023", "2025"),
    ],
)
def test_which_of_two_won_first(engine: Engine, question: str, first: str, later: str) -> None:
    answer = ask(engine, question)
    assert answer.matched and answer.intent == "compare_places", answer.text
    assert first in answer.text and later in answer.text
    assert not answer.text.startswith(("Ja", "Nei"))


@pytest.mark.parametrize(
    ("question", "start", "must"),
    [
        ("Har både Molde og Kinn vunnet?", "Ja, begge", ["2012", "2022"]),
        ("Har baade Drammen og Asker vunnet?", "Nei, ikke begge", ["2014", "Asker har ikke"]),
        ("Har både Bodø og Harstad vunnet?", "Nei", ["Bodø har ikke", "Harstad har ikke"]),
        ("Vant Moss før Tønsberg?", "Nei.", ["Tønsberg vant først, for 2023"]),
        ("Vant Kinn etter Molde?", "Ja.", ["Molde vant først, for 2012"]),
    ],
)
def test_did_both_win_and_in_which_order(
    engine: Engine, question: str, start: str, must: list[str]
) -> None:
    answer = ask(engine, question)
    assert answer.matched and answer.intent == "compare_places", answer.text
    assert answer.text.startswith(start)
    assert all(m in answer.text for m in must), answer.text


def test_which_won_first_as_known_then(engine: Engine) -> None:
    answer = ask(engine, "Har både Molde og Kinn vunnet?", now=datetime(2020, 6, 1, tzinfo=OSLO))
    assert answer.text.startswith("Nei") and "Kinn har ikke vunnet" in answer.text


# -- nominated in both of two years


@pytest.mark.parametrize(
    ("question", "names", "not_named"),
    [
        ("Hvilke kommuner var nominert både i 2021 og 2023?", ["Harstad"], ["Molde", "Drammen"]),
        ("Kva kommunar var nominerte både i 2021 og 2023?", ["Harstad"], ["Lørenskog"]),
        (
            "Hvilke kommuner ble nominert både i 2014 og 2016?",
            ["Arendal", "Bodø", "Trondheim"],
            ["Larvik", "Tynset"],
        ),
        ("Hvem var nominert begge årene, 2009 og 2016?", ["Bergen", "Rælingen"], ["Tynset"]),
    ],
)
def test_nominated_in_both_years(
    engine: Engine, question: str, names: list[str], not_named: list[str]
) -> None:
    answer = ask(engine, question)
    assert answer.matched and answer.intent == "nominated_both", answer.text
    assert all(n in answer.text for n in names) and not any(n in answer.text for n in not_named)
    assert answer.sources


def test_both_years_of_one_municipality_is_its_record(engine: Engine) -> None:
    answer = ask(engine, "Var Harstad nominert både i 2021 og 2023?")
    assert answer.matched and "2021" in answer.text and "2023" in answer.text
    assert answer.text.count("Harstad var nominert") == 2


def test_both_years_with_a_later_year_says_it_is_not_known(engine: Engine) -> None:
    answer = ask(
        engine,
        "Hvilke kommuner var nominert både i 2021 og 2023?",
        now=datetime(2022, 1, 10, tzinfo=OSLO),
    )
    assert "Harstad" not in answer.text and answer.sources


# -- the prize's names: last winner under the old one, first under the new


@pytest.mark.parametrize(
    "question",
    [
        "Hvem var den siste vinneren av Bosettingsprisen?",
        "Hvem vant først under det nye navnet?",
        "Kven vann sist under det gamle namnet?",
        "Hvilken kommune vant sist før prisen skiftet navn?",
        "Hvem vant etter at prisen fikk nytt navn?",
    ],
)
def test_winners_under_each_name(engine: Engine, question: str) -> None:
    answer = ask(engine, question)
    assert answer.matched and answer.intent == "name_eras", answer.text
    assert "Bosettingsprisen var Trondheim, for 2016" in answer.text
    assert "Bosettings- og integreringsprisen var Bærum, for 2018" in answer.text


def test_first_winner_under_the_new_name_is_unknown_before_it_was_announced(
    engine: Engine,
) -> None:
    answer = ask(
        engine, "Hvem vant først under det nye navnet?", now=datetime(2018, 6, 1, tzinfo=OSLO)
    )
    assert "Trondheim" in answer.text and "Bærum" not in answer.text


# -- counties and regions: winners, the last win, the most wins


@pytest.mark.parametrize(
    ("question", "region", "last"),
    [
        (
            "Hvor lenge er det siden Nord-Norge vant?",
            "Nord-Norge",
            "Hammerfest, med prisen for 2013. Det er 13 år siden.",
        ),
        ("Når vant Nord-Noreg sist?", "Nord-Norge", "Sist vant Hammerfest, med prisen for 2013."),
        (
            "Hvor lenge siden har Sorlandet vunnet?",
            "Sørlandet",
            "Grimstad, med prisen for 2015. Det er elleve år siden.",
        ),
        ("Har Austlandet vunne?", "Østlandet", "Sist vant Moss, med prisen for 2025."),
        ("Har Midt-Norge vunnet?", "Midt-Norge", "Sist vant Sunndal, med prisen for 2019/2020."),
        ("Har Trøndelag vunnet?", "Trøndelag", "Sist vant Trondheim, med prisen for 2016."),
    ],
)
def test_region_winners_and_how_long_since(
    engine: Engine, question: str, region: str, last: str
) -> None:
    answer = ask(engine, question)
    assert answer.matched and answer.intent == "county_winners", answer.text
    assert region in answer.text and last in answer.text


def test_a_region_is_named_with_its_counties(engine: Engine) -> None:
    answer = ask(engine, "Har Vestlandet vunnet?")
    assert "Vestlandet (Rogaland, Vestland og Møre og Romsdal)" in answer.text
    assert "Kinn" in answer.text and "Molde" in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Hvilket fylke har flest vinnere?",
        "Kva fylke har flest vinnarar?",
        "Hvilket fylke har vunnet flest ganger?",
    ],
)
def test_county_with_most_winners_leads_the_list(engine: Engine, question: str) -> None:
    answer = ask(engine, question)
    assert answer.intent == "counties_won", answer.text
    assert answer.text.startswith(
        "Flest vinnere etter dagens fylker har Agder (Kristiansand og Grimstad), Akershus"
    ), answer.text
    assert "med to hver" in answer.text, answer.text


@pytest.mark.parametrize(
    "question", ["Hvilken landsdel har flest vinnere?", "Kva landsdel har flest vinnarar?"]
)
def test_region_with_most_winners(engine: Engine, question: str) -> None:
    answer = ask(engine, question)
    assert answer.intent == "regions_won", answer.text
    assert answer.text.startswith("Flest vinnere blant landsdelene"), answer.text
    assert "har Østlandet, med seks: Kragerø (2011)" in answer.text, answer.text
    assert "Fra Nord-Norge har Vadsø (2008) og Hammerfest (2013) vunnet." in answer.text
    assert "Midt-Norge" not in answer.text  # overlaps Trøndelag and Vestlandet: not ranked


def test_regions_file_is_data_and_checked(tmp_path: Path) -> None:
    regions = {r.name: r.counties for r in load_regions(KNOWLEDGE)}
    assert regions["Nord-Norge"] == ("Nordland", "Troms", "Finnmark")
    (tmp_path / "regions.yaml").write_text(
        "regions:\n  - name: Nord-Norge\n    counties: Nordland\n    colour: blå\n",
        encoding="utf-8",
    )
    with pytest.raises(KnowledgeError) as caught:
        load_regions(tmp_path)
    lines = {(i.line, i.message) for i in caught.value.issues}
    assert (3, "«counties» må være en liste") in lines and (4, "ukjent nøkkel «colour»") in lines


# -- which county a municipality is in


@pytest.mark.parametrize(
    ("question", "county"),
    [
        ("Hvilket fylke ligger Sunndal i?", "Sunndal ligger i Møre og Romsdal"),
        ("I hvilket fylke er Kinn?", "Kinn ligger i Vestland"),
        ("Kva fylke ligg Sykkylven i?", "Sykkylven ligger i Møre og Romsdal"),
        ("hvilket fylke ligger Baerum i", "Bærum ligger i Akershus"),
        ("Hvor ligger Senja?", "Senja ligger i Troms"),
    ],
)
def test_county_of_a_municipality(engine: Engine, question: str, county: str) -> None:
    answer = ask(engine, question)
    assert answer.matched and answer.intent == "county_of", answer.text
    assert county in answer.text and answer.sources


@pytest.mark.parametrize(
    ("first", "follow_up", "county"),
    [
        ("Hvem vant i 2022?", "Hvilket fylke er det i?", "Kinn ligger i Vestland"),
        ("Har Sunndal vunnet?", "hvilket fylke ligger den i", "Sunndal ligger i Møre og Romsdal"),
        ("Fortell om Hammerfest", "Kva fylke er det?", "Hammerfest ligger i Finnmark"),
    ],
)
def test_county_follow_up_uses_the_conversations_municipality(
    engine: Engine, first: str, follow_up: str, county: str
) -> None:
    context = Conversation()
    ask(engine, first, context)
    answer = ask(engine, follow_up, context)
    assert answer.matched and answer.intent == "county_of", answer.text
    assert county in answer.text


# -- who received or handed over the prize for a municipality that has not won


@pytest.mark.parametrize(
    ("question", "place"),
    [
        ("Hvem tok imot prisen for Bodø?", "Bodø"),
        ("Kven tok imot prisen for Senja?", "Senja"),
        ("Hvem overrakte prisen til Oslo?", "Oslo"),
    ],
)
def test_received_or_handed_for_a_place_that_never_won(
    engine: Engine, question: str, place: str
) -> None:
    answer = ask(engine, question)
    assert answer.matched and answer.text.startswith(f"{place} har ikke vunnet prisen"), answer.text
    assert "Libe Rieber-Mohn" not in answer.text and "Simen Nord" not in answer.text


def test_received_by_a_winner_that_was_not_known_yet(engine: Engine) -> None:
    answer = ask(engine, "Hvem tok imot prisen for Moss?", now=datetime(2025, 6, 1, tzinfo=OSLO))
    assert answer.text.startswith("Moss har ikke vunnet prisen") and "Simen Nord" not in answer.text
    later = ask(engine, "Hvem tok imot prisen for Moss?")
    assert "Simen Nord" in later.text


def test_received_by_follow_up_for_a_place_that_never_won(engine: Engine) -> None:
    context = Conversation()
    ask(engine, "Hvem tok imot prisen i 2023?", context)
    answer = ask(engine, "Og for Bodø?", context)
    assert answer.text.startswith("Bodø har ikke vunnet prisen"), answer.text


# -- the timeline names its years ------------------------------------------------------------------


def test_timeline_text_names_the_years_it_covers(engine: Engine) -> None:
    assert "fra 2008 til 2026" in ask(engine, "Vis tidslinje").text
    assert (
        "fra 2008 til 2019"
        in ask(engine, "vis tidslinje", now=datetime(2019, 3, 1, tzinfo=OSLO)).text
    )
