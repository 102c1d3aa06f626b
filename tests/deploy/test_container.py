"""The container image and compose file run the same code path as ``python -m bot run``,
check health with ``python -m bot health``, run as non-root and keep data in a volume."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.__main__ import build_parser
from tests.deploy.helpers import DEPLOY_DIR, REPO_ROOT, clean_env

DOCKERFILE = DEPLOY_DIR / "Dockerfile"
COMPOSE = DEPLOY_DIR / "compose.yaml"


def dockerfile_instructions(path: Path) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, with comments dropped and continuations joined."""
    instructions: list[tuple[str, str]] = []
    pending = ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not pending and (not line or line.startswith("#")):
            continue
        if line.startswith("#"):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        pending += line
        keyword, _, rest = pending.partition(" ")
        instructions.append((keyword.upper(), rest.strip()))
        pending = ""
    assert not pending, "dangling line continuation"
    return instructions


def exec_form(arguments: str) -> list[str]:
    """A JSON exec-form command; shell form is refused (signals would not reach Python)."""
    assert arguments.startswith("["), f"use the exec form, not «{arguments}»"
    value = json.loads(arguments)
    assert isinstance(value, list) and all(isinstance(v, str) for v in value)
    return value


def only(instructions: list[tuple[str, str]], keyword: str) -> str:
    found = [args for kw, args in instructions if kw == keyword]
    assert len(found) == 1, f"expected exactly one {keyword}, found {found}"
    return found[0]


def cli_module(argv: list[str]) -> str:
    """Which bot.cli module ``argv`` (``python -m bot …``) dispatches to, via the real parser."""
    assert argv[:3] == ["python", "-m", "bot"], argv
    return build_parser().parse_args(argv[3:])._module.__name__


def test_entry_command_is_python_m_bot_run() -> None:
    instructions = dockerfile_instructions(DOCKERFILE)
    assert not [kw for kw, _ in instructions if kw == "ENTRYPOINT"], "no ENTRYPOINT wrapper"
    command = exec_form(only(instructions, "CMD"))
    assert command == ["python", "-m", "bot", "run"]
    assert cli_module(command) == "bot.cli.run"


def test_healthcheck_runs_python_m_bot_health() -> None:
    instructions = dockerfile_instructions(DOCKERFILE)
    healthcheck = only(instructions, "HEALTHCHECK")
    options, _, command = healthcheck.partition("CMD ")
    assert re.search(r"--timeout=\d+s", options) and re.search(r"--interval=\d+s", options)
    argv = exec_form(command.strip())
    assert argv[:4] == ["python", "-m", "bot", "health"]
    assert cli_module(argv) == "bot.cli.health"


def test_image_base_user_data_and_knowledge() -> None:
    instructions = dockerfile_instructions(DOCKERFILE)
    keywords = [kw for kw, _ in instructions]
    assert only(instructions, "FROM") == "python:3.11-slim"
    user = only(instructions, "USER")
    assert user not in {"root", "0", "0:0"}
    assert keywords.index("USER") < keywords.index("CMD")
    assert json.loads(only(instructions, "VOLUME")) == ["/data"]
    env = " ".join(args for kw, args in instructions if kw == "ENV")
    assert "BOT_DATA_DIR=/data" in env.split()
    runs = " ".join(args for kw, args in instructions if kw == "RUN")
    assert "pip install ." in runs and "[dev]" not in runs
    assert re.search(rf"useradd .*\b{user}\b", runs) and f"chown {user}:{user} /data" in runs
    copies = [src for kw, args in instructions if kw == "COPY" for src in shlex.split(args)[:-1]]
    assert {"bot", "knowledge", "pyproject.toml"} <= set(copies)
    for source in copies:
        assert (REPO_ROOT / source).exists(), f"COPY {source}: not in the build context"
    knowledge_dir = re.search(r"BOT_KNOWLEDGE_DIR=(\S+)", env)
    assert knowledge_dir and knowledge_dir.group(1) == "/app/knowledge"
    assert ("WORKDIR", "/app") in instructions


