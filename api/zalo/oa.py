"""Zalo Official Account: the signed webhook, the customer-service message client, token refresh.

Zalo answers every API call with HTTP 200 and an `error` field; the client branches on it:
-216/-220 (token invalid or expired) refresh the token once, behind one lock, then retry once;
-230/-232 (no interaction for 7 days) and -213 (not a follower) drop the message; -32 (rate
limit) backs off and retries. The refresh token is single-use, so each rotated pair is written
to disk (temp file + os.replace) before it is used.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

import httpx
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from api.zalo.chat import UNSUPPORTED_TEXT, WELCOME_TEXT
from api.zalo.messages import split_message
from api.zalo.runtime import ZaloRuntime, runtime_for
from api.zalo.settings import ZaloSettings, secret_value
from api.zalo.signature import timestamp_is_fresh, verify_oa_signature

log = logging.getLogger("planqa.zalo")

TOKEN_ERRORS = frozenset({-216, -220})
DROP_ERRORS = {-230: "no interaction in 7 days", -232: "no interaction in 7 days", -213: "user does not follow the OA"}
RATE_LIMITED = -32
BAD_PARAMETER = -201
REFRESH_MARGIN_SECONDS = 120

SendOutcome = Literal["sent", "dropped", "failed"]

UNSUPPORTED_EVENTS = {
    "user_send_image": "image", "user_send_gif": "image", "user_send_sticker": "sticker",
    "user_send_file": "file", "user_send_audio": "other", "user_send_video": "other",
    "user_send_location": "other", "user_send_link": "other", "user_send_business_card": "other",
}

router = APIRouter(tags=["zalo"])


# ---------------------------------------------------------------------------- tokens


@dataclass(frozen=True)
class OATokens:
    access_token: str
    refresh_token: str
    expires_at: float | None = None  # epoch seconds; None when unknown
    seed: str = ""  # hash of the configured refresh token these were rotated from


class TokenStore:
    """The rotated OA tokens on disk (JSON, owner-only), replaced atomically."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> OATokens | None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return OATokens(str(data["access_token"]), str(data["refresh_token"]),
                            float(data["expires_at"]) if data.get("expires_at") else None, str(data.get("seed", "")))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            log.error("OA token store unreadable; using the configured tokens",
                      extra={"event": "zalo_oa_token_store_unreadable", "path": str(self.path)})
            return None

    def save(self, tokens: OATokens) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".oa_tokens.", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                os.chmod(tmp, 0o600)
                json.dump(asdict(tokens), out)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise


def _seed(refresh_token: str) -> str:
    return hashlib.sha256(refresh_token.encode()).hexdigest()[:16] if refresh_token else ""


def initial_tokens(settings: ZaloSettings, store: TokenStore) -> OATokens | None:
    """The stored (rotated) tokens, unless the configured refresh token changed since they were stored."""
    configured = OATokens(secret_value(settings.oa_access_token), secret_value(settings.oa_refresh_token),
                          None, _seed(secret_value(settings.oa_refresh_token)))
    stored = store.load()
    if stored is not None and (not configured.refresh_token or stored.seed == configured.seed):
        return stored
    if configured.access_token or configured.refresh_token:
        return configured
    return None


# ---------------------------------------------------------------------------- client


class OAClient:
    """Sends customer-service messages and keeps the access token fresh."""

    def __init__(self, settings: ZaloSettings, http: Callable[[], httpx.AsyncClient], store: TokenStore) -> None:
        self.settings = settings
        self._http = http
        self.store = store
        self.tokens = initial_tokens(settings, store)
        self._refresh_lock = asyncio.Lock()

    async def send_text(self, user_id: str, text: str, user_key: str = "") -> SendOutcome:
        fields: dict[str, Any] = {"channel": "oa", "user": user_key}
        refreshed = False
        rate_retries = 0
        while True:
            token = await self._usable_token()
            if not token:
                log.error("no OA access token; set PLANQA_ZALO_OA_ACCESS_TOKEN or PLANQA_ZALO_OA_REFRESH_TOKEN",
                          extra={"event": "zalo_oa_no_token", **fields})
                return "failed"
            try:
                response = await self._http().post(
                    f"{self.settings.oa_api_base}/v3.0/oa/message/cs",
                    json={"recipient": {"user_id": user_id}, "message": {"text": text}},
                    headers={"access_token": token},
                )
            except httpx.TimeoutException:
                log.warning("OA send timed out", extra={"event": "zalo_oa_timeout", **fields})
                return "failed"
            except httpx.HTTPError as exc:
                log.warning("OA send failed", extra={"event": "zalo_oa_network_error", "error": type(exc).__name__,
                                                     **fields})
                return "failed"
            if response.status_code != 200:
                log.error("OA answered with an HTTP error", extra={"event": "zalo_oa_http_error",
                                                                   "status": response.status_code, **fields})
                return "failed"
            try:
                body = response.json()
                code = int(body.get("error", 0))
            except (ValueError, TypeError, AttributeError):
                log.error("OA answered with something not JSON", extra={"event": "zalo_oa_bad_response", **fields})
                return "failed"
            if code == 0:
                log.info("OA message sent", extra={"event": "zalo_oa_sent", "chars": len(text), **fields})
                return "sent"
            if code in TOKEN_ERRORS and not refreshed:
                refreshed = True
                log.info("OA access token rejected; refreshing", extra={"event": "zalo_oa_token_rejected",
                                                                        "error": code, **fields})
                if await self.refresh(stale=token):
                    continue
                return "failed"
            if code in DROP_ERRORS:
                log.info("OA message dropped", extra={"event": "zalo_oa_dropped", "error": code,
                                                      "reason": DROP_ERRORS[code], **fields})
                return "dropped"
            if code == RATE_LIMITED and rate_retries < self.settings.retry_limit:
                delay = min(self.settings.backoff_seconds * 2 ** rate_retries, self.settings.max_backoff_seconds)
                rate_retries += 1
                log.warning("OA rate limit; backing off", extra={"event": "zalo_oa_rate_limited",
                                                                 "delay_s": delay, **fields})
                await asyncio.sleep(delay)
                continue
            reason = "bad parameter (a bug in planqa)" if code == BAD_PARAMETER else str(body.get("message", ""))
            log.error("OA message not sent", extra={"event": "zalo_oa_error", "error": code, "reason": reason,
                                                         **fields})
            return "failed"

    async def _usable_token(self) -> str:
        tokens = self.tokens
        if tokens is None:
            return ""
        expired = tokens.expires_at is not None and time.time() >= tokens.expires_at - REFRESH_MARGIN_SECONDS
        if (not tokens.access_token or expired) and tokens.refresh_token:
            await self.refresh(stale=tokens.access_token)
            tokens = self.tokens or tokens
        return tokens.access_token

    async def refresh(self, stale: str) -> bool:
        """Get a new token pair, unless another task already replaced `stale`; True when usable."""
        async with self._refresh_lock:
            current = self.tokens
            if current is not None and current.access_token and current.access_token != stale:
                return True  # refreshed by someone else while we waited
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
            seed = current.seed if current and current.seed else _seed(secret_value(self.settings.oa_refresh_token))
            tokens = OATokens(str(body["access_token"]), str(body["refresh_token"]), expires_at, seed)
            try:
                await asyncio.to_thread(self.store.save, tokens)
            except OSError as exc:
                # The old refresh token is spent: keep the new pair in memory rather than lose it.
                log.critical("rotated OA tokens could not be saved; they live in memory only",
                             extra={"event": "zalo_oa_token_store_failed", "error": str(exc)})
            self.tokens = tokens
            log.info("OA token refreshed", extra={"event": "zalo_oa_refreshed"})
            return True


