"""Suite-wide: every text the code formats during the run must be in its file's contract.

While the tests run, :class:`tests.text_usage.TextUsage` records each text lookup made by code
under ``bot/``; at the end a use the contracts do not cover fails the run with the call site
(see ``tests/test_text_contracts.py`` for the contracts' own tests).
"""

from __future__ import annotations

import pytest

from tests.text_usage import TextUsage

USAGE = TextUsage()
_PATCH = pytest.MonkeyPatch()


def pytest_sessionstart(session: pytest.Session) -> None:
    """Start recording text uses."""
    USAGE.installed(_PATCH).__enter__()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Stop recording; fail the run when the code used a text its contract does not cover."""
    _PATCH.undo()
    problems = USAGE.drift()
    if not problems:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    lines = ["The code formats texts their contracts do not cover:", *problems]
    if reporter is not None:
        reporter.section("text contract drift", red=True)
        for line in lines:
            reporter.write_line(line)
    else:
        print("\n".join(lines))
    session.exitstatus = pytest.ExitCode.TESTS_FAILED
