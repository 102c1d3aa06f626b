"""Conversation and scope rules read from the words of a question (issue 11): bare follow-ups
(«Når var det?»), two questions in one («Hvem vant i 2009 og hvem delte den ut?»), requests
that stand on their own («Fortell om Drammen»), contest names in the object of «vant» («Hvem
vant Stjernekamp?», not «Din dumme bot, hvem vant i 2010?»), and questions whose only tie to
the prize is a place name («pizzarestaurant i Moss»)."""

from __future__ import annotations

from bot.engine.extract import PLACEHOLDERS, Parsed
from bot.engine.lexicon import Synonyms
from bot.engine.normalise import words

ASKED_YEAR_LIST = "asked_year_list"
"""Context key: the years the last question named itself (the base of «året før»)."""
CONTEST_WINDOW = 2
"""An unknown word this close after «vant» is read as the name of what was won."""
OFF_TOPIC_LENGTH = 5
"""Unknown words this long carry a topic of their own («pizzarestaurant», «flybillett»)."""


def bare_question(question: str, syn: Synonyms) -> str | None:
    """A lone question word with filler («Når da?», «Når var det?», «Hvorfor det?») as the
    full question from ``compound_bare``; None otherwise."""
    asked = []
    for word in words(question):
        canonical = syn.words.get((word,), (word,))
        if word in syn.elliptic_words or word in syn.stopwords or canonical == ("var",):
            continue
        asked.append(word if word in syn.compound_bare or len(canonical) != 1 else canonical[0])
    if len(asked) == 1 and asked[0] in syn.compound_bare:
        return syn.compound_bare[asked[0]]
    return None


def split_compound(question: str, syn: Synonyms) -> tuple[str, str] | None:
    """«Hvem vant i 2009 og hvem delte den ut?» → the two questions, or None.

    Splits at the first joining word (``compound_joiners``) followed by a question word
    (``compound_starters``) or by a verb and a pronoun (``compound_verbs``: «og har de …»), not
    at the very start; a bare second part («… og når?») is read as the full question from
    ``compound_bare``."""
    pieces = question.split()
    for index in range(1, len(pieces) - 1):
        joiner = words(pieces[index])
        if len(joiner) != 1 or joiner[0] not in syn.compound_joiners:
            continue
        following = words(pieces[index + 1])
        after = words(" ".join(pieces[index + 2 : index + 3]))
        opening = words(pieces[0])
        asks_again = bool(  # «Når …, og har de vunnet?»: a verb and a pronoun after a question
            following  # that opened with a question word start a second, yes/no question
            and opening
            and opening[0] in syn.compound_starters
            and following[0] in syn.compound_verbs
            and after
            and (after[0] in syn.pronouns or after[0] in syn.compound_subjects)
        )
        if following and (following[0] in syn.compound_starters or asks_again):
            first = " ".join(pieces[:index]).rstrip(" ,;")
            second = " ".join(pieces[index + 1 :])
            bare = words(second)
            if len(bare) == 1 and bare[0] in syn.compound_bare:
                # «Har X vært nominert, og hvorfor?» (a yes/no question about a nomination,
                # not «Hvem var nominert …, og hvorfor?», a list whose why is the winner's)
                about_nomination = bool(set(words(first)) & syn.nominated_words) and not (
                    opening and opening[0] in syn.compound_starters
                )
                table = syn.compound_bare_nominated if about_nomination else syn.compound_bare
                second = table.get(bare[0], syn.compound_bare[bare[0]])
            return first, second
    return None


def leading_clause(question: str, syn: Synonyms) -> str | None:
    """«Hvor mange bosatte Tynset i 2016, og var det mer enn IMDi ba om?» → the question before
    the joining word, when a comma stands before it or a question word or verb follows it
    (a second question); None when the question has no such join."""
    pieces = question.split()
    for index in range(1, len(pieces) - 1):
        joiner = words(pieces[index])
        if len(joiner) != 1 or joiner[0] not in syn.compound_joiners:
            continue
        following = words(pieces[index + 1])[:1]
        second = bool(following) and (
            following[0] in syn.compound_starters or following[0] in syn.compound_verbs
        )
        if pieces[index - 1].endswith(",") or second:
            return " ".join(pieces[:index]).rstrip(" ,;")
    return None


def stands_alone(question: str, requests: frozenset[tuple[str, ...]]) -> bool:
    """«Fortell om Drammen», «Hva vet du om Lavangen?»: a request (a word or phrase of
    ``requests``), not an elliptic follow-up."""
    asked = words(question)
    return any(
        tuple(asked[k : k + len(phrase)]) == phrase
        for phrase in requests
        for k in range(len(asked) - len(phrase) + 1)
    )


def names_a_contest(
    parsed: Parsed, winner_words: frozenset[str], own: frozenset[str] = frozenset()
) -> bool:
    """«Hvem vant Stjernekamp?», «hvem vant x factor»: an unknown word right after «vant»
    names what was won; unknown words elsewhere (a vocative, an insult) do not. ``own``: this
    prize's own name parts («integrerings», «imdi»): a question naming one of them, or an
    unknown compound starting with one («integreringsgreia», «bosettingskåringa»), is about
    this prize."""
    if parsed.prize_word or own & set(parsed.words):
        return False
    unknown = {w for w in parsed.unknown if not w.startswith(tuple(own))}
    for k, word in enumerate(parsed.words):
        if word not in winner_words:
            continue
        for following in parsed.words[k + 1 : k + 1 + CONTEST_WINDOW]:
            if following in PLACEHOLDERS:
                break
            if following in unknown and len(following) > 3 and not _verb_like(following):
                return True
    return False


VERB_ENDINGS = ("er", "ar", "et", "te", "de")
"""Present and past tense endings: «ligger», «kommer», «bodde» follow «vinnerkommunene» as a
verb, not as the name of a contest."""


def _verb_like(word: str) -> bool:
    return len(word) > 4 and word.endswith(VERB_ENDINGS)


def off_topic_place(parsed: Parsed, syn: Synonyms) -> bool:
    """A question tied to the prize only by a place name, with a topic word of its own the
    engine does not know («anbefale en pizzarestaurant i Moss», «flybillett til Bodø»)."""
    if not parsed.places or parsed.years or parsed.year_offset or parsed.projects:
        return False
    if any(w in syn.domain_words or w in syn.prize_names for w in parsed.words):
        return False
    domain_stems = tuple(w[:OFF_TOPIC_LENGTH] for w in syn.domain_words if len(w) >= 6)
    return any(
        len(w) >= OFF_TOPIC_LENGTH and not w.startswith(domain_stems) for w in parsed.unknown
    )


def points_to_round(
    parsed: Parsed, pointers: frozenset[str], negations: frozenset[str] = frozenset()
) -> bool:
    """«Når ble den delt ut?», «når var utdelingen?»: no year or place of its own, and a word
    that points back to the round talked about (the prize as «den», the ceremony). A question
    with a ``negations`` word («Hvilket år ble det ikke delt ut noen pris?») asks for the years
    without one, so it points back to none."""
    if parsed.years or parsed.year_offset or parsed.places or not pointers:
        return False
    if negations & set(parsed.words):
        return False
    return bool(pointers & (set(parsed.words) | set(words(parsed.question))))
