"""Run the real Application against the fake Bot API server: settings, a settable clock, the
bot's event loop in a thread, and a test-side view of the conversation (tests and benchmarks)."""

from __future__ import annotations

import asyncio
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from telegram.ext import Application

from bot.settings import Settings, load_settings
from bot.telegram.app import build_application
from bot.telegram.botcontext import services_of
from bot.telegram.sendslots import SendLimits
from bot.telegram.services import Services
from tests.fakebotapi import Call, FakeBotApi
from tests.fakebotapi import updates as U

TOKEN = "123456789:" + "T" * 35
ADMIN_ID = 777
UNLIMITED = SendLimits(overall_per_second=10_000, per_chat_interval=0.0, group_per_minute=10**9)
"""Outbox limits for functional tests against a fake server that does not enforce Telegram's
limits (the outbox tests turn enforcement on and keep Telegram's limits)."""


class SettableClock:
    """A clock the test moves by hand (aware, Europe/Oslo)."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def make_settings(api: FakeBotApi, data_dir: Path, knowledge_dir: Path, **extra: str) -> Settings:
    env = {
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": api.base_url,
        "BOT_DATA_DIR": str(data_dir),
        "BOT_KNOWLEDGE_DIR": str(knowledge_dir),
        "BOT_ADMIN_IDS": str(ADMIN_ID),
        **extra,
    }
    return load_settings(env, env_file=data_dir / "no.env")


class Harness:
    """Talk to the running bot through the fake server, the way Telegram clients would."""

    def __init__(self, api: FakeBotApi, app: Application, clock: SettableClock) -> None:
        self.api = api
        self.app = app
        self.clock = clock

    @property
    def services(self) -> Services:
        return services_of(self.app)

    def push(self, update: dict[str, Any]) -> int:
        """Push an update; returns the call-log marker taken just before."""
        marker = self.api.call_count()
        self.api.push_update(update)
        return marker

    def replies(
        self, chat_id: int, update: dict[str, Any], count: int = 1, timeout: float = 8.0
    ) -> list[Call]:
        """Push ``update`` and wait for ``count`` sendMessage calls to ``chat_id``."""
        marker = self.push(update)
        return self.api.wait_for(
            "sendMessage",
            lambda c: c.chat_id == chat_id and c.status == 200,
            timeout=timeout,
            count=count,
            since=marker,
        )

    def say(self, chat_id: int, text: str, count: int = 1, **kwargs: Any) -> list[Call]:
        """A user writes ``text`` in ``chat_id``; returns the bot's sendMessage calls."""
        return self.replies(chat_id, U.message_update(chat_id, text, **kwargs), count=count)

    def sent_to(self, chat_id: int, since: int = 0, settle: float = 0.0) -> list[Call]:
        """sendMessage calls to ``chat_id`` recorded at index ``since`` or later (after
        ``settle`` seconds, to give an ignored update time to be ignored)."""
        if settle:
            time.sleep(settle)
        return [
            c
            for c in self.api.calls()[since:]
            if c.method == "sendMessage" and c.chat_id == chat_id
        ]


async def start_bot(app: Application) -> None:
    """What run_polling does, minus signal handling and the idle loop."""
    await app.initialize()
    if app.post_init:
        await app.post_init(app)
    await app.updater.start_polling(poll_interval=0.0, timeout=1)
    await app.start()


async def stop_bot(app: Application) -> None:
    await app.updater.stop()
    await app.stop()
    if app.post_stop:
        await app.post_stop(app)
    await app.shutdown()
    if app.post_shutdown:
        await app.post_shutdown(app)


class BotThread:
    """Runs the Application's event loop in a thread so tests can block while it works."""

    def __init__(self, app: Application) -> None:
        self.app = app
        self.loop = asyncio.new_event_loop()
        self._stop: asyncio.Event | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="bot", daemon=True)

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        try:
            self.loop.run_until_complete(self._main())
        except BaseException as exc:  # reported to the test thread
            self._error = exc
            self._ready.set()
        finally:
            self.loop.close()

    async def _main(self) -> None:
        self._stop = asyncio.Event()
        await start_bot(self.app)
        self._ready.set()
        try:
            await self._stop.wait()
        finally:
            await stop_bot(self.app)

    def start(self) -> None:
        self._thread.start()
        self._ready.wait(20)
        if self._error is not None:
            raise self._error

    def stop(self) -> None:
        if self._stop is not None and self._thread.is_alive():
            self.loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(20)
        assert not self._thread.is_alive(), "bot thread did not stop"


def run_bot(
    api: FakeBotApi,
    clock: SettableClock,
    data_dir: Path,
    knowledge_dir: Path,
    engine: Any = None,
    env: dict[str, str] | None = None,
    **extra: Any,
) -> tuple[BotThread, Harness]:
    """Start the real Application (the real engine, loaded from ``knowledge_dir`` unless an
    already loaded ``engine`` of that directory is given) polling ``api``. ``env``: more
    settings; ``extra``: keyword arguments of ``build_application`` (the outbox keeps no
    flood limits unless ``send_limits`` is given)."""
    from bot.engine.holder import EngineHolder

    settings = make_settings(api, data_dir, knowledge_dir, **(env or {}))
    holder = EngineHolder(knowledge_dir, engine=engine)
    extra.setdefault("send_limits", UNLIMITED)
    app = build_application(settings, holder, clock, **extra)
    runner = BotThread(app)
    runner.start()
    return runner, Harness(api, app, clock)
