"""End-to-end replies per second and reply latency: 100 chats asking at once through the fake
Bot API server (update injected → the bot's sendMessage received), real engine and real PTB.

The fake server runs as its own process (as Telegram would be), so it does not share the
bot's interpreter lock; latencies use the server's clock at both ends."""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import datetime
from pathlib import Path

from bot.clock import OSLO
from bot.settings import DEFAULT_KNOWLEDGE_DIR
from tests.fakebotapi import FakeBotApiProcess
from tests.fakebotapi import updates as U
from tests.telegram.harness import SettableClock, run_bot

CHATS = 100
ROUNDS = 10
QUESTIONS = [
    "hvem vant i 2014?",
    "hvem var nominert i 2021",
    "når stenger avstemningen?",
    "hva er kriteriene for prisen",
    "hvem vant i fjor",
    "vant Asker noen gang?",
    "og året før?",
    "hvem deler ut prisen",
    "hvme vnt 2019",
    "hva er hovedstaden i Mongolia",
]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    """Print replies/s and p50/p99 latency for ROUNDS rounds of CHATS simultaneous questions."""
    clock = SettableClock(datetime(2025, 3, 10, 12, 0, tzinfo=OSLO))
    latencies: list[float] = []
    failed = 0
    with tempfile.TemporaryDirectory() as tmp, FakeBotApiProcess(Path(tmp)) as api:
        runner, _ = run_bot(api, clock, Path(tmp) / "data", DEFAULT_KNOWLEDGE_DIR)  # type: ignore[arg-type]
        try:
            base_chat = 10_000
            started = time.monotonic()
            for round_no in range(ROUNDS):
                marker = api.call_count()
                injected: dict[int, float] = {}
                for n in range(CHATS):
                    chat = base_chat + n
                    question = QUESTIONS[(round_no + n) % len(QUESTIONS)]
                    injected[chat] = time.monotonic()
                    api.push_update(U.message_update(chat, question))
                asked = set(injected)
                calls = api.wait_for(
                    "sendMessage",
                    lambda c, asked=asked: c.chat_id in asked,
                    count=CHATS,
                    since=marker,
                    timeout=120,
                )
                failed += sum(
                    1 for c in calls if c.status != 200 or "noe gikk galt" in c.params["text"]
                )
                first_reply: dict[int, float] = {}
                for call in calls:
                    first_reply.setdefault(call.chat_id, call.at)
                latencies.extend(first_reply[c] - injected[c] for c in injected)
                clock.advance(seconds=11)  # keep the flood guard out of the measurement
            elapsed = time.monotonic() - started
        finally:
            runner.stop()
    total = CHATS * ROUNDS
    print(f"e2e: {total} spørsmål fra {CHATS} chatter samtidig, {ROUNDS} runder")
    print(f"e2e: {total / elapsed:.0f} svar/s")
    print(
        f"e2e: svartid p50 {percentile(latencies, 0.5) * 1000:.1f} ms, "
        f"p99 {percentile(latencies, 0.99) * 1000:.1f} ms, "
        f"snitt {statistics.mean(latencies) * 1000:.1f} ms"
    )
    print(f"e2e: {failed} av {total} svar var feil eller unnskyldninger")


if __name__ == "__main__":
    main()
