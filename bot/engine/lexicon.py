"""The engine's vocabulary: ``knowledge/synonyms.yaml`` read into :class:`Synonyms`.

The file is validated when read; every mistake becomes a :class:`KnowledgeIssue` with the
file and line, so ``python -m bot check`` and ``/reload`` can show it to the curator. The
intents (``knowledge/intents.yaml``) are read in :mod:`bot.engine.intents`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.engine.filecheck import FileChecker
from bot.engine.normalise import words
from bot.knowledge.yamlio import KnowledgeError, KnowledgeIssue, LDict, read_yaml

SYNONYMS_FILE = "synonyms.yaml"
DAYS_IN_WEEK = 7

_SYNONYM_KEYS = {
    "words",
    "exact",
    "clause_when",
    "stopwords",
    "out_of_scope",
    "other_prize_suffix",
    "prize_names",
    "domain_words",
    "common_words",
    "relative_years",
    "relative_offsets",
    "relative_days",
    "relative_weeks",
    "recent_days",
    "weekdays",
    "range_words",
    "since_words",
    "statement_words",
    "repeat_words",
    "pronouns",
    "elliptic_words",
    "old_counties",
    "county_words",
    "winner_words",
    "relative_intent",
    "short_year_words",
    "numbers",
    "last_n_words",
    "latest_word",
    "open_words",
    "close_words",
    "compound_joiners",
    "compound_starters",
    "compound_verbs",
    "compound_subjects",
    "other_words",
    "compound_bare",
    "compound_bare_nominated",
    "nominated_words",
    "clause_words",
    "clause_verbs",
    "compound_heads",
    "then_words",
    "self_words",
    "same_words",
    "negations",
    "figure_words",
    "reason_asks",
    "reason_prepositions",
    "reason_verbs",
    "reason_word",
    "round_pointers",
}


@dataclass(frozen=True)
class Synonyms:
    """Vocabulary: synonym and lemma map, stop words, guards and slot trigger phrases."""

    words: dict[tuple[str, ...], tuple[str, ...]]
    """Folded phrase → canonical folded words."""
    exact: dict[str, str]
    """Lower-case unfolded word → canonical word, applied before folding (``før`` → ``before``)."""
    clause_when: dict[str, str]
    """Folded question word → the clause word it stands for when it opens a time clause after
    the question («hvem var ordfører når de vant» = «da de vant»)."""
    stopwords: frozenset[str]
    out_of_scope: frozenset[tuple[str, ...]]
    other_prize_suffix: str
    prize_names: frozenset[str]
    domain_words: frozenset[str]
    common_words: frozenset[str]
    relative_years: dict[tuple[str, ...], int]
    relative_offsets: dict[tuple[str, ...], int]
    range_words: frozenset[str]
    since_words: frozenset[str]
    """«siden 2020»: the year and every year after it, up to now."""
    statement_words: frozenset[str]
    """«Når vant Molde?», «Hvor mange ganger …»: answered as a statement, not «Ja, …»."""
    repeat_words: frozenset[str]
    """«Vant Trondheim to ganger?»: a yes/no question about winning more than once."""
    pronouns: frozenset[str]
    elliptic_words: frozenset[str]
    old_counties: dict[str, tuple[str, ...]]
    county_words: frozenset[str]
    relative_days: dict[tuple[str, ...], int] = field(default_factory=dict)
    """«i går» → -1: one day, counted from the clock's day."""
    relative_weeks: dict[tuple[str, ...], int] = field(default_factory=dict)
    """«forrige uke» → -1: a calendar week (Monday–Sunday), counted from the clock's week."""
    recent_days: dict[tuple[str, ...], int] = field(default_factory=dict)
    """«nettopp» → 7: the last N days up to the clock."""
    weekdays: dict[tuple[str, ...], int] = field(default_factory=dict)
    """«mandag», «i mandags» → 0 (Monday): the last such day up to the clock's day."""
    winner_words: frozenset[str] = frozenset()
    """Canonical words of «who won» questions (guarded against other contests)."""
    relative_intent: str = "winner"
    short_year_words: frozenset[str] = frozenset()
    """Words after which a two-digit number is a year («i 08»)."""
    numbers: dict[str, int] = field(default_factory=dict)
    """Number words («tre», «three») → value, for «de tre siste årene»."""
    latest_word: str = "siste"
    """Canonical word for «siste/nyeste/last»."""
    last_n_words: frozenset[str] = frozenset()
    """Words that belong to «de tre siste årene» («årene», «years»), taken with the number."""
    open_words: frozenset[str] = frozenset()
    """Canonical words asking when a vote opens («åpner», «starter»)."""
    close_words: frozenset[str] = frozenset()
    """Canonical words asking when a vote closes («stenger», «frist»)."""
    compound_joiners: frozenset[str] = frozenset()
    """Folded words joining two questions in one («og», «and»)."""
    compound_starters: frozenset[str] = frozenset()
    """Folded question words that start the second question («hvem», «når», «hvorfor» …)."""
    compound_subjects: frozenset[str] = frozenset()
    """Folded words for the one asking («jeg», «man») that, like a pronoun, make a verb after
    a joining word start a second, yes/no question («…, og kan jeg stemme flere ganger?»)."""
    compound_verbs: frozenset[str] = frozenset()
    """Folded verbs that start a second, yes/no question when a pronoun follows them
    («…, og har de vunnet?»)."""
    compound_bare: dict[str, str] = field(default_factory=dict)
    """A bare question word as the second part of a compound → the question it stands for."""
    compound_bare_nominated: dict[str, str] = field(default_factory=dict)
    """The same after a first part about a nomination («Har X vært nominert, og hvorfor?»)."""
    nominated_words: frozenset[str] = frozenset()
    """Folded words that make the first part of a compound about a nomination."""
    other_words: frozenset[str] = frozenset()
    """Canonical words for «andre/else»: the municipality talked about is left out of a list."""
    clause_words: frozenset[str] = frozenset()
    """Folded words opening a time clause («og da de vant i 2014?»: «da», «when»)."""
    clause_verbs: frozenset[str] = frozenset()
    """Canonical verbs of such a clause («vant», «nominert»): it only picks the year."""
    figure_words: frozenset[str] = frozenset()
    """Canonical words of what the profiles count («bosatte», «jobb», «andel»): not specific."""
    then_words: frozenset[str] = frozenset()
    """Folded words pointing back to the time talked about («hvem var ordfører da?»)."""
    self_words: frozenset[str] = frozenset()
    negations: frozenset[str] = frozenset()
    """«ikke», «ingen»: a question about a round that did not happen points back to none."""
    same_words: frozenset[str] = frozenset()
    """«Var det sånn i 2018 også?»: words that ask the last question again, for a new year
    or municipality; with a slot and otherwise only filler (and «var»), a follow-up."""
    """Folded words for the user («jeg», «meg»): «Kan jeg stemme flere ganger?» is about the
    vote now, not about the year talked about before."""
    reason_asks: frozenset[str] = frozenset()
    """Folded question words that, with a stranded ``reason_prepositions`` word last, ask why
    («hva fikk Moss prisen for?»)."""
    reason_prepositions: frozenset[str] = frozenset()
    """Folded prepositions left at the end of such a question («for»)."""
    reason_verbs: frozenset[str] = frozenset()
    """Canonical verbs that make it a question about the reason («vant», «nominert»)."""
    reason_word: str = ""
    """The folded question word it stands for («hvorfor»)."""
    round_pointers: frozenset[str] = frozenset()
    """Words (folded or canonical) by which a follow-up points back to the round talked about
    («når ble den delt ut?», «når var utdelingen?»)."""
    compound_heads: tuple[str, ...] = ()
    """Folded words that end a compound read as two words («bolig|prosjektet»), longest first."""
    relation_words: tuple[str, str] = ("before", "after")
    """Canonical words for «før» and «etter»."""
    """Intent answering «året før/etter <vinner>»."""
    max_phrase: int = field(default=1)


