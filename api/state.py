"""State that every worker of the service must share: rate-limit buckets, conversations and chat
sessions (JSON with a TTL), locks (the Zalo OA token refresh) and delivery de-duplication.

Two implementations of one `SharedState` Protocol, chosen from settings by `make_state`:

- `InProcessState` (default, no configuration): everything in this process's memory, as a single
  `planqa serve` process has always kept it. Several processes would each have their own.
- `RedisState` (PLANQA_REDIS_URL=redis://host:6379/0 or unix:///run/redis.sock): one Redis that
  every worker and machine talks to, so `planqa serve --workers N` and several machines behind a
  load balancer enforce one limit, continue one conversation and refresh the Zalo token once.

When Redis cannot be reached, every call raises `StateUnavailable` (one line; the API answers
503 and Zalo retries its delivery later), so nothing a client sent is silently dropped.
"""

from __future__ import annotations

import json
import math
import secrets
import threading
import time
from collections.abc import Callable
from http import HTTPStatus
from typing import Any, Protocol, TypeVar, runtime_checkable

from api.errors import ApiError
from api.settings import RateLimit, ServiceSettings
from core.cache import BoundedCache
from core.settings import secret_value

T = TypeVar("T")
KEY_PREFIX = "planqa:"


class StateUnavailable(ApiError):
    """The shared state store (Redis) cannot be reached: 503, the client may retry shortly."""

    exit_code = 4

    def __init__(self, message: str) -> None:
        super().__init__(HTTPStatus.SERVICE_UNAVAILABLE, "state_unavailable", message, {"Retry-After": "5"})


@runtime_checkable
class SharedState(Protocol):
    """What the service keeps across requests. Keys are plain strings; values are JSON."""

    @property
    def shared(self) -> bool:
        """True when other processes see the same state (then `--workers N` is safe)."""
        ...

    def take_token(self, bucket: str, client: str, limit: RateLimit, take: bool = True) -> int | None:
        """Token bucket `bucket` of `client`: None when a request is allowed (one token taken when
        `take`), else whole seconds until one is. Atomic across every user of the state."""
        ...

    def get_json(self, key: str) -> Any | None: ...

    def put_json(self, key: str, value: Any, ttl_seconds: float) -> None: ...

    def delete(self, key: str) -> None: ...

    def setdefault_json(self, key: str, value: Any, ttl_seconds: float) -> Any:
        """The value stored under `key`, storing `value` first when there is none (atomically)."""
        ...

    def first_seen(self, key: str, ttl_seconds: float) -> bool:
        """True for the first caller to mark `key` within `ttl_seconds`, False for every later one."""
        ...

    def try_lock(self, name: str, ttl_seconds: float) -> str | None:
        """A token when the lock `name` was free (it expires after `ttl_seconds`), else None."""
        ...

    def unlock(self, name: str, token: str) -> None:
        """Release `name` if `token` still holds it (an expired lock taken by another is left alone)."""
        ...

    def ping(self) -> None:
        """Raise StateUnavailable when the store cannot be reached."""
        ...

    def close(self) -> None: ...


