"""Regression tests for the lead's review: no repeated facts, the asked part first."""

from __future__ import annotations

from datetime import datetime

from bot.clock import OSLO
from bot.engine.engine import Engine
from bot.engine.types import Conversation
from tests.engine.conftest import NOW

DURING_2023_VOTE = datetime(2023, 10, 5, 12, tzinfo=OSLO)


def ask(engine: Engine, question: str, now: datetime = NOW) -> str:
    return engine.answer(question, now=now).text


def test_organiser_names_imdi_in_full_once(engine: Engine) -> None:
    for question in ("Hva står IMDi for?", "Who organises the prize?"):
        text = ask(engine, question)
        assert text.count("Integrerings- og mangfoldsdirektoratet") == 1, text


def test_2017_says_no_prize_once(engine: Engine) -> None:
    text = ask(engine, "Hvem vant i 2017?")
    assert text.startswith("Det ble ikke delt ut noen pris for 2017."), text
    assert text.count("pris for 2017") == 1, text


def test_unknown_year_says_unknown_once(engine: Engine) -> None:
    text = ask(engine, "Hvem vant i 2024?")
    assert text.count("Jeg vet ikke") == 1 and "ingen opplysninger" not in text, text


def test_window_is_one_sentence_with_the_asked_end_first(engine: Engine) -> None:
    closed = ask(engine, "Når stengte avstemningen i 2023?").split("\n")[0]
    assert closed.startswith("Avstemningen for 2023 stengte 11. oktober 2023")
    assert "2. oktober" in closed and closed.count(".") <= 4 and closed.count("Avstemningen") == 1
    opened = ask(engine, "Når åpnet avstemningen i 2023?").split("\n")[0]
    assert opened.startswith("Avstemningen for 2023 åpnet 2. oktober")
    assert "11. oktober 2023" in opened and opened.count("Avstemningen") == 1


def test_when_questions_do_not_start_with_no(engine: Engine) -> None:
    text = ask(engine, "Når stenger avstemningen?")
    assert not text.startswith("Nei") and text.startswith("Avstemningen for 2023 stengte")
    assert "2023" in text
    assert ask(engine, "Er avstemningen åpen nå?").startswith("Nei")


def test_when_during_an_open_vote_leads_with_the_date(engine: Engine) -> None:
    text = ask(engine, "Når stenger avstemningen?", now=DURING_2023_VOTE)
    assert text.startswith("Avstemningen for 2023 stenger onsdag 11. oktober 2023")
    assert ask(engine, "Er avstemningen åpen?", now=DURING_2023_VOTE).startswith("Ja")


def test_english_name_is_unknown_with_the_norwegian_names(engine: Engine) -> None:
    for question in ("Hva heter prisen på engelsk?", "What is the prize called in English?"):
        answer = engine.answer(question, now=NOW)
        assert answer.matched and answer.intent == "english_name"
        assert answer.text.startswith("Det vet jeg ikke.")
        assert (
            "Bosettingsprisen" in answer.text and "Bosettings- og integreringsprisen" in answer.text
        )
        assert "navnet Bosettings" not in answer.text  # not the renaming text passed off
        assert answer.sources


def test_unknown_prize_facts_say_so_then_what_is_known(engine: Engine) -> None:
    cases = {
        "Hvem satt i juryen i 2022?": ("jury_members", "samlet vurdering"),
        "hvem sitter i juryen": ("jury_members", "jury"),
        "Hvor mange stemmer fikk Lørenskog?": ("vote_count", "publikum"),
        "hvor mange stemte i 2023": ("vote_count", "publikum"),
        "Hvor mye penger får vinneren?": ("prize_money", "pengepremie"),
    }
    for question, (intent, nearby) in cases.items():
        answer = engine.answer(question, now=NOW)
        assert answer.intent == intent, question
        assert answer.text.startswith(("Det vet jeg ikke", "Jeg vet ikke")), answer.text
        unknown = ("Jeg vet ikke", "vet jeg ikke")
        assert any(u in answer.text for u in unknown) and nearby.lower() in answer.text.lower()


def test_formerly_marginal_golden_phrasings(engine: Engine) -> None:
    assert engine.answer("Nominerte kommuner 2016?", now=NOW).intent == "nominees"
    assert engine.answer("hvordan begrunnet juryen at Kinn vant", now=NOW).intent == "reasoning"
    text = engine.answer("Hva begrunnet juryen Trondheim-seieren med?", now=NOW).text
    assert "Trondheim" in text and "2016" in text
    assert engine.answer("Kan jeg få varsel når det blir mulig å stemme?", now=NOW).intent == (
        "subscribe"
    )


