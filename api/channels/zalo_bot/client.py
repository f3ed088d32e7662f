"""A thin Zalo Bot API client.

The Bot API is Telegram-like: `POST <base>/bot<TOKEN>/<method>` answers
`{"ok": bool, "result": …, "description": …, "error_code": …}`. An idle `getUpdates` ends with
error_code 408, which only means "no update yet".
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import httpx
from tenacity import RetryCallState

from api.channels.core.retry import ApiRateLimited, next_delay, retrying
from api.channels.core.runtime import ChatRuntime
from api.channels.core.settings import ChatSettings
from api.channels.zalo_bot.settings import ZaloBotSettings
from api.logs import install_redaction, register_secrets
from api.settings import ServiceSettings
from core.errors import PlanqaError
from core.settings import secret_value

log = logging.getLogger("planqa.zalo")

IDLE_POLL = 408
RATE_LIMITED = 429


class BotApiError(PlanqaError):
    """The Bot API answered `ok: false` (or not JSON); `error_code` is Zalo's."""

    def __init__(self, error_code: int, description: str) -> None:
        super().__init__(f"{error_code}: {description}".rstrip(": "))
        self.error_code = error_code
        self.description = description


class BotClient:
    def __init__(self, settings: ZaloBotSettings, chat: ChatSettings, http: Callable[[], httpx.AsyncClient]) -> None:
        self.settings = settings
        self.chat = chat
        self._http = http
        # Every call's URL holds the token, and httpx logs URLs: keep it out of all log lines.
        register_secrets([settings.bot_token, settings.bot_secret_token])
        install_redaction()

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
            result = await self.call("getUpdates", http_timeout=timeout + self.chat.http_timeout_seconds,
                                     timeout=timeout)
        except BotApiError as exc:
            if exc.error_code == IDLE_POLL:
                return []
            raise
        if isinstance(result, list):
            return [u for u in result if isinstance(u, dict)]
        return [result] if isinstance(result, dict) else []

    async def send(self, method: str, user_key: str = "", **params: Any) -> bool:
        """Call a sending method, backing off on 429; log other failures; True when accepted."""
        fields = {"channel": "bot", "user": user_key, "method": method}

        def backing_off(state: RetryCallState) -> None:
            log.warning("Bot API rate limit; backing off", extra={"event": "zalo_bot_rate_limited",
                                                                  "delay_s": next_delay(state), **fields})

        try:
            await retrying(self.chat, ApiRateLimited, backing_off)(self._send_once, method, params)
            return True
        except httpx.TimeoutException:
            log.warning("Bot API timed out", extra={"event": "zalo_bot_timeout", **fields})
        except httpx.HTTPError as exc:
            log.warning("Bot API unreachable", extra={"event": "zalo_bot_network_error",
                                                      "error": type(exc).__name__, **fields})
        except ApiRateLimited as exc:
            log.error("Bot API refused", extra={"event": "zalo_bot_error", "error": RATE_LIMITED,
                                                "reason": exc.message, **fields})
        except BotApiError as exc:
            log.error("Bot API refused", extra={"event": "zalo_bot_error", "error": exc.error_code,
                                                "reason": exc.description, **fields})
        return False

    async def _send_once(self, method: str, params: dict[str, Any]) -> None:
        try:
            await self.call(method, **params)
        except BotApiError as exc:
            if exc.error_code == RATE_LIMITED:
                raise ApiRateLimited(exc.description or "rate limited") from exc
            raise


def make_client(settings: ServiceSettings, runtime: ChatRuntime) -> BotClient | None:
    """The Bot API client when a bot token is set (polling needs nothing more), else None."""
    bot = settings.channels.zalo_bot
    if not secret_value(bot.bot_token):
        return None
    return BotClient(bot, settings.channels.chat, lambda: runtime.http)
