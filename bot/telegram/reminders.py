"""Telegram callbacks for subscribing to reminders, and how the Application plugs them in.

For ``bot/telegram`` (registration in one place):

* :func:`handlers` — every handler below, to add in group 0 *before* the general ``p1|…``
  button handler and the catch-alls: ``/abonner`` → :func:`subscribe`, ``/stopp`` →
  :func:`stop`, ``rem|stop`` → :func:`stop_button`, ``my_chat_member`` →
  :func:`my_chat_member`, a group's migration service message → :func:`chat_migrated`. The
  admin commands (``/send_test``, ``/broadcast`` and its confirmation) are in
  :mod:`bot.telegram.reminders_admin`.
* :func:`start_service` in ``post_init`` (after the database is open): builds the
  :class:`~bot.reminders.service.ReminderService`, sets ``services.reminders`` (which gives
  /status ``subscriber_count()`` and ``describe_next()``), serves the codec's «subscribe»
  button (:func:`subscribe_button`), adds the /slettmeg hook and starts the sending loop.
* :func:`stop_service` in ``post_shutdown`` (before the database is closed).

Every text comes from ``knowledge/texts/reminders.yaml``.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from functools import partial
from typing import Any

from telegram import Chat, ChatMember, Update
from telegram.constants import ChatMemberStatus
from telegram.error import TelegramError
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.reminders.schedule import describe_rules, open_vote_line
from bot.reminders.sender import STOP_CALLBACK
from bot.reminders.service import ReminderService
from bot.reminders.texts import ReminderTexts
from bot.storage import subscriptions as store
from bot.telegram.botcontext import BotApp, BotContext
from bot.telegram.sendslots import Priority
from bot.telegram.services import Services

log = logging.getLogger(__name__)

STOP_PATTERN = rf"^{re.escape(STOP_CALLBACK)}$"
GROUP_TYPES = (Chat.GROUP, Chat.SUPERGROUP)
ADMIN_STATUSES = (ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER)
GONE_STATUSES = (ChatMemberStatus.BANNED, ChatMemberStatus.LEFT)


def get_service(context: BotContext) -> ReminderService | None:
    """The running reminders service (None before post_init has started it)."""
    return context.services.reminders


async def reply(context: BotContext, chat_id: int, text: str, **kw: Any) -> None:
    """Queue the reply in the bot's outbox."""
    context.services.outbox.submit(
        chat_id,
        lambda: context.bot.send_message(chat_id, text, parse_mode=None, **kw),
        label="reminders reply",
    )


async def answer_query(query: Any, text: str | None = None, **kw: Any) -> None:
    """Answer a button press, best effort (a query too old to answer is only logged)."""
    try:
        await query.answer(text, **kw)
    except TelegramError as exc:
        log.info("could not answer a button press (%s); going on", exc)


async def _may_manage(context: BotContext, chat: Chat, update: Update) -> bool:
    """Private chats always; in groups only admins (an anonymous admin posts as the group)."""
    if chat.type not in GROUP_TYPES:
        return True
    message = update.effective_message
    if (
        message is not None
        and message.sender_chat is not None
        and (message.sender_chat.id == chat.id)
    ):
        return True
    user = update.effective_user
    if user is None:
        return False
    member: ChatMember = await context.bot.get_chat_member(chat.id, user.id)
    return member.status in ADMIN_STATUSES


async def _guarded(context: BotContext, chat: Chat, update: Update) -> bool:
    """Check group rights; tell the user (privately in the chat) when refused."""
    service = get_service(context)
    texts = service.texts if service else ReminderTexts()
    try:
        allowed = await _may_manage(context, chat, update)
    except TelegramError as exc:
        log.warning("could not check group admin rights: %s", exc)
        await _notice(update, context, chat.id, texts.get("group.check_failed"))
        return False
    if not allowed:
        log.info("non-admin tried to change the group's reminders")
        await _notice(update, context, chat.id, texts.get("group.admins_only"))
    return allowed


async def _notice(update: Update, context: BotContext, chat_id: int, text: str) -> None:
    if update.callback_query is not None:
        try:
            await update.callback_query.answer(text, show_alert=True)
            return
        except TelegramError:  # already answered (the general button handler does that)
            pass
    await reply(context, chat_id, text)


def _remove_buttons(context: BotContext, query: Any) -> None:
    """Take the buttons off the pressed message (an old message may no longer be editable;
    that is only logged)."""
    message = query.message
    if message is None:
        return
    context.services.outbox.submit(
        message.chat.id,
        lambda: context.bot.edit_message_reply_markup(message.chat.id, message.message_id),
        label="button removal",
        idempotent=True,
    )


def subscribe_text(service: ReminderService, chat: Chat, new: bool) -> str:
    """Confirmation: who subscribes, what will come, the next reminder or that none is due."""
    texts = service.texts
    group = chat.type in GROUP_TYPES
    if new:
        what = describe_rules(service.knowledge().reminder_rules, texts)
        first = texts.get(
            "subscribe.confirmed",
            who=texts.get("subscribe.who_group" if group else "subscribe.who_private"),
            who_cap=texts.get("subscribe.who_group_cap" if group else "subscribe.who_private_cap"),
            what=what,
        )
    else:
        first = texts.get(
            "subscribe.already",
            who_cap=texts.get("subscribe.who_group_cap" if group else "subscribe.who_private_cap"),
        )
    open_now = open_vote_line(service.knowledge(), service.clock(), texts)
    upcoming = service.next_reminder()
    if upcoming is None:
        second = texts.get("subscribe.none_left" if open_now else "subscribe.none_scheduled")
    else:
        second = texts.get("subscribe.next", when=texts.date_time(upcoming.due_at))
    parts = [first, open_now, second, texts.get("subscribe.stop_hint")]
    return "\n\n".join(part for part in parts if part)


