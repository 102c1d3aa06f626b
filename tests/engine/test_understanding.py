"""Understanding that generalises (issue 11): questions of each class, none of them an example
phrasing or a probe question, answered through the real engine."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from bot.clock import OSLO
from bot.engine.engine import Engine
from bot.engine.loading import load_engine_files
from bot.engine.types import Conversation
from bot.engine.wrapper import unwrap
from bot.knowledge.yamlio import KnowledgeError
from tests.engine.conftest import KNOWLEDGE, NOW


def ask(engine: Engine, question: str, context: Conversation | None = None):
    return engine.answer(question, now=NOW, context=context)


# -- class 1: wrapper text around a plain question --------------------------------------------


@pytest.mark.parametrize(
    ("question", "winner"),
    [
        (
            "God morgen! Jeg er student og skriver oppgave om integrering. "
            "Hvem fikk prisen i 2012? Mvh Per",
            "Molde",
        ),
        ("<div>Hvem vant i <i>2014</i>?</div>", "Drammen"),
        ("Beklager masete spørsmål – men hvem vant i 2010?", "Kristiansand"),
        ("Hvem vant i 2022?\n\nVennlig hilsen\nTone Lie\nSaksbehandler", "Kinn"),
        ("Hei, hvem vant i 2011? På forhånd takk!", "Kragerø"),
    ],
)
def test_wrapper_text_changes_nothing(engine: Engine, question: str, winner: str) -> None:
    answer = ask(engine, question)
    assert answer.matched and answer.intent == "winner", answer.text
    assert winner in answer.text
    assert answer.question == question


def test_small_talk_alone_stays_small_talk(engine: Engine) -> None:
    assert ask(engine, "Hei").intent == "greeting"
    assert ask(engine, "Hei! Takk for praten.").intent == "thanks"


def test_unwrap_keeps_a_plain_question() -> None:
    cues = load_engine_files(KNOWLEDGE).understanding
    for question in ["Hvem vant fra 2021 til 2023?", "Har noen fra Vestfold vunnet?"]:
        assert unwrap(question, cues) == question


# -- class 4: other prizes are refused ----------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Hvem fikk Nordisk råds litteraturpris i 2015?",
        "Hvem vant Ibsen-prisen i 2016?",
        "Hvem vant Kongens pris i 2012?",
        "Hvilken kommune fikk Årets kulturpris 2014?",
        "Bergen har sin egen flyktningpris. Hvem vant den i 2016?",
    ],
)
def test_other_prizes_are_refused(engine: Engine, question: str) -> None:
    answer = ask(engine, question)
    assert not answer.matched, answer.text
    assert "Trondheim" not in answer.text and "Molde" not in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Hvem vant integrerignsprisen i 2016?",
        "Hvem vant IMDi-prisen i 2016?",
        "Jeg leste om Peer Gynt-prisen. Hvem vant bosettingsprisen i 2016?",
    ],
)
def test_this_prize_is_not_another(engine: Engine, question: str) -> None:
    answer = ask(engine, question)
    assert answer.matched and "Trondheim" in answer.text, answer.text


def test_understanding_file_errors_name_file_and_line(tmp_path: Path) -> None:
    for item in KNOWLEDGE.iterdir():
        target = tmp_path / item.name
        target.symlink_to(item)
    (tmp_path / "understanding.yaml").unlink()
    (tmp_path / "understanding.yaml").write_text(
        "greetings: [hei]\nthanks: hallo\nunknown_key: []\nother_prizes:\n  nouns: [to ord]\n",
        encoding="utf-8",
    )
    with pytest.raises(KnowledgeError) as caught:
        load_engine_files(tmp_path)
    found = {(i.file, i.line) for i in caught.value.issues}
    assert {
        ("knowledge/understanding.yaml", 2),
        ("knowledge/understanding.yaml", 3),
        ("knowledge/understanding.yaml", 5),
    } <= found


# -- class 2: other words for the same thing ----------------------------------------------------


@pytest.mark.parametrize(
    ("question", "must"),
    [
        ("Hvilken kommune sikrer seg prisen i 2015?", "Grimstad"),
        ("Hvem kapra prisen i 2013?", "Hammerfest"),
        ("Kem kapret bosettingsprisen i 2016?", "Trondheim"),
        ("Hvem tildeles prisen i 2014?", "Drammen"),
        ("Katti vant Molde?", "2012"),
        ("Koffor vant Kinn?", "nyskapende"),
        ("Hvem kjempet om prisen i 2022?", "Vennesla"),
        ("Hvem var vinnarkommunane i 2021?", "Lørenskog"),
        ("Ka slags pris e dette?", "hedre kommuner"),
        ("Ka e kriterian?", "kriteriene"),
    ],
)
def test_other_words_for_the_same_thing(engine: Engine, question: str, must: str) -> None:
    answer = ask(engine, question)
    assert answer.matched and must in answer.text, answer.text


def test_stems_claimed_by_two_meanings_are_dropped() -> None:
    from bot.engine.lemmas import Lemmatiser, stem

    lemmas = Lemmatiser({("sikre", "seg"): ("vant",), ("stemmer",): ("stemme",)})
    assert lemmas.match(["sikrer", "seg", "prisen"], 0, set()) == (2, ("vant",))
    assert lemmas.match(["sikrer"], 0, {"sikrer"}) is None  # a known word stays itself
    clash = Lemmatiser({("hedre",): ("vant",), ("hedret",): ("begrunnelse",)})
    assert stem("hedre") == stem("hedret") and not clash.phrases


# -- frames: question word + predicate + slots (classes 5, 6, 7) -------------------------------

OPEN_VOTE = datetime(2023, 10, 5, 10, 0, tzinfo=OSLO)
AFTER_CLOSE = datetime(2023, 10, 20, 10, 0, tzinfo=OSLO)


@pytest.mark.parametrize(
    ("question", "now", "intent", "must"),
    [
        ("Når blir vinneren offentliggjort?", OPEN_VOTE, "next_award", "30. oktober"),
        ("Når får jeg vite hvem som vant?", AFTER_CLOSE, "next_award", "30. oktober"),
        ("Er stemmegivningen i gang?", OPEN_VOTE, "vote_status", "11. oktober"),
        ("Rekker jeg å avgi stemme?", AFTER_CLOSE, "vote_status", "Nei"),
        ("Er det for sent å avgi stemme nå?", OPEN_VOTE, "vote_when", "stenger"),
        ("Hvilke kommuner kan jeg stemme på?", OPEN_VOTE, "nominees", "Ullensvang"),
        ("Hvem kan jeg gi stemmen min til?", OPEN_VOTE, "nominees", "Nordre Follo"),
        ("Hvor mottok Kinn prisen?", NOW, "award", "The Hub"),
        ("Hvor mange var nominert i 2016?", NOW, "year_nominee_count", "Tynset"),
        ("Hvilke vinnerkommuner ligger i Agder?", NOW, "county_winners", "Grimstad"),
    ],
)
def test_frames_understand_new_combinations(
    engine: Engine, question: str, now: datetime, intent: str, must: str
) -> None:
    answer = engine.answer(question, now=now)
    assert answer.matched and answer.intent == intent, answer.text
    assert must in answer.text


def test_too_late_is_not_answered_with_yes(engine: Engine) -> None:
    text = engine.answer("Er det for sent å avgi stemme nå?", now=OPEN_VOTE).text
    assert not text.startswith(("Ja", "Nei"))


def test_frames_file_errors_name_file_and_line(tmp_path: Path) -> None:
    for item in KNOWLEDGE.iterdir():
        (tmp_path / item.name).symlink_to(item)
    (tmp_path / "frames.yaml").unlink()
    (tmp_path / "frames.yaml").write_text(
        "ask_words: [hvem, nar]\n"
        "rules:\n"
        "  - {intent: winner, ask: [hvorfor], all: [vant]}\n"
        "  - {intent: no_such_intent, all: [vant]}\n"
        "  - {intent: award, with: [city], weight: high}\n",
        encoding="utf-8",
    )
    with pytest.raises(KnowledgeError) as caught:
        load_engine_files(tmp_path)
    lines = sorted(i.line for i in caught.value.issues if i.file == "knowledge/frames.yaml")
    assert lines == [3, 5, 5], caught.value.issues
    (tmp_path / "frames.yaml").write_text(
        "ask_words: [hvem]\nrules:\n  - {intent: no_such_intent, all: [vant]}\n", encoding="utf-8"
    )
    with pytest.raises(KnowledgeError) as caught:
        load_engine_files(tmp_path)
    assert [(i.line, "no_such_intent" in i.message) for i in caught.value.issues] == [(3, True)]


# -- class 5: conversation; class 3 and scope ----------------------------------------------------


def test_a_request_naming_a_place_does_not_inherit_the_last_question(engine: Engine) -> None:
    context = Conversation()
    assert "Bærum" in ask(engine, "Hvem vant i 2018?", context).text
    answer = ask(engine, "Fortell litt om Molde", context)
    assert answer.intent == "place_summary" and "2012" in answer.text
    assert "Bærum" not in answer.text


def test_a_bare_question_word_with_filler_follows_up(engine: Engine) -> None:
    context = Conversation()
    ask(engine, "Hvem vant i 2021?", context)
    answer = ask(engine, "Hvor var det?", context)
    assert answer.intent == "award" and "19. november 2021" in answer.text


def test_the_year_after_counts_from_the_year_asked(engine: Engine) -> None:
    context = Conversation()
    ask(engine, "Hvem var nominert i 2020?", context)  # answered as the 2019/2020 round
    answer = ask(engine, "Og året etter?", context)
    assert "Lillestrøm" in answer.text and "Randaberg" not in answer.text


def test_words_before_the_verb_are_not_a_contest(engine: Engine) -> None:
    answer = ask(engine, "Din treige robot, hvem vant i 2012?")
    assert answer.matched and "Molde" in answer.text
    assert not ask(engine, "hvem vant x factor i 2016").matched


@pytest.mark.parametrize(
    "question", ["Hvor mye koster det å parkere i Molde?", "Anbefal en kafé i Drammen"]
)
def test_a_place_alone_does_not_make_a_question_about_the_prize(
    engine: Engine, question: str
) -> None:
    answer = ask(engine, question)
    assert not answer.matched and "2012" not in answer.text and "2014" not in answer.text
    assert ask(engine, "Hva vet du om Drammen?").matched


# -- class 3: no false entities -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "winner", "not_said"),
    [
        ("Hvem vant i 2010, Linda?", "Kristiansand", "Alver"),
        ("Hvem vant i 2016 spør Sander", "Trondheim", "Sande"),
        ("Olsen lurer på hvem som vant i 2013", "Hammerfest", "Nei"),
    ],
)
def test_names_are_not_misspelt_places(
    engine: Engine, question: str, winner: str, not_said: str
) -> None:
    answer = ask(engine, question)
    assert answer.matched and answer.intent == "winner", answer.text
    assert winner in answer.text and not answer.text.startswith(not_said)
    assert not_said not in answer.text.split("\n")[0].split()


def test_a_spurious_place_never_turns_an_answer_into_suggestions(engine: Engine) -> None:
    plain = engine.extractor.parse("Hvem vant i 2016 spør Sandee", NOW)
    assert plain.fuzzy_place  # «Sandee» could be Sande …
    answer = ask(engine, "Hvem vant i 2016 spør Sandee")
    assert answer.matched and "Trondheim" in answer.text and not answer.suggestions


# -- class 6: comparing; more frames --------------------------------------------------------------


def test_which_of_two_won_first_gives_both_records_without_yes(engine: Engine) -> None:
    answer = ask(engine, "Hvem vant først, Bærum eller Kinn?")
    assert answer.intent == "compare_places" and not answer.text.startswith(("Ja", "Nei"))
    assert "Bærum vant først, for 2018" in answer.text and "2022" in answer.text
    assert "2014" in ask(engine, "Når vant Drammen for første gang?").text


@pytest.mark.parametrize(
    ("question", "intent", "must"),
    [
        ("Hva het vinneren i 2016?", "winner", "Trondheim"),
        ("Kossen blir vinnaren kåra?", "how_chosen", "jury"),
        ("Hva driver IMDi med?", "organiser", "Integrerings- og mangfoldsdirektoratet"),
    ],
)
def test_question_word_and_predicate_pick_the_intent(
    engine: Engine, question: str, intent: str, must: str
) -> None:
    answer = ask(engine, question)
    assert answer.matched and answer.intent == intent and must in answer.text, answer.text


def test_pronoun_follow_ups_fill_slots_from_the_conversation(engine: Engine) -> None:
    context = Conversation()
    ask(engine, "Hvem var nominert i 2016?", context)
    answer = ask(engine, "Og hvem av dem vant?", context)
    assert answer.intent == "winner" and "Trondheim" in answer.text
    context = Conversation()
    ask(engine, "Hvem vant i 2022?", context)
    answer = ask(engine, "Var de nominert samme år?", context)
    assert answer.intent == "place_nominated" and "Kinn" in answer.text


@pytest.mark.parametrize(
    ("question", "must"),
    [
        ("Hva har Moss gjort for å bosette barn?", "uten foreldre"),
        ("Hvordan jobbet Kinn med bosetting?", "nyskapende"),
    ],
)
def test_what_a_municipality_did_is_its_reasoning(engine: Engine, question: str, must: str) -> None:
    """The place_work answer: the jury's reasoning for a winner, then its projects."""
    answer = ask(engine, question)
    assert answer.matched and answer.intent == "place_work" and must in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "intent", "must"),
    [
        ("prisen 2014 hvem", "winner", "Drammen"),
        ("hvem kan vinne", "criteria", "kriteriene"),
        ("kan private bedrifter vinne", "criteria", "kriteriene"),
        ("hvem kan bli nominert", "nomination", "nominerte"),
        ("hva legger de vekt på", "criteria", "kriteriene"),
    ],
)
def test_sms_word_order_and_modal_questions(
    engine: Engine, question: str, intent: str, must: str
) -> None:
    answer = ask(engine, question)
    assert answer.matched and answer.intent == intent and must in answer.text, answer.text


