"""What the routes call: asking with per-conversation memory, passages, documents, ingest and removal.

Runs in worker threads (the pipeline is synchronous and CPU-bound). Conversations and recent
answers live in bounded, expiring stores; a follow-up in one conversation waits for the previous
question of that conversation, other conversations do not. With a shared state (Redis,
api.state) conversations and recent answers are also kept there as JSON, so a follow-up sent to
another worker continues the same conversation.
"""

from __future__ import annotations

import logging
import re
import threading
import uuid
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from http import HTTPStatus
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from api.errors import ApiError
from api.feedback import AnsweredQuestion
from api.holder import PipelineHolder, QAPipeline
from api.settings import ServiceSettings
from api.uploads import CheckedUpload, safe_filename
from bot.answer import Answer
from core.cache import BoundedCache
from core.errors import PlanqaError
from core.quotes import trim_quote
from ingest.errors import IngestError

if TYPE_CHECKING:
    from api.state import SharedState

log = logging.getLogger("planqa.api")
EXCERPT_CHARS = 320
_CITATION_ID = re.compile(r"^(?P<chunk>.+):(?P<start>\d+)-(?P<end>\d+)$")


class IngestReport(Protocol):
    @property
    def ok(self) -> Sequence[str]: ...

    @property
    def failed(self) -> Sequence[tuple[str, str]]: ...


class DocumentLibrary(Protocol):
    """What the API needs from index.library.Library."""

    def ingest_paths(self, paths: list[Path], *, on_page: Callable[[Any], None] | None = None,
                     on_stage: Callable[[str, str], None] | None = None) -> IngestReport: ...

    def ingest_upload(self, data: bytes, target: Path, *, on_page: Callable[[Any], None] | None = None,
                      on_stage: Callable[[str, str], None] | None = None) -> IngestReport: ...

    def recover(self, wait: bool = True) -> Sequence[str]: ...

    def remove(self, ref: str) -> Sequence[str]: ...


@dataclass(frozen=True)
class IngestOutcome:
    source: str
    format: str
    doc_ids: list[str]  # empty when the same content was already indexed
    status: str  # added | replaced | unchanged


@dataclass
class ConversationSlot:
    conversation: Any  # bot.conversation.Conversation; opaque here
    lock: threading.Lock = field(default_factory=threading.Lock)


@dataclass(frozen=True)
class AskResult:
    answer: Answer
    conversation_id: str
    answer_id: str
    new_conversation: bool

    def to_dict(self) -> dict[str, Any]:
        """The CLI's JSON contract plus `conversation_id`, `answer_id` and a `citation_id` per citation."""
        body = self.answer.to_dict()
        for citation in body["citations"]:
            citation["citation_id"] = citation_id(citation)
            # `quote` stays the exact text; `excerpt` is what a compact view shows (cut by core.quotes).
            citation["excerpt"] = trim_quote(citation["quote"], EXCERPT_CHARS)
        body["conversation_id"] = self.conversation_id
        body["answer_id"] = self.answer_id
        return body


def citation_id(citation: dict[str, Any]) -> str | None:
    """`<chunk id>:<start>-<end>`: names the passage and the quoted span inside the document."""
    chunk = citation.get("chunk_id")
    if not chunk:
        return None
    return f"{chunk}:{citation['char_start']}-{citation['char_end']}"


def unknown_document(doc_id: str) -> ApiError:
    return ApiError(HTTPStatus.NOT_FOUND, "unknown_document", f"No document has the id {doc_id!r}.")


def highlight_span(passage: dict[str, Any], start: int, end: int) -> tuple[int, int] | None:
    """Offsets of the document span [start, end) inside the passage text, when it lies inside it.

    >>> highlight_span({"text": "abcdef", "char_start": 100, "char_end": 106}, 102, 104)
    (2, 4)
    """
    text = str(passage.get("text", ""))
    base = int(passage.get("char_start", 0))
    rel_start, rel_end = start - base, end - base
    if 0 <= rel_start < rel_end <= len(text):
        return rel_start, rel_end
    return None


