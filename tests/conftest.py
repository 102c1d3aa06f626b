"""Suite-wide checks that fail the run at its end.

- Every text the code formats must be in its file's contract: while the tests run,
  :class:`tests.text_usage.TextUsage` records each text lookup made by code under ``bot/``; a use
  the contracts do not cover is reported with its call site (``tests/test_text_contracts.py``
  tests the contracts themselves).
- A test that starts a process (a subprocess, the fake Bot API as a process, docker) carries the
  ``slow`` marker, so ``make test-fast`` (``pytest -m "not slow"``) really skips them all.
"""

from __future__ import annotations

import subprocess
from collections.abc import Generator
from typing import Any

import pytest

from tests.text_usage import TextUsage

USAGE = TextUsage()
_PATCH = pytest.MonkeyPatch()
UNMARKED: dict[str, str] = {}
"""Tests without the slow marker that started a process → the command."""
_current: dict[str, pytest.Item | None] = {"item": None}
EXEMPT = frozenset({"fc-list"})
"""Programs libraries start on their own (matplotlib's font cache), not the test."""


def _watch_processes() -> None:
    original = subprocess.Popen.__init__

    def init(self: subprocess.Popen[Any], args: Any, *rest: Any, **kwargs: Any) -> None:
        item = _current["item"]
        argv = [args] if isinstance(args, str | bytes) else list(args)
        program = str(argv[0]).rsplit("/", 1)[-1] if argv else ""
        if item is not None and item.get_closest_marker("slow") is None and program not in EXEMPT:
            UNMARKED.setdefault(item.nodeid, " ".join(str(a) for a in argv)[:100])
        original(self, args, *rest, **kwargs)

    _PATCH.setattr(subprocess.Popen, "__init__", init)


def pytest_sessionstart(session: pytest.Session) -> None:
    """Start recording text uses and started processes."""
    USAGE.installed(_PATCH).__enter__()
    _watch_processes()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Generator[None]:
    """Know which test (setup, call and teardown) is running."""
    _current["item"] = item
    try:
        return (yield)
    finally:
        _current["item"] = None


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Stop recording; fail the run on a text the contracts miss or an unmarked slow test."""
    _PATCH.undo()
    problems = [f"text contract drift: {p}" for p in USAGE.drift()]
    problems += [
        f"starts a process but is not marked @pytest.mark.slow: {test} ({command})"
        for test, command in sorted(UNMARKED.items())
    ]
    if not problems:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.section("suite-wide checks", red=True)
        for line in problems:
            reporter.write_line(line)
    else:
        print("\n".join(problems))
    session.exitstatus = pytest.ExitCode.TESTS_FAILED
