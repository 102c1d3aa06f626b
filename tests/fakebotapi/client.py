"""Drive a fake Bot API server running in another process, through its /_test/ endpoints."""

from __future__ import annotations

import json
import time
import urllib.request
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from tests.fakebotapi.server import Call, Fault, RateLimits


class FakeBotApiClient:
    """The same test-side API as :class:`FakeBotApi`, over HTTP (for the subprocess mode)."""

    def __init__(self, port: int) -> None:
        self.port = port

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        return f"{self.url}/bot"

    def _post(self, action: str, payload: Any = None) -> Any:
        data = json.dumps(payload if payload is not None else {}).encode()
        request = urllib.request.Request(
            f"{self.url}/_test/{action}",
            data=data,
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())

    def push_update(self, update: dict[str, Any]) -> int:
        return int(self._post("push_update", update)["update_id"])

    def calls(self, method: str | None = None, since: int = 0) -> list[Call]:
        raw = self._post("calls", {"method": method, "since": since})
        return [Call(**item) for item in raw]

    def call_count(self) -> int:
        return int(self._post("call_count"))

    def wait_for(
        self,
        method: str,
        predicate: Callable[[Call], bool] | None = None,
        timeout: float = 5.0,
        count: int = 1,
        since: int = 0,
    ) -> list[Call]:
        """Poll until ``count`` matching calls exist at index ``since`` or later."""
        deadline = time.monotonic() + timeout
        while True:
            found = [c for c in self.calls(method, since) if predicate is None or predicate(c)]
            if len(found) >= count:
                return found
            if time.monotonic() >= deadline:
                raise TimeoutError(f"{method}: {len(found)} of {count} calls after {timeout} s")
            time.sleep(0.05)

    def add_fault(self, fault: Fault) -> None:
        self._post("add_fault", asdict(fault))

    def clear_faults(self) -> None:
        self._post("clear_faults")

    def clear_calls(self) -> None:
        self._post("clear_calls")

    def enforce_rates(self, limits: RateLimits | None) -> None:
        self._post("enforce_rates", asdict(limits) if limits else {})

    def rate_429s(self) -> int:
        return int(self._post("rate_429s"))

    def set_chat_admins(self, chat_id: int, user_ids: list[int]) -> None:
        self._post("set_chat_admins", {"chat_id": chat_id, "user_ids": user_ids})

    def info(self) -> dict[str, Any]:
        return dict(self._post("info"))
