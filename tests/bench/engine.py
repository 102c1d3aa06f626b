"""`make bench` section: our engine against a naive baseline on the golden set.

Both are run over every golden question and conversation turn in one process; for each we
print accuracy (the golden harness's rules), refusal rate, p50/p99 latency per question,
questions per second and start-up time (median of three loads).

The baseline is defined honestly as what a first attempt would do: rapidfuzz
``process.extractOne`` (``WRatio``, default processing) of the raw question over every
example phrasing in ``knowledge/intents.yaml``; the best match's intent is answered by the
same composer, with no extracted year or municipality, no threshold and no context.
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process, utils

from bot.engine.answers import Request
from bot.engine.engine import Engine
from bot.engine.types import Answer
from tests.golden.harness import Report, evaluate, load_golden

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"
LOADS = 3
ROUNDS = 3
"""Latency is measured over this many timed passes after one warm-up pass (the bot is a
long-running process); accuracy comes from the first, scored pass."""


class Baseline:
    """Nearest example phrasing wins; its intent is composed without slots."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.examples: list[str] = []
        self.owners: list[str] = []
        for spec in engine.intents.values():
            for example in spec.examples:
                self.examples.append(example)
                self.owners.append(spec.name)

    def answer(self, question: str, now: datetime, context: Any = None) -> Answer:
        """Answer with the intent of the best-matching example."""
        best = process.extractOne(
            question, self.examples, scorer=fuzz.WRatio, processor=utils.default_process
        )
        if best is None:
            return Answer(question, "", False, 0.0, None)
        intent = self.owners[best[2]]
        reply = self.engine.composer.compose(Request(intent=intent, now=now))
        return Answer(question, reply.text, True, best[1] / 100, intent, tuple(reply.sources))


def _latencies(fn: Callable[[str, datetime, Any], Answer], items: list) -> list[float]:
    """Warm up once, then time every question ROUNDS times (fresh context per question)."""
    for item in items:
        fn(item.q, item.now, None)
    times: list[float] = []
    for _ in range(ROUNDS):
        for item in items:
            start = time.perf_counter()
            fn(item.q, item.now, None)
            times.append(time.perf_counter() - start)
    return times


def _load_average() -> str:
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "?"


def _startup(build: Callable[[], object]) -> float:
    samples = []
    for _ in range(LOADS):
        start = time.perf_counter()
        build()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def _row(name: str, report: Report, times: list[float], startup: float) -> list[str]:
    ordered = sorted(times)
    p50 = ordered[len(ordered) // 2] * 1000
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000
    qps = len(times) / sum(times)
    return [
        name,
        f"{report.accuracy:.1%}",
        f"{report.refusal_rate:.1%}",
        f"{p50:.3f}",
        f"{p99:.3f}",
        f"{qps:,.0f}",
        f"{startup:.3f}",
        str(len(report.wrong_facts)),
    ]


def _ask_memory_mb() -> float:
    """Peak resident memory of one ``python -m bot ask`` process, in MB."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run(
        [sys.executable, "-m", "bot", "ask", "Hvem vant i 2021?"],
        check=True,
        capture_output=True,
        cwd=KNOWLEDGE.parent,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(after, before) / 1024


def main() -> None:
    """Print the side-by-side table."""
    golden = load_golden()
    engine_startup = _startup(lambda: Engine.load(KNOWLEDGE))
    engine = Engine.load(KNOWLEDGE)
    baseline_startup = _startup(lambda: Baseline(Engine.load(KNOWLEDGE)))
    baseline = Baseline(engine)

    ours_fn = lambda q, n, c: engine.answer(q, now=n, context=c)  # noqa: E731
    ours = evaluate(ours_fn, golden)
    base = evaluate(baseline.answer, golden)
    items = golden.all_items()
    ours_times = _latencies(ours_fn, items)
    base_times = _latencies(baseline.answer, items)

    header = [
        "motor",
        "treff",
        "avvist",
        "p50 ms",
        "p99 ms",
        "spørsmål/s",
        "oppstart s",
        "feil fakta",
    ]
    rows = [
        header,
        _row("vår motor", ours, ours_times, engine_startup),
        _row("naiv baseline", base, base_times, baseline_startup),
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    print(
        f"gullsett: {len(ours.results)} spørsmål (inkl. samtaleturer); svartid over "
        f"{ROUNDS}×{len(items)} kall etter oppvarming; maskinlast {_load_average()}"
    )
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
    print(f"minne for «bot ask»: {_ask_memory_mb():.0f} MB")
    print(
        "mål: p99 ≤ 2 ms per spørsmål, oppstart (last + indeks) ≤ 0,3 s, "
        "minne for «bot ask» ≤ 80 MB"
    )
