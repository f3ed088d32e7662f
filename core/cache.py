"""The one bounded in-memory cache: least recently used entries go first, optionally after a TTL.

Safe to use from several threads. Used for conversations and sessions (with a TTL), recently
seen message ids, rate-limit buckets and query embeddings (without one).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class BoundedCache(Generic[K, V]):
    """Keeps at most `max_items` entries; with `ttl_seconds`, each for that long after its last use.

    >>> cache = BoundedCache[str, int](max_items=2)
    >>> cache.put("a", 1); cache.put("b", 2); cache.put("c", 3)
    >>> cache.get("a") is None, cache.get("c"), len(cache)
    (True, 3, 2)
    """

    def __init__(
        self, max_items: int, ttl_seconds: float | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        if max_items <= 0 or (ttl_seconds is not None and ttl_seconds <= 0):
            raise ValueError("max_items and ttl_seconds must be positive")
        self.max_items = max_items
        self.ttl_seconds = ttl_seconds
        self._clock = clock
        self._items: OrderedDict[K, tuple[float, V]] = OrderedDict()  # key -> (deadline, value)
        self._lock = threading.Lock()

    def get(self, key: K) -> V | None:
        with self._lock:
            return self._get(key, self._clock())

    def put(self, key: K, value: V) -> None:
        with self._lock:
            self._put(key, value, self._clock())

    def get_or_create(self, key: K, create: Callable[[], V]) -> tuple[V, bool]:
        """The live value for `key`, or a new one from `create()`; the flag says if it was created."""
        with self._lock:
            now = self._clock()
            value = self._get(key, now)
            if value is not None:
                return value, False
            value = create()
            self._put(key, value, now)
            return value, True

    def __len__(self) -> int:
        with self._lock:
            self._expire(self._clock())
            return len(self._items)

    def _deadline(self, now: float) -> float:
        return now + self.ttl_seconds if self.ttl_seconds is not None else float("inf")

    def _get(self, key: K, now: float) -> V | None:
        entry = self._items.get(key)
        if entry is None:
            return None
        if entry[0] <= now:
            del self._items[key]
            return None
        self._items[key] = (self._deadline(now), entry[1])
        self._items.move_to_end(key)
        return entry[1]

    def _put(self, key: K, value: V, now: float) -> None:
        self._items[key] = (self._deadline(now), value)
        self._items.move_to_end(key)
        self._expire(now)
        while len(self._items) > self.max_items:
            self._items.popitem(last=False)

    def _expire(self, now: float) -> None:
        # Entries are ordered by last use, so expired ones sit at the front.
        while self._items:
            key, (deadline, _) = next(iter(self._items.items()))
            if deadline > now:
                break
            del self._items[key]
