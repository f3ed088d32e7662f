"""What the OpenAPI schema says beyond what FastAPI derives from the routes and models.

The schema must describe what the service really does (a schema-driven fuzzer checks it, see
tests/test_harden_openapi.py): the configured question length, the server-sent events of
/v1/ask/stream, and the media types an upload may have.
"""

from __future__ import annotations

import mimetypes
from typing import Any

from fastapi import FastAPI

from api.settings import ServiceSettings


def _json_data(schema: dict[str, Any]) -> dict[str, Any]:
    """An SSE `data` field carrying one JSON value of `schema`."""
    return {"type": "string", "contentMediaType": "application/json", "contentSchema": schema}


def _sse_event(name: str, data: dict[str, Any], description: str) -> dict[str, Any]:
    return {
        "type": "object",
        "description": description,
        "required": ["event", "data"],
        "properties": {"event": {"const": name}, "data": _json_data(data)},
    }


# One event of the stream (OpenAPI 3.1 describes each event of text/event-stream by `schema`).
SSE_EVENT_SCHEMA: dict[str, Any] = {
    "oneOf": [
        _sse_event("delta", {"type": "object", "required": ["text"], "properties": {"text": {"type": "string"}}},
                   "A piece of the answer text; the pieces in order make the whole text."),
        _sse_event("citations", {"type": "object", "required": ["citations"],
                                 "properties": {"citations": {"type": "array", "items": {"type": "object"}}}},
                   "The citations of the answer, numbered by position (1-based)."),
        _sse_event("done", {"type": "object", "required": ["status", "answer", "citations"]},
                   "The full answer, as POST /v1/ask returns it; the last event."),
    ]
}


# Not every system's mime.types knows these; the schema must not depend on the machine.
_MEDIA_TYPES = {
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
}


def upload_media_types(suffixes: list[str]) -> list[str]:
    """The media types of files with these suffixes (the bytes decide the format, not the type).

    >>> upload_media_types([".pdf", ".docx"])
    ['application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', \
'application/octet-stream']
    """
    found = {_MEDIA_TYPES.get(s) or mimetypes.guess_type(f"file{s}", strict=False)[0] for s in suffixes}
    return [*sorted(t for t in found if t), "application/octet-stream"]


def install_openapi(app: FastAPI, settings: ServiceSettings) -> None:
    """Replace `app.openapi` with one that adds the service's own facts to FastAPI's schema."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        schema = generate()
        components = schema.get("components", {}).get("schemas", {})
        question = components.get("AskRequest", {}).get("properties", {}).get("question")
        if question is not None:
            # The limit the pipeline applies (PLANQA_MAX_QUESTION_CHARS) and at least one visible character.
            question.update(minLength=1, maxLength=settings.bot.max_question_chars, pattern=r"\S")
        stream = schema.get("paths", {}).get("/v1/ask/stream", {}).get("post", {})
        content = stream.get("responses", {}).get("200", {}).get("content", {})
        if "text/event-stream" in content:
            content["text/event-stream"]["schema"] = SSE_EVENT_SCHEMA
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
