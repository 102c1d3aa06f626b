"""``.env.example`` lists exactly the settings the code reads, and nothing in ``bot/`` reads
an environment variable that ``bot/settings.py`` does not declare."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from bot.settings import SETTINGS, load_settings
from tests.deploy.helpers import DEPLOY_DIR, REPO_ROOT

ENV_EXAMPLE = DEPLOY_DIR / ".env.example"
SETTING_LINE = re.compile(r"^#?\s*([A-Z][A-Z0-9_]*)=(.*)$")
SETTING_NAME = re.compile(r"^(BOT|TELEGRAM)_[A-Z0-9_]+$")
BOT_PACKAGE = REPO_ROOT / "bot"


def example_entries() -> list[tuple[str, str, str]]:
    """(name, value, comment line above) for every setting line, commented out or not."""
    lines = ENV_EXAMPLE.read_text(encoding="utf-8").splitlines()
    entries = []
    for number, line in enumerate(lines):
        match = SETTING_LINE.match(line)
        if match:
            above = lines[number - 1] if number else ""
            entries.append((match.group(1), match.group(2), above))
    return entries


def test_env_example_lists_exactly_the_settings() -> None:
    names = [name for name, _, _ in example_entries()]
    assert len(names) == len(set(names)), "a setting is listed twice"
    assert set(names) == set(SETTINGS)


def test_every_setting_has_a_one_line_comment_above_it() -> None:
    for name, _, above in example_entries():
        assert above.startswith("# ") and not SETTING_LINE.match(above), name
        assert len(above) > 10, name


def test_env_example_values_are_valid_settings(tmp_path: Path) -> None:
    """Uncommenting every example value gives settings the bot accepts, and (as the header
    promises) exactly the defaults: a commented line shows what the bot uses without it."""
    values = {name: value for name, value, _ in example_entries()}
    settings = load_settings(values, tmp_path / "none")
    assert settings.port == 8443 and settings.listen == "127.0.0.1"
    assert settings == load_settings({}, tmp_path / "none")


def test_env_example_leaves_defaults_commented_out() -> None:
    """An empty ``BOT_DATA_DIR=`` in compose's env_file would override the image's /data."""
    text = ENV_EXAMPLE.read_text(encoding="utf-8")
    active = {m.group(1) for m in re.finditer(r"^([A-Z][A-Z0-9_]*)=", text, re.MULTILINE)}
    assert active == {"TELEGRAM_BOT_TOKEN", "BOT_ADMIN_IDS"}
    assert re.search(r"^TELEGRAM_BOT_TOKEN=$", text, re.MULTILINE), "no real token in git"


def python_files() -> list[Path]:
    return sorted(BOT_PACKAGE.rglob("*.py"))


def is_environ(node: ast.AST) -> bool:
    """``os.environ`` or a bare ``environ``."""
    return (isinstance(node, ast.Attribute) and node.attr == "environ") or (
        isinstance(node, ast.Name) and node.id == "environ"
    )


def literal(node: ast.AST | None) -> str | None:
    """The string of a literal argument; None for anything computed."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def reads_environment(func: ast.AST) -> bool:
    """``os.getenv``/``getenv`` or ``os.environ.get``/``pop``/``setdefault``."""
    if isinstance(func, ast.Name):
        return func.id == "getenv"
    if isinstance(func, ast.Attribute):
        return func.attr == "getenv" or (
            func.attr in {"get", "pop", "setdefault"} and is_environ(func.value)
        )
    return False


def environment_reads(tree: ast.AST) -> list[tuple[int, str | None]]:
    """(line, name or None when not a literal) of every os.environ/getenv read."""
    reads: list[tuple[int, str | None]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript) and is_environ(node.value):
            reads.append((node.lineno, literal(node.slice)))
        elif isinstance(node, ast.Call) and reads_environment(node.func):
            reads.append((node.lineno, literal(node.args[0]) if node.args else None))
    return reads


PLATFORM_READS = {
    "bot/pictures/mplconfig.py": {"MPLCONFIGDIR", "HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"},
    "bot/telegram/__init__.py": {"PTB_TIMEDELTA"},
}
"""Variables of the platform, not Prisbot settings: read where matplotlib would read them
(to pick a writable cache for a user without a writable home; deploy/ sets MPLCONFIGDIR),
and python-telegram-bot's own opt-in switch for timedelta time periods."""


def test_no_environment_read_outside_the_declared_settings() -> None:
    problems = []
    for path in python_files():
        relative = path.relative_to(REPO_ROOT)
        allowed = PLATFORM_READS.get(relative.as_posix(), set())
        for line, name in environment_reads(ast.parse(path.read_text(encoding="utf-8"))):
            if name is None:
                problems.append(f"{relative}:{line}: environment read with a computed name")
            elif name not in SETTINGS and name not in allowed:
                problems.append(f"{relative}:{line}: reads {name}, not declared in SETTINGS")
    assert not problems, "\n".join(problems)


def test_every_setting_like_name_in_the_code_is_declared() -> None:
    """Catches ``environment().get("BOT_X")`` and friends in any module."""
    problems = []
    for path in python_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = literal(node)
            if name and SETTING_NAME.match(name) and name not in SETTINGS:
                problems.append(f"{path.relative_to(REPO_ROOT)}:{node.lineno}: {name}")
    assert not problems, "\n".join(problems)


def test_load_settings_reads_every_declared_setting() -> None:
    """No dead entry in SETTINGS: each is read by a ``get("NAME")`` in load_settings."""
    tree = ast.parse((BOT_PACKAGE / "settings.py").read_text(encoding="utf-8"))
    (load,) = [
        n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == "load_settings"
    ]
    read = {
        call.args[0].value
        for call in ast.walk(load)
        if isinstance(call, ast.Call)
        and isinstance(call.func, ast.Name)
        and call.func.id == "get"
        and call.args
        and isinstance(call.args[0], ast.Constant)
    }
    assert read == set(SETTINGS)


def test_the_scanner_finds_reads() -> None:
    """The AST scan itself must see every form of environment read it looks for."""
    sample = (
        "import os\nfrom os import environ, getenv\n"
        "a = os.environ['BOT_A']\nb = os.environ.get('PATH')\nc = os.getenv('HOME')\n"
        "d = environ.get(name)\ne = getenv('BOT_E', 'x')\nf = os.environ.pop('X')\n"
    )
    found = environment_reads(ast.parse(sample))
    assert sorted(found, key=lambda r: r[0]) == [
        (3, "BOT_A"),
        (4, "PATH"),
        (5, "HOME"),
        (6, None),
        (7, "BOT_E"),
        (8, "X"),
    ]
