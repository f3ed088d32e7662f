"""GET /docs (Swagger UI) and GET /redoc (ReDoc) from assets packaged with the service.

FastAPI's defaults load them from a CDN, which leaves the pages blank on an offline network;
the `fastapi-offline` package ships the same files and this serves them from /api-docs-assets/.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

ASSETS_PATH = "/api-docs-assets"


def _assets_dir() -> Path:
    import fastapi_offline

    return Path(fastapi_offline.__file__).resolve().parent / "static"


# ReDoc's sidebar shows a logo from its CDN; offline it is a failed request, so point it nowhere.
REDOC_CDN_LOGO = b"https://cdn.redoc.ly/redoc/logo-mini.svg"


@cache
def redoc_script() -> bytes:
    return (_assets_dir() / "redoc.standalone.js").read_bytes().replace(REDOC_CDN_LOGO, b"data:,")


def install_api_docs(app: FastAPI) -> None:
    """Serve /docs and /redoc offline (create the app with docs_url=None, redoc_url=None)."""
    app.mount(ASSETS_PATH, StaticFiles(directory=_assets_dir()), name="api-docs-assets")
    router = APIRouter(include_in_schema=False)

    @router.get("/api-docs-redoc.js")
    async def redoc_js() -> Response:
        return Response(redoc_script(), media_type="text/javascript; charset=utf-8",
                        headers={"Cache-Control": "public, max-age=3600"})

    title = f"{app.title} – API"

    @router.get("/docs", response_class=HTMLResponse)
    async def swagger() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json", title=title,
            swagger_js_url=f"{ASSETS_PATH}/swagger-ui-bundle.js",
            swagger_css_url=f"{ASSETS_PATH}/swagger-ui.css",
            swagger_favicon_url=f"{ASSETS_PATH}/favicon.png",
        )

    @router.get("/redoc", response_class=HTMLResponse)
    async def redoc() -> HTMLResponse:
        return get_redoc_html(
            openapi_url=app.openapi_url or "/openapi.json", title=title,
            redoc_js_url="/api-docs-redoc.js",
            redoc_favicon_url=f"{ASSETS_PATH}/favicon.png",
            with_google_fonts=False,
        )

    app.include_router(router)
