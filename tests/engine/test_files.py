"""Curator mistakes in the engine's YAML files give file and line; reload keeps the old engine."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.engine.checks import check_engine_files
from bot.engine.holder import EngineHolder
from bot.engine.intents import load_intents
from bot.knowledge.yamlio import KnowledgeError
from tests.engine.conftest import KNOWLEDGE, NOW


@pytest.fixture()
def knowledge_copy(tmp_path: Path) -> Path:
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, target)
    return target


def test_real_files_are_valid() -> None:
    assert check_engine_files(KNOWLEDGE) == []


def test_unknown_key_and_duplicate_example_name_file_and_line(knowledge_copy: Path) -> None:
    path = knowledge_copy / "intents.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "    label: vinneren et år\n", "    label: vinneren et år\n    colour: blå\n"
    )
    text = text.replace("      - nominerte 2021\n", "      - nominerte 2021\n      - vinner 2011\n")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(KnowledgeError) as caught:
        load_intents(knowledge_copy)
    messages = [str(issue) for issue in caught.value.issues]
    assert any("intents.yaml:" in m and "colour" in m for m in messages)
    assert any("vinner 2011" in m and "linje" in m for m in messages)
    assert all(issue.line > 0 for issue in caught.value.issues)


def test_synonym_listed_twice_is_reported(knowledge_copy: Path) -> None:
    path = knowledge_copy / "synonyms.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  hva: [kva,", "  hva: [kven, kva,"), encoding="utf-8")
    issues = check_engine_files(knowledge_copy)
    assert any("synonyms.yaml" in str(i) and "kven" in str(i) for i in issues)


def test_relative_days_and_weekdays_mistakes_give_file_and_line(knowledge_copy: Path) -> None:
    path = knowledge_copy / "synonyms.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('  "-1": [i gar,', '  "i går": [i gar,')
    text = text.replace("  - [sondag, sondags, sondagen, sundag, sundags, sunday]\n", "")
    path.write_text(text, encoding="utf-8")
    issues = [str(i) for i in check_engine_files(knowledge_copy)]
    assert any("synonyms.yaml:" in i and "i går" in i and "antall dager" in i for i in issues)
    assert any("synonyms.yaml:" in i and "weekdays" in i and "sju" in i for i in issues)


def test_reload_keeps_the_old_engine_on_error(knowledge_copy: Path) -> None:
    holder = EngineHolder(knowledge_copy)
    before = holder.engine
    (knowledge_copy / "intents.yaml").write_text("intents: [\n", encoding="utf-8")
    issues = holder.reload()
    assert issues and issues[0].file.endswith("intents.yaml")
    assert holder.engine is before
    assert "Lørenskog" in holder.engine.answer("Hvem vant i 2021?", now=NOW).text
    shutil.copy(KNOWLEDGE / "intents.yaml", knowledge_copy / "intents.yaml")
    assert holder.reload() == []
    assert holder.engine is not before


def test_expression_in_a_single_word_list_is_reported(knowledge_copy: Path) -> None:
    path = knowledge_copy / "synonyms.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("stopwords: [i,", "stopwords: [nar det gjelder, i,"), encoding="utf-8"
    )
    issues = check_engine_files(knowledge_copy)
    assert any("nar det gjelder" in str(i) and "ett ord" in str(i) for i in issues)


@pytest.mark.slow
def test_python_m_bot_check_reports_engine_files(knowledge_copy: Path) -> None:
    import subprocess
    import sys

    from tests.engine.conftest import ROOT

    path = knowledge_copy / "intents.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    uses: [year]\n", "    uses: [yeer]\n", 1), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "bot", "check", "--knowledge", str(knowledge_copy)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "intents.yaml:" in output and "yeer" in output


def test_unknown_intent_needs_its_text(knowledge_copy: Path) -> None:
    """An ``unknown: true`` intent without its engine.unknown.<name> text is a load error."""
    from bot.engine.engine import Engine

    texts = knowledge_copy / "texts" / "engine.yaml"
    texts.write_text(
        texts.read_text(encoding="utf-8").replace("  jury_members:", "  jury_membrs:"),
        encoding="utf-8",
    )
    with pytest.raises(KnowledgeError) as caught:
        Engine.load(knowledge_copy)
    assert any("jury_members" in issue.message for issue in caught.value.issues)
