"""Errors the API answers with, and the one place that turns any error into JSON.

Every error response, webhooks included, has the body `{"error": {"code": "...", "message": "..."}}`:
`code` is stable for programs, `message` is one line for people. No stack trace ever reaches a
client; unexpected errors are logged server-side and answered with a generic 500.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import HTTPException, RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

import ingest.errors as ingest_errors
from bot.errors import BadQuestion
from core.errors import NotReady, PlanqaError
from index.errors import IndexMismatch, IndexMissing

log = logging.getLogger("planqa.api")


class ApiError(PlanqaError):
    """An error with an HTTP status, raised by routes and dependencies of the api package.

    >>> ApiError(HTTPStatus.NOT_FOUND, "unknown_document", "No document has the id 'x'.").status_code
    404
    """

    def __init__(
        self, status: HTTPStatus, code: str, message: str, headers: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(message, code=code)
        self.status_code = int(status)
        self.headers = dict(headers or {})


class RateLimited(ApiError):
    def __init__(self, retry_after: int) -> None:
        super().__init__(
            HTTPStatus.TOO_MANY_REQUESTS,
            "rate_limited",
            f"Too many questions; try again in {retry_after} s.",
            {"Retry-After": str(retry_after)},
        )


class BodyTooLarge(HTTPException):
    """Raised while reading a request body past its limit (an HTTPException so FastAPI passes it on)."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"Request body is larger than the limit of {limit} bytes.")


# The status of errors raised below the api package. Most specific first: the first match decides.
_STATUS: tuple[tuple[type[PlanqaError], int], ...] = (
    (ingest_errors.FileTooLarge, 413),
    (ingest_errors.UnsupportedFormat, 415),
    (ingest_errors.NotADocument, 415),
    (ingest_errors.IngestError, 422),
    (BadQuestion, 422),
    (NotReady, 503),
    (IndexMissing, 503),
    (IndexMismatch, 503),
)

_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    429: "rate_limited",
}


def error_body(code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message}}


def error_response(
    status: int, code: str, message: str, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(error_body(code, message), status_code=status, headers=dict(headers or {}))


def planqa_status(exc: PlanqaError) -> int:
    if isinstance(exc, ApiError):
        return exc.status_code
    return next((status for cls, status in _STATUS if isinstance(exc, cls)), 400)


def planqa_error_response(exc: PlanqaError) -> JSONResponse:
    """The answer to any planqa error: its status, `code` and one-line `message`."""
    headers = dict(exc.headers) if isinstance(exc, ApiError) else {}
    if isinstance(exc, NotReady):
        headers["Retry-After"] = str(exc.retry_after)
    return error_response(planqa_status(exc), exc.code, exc.message, headers)


def validation_message(exc: RequestValidationError) -> tuple[int, str, str]:
    """(status, code, message) for a request that failed validation."""
    errors = list(exc.errors())
    if any(e.get("type") == "json_invalid" for e in errors):
        detail = next(e for e in errors if e.get("type") == "json_invalid")
        reason = (detail.get("ctx") or {}).get("error", "invalid JSON")
        return 400, "malformed_json", f"Request body is not valid JSON: {reason}."
    parts = []
    for error in errors[:3]:
        loc = [str(p) for p in error.get("loc", ()) if p not in ("body", "query", "path", "header")]
        where = ".".join(loc) or "body"
        parts.append(f"{where}: {error.get('msg', 'invalid')}")
    more = f" (+{len(errors) - 3} more)" if len(errors) > 3 else ""
    return 422, "invalid_request", "; ".join(parts) + more


async def _planqa_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, PlanqaError)
    if not isinstance(exc, ApiError):
        log.info("planqa error", extra={"event": "planqa_error", "kind": type(exc).__name__,
                                        "status": planqa_status(exc)})
    return planqa_error_response(exc)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    status, code, message = validation_message(exc)
    return error_response(status, code, message)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = _HTTP_CODES.get(exc.status_code, "http_error")
    message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        # Starlette names only the methods of the first route matching the path; a path served
        # by several routes (GET and POST /v1/documents) allows all of theirs.
        headers["Allow"] = ", ".join(allowed_methods(request))
    return error_response(exc.status_code, code, message, headers)


_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


def allowed_methods(request: Request) -> list[str]:
    """Every method some route of the app serves at this request's path (asked of the router
    itself, method by method, so routers included in routers are searched too)."""
    allowed = []
    for method in _METHODS:
        scope = {**request.scope, "method": method}
        if any(route.matches(scope)[0] == Match.FULL for route in request.app.router.routes):
            allowed.append(method)
    return allowed


def internal_error_response(exc: BaseException, path: str) -> JSONResponse:
    """The answer to an unexpected error: logged here with its traceback, shown to no client."""
    log.error(
        "unhandled error",
        exc_info=(type(exc), exc, exc.__traceback__),
        extra={"event": "unhandled_error", "path": path},
    )
    return error_response(500, "internal_error", "Internal error; it has been logged.")


async def _unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    return internal_error_response(exc, request.url.path)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(PlanqaError, _planqa_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected_error)
