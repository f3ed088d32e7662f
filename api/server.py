"""How `planqa serve` keeps idle and slow connections from taking the service down.

uvicorn times out a keep-alive connection between requests, but not a connection that sends
nothing, or sends its headers slowly: each holds a file descriptor forever, and once the process
runs out of them `accept()` fails, so /readyz and /v1/ask stop answering while asyncio logs the
failure thousands of times a second. Here the h11 protocol gets:

- a header timeout: a connection that has not sent a complete request head within
  PLANQA_HEADER_TIMEOUT_SECONDS of connecting (or of its first byte after a response) is closed;
- a connection cap below the process's descriptor limit: at the cap, the connection that has
  been idle longest (waiting for a request) is closed to make room, so a flood of idle sockets
  evicts itself while a client that sends its request at once is served.
"""

from __future__ import annotations

import asyncio
import logging
import resource
import time
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

log = logging.getLogger("planqa.server")

MIN_RESERVED_FDS = 128  # descriptors kept for the index files, SQLite, the accept backlog, logs


def descriptor_limit() -> int:
    """Raise the soft limit on open files to the hard one (as far as allowed); returns the soft limit."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or soft < hard:
        target = 65536 if hard == resource.RLIM_INFINITY else hard
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
        except (ValueError, OSError):
            pass
    return soft


def connection_budget(max_connections: int, fd_limit: int) -> tuple[int, int]:
    """(connection cap, accept backlog) for a process allowed `fd_limit` descriptors.

    >>> connection_budget(1000, 1024), connection_budget(1000, 256), connection_budget(1000, 65536)
    ((896, 64), (128, 64), (1000, 2048))
    """
    reserved = max(MIN_RESERVED_FDS, fd_limit // 8)
    cap = max(1, min(max_connections, fd_limit - reserved))
    # The accept loop takes up to `backlog` connections at once before any can be evicted.
    return cap, min(2048, reserved // 2)


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with a header timeout and a connection cap that evicts idle connections."""

    header_timeout: float = 10.0
    max_connections: int = 1000

    _idle_since: float | None
    _waiting_cycle: Any
    _header_timer: asyncio.TimerHandle | None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._header_timer = None
        self._wait_for_request()
        self._arm_header_timer()
        self._make_room()

    def data_received(self, data: bytes) -> None:
        if self._idle_since is not None and self._header_timer is None:
            self._arm_header_timer()  # the first byte after a response: the next head must follow soon
        super().data_received(data)
        if self._idle_since is not None and self.cycle is not self._waiting_cycle:
            self._idle_since = None  # a request head arrived: busy until its response is complete
            self._cancel_header_timer()

    def on_response_complete(self) -> None:
        finished = self.cycle
        super().on_response_complete()
        if self.cycle is finished and not self.transport.is_closing():
            self._wait_for_request()  # uvicorn's keep-alive timeout covers the silence until data comes

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_header_timer()
        super().connection_lost(exc)

    # ---------------------------------------------------------------- internals

    def _wait_for_request(self) -> None:
        self._waiting_cycle = self.cycle
        self._idle_since = time.monotonic()

    def _arm_header_timer(self) -> None:
        self._cancel_header_timer()
        self._header_timer = self.loop.call_later(self.header_timeout, self._header_timed_out)

    def _cancel_header_timer(self) -> None:
        timer = getattr(self, "_header_timer", None)
        if timer is not None:
            timer.cancel()
        self._header_timer = None

    def _header_timed_out(self) -> None:
        self._header_timer = None
        if self._idle_since is not None and not self.transport.is_closing():
            log.warning("closed a connection that sent no complete request in time",
                        extra={"event": "header_timeout", "timeout_s": self.header_timeout})
            self.transport.close()

    def _make_room(self) -> None:
        open_connections = [c for c in self.connections if not c.transport.is_closing()]
        if len(open_connections) <= self.max_connections:
            return
        idle = [c for c in open_connections
                if c is not self and isinstance(c, GuardedH11Protocol) and c._idle_since is not None]
        if idle:
            victim = min(idle, key=lambda c: c._idle_since or 0.0)
            log.warning("connection limit reached; closed the longest idle connection",
                        extra={"event": "connection_evicted", "max_connections": self.max_connections})
            victim.transport.close()
        else:
            log.warning("connection limit reached and every connection is busy; refused a connection",
                        extra={"event": "connection_refused", "max_connections": self.max_connections})
            self.transport.close()


_PROTOCOLS: dict[str, type[GuardedH11Protocol]] = {}


def guarded_protocol(header_timeout: float, max_connections: int) -> type[GuardedH11Protocol]:
    """The protocol class uvicorn instantiates per connection, with these limits.

    Its name encodes the limits and the module hands it out by that name (`__getattr__` below), so
    the class pickles by reference into the worker processes of `planqa serve --workers N`.
    """
    name = f"PlanqaH11Protocol_{round(header_timeout * 1000)}_{max_connections}"
    if name not in _PROTOCOLS:
        _PROTOCOLS[name] = type(name, (GuardedH11Protocol,), {
            "header_timeout": round(header_timeout * 1000) / 1000, "max_connections": max_connections,
            "__module__": __name__, "__qualname__": name})
    return _PROTOCOLS[name]


def __getattr__(name: str) -> type[GuardedH11Protocol]:
    head, _, rest = name.partition("_")
    timeout_ms, _, cap = rest.partition("_")
    if head != "PlanqaH11Protocol" or not (timeout_ms.isdigit() and cap.isdigit()):
        raise AttributeError(name)
    return guarded_protocol(int(timeout_ms) / 1000, int(cap))
