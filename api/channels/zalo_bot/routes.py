"""POST /zalo/bot/webhook: Zalo Bot Platform updates, authenticated by the bot's secret token.

The webhook answers 404 until the bot token and secret token are set, and 403 to a request
without the right X-Bot-Api-Secret-Token (errors in the API's one envelope, api.errors). An
update it cannot read is acknowledged with 200, since Zalo retrying it would not help.
"""

from __future__ import annotations

import hmac
import json
import logging
from http import HTTPStatus
from typing import Any

from fastapi import APIRouter, Request

from api.channels.core.channel import Channel
from api.channels.zalo_bot.client import BotClient, make_client
from api.channels.zalo_bot.settings import WEBHOOK_PATH
from api.channels.zalo_bot.updates import accept_update, unwrap_update
from api.deps import ChatDep, SettingsDep
from api.errors import ApiError
from api.routes.responses import webhook_errors
from core.settings import secret_value

log = logging.getLogger("planqa.zalo")

router = APIRouter(tags=["zalo"])


def verify_bot_secret(header: str | None, expected: str) -> bool:
    """Whether `X-Bot-Api-Secret-Token` equals the configured secret, compared in constant time."""
    if not header or not expected:
        return False
    return hmac.compare_digest(header.encode(), expected.encode())


@router.post(
    WEBHOOK_PATH,
    summary="Zalo Bot Platform updates",
    responses=webhook_errors(s403="Missing or wrong X-Bot-Api-Secret-Token",
                             s404="The bot channel is not configured on this server (webhook disabled)"),
)
async def bot_webhook(request: Request, settings: SettingsDep, runtime: ChatDep) -> dict[str, Any]:
    bot = settings.channels.zalo_bot
    client = runtime.client(BotClient)
    if client is None or not bot.enabled:
        raise ApiError(HTTPStatus.NOT_FOUND, "zalo_bot_disabled",
                       "The Zalo bot webhook is not configured on this server.")
    if not verify_bot_secret(request.headers.get("x-bot-api-secret-token"), secret_value(bot.bot_secret_token)):
        log.warning("bot update with a wrong secret token", extra={"event": "zalo_bot_bad_secret"})
        raise ApiError(HTTPStatus.FORBIDDEN, "bad_secret_token", "Wrong X-Bot-Api-Secret-Token.")
    try:
        update = unwrap_update(json.loads(await request.body()))
    except ValueError:
        update = None
    if update is None:
        log.warning("bot update not understood", extra={"event": "zalo_bot_bad_update"})
        return {"ok": True, "ignored": True}
    if not accept_update(runtime, client, update):
        return {"ok": True, "duplicate": True}
    return {"ok": True}


CHANNEL = Channel("zalo_bot", router, make_client)
