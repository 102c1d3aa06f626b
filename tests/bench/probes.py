"""`make bench` section: every probe set's recorded first-try score and today's score."""

from __future__ import annotations

from tests.golden.harness import engine_answer_fn
from tests.probes.runner import report_lines, set_files


def main() -> None:
    """Print one pair of lines per probe set (see ``tests/probes/runner.py``)."""
    if not set_files():
        print("ingen prøvesett ennå (tests/probes/set-*.yaml)")
        return
    print("\n".join(report_lines(engine_answer_fn())))
