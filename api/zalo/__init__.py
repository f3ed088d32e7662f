"""Zalo channels on the same answering pipeline as the HTTP API.

- `POST /zalo/oa/webhook`: Zalo Official Account events (OA API v3), signed with the OA secret key.
- `POST /zalo/bot/webhook`: Zalo Bot Platform updates, authenticated by the bot's secret token.
- `planqa zalo-bot poll` / `set-webhook URL`: the bot without a public HTTPS address, and setup.

`api.app` includes `router` when this package exists. Each webhook answers 404 until its
PLANQA_ZALO_* settings are present (see api/zalo/settings.py); settings are read when the app
starts (or on the first delivery), not at import. `configure(app, settings, source)` sets them
explicitly instead.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI

from api.zalo import bot, oa
from api.zalo.runtime import ZaloRuntime, configure, runtime_for
from api.zalo.settings import ZaloSettings


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    runtime_for(app)  # read the settings at startup, so a mistake shows at once
    yield
    runtime: ZaloRuntime | None = getattr(app.state, "zalo", None)
    if runtime is not None:
        await runtime.aclose()


router = APIRouter(lifespan=_lifespan)
router.include_router(oa.router)
router.include_router(bot.router)

__all__ = ["ZaloRuntime", "ZaloSettings", "configure", "router", "runtime_for"]
