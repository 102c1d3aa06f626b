"""`python -m bot check` also validates the Telegram texts, naming file and line."""

import shutil
from pathlib import Path

from bot.cli.check import check_all

KNOWLEDGE = Path(__file__).resolve().parent.parent / "knowledge"


def test_broken_telegram_text_is_reported_by_check(tmp_path: Path) -> None:
    copy = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, copy)
    path = copy / "texts" / "telegram.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if "{year}" in line)
    lines[index] = lines[index].replace("{year}", "{year", 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _, issues = check_all(copy)
    assert any(i.file.endswith("texts/telegram.yaml") and i.line == index + 1 for i in issues)
    assert check_all(KNOWLEDGE)[1] == []
