"""Fixtures for the picture tests: one fact base, one clock reading."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.clock import OSLO
from bot.knowledge.models import KnowledgeBase
from tests.pictures.factory import build_kb

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=OSLO)


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    """The test fact base (2008–2026 shaped like the real one)."""
    return build_kb()


@pytest.fixture(scope="session")
def now() -> datetime:
    """A fixed moment in late 2026."""
    return NOW
