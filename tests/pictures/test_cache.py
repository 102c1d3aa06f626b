"""The cache: one render per (kind, year, version, current year); never blocks the loop."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from bot.knowledge.models import KnowledgeBase
from bot.pictures.cache import MAP, TIMELINE, PictureCache, get_png
from tests.pictures.helpers import decode


@pytest.fixture
def cache(tmp_path: Path):
    cache = PictureCache(disk_dir=tmp_path / "pictures")
    yield cache
    cache.close()


def test_same_version_is_rendered_once(
    cache: PictureCache, kb: KnowledgeBase, now: datetime
) -> None:
    first = cache.render(kb, TIMELINE, None, now)
    second = cache.render(kb, TIMELINE, None, now)
    assert first is second and cache.renders == 1
    changed = replace(kb, version="test-v2")
    third = cache.render(changed, TIMELINE, None, now)
    assert cache.renders == 2 and third.startswith(b"\x89PNG")


def test_disk_copy_survives_a_restart(
    cache: PictureCache, kb: KnowledgeBase, now: datetime, tmp_path: Path
) -> None:
    png = cache.render(kb, TIMELINE, None, now)
    files = list((tmp_path / "pictures").glob("*.png"))
    assert len(files) == 1
    restarted = PictureCache(disk_dir=tmp_path / "pictures")
    try:
        assert restarted.render(kb, TIMELINE, None, now) == png
        assert restarted.renders == 0
        # A new fact-base version replaces the old file instead of piling up.
        restarted.render(replace(kb, version="test-v3"), TIMELINE, None, now)
        assert len(list((tmp_path / "pictures").glob("*.png"))) == 1
    finally:
        restarted.close()


def test_unknown_kind_is_refused(cache: PictureCache, kb: KnowledgeBase, now: datetime) -> None:
    with pytest.raises(ValueError):
        cache.render(kb, "diagram", None, now)


async def test_async_callers_share_one_render_off_the_loop(
    cache: PictureCache, kb: KnowledgeBase, now: datetime
) -> None:
    ticks = 0
    done = asyncio.Event()

    async def ticker() -> None:
        nonlocal ticks
        while not done.is_set():
            ticks += 1
            await asyncio.sleep(0.005)

    task = asyncio.create_task(ticker())
    results = await asyncio.gather(
        *(get_png(kb, MAP, 2023, now=now, cache=cache) for _ in range(3))
    )
    done.set()
    await task
    assert cache.renders == 1
    assert results[0] == results[1] == results[2]
    assert decode(results[0]).size == (1200, 1600)
    # The loop kept running while the map was drawn in the worker thread.
    assert ticks >= 2
    again = await get_png(kb, MAP, 2023, now=now, cache=cache)
    assert again is results[0] and cache.renders == 1