# ---------------------------------------------------------------------------- events


def event_key(event: dict[str, Any]) -> str:
    message = event.get("message") if isinstance(event.get("message"), dict) else {}
    msg_id = message.get("msg_id") if message else None
    if msg_id:
        return f"oa:{msg_id}"
    sender = event.get("sender") if isinstance(event.get("sender"), dict) else {}
    return f"oa:{event.get('event_name')}:{(sender or {}).get('id')}:{event.get('timestamp')}"


async def handle_event(runtime: ZaloRuntime, event: dict[str, Any]) -> None:
    """Answer one verified OA event (in the background)."""
    client = runtime.oa
    name = str(event.get("event_name", ""))
    sender = event.get("sender") if isinstance(event.get("sender"), dict) else None
    user_id = str((sender or {}).get("id") or "")
    if client is None or not user_id or not name.startswith(("user_send_", "follow")):
        return  # receipts, seen, unfollow, the OA's own messages: nothing to say
    user_key = runtime.sessions.user_key("oa", user_id)
    async with runtime.sessions.get(user_key).lock:  # taken before any await: replies keep the order
        if name == "user_send_text":
            message = event.get("message") if isinstance(event.get("message"), dict) else {}
            text = str((message or {}).get("text") or "")
            replies = await runtime.engine.reply("oa", user_key, text)
        elif name == "follow":
            replies = split_message(WELCOME_TEXT)
        else:
            kind = UNSUPPORTED_EVENTS.get(name, "other")
            log.info("unsupported message", extra={"event": "zalo_unsupported", "channel": "oa", "kind": name,
                                                   "user": user_key})
            replies = split_message(UNSUPPORTED_TEXT[kind])
        for part in replies:
            if await client.send_text(user_id, part, user_key) != "sent":
                break  # a dropped or failed part: the rest would make no sense alone


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


@router.post("/zalo/oa/webhook", summary="Zalo Official Account events (signed)")
async def oa_webhook(request: Request) -> JSONResponse:
    runtime = runtime_for(request.app)
    settings = runtime.settings
    if not settings.oa_enabled:
        return _error(404, "zalo_oa_disabled", "The Zalo OA webhook is not configured on this server.")
    signature = request.headers.get("x-zevent-signature")
    if not signature:
        log.warning("OA event without signature", extra={"event": "zalo_oa_unsigned"})
        return _error(401, "bad_signature", "Missing X-ZEvent-Signature.")
    raw = await request.body()
    try:
        event = json.loads(raw)
    except ValueError:
        event = None
    if not isinstance(event, dict):
        return _error(400, "bad_event", "The body is not a JSON object.")
    timestamp = str(event.get("timestamp", ""))
    if not verify_oa_signature(signature, str(settings.app_id), raw, timestamp,
                               secret_value(settings.oa_secret_key)):
        log.warning("OA event with a wrong signature", extra={"event": "zalo_oa_bad_signature"})
        return _error(401, "bad_signature", "The X-ZEvent-Signature does not match.")
    if not timestamp_is_fresh(timestamp, settings.timestamp_window_seconds):
        log.warning("OA event outside the timestamp window", extra={"event": "zalo_oa_stale"})
        return _error(401, "stale_event", "The event timestamp is outside the accepted window.")
    if not runtime.first_delivery(event_key(event)):
        log.info("OA event delivered again; ignored", extra={"event": "zalo_oa_duplicate"})
        return JSONResponse({"ok": True, "duplicate": True})
    runtime.spawn(handle_event(runtime, event), "oa")
    return JSONResponse({"ok": True})
