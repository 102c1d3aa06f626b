"""Bad input never crashes the engine and never yields an over-long or empty answer."""

from __future__ import annotations

import random
import string

from bot.engine.engine import Engine
from bot.engine.types import Conversation
from tests.engine.conftest import NOW

ODD_INPUTS = [
    "",
    " ",
    "\x00\x01\x02",
    "🏆" * 3000,
    "<b>Hvem</b> vant <i>2021</i>?",
    "' OR 1=1 --",
    "2008 " * 400,
    "fra 1000 til 2999",
    "Hvem vant i 0000?",
    "ÆØÅ æøå ÆØÅ",
    "vinner\n2011\r\n",
    "ᚠᛇᚻ ᛒᛦᚦ",
    "Hvem vant i 2021?" * 100,
    "/start",
    "1",
]


def test_odd_inputs_give_a_short_reply(engine: Engine) -> None:
    context = Conversation()
    for text in ODD_INPUTS:
        answer = engine.answer(text, now=NOW, context=context)
        assert answer.text.strip(), repr(text)
        assert len(answer.text) <= 4096
        assert 0.0 <= answer.confidence <= 1.0


def test_random_noise_never_crashes(engine: Engine) -> None:
    rng = random.Random(20261123)
    alphabet = string.ascii_letters + string.digits + " æøåÆØÅ?!.,-/" + "éüß🙂"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 120)))
        answer = engine.answer(text, now=NOW)
        assert answer.text and len(answer.text) <= 4096
