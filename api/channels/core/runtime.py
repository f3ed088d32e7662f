"""What the chat channels share in one process: sessions, the answer thread pool, the outbound
HTTP client, recently seen message ids, the channels' clients and the background tasks that
handle messages. Sessions and seen message ids go to the shared state (api.state) when it is
shared (Redis), so several workers answer each delivery once and continue each conversation.

Webhooks answer at once and hand each message to `spawn`; the runtime keeps a reference to every
task (so none is garbage-collected mid-flight), caps how many run at once, and logs any failure
instead of losing it.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, TypeVar

import httpx

from api.channels.core.engine import AnswerSource, ChatEngine
from api.channels.core.sessions import SessionStore
from api.channels.core.settings import ChatSettings
from core.cache import BoundedCache
from core.settings import secret_value

if TYPE_CHECKING:
    from api.state import SharedState

log = logging.getLogger("planqa.chat")
C = TypeVar("C")
USER_KEY_TTL_SECONDS = 10 * 365 * 86400  # the generated shared pseudonym key (PLANQA_CHAT_USER_HASH_KEY chooses one)


class ChatRuntime:
    def __init__(self, settings: ChatSettings, source: AnswerSource, http: httpx.AsyncClient | None = None,
                 state: SharedState | None = None) -> None:
        self.settings = settings
        self.state = state
        key = secret_value(settings.user_hash_key).encode()
        if not key and state is not None and state.shared:
            # Every worker must pseudonymise a user alike, or each would keep its own session of them.
            key = str(state.setdefault_json("chat:user-hash-key", secrets.token_hex(32), USER_KEY_TTL_SECONDS)).encode()
        key = key or secrets.token_bytes(32)
        self.sessions = SessionStore(key, settings.max_sessions, settings.session_ttl_seconds, state)
        self._executor = ThreadPoolExecutor(settings.answer_workers, thread_name_prefix="planqa-chat")
        self.engine = ChatEngine(source, self.sessions, self._executor, settings.log_messages)
        self._seen = BoundedCache[str, bool](settings.max_dedupe_ids, settings.dedupe_ttl_seconds)
        self._tasks: set[asyncio.Task[None]] = set()
        self._http = http
        self._own_http = http is None
        self._clients: dict[type, object] = {}

    # ------------------------------------------------------------------ clients

    @property
    def http(self) -> httpx.AsyncClient:
        """One pooled client for every channel, created inside the running event loop on first use."""
        if self._http is None:
            self._http = httpx.AsyncClient(
                timeout=httpx.Timeout(self.settings.http_timeout_seconds),
                headers={"User-Agent": "planqa"},
                follow_redirects=False,
            )
        return self._http

    def add_client(self, client: object) -> None:
        """Keep a channel's outbound client (built by its `make_client`), found again by its type."""
        self._clients[type(client)] = client

    def client(self, kind: type[C]) -> C | None:
        """The channel client of type `kind`, or None when that channel is not configured."""
        client = self._clients.get(kind)
        return client if isinstance(client, kind) else None

    # ------------------------------------------------------------------ deliveries

    def first_delivery(self, key: str) -> bool:
        """True the first time a message id is seen (within the dedupe window), False on redelivery.

        With a shared state, across every worker (SET NX EX in Redis); raises StateUnavailable when
        it cannot be reached, so the webhook answers 503 and Zalo delivers the event again later."""
        if self.state is not None and self.state.shared:
            return self.state.first_seen(f"delivery:{key}", self.settings.dedupe_ttl_seconds)
        _, created = self._seen.get_or_create(key, lambda: True)
        return created

    def spawn(self, work: Coroutine[Any, Any, None], what: str) -> bool:
        """Handle a message in the background; False (and the message dropped) when overloaded."""
        if len(self._tasks) >= self.settings.max_pending:
            work.close()
            log.warning("too many messages in flight; dropped one", extra={"event": "chat_overloaded", "what": what})
            return False
        task = asyncio.get_running_loop().create_task(work, name=f"chat-{what}")
        self._tasks.add(task)
        task.add_done_callback(self._done)
        return True

    def _done(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("message handling failed", exc_info=task.exception(),
                      extra={"event": "chat_task_failed", "task": task.get_name()})

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
