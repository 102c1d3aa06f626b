"""Rendering works for a service user whose home directory cannot be written (systemd
ProtectHome, a container's read-only root filesystem): matplotlib gets one private cache."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from bot.pictures.mplconfig import ENV_NAME, ensure_config_dir, fallback_dir
from tests.pictures.helpers import decode

ROOT = Path(__file__).resolve().parents[2]


def unwritable_home(tmp_path: Path) -> Path:
    """A HOME below a regular file: nobody, not even root, can create directories there."""
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x", encoding="utf-8")
    return blocker / "home"


@pytest.fixture
def own_tmpdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "tmp"
    directory.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(directory))
    return directory


def test_explicit_setting_is_kept(tmp_path: Path) -> None:
    env = {ENV_NAME: "/somewhere", "HOME": str(unwritable_home(tmp_path))}
    assert ensure_config_dir(env) is None
    assert env[ENV_NAME] == "/somewhere"


def test_writable_home_is_left_to_matplotlib(tmp_path: Path, own_tmpdir: Path) -> None:
    env = {"HOME": str(tmp_path / "home")}
    assert ensure_config_dir(env) is None
    assert ENV_NAME not in env
    assert (tmp_path / "home" / ".cache" / "matplotlib").is_dir()


def test_unwritable_home_gets_a_private_directory(tmp_path: Path, own_tmpdir: Path) -> None:
    env = {"HOME": str(unwritable_home(tmp_path))}
    chosen = ensure_config_dir(env)
    assert chosen == fallback_dir() == own_tmpdir / f"prisbot-matplotlib-{os.getuid()}"
    assert env[ENV_NAME] == str(chosen)
    assert chosen.is_dir() and (chosen.stat().st_mode & 0o077) == 0
    # Only the cache directory unwritable (XDG_CACHE_HOME) is enough to need it.
    env = {"HOME": str(tmp_path / "home"), "XDG_CACHE_HOME": str(unwritable_home(tmp_path))}
    assert ensure_config_dir(env) == chosen


def test_a_planted_symlink_is_not_used(tmp_path: Path, own_tmpdir: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    fallback_dir().symlink_to(elsewhere)
    env = {"HOME": str(unwritable_home(tmp_path))}
    assert ensure_config_dir(env) is None
    assert ENV_NAME not in env


@pytest.mark.slow
def test_render_with_an_unwritable_home_is_quiet_and_reuses_its_cache(tmp_path: Path) -> None:
    own_tmp = tmp_path / "tmp"
    own_tmp.mkdir()
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {ENV_NAME, "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "BOT_KNOWLEDGE_DIR"}
    }
    env.update(HOME=str(unwritable_home(tmp_path)), TMPDIR=str(own_tmp))
    for attempt in (1, 2):
        out = tmp_path / f"kart-{attempt}.png"
        result = subprocess.run(
            [sys.executable, "-m", "bot", "render", "kart", str(out), "--now", "2026-11-23T12:00"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert result.stderr == "", "matplotlib complained about its cache directory"
        assert decode(out.read_bytes()).size == (1200, 1600)
    cache = own_tmp / f"prisbot-matplotlib-{os.getuid()}"
    assert list(cache.glob("fontlist-*.json")), "the font list is cached once, not per start"
    assert not list(own_tmp.glob("matplotlib-*")), "no throwaway temporary directories"
