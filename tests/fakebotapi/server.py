"""A fake Telegram Bot API server on 127.0.0.1 for end-to-end tests and benchmarks.

It answers the methods the bot calls with real Bot API JSON shapes, records every call, serves
updates pushed by the test through long-polling ``getUpdates``, and can be scripted to fail
(429, 403, migrated group, 5xx, slow answers) per chat or globally, or to enforce Telegram's
flood limits. Run it in a thread (:class:`FakeBotApi`) or as a subprocess
(``python -m tests.fakebotapi``) and drive it through :class:`FakeBotApiClient`.
"""

from __future__ import annotations

import json
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from tests.fakebotapi.validate import TelegramRejects, check_call

BOT_ID = 4242
BOT_USERNAME = "prisbot"
MAX_POLL_SECONDS = 1.0
"""Upper bound for one long poll, so a stopping bot never waits long."""

LOST = float("inf")
"""``handle``'s delay for a call whose response is lost: the connection closes unanswered."""
SEND_METHODS = frozenset({"sendMessage", "sendPhoto", "sendDocument", "sendMediaGroup"})
STRING_FIELDS = frozenset(
    {
        "text",
        "caption",
        "parse_mode",
        "callback_query_id",
        "inline_query_id",
        "description",
        "short_description",
        "url",
        "secret_token",
        "action",
        "next_offset",
        "name",
        "language_code",
    }
)


@dataclass
class Call:
    """One recorded request."""

    method: str
    params: dict[str, Any]
    at: float
    status: int = 200
    result: Any = None

    @property
    def chat_id(self) -> Any:
        return self.params.get("chat_id")

    def to_json(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "params": self.params,
            "at": self.at,
            "status": self.status,
            "result": self.result,
        }


@dataclass
class Fault:
    """A scripted failure: ``kind`` in 429, 403, migrate, 500, 502, timeout, 400, ``lost``
    (carried out, but the connection closes before the answer: the bot cannot know it
    arrived) and ``old_query`` (answerCallbackQuery on a query Telegram no longer knows)."""

    kind: str
    method: str | None = None
    chat_id: int | None = None
    times: int | None = 1
    """How many matching calls fail; ``None`` = forever."""
    retry_after: int = 1
    new_chat_id: int | None = None
    delay: float = 2.0
    description: str | None = None

    def matches(self, method: str, chat_id: Any) -> bool:
        if self.method is not None and self.method != method:
            return False
        return self.chat_id is None or _as_int(chat_id) == self.chat_id


@dataclass
class RateLimits:
    """Telegram-like flood limits; exceeding one answers 429."""

    overall_per_second: float = 30.0
    per_chat_per_second: float = 1.0
    per_group_per_minute: int = 20
    retry_after: int = 1
    chat_jitter: float = 0.15
    """Seconds of timing noise forgiven between two sends to one chat (the request of the
    first may reach the server late on a loaded machine; Telegram's per-chat limit is a soft
    «about one per second», not a millisecond rule). A sender that ignores the per-chat spacing
    (bursts tens of ms apart) is still refused."""


@dataclass
class _State:
    lock: threading.Condition = field(default_factory=threading.Condition)
    updates: list[dict[str, Any]] = field(default_factory=list)
    next_update_id: int = 1
    calls: list[Call] = field(default_factory=list)
    faults: list[Fault] = field(default_factory=list)
    message_ids: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    messages: dict[tuple[int, int], dict[str, Any]] = field(default_factory=dict)
    chats: dict[int, dict[str, Any]] = field(default_factory=dict)
    admins: dict[int, list[int]] = field(default_factory=dict)
    limits: RateLimits | None = None
    sends_overall: deque[float] = field(default_factory=deque)
    last_send_by_chat: dict[int, float] = field(default_factory=dict)
    group_sends: dict[int, deque[float]] = field(default_factory=lambda: defaultdict(deque))
    rate_429s: int = 0
    webhook: str = ""
    commands: dict[str, list[Any]] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)


