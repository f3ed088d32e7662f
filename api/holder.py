"""Holds the answering pipeline: builds it once in the background and reports readiness.

The pipeline itself swaps in a reloaded index atomically, and the library writes each index
generation beside the live one, so answering goes on while documents are added or removed.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any, Literal, Protocol

from bot.answer import Answer
from core.errors import NotReady, PlanqaError

log = logging.getLogger("planqa.api")

State = Literal["idle", "loading", "ready", "failed"]


class QAPipeline(Protocol):
    """What the API needs from bot.pipeline.Pipeline."""

    def ask(self, question: str, conversation: Any = None, doc_id: str | None = None, page: int = 1) -> Answer: ...

    def documents(self) -> list[dict[str, Any]]: ...

    def passage(self, ref: str) -> dict[str, Any] | None: ...

    def reload(self) -> None: ...


PipelineFactory = Callable[[], QAPipeline]


class PipelineHolder:
    """`state` goes idle → loading → ready or failed; it is only written under the lock."""

    def __init__(self, factory: PipelineFactory) -> None:
        self._factory = factory
        self._pipeline: QAPipeline | None = None
        self.state: State = "idle"
        self._error: str | None = None
        self._doc_ids: frozenset[str] = frozenset()
        self._lock = threading.Lock()
        self._loaded = threading.Event()

    def start(self) -> None:
        """Start building the pipeline in a background thread (once)."""
        with self._lock:
            if self.state != "idle":
                return
            self.state = "loading"
        threading.Thread(target=self._load, name="planqa-pipeline-loader", daemon=True).start()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until loading ends; True when the pipeline is ready."""
        self.start()
        self._loaded.wait(timeout)
        return self.state == "ready"

    def _load(self) -> None:
        started = time.perf_counter()
        try:
            self._set_ready(self._factory())
        except PlanqaError as exc:
            self._fail(exc.message)
        except Exception:
            log.exception("pipeline failed to load", extra={"event": "pipeline_failed"})
            self._fail("The index could not be loaded; see the server log.")
        else:
            elapsed_ms = round((time.perf_counter() - started) * 1000, 1)
            log.info(
                "pipeline ready",
                extra={"event": "pipeline_ready", "documents": len(self._doc_ids), "load_ms": elapsed_ms},
            )
        finally:
            self._loaded.set()

    def _set_ready(self, pipeline: QAPipeline) -> None:
        doc_ids = _doc_ids(pipeline)
        with self._lock:
            self._pipeline, self._doc_ids, self.state, self._error = pipeline, doc_ids, "ready", None

    def _fail(self, message: str) -> None:
        with self._lock:
            self.state, self._error = "failed", message
        log.error("pipeline unavailable", extra={"event": "pipeline_failed", "reason": message})

    @property
    def error(self) -> NotReady | None:
        """Why the last load failed, or None."""
        return self._not_ready() if self.state == "failed" else None

    def _not_ready(self) -> NotReady:
        if self.state == "failed":
            return NotReady(self._error or "The index could not be loaded.", failed=True)
        return NotReady("The index is still loading; try again shortly.", failed=False)

    def get(self) -> QAPipeline:
        """The ready pipeline; raises NotReady while loading or after a failed load."""
        self.start()
        pipeline = self._pipeline
        if pipeline is None:
            raise self._not_ready()
        return pipeline

    def document_ids(self) -> frozenset[str]:
        return self._doc_ids

    def reload(self) -> None:
        """After the index changed on disk (the caller serializes index changes).

        Reloads the live pipeline, or builds one if the earlier load failed (e.g. an empty index
        that now has its first document).
        """
        if self._pipeline is not None:
            self._pipeline.reload()
            self._doc_ids = _doc_ids(self._pipeline)
        else:
            self._set_ready(self._factory())
            self._loaded.set()


def _doc_ids(pipeline: QAPipeline) -> frozenset[str]:
    return frozenset(str(d["doc_id"]) for d in pipeline.documents())
