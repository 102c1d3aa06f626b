"""Issue 11, classes 1–3 beyond one sentence: a long message's statements before its question
are read like earlier turns (their names fill the question's pronouns and missing slots, but
never override what the question says, and never hijack a question that needs no place),
other words for the same thing (dialect, Nynorsk, English, SMS), and names that only say who
asks. None of these questions is an example phrasing or a probe question."""

from __future__ import annotations

import pytest

from bot.engine.engine import Engine
from bot.engine.loading import load_engine_files
from bot.engine.types import Conversation
from bot.engine.wrapper import read_message
from tests.engine.conftest import KNOWLEDGE, NOW


def ask(engine: Engine, question: str, context: Conversation | None = None):
    return engine.answer(question, now=NOW, context=context)


# -- the statements before a question are earlier turns ------------------------------------------


@pytest.mark.parametrize(
    ("message", "intent", "must"),
    [
        (  # «de» is the municipality of the sentence before
            "Vi har lest mye om Grimstad og bosettingsarbeidet deres. Hvorfor vant de?",
            "reasoning",
            ["Grimstad", "2015"],
        ),
        (  # «dem»: who received it for the municipality named before
            "Skriver om Hammerfest til lokalavisa. Hvem tok imot prisen for dem?",
            "received_by",
            ["Jakobsen"],
        ),
        (  # «det året»: the year named in the sentence before
            "I 2018 var det visst mange kommuner i spill, sa kollegaen min. "
            "Hvem endte opp som vinner det året?",
            "winner",
            ["Bærum"],
        ),
        (  # a dash before the question, the event in the first half
            "Kristiansand har jo vært med før – men når vant de?",
            "place_won",
            ["2010"],
        ),
        (  # «kommunen vår»: the municipality the writer named
            "Jeg bor i Bodø og er nysgjerrig. Har kommunen vår noen gang vunnet?",
            "place_won",
            ["Bodø", "ikke vunnet"],
        ),
    ],
)
def test_statements_before_fill_the_question(
    engine: Engine, message: str, intent: str, must: list[str]
) -> None:
    answer = ask(engine, message)
    assert answer.matched and answer.intent == intent, answer.text
    for text in must:
        assert text in answer.text, answer.text
    assert answer.question == message


@pytest.mark.parametrize(
    ("message", "intent", "must", "must_not"),
    [
        (  # the question names its own year: the place in the story stays out
            "Vi var på konferanse i Trondheim forrige uke og snakket mye om bosetting. "
            "Hvem vant prisen i 2012?",
            "winner",
            "Molde",
            "Trondheim",
        ),
        (  # the question names its own year: last year's story does not matter
            "Vi skrev om Drammen i fjor. Men hvem vant i 2015?",
            "winner",
            "Grimstad",
            "Drammen",
        ),
        (  # a question that needs no place is not about the place in the story
            "Kona mi er fra Molde, men det har ingenting med saken å gjøre. Hvem står bak prisen?",
            "organiser",
            "IMDi",
            "Molde",
        ),
        (
            "Min mor jobbet i Vadsø i mange år, men det er en annen sak. Vi lurer på "
            "noe helt annet: hvem vant prisen aller første gang? Konferansen var i Bergen.",
            "first_winner",
            "Vadsø",
            "Bergen har",
        ),
    ],
)
def test_statements_before_never_hijack_the_question(
    engine: Engine, message: str, intent: str, must: str, must_not: str
) -> None:
    answer = ask(engine, message)
    assert answer.matched and answer.intent == intent, answer.text
    assert must in answer.text and must_not not in answer.text, answer.text


def test_an_insult_before_the_question_changes_nothing(engine: Engine) -> None:
    answer = ask(engine, "Du er helt håpløs, maskin. Men ok: hvem vant i 2011?")
    assert answer.matched and "Kragerø" in answer.text, answer.text


def test_statements_before_continue_the_conversation(engine: Engine) -> None:
    context = Conversation()
    first = ask(engine, "Jeg skriver om Molde. Hvorfor vant de?", context)
    assert first.matched and "Molde" in first.text, first.text
    second = ask(engine, "Hvem tok imot prisen?", context)
    assert second.matched and second.intent == "received_by", second.text
    assert "2012" in second.text, second.text


