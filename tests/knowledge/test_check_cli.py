"""``python -m bot check`` prints file:line issues and sets its exit code; extra checks hook in."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.__main__ import main
from bot.knowledge import checks
from bot.knowledge.yamlio import KnowledgeIssue

from .conftest import REPO_KNOWLEDGE, replace_in

ROOT = REPO_KNOWLEDGE.parent


@pytest.fixture
def kb_dir(kb_dir: Path) -> Path:
    """The fixture base plus the real files other parts validate (intents, synonyms, texts)."""
    extra = [REPO_KNOWLEDGE / "intents.yaml", REPO_KNOWLEDGE / "synonyms.yaml"]
    extra += [REPO_KNOWLEDGE / "understanding.yaml", REPO_KNOWLEDGE / "frames.yaml"]
    extra += [REPO_KNOWLEDGE / "regions.yaml"]
    extra += sorted((REPO_KNOWLEDGE / "texts").glob("*.yaml"))
    for path in extra:
        if path.is_file():
            shutil.copyfile(path, kb_dir / path.relative_to(REPO_KNOWLEDGE))
    return kb_dir


@pytest.mark.slow
def test_broken_base_exits_1_with_every_issue(kb_dir: Path) -> None:
    replace_in(kb_dir / "years/2021.yaml", "winner:", "winer:")
    replace_in(kb_dir / "years/2021.yaml", "date: 2021-11-11", "date: 2021-13-40")
    env = {k: v for k, v in os.environ.items() if k != "BOT_KNOWLEDGE_DIR"}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "check", "--knowledge", str(kb_dir)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert "knowledge/years/2021.yaml:4: ukjent nøkkel «winer» (mente du «winner»?)" in lines
    assert any(line.startswith("knowledge/years/2021.yaml:15: ugyldig dato") for line in lines)
    assert lines[-1].startswith("Fant 3 feil i faktabasen")  # + «mangler påkrevd nøkkel winner»


def test_valid_base_exits_0_with_summary(kb_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--knowledge", str(kb_dir)]) == 0
    out = capsys.readouterr().out.strip()
    assert out.startswith("Faktabasen er gyldig: 4 år, 357 kommuner, 3 kilder, versjon ")


def test_environment_selects_the_directory(
    kb_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BOT_KNOWLEDGE_DIR", str(kb_dir))
    replace_in(kb_dir / "years/2021.yaml", "status: awarded", "status: vunnet")
    assert main(["check"]) == 1
    assert "knowledge/years/2021.yaml:3: ugyldig status «vunnet»" in capsys.readouterr().out


def test_real_knowledge_passes_check(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--knowledge", str(REPO_KNOWLEDGE)]) == 0
    out = capsys.readouterr().out
    assert re.fullmatch(
        r"Faktabasen er gyldig: \d+ år, 357 kommuner, \d+ kilder, versjon \w{12}\n", out
    )


def test_extra_checks_run(kb_dir: Path) -> None:
    seen: list[Path] = []

    def intents_check(directory: Path) -> list[KnowledgeIssue]:
        seen.append(directory)
        return [KnowledgeIssue("knowledge/intents.yaml", 7, "ukjent intensjon «vinnr»")]

    def crashing_check(directory: Path) -> list[KnowledgeIssue]:
        raise RuntimeError("boom")

    knowledge, issues = checks.run_checks(kb_dir, (intents_check, crashing_check, intents_check))
    assert knowledge is None
    assert seen == [kb_dir, kb_dir]
    shown = [str(issue) for issue in issues]
    assert shown.count("knowledge/intents.yaml:7: ukjent intensjon «vinnr»") == 1  # once
    assert any("sjekken feilet: boom" in line for line in shown)
