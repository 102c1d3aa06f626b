"""Run an answer engine over the golden question set and score it.

Reusable by the benchmark (``tests/bench/engine.py``)::

    from tests.golden.harness import evaluate, load_golden
    report = evaluate(lambda question, now, context: engine.answer(question, now=now,
                                                                   context=context))
    print(report.summary())

``answer_fn(question, now, context)`` must return an object with ``text`` and ``matched``
(``intent`` is reported when present), or a mapping in the ``ask --json`` shape (``answer``,
``matched``, ``intent``). ``context`` is ``None`` for single questions and one
``bot.engine.types.Conversation`` per golden conversation, shared by its turns.

Matching rules (also documented at the top of ``questions.yaml``): case-insensitive, æøå exact; a
string must start at a word boundary; strings of at most three letters must also end at one.
Source lines (starting with «Kilde»/«Kilder») count for ``must`` only.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

import yaml

from bot.clock import parse_moment

GOLDEN_FILE = Path(__file__).with_name("questions.yaml")

GLOBAL_CHECK_KINDS = frozenset(
    {
        "winner",
        "winner_relative",
        "nominees",
        "municipality",
        "yesno",
        "all_winners",
        "multi_year",
        "first_last",
        "before_after",
        "county",
        "gap",
        "out_of_scope",
    }
)
"""Kinds whose answers get the global wrong-fact check (any winner/nominee name not allowed)."""

_YEAR_RE = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")
_SOURCE_LINE_RE = re.compile(r"^\s*(kilde|kilder)\b", re.IGNORECASE)
_SUGGESTION_LINE_RE = re.compile(r"^\s*[-–—•*]\s.*\?\s*$")
_QUOTED_RE = re.compile(r"«[^»]*»")
_WIN_VERB = r"s?(?:\s+kommune)?\s+(?:vant|har vunnet|fikk prisen|fikk bosettings)(?!\s+ikke)"


class AnswerLike(Protocol):
    """What ``answer_fn`` must return."""

    text: str
    matched: bool


AnswerFn = Callable[[str, datetime, Any], AnswerLike | Mapping[str, Any]]


@dataclass(frozen=True)
class YearFacts:
    """Winner, nominees and context names of one prize year (from ``facts:``)."""

    winner: str | None
    nominees: tuple[str, ...]
    context: tuple[str, ...]

    def names(self) -> set[str]:
        """Every name a correct answer about this year may mention."""
        out = set(self.nominees) | set(self.context)
        if self.winner:
            out.add(self.winner)
        return out


@dataclass(frozen=True)
class Item:
    """One golden question (single or a conversation turn)."""

    id: str
    q: str
    kind: str
    now: datetime
    must: tuple[str, ...] = ()
    must_not: tuple[str, ...] = ()
    any_groups: tuple[tuple[str, ...], ...] = ()
    allow: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    matched: bool | None = None
    tags: tuple[str, ...] = ()
    conversation: str | None = None


@dataclass(frozen=True)
class Golden:
    """The whole golden set."""

    now: datetime
    facts: dict[int, YearFacts]
    questions: tuple[Item, ...]
    conversations: tuple[tuple[str, tuple[Item, ...]], ...]

    @property
    def universe(self) -> frozenset[str]:
        """All winner, nominee and context names of every year."""
        return frozenset(n for f in self.facts.values() for n in f.names())

    def all_items(self) -> list[Item]:
        """Single questions followed by every conversation turn."""
        return [*self.questions, *(t for _, turns in self.conversations for t in turns)]


@dataclass
class ItemResult:
    """Outcome of one item."""

    item: Item
    answer: str
    matched: bool | None
    intent: str | None
    reasons: list[str] = field(default_factory=list)
    wrong_facts: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.reasons

    def describe(self) -> str:
        """Readable block for a failing item."""
        where = f" [{self.item.conversation}]" if self.item.conversation else ""
        text = self.answer.replace("\n", " ⏎ ")
        return (
            f"{self.item.id}{where} ({self.item.kind}) Q: {self.item.q}\n"
            f"    A (matched={self.matched}, intent={self.intent}): {text[:600]}\n"
            f"    WHY: {'; '.join(self.reasons)}"
        )


@dataclass
class Report:
    """Scores of one run."""

    results: list[ItemResult]

    @property
    def total(self) -> int:
        return len(self.results)

    @property
    def passed(self) -> int:
        return sum(r.passed for r in self.results)

    @property
    def accuracy(self) -> float:
        return self.passed / self.total if self.total else 0.0

    @property
    def refusal_rate(self) -> float:
        """Share of answers with ``matched`` false (refusals and fallbacks)."""
        return sum(r.matched is False for r in self.results) / self.total if self.total else 0.0

    @property
    def false_refusals(self) -> list[ItemResult]:
        """Items the engine refused although they are in scope."""
        return [r for r in self.results if r.item.matched is True and r.matched is False]

    @property
    def failures(self) -> list[ItemResult]:
        return [r for r in self.results if not r.passed]

    @property
    def wrong_facts(self) -> list[ItemResult]:
        """Answers naming a municipality as winner/nominee where that is wrong."""
        return [r for r in self.results if r.wrong_facts]

    def by(self, key: Callable[[ItemResult], Iterable[str]]) -> dict[str, tuple[int, int]]:
        """(passed, total) per label."""
        counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for r in self.results:
            for label in key(r):
                counts[label][0] += r.passed
                counts[label][1] += 1
        return {k: (v[0], v[1]) for k, v in sorted(counts.items())}

    def per_kind(self) -> dict[str, tuple[int, int]]:
        return self.by(lambda r: [r.item.kind])

    def per_tag(self) -> dict[str, tuple[int, int]]:
        return self.by(lambda r: r.item.tags)

    def summary(self) -> str:
        """Figures as printable text."""
        lines = [
            f"golden: {self.passed}/{self.total} riktige = {self.accuracy:.1%}; "
            f"avvisningsrate {self.refusal_rate:.1%}; feil fakta {len(self.wrong_facts)}; "
            f"feilaktige avvisninger {len(self.false_refusals)}",
            "per kind: " + ", ".join(f"{k} {p}/{t}" for k, (p, t) in self.per_kind().items()),
            "per tag: " + ", ".join(f"{k} {p}/{t}" for k, (p, t) in self.per_tag().items()),
        ]
        return "\n".join(lines)

    def failure_text(self, limit: int | None = None) -> str:
        """Every failing item (question, answer, reason)."""
        fails = self.failures[:limit] if limit else self.failures
        return "\n".join(r.describe() for r in fails)


# ------------------------------------------------------------------ loading


def _strs(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
        raise ValueError(f"{where}: expected a list of strings, got {value!r}")
    return tuple(str(v) for v in value)


def _any_groups(value: Any, where: str) -> tuple[tuple[str, ...], ...]:
    if not value:
        return ()
    if all(isinstance(v, list) for v in value):
        return tuple(_strs(v, where) for v in value)
    return (_strs(value, where),)


_ITEM_KEYS = {"q", "kind", "must", "must_not", "any", "allow", "years", "matched", "now", "tags"}


def _item(raw: dict[str, Any], ident: str, default_now: datetime, conv: str | None) -> Item:
    unknown = set(raw) - _ITEM_KEYS
    if unknown:
        raise ValueError(f"{ident}: unknown keys {sorted(unknown)}")
    if not isinstance(raw.get("q"), str) or not raw.get("kind"):
        raise ValueError(f"{ident}: needs q and kind")
    matched = raw.get("matched")
    if matched is not None and not isinstance(matched, bool):
        raise ValueError(f"{ident}: matched must be true/false")
    years = tuple(int(y) for y in raw.get("years") or ())
    return Item(
        id=ident,
        q=raw["q"],
        kind=str(raw["kind"]),
        now=parse_moment(str(raw["now"])) if raw.get("now") else default_now,
        must=_strs(raw.get("must"), ident),
        must_not=_strs(raw.get("must_not"), ident),
        any_groups=_any_groups(raw.get("any"), ident),
        allow=_strs(raw.get("allow"), ident),
        years=years,
        matched=matched,
        tags=_strs(raw.get("tags"), ident),
        conversation=conv,
    )


def load_golden(path: Path = GOLDEN_FILE) -> Golden:
    """Read and validate ``questions.yaml``."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    default_now = parse_moment(str(data["now"]))
    facts = {
        int(year): YearFacts(
            winner=f.get("winner"),
            nominees=_strs(f.get("nominees"), f"facts {year}"),
            context=_strs(f.get("context"), f"facts {year}"),
        )
        for year, f in (data.get("facts") or {}).items()
    }
    questions = tuple(
        _item(raw, f"q{i:03d}", default_now, None)
        for i, raw in enumerate(data.get("questions") or [], start=1)
    )
    conversations = []
    for ci, conv in enumerate(data.get("conversations") or [], start=1):
        name = str(conv["name"])
        turns = tuple(
            _item(raw, f"c{ci:02d}.{ti}", default_now, name)
            for ti, raw in enumerate(conv["turns"], start=1)
        )
        conversations.append((name, turns))
    return Golden(default_now, facts, questions, tuple(conversations))


