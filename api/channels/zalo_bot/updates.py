"""Bot updates, from the webhook or from long polling: unwrapped, deduplicated, answered."""

from __future__ import annotations

import hashlib
import json
import logging
from typing import Any

from api.channels.core.engine import UNSUPPORTED_TEXT
from api.channels.core.messages import split_message
from api.channels.core.runtime import ChatRuntime
from api.channels.zalo_bot.client import BotClient

log = logging.getLogger("planqa.zalo")

UNSUPPORTED_EVENTS = {
    "message.image.received": "image",
    "message.sticker.received": "sticker",
    "message.file.received": "file",
    "message.unsupported.received": "unreadable",
}


def unwrap_update(body: Any) -> dict[str, Any] | None:
    """The update, from `{"ok": true, "result": {...}}` or the bare `{"event_name": ..., "message": ...}`."""
    if not isinstance(body, dict):
        return None
    if isinstance(body.get("result"), dict) and "message" not in body:
        body = body["result"]
    return body if isinstance(body.get("message"), dict) else None


def update_key(update: dict[str, Any]) -> str:
    """What identifies an update across redeliveries: its message id, else chat and date, else a
    hash of the whole update (a redelivery carries the same content)."""
    message = update["message"]
    if message.get("message_id"):
        return f"bot:{message['message_id']}"
    chat = message.get("chat") if isinstance(message.get("chat"), dict) else {}
    if message.get("date") and chat:
        return f"bot:{chat.get('id')}:{message['date']}"
    canonical = json.dumps(update, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return "bot:sha256:" + hashlib.sha256(canonical.encode()).hexdigest()


def accept_update(runtime: ChatRuntime, client: BotClient, update: dict[str, Any]) -> bool:
    """Dedupe and hand an update to the background; False for a redelivery."""
    if not runtime.first_delivery(update_key(update)):
        log.info("bot update delivered again; ignored", extra={"event": "zalo_bot_duplicate"})
        return False
    runtime.spawn(handle_update(runtime, client, update), "bot")
    return True


async def handle_update(runtime: ChatRuntime, client: BotClient, update: dict[str, Any]) -> None:
    message = update["message"]
    chat = message.get("chat") if isinstance(message.get("chat"), dict) else {}
    sender = message.get("from") if isinstance(message.get("from"), dict) else {}
    chat_id = str((chat or {}).get("id") or (sender or {}).get("id") or "")
    if not chat_id or (sender or {}).get("is_bot") is True:
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
