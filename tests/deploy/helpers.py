"""Shared helpers for the deploy tests: run ``python -m bot`` as the operator would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from bot.settings import SETTINGS

REPO_ROOT = Path(__file__).resolve().parents[2]
DEPLOY_DIR = REPO_ROOT / "deploy"
TOKEN = "123456789:AAEhBP0av28T0R3eZn5E7oWn1K9N8yGk0Qs"
SECRET_PART = TOKEN.split(":", 1)[1]


def clean_env(**settings: str) -> dict[str, str]:
    """The current environment without any Prisbot setting, plus ``settings``."""
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS}
    env["PYTHONPATH"] = str(REPO_ROOT)
    env.update(settings)
    return env


def run_bot(
    args: list[str], cwd: Path, timeout: float = 60, **settings: str
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m bot ARGS`` in ``cwd`` (so no stray .env is read) and capture output."""
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=cwd,
        env=clean_env(**settings),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def output_lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    """Every non-empty line the command wrote, stdout then stderr."""
    return [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