def test_two_questions_in_one_answer_both(engine: Engine) -> None:
    answer = engine.answer("Hvem fikk prisen i 2009 og hvem delte den ut?", now=NOW)
    assert answer.matched
    assert "Levanger" in answer.text
    assert "Jeg vet ikke hvem som overrakte prisen for 2009." in answer.text
    assert answer.sources
    why = engine.answer("kven vann i 2022 og kvifor", now=NOW).text
    assert why.startswith("Kinn vant Bosettings- og integreringsprisen 2022.\nIMDi beskrev Kinn")
    assert why.count("Kinn vant") == 1  # the why part does not say the winner again


def test_two_part_answers_repeat_neither_a_sentence_nor_a_button(engine: Engine) -> None:
    """Who won and why, in other words and years: the reason's lead («X vant prisen for Y.»)
    restates the first part and is left out; buttons with the same label are shown once."""
    for question, winner in (
        ("Kven vann prisen i 2010, og kvifor?", "Kristiansand"),
        ("Who won in 2018 and why?", "Bærum"),
        ("hvem vant 2013, og hvorfor vant de", "Hammerfest"),
    ):
        answer = engine.answer(question, now=NOW)
        assert answer.text.count(f"{winner} vant") == 1, answer.text
        assert len(answer.text.split("\n")) >= 2, answer.text  # the reason is there
    first_last = engine.answer("Hvem var den første vinneren, og hvem vant sist?", now=NOW)
    labels = [f.label for f in first_last.followups]
    assert len(labels) == len(set(labels)), labels


def test_two_questions_share_the_year_either_way(engine: Engine) -> None:
    text = engine.answer("Hvem var nominert og hvem vant i 2021?", now=NOW).text
    assert "De nominerte for 2021 var Lørenskog, som vant," in text
    assert "Lørenskog vant" not in text  # the list says it: no «Lørenskog vant …» line after


def test_compound_keeps_the_context_for_a_follow_up(engine: Engine) -> None:
    context = Conversation()
    engine.answer("Hvem vant i 2021 og hvem tok imot prisen?", now=NOW, context=context)
    assert context.years == (2021,)
    assert "2019/2020" in engine.answer("Og året før?", now=NOW, context=context).text


def test_and_between_years_is_not_two_questions(engine: Engine) -> None:
    text = engine.answer("hvem vant i 2015 og 2016", now=NOW).text
    assert "Grimstad" in text and "Trondheim" in text


def test_sami_name_is_explained_and_cited(engine: Engine) -> None:
    answer = engine.answer("Har Guovdageaidnu vært nominert?", now=NOW)
    assert "Guovdageaidnu er et offisielt navn på Kautokeino kommune." in answer.text
    assert any("Kartverket" in s.title for s in answer.sources)


def test_unknown_year_nominees_are_not_said_twice(engine: Engine) -> None:
    text = ask(engine, "hvem var nominert i 2024")
    assert text.count("Jeg vet ikke") == 1 and "ingen opplysninger" not in text, text


def test_nearby_winners_are_not_repeated(engine: Engine) -> None:
    text = ask(engine, "hvem vinner i år")
    assert text.count("Moss") == 1, text


def test_repeat_winners_and_winner_count(engine: Engine) -> None:
    answer = engine.answer("Har noen vunnet flere ganger?", now=NOW)
    assert answer.intent == "repeat_winners" and "Ingen kommune" in answer.text
    assert answer.sources
    assert engine.answer("Har Molde vunnet flere ganger?", now=NOW).intent == "place_won"
    count = engine.answer("hvor mange kommuner har vunnet", now=NOW)
    assert count.intent == "count" and count.text.startswith("Prisen har gått til 15 kommuner")
    earlier = engine.answer(
        "hvor mange kommuner har vunnet", now=datetime(2021, 11, 20, tzinfo=OSLO)
    )
    assert "2025" not in earlier.text and "2023" not in earlier.text  # not known in 2021