class QAService:
    def __init__(
        self,
        settings: ServiceSettings,
        holder: PipelineHolder,
        conversation_factory: Callable[[], Any],
        library_factory: Callable[[], DocumentLibrary],
        state: SharedState | None = None,
    ) -> None:
        self.settings = settings
        self._state = state if state is not None and state.shared else None
        self.on_index_changed: Callable[[], None] = lambda: None  # tells other processes (api.app)
        self.holder = holder
        self._conversation_factory = conversation_factory
        self._library_factory = library_factory
        self._library: DocumentLibrary | None = None
        self._admin_lock = threading.Lock()
        web = settings.channels.web
        ttl = web.conversation_ttl_seconds
        self.conversations = BoundedCache[str, ConversationSlot](web.max_conversations, ttl)
        self.recent_answers = BoundedCache[str, AnsweredQuestion](web.max_conversations * 4, ttl)

    def pipeline(self) -> QAPipeline:
        """The loaded pipeline; raises core.errors.NotReady while it loads or after a failed load."""
        return self.holder.get()

    def ask(self, question: str, conversation_id: str | None, doc_id: str | None, page: int = 1) -> AskResult:
        """Empty or too long questions are refused by the pipeline itself (bot.errors.BadQuestion); `page` > 1
        continues an answer that matched more plans than one answer holds."""
        question = question.strip()
        pipeline = self.pipeline()
        if doc_id is not None and doc_id not in self.holder.document_ids():
            raise unknown_document(doc_id)
        conversation_id = conversation_id or uuid.uuid4().hex
        slot, created = self.conversations.get_or_create(
            conversation_id, lambda: ConversationSlot(self._conversation_factory())
        )
        ttl = self.settings.channels.web.conversation_ttl_seconds
        with slot.lock:  # a Conversation is not thread-safe; follow-ups of one conversation take turns
            if self._state is not None:  # another worker may have answered the previous question
                stored = self._state.get_json(f"conversation:{conversation_id}")
                if isinstance(stored, dict):
                    slot.conversation = type(slot.conversation).from_json(stored)
                    created = False
            answer = (pipeline.ask(question, slot.conversation, doc_id, page=page) if page > 1
                      else pipeline.ask(question, slot.conversation, doc_id))
            if self._state is not None:
                self._state.put_json(f"conversation:{conversation_id}", slot.conversation.to_json(), ttl)
        result = AskResult(answer, conversation_id, uuid.uuid4().hex, created)
        asked = AnsweredQuestion(result.answer_id, conversation_id, question, doc_id, answer.to_dict())
        self.recent_answers.put(result.answer_id, asked)
        if self._state is not None:
            self._state.put_json(f"answer:{result.answer_id}", asdict(asked), ttl)
        return result

    def documents(self) -> list[dict[str, Any]]:
        pipeline = self.pipeline()
        return pipeline.documents()

    def passage(self, ref: str) -> dict[str, Any]:
        """The passage a chunk id or citation id names, with `highlight` offsets into its text."""
        pipeline = self.pipeline()
        found = pipeline.passage(ref)
        match = _CITATION_ID.match(ref)
        if found is None and match:
            found = pipeline.passage(match.group("chunk"))
        if found is None:
            raise ApiError(HTTPStatus.NOT_FOUND, "unknown_source", f"No passage has the id {ref!r}.")
        passage = dict(found)
        span = highlight_span(passage, int(match.group("start")), int(match.group("end"))) if match else None
        passage["ref"] = ref
        passage["highlight"] = {"start": span[0], "end": span[1]} if span else None
        return passage

    def answered(self, answer_id: str) -> AnsweredQuestion:
        asked = self.recent_answers.get(answer_id)
        if asked is None and self._state is not None:
            stored = self._state.get_json(f"answer:{answer_id}")
            asked = AnsweredQuestion(**stored) if isinstance(stored, dict) else None
        if asked is None:
            raise ApiError(HTTPStatus.NOT_FOUND, "unknown_answer",
                           "No recent answer has this id (answers are kept for a limited time).")
        return asked

    def ingest(self, upload: CheckedUpload, data: bytes,
               report: Callable[[str, int | None, int | None], None] | None = None) -> IngestOutcome:
        """Store the upload as <index>/uploads/<name> and add it to the index.

        The file name is the document's identity (as with `planqa ingest`): uploading a file of
        the same name replaces that document. If the new file fails, the previous one is restored.
        """
        path = self._upload_path(upload.filename)
        with self._admin_lock:
            had_previous = path.exists()
            # The bytes become the stored file only when their generation commits, so a crash
            # cannot leave a stored file the index does not serve (Library.ingest_upload).
            ingested = self._library_locked().ingest_upload(data, path, **_stage_callbacks(report))
            if ingested.failed:
                raise IngestError(upload.filename, ingested.failed[0][1])
            doc_ids = list(ingested.ok)
            if doc_ids:
                if report:
                    report("loading", None, None)
                self.holder.reload()
                self.on_index_changed()
            status = "replaced" if had_previous else "added"
            return IngestOutcome(upload.filename, upload.fmt, doc_ids, status if doc_ids else "unchanged")

    def reload_changed_index(self) -> None:
        """Another process changed the index on disk: serve its new state (once loaded at all)."""
        with self._admin_lock:
            if self.holder.error is not None or self.holder.wait(0):
                self.holder.reload()

    def recover_storage(self) -> None:
        """Clean up what a killed ingest or upload left in the index directory (at start)."""
        index_dir = self.settings.index_dir
        if not ((index_dir / "CURRENT").exists() or (index_dir / "uploads").exists()):
            return
        try:
            with self._admin_lock:
                self._library_locked().recover(wait=False)
        except (PlanqaError, OSError) as exc:  # e.g. an index of another version: the pipeline reports it too
            log.warning("could not check the index for leftovers", extra={"event": "recover_failed",
                                                                           "error": str(exc)})

    def remove(self, doc_id: str) -> None:
        """Remove one document by id (the library also matches names and numbers; the API does not)."""
        self.pipeline()
        if doc_id not in self.holder.document_ids():
            raise unknown_document(doc_id)
        source = next((str(d.get("source")) for d in self.documents() if d.get("doc_id") == doc_id), None)
        with self._admin_lock:
            if not self._library_locked().remove(doc_id):
                raise unknown_document(doc_id)
            self.holder.reload()
            self.on_index_changed()
            if source and safe_filename(source) == source:
                self._upload_path(source).unlink(missing_ok=True)

    def _upload_path(self, filename: str) -> Path:
        root = (self.settings.index_dir / "uploads").resolve()
        path = (root / filename).resolve()
        if path.parent != root:  # safe_filename already prevents this; keep the guard anyway
            raise ApiError(HTTPStatus.UNPROCESSABLE_ENTITY, "unsafe_filename", "The file name is not allowed.")
        return path

    def _library_locked(self) -> DocumentLibrary:
        if self._library is None:
            self._library = self._library_factory()
        return self._library


def _stage_callbacks(report: Callable[[str, int | None, int | None], None] | None) -> dict[str, Any]:
    """Library callbacks that turn its progress into a job file's stage (OCR pages included)."""
    if report is None:
        return {}

    def on_page(event: Any) -> None:
        report("ocr" if getattr(event, "origin", "ocr") == "ocr" else "reading", event.page, event.pages)

    def on_stage(name: str, stage: str) -> None:
        report(stage, None, None)

    return {"on_page": on_page, "on_stage": on_stage}
