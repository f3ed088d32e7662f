"""GET /v1/documents/{doc_id}/text (the whole text citations point into),
GET /v1/documents/{doc_id}/pages/{page}.png (a page image of a PDF or scan, rendered on demand) and
GET /v1/suggestions (what to ask instead, after a 'not found')."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from api.documents_view import DocumentStore
from api.routes.responses import ERRORS

router = APIRouter(prefix="/v1", tags=["documents"])


def _store(request: Request) -> DocumentStore:
    store: DocumentStore = request.app.state.documents
    return store


@router.get("/documents/{doc_id}/text", responses=ERRORS,
            summary="A document's full text, its page ranges, and whether it has page images")
async def document_text(doc_id: str, request: Request) -> dict[str, Any]:
    doc = await run_in_threadpool(_store(request).get, doc_id)
    return doc.to_dict()


@router.get("/documents/{doc_id}/pages/{page}.png", responses=ERRORS, response_class=Response,
            summary="A page of a PDF or scanned document as PNG (rendered once, then cached)")
async def document_page(
    doc_id: str, page: int, request: Request, zoom: float = Query(default=1.5, ge=0.5, le=3.0)
) -> Response:
    png = await run_in_threadpool(_store(request).page_image, doc_id, page, zoom)
    return Response(png, media_type="image/png",
                    headers={"Cache-Control": "public, max-age=3600",
                             "Cross-Origin-Resource-Policy": "cross-origin"})


@router.get("/suggestions", responses=ERRORS,
            summary="After a 'not found': the documents closest to a question, and questions they answer")
async def suggestions(request: Request, question: str = Query(max_length=2000), limit: int = Query(3, ge=1, le=10)
                      ) -> dict[str, Any]:
    return await run_in_threadpool(_store(request).suggest, question, limit)