def test_an_earlier_clock_hears_nothing_of_later_winners(engine: Engine) -> None:
    during = ask(engine, "Hvem er nominert i år?", now=DURING_2023_VOTE)
    assert "Tønsberg" in during and "Tønsberg vant" not in during and "ikke kåret ennå" in during
    assert "30. oktober" in during  # when the winner is announced
    assert "Nei" in ask(engine, "Har Tønsberg vunnet?", now=DURING_2023_VOTE)
    before_vote = ask(engine, "Hvem var nominert i 2023?", now=datetime(2023, 9, 20, tzinfo=OSLO))
    assert "Tønsberg" not in before_vote and "jeg vet ikke hvem som er nominert" in before_vote
    in_2021 = ask(engine, "Alle vinnere", now=datetime(2021, 11, 20, 12, tzinfo=OSLO))
    assert "Lørenskog" in in_2021 and "Kinn" not in in_2021 and "Moss" not in in_2021


def test_director_of_a_year(engine: Engine) -> None:
    text = ask(engine, "hvem var direktør i 2015")
    assert "Geir Barvik" in text and "Osmund Kaldheim" not in text
    assert "2030" not in ask(engine, "hvem var direktør i 2030")


def test_gap_years_explained(engine: Engine) -> None:
    assert "ikke delt ut noen pris for 2017" in ask(engine, "hvorfor ble det ingen pris i 2017")
    merged = engine.answer("hvorfor er 2019 og 2020 slått sammen", now=NOW)
    assert merged.intent == "frequency" and "slått sammen" in merged.text


def test_year_before_a_reasoning_answer_moves_from_that_year(engine: Engine) -> None:
    context = Conversation()
    engine.answer("who won in 2016", now=NOW, context=context)
    engine.answer("why?", now=NOW, context=context)
    text = engine.answer("and the year before?", now=NOW, context=context).text
    assert "Grimstad" in text and "2015" in text and "2024" not in text


def test_winners_per_county_and_regions(engine: Engine) -> None:
    answer = engine.answer("hvilke fylker har vunnet", now=NOW)
    assert answer.intent == "counties_won"
    assert "Finnmark (Vadsø og Hammerfest)" in answer.text
    assert answer.sources
    north = ask(engine, "vinnere i nord-norge")
    assert "Vadsø" in north and "Hammerfest" in north and "Molde" not in north


def test_where_and_when_a_municipality_got_the_prize(engine: Engine) -> None:
    text = ask(engine, "hvor ble Moss kåret")
    assert "10. november 2025" in text and "Oslo" in text


def test_compound_with_a_bare_question_word(engine: Engine) -> None:
    text = ask(engine, "Hvem vant i 2022 og når?")
    assert "Kinn vant" in text and "17. november 2022" in text
    assert not engine.answer("når", now=NOW).matched  # alone, without context: not understood
    why = ask(engine, "vinner 2012 og hvorfor")
    assert "Molde vant" in why and "men jeg vet ikke hvordan juryen begrunnet det" in why


def test_compound_does_not_repeat_the_winner(engine: Engine) -> None:
    text = ask(engine, "Hvem vant i 2014 og hvem var nominert?")
    assert text.count("Drammen vant") == 1
    assert "De nominerte for 2014 var Drammen, som vant, Arendal, Bodø" in text
    assert "Merk:" not in text  # the curator's fragment «Drammen før sammenslåingen» (issue 13)
    both = ask(engine, "Hvem vant i 2013 og hvem var nominert?")
    assert both.count("Hammerfest vant") == 1
    assert "At de fem andre var nominert, vet jeg fra" in both and "Merk:" not in both


def test_vote_of_a_year_asked_end_first_and_how(engine: Engine) -> None:
    closed = ask(engine, "Når stengte avstemningen i 2021?")
    assert closed.startswith("Avstemningen for 2021 stengte 11. november 2021.")
    opened = ask(engine, "Når åpnet avstemningen i 2021?")  # review 5 (K2): clock-neutral
    assert opened.startswith("Ifølge kunngjøringen av de nominerte skulle avstemningen åpne")
    assert "ingen publikumsavstemning for 2012" in ask(engine, "Kunne publikum stemme i 2012?")
    where = engine.answer("hvor kunne man stemme i 2022", now=NOW)
    assert "én stemme per person" in where.text and "imdi.no" in where.text and where.sources


def test_statements_about_a_municipality_do_not_start_with_yes_or_no(engine: Engine) -> None:
    assert ask(engine, "Tell me about Tønsberg").startswith("Tønsberg vant prisen for 2023.")
    assert ask(engine, "Har Tønsberg vunnet?").startswith("Ja,")
    assert ask(engine, "bosettingsprisen 2014").startswith("Drammen vant")


