"""GET /metrics in the Prometheus text format."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from api.deps import MetricsDep, ServiceDep

router = APIRouter(tags=["health"])


@router.get("/metrics", response_class=Response, summary="Prometheus metrics")
async def metrics(metrics: MetricsDep, service: ServiceDep) -> Response:
    holder = service.holder
    metrics.ready.set(1 if holder.state == "ready" else 0)
    metrics.documents.set(len(holder.document_ids()))
    return Response(generate_latest(metrics.registry), media_type=CONTENT_TYPE_LATEST)
