"""OpenAPI documentation of the error body every route may answer with."""

from __future__ import annotations

from typing import Any

from api.models import ErrorResponse

_DESCRIPTIONS = {
    400: "Malformed request (e.g. invalid JSON)",
    404: "Unknown document, passage or answer",
    413: "Body or upload too large",
    415: "Wrong content type, or not a supported document",
    422: "Invalid field (e.g. question too long)",
    429: "Rate limited; see Retry-After",
    503: "Index loading or unavailable; see Retry-After",
}

ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorResponse, "description": text} for status, text in _DESCRIPTIONS.items()
}
ADMIN_ERRORS: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    401: {"model": ErrorResponse, "description": "Missing or wrong admin key"},
    403: {"model": ErrorResponse, "description": "Admin endpoints disabled"},
}