def test_abstain_only_when_the_readings_differ(engine: Engine) -> None:
    from bot.engine.matcher import Candidate

    gap = engine.extractor.parse("og 2024?", NOW)
    same = [Candidate("winner", 80.0, ""), Candidate("nominees", 79.0, "")]
    assert engine._same_answer(same, gap, None, NOW) == "winner"
    year = engine.extractor.parse("og 2021?", NOW)
    assert engine._same_answer(same, year, None, NOW) is None  # Lørenskog vs six nominees


def test_a_question_inside_a_preamble_is_not_taken_for_a_greeting(engine: Engine) -> None:
    answer = ask(
        engine,
        "God kveld. Jeg skriver en masteroppgave om bosetting og lurer på når prisen "
        "ble delt ut første gang.",
    )
    assert answer.intent == "since_when" and "2008" in answer.text
    assert ask(engine, "Hei. Jeg er lærer.").intent == "greeting"


@pytest.mark.parametrize(
    ("question", "not_said"),
    [
        ("Hvor mange innbyggere hadde Norge i 2016?", "Trondheim vant"),
        ("Hvilken kommune har flest flyktninger?", "mer enn én gang"),
        ("Når åpner svømmehallen i Drammen?", "Drammen har vunnet"),
    ],
)
def test_a_slot_or_a_shared_word_alone_is_no_reading(
    engine: Engine, question: str, not_said: str
) -> None:
    answer = ask(engine, question)
    assert not answer.matched and not_said not in answer.text, answer.text