def test_read_message_keeps_the_statements_before() -> None:
    cues = load_engine_files(KNOWLEDGE).understanding
    message = read_message(
        "Hei! Jeg jobber i Levanger kommune. Vi vant en gang. Hvilket år var det? Mvh Kari", cues
    )
    assert message.readings[0] == "Hvilket år var det?"
    assert message.before == ("Jeg jobber i Levanger kommune.", "Vi vant en gang.")
    assert read_message("Hvem vant i 2015?", cues).before == ()


# -- other words for the same thing ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "intent", "must"),
    [
        ("koffer vant Moss?", "reasoning", "Moss"),
        ("affer vant Hammerfest?", "reasoning", "Hammerfest"),
        ("kvifor vart Kinn kåra til vinnar?", "reasoning", "Kinn"),
        ("ka legg juryen vekt på når Tønsberg vann?", "reasoning", "Tønsberg"),
        ("hvem delte ut prisen til Grimstad?", "handed_by", "Iversen"),
        ("kven gav prisen til Bærum?", "handed_by", "Sanner"),
        ("hvem er det som deler ut prisa?", "organiser", "IMDi"),
        ("who hands out the prize?", "organiser", "IMDi"),
        ("sia ka tid har prisen vorte delt ut?", "since_when", "2008"),
        ("hva for en kommune vant i 2014?", "winner", "Drammen"),
        ("kva for ein kommune vann i 2011 då, vel?", "winner", "Kragerø"),
        ("kem va det som vant i 2009?", "winner", "Levanger"),
        ("hvilken by fikk prisen aller først?", "first_winner", "Vadsø"),
        (
            "Vi skal ha besøk fra Lørenskog neste uke. Hva ble de berømmet for da de vant?",
            "reasoning",
            "82 prosent",
        ),
        ("hva ble Kinn hyllet for?", "reasoning", "nyskapende"),
        ("Hvilken kommune ble hedret i 2011?", "winner", "Kragerø"),
        ("hvem var i finalen i 2018?", "nominees", "Steinkjer"),
        ("Hvor mange ganger har Bergen vært i finalen?", "place_nominated", "2016"),
        ("fikk Kinn noen penger?", "prize_money", "vet jeg ikke"),
        ("hvem fikk æren i 2021?", "winner", "Lørenskog"),
        ("Har Bodø tatt hjem prisen noen gang?", "place_won", "ikke vunnet"),
        ("hvilke kommuner har tatt hjem prisen?", "all_winners", "Kragerø"),
        ("kva kommunar har fått prisen?", "all_winners", "Levanger"),
        ("who announced the winner in 2016?", "handed_by", "Rieber-Mohn"),
        ("Hvem ble annonsert som vinner i 2014?", "winner", "Drammen"),
    ],
)
def test_other_words_for_the_same_thing(
    engine: Engine, question: str, intent: str, must: str
) -> None:
    answer = ask(engine, question)
    assert answer.matched and answer.intent == intent, answer.text
    assert must in answer.text, answer.text


@pytest.mark.parametrize("question", ["hvor mye penger får vinnern?", "hvor høy er pengepremien?"])
def test_how_much_is_not_where(engine: Engine, question: str) -> None:
    """«hvor stor», «hvor høy» ask how much, not where: no place of the ceremony."""
    answer = ask(engine, question)
    assert answer.matched and answer.intent == "prize_money", answer.text


def test_a_guessed_year_is_no_window(engine: Engine) -> None:
    """«før de vant? kanskje i 2018»: the year is a guess, not the end of «før»."""
    answer = ask(engine, "Var Asker nominert før de vant? kanskje i 2018?")
    assert answer.matched and "2018" in answer.text, answer.text
    window = ask(engine, "Var Drammen nominert før 2014?")
    assert "2013" in window.text and "2021" not in window.text, window.text


# -- a name that says who asks -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "intent", "must"),
    [
        ("Sjefen min lurer på hvem som vant i 2016", "winner", "Trondheim"),
        (
            "Moen (kollegaen min) vil vite hvem som overrakte prisen i 2018",
            "handed_by",
            "Sanner",
        ),
        ("Sola (læreren vår) spurte om Drammen har vunnet", "place_won", "2014"),
        (  # an aside about the one who asks names a municipality: still not the question's
            "Mamma (som bor i Moss) spør hvem som vant i 2022",
            "winner",
            "Kinn",
        ),
        (
            "Elevene mine vil gjerne vite hvilke kommuner som har vunnet flere ganger",
            "repeat_winners",
            "Ingen kommune",
        ),
    ],
)
def test_who_asks_is_not_what_is_asked(
    engine: Engine, question: str, intent: str, must: str
) -> None:
    answer = ask(engine, question)
    assert answer.matched and answer.intent == intent, answer.text
    assert must in answer.text, answer.text


