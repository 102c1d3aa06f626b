"""The reminder commands and buttons through the real Application and the fake Bot API."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.settings import DEFAULT_KNOWLEDGE_DIR
from bot.storage import subscriptions as store
from bot.storage.database import connect
from tests.fakebotapi import FakeBotApi
from tests.fakebotapi import updates as U
from tests.reminders.helpers import oslo
from tests.telegram.harness import ADMIN_ID, BotThread, Harness, SettableClock, run_bot

WINDOW_2026 = """vote:
  public: true
  source: [moss25]
  opens:
    date: 2026-11-02
    time: "10:00"
    source: [moss25]
  closes:
    date: {closes}
    time: "12:00"
    source: [moss25]
  url:
    url: https://www.imdi.no/stem
    source: [moss25]"""


def write_window(knowledge: Path, closes: str) -> None:
    path = knowledge / "years" / "2026.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("vote:")
    end = text.index("decision:")
    text = text[:start] + WINDOW_2026.format(closes=closes) + "\n" + text[end:]
    path.write_text(text.replace("status: unknown", "status: open"), encoding="utf-8")


@pytest.fixture
def knowledge(tmp_path: Path) -> Path:
    target = tmp_path / "knowledge"
    shutil.copytree(DEFAULT_KNOWLEDGE_DIR, target)
    write_window(target, "2026-11-12")
    return target


@pytest.fixture
def clock() -> SettableClock:
    return SettableClock(oslo(2026, 10, 20, 12, 0))


@pytest.fixture
def running(
    api: FakeBotApi, clock: SettableClock, tmp_path: Path, knowledge: Path
) -> Iterator[tuple[BotThread, Harness]]:
    runner, harness = run_bot(api, clock, tmp_path / "data", knowledge)
    try:
        yield runner, harness
    finally:
        runner.stop()


@pytest.fixture
def bot(running: tuple[BotThread, Harness]) -> Harness:
    return running[1]


@pytest.fixture
def db(tmp_path: Path):  # type: ignore[no-untyped-def]
    connection = connect(tmp_path / "data" / "prisbot.sqlite3")
    yield connection
    connection.close()


def eventually(check, timeout: float = 5.0) -> None:  # type: ignore[no-untyped-def]
    """Poll ``check`` until it is true (updates are handled concurrently by the bot)."""
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "condition not reached in time"
        time.sleep(0.02)


def text_of(calls) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(c.params["text"] for c in calls)


def test_subscribe_confirms_what_and_when_and_twice_is_harmless(bot: Harness, db) -> None:  # type: ignore[no-untyped-def]
    reply = text_of(bot.say(42, "/abonner"))
    assert "Nå abonnerer du på påminnelser" in reply and "Du får en melding når" in reply
    assert "når avstemningen åpner, tre dager før avstemningen stenger og kl. 09.00" in reply
    assert "Neste påminnelse: mandag 2. november 2026 kl. 10.00." in reply
    assert "/stopp" in reply
    again = text_of(bot.say(42, "/abonner"))
    assert "abonnerer allerede" in again
    assert store.list_active(db) == [42]
    assert bot.services.reminders.subscriber_count() == 1


def test_subscribe_without_a_scheduled_reminder(
    api: FakeBotApi, clock: SettableClock, tmp_path: Path
) -> None:
    runner, bot = run_bot(api, clock, tmp_path / "data", DEFAULT_KNOWLEDGE_DIR)
    try:
        reply = text_of(bot.say(42, "/abonner"))
    finally:
        runner.stop()
    assert "Ingen påminnelse er planlagt ennå; du får beskjed når en avstemning åpner." in reply


def test_group_non_admin_is_refused_admin_may(bot: Harness, api: FakeBotApi, db) -> None:  # type: ignore[no-untyped-def]
    api.set_chat_admins(-500, [1001])
    refused = text_of(bot.say(-500, "/abonner", user_id=1002))
    assert "Bare gruppens administratorer" in refused
    assert store.list_active(db) == []
    accepted = text_of(bot.say(-500, "/abonner", user_id=1001))
    assert "Nå abonnerer gruppen" in accepted and "Gruppen får en melding når" in accepted
    assert "Bare gruppens administratorer" in text_of(bot.say(-500, "/stopp", user_id=1002))
    assert store.list_active(db) == [-500]
    assert "stoppet" in text_of(bot.say(-500, "/stopp", user_id=1001))
    assert store.list_active(db) == []


def test_reminder_arrives_with_a_stop_button_that_works(
    running: tuple[BotThread, Harness], api: FakeBotApi, clock: SettableClock, db
) -> None:  # type: ignore[no-untyped-def]
    runner, bot = running
    bot.say(42, "/abonner")
    marker = api.call_count()
    clock.now = oslo(2026, 11, 2, 10, 0, 5)
    service = bot.services.reminders
    assert service is not None
    runner.loop.call_soon_threadsafe(service.wake)
    [reminder] = api.wait_for("sendMessage", lambda c: c.chat_id == 42, since=marker, timeout=8)
    assert "er åpen" in reminder.params["text"]
    keyboard = reminder.params["reply_markup"]["inline_keyboard"]
    assert keyboard[0][0]["text"] == "Stopp påminnelser"
    reply = bot.replies(
        42,
        U.callback_query_update(42, keyboard[0][0]["callback_data"], message_obj=reminder.result),
    )
    assert "Påminnelsene er stoppet" in text_of(reply)
    assert api.calls("answerCallbackQuery")
    assert store.list_active(db) == []
    assert "ingen påminnelser å stoppe" in text_of(bot.say(42, "/stopp"))


def test_blocking_the_bot_deactivates_at_once(bot: Harness, api: FakeBotApi, db) -> None:  # type: ignore[no-untyped-def]
    bot.say(42, "/abonner")
    bot.push(U.my_chat_member_update(42, old_status="member", new_status="kicked"))
    eventually(lambda: store.list_active(db) == [])
    bot.say(43, "/abonner")
    unblock = U.my_chat_member_update(42, old_status="kicked", new_status="member")
    bot.push(unblock)
    bot.say(43, "/abonner")
    assert store.list_active(db) == [43]  # unblocking alone does not re-subscribe
    assert "Nå abonnerer du" in text_of(bot.say(42, "/abonner"))
    assert store.list_active(db) == [42, 43]


def test_send_test_is_for_admins_only(bot: Harness) -> None:
    stranger = text_of(bot.say(42, "/send_test"))
    assert "[TEST]" not in stranger and "kjenner jeg ikke" in stranger
    calls = bot.say(ADMIN_ID, "/send_test", count=2)
    assert calls[0].params["text"].startswith("[TEST] Avstemningen om")
    assert "Testen er sendt" in calls[1].params["text"]


def test_broadcast_needs_confirmation(bot: Harness, api: FakeBotApi, db) -> None:  # type: ignore[no-untyped-def]
    bot.say(42, "/abonner")
    bot.say(43, "/abonner")
    assert "kjenner jeg ikke" in text_of(bot.say(42, "/broadcast Hei alle"))
    assert "Bruk: /broadcast" in text_of(bot.say(ADMIN_ID, "/broadcast"))
    [ask] = bot.say(ADMIN_ID, "/broadcast Viktig melding\nmed to linjer")
    assert "Sende denne meldingen til 2 aktive abonnenter?" in ask.params["text"]
    confirm, _cancel = ask.params["reply_markup"]["inline_keyboard"][0]
    before = api.call_count()
    bot.push(U.callback_query_update(ADMIN_ID, confirm["callback_data"], message_obj=ask.result))
    got = api.wait_for(
        "sendMessage",
        lambda c: c.params.get("text") == "Viktig melding\nmed to linjer",
        since=before,
        count=2,
        timeout=8,
    )
    assert sorted(int(c.chat_id) for c in got) == [42, 43]
    done = api.wait_for("sendMessage", lambda c: c.chat_id == ADMIN_ID, since=before, timeout=8)
    assert "ferdig: 2 sendt" in done[-1].params["text"]
    edits = api.wait_for("editMessageText", since=before, timeout=5)
    assert "startet" in edits[0].params["text"]
    # Pressing again (or a forged id) sends nothing more.
    marker = bot.push(
        U.callback_query_update(ADMIN_ID, confirm["callback_data"], message_obj=ask.result)
    )
    again = api.wait_for("editMessageText", since=marker, timeout=5)
    assert "finnes ikke lenger" in again[0].params["text"]
    broadcasts = [c for c in api.calls("sendMessage") if c.params["text"].startswith("Viktig")]
    assert len(broadcasts) == 2


def test_reload_moves_the_next_reminder(
    bot: Harness, knowledge: Path, clock: SettableClock
) -> None:
    clock.now = oslo(2026, 11, 3, 12, 0)
    assert "Neste påminnelse: mandag 9. november 2026 kl. 12.00." in text_of(
        bot.say(42, "/abonner")
    )
    write_window(knowledge, "2026-11-19")
    bot.say(ADMIN_ID, "/reload")
    assert "Neste påminnelse: mandag 16. november 2026 kl. 12.00." in text_of(
        bot.say(42, "/abonner")
    )


def test_slettmeg_deletes_the_subscription_and_its_ledger(
    bot: Harness, api: FakeBotApi, db
) -> None:  # type: ignore[no-untyped-def]
    bot.say(42, "/abonner")
    store.claim(db, 42, "2026:opens:2026-11-02", oslo(2026, 11, 2, 10))
    [ask] = bot.say(42, "/slettmeg")
    yes = ask.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    marker = bot.push(U.callback_query_update(42, yes, message_obj=ask.result))
    api.wait_for("editMessageText", since=marker, timeout=5)
    assert db.execute("SELECT count(*) FROM subscribers").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM deliveries").fetchone()[0] == 0


def test_group_upgrade_moves_the_subscription(bot: Harness, api: FakeBotApi, db) -> None:  # type: ignore[no-untyped-def]
    api.set_chat_admins(-500, [1001])
    bot.say(-500, "/abonner", user_id=1001)
    store.claim(db, -500, "2026:opens:2026-11-02", oslo(2026, 11, 2, 10))
    bot.push(U.message_update(-500, None, user_id=1001, extra={"migrate_to_chat_id": -100500}))
    eventually(lambda: store.list_active(db) == [-100500])
    assert store.delivery_state(db, -100500, "2026:opens:2026-11-02") == "sending"


def test_admin_status_shows_subscribers_and_the_next_reminder(
    bot: Harness, knowledge: Path, clock: SettableClock
) -> None:
    bot.say(42, "/abonner")
    bot.say(43, "/abonner")
    bot.say(43, "/stopp")
    [status] = bot.say(ADMIN_ID, "/status")
    text = status.params["text"]
    assert "Abonnenter: 1" in text
    assert "Neste påminnelse: mandag 2. november 2026 kl. 10.00 (opens, 2026)" in text
    clock.now = oslo(2026, 11, 12, 12, 0)  # the window has closed: nothing is scheduled
    [after] = bot.say(ADMIN_ID, "/status")
    assert "Neste påminnelse: ingen planlagt" in after.params["text"]


def test_every_broadcast_message_carries_the_stop_button(bot: Harness, api: FakeBotApi) -> None:
    bot.say(42, "/abonner")
    [ask] = bot.say(ADMIN_ID, "/broadcast Husk avstemningen!")
    confirm, _cancel = ask.params["reply_markup"]["inline_keyboard"][0]
    before = api.call_count()
    bot.push(U.callback_query_update(ADMIN_ID, confirm["callback_data"], message_obj=ask.result))
    [sent] = api.wait_for(
        "sendMessage", lambda c: c.params.get("text") == "Husk avstemningen!", since=before
    )
    button = sent.params["reply_markup"]["inline_keyboard"][0][0]
    assert button["text"] == "Stopp påminnelser" and button["callback_data"] == "rem|stop"
    reply = bot.replies(42, U.callback_query_update(42, "rem|stop", message_obj=sent.result))
    assert "Påminnelsene er stoppet" in text_of(reply)


def test_in_a_group_only_admins_may_press_the_stop_button(
    bot: Harness, api: FakeBotApi, db
) -> None:  # type: ignore[no-untyped-def]
    api.set_chat_admins(-600, [1001])
    bot.say(-600, "/abonner", user_id=1001)
    marker = bot.push(U.callback_query_update(-600, "rem|stop", user_id=1002))
    [alert] = api.wait_for("answerCallbackQuery", since=marker, timeout=5)
    assert "Bare gruppens administratorer" in alert.params["text"]
    assert alert.params.get("show_alert") is True
    assert store.list_active(db) == [-600]
    marker = bot.push(U.callback_query_update(-600, "rem|stop", user_id=1001))
    api.wait_for("sendMessage", lambda c: "stoppet" in c.params["text"], since=marker, timeout=5)
    assert store.list_active(db) == []


def test_subscribing_while_a_vote_is_open_says_so(bot: Harness, clock: SettableClock) -> None:
    clock.now = oslo(2026, 11, 5, 12, 0)  # open; «3 days before» (9 Nov) still ahead
    text = text_of(bot.say(42, "/abonner"))
    assert "er åpen nå og stenger torsdag 12. november 2026 kl. 12.00" in text
    assert "Neste påminnelse: mandag 9. november 2026 kl. 12.00." in text
    clock.now = oslo(2026, 11, 12, 10, 0)  # last day, after the 09:00 reminder
    late = text_of(bot.say(43, "/abonner"))
    assert "er åpen nå og stenger torsdag 12. november 2026 kl. 12.00" in late
    assert "ingen flere påminnelser før denne avstemningen stenger" in late
    assert "Ingen påminnelse er planlagt ennå" not in late
