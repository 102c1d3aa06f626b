"""Line-aware YAML reading reports file and line for syntax errors and duplicate keys."""

from pathlib import Path

import pytest

from bot.knowledge.yamlio import KnowledgeError, read_yaml


def test_lines_are_remembered(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("a: 1\nb:\n  - x\n  - {c: 2}\nd: 2\n", encoding="utf-8")
    data = read_yaml(path)
    assert data.line_of("d") == 5
    assert data["b"].line_of(1) == 4


@pytest.mark.parametrize(
    ("text", "line"), [("a: 1\na: 2\n", 2), ("a: [1, 2\nb: 3\n", 2), ("a:\n  b: 1\n c: 2\n", 3)]
)
def test_errors_name_file_and_line(tmp_path: Path, text: str, line: int) -> None:
    path = tmp_path / "feil.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(KnowledgeError) as err:
        read_yaml(path, "knowledge/feil.yaml")
    issue = err.value.issues[0]
    assert issue.file == "knowledge/feil.yaml"
    assert issue.line == line