# ------------------------------------------------------------------ matching


def _pattern(needle: str) -> re.Pattern[str]:
    body = re.escape(needle)
    start = r"(?<!\w)" if needle[:1].isalnum() else ""
    end = r"(?!\w)" if needle.isalpha() and len(needle) <= 3 else ""
    return re.compile(start + body + end, re.IGNORECASE)


def contains(text: str, needle: str) -> bool:
    """Case-insensitive, æøå-exact containment starting at a word boundary."""
    return _pattern(needle).search(text) is not None


def _name_pattern(name: str) -> re.Pattern[str]:
    # Proper noun, case-sensitive; genitive «s» allowed.
    return re.compile(r"(?<!\w)" + re.escape(name) + r"s?(?!\w)")


def ascii_fold(text: str) -> str:
    """Lowercase and fold æøå and accents to ASCII («Tønsberg» → «tonsberg»)."""
    text = text.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def without_source_lines(text: str) -> str:
    """The answer with «Kilde: …» lines removed."""
    return "\n".join(ln for ln in text.splitlines() if not _SOURCE_LINE_RE.match(ln))


def claims_of(text: str) -> str:
    """What the answer asserts: no source lines, no «quoted example questions», no suggested
    questions (lines starting with a dash or bullet and ending with «?»)."""
    lines = []
    for line in without_source_lines(text).splitlines():
        if _SUGGESTION_LINE_RE.match(line):
            continue
        lines.append(_QUOTED_RE.sub("«»", line))
    return "\n".join(lines)


