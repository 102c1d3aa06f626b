"""The systemd unit is valid (``systemd-analyze verify``) and hardened, and install.sh
installs it consistently (same user, paths and settings file)."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.__main__ import build_parser
from tests.deploy.helpers import DEPLOY_DIR

UNIT = DEPLOY_DIR / "prisbot.service"
INSTALL = DEPLOY_DIR / "install.sh"
UNIT_PYTHON = "/opt/prisbot/.venv/bin/python"
HARDENING = {
    "NoNewPrivileges": "yes",
    "ProtectSystem": "strict",
    "ProtectHome": "yes",
    "PrivateTmp": "yes",
    "PrivateDevices": "yes",
    "RestrictSUIDSGID": "yes",
    "CapabilityBoundingSet": "",
    "Restart": "on-failure",
    "UMask": "0077",
}


def parse_unit(path: Path) -> dict[str, list[tuple[str, str]]]:
    """Sections → (key, value) in order, as systemd reads them (repeated keys kept)."""
    sections: dict[str, list[tuple[str, str]]] = {}
    current: list[tuple[str, str]] | None = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
            continue
        assert current is not None, f"line {number}: setting outside a section"
        assert "=" in line and not line.endswith("\\"), f"line {number}: «{line}»"
        key, _, value = line.partition("=")
        current.append((key.strip(), value.strip()))
    return sections


def values(section: list[tuple[str, str]], key: str) -> list[str]:
    return [v for k, v in section if k == key]


def one(section: list[tuple[str, str]], key: str) -> str:
    found = values(section, key)
    assert len(found) == 1, f"{key}: {found}"
    return found[0]


def environment(service: list[tuple[str, str]]) -> dict[str, str]:
    env = {}
    for assignment in values(service, "Environment"):
        for item in shlex.split(assignment):
            name, _, value = item.partition("=")
            env[name] = value
    return env


def test_sections_and_hardening() -> None:
    unit = parse_unit(UNIT)
    assert set(unit) == {"Unit", "Service", "Install"}
    service = unit["Service"]
    for key, expected in HARDENING.items():
        assert one(service, key) == expected, key
    assert one(service, "User") == one(service, "Group") == "prisbot"
    assert "network-online.target" in one(unit["Unit"], "After")
    assert one(unit["Install"], "WantedBy") == "multi-user.target"
    data_dir = environment(service)["BOT_DATA_DIR"]
    assert data_dir in one(service, "ReadWritePaths").split()
    assert data_dir == f"/var/lib/{one(service, 'StateDirectory')}"
    assert one(service, "EnvironmentFile") == "/etc/prisbot/prisbot.env"
    assert environment(service)["BOT_KNOWLEDGE_DIR"] == "/opt/prisbot/knowledge"
    # ProtectHome and a user without a home: matplotlib's cache goes to the CacheDirectory,
    # which systemd creates, owns by the user and leaves writable under ProtectSystem=strict.
    assert environment(service)["MPLCONFIGDIR"] == f"/var/cache/{one(service, 'CacheDirectory')}"


def test_exec_start_is_python_m_bot_run_and_checks_health_first() -> None:
    service = parse_unit(UNIT)["Service"]
    start = shlex.split(one(service, "ExecStart"))
    assert start == [UNIT_PYTHON, "-m", "bot", "run"]
    assert build_parser().parse_args(start[3:])._module.__name__ == "bot.cli.run"
    pre = shlex.split(one(service, "ExecStartPre"))
    assert pre[:4] == [UNIT_PYTHON, "-m", "bot", "health"]


def verifiable_copy(tmp_path: Path) -> Path:
    """The unit with its interpreter pointed at this machine's Python (verify checks that
    ExecStart exists); nothing else changes."""
    text = UNIT.read_text(encoding="utf-8")
    assert text.count(UNIT_PYTHON) == 2
    copy = tmp_path / "prisbot.service"
    copy.write_text(text.replace(UNIT_PYTHON, sys.executable), encoding="utf-8")
    return copy


@pytest.mark.slow
def test_systemd_analyze_verify(tmp_path: Path) -> None:
    """Where systemd-analyze exists (it does on CI's Debian image) the unit must verify
    without a single warning; elsewhere the parse tests above are what we have."""
    tool = shutil.which("systemd-analyze")
    if tool is None:
        parse_unit(UNIT)
        return
    result = subprocess.run(
        [tool, "verify", "--man=no", str(verifiable_copy(tmp_path))],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "prisbot.service" not in result.stdout + result.stderr


@pytest.mark.slow
def test_install_script_is_valid_and_matches_the_unit() -> None:
    subprocess.run(["sh", "-n", str(INSTALL)], check=True, timeout=30)
    script = INSTALL.read_text(encoding="utf-8")
    service = parse_unit(UNIT)["Service"]
    assert "PREFIX=/opt/prisbot" in script and UNIT_PYTHON.startswith("/opt/prisbot/")
    assert f"SERVICE_USER={one(service, 'User')}" in script
    assert f"ENV_FILE=$CONFIG_DIR/{Path(one(service, 'EnvironmentFile')).name}" in script
    assert f"CONFIG_DIR={Path(one(service, 'EnvironmentFile')).parent}" in script
    assert "deploy/.env.example" in script and "deploy/prisbot.service" in script
    assert "set -eu" in script


@pytest.mark.slow
def test_systemd_security_exposure_is_low(tmp_path: Path) -> None:
    """``systemd-analyze security --offline`` rates the unit's sandbox (0 best, 10 worst)."""
    tool = shutil.which("systemd-analyze")
    if tool is None:
        test_sections_and_hardening()
        return
    result = subprocess.run(
        [tool, "security", "--offline=yes", "--no-pager", str(verifiable_copy(tmp_path))],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    match = re.search(r"Overall exposure level for prisbot\.service: (\d+\.\d)", result.stdout)
    assert match, result.stdout[-500:] + result.stderr
    assert float(match.group(1)) <= 2.0