async def _do_subscribe(update: Update, context: BotContext, chat: Chat) -> None:
    service = get_service(context)
    if service is None or not await _guarded(context, chat, update):
        return
    new = store.subscribe(service.conn, chat.id, chat.type, service.clock())
    log.info("chat subscribed (new=%s, type=%s)", new, chat.type)
    await reply(context, chat.id, subscribe_text(service, chat, new))


async def subscribe(update: Update, context: BotContext) -> None:
    """/abonner: subscribe this chat (idempotent; in groups admins only)."""
    chat = update.effective_chat
    if chat is not None and update.effective_message is not None:
        await _do_subscribe(update, context, chat)


async def subscribe_button(update: Update, context: BotContext, payload: str = "") -> None:
    """The codec's «subscribe» follow-up button (routed by ``callbacks.BUTTONS``); the query is
    already answered by the general button handler."""
    chat = update.effective_chat
    if chat is not None:
        await _do_subscribe(update, context, chat)


async def _do_stop(update: Update, context: BotContext, chat: Chat) -> None:
    service = get_service(context)
    if service is None or not await _guarded(context, chat, update):
        return
    stopped = store.stop(service.conn, chat.id, service.clock())
    texts = service.texts
    log.info("chat stopped reminders (was active=%s)", stopped)
    query = update.callback_query
    if query is not None:
        await answer_query(query, texts.get("stop.button_answer"))
        _remove_buttons(context, query)
    await reply(context, chat.id, texts.get("stop.confirmed" if stopped else "stop.not_subscribed"))


async def stop(update: Update, context: BotContext) -> None:
    """/stopp: end this chat's reminders (in groups admins only)."""
    chat = update.effective_chat
    if chat is not None and update.effective_message is not None:
        await _do_stop(update, context, chat)


async def stop_button(update: Update, context: BotContext) -> None:
    """The «Stopp påminnelser» button under every reminder (``rem|stop``)."""
    query = update.callback_query
    chat = update.effective_chat
    if query is None:
        return
    if chat is None or get_service(context) is None:
        await answer_query(query)
        return
    await _do_stop(update, context, chat)


async def my_chat_member(update: Update, context: BotContext) -> None:
    """Blocked / kicked / left → deactivate at once; re-added or unblocked → wait for /abonner."""
    change = update.my_chat_member
    service = get_service(context)
    if change is None or service is None:
        return
    status = change.new_chat_member.status
    if status in GONE_STATUSES and store.deactivate(
        service.conn, change.chat.id, str(status), service.clock()
    ):
        log.info("subscription deactivated: bot is %s in a %s chat", status, change.chat.type)


async def chat_migrated(update: Update, context: BotContext) -> None:
    """A group became a supergroup (service message with ``migrate_to_chat_id``): move its
    subscription and delivery history to the new id before the next reminder."""
    message = update.effective_message
    service = get_service(context)
    if message is None or service is None or not message.migrate_to_chat_id:
        return
    store.migrate_chat(service.conn, message.chat_id, message.migrate_to_chat_id, service.clock())
    log.info("group migrated to a supergroup; subscription follows")


def handlers() -> list[BaseHandler[Any, Any, Any]]:
    """Every subscription handler, for the one registration function in ``bot/telegram``."""
    return [
        CommandHandler("abonner", subscribe),
        CommandHandler("stopp", stop),
        CallbackQueryHandler(stop_button, pattern=STOP_PATTERN),
        ChatMemberHandler(my_chat_member, ChatMemberHandler.MY_CHAT_MEMBER),
        MessageHandler(filters.StatusUpdate.MIGRATE, chat_migrated),
    ]


async def start_service(application: BotApp, services: Services) -> ReminderService:
    """post_init: build and start the service on ``services.db`` (see the module docstring)."""
    if services.db is None:
        raise RuntimeError("the database must be open before the reminders service starts")
    service = ReminderService(
        application.bot,
        services.db,
        lambda: services.holder.engine.kb,
        services.clock,
        send_rate=services.settings.send_rate,
        admin_ids=frozenset(services.settings.admin_ids),
        gates=(services.outbox.gate(Priority.REMINDER), services.outbox.gate(Priority.BROADCAST)),
    )
    services.reminders = service
    services.forget_hooks.append(partial(_forget_chat, services.db))
    await service.start()
    log.info("reminders service started: %d active subscriber(s)", service.subscriber_count())
    return service


def _forget_chat(db: sqlite3.Connection, chat_id: int) -> None:
    """/slettmeg: the chat's subscription and delivery rows."""
    store.forget_chat(db, chat_id)


async def stop_service(application: BotApp, services: Services) -> None:
    """post_shutdown: stop the loop after the message being sent."""
    service, services.reminders = services.reminders, None
    if service is not None:
        await service.stop()
