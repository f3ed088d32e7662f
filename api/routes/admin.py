"""The admin page and what it calls (all behind the admin key, PLANQA_ADMIN_KEY):

    GET  /admin                                   the page (HTML, JS and CSS served from this host)
    POST /v1/jobs                                 upload one or more files; returns a job id at once (202)
    GET  /v1/jobs/{job_id}                        per-file progress and outcome of an upload job
    GET  /v1/admin/documents/{doc_id}/indicators  identity and indicator table of one document
    GET  /v1/admin/documents/{doc_id}/indicators.csv | .xlsx   the same table, exported

The page shell itself holds no data; every data request carries the key the official types in.
"""

from __future__ import annotations

from functools import cache
from http import HTTPStatus
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from api.deps import AdminOnly, MultipartOnly, ServiceDep, SettingsDep
from api.errors import ApiError
from api.jobs import JobQueue
from api.openapi import upload_media_types
from api.routes.responses import ADMIN_ERRORS, multipart_upload_body
from api.uploads import check_upload
from index.review import rows_to_csv, rows_to_xlsx, stored_indicator_rows
from ingest.loaders import SUPPORTED_EXTENSIONS

router = APIRouter(tags=["admin"])
PAGE = Path(__file__).resolve().parent.parent / "admin_page"
MAX_JOB_FILES = 10
# The page runs only its own script and loads nothing from elsewhere.
ADMIN_CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'"
_ASSET_TYPES = {"admin.js": "text/javascript; charset=utf-8", "admin.css": "text/css; charset=utf-8"}


@cache
def _asset(name: str) -> bytes:
    return (PAGE / name).read_bytes()


@router.get("/admin", response_class=HTMLResponse, include_in_schema=False)
async def admin_page() -> HTMLResponse:
    return HTMLResponse(_asset("admin.html").decode("utf-8"),
                        headers={"Content-Security-Policy": ADMIN_CSP, "Cache-Control": "no-store"})


@router.get("/admin/{name}", include_in_schema=False)
async def admin_asset(name: str) -> Response:
    if name not in _ASSET_TYPES:
        raise ApiError(HTTPStatus.NOT_FOUND, "not_found", "No such file.")
    return Response(_asset(name), media_type=_ASSET_TYPES[name], headers={"Cache-Control": "no-cache"})


def _jobs(request: Request) -> JobQueue:
    queue: JobQueue = request.app.state.jobs
    return queue


_JOB_BODY = multipart_upload_body(
    {"type": "array", "items": {"type": "string", "format": "binary"}, "maxItems": MAX_JOB_FILES},
    ", ".join(upload_media_types(sorted(SUPPORTED_EXTENSIONS))))


# The admin check runs before the body is parsed: the form is read here, not declared as a parameter.
@router.post("/v1/jobs", status_code=202, responses=ADMIN_ERRORS, dependencies=[AdminOnly, MultipartOnly],
             openapi_extra=_JOB_BODY,
             summary="Upload documents (multipart fields `file`, up to 10) as a background ingest job")
async def create_job(request: Request, settings: SettingsDep) -> JSONResponse:
    limit = settings.api.max_upload_bytes
    received: list[tuple[str | None, bytes]] = []
    async with request.form(max_files=MAX_JOB_FILES, max_fields=MAX_JOB_FILES + 4) as form:
        for upload in form.getlist("file"):
            if isinstance(upload, UploadFile):
                received.append((upload.filename, await upload.read(limit + 1)))
    if not received:
        raise ApiError(HTTPStatus.BAD_REQUEST, "missing_file", "Send the documents in multipart fields named `file`.")
    checked = []
    for name, data in received:  # every file is checked before any is stored: a bad one stops the job
        ok = await run_in_threadpool(check_upload, name, data, limit, settings.api.max_docx_expanded_bytes)
        checked.append((ok, data))
    job = _jobs(request).submit(checked)
    return JSONResponse(job.to_dict(), status_code=202, headers={"Location": f"/v1/jobs/{job.id}"})


@router.get("/v1/jobs/{job_id}", responses=ADMIN_ERRORS, dependencies=[AdminOnly],
            summary="Progress of an upload job: each file's stage, then its outcome")
async def get_job(job_id: str, request: Request) -> dict[str, Any]:
    job = _jobs(request).get(job_id)
    if job is None:
        raise ApiError(HTTPStatus.NOT_FOUND, "unknown_job", f"No recent job has the id {job_id!r}.")
    return job.to_dict()


def _review(service: Any, settings: Any, doc_id: str) -> dict[str, Any]:
    documents = {d["doc_id"]: d for d in service.documents()}
    if doc_id not in documents:
        raise ApiError(HTTPStatus.NOT_FOUND, "unknown_document", f"No document has the id {doc_id!r}.")
    return {"document": documents[doc_id], "indicators": stored_indicator_rows(settings.index_dir, doc_id)}


@router.get("/v1/admin/documents/{doc_id}/indicators", responses=ADMIN_ERRORS, dependencies=[AdminOnly],
            summary="A document's identity and indicators (rows of `planqa indicators --json`)")
async def review(doc_id: str, service: ServiceDep, settings: SettingsDep) -> dict[str, Any]:
    return await run_in_threadpool(_review, service, settings, doc_id)


@router.get("/v1/admin/documents/{doc_id}/indicators.{fmt}", responses=ADMIN_ERRORS, dependencies=[AdminOnly],
            response_class=Response, summary="The indicator table as CSV or XLSX")
async def export(doc_id: str, fmt: str, service: ServiceDep, settings: SettingsDep) -> Response:
    if fmt not in ("csv", "xlsx"):
        raise ApiError(HTTPStatus.NOT_FOUND, "unknown_format", "Export as .csv or .xlsx.")
    body = await run_in_threadpool(_review, service, settings, doc_id)
    rows = body["indicators"]
    if fmt == "csv":
        data, media = await run_in_threadpool(rows_to_csv, rows), "text/csv; charset=utf-8"
    else:
        data = await run_in_threadpool(rows_to_xlsx, rows)
        media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    name = f"chi-tieu-{doc_id}.{fmt}"
    return Response(data, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'})
