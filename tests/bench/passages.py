"""`make bench` section: the passage index (issue 12) — build time and query latency.

The fact base is loaded once (not timed); the index is built five times (median reported)
and every probe question is then searched ROUNDS times after one warm-up pass (whose
slowest search is printed too: typo look-ups are cached after it), with and without filters.
Targets from the issue: build ≤ 0.2 s, query p99 ≤ 2 ms.
"""

from __future__ import annotations

import statistics
import time
from datetime import datetime
from pathlib import Path

from bot.clock import OSLO
from bot.engine.engine import Engine
from bot.knowledge.loader import load_knowledge
from bot.knowledge.passages import PassageIndex

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"
BUILDS = 5
ROUNDS = 50
QUESTIONS: list[tuple[str, dict[str, object]]] = [
    ("hvor mange ansatte har integreringsenheten", {"municipality": "Harstad"}),
    ("hva er YrkesKomp", {}),
    ("Globus kafe", {}),
    ("integreringsenhten", {}),
    ("hvor mange enslige mindreårige bosatte Trondheim", {"year": 2016}),
    ("hvem tok imot prisen", {"year": 2014}),
    ("hvem var ordfører", {"year": 2021, "municipality": "Drammen"}),
    ("ukrainske ungdommer 16-18 år skoletilbud", {}),
    ("startlån", {"municipality": "Sunndal"}),
    ("hvor mange innbyggere hadde Levanger", {}),
    ("hva sa ordføreren om nominasjonen", {"municipality": "Tynset"}),
    ("hvor stor andel gikk til arbeid eller utdanning", {}),
    ("hva var juryens begrunnelse for Kinn", {"year": 2022}),
    ("hvem leder IMDi", {}),
    ("prispenger", {}),
    ("hva er værmeldingen i morgen", {}),
    ("hvem vant fotball-VM", {}),
    ("pandemi", {"person": "Rieber-Mohn"}),
    ("Jobbsjansen", {}),
    ("sisters in business ikea", {}),
]

ENGINE_QUESTIONS = [
    "Hvor mange ansatte har integreringsenheten i Harstad?",
    "Hva skjedde på Grødem skole i Randaberg?",
    "Hvordan skaffet Tynset boliger til flyktningene?",
    "Hva gjorde Levanger med enslige mindreårige?",
    "Hva er favorittfargen til Harstad?",
    "Hvem er Libe Rieber-Mohn?",
    "Hvem er Rita Otervik?",
    "Hvorfor ble Asker nominert?",
    "Hvor stor andel kom i jobb i Lørenskog?",
    "Fortell om Drammen kommune",
]
"""Questions answered through the engine by the passage fallback, a person or a profile."""
NOW = datetime(2026, 12, 5, 12, 0, tzinfo=OSLO)


def _percentile(times: list[float], share: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] * 1000


def engine_wired() -> None:
    """The same index as the engine uses it: built on the first fallback for a view of the
    fact base (cached after), and whole answers that end in the fact texts."""
    engine = Engine.load(KNOWLEDGE)
    view = engine.composer.view_at(NOW)
    start = time.perf_counter()
    engine.lookup.passage_answers.index(view.kb)
    first = time.perf_counter() - start
    for question in ENGINE_QUESTIONS:  # warm-up: typo look-ups cached
        engine.answer(question, now=NOW)
    times: list[float] = []
    for _ in range(ROUNDS):
        for question in ENGINE_QUESTIONS:
            start = time.perf_counter()
            engine.answer(question, now=NOW)
            times.append(time.perf_counter() - start)
    print(
        f"i motoren: indeksen for visningen bygget på {first * 1000:.1f} ms (én gang per "
        f"faktabase og tidspunkt-tilstand); {len(times)} hele svar via faktabasetekster, "
        f"personer og profiler: p50 {statistics.median(times) * 1000:.3f} ms, "
        f"p99 {_percentile(times, 0.99):.3f} ms"
    )


def main() -> None:
    """Print build time and query latency percentiles."""
    kb = load_knowledge(KNOWLEDGE)
    numbers = {m.name: m.number for m in kb.municipalities}
    builds: list[float] = []
    index = PassageIndex.build(kb)
    for _ in range(BUILDS):
        start = time.perf_counter()
        index = PassageIndex.build(kb)
        builds.append(time.perf_counter() - start)
    queries = []
    for question, filters in QUESTIONS:
        resolved = dict(filters)
        if "municipality" in resolved:
            resolved["municipality"] = numbers[str(resolved["municipality"])]
        queries.append((question, resolved))
    cold: list[float] = []
    answered = 0
    for question, filters in queries:  # warm-up pass: typo look-ups are not cached yet
        start = time.perf_counter()
        answered += bool(index.search(question, **filters))  # type: ignore[arg-type]
        cold.append(time.perf_counter() - start)
    times: list[float] = []
    for _ in range(ROUNDS):
        for question, filters in queries:
            start = time.perf_counter()
            index.search(question, **filters)  # type: ignore[arg-type]
            times.append(time.perf_counter() - start)
    times.sort()
    p50 = statistics.median(times) * 1000
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))] * 1000
    build = statistics.median(builds)
    print(f"passasjer: {len(index)} tekster fra {len(kb.years)} årsfiler + prisen")
    print(
        f"bygging: median {build * 1000:.1f} ms over {BUILDS} (mål ≤ 200 ms)"
        f"{'' if build <= 0.2 else '  OVER MÅLET'}"
    )
    print(
        f"søk: {len(times)} søk, p50 {p50:.3f} ms, p99 {p99:.3f} ms (mål p99 ≤ 2 ms)"
        f"{'' if p99 <= 2 else '  OVER MÅLET'}; {answered}/{len(queries)} prøvespørsmål fikk treff"
    )
    print(f"første (kalde) søk: maks {max(cold) * 1000:.3f} ms")
    engine_wired()


if __name__ == "__main__":
    main()
