"""``python -m bot render`` writes the same pictures from the command line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.pictures.helpers import decode

pytestmark = pytest.mark.slow  # every test here starts a process

ROOT = Path(__file__).resolve().parents[2]


def run_render(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "render", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_render_map_for_a_year_writes_a_png(tmp_path: Path) -> None:
    out = tmp_path / "kart-2021.png"
    result = run_render(
        "kart", "--year", "2021", str(out), "--now", "2026-11-23T12:00", "--caption"
    )
    assert result.returncode == 0, result.stderr
    assert decode(out.read_bytes()).size == (1200, 1600)
    assert "Lørenskog vant" in result.stdout
    assert "Kartdata: Kartverket (CC BY 4.0)" in result.stdout


def test_render_timeline_writes_a_png(tmp_path: Path) -> None:
    out = tmp_path / "sub" / "tidslinje.png"
    result = run_render("tidslinje", str(out), "--now", "2026-11-23T12:00")
    assert result.returncode == 0, result.stderr
    assert decode(out.read_bytes()).size == (1600, 600)


def test_render_refuses_bad_input_politely(tmp_path: Path) -> None:
    out = tmp_path / "x.png"
    bad_now = run_render("tidslinje", str(out), "--now", "i morgen")
    assert bad_now.returncode == 2 and "Ugyldig tidspunkt" in bad_now.stderr
    year_on_timeline = run_render("tidslinje", "--year", "2021", str(out))
    assert year_on_timeline.returncode == 2 and "--year" in year_on_timeline.stderr
    too_early = run_render("kart", "--year", "1999", str(out), "--now", "2026-11-23T12:00")
    assert too_early.returncode == 2 and "fra 2008 til 2026" in too_early.stderr
    assert not out.exists()


def test_render_reads_the_knowledge_dir_setting_like_the_bot(tmp_path: Path) -> None:
    """Without --knowledge, render draws from BOT_KNOWLEDGE_DIR, the fact base the bot uses."""
    env = {**os.environ, "BOT_KNOWLEDGE_DIR": str(tmp_path / "missing")}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "render", "tidslinje", str(tmp_path / "t.png")],
        cwd=tmp_path,
        env={**env, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2 and str(tmp_path / "missing") in result.stderr
    assert not (tmp_path / "t.png").exists()
    bad = {**env, "PYTHONPATH": str(ROOT), "BOT_LOG_FORMAT": "xml"}
    refused = subprocess.run(
        [sys.executable, "-m", "bot", "render", "tidslinje", str(tmp_path / "t.png")],
        cwd=tmp_path,
        env=bad,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert refused.returncode == 2 and "BOT_LOG_FORMAT" in refused.stderr


NO_NETWORK = """
import socket, sys

class NoNetwork(socket.socket):
    def connect(self, *args):
        raise OSError("network used while rendering")
    connect_ex = connect

socket.socket = NoNetwork
socket.create_connection = lambda *a, **k: NoNetwork().connect(a)
socket.getaddrinfo = lambda *a, **k: NoNetwork().connect(a)
from bot.__main__ import main
sys.exit(main(sys.argv[1:]))
"""


def test_render_needs_no_network(tmp_path: Path) -> None:
    """Both pictures are drawn with every socket connection and name lookup refused."""
    for kind in ("kart", "tidslinje"):
        out = tmp_path / f"{kind}.png"
        result = subprocess.run(
            [sys.executable, "-c", NO_NETWORK, "render", kind, str(out), "--now", "2026-11-23"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert "network used" not in result.stderr
        assert decode(out.read_bytes()).size in {(1200, 1600), (1600, 600)}
