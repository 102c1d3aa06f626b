"""Wrapper text around a question: markup, greetings, thanks, signatures, sentences about
who is asking, long preambles. :func:`unwrap` returns the question inside.

A message is split into sentences. Sentences that are only a greeting, thanks or a preamble
(«Jeg er lærer.», «Dumme bot.») go, and so does everything from a sign-off line on
(«Mvh» + name and title). When a question sentence (ending in «?») is left, only question
sentences are kept; a leading greeting («Hei, …») and a trailing thanks or sign-off
(«… hilsen Ola») inside a kept sentence go too. The phrases live in understanding.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.engine.normalise import words
from bot.engine.understanding import Phrase, Understanding

_TAG = re.compile(r"<[^<>]{0,200}>")
_ENTITY = re.compile(r"&(nbsp|amp|lt|gt|quot|#39);")
_ENTITIES = {"nbsp": " ", "amp": "&", "lt": "<", "gt": ">", "quot": '"', "#39": "'"}
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_URL = re.compile(r"https?://\S+")
_MARK = re.compile(r"(\*\*|__|`+|~~|^\s*#+\s|^\s*>\s?|^\s*[-*•]\s+)", re.MULTILINE)
_EMPHASIS = re.compile(r"(?<!\w)[_*](\w[^_*\n]*?)[_*](?!\w)")
_EMOJI = "\u2600-\u27bf\U0001f300-\U0001faff\ufe0f\u200d"
_BOUNDARY = re.compile(r"(?<=[.!?:])\s+|\n+|(?<!\d)\s[–—-]\s(?!\d)")
_BUT = re.compile(r",\s+(?:men|but)\s+", re.IGNORECASE)
"""«Sola skinner her i dag, men hvem vant i 2013?»: a remark, then a question after «men»."""
_AFTER_EMOJI = re.compile(rf"(?<=[{_EMOJI}])\s+(?=[^\s{_EMOJI}])")
MIN_WORDS_AFTER_EMOJI = 3
"""An emoji ends a remark before a question («Rana her 🙂 hvem vant i 2021?») when at least
this many words follow it; «hvem ble nominert 🤔 i 2022?» stays one sentence."""
_ABBREVIATION = re.compile(
    r"(?:^|\s)(?:dvs|f\.eks|bl\.a|kl|ca|nr|osv|mht|ift|evt|ev|mfl|jf|pga|iht|st|dr|mr|mrs|"
    r"e\.g|i\.e|etc|vs)\.$",
    re.IGNORECASE,
)
"""A piece ending like this («dvs.», «f.eks.», «kl.») does not end a sentence."""
MAX_MESSAGE_CHARS = 4096
"""Longer messages are cut before unwrapping (Telegram's own limit; keeps the latency bound)."""
MAX_SENTENCES = 30
"""Only a message's last sentences are read (a long preamble is mostly left unread)."""
MAX_INTRODUCTION_WORDS = 5
"""A remark that says who is writing («Rana her», «Hei fra Tone Vik») is at most this long."""
MAX_SIGNATURE_WORDS = 3
MAX_REPORTER_WORDS = 4
"""«Gran (sjefen vår) spør hvem …»: who asks is at most this many words before the verb."""
_ASIDE = re.compile(r"(?:^|(?<=\s))[A-ZÆØÅ][\w-]*(?:\s+[A-ZÆØÅ][\w-]*)?\s*\(([^()]{1,60})\)")
"""A capitalised name (one or two words) with a parenthesis after it."""
_PARENTHESIS = re.compile(r"\([^()]{0,80}\)")
"""A sign-off inside a sentence ends it only when at most this many words follow («hilsen
Ola Nordmann»)."""


def strip_markup(text: str) -> str:
    """Remove HTML tags and entities, Markdown emphasis, headings, quotes, links and URLs."""
    text = _TAG.sub(" ", text)
    text = _ENTITY.sub(lambda m: _ENTITIES[m.group(1)], text)
    text = _LINK.sub(r"\1", text)
    text = _URL.sub(" ", text)
    text = _MARK.sub(" ", text)
    return _EMPHASIS.sub(r"\1", text)


@dataclass(frozen=True)
class _Sentence:
    raw: str
    folded: tuple[str, ...]

    @property
    def question(self) -> bool:
        return self.raw.rstrip().endswith("?")


def _starts(folded: tuple[str, ...], phrases: frozenset[Phrase]) -> int:
    """Length of the longest phrase ``folded`` starts with (0 when none)."""
    return max((len(p) for p in phrases if folded[: len(p)] == p), default=0)


def _is(folded: tuple[str, ...], phrases: frozenset[Phrase]) -> bool:
    return folded in phrases


def _introduction(folded: tuple[str, ...], cues: Understanding) -> bool:
    """Whether ``folded`` only says who is writing: short, and ending in a one-word
    introduction («Ola Nes her») or starting with a longer one («hei fra Tone Vik»)."""
    if not 1 < len(folded) <= MAX_INTRODUCTION_WORDS:
        return False
    ends = (folded[-1],) in cues.introductions
    return ends or any(len(p) > 1 and folded[: len(p)] == p for p in cues.introductions)


def _drop_words(raw: str, count: int, from_end: bool = False) -> str:
    """``raw`` without its first (or last) ``count`` words (folded word count)."""
    pieces = raw.split()
    taken = 0
    while pieces and taken < count:
        piece = pieces.pop() if from_end else pieces.pop(0)
        taken += len(words(piece))
    return " ".join(pieces).strip(" ,;:!-–—")


def _without_people(raw: str, cues: Understanding) -> str:
    """``raw`` without a name that a role in parentheses marks as a person («Gran (sjefen
    vår)», «Ola (kollega)»): such a name is never taken for a municipality."""

    def person(match: re.Match[str]) -> str:
        return "" if set(words(match.group(1))) & cues.roles else match.group(0)

    return _ASIDE.sub(person, raw).strip()


def _reported(
    raw: str, folded: tuple[str, ...], cues: Understanding
) -> tuple[str, tuple[str, ...]]:
    """«Gran spør hvem som var nominert i 2021» → «hvem som var nominert i 2021»: a short
    subject and a reporting verb before a question word go (the subject is who asks; an aside
    in parentheses, «Mamma (som bor i Moss) spør …», is part of the subject)."""
    plain = _PARENTHESIS.sub(" ", raw) if "(" in raw else raw
    seen = tuple(words(plain)) if plain is not raw else folded
    for k in range(MAX_REPORTER_WORDS + 1):
        if set(seen[:k]) & cues.asked_words:
            break
        verb = _starts(seen[k:], cues.reporting)
        rest = seen[k + verb :]
        if verb and len(rest) >= 2 and rest[0] in cues.asked_words:
            return _drop_words(plain, k + verb), rest
    return raw, folded


def _trim(sentence: _Sentence, cues: Understanding) -> _Sentence:
    """A kept sentence without a leading greeting or a trailing thanks or signature, without
    people's names marked by a role («Gran (sjefen vår)») and without who asks («… spør»)."""
    raw, folded = sentence.raw, sentence.folded
    question = sentence.question
    if "(" in raw:
        plain = _without_people(raw, cues)
        if plain != raw and words(plain):
            raw, folded = plain, tuple(words(plain))
    raw, folded = _reported(raw, folded, cues)
    lead = _starts(folded, cues.greetings)
    if lead and len(folded) > lead:
        raw = _drop_words(raw, lead)
        folded = folded[lead:]
    head, comma, rest = raw.partition(",")
    if comma and words(rest) and _introduction(tuple(words(head)), cues):  # «Rana her, hvem …»
        raw, folded = rest.strip(), tuple(words(rest))
    for k in range(max(1, len(folded) - MAX_SIGNATURE_WORDS - 2), len(folded)):
        tail = folded[k:]
        sign = _starts(tail, cues.signoffs)
        if sign and k >= 2 and len(tail) - sign <= MAX_SIGNATURE_WORDS:
            raw = _drop_words(raw, len(tail), from_end=True)
            folded = folded[:k]
            break
    for k in range(max(1, len(folded) - 6), len(folded)):
        if k >= 2 and folded[k:] in cues.thanks:
            raw = _drop_words(raw, len(folded) - k, from_end=True)
            folded = folded[:k]
            break
    if question and not raw.endswith("?"):
        raw += "?"
    return _Sentence(raw, folded)


MAX_TOPIC_WORDS = 6
"""A topic before a question («Molde eller Tønsberg – hvem vant først?») is at most this long."""


def _topic(sentence: _Sentence, cues: Understanding) -> bool:
    """Whether a piece before a question only names what it is about: names and years joined
    by ``topic_links`` («Molde eller Tønsberg», «2021 og 2023»), no greeting."""
    pieces = [p.strip(",;:–—-") for p in sentence.raw.split()]
    pieces = [p for p in pieces if p]
    if not 1 < len(pieces) <= MAX_TOPIC_WORDS or _starts(sentence.folded, cues.greetings):
        return False
    links = [p for p in pieces if p.lower() in cues.topic_links]
    named = [p for p in pieces if p not in links and (p[:1].isupper() or p.isdigit())]
    return len(named) >= 2 and len(links) >= 1 and len(named) + len(links) == len(pieces)


def _split(plain: str) -> list[str]:
    """``plain`` cut at sentence boundaries and at emojis that close a remark."""
    pieces: list[str] = []
    for sentence in _BOUNDARY.split(plain):
        parts = _AFTER_EMOJI.split(sentence) if sentence else [sentence]
        merged = [parts[0]]
        for part in parts[1:]:
            if len(words(part)) >= MIN_WORDS_AFTER_EMOJI:
                merged.append(part)
            else:
                merged[-1] += " " + part
        pieces.extend(merged)
    return pieces


def _after_but(piece: str, cues: Understanding) -> list[str]:
    """``piece`` cut before «, men» when a question word follows it and the remark before it
    asks nothing; ``[piece]`` otherwise."""
    parts = _BUT.split(piece, maxsplit=1)
    if len(parts) != 2:
        return [piece]
    remark, question = words(parts[0]), words(parts[1])
    if not remark or not question or question[0] not in cues.question_words:
        return [piece]
    if any(w in cues.question_words for w in remark):
        return [piece]
    return [parts[0].rstrip() + ".", parts[1]]


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _corrected(
    question: _Sentence, added: list[_Sentence], cues: Understanding
) -> _Sentence | None:
    """The question with its year replaced when the one remark after it corrects that year
    («nei vent, jeg mente 2016»); None when it does not."""
    if len(added) != 1 or not _YEAR.search(question.raw):
        return None
    remark = added[0]
    years = _YEAR.findall(remark.raw)
    folded = remark.folded
    says = any(folded[i : i + len(p)] == p for p in cues.corrections for i in range(len(folded)))
    if len(years) != 1 or not says:
        return None
    *head, last = _YEAR.split(question.raw)
    found = _YEAR.findall(question.raw)
    raw = (
        "".join(
            piece + (years[0] if k == len(found) - 1 else found[k]) for k, piece in enumerate(head)
        )
        + last
    )
    return _Sentence(raw, tuple(words(raw)))


def _embedded(sentence: _Sentence, cues: Understanding) -> _Sentence:
    """The question inside a statement, as a question: from its first question word after the
    start («… men ingen husket hvem som vant først.» → «hvem som vant først?»), else all of it."""
    pieces = sentence.raw.split()
    start = next(
        (
            i
            for i, piece in enumerate(pieces)
            if i > 0 and (folded := words(piece)) and folded[0] in cues.question_words
        ),
        0,
    )
    raw = " ".join(pieces[start:]).rstrip(" .!,;:–—-") + "?"
    return _Sentence(raw, tuple(words(raw)))


def _resolve_back_references(sentences: list[_Sentence], cues: Understanding) -> list[_Sentence]:
    """A question that only points back («Vet du det?», «Stemmer det?») replaced by the
    question in the statement before it."""
    resolved: list[_Sentence] = []
    for sentence in sentences:
        before = resolved[-1] if resolved else None
        if (
            sentence.question
            and sentence.folded in cues.back_references
            and before is not None
            and not before.question
            and not _is(before.folded, cues.greetings)
            and not _is(before.folded, cues.thanks)
            and (  # «Jeg har et spørsmål. Kan du hjelpe meg?» points back to nothing
                not _starts(before.folded, cues.preambles)
                or any(w in cues.question_words for w in before.folded[1:])
            )
        ):
            resolved[-1] = _embedded(before, cues)
            continue
        resolved.append(sentence)
    return resolved


MAX_LEAD_WORDS = 1
"""An unmarked question may start after this many words («anyway hvem vant i 2009»)."""


def _unmarked_question(kept: list[_Sentence], cues: Understanding) -> list[_Sentence]:
    """``kept`` with its last sentence marked as a question when no sentence ends in «?», it
    starts with a question word (after at most one filler word) and the remarks before it ask
    nothing: «skal på ski i helga men først: hvem vant i 2018»."""
    if len(kept) < 2 or any(s.question for s in kept):
        return kept
    last = kept[-1]
    if not any(w in cues.question_words for w in last.folded[: MAX_LEAD_WORDS + 1]):
        return kept
    if any(w in cues.question_words for s in kept[:-1] for w in s.folded):
        return kept
    raw = last.raw.rstrip(" .!,;:–—-") + "?"
    return [*kept[:-1], _Sentence(raw, last.folded)]


def unwrap(text: str, cues: Understanding) -> str:
    """The question inside ``text`` (``text`` itself when nothing wraps it)."""
    return readings(text, cues)[0]


@dataclass(frozen=True)
class Message:
    """A message read: the ways to read it, best first, and the sentences before its question."""

    readings: list[str]
    before: tuple[str, ...]
    """The statements before the question («Drammen har vunnet én gang – men hvilket år?»),
    oldest first: read like earlier turns of a conversation (greetings and thanks left out)."""


def readings(text: str, cues: Understanding) -> list[str]:
    """Ways to read ``text``, best first: the question inside it, then (when the message also
    greets or thanks) that small talk; ``[text]`` when nothing wraps it."""
    return read_message(text, cues).readings


def read_message(text: str, cues: Understanding) -> Message:
    """``text`` read as :class:`Message`: its readings and the statements before its question."""
    if len(text) > MAX_MESSAGE_CHARS:
        text = text[:MAX_MESSAGE_CHARS].rsplit(None, 1)[0]
    plain = strip_markup(text)
    pieces: list[str] = []
    for piece in (p for whole in _split(plain) for p in _after_but(whole, cues)):
        if not piece or piece.isspace():
            continue
        if pieces and _ABBREVIATION.search(pieces[-1]):
            pieces[-1] += " " + piece  # «…, dvs. året etter» is one sentence
        else:
            pieces.append(piece)
    sentences = [
        _Sentence(piece.strip(), folded)
        for piece in pieces[-MAX_SENTENCES:]
        if (folded := tuple(words(piece)))
    ]
    sentences = _resolve_back_references(sentences, cues)
    kept: list[_Sentence] = []
    small_talk: list[str] = []
    preambles: list[_Sentence] = []
    statements: list[_Sentence] = []  # everything but small talk, in order
    for sentence in sentences:
        folded = sentence.folded
        if kept and _starts(folded, cues.signoffs):
            break  # the signature: this line and everything after it
        if _is(folded, cues.greetings) or _is(folded, cues.thanks):
            greeting = _is(folded, cues.greetings)
            small_talk.append(cues.greeting_word if greeting else cues.thanks_word)
            continue
        if not sentence.question and (
            _starts(folded, cues.preambles) or _introduction(folded, cues)
        ):
            preambles.append(sentence)
            statements.append(sentence)
            continue
        kept.append(_trim(sentence, cues))
        statements.append(kept[-1])
    if not kept and preambles:  # «Jeg skriver en oppgave og lurer på når …»: the question
        kept = [_trim(preambles[-1], cues)]
    if (marked := _unmarked_question(kept, cues)) is not kept:
        statements[statements.index(kept[-1])] = marked[-1]
        kept = marked
    found: list[str] = []
    before: list[str] = []
    if kept:
        questions = [s for s in kept if s.question]
        if questions:  # a year added after the question stays («Hvem vant? Jeg mener 2015.»)
            first = kept.index(questions[0])
            if first and _topic(kept[first - 1], cues):  # «Molde eller Tønsberg – hvem …?»
                questions.insert(0, kept[first - 1])
            last = kept.index(questions[-1])
            added = [s for s in kept[last + 1 :] if any(c.isdigit() for c in s.raw)]
            corrected = _corrected(questions[-1], added, cues)
            questions += [] if corrected is not None else added
            first = statements.index(questions[0])
            before = [s.raw for s in statements[:first] if not s.question]
            if corrected is not None:  # «Hvem vant i 2015? Nei vent, jeg mente 2016.»
                questions[-1] = corrected
        elif len(kept) == 2:
            corrected = _corrected(kept[0], kept[1:], cues)
            kept = [corrected] if corrected is not None else kept
        result = " ".join(s.raw for s in questions or kept if s.raw)
        if result:
            found.append(result)
        asked = [s for s in questions if s.question]
        if len(asked) > 1 and asked[-1].raw:  # «Hva er greia med prisen? Hvem står bak?»
            found.append(asked[-1].raw)
    if small_talk:  # the greeting or thanks, as the first one listed
        found.append(small_talk[-1])
    return Message(list(dict.fromkeys(found)) or [text], tuple(before))
