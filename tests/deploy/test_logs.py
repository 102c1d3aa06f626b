"""Logging: one line per event, plain or JSON, level by setting, no secret ever printed."""

from __future__ import annotations

import io
import json
import logging
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from bot.logs import REDACTED, redact, setup_logging
from bot.settings import Settings, load_settings
from tests.deploy.helpers import REPO_ROOT, SECRET_PART, TOKEN, clean_env

WEBHOOK_SECRET = "webhook-secret-Zq81"


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    """setup_logging changes process-wide state; put it back after each test."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    noisy = {name: logging.getLogger(name).level for name in ("httpx", "httpcore")}
    hooks = sys.excepthook, threading.excepthook
    yield
    for handler in root.handlers[:]:
        if handler not in handlers:
            root.removeHandler(handler)
    root.setLevel(level)
    for name, old in noisy.items():
        logging.getLogger(name).setLevel(old)
    sys.excepthook, threading.excepthook = hooks
    logging.captureWarnings(False)


def settings(tmp_path: Path, **values: str) -> Settings:
    env = {"TELEGRAM_BOT_TOKEN": TOKEN, "BOT_WEBHOOK_SECRET": WEBHOOK_SECRET, **values}
    return load_settings(env, tmp_path / "no.env")


def log_secrets_everywhere() -> int:
    """Log the token in a message, an argument, a URL, an exception and a traceback."""
    log = logging.getLogger("bot.test")
    log.info("token in message %s", TOKEN)
    log.info("calling https://api.telegram.org/bot%s/getUpdates", TOKEN)
    log.warning("url-encoded: %s", TOKEN.replace(":", "%3A"))
    log.info("secret header %s", WEBHOOK_SECRET)
    try:
        raise RuntimeError(f"The token `{TOKEN}` was rejected by the server.\nsecond line")
    except RuntimeError:
        log.exception("startup failed")
    log.error("with stack", stack_info=True, extra={"token_echo": TOKEN})
    return 6


def test_plain_lines_are_one_per_event_and_redacted(tmp_path: Path) -> None:
    stream = io.StringIO()
    setup_logging(settings(tmp_path), stream)
    events = log_secrets_everywhere()
    out = stream.getvalue()
    lines = out.splitlines()
    assert len(lines) == events
    assert TOKEN not in out and SECRET_PART not in out and WEBHOOK_SECRET not in out
    assert out.count(REDACTED) >= events
    assert "Traceback (most recent call last):" in lines[4]
    assert lines[4].split(" ")[1:3] == ["ERROR", "bot.test:"]
    assert "/bot<skjult>/getUpdates" in lines[1]


def test_json_lines_parse_and_are_redacted(tmp_path: Path) -> None:
    stream = io.StringIO()
    setup_logging(settings(tmp_path, BOT_LOG_FORMAT="json"), stream)
    events = log_secrets_everywhere()
    out = stream.getvalue()
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == events
    assert TOKEN not in out and SECRET_PART not in out and WEBHOOK_SECRET not in out
    assert {"time", "level", "logger", "message"} <= set(records[0])
    assert records[4]["level"] == "ERROR" and "RuntimeError" in records[4]["exc"]
    assert records[5]["token_echo"] == REDACTED
    assert records[0]["time"].endswith(("+01:00", "+02:00"))


def test_level_setting_and_quiet_libraries(tmp_path: Path) -> None:
    stream = io.StringIO()
    setup_logging(settings(tmp_path, BOT_LOG_LEVEL="warning"), stream)
    logging.getLogger("bot.x").info("hidden info")
    logging.getLogger("bot.x").warning("shown warning")
    out = stream.getvalue()
    assert "hidden info" not in out and "shown warning" in out

    stream = io.StringIO()
    setup_logging(settings(tmp_path, BOT_LOG_LEVEL="DEBUG"), stream)
    logging.getLogger("bot.x").debug("shown debug")
    logging.getLogger("httpx").info("HTTP Request: chatter")
    logging.getLogger("apscheduler.scheduler").info("job chatter")
    logging.getLogger("httpcore").warning("httpcore trouble")
    out = stream.getvalue()
    assert "shown debug" in out and "httpcore trouble" in out
    assert "chatter" not in out
    assert (
        len(logging.getLogger().handlers)
        == len([h for h in logging.getLogger().handlers if h.get_name() != "prisbot"]) + 1
    ), "calling setup_logging twice must not duplicate its handler"


def test_token_of_unknown_shape_and_unconfigured_token_are_redacted() -> None:
    other = "987654321:ZZZZbP0av28T0R3eZn5E7oWn1K9N8yGk0Qs"
    assert other not in redact(f"https://api.telegram.org/bot{other}/getMe")
    odd = "/bot42:shortbutsecret/getMe"
    assert "shortbutsecret" not in redact(f"POST http://127.0.0.1:9{odd}")


class _Ok(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        body = b'{"ok":true,"result":{}}'
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def test_real_httpx_request_log_is_redacted(tmp_path: Path) -> None:
    """httpx logs every request URL, which holds the token; with its chatter let through
    (as a curious operator might), the line still carries no token."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Ok)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        stream = io.StringIO()
        setup_logging(settings(tmp_path), stream)
        logging.getLogger("httpx").setLevel(logging.INFO)
        url = f"http://127.0.0.1:{server.server_address[1]}/bot{TOKEN}/getMe"
        with httpx.Client() as client:
            assert client.post(url).status_code == 200
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
    out = stream.getvalue()
    assert "HTTP Request: POST" in out
    assert TOKEN not in out and SECRET_PART not in out


@pytest.mark.slow
def test_uncaught_exception_goes_through_the_redacting_handler(tmp_path: Path) -> None:
    """A crash outside any handler (main thread and another thread) is logged, redacted."""
    import subprocess

    code = (
        "import threading\n"
        "from bot.logs import setup_logging\n"
        "from bot.settings import load_settings\n"
        "setup_logging(load_settings())\n"
        "def fail():\n"
        f"    raise ValueError('thread {TOKEN}')\n"
        "t = threading.Thread(target=fail)\n"
        "t.start()\n"
        "t.join()\n"
        f"raise SystemError('main {TOKEN}')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env=clean_env(TELEGRAM_BOT_TOKEN=TOKEN, PYTHONPATH=str(REPO_ROOT)),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    out = result.stdout + result.stderr
    assert result.returncode == 1
    assert TOKEN not in out and SECRET_PART not in out
    lines = out.splitlines()
    assert len(lines) == 2, out
    assert "uncaught exception in thread" in lines[0] and "ValueError" in lines[0]
    assert "CRITICAL" in lines[1] and "SystemError" in lines[1]
