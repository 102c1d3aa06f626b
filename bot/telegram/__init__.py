"""Telegram front end on python-telegram-bot v22: `build_application` in `app.py`."""

import os

# PTB 22 opt-in: time periods (a 429's retry_after) as datetime.timedelta, the type PTB will
# use from its next major version. Our code reads both (bot/retry.py); opting in
# keeps PTB's deprecation warning out of the logs on every 429.
os.environ.setdefault("PTB_TIMEDELTA", "true")
