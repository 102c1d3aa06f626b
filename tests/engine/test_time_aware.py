"""Time-aware questions (issue 11 class 7, issue 13 pattern 2 / F5): the answer depends on the
clock. Each test asks new questions of a class at several clocks, DST edges included, over the
real fact base."""

from __future__ import annotations

from datetime import datetime

from bot.clock import OSLO
from bot.engine.engine import Engine
from bot.engine.types import Conversation


def at(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=OSLO)


NOMINEES_2021 = ("Asker", "Drammen", "Harstad", "Lillestrøm", "Lørenskog", "Sandefjord")


# -- a vote known only by its close (2021): the nominees are public while it can run --------


def test_nominees_during_a_vote_known_by_its_close(engine: Engine) -> None:
    for now in (at(2021, 11, 2, 8), at(2021, 11, 11, 23, 30)):
        text = engine.answer("Hvilke kommuner kan jeg velge mellom?", now=now).text
        assert all(name in text for name in NOMINEES_2021), text
        assert "ingen opplysninger" not in text
    during = engine.answer("Hvilke kommuner er nominert i år?", now=at(2021, 11, 9)).text
    assert "ikke kåret ennå" in during and "19. november" in during


def test_advice_during_a_vote_known_by_its_close_names_the_nominees(engine: Engine) -> None:
    text = engine.answer("hvilken kommune synes du jeg skal stemme på?", now=at(2021, 11, 9)).text
    assert "nøytral" in text
    assert all(name in text for name in ("Drammen", "Harstad", "Lørenskog")), text


def test_how_to_vote_talks_about_the_round_under_way(engine: Engine) -> None:
    text = engine.answer("korleis røystar eg?", now=at(2021, 11, 8)).text
    assert "11. november" in text and "nominerte" in text
    assert "2019/2020" not in text and "Slik foregikk" not in text
    open_2023 = engine.answer("hvordan kan man stemme?", now=at(2023, 10, 9)).text
    assert "imdi.no" in open_2023 and "Slik foregikk" not in open_2023


def test_nominees_stay_hidden_in_earlier_years(engine: Engine) -> None:
    text = engine.answer("Hvem var nominert i 2021?", now=at(2020, 12, 1)).text
    assert "Lørenskog" not in text and "Sandefjord" not in text


# -- between the close and the award ---------------------------------------------------------


def test_after_the_close_says_when_the_winner_is_announced(engine: Engine) -> None:
    text = engine.answer("Er det for sent å stemme nå?", now=at(2023, 10, 16)).text
    assert "stengte 11. oktober" in text and "30. oktober" in text
    assert "Tønsberg vant" not in text
    late = engine.answer("er avstemninga avslutta?", now=at(2021, 11, 12, 9)).text
    assert "19. november" in late and "Lørenskog" not in late


def test_winner_not_yet_gives_the_day(engine: Engine) -> None:
    text = engine.answer("Hvilken kommune vinner i år?", now=at(2023, 10, 29, 23)).text
    assert "ikke kåret" in text and "30. oktober" in text
    assert "Tønsberg vant" not in text
    text = engine.answer("hvem vant prisen for 2021?", now=at(2021, 11, 18)).text
    assert "19. november" in text and "Lørenskog vant" not in text


# -- F5: later years and rounds in progress are «ikke delt ut ennå», not «ingen opplysninger» --


def test_a_later_year_is_not_awarded_yet(engine: Engine) -> None:
    for question, now in (
        ("Hvem fikk prisen for 2026?", at(2025, 11, 20)),
        ("hvem vant i 2024", at(2023, 3, 26, 3)),  # the night summer time starts
    ):
        text = engine.answer(question, now=now).text
        assert "ikke delt ut ennå" in text, text
        assert "ingen opplysninger" not in text


def test_latest_winner_during_an_open_round(engine: Engine) -> None:
    text = engine.answer("Hvem vant sist?", now=at(2023, 10, 5)).text
    assert text.startswith("Den siste vinneren jeg kjenner til, er Kinn")
    assert "30. oktober" in text and "ingen opplysninger" not in text


def test_handed_by_before_the_award(engine: Engine) -> None:
    text = engine.answer("Hvem tok imot prisen i 2023?", now=at(2023, 10, 20)).text
    assert "30. oktober" in text and "vet jeg ikke ennå" in text
    assert "Pedersen" not in text
    after = engine.answer("Hvem tok imot prisen i 2023?", now=at(2023, 10, 30, 9)).text
    assert "Pedersen" in after


