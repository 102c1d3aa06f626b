"""The outbox under Telegram's limits: the fake Bot API runs as its own process enforcing 30
messages/s overall, 1/s per chat and 20/min per group; the real bot (real engine, real PTB,
the outbox keeping Telegram's limits) answers.

Prints, on the server's clock (CLOCK_MONOTONIC, shared by both processes): the answer time of
5 chats asking on an idle bot; the wait of the same 5 bystanders while 3 chats each send 18
quick questions (max and p99 against idle); and 200 users asking at once — answers lost,
p50/p99 and the last answer against the physical minimum (messages ÷ 30/s), 429s received.
"""

from __future__ import annotations

import contextlib
import tempfile
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

from bot.clock import OSLO
from bot.settings import DEFAULT_KNOWLEDGE_DIR
from bot.telegram.sendslots import TELEGRAM_LIMITS
from tests.fakebotapi import FakeBotApiClient, FakeBotApiProcess
from tests.fakebotapi import updates as U
from tests.telegram.harness import SettableClock, run_bot

RATE = 30.0
USERS = 200
BUSY = (3001, 3002, 3003)
BUSY_QUESTIONS = 18
BYSTANDERS = (3101, 3102, 3103, 3104, 3105)
APOLOGY = "noe gikk galt"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def ask_at_once(api: FakeBotApiClient, chats: list[int], timeout: float) -> tuple[dict, list]:
    """Every chat asks one question at the same moment; returns each chat's wait for its
    first accepted answer (chats without one are missing) and the calls seen."""
    marker = api.call_count()
    asked: dict[int, float] = {}
    for chat in chats:
        asked[chat] = time.monotonic()
        api.push_update(U.message_update(chat, "hvem vant i 2014?"))
    with contextlib.suppress(TimeoutError):
        api.wait_for(
            "sendMessage",
            lambda c: c.chat_id in asked and c.status == 200,
            count=len(chats),
            since=marker,
            timeout=timeout,
        )
    calls = [c for c in api.calls("sendMessage", since=marker) if c.chat_id in asked]
    waits: dict[int, float] = {}
    for call in calls:
        if call.status == 200 and call.chat_id not in waits:
            waits[call.chat_id] = call.at - asked[call.chat_id]
    return waits, calls


def main() -> None:
    """Run the three scenarios against one bot and print their figures."""
    clock = SettableClock(datetime(2025, 3, 10, 12, 0, tzinfo=OSLO))
    with tempfile.TemporaryDirectory() as tmp, FakeBotApiProcess(Path(tmp), rate=RATE) as api:
        runner, harness = run_bot(
            api,  # type: ignore[arg-type]
            clock,
            Path(tmp) / "data",
            DEFAULT_KNOWLEDGE_DIR,
            send_limits=TELEGRAM_LIMITS,
        )
        try:
            idle, _ = ask_at_once(api, list(BYSTANDERS), timeout=10)
            for busy in BUSY:
                for n in range(BUSY_QUESTIONS):
                    api.push_update(U.message_update(busy, f"hvem vant i {2008 + n % 10}?"))
            waits: list[float] = []
            for _ in range(3):
                time.sleep(0.8)
                found, _ = ask_at_once(api, list(BYSTANDERS), timeout=10)
                waits += list(found.values())
            time.sleep(BUSY_QUESTIONS * 1.1)  # let the busy chats' backlog drain
            clock.advance(seconds=11)
            chats = list(range(40_000, 40_000 + USERS))
            started = time.monotonic()
            answered, calls = ask_at_once(api, chats, timeout=60)
            accepted_at = [c.at for c in calls if c.status == 200]
            last = max(accepted_at, default=float("nan")) - started
            apologies = sum(1 for c in calls if APOLOGY in c.params.get("text", ""))
            accepted = Counter(c.chat_id for c in calls if c.status == 200)
            twice = sum(n - 1 for n in accepted.values())
            rate_429s = api.rate_429s()
            dropped = harness.services.outbox.stats.dropped
        finally:
            runner.stop()
    minimum = USERS / RATE
    idle_values = list(idle.values())
    print("outbox: server enforces 30 msg/s overall, 1/s per chat, 20/min per group")
    print(
        f"outbox: idle answer p50 {percentile(idle_values, 0.5) * 1000:.0f} ms, "
        f"max {max(idle_values) * 1000:.0f} ms ({len(idle_values)} chats)"
    )
    print(
        f"outbox: bystanders while {len(BUSY)} chats send {BUSY_QUESTIONS} quick questions "
        f"each: max wait {max(waits) * 1000:.0f} ms, p99 {percentile(waits, 0.99) * 1000:.0f} ms "
        f"(target p99 within 1000 ms of idle) over {len(waits)} answers"
    )
    values = list(answered.values())
    print(
        f"outbox: {USERS} users at once: {USERS - len(answered)} lost (target 0), "
        f"{apologies} apologies, {twice} sent twice, {dropped} dropped"
    )
    print(
        f"outbox: p50 {percentile(values, 0.5):.2f} s, p99 {percentile(values, 0.99):.2f} s, "
        f"last {last:.2f} s after the first question; physical minimum {minimum:.2f} s "
        f"({USERS} ÷ 30/s): last = {last / minimum:.2f} × minimum (target ≤ 1.15)"
    )
    print(f"outbox: 429s from the server: {rate_429s} (target 0)")


if __name__ == "__main__":
    main()
