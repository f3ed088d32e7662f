"""The routers, collected in one place; api.app includes them in this order."""

from __future__ import annotations

from fastapi import APIRouter

from api.routes import ask, documents, feedback, health, metrics, sources, widget

ROUTERS: list[APIRouter] = [
    ask.router,
    documents.router,
    sources.router,
    feedback.router,
    health.router,
    metrics.router,
    widget.router,
]
