"""Callback data for inline buttons: versioned, at most 64 bytes, forged data detected.

Format: ``p1|<kind>|<payload>``. ``p1`` is the codec version; data with another prefix, an
unknown kind or a payload that does not parse decodes to ``None`` (the caller replies politely).
Questions too long for 64 bytes are kept in a small in-memory table and referenced by key;
after a restart such keys are stale and also decode to ``None``.

A confirmation («Ja, slett») carries a one-time token the bot issued to that chat and keeps
server-side: callback data typed by a forger (``p1|dy|…``) decodes to ``None``, so no action
that needs a confirmation can be reached without it.
"""

from __future__ import annotations

import hashlib
import secrets
from collections import OrderedDict
from dataclasses import dataclass

VERSION = "p1"
PATTERN = rf"^{VERSION}\|"
MAX_BYTES = 64

ASK = "q"
"""Ask the engine ``payload`` (a question)."""
EXAMPLE = "e"
"""Ask the example question ``payload`` (a /start button) as a new topic, without context."""
ASK_REF = "r"
"""Ask a question stored in the table under ``payload``."""
MAP = "m"
"""Send the map for year ``payload`` (empty = all years)."""
TIMELINE = "t"
"""Send the timeline."""
SUBSCRIBE = "s"
"""Subscribe to reminders."""
FORGET_YES = "dy"
"""Confirm /slettmeg; ``payload`` is a one-time token from :meth:`CallbackCodec.confirmation`."""
FORGET_NO = "dn"
SOURCES = "k"
"""Send the sources an answer did not show («Flere kilder»); ``payload`` references the source
keys kept in the table (see :meth:`CallbackCodec.more_sources`)."""

KINDS = frozenset({ASK, EXAMPLE, ASK_REF, MAP, TIMELINE, SUBSCRIBE, FORGET_YES, FORGET_NO, SOURCES})


@dataclass(frozen=True)
class Action:
    """A decoded button press."""

    kind: str
    payload: str = ""


class CallbackCodec:
    """Encode and decode button data; remembers long questions (bounded LRU)."""

    def __init__(self, capacity: int = 5000) -> None:
        self._stored: OrderedDict[str, str] = OrderedDict()
        self._capacity = capacity
        self._confirmations: OrderedDict[str, int] = OrderedDict()

    def confirmation(self, kind: str, chat_id: int) -> str:
        """Callback data for confirming ``kind`` in ``chat_id``: a fresh one-time token, kept
        here (bounded; forgotten at a restart, when the button answers as stale)."""
        token = secrets.token_hex(8)
        self._confirmations[token] = chat_id
        while len(self._confirmations) > self._capacity:
            self._confirmations.popitem(last=False)
        return f"{VERSION}|{kind}|{token}"

    def redeem(self, token: str, chat_id: int) -> bool:
        """True once for a token issued to ``chat_id``; then it is gone."""
        if self._confirmations.get(token) != chat_id:
            return False
        del self._confirmations[token]
        return True

    def encode(self, kind: str, payload: str = "") -> str:
        """Return callback data for ``kind`` and ``payload`` (always ≤ 64 bytes)."""
        if kind not in KINDS:
            raise ValueError(f"unknown callback kind {kind!r}")
        data = f"{VERSION}|{kind}|{payload}"
        if len(data.encode("utf-8")) <= MAX_BYTES:
            return data
        if kind not in (ASK, EXAMPLE):
            raise ValueError(f"callback payload too long for {kind!r}")
        key = hashlib.blake2b(payload.encode("utf-8"), digest_size=12).hexdigest()
        self._stored[key] = payload
        self._stored.move_to_end(key)
        while len(self._stored) > self._capacity:
            self._stored.popitem(last=False)
        return f"{VERSION}|{ASK_REF}|{key}"

    def more_sources(self, keys: list[str]) -> str:
        """Callback data for «Flere kilder»: the source keys are kept in the table."""
        payload = ",".join(keys)
        key = hashlib.blake2b(f"k|{payload}".encode(), digest_size=12).hexdigest()
        self._stored[key] = payload
        self._stored.move_to_end(key)
        while len(self._stored) > self._capacity:
            self._stored.popitem(last=False)
        return f"{VERSION}|{SOURCES}|{key}"

    def decode(self, data: str | None) -> Action | None:
        """Return the action, or ``None`` for forged, foreign-version or stale data."""
        if not data or len(data.encode("utf-8")) > MAX_BYTES:
            return None
        parts = data.split("|", 2)
        if len(parts) != 3 or parts[0] != VERSION or parts[1] not in KINDS:
            return None
        kind, payload = parts[1], parts[2]
        if kind == ASK_REF:
            question = self._stored.get(payload)
            return Action(ASK, question) if question else None
        if kind == SOURCES:
            keys = self._stored.get(payload)
            return Action(SOURCES, keys) if keys else None
        if kind in (ASK, EXAMPLE) and not payload.strip():
            return None
        if kind == MAP and payload and not (payload.isdigit() and len(payload) == 4):
            return None
        if kind in (TIMELINE, SUBSCRIBE, FORGET_NO) and payload:
            return None
        if kind == FORGET_YES and payload not in self._confirmations:
            return None
        return Action(kind, payload)
