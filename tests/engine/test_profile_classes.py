"""Detail questions about nominees answered by class (issue 12), each class shown with
questions worded differently from the probe items that revealed it."""

from __future__ import annotations

from bot.engine.engine import Engine
from bot.engine.types import Answer, Conversation

from .conftest import NOW


def ask(engine: Engine, question: str, context: Conversation | None = None) -> Answer:
    return engine.answer(question, now=NOW, context=context)


# -- why a municipality keeps being nominated: each round, newest first -----------------------


def test_why_nominated_again_and_again_lists_every_round(engine: Engine) -> None:
    for question in (
        "Hva var begrunnelsene for at Bodø ble nominert?",
        "hvorfor er bodø nominert hele tida",
    ):
        answer = ask(engine, question)
        assert answer.intent == "nominated_why", question
        for year in ("2022", "2018", "2016", "2014", "2009"):
            assert year in answer.text, (question, year)
        assert answer.text.index("for 2022.") < answer.text.index("for 2018.")


# -- figures: «hvor mange / antall / andel / prosent» + what a profile counts ------------------


def test_count_of_settled_refugees_is_a_figure_not_votes(engine: Engine) -> None:
    answer = ask(engine, "antall flyktninger bosatt i Larvik 2014")
    assert answer.intent == "place_figures"
    assert "53 flyktninger" in answer.text and "2014" in answer.text


def test_votes_are_still_votes(engine: Engine) -> None:
    assert ask(engine, "hvor mange stemmer fikk Moss").intent == "vote_count"


def test_share_in_work_is_a_figure_with_its_year(engine: Engine) -> None:
    answer = ask(engine, "prosent i arbeid eller utdanning Lørenskog")
    assert answer.intent == "place_figures"
    assert "82 prosent" in answer.text and "2020" in answer.text


def test_settle_asks_for_every_settlement_figure_in_any_inflection(engine: Engine) -> None:
    # «bosette» (asked) matches «vedtak om bosetting» and «faktisk bosatt» alike
    answer = ask(engine, "hvor mange skulle Sunndal bosette i 2020")
    assert answer.intent == "place_figures"
    assert "21 flyktninger" in answer.text and "2020" in answer.text
    assert "16 flyktninger" in answer.text and "2020" in answer.text


# -- English «what did X do» ------------------------------------------------------------------


def test_english_what_did_a_municipality_do(engine: Engine) -> None:
    answer = ask(engine, "What did Harstad do for refugees?")
    assert answer.intent == "place_work"
    assert "integreringsenhet" in answer.text


# -- the nominees of a year with their reasons -------------------------------------------------


def test_nominee_list_with_reasons(engine: Engine) -> None:
    for question in (
        "nominerte i 2023 med begrunnelse",
        "gi meg de nominerte for 2022 og begrunnelsene",
    ):
        answer = ask(engine, question)
        assert answer.intent == "nominees", question
        assert "Jeg vet ikke hvorfor" in answer.text or answer.text.count("\n") >= 3, question
    answer = ask(engine, "nominerte i 2023 med begrunnelse")
    for name in ("Harstad", "Kristiansand", "Molde", "Nordre Follo", "Tønsberg", "Ullensvang"):
        assert f"{name}" in answer.text


# -- «fortell om X og prisen» -------------------------------------------------------------------


def test_tell_about_a_municipality_and_the_prize(engine: Engine) -> None:
    for question in (
        "fortell litt om Asker kommune og prisen",
        "tell me about Drammen and the prize",
    ):
        assert ask(engine, question).intent == "place_summary", question


# -- «og da de vant i 2014?»: a time clause picks the year, the topic stays -------------------


def test_time_clause_switches_the_year_and_keeps_the_topic(engine: Engine) -> None:
    context = Conversation()
    first = ask(engine, "Hvem var ordfører i Lørenskog i 2021?", context)
    assert first.intent == "place_people"
    context = Conversation()
    ask(engine, "Hvorfor ble Harstad nominert i 2021?", context)
    answer = ask(engine, "og da de var nominert i 2023?", context)
    assert answer.intent == "nominated_why"
    assert "2023" in answer.text and "arbeidslinje" in answer.text


def test_the_figure_asked_for_comes_first(engine: Engine) -> None:
    # the place's placeholder word never matches a figure («kommunenavn» ~ «kommunale»)
    answer = ask(engine, "hvor mange flyktninger ville Grimstad ta imot i 2015")
    lines = answer.text.split("\n")
    assert "71 flyktninger" in lines[0] and "2015" in lines[0]


# -- projects: «hva het prosjektet til X», compounds, «<prosjekt> – hva er det?» ---------------


def test_a_municipality_s_project_by_a_compound_word(engine: Engine) -> None:
    answer = ask(engine, "hva het arbeidsprosjektet til Lørenskog i 2018")
    assert answer.intent == "place_projects"
    assert "Jobbsjansen" in answer.text
    assert ask(engine, "hvilket boligtiltak hadde Molde i 2023?").intent == "place_projects"


def test_a_named_project_then_what_is_it(engine: Engine) -> None:
    answer = ask(engine, "MOVED i Molde – hva er det for noe?")
    assert answer.intent == "project"
    assert "norskopplæring" in answer.text


