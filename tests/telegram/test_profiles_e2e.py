"""Nominee profiles through Telegram (issue 12): /nominerte with one line and a button per
nominee, the profile card behind the button (sources, «Vis på kart»), the winner's profile
button and inline profiles («@bot Harstad 2023»). Real Application against the fake Bot API."""

from __future__ import annotations

import json
import re

from tests.fakebotapi import updates as U
from tests.telegram.harness import Harness


def buttons(call) -> list[dict]:
    markup = call.params.get("reply_markup") or {}
    if isinstance(markup, str):
        markup = json.loads(markup)
    return [button for row in markup.get("inline_keyboard", []) for button in row]


def press(bot: Harness, chat_id: int, message, label: str, query_id: str):
    data = {b["text"]: b["callback_data"] for b in buttons(message)}[label]
    marker = bot.push(
        U.callback_query_update(chat_id, data, query_id=query_id, message_obj=message.result)
    )
    bot.api.wait_for("answerCallbackQuery", since=marker)
    return marker


def test_nominerte_lists_one_line_and_a_button_per_nominee(bot: Harness):
    [listing] = bot.say(1201, "/nominerte 2023")
    text = listing.params["text"]
    assert "De nominerte for 2023 var Tønsberg, som vant," in text and "Kort om hver:" not in text
    assert "\nMolde: " not in text and "flyktninger Molde klarte" in text
    assert "Jeg vet ikke hvorfor Kristiansand og Ullensvang" in text
    labels = [b["text"] for b in buttons(listing)]
    for name in ("Harstad", "Molde", "Nordre Follo", "Hvorfor vant Tønsberg?"):
        assert name in labels, labels
    # No button that only leads to «Jeg vet ikke hvorfor … ble nominert» (issue 13, pattern 7).
    assert "Kristiansand" not in labels and "Ullensvang" not in labels, labels
    marker = press(bot, 1201, listing, "Molde", "cq-molde")
    [card] = bot.api.wait_for("sendMessage", lambda c: c.chat_id == 1201, since=marker)
    assert "Molde ble nominert for 2023" in card.params["text"]
    assert re.search(r'Kilder?:.*<a href="https?://', card.params["text"], re.S)
    assert "Vis på kart" in [b["text"] for b in buttons(card)]
    marker = press(bot, 1201, card, "Vis på kart", "cq-map")
    [picture] = bot.api.wait_for("sendPhoto", lambda c: c.chat_id == 1201, since=marker)
    assert "2023" in picture.params.get("caption", "")


def test_a_winner_answer_opens_the_winners_profile(bot: Harness):
    [winner] = bot.say(1202, "Hvem vant i 2021?")
    marker = press(bot, 1202, winner, "Om Lørenskog", "cq-profile")
    [card] = bot.api.wait_for("sendMessage", lambda c: c.chat_id == 1202, since=marker)
    assert "Lørenskog vant prisen for 2021" in card.params["text"]
    assert "82" in card.params["text"]


def test_inline_mode_finds_a_profile(bot: Harness):
    marker = bot.push(U.inline_query_update(1203, "Harstad 2023", query_id="iq-profile"))
    [call] = bot.api.wait_for("answerInlineQuery", since=marker)
    content = call.params["results"][0]["input_message_content"]["message_text"]
    assert "Harstad ble nominert for 2023" in content
    assert re.search(r'Kilder?:.*<a href="https?://', content, re.S)