def _phrase(text: Any) -> tuple[str, ...]:
    return tuple(words(str(text)))


def load_synonyms(directory: Path) -> Synonyms:
    """Read and validate ``synonyms.yaml``; raise KnowledgeError naming file and line."""
    name = f"knowledge/{SYNONYMS_FILE}"
    data = read_yaml(directory / SYNONYMS_FILE, name)
    check = FileChecker(name)
    if not isinstance(data, LDict):
        raise KnowledgeError([KnowledgeIssue(name, 1, "filen må være en mapping med nøkler")])
    for key in data:
        if key not in _SYNONYM_KEYS:
            check.add(data.line_of(key), f"ukjent nøkkel «{key}»")

    def mapping(key: str) -> LDict:
        node = data.get(key, LDict())
        if not isinstance(node, LDict):
            check.add(data.line_of(key), f"«{key}» må være en mapping")
            return LDict()
        return node

    def flat(key: str) -> list[str]:
        return check.word_list(data.get(key, []), key, data.line_of(key))

    def single(key: str) -> frozenset[str]:
        """A list of single words (an expression belongs under ``words:``)."""
        found: set[str] = set()
        for item in flat(key):
            phrase = _phrase(item)
            if len(phrase) != 1:
                check.add(
                    data.line_of(key),
                    f"«{item}» i «{key}» må være ett ord; legg uttrykk under «words:»",
                )
                continue
            found.add(phrase[0])
        return frozenset(found)

    single_lists = {
        key: single(key)
        for key in (
            "stopwords",
            "nominated_words",
            "prize_names",
            "domain_words",
            "common_words",
            "range_words",
            "since_words",
            "statement_words",
            "repeat_words",
            "pronouns",
            "elliptic_words",
            "county_words",
            "winner_words",
            "short_year_words",
            "last_n_words",
            "open_words",
            "close_words",
            "compound_joiners",
            "compound_starters",
            "compound_verbs",
            "compound_subjects",
            "other_words",
            "clause_words",
            "clause_verbs",
            "then_words",
            "self_words",
            "same_words",
            "negations",
            "figure_words",
            "reason_asks",
            "reason_prepositions",
            "reason_verbs",
            "round_pointers",
        )
    }

    synonym_map: dict[tuple[str, ...], tuple[str, ...]] = {}
    seen_at: dict[tuple[str, ...], int] = {}
    node = mapping("words")
    for canonical, variants in node.items():
        line = node.line_of(canonical)
        target = _phrase(canonical)
        if not target:
            check.add(line, f"tomt kanonisk ord «{canonical}»")
            continue
        for variant in [canonical, *check.word_list(variants, canonical, line)]:
            phrase = _phrase(variant)
            if not phrase:
                check.add(line, f"tomt synonym under «{canonical}»")
                continue
            if phrase in synonym_map and synonym_map[phrase] != target:
                check.add(
                    line,
                    f"«{variant}» står også under «{' '.join(synonym_map[phrase])}» "
                    f"(linje {seen_at[phrase]})",
                )
                continue
            synonym_map[phrase] = target
            seen_at[phrase] = line

    exact: dict[str, str] = {}
    node = mapping("exact")
    for canonical, variants in node.items():
        for variant in check.word_list(variants, canonical, node.line_of(canonical)):
            exact[variant.lower()] = str(canonical)
    clause_when: dict[str, str] = {}
    node = mapping("clause_when")
    for canonical, variants in node.items():
        for variant in check.word_list(variants, canonical, node.line_of(canonical)):
            clause_when[" ".join(words(variant))] = str(canonical)

    def offsets(key: str, unit: str = "år") -> dict[tuple[str, ...], int]:
        result: dict[tuple[str, ...], int] = {}
        node = mapping(key)
        for offset, phrases in node.items():
            try:
                value = int(offset)
            except ValueError:
                check.add(node.line_of(offset), f"«{offset}» må være et heltall (antall {unit})")
                continue
            for phrase in check.word_list(phrases, offset, node.line_of(offset)):
                result[_phrase(phrase)] = value
        return result

    numbers: dict[str, int] = {}
    node = mapping("numbers")
    for value, names in node.items():
        if not str(value).isdigit():
            check.add(node.line_of(value), f"«{value}» må være et tall")
            continue
        for name in check.word_list(names, value, node.line_of(value)):
            numbers["".join(words(name))] = int(value)

    def bare_questions(name: str) -> dict[str, str]:
        found: dict[str, str] = {}
        node = mapping(name)
        for word, question in node.items():
            if not isinstance(question, str) or len(_phrase(word)) != 1:
                check.add(node.line_of(word), f"«{word}» må være ett ord med et spørsmål som tekst")
                continue
            found[_phrase(word)[0]] = question
        return found

    compound_bare = bare_questions("compound_bare")
    compound_bare_nominated = bare_questions("compound_bare_nominated")

    old_counties: dict[str, tuple[str, ...]] = {}
    node = mapping("old_counties")
    for old, new in node.items():
        targets = check.word_list(new, old, node.line_of(old))
        old_counties[" ".join(_phrase(old))] = tuple(targets)

    suffix = data.get("other_prize_suffix", "prisen")
    if not isinstance(suffix, str):
        check.add(data.line_of("other_prize_suffix"), "«other_prize_suffix» må være et ord")
        suffix = "prisen"
    if check.issues:
        raise KnowledgeError(check.issues)
    relative_years = offsets("relative_years")
    relative_offsets = offsets("relative_offsets")
    units = {"relative_days": "dager", "relative_weeks": "uker", "recent_days": "dager"}
    day_groups = {key: offsets(key, unit) for key, unit in units.items()}
    weekdays: dict[tuple[str, ...], int] = {}
    days_node: Any = data.get("weekdays", [])
    if not isinstance(days_node, list) or len(days_node) not in (0, DAYS_IN_WEEK):
        check.add(data.line_of("weekdays"), "«weekdays» må være sju lister, mandag først")
        days_node = []
    for number, names in enumerate(days_node):
        for name in check.word_list(names, "weekdays", data.line_of("weekdays")):
            weekdays[_phrase(name)] = number
    if check.issues:
        raise KnowledgeError(check.issues)
    out_of_scope = frozenset(_phrase(p) for p in flat("out_of_scope"))
    longest = max(
        (
            len(p)
            for p in [
                *synonym_map,
                *relative_years,
                *relative_offsets,
                *out_of_scope,
                *(p for group in day_groups.values() for p in group),
            ]
        ),
        default=1,
    )
    return Synonyms(
        words=synonym_map,
        exact=exact,
        clause_when=clause_when,
        stopwords=single_lists["stopwords"],
        out_of_scope=out_of_scope,
        other_prize_suffix="".join(words(suffix)),
        prize_names=single_lists["prize_names"],
        domain_words=single_lists["domain_words"],
        common_words=single_lists["common_words"],
        relative_years=relative_years,
        relative_offsets=relative_offsets,
        relative_days=day_groups["relative_days"],
        relative_weeks=day_groups["relative_weeks"],
        recent_days=day_groups["recent_days"],
        weekdays=weekdays,
        range_words=single_lists["range_words"],
        since_words=single_lists["since_words"],
        statement_words=single_lists["statement_words"],
        repeat_words=single_lists["repeat_words"],
        pronouns=single_lists["pronouns"],
        elliptic_words=single_lists["elliptic_words"],
        old_counties=old_counties,
        county_words=single_lists["county_words"],
        winner_words=single_lists["winner_words"],
        short_year_words=single_lists["short_year_words"],
        open_words=single_lists["open_words"],
        close_words=single_lists["close_words"],
        compound_joiners=single_lists["compound_joiners"],
        compound_starters=single_lists["compound_starters"],
        compound_verbs=single_lists["compound_verbs"],
        compound_subjects=single_lists["compound_subjects"],
        other_words=single_lists["other_words"],
        clause_words=single_lists["clause_words"],
        clause_verbs=single_lists["clause_verbs"],
        then_words=single_lists["then_words"],
        self_words=single_lists["self_words"],
        same_words=single_lists["same_words"],
        negations=single_lists["negations"],
        figure_words=single_lists["figure_words"],
        reason_asks=single_lists["reason_asks"],
        reason_prepositions=single_lists["reason_prepositions"],
        reason_verbs=single_lists["reason_verbs"],
        round_pointers=single_lists["round_pointers"],
        reason_word="".join(words(str(data.get("reason_word", "")))),
        compound_heads=tuple(sorted(single("compound_heads"), key=len, reverse=True)),
        compound_bare=compound_bare,
        compound_bare_nominated=compound_bare_nominated,
        nominated_words=single_lists["nominated_words"],
        numbers=numbers,
        last_n_words=single_lists["last_n_words"],
        latest_word="".join(words(str(data.get("latest_word", "siste")))),
        relative_intent=str(data.get("relative_intent", "winner")),
        max_phrase=longest,
    )