def test_a_question_word_before_the_verb_is_kept() -> None:
    """«Når spør IMDi …»: «spør» is the question's own verb, nothing is cut."""
    cues = load_engine_files(KNOWLEDGE).understanding
    question = "Når spør IMDi kommunene om nominasjoner?"
    assert read_message(question, cues).readings == [question]


# -- a year said by a win ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("message", "intent", "must"),
    [
        ("Hvem var nominert det året Drammen vant?", "nominees", ["2014", "Arendal"]),
        ("Hvem overrakte prisen det året Grimstad vant prisen?", "handed_by", ["Iversen"]),
        (
            "Hvilke kommuner var med i konkurransen det året Levanger vant?",
            "nominees",
            ["2009", "Brønnøy"],
        ),
        (  # «kommunen»: the municipality of the sentence before
            "Vi er fra Hammerfest. Hvem andre var nominert det året kommunen vant?",
            "nominees",
            ["2013", "Kvinesdal"],
        ),
    ],
)
def test_the_year_a_municipality_won(
    engine: Engine, message: str, intent: str, must: list[str]
) -> None:
    answer = ask(engine, message)
    assert answer.matched and answer.intent == intent, answer.text
    for text in must:
        assert text in answer.text, answer.text


def test_which_years_is_no_year_said_by_a_win(engine: Engine) -> None:
    """«Hvilke år vant Drammen?» asks for the years: the clause rule leaves it alone."""
    answer = ask(engine, "Hvilke år vant Drammen?")
    assert answer.matched and "2014" in answer.text, answer.text


# -- a question that points back at the statement before it ---------------------------------------


@pytest.mark.parametrize(
    ("message", "must"),
    [
        (  # a bare confirmation: the statement before is what is asked
            "Vi har om integrering på skolen. Læreren vår sa at Molde har vunnet. Stemmer det?",
            ["Ja", "2012"],
        ),
        (  # «det» is the win the statement told of
            "Jeg har hørt at Tønsberg vant for et par år siden. Hvilket år var det egentlig?",
            ["2023"],
        ),
    ],
)
def test_a_question_pointing_back_leans_on_the_statement(
    engine: Engine, message: str, must: list[str]
) -> None:
    answer = ask(engine, message)
    assert answer.matched, answer.text
    for text in must:
        assert text in answer.text, answer.text


def test_finals_of_other_contests_stay_refused(engine: Engine) -> None:
    answer = ask(engine, "Hvem vant finalen i Idol?")
    assert not answer.matched, answer.text


# -- the writer's own municipality, a place alone, several questions ------------------------------


@pytest.mark.parametrize(
    ("message", "intent", "must"),
    [
        (  # «vi»: the municipality the writer works in
            "Jeg jobber i Molde kommune. Var vi nominert flere ganger?",
            "place_nominated",
            ["Molde", "2023"],
        ),
        (  # «byen min»: the town the writer lives in
            "Hei bot 😊 jeg heter Siri og bor i Trondheim. Når vant byen min?",
            "place_won",
            ["Trondheim", "2016"],
        ),
        (  # a statement that names only a place: the question is about it
            "Jeg leste om Levanger i avisa. Hva var begrunnelsen?",
            "reasoning",
            ["Levanger", "2009"],
        ),
        (  # «dem» is both municipalities of the statement
            "Vi diskuterte Vadsø og Levanger på jobben. Hvem av dem vant først?",
            "compare_places",
            ["Vadsø vant først"],
        ),
        (  # a claim, then «Er det riktig?»
            "Min kollega påstår at prisen ble delt ut første gang i 2010. Er det riktig?",
            "since_when",
            ["2008"],
        ),
        (  # a rhetorical question first, the real one last
            "Hva i all verden er greia med denne prisen? Hvem står bak?",
            "organiser",
            ["IMDi"],
        ),
    ],
)
def test_who_writes_and_what_came_before(
    engine: Engine, message: str, intent: str, must: list[str]
) -> None:
    answer = ask(engine, message)
    assert answer.matched and answer.intent == intent, answer.text
    for text in must:
        assert text in answer.text, answer.text


def test_we_without_an_own_municipality_is_everyone(engine: Engine) -> None:
    """«vi» only points at a municipality the writer called their own."""
    answer = ask(engine, "Hvem kan vi stemme på?")
    assert answer.intent != "place_nominated", answer.text
