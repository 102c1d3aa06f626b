"""Loose «før»/«etter»: a time phrase about the asker, not a relation between winners."""

from collections.abc import Collection


def drop_loose_relations(
    words: list[str],
    relation_words: Collection[str],
    vocabulary: Collection[str],
    placeholders: Collection[str],
) -> None:
    """Remove «før møtet», «etter lunsj» from ``words`` (canonical, in place).

    A relation word («before»/«after») followed by a word the engine does not know (not a
    year or place placeholder, not a vocabulary word such as «de» or «fristen») times the
    asker's day, not the prize: «Jeg har en time før møtet, hvem vant i 2014?» asks who won
    in 2014, not who won before it. Both words go; a relation at the end or before a known
    word («Hvem vant før Drammen?», «Har de vunnet før?») stays.
    """
    i = 0
    while i < len(words) - 1:
        following = words[i + 1]
        if (
            words[i] in relation_words
            and following not in vocabulary
            and following not in placeholders
        ):
            del words[i : i + 2]
            continue
        i += 1
