"""GET /v1/documents; POST /v1/documents (upload and ingest, admin); DELETE /v1/documents/{doc_id} (admin)."""

from __future__ import annotations

import logging
from dataclasses import asdict
from http import HTTPStatus
from typing import Any

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from api.deps import AdminOnly, MultipartOnly, ServiceDep, SettingsDep
from api.errors import ApiError
from api.models import DeleteResponse, DocumentsResponse, UploadResponse
from api.openapi import upload_media_types
from api.routes.responses import ADMIN_ERRORS, ERRORS, multipart_upload_body
from api.uploads import check_upload
from ingest.loaders import SUPPORTED_EXTENSIONS

router = APIRouter(prefix="/v1", tags=["documents"])
log = logging.getLogger("planqa.api")

_UPLOAD_BODY = multipart_upload_body({"type": "string", "format": "binary"},
                                     ", ".join(upload_media_types(sorted(SUPPORTED_EXTENSIONS))))


@router.get(
    "/documents", response_model=DocumentsResponse, responses=ERRORS, summary="List indexed documents"
)
async def list_documents(service: ServiceDep) -> dict[str, Any]:
    return {"documents": await run_in_threadpool(service.documents)}


# The admin check runs before the body is parsed: the form is read here, not declared as a parameter.
@router.post(
    "/documents",
    status_code=201,
    response_model=UploadResponse,
    responses=ADMIN_ERRORS,
    dependencies=[AdminOnly, MultipartOnly],
    openapi_extra=_UPLOAD_BODY,
    summary="Upload a document (PDF, DOCX, HTML, TXT, MD) and add it to the index",
)
async def upload_document(request: Request, service: ServiceDep, settings: SettingsDep) -> dict[str, Any]:
    async with request.form(max_files=1, max_fields=4) as form:
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise ApiError(HTTPStatus.BAD_REQUEST, "missing_file",
                           "Send the document in a multipart field named `file`.")
        data = await upload.read(settings.api.max_upload_bytes + 1)
        name = upload.filename
    checked = await run_in_threadpool(
        check_upload, name, data, settings.api.max_upload_bytes, settings.api.max_docx_expanded_bytes
    )
    outcome = await run_in_threadpool(service.ingest, checked, data)
    log.info(
        "document ingested",
        extra={
            "event": "ingest",
            "format": checked.fmt,
            "bytes": len(data),
            "doc_ids": outcome.doc_ids,
            "status": outcome.status,
        },
    )
    return asdict(outcome)


@router.delete(
    "/documents/{doc_id}",
    response_model=DeleteResponse,
    responses=ADMIN_ERRORS,
    dependencies=[AdminOnly],
    summary="Remove a document from the index",
)
async def delete_document(doc_id: str, service: ServiceDep, request: Request) -> dict[str, Any]:
    await run_in_threadpool(service.remove, doc_id)
    await run_in_threadpool(request.app.state.documents.prune)  # its cached page images go too
    log.info("document removed", extra={"event": "remove", "doc_id": doc_id})
    return {"deleted": doc_id}
