"""Issue 13, third editor review (findings M13 and M21): the picture captions speak in the
chat's sentences and show the sources behind that year, and the inline card for a question
without an answer speaks like the answers."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest

from bot.clock import OSLO
from bot.knowledge.loader import load_knowledge
from bot.knowledge.models import KnowledgeBase
from bot.pictures.captions import map_caption, timeline_caption
from bot.telegram.texts import Texts as TelegramTexts

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"
BEFORE_2021_AWARD = datetime(2021, 11, 5, 12, tzinfo=OSLO)
DURING_2023_VOTE = datetime(2023, 10, 5, 12, tzinfo=OSLO)
TODAY = datetime(2026, 12, 5, 12, tzinfo=OSLO)
LABEL_LINE = re.compile(r"^[^\n.]{1,30}: ", re.M)
"""«Navn slik de ble brukt da: …», «Bosettings- og integreringsprisen 2023: …»."""


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge(KNOWLEDGE)


# -- M13: picture captions in the chat's sentences, with that year's sources ----------------


def test_the_open_rounds_caption_says_when_the_winner_is_announced(kb: KnowledgeBase) -> None:
    caption = map_caption(kb, 2023, DURING_2023_VOTE)
    first = caption.splitlines()[0]
    assert first == (
        "Vinneren av Bosettings- og integreringsprisen 2023 er ikke kåret ennå."
        " Den kåres mandag 30. oktober 2023."
    ), caption
    early = map_caption(kb, 2021, BEFORE_2021_AWARD).splitlines()[0]
    assert early.endswith("Den kåres fredag 19. november 2021."), early


@pytest.mark.parametrize("now", [DURING_2023_VOTE, TODAY], ids=str)
def test_captions_have_no_label_forms(kb: KnowledgeBase, now: datetime) -> None:
    captions = [map_caption(kb, None, now), timeline_caption(kb, now)]
    captions += [map_caption(kb, year, now) for year in range(2008, now.year + 1)]
    for caption in captions:
        body = caption.split("\n\nKilde")[0].split("\n\nKartdata")[0]
        assert not LABEL_LINE.search(body), caption
        assert "ingen opplysninger" not in body and "Faktabasen" not in body, caption
    names = map_caption(kb, None, now).splitlines()[1]
    assert names.startswith(
        "Noen står med navnet som ble brukt i nominasjonen: Egersund (Eigersund kommune, 2009)"
    )


@pytest.mark.parametrize(
    ("year", "shown", "hidden"),
    [
        (2013, "Hammerfest", "Lørenskog best på integrering"),
        (2017, "Bosettingsprisen 2016 til Trondheim", "Kinn kommune fikk"),
        (2014, "Drammen", "Lørenskog"),
    ],
)
def test_a_years_caption_shows_only_the_sources_behind_that_year(
    kb: KnowledgeBase, year: int, shown: str, hidden: str
) -> None:
    caption = map_caption(kb, year, TODAY)
    sources = caption.split("Kilder: ")[-1].split("\n\n")[0] if "Kilde" in caption else ""
    assert shown in sources, caption
    assert hidden not in sources, caption
    assert sources.count("«") <= 3, caption


# -- M21: the inline card for a question without an answer -----------------------------------


def test_the_inline_no_answer_card_speaks_like_the_answers() -> None:
    title = TelegramTexts().get("inline.no_answer_title")
    assert title.startswith("Jeg vet ikke"), title
    assert "opplysninger" not in title, title
