"""The small parts of the Telegram front end: codec, formatting, input screening, flood guard,
context expiry and the unanswered store with its CLI."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from bot.clock import OSLO
from bot.engine.types import Answer, FollowUp
from bot.knowledge.models import Source
from bot.storage import unanswered
from bot.storage.database import connect
from bot.telegram import codec
from bot.telegram.codec import CallbackCodec
from bot.telegram.context import ConversationStore
from bot.telegram.flood import FloodGuard, Verdict
from bot.telegram.formatting import (
    MAX_LISTED_SOURCES,
    MAX_MESSAGE,
    render_answer,
    render_card,
    split_plain,
)
from bot.telegram.inputs import screen
from bot.telegram.keyboards import answer_keyboard
from bot.telegram.texts import Texts, bundled_texts
from tests.fakebotapi.validate import check_text, visible_text
from tests.telegram.harness import SettableClock

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def clock() -> SettableClock:
    return SettableClock(datetime(2025, 3, 30, 1, 59, 50, tzinfo=OSLO))  # DST starts at 02:00


def test_codec_round_trip_and_64_byte_limit():
    callbacks = CallbackCodec()
    short = callbacks.encode(codec.ASK, "nominerte 2021")
    assert short == "p1|q|nominerte 2021"
    assert callbacks.decode(short) == codec.Action(codec.ASK, "nominerte 2021")
    example = callbacks.encode(codec.EXAMPLE, "Hvem vant i fjor?")
    assert callbacks.decode(example) == codec.Action(codec.EXAMPLE, "Hvem vant i fjor?")
    long_question = "hvem var nominert til bosettings- og integreringsprisen i Ålesund og Bærum?"
    data = callbacks.encode(codec.ASK, long_question)
    assert len(data.encode("utf-8")) <= 64
    assert callbacks.decode(data) == codec.Action(codec.ASK, long_question)
    # After a restart (a new codec) the stored question is gone: stale, not an error.
    assert CallbackCodec().decode(data) is None
    assert callbacks.decode(callbacks.encode(codec.MAP, "2014")) == codec.Action(codec.MAP, "2014")


@pytest.mark.parametrize(
    "data",
    [
        "",
        None,
        "p1",
        "p1|",
        "p1|q|",
        "p2|q|hei",
        "x|q|hei",
        "p1|zz|a",
        "p1|m|20145",
        "p1|m|abcd",
        "p1|t|x",
        "p1|dy|1",
        "p1|q|" + "å" * 40,
        "p1|e|",
        "p1|e|   ",
    ],
)
def test_codec_rejects_forged_data(data):
    assert CallbackCodec().decode(data) is None


def test_codec_memory_is_bounded():
    callbacks = CallbackCodec(capacity=3)
    first = callbacks.encode(codec.ASK, "spørsmål nummer en " + "x" * 60)
    for n in range(3):
        callbacks.encode(codec.ASK, f"spørsmål {n} " + "y" * 60)
    assert callbacks.decode(first) is None


def test_keyboard_buttons_fit_and_skip_unavailable_actions():
    answer = Answer(
        "q",
        "t",
        True,
        0.9,
        "winner",
        followups=(
            FollowUp("Nominerte samme år", "hvem var nominert i 2014"),
            FollowUp("Vis på kart", "2014", "map"),
            FollowUp("Påminnelse", "", "subscribe"),
        ),
        suggestions=("hvem vant 2014", "hvem vant i Ålesund i det herrens år 2014, 2015 og 2016?"),
    )
    markup = answer_keyboard(answer, CallbackCodec(), {"ask", "map"})
    data = [b.callback_data for row in markup.inline_keyboard for b in row]
    assert all(len(d.encode()) <= 64 for d in data)
    assert "p1|m|2014" in data and not any(d.startswith("p1|s|") for d in data)
    assert len(data) == 4


def test_answer_html_is_escaped_with_links_and_split():
    texts = Texts(bundled_texts())
    source = Source("imdi", "IMDi <nyhet>", "https://www.imdi.no/a?b=1&c=2")
    answer = Answer("q", "Vinner: <b>Asker</b> & co.", True, 1.0, "winner", sources=(source,))
    [html_text] = render_answer(answer, texts)
    assert "&lt;b&gt;Asker&lt;/b&gt; &amp; co." in html_text
    assert '<a href="https://www.imdi.no/a?b=1&amp;c=2">IMDi &lt;nyhet&gt;</a>' in html_text
    long = Answer("q", ("Linje med tekst & mer.\n" * 600), True, 1.0, "x", sources=(source,))
    parts = render_answer(long, texts)
    assert len(parts) > 1 and all(len(p) <= MAX_MESSAGE for p in parts)
    assert "<a href" in parts[-1] and "<a href" not in parts[0]
    assert all(piece for piece in split_plain("ord " * 3000))


def _sources(n: int) -> tuple[Source, ...]:
    publishers = ["IMDi", "Utrop", "Kommunal Rapport"]
    return tuple(
        Source(
            f"s{i}",
            f"{publishers[i % 3]}: Sak nummer {i} om prisen",
            f"https://example.no/{'sti/' * 30}{i}?a=1&b={i}",
        )
        for i in range(n)
    )


@pytest.mark.parametrize("text_lines", [1, 40, 600])
@pytest.mark.parametrize("n_sources", [1, 2, 3, 25, 80])
def test_answers_never_cut_html_and_link_every_source(text_lines: int, n_sources: int):
    texts = Texts(bundled_texts())
    sources = _sources(n_sources)
    text = "\n".join(f"{2000 + i}: Kommune & <co> nummer {i}" for i in range(text_lines))
    parts = render_answer(Answer("q", text, True, 1.0, "x", sources=sources), texts)
    for part in parts:
        assert len(part) <= MAX_MESSAGE
        check_text(part, "HTML")  # Telegram would accept it: no tag cut in half
    joined = "\n".join(parts)
    for source in sources:
        assert source.url.replace("&", "&amp;") in joined
    shown = "\n".join(visible_text(part, "HTML") for part in parts)
    assert text.splitlines()[-1] in shown
    if n_sources > MAX_LISTED_SOURCES:  # one line of publisher names, not a wall of titles
        assert "Sak nummer" not in shown and "Kilder: IMDi · Utrop · Kommunal Rapport" in shown
        assert shown.count("\n• ") == 0
    else:
        assert "Sak nummer" in shown
    card = render_card(Answer("q", text, True, 1.0, "x", sources=sources), texts)
    check_text(card, "HTML")
    assert len(card) <= MAX_MESSAGE and card.startswith("2000:")
    if n_sources <= 4:  # inline cards keep their sources unless they crowd out the answer
        assert sources[-1].url.replace("&", "&amp;") in card


@pytest.mark.parametrize(
    ("text", "refusal"),
    [
        ("hvem vant?", None),
        ("😀🎉", "emoji_only"),
        ("x" * 501, "too_long"),
        ("\x00\x1b  ", "empty"),
        ("", "empty"),
        ("hvem\x00vant", None),
        ("!!! ???", "emoji_only"),
        ("2014", None),
    ],
)
def test_screen(text, refusal):
    assert screen(text).refusal == refusal
    assert "\x00" not in screen(text).text


def test_flood_guard_notice_once_then_calm(clock):
    guard = FloodGuard(clock, limit=20, window=timedelta(seconds=10))
    verdicts = []
    for _ in range(23):
        verdicts.append(guard.check(1))
        clock.advance(seconds=0.1)
    assert verdicts[:20] == [Verdict.SERVE] * 20
    assert verdicts[20:] == [Verdict.NOTICE, Verdict.IGNORE, Verdict.IGNORE]
    assert guard.check(2) is Verdict.SERVE  # per user
    clock.advance(seconds=11)  # across the DST jump, measured in real elapsed time
    assert guard.check(1) is Verdict.SERVE


def test_context_expires_after_30_minutes_and_can_be_forgotten(clock):
    store = ConversationStore(clock)
    conversation = store.get(1)
    conversation.years, conversation.updated_at = (2014,), clock()
    clock.advance(minutes=29)
    assert store.get(1).years == (2014,)
    clock.advance(minutes=2)
    assert store.get(1).years == ()
    store.get(2).updated_at = clock()
    assert store.forget(2) and 2 not in store


@pytest.mark.slow
def test_unanswered_grouping_and_cli(tmp_path: Path, clock):
    conn = connect(tmp_path / "prisbot.sqlite3")
    for question in ("Hva er hovedstaden i Mongolia?", "hva er hovedstaden i mongolia", "hei?"):
        unanswered.record(conn, question, clock(), None, 0.1, "unmatched")
        clock.advance(minutes=1)
    unanswered.record(conn, "x" * 900, clock(), "winner", 0.4, "low_confidence")
    groups = unanswered.grouped(conn)
    assert [g.count for g in groups] == [2, 1, 1]
    assert groups[0].question.startswith("Hva er hovedstaden")
    assert max(len(g.question) for g in groups) == 500
    columns = [row[1] for row in conn.execute("PRAGMA table_info(unanswered)")]
    assert not any("chat" in c or "user" in c for c in columns)
    conn.close()
    env = {"BOT_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, "-m", "bot", "unanswered"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert "4 ubesvarte" in lines[0]
    assert lines[2].split()[0] == "2" and "Mongolia" in lines[2]


@pytest.mark.slow
def test_unanswered_cli_on_empty_database(tmp_path: Path):
    env = {"BOT_DATA_DIR": str(tmp_path / "ny"), "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, "-m", "bot", "unanswered", "--json"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0 and out.stdout.strip() == "[]"
    assert isinstance(sqlite3.connect(tmp_path / "ny" / "prisbot.sqlite3"), sqlite3.Connection)


def test_every_telegram_text_exists_and_formats():
    from bot.knowledge.loader import load_knowledge
    from bot.settings import DEFAULT_KNOWLEDGE_DIR

    kb_texts = {
        k: v
        for k, v in load_knowledge(DEFAULT_KNOWLEDGE_DIR).texts.items()
        if k.startswith("telegram.")
    }
    assert kb_texts == bundled_texts()  # the loader delivers the file unchanged
    texts = Texts(kb_texts)
    values = {
        "name": ", Kari",
        "username": "prisbot",
        "version": "abc",
        "limit": 500,
        "year": 2023,
        "uptime": "1 t",
        "kb_version": "abc",
        "subscribers": 3,
        "unanswered": 2,
        "next_reminder": "-",
        "kind": "X",
        "where": "update 1",
        "error": "e",
    }
    for key in list(kb_texts):
        name = key.removeprefix("telegram.")
        assert texts.get(name, **values).strip(), name
        assert "{" not in texts.get(name, **values), name
    for key in (
        "sticker",
        "photo",
        "voice",
        "media",
        "too_long",
        "emoji_only",
        "empty",
        "flood",
        "unknown_command",
        "stale_button",
        "error",
        "not_available",
    ):
        assert texts.raw(f"refusals.{key}"), key
    assert 3 <= len(texts.group("start.examples")) <= 4
    assert all(len(q) <= 40 for _, q in texts.group("start.examples"))
    assert len(texts.get("bot.description")) <= 512
    assert len(texts.get("bot.short_description")) <= 120


def _texts_copy(tmp_path: Path, edit) -> Path:
    from bot.settings import DEFAULT_KNOWLEDGE_DIR

    target = tmp_path / "knowledge" / "texts"
    target.mkdir(parents=True)
    source = (DEFAULT_KNOWLEDGE_DIR / "texts" / "telegram.yaml").read_text(encoding="utf-8")
    (target / "telegram.yaml").write_text(edit(source), encoding="utf-8")
    return tmp_path / "knowledge"


def _line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.mark.parametrize(
    ("edit", "needle", "message"),
    [
        (lambda s: s.replace("Hei{name}!", "Hei {navn}!"), "Hei {navn}!", "{navn}"),
        (lambda s: s.replace("  flood: Nå gikk", "  flom: Nå gikk"), None, "refusals.flood"),
        (lambda s: s.replace("  om: Om boten", "  Om-boten: Om boten"), "Om-boten", "kommandonavn"),
        (
            lambda s: s.replace(
                "    e4: Hva er kriteriene?", "    e4: Hva er kriteriene?\n    e5: Hvem vant?"
            ),
            None,
            "1–4",
        ),
        (lambda s: s.replace("refusals:\n", "refusals: [\n", 1), None, "YAML-feil"),
        (lambda s: s.replace("Hei{name}!", "Hei{name!"), "Hei{name!", "krøllparentes"),
    ],
)
def test_text_check_names_file_and_line(tmp_path: Path, edit, needle, message):
    from bot.telegram.textcheck import check_telegram_texts

    directory = _texts_copy(tmp_path, edit)
    issues = check_telegram_texts(directory)
    assert issues, "the mistake is reported"
    assert all(issue.file == "knowledge/texts/telegram.yaml" for issue in issues)
    assert all(issue.line > 0 for issue in issues)
    assert any(message in issue.message for issue in issues), issues
    if needle is not None:
        text = (directory / "texts" / "telegram.yaml").read_text(encoding="utf-8")
        line = _line_of(text, needle)  # a block text is reported on its key, the line above
        assert any(issue.line in (line, line - 1) for issue in issues), issues


def test_text_check_passes_the_real_file():
    from bot.settings import DEFAULT_KNOWLEDGE_DIR
    from bot.telegram.textcheck import check_telegram_texts

    assert check_telegram_texts(DEFAULT_KNOWLEDGE_DIR) == []