def test_dockerignore_keeps_secrets_and_state_out() -> None:
    ignored = (DEPLOY_DIR / "Dockerfile.dockerignore").read_text(encoding="utf-8").split()
    for pattern in (".env", ".venv", ".git", "data", "*.sqlite3"):
        assert pattern in ignored


def ignore_regex(pattern: str) -> re.Pattern[str]:
    """A .dockerignore pattern as Docker matches it: from the context root, ``*`` within one
    path segment, ``**`` across segments; a match on a folder excludes everything in it."""
    parts = re.split(r"(\*\*/?|\*|\?)", pattern.strip("/"))
    table = {"**/": "(?:.*/)?", "**": ".*", "*": "[^/]*", "?": "[^/]"}
    body = "".join(table.get(part, re.escape(part)) for part in parts)
    return re.compile(rf"{body}(?:/.*)?")


def test_dockerignore_keeps_every_file_the_image_needs() -> None:
    """Nothing under the COPY sources (code, fact base with its GeoJSON outlines) is ignored."""
    patterns = [
        line.strip()
        for line in (DEPLOY_DIR / "Dockerfile.dockerignore").read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert not [p for p in patterns if p.startswith("!")], "keep the ignore list simple"
    regexes = [ignore_regex(p) for p in patterns]
    assert regexes[patterns.index("data")].fullmatch("data/prisbot.sqlite3")
    assert regexes[patterns.index("**/__pycache__")].fullmatch("bot/x/__pycache__/y.pyc")
    assert not regexes[patterns.index("data")].fullmatch("knowledge/data/x.yaml")
    copies = [
        src
        for kw, args in dockerfile_instructions(DOCKERFILE)
        if kw == "COPY"
        for src in shlex.split(args)[:-1]
    ]
    needed = []
    for source in copies:
        origin = REPO_ROOT / source
        files = [origin] if origin.is_file() else [p for p in origin.rglob("*") if p.is_file()]
        needed += [
            f.relative_to(REPO_ROOT).as_posix()
            for f in files
            if "__pycache__" not in f.parts and f.suffix != ".pyc"
        ]
    assert "knowledge/geo/kommuner-2024-s.geojson" in needed
    dropped = [path for path in needed if any(r.fullmatch(path) for r in regexes)]
    assert not dropped, dropped


def compose() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))


def test_compose_runs_the_same_command_with_a_named_volume_and_env_file() -> None:
    spec = compose()
    (service,) = spec["services"].values()
    context = (COMPOSE.parent / service["build"]["context"]).resolve()
    assert context == REPO_ROOT
    assert (context / service["build"]["dockerfile"]).resolve() == DOCKERFILE
    dockerfile_cmd = exec_form(only(dockerfile_instructions(DOCKERFILE), "CMD"))
    assert service.get("command", dockerfile_cmd) == dockerfile_cmd
    assert "entrypoint" not in service and "healthcheck" not in service
    assert service["env_file"] == ".env"
    assert service["restart"] == "unless-stopped"
    (mount,) = service["volumes"]
    volume, _, target = mount.partition(":")
    assert target == "/data" and volume in spec["volumes"], "data must live in a named volume"
    assert service.get("read_only") is True and "/tmp" in service["tmpfs"]
    assert service["cap_drop"] == ["ALL"]


def test_env_file_for_compose_is_never_committed() -> None:
    ignore = (REPO_ROOT / ".gitignore").read_text(encoding="utf-8").split()
    assert ".env" in ignore