def _as_int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class FakeBotApi:
    """The fake server. ``start()`` binds 127.0.0.1 on a free port (or ``port``)."""

    def __init__(self, port: int = 0, token: str | None = None) -> None:
        self.requested_port = port
        self.token = token
        self._state = _State()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # ---- lifecycle -------------------------------------------------------------------------
    def start(self) -> FakeBotApi:
        """Bind and serve in a daemon thread; returns self."""
        handler = _make_handler(self)
        httpd = ThreadingHTTPServer(("127.0.0.1", self.requested_port), handler)
        httpd.daemon_threads = True
        httpd.request_queue_size = 1024
        self._httpd = httpd
        self._thread = threading.Thread(target=httpd.serve_forever, name="fakebotapi", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and release the port."""
        if self._httpd is not None:
            with self._state.lock:
                self._state.lock.notify_all()
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> FakeBotApi:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._httpd is not None, "server not started"
        return self._httpd.server_address[1]

    @property
    def url(self) -> str:
        """Root URL, e.g. ``http://127.0.0.1:PORT``."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        """Value for ``TELEGRAM_API_BASE_URL`` (PTB appends the token)."""
        return f"{self.url}/bot"

    # ---- test-side API ---------------------------------------------------------------------
    def push_update(self, update: dict[str, Any]) -> int:
        """Queue an update (``update_id`` is assigned); returns its id."""
        st = self._state
        with st.lock:
            update = dict(update)
            update["update_id"] = st.next_update_id
            st.next_update_id += 1
            for key in ("message", "edited_message", "callback_query", "my_chat_member"):
                obj = update.get(key)
                chat = (obj or {}).get("chat") or ((obj or {}).get("message") or {}).get("chat")
                if chat:
                    st.chats.setdefault(chat["id"], chat)
            st.updates.append(update)
            st.lock.notify_all()
            return update["update_id"]

    def calls(self, method: str | None = None) -> list[Call]:
        """Every recorded call (of ``method``), oldest first."""
        with self._state.lock:
            return [c for c in self._state.calls if method is None or c.method == method]

    def wait_for(
        self,
        method: str,
        predicate: Callable[[Call], bool] | None = None,
        timeout: float = 5.0,
        count: int = 1,
        since: int = 0,
    ) -> list[Call]:
        """Block until ``count`` calls of ``method`` (matching ``predicate``) were recorded at
        index ``since`` or later; return them, or raise TimeoutError."""
        deadline = time.monotonic() + timeout
        st = self._state
        found: list[Call] = []
        index = since
        with st.lock:
            while True:
                calls = st.calls
                index = min(index, len(calls))  # clear_calls() shortens the log
                for call in calls[index:]:
                    if call.method == method and (predicate is None or predicate(call)):
                        found.append(call)
                index = len(calls)
                if len(found) >= count:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(
                        f"{method}: {len(found)} of {count} calls after {timeout} s; "
                        f"seen: {[c.method for c in st.calls[since:]][-20:]}"
                    )
                st.lock.wait(left)

    def call_count(self) -> int:
        """Number of calls recorded so far (a marker for ``wait_for(since=…)``)."""
        with self._state.lock:
            return len(self._state.calls)

    def clear_calls(self) -> None:
        with self._state.lock:
            self._state.calls.clear()

    def add_fault(self, fault: Fault) -> None:
        """Script a failure for matching calls (first matching fault wins)."""
        with self._state.lock:
            self._state.faults.append(fault)

    def clear_faults(self) -> None:
        with self._state.lock:
            self._state.faults.clear()

    def enforce_rates(self, limits: RateLimits | None) -> None:
        """Turn flood-limit enforcement on (``RateLimits``) or off (``None``)."""
        with self._state.lock:
            self._state.limits = limits
            self._state.sends_overall.clear()
            self._state.last_send_by_chat.clear()
            self._state.group_sends.clear()
            self._state.rate_429s = 0

    def rate_429s(self) -> int:
        """429 answers given by the rate-enforcing mode."""
        with self._state.lock:
            return self._state.rate_429s

    def set_chat_admins(self, chat_id: int, user_ids: list[int]) -> None:
        """Who ``getChatMember`` / ``getChatAdministrators`` report as admins of a group."""
        with self._state.lock:
            self._state.admins[chat_id] = list(user_ids)

    def pending_updates(self) -> int:
        with self._state.lock:
            return len(self._state.updates)

    def info(self) -> dict[str, Any]:
        """Webhook, commands (default scope, and by scope) and descriptions the bot has set."""
        with self._state.lock:
            return {
                "webhook": self._state.webhook,
                "commands": self._state.commands.get("default", []),
                "commands_by_scope": dict(self._state.commands),
                "descriptions": dict(self._state.descriptions),
            }

    # ---- request handling ------------------------------------------------------------------
    def handle(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any], float]:
        """Answer one Bot API call; returns (HTTP status, JSON body, delay before answering)."""
        st = self._state
        now = time.monotonic()
        chat_id = params.get("chat_id")
        delay = 0.0
        with st.lock:
            fault = next((f for f in st.faults if f.matches(method, chat_id)), None)
            if fault is not None:
                if fault.times is not None:
                    fault.times -= 1
                    if fault.times <= 0:
                        st.faults.remove(fault)
                if fault.kind == "timeout":
                    delay = fault.delay
                    fault = None
                elif fault.kind == "lost":  # done, but the answer never reaches the bot
                    delay = LOST
                    fault = None
            if fault is not None:
                status, body = _fault_body(fault)
                st.calls.append(Call(method, params, now, status, body))
                st.lock.notify_all()
                return status, body, 0.0
            if method in SEND_METHODS and st.limits is not None:
                limited = self._rate_check(_as_int(chat_id) or 0, now)
                if limited is not None:
                    st.rate_429s += 1
                    st.calls.append(Call(method, params, now, 429, limited))
                    st.lock.notify_all()
                    return 429, limited, 0.0
        if method == "getUpdates":
            result = self._get_updates(params)
        else:
            with st.lock:
                try:
                    result = self._answer(method, params)
                except _ApiError as exc:
                    body = {"ok": False, "error_code": exc.code, "description": exc.description}
                    st.calls.append(Call(method, params, now, exc.code, body))
                    st.lock.notify_all()
                    return exc.code, body, delay
        with st.lock:
            if method != "getUpdates" or result:
                st.calls.append(Call(method, params, now, 200, result))
                st.lock.notify_all()
        return 200, {"ok": True, "result": result}, delay

    def _rate_check(self, chat_id: int, now: float) -> dict[str, Any] | None:
        st = self._state
        limits = st.limits
        assert limits is not None
        overall = st.sends_overall
        while overall and now - overall[0] >= 1.0:
            overall.popleft()
        last = st.last_send_by_chat.get(chat_id)
        group = st.group_sends[chat_id] if chat_id < 0 else None
        if group is not None:
            while group and now - group[0] >= 60.0:
                group.popleft()
        exceeded = (
            len(overall) >= limits.overall_per_second
            or (
                last is not None
                and now - last < 1.0 / limits.per_chat_per_second - limits.chat_jitter
            )
            or (group is not None and len(group) >= limits.per_group_per_minute)
        )
        if exceeded:
            return _too_many(limits.retry_after)
        overall.append(now)
        st.last_send_by_chat[chat_id] = now
        if group is not None:
            group.append(now)
        return None

    def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        st = self._state
        offset = _as_int(params.get("offset")) or 0
        limit = _as_int(params.get("limit")) or 100
        wait = min(float(params.get("timeout") or 0), MAX_POLL_SECONDS)
        deadline = time.monotonic() + wait
        with st.lock:
            if offset:
                st.updates = [u for u in st.updates if u["update_id"] >= offset]
            while not st.updates and self._httpd is not None:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                st.lock.wait(left)
            return list(st.updates[:limit])

    def _answer(self, method: str, params: dict[str, Any]) -> Any:
        st = self._state
        try:
            check_call(method, params)
        except TelegramRejects as exc:
            raise _ApiError(400, exc.description) from exc
        if method == "getMe":
            return {
                "id": BOT_ID,
                "is_bot": True,
                "first_name": "Prisbot",
                "username": BOT_USERNAME,
                "can_join_groups": True,
                "can_read_all_group_messages": False,
                "supports_inline_queries": True,
                "can_connect_to_business": False,
                "has_main_web_app": False,
            }
        if method in ("deleteWebhook", "close", "logOut"):
            st.webhook = ""
            return True
        if method == "setWebhook":
            st.webhook = str(params.get("url", ""))
            return True
        if method == "getWebhookInfo":
            return {"url": st.webhook, "has_custom_certificate": False, "pending_update_count": 0}
        if method == "setMyCommands":
            st.commands[_scope_key(params.get("scope"))] = params.get("commands") or []
            return True
        if method == "getMyCommands":
            return st.commands.get(_scope_key(params.get("scope")), [])
        if method in ("setMyDescription", "setMyShortDescription"):
            key = "description" if method == "setMyDescription" else "short_description"
            st.descriptions[key] = str(params.get(key, ""))
            return True
        if method in ("answerCallbackQuery", "answerInlineQuery", "sendChatAction"):
            return True
        if method in ("deleteMessage", "leaveChat", "setChatMenuButton"):
            return True
        if method == "sendMessage":
            return self._new_message(params, text=str(params.get("text", "")))
        if method in ("sendPhoto", "sendDocument"):
            msg = self._new_message(params, text=None)
            if params.get("caption"):
                msg["caption"] = str(params["caption"])
            if method == "sendPhoto":
                msg["photo"] = [
                    {
                        "file_id": f"AgACphoto{msg['message_id']}",
                        "file_unique_id": f"AQAD{msg['message_id']}",
                        "width": 800,
                        "height": 600,
                        "file_size": int(params.get("_upload_bytes", 0)),
                    }
                ]
            else:
                msg["document"] = {"file_id": "BQACdoc", "file_unique_id": "AgADdoc"}
            return msg
        if method in ("editMessageText", "editMessageReplyMarkup", "editMessageCaption"):
            if params.get("inline_message_id"):
                return True
            key = (_as_int(params.get("chat_id")) or 0, _as_int(params.get("message_id")) or 0)
            msg = dict(st.messages.get(key) or self._blank_message(key[0], key[1]))
            if method == "editMessageText":
                msg["text"] = str(params.get("text", ""))
            if method == "editMessageCaption":
                msg["caption"] = str(params.get("caption", ""))
            if params.get("reply_markup"):
                msg["reply_markup"] = params["reply_markup"]
            else:
                msg.pop("reply_markup", None)
            msg["edit_date"] = int(time.time())
            st.messages[key] = msg
            return msg
        if method == "getChatMember":
            chat_id = _as_int(params.get("chat_id")) or 0
            user_id = _as_int(params.get("user_id")) or 0
            return self._member(chat_id, user_id)
        if method == "getChatAdministrators":
            chat_id = _as_int(params.get("chat_id")) or 0
            return [self._member(chat_id, uid) for uid in st.admins.get(chat_id, [])]
        if method == "getChat":
            chat_id = _as_int(params.get("chat_id")) or 0
            chat = dict(self._chat(chat_id))
            chat.setdefault("accent_color_id", 0)
            chat.setdefault("max_reaction_count", 11)
            chat.setdefault("accepted_gift_types", {})
            return chat
        raise _ApiError(404, "Not Found: method not found")

    def _chat(self, chat_id: int) -> dict[str, Any]:
        chat = self._state.chats.get(chat_id)
        if chat is None:
            chat = {"id": chat_id, "type": "private" if chat_id > 0 else "group"}
            if chat_id > 0:
                chat["first_name"] = "Test"
            else:
                chat["title"] = f"Gruppe {chat_id}"
        return chat

    def _blank_message(self, chat_id: int, message_id: int) -> dict[str, Any]:
        return {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": self._chat(chat_id),
            "from": {"id": BOT_ID, "is_bot": True, "first_name": "Prisbot"},
        }

    def _new_message(self, params: dict[str, Any], text: str | None) -> dict[str, Any]:
        st = self._state
        chat_id = _as_int(params.get("chat_id"))
        if chat_id is None:
            raise _ApiError(400, "Bad Request: chat not found")
        st.message_ids[chat_id] += 1
        msg = self._blank_message(chat_id, 100000 + st.message_ids[chat_id])
        if text is not None:
            msg["text"] = text
        if params.get("reply_markup"):
            msg["reply_markup"] = params["reply_markup"]
        st.messages[(chat_id, msg["message_id"])] = msg
        return msg

    def _member(self, chat_id: int, user_id: int) -> dict[str, Any]:
        admins = self._state.admins.get(chat_id, [])
        member_user = {"id": user_id, "is_bot": False, "first_name": "Test"}
        if user_id in admins:
            return {
                "status": "creator" if admins and admins[0] == user_id else "administrator",
                "user": member_user,
                "is_anonymous": False,
                **(
                    {}
                    if admins[0] == user_id
                    else {
                        "can_be_edited": False,
                        "can_manage_chat": True,
                        "can_delete_messages": True,
                        "can_manage_video_chats": True,
                        "can_restrict_members": True,
                        "can_promote_members": False,
                        "can_change_info": True,
                        "can_invite_users": True,
                        "can_post_stories": False,
                        "can_edit_stories": False,
                        "can_delete_stories": False,
                    }
                ),
            }
        return {"status": "member", "user": member_user}


