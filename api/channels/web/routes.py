"""The web channel: POST /v1/ask, POST /v1/ask/stream, POST /v1/feedback, GET /widget.js (the
embeddable chat widget, CSS inlined) and GET / (a demo page that embeds it)."""

from __future__ import annotations

import hashlib
import html
import json
import logging
import time
from functools import cache
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response, StreamingResponse
from starlette.concurrency import run_in_threadpool

from api.channels.core.channel import Channel
from api.channels.web.sse import SSE_HEADERS, answer_events
from api.deps import CheckRateLimit, FeedbackStoreDep, JsonOnly, MetricsDep, ServiceDep, SettingsDep
from api.models import AskRequest, AskResponse, FeedbackRequest, FeedbackResponse
from api.routes.responses import ERRORS
from api.service import AskResult
from api.settings import ServiceSettings
from api.telemetry import Metrics

router = APIRouter()
log = logging.getLogger("planqa.api")

STATIC = Path(__file__).resolve().parent / "static"

_STREAM_DOC: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "Server-sent events: `delta` (answer text pieces), `citations`, then `done` "
        "(the full JSON of POST /v1/ask).",
        "content": {"text/event-stream": {"schema": {"type": "string"}}},
    }
}


# ---------------------------------------------------------------- asking


async def _answer(
    body: AskRequest, service: ServiceDep, settings: ServiceSettings, metrics: Metrics
) -> dict[str, Any]:
    started = time.perf_counter()
    result: AskResult = await run_in_threadpool(
        service.ask, body.question, body.conversation_id, body.doc_id, body.page
    )
    metrics.answers.labels(result.answer.status).inc()
    entry: dict[str, Any] = {
        "event": "ask",
        "status": result.answer.status,
        "intent": result.answer.intent,
        "citations": len(result.answer.citations),
        "question_chars": len(body.question),
        "doc_id": body.doc_id,
        "follow_up": not result.new_conversation,
        "duration_ms": round((time.perf_counter() - started) * 1000, 2),
    }
    if settings.channels.web.log_questions:
        entry["question"] = body.question
    log.info("ask", extra=entry)
    return result.to_dict()


@router.post(
    "/v1/ask",
    response_model=AskResponse,
    responses=ERRORS,
    dependencies=[JsonOnly, CheckRateLimit],
    tags=["ask"],
    summary="Answer a question with exact quotes and their citations",
)
async def ask(
    body: AskRequest, service: ServiceDep, settings: SettingsDep, metrics: MetricsDep
) -> dict[str, Any]:
    return await _answer(body, service, settings, metrics)


@router.post(
    "/v1/ask/stream",
    responses={**ERRORS, **_STREAM_DOC},
    dependencies=[JsonOnly, CheckRateLimit],
    tags=["ask"],
    summary="Answer a question as server-sent events",
)
async def ask_stream(
    body: AskRequest, service: ServiceDep, settings: SettingsDep, metrics: MetricsDep
) -> StreamingResponse:
    # Answer first, so a bad request still gets its 4xx status and JSON error instead of a broken stream.
    answer = await _answer(body, service, settings, metrics)
    return StreamingResponse(answer_events(answer), media_type="text/event-stream", headers=SSE_HEADERS)


# ---------------------------------------------------------------- feedback


@router.post(
    "/v1/feedback",
    status_code=201,
    response_model=FeedbackResponse,
    responses=ERRORS,
    dependencies=[JsonOnly],
    tags=["feedback"],
    summary="Rate an answer; stored with its question, answer and citations",
)
async def post_feedback(
    body: FeedbackRequest, service: ServiceDep, store: FeedbackStoreDep, metrics: MetricsDep
) -> dict[str, Any]:
    asked = service.answered(body.answer_id)
    comment = body.comment.strip() if body.comment and body.comment.strip() else None
    row_id = await run_in_threadpool(store.record, asked, body.rating, comment)
    metrics.feedback.labels(body.rating).inc()
    log.info(
        "feedback", extra={"event": "feedback", "rating": body.rating, "has_comment": comment is not None}
    )
    return {"id": row_id, "rating": body.rating}


# ---------------------------------------------------------------- the widget


@cache
def widget_script() -> tuple[bytes, str]:
    """widget.js with widget.css inlined (it is adopted into the widget's shadow root), and its ETag."""
    css = (STATIC / "widget.css").read_text(encoding="utf-8")
    script = (STATIC / "widget.js").read_text(encoding="utf-8").replace("__PLANQA_CSS__", json.dumps(css))
    body = script.encode("utf-8")
    return body, '"' + hashlib.sha256(body).hexdigest()[:20] + '"'


@cache
def demo_page() -> str:
    return (STATIC / "demo.html").read_text(encoding="utf-8")


@router.get("/widget.js", include_in_schema=False)
async def widget_js(request: Request) -> Response:
    body, etag = widget_script()
    headers = {
        "ETag": etag,
        "Cache-Control": "public, max-age=300",
        # Lets portals that isolate themselves (COEP) still load the script from this host.
        "Cross-Origin-Resource-Policy": "cross-origin",
    }
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    return Response(body, media_type="text/javascript; charset=utf-8", headers=headers)


# The demo page runs no inline script and loads nothing from elsewhere; the widget works under this.
DEMO_CSP = (
    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'"
)


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
async def demo(request: Request) -> HTMLResponse:
    origin = str(request.base_url).rstrip("/")
    page = demo_page().replace("{{ORIGIN}}", html.escape(origin))
    return HTMLResponse(page, headers={"Content-Security-Policy": DEMO_CSP})


CHANNEL = Channel("web", router)
