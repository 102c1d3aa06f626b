"""The engine's :class:`~bot.engine.types.Answer` from composed replies: one answer, two
answers joined into one message, a refusal, or «Mente du …?» suggestions."""

from __future__ import annotations

from bot.engine.texts import Texts
from bot.engine.types import Answer

from .reply import MAX_CHARS, Reply
from .sources import split

ANSWERED_BY = {"reasoning": "begrunnelse", "nominees": "nominerte"}
"""A part of this intent already says what a button asking this (its first word) would: no
«Hvorfor vant de?» under «hvem vant i 2010, og hvorfor?»."""
SHORT_LINE = 60
"""A second answer's line this short that only repeats names already said is left out."""
CONTENT_WORD = 5
"""…unless it has a word this long (lower case) that was not said («opplysninger»)."""


def answered(question: str, reply: Reply, intent: str, confidence: float) -> Answer:
    """The answer to ``question`` understood as ``intent``."""
    shown, more = split(reply.sources, reply.text)
    return Answer(
        question=question,
        text=reply.text,
        matched=True,
        confidence=min(1.0, confidence),
        intent=intent,
        sources=shown,
        more_sources=more,
        followups=tuple(reply.followups),
        years=tuple(reply.years),
        municipality=reply.municipality,
        best_guess=intent,
    )


def refused(
    texts: Texts,
    question: str,
    key: str,
    confidence: float = 0.0,
    best_guess: str | None = None,
) -> Answer:
    """Not answered: the text ``key`` («refusal.out_of_scope» …)."""
    return Answer(
        question=question,
        text=texts(key),
        matched=False,
        confidence=min(1.0, confidence),
        intent=None,
        best_guess=best_guess,
    )


def suggested(
    texts: Texts, question: str, suggestions: list[str], confidence: float, best_guess: str
) -> Answer:
    """Not understood, with questions the engine can answer («Mente du …?»)."""
    lines = [texts("refusal.not_understood"), texts("refusal.suggestions")]
    lines.extend(texts("refusal.suggestion_line", question=s) for s in suggestions)
    return Answer(
        question=question,
        text="\n".join(lines),
        matched=False,
        confidence=min(1.0, confidence),
        intent=None,
        suggestions=tuple(suggestions),
        best_guess=best_guess,
    )


def combined(texts: Texts, question: str, one: Answer, two: Answer) -> Answer | None:
    """Two answers to a two-part question in one message, without repeated lines and with the
    caveats last; None when that would be too long for one message."""
    text = _notes_last(
        _join_without_repeats(one.text, two.text),
        texts("format.note", note="").strip(),
    )
    if len(text) > MAX_CHARS:
        return None  # too long for one message: answer the question as a whole instead
    sources = [*one.sources, *two.sources, *one.more_sources, *two.more_sources]
    shown, more = split(sources, text)
    followups = list(one.followups)
    labels = {f.label for f in followups}  # two buttons «Vis på kart» would be a riddle
    asked = {f.question for f in followups}  # nor two buttons to one answer
    followups += [
        f
        for f in two.followups
        if f not in followups and f.label not in labels and f.question not in asked
    ]
    told = {ANSWERED_BY.get(intent or "") for intent in (one.intent, two.intent)}
    followups = [f for f in followups if f.question.split(" ", 1)[0] not in told]
    return Answer(
        question=question,
        text=text,
        matched=True,
        confidence=min(one.confidence, two.confidence),
        intent=one.intent,
        best_guess=one.intent,
        sources=shown,
        more_sources=more,
        followups=tuple(followups),
        years=tuple(dict.fromkeys(one.years + two.years)),
        municipality=one.municipality or two.municipality,
    )


def _notes_last(text: str, prefix: str) -> str:
    """Move caveat lines of a two-part answer below both parts (when notes carry a label)."""
    if not prefix:
        return text
    lines = text.split("\n")
    notes = [line for line in lines if line.startswith(prefix)]
    return "\n".join([line for line in lines if not line.startswith(prefix)] + notes)


def _join_without_repeats(first: str, second: str) -> str:
    """Join two answers, leaving out a line the other answer already says (in full or more)."""

    def covered(line: str, others: list[str]) -> bool:
        """The line, or the line after its «Ja, »/«Nei, », said in full (or more) by another:
        «Ja, Ullensvang er nominert for 2023.» before «Ullensvang er nominert for 2023, men …»."""
        stem = line.rstrip(".")
        bare = stem.removeprefix("Ja, ").removeprefix("Nei, ")
        bare = bare[:1].upper() + bare[1:]
        long_enough = len(bare) >= SHORT_LINE // 3  # never a bare «Ja.»
        return any(
            other != line and (other.startswith(stem) or (long_enough and other.startswith(bare)))
            for other in others
        )

    def restates(line: str, earlier: str) -> bool:
        """A short line whose names and numbers were all said already («Vinneren var Drammen.»)."""
        tokens = [t.strip(".,:;()«»") for t in line.split()]
        # the prize's name («Bosettings- og integreringsprisen») is no news either
        tokens = [t for t in tokens if "prisen" not in t.lower() and not t.endswith("-")]
        names = [t for t in tokens[1:] if t[:1].isupper() or t[:1].isdigit()]
        content = [t for t in tokens[1:] if t[:1].islower() and len(t) >= CONTENT_WORD]
        lowered = earlier.lower()
        return (
            len(line) <= SHORT_LINE
            and bool(names)
            and all(n in earlier for n in names)
            and all(w in lowered for w in content)
        )

    def without_restated_lead(line: str, earlier: str) -> str:
        """«Kristiansand vant prisen for 2010. Kristiansand tenkte …» after «Kristiansand vant
        Bosettingsprisen 2010.»: the line without its first sentence, which was said."""
        lead, sep, rest = line.partition(". ")
        return rest if sep and rest[:1].isupper() and restates(lead + ".", earlier) else line

    one, two = first.split("\n"), second.split("\n")
    kept_one = [line for line in one if not covered(line, two)]
    said = "\n".join(kept_one)
    kept_two = [
        without_restated_lead(line, said)
        for line in two
        if line not in kept_one
        and not covered(line, kept_one)
        and not restates(line, said)
        and not any(k.endswith(" " + line) for k in kept_one)  # said after «Ja,» / «Nei,»
    ]
    return "\n".join(kept_one + kept_two)
