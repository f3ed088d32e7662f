"""POST /v1/feedback: thumbs up/down (and an optional comment) on a recent answer."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool

from api.deps import FeedbackStoreDep, JsonOnly, MetricsDep, ServiceDep
from api.models import FeedbackRequest, FeedbackResponse
from api.routes.responses import ERRORS

router = APIRouter(prefix="/v1", tags=["feedback"])
log = logging.getLogger("planqa.api")


@router.post(
    "/feedback",
    status_code=201,
    response_model=FeedbackResponse,
    responses=ERRORS,
    dependencies=[JsonOnly],
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
