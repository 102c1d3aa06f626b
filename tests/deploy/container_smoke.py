"""Smoke-test the real container image where a Docker daemon exists (not part of ``make test``:
CI has no daemon). Run from the repository root:

    docker build -f deploy/Dockerfile -t prisbot:test .
    .venv/bin/python -m tests.deploy.container_smoke prisbot:test

It starts the fake Bot API on 127.0.0.1, runs the image with the hardening of
``deploy/compose.yaml`` (read-only root, tmpfs /tmp, no capabilities, no-new-privileges, a named
volume for /data) on the host network, and checks, printing one line per step:

1. ``python -m bot health`` exits 0 in the image, and 1 with one line when /data is read-only;
2. the container's command starts the bot: commands published, /start and a question answered;
3. ``/abonner`` stores a subscriber in the volume, and it is still there after ``docker restart``;
4. the HEALTHCHECK turns the container ``healthy`` (waits out its interval, about a minute);
5. ``docker stop`` ends it cleanly (exit code 0), and no log line contains the token.

Exit code 0 when every step holds, 1 at the first that does not. Every container and the volume
are removed at the end.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import uuid
from collections.abc import Callable

from tests.fakebotapi import FakeBotApi
from tests.fakebotapi import updates as U
from tests.telegram.harness import TOKEN

HARDENING = [
    "--read-only",
    "--tmpfs",
    "/tmp",
    "--cap-drop",
    "ALL",
    "--security-opt",
    "no-new-privileges:true",
]
HEALTH_WAIT_SECONDS = 150.0


class SmokeFailure(Exception):
    """A step did not hold."""


def docker(*args: str, check: bool = True, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run the docker CLI; raise SmokeFailure with its stderr when ``check`` and it fails."""
    result = subprocess.run(
        ["docker", *args], capture_output=True, text=True, timeout=timeout, check=False
    )
    if check and result.returncode != 0:
        raise SmokeFailure(f"docker {' '.join(args[:2])}: {result.stderr.strip()}")
    return result


def wait_until(what: str, condition: Callable[[], bool], timeout: float) -> None:
    """Poll ``condition`` every half second until true, or fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.5)
    raise SmokeFailure(f"timed out waiting for {what}")


def step(text: str) -> None:
    print(f"ok: {text}", flush=True)


def run(image: str) -> None:
    """All the steps above, against ``image``."""
    suffix = uuid.uuid4().hex[:8]
    volume, name = f"prisbot-smoke-{suffix}", f"prisbot-smoke-{suffix}"
    docker("volume", "create", volume)
    try:
        with FakeBotApi() as api:
            env = [
                "-e",
                f"TELEGRAM_BOT_TOKEN={TOKEN}",
                "-e",
                f"TELEGRAM_API_BASE_URL={api.base_url}",
                "-e",
                "BOT_ADMIN_IDS=31",
            ]
            base = ["run", "--network", "host", *HARDENING, "-v", f"{volume}:/data", *env]
            health = docker(*base, "--rm", image, "python", "-m", "bot", "health", check=False)
            if health.returncode != 0:
                raise SmokeFailure(f"health in the image: {health.stdout}{health.stderr}")
            step(f"health in the image: {health.stdout.strip()}")
            ro = ["run", "--network", "host", *HARDENING, "-v", f"{volume}:/data:ro", *env]
            broken = docker(*ro, "--rm", image, "python", "-m", "bot", "health", check=False)
            lines = (broken.stdout + broken.stderr).strip().splitlines()
            if broken.returncode != 1 or len(lines) != 1:
                raise SmokeFailure(f"read-only /data: exit {broken.returncode}, {lines}")
            step(f"read-only /data is reported: {lines[0]}")

            docker(*base, "-d", "--name", name, image)
            api.wait_for("setMyCommands", timeout=60)
            [welcome] = ask(api, 501, "/start")
            [answer] = ask(api, 501, "Hvem vant i 2014?")
            if "Drammen" not in answer.params["text"]:
                raise SmokeFailure(f"answer: {answer.params['text'][:200]}")
            step(f"the image's command runs the bot: /start → {welcome.params['text'][:30]!r} …")
            ask(api, 502, "/abonner")
            before = subscriber_count(name)
            docker("restart", "--time", "30", name)
            wait_until("the bot after restart", lambda: "running" in state(name), 60)
            api.wait_for("setMyCommands", timeout=60, count=2)
            after = subscriber_count(name)
            if before != 1 or after != 1:
                raise SmokeFailure(f"subscribers before/after restart: {before}/{after}")
            step("the subscriber is kept in the volume across docker restart")

            wait_until(
                "HEALTHCHECK healthy", lambda: health_status(name) == "healthy", HEALTH_WAIT_SECONDS
            )
            step("HEALTHCHECK reports healthy")
            docker("stop", "--time", "30", name)
            code = json.loads(docker("inspect", name).stdout)[0]["State"]["ExitCode"]
            if code != 0:
                raise SmokeFailure(f"exit code after docker stop: {code}")
            logs = docker("logs", name)
            text = logs.stdout + logs.stderr
            if TOKEN in text or TOKEN.split(":")[1] in text:
                raise SmokeFailure("the token appears in the container's log")
            step(f"stopped cleanly (exit 0); {len(text.splitlines())} log lines, no token")
    finally:
        docker("rm", "-f", name, check=False)
        docker("volume", "rm", "-f", volume, check=False)


def ask(api: FakeBotApi, chat_id: int, text: str) -> list:
    """Send ``text`` as a private message and wait for the bot's reply."""
    marker = api.call_count()
    api.push_update(U.message_update(chat_id, text))
    return api.wait_for(
        "sendMessage", lambda c: c.chat_id == chat_id, timeout=30, count=1, since=marker
    )


def state(name: str) -> str:
    return docker("inspect", "-f", "{{.State.Status}}", name, check=False).stdout


def health_status(name: str) -> str:
    return docker("inspect", "-f", "{{.State.Health.Status}}", name, check=False).stdout.strip()


def subscriber_count(name: str) -> int:
    """Active subscribers, read in the running container with the bot's own Python."""
    code = (
        "import sqlite3;"
        "db=sqlite3.connect('/data/prisbot.sqlite3');"
        "print(db.execute('SELECT COUNT(*) FROM subscribers WHERE active=1').fetchone()[0])"
    )
    return int(docker("exec", name, "python", "-c", code).stdout.strip())


def main(argv: list[str]) -> int:
    image = argv[0] if argv else "prisbot:test"
    try:
        run(image)
    except SmokeFailure as exc:
        print(f"feil: {exc}", flush=True)
        return 1
    print("container smoke test: all steps hold")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
