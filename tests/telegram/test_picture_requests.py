"""Issue 13 (review «Vis meg et kart»): a chat message that asks for the map or the timeline
gets the picture at once, through the real Application against the fake Bot API, instead of
a text that asks the user to press a button."""

from __future__ import annotations

from tests.fakebotapi import updates as U
from tests.telegram.harness import Harness


def _photo_to(bot: Harness, chat: int, text: str):
    marker = bot.push(U.message_update(chat, text))
    [photo] = bot.api.wait_for("sendPhoto", lambda c: c.chat_id == chat, since=marker, timeout=20)
    return marker, photo


def test_asking_for_a_map_sends_the_map(bot: Harness):
    chat = 701
    marker, photo = _photo_to(bot, chat, "Kan jeg få se et kart over vinnerne?")
    assert photo.status == 200 and photo.params.get("caption")
    texts = [c.params.get("text", "") for c in bot.sent_to(chat, since=marker, settle=0.3)]
    assert not any("Trykk" in t for t in texts), texts  # no button to press first


def test_a_map_of_one_year_shows_that_year(bot: Harness):
    _, photo = _photo_to(bot, 702, "vis kart for 2021")
    assert "2021" in photo.params["caption"]


def test_asking_for_the_timeline_sends_the_timeline(bot: Harness):
    chat = 703
    marker, photo = _photo_to(bot, chat, "vis meg en tidslinje")
    assert photo.status == 200
    assert not bot.sent_to(chat, since=marker, settle=0.3)


def test_an_answer_that_only_offers_the_map_keeps_its_button(bot: Harness):
    [reply] = bot.say(704, "Hvem vant i 2015?")
    assert "Grimstad" in reply.params["text"]
    markup = reply.params.get("reply_markup") or {}
    if isinstance(markup, str):
        import json

        markup = json.loads(markup)
    labels = [b["text"] for row in markup.get("inline_keyboard", []) for b in row]
    assert "Vis på kart" in labels