def test_a_year_and_a_fact_text_about_it_is_the_passage_not_the_winner(engine: Engine) -> None:
    """A slot alone is no reading of an intent, but the fact texts of that year may answer."""
    answer = ask(engine, "Hvor mange flyktninger bosatte Norge i 2016?")
    assert answer.intent == "passage" and "15 291" in answer.text, answer.text
    assert "Trondheim vant" not in answer.text and answer.sources


def test_a_new_municipality_in_a_follow_up_replaces_the_old_one(engine: Engine) -> None:
    context = Conversation()
    assert "Tønsberg" in ask(engine, "Hvem tok imot prisen i 2023?", context).text
    moss = ask(engine, "Og for Moss?", context)
    assert "Simen Nord" in moss.text and "Tønsberg" not in moss.text  # 2025, not 2023
    bodo = ask(engine, "Og Bodø?", context)
    assert "Bodø har ikke vunnet" in bodo.text and "Moss" not in bodo.text


def test_how_many_others_points_back_to_the_year(engine: Engine) -> None:
    context = Conversation()
    ask(engine, "Hvem vant i 2015?", context)
    answer = ask(engine, "Hvor mange andre var nominert?", context)
    assert answer.intent == "year_nominee_count"
    assert "Lavangen" in answer.text and "2015" in answer.text


