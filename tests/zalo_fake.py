"""A small fake Zalo: the documented OA, OAuth and Bot Platform endpoints, as one ASGI app.

It records what it receives and has switches for the failures the real services produce:
error codes, expired tokens, delays, held (slow) replies and idle long polls (408). Run it
with `LoopbackServer(FakeZalo().app)` on a free 127.0.0.1 port.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import socket
import threading
import time
import unicodedata
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


@dataclass
class CSMessage:
    user_id: str
    text: str
    access_token: str
    accepted: bool


@dataclass
class BotCall:
    token: str
    method: str
    params: dict[str, Any]


@dataclass
class FakeZalo:
    app_id: str = "app-123"
    app_secret: str = "app-secret-xyz"
    oa_secret_key: str = "oa-secret-key-abc"
    bot_token: str = "12345:bot-token"
    access_token: str = "at-0"  # the one valid OA access token
    refresh_token: str = "rt-0"  # the one valid (single-use) refresh token
    # --- switches
    oa_errors: deque[int] = field(default_factory=deque)  # codes the next CS sends answer with
    bot_errors: deque[tuple[str, int]] = field(default_factory=deque)  # (method, error_code) to answer next
    delays: dict[str, float] = field(default_factory=dict)  # "cs" | "oauth" | "bot:<method>" -> seconds
    holds: dict[str, threading.Event] = field(default_factory=dict)  # user/chat id -> released when set
    idle_polls: int = 0  # getUpdates answers 408 this many times before delivering queued updates
    idle_poll_seconds: float = 0.05
    http_status_errors: bool = True  # Bot API errors with their code as HTTP status (else HTTP 200)
    updates: deque[dict[str, Any]] = field(default_factory=deque)
    # --- records
    cs_messages: list[CSMessage] = field(default_factory=list)
    token_requests: list[dict[str, str]] = field(default_factory=list)
    bot_calls: list[BotCall] = field(default_factory=list)
    polls: int = 0
    webhook: dict[str, str] | None = None
    _generation: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def reset(self) -> None:
        fresh = FakeZalo(self.app_id, self.app_secret, self.oa_secret_key, self.bot_token)
        with self._lock:
            for name in fresh.__dataclass_fields__:
                if name != "_lock":
                    setattr(self, name, getattr(fresh, name))

    # ------------------------------------------------------------------ switches

    def expire_token(self) -> None:
        """The current access token stops working (as after 25 hours)."""
        with self._lock:
            self.access_token = f"at-expired-{time.monotonic_ns()}"

    def hold(self, user_id: str) -> threading.Event:
        """Replies to `user_id` wait until the returned event is set."""
        event = threading.Event()
        self.holds[user_id] = event
        return event

    # ------------------------------------------------------------------ reading the records

    def delivered_to(self, user_id: str) -> list[str]:
        """Texts the OA accepted for `user_id`, in order."""
        with self._lock:
            return [m.text for m in self.cs_messages if m.user_id == user_id and m.accepted]

    def bot_sent(self, chat_id: str, method: str = "sendMessage") -> list[BotCall]:
        with self._lock:
            return [c for c in self.bot_calls if c.method == method and str(c.params.get("chat_id")) == chat_id]

    def bot_calls_for(self, chat_id: str) -> list[BotCall]:
        with self._lock:
            return [c for c in self.bot_calls if str(c.params.get("chat_id")) == chat_id]

    def bot_texts(self, chat_id: str) -> list[str]:
        return [str(c.params.get("text")) for c in self.bot_sent(chat_id)]

    # ------------------------------------------------------------------ the ASGI app

    @property
    def app(self) -> Starlette:
        return Starlette(routes=[
            Route("/v3.0/oa/message/cs", self._cs, methods=["POST"]),
            Route("/v4/oa/access_token", self._oauth, methods=["POST"]),
            Route("/bot{token}/{method}", self._bot, methods=["GET", "POST"]),
        ])

    async def _pause(self, key: str, user_id: str | None = None) -> None:
        if self.delays.get(key):
            await asyncio.sleep(self.delays[key])
        gate = self.holds.get(user_id or "")
        if gate is not None:
            await asyncio.to_thread(gate.wait, 60)

    async def _cs(self, request: Request) -> JSONResponse:
        token = request.headers.get("access_token", "")
        try:
            body = json.loads(await request.body())
            user_id = str(body["recipient"]["user_id"])
            text = str(body["message"]["text"])
        except (ValueError, KeyError, TypeError):
            return JSONResponse({"error": -201, "message": "Parameters are invalid"})
        await self._pause("cs", user_id)
        with self._lock:
            if self.oa_errors:
                code = self.oa_errors.popleft()
            elif token != self.access_token:
                code = -216
            elif not 0 < len(unicodedata.normalize("NFC", text)) <= 2000 or text != unicodedata.normalize("NFC", text):
                code = -201
            else:
                code = 0
            self.cs_messages.append(CSMessage(user_id, text, token, code == 0))
        if code:
            return JSONResponse({"error": code, "message": f"fake error {code}"})
        digest = hashlib.sha1(f"{user_id}{text}{time.monotonic_ns()}".encode()).hexdigest()
        return JSONResponse({"error": 0, "message": "Success", "data": {"message_id": digest, "user_id": user_id}})

    async def _oauth(self, request: Request) -> JSONResponse:
        form = {k: str(v) for k, v in (await request.form()).items()}
        await self._pause("oauth")
        with self._lock:
            self.token_requests.append({**form, "secret_key": request.headers.get("secret_key", "")})
            if (request.headers.get("secret_key") != self.app_secret or form.get("app_id") != self.app_id
                    or form.get("grant_type") != "refresh_token"):
                return JSONResponse({"error": -14002, "error_name": "Invalid app", "error_description": "bad app"})
            if form.get("refresh_token") != self.refresh_token:
                return JSONResponse({"error": -14014, "error_name": "Invalid refresh token",
                                     "error_description": "refresh token is invalid or used"})
            self._generation += 1
            self.access_token = f"at-{self._generation}"
            self.refresh_token = f"rt-{self._generation}"  # the old one is spent
            return JSONResponse({"access_token": self.access_token, "refresh_token": self.refresh_token,
                                 "expires_in": "90000"})

    def _bot_error(self, code: int, description: str) -> JSONResponse:
        status = code if self.http_status_errors and 400 <= code < 600 else 200
        return JSONResponse({"ok": False, "error_code": code, "description": description}, status_code=status)

    async def _bot(self, request: Request) -> JSONResponse:
        token, method = request.path_params["token"], request.path_params["method"]
        params: dict[str, Any] = dict(request.query_params)
        raw = await request.body()
        if raw:
            try:
                params.update(json.loads(raw))
            except ValueError:
                return self._bot_error(400, "Bad Request: body is not JSON")
        with self._lock:
            self.bot_calls.append(BotCall(token, method, params))
        if token != self.bot_token:
            return self._bot_error(401, "Unauthorized")
        await self._pause(f"bot:{method}", str(params.get("chat_id", "")) or None)
        with self._lock:
            for i, (failing, code) in enumerate(self.bot_errors):
                if failing == method:
                    del self.bot_errors[i]
                    return self._bot_error(code, f"fake error {code}")
        if method == "getUpdates":
            return await self._get_updates(params)
        if method == "getMe":
            return JSONResponse({"ok": True, "result": {"id": "bot-1", "account_name": "planqa.bot",
                                                        "account_type": "BASIC", "can_join_groups": False}})
        if method == "setWebhook":
            url, secret = str(params.get("url", "")), str(params.get("secret_token", ""))
            if not url.startswith("https://") or not 8 <= len(secret) <= 256:
                return self._bot_error(400, "Bad Request: url must be HTTPS, secret_token 8-256 characters")
            self.webhook = {"url": url, "secret_token": secret}
            return JSONResponse({"ok": True, "result": {"url": url, "updated_at": int(time.time() * 1000)}})
        if method == "deleteWebhook":
            self.webhook = None
            return JSONResponse({"ok": True, "result": {"url": "", "updated_at": int(time.time() * 1000)}})
        if method == "getWebhookInfo":
            return JSONResponse({"ok": True, "result": {"url": (self.webhook or {}).get("url", "")}})
        if method == "sendMessage":
            text = params.get("text")
            if not params.get("chat_id") or not isinstance(text, str) or not 1 <= len(text) <= 2000:
                return self._bot_error(400, "Bad Request: text must be 1-2000 characters")
            return JSONResponse({"ok": True, "result": {"message_id": f"m{time.monotonic_ns()}",
                                                        "date": int(time.time() * 1000)}})
        if method == "sendChatAction":
            return JSONResponse({"ok": True, "result": True})
        return self._bot_error(404, "Not Found")

    async def _get_updates(self, params: dict[str, Any]) -> JSONResponse:
        with self._lock:
            self.polls += 1
            idle = self.idle_polls > 0 or not self.updates
            if self.idle_polls > 0:
                self.idle_polls -= 1
            update = None if idle else self.updates.popleft()
        if update is None:
            await asyncio.sleep(min(float(params.get("timeout", 30)), self.idle_poll_seconds))
            return self._bot_error(408, "Request timeout")
        return JSONResponse({"ok": True, "result": update})


class LoopbackServer:
    """uvicorn serving an ASGI app on a free 127.0.0.1 port, in a background thread."""

    def __init__(self, app: Any) -> None:
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._socket.getsockname()[1]}"
        config = uvicorn.Config(app, log_config=None, access_log=False, lifespan="on", timeout_graceful_shutdown=5)
        self.server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self._socket]}, daemon=True)

    def __enter__(self) -> LoopbackServer:
        self._thread.start()
        wait_until(lambda: self.server.started or not self._thread.is_alive(), what="uvicorn to start")
        if not self.server.started:
            raise RuntimeError("uvicorn did not start")
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self._thread.join(timeout=30)
        self._socket.close()


def wait_until(condition: Callable[[], object], timeout: float = 60.0, what: str = "the condition") -> None:
    """Poll `condition` until it is true; fail after a generous `timeout` (never a timing assertion)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.01)
