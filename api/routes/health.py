"""GET /healthz (the process answers) and GET /readyz (the index is loaded)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from api.deps import ServiceDep
from api.errors import error_body
from api.models import HealthResponse, ReadyResponse

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=HealthResponse, summary="Liveness")
async def healthz() -> dict[str, Any]:
    return {"status": "ok"}


@router.get(
    "/readyz",
    response_model=ReadyResponse,
    responses={503: {"model": ReadyResponse}},
    summary="Readiness: 200 once the index is loaded, 503 while loading or after a failed load",
)
async def readyz(service: ServiceDep) -> Any:
    holder = service.holder
    holder.start()
    if holder.state == "ready":
        return {"status": "ready", "documents": len(holder.document_ids())}
    error = holder.error
    if error is not None:
        return JSONResponse({"status": "failed", **error_body(error.code, error.message)}, status_code=503)
    return JSONResponse({"status": "loading"}, status_code=503, headers={"Retry-After": "5"})
