"""«Hva fikk Lørenskog prisen for?», «kva vart Harstad nominert for?»: a question word first and
a stranded preposition last ask for the reason, like «hvorfor». The words come from
``reason_asks``, ``reason_prepositions``, ``reason_verbs`` and ``reason_word`` in
synonyms.yaml."""

from __future__ import annotations

from bot.engine.lexicon import Synonyms

MIN_WORDS = 3
"""Question word, at least one word between, preposition."""


def reason_question(
    raw: list[str], folded: list[str], syn: Synonyms
) -> tuple[list[str], list[str]]:
    """``raw`` and ``folded`` with «hva … for» read as «hvorfor …» when a verb of winning or
    being nominated stands between; unchanged otherwise."""
    if not syn.reason_word or len(folded) < MIN_WORDS:
        return raw, folded
    if folded[0] not in syn.reason_asks or folded[-1] not in syn.reason_prepositions:
        return raw, folded
    middle = folded[1:-1]
    if not any(
        w in syn.reason_verbs or set(syn.words.get((w,), ())) & syn.reason_verbs for w in middle
    ):
        return raw, folded
    return [raw[0], *raw[1:-1]], [syn.reason_word, *middle]
