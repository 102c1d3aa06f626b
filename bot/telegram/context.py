"""Per-chat conversation context, in memory, forgotten after 30 minutes of silence."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta

from bot.clock import Clock
from bot.engine.types import CONTEXT_TTL, Conversation


class ConversationStore:
    """``Conversation`` objects keyed by chat id; expired ones are reset on access and pruned."""

    def __init__(self, clock: Clock, ttl: timedelta = CONTEXT_TTL, prune_every: int = 500) -> None:
        self._clock = clock
        self._ttl = ttl
        self._chats: dict[int, Conversation] = {}
        self._prune_every = prune_every
        self._accesses = 0

    def get(self, chat_id: int) -> Conversation:
        """The chat's context (a fresh one when missing or expired)."""
        now = self._clock()
        self._accesses += 1
        if self._accesses % self._prune_every == 0:
            self.prune()
        conversation = self._chats.get(chat_id)
        if conversation is None:
            conversation = self._chats[chat_id] = Conversation()
        elif conversation.expired(now, self._ttl):
            conversation.reset()
        return conversation

    def forget(self, chat_id: int) -> bool:
        """Drop the chat's context; True when there was one."""
        return self._chats.pop(chat_id, None) is not None

    def prune(self) -> int:
        """Drop every expired context; returns how many were dropped."""
        now = self._clock()
        stale = [cid for cid, conv in self._chats.items() if conv.expired(now, self._ttl)]
        for chat_id in stale:
            del self._chats[chat_id]
        return len(stale)

    def __len__(self) -> int:
        return len(self._chats)

    def __contains__(self, chat_id: object) -> bool:
        return chat_id in self._chats


class ChatLocks:
    """One FIFO lock per chat, so a chat's answers go out in the order its questions came,
    while different chats are served concurrently. Unused locks are dropped."""

    def __init__(self) -> None:
        self._locks: dict[int, asyncio.Lock] = {}
        self._holders: dict[int, int] = {}

    @asynccontextmanager
    async def hold(self, chat_id: int) -> AsyncIterator[None]:
        lock = self._locks.setdefault(chat_id, asyncio.Lock())
        self._holders[chat_id] = self._holders.get(chat_id, 0) + 1
        try:
            async with lock:
                yield
        finally:
            self._holders[chat_id] -= 1
            if not self._holders[chat_id]:
                del self._holders[chat_id]
                del self._locks[chat_id]

    def __len__(self) -> int:
        return len(self._locks)
