"""Telegram front end on python-telegram-bot v22: `build_application` in `app.py`."""