class InProcessState:
    """This process's memory (bounded): the behaviour of a single `planqa serve` process."""

    shared = False

    def __init__(self, max_items: int = 100_000, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._max_items = max_items
        self._values = BoundedCache[str, tuple[float, str]](max_items)  # key -> (deadline, JSON)
        self._lock = threading.Lock()
        self._buckets: dict[str, Any] = {}  # bucket name -> api.ratelimit.TokenBucketLimiter

    def take_token(self, bucket: str, client: str, limit: RateLimit, take: bool = True) -> int | None:
        from api.ratelimit import TokenBucketLimiter

        with self._lock:
            key = f"{bucket}:{limit.requests}/{limit.seconds}"
            limiter = self._buckets.get(key)
            if limiter is None:
                limiter = self._buckets[key] = TokenBucketLimiter(limit, self._max_items, clock=self._clock)
        result: int | None = limiter.acquire(client) if take else limiter.blocked(client)
        return result

    def _live(self, key: str) -> str | None:
        found = self._values.get(key)
        if found is None or found[0] <= self._clock():
            return None
        return found[1]

    def get_json(self, key: str) -> Any | None:
        text = self._live(key)
        return None if text is None else json.loads(text)

    def put_json(self, key: str, value: Any, ttl_seconds: float) -> None:
        # Stored as JSON text, as Redis would: a caller mutating its object later changes nothing here.
        self._values.put(key, (self._clock() + ttl_seconds, json.dumps(value, ensure_ascii=False)))

    def delete(self, key: str) -> None:
        self._values.put(key, (0.0, "null"))

    def setdefault_json(self, key: str, value: Any, ttl_seconds: float) -> Any:
        with self._lock:
            stored = self.get_json(key)
            if stored is None:
                self.put_json(key, value, ttl_seconds)
                return value
            return stored

    def first_seen(self, key: str, ttl_seconds: float) -> bool:
        with self._lock:
            if self._live(key) is not None:
                return False
            self._values.put(key, (self._clock() + ttl_seconds, "true"))
            return True

    def try_lock(self, name: str, ttl_seconds: float) -> str | None:
        token = secrets.token_hex(16)
        with self._lock:
            if self._live("lock:" + name) is not None:
                return None
            self._values.put("lock:" + name, (self._clock() + ttl_seconds, json.dumps(token)))
            return token

    def unlock(self, name: str, token: str) -> None:
        with self._lock:
            if self.get_json("lock:" + name) == token:
                self.delete("lock:" + name)

    def ping(self) -> None:
        return None

    def close(self) -> None:
        return None


# One token bucket per key, as a hash {tokens, at}; Redis's own clock, so every worker agrees.
# Returns -1 when allowed, else whole seconds until a token is available.
_TOKEN_BUCKET = """
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local take = tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local v = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(v[1]) or capacity
local at = tonumber(v[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - at) * rate)
local result = -1
if tokens >= 1 then
  if take == 1 then tokens = tokens - 1 end
else
  result = math.max(1, math.ceil((1 - tokens) / rate))
end
if take == 1 then
  redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
  redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / rate * 1000) + 1000)
end
return result
"""

# Delete the lock only if it still holds our token.
_UNLOCK = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""


class RedisState:
    """State in one Redis (or a compatible server) that every worker shares."""

    shared = True

    def __init__(self, url: str, timeout_seconds: float = 2.0) -> None:
        import redis

        self._errors: tuple[type[BaseException], ...] = (redis.exceptions.ConnectionError,
                                                         redis.exceptions.TimeoutError)
        self.where = redacted_url(url)
        self.client = redis.Redis.from_url(url, socket_timeout=timeout_seconds,
                                           socket_connect_timeout=timeout_seconds, decode_responses=True)
        self._bucket = self.client.register_script(_TOKEN_BUCKET)
        self._unlock = self.client.register_script(_UNLOCK)

    def _call(self, work: Callable[[], T]) -> T:
        try:
            return work()
        except self._errors as exc:
            raise StateUnavailable(
                f"the shared state store (Redis at {self.where}, PLANQA_REDIS_URL) cannot be reached: "
                f"{str(exc).splitlines()[0].rstrip('.') if str(exc) else type(exc).__name__}; try again shortly"
            ) from None

    def take_token(self, bucket: str, client: str, limit: RateLimit, take: bool = True) -> int | None:
        key = f"{KEY_PREFIX}rate:{bucket}:{client}"
        result = int(self._call(lambda: self._bucket(
            keys=[key], args=[limit.requests, repr(limit.requests / limit.seconds), 1 if take else 0])))
        return None if result < 0 else result

    def get_json(self, key: str) -> Any | None:
        text = self._call(lambda: self.client.get(KEY_PREFIX + key))
        return None if text is None else json.loads(str(text))

    def put_json(self, key: str, value: Any, ttl_seconds: float) -> None:
        text = json.dumps(value, ensure_ascii=False)
        self._call(lambda: self.client.set(KEY_PREFIX + key, text, px=max(1, math.ceil(ttl_seconds * 1000))))

    def delete(self, key: str) -> None:
        self._call(lambda: self.client.delete(KEY_PREFIX + key))

    def setdefault_json(self, key: str, value: Any, ttl_seconds: float) -> Any:
        text = json.dumps(value, ensure_ascii=False)
        ttl = max(1, math.ceil(ttl_seconds * 1000))
        stored = self._call(lambda: self.client.set(KEY_PREFIX + key, text, nx=True, px=ttl, get=True))
        return value if stored is None else json.loads(str(stored))

    def first_seen(self, key: str, ttl_seconds: float) -> bool:
        ttl = max(1, math.ceil(ttl_seconds))
        return bool(self._call(lambda: self.client.set(f"{KEY_PREFIX}seen:{key}", "1", nx=True, ex=ttl)))

    def try_lock(self, name: str, ttl_seconds: float) -> str | None:
        token = secrets.token_hex(16)
        ttl = max(1, math.ceil(ttl_seconds * 1000))
        taken = self._call(lambda: self.client.set(f"{KEY_PREFIX}lock:{name}", token, nx=True, px=ttl))
        return token if taken else None

    def unlock(self, name: str, token: str) -> None:
        self._call(lambda: self._unlock(keys=[f"{KEY_PREFIX}lock:{name}"], args=[token]))

    def ping(self) -> None:
        self._call(self.client.ping)

    def close(self) -> None:
        self.client.close()


INDEX_CHANGED_KEY = "index:changed"
INDEX_CHANGED_TTL_SECONDS = 10 * 365 * 86400


def announce_index_change(state: SharedState) -> str:
    """Tell every serving process that the index on disk changed (they reload); the new mark."""
    mark = secrets.token_hex(8)
    state.put_json(INDEX_CHANGED_KEY, mark, INDEX_CHANGED_TTL_SECONDS)
    return mark


class IndexChangeWatcher:
    """Reloads this process's pipeline when another process (an API worker removing a document, a
    `planqa worker` finishing an upload) announced an index change; polls the shared state."""

    def __init__(self, state: SharedState, reload: Callable[[], None], interval_seconds: float = 2.0) -> None:
        self.state = state
        self._reload = reload
        self.interval_seconds = interval_seconds
        self._seen: Any = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def announce(self) -> None:
        """This process changed the index (and reloaded already): tell the others, not itself."""
        self._seen = announce_index_change(self.state)

    def start(self) -> None:
        try:
            self._seen = self.state.get_json(INDEX_CHANGED_KEY)
        except StateUnavailable:
            self._seen = None
        self._thread = threading.Thread(target=self._run, name="planqa-index-watch", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def check(self) -> bool:
        """Reload once if the mark changed since last seen; True when it did."""
        mark = self.state.get_json(INDEX_CHANGED_KEY)
        if mark is None or mark == self._seen:
            return False
        self._seen = mark
        self._reload()
        return True

    def _run(self) -> None:
        import logging

        log = logging.getLogger("planqa.api")
        while not self._stop.wait(self.interval_seconds):
            try:
                if self.check():
                    log.info("index changed by another process; reloaded", extra={"event": "index_reloaded"})
            except StateUnavailable:
                pass  # the requests that need Redis report it; the next poll tries again
            except Exception:  # a failed reload must not end the watching
                log.exception("reload after an index change failed", extra={"event": "index_reload_failed"})


def redacted_url(url: str) -> str:
    """The URL without its password, for messages.

    >>> redacted_url("redis://:s3cret@cache:6379/0"), redacted_url("unix:///run/redis.sock")
    ('redis://cache:6379/0', 'unix:///run/redis.sock')
    """
    scheme, sep, rest = url.partition("://")
    if not sep:
        return url
    authority, slash, path = rest.partition("/")
    return f"{scheme}://{authority.rpartition('@')[2]}{slash}{path}"


def redis_url(settings: ServiceSettings) -> str:
    """The configured Redis URL, "" when none (the in-process default)."""
    return secret_value(settings.api.redis_url)


def make_state(settings: ServiceSettings) -> SharedState:
    """Redis when PLANQA_REDIS_URL is set, else this process's memory."""
    url = redis_url(settings)
    if url:
        return RedisState(url)
    # In-process conversations stay objects in their own caches; here: message ids and locks.
    return InProcessState(settings.channels.chat.max_dedupe_ids + 1000)
