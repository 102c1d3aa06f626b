"""Reject what real Telegram rejects, with its error texts: broken HTML, too long texts (counted
after entity parsing), oversized callback data, bad command menus and toast texts.

Without these checks a bot could pass every test and still get ``400 Bad Request`` in
production, for example for a message cut in the middle of an ``<a href>`` tag.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from typing import Any

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64
MAX_TOAST = 200
MAX_INLINE_RESULTS = 50
COMMAND = re.compile(r"^[a-z0-9_]{1,32}$")
HTML_TAGS = frozenset(
    {
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "span",
        "tg-spoiler",
        "a",
        "code",
        "pre",
        "blockquote",
        "tg-emoji",
    }
)


class TelegramRejects(Exception):
    """What Telegram would answer with ``400 Bad Request``."""

    def __init__(self, description: str) -> None:
        super().__init__(description)
        self.description = f"Bad Request: {description}"


class _EntityParser(HTMLParser):
    """Telegram's HTML subset: known tags only, properly nested, ``<a>`` with ``href``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.visible: list[str] = []
        self.error: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in HTML_TAGS:
            self.error = self.error or f'unsupported start tag "{tag}"'
        if tag == "a" and not dict(attrs).get("href"):
            self.error = self.error or "<a> without href"
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            self.error = self.error or f'unmatched end tag "{tag}"'
            return
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.visible.append(data)


def visible_text(text: str, parse_mode: Any) -> str:
    """The text as the user sees it; raises :class:`TelegramRejects` for broken HTML."""
    if str(parse_mode or "").upper() != "HTML":
        return text
    if re.search(r"&(?!(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);)", text):
        raise TelegramRejects('can\'t parse entities: unescaped "&"')
    if re.search(r"<(?![a-zA-Z/])", text):
        raise TelegramRejects('can\'t parse entities: unescaped "<"')
    parser = _EntityParser()
    parser.feed(text)
    if parser.rawdata[parser.rawdata.rfind("<") :].startswith("<"):  # e.g. ``<a href="x``
        parser.error = parser.error or "unclosed tag at the end of the text"
    parser.close()
    if parser.error is None and parser.open:
        parser.error = f'can\'t find end tag corresponding to start tag "{parser.open[-1]}"'
    if parser.error:
        raise TelegramRejects(f"can't parse entities: {parser.error}")
    return "".join(parser.visible)


def check_text(text: str, parse_mode: Any, limit: int = MAX_TEXT) -> None:
    """Empty, too long (after parsing) or broken-HTML texts are refused."""
    shown = visible_text(text, parse_mode)
    if not shown.strip():
        raise TelegramRejects("message text is empty")
    if len(shown.encode("utf-16-le")) // 2 > limit:
        raise TelegramRejects("message is too long")


def _json(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def check_markup(markup: Any) -> None:
    """Inline keyboards: every button has a text and callback data of 1–64 bytes."""
    markup = _json(markup)
    if not isinstance(markup, dict):
        return
    for row in markup.get("inline_keyboard", []):
        for button in row:
            if not str(button.get("text", "")).strip():
                raise TelegramRejects("text buttons are unallowed in the inline keyboard")
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode("utf-8")) <= MAX_CALLBACK_DATA:
                raise TelegramRejects("BUTTON_DATA_INVALID")


def check_call(method: str, params: dict[str, Any]) -> None:
    """Raise :class:`TelegramRejects` when Telegram would refuse this call."""
    if method in ("sendMessage", "editMessageText"):
        check_text(str(params.get("text", "")), params.get("parse_mode"))
    if method in ("sendPhoto", "sendDocument", "editMessageCaption") and params.get("caption"):
        shown = visible_text(str(params["caption"]), params.get("parse_mode"))
        if len(shown) > MAX_CAPTION:
            raise TelegramRejects("message caption is too long")
    if "reply_markup" in params:
        check_markup(params["reply_markup"])
    if method == "answerCallbackQuery" and len(str(params.get("text") or "")) > MAX_TOAST:
        raise TelegramRejects("MESSAGE_TOO_LONG")
    if method == "setMyCommands":
        for command in _json(params.get("commands")) or []:
            if not COMMAND.match(str(command.get("command", ""))):
                raise TelegramRejects("BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise TelegramRejects("BOT_COMMAND_DESCRIPTION_INVALID")
    if method == "answerInlineQuery":
        results = _json(params.get("results")) or []
        if len(results) > MAX_INLINE_RESULTS:
            raise TelegramRejects("RESULTS_TOO_MUCH")
        for result in results:
            if not 1 <= len(str(result.get("id", "")).encode("utf-8")) <= 64:
                raise TelegramRejects("RESULT_ID_INVALID")
            content = result.get("input_message_content") or {}
            if "message_text" in content:
                check_text(str(content["message_text"]), content.get("parse_mode"))
            if "reply_markup" in result:
                check_markup(result["reply_markup"])
