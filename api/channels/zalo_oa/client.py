"""Zalo Official Account: the customer-service message client and token refresh.

Zalo answers every API call with HTTP 200 and an `error` field; the client branches on it:
-216/-220 (token invalid or expired) refresh the token once, behind one lock, then retry once;
-230/-232 (no interaction for 7 days), -213 (not a follower), -227/-244/-217 (user banned or
inactive, message type restricted, invitation blocked) drop the message; -32 (rate limit) backs
off and retries (tenacity, PLANQA_CHAT_RETRY_LIMIT times); -320/-321 (a Zalo Cloud Account is
needed) and -211/-218 (quota) are logged as configuration and quota problems; after a quota
error nothing is sent for QUOTA_PAUSE_SECONDS.

With a shared state (Redis, api.state), the refresh is also one across processes: the worker that
takes the lock (SET NX PX) refreshes and stores the new pair in the shared state; the others wait
for it and use that pair, since Zalo's refresh token is single-use and a second refresh would fail.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from dataclasses import asdict
from typing import TYPE_CHECKING, Any, Literal

import httpx
from tenacity import RetryCallState

from api.channels.core.retry import ApiRateLimited, next_delay, retrying
from api.channels.core.runtime import ChatRuntime
from api.channels.core.settings import ChatSettings
from api.channels.zalo_oa.settings import ZaloOASettings
from api.channels.zalo_oa.tokens import OATokens, TokenStore, initial_tokens, seed_of
from api.logs import install_redaction, register_secrets
from api.settings import ServiceSettings
from core.errors import PlanqaError
from core.settings import secret_value

if TYPE_CHECKING:
    from api.state import SharedState

log = logging.getLogger("planqa.zalo")

TOKEN_ERRORS = frozenset({-216, -220})
DROP_ERRORS = {
    -230: "no interaction in 7 days", -232: "no interaction in 7 days", -213: "user does not follow the OA",
    -227: "user banned or inactive for 45 days", -244: "user restricted this message type",
    -217: "user blocked the OA's invitation",
}
# Problems of the OA's account, not of one message: each gets its own event and a line saying what to do.
ACCOUNT_ERRORS = {
    -320: ("zalo_oa_config_error", "sending after 48 h needs a linked, funded Zalo Cloud Account"),
    -321: ("zalo_oa_config_error", "sending after 48 h needs a linked, funded Zalo Cloud Account"),
    -211: ("zalo_oa_quota_exceeded", "the OA's message quota is exceeded; messages fail until it resets"),
    -218: ("zalo_oa_quota_exceeded", "the OA's message quota is exceeded; messages fail until it resets"),
}
RATE_LIMITED = -32
BAD_PARAMETER = -201
REFRESH_MARGIN_SECONDS = 120
QUOTA_ERRORS = frozenset({-211, -218})
QUOTA_PAUSE_SECONDS = 300  # after a quota error, messages are not sent (each would fail the same way)
SHARED_TOKENS_KEY = "zalo:oa:tokens"
REFRESH_LOCK = "zalo:oa:refresh"
REFRESH_LOCK_SECONDS = 30.0  # longer than one refresh call; a worker killed mid-refresh frees it then
SHARED_TOKENS_TTL_SECONDS = 90 * 86400  # a refresh token lives about three months

SendOutcome = Literal["sent", "dropped", "failed"]


class OAClient:
    """Sends customer-service messages and keeps the access token fresh."""

    def __init__(self, settings: ZaloOASettings, chat: ChatSettings, http: Callable[[], httpx.AsyncClient],
                 store: TokenStore, state: SharedState | None = None) -> None:
        self.settings = settings
        self.chat = chat
        self._http = http
        register_secrets([settings.app_secret, settings.oa_secret_key, settings.oa_access_token,
                          settings.oa_refresh_token])
        install_redaction()
        self.store = store
        self.tokens = initial_tokens(settings, store)
        if self.tokens is not None:  # the stored pair may differ from the configured seed
            register_secrets([self.tokens.access_token, self.tokens.refresh_token])
        self._refresh_lock = asyncio.Lock()
        self._quota_paused_until = 0.0
        self.state = state if state is not None and state.shared else None
        self.refresh_poll_seconds = 0.05

    async def send_text(self, user_id: str, text: str, user_key: str = "") -> SendOutcome:
        fields: dict[str, Any] = {"channel": "oa", "user": user_key}
        if time.monotonic() < self._quota_paused_until:
            log.warning("OA message not sent: backing off after a quota error",
                        extra={"event": "zalo_oa_quota_backoff", **fields})
            return "failed"

        def backing_off(state: RetryCallState) -> None:
            log.warning("OA rate limit; backing off", extra={"event": "zalo_oa_rate_limited",
                                                             "delay_s": next_delay(state), **fields})

        try:
            outcome: SendOutcome = await retrying(self.chat, ApiRateLimited, backing_off)(
                self._send_once, user_id, text, fields)
        except ApiRateLimited as exc:
            log.error("OA message not sent", extra={"event": "zalo_oa_error", "error": RATE_LIMITED,
                                                    "reason": exc.message, **fields})
            return "failed"
        return outcome

    async def _send_once(self, user_id: str, text: str, fields: dict[str, Any], refreshed: bool = False) -> SendOutcome:
        """One message; refreshes a rejected token once; raises ApiRateLimited on -32."""
        token = await self._usable_token()
        if not token:
            log.error("no OA access token; set PLANQA_ZALO_OA_ACCESS_TOKEN or PLANQA_ZALO_OA_REFRESH_TOKEN",
                      extra={"event": "zalo_oa_no_token", **fields})
            return "failed"
        body = await self._post(token, user_id, text, fields)
        if body is None:
            return "failed"
        code = int(body["error"])
        if code == 0:
            log.info("OA message sent", extra={"event": "zalo_oa_sent", "chars": len(text), **fields})
            return "sent"
        if code in TOKEN_ERRORS and not refreshed:
            log.info("OA access token rejected; refreshing", extra={"event": "zalo_oa_token_rejected",
                                                                    "error": code, **fields})
            if await self.refresh(stale=token):
                return await self._send_once(user_id, text, fields, refreshed=True)
            return "failed"
        if code in DROP_ERRORS:
            log.info("OA message dropped", extra={"event": "zalo_oa_dropped", "error": code,
                                                  "reason": DROP_ERRORS[code], **fields})
            return "dropped"
        if code == RATE_LIMITED:
            raise ApiRateLimited(str(body.get("message", "rate limited")))
        if code in ACCOUNT_ERRORS:
            if code in QUOTA_ERRORS:
                self._quota_paused_until = time.monotonic() + QUOTA_PAUSE_SECONDS
            event, reason = ACCOUNT_ERRORS[code]
            log.error(f"OA message not sent: {reason}", extra={"event": event, "error": code, "reason": reason,
                                                                 **fields})
            return "failed"
        reason = "bad parameter (a bug in planqa)" if code == BAD_PARAMETER else str(body.get("message", ""))
        log.error("OA message not sent", extra={"event": "zalo_oa_error", "error": code, "reason": reason,
                                                **fields})
        return "failed"

    async def _post(self, token: str, user_id: str, text: str, fields: dict[str, Any]) -> dict[str, Any] | None:
        """Zalo's answer (with an int `error`), or None after logging why there is none."""
        try:
            response = await self._http().post(
                f"{self.settings.oa_api_base}/v3.0/oa/message/cs",
                json={"recipient": {"user_id": user_id}, "message": {"text": text}},
                headers={"access_token": token},
            )
        except httpx.TimeoutException:
            log.warning("OA send timed out", extra={"event": "zalo_oa_timeout", **fields})
            return None
        except httpx.HTTPError as exc:
            log.warning("OA send failed", extra={"event": "zalo_oa_network_error", "error": type(exc).__name__,
                                                 **fields})
            return None
        if response.status_code != 200:
            log.error("OA answered with an HTTP error", extra={"event": "zalo_oa_http_error",
                                                               "status": response.status_code, **fields})
            return None
        try:
            body = response.json()
            body["error"] = int(body.get("error", 0))
        except (ValueError, TypeError, AttributeError):
            log.error("OA answered with something not JSON", extra={"event": "zalo_oa_bad_response", **fields})
            return None
        return dict(body)

    async def _usable_token(self) -> str:
        await self._adopt_shared()
        tokens = self.tokens
        if tokens is None:
            return ""
        expired = tokens.expires_at is not None and time.time() >= tokens.expires_at - REFRESH_MARGIN_SECONDS
        if (not tokens.access_token or expired) and tokens.refresh_token:
            await self.refresh(stale=tokens.access_token)
            tokens = self.tokens or tokens
        return tokens.access_token

    async def _adopt_shared(self) -> bool:
        """Take the pair another worker stored in the shared state, if it is newer; True if taken."""
        if self.state is None:
            return False
        data = await asyncio.to_thread(self.state.get_json, SHARED_TOKENS_KEY)
        if not isinstance(data, dict):
            return False
        try:
            shared = OATokens(str(data["access_token"]), str(data["refresh_token"]),
                              float(data["expires_at"]) if data.get("expires_at") else None, str(data.get("seed", "")))
        except (KeyError, TypeError, ValueError):
            return False
        current = self.tokens
        configured = seed_of(secret_value(self.settings.oa_refresh_token))
        if configured and shared.seed != configured:
            return False  # rotated from a refresh token that is no longer the configured one
        if current is not None and current.access_token == shared.access_token:
            return False
        register_secrets([shared.access_token, shared.refresh_token])
        self.tokens = shared
        return True

    async def refresh(self, stale: str) -> bool:
        """Get a new token pair, unless another task already replaced `stale`; True when usable."""
        async with self._refresh_lock:
            current = self.tokens
            if current is not None and current.access_token and current.access_token != stale:
                return True  # refreshed by someone else while we waited
            if self.state is None:
                return await self._refresh_now()
            return await self._refresh_shared(stale)

    async def _refresh_shared(self, stale: str) -> bool:
        """One refresh among every worker: take the lock, or wait for the holder's new pair."""
        assert self.state is not None
        state = self.state
        deadline = time.monotonic() + REFRESH_LOCK_SECONDS
        while True:
            if await self._adopt_shared() and self.tokens is not None and self.tokens.access_token != stale:
                return True
            lock = await asyncio.to_thread(state.try_lock, REFRESH_LOCK, REFRESH_LOCK_SECONDS)
            if lock is not None:
                break
            if time.monotonic() > deadline:
                log.error("OA token refresh: another worker held the lock too long",
                          extra={"event": "zalo_oa_refresh_lock_timeout"})
                return False
            await asyncio.sleep(self.refresh_poll_seconds)
        try:
            # The holder before us may have finished between our read and our lock.
            if await self._adopt_shared() and self.tokens is not None and self.tokens.access_token != stale:
                return True
            return await self._refresh_now()
        finally:
            await asyncio.to_thread(state.unlock, REFRESH_LOCK, lock)

    async def _refresh_now(self) -> bool:
        """Call Zalo's refresh endpoint with the current refresh token; store the new pair."""
        current = self.tokens
        refresh_token = current.refresh_token if current else ""
        app_secret = secret_value(self.settings.app_secret)
        if not (refresh_token and app_secret and self.settings.app_id):
            log.error("cannot refresh the OA token: app id, app secret or refresh token missing",
                      extra={"event": "zalo_oa_refresh_impossible"})
            return False
        try:
            response = await self._http().post(
                f"{self.settings.oauth_base}/v4/oa/access_token",
                data={"refresh_token": refresh_token, "app_id": self.settings.app_id,
                      "grant_type": "refresh_token"},
                headers={"secret_key": app_secret},
            )
            body = response.json()
        except httpx.HTTPError as exc:
            log.warning("OA token refresh failed", extra={"event": "zalo_oa_refresh_network_error",
                                                          "error": type(exc).__name__})
            return False
        except ValueError:
            log.error("OA token refresh answered with something not JSON",
                      extra={"event": "zalo_oa_refresh_failed", "status": response.status_code})
            return False
        if not isinstance(body, dict) or not body.get("access_token") or not body.get("refresh_token"):
            error = body.get("error") if isinstance(body, dict) else None
            log.error("OA token refresh refused", extra={"event": "zalo_oa_refresh_failed", "error": error})
            return False
        expires_at = None
        with contextlib.suppress(KeyError, TypeError, ValueError):
            expires_at = time.time() + float(body["expires_in"])
        seed = current.seed if current and current.seed else seed_of(secret_value(self.settings.oa_refresh_token))
        tokens = OATokens(str(body["access_token"]), str(body["refresh_token"]), expires_at, seed)
        register_secrets([tokens.access_token, tokens.refresh_token])
        self.tokens = tokens
        if self.state is not None:
            # First the shared copy: the other workers wait for it, and the old refresh token is spent.
            try:
                await asyncio.to_thread(self.state.put_json, SHARED_TOKENS_KEY, asdict(tokens),
                                        SHARED_TOKENS_TTL_SECONDS)
            except PlanqaError as exc:
                log.critical("rotated OA tokens could not be shared; other workers will fail to refresh",
                             extra={"event": "zalo_oa_token_share_failed", "error": exc.message})
        try:
            await asyncio.to_thread(self.store.save, tokens)
        except OSError as exc:
            # The old refresh token is spent: keep the new pair in memory rather than lose it.
            log.critical("rotated OA tokens could not be saved; they live in memory only",
                         extra={"event": "zalo_oa_token_store_failed", "error": str(exc)})
        log.info("OA token refreshed", extra={"event": "zalo_oa_refreshed"})
        return True


def make_client(settings: ServiceSettings, runtime: ChatRuntime) -> OAClient | None:
    """The OA client when the channel is configured (app id and OA secret key), else None."""
    oa = settings.channels.zalo_oa
    if not oa.enabled:
        return None
    return OAClient(oa, settings.channels.chat, lambda: runtime.http, TokenStore(oa.oa_token_store), runtime.state)