def test_a_project_answer_gives_the_profile_figure_that_names_it(engine: Engine) -> None:
    answer = ask(engine, "hva er Globale Bærum")
    assert "1 000 innvandrere" in answer.text and "2018" in answer.text


def test_who_leads_the_unit_after_talk_about_the_municipality(engine: Engine) -> None:
    # the definite «enheten» finds the text's indefinite «enhet»
    context = Conversation()
    ask(engine, "Hva vet du om Harstad?", context)
    answer = ask(engine, "Hvem er leder for enheten?", context)
    assert "Bøgeberg" in answer.text


# -- people: English «mayor», «hvem leder <enhet> i <kommune>» ---------------------------------


def test_english_mayor_is_the_municipality_s_people(engine: Engine) -> None:
    answer = ask(engine, "Who was the mayor of Tynset?")
    assert answer.intent == "place_people"
    assert "Merete Myhre Moen" in answer.text


def test_who_leads_a_unit_in_a_named_municipality_is_not_imdi_s_director(engine: Engine) -> None:
    answer = ask(engine, "hvem er leder for voksenopplæringen i Vennesla")
    assert answer.intent == "place_people"
    assert "Marianne Wegge" in answer.text
    assert ask(engine, "Hvem er direktør i IMDi?").intent == "directors"


# -- «hvorfor ble de nominert i <år>?», «hva er X kjent for?» -----------------------------------


def test_why_were_they_nominated_in_a_year_gives_the_lines(engine: Engine) -> None:
    answer = ask(engine, "hvorfor ble disse nominert i 2018?")
    assert answer.intent == "nominees"
    assert "Stange" in answer.text and "\nIMDi omtalte Asker" in answer.text  # one line each


def test_what_a_municipality_is_known_for(engine: Engine) -> None:
    answer = ask(engine, "Hva er Tynset kjent for?")
    assert answer.intent == "place_work"
    assert "Kommunen kjøpte et bokollektiv til enslige mindreårige." in answer.text


# -- more wordings: «hva trakk IMDi fram hos X», «hva vet du om X sin nominasjon», a compound
#    that starts with a municipality's name («Drammensmodellen») ------------------------------


def test_what_imdi_highlighted_for_a_municipality_is_not_about_imdi(engine: Engine) -> None:
    answer = ask(engine, "hva trakk IMDi fram hos Steinkjer?")
    assert answer.intent == "place_work"
    assert "Steinkjer ble nominert for 2018" in answer.text
    assert ask(engine, "Hva gjør IMDi?").intent == "organiser"


def test_what_do_you_know_about_a_nomination(engine: Engine) -> None:
    answer = ask(engine, "hva vet du om nominasjonen til Vennesla")
    assert answer.intent == "nominated_why"
    assert "bosettingskoordinator" in answer.text


def test_a_compound_naming_a_municipality_finds_its_texts(engine: Engine) -> None:
    answer = ask(engine, "Hva gikk Drammensmodellen ut på?")
    assert answer.matched and "enslige mindreårige" in answer.text
    assert not ask(engine, "hva er lillehammermodellen").matched


# -- conversations: a figure question without the name, «… da?» keeps the round ---------------


def test_figure_question_in_a_conversation_about_a_municipality(engine: Engine) -> None:
    context = Conversation()
    ask(engine, "Hva vet du om Nordre Follo?", context)
    answer = ask(engine, "hvor mange deltok i introduksjonsprogrammet?", context)
    assert answer.intent == "place_figures"
    assert "164" in answer.text and "2022" in answer.text


def test_then_keeps_the_round_talked_about(engine: Engine) -> None:
    context = Conversation()
    ask(engine, "Hva gjorde Asker?", context)
    ask(engine, "og i 2018?", context)
    answer = ask(engine, "hva sa ordføreren da?", context)
    assert answer.intent == "place_people"
    assert "da kommunen ble nominert for 2018" in answer.text and "2021" not in answer.text
    projects = ask(engine, "hvilke tiltak hadde de da?", context)
    assert "for 2018" in projects.text and "2021" not in projects.text


# -- figures with «fikk», English «share … jobs», nynorsk «kor stor del»; English «spoke for» ----


def test_got_a_job_is_a_figure_question(engine: Engine) -> None:
    # «fikk» reads as «vant» (got the prize); with a figure word it is still a figure question
    for question in (
        "hvor mange fikk jobb i Sandnes",
        "what proportion of the participants got a job in Sandnes?",
        "kor stor del av deltakarane i Sandnes fekk arbeid?",
    ):
        answer = ask(engine, question)
        assert answer.intent == "place_figures", question
        assert "57 prosent" in answer.text and "2014" in answer.text, question


def test_who_spoke_for_a_municipality_in_english(engine: Engine) -> None:
    answer = ask(engine, "Who spoke for Nordre Follo?")
    assert answer.intent == "place_people"
    assert "Anne Melsom" in answer.text


# -- a count that no figure measures: the fact texts that give it -------------------------------


def test_a_count_no_figure_measures_comes_from_the_fact_texts(engine: Engine) -> None:
    answer = ask(engine, "hvor mange fosterhjem hadde Drammen for enslige mindreårige?")
    assert answer.intent == "passage"
    assert "fem fosterhjem" in answer.text
    # a figure that measures it still answers, also in other words for the same thing
    assert ask(engine, "hvor mange fikk jobb i Sandnes").intent == "place_figures"