def test_how_to_vote_follow_up_during_an_open_vote(engine: Engine) -> None:
    context = Conversation()
    engine.answer("Er avstemningen åpen?", now=DURING_2023_VOTE, context=context)
    text = engine.answer("Hvordan stemmer jeg?", now=DURING_2023_VOTE, context=context).text
    assert text.startswith("Du kan stemme på imdi.no.")  # present tense while open (issue 13)


def test_who_else_was_nominated_leaves_out_the_municipality(engine: Engine) -> None:
    context = Conversation()
    engine.answer("Var Asker nominert i 2021?", now=NOW, context=context)
    text = engine.answer("Hvem andre var nominert?", now=NOW, context=context).text
    assert text.startswith("Asker var nominert for 2021 sammen med Lørenskog, som vant, Drammen")
    assert "Asker," not in text and "Lørenskog" in text
    with_bodo = ask(engine, "Hvem var nominert sammen med Bodø i 2022?")
    assert with_bodo.startswith("Bodø var nominert for 2022 sammen med Kinn, som vant,")


def test_about_the_bot_and_its_sources(engine: Engine) -> None:
    assert engine.answer("er du en robot", now=NOW).intent == "about_bot"
    sources = engine.answer("hvilke kilder bruker du", now=NOW)
    assert sources.intent == "about_sources" and "kildene" in sources.text


def test_a_future_vote_is_not_spoken_of_in_the_past(engine: Engine) -> None:
    text = ask(engine, "når åpner avstemningen i 2026")
    assert text.startswith("Jeg vet ikke om det blir") and " var " not in text


def test_more_typos(engine: Engine) -> None:
    assert "Trondheim" in ask(engine, "hvem vnat i 2016")  # two letters swapped
    assert ask(engine, "har Hamarfest vunnet").startswith("Ja, Hammerfest")
    assert "11. oktober" in ask(engine, "når stenger stemmingen")  # not «Steigen»


def test_compound_answers_stay_within_one_telegram_message(engine: Engine) -> None:
    from bot.engine.answers import MAX_CHARS

    for question in (
        "Hvem har vunnet prisen og hvem var nominert i 2009?",
        "Hva er kriteriene og hvordan velges vinneren og hvem står bak?",
        "Hvilke fylker har vunnet og hvem var direktør?",
    ):
        assert len(engine.answer(question, now=NOW).text) <= MAX_CHARS


def test_a_coming_award_is_in_the_future_tense(engine: Engine) -> None:
    text = ask(engine, "når blir vinneren kjent", now=DURING_2023_VOTE)
    assert "Prisen for 2023 deles ut mandag 30. oktober 2023 på IMDis" in text
    past = ask(engine, "når ble prisen delt ut i 2023")
    assert "Prisen for 2023 ble delt ut 30. oktober 2023 på IMDis årskonferanse i Oslo." in past


def test_small_talk_examples_do_not_shrink_to_a_bare_question_word(engine: Engine) -> None:
    """«hvem er du» without its stop words is «hvem»: every bare «hvem?» would hit it."""
    from bot.engine.engine import _EXAMPLE_NOW

    bare = {"", "hvem", "hva", "hvor", "nar", "hvordan", "hvorfor"}
    for spec in engine.intents.values():
        if spec.domain or spec.name == "help":  # «Hva kan du?» → help is intended
            continue
        for example in spec.examples:
            assert engine.extractor.parse(example, _EXAMPLE_NOW).text not in bare, example
    assert not engine.answer("hvem", now=NOW).matched


def test_follow_up_after_a_county_answer(engine: Engine) -> None:
    context = Conversation()
    engine.answer("Vinnere i Finnmark", now=NOW, context=context)
    text = engine.answer("Hva var begrunnelsen?", now=NOW, context=context).text
    assert "Vadsø vant prisen for 2008." in text and "Hammerfest vant prisen for 2013." in text


def test_yes_no_names_the_entrant_as_it_was_then(engine: Engine) -> None:
    assert "Skedsmo (nå Lillestrøm) var nominert det året." in ask(
        engine, "Vant Lillestrøm i 2015?"
    )
    assert "Grünerløkka (bydel i Oslo) var nominert det året." in ask(engine, "Vant Oslo i 2025?")
    assert ask(engine, "Vant Asker eller Bærum i 2018?").startswith("Ja. Bærum vant i 2018.")
    note = ask(engine, "Var Skedsmo nominert i 2021?")
    assert note.count("Skedsmo er i dag en del av Lillestrøm.") == 1 and "Ja. Lillestrøm" in note


