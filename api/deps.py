"""Dependencies, as `Annotated` aliases the routes declare in their signatures."""

from __future__ import annotations

import email.message
import secrets
from typing import Annotated

from fastapi import Depends, Request

from api.errors import Forbidden, RateLimited, Unauthorized, UnsupportedMediaType
from api.feedback import FeedbackStore
from api.ratelimit import TokenBucketLimiter
from api.service import QAService
from api.settings import ApiSettings
from api.telemetry import Metrics


def get_settings(request: Request) -> ApiSettings:
    settings: ApiSettings = request.app.state.settings
    return settings


def get_service(request: Request) -> QAService:
    service: QAService = request.app.state.service
    return service


def get_metrics(request: Request) -> Metrics:
    metrics: Metrics = request.app.state.metrics
    return metrics


def get_feedback_store(request: Request) -> FeedbackStore:
    store: FeedbackStore = request.app.state.feedback
    return store


SettingsDep = Annotated[ApiSettings, Depends(get_settings)]
ServiceDep = Annotated[QAService, Depends(get_service)]
MetricsDep = Annotated[Metrics, Depends(get_metrics)]
FeedbackStoreDep = Annotated[FeedbackStore, Depends(get_feedback_store)]


def client_key(request: Request) -> str:
    # uvicorn rewrites request.client from X-Forwarded-For only for trusted proxies (--forwarded-allow-ips).
    return request.client.host if request.client else "unknown"


async def rate_limit(request: Request, metrics: MetricsDep) -> None:
    limiter: TokenBucketLimiter = request.app.state.limiter
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
        raise UnsupportedMediaType(
            "unsupported_media_type", f"Send the body as application/json (got {media or 'no content type'})."
        )


async def require_multipart(request: Request) -> None:
    if _media_type(request) != "multipart/form-data":
        raise UnsupportedMediaType(
            "unsupported_media_type", "Upload the document as multipart/form-data with a `file` field."
        )


async def require_admin(request: Request, settings: SettingsDep) -> None:
    """Admin endpoints need `Authorization: Bearer <PLANQA_ADMIN_KEY>` (or `X-Admin-Key`)."""
    if not settings.enable_admin or settings.admin_key is None:
        raise Forbidden(
            "admin_disabled", "Admin endpoints are disabled on this server (PLANQA_ENABLE_ADMIN)."
        )
    supplied = request.headers.get("x-admin-key", "")
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer":
        supplied = token.strip()
    expected = settings.admin_key.get_secret_value().encode()
    if not supplied or not secrets.compare_digest(supplied.encode(), expected):
        raise Unauthorized("A valid admin key is required.")


CheckRateLimit = Depends(rate_limit)
JsonOnly = Depends(require_json)
MultipartOnly = Depends(require_multipart)
AdminOnly = Depends(require_admin)
