"""Builds the FastAPI application: settings, pipeline holder, routers, middleware, error handlers.

The pipeline comes from bot.pipeline.build_pipeline (the one place stages are wired); it is built
once, in the background, when the app starts, so /healthz answers at once and /readyz tells when
questions can be answered.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from importlib.metadata import PackageNotFoundError, version
from types import ModuleType
from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.middleware.cors import CORSMiddleware

from api.errors import install_error_handlers
from api.feedback import FeedbackStore
from api.holder import PipelineFactory, PipelineHolder, QAPipeline
from api.middleware import CatchUnexpectedErrors, LimitRequestBody, ObserveRequests
from api.ratelimit import TokenBucketLimiter
from api.routes import ROUTERS
from api.service import DocumentLibrary, QAService
from api.settings import ApiSettings
from api.telemetry import Metrics

log = logging.getLogger("planqa.api")

# Modules that may add endpoints when they exist: each exposes `router` (an APIRouter), directly
# or in a `router` submodule.
OPTIONAL_ROUTER_MODULES = ("api.zalo",)
MULTIPART_OVERHEAD_BYTES = 64 * 1024
UPLOAD_PATH = "/v1/documents"


def create_app(
    settings: ApiSettings | None = None,
    pipeline_factory: PipelineFactory | None = None,
    *,
    conversation_factory: Callable[[], Any] | None = None,
    library_factory: Callable[[], DocumentLibrary] | None = None,
) -> FastAPI:
    """The app. `pipeline_factory` (and the other factories) exist so tests can supply their own."""
    settings = settings or ApiSettings()
    holder = PipelineHolder(pipeline_factory or _default_pipeline_factory(settings))
    service = QAService(
        settings,
        holder,
        conversation_factory or _new_conversation,
        library_factory or _default_library_factory(settings),
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        holder.start()
        log.info(
            "service started",
            extra={
                "event": "startup",
                "index": str(settings.index),
                "admin": settings.enable_admin,
                "rate_limit": settings.rate_limit,
            },
        )
        yield

    app = FastAPI(
        title="planqa",
        summary="Exact, cited answers from Vietnamese government plan documents",
        version=_version(),
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.service = service
    app.state.metrics = metrics = Metrics()
    app.state.limiter = TokenBucketLimiter(settings.parsed_rate_limit)
    app.state.feedback = FeedbackStore(settings.feedback_path)

    install_error_handlers(app)
    for router in routers():
        app.include_router(router)

    upload_limit = settings.max_upload_bytes + MULTIPART_OVERHEAD_BYTES

    def body_limit(method: str, path: str) -> int:
        is_upload = method == "POST" and path.rstrip("/").endswith(UPLOAD_PATH)
        return upload_limit if is_upload else settings.max_body_bytes

    # add_middleware puts each one outside the previous: requests meet ObserveRequests first.
    app.add_middleware(LimitRequestBody, limit_for=body_limit)
    app.add_middleware(CatchUnexpectedErrors)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.allowed_origins,
        allow_methods=["GET", "POST"],
        allow_headers=["Content-Type", "X-Request-ID"],
        expose_headers=["Retry-After", "X-Request-ID"],
        max_age=600,
    )
    app.add_middleware(ObserveRequests, metrics=metrics)
    return app


def routers() -> list[APIRouter]:
    """Our routers, plus `router` of each optional module that is installed."""
    found = list(ROUTERS)
    for name in OPTIONAL_ROUTER_MODULES:
        try:
            if importlib.util.find_spec(name) is None:
                continue
        except (ImportError, ValueError):
            continue
        router: Any = getattr(importlib.import_module(name), "router", None)
        if router is None and importlib.util.find_spec(f"{name}.router") is not None:
            router = importlib.import_module(f"{name}.router")
        if isinstance(router, ModuleType):  # a `router.py` submodule rather than an attribute
            router = getattr(router, "router", None)
        if isinstance(router, APIRouter):
            found.append(router)
        else:
            log.warning(
                "optional module has no router", extra={"event": "router_missing", "optional_module": name}
            )
    return found


def bot_settings(settings: ApiSettings) -> Any:
    from bot.settings import Settings

    return Settings(index_dir=settings.index)


def index_config(settings: ApiSettings) -> Any:
    """The index settings the pipeline reads with (embedding model ...), so writes match reads."""
    return bot_settings(settings).index_config()


def _default_pipeline_factory(settings: ApiSettings) -> PipelineFactory:
    def build() -> QAPipeline:
        from bot.pipeline import build_pipeline

        pipeline: QAPipeline = build_pipeline(bot_settings(settings))
        return pipeline

    return build


def _default_library_factory(settings: ApiSettings) -> Callable[[], DocumentLibrary]:
    def open_library() -> DocumentLibrary:
        from index.library import Library

        library: DocumentLibrary = Library.create_or_open(settings.index, index_config(settings))
        return library

    return open_library


def _new_conversation() -> Any:
    from bot.conversation import Conversation

    return Conversation()


def _version() -> str:
    try:
        return version("planqa")
    except PackageNotFoundError:
        return "0.0.0"