def _scope_key(scope: Any) -> str:
    """``default`` or e.g. ``chat:777`` for a BotCommandScope object."""
    if not isinstance(scope, dict) or scope.get("type", "default") == "default":
        return "default"
    chat = scope.get("chat_id")
    return f"{scope['type']}:{chat}" if chat is not None else str(scope["type"])


class _ApiError(Exception):
    def __init__(self, code: int, description: str) -> None:
        super().__init__(description)
        self.code = code
        self.description = description


def _too_many(retry_after: int) -> dict[str, Any]:
    return {
        "ok": False,
        "error_code": 429,
        "description": f"Too Many Requests: retry after {retry_after}",
        "parameters": {"retry_after": retry_after},
    }


def _fault_body(fault: Fault) -> tuple[int, dict[str, Any]]:
    if fault.kind == "429":
        return 429, _too_many(fault.retry_after)
    if fault.kind == "403":
        text = fault.description or "Forbidden: bot was blocked by the user"
        return 403, {"ok": False, "error_code": 403, "description": text}
    if fault.kind == "migrate":
        return 400, {
            "ok": False,
            "error_code": 400,
            "description": "Bad Request: group chat was upgraded to a supergroup chat",
            "parameters": {"migrate_to_chat_id": fault.new_chat_id or -1001234567890},
        }
    if fault.kind == "old_query":
        text = "Bad Request: query is too old and response timeout expired or query ID is invalid"
        return 400, {"ok": False, "error_code": 400, "description": text}
    if fault.kind == "400":
        text = fault.description or "Bad Request: message to edit not found"
        return 400, {"ok": False, "error_code": 400, "description": text}
    code = int(fault.kind) if fault.kind.isdigit() else 500
    return code, {"ok": False, "error_code": code, "description": "Internal Server Error"}


