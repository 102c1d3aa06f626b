"""Shared fixtures: one engine over the real fact base, and a fixed clock."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from bot.clock import OSLO
from bot.engine.engine import Engine

ROOT = Path(__file__).resolve().parents[2]
KNOWLEDGE = ROOT / "knowledge"
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=OSLO)


@pytest.fixture(scope="session")
def engine() -> Engine:
    """The engine over ``knowledge/``."""
    return Engine.load(KNOWLEDGE)
