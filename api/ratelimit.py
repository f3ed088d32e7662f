"""Per-client token buckets: in this process's memory (`TokenBucketLimiter`), or in the shared
state (`SharedLimiter`, api.state) so that every worker of `planqa serve --workers N` and every
machine behind a load balancer enforces one limit."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from typing import Protocol

from api.settings import RateLimit
from core.cache import BoundedCache


class TokenStore(Protocol):
    """The part of api.state.SharedState a shared limiter uses."""

    @property
    def shared(self) -> bool: ...

    def take_token(self, bucket: str, client: str, limit: RateLimit, take: bool = True) -> int | None: ...


class Limiter(Protocol):
    def blocked(self, client: str) -> int | None: ...

    def acquire(self, client: str) -> int | None: ...


class TokenBucketLimiter:
    """Each client may burst `limit.requests` and then refills at requests/seconds per second.

    >>> t = [0.0]
    >>> limiter = TokenBucketLimiter(RateLimit(2, 60), clock=lambda: t[0])
    >>> limiter.acquire("a"), limiter.acquire("a"), limiter.acquire("a")
    (None, None, 30)
    >>> t[0] = 30.0; limiter.acquire("a")
    """

    def __init__(
        self, limit: RateLimit, max_clients: int = 100_000, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.capacity = float(limit.requests)
        self.refill_per_second = limit.requests / limit.seconds
        self._clock = clock
        # client -> (tokens, at). Forgetting the least recently seen client only gives it a full bucket back.
        self._buckets = BoundedCache[str, tuple[float, float]](max_clients)
        self._lock = threading.Lock()  # the read and the write of one client's bucket are one step

    def blocked(self, client: str) -> int | None:
        """Whole seconds until `client` has a token again, or None if it has one; takes nothing.

        >>> limiter = TokenBucketLimiter(RateLimit(1, 60), clock=lambda: 0.0)
        >>> limiter.blocked("a"), limiter.acquire("a"), limiter.blocked("a")
        (None, None, 60)
        """
        with self._lock:
            now = self._clock()
            tokens, at = self._buckets.get(client) or (self.capacity, now)
            tokens = min(self.capacity, tokens + (now - at) * self.refill_per_second)
            if tokens >= 1.0:
                return None
            return max(1, math.ceil((1.0 - tokens) / self.refill_per_second))

    def acquire(self, client: str) -> int | None:
        """Take one token for `client`: None if allowed, else whole seconds until one is available."""
        with self._lock:
            now = self._clock()
            tokens, at = self._buckets.get(client) or (self.capacity, now)
            tokens = min(self.capacity, tokens + (now - at) * self.refill_per_second)
            if tokens >= 1.0:
                self._buckets.put(client, (tokens - 1.0, now))
                return None
            self._buckets.put(client, (tokens, now))
            return max(1, math.ceil((1.0 - tokens) / self.refill_per_second))


class SharedLimiter:
    """The same token bucket, kept in the shared state under `bucket` (atomic in Redis)."""

    def __init__(self, state: TokenStore, bucket: str, limit: RateLimit) -> None:
        self.state = state
        self.bucket = bucket
        self.limit = limit

    def blocked(self, client: str) -> int | None:
        return self.state.take_token(self.bucket, client, self.limit, take=False)

    def acquire(self, client: str) -> int | None:
        return self.state.take_token(self.bucket, client, self.limit)


def make_limiter(state: TokenStore, bucket: str, limit: RateLimit) -> Limiter:
    """In this process when the state is not shared (no round trip), else in the shared state."""
    return SharedLimiter(state, bucket, limit) if state.shared else TokenBucketLimiter(limit)
