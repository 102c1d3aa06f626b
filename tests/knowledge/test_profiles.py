"""Nominee profiles: a valid profile loads typed and linked; each curator mistake is named
with its file and line; the real fact base covers every nominee with a sourced reason."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.knowledge.loader import load_knowledge
from bot.knowledge.models import NomineeProfile

from .conftest import REPO_KNOWLEDGE, find, issues_of

Y21 = "knowledge/years/2021.yaml"

PROFILES = """
profiles:
  Lørenskog:
    nominated_for: reasoning
    figures:
      - value: 82
        unit: prosent
        measures: andel i arbeid eller utdanning etter introduksjonsprogrammet
        year: 2020
        source: [kr21]
      - {value: 67.9, unit: prosent, measures: en andel, year: 2018, source: [kr21], context: true}
    projects:
      - Jobbsjansen
      - name: Praksisnettverk
        text: Nettverk av praksisplasser.
        source: [kr21]
    people:
      - name: Ragnhild Bergheim
        role: ordfører (Ap)
        said: Svært stolt av prisen.
        source: [kr21]
      - name: Maria Bøgeberg
        role: enhetsleder
        source: [seed000]
    context:
      - text: Kommunen har bosatt flyktninger lenge.
        source: [kr21]
  Asker:
    nominated_for:
      text: Asker har samlet tjenestene for flyktninger.
      source: [ntb21]
  Skedsmo:
    nominated_for: unknown
    context:
      - text: Lillestrøm tok imot mange i 2022.
        source: [ntb21]
