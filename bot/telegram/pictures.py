"""Telegram callbacks for the pictures: ``/kart [år]``, ``/tidslinje`` and the picture buttons.

Registered by ``bot/telegram/app.py``. The pictures are drawn off the event loop by the
application's :class:`PictureCache` (``context.services.pictures``); a photo Telegram has
seen once is re-sent by its ``file_id``.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ChatAction
from telegram.error import BadRequest, TelegramError

from bot.knowledge.models import KnowledgeBase
from bot.pictures.cache import MAP, TIMELINE, PictureCache
from bot.pictures.captions import map_caption, timeline_caption
from bot.pictures.content import first_year
from bot.pictures.geo import default_geo_path
from bot.pictures.texts import text
from bot.telegram.botcontext import BotContext

log = logging.getLogger(__name__)

MAX_FILE_IDS = 200


def picture_cache(context: BotContext) -> PictureCache:
    """The application's picture cache, created on first use from the settings."""
    services = context.services
    if services.pictures is None:
        services.pictures = PictureCache(
            geo_path=default_geo_path(services.settings.knowledge_dir),
            disk_dir=services.settings.data_dir / "pictures",
        )
    return services.pictures


def parse_year_arg(kb: KnowledgeBase, args: list[str], current_year: int) -> tuple[int | None, str]:
    """Read ``/kart``'s optional year: ``(year, "")`` or ``(None, polite reply)``.

    No argument gives ``(None, "")`` (all years).
    """
    if not args:
        return None, ""
    first = first_year(kb)
    raw = " ".join(args).strip()[:40]
    if not (raw.isdigit() and len(raw) == 4):
        return None, text(kb, "handlers.bad_year", arg=raw, first=first, last=current_year)
    year = int(raw)
    if not first <= year <= current_year:
        return None, text(kb, "handlers.year_out_of_range", first=first, last=current_year)
    return year, ""


def _queue_text(context: BotContext, chat_id: int, message: str) -> None:
    """Queue a plain text in the bot's outbox."""
    context.services.outbox.submit(
        chat_id,
        lambda: context.bot.send_message(chat_id, message, parse_mode=None),
        label="picture reply",
    )


async def send_picture(
    context: BotContext, chat_id: int, kind: str, year: int | None = None
) -> bool:
    """Render (or reuse) the picture and queue it with its caption in the outbox; False when
    it could not be drawn (the chat is told). A photo Telegram refuses also gets the chat
    a short message."""
    services = context.services
    kb = services.holder.engine.kb
    now = services.clock()
    cache = picture_cache(context)
    caption = map_caption(kb, year, now) if kind == MAP else timeline_caption(kb, now)
    key = cache.key(kb, kind, year, now)
    file_ids = context.services.picture_file_ids
    png: bytes | None = None
    try:
        if file_ids.get(key) is None:
            if cache.cached(kb, kind, year, now, disk=False) is None:
                try:
                    await context.bot.send_chat_action(chat_id, ChatAction.UPLOAD_PHOTO)
                except TelegramError as exc:  # only a hint to the user
                    log.debug("no upload hint: %s", exc)
            png = await cache.get_png(kb, kind, year, now=now)
    except Exception:
        log.exception("could not render picture %s %s", kind, year)
        _queue_text(context, chat_id, text(kb, "handlers.failed"))
        return False

    async def send() -> None:
        file_id = file_ids.get(key)
        if file_id is not None:
            try:
                await context.bot.send_photo(chat_id, file_id, caption=caption, parse_mode=None)
                return
            except BadRequest:
                file_ids.pop(key, None)
        picture = png if png is not None else await cache.get_png(kb, kind, year, now=now)
        message = await context.bot.send_photo(
            chat_id, picture, caption=caption, parse_mode=None, filename=f"{kind}.png"
        )
        if message.photo:
            if len(file_ids) >= MAX_FILE_IDS:
                file_ids.clear()
            file_ids[key] = message.photo[-1].file_id

    def failed(exc: TelegramError) -> None:
        log.warning("could not send picture %s %s: %s", kind, year, exc)
        _queue_text(context, chat_id, text(kb, "handlers.failed"))

    services.outbox.submit(chat_id, send, label="picture", on_failed=failed)
    return True


async def kart_command(update: Update, context: BotContext) -> None:
    """``/kart [år]``: the map of all winners, or of one year's winner and nominees."""
    chat = update.effective_chat
    if chat is None:
        return
    services = context.services
    kb = services.holder.engine.kb
    year, problem = parse_year_arg(kb, list(context.args or []), services.clock().year)
    if problem:
        _queue_text(context, chat.id, problem)
        return
    await send_picture(context, chat.id, MAP, year)


async def tidslinje_command(update: Update, context: BotContext) -> None:
    """``/tidslinje``: the timeline from the first prize year to now."""
    chat = update.effective_chat
    if chat is None:
        return
    await send_picture(context, chat.id, TIMELINE)


async def map_button(update: Update, context: BotContext, payload: str) -> None:
    """A «Vis på kart» button (``p1|m|<år>``, no year = all years); the press is answered."""
    chat = update.effective_chat
    if chat is None:
        return
    services = context.services
    kb = services.holder.engine.kb
    year, problem = parse_year_arg(kb, [payload] if payload else [], services.clock().year)
    if problem:
        _queue_text(context, chat.id, problem)
        return
    await send_picture(context, chat.id, MAP, year)


async def timeline_button(update: Update, context: BotContext, payload: str) -> None:
    """A «Tidslinje» button (``p1|t|``); the press is answered."""
    chat = update.effective_chat
    if chat is not None:
        await send_picture(context, chat.id, TIMELINE)
