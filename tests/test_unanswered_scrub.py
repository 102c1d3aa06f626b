"""The unanswered-questions log keeps no phone numbers, e-mail addresses or national ids."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from bot.clock import OSLO
from bot.storage import unanswered
from bot.storage.database import connect


@pytest.mark.parametrize(
    ("question", "kept"),
    [
        ("ring meg på 98765432", "ring meg på [telefon]"),
        ("tlf +47 987 65 432 takk", "tlf [telefon] takk"),
        ("nr 12 34 56 78?", "nr [telefon]?"),
        ("+46 70 123 45 67", "[telefon]"),
        ("skriv til ola.nordmann@example.no", "skriv til [e-post]"),
        ("mitt personnummer er 01017012345", "mitt personnummer er [personnummer]"),
        ("pnr 010170 12345", "pnr [personnummer]"),
        ("vinnere 2013 2014 2015", "vinnere 2013 2014 2015"),
        ("hvem vant 2019/2020 og 2008-2010", "hvem vant 2019/2020 og 2008-2010"),
        ("hvor mange stemte, 1500 eller 20000?", "hvor mange stemte, 1500 eller 20000?"),
    ],
)
def test_scrub(question: str, kept: str) -> None:
    assert unanswered.scrub(question) == kept


def test_record_stores_the_scrubbed_text(tmp_path: Path) -> None:
    conn = connect(tmp_path / "db.sqlite3")
    asked = datetime(2025, 3, 10, 12, 0, tzinfo=OSLO)
    unanswered.record(conn, "kan dere ringe 98765432 eller a@b.no", asked, None, 0.1, "unmatched")
    [row] = conn.execute("SELECT question FROM unanswered").fetchall()
    assert row[0] == "kan dere ringe [telefon] eller [e-post]"
    conn.close()
