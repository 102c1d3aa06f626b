"""Telegram callbacks for reminders, and how the Application plugs them in.

For ``bot/telegram`` (registration in one place):

* :func:`handlers` — every handler below, to add in group 0 *before* the general ``p1|…``
  button handler and the catch-alls: ``/abonner`` → :func:`subscribe`, ``/stopp`` →
  :func:`stop`, ``/send_test`` → :func:`send_test` (admin), ``/broadcast TEXT`` →
  :func:`broadcast` (admin), ``rem|stop`` → :func:`stop_button`, ``rem|bc|ID``/``rem|bx|ID`` →
  :func:`broadcast_confirm`, ``my_chat_member`` → :func:`my_chat_member`, a group's
  migration service message → :func:`chat_migrated`.
* :func:`start_service` in ``post_init`` (after the database is open): builds the
  :class:`~bot.reminders.service.ReminderService`, sets ``services.reminders`` (which gives
  /status ``subscriber_count()`` and ``describe_next()``), serves the codec's «subscribe»
  button (:func:`subscribe_button`), adds the /slettmeg hook and starts the sending loop.
* :func:`stop_service` in ``post_shutdown`` (before the database is closed).

Every text comes from ``knowledge/texts/reminders.yaml``. Non-admins calling the admin
commands get the ordinary unknown-command reply.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from functools import partial
from typing import Any

from telegram import (
    Chat,
    ChatMember,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
)
from telegram.constants import ChatMemberStatus, MessageLimit
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
from bot.telegram.messages import unknown_command
from bot.telegram.outbox import Priority
from bot.telegram.services import Services

log = logging.getLogger(__name__)

STOP_PATTERN = rf"^{re.escape(STOP_CALLBACK)}$"
BROADCAST_PATTERN = r"^rem\|b[cx]\|[0-9a-f]{1,20}$"
GROUP_TYPES = (Chat.GROUP, Chat.SUPERGROUP)
ADMIN_STATUSES = (ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER)
GONE_STATUSES = (ChatMemberStatus.BANNED, ChatMemberStatus.LEFT)


def get_service(context: BotContext) -> ReminderService | None:
    """The running reminders service (None before post_init has started it)."""
    return context.services.reminders


async def _reply(context: BotContext, chat_id: int, text: str, **kw: Any) -> None:
    """Queue the reply in the bot's outbox."""
    context.services.outbox.submit(
        chat_id,
        lambda: context.bot.send_message(chat_id, text, parse_mode=None, **kw),
        label="reminders reply",
    )


async def _answer_query(query: Any, text: str | None = None, **kw: Any) -> None:
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
    await _reply(context, chat_id, text)


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
    await _reply(context, chat.id, subscribe_text(service, chat, new))


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
        await _answer_query(query, texts.get("stop.button_answer"))
        _remove_buttons(context, query)
    await _reply(
        context, chat.id, texts.get("stop.confirmed" if stopped else "stop.not_subscribed")
    )


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
        await _answer_query(query)
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


def _is_admin(update: Update, service: ReminderService) -> bool:
    user = update.effective_user
    return user is not None and user.id in service.admin_ids


async def _not_for_you(update: Update, context: BotContext) -> None:
    await unknown_command(update, context)


async def send_test(update: Update, context: BotContext) -> None:
    """/send_test (admin): the next reminder, to the admin alone, not recorded."""
    service = get_service(context)
    message = update.effective_message
    if message is None or service is None or not _is_admin(update, service):
        await _not_for_you(update, context)
        return
    texts = service.texts
    reminder, result = await service.send_test(message.chat_id)
    if reminder is None or result is None:
        await _reply(context, message.chat_id, texts.get("send_test.none_scheduled"))
    elif result.state != "sent":
        await _reply(context, message.chat_id, texts.get("send_test.failed", error=result.error))
    else:
        await _reply(
            context,
            message.chat_id,
            texts.get(
                "send_test.sent",
                rule=reminder.rule_key,
                label=reminder.label,
                when=texts.date_time(reminder.due_at),
            ),
        )


def broadcast_text(message: Message) -> str:
    """What follows ``/broadcast`` (line breaks kept)."""
    text = message.text or ""
    parts = text.split(maxsplit=1)
    return parts[1].strip() if len(parts) > 1 else ""


async def broadcast(update: Update, context: BotContext) -> None:
    """/broadcast TEXT (admin): ask for confirmation before sending to every subscriber."""
    service = get_service(context)
    message = update.effective_message
    if message is None or service is None or not _is_admin(update, service):
        await _not_for_you(update, context)
        return
    texts = service.texts
    text = broadcast_text(message)
    if not text:
        await _reply(context, message.chat_id, texts.get("broadcast.usage"))
        return
    limit = MessageLimit.MAX_TEXT_LENGTH
    if len(text) > limit:
        await _reply(
            context, message.chat_id, texts.get("broadcast.too_long", length=len(text), limit=limit)
        )
        return
    item = service.create_broadcast(text, message.chat_id)
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    texts.get("button.broadcast_confirm"),
                    callback_data=f"rem|bc|{item.broadcast_id}",
                ),
                InlineKeyboardButton(
                    texts.get("button.broadcast_cancel"),
                    callback_data=f"rem|bx|{item.broadcast_id}",
                ),
            ]
        ]
    )
    confirm = texts.get("broadcast.confirm", count=service.subscriber_count(), text=text)
    await _reply(context, message.chat_id, confirm[:limit], reply_markup=keyboard)


async def broadcast_confirm(update: Update, context: BotContext) -> None:
    """The broadcast confirmation buttons (``rem|bc|ID`` send, ``rem|bx|ID`` cancel)."""
    query = update.callback_query
    service = get_service(context)
    if query is None:
        return
    if service is None or not _is_admin(update, service):
        await _answer_query(query)
        return
    texts = service.texts
    _, action, broadcast_id = (query.data or "").split("|", 2)
    if action == "bc":
        item = service.confirm_broadcast(broadcast_id)
        text = (
            texts.get("broadcast.started", count=service.subscriber_count())
            if item
            else texts.get("broadcast.unknown")
        )
    else:
        item = service.cancel_broadcast(broadcast_id)
        text = texts.get("broadcast.cancelled" if item else "broadcast.unknown")
    await _answer_query(query)
    chat = update.effective_chat
    message = query.message
    outbox = context.services.outbox
    if chat is None or message is None:
        return

    def as_new_message(exc: TelegramError) -> None:
        outbox.submit(
            chat.id,
            lambda: context.bot.send_message(chat.id, text, parse_mode=None),
            label="broadcast confirmation",
        )

    outbox.submit(
        chat.id,
        lambda: context.bot.edit_message_text(text, chat.id, message.message_id, parse_mode=None),
        label="broadcast confirmation edit",
        idempotent=True,
        on_failed=as_new_message,
    )


def handlers() -> list[BaseHandler[Any, Any, Any]]:
    """Every reminders handler, for the one registration function in ``bot/telegram``."""
    return [
        CommandHandler("abonner", subscribe),
        CommandHandler("stopp", stop),
        CommandHandler("send_test", send_test),
        CommandHandler("broadcast", broadcast),
        CallbackQueryHandler(stop_button, pattern=STOP_PATTERN),
        CallbackQueryHandler(broadcast_confirm, pattern=BROADCAST_PATTERN),
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