"""


@pytest.fixture
def with_profiles(kb_dir: Path) -> Path:
    """The fixture base with a valid ``profiles:`` section in years/2021.yaml."""
    path = kb_dir / "years/2021.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n" + PROFILES, encoding="utf-8")
    return kb_dir


def edit(base: Path, old: str, new: str) -> int:
    """Replace ``old`` in the 2021 profiles and return the 1-based line where ``new`` starts."""
    path = base / "years/2021.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("profiles:")
    at = text.index(old, start)
    path.write_text(text[:at] + new + text[at + len(old) :], encoding="utf-8")
    return text[:at].count("\n") + 1


def line_of(base: Path, fragment: str) -> int:
    """The 1-based line of the first ``fragment`` inside the profiles section."""
    text = (base / "years/2021.yaml").read_text(encoding="utf-8")
    at = text.index(fragment, text.index("profiles:"))
    return text[:at].count("\n") + 1


def test_valid_profiles_load_typed_and_linked(with_profiles: Path) -> None:
    year = load_knowledge(with_profiles).years[2021]
    by_name = {p.entrant.name: p for p in year.profiles}
    assert list(by_name) == ["Lørenskog", "Asker", "Skedsmo"]
    winner = by_name["Lørenskog"]
    assert winner.uses_reasoning and winner.nominated_for is None and winner.has_reason
    assert [(f.value, f.unit, f.year, f.context) for f in winner.figures] == [
        (82, "prosent", 2020, False),
        (67.9, "prosent", 2018, True),
    ]
    assert winner.figures[1].shown == "67,9"
    linked, own = winner.projects
    assert linked is year.projects[0]  # the year's record itself, not a copy
    assert (own.name, own.municipality) == ("Praksisnettverk", "Lørenskog")
    assert [(p.name, p.role, p.said) for p in winner.people] == [
        ("Ragnhild Bergheim", "ordfører (Ap)", "Svært stolt av prisen."),
        ("Maria Bøgeberg", "enhetsleder", None),
    ]
    assert [s.key for s in winner.context[0].sources] == ["kr21"]
    asker = by_name["Asker"]
    assert asker.nominated_for is not None and not asker.uses_reasoning
    assert asker.nominated_for.value.startswith("Asker har samlet")
    skedsmo = by_name["Skedsmo"]
    assert not skedsmo.has_reason and skedsmo.entrant.municipality.name == "Lillestrøm"
    assert year.profile(skedsmo.entrant.municipality.number) is skedsmo


@pytest.mark.parametrize(
    ("old", "new", "anchor", "message"),
    [
        (
            "      source: [ntb21]\n  Skedsmo",
            "  Skedsmo",
            "      text: Asker",
            "«profiles.Asker.nominated_for» mangler kilde",
        ),
        (
            "        year: 2020\n        source: [kr21]\n",
            "        year: 2020\n",
            "      - value: 82",
            "«profiles.Lørenskog.figures[1]» mangler kilde",
        ),
        (
            "        said: Svært stolt av prisen.\n        source: [kr21]\n",
            "        said: Svært stolt av prisen.\n",
            "      - name: Ragnhild",
            "«profiles.Lørenskog.people[1]» mangler kilde",
        ),
        (
            "        text: Nettverk av praksisplasser.\n        source: [kr21]\n",
            "        text: Nettverk av praksisplasser.\n",
            "      - name: Praksisnettverk",
            "«profiles.Lørenskog.projects[2]» mangler kilde",
        ),
        (
            "      - text: Lillestrøm tok imot mange i 2022.\n        source: [ntb21]\n",
            "      - text: Lillestrøm tok imot mange i 2022.\n",
            "      - text: Lillestrøm",
            "«profiles.Skedsmo.context[1]» mangler kilde",
        ),
    ],
)
def test_a_profile_fact_without_source_is_rejected(
    with_profiles: Path, old: str, new: str, anchor: str, message: str
) -> None:
    edit(with_profiles, old, new)
    find(issues_of(with_profiles), Y21, line_of(with_profiles, anchor), message)


def test_a_figure_without_unit_is_rejected(with_profiles: Path) -> None:
    edit(with_profiles, "        unit: prosent\n", "")
    line = line_of(with_profiles, "      - value: 82")
    find(issues_of(with_profiles), Y21, line, "mangler enhet")


def test_a_figure_without_reference_year_is_rejected(with_profiles: Path) -> None:
    edit(with_profiles, " year: 2018,", "")
    line = line_of(with_profiles, "      - {value: 67.9")
    find(issues_of(with_profiles), Y21, line, "mangler året det gjelder")


def test_a_figure_sentence_without_the_reference_year_is_rejected(with_profiles: Path) -> None:
    edit(
        with_profiles,
        "        year: 2020\n",
        '        year: 2020\n        sentence: "{value} prosent kom i arbeid eller utdanning."\n',
    )
    line = line_of(with_profiles, "      - value: 82")
    find(issues_of(with_profiles), Y21, line, "må nevne året tallet gjelder (2020)")
    edit(with_profiles, "{value} prosent kom", "I 2020 kom {value} prosent")
    load_knowledge(with_profiles)  # with the year in the sentence it loads


def test_a_person_without_role_is_rejected(with_profiles: Path) -> None:
    edit(with_profiles, "        role: enhetsleder\n", "")
    line = line_of(with_profiles, "      - name: Maria")
    find(issues_of(with_profiles), Y21, line, "«Maria Bøgeberg» i «profiles.Lørenskog.people[2]»")
    find(issues_of(with_profiles), Y21, line, "mangler rolle")


def test_a_profile_for_a_municipality_that_was_not_nominated_is_rejected(
    with_profiles: Path,
) -> None:
    line = edit(with_profiles, "  Asker:", "  Bergen:")
    issue = find(issues_of(with_profiles), Y21, line, "ikke står blant de nominerte i 2021")
    assert "Lørenskog" in issue.message and "Asker" in issue.message


def test_only_the_winner_points_to_the_jury_reasoning(with_profiles: Path) -> None:
    line = edit(
        with_profiles,
        "    nominated_for:\n      text: Asker har samlet tjenestene for flyktninger.\n"
        "      source: [ntb21]\n",
        "    nominated_for: reasoning\n",
    )
    find(issues_of(with_profiles), Y21, line, "gjelder bare vinneren")


def test_the_winner_does_not_repeat_the_jury_reasoning(with_profiles: Path) -> None:
    line = edit(
        with_profiles,
        "    nominated_for: reasoning\n",
        "    nominated_for:\n      text: Gode resultater.\n      source: [kr21]\n",
    )
    find(issues_of(with_profiles), Y21, line, "skriv nominated_for: reasoning")


def test_a_linked_project_must_exist_for_that_nominee(with_profiles: Path) -> None:
    line = edit(with_profiles, "      - Jobbsjansen\n", "      - Jobbsjanse\n")
    issue = find(issues_of(with_profiles), Y21, line, "fant ikke prosjektet «Jobbsjanse»")
    assert "Jobbsjansen" in issue.message  # names the records that do exist


def test_unknown_keys_in_a_profile_get_a_suggestion(with_profiles: Path) -> None:
    line = edit(with_profiles, "    people:\n", "    peple:\n")
    find(issues_of(with_profiles), Y21, line, "ukjent nøkkel «peple»")


@pytest.mark.slow
def test_bot_check_prints_profile_mistakes_with_file_and_line(with_profiles: Path) -> None:
    edit(with_profiles, "        role: enhetsleder\n", "")
    unit_line = edit(with_profiles, "        unit: prosent\n", "") - 1
    env = {k: v for k, v in os.environ.items() if k != "BOT_KNOWLEDGE_DIR"}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "check", "--knowledge", str(with_profiles)],
        cwd=REPO_KNOWLEDGE.parent,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 1
    assert f"{Y21}:{unit_line}: tallet i «profiles.Lørenskog.figures[1]» mangler enhet" in (
        result.stdout
    )
    assert f"{Y21}:{line_of(with_profiles, '      - name: Maria')}: «Maria Bøgeberg»" in (
        result.stdout
    )


# -- the real fact base ----------------------------------------------------------------------

WITH_REASON = {
    2009: {"Levanger"},
    2013: {"Hammerfest"},
    2014: {"Drammen", "Sandnes"},
    2015: {"Grimstad"},
    2016: {"Trondheim", "Tynset", "Arendal"},
    2018: {"Bærum", "Asker", "Bodø", "Lørenskog", "Stange", "Steinkjer", "Tromsø"},
    2020: {"Sunndal", "Asker", "Gjøvik", "Tromsø", "Voss"},
    2021: {"Lørenskog", "Drammen", "Asker", "Harstad"},
    2022: {"Kinn", "Bodø", "Haugesund", "Vennesla"},
    2023: {"Tønsberg", "Molde", "Nordre Follo", "Harstad"},
    2025: {"Moss"},
}
"""The 33 nominees the dossier (nominee_profiles.md) gives a sourced reason for."""


def test_real_profiles_cover_every_nominee_with_a_sourced_reason() -> None:
    kb = load_knowledge(REPO_KNOWLEDGE)
    profiles = [p for year in kb.years.values() for p in year.profiles]
    with_reason = {
        year: {p.entrant.name for p in record.profiles if p.has_reason}
        for year, record in kb.years.items()
        if any(p.has_reason for p in record.profiles)
    }
    assert with_reason == WITH_REASON
    assert sum(len(names) for names in with_reason.values()) == 33
    assert len(profiles) == 50  # 33 with a reason + 17 known only through context
    for year in kb.years.values():
        for profile in year.profiles:
            is_winner = year.winner is not None and year.winner.value.name == profile.entrant.name
            # the winner's profile points to the jury reasoning instead of repeating it
            assert profile.uses_reasoning == is_winner, (year.year, profile.entrant.name)
            if not profile.has_reason:
                assert profile.context or profile.figures or profile.people


def test_real_2014_round_has_nominees_recipient_and_presenter() -> None:
    year = load_knowledge(REPO_KNOWLEDGE).years[2014]
    assert year.nominees is not None
    assert [e.name for e in year.nominees.value] == [
        "Arendal",
        "Bodø",
        "Drammen",
        "Larvik",
        "Sandnes",
        "Trondheim",
    ]
    assert year.received_by is not None and "Sigrid Thielemann" in year.received_by.value
    assert year.handed_by is not None and "Kai-Morten Terning" in year.handed_by.value
    assert year.decision is not None and "regiondirektører" in year.decision.value


def test_real_seed_articles_are_in_the_profiles() -> None:
    kb = load_knowledge(REPO_KNOWLEDGE)

    def profile(year: int, name: str) -> NomineeProfile:
        return next(p for p in kb.years[year].profiles if p.entrant.name == name)

    drammen = profile(2021, "Drammen")
    assert {p.name for p in drammen.people} >= {"Monica Myrvold Berg", "Eva Kjerstin Baustad"}
    assert {p.name for p in drammen.projects} >= {"YrkesKomp", "Sommerjobb for nybosatt ungdom"}
    follo = profile(2023, "Nordre Follo")
    assert [(f.value, f.unit, f.year) for f in follo.figures] == [
        (164, "flyktninger", 2022),
        (80, "prosent", 2022),
    ]
    assert [p.name for p in follo.people] == ["Anne Melsom", "Anne Melsom"]
    lorenskog = profile(2021, "Lørenskog")
    assert [(f.value, f.year) for f in lorenskog.figures] == [(82, 2020)]
    assert {p.name for p in lorenskog.people} == {"Libe Rieber-Mohn", "Ragnhild Bergheim"}
    seeds = {"seed000", "seed002", "seed004"}
    used = {
        s.key
        for year in kb.years.values()
        for p in year.profiles
        for fact in (*p.figures, *p.people, *p.projects, *p.context)
        for s in fact.sources
    }
    assert seeds <= used
