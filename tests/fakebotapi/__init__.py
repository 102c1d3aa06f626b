"""A fake Telegram Bot API server for offline end-to-end tests (see README.md here)."""

from tests.fakebotapi.client import FakeBotApiClient
from tests.fakebotapi.process import FakeBotApiProcess
from tests.fakebotapi.server import BOT_ID, BOT_USERNAME, Call, FakeBotApi, Fault, RateLimits

__all__ = [
    "BOT_ID",
    "BOT_USERNAME",
    "Call",
    "FakeBotApi",
    "FakeBotApiClient",
    "FakeBotApiProcess",
    "Fault",
    "RateLimits",
]
