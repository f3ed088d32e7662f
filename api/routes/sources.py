"""GET /v1/sources/{ref}: the passage a citation quotes, with the quote's offsets for highlighting."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool

from api.deps import ServiceDep
from api.models import SourceResponse
from api.routes.responses import ERRORS

router = APIRouter(prefix="/v1", tags=["sources"])


@router.get(
    "/sources/{ref}",
    response_model=SourceResponse,
    responses=ERRORS,
    summary="The passage of a citation id (<chunk id>:<start>-<end>) or chunk id",
)
async def get_source(ref: str, service: ServiceDep) -> dict[str, Any]:
    return await run_in_threadpool(service.passage, ref)
