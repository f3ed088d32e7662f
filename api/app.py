"""Builds the FastAPI application: settings, pipeline holder, routers, channels, middleware, errors.

The pipeline comes from bot.pipeline.build_pipeline (the one place stages are wired); it is built
once, in the background, when the app starts, so /healthz answers at once and /readyz tells when
questions can be answered.

Channels are listed in CHANNELS. Adding one (Telegram, Microsoft Teams, ...) is a package under
api/channels/ (settings.py, client.py with `make_client`, routes.py with `CHANNEL`), its
settings section in api.settings.ChannelSettings, and one line here.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from importlib.metadata import PackageNotFoundError, version
from typing import Any

import httpx
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from api.channels.core.channel import Channel
from api.channels.core.engine import AnswerSource, PipelineSource
from api.channels.core.runtime import ChatRuntime
from api.channels.web.routes import CHANNEL as WEB
from api.channels.zalo_bot.routes import CHANNEL as ZALO_BOT
from api.channels.zalo_oa.routes import CHANNEL as ZALO_OA
from api.documents_view import DocumentStore
from api.errors import install_error_handlers
from api.feedback import FeedbackStore
from api.holder import PipelineFactory, PipelineHolder, QAPipeline
from api.jobs import JobQueue, RedisJobQueue
from api.logs import install_redaction
from api.middleware import CatchUnexpectedErrors, LimitConcurrency, LimitRequestBody, ObserveRequests
from api.openapi import install_openapi
from api.ratelimit import make_limiter
from api.routes import admin, documents, health, metrics, sources, viewer
from api.routes.apidocs import install_api_docs
from api.service import DocumentLibrary, QAService
from api.settings import RateLimit, ServiceSettings
from api.state import IndexChangeWatcher, make_state, redis_url
from api.telemetry import Metrics
from core.settings import load_settings

log = logging.getLogger("planqa.api")

CHANNELS: tuple[Channel, ...] = (WEB, ZALO_OA, ZALO_BOT)
ROUTERS = (documents.router, viewer.router, admin.router, sources.router, health.router, metrics.router)
MULTIPART_OVERHEAD_BYTES = 64 * 1024
UPLOAD_PATH = "/v1/documents"
JOBS_PATH = "/v1/jobs"
JOB_UPLOAD_FACTOR = 4  # a job's body may hold this many largest-size files (each is checked alone)


def create_app(
    settings: ServiceSettings | None = None,
    pipeline_factory: PipelineFactory | None = None,
    *,
    conversation_factory: Callable[[], Any] | None = None,
    library_factory: Callable[[], DocumentLibrary] | None = None,
    chat_source: AnswerSource | None = None,
    chat_http: httpx.AsyncClient | None = None,
) -> FastAPI:
    """The app. The factories, `chat_source` and `chat_http` exist so tests can supply their own."""
    settings = settings or load_settings(ServiceSettings)
    install_redaction(settings)  # no configured secret may reach a log line (httpx logs URLs)
    holder = PipelineHolder(pipeline_factory or _default_pipeline_factory(settings))
    state = make_state(settings)  # PLANQA_REDIS_URL: shared by every worker; else this process's memory
    service = QAService(
        settings,
        holder,
        conversation_factory or _new_conversation,
        library_factory or _default_library_factory(settings),
        state,
    )
    chat = ChatRuntime(settings.channels.chat, chat_source or PipelineSource(service.pipeline), chat_http, state)
    # Other workers and `planqa worker` change the index too: each serving process reloads on their word.
    watcher = IndexChangeWatcher(state, service.reload_changed_index) if state.shared else None
    if watcher is not None:
        service.on_index_changed = watcher.announce
    active = []  # channels that can answer: those without a client, and those whose client is configured
    for channel in CHANNELS:
        client = channel.make_client(settings, chat) if channel.make_client else None
        if client is not None:
            chat.add_client(client)
        if client is not None or channel.make_client is None:
            active.append(channel.name)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        service.recover_storage()  # what a killed ingest or upload left behind
        holder.start()
        if watcher is not None:
            watcher.start()
        log.info(
            "service started",
            extra={
                "event": "startup",
                "index": str(settings.index_dir),
                "admin": settings.api.enable_admin,
                "rate_limit": settings.api.rate_limit,
                "channels": active,
            },
        )
        yield
        app.state.jobs.shutdown()
        if watcher is not None:
            watcher.stop()
        await chat.aclose()
        state.close()

    app = FastAPI(
        title="planqa",
        summary="Exact, cited answers from Vietnamese government plan documents",
        version=_version(),
        lifespan=lifespan,
        docs_url=None,  # served from packaged assets by install_api_docs
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.service = service
    app.state.chat = chat
    app.state.metrics = metrics = Metrics()
    app.state.documents = DocumentStore(settings.index_dir)

    def ingest_one(upload: Any, data: bytes, report: Any) -> tuple[list[str], str]:
        outcome = service.ingest(upload, data, report)
        return outcome.doc_ids, outcome.status

    app.state.shared_state = state
    app.state.jobs = RedisJobQueue(redis_url(settings)) if redis_url(settings) else JobQueue(ingest_one)
    app.state.limiter = make_limiter(state, "ask", settings.api.parsed_rate_limit)
    app.state.admin_failures = make_limiter(state, "admin-failures", RateLimit.parse(settings.api.admin_failure_limit))
    app.state.feedback = FeedbackStore(settings.api.feedback_db or settings.index_dir / "feedback.sqlite3")

    install_error_handlers(app)
    install_api_docs(app)
    install_openapi(app, settings)
    for router in ROUTERS:
        app.include_router(router)
    for channel in CHANNELS:
        app.include_router(channel.router)

    upload_limit = settings.api.max_upload_bytes + MULTIPART_OVERHEAD_BYTES

    def body_limit(method: str, path: str) -> int:
        is_upload = method == "POST" and path.rstrip("/").endswith(UPLOAD_PATH)
        if method == "POST" and path.rstrip("/").endswith(JOBS_PATH):
            return settings.api.max_upload_bytes * JOB_UPLOAD_FACTOR + MULTIPART_OVERHEAD_BYTES
        return upload_limit if is_upload else settings.api.max_body_bytes

    # add_middleware puts each one outside the previous: requests meet ObserveRequests first.
    app.add_middleware(LimitRequestBody, limit_for=body_limit)
    app.add_middleware(LimitConcurrency, limit=settings.api.max_concurrent_requests)
    app.add_middleware(CatchUnexpectedErrors)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.api.allowed_origins,
        allow_methods=["GET", "POST"],
        allow_headers=["Content-Type", "X-Request-ID"],
        expose_headers=["Retry-After", "X-Request-ID"],
        max_age=600,
    )
    app.add_middleware(ObserveRequests, metrics=metrics)
    return app


def _default_pipeline_factory(settings: ServiceSettings) -> PipelineFactory:
    def build() -> QAPipeline:
        from bot.pipeline import build_pipeline

        pipeline: QAPipeline = build_pipeline(settings)
        return pipeline

    return build


def _default_library_factory(settings: ServiceSettings) -> Callable[[], DocumentLibrary]:
    def open_library() -> DocumentLibrary:
        from index.library import Library
        from index.store_snapshot import open_store_library, uses_stores

        if uses_stores(settings.index):  # PLANQA_STORAGE=stores: each upload commits one document
            from index.store_uploads import StoreDocumentLibrary

            return StoreDocumentLibrary(open_store_library(settings.index_dir, settings.index))
        # The index section the pipeline reads with (embedding model ...), so writes match reads.
        library: DocumentLibrary = Library.create_or_open(settings.index_dir, settings.index)
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