def _line_years(claims: str, fallback: tuple[int, ...]) -> list[tuple[str, tuple[int, ...]]]:
    """Each line with the years it talks about (carried over from the last line naming one)."""
    out = []
    current = fallback
    for line in claims.splitlines():
        found = tuple(int(y) for y in _YEAR_RE.findall(line))
        if found:
            current = found
        out.append((line, current))
    return out


def _true_in(name: str, years: Iterable[int], golden: Golden) -> bool:
    """Whether ``name`` belongs to one of ``years`` (winner, nominee or context name)."""
    return any(year in golden.facts and name in golden.facts[year].names() for year in years)


def _false_winner_claims(item: Item, claims: str, golden: Golden) -> list[str]:
    """Names stated to have won («X vant …») in lines whose years they did not win."""
    wrong = []
    for line, years in _line_years(claims, item_years(item)):
        known = [y for y in years if y in golden.facts]
        if not known:
            continue
        for name in golden.universe:
            if not re.search(r"(?<!\w)" + re.escape(name) + _WIN_VERB, line):
                continue
            if all(golden.facts[y].winner != name for y in known):
                wrong.append(f"{name} as winner of {'/'.join(map(str, known))}")
    return wrong


def item_years(item: Item) -> tuple[int, ...]:
    """Years the item is about: explicit ``years`` plus 4-digit years in the question."""
    found = {int(y) for y in _YEAR_RE.findall(item.q)}
    return tuple(sorted(found | set(item.years)))


def allowed_names(item: Item, golden: Golden) -> set[str]:
    """Names an answer to ``item`` may mention without it counting as a wrong fact."""
    allowed = set(item.must) | set(item.allow) | {s for g in item.any_groups for s in g}
    for year in item_years(item):
        if year in golden.facts:
            allowed |= golden.facts[year].names()
    folded_q = ascii_fold(item.q)
    for name in golden.universe:
        if re.search(r"(?<!\w)" + re.escape(ascii_fold(name)), folded_q):
            allowed.add(name)
    return allowed


