"""Per-chat conversation context, in memory, forgotten after 30 minutes of silence."""

from __future__ import annotations

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
