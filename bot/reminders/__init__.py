"""Voting-deadline reminders: schedule from the fact base, SQLite ledger, rate-limited sender.

Modules: ``schedule`` (pure: windows × rules → reminders), ``texts`` (``reminders.*`` UI texts),
``limiter`` (Telegram flood limits), ``sender`` (exactly-once-in-practice delivery),
``service`` (the loop started in post_init). The Telegram handlers live in
``bot/telegram/reminders.py``; nothing here knows PTB's handlers.
"""