@pytest.mark.slow
def test_the_image_layout_is_self_sufficient(tmp_path: Path) -> None:
    """Lay out /app exactly as the Dockerfile's COPY lines do and run the health check the
    image runs, from there: nothing outside the copied files (tests/, ../shared) is needed."""
    instructions = dockerfile_instructions(DOCKERFILE)
    app = tmp_path / "app"
    app.mkdir()
    for keyword, args in instructions:
        if keyword != "COPY":
            continue
        *sources, target = shlex.split(args)
        for source in sources:
            origin = REPO_ROOT / source
            destination = app / source if target.endswith("/") else app / target
            if origin.is_dir():
                shutil.copytree(origin, destination, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy2(origin, destination)
    env = {k: v for k, v in clean_env().items() if k != "PYTHONPATH"}
    env.update(BOT_DATA_DIR=str(tmp_path / "data"), BOT_KNOWLEDGE_DIR=str(app / "knowledge"))
    where = subprocess.run(
        [sys.executable, "-c", "import bot; print(bot.__file__)"],
        cwd=app,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert Path(where.stdout.strip()).is_relative_to(app), "the image's own copy is imported"
    health = subprocess.run(
        [sys.executable, "-m", "bot", "health"],
        cwd=app,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert health.returncode == 0, health.stdout + health.stderr
    assert health.stdout.startswith("ok: ")

    # Pictures as the image's user draws them: no writable home (useradd --home-dir
    # /nonexistent), matplotlib's cache in the empty tmpfs named by MPLCONFIGDIR, and the
    # outlines from the image's own knowledge/geo (tmp_path has no ../shared next to it).
    image_env = dict(re.findall(r"(\w+)=(\S+)", " ".join(a for k, a in instructions if k == "ENV")))
    tmpfs = tmp_path / "tmpfs"
    tmpfs.mkdir()
    mpl_dir = tmpfs / Path(image_env["MPLCONFIGDIR"]).relative_to("/tmp")
    blocker = tmp_path / "nonexistent"
    blocker.write_text("", encoding="utf-8")
    env.update(HOME=str(blocker / "home"), MPLCONFIGDIR=str(mpl_dir), TMPDIR=str(tmpfs))
    for kind in ("kart", "tidslinje"):
        out = tmp_path / f"{kind}.png"
        render = subprocess.run(
            [sys.executable, "-m", "bot", "render", kind, str(out)],
            cwd=app,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert render.returncode == 0, render.stdout + render.stderr
        assert render.stderr == "", render.stderr
        assert out.read_bytes().startswith(b"\x89PNG")
    assert list(mpl_dir.glob("fontlist-*.json")), "matplotlib caches its fonts in MPLCONFIGDIR"


def test_matplotlib_cache_is_on_a_writable_tmpfs() -> None:
    """The root filesystem is read-only and the user has no home: MPLCONFIGDIR must point
    into a tmpfs that compose mounts (or the data volume)."""
    env = " ".join(args for kw, args in dockerfile_instructions(DOCKERFILE) if kw == "ENV")
    found = re.search(r"MPLCONFIGDIR=(\S+)", env)
    assert found, "MPLCONFIGDIR is not set in the image"
    (service,) = compose()["services"].values()
    writable = [*service["tmpfs"], "/data"]
    assert any(Path(found.group(1)).is_relative_to(mount) for mount in writable), writable


def test_pip_install_ships_every_package() -> None:
    """``pip install .`` installs what setuptools finds; a folder of modules without an
    ``__init__.py`` would silently be left out of the installed copy."""
    from setuptools import find_packages

    found = set(find_packages(where=str(REPO_ROOT), include=["bot*"]))
    folders = {
        ".".join(path.parent.relative_to(REPO_ROOT).parts)
        for path in (REPO_ROOT / "bot").rglob("*.py")
        if "__pycache__" not in path.parts
    }
    assert folders <= found, sorted(folders - found)
    pyproject = (REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'include = ["bot*"]' in pyproject


def test_nothing_in_the_product_reads_the_shared_folder() -> None:
    """What the bot needs at run time is copied into knowledge/ (the image has no ../shared);
    the code and the deploy files never name the source material folder."""
    offenders = [
        str(path.relative_to(REPO_ROOT))
        for path in [*(REPO_ROOT / "bot").rglob("*.py"), *DEPLOY_DIR.iterdir()]
        if re.search(r"\.\./shared|shared/(data|facts|seeds|notes)", path.read_text("utf-8"))
    ]
    assert not offenders
