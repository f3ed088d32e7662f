"""Everything the Zalo channels share in one process: settings, sessions, the answer thread pool,
the HTTP client, recently seen message ids, and the background tasks that handle messages.

Webhooks answer Zalo at once and hand each message to `spawn`; the runtime keeps a reference to
every task (so none is garbage-collected mid-flight), caps how many run at once, and logs any
failure instead of losing it.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

import httpx

from api.store import ExpiringLRU
from api.zalo.chat import AnswerSource, ChatEngine, ServiceSource
from api.zalo.sessions import SessionStore
from api.zalo.settings import ZaloSettings, secret_value

if TYPE_CHECKING:
    from fastapi import FastAPI

    from api.zalo.bot import BotClient
    from api.zalo.oa import OAClient

log = logging.getLogger("planqa.zalo")


class ZaloRuntime:
    def __init__(self, settings: ZaloSettings, source: AnswerSource | None,
                 http: httpx.AsyncClient | None = None) -> None:
        self.settings = settings
        key = secret_value(settings.user_hash_key).encode() or secrets.token_bytes(32)
        self.sessions = SessionStore(key, settings.max_sessions, settings.session_ttl_seconds)
        self._executor = ThreadPoolExecutor(settings.answer_workers, thread_name_prefix="planqa-zalo")
        self.engine = ChatEngine(source, self.sessions, self._executor, settings.log_messages)
        self._seen = ExpiringLRU[str, bool](settings.max_dedupe_ids, settings.dedupe_ttl_seconds)
        self._tasks: set[asyncio.Task[None]] = set()
        self._http = http
        self._own_http = http is None
        self._oa: OAClient | None = None
        self._bot: BotClient | None = None

    # ------------------------------------------------------------------ clients

    @property
    def http(self) -> httpx.AsyncClient:
        """One pooled client, created inside the running event loop on first use."""
        if self._http is None:
            self._http = httpx.AsyncClient(
                timeout=httpx.Timeout(self.settings.http_timeout_seconds),
                headers={"User-Agent": "planqa-zalo"},
                follow_redirects=False,
            )
        return self._http

    @property
    def oa(self) -> OAClient | None:
        if self._oa is None and self.settings.oa_enabled:
            from api.zalo.oa import OAClient, TokenStore

            self._oa = OAClient(self.settings, lambda: self.http, TokenStore(self.settings.oa_token_store))
        return self._oa

    @property
    def bot(self) -> BotClient | None:
        if self._bot is None and secret_value(self.settings.bot_token):
            from api.zalo.bot import BotClient

            self._bot = BotClient(self.settings, lambda: self.http)
        return self._bot

    # ------------------------------------------------------------------ deliveries

    def first_delivery(self, key: str) -> bool:
        """True the first time a message id is seen (within the dedupe window), False on redelivery."""
        _, created = self._seen.get_or_create(key, lambda: True)
        return created

    def spawn(self, work: Coroutine[Any, Any, None], what: str) -> bool:
        """Handle a message in the background; False (and the message dropped) when overloaded."""
        if len(self._tasks) >= self.settings.max_pending:
            work.close()
            log.warning("too many messages in flight; dropped one", extra={"event": "zalo_overloaded", "what": what})
            return False
        task = asyncio.get_running_loop().create_task(work, name=f"zalo-{what}")
        self._tasks.add(task)
        task.add_done_callback(self._done)
        return True

    def _done(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("message handling failed", exc_info=task.exception(),
                      extra={"event": "zalo_task_failed", "task": task.get_name()})

    @property
    def pending(self) -> int:
        return len(self._tasks)

    async def drain(self, timeout: float | None = None) -> bool:
        """Wait for the messages in flight; True when all finished."""
        if not self._tasks:
            return True
        _, still = await asyncio.wait(set(self._tasks), timeout=timeout)
        return not still

    async def aclose(self, timeout: float = 10.0) -> None:
        """Let messages in flight finish (up to `timeout`), then cancel the rest and close clients."""
        if not await self.drain(timeout):
            for task in list(self._tasks):
                task.cancel()
            await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._http is not None and self._own_http:
            await self._http.aclose()
            self._http = None
        self._executor.shutdown(wait=False, cancel_futures=True)


def runtime_for(app: FastAPI) -> ZaloRuntime:
    """The app's runtime: set by `configure`, else built from the environment and the app's service."""
    runtime: ZaloRuntime | None = getattr(app.state, "zalo", None)
    if runtime is None:
        service = getattr(app.state, "service", None)
        runtime = ZaloRuntime(ZaloSettings(), ServiceSource(service) if service is not None else None)
        app.state.zalo = runtime
        log.info("zalo channels", extra={"event": "zalo_configured", "oa": runtime.settings.oa_enabled,
                                         "bot": runtime.settings.bot_enabled})
    return runtime


def configure(app: FastAPI, settings: ZaloSettings | None = None, source: AnswerSource | None = None,
              http: httpx.AsyncClient | None = None) -> ZaloRuntime:
    """Set the app's Zalo runtime explicitly (tests, embedding); otherwise it comes from the environment."""
    if source is None:
        service = getattr(app.state, "service", None)
        source = ServiceSource(service) if service is not None else None
    runtime = ZaloRuntime(settings or ZaloSettings(), source, http)
    app.state.zalo = runtime
    return runtime