def test_two_municipalities_named_together(engine: Engine) -> None:
    text = ask(engine, "Har Asker og Bærum vunnet?")
    assert "Nei, Asker har ikke vunnet" in text and "Ja, Bærum vant prisen for 2018." in text
    assert text.count("mangler jeg opplysninger") == 1


def test_english_why_when_and_called(engine: Engine) -> None:
    assert engine.answer("Why did Kinn win in 2022?", now=NOW).intent == "reasoning"
    assert engine.answer("vant Kinn i 2022", now=NOW).intent == "place_won"
    assert engine.answer("When was the prize first awarded?", now=NOW).intent == "since_when"
    assert engine.answer("What was the prize called before?", now=NOW).intent == "renaming"
    assert engine.answer("What does the prize reward?", now=NOW).intent == "purpose"


def test_an_explanation_written_later_is_cut_for_an_earlier_clock(engine: Engine) -> None:
    early = ask(engine, "hvem vant i 2024", now=datetime(2024, 3, 1, 12, tzinfo=OSLO))
    assert "4. juni 2024" not in early and "Jeg vet ikke om prisen for 2024" in early
    assert "4. juni 2024" in ask(engine, "hvem vant i 2024")


def test_was_a_municipality_in_the_running(engine: Engine) -> None:
    assert ask(engine, "var Harstad med i 2023").startswith("Ja. Harstad var nominert for 2023")
    assert engine.answer("var Harstad med", now=NOW).intent == "place_nominated"


def test_projects_of_a_year(engine: Engine) -> None:
    answer = engine.answer("prosjekter 2023", now=NOW)
    assert answer.intent == "year_projects" and "MOVED (Molde)" in answer.text and answer.sources
    assert "ikke til navngitte prosjekter for 2010" in ask(engine, "prosjekter 2010")


def test_suggestions_use_the_clock(engine: Engine) -> None:
    answer = engine.answer("vinner fjompeli", now=datetime(2021, 11, 20, 12, tzinfo=OSLO))
    assert "Hvem vant i 2021?" in answer.suggestions and "2025" not in answer.text


def test_years_after_the_clock_are_said_once_together(engine: Engine) -> None:
    """Two or more asked years after the clock: one sentence («Prisene for 2027 og 2028 er
    ikke delt ut ennå. Den siste vinneren …»), not the same sentence once per year."""
    at = datetime(2023, 10, 5, 12, 0, tzinfo=OSLO)
    for question in (
        "Er det klart hvem som blir nominert i 2026 og 2027?",
        "hvem vant i 2027 og 2028",
        "Hvem var nominert i 2024, 2025 og 2026?",
    ):
        text = engine.answer(question, now=at).text
        assert text.startswith("Prisene for 20"), text
        assert text.count("Den siste vinneren") <= 1 and text.count("ikke delt ut ennå") == 1, text


def test_a_two_part_answer_drops_a_yes_that_the_next_part_repeats(engine: Engine) -> None:
    """«Har X vært nominert, og hvorfor?» in a round under way: «Ja, X er nominert for 2023.»
    is not followed by «X er nominert for 2023, men jeg vet ikke hvorfor.» (said once)."""
    at = datetime(2023, 10, 5, 12, 0, tzinfo=OSLO)
    for place in ("Ullensvang", "Kristiansand"):
        text = engine.answer(f"har {place} vært nominert, og hvorfor?", now=at).text
        assert text.count(f"{place} er nominert for 2023") == 1, text


def test_two_part_answers_offer_no_button_to_what_they_say(engine: Engine) -> None:
    """Review 5 B6/B7: under «hvem vant i 2010, og hvorfor?» no «Hvorfor vant de?»; under a
    nominee list with the winner no second «Trondheim vant …» line and no two buttons to one
    answer."""
    why = engine.answer("Kven vann prisen i 2010, og kvifor?", now=NOW)
    assert not [f for f in why.followups if f.question.startswith("begrunnelse")], why.followups
    listed = engine.answer("Hvem var nominert i 2016, og hvem vant?", now=NOW)
    assert listed.text.count("Trondheim") == 2 and "vant Bosettingsprisen" not in listed.text
    questions = [f.question for f in listed.followups]
    assert len(questions) == len(set(questions)), questions


def test_a_later_year_after_a_named_winner_does_not_name_it_again(engine: Engine) -> None:
    text = engine.answer("Er det klart hvem som blir nominert i 2026 og 2027?", now=NOW).text
    assert text.count("Moss") == 1, text
    assert text.endswith("Prisen for 2027 er ikke delt ut ennå."), text
