"""Rule-based reading of a question: years, municipalities, counties, projects, guards.

The result keeps a canonical word list in which every extracted slot is replaced by a
placeholder word, so intent matching compares the *shape* of a question, not its values.
The result and the placeholder words are defined in :mod:`bot.engine.parsed` (and importable
from here).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from itertools import pairwise

from rapidfuzz import fuzz, process

from bot.clock import OSLO
from bot.engine.lemmas import Lemmatiser
from bot.engine.lexicon import Synonyms
from bot.engine.normalise import clean, tokens
from bot.engine.parsed import COUNTY_WORD as COUNTY_WORD
from bot.engine.parsed import PLACE_WORD as PLACE_WORD
from bot.engine.parsed import PLACEHOLDERS as PLACEHOLDERS
from bot.engine.parsed import PROJECT_WORD as PROJECT_WORD
from bot.engine.parsed import YEAR_WORD as YEAR_WORD
from bot.engine.parsed import Parsed as Parsed
from bot.engine.places import PlaceIndex
from bot.engine.relations import drop_loose_relations
from bot.engine.stranded import reason_question

MIN_YEAR, MAX_YEAR = 1900, 2099
MIN_COMPOUND_PART = 3
"""The first part of a split compound («bolig|prosjektet») has at least this many letters."""
_HYPHEN_RANGE = re.compile(r"\b(\d{4})\s*[-–—]\s*(\d{4})\b")
MAX_RANGE = 30


SWAP_MIN_LENGTH = 4
"""Words at least this long are also corrected when two neighbouring letters are swapped."""


class Extractor:
    """Turns a raw question into :class:`Parsed` using the synonyms and the name index."""

    def __init__(
        self,
        synonyms: Synonyms,
        index: PlaceIndex,
        vocabulary: set[str],
        prize_years: tuple[int, int] = (2008, 2026),
        lemmas: Lemmatiser | None = None,
        not_places: frozenset[str] = frozenset(),
    ) -> None:
        self.syn = synonyms
        self.lemmas = lemmas
        """Stemmed synonym phrases: inflections the lexicon does not list."""
        self.not_places = not_places
        """First names, surnames and common words never read as a misspelt place name."""
        self.prize_years = prize_years
        """First and last prize year: a two-digit «i 08» is read as a year only inside it."""
        self.index = index
        self.vocabulary = vocabulary | synonyms.common_words
        """Ordinary words: never fuzzily taken as names; taken as names only in exact form."""
        self._prize_names = sorted(synonyms.prize_names)
        self._corrections = sorted(w for w in self.vocabulary if len(w) >= 5 and not w.isdigit())
        self.max_span = max(
            synonyms.max_phrase, index.max_words, index.max_county_words, index.max_project_words
        )

    def parse(
        self, question: str, now: datetime, *, fuzzy_places: bool = True, example: bool = False
    ) -> Parsed:
        """Read ``question`` (``now`` resolves «i fjor» and «i år»); ``fuzzy_places`` False
        reads no misspelt place names; ``example`` True reads an intent example as written
        (no «hva … for» → «hvorfor»: the examples keep both ways of asking)."""
        text = clean(question)
        parsed = Parsed(question=question)
        pairs = tokens(text)
        raw = [r for r, _ in pairs]
        folded = [self.syn.exact.get(r.lower(), f) for r, f in pairs]
        raw, folded = self._split_compounds(raw, folded)
        folded = self._phrase_typos(folded)
        folded = self._when_clause(raw, folded, parsed)
        if not example:  # «hva fikk de prisen for»
            raw, folded = reason_question(raw, folded, self.syn)
        out: list[str] = []
        i = 0
        while i < len(folded):
            step = self._match_at(folded, raw, i, parsed, out, now)
            i += step
        self._ranges(text, out, parsed, now.year)
        self._last_n(out, parsed)
        drop_loose_relations(out, self.syn.relation_words, self.vocabulary, PLACEHOLDERS)
        self._finish(out, parsed, fuzzy_places)
        return parsed

    def _when_clause(self, raw: list[str], folded: list[str], parsed: Parsed) -> list[str]:
        """«hvem var ordfører i Moss når de vant» → «… da de vant»: a question word of
        ``clause_when`` after the start, followed by a pronoun and a clause verb, opens a time
        clause (``parsed.question`` says so too, for the checks that read it as written)."""
        syn = self.syn
        for i in range(1, len(folded) - 2):
            word = syn.clause_when.get(folded[i])
            verb = syn.words.get((folded[i + 2],), (folded[i + 2],))
            if word and folded[i + 1] in syn.pronouns and verb[0] in syn.clause_verbs:
                pattern = rf"\b{re.escape(raw[i])}(?=\s+{re.escape(raw[i + 1])}\b)"
                parsed.question = re.sub(pattern, word, parsed.question, count=1)
                return [*folded[:i], word, *folded[i + 1 :]]
        return folded

    def _phrase_typos(self, folded: list[str]) -> list[str]:
        """«hvem deltte ut prisen» → «delte ut»: a misspelt word whose correction makes a
        two-word phrase of the lexicon with its neighbour is corrected before phrases are read
        (other misspellings are corrected after, word by word)."""
        phrases = self.syn.words
        fixed = list(folded)
        for i, word in enumerate(folded):
            if (
                len(word) < SWAP_MIN_LENGTH
                or word.isdigit()
                or word in self.vocabulary
                or word in self.index.places
            ):
                continue
            corrected = self._correct(word)
            if corrected is None or len(corrected) != 1 or corrected[0] == word:
                continue
            after = (corrected[0], folded[i + 1]) if i + 1 < len(folded) else None
            before = (folded[i - 1], corrected[0]) if i else None
            if after in phrases or before in phrases:
                fixed[i] = corrected[0]
        return fixed

    def _split_compounds(self, raw: list[str], folded: list[str]) -> tuple[list[str], list[str]]:
        """«boligprosjektet» → «bolig prosjektet»: an unknown word ending in a head word of
        ``compound_heads`` (synonyms.yaml) is read as its two parts."""
        heads = self.syn.compound_heads
        if not heads:
            return raw, folded
        raw_out: list[str] = []
        folded_out: list[str] = []
        for original, word in zip(raw, folded, strict=True):
            parts = [word]
            if word not in self.vocabulary and (word,) not in self.index.places:
                for head in heads:
                    if word.endswith(head) and len(word) - len(head) >= MIN_COMPOUND_PART:
                        parts = [word[: -len(head)], head]
                        break
            raw_out.extend([original] * len(parts))
            folded_out.extend(parts)
        return raw_out, folded_out

    def _last_n(self, out: list[str], parsed: Parsed) -> None:
        """«de tre siste årene», «siste 5 vinnere», «last three years» → ``parsed.last_n``."""
        latest = self.syn.latest_word
        for k, word in enumerate(out):
            if word != latest:
                continue
            for j in (k + 1, k - 1):
                if 0 <= j < len(out):
                    n = self._number(out[j])
                    if n is not None and 1 < n <= MAX_RANGE:
                        parsed.last_n = n
                        out[k] = YEAR_WORD
                        del out[j]
                        # «de» before and «årene» after are part of the phrase: «de tre siste
                        # årene» alone asks who won those years.
                        at = k - 1 if j < k else k
                        after = at + 1
                        if after < len(out) and out[after] in self.syn.last_n_words:
                            del out[after]
                        before = at - 1
                        if before >= 0 and out[before] in self.syn.last_n_words:
                            del out[before]
                        return

    def _day_span(self, key: tuple[str, ...], now: datetime) -> tuple[date, date] | None:
        """The days ``key`` names relative to ``now`` («i går», «forrige uke», «på mandag»), or
        None when it names none."""
        syn = self.syn
        today = now.astimezone(OSLO).date()
        if key in syn.relative_days:
            day = today + timedelta(days=syn.relative_days[key])
            return day, day
        if key in syn.relative_weeks:
            monday = today - timedelta(days=today.weekday(), weeks=-syn.relative_weeks[key])
            return monday, min(monday + timedelta(days=6), today)
        if key in syn.recent_days:
            return today - timedelta(days=syn.recent_days[key] - 1), today
        if key in syn.weekdays:
            day = today - timedelta(days=(today.weekday() - syn.weekdays[key]) % 7)
            return day, day
        return None

    def _number(self, word: str) -> int | None:
        if word.isdigit() and len(word) <= 2:
            return int(word)
        return self.syn.numbers.get(word)

    # -- scanning -------------------------------------------------------------------

    def _match_at(
        self,
        folded: list[str],
        raw: list[str],
        i: int,
        parsed: Parsed,
        out: list[str],
        now: datetime,
    ) -> int:
        """Consume the longest known phrase starting at ``i``; return how many words."""
        syn, index = self.syn, self.index
        for n in (3, 2, 1):
            if n == 1 and (folded[i] in self.vocabulary or folded[i] in index.places):
                continue
            if i + n <= len(folded) and not any(w.isdigit() for w in folded[i : i + n]):
                ref = index.fuzzy_project(" ".join(folded[i : i + n]))
                if ref is not None:
                    parsed.projects.append(ref)
                    out.append(PROJECT_WORD)
                    return n
        for n in range(min(self.max_span, len(folded) - i), 0, -1):
            key = tuple(folded[i : i + n])
            if key in index.projects:
                parsed.projects.append(index.projects[key])
                out.append(PROJECT_WORD)
                return n
            if key in syn.relative_years:
                parsed.years.append(now.year + syn.relative_years[key])
                parsed.relative_year = True
                parsed.year_at[len(out)] = parsed.years[-1]
                out.append(YEAR_WORD)
                return n
            if key in syn.relative_offsets:
                parsed.year_offset += syn.relative_offsets[key]
                out.append(YEAR_WORD)
                return n
            span = self._day_span(key, now)
            if span is not None:
                if parsed.days is None:
                    parsed.days, parsed.days_exact = span, key not in syn.recent_days
                if key in syn.words:  # «i dag» also means «nå»
                    out.extend(syn.words[key])
                else:  # a time slot, as «i fjor» is
                    out.append(YEAR_WORD)
                return n
            if key in syn.out_of_scope:
                parsed.out_of_scope = True
                parsed.out_of_scope_found.append(key)
                out.extend(key)
                return n
            if key in index.places and self._name_ok(key, raw[i : i + n]):
                parsed.places.append(index.places[key])
                out.append(PLACE_WORD)
                return n
            if key in index.counties and (
                n > 1 or key[0] not in self.vocabulary or raw[i][:1].isupper()
            ):
                parsed.counties.extend(index.counties[key])
                parsed.county_said.append(" ".join(key))
                out.append(COUNTY_WORD)
                return n
            if key in syn.words:
                out.extend(syn.words[key])
                return n
        if self.lemmas is not None and folded[i] not in index.places:
            found = self.lemmas.match(folded, i, self.vocabulary)
            if found is not None:
                out.extend(found[1])
                return found[0]
        word = folded[i]
        if word.isdigit() and len(word) == 4 and MIN_YEAR <= int(word) <= MAX_YEAR:
            parsed.years.append(int(word))
            parsed.year_at[len(out)] = int(word)
            out.append(YEAR_WORD)
            return 1
        if word.isdigit() and len(word) == 2 and i > 0 and folded[i - 1] in syn.short_year_words:
            year = 2000 + int(word)
            if self.prize_years[0] <= year <= self.prize_years[1]:
                parsed.years.append(year)
                parsed.year_at[len(out)] = year
                out.append(YEAR_WORD)
                return 1
        if word.endswith(syn.other_prize_suffix) and word not in syn.prize_names:
            if process.extractOne(word, self._prize_names, scorer=fuzz.ratio, score_cutoff=80):
                out.extend(syn.words.get((syn.other_prize_suffix,), (syn.other_prize_suffix,)))
                return 1
            parsed.out_of_scope = True
            parsed.out_of_scope_firm = True
        out.append(word)
        return 1

    def _name_ok(self, key: tuple[str, ...], raw: list[str]) -> bool:
        """A name that is also an ordinary word only counts in its exact written form: with
        a capital («Time», «Ås»), or in any case when its letters are not plain ASCII («ås»)."""
        if len(key) > 1 or key[0] not in self.vocabulary:
            return True
        if raw[0].isascii():
            return raw[0][:1].isupper() and self.index.exact_form(key, raw)
        return self.index.exact_form(key, [raw[0][:1].upper() + raw[0][1:]])

    def _ranges(self, text: str, out: list[str], parsed: Parsed, this_year: int) -> None:
        """Expand «2010–2015», «fra 2010 til 2015», «mellom 2010 og 2015» into every year,
        and «siden 2020» into 2020 up to this year."""
        spans: list[tuple[int, int]] = [(int(a), int(b)) for a, b in _HYPHEN_RANGE.findall(text)]
        at = parsed.year_at
        for k in range(len(out) - 2):
            if k in at and k + 2 in at:
                if out[k + 1] in self.syn.range_words:
                    spans.append((at[k], at[k + 2]))
                elif k > 0 and out[k - 1] in self.syn.range_words and out[k + 1] == "og":
                    spans.append((at[k], at[k + 2]))  # «mellom 2010 og 2015»
        for k, year in at.items():
            if k > 0 and out[k - 1] in self.syn.since_words and year <= this_year:
                spans.append((year, this_year))
                out[k - 1] = ""  # consumed: «siden» here is no question about the prize's age
        if not spans:
            return
        years = list(parsed.years)
        for first, last in spans:
            if first > last:
                first, last = last, first
            if last - first > MAX_RANGE:
                continue
            for year in range(first, last + 1):
                if year not in years:
                    years.append(year)
        parsed.years = sorted(years)

    def _finish(self, out: list[str], parsed: Parsed, fuzzy_places: bool = True) -> None:
        """Fuzzy names, pronouns, domain signal, stop words, placeholder runs."""
        syn = self.syn
        result: list[str] = []
        previous = ""
        for word in out:
            if not word:
                continue
            before, previous = previous, word
            if word in PLACEHOLDERS:
                if not result or result[-1] != word:
                    result.append(word)
                continue
            if word in syn.pronouns:
                parsed.pronoun = True
            if word in syn.prize_names:
                parsed.prize_word = True
            if word in syn.prize_names or word in syn.domain_words:
                parsed.domain = True
            if (
                fuzzy_places
                and not parsed.places
                and word not in self.not_places
                and word not in self.vocabulary
                and word not in syn.stopwords
                and not word.isdigit()
            ):
                pair = self.index.fuzzy_pair(before, word)  # «nordre folo»
                if pair is not None and result and result[-1] == before:
                    result.pop()
                place = pair or self.index.fuzzy(word)
                if place is not None:
                    parsed.places.append(place)
                    parsed.fuzzy_place = pair is None  # a pair's first word is spelt right
                    parsed.misspelt_names.append(word)
                    if not result or result[-1] != PLACE_WORD:
                        result.append(PLACE_WORD)
                    continue
            if word in syn.stopwords:
                continue
            if word not in self.vocabulary and not word.isdigit():
                corrected = self._correct(word)
                if corrected is None:
                    parsed.unknown.append(word)
                else:
                    for part in corrected:
                        if part in syn.prize_names:
                            parsed.prize_word = True
                        if part in syn.prize_names or part in syn.domain_words:
                            parsed.domain = True
                    result.extend(w for w in corrected if w not in syn.stopwords)
                    continue
            result.append(word)
        if parsed.years or parsed.places or parsed.counties or parsed.projects:
            parsed.domain = True
        if parsed.year_offset or parsed.last_n:
            parsed.domain = True
        parsed.words = result
        if parsed.projects:
            parsed.domain = True
        content = [w for w in result if w not in PLACEHOLDERS and w not in syn.elliptic_words]
        parsed.elliptic = (
            not content
            or (bool(parsed.years) and self._time_clause(parsed.question, content))
            or self._asks_the_same(parsed, content)
        )

    def _asks_the_same(self, parsed: Parsed, content: list[str]) -> bool:
        """«Var det sånn i 2018 også?», «Gjaldt det samme for Bodø?»: a year or municipality
        and words that ask the last question again (``same_words``) are all it says."""
        same = self.syn.same_words
        slots = parsed.years or parsed.year_offset or parsed.places
        return bool(slots and set(parsed.words) & same and set(content) <= same | {"var"})

    def _time_clause(self, question: str, content: list[str]) -> bool:
        """«og da de vant i 2014?»: a time clause («da» + pronoun + a verb of the prize) is all
        the question says besides its year, so it continues the last question with that year."""
        syn = self.syn
        if not set(content) <= syn.pronouns | syn.clause_verbs:
            return False
        folded = [piece for _, piece in tokens(clean(question))]
        return any(
            word in syn.clause_words and following in syn.pronouns
            for word, following in pairwise(folded)
        )

    def _correct(self, word: str) -> tuple[str, ...] | None:
        """A misspelt ordinary word → its canonical form (``integrerignsprisen`` → prisen)."""
        if len(word) < 3:
            return None
        for i in range(len(word) - 1):  # two letters swapped («vnat» → vant)
            swapped = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
            if swapped != word and swapped in self.vocabulary and len(word) >= SWAP_MIN_LENGTH:
                return self.syn.words.get((swapped,), (swapped,))
        best = process.extractOne(word, self._corrections, scorer=fuzz.ratio, score_cutoff=85)
        if best is None:
            return None
        return self.syn.words.get((best[0],), (best[0],))
