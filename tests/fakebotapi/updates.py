"""Builders for Bot API update objects (real JSON shapes) that tests push into the fake server."""

from __future__ import annotations

import itertools
import time
from typing import Any

_ids = itertools.count(1)


def user(user_id: int, first_name: str = "Test", username: str | None = None) -> dict[str, Any]:
    """A `User` object for a human."""
    data: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
    if username:
        data["username"] = username
    data["language_code"] = "nb"
    return data


def chat(chat_id: int, chat_type: str | None = None, title: str | None = None) -> dict[str, Any]:
    """A `Chat` object; positive ids are private chats, negative ids groups."""
    kind = chat_type or ("private" if chat_id > 0 else "group")
    data: dict[str, Any] = {"id": chat_id, "type": kind}
    if kind == "private":
        data["first_name"] = "Test"
    else:
        data["title"] = title or f"Gruppe {chat_id}"
    return data


def message(
    chat_id: int,
    text: str | None = None,
    *,
    user_id: int | None = None,
    chat_type: str | None = None,
    message_id: int | None = None,
    reply_to: dict[str, Any] | None = None,
    entities: list[dict[str, Any]] | None = None,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A `Message` object. Commands (text starting with '/') get a bot_command entity."""
    sender = user_id if user_id is not None else (chat_id if chat_id > 0 else 1000)
    data: dict[str, Any] = {
        "message_id": message_id if message_id is not None else next(_ids),
        "date": int(time.time()),
        "chat": chat(chat_id, chat_type),
        "from": user(sender),
    }
    if text is not None:
        data["text"] = text
        if entities is None and text.startswith("/"):
            command = text.split()[0]
            entities = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        if entities:
            data["entities"] = entities
    if reply_to is not None:
        data["reply_to_message"] = reply_to
    if extra:
        data.update(extra)
    return data


def message_update(chat_id: int, text: str | None = None, **kwargs: Any) -> dict[str, Any]:
    """An update carrying a new message (see :func:`message`)."""
    return {"message": message(chat_id, text, **kwargs)}


def edited_message_update(chat_id: int, text: str, **kwargs: Any) -> dict[str, Any]:
    """An update carrying an edited message."""
    data = message(chat_id, text, **kwargs)
    data["edit_date"] = int(time.time())
    return {"edited_message": data}


def sticker_update(chat_id: int, **kwargs: Any) -> dict[str, Any]:
    """A message with a sticker and no text."""
    sticker = {
        "file_id": "CAACAgIAAxkBAAEBsticker",
        "file_unique_id": "AgADsticker",
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
        "emoji": "😀",
    }
    return {"message": message(chat_id, None, extra={"sticker": sticker}, **kwargs)}


def photo_update(chat_id: int, caption: str | None = None, **kwargs: Any) -> dict[str, Any]:
    """A message with a photo (and optional caption)."""
    photo = [{"file_id": "AgACphoto", "file_unique_id": "AQADphoto", "width": 90, "height": 90}]
    extra: dict[str, Any] = {"photo": photo}
    if caption:
        extra["caption"] = caption
    return {"message": message(chat_id, None, extra=extra, **kwargs)}


def voice_update(chat_id: int, **kwargs: Any) -> dict[str, Any]:
    """A message with a voice note."""
    voice = {"file_id": "AwACvoice", "file_unique_id": "AgADvoice", "duration": 3}
    return {"message": message(chat_id, None, extra={"voice": voice}, **kwargs)}


def callback_query_update(
    chat_id: int,
    data: str,
    *,
    message_obj: dict[str, Any] | None = None,
    user_id: int | None = None,
    query_id: str | None = None,
) -> dict[str, Any]:
    """A button press on ``message_obj`` (a message the bot sent) with ``data``."""
    sender = user_id if user_id is not None else (chat_id if chat_id > 0 else 1000)
    msg = message_obj or message(chat_id, "…", user_id=sender)
    return {
        "callback_query": {
            "id": query_id or f"cq{next(_ids)}",
            "from": user(sender),
            "chat_instance": f"ci{chat_id}",
            "message": msg,
            "data": data,
        }
    }


def inline_query_update(
    user_id: int, query: str, *, offset: str = "", query_id: str | None = None
) -> dict[str, Any]:
    """An inline query typed by ``user_id`` (``@bot query``)."""
    return {
        "inline_query": {
            "id": query_id or f"iq{next(_ids)}",
            "from": user(user_id),
            "query": query,
            "offset": offset,
            "chat_type": "sender",
        }
    }


def my_chat_member_update(
    chat_id: int,
    *,
    old_status: str = "member",
    new_status: str = "kicked",
    user_id: int | None = None,
    bot_id: int = 4242,
    chat_type: str | None = None,
) -> dict[str, Any]:
    """The bot's own membership changed (``kicked`` = a user blocked it in private)."""
    sender = user_id if user_id is not None else (chat_id if chat_id > 0 else 1000)
    bot_user = {"id": bot_id, "is_bot": True, "first_name": "Prisbot", "username": "prisbot"}
    now = int(time.time())
    return {
        "my_chat_member": {
            "chat": chat(chat_id, chat_type),
            "from": user(sender),
            "date": now,
            "old_chat_member": _member(old_status, bot_user, now),
            "new_chat_member": _member(new_status, bot_user, now),
        }
    }


def _member(status: str, member: dict[str, Any], now: int) -> dict[str, Any]:
    data: dict[str, Any] = {"status": status, "user": member}
    if status == "kicked":
        data["until_date"] = 0
    return data
