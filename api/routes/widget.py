"""GET /widget.js (the embeddable chat widget, CSS inlined) and GET / (a demo page that embeds it)."""

from __future__ import annotations

import hashlib
import html
import json
from functools import cache
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

router = APIRouter(tags=["widget"])

STATIC = Path(__file__).resolve().parent.parent / "static"


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
