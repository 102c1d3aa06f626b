"""Every text file has one contract: a missing text or an unknown placeholder in any of the four
files fails ``python -m bot check`` with file and line, the engine refuses to load a broken
``engine.yaml``, and the contracts cover every text the code formats."""

from __future__ import annotations

import ast
import io
import re
import shutil
import sys
from datetime import datetime
from pathlib import Path

import pytest

from bot.__main__ import main
from bot.cli.check import check_all
from bot.clock import OSLO
from bot.engine.engine import Engine
from bot.engine.holder import EngineHolder
from bot.knowledge.textcontract import TextContract, check_text_data, text
from bot.knowledge.yamlio import KnowledgeError, LDict, read_yaml
from bot.telegram.textcheck import TEXT_CONTRACTS, check_text_files
from tests.text_usage import TextUsage

KNOWLEDGE = Path(__file__).resolve().parents[1] / "knowledge"
BY_AREA = {contract.area: contract for contract in TEXT_CONTRACTS}

# Per file, on disk: a single-line text to delete (its key) and one to give a placeholder
# the program does not fill in: (area, deleted line start, its key, edited line start, edit).
ON_DISK = [
    ("engine", "  prose_next:", "winner.prose_next", "  one: ", ("{label}", "{aar}")),
    ("telegram", "  flood:", "refusals.flood", "  too_long:", ("{limit}", "{grense}")),
    ("reminders", '  next: "Neste', "subscribe.next", "  sent:", ("{when}", "{naar}")),
    ("pictures", "  title_year:", "map.title_year", '  no_prize: "Ingen', ("{label}", "{aar}")),
]


def _node(data: LDict, key: str) -> tuple[LDict, str]:
    *parents, last = key.split(".")
    node = data
    for part in parents:
        node = node[part]
    return node, last


def _section_line(data: LDict, key: str) -> int:
    """The line of the key of the section holding ``key`` (1 at the top level)."""
    if "." not in key:
        return 1
    parent, last = _node(data, key.rsplit(".", 1)[0])
    return parent.line_of(last)


def _copy(tmp_path: Path) -> Path:
    copy = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, copy)
    return copy


def _line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.startswith(needle))


def test_four_files_four_contracts_and_the_real_files_pass() -> None:
    files = sorted(path.stem for path in (KNOWLEDGE / "texts").glob("*.yaml"))
    assert sorted(BY_AREA) == files == ["engine", "pictures", "reminders", "telegram"]
    assert check_text_files(KNOWLEDGE) == []


@pytest.mark.parametrize("contract", TEXT_CONTRACTS, ids=lambda c: c.area)
def test_every_required_text_missing_is_reported_with_its_section_line(
    contract: TextContract,
) -> None:
    display = f"knowledge/texts/{contract.area}.yaml"
    data = read_yaml(KNOWLEDGE / contract.filename, display)
    assert check_text_data(data, contract, display) == []
    for key in contract.texts:
        node, last = _node(data, key)
        value, line = node.pop(last), node.line_of(last)
        issues = check_text_data(data, contract, display)
        node[last] = value
        section = _section_line(data, key)
        assert [(i.file, i.line, i.message) for i in issues] == [
            (display, section, f"teksten «{key}» mangler")
        ], (key, line)


@pytest.mark.parametrize("contract", TEXT_CONTRACTS, ids=lambda c: c.area)
def test_an_unknown_placeholder_in_any_text_is_reported_on_its_line(
    contract: TextContract,
) -> None:
    display = f"knowledge/texts/{contract.area}.yaml"
    data = read_yaml(KNOWLEDGE / contract.filename, display)
    for key in contract.texts:
        node, last = _node(data, key)
        value = node[last]
        node[last] = value + " {ukjent}"
        issues = check_text_data(data, contract, display)
        node[last] = value
        line = node.line_of(last)
        assert line > 0
        assert {i.line for i in issues} == {line}, (key, issues)
        assert any(f"«{key}» bruker ukjent plassholder {{ukjent}}" in i.message for i in issues)


