"""Area texts: the fact base wins, the bundled file fills gaps, broken templates never raise."""

from bot.knowledge.texts import AreaTexts, bundled_texts, flatten


class TelegramTexts(AreaTexts):
    area = "telegram"


def test_flatten_nested_mappings() -> None:
    assert flatten({"a": {"b": "x", "c": None}, "d": 1}, "t") == {"t.a.b": "x", "t.d": "1"}


def test_fact_base_wins_and_bundled_file_fills_gaps() -> None:
    texts = TelegramTexts({"telegram.refusals.sticker": "Eget {what}"})
    assert texts.get("refusals.sticker", what="svar") == "Eget svar"
    assert texts.get("refusals.photo") == bundled_texts("telegram")["telegram.refusals.photo"]


def test_missing_and_broken_texts_are_logged_not_raised(caplog) -> None:  # type: ignore[no-untyped-def]
    texts = TelegramTexts({"telegram.x": "Hei {navn"})
    assert texts.get("finnes.ikke") == "finnes.ikke"
    assert texts.get("x", navn="Ola") == "Hei {navn"
    assert "missing text telegram.finnes.ikke" in caplog.text
    assert "bad placeholders in text telegram.x" in caplog.text


def test_group_and_words() -> None:
    texts = TelegramTexts({"telegram.start.examples.e1": "A", "telegram.start.examples.e2": "B"})
    assert texts.group("start.examples") == [("e1", "A"), ("e2", "B")]
    assert len(TelegramTexts().group("start.examples")) >= 3
    assert TelegramTexts({"telegram.w": "a b  c"}).words("w") == ["a", "b", "c"]
