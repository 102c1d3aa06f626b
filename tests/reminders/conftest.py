"""Fixtures: a real SQLite file, the fake Bot API server (thread), a real PTB Bot."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from telegram import Bot

from bot.storage.database import connect
from tests.fakebotapi import FakeBotApi
from tests.reminders.helpers import make_bot


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "prisbot.sqlite3"


@pytest.fixture
def conn(db_path: Path):  # type: ignore[no-untyped-def]
    connection = connect(db_path)
    yield connection
    connection.close()


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with FakeBotApi() as server:
        yield server


@pytest.fixture
async def bot(api: FakeBotApi) -> AsyncIterator[Bot]:
    async with make_bot(api.base_url) as the_bot:
        yield the_bot
