"""Rule-based extraction: years, municipalities (ASCII, typos, Sami, old names), counties."""

from __future__ import annotations

from datetime import datetime

from bot.clock import OSLO
from bot.engine.engine import Engine
from tests.engine.conftest import NOW


def parse(engine: Engine, text: str, now: datetime = NOW):
    return engine.extractor.parse(text, now)


def test_years_explicit_several_and_ranges(engine: Engine) -> None:
    assert parse(engine, "Hvem vant i 2013?").years == [2013]
    assert parse(engine, "vinnere 2013, 2014 og 2015").years == [2013, 2014, 2015]
    assert parse(engine, "hvem vant fra 2010 til 2013").years == [2010, 2011, 2012, 2013]
    assert parse(engine, "vinnere 2010-2012").years == [2010, 2011, 2012]
    assert parse(engine, "mellom 2014 og 2016").years == [2014, 2015, 2016]
    assert parse(engine, "Hvem vant i 1999?").years == [1999]


def test_since_a_year_runs_up_to_the_injected_year(engine: Engine) -> None:
    since = parse(engine, "hvem har vunnet siden 2022")
    assert since.years == [2022, 2023, 2024, 2025, 2026]
    assert "siden" not in since.text.split()  # not read as «how long has the prize existed»
    then = datetime(2023, 3, 1, tzinfo=OSLO)
    assert parse(engine, "vinnere sidan 2021", then).years == [2021, 2022, 2023]
    assert parse(engine, "hvor lenge har prisen eksistert").years == []


def test_relative_years_follow_the_injected_clock(engine: Engine) -> None:
    assert parse(engine, "hvem vant i fjor").years == [2025]
    assert parse(engine, "hvem vant i fjor", datetime(2022, 3, 1, tzinfo=OSLO)).years == [2021]
    assert parse(engine, "hvem vinner i år").years == [2026]
    assert parse(engine, "Og året før?").year_offset == -1


def test_municipalities_ascii_typo_sami_and_old_names(engine: Engine) -> None:
    cases = {
        "Har Hoyanger vunnet?": "Høyanger",
        "Har Tromso vunnet?": "Tromsø",
        "vant Baerum?": "Bærum",
        "Har Hamerfest vunnet?": "Hammerfest",
        "var Lorenskog nominert": "Lørenskog",
        "Har Hámmerfeasta vunnet?": "Hammerfest",
        "Var Skedsmo nominert?": "Lillestrøm",
        "Har Mold vunnet?": "Molde",
    }
    for question, name in cases.items():
        places = parse(engine, question).places
        assert places and places[0].name == name, question


def test_ordinary_words_are_not_taken_as_names(engine: Engine) -> None:
    assert parse(engine, "hvem vant prisen i 2021").places == []
    assert parse(engine, "hva er kriteriene for å vinne").places == []
    assert parse(engine, "som det heter").places == []
    assert [p.name for p in parse(engine, "Har Ås vunnet?").places] == ["Ås"]


def test_counties_and_old_counties(engine: Engine) -> None:
    assert parse(engine, "vinnere i Vestland").counties == ["Vestland"]
    assert parse(engine, "vinnere i agder").counties == ["Agder"]
    assert set(parse(engine, "vinnere i Viken").counties) == {"Akershus", "Buskerud", "Østfold"}


def test_out_of_scope_guards(engine: Engine) -> None:
    assert parse(engine, "Hvem vant Oscar i 2020?").out_of_scope
    assert parse(engine, "Hvem fikk fredsprisen?").out_of_scope
    assert not parse(engine, "hvem vant bosetingsprisen 2016").out_of_scope


def test_two_digit_years_only_after_a_year_word_and_inside_the_prize_years(
    engine: Engine,
) -> None:
    assert parse(engine, "Hvem vant i 08?").years == [2008]
    assert parse(engine, "vinner 15").years == [2015]
    assert parse(engine, "Hvem vant i 99?").years == []
    assert parse(engine, "12 kommuner").years == []


def test_lowercase_names_and_letter_o_in_years(engine: Engine) -> None:
    assert [p.name for p in parse(engine, "har moss vunnet").places] == ["Moss"]
    assert [p.name for p in parse(engine, "har ås vunnet").places] == ["Ås"]
    assert parse(engine, "who won as early as 2010").places == []
    assert parse(engine, "hvem vant i 2O21").years == [2021]
