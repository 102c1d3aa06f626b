"""The fake Bot API server answers PTB's real `Bot` with shapes PTB accepts, and fails on cue."""

from __future__ import annotations

from pathlib import Path

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.request import HTTPXRequest

from bot.retry import retry_seconds
from tests.fakebotapi import FakeBotApi, FakeBotApiProcess, Fault, RateLimits
from tests.fakebotapi import updates as U

TOKEN = "123456:" + "A" * 35


@pytest.fixture
def api():
    with FakeBotApi() as server:
        yield server


def make_bot(server, read_timeout: float = 5.0) -> Bot:
    request = HTTPXRequest(connection_pool_size=64, read_timeout=read_timeout)
    return Bot(TOKEN, base_url=server.base_url, request=request)


async def test_getme_send_edit_and_record(api):
    async with make_bot(api) as bot:
        assert bot.username == "prisbot"
        markup = InlineKeyboardMarkup([[InlineKeyboardButton("Ja", callback_data="v1|x")]])
        msg = await bot.send_message(42, "<b>Hei</b> æøå", parse_mode="HTML", reply_markup=markup)
        assert msg.chat.id == 42 and msg.text == "<b>Hei</b> æøå"
        assert msg.reply_markup.inline_keyboard[0][0].callback_data == "v1|x"
        edited = await bot.edit_message_text("Ny", chat_id=42, message_id=msg.message_id)
        assert edited.text == "Ny" and edited.message_id == msg.message_id
        assert await bot.answer_callback_query("cq1", text="ok")
        photo = await bot.send_photo(42, photo=b"\x89PNG" + b"0" * 1000, caption="Kart")
        assert photo.photo[0].file_size == 1004 and photo.caption == "Kart"
        await bot.set_my_commands([("start", "Start")])
        await bot.set_my_description("Beskrivelse")
    sent = api.calls("sendMessage")
    assert sent[0].params["text"] == "<b>Hei</b> æøå" and sent[0].chat_id == 42
    assert api.info()["commands"] == [{"command": "start", "description": "Start"}]
    assert api.info()["descriptions"]["description"] == "Beskrivelse"


async def test_get_updates_long_poll_and_offset(api):
    async with make_bot(api) as bot:
        assert await bot.get_updates(timeout=0.2) == ()
        first = api.push_update(U.message_update(7, "hei"))
        api.push_update(U.callback_query_update(7, "v1|a"))
        got = await bot.get_updates(timeout=1)
        assert [u.update_id for u in got] == [first, first + 1]
        assert got[0].message.text == "hei" and got[1].callback_query.data == "v1|a"
        assert await bot.get_updates(offset=first + 2, timeout=0.1) == ()


async def test_scripted_faults(api):
    async with make_bot(api, read_timeout=0.3) as bot:
        api.add_fault(Fault("429", method="sendMessage", retry_after=3))
        with pytest.raises(RetryAfter) as exc:
            await bot.send_message(1, "x")
        assert retry_seconds(exc.value) == 3
        await bot.send_message(1, "x")  # the fault fired once only
        api.add_fault(Fault("403", chat_id=2, times=None))
        with pytest.raises(Forbidden, match="blocked"):
            await bot.send_message(2, "x")
        with pytest.raises(Forbidden):
            await bot.send_message(2, "x")
        api.add_fault(Fault("migrate", chat_id=-5, new_chat_id=-1005))
        with pytest.raises(ChatMigrated) as migrated:
            await bot.send_message(-5, "x")
        assert migrated.value.new_chat_id == -1005
        api.add_fault(Fault("502"))
        with pytest.raises(NetworkError):
            await bot.send_message(3, "x")
        api.add_fault(Fault("timeout", delay=1.0))
        with pytest.raises(TimedOut):
            await bot.send_message(3, "x")
        with pytest.raises(BadRequest, match="too long"):
            await bot.send_message(3, "x" * 5000)


