"""Zalo Bot Platform: the webhook (secret token), a thin Bot API client, and a long-polling worker.

The Bot API is Telegram-like: `POST <base>/bot<TOKEN>/<method>` answers
`{"ok": bool, "result": …, "description": …, "error_code": …}`. An idle `getUpdates` ends with
error_code 408, which only means "no update yet".
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Callable
from typing import Any

import httpx
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from api.zalo.chat import UNSUPPORTED_TEXT
from api.zalo.messages import split_message
from api.zalo.runtime import ZaloRuntime, runtime_for
from api.zalo.settings import ZaloSettings, secret_value
from api.zalo.signature import verify_bot_secret

log = logging.getLogger("planqa.zalo")

IDLE_POLL = 408
RATE_LIMITED = 429
UNSUPPORTED_EVENTS = {
    "message.image.received": "image",
    "message.sticker.received": "sticker",
    "message.file.received": "file",
    "message.unsupported.received": "unreadable",
}

router = APIRouter(tags=["zalo"])


class BotApiError(Exception):
    def __init__(self, error_code: int, description: str) -> None:
        super().__init__(f"{error_code}: {description}")
        self.error_code = error_code
        self.description = description


class BotClient:
    def __init__(self, settings: ZaloSettings, http: Callable[[], httpx.AsyncClient]) -> None:
        self.settings = settings
        self._http = http

    async def call(self, method: str, http_timeout: float | None = None, **params: Any) -> Any:
        """The `result` of a Bot API method; BotApiError when `ok` is false (or the answer is not JSON)."""
        url = f"{self.settings.bot_api_base}/bot{secret_value(self.settings.bot_token)}/{method}"
        if http_timeout is None:
            response = await self._http().post(url, json=params)
        else:
            response = await self._http().post(url, json=params, timeout=httpx.Timeout(http_timeout))
        try:
            body = response.json()
        except ValueError:
            raise BotApiError(response.status_code, "not JSON") from None
        if not isinstance(body, dict):
            raise BotApiError(response.status_code, "unexpected answer")
        if body.get("ok") is True and response.status_code < 400:
            return body.get("result")
        code = body.get("error_code") or response.status_code
        try:
            code = int(code)
        except (TypeError, ValueError):
            code = response.status_code
        raise BotApiError(code, str(body.get("description") or ""))

    async def get_me(self) -> Any:
        return await self.call("getMe")

    async def get_updates(self, timeout: int) -> list[dict[str, Any]]:
        """Updates waiting (usually one); [] after an idle poll (408)."""
        try:
            result = await self.call("getUpdates", http_timeout=timeout + self.settings.http_timeout_seconds,
                                     timeout=timeout)
        except BotApiError as exc:
            if exc.error_code == IDLE_POLL:
                return []
            raise
        if isinstance(result, list):
            return [u for u in result if isinstance(u, dict)]
        return [result] if isinstance(result, dict) else []

    async def set_webhook(self, url: str, secret_token: str) -> Any:
        return await self.call("setWebhook", url=url, secret_token=secret_token)

    async def delete_webhook(self) -> Any:
        return await self.call("deleteWebhook")

    async def get_webhook_info(self) -> Any:
        return await self.call("getWebhookInfo")

    async def send(self, method: str, user_key: str = "", **params: Any) -> bool:
        """Call a sending method with back-off on 429; log other failures; True when accepted."""
        fields = {"channel": "bot", "user": user_key, "method": method}
        for attempt in range(self.settings.retry_limit + 1):
            try:
                await self.call(method, **params)
                return True
            except httpx.TimeoutException:
                log.warning("Bot API timed out", extra={"event": "zalo_bot_timeout", **fields})
                return False
            except httpx.HTTPError as exc:
                log.warning("Bot API unreachable", extra={"event": "zalo_bot_network_error",
                                                          "error": type(exc).__name__, **fields})
                return False
            except BotApiError as exc:
                if exc.error_code == RATE_LIMITED and attempt < self.settings.retry_limit:
                    delay = min(self.settings.backoff_seconds * 2 ** attempt, self.settings.max_backoff_seconds)
                    log.warning("Bot API rate limit; backing off", extra={"event": "zalo_bot_rate_limited",
                                                                          "delay_s": delay, **fields})
                    await asyncio.sleep(delay)
                    continue
                log.error("Bot API refused", extra={"event": "zalo_bot_error", "error": exc.error_code,
                                                    "reason": exc.description, **fields})
                return False
        return False


# ---------------------------------------------------------------------------- updates


def unwrap_update(body: Any) -> dict[str, Any] | None:
    """The update, from `{"ok": true, "result": {...}}` or the bare `{"event_name": ..., "message": ...}`."""
    if not isinstance(body, dict):
        return None
    if isinstance(body.get("result"), dict) and "message" not in body:
        body = body["result"]
    return body if isinstance(body.get("message"), dict) else None


def update_key(update: dict[str, Any]) -> str | None:
    message = update["message"]
    if message.get("message_id"):
        return f"bot:{message['message_id']}"
    chat = message.get("chat") if isinstance(message.get("chat"), dict) else {}
    if message.get("date") and chat:
        return f"bot:{chat.get('id')}:{message['date']}"
    return None


def accept_update(runtime: ZaloRuntime, update: dict[str, Any]) -> bool:
    """Dedupe and hand an update to the background; False for a redelivery."""
    key = update_key(update)
    if key is not None and not runtime.first_delivery(key):
        log.info("bot update delivered again; ignored", extra={"event": "zalo_bot_duplicate"})
        return False
    runtime.spawn(handle_update(runtime, update), "bot")
    return True


async def handle_update(runtime: ZaloRuntime, update: dict[str, Any]) -> None:
    client = runtime.bot
    message = update["message"]
    chat = message.get("chat") if isinstance(message.get("chat"), dict) else {}
    sender = message.get("from") if isinstance(message.get("from"), dict) else {}
    chat_id = str((chat or {}).get("id") or (sender or {}).get("id") or "")
    if client is None or not chat_id or (sender or {}).get("is_bot") is True:
        return
    user_key = runtime.sessions.user_key("bot", chat_id)
    name = str(update.get("event_name") or "")
    text = message.get("text")
    async with runtime.sessions.get(user_key).lock:  # taken before any await: replies keep the order
        if name == "message.text.received" or (not name and isinstance(text, str)):
            await client.send("sendChatAction", user_key, chat_id=chat_id, action="typing")
            replies = await runtime.engine.reply("bot", user_key, str(text or ""))
        else:
            log.info("unsupported message", extra={"event": "zalo_unsupported", "channel": "bot", "kind": name,
                                                   "user": user_key})
            replies = split_message(UNSUPPORTED_TEXT[UNSUPPORTED_EVENTS.get(name, "other")])
        for part in replies:
            if not await client.send("sendMessage", user_key, chat_id=chat_id, text=part):
                break


@router.post("/zalo/bot/webhook", summary="Zalo Bot Platform updates")
async def bot_webhook(request: Request) -> JSONResponse:
    runtime = runtime_for(request.app)
    settings = runtime.settings
    if not settings.bot_enabled:
        return JSONResponse({"error": {"code": "zalo_bot_disabled",
                                       "message": "The Zalo bot webhook is not configured on this server."}},
                            status_code=404)
    if not verify_bot_secret(request.headers.get("x-bot-api-secret-token"), secret_value(settings.bot_secret_token)):
        log.warning("bot update with a wrong secret token", extra={"event": "zalo_bot_bad_secret"})
        return JSONResponse({"error": {"code": "bad_secret_token", "message": "Wrong X-Bot-Api-Secret-Token."}},
                            status_code=403)
    try:
        update = unwrap_update(json.loads(await request.body()))
    except ValueError:
        update = None
    if update is None:
        log.warning("bot update not understood", extra={"event": "zalo_bot_bad_update"})
        return JSONResponse({"ok": True, "ignored": True})  # 200: a retry would not help
    duplicate = not accept_update(runtime, update)
    return JSONResponse({"ok": True, **({"duplicate": True} if duplicate else {})})


# ---------------------------------------------------------------------------- polling


class BotPoller:
    """Long-polls getUpdates and answers each update like the webhook does."""

    def __init__(self, runtime: ZaloRuntime) -> None:
        client = runtime.bot
        if client is None:
            raise ValueError("PLANQA_ZALO_BOT_TOKEN is not set")
        self.runtime = runtime
        self.client = client
        self.polls = 0

    async def run(self, stop: asyncio.Event | None = None, max_updates: int | None = None) -> int:
        """Poll until `stop` is set (or `max_updates` were handled); returns the updates handled."""
        stop = stop or asyncio.Event()
        settings = self.runtime.settings
        handled = 0
        delay = settings.backoff_seconds
        log.info("polling Zalo bot updates", extra={"event": "zalo_bot_polling"})
        while not stop.is_set() and (max_updates is None or handled < max_updates):
            self.polls += 1
            try:
                updates = await self._poll_once(stop)
            except (httpx.HTTPError, BotApiError) as exc:
                code = exc.error_code if isinstance(exc, BotApiError) else None
                log.warning("getUpdates failed; backing off",
                            extra={"event": "zalo_bot_poll_error", "error": code or type(exc).__name__,
                                   "delay_s": delay})
                if code == 401:
                    log.error("the bot token was refused (PLANQA_ZALO_BOT_TOKEN)", extra={"event": "zalo_bot_bad_token"})
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), delay)
                delay = min(delay * 2, settings.max_backoff_seconds)
                continue
            delay = settings.backoff_seconds
            for body in updates:
                update = unwrap_update(body)
                if update is not None and accept_update(self.runtime, update):
                    handled += 1
        await self.runtime.drain()
        return handled

    async def _poll_once(self, stop: asyncio.Event) -> list[dict[str, Any]]:
        """One getUpdates, abandoned as soon as `stop` is set (a long poll can last a minute)."""
        poll = asyncio.ensure_future(self.client.get_updates(self.runtime.settings.poll_timeout_seconds))
        stopped = asyncio.ensure_future(stop.wait())
        try:
            await asyncio.wait({poll, stopped}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            stopped.cancel()
        if not poll.done():
            poll.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await poll
            return []
        return poll.result()
