"""Questions the engine could not answer well, kept for curators (no user or chat id).

Rows go to the ``unanswered`` table of schema v1: question text, time, the engine's best guess
(intent and confidence) and why it was kept (``unmatched`` or ``low_confidence``). What looks
like personal data — e-mail addresses, 11-digit national identity numbers, phone numbers — is
replaced by a placeholder before the text is stored (:func:`scrub`).
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Any

MAX_STORED_CHARS = 500
LOW_CONFIDENCE = 0.6
"""Answers below this confidence are kept even when the engine did answer."""


@dataclass(frozen=True)
class UnansweredGroup:
    """Questions that read the same once lower-cased and stripped of punctuation."""

    question: str
    count: int
    first_asked: str
    last_asked: str
    best_intent: str | None
    confidence: float | None
    reason: str


def reason_for(matched: bool, confidence: float) -> str | None:
    """Why an answer should be kept for curators, or ``None`` when it was good."""
    if not matched:
        return "unmatched"
    if confidence < LOW_CONFIDENCE:
        return "low_confidence"
    return None


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_NATIONAL_ID = re.compile(r"(?<!\d)\d{6}[ .-]?\d{5}(?!\d)")
_PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)\d{1,3}[ .-]?)?"
    r"(?:\d{8}|\d{2}(?:[ .-]\d{2}){3}|\d{3}[ .-]\d{2}[ .-]\d{3})(?!\w)"
    r"|\+\d[\d .-]{6,}\d"
)
"""Norwegian numbers (8 digits, as 12345678, 12 34 56 78 or 123 45 678, with or without
+47/0047) and any number written with a leading +. Years («2013 2014») are not touched."""


def scrub(question: str) -> str:
    """``question`` with e-mail addresses, national ids and phone numbers replaced."""
    question = _EMAIL.sub("[e-post]", question)
    question = _NATIONAL_ID.sub("[personnummer]", question)
    return _PHONE.sub("[telefon]", question)


def record(
    conn: sqlite3.Connection,
    question: str,
    asked_at: datetime,
    best_intent: str | None,
    confidence: float | None,
    reason: str,
) -> None:
    """Store one question, personal data scrubbed (:func:`scrub`), cut to 500 characters."""
    conn.execute(
        "INSERT INTO unanswered (question, asked_at, best_intent, confidence, reason) "
        "VALUES (?, ?, ?, ?, ?)",
        (scrub(question)[:MAX_STORED_CHARS], asked_at.isoformat(), best_intent, confidence, reason),
    )


def count(conn: sqlite3.Connection) -> int:
    """Number of stored questions."""
    return int(conn.execute("SELECT count(*) FROM unanswered").fetchone()[0])


_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)


def group_key(question: str) -> str:
    """Lower-cased, punctuation-free, whitespace-collapsed form used for grouping."""
    return " ".join(_PUNCT.sub(" ", question.lower()).split())


def grouped(conn: sqlite3.Connection, since: datetime | None = None) -> list[UnansweredGroup]:
    """Stored questions grouped by :func:`group_key`, most asked first."""
    query = "SELECT question, asked_at, best_intent, confidence, reason FROM unanswered"
    params: tuple[str, ...] = ()
    if since is not None:
        query += " WHERE asked_at >= ?"
        params = (since.isoformat(),)
    groups: dict[str, dict[str, Any]] = {}
    for row in conn.execute(query + " ORDER BY asked_at", params):
        key = group_key(row["question"]) or row["question"]
        entry = groups.get(key)
        if entry is None:
            groups[key] = entry = {
                "question": row["question"],
                "count": 0,
                "first": row["asked_at"],
                "last": row["asked_at"],
                "intent": row["best_intent"],
                "confidence": row["confidence"],
                "reason": row["reason"],
            }
        entry["count"] += 1
        entry["last"] = row["asked_at"]
        entry["intent"], entry["confidence"] = row["best_intent"], row["confidence"]
        entry["reason"] = row["reason"]
    result = [
        UnansweredGroup(
            e["question"],
            e["count"],
            e["first"],
            e["last"],
            e["intent"],
            e["confidence"],
            e["reason"],
        )
        for e in groups.values()
    ]
    result.sort(key=lambda g: g.last_asked, reverse=True)
    result.sort(key=lambda g: -g.count)
    return result