def test_the_year_before_a_written_year_is_that_year_minus_one(engine: Engine) -> None:
    context = Conversation()
    ask(engine, "Hvem vant i 2020?", context)  # answered as the 2019/2020 round
    answer = ask(engine, "Og året før?", context)
    assert "slått sammen" in answer.text and "2019" in answer.text  # 2019, not 2018
    assert "Bærum" not in answer.text
    context = Conversation()
    ask(engine, "Hvem vant i 2014?", context)
    ask(engine, "Og året før?", context)
    assert "Molde" in ask(engine, "Og året før der igjen?", context).text


@pytest.mark.parametrize(
    "question", ["Hvem vant Peer Gynt prisen i 2016?", "Who won the Booker Prize in 2015?"]
)
def test_a_capitalised_name_before_a_prize_noun_is_another_prize(
    engine: Engine, question: str
) -> None:
    answer = ask(engine, question)
    assert not answer.matched and "Trondheim" not in answer.text and "Grimstad" not in answer.text
    assert ask(engine, "Vant Molde prisen?").matched
    assert ask(engine, "Who won the Integration Prize in 2018?").matched


AFTER_AWARD = datetime(2023, 10, 31, 10, 0, tzinfo=OSLO)


@pytest.mark.parametrize(
    ("question", "now", "intent", "must"),
    [
        ("Hvem ble det?", AFTER_AWARD, "latest_winner", "Tønsberg"),
        ("Hvem kan man stemme på?", OPEN_VOTE, "nominees", "Ullensvang"),
        ("Hvor lenge til avstemningen stenger?", OPEN_VOTE, "vote_when", "11. oktober"),
        ("Hvor mange dager er det igjen å stemme?", OPEN_VOTE, "vote_when", "11. oktober"),
        ("Hvilke kommuner er med i år?", AFTER_CLOSE, "nominees", "Nordre Follo"),
    ],
)
def test_time_aware_questions(
    engine: Engine, question: str, now: datetime, intent: str, must: str
) -> None:
    answer = engine.answer(question, now=now)
    assert answer.matched and answer.intent == intent and must in answer.text, answer.text


