"""``python -m bot ask`` through a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.engine.conftest import KNOWLEDGE, ROOT

pytestmark = pytest.mark.slow  # every test here starts a process

NOW = "2026-11-23T12:00"


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args, "--now", NOW, "--knowledge", str(KNOWLEDGE)],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )


def test_ask_prints_answer_and_sources() -> None:
    result = run("ask", "Hvem vant i 2021?")
    assert result.returncode == 0, result.stderr
    assert "Lørenskog" in result.stdout and "Kilder:" in result.stdout


def test_ask_json_has_the_agreed_keys() -> None:
    result = run("ask", "--json", "Vant Asker i 2021?")
    data = json.loads(result.stdout)
    assert set(data) == {
        "question",
        "answer",
        "matched",
        "confidence",
        "intent",
        "sources",
        "suggestions",
        "followups",
    }
    assert data["matched"] is True and 0 <= data["confidence"] <= 1
    assert "Lørenskog" in data["answer"] and data["sources"]
    # the buttons the Telegram answer has, each with what pressing it does
    assert {"label": "Vis på kart", "question": "2021", "action": "map"} in data["followups"]
    assert {"label": "Hvorfor vant de?", "question": "begrunnelse 2021", "action": "ask"} in (
        data["followups"]
    )


def test_ask_batch_one_line_per_question_in_order() -> None:
    questions = ["Hvem vant i 2015?", "Hvem vant Oscar i 2020?", "", "og året før?"]
    result = run("ask", "--batch", stdin="\n".join(questions) + "\n")
    lines = result.stdout.splitlines()
    assert len(lines) == len(questions)
    answers = [json.loads(line) for line in lines]
    assert [a["question"] for a in answers] == questions
    assert "Grimstad" in answers[0]["answer"]
    assert answers[1]["matched"] is False
    assert "Grimstad" not in answers[3]["answer"]  # no context between lines


def test_bad_knowledge_exits_1(tmp_path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "hei", "--knowledge", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1 and result.stderr


def test_chat_keeps_context_and_numbers_choices() -> None:
    result = run("chat", stdin="Hvem vant i 2021?\n1\n/avslutt\n")
    assert result.returncode == 0
    assert "1. Nominerte samme år" in result.stdout
    assert "Sandefjord" in result.stdout


def test_start_without_token_says_so_and_chats() -> None:
    import os

    env = {**os.environ, "TELEGRAM_BOT_TOKEN": "", "BOT_KNOWLEDGE_DIR": str(KNOWLEDGE)}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "start", "--now", NOW],
        input="Hvem vant i 2015?\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    first = result.stdout.splitlines()[0]
    assert "TELEGRAM_BOT_TOKEN" in first
    assert "Grimstad" in result.stdout