# -- a follow-up to a when-question about the award ------------------------------------------


def test_where_after_when_the_award_is(engine: Engine) -> None:
    for follow in ("kor då?", "og hvor er det?"):
        context = Conversation()
        now = at(2023, 10, 6)
        first = engine.answer("når skal prisen deles ut?", now=now, context=context)
        assert "30. oktober" in first.text
        answer = engine.answer(follow, now=now, context=context)
        assert answer.matched and "Oslo" in answer.text, (follow, answer.text)


# -- days relative to the clock: «i går», «i dag», «forrige uke», a weekday -----------------


def test_award_on_a_day_relative_to_the_clock(engine: Engine) -> None:
    for question, now, winner in (
        ("Hvilken kommune ble kåret i går?", at(2023, 10, 31, 0, 30), "Tønsberg"),  # after DST
        ("hvem fikk prisen i dag?", at(2025, 11, 10, 23, 59), "Moss"),
        ("hvem vant i kveld?", at(2022, 11, 17, 21), "Kinn"),
        ("hvem vant prisen i forrige uke?", at(2022, 11, 21, 8), "Kinn"),
        ("hvem vant på torsdag?", at(2022, 11, 19), "Kinn"),
        ("kven vann i forgårs?", at(2016, 5, 14, 1), "Grimstad"),
        ("Hvem tok imot prisen i går?", at(2023, 10, 31, 9), "Pedersen"),
    ):
        answer = engine.answer(question, now=now)
        assert answer.matched and winner in answer.text, (question, answer.text)


def test_another_event_tonight_is_still_refused(engine: Engine) -> None:
    answer = engine.answer("hvem vinner fotballkampen i kveld?", now=at(2022, 11, 17, 18))
    assert not answer.matched and "Kinn" not in answer.text


def test_no_award_on_that_day_says_so_and_the_nearest(engine: Engine) -> None:
    before = engine.answer("hvem vant i går?", now=at(2023, 10, 20)).text
    assert "ikke delt ut 19. oktober 2023" in before and "30. oktober" in before
    assert "Tønsberg" not in before
    after = engine.answer("Hvem vant i går?", now=at(2024, 3, 31, 12)).text  # DST starts
    assert "ikke delt ut 30. mars 2024" in after
    assert "30. oktober 2023" in after and "Tønsberg" in after


def test_the_venue_names_the_rounds_handed_out_there(engine: Engine) -> None:
    text = engine.answer("Hvilke kommuner har fått prisen på Maihaugen?", now=at(2026, 12, 5)).text
    assert "Hammerfest" in text and "Grimstad" in text and "Moss" not in text
    day = engine.answer("hvem vant på Maihaugen i går?", now=at(2016, 5, 13, 9)).text
    assert "Grimstad" in day and "Hammerfest" not in day


# -- «has the winner been chosen yet?» and the coming award without a known day -------------


def test_has_the_winner_been_chosen_yet(engine: Engine) -> None:
    before = engine.answer("er vinneren for 2023 kåret?", now=at(2023, 10, 29, 2, 30)).text
    assert before.startswith("Vinneren for 2023 er ikke kåret ennå") and "30. oktober" in before
    assert "Tønsberg vant" not in before
    no_year = engine.answer("har de kåret vinneren ennå?", now=at(2021, 11, 16)).text
    assert no_year.startswith("Vinneren for 2021 er ikke kåret ennå"), no_year
    assert "19. november" in no_year
    after = engine.answer("har de kåret vinneren for 2021?", now=at(2021, 11, 19, 8)).text
    assert "Lørenskog vant" in after
    how = engine.answer("hvordan kåres vinneren?", now=at(2021, 11, 16))
    assert how.intent == "how_chosen"


def test_coming_award_planned_at_an_event(engine: Engine) -> None:
    text = engine.answer("Når blir vinneren offentliggjort?", now=at(2020, 3, 29, 3)).text
    assert "4. mai" in text and "Sunndal" not in text


def test_how_to_vote_before_the_vote_opens_says_when(engine: Engine) -> None:
    text = engine.answer("hvordan gir jeg stemmen min?", now=at(2023, 9, 28, 18)).text
    assert "åpner mandag 2. oktober" in text and "imdi.no" in text
    assert "Slik foregikk" not in text and "Du kan" not in text
