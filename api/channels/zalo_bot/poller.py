"""Long polling of getUpdates: the bot without a public HTTPS address (`planqa zalo-bot poll`)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

import httpx
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception_type

from api.channels.core.retry import backoff, next_delay
from api.channels.core.runtime import ChatRuntime
from api.channels.zalo_bot.client import BotApiError, BotClient
from api.channels.zalo_bot.updates import accept_update, unwrap_update

log = logging.getLogger("planqa.zalo")


class BotPoller:
    """Long-polls getUpdates and answers each update like the webhook does.

    A failed poll is retried after a back-off that doubles up to PLANQA_CHAT_MAX_BACKOFF_SECONDS
    and starts again after a poll that works; polling never gives up until it is stopped.
    """

    def __init__(self, runtime: ChatRuntime, client: BotClient, poll_timeout_seconds: int) -> None:
        self.runtime = runtime
        self.client = client
        self.poll_timeout_seconds = poll_timeout_seconds
        self.polls = 0

    async def run(self, stop: asyncio.Event | None = None, max_updates: int | None = None) -> int:
        """Poll until `stop` is set (or `max_updates` were handled); returns the updates handled."""
        stop = stop or asyncio.Event()
        handled = 0
        log.info("polling Zalo bot updates", extra={"event": "zalo_bot_polling"})
        while not stop.is_set() and (max_updates is None or handled < max_updates):
            for body in await self._poll_until_it_works(stop):
                update = unwrap_update(body)
                if update is not None and accept_update(self.runtime, self.client, update):
                    handled += 1
        await self.runtime.drain()
        return handled

    async def _poll_until_it_works(self, stop: asyncio.Event) -> list[dict[str, Any]]:
        """One getUpdates, retried with back-off on errors; [] once `stop` is set."""

        async def sleep_unless_stopped(seconds: float) -> None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), seconds)

        def backing_off(state: RetryCallState) -> None:
            exc = state.outcome.exception() if state.outcome is not None else None
            code = exc.error_code if isinstance(exc, BotApiError) else None
            log.warning("getUpdates failed; backing off",
                        extra={"event": "zalo_bot_poll_error", "error": code or type(exc).__name__,
                               "delay_s": next_delay(state)})
            if code == 401:
                log.error("the bot token was refused (PLANQA_ZALO_BOT_TOKEN)", extra={"event": "zalo_bot_bad_token"})

        polling = AsyncRetrying(
            retry=retry_if_exception_type((httpx.HTTPError, BotApiError)),
            stop=lambda _: stop.is_set(),
            wait=backoff(self.runtime.settings),
            sleep=sleep_unless_stopped,
            before_sleep=backing_off,
            reraise=True,
        )
        try:
            return await polling(self._poll_once, stop)
        except (httpx.HTTPError, BotApiError):
            return []  # stopped while backing off

    async def _poll_once(self, stop: asyncio.Event) -> list[dict[str, Any]]:
        """One getUpdates, abandoned as soon as `stop` is set (a long poll can last a minute)."""
        self.polls += 1
        poll = asyncio.ensure_future(self.client.get_updates(self.poll_timeout_seconds))
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
