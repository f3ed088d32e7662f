"""POST /v1/ask and POST /v1/ask/stream."""

from __future__ import annotations

import logging
import time
from typing import Any

from fastapi import APIRouter
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from api.deps import CheckRateLimit, JsonOnly, MetricsDep, ServiceDep, SettingsDep
from api.models import AskRequest, AskResponse
from api.routes.responses import ERRORS
from api.service import AskResult
from api.settings import ApiSettings
from api.sse import SSE_HEADERS, answer_events
from api.telemetry import Metrics

router = APIRouter(prefix="/v1", tags=["ask"])
log = logging.getLogger("planqa.api")

_STREAM_DOC: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "Server-sent events: `delta` (answer text pieces), `citations`, then `done` "
        "(the full JSON of POST /v1/ask).",
        "content": {"text/event-stream": {"schema": {"type": "string"}}},
    }
}


async def _answer(
    body: AskRequest, service: ServiceDep, settings: ApiSettings, metrics: Metrics
) -> dict[str, Any]:
    started = time.perf_counter()
    result: AskResult = await run_in_threadpool(service.ask, body.question, body.conversation_id, body.doc_id)
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
    if settings.log_questions:
        entry["question"] = body.question
    log.info("ask", extra=entry)
    return result.to_dict()


@router.post(
    "/ask",
    response_model=AskResponse,
    responses=ERRORS,
    dependencies=[JsonOnly, CheckRateLimit],
    summary="Answer a question with exact quotes and their citations",
)
async def ask(
    body: AskRequest, service: ServiceDep, settings: SettingsDep, metrics: MetricsDep
) -> dict[str, Any]:
    return await _answer(body, service, settings, metrics)


@router.post(
    "/ask/stream",
    responses={**ERRORS, **_STREAM_DOC},
    dependencies=[JsonOnly, CheckRateLimit],
    summary="Answer a question as server-sent events",
)
async def ask_stream(
    body: AskRequest, service: ServiceDep, settings: SettingsDep, metrics: MetricsDep
) -> StreamingResponse:
    # Answer first, so a bad request still gets its 4xx status and JSON error instead of a broken stream.
    answer = await _answer(body, service, settings, metrics)
    return StreamingResponse(answer_events(answer), media_type="text/event-stream", headers=SSE_HEADERS)
