"""Render each picture once per (kind, year, fact-base version, current year) and keep it.

Memory first, then optionally PNG files under ``BOT_DATA_DIR/pictures``. Async callers use
:meth:`PictureCache.get_png`, which renders in a single worker thread (matplotlib is not
thread-safe) so the bot's event loop never waits on drawing.
"""

from __future__ import annotations

import asyncio
import logging
import re
import threading
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path

from bot.knowledge.models import KnowledgeBase
from bot.knowledge.view import as_known_at
from bot.pictures.mapplot import render_map
from bot.pictures.timeline import render_timeline

log = logging.getLogger(__name__)

MAP = "kart"
TIMELINE = "tidslinje"
KINDS = (MAP, TIMELINE)
Key = tuple[str, int | None, str, int, str]
"""(kind, year, fact-base version, current year, view state)."""


def _safe(value: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "_", value)[:64]


class PictureCache:
    """Renders and remembers pictures; ``renders`` counts real drawing work done."""

    def __init__(
        self,
        *,
        geo_path: Path | None = None,
        disk_dir: Path | None = None,
        max_items: int = 48,
    ) -> None:
        self.geo_path = geo_path
        self.disk_dir = disk_dir
        self.max_items = max_items
        self.renders = 0
        self._memory: OrderedDict[Key, bytes] = OrderedDict()
        self._lock = threading.Lock()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pictures")
        self._inflight: dict[Key, asyncio.Future[bytes]] = {}

    @staticmethod
    def key(kb: KnowledgeBase, kind: str, year: int | None, now: datetime) -> Key:
        """The cache key: the current year matters because pictures run up to it, and the
        view's state because an unannounced winner is not drawn."""
        if kind not in KINDS:
            raise ValueError(f"unknown picture kind {kind!r}")
        state = as_known_at(kb, now).state
        return (kind, year if kind == MAP else None, kb.version, now.year, state)

    def _disk_path(self, key: Key) -> Path | None:
        if self.disk_dir is None:
            return None
        kind, year, version, current, state = key
        suffix = f"-{_safe(state)}" if state else ""
        name = f"{kind}-{year or 'alle'}-{_safe(version)}-{current}{suffix}.png"
        return self.disk_dir / name

    def cached(
        self,
        kb: KnowledgeBase,
        kind: str,
        year: int | None,
        now: datetime,
        *,
        disk: bool = True,
    ) -> bytes | None:
        """The PNG if already rendered (memory, then disk unless ``disk`` is False), else
        None; never renders."""
        key = self.key(kb, kind, year, now)
        with self._lock:
            png = self._memory.get(key)
            if png is not None:
                self._memory.move_to_end(key)
                return png
        path = self._disk_path(key) if disk else None
        if path is not None and path.is_file():
            try:
                png = path.read_bytes()
            except OSError:
                return None
            if png.startswith(b"\x89PNG"):
                self._remember(key, png)
                return png
        return None

    def _remember(self, key: Key, png: bytes) -> None:
        with self._lock:
            self._memory[key] = png
            self._memory.move_to_end(key)
            while len(self._memory) > self.max_items:
                self._memory.popitem(last=False)

    def _store_on_disk(self, key: Key, png: bytes) -> None:
        path = self._disk_path(key)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_suffix(".tmp")
            temporary.write_bytes(png)
            temporary.replace(path)
            prefix = f"{key[0]}-{key[1] or 'alle'}-"
            for old in path.parent.glob(f"{prefix}*.png"):
                if old != path:
                    old.unlink(missing_ok=True)
        except OSError as exc:
            log.warning("could not store picture on disk: %s", exc)

    def render(self, kb: KnowledgeBase, kind: str, year: int | None, now: datetime) -> bytes:
        """Return the PNG, drawing it only when no cached copy exists (blocking)."""
        png = self.cached(kb, kind, year, now)
        if png is not None:
            return png
        key = self.key(kb, kind, year, now)
        if kind == MAP:
            png = render_map(kb, year, now=now, geo_path=self.geo_path)
        else:
            png = render_timeline(kb, now=now)
        with self._lock:
            self.renders += 1
        self._remember(key, png)
        self._store_on_disk(key, png)
        log.info("rendered picture %s %s for version %s", kind, year or "alle", kb.version)
        return png

    async def get_png(
        self, kb: KnowledgeBase, kind: str, year: int | None, *, now: datetime
    ) -> bytes:
        """Return the PNG without blocking the event loop (one render per key at a time).

        Only the memory cache is read here; disk reads and drawing run in the worker thread.
        """
        png = self.cached(kb, kind, year, now, disk=False)
        if png is not None:
            return png
        key = self.key(kb, kind, year, now)
        pending = self._inflight.get(key)
        if pending is not None:
            return await asyncio.shield(pending)
        loop = asyncio.get_running_loop()
        future = loop.run_in_executor(self._executor, self.render, kb, kind, year, now)
        self._inflight[key] = future
        try:
            return await asyncio.shield(future)
        finally:
            if future.done():
                self._inflight.pop(key, None)
            else:
                future.add_done_callback(lambda _f: self._inflight.pop(key, None))

    def close(self) -> None:
        """Stop the worker thread (waits for a render under way)."""
        self._executor.shutdown(wait=True)


_default: PictureCache | None = None


def default_cache() -> PictureCache:
    """A process-wide cache (memory only) for callers that do not bring their own."""
    global _default
    if _default is None:
        _default = PictureCache()
    return _default


async def get_png(
    kb: KnowledgeBase,
    kind: str,
    year: int | None = None,
    *,
    now: datetime,
    cache: PictureCache | None = None,
) -> bytes:
    """Return the PNG for ``kind`` (``kart``/``tidslinje``) without blocking the event loop."""
    return await (cache or default_cache()).get_png(kb, kind, year, now=now)
