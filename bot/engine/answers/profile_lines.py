"""One line of a profile: a figure with the year it refers to, a person with their role and
what they said, and the source behind a person."""

from __future__ import annotations

import re

from bot.engine.texts import Texts
from bot.knowledge.models import Fact, Figure, Person

from .reply import Reply


def figure_line(texts: Texts, figure: Figure, reply: Reply, *, labelled: bool = True) -> None:
    """Say one figure with what it measures and the year it refers to (a context figure
    labelled as background unless ``labelled`` is False: said under one label already)."""
    key = "profile.figure_context" if figure.context and labelled else "profile.figure"
    said = figure.said
    if said is not None:  # the curator's whole sentence
        text = texts(key + "_sentence", sentence=said)
    else:
        measures = figure.measures[:1].upper() + figure.measures[1:]
        text = texts(key, measures=measures, value=figure.shown, unit=figure.unit, year=figure.year)
    reply.say(text, Fact(None, figure.sources, figure.note))
    reply.note(Fact(None, figure.sources, figure.note))


def person_line(
    texts: Texts,
    person: Person,
    reply: Reply,
    *,
    labelled: bool = True,
    again: bool = False,
    subject: str | None = None,
    label: str | None = None,
) -> None:
    """Say who a person was (role at the time) and, paraphrased, what they said or did, as a
    whole sentence («Ragnhild Bergheim, ordfører i Lørenskog (Ap), tok imot prisen …»);
    ``again``: the line before was the same person («… sa også at …»); ``subject``: the
    person was just named, so «hun»/«ordføreren» stands for the name."""
    if person.said is None:
        reply.say(
            texts("profile.person_named", name=person.name, role=person.role), person_source(person)
        )
        return
    if label is not None:  # the round first, then who with the role: no intro line
        line = said_sentence(texts, person, label=label, with_role=True)
    else:
        line = said_sentence(texts, person, again=again, subject=subject)
    if person.context and labelled:
        line = texts("profile.person_context", text=line)
    reply.say(line, person_source(person))


_PARTY = re.compile(r"\s+\(([A-ZÆØÅ][\wæøå]{0,4})\)$")


def with_party(name: str, role: str) -> tuple[str, str]:
    """Move a party abbreviation that ends the role to the name: («Tore Opdal Hansen»,
    «ordfører i Drammen (H)») → («Tore Opdal Hansen (H)», «ordfører i Drammen»)."""
    found = _PARTY.search(role)
    if found is None:
        return name, role
    return f"{name} ({found.group(1)})", role[: found.start()]


def reported(said: str, *names: str) -> str:
    """A statement as a clause after «sa at»: its first letter in lower case unless the
    first word is a name (one of the words of ``names``, or with a capital inside, «NAV»)."""
    first = said.split(" ", 1)[0].strip(",.;:")
    proper = {w.strip(",.;:()") for n in names for w in n.split() if w[:1].isupper()}
    bare = first[:-1] if first.endswith("s") else first
    if not first or first in proper or bare in proper or any(c.isupper() for c in first[1:]):
        return said
    return said[:1].lower() + said[1:]


def said_sentence(
    texts: Texts,
    person: Person,
    *,
    again: bool = False,
    label: str | None = None,
    place: str | None = None,
    subject: str | None = None,
    with_role: bool = False,
) -> str:
    """What ``person`` said or did as one sentence. A paraphrase that opens with a verb
    («Tok imot prisen og sa …») gets the person as subject; a statement («Trondheim lykkes
    …») follows «sa at». With ``label`` the sentence opens with the round («I runden
    for 2021 tok Ragnhild Bergheim imot prisen …»), naming ``place`` for a statement.
    ``subject`` («hun», «ordføreren»): the person was named just before, so the sentence
    uses it instead of the name and role (issue 13, M4)."""
    said = person.said or ""
    first, _, rest = said.partition(" ")
    verbs = set(texts("profile.said_verbs").split())
    who = subject or person.name
    capital = who[:1].upper() + who[1:]
    about = place is not None and place != "" and place not in said and place not in person.role
    if first.lower() in verbs and rest:
        verb = first.lower()
        if label is not None and with_role:
            name, role = with_party(person.name, person.role)
            return texts(
                "profile.did_round_role", label=label, verb=verb, name=name, role=role, rest=rest
            )
        if label is not None:
            return texts("profile.did_round", label=label, verb=verb, name=who, rest=rest)
        if again:
            return texts("profile.did_again", name=capital, verb=verb, rest=rest)
        if subject is not None:
            return texts("profile.did_known", name=capital, verb=verb, rest=rest)
        name, role = with_party(person.name, person.role)
        return texts("profile.did", name=name, role=role, verb=verb, rest=rest)
    name, role = with_party(person.name, person.role)
    clause = reported(said, person.role, place or "")
    if label is not None and with_role:
        return texts("profile.said_round_role", label=label, name=name, role=role, said=clause)
    if label is not None:
        key = "profile.said_round_about" if about else "profile.said_round"
        return texts(key, label=label, name=who, place=place or "", said=clause)
    if again:
        key = "profile.said_again_about" if about else "profile.said_again"
        return texts(key, name=capital, place=place or "", said=clause)
    if subject is not None:
        key = "profile.said_known_about" if about else "profile.said_known"
        return texts(key, name=capital, place=place or "", said=clause)
    return texts("profile.said", name=name, role=role, said=clause)


def person_source(person: Person) -> Fact[None]:
    """The sources (and note) behind a person entry, to cite."""
    return Fact(None, person.sources, person.note)
