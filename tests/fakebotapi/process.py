"""Start and stop the fake Bot API server as a subprocess (by pid)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.fakebotapi.client import FakeBotApiClient

REPO_ROOT = Path(__file__).resolve().parents[2]


class FakeBotApiProcess:
    """``with FakeBotApiProcess(tmp_path) as api:`` → ``api`` is a :class:`FakeBotApiClient`."""

    def __init__(self, work_dir: Path, rate: float | None = None) -> None:
        self.state_file = work_dir / "fakebotapi.json"
        self.rate = rate
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 10.0) -> FakeBotApiClient:
        cmd = [sys.executable, "-m", "tests.fakebotapi", "--state-file", str(self.state_file)]
        if self.rate:
            cmd += ["--rate", str(self.rate)]
        self.state_file.unlink(missing_ok=True)
        self.proc = subprocess.Popen(cmd, cwd=REPO_ROOT, env={**os.environ})
        deadline = time.monotonic() + timeout
        while not self.state_file.exists():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("fake Bot API server did not start")
            time.sleep(0.02)
        state = json.loads(self.state_file.read_text(encoding="utf-8"))
        return FakeBotApiClient(int(state["port"]))

    def stop(self) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.kill(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=5)
        self.proc = None

    def __enter__(self) -> FakeBotApiClient:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
