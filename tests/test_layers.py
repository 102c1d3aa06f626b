"""The import contract: layers only point down (issue 10).

``cli → telegram → {reminders, pictures} → engine → {knowledge, storage} → settings/logs →
clock/retry``. A module may import its own package and any lower layer, never a higher one
and never a sibling of its own layer. Imports inside functions and ``TYPE_CHECKING`` blocks
count too: a cycle hidden in a function is still a cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

BOT = Path(__file__).resolve().parents[1] / "bot"

LAYERS: dict[str, int] = {
    "clock": 0,
    "retry": 0,
    "settings": 1,
    "logs": 1,
    "knowledge": 2,
    "storage": 2,
    "engine": 3,
    "pictures": 4,
    "reminders": 4,
    "telegram": 5,
    "cli": 6,
    "__main__": 7,
    "__init__": 7,
}
"""Top-level part of ``bot`` (package or module) → its layer; higher layers import lower."""


def part_of(module: str) -> str:
    """``bot.engine.answers.voting`` → ``engine``."""
    return module.split(".")[1]


def module_name(path: Path, root: Path = BOT) -> str:
    relative = path.relative_to(root.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__" and len(parts) > 2:
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path) -> list[tuple[int, str]]:
    """(line, imported module) for every ``bot.…`` import in the file, wherever it is."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("bot.")]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module == "bot":
                found += [(node.lineno, f"bot.{a.name}") for a in node.names]
            elif node.module.startswith("bot."):
                found.append((node.lineno, node.module))
    return found


def violations(root: Path = BOT) -> list[str]:
    """Every import that breaks the contract, as ``file:line: why``."""
    problems = []
    for path in sorted(root.rglob("*.py")):
        name = module_name(path, root)
        own = part_of(name) if "." in name else "__init__"
        if own not in LAYERS:
            problems.append(f"{name}: no layer for «{own}» in tests/test_layers.py")
            continue
        for line, target in imports_of(path):
            other = part_of(target)
            if other == own:
                continue
            if other not in LAYERS:
                problems.append(f"{path.relative_to(root.parent)}:{line}: unknown «{target}»")
            elif LAYERS[other] >= LAYERS[own]:
                problems.append(
                    f"{path.relative_to(root.parent)}:{line}: {own} (layer {LAYERS[own]}) "
                    f"imports {target} (layer {LAYERS[other]})"
                )
    return problems


def test_layers_only_point_down() -> None:
    assert violations() == []


def test_the_contract_catches_upward_and_sibling_imports(tmp_path: Path) -> None:
    root = tmp_path / "bot"
    for package in ("engine", "pictures", "reminders", "telegram"):
        (root / package).mkdir(parents=True)
    (root / "engine" / "hidden.py").write_text(
        "def f():\n    from bot.telegram import app\n", encoding="utf-8"
    )
    (root / "pictures" / "side.py").write_text("import bot.reminders.service\n", encoding="utf-8")
    (root / "telegram" / "fine.py").write_text("from bot.engine import hidden\n", encoding="utf-8")
    assert violations(root) == [
        "bot/engine/hidden.py:2: engine (layer 3) imports bot.telegram (layer 5)",
        "bot/pictures/side.py:1: pictures (layer 4) imports bot.reminders.service (layer 4)",
    ]


@pytest.mark.parametrize("package", sorted(p.name for p in BOT.iterdir() if p.is_dir()))
def test_every_package_has_a_layer(package: str) -> None:
    if package != "__pycache__":
        assert package in LAYERS


def test_every_button_kind_has_one_route() -> None:
    from bot.telegram import callbacks, codec

    inline = {codec.ASK, codec.EXAMPLE, codec.ASK_REF, codec.FORGET_YES, codec.FORGET_NO}
    assert not inline & set(callbacks.BUTTONS)
    assert inline | set(callbacks.BUTTONS) == codec.KINDS
