"""Normaliser: folding, tokens with originals, length cap, control characters."""

from __future__ import annotations

from bot.engine.normalise import MAX_QUESTION_CHARS, clean, fold, tokens, words


def test_fold_handles_norwegian_and_sami_letters() -> None:
    assert fold("Bærum Tromsø Håbøl") == "baerum tromso habol"
    assert fold("Hámmerfeasta Porsáŋgu Grünerløkka") == "hammerfeasta porsangu grunerlokka"


def test_words_strip_punctuation_and_emoji() -> None:
    assert words("Hvem vant i 2021?!? 🏆🎉") == ["hvem", "vant", "i", "2021"]
    assert words("🙂🙂") == []


def test_tokens_keep_the_original_form() -> None:
    assert tokens("Vant Ås?") == [("Vant", "vant"), ("Ås", "as")]


def test_clean_caps_length_and_removes_control_characters() -> None:
    assert len(clean("a" * 10_000)) == MAX_QUESTION_CHARS
    assert clean("hei\x00\x07du") == "hei  du"


def test_clean_splits_a_year_glued_to_a_word() -> None:
    assert clean("vinner2016") == "vinner 2016"
    assert clean("2016vinner") == "2016 vinner"
    assert clean("nominerte2021?") == "nominerte 2021?"
    assert clean("covid19 og A4") == "covid19 og A4"  # not a year: left alone
    assert clean("2019/2020") == "2019/2020"


def test_clean_reads_two_letter_os_inside_a_year_as_zeros() -> None:
    assert clean("hvem vant 2oo9") == "hvem vant 2009"


def test_a_split_year_next_to_an_underscore_or_punctuation_is_still_joined() -> None:
    # «\b» does not see a boundary between «11» and «_», so «20 11_» was read as «20» → 2020
    assert "2011" in clean("vinner 20 11_")
    assert "2014" in clean("hvem vant i 20 14?!")
    assert "20 14 5" not in clean("20 14 5") and "2014" in clean("20 14 5")
