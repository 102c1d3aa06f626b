"""``python -m bot run`` as a real process against the fake Bot API server, and its exit codes."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.fakebotapi import FakeBotApi
from tests.fakebotapi import updates as U
from tests.telegram.harness import TOKEN

pytestmark = pytest.mark.slow  # every test here starts a process

REPO = Path(__file__).resolve().parents[2]


def bot_env(tmp_path: Path, **values: str) -> dict[str, str]:
    """A clean environment: no settings but those given; the repo importable from tmp_path."""
    python_path = os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH")) if p)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "BOT_DATA_DIR": str(tmp_path / "data"),
        "HOME": str(tmp_path),
        "PYTHONPATH": python_path,
    }
    env.update(values)
    return env


def start_bot(env: dict[str, str], tmp_path: Path) -> subprocess.Popen[str]:
    """``python -m bot run`` in the background (the caller stops it by its pid)."""
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "run"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def run_bot(env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("token", ["", "not-a-token", "123:short"])
def test_missing_or_malformed_token_exits_2_with_one_line(tmp_path: Path, token: str):
    result = run_bot(bot_env(tmp_path, TELEGRAM_BOT_TOKEN=token), tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "TELEGRAM_BOT_TOKEN" in lines[0]
    assert "Traceback" not in result.stderr


def test_token_rejected_by_telegram_exits_2(tmp_path: Path):
    with FakeBotApi(token="999:" + "Z" * 35) as api:
        env = bot_env(tmp_path, TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=api.base_url)
        result = run_bot(env, tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("feil: Telegram godtok ikke")
    assert TOKEN not in result.stderr


def test_python_m_bot_run_answers_through_the_fake_server(tmp_path: Path):
    knowledge = tmp_path / "kunnskap"  # BOT_KNOWLEDGE_DIR is honoured: a curator's copy
    shutil.copytree(REPO / "knowledge", knowledge)
    texts = knowledge / "texts" / "telegram.yaml"
    texts.write_text(
        texts.read_text("utf-8").replace("Jeg er Prisbot.", "Jeg er Testbot."), "utf-8"
    )
    with FakeBotApi() as api:
        env = bot_env(
            tmp_path,
            TELEGRAM_BOT_TOKEN=TOKEN,
            TELEGRAM_API_BASE_URL=api.base_url,
            BOT_KNOWLEDGE_DIR=str(knowledge),
            BOT_ADMIN_IDS="31, 32",
        )
        proc = start_bot(env, tmp_path)
        try:
            api.wait_for("setMyCommands", timeout=30)
            api.push_update(U.message_update(601, "/start"))
            [welcome] = api.wait_for("sendMessage", lambda c: c.chat_id == 601, timeout=15)
            assert "Jeg er Testbot." in welcome.params["text"]
            assert api.calls("deleteWebhook"), "polling mode removes any webhook first"
            api.push_update(U.message_update(32, "/status"))  # BOT_ADMIN_IDS is honoured
            [status] = api.wait_for("sendMessage", lambda c: c.chat_id == 32, timeout=15)
            assert "Oppe i" in status.params["text"]
            assert {"chat:31", "chat:32"} <= set(api.info()["commands_by_scope"])
        finally:
            os.kill(proc.pid, signal.SIGTERM)
            _, stderr = proc.communicate(timeout=20)
    assert proc.returncode == 0, stderr
    assert TOKEN not in stderr and "Traceback" not in stderr
    assert (tmp_path / "data" / "prisbot.sqlite3").exists()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def post_update(port: int, update: dict, secret: str, wait: float = 10.0) -> int:
    """POST an update to the bot's webhook the way Telegram does; returns the HTTP status."""
    deadline = time.monotonic() + wait
    while True:
        try:
            return _post(port, update, secret)
        except urllib.error.URLError:  # the webhook server is still starting
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def _post(port: int, update: dict, secret: str) -> int:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/hook/prisbot",
        data=json.dumps({"update_id": 1, **update}).encode(),
        headers={"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": secret},
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_webhook_mode_sets_the_webhook_and_checks_the_secret(tmp_path: Path):
    port = free_port()
    with FakeBotApi() as api:
        env = bot_env(
            tmp_path,
            TELEGRAM_BOT_TOKEN=TOKEN,
            TELEGRAM_API_BASE_URL=api.base_url,
            BOT_WEBHOOK_URL="https://bot.example.org/hook/prisbot",
            BOT_LISTEN="127.0.0.1",
            BOT_PORT=str(port),
            BOT_WEBHOOK_SECRET="hemmelig-123",
        )
        proc = start_bot(env, tmp_path)
        try:
            [hook] = api.wait_for("setWebhook", timeout=30)
            assert hook.params["url"] == "https://bot.example.org/hook/prisbot"
            assert hook.params["secret_token"] == "hemmelig-123"
            api.wait_for("setMyCommands", timeout=10)
            update = U.message_update(602, "/hjelp")
            assert post_update(port, update, "feil-hemmelighet") == 403
            assert post_update(port, update, "hemmelig-123") == 200
            [reply] = api.wait_for("sendMessage", lambda c: c.chat_id == 602, timeout=10)
            assert "Slik bruker du meg" in reply.params["text"]
            assert len(api.calls("sendMessage")) == 1
        finally:
            os.kill(proc.pid, signal.SIGTERM)
            _, stderr = proc.communicate(timeout=20)
    assert proc.returncode == 0, stderr
    assert "hemmelig-123" not in stderr and TOKEN not in stderr


def test_make_run_without_token_starts_the_terminal_chat(tmp_path: Path):
    """``make run`` = ``python -m bot start``: no token → a Norwegian notice, then the chat."""
    result = subprocess.run(
        [sys.executable, "-m", "bot", "start"],
        cwd=tmp_path,
        env=bot_env(tmp_path),
        input="hvem vant i 2014?\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    first = result.stdout.splitlines()[0]
    assert "TELEGRAM_BOT_TOKEN" in first and "terminalen" in first
    assert "Drammen" in result.stdout


def test_make_run_with_token_in_dotenv_starts_polling(tmp_path: Path):
    """The token and the API address may come from ``.env`` in the working directory."""
    with FakeBotApi() as api:
        (tmp_path / ".env").write_text(
            f"# lokalt\nTELEGRAM_BOT_TOKEN={TOKEN}\nTELEGRAM_API_BASE_URL={api.base_url}\n",
            encoding="utf-8",
        )
        proc = subprocess.Popen(
            [sys.executable, "-m", "bot", "start"],
            cwd=tmp_path,
            env=bot_env(tmp_path),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            api.wait_for("setMyCommands", timeout=30)
            api.push_update(U.message_update(603, "hvem vant i 2014?"))
            [reply] = api.wait_for("sendMessage", lambda c: c.chat_id == 603, timeout=15)
            assert "Drammen" in reply.params["text"]
        finally:
            os.kill(proc.pid, signal.SIGTERM)
            stdout, stderr = proc.communicate(timeout=20)
    assert proc.returncode == 0, stderr
    assert "terminalen" not in stdout and TOKEN not in stderr + stdout


def test_webhook_mode_refuses_to_start_without_a_secret(tmp_path: Path):
    env = bot_env(
        tmp_path,
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_BASE_URL="http://127.0.0.1:9/bot",  # never reached
        BOT_WEBHOOK_URL="https://bot.example.org/hook/prisbot",
    )
    result = run_bot(env, tmp_path)
    assert result.returncode == 2
    assert "BOT_WEBHOOK_SECRET mangler" in result.stderr and TOKEN not in result.stderr
