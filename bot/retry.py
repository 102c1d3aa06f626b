"""Reading Telegram's «retry after N seconds» the same way everywhere."""

from __future__ import annotations

import warnings
from datetime import timedelta

from telegram.error import RetryAfter


def retry_seconds(exc: RetryAfter) -> float:
    """``retry_after`` in seconds whether PTB gives an int or a timedelta (PTB 22 warns that
    the type will become timedelta; both are accepted, the warning is not shown)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)