def parse_body(content_type: str, body: bytes) -> dict[str, Any]:
    """Decode a Bot API request body (form, multipart or JSON) into parameters."""
    params: dict[str, Any] = {}
    if not body:
        return params
    if content_type.startswith("application/json"):
        return dict(json.loads(body))
    if content_type.startswith("multipart/form-data"):
        header = f"Content-Type: {content_type}\r\n\r\n".encode()
        msg = BytesParser(policy=HTTP).parsebytes(header + body)
        uploads = 0
        for part in msg.iter_parts():
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True) or b""
            if part.get_filename():
                uploads += len(payload)
                params[str(name)] = f"<upload {len(payload)} bytes>"
            else:
                params[str(name)] = _decode_value(str(name), payload.decode("utf-8"))
        params["_upload_bytes"] = uploads
        return params
    for key, value in parse_qsl(body.decode("utf-8"), keep_blank_values=True):
        params[key] = _decode_value(key, value)
    return params


def _decode_value(key: str, value: str) -> Any:
    if key in STRING_FIELDS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def _make_handler(server: FakeBotApi) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # small JSON answers must not wait for delayed ACKs

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            self._dispatch(b"")

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self._dispatch(self.rfile.read(length) if length else b"")

        def _dispatch(self, body: bytes) -> None:
            parts = urlsplit(self.path)
            path = parts.path
            try:
                if path.startswith("/_test/"):
                    status, payload = _control(server, path[len("/_test/") :], body)
                    self._reply(status, payload)
                    return
                segments = path.strip("/").split("/")
                if len(segments) != 2 or not segments[0].startswith("bot"):
                    self._reply(404, {"ok": False, "error_code": 404, "description": "Not Found"})
                    return
                token, method = segments[0][3:], segments[1]
                if server.token is not None and token != server.token:
                    self._reply(
                        401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
                    )
                    return
                params = parse_body(self.headers.get("Content-Type", ""), body)
                params.update(dict(parse_qsl(parts.query)))
                status, payload, delay = server.handle(method, params)
                if delay == LOST:  # the call was carried out; drop the connection unanswered
                    self.close_connection = True
                    return
                if delay:
                    time.sleep(delay)
                self._reply(status, payload)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def _reply(self, status: int, payload: Any) -> None:
            data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self._headers_buffer.append(b"\r\n" + data)  # headers and body in one write
            self.flush_headers()

    return Handler


def _control(server: FakeBotApi, action: str, body: bytes) -> tuple[int, Any]:
    """Test-control endpoints used by :class:`FakeBotApiClient` across processes."""
    data = json.loads(body) if body else {}
    if action == "push_update":
        return 200, {"update_id": server.push_update(data)}
    if action == "calls":
        method = data.get("method")
        since = int(data.get("since", 0))
        return 200, [
            c.to_json() for c in server.calls()[since:] if not method or c.method == method
        ]
    if action == "call_count":
        return 200, server.call_count()
    if action == "add_fault":
        server.add_fault(Fault(**data))
        return 200, True
    if action == "clear_faults":
        server.clear_faults()
        return 200, True
    if action == "clear_calls":
        server.clear_calls()
        return 200, True
    if action == "enforce_rates":
        server.enforce_rates(RateLimits(**data) if data else None)
        return 200, True
    if action == "rate_429s":
        return 200, server.rate_429s()
    if action == "set_chat_admins":
        server.set_chat_admins(int(data["chat_id"]), list(data["user_ids"]))
        return 200, True
    if action == "info":
        return 200, server.info()
    return 404, {"error": f"unknown control action {action}"}
