"""A small, valid fact base written to tmp_path; tests break one thing at a time."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.knowledge.loader import load_knowledge
from bot.knowledge.yamlio import KnowledgeError, KnowledgeIssue

REPO_KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"

SOURCES = """\
sources:
  kr21:
    title: "Kommunal Rapport: Lørenskog best på integrering"
    url: "https://www.kommunal-rapport.no/nyheter/lorenskog-best-pa-integrering/137879!/"
  ntb21:
    title: "IMDi (NTB): Disse kommunene er nominert"
    url: "https://kommunikasjon.ntb.no/pressemelding/nominert"
  seed000:
    title: "Drammen kommune: Nominert (2021)"
    file: 000_cb85a4bf755b1d44.txt
"""

PRIZE = """\
name: Bosettings- og integreringsprisen
names:
  - {name: Bosettingsprisen, from: 2008, to: 2016, source: [kr21]}
  - {name: Bosettings- og integreringsprisen, from: 2018, source: [kr21]}
organiser:
  short: IMDi
  full: Integrerings- og mangfoldsdirektoratet
  text: Prisen deles ut av IMDi.
  source: [kr21]
first_year: {value: 2008, source: [kr21]}
topics:
  purpose:
    text: Prisen hedrer kommuner som bosetter og integrerer flyktninger godt.
    source: [kr21, seed000]
  prize_money: unknown
criteria:
  - {from: 2008, text: Bosetting og kvalifisering., source: [ntb21]}
selection:
  - {from: 2008, to: 2017, text: En jury valgte vinneren., source: [kr21]}
  - {from: 2018, text: Jury og publikumsavstemning., source: [kr21]}
directors:
  - {from: 2006, to: 2016, text: Osmund Kaldheim var direktør., source: [kr21]}
conflicts:
  - text: Kildene er uenige om datoen i 2021.
    source: [kr21, ntb21]
"""

YEAR_2021 = """\
year: 2021
label: "2021"
status: awarded
winner:
  name: Lørenskog
  source: [kr21]
nominees:
  names: [Asker, Skedsmo, Lørenskog, {name: Grünerløkka, part_of: Oslo}, {name: Egersund, municipality: Eigersund}, {name: Herøy, number: "1515"}]
  source: [ntb21, seed000]
vote:
  public: true
  source: [ntb21]
  opens: unknown
  closes:
    date: 2021-11-11
    time: "23:59"
    source: [ntb21]
  url: unknown
  how:
    text: Publikum kunne stemme.
    source: [seed000]
decision:
  text: Jury og publikum.
  source: [ntb21]
criteria: unknown
award:
  date:
    date: 2021-11-19
    source: [ntb21]
  event: {text: IMDis årskonferanse, source: [kr21]}
  place: unknown
  handed_by: unknown
  received_by: {text: ordføreren, source: [kr21]}
reasoning:
  text: Gode resultater i introduksjonsprogrammet.
  source: [kr21]
projects:
  - name: Jobbsjansen
    municipality: Lørenskog
    text: Hjelper kvinner ut i arbeid.
    source: [kr21]
notes:
  - text: En merknad.
    source: [kr21]"""  # noqa: E501 (the nominee list stays on one line: tests rely on line numbers)

YEAR_2017 = """\
year: 2017
label: "2017"
status: no_prize
explanation:
  text: Det finnes ingen pris for 2017.
  source: [kr21]
winner: none
nominees: none
vote: none
decision: none
criteria: none
award: none
reasoning: none
"""

YEAR_2019 = """\
year: 2019
label: "2019"
status: merged
merged_into: 2020
explanation:
  text: Slått sammen med 2020.
  source: [kr21]
winner: none
nominees: none
vote: unknown
decision: none
criteria: none
award: none
reasoning: none
"""

YEAR_2020 = """\
year: 2020
label: "2019/2020"
status: awarded
winner: {name: Sunndal, source: [kr21]}
nominees: unknown
nominee_count: {value: 6, source: [kr21]}
vote: unknown
decision: unknown
criteria: unknown
award: unknown
reasoning: unknown
"""

REMINDERS = """\
rules:
  - key: opens
    anchor: opens
    offset_days: 0
    template: "Avstemningen for {label} er åpen til {closes}: {url}"
  - key: last-day-09
    anchor: closes
    offset_days: 0
    at: "09:00"
    template: "Siste dag for {label}!"
"""

TEXTS = """\
start:
  welcome: Hei!
  examples:
    first: Hvem vant i 2021?
help: Skriv et spørsmål.
"""


def write(base: Path, relative: str, text: str) -> Path:
    """Write ``text`` to ``base/relative`` (creating folders) and return the path."""
    path = base / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def kb_dir(tmp_path: Path) -> Path:
    """A valid knowledge directory named ``knowledge`` under tmp_path."""
    base = tmp_path / "knowledge"
    (base / "municipalities").mkdir(parents=True)
    for name in ("kommuner.csv", "kommune_history.csv"):
        shutil.copyfile(REPO_KNOWLEDGE / "municipalities" / name, base / "municipalities" / name)
    write(base, "sources.yaml", SOURCES)
    write(base, "prize.yaml", PRIZE)
    write(base, "years/2017.yaml", YEAR_2017)
    write(base, "years/2019.yaml", YEAR_2019)
    write(base, "years/2020.yaml", YEAR_2020)
    write(base, "years/2021.yaml", YEAR_2021)
    write(base, "reminders.yaml", REMINDERS)
    write(base, "texts/ui.yaml", TEXTS)
    return base


def issues_of(directory: Path) -> list[KnowledgeIssue]:
    """Load ``directory`` expecting failure; return every issue."""
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(directory)
    return caught.value.issues


def find(issues: list[KnowledgeIssue], file: str, line: int, fragment: str) -> KnowledgeIssue:
    """Return the issue at ``file:line`` whose message contains ``fragment`` (or fail)."""
    for issue in issues:
        if issue.file == file and issue.line == line and fragment in issue.message:
            return issue
    listed = "\n".join(str(issue) for issue in issues)
    raise AssertionError(f"no issue {file}:{line} containing {fragment!r}; got:\n{listed}")


def replace_in(path: Path, old: str, new: str) -> None:
    """Replace ``old`` (which must occur) with ``new`` in the file."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
