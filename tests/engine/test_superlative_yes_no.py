"""Review 5, K1: a yes/no question about a superlative for one municipality («Er det X som har
vunnet flest ganger / vært nominert flest ganger / vant først / vant sist?») answers the
superlative, never the plain «has X won» (the old answer «Ja, Trondheim vant prisen for 2016.»
contradicted «Ingen kommune har vunnet prisen mer enn én gang»)."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.clock import OSLO
from bot.engine.engine import Engine
from bot.engine.types import Conversation

DURING_2023_VOTE = datetime(2023, 10, 5, 12, tzinfo=OSLO)
TODAY = datetime(2026, 12, 5, 12, tzinfo=OSLO)
CLOCKS = [DURING_2023_VOTE, TODAY]


def say(engine: Engine, question: str, now: datetime) -> str:
    return engine.answer(question, now=now, context=Conversation()).text


@pytest.mark.parametrize("now", CLOCKS, ids=lambda c: c.date().isoformat())
@pytest.mark.parametrize(
    ("question", "place"),
    [
        ("Er det Trondheim som har vunnet flest ganger?", "Trondheim"),
        ("Er det Kinn som har vunnet oftest?", "Kinn"),
        ("Har Levanger vunnet flest ganger?", "Levanger"),
    ],
)
def test_won_most_is_no_when_none_won_twice(
    engine: Engine, question: str, place: str, now: datetime
) -> None:
    text = say(engine, question, now)
    assert text.startswith("Nei. Ingen kommune har vunnet prisen mer enn én gang"), text
    assert not text.startswith("Ja"), text
    assert place in text  # the municipality's own record follows


@pytest.mark.parametrize("now", CLOCKS, ids=lambda c: c.date().isoformat())
def test_nominated_most_yes_only_for_the_leader(engine: Engine, now: datetime) -> None:
    no = say(engine, "Er det Bergen som har vært nominert flest ganger?", now)
    assert no.startswith("Nei. Bodø har vært nominert flest ganger"), no
    assert "Bergen har vært nominert tre ganger" in no, no
    yes = say(engine, "Er det Bodø som har vært nominert oftest?", now)
    assert yes.startswith("Ja. Bodø har vært nominert flest ganger"), yes


@pytest.mark.parametrize("now", CLOCKS, ids=lambda c: c.date().isoformat())
def test_first_winner(engine: Engine, now: datetime) -> None:
    no = say(engine, "Var det Levanger som vant først?", now)
    assert no.startswith("Nei. Den første vinneren var Vadsø, for 2008."), no
    assert "Levanger vant prisen for 2009" in no, no
    yes = say(engine, "Var Vadsø den første vinneren?", now)
    assert yes.startswith("Ja. Den første vinneren var Vadsø"), yes


def test_last_winner_by_the_clock(engine: Engine) -> None:
    assert say(engine, "Er det Moss som vant sist?", TODAY).startswith("Ja. ")
    during = say(engine, "Var Tønsberg den siste som vant?", DURING_2023_VOTE)
    assert during.startswith("Nei. Den siste vinneren jeg kjenner til, er Kinn"), during
    after = say(engine, "Var Tønsberg den siste som vant?", TODAY)
    assert after.startswith("Nei. Den siste vinneren jeg kjenner til, er Moss"), after
    assert "Tønsberg vant prisen for 2023" in after, after


def test_plain_yes_no_unchanged(engine: Engine) -> None:
    assert say(engine, "Har Trondheim vunnet?", TODAY).startswith("Ja, Trondheim vant prisen")


@pytest.mark.parametrize(
    "question",
    [
        "Var det Tønsberg som fikk flest stemmer?",
        "Fikk Tønsberg flere stemmer enn de andre?",
        "Vant Moss avstemningen?",
        "Fikk Lørenskog flest stemmer i 2021?",
    ],
)
def test_yes_or_no_about_the_votes_is_an_honest_unknown(engine: Engine, question: str) -> None:
    """Review 6: «Var det Tønsberg som fikk flest stemmer?» got «Ja, Tønsberg vant …» (and «Fikk
    Tønsberg flere stemmer …?» a «Nei, … bare én gang»): who got most votes is not known."""
    text = engine.answer(question, now=TODAY).text
    assert text.startswith("Jeg vet ikke hvor mange stemmer"), text
    assert not text.startswith(("Ja", "Nei")), text


def test_why_a_municipality_did_not_win_leaves_out_its_districts(engine: Engine) -> None:
    """Review 6: «Hvorfor har ingen fra Oslo vunnet?» counted Sagene and Grünerløkka as Oslo."""
    text = engine.answer("Hvorfor har ingen fra Oslo vunnet?", now=TODAY).text
    assert text.startswith("Oslo var nominert for 2013"), text
    assert "2009" not in text and "2025" not in text
