"""Pure ASGI middleware: request ids, metrics and access logs; body limits; a cap on requests in
flight; last-resort 500s.

Pure ASGI (not BaseHTTPMiddleware) so streamed responses pass through untouched.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import BodyTooLarge, error_response, internal_error_response
from api.telemetry import Metrics

log = logging.getLogger("planqa.api")

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
DRAIN_LIMIT_BYTES = 128 * 1024 * 1024


class HttpMiddleware:
    """Pure ASGI middleware that acts on HTTP requests and passes everything else (lifespan) through."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            await self.handle(scope, receive, send)
        else:
            await self.app(scope, receive, send)

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        raise NotImplementedError


class ObserveRequests(HttpMiddleware):
    """Adds X-Request-ID and safe default headers, counts and times requests, logs one line each.

    The log line carries the route template (e.g. /v1/sources/{ref}), never the query or body.
    """

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        super().__init__(app)
        self.metrics = metrics

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        supplied = Headers(scope=scope).get("x-request-id", "")
        request_id = supplied if _REQUEST_ID.match(supplied) else uuid.uuid4().hex[:16]
        status = 500
        started = time.perf_counter()

        async def send_with_headers(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = MutableHeaders(scope=message)
                headers["X-Request-ID"] = request_id
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("Referrer-Policy", "no-referrer")
            await send(message)

        self.metrics.in_flight.inc()
        try:
            await self.app(scope, receive, send_with_headers)
        finally:
            self.metrics.in_flight.dec()
            elapsed = time.perf_counter() - started
            route = getattr(scope.get("route"), "path", None) or "unmatched"
            self.metrics.requests.labels(scope["method"], route, str(status)).inc()
            self.metrics.latency.labels(route).observe(elapsed)
            log.info(
                "request",
                extra={
                    "event": "request",
                    "request_id": request_id,
                    "method": scope["method"],
                    "route": route,
                    "status": status,
                    "duration_ms": round(elapsed * 1000, 2),
                },
            )


class LimitRequestBody(HttpMiddleware):
    """Answers 413 (JSON) for bodies over the limit of their path, before or while reading them.

    The rest of a refused body is read and dropped (up to DRAIN_LIMIT_BYTES) before answering:
    a client still sending would otherwise get a connection reset instead of the answer.
    """

    def __init__(self, app: ASGIApp, limit_for: Callable[[str, str], int]) -> None:
        super().__init__(app)
        self.limit_for = limit_for

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        limit = self.limit_for(scope["method"], scope["path"])
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            drained = int(declared) <= DRAIN_LIMIT_BYTES and await _drain(receive)
            headers = None if drained else {"Connection": "close"}
            response = error_response(413, "payload_too_large", BodyTooLarge(limit).detail, headers=headers)
            await response(scope, receive, send)
            return
        received = 0

        async def receive_limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    if message.get("more_body", False):
                        await _drain(receive)
                    raise BodyTooLarge(limit)
            return message

        await self.app(scope, receive_limited, send)


async def _drain(receive: Receive) -> bool:
    """Read and drop the rest of a request body; False if it went past DRAIN_LIMIT_BYTES."""
    left = DRAIN_LIMIT_BYTES
    while left >= 0:
        message = await receive()
        if message["type"] != "http.request":
            return True
        left -= len(message.get("body", b""))
        if not message.get("more_body", False):
            return True
    return False


class CatchUnexpectedErrors(HttpMiddleware):
    """Answers 500 (JSON, no details) for an error no handler took, and keeps the connection usable.

    Starlette's last-resort handler re-raises after answering, which makes the server drop the
    connection; here the error is logged and the request simply ends.
    """

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = False

        async def send_tracking(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, send_tracking)
        except Exception as exc:
            if started:  # mid-response: closing the connection is all that is left
                raise
            await internal_error_response(exc, scope["path"])(scope, receive, send)


class LimitConcurrency(HttpMiddleware):
    """Answers 503 (JSON, Retry-After) while `limit` requests are already in flight.

    Health checks are exempt, so a saturated service still tells its orchestrator it is alive.
    One event loop runs every request, so the counter needs no lock.
    """

    def __init__(self, app: ASGIApp, limit: int, exempt: frozenset[str] = frozenset({"/healthz", "/readyz"})) -> None:
        super().__init__(app)
        self.limit = limit
        self.exempt = exempt
        self.in_flight = 0

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.in_flight >= self.limit and scope["path"] not in self.exempt:
            log.warning("too many requests in flight; answered 503",
                        extra={"event": "overloaded", "limit": self.limit})
            response = error_response(503, "overloaded", "The service is busy; try again shortly.",
                                      headers={"Retry-After": "1"})
            await response(scope, receive, send)
            return
        self.in_flight += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.in_flight -= 1