def test_a_long_message_is_read_from_its_end(engine: Engine) -> None:
    preamble = "Vi har snakket mye om dette på jobben i det siste. " * 60
    answer = ask(engine, preamble + "Uansett: hvem vant i 2015?")
    assert answer.matched and "Grimstad" in answer.text
    cues = load_engine_files(KNOWLEDGE).understanding
    assert unwrap("hei. " * 20000, cues) == cues.greeting_word


def test_questions_about_the_bot_or_other_deadlines_are_not_prize_facts(engine: Engine) -> None:
    assert ask(engine, "Hvor fikk du det fra?").intent == "about_sources"
    late = ask(engine, "Er det for sent å søke barnehageplass?")
    assert not late.matched and "åpen nå" not in late.text and late.intent is None


def test_choosing_something_else_is_not_how_the_winner_is_chosen(engine: Engine) -> None:
    assert ask(engine, "Hvordan velges en ordfører?").intent is None
    assert ask(engine, "Hvordan velges vinneren?").intent == "how_chosen"


def test_abbreviations_do_not_end_a_sentence() -> None:
    cues = load_engine_files(KNOWLEDGE).understanding
    question = "Hvem vant i 2013, dvs. året etter Molde?"
    assert unwrap(question, cues) == question
    assert unwrap("Hei. Hvem vant?", cues) == "Hvem vant?"


