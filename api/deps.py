"""Dependencies, as `Annotated` aliases the routes declare in their signatures."""

from __future__ import annotations

import email.message
import functools
import ipaddress
import logging
import secrets
from collections.abc import Callable
from http import HTTPStatus
from typing import Annotated, Any

from fastapi import Depends, Request

from api.channels.core.runtime import ChatRuntime
from api.errors import ApiError, RateLimited
from api.feedback import FeedbackStore
from api.ratelimit import Limiter
from api.service import QAService
from api.settings import ServiceSettings
from api.telemetry import Metrics

log = logging.getLogger("planqa.api")


def _from_state(name: str) -> Callable[[Request], Any]:
    """A dependency returning `app.state.<name>`, which api.app sets when it builds the app."""

    def get(request: Request) -> Any:
        return getattr(request.app.state, name)

    get.__name__ = f"get_{name}"
    return get


SettingsDep = Annotated[ServiceSettings, Depends(_from_state("settings"))]
ServiceDep = Annotated[QAService, Depends(_from_state("service"))]
MetricsDep = Annotated[Metrics, Depends(_from_state("metrics"))]
FeedbackStoreDep = Annotated[FeedbackStore, Depends(_from_state("feedback"))]
LimiterDep = Annotated[Limiter, Depends(_from_state("limiter"))]
ChatDep = Annotated[ChatRuntime, Depends(_from_state("chat"))]


def client_key(request: Request) -> str:
    """The client a request counts against (rate limits, admin failures): the peer address, or,
    when the peer is a trusted proxy (PLANQA_TRUSTED_PROXIES), the address it forwarded.

    `planqa serve` turns uvicorn's own X-Forwarded-For handling off, so the peer here is the
    real TCP peer and no header from an untrusted client is believed.
    """
    peer = request.client.host if request.client else "unknown"
    settings: ServiceSettings = request.app.state.settings
    trusted = _networks(tuple(settings.api.trusted_proxies))
    forwarded = ",".join(request.headers.getlist("x-forwarded-for"))
    client, missing = forwarded_client(peer, forwarded, trusted)
    if missing:
        log.warning("a trusted proxy sent no X-Forwarded-For; its clients share one rate limit",
                    extra={"event": "proxy_without_forwarded_for"})
    return client


Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@functools.lru_cache(maxsize=8)
def _networks(items: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(item, strict=False) for item in items)


def _is_trusted(address: str, trusted: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in trusted)


def forwarded_client(peer: str, forwarded_for: str, trusted: tuple[Network, ...]) -> tuple[str, bool]:
    """(client address, whether a trusted proxy sent no X-Forwarded-For).

    The X-Forwarded-For list is read from the right (the hop nearest us) and the first address
    that is not a trusted proxy is the client: what a client wrote further left is not believed.

    >>> nets = _networks(("10.0.0.0/8",))
    >>> forwarded_client("10.0.0.5", "6.6.6.6, 203.0.113.7", nets)
    ('203.0.113.7', False)
    >>> forwarded_client("198.51.100.9", "6.6.6.6", nets)  # not a proxy: the header is ignored
    ('198.51.100.9', False)
    """
    if not trusted or not _is_trusted(peer, trusted):
        return peer, False
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    if not hops:
        return peer, True
    for hop in reversed(hops):
        if not _is_trusted(hop, trusted):
            return hop, False
    return hops[0], False


async def rate_limit(request: Request, limiter: LimiterDep, metrics: MetricsDep) -> None:
    retry_after = limiter.acquire(client_key(request))
    if retry_after is not None:
        metrics.rate_limited.inc()
        raise RateLimited(retry_after)


def _media_type(request: Request) -> str:
    message = email.message.Message()
    message["content-type"] = request.headers.get("content-type", "")
    return message.get_content_type() if request.headers.get("content-type") else ""


async def require_json(request: Request) -> None:
    media = _media_type(request)
    if media != "application/json" and not media.endswith("+json"):
        raise ApiError(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                       f"Send the body as application/json (got {media or 'no content type'}).")


async def require_multipart(request: Request) -> None:
    if _media_type(request) != "multipart/form-data":
        raise ApiError(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                       "Upload the document as multipart/form-data with a `file` field.")


async def require_admin(request: Request, settings: SettingsDep, metrics: MetricsDep) -> None:
    """Admin endpoints need `Authorization: Bearer <PLANQA_ADMIN_KEY>` (or `X-Admin-Key`).

    Failed attempts are counted per client (PLANQA_ADMIN_FAILURE_LIMIT); past the limit every admin
    request of that client, right key or not, gets 429 until the bucket refills, so guessing the
    key learns nothing faster than the limit allows.
    """
    api = settings.api
    if not api.enable_admin or api.admin_key is None:
        raise ApiError(HTTPStatus.FORBIDDEN, "admin_disabled",
                       "Admin endpoints are disabled on this server (PLANQA_ENABLE_ADMIN).")
    failures: Limiter = request.app.state.admin_failures
    client = client_key(request)
    retry_after = failures.blocked(client)
    if retry_after is not None:
        metrics.rate_limited.inc()
        raise ApiError(HTTPStatus.TOO_MANY_REQUESTS, "too_many_admin_attempts",
                       f"Too many failed admin-key attempts; try again in {retry_after} s.",
                       {"Retry-After": str(retry_after)})
    supplied = request.headers.get("x-admin-key", "")
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer":
        supplied = token.strip()
    expected = api.admin_key.get_secret_value().encode()
    if not supplied or not secrets.compare_digest(supplied.encode(), expected):
        failures.acquire(client)
        raise ApiError(HTTPStatus.UNAUTHORIZED, "unauthorized", "A valid admin key is required.",
                       {"WWW-Authenticate": "Bearer"})


CheckRateLimit = Depends(rate_limit)
JsonOnly = Depends(require_json)
MultipartOnly = Depends(require_multipart)
AdminOnly = Depends(require_admin)
