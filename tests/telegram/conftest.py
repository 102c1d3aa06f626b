"""Fixtures: the fake Bot API server, a settable clock, and the real Application polling it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from bot.clock import OSLO
from bot.settings import DEFAULT_KNOWLEDGE_DIR
from tests.fakebotapi import FakeBotApi
from tests.telegram.harness import ADMIN_ID, TOKEN, Harness, SettableClock, run_bot

__all__ = ["ADMIN_ID", "TOKEN", "Harness", "SettableClock", "run_bot"]


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with FakeBotApi() as server:
        yield server


@pytest.fixture
def clock() -> SettableClock:
    return SettableClock(datetime(2025, 3, 10, 12, 0, tzinfo=OSLO))


@pytest.fixture
def knowledge_dir() -> Path:
    return DEFAULT_KNOWLEDGE_DIR


@pytest.fixture(scope="session")
def shared_engine() -> Any:
    """The engine on the project's knowledge/, loaded once (it is immutable once loaded)."""
    from bot.engine.engine import Engine

    return Engine.load(DEFAULT_KNOWLEDGE_DIR)


@pytest.fixture
def bot(
    api: FakeBotApi, clock: SettableClock, tmp_path: Path, knowledge_dir: Path, shared_engine: Any
) -> Iterator[Harness]:
    engine = shared_engine if knowledge_dir == DEFAULT_KNOWLEDGE_DIR else None
    runner, harness = run_bot(api, clock, tmp_path / "data", knowledge_dir, engine)
    try:
        yield harness
    finally:
        runner.stop()


@pytest.fixture
def knowledge_copy(tmp_path: Path) -> Path:
    """A private copy of knowledge/ a test may break."""
    target = tmp_path / "knowledge"
    shutil.copytree(DEFAULT_KNOWLEDGE_DIR, target)
    return target
