"""Reading Telegram's errors the same way everywhere: «retry after N seconds», and whether a
failed request can have reached Telegram (so a resend could deliver it twice)."""

from __future__ import annotations

import warnings
from datetime import timedelta

import httpx
from telegram.error import NetworkError, RetryAfter

SURELY_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
"""Transport errors raised before the request reached Telegram."""


def retry_seconds(exc: RetryAfter) -> float:
    """``retry_after`` in seconds whether PTB gives an int or a timedelta (PTB 22 warns that
    the type will become timedelta; both are accepted, the warning is not shown)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def surely_not_sent(exc: NetworkError) -> bool:
    """True when the failed request cannot have reached Telegram: the connection was never
    made, or Telegram itself answered with an error (5xx, no transport error behind it).
    False for a lost or late response: the message may have arrived, so it is not resent."""
    cause = exc.__cause__
    if cause is None:
        return True
    return isinstance(cause, SURELY_NOT_SENT)
