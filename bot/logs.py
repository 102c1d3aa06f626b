"""Logging for every command: one line per event, plain or JSON, secrets redacted.

``setup_logging(settings)`` installs one handler on the root logger. Its formatter redacts the
bot token, the webhook secret and any ``<digits>:<secret>`` bot token (as found in Bot API URLs
that httpx and python-telegram-bot log) from the *finished* line, so messages, arguments,
exceptions and tracebacks are all covered. Uncaught exceptions in the main thread and in other
threads are routed through the same handler instead of being printed raw to stderr.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import threading
from collections.abc import Iterable
from datetime import datetime
from types import TracebackType
from typing import IO, Any, Protocol

from bot.clock import OSLO

REDACTED = "<skjult>"
TOKEN_IN_TEXT = re.compile(r"\d{5,16}(?::|%3A)[A-Za-z0-9_-]{30,64}", re.IGNORECASE)
"""Anything shaped like a Telegram bot token (also URL-encoded), even one we were not told."""

BOT_URL_FRAGMENT = re.compile(r"/bot\d+:[^/\s\"'<>?#]+")
"""``/bot<id>:<secret>`` in a Bot API URL, even when the secret has an unusual shape."""

NOISY_LOGGERS = ("httpx", "httpcore", "apscheduler", "hpack", "urllib3", "matplotlib", "PIL")
"""Libraries whose INFO/DEBUG chatter (one line per HTTP request, per job run) we silence."""

HANDLER_NAME = "prisbot"
MIN_SECRET_LENGTH = 4
"""Shorter secrets are not redacted literally (they would mangle ordinary words)."""

STANDARD_RECORD_FIELDS = frozenset(
    logging.LogRecord("", 0, "", 0, "", None, None).__dict__.keys()
    | {"message", "asctime", "taskName"}
)


class LogSettings(Protocol):
    """The part of :class:`bot.settings.Settings` logging needs."""

    @property
    def token(self) -> str | None: ...
    @property
    def webhook_secret(self) -> str | None: ...
    @property
    def log_format(self) -> str: ...
    @property
    def log_level(self) -> str: ...


class Redactor:
    """Replaces known secrets and anything shaped like a bot token with ``<skjult>``."""

    def __init__(self, secrets: Iterable[str | None] = ()) -> None:
        known = {s for s in secrets if s and len(s) >= MIN_SECRET_LENGTH}
        known |= {s.replace(":", "%3A") for s in known}
        self.secrets = sorted(known, key=len, reverse=True)

    def __call__(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        text = BOT_URL_FRAGMENT.sub(f"/bot{REDACTED}", text)
        return TOKEN_IN_TEXT.sub(REDACTED, text)


_redactor = Redactor()


def redact(text: str) -> str:
    """Remove the configured secrets and any bot token from ``text`` (for any output)."""
    return _redactor(text)


def _timestamp(record: logging.LogRecord) -> str:
    return datetime.fromtimestamp(record.created, OSLO).isoformat(timespec="milliseconds")


def _extras(record: logging.LogRecord) -> dict[str, Any]:
    return {k: v for k, v in record.__dict__.items() if k not in STANDARD_RECORD_FIELDS}


class PlainFormatter(logging.Formatter):
    """``2026-02-01T09:00:00.123+01:00 INFO bot.x: message key=value`` on one line.

    Line breaks inside the message or a traceback are written as ``\\n`` so that one event
    stays one line in journald, ``docker logs`` and any line-based collector.
    """

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        extras = " ".join(f"{k}={v!r}" for k, v in _extras(record).items())
        line = f"{_timestamp(record)} {record.levelname} {record.name}: {message}"
        if extras:
            line += f" {extras}"
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        if record.stack_info:
            line += "\n" + self.formatStack(record.stack_info)
        return redact(line.rstrip("\n").replace("\r", "").replace("\n", "\\n"))


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, extras and ``exc``."""

    def format(self, record: logging.LogRecord) -> str:
        event: dict[str, Any] = {
            "time": _timestamp(record),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        event.update(_extras(record))
        if record.exc_info:
            event["exc"] = self.formatException(record.exc_info)
        if record.stack_info:
            event["stack"] = self.formatStack(record.stack_info)
        return redact(json.dumps(event, ensure_ascii=False, default=str))


def _log_uncaught(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    logging.getLogger("bot").critical("uncaught exception", exc_info=(exc_type, exc, tb))


def _log_uncaught_in_thread(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is None:
        return
    logging.getLogger("bot").critical(
        "uncaught exception in thread %s",
        args.thread.name if args.thread else "?",
        exc_info=(args.exc_type, args.exc_value, args.exc_traceback),
    )


def setup_logging(settings: LogSettings, stream: IO[str] | None = None) -> logging.Handler:
    """Configure the root logger from ``BOT_LOG_FORMAT``/``BOT_LOG_LEVEL``; return the handler.

    Safe to call more than once (the previous Prisbot handler is replaced). Logs go to
    ``stream`` (default stderr), which journald and ``docker logs`` collect.
    """
    global _redactor
    _redactor = Redactor([settings.token, settings.webhook_secret])
    handler = logging.StreamHandler(stream if stream is not None else sys.stderr)
    handler.set_name(HANDLER_NAME)
    handler.setFormatter(JsonFormatter() if settings.log_format == "json" else PlainFormatter())
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == HANDLER_NAME]:
        root.removeHandler(old)
        old.close()
    root.addHandler(handler)
    root.setLevel(settings.log_level)
    for name in NOISY_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    logging.captureWarnings(True)
    sys.excepthook = _log_uncaught
    threading.excepthook = _log_uncaught_in_thread
    return handler
