"""The token never appears in any log line of a real ``python -m bot run``: the bot runs
against the fake Bot API server with DEBUG logging (python-telegram-bot then logs every
request and its parameters), answers messages, meets server errors, is stopped; then a run
with a token the server rejects. All output is captured and searched for the token."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from bot.logs import REDACTED
from tests.deploy.helpers import SECRET_PART, TOKEN, clean_env
from tests.fakebotapi.server import FakeBotApi, Fault
from tests.fakebotapi.updates import message_update

pytestmark = pytest.mark.slow  # every test here starts a process

WEBHOOK_SECRET = "deploy-test-webhook-secret-7Qx"


def start_bot(tmp_path: Path, api: FakeBotApi, log: Path, **settings: str) -> subprocess.Popen:
    env = clean_env(
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_BASE_URL=api.base_url,
        BOT_DATA_DIR=str(tmp_path / "data"),
        BOT_LOG_LEVEL="DEBUG",
        **settings,
    )
    with log.open("wb") as sink:
        return subprocess.Popen(
            [sys.executable, "-m", "bot", "run"],
            cwd=tmp_path,
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )


def stop(process: subprocess.Popen, timeout: float = 20) -> int:
    if process.poll() is None:
        os.kill(process.pid, signal.SIGTERM)
    try:
        return process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
        raise


def wait_while_running(
    api: FakeBotApi, bot: subprocess.Popen, log: Path, method: str, timeout: float, **kw: int
) -> None:
    """Wait for ``method`` calls, failing at once (with the log) if the bot exits."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            api.wait_for(method, timeout=0.5, **kw)
            return
        except TimeoutError:
            if bot.poll() is not None or time.monotonic() > deadline:
                tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
                raise AssertionError(f"no {method} (exit {bot.poll()}):\n{tail}") from None


def assert_no_secret(text: str) -> None:
    assert TOKEN not in text
    assert SECRET_PART not in text
    assert SECRET_PART[:12] not in text
    assert TOKEN.replace(":", "%3A") not in text


def test_token_never_in_the_logs_of_a_running_bot(tmp_path: Path) -> None:
    log = tmp_path / "bot.log"
    with FakeBotApi() as api:
        bot = start_bot(tmp_path, api, log, BOT_LOG_FORMAT="plain")
        try:
            wait_while_running(api, bot, log, "deleteWebhook", 60)  # polling starts after it
            mark = api.call_count()
            api.push_update(message_update(5001, "/start"))
            api.push_update(message_update(5001, "hvem vant i 2014?"))
            wait_while_running(api, bot, log, "sendMessage", 30, count=2, since=mark)
            api.add_fault(Fault("500", method="sendMessage", times=3))
            mark = api.call_count()
            api.push_update(message_update(5002, "hei"))
            wait_while_running(api, bot, log, "sendMessage", 30, since=mark)
            time.sleep(0.5)
        finally:
            code = stop(bot)
    text = log.read_text(encoding="utf-8", errors="replace")
    assert code == 0, text[-2000:]
    lines = text.splitlines()
    assert len(lines) > 20, "DEBUG logging of a run must produce lines to search"
    assert any(" DEBUG telegram" in line for line in lines), "PTB's request log is included"
    assert any(REDACTED in line for line in lines), "the token was there to be redacted"
    assert_no_secret(text)


def test_token_never_in_the_output_when_telegram_rejects_it(tmp_path: Path) -> None:
    """python-telegram-bot puts the rejected token into its InvalidToken message."""
    log = tmp_path / "bot.log"
    with FakeBotApi(token="111111:" + "x" * 35) as api:
        bot = start_bot(tmp_path, api, log, BOT_LOG_FORMAT="json")
        try:
            code = bot.wait(timeout=60)
        finally:
            stop(bot)
    text = log.read_text(encoding="utf-8", errors="replace")
    assert code != 0
    assert "TELEGRAM_BOT_TOKEN" in text or REDACTED in text, text[-2000:]
    assert_no_secret(text)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_listening(port: int, bot: subprocess.Popen, timeout: float = 30) -> None:
    """PTB registers the webhook just before its server accepts connections."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            assert bot.poll() is None and time.monotonic() < deadline, "webhook server not up"
            time.sleep(0.05)


def post_update(port: int, update: dict, secret: str | None) -> int:
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/telegram", data=json.dumps(update).encode(), headers=headers
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_webhook_mode_checks_the_secret_header_and_never_logs_it(tmp_path: Path) -> None:
    """What the reverse proxy forwards to: BOT_LISTEN:BOT_PORT on the path of BOT_WEBHOOK_URL,
    accepting only requests with the right X-Telegram-Bot-Api-Secret-Token."""
    log = tmp_path / "bot.log"
    port = free_port()
    url = "https://bot.example.no/telegram"
    with FakeBotApi() as api:
        bot = start_bot(
            tmp_path,
            api,
            log,
            BOT_WEBHOOK_URL=url,
            BOT_WEBHOOK_SECRET=WEBHOOK_SECRET,
            BOT_LISTEN="127.0.0.1",
            BOT_PORT=str(port),
        )
        try:
            wait_while_running(api, bot, log, "setWebhook", 60)
            (registered,) = api.calls("setWebhook")
            assert registered.params["url"] == url
            assert registered.params["secret_token"] == WEBHOOK_SECRET
            wait_until_listening(port, bot)
            mark = api.call_count()
            update = {"update_id": 1, **message_update(6001, "/start")}
            assert post_update(port, update, None) == 403
            assert post_update(port, update, "wrong-secret") == 403
            assert post_update(port, update, WEBHOOK_SECRET) == 200
            wait_while_running(api, bot, log, "sendMessage", 30, since=mark)
            assert {c.chat_id for c in api.calls("sendMessage")[-1:]} == {6001}
        finally:
            code = stop(bot)
    text = log.read_text(encoding="utf-8", errors="replace")
    assert code == 0, text[-2000:]
    assert any("setWebhook" in line for line in text.splitlines())
    assert WEBHOOK_SECRET not in text
    assert_no_secret(text)