@pytest.mark.parametrize(
    ("area", "deleted", "key", "edited", "edit"), ON_DISK, ids=[case[0] for case in ON_DISK]
)
def test_bot_check_names_file_and_line_in_each_text_file(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    area: str,
    deleted: str,
    key: str,
    edited: str,
    edit: tuple[str, str],
) -> None:
    copy = _copy(tmp_path)
    path = copy / "texts" / f"{area}.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    [gone] = [n for n, line in enumerate(lines) if line.startswith(deleted)]
    [broken] = [n for n, line in enumerate(lines) if line.startswith(edited)]
    assert edit[0] in lines[broken]
    lines[broken] = lines[broken].replace(*edit)
    del lines[gone]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    section = _line_of(path, key.split(".")[0] + ":")
    line = broken + (1 if broken < gone else 0)
    assert main(["check", "--knowledge", str(copy)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert f"knowledge/texts/{area}.yaml:{section}: teksten «{key}» mangler" in out
    assert any(
        re.fullmatch(
            rf"knowledge/texts/{area}\.yaml:{line}: «[a-z_.]+» bruker ukjent plassholder "
            rf"{re.escape(edit[1])}; tillatt: .*",
            shown,
        )
        for shown in out
    ), out
    assert out[-1].startswith("Fant 2 feil")


def test_an_unused_key_and_a_wrong_word_list_are_reported(tmp_path: Path) -> None:
    copy = _copy(tmp_path)
    path = copy / "texts" / "engine.yaml"
    content = path.read_text(encoding="utf-8")
    content = content.replace("  and: og\n", "  and: og\n  og: og\n", 1)
    content = content.replace("fredag lørdag søndag", "fredag lørdag", 1)
    path.write_text(content, encoding="utf-8")
    messages = {(i.line, i.message) for i in check_text_files(copy)}
    assert (7, "«format.og» er ikke en tekst programmet bruker") in messages
    assert (8, "«format.weekdays» må ha 7 ord, har 6") in messages


def test_engine_refuses_a_broken_engine_file_instead_of_crashing(tmp_path: Path) -> None:
    """The reported bug: without a text the several-years answer formats (``winner.prose_next``,
    «vinnere 2008-2016») the engine raised KeyError."""
    copy = _copy(tmp_path)
    holder = EngineHolder(copy)
    now = datetime(2026, 11, 23, 12, 0, tzinfo=OSLO)
    before = holder.engine.answer("vinnere 2008-2016", now=now).text
    path = copy / "texts" / "engine.yaml"
    line = _line_of(path, "winner:")
    path.write_text(
        path.read_text(encoding="utf-8").replace('  prose_next: "{winner} for {label}"\n', ""),
        "utf-8",
    )
    with pytest.raises(KnowledgeError) as caught:
        Engine.load(copy)
    assert [str(i) for i in caught.value.issues] == [
        f"knowledge/texts/engine.yaml:{line}: teksten «winner.prose_next» mangler"
    ]
    assert holder.reload()  # refused: the running engine keeps answering
    assert holder.engine.answer("vinnere 2008-2016", now=now).text == before


def test_engine_refuses_a_wrong_word_list_at_load(tmp_path: Path) -> None:
    """The contract at load also holds the word lists the date formatting indexes into (the
    check ``Texts.check`` used to make): six weekdays refuse the engine, with file and line."""
    copy = _copy(tmp_path)
    path = copy / "texts" / "engine.yaml"
    content = path.read_text(encoding="utf-8")
    path.write_text(content.replace("fredag lørdag søndag", "fredag lørdag", 1), "utf-8")
    line = _line_of(path, "  weekdays:")
    with pytest.raises(KnowledgeError) as caught:
        Engine.load(copy)
    assert [str(i) for i in caught.value.issues] == [
        f"knowledge/texts/engine.yaml:{line}: «format.weekdays» må ha 7 ord, har 6"
    ]


def test_text_usage_reports_a_key_or_placeholder_the_contract_lacks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The drift check itself: a contract without a text the code formats is caught."""
    engine = Engine.load(KNOWLEDGE)
    usage = TextUsage()
    with usage.installed(monkeypatch):
        engine.answer("vinnere 2008-2016", now=datetime(2026, 11, 23, 12, 0, tzinfo=OSLO))
    assert "engine.winner.prose_next" in usage.used()
    assert usage.drift() == []
    real = BY_AREA["engine"]
    without = TextContract(
        "engine", {k: v for k, v in real.texts.items() if k != "winner.prose_next"}
    )
    assert any(
        "engine.winner.prose_next is not in the contract" in p for p in usage.drift((without,))
    )
    wider = TextContract(
        "engine", {**real.texts, "winner.prose_next": text("label", "winner", "year")}
    )
    assert any("winner.prose_next allows year" in p for p in usage.drift((wider,)))


def test_terminal_texts_in_process(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The terminal's own texts (``cli.*``), run in this process so the suite-wide drift check
    (tests/conftest.py) sees them; the CLI tests proper run ``python -m bot`` as a process."""
    questions = "hvem vant i 2021?\nvis meg et kart\n1\n/avslutt\n"
    monkeypatch.setattr(sys, "stdin", io.StringIO(questions))
    assert main(["chat", "--now", "2026-11-23T12:00"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Prisbot i terminalen.")
    assert "Kilder:\n– " in out and "  1. " in out and "(Bildet «" in out
    assert out.rstrip().endswith("Ha det!")
    main(["ask"])
    assert "Skriv et spørsmål" in capsys.readouterr().err


def _literal_keys(node: ast.expr) -> list[str] | None:
    """The key(s) a call's key argument can be: a string, or either string of ``a if c else b``."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = _literal_keys(node.body), _literal_keys(node.orelse)
        if body is not None and orelse is not None:
            return body + orelse
    return None


def _text_call(call: ast.Call, path: Path) -> tuple[str, ast.expr] | None:
    """``(area, key argument)`` when ``call`` looks up a text, else None."""
    func = call.func
    area_of_dir = {"telegram": "telegram", "reminders": "reminders", "pictures": "pictures"}
    folder = path.parent.name
    if folder == "telegram" and path.stem in ("reminders", "reminders_admin", "pictures"):
        folder = "pictures" if path.stem == "pictures" else "reminders"  # a module's Telegram part
    if isinstance(func, ast.Name) and func.id == "text" and folder == "pictures":
        return ("pictures", call.args[1]) if len(call.args) > 1 else None
    if not call.args:
        return None
    if isinstance(func, ast.Name) and func.id in ("t", "texts"):
        return "engine", call.args[0]  # the answers' ``texts("winner.one", …)``
    if isinstance(func, ast.Attribute):
        receiver = ast.unparse(func.value)
        if func.attr in ("t", "texts") or (func.attr == "has" and receiver.endswith(".t")):
            return "engine", call.args[0]
        if func.attr in ("get", "words") and receiver.split(".")[-1] == "texts":
            if folder in area_of_dir:
                return area_of_dir[folder], call.args[0]
            return ("engine", call.args[0]) if func.attr == "get" else None
    return None


def test_every_literal_text_key_in_the_code_is_in_its_contract() -> None:
    """A static scan: each text call with a written-out key (``texts.get("help", …)``,
    ``self.t("winner.one", …)``, ``text(kb, "map.open", …)``) names a text of its contract,
    and a call that spells out its values fills in every placeholder the contract allows. Keys
    built at run time are covered by the suite-wide drift check instead."""
    problems: list[str] = []
    checked = 0
    for path in sorted((KNOWLEDGE.parent / "bot").rglob("*.py")):
        if path.name == "text_contract.py":
            continue
        for call in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(call, ast.Call):
                continue
            found = _text_call(call, path)
            keys = _literal_keys(found[1]) if found else None
            if found is None or keys is None:
                continue
            area = found[0]
            if area == "engine" and path.parent.name not in ("engine", "answers", "cli"):
                continue  # a ``.get`` on something else named texts
            given = {k.arg for k in call.keywords}
            for key in keys:
                checked += 1
                where = f"{path.relative_to(KNOWLEDGE.parent)}:{call.lineno}"
                allowed = BY_AREA[area].placeholders(key)
                if allowed is None:
                    problems.append(f"{where}: {area}.{key} is not in the contract")
                elif None not in given and not allowed <= given:
                    problems.append(f"{where}: {area}.{key} allows {sorted(allowed - given)}")
    assert checked > 250
    assert problems == [], "\n".join(problems)


def test_a_value_that_is_not_text_is_reported_once(tmp_path: Path) -> None:
    copy = _copy(tmp_path)
    path = copy / "texts" / "reminders.yaml"
    line = _line_of(path, "  stop: Stopp påminnelser")
    path.write_text(
        path.read_text(encoding="utf-8").replace("  stop: Stopp påminnelser", "  stop: [1, 2]"),
        "utf-8",
    )
    _, issues = check_all(copy)
    assert [(i.file, i.line) for i in issues] == [("knowledge/texts/reminders.yaml", line)]
    assert "må være en tekst" in issues[0].message
