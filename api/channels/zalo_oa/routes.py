"""POST /zalo/oa/webhook: signed OA events, answered in the background through the chat core.

The webhook answers 404 until the channel is configured; a missing or wrong signature is 401; a
body that is not a JSON object is 400. Errors use the API's one error envelope (api.errors).

An authentic event (valid signature) outside the timestamp window is answered 200 and dropped
with a log line: Zalo retries a failed delivery for hours and may disable a webhook that keeps
failing, so a 401 to its own late retry would only make things worse.
"""

from __future__ import annotations

import json
import logging
from http import HTTPStatus
from typing import Any

from fastapi import APIRouter, Request

from api.channels.core.channel import Channel
from api.channels.core.engine import UNSUPPORTED_TEXT, WELCOME_TEXT
from api.channels.core.messages import split_message
from api.channels.core.runtime import ChatRuntime
from api.channels.zalo_oa.client import OAClient, make_client
from api.channels.zalo_oa.signature import timestamp_is_fresh, verify_oa_signature
from api.deps import ChatDep, SettingsDep
from api.errors import ApiError
from api.routes.responses import webhook_errors
from core.settings import secret_value

log = logging.getLogger("planqa.zalo")

UNSUPPORTED_EVENTS = {
    "user_send_image": "image", "user_send_gif": "image", "user_send_sticker": "sticker",
    "user_send_file": "file", "user_send_audio": "other", "user_send_video": "other",
    "user_send_location": "other", "user_send_link": "other", "user_send_business_card": "other",
}

router = APIRouter(tags=["zalo"])


def event_user_id(event: dict[str, Any]) -> str:
    """The user an event is about: `follower.id` (follow, unfollow), else `sender.id` ("" if neither)."""
    for role in ("follower", "sender"):
        person = event.get(role)
        if isinstance(person, dict) and person.get("id"):
            return str(person["id"])
    return ""


def event_key(event: dict[str, Any]) -> str:
    message = event.get("message") if isinstance(event.get("message"), dict) else {}
    msg_id = message.get("msg_id") if message else None
    if msg_id:
        return f"oa:{msg_id}"
    return f"oa:{event.get('event_name')}:{event_user_id(event)}:{event.get('timestamp')}"


async def handle_event(runtime: ChatRuntime, client: OAClient, event: dict[str, Any]) -> None:
    """Answer one verified OA event (in the background)."""
    name = str(event.get("event_name", ""))
    user_id = event_user_id(event)
    if not user_id or not name.startswith(("user_send_", "follow")):
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


@router.post(
    "/zalo/oa/webhook",
    summary="Zalo Official Account events (signed)",
    responses=webhook_errors(s400="The body is not a JSON object", s401="Missing or wrong X-ZEvent-Signature",
                             s404="The OA channel is not configured on this server (webhook disabled)"),
)
async def oa_webhook(request: Request, settings: SettingsDep, runtime: ChatDep) -> dict[str, Any]:
    oa = settings.channels.zalo_oa
    client = runtime.client(OAClient)
    if client is None:
        raise ApiError(HTTPStatus.NOT_FOUND, "zalo_oa_disabled",
                       "The Zalo OA webhook is not configured on this server.")
    signature = request.headers.get("x-zevent-signature")
    if not signature:
        log.warning("OA event without signature", extra={"event": "zalo_oa_unsigned"})
        raise ApiError(HTTPStatus.UNAUTHORIZED, "bad_signature", "Missing X-ZEvent-Signature.")
    raw = await request.body()
    try:
        event = json.loads(raw)
    except ValueError:
        event = None
    if not isinstance(event, dict):
        raise ApiError(HTTPStatus.BAD_REQUEST, "bad_event", "The body is not a JSON object.")
    timestamp = str(event.get("timestamp", ""))
    if not verify_oa_signature(signature, str(oa.app_id), raw, timestamp, secret_value(oa.oa_secret_key)):
        log.warning("OA event with a wrong signature", extra={"event": "zalo_oa_bad_signature"})
        raise ApiError(HTTPStatus.UNAUTHORIZED, "bad_signature", "The X-ZEvent-Signature does not match.")
    if not timestamp_is_fresh(timestamp, oa.timestamp_window_seconds):
        log.warning("authentic OA event outside the timestamp window; dropped",
                    extra={"event": "zalo_oa_stale", "event_name": str(event.get("event_name", ""))[:64]})
        return {"ok": True, "ignored": "stale"}
    if not runtime.first_delivery(event_key(event)):
        log.info("OA event delivered again; ignored", extra={"event": "zalo_oa_duplicate"})
        return {"ok": True, "duplicate": True}
    runtime.spawn(handle_event(runtime, client, event), "oa")
    return {"ok": True}


CHANNEL = Channel("zalo_oa", router, make_client)