def check(
    item: Item, text: str, matched: bool | None, golden: Golden
) -> tuple[list[str], list[str]]:
    """Return (reasons, wrong_facts) for one answer; empty reasons = pass."""
    reasons: list[str] = []
    wrong: list[str] = []
    claims = claims_of(text)
    if not text.strip():
        reasons.append("empty answer")
    if item.matched is not None and matched is not item.matched:
        reasons.append(f"matched={matched}, expected {item.matched}")
    missing = [s for s in item.must if not contains(text, s)]
    if missing:
        reasons.append(f"missing {missing}")
    for group in item.any_groups:
        if not any(contains(text, s) for s in group):
            reasons.append(f"none of {list(group)}")
    present = [s for s in item.must_not if contains(claims, s)]
    off_topic: list[str] = []
    if item.kind in GLOBAL_CHECK_KINDS:
        allowed = allowed_names(item, golden)
        off_topic = sorted(
            n
            for n in golden.universe - allowed
            if _name_pattern(n).search(claims) and n not in present
        )
    if present:
        reasons.append(f"forbidden {present}")
    if off_topic:
        reasons.append(f"names not belonging to this answer {off_topic}")
    # Wrong facts: a forbidden string or a foreign name, unless every line naming it ties it to
    # a year where it really was winner/nominee (then it is only off-topic, still a failure);
    # in an out-of-scope answer any forbidden string is a prize fact passed off as an answer.
    line_years = _line_years(claims, item_years(item))
    for needle in [*present, *off_topic]:
        if item.kind == "out_of_scope" or needle not in golden.universe:
            wrong.append(needle)
            continue
        hits = [ys for line, ys in line_years if _name_pattern(needle).search(line)]
        if not hits or not all(_true_in(needle, ys, golden) for ys in hits):
            wrong.append(needle)
    for claim in _false_winner_claims(item, claims, golden):
        wrong.append(claim)
        reasons.append(f"false claim: {claim}")
    return reasons, wrong


# ------------------------------------------------------------------ running


def _conversation_factory() -> Any:
    from bot.engine.types import Conversation

    return Conversation()


def run_item(item: Item, answer_fn: AnswerFn, golden: Golden, context: Any) -> ItemResult:
    """Ask one item and score it; an exception counts as a failure, not a crash."""
    try:
        answer = answer_fn(item.q, item.now, context)
        if isinstance(answer, Mapping):  # the ``ask --json`` shape
            text = str(answer.get("answer", answer.get("text", "")))
            matched, intent = answer.get("matched"), answer.get("intent")
        else:
            text = str(getattr(answer, "text", ""))
            matched = getattr(answer, "matched", None)
            intent = getattr(answer, "intent", None)
    except Exception as exc:  # an engine crash is a failed item
        return ItemResult(item, "", None, None, [f"exception {type(exc).__name__}: {exc}"])
    reasons, wrong = check(item, text, matched, golden)
    return ItemResult(item, text, matched, intent, reasons, wrong)


def evaluate(
    answer_fn: AnswerFn,
    golden: Golden | None = None,
    conversation_factory: Callable[[], Any] = _conversation_factory,
) -> Report:
    """Run ``answer_fn`` over every question and conversation; return the report."""
    golden = golden or load_golden()
    results = [run_item(item, answer_fn, golden, None) for item in golden.questions]
    for _, turns in golden.conversations:
        context = conversation_factory()
        results.extend(run_item(t, answer_fn, golden, context) for t in turns)
    return Report(results)


def engine_answer_fn(knowledge_dir: Path | None = None) -> AnswerFn:
    """An ``answer_fn`` backed by the real engine over ``knowledge/``."""
    from bot.engine.engine import Engine

    root = Path(__file__).resolve().parents[2]
    engine = Engine.load(knowledge_dir or root / "knowledge")

    def answer(question: str, now: datetime, context: Any) -> AnswerLike:
        return engine.answer(question, now=now, context=context)

    return answer


def tag_counts(golden: Golden) -> Counter[str]:
    """How many single questions carry each tag."""
    return Counter(t for q in golden.questions for t in q.tags)


def main() -> None:
    """``python -m tests.golden.harness``: run the real engine and print figures and failures."""
    report = evaluate(engine_answer_fn())
    print(report.summary())
    print(report.failure_text())


if __name__ == "__main__":
    main()