def test_a_year_added_after_the_question_is_kept(engine: Engine) -> None:
    answer = ask(engine, "Hvem var nominert? Altså i 2022.")
    assert answer.intent == "nominees" and "Vennesla" in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Kva er vêret i Bergen i dag?",
        "Korleis blir veret i Molde?",
        "Hva sier værmeldingen for Tromsø?",
    ],
)
def test_weather_in_a_nominated_town_is_out_of_scope(engine: Engine, question: str) -> None:
    # a nominee's name must not turn a weather question (Nynorsk «vêret» too) into its profile
    answer = engine.answer(question, now=NOW)
    assert not answer.matched, answer.text


# -- class 1 and 3: a remark about who writes, closed by an emoji or a comma ----------------


@pytest.mark.parametrize(
    ("question", "must", "never"),
    [
        ("Bodø her 😀 hvem vant i 2019?", "Sunndal", "Bodø"),
        ("Moss her, hvem vant i 2013?", "Hammerfest", "Moss"),
        ("Hilsen fra Asker 🌲 hvem fikk prisen i 2009?", "Levanger", "Asker"),
        ("sitter på bussen til Vik 🚌 hvem vant prisen for 2014?", "Drammen", "Vik"),
    ],
)
def test_a_named_remark_before_the_question_is_not_what_is_asked(
    engine: Engine, question: str, must: str, never: str
) -> None:
    answer = ask(engine, question)
    assert answer.matched and answer.intent == "winner", answer.text
    assert must in answer.text and never not in answer.text


def test_an_emoji_inside_a_question_does_not_cut_it(engine: Engine) -> None:
    answer = ask(engine, "hvem ble nominert 🤔 i 2022?")
    assert answer.intent == "nominees" and "Vennesla" in answer.text, answer.text


# -- class 6 and 7: «how many times» gets a number; a closed vote is said to be closed --------


@pytest.mark.parametrize(
    ("question", "count"),
    [
        ("Hvor mange ganger har Bodø vært nominert?", "fem ganger"),
        ("Hvor mange ganger var Tromsø nominert?", "to ganger"),
    ],
)
def test_how_many_nominations_is_answered_with_a_number(
    engine: Engine, question: str, count: str
) -> None:
    answer = ask(engine, question)
    assert answer.intent == "place_nominated" and count in answer.text, answer.text


def test_one_nomination_is_said_without_a_count(engine: Engine) -> None:
    answer = ask(engine, "Har Gjøvik vært nominert?")
    assert "Gjøvik var nominert for 2019/2020" in answer.text and "ganger" not in answer.text


@pytest.mark.parametrize("question", ["Rekker jeg å stemme ennå?", "Er det for sent å stemme?"])
def test_after_the_last_vote_the_answer_says_it_closed(engine: Engine, question: str) -> None:
    answer = ask(engine, question)
    assert "stengte 11. oktober 2023" in answer.text, answer.text
    assert "er åpen nå" not in answer.text.lower().replace("ingen avstemning er åpen nå", "")


# -- class 2: the clipped definite of spoken Norwegian («vinnern» = «vinneren») --------------


@pytest.mark.parametrize(
    ("question", "winner"),
    [("hvem ble vinnern i 2014?", "Drammen"), ("kven var vinnarn i 2012?", "Molde")],
)
def test_a_clipped_definite_is_the_singular(engine: Engine, question: str, winner: str) -> None:
    answer = ask(engine, question)
    assert answer.intent == "winner" and winner in answer.text, answer.text


def test_clipping_leaves_plurals_and_short_words_alone() -> None:
    from bot.engine.lemmas import stem

    assert stem("vinnern") == stem("vinneren") != stem("vinnerne")
    assert stem("ordførern") == stem("ordføreren")
    assert stem("barn") == "barn"


# -- class 7: when the winner of a given year becomes known -> that year's award -----------


@pytest.mark.parametrize(
    ("question", "moment", "date"),
    [
        ("Når blir årets vinner kåret?", datetime(2023, 10, 5, 10, tzinfo=OSLO), "30. oktober"),
        ("When will the 2023 winner be announced?", NOW, "30. oktober"),
        ("Når ble vinneren for 2016 kjent?", NOW, "26. april 2017"),
    ],
)
def test_when_a_years_winner_is_known_is_that_years_award(
    engine: Engine, question: str, moment: datetime, date: str
) -> None:
    answer = engine.answer(question, now=moment)
    assert answer.intent == "award" and date in answer.text, answer.text
