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

def webhook_errors(**descriptions: str) -> dict[int | str, dict[str, Any]]:
    """The error answers of a webhook: `descriptions` by status ("s404"="..."), plus body limit and overload."""
    statuses = {int(key.lstrip("s")): text for key, text in descriptions.items()}
    statuses.setdefault(413, _DESCRIPTIONS[413])
    statuses.setdefault(503, "Too many requests in flight; see Retry-After")
    return {status: {"model": ErrorResponse, "description": text} for status, text in sorted(statuses.items())}


ADMIN_ERRORS: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    401: {"model": ErrorResponse, "description": "Missing or wrong admin key"},
    403: {"model": ErrorResponse, "description": "Admin endpoints disabled"},
}


def multipart_upload_body(file_schema: dict[str, Any], media_types: str) -> dict[str, Any]:
    """The OpenAPI request body of an upload: multipart field `file` (`file_schema`), whose bytes may be
    any of `media_types` (the bytes decide the format, whatever the part's type says)."""
    return {
        "requestBody": {
            "required": True,
            "content": {
                "multipart/form-data": {
                    "schema": {"type": "object", "properties": {"file": file_schema}, "required": ["file"]},
                    "encoding": {"file": {"contentType": media_types}},
                }
            },
        }
    }
