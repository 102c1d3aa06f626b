"""The outbox's scheduler and error reading on their own (no server): priorities, the group
window, which failures mean «surely not sent»."""

from __future__ import annotations

import asyncio

import httpx
from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut

from bot.retry import surely_not_sent
from bot.telegram.outbox import Outbox, Outcome
from bot.telegram.sendslots import Priority, SendLimits


def _raised_from(cause: Exception, error: NetworkError) -> NetworkError:
    try:
        raise error from cause
    except NetworkError as exc:
        return exc


def test_surely_not_sent_only_when_the_request_never_reached_telegram():
    request = httpx.Request("POST", "http://127.0.0.1/botT/sendMessage")
    refused = _raised_from(httpx.ConnectError("refused", request=request), NetworkError("x"))
    lost = _raised_from(httpx.RemoteProtocolError("closed", request=request), NetworkError("x"))
    late = _raised_from(httpx.ReadTimeout("slow", request=request), TimedOut())
    assert surely_not_sent(refused)
    assert surely_not_sent(NetworkError("Internal Server Error (500)"))  # Telegram answered
    assert not surely_not_sent(lost)
    assert not surely_not_sent(late)


def test_group_window_and_per_chat_spacing():
    outbox = Outbox(SendLimits(overall_per_second=1000, group_per_minute=3, margin=0.0))
    now = 100.0
    for _ in range(3):
        assert outbox._chat_ready(-5, now) <= now
        outbox._group_sends[-5].append(now)  # what a grant records
    assert outbox._chat_ready(-5, now) == now + 60.0  # the fourth waits for the window
    outbox._next_by_chat[7] = now + 1.0
    assert outbox._chat_ready(7, now) == now + 1.0


async def test_answers_pass_a_reminder_run_within_one_slot():
    outbox = Outbox(SendLimits(overall_per_second=20, margin=0.0))  # one slot = 50 ms
    loop = asyncio.get_running_loop()
    grants: list[tuple[str, float]] = []
    stop = asyncio.Event()

    async def reminders(chat: int) -> None:
        while not stop.is_set():
            await outbox.acquire(chat, Priority.REMINDER)
            grants.append(("reminder", loop.time()))
            chat += 100  # a new subscriber each time (no per-chat wait)

    workers = [asyncio.create_task(reminders(n)) for n in range(1, 9)]
    await asyncio.sleep(0.3)
    asked = loop.time()
    await outbox.acquire(99_999, Priority.ANSWER)
    answered = loop.time()
    stop.set()
    await outbox.close(0)
    await asyncio.gather(*workers, return_exceptions=True)
    reminders_between = [t for kind, t in grants if asked < t < answered]
    assert len(reminders_between) <= 1, reminders_between
    assert answered - asked <= 0.05 * 2 + 0.05  # at most one slot (plus timer slack)


async def test_jobs_of_a_chat_run_in_order_and_retry_after_holds_everyone():
    outbox = Outbox(SendLimits(overall_per_second=1000, per_chat_interval=0.0, margin=0.0))
    loop = asyncio.get_running_loop()
    done: list[tuple[str, float]] = []
    failures = iter([RetryAfter(1)])

    async def send(name: str) -> None:
        if name == "a1":
            failure = next(failures, None)
            if failure is not None:
                raise failure
        done.append((name, loop.time()))

    started = loop.time()
    futures = [outbox.submit(1, lambda n=n: send(n)) for n in ("a1", "a2", "a3")]
    await asyncio.sleep(0.05)
    other = outbox.submit(2, lambda: send("b1"))
    assert await asyncio.gather(*futures, other) == [Outcome.SENT] * 4
    assert [name for name, _ in done if name.startswith("a")] == ["a1", "a2", "a3"]
    assert all(at - started >= 1.0 for _, at in done)  # chat 2 waited for the 429 too
    await outbox.close(0)


async def test_refused_send_calls_on_failed_and_lost_response_does_not():
    outbox = Outbox(SendLimits(overall_per_second=1000, per_chat_interval=0.0, margin=0.0))
    failed: list[str] = []
    request = httpx.Request("POST", "http://127.0.0.1/botT/sendMessage")

    async def refused() -> None:
        raise BadRequest("Bad Request: chat not found")

    async def lost() -> None:
        raise NetworkError("lost") from httpx.RemoteProtocolError("closed", request=request)

    first = outbox.submit(1, refused, on_failed=lambda exc: failed.append(str(exc)))
    second = outbox.submit(1, lost, on_failed=lambda exc: failed.append(str(exc)))
    assert await first == Outcome.FAILED and await second == Outcome.UNCERTAIN
    assert failed == ["Chat not found"]
    await outbox.close(0)
