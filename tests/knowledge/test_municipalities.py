"""The municipality register resolves 2024, Sami/Kven, former and joined names."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.knowledge.municipalities import (
    MunicipalityDataError,
    MunicipalityRegister,
    load_municipalities,
    load_register,
)

from .conftest import REPO_KNOWLEDGE, write


@pytest.fixture(scope="module")
def register() -> MunicipalityRegister:
    return load_register(REPO_KNOWLEDGE / "municipalities")


def test_all_357_municipalities_with_counties(register: MunicipalityRegister) -> None:
    assert len(register) == 357
    assert len({m.number for m in register.municipalities}) == 357
    assert all(m.county for m in register.municipalities)
    oslo = register.by_number("0301")
    assert oslo is not None and oslo.name == "Oslo" and oslo.county == "Oslo"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Skedsmo", "Lillestrøm"),
        ("Fet", "Lillestrøm"),
        ("Hurum", "Asker"),
        ("Røyken", "Asker"),
        ("Guovdageaidnu", "Kautokeino"),
        ("Raarvihke", "Røyrvik"),
        ("Raarvihke - Røyrvik", "Røyrvik"),
        ("Hábmer - Hamarøy", "Hamarøy"),
        ("Kaivuono", "Kåfjord"),
        ("Nøtterøy", "Færder"),
        ("lørenskog", "Lørenskog"),
        ("  OSLO ", "Oslo"),
        ("Ålesund", "Ålesund"),  # split in 2024, but the name lives on in Ålesund
        ("Haram", "Haram"),  # merged into Ålesund 2020, re-established 2024
        ("Harstad", "Harstad"),
    ],
)
def test_resolves_to_todays_municipality(
    register: MunicipalityRegister, name: str, expected: str
) -> None:
    resolution = register.resolve(name)
    assert resolution.municipality is not None, resolution
    assert resolution.municipality.name == expected
    assert register.by_name(name) == resolution.municipality


def test_former_names_are_filled(register: MunicipalityRegister) -> None:
    lillestrom = register.by_name("Lillestrøm")
    asker = register.by_name("Asker")
    assert lillestrom is not None and asker is not None
    assert set(lillestrom.former_names) == {"Skedsmo", "Fet", "Sørum"}
    assert set(asker.former_names) == {"Hurum", "Røyken"}
    roervik = register.by_name("Røyrvik")
    assert roervik is not None and roervik.alt_names == ("Raarvihke",)
    assert roervik.former_names == ()  # a rename to a joined Sami name is not a former name


@pytest.mark.parametrize(
    ("name", "numbers"),
    [
        ("Herøy", {"1515", "1818"}),  # same name in two counties today
        ("Våler", {"3114", "3419"}),
        ("Sande", {"1514", "3903"}),  # Sande (Vestfold) merged into Holmestrand
        ("Os", {"3430", "4624"}),  # Os (Hordaland) merged into Bjørnafjorden
        ("Tysfjord", {"1806", "1875"}),  # split between Narvik and Hamarøy
    ],
)
def test_ambiguous_names_list_every_candidate(
    register: MunicipalityRegister, name: str, numbers: set[str]
) -> None:
    resolution = register.resolve(name)
    assert resolution.ambiguous
    assert resolution.municipality is None
    assert {m.number for m in resolution.candidates} == numbers
    assert register.by_name(name) is None


def test_unknown_name_and_number(register: MunicipalityRegister) -> None:
    assert register.resolve("Atlantis").candidates == ()
    assert register.by_number("9999") is None
    assert register.by_name("Grünerløkka") is None  # a district, not a municipality


def test_malformed_csv_names_file_and_line(tmp_path: Path) -> None:
    folder = tmp_path / "municipalities"
    write(folder, "kommuner.csv", "number,name,alt_names,county\n0301,Oslo,,Oslo\n12,,,\n")
    write(folder, "kommune_history.csv", "old_name,old_number,new_name,new_number,year,kind\n")
    with pytest.raises(MunicipalityDataError) as caught:
        load_municipalities(folder, "knowledge/municipalities")
    assert caught.value.file == "knowledge/municipalities/kommuner.csv"
    assert caught.value.line == 3


def test_history_ending_in_unknown_number_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "municipalities"
    write(folder, "kommuner.csv", "number,name,alt_names,county\n0301,Oslo,,Oslo\n")
    write(
        folder,
        "kommune_history.csv",
        "old_name,old_number,new_name,new_number,year,kind\nAker,0218,Nowhere,0999,2020,merged\n",
    )
    with pytest.raises(MunicipalityDataError, match="0999"):
        load_municipalities(folder)