async def test_rate_enforcing_mode(api):
    api.enforce_rates(RateLimits(overall_per_second=5))
    # Straight into the handler: eight sends within microseconds, five fit in the second.
    statuses = [api.handle("sendMessage", {"chat_id": 100 + i, "text": "x"})[0] for i in range(8)]
    assert statuses == [200] * 5 + [429] * 3
    assert api.handle("sendMessage", {"chat_id": 100, "text": "x"})[0] == 429  # 1/s per chat
    api.enforce_rates(RateLimits(overall_per_second=1e9, per_chat_per_second=1e9))
    group = [api.handle("sendMessage", {"chat_id": -5, "text": "x"})[0] for _ in range(21)]
    assert group == [200] * 20 + [429]  # 20 per minute per group
    assert api.rate_429s() == 1
    api.enforce_rates(RateLimits(per_chat_per_second=0.01, retry_after=7))
    async with make_bot(api) as bot:  # and PTB sees a real RetryAfter
        await bot.send_message(300, "x")
        with pytest.raises(RetryAfter) as exc:
            await bot.send_message(300, "x")
    assert retry_seconds(exc.value) == 7


async def test_group_admins(api):
    api.set_chat_admins(-77, [1, 2])
    async with make_bot(api) as bot:
        assert (await bot.get_chat_member(-77, 2)).status == "administrator"
        assert (await bot.get_chat_member(-77, 9)).status == "member"
        admins = await bot.get_chat_administrators(-77)
        assert [a.user.id for a in admins] == [1, 2]


@pytest.mark.slow
async def test_subprocess_mode(tmp_path: Path):
    with FakeBotApiProcess(tmp_path) as api:
        async with make_bot(api) as bot:
            api.push_update(U.message_update(5, "/start"))
            got = await bot.get_updates(timeout=1)
            assert got[0].message.text == "/start"
            await bot.send_message(5, "svar")
        calls = api.wait_for("sendMessage", lambda c: c.params["text"] == "svar", timeout=2)
        assert calls[0].chat_id == 5
        api.add_fault(Fault("403", chat_id=6))
        async with make_bot(api) as bot:
            with pytest.raises(Forbidden):
                await bot.send_message(6, "x")


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ('Kilde: <a href="https://imdi.no/plan', "unclosed tag"),
        ("<b>fet", "end tag"),
        ("Asker & Bærum", 'unescaped "&"'),
        ("<script>x</script>", "unsupported start tag"),
        ("x" * 4097, "message is too long"),
        ("   ", "message text is empty"),
    ],
)
async def test_rejects_what_telegram_rejects(api, text: str, error: str):
    async with make_bot(api) as bot:
        with pytest.raises(BadRequest, match=f"(?i){error}"):
            await bot.send_message(42, text, parse_mode="HTML")
    [call] = api.calls("sendMessage")
    assert call.status == 400


async def test_length_is_counted_after_entity_parsing_and_buttons_are_checked(api):
    link = '<a href="https://www.imdi.no/' + "a" * 200 + '">IMDi</a> &amp; '
    text = link * 200  # 47 000 characters of HTML, 1 400 visible
    async with make_bot(api) as bot:
        assert await bot.send_message(42, text, parse_mode="HTML")
        wide = InlineKeyboardMarkup([[InlineKeyboardButton("Ja", callback_data="x" * 65)]])
        with pytest.raises(BadRequest, match=r"(?i)button_data_invalid"):
            await bot.send_message(42, "Hei", reply_markup=wide)
        with pytest.raises(BadRequest, match=r"(?i)message_too_long"):
            await bot.answer_callback_query("cq", text="x" * 201)
        with pytest.raises(BadRequest, match=r"(?i)bot_command_invalid"):
            await bot.set_my_commands([("Slett-Meg", "Slett")])


async def test_lost_response_and_too_old_query(api):
    api.add_fault(Fault("lost", method="sendMessage"))
    api.add_fault(Fault("old_query", method="answerCallbackQuery"))
    async with make_bot(api) as bot:
        with pytest.raises(NetworkError) as lost:  # the bot never hears back …
            await bot.send_message(5, "x")
        assert not isinstance(lost.value, BadRequest)
        [call] = api.calls("sendMessage")  # … but Telegram has the message
        assert call.status == 200 and call.result["text"] == "x"
        with pytest.raises(BadRequest, match="too old"):
            await bot.answer_callback_query("cq1")
        assert (await bot.send_message(5, "y")).text == "y"  # a fresh connection works
