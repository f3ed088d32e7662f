"""The systems compared by the harness, behind one small interface.

- `planqa`: the answering pipeline (`bot.pipeline.build_pipeline`), scored on its answers, and
  on the passages of its hybrid retriever for the retrieval metrics.
- `bm25`, `dense`: retrieval only, over the very chunks and indexes planqa built (the index
  generation's `lexical/` and `vectors/`), no place filter, no fusion.
- `langchain`: a plain LangChain RAG retriever: RecursiveCharacterTextSplitter(1000, 200) over
  each document's raw text, FAISS with the same embeddings, top 4.

Retrieval-only systems have no answer; they are scored on context sufficiency. A follow-up
question has no context of its own, so retrieval-only systems (and planqa's retriever, for the
retrieval metrics) are queried with the conversation's questions joined in order.

Heavy imports (pipeline, FAISS, LangChain, embeddings) happen inside the builders, so importing
this module costs nothing and the pure parts of eval/ never need them.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from eval.errors import SystemUnavailable

RETRIEVAL_K = 10
LANGCHAIN_K = 4
ALL_SYSTEMS = ("planqa", "bm25", "dense", "langchain")


@dataclass(frozen=True)
class Passage:
    """One retrieved passage, with where it came from."""

    text: str
    source: str = ""
    section: str = ""
    chunk_id: str | None = None

    @property
    def context(self) -> str:
        """What a reader of the passage sees: its section heading, then its text."""
        return f"{self.section}\n{self.text}" if self.section else self.text


@dataclass(frozen=True)
class CitedPassage:
    source: str
    section: str
    quote: str


@dataclass
class SystemOutput:
    """What one system produced for one question."""

    status: str | None = None  # None for retrieval-only systems
    answer: str = ""
    leads: list[str] = field(default_factory=list)
    supports: list[str] = field(default_factory=list)
    indicators: list[int] | None = None
    citations: list[CitedPassage] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    latency_ms: float = 0.0  # of the answer (or of the retrieval, for retrieval-only systems)
    intent: str | None = None
    error: str | None = None


class Session(Protocol):
    """One conversation with a system: follow-ups are asked in the same session."""

    def ask(self, question: str) -> SystemOutput: ...


class System(Protocol):
    name: str
    answers: bool  # False: retrieval only, scored on context sufficiency

    def new_session(self) -> Session: ...


# ---------------------------------------------------------------------------------------------
# Retrieval-only systems

Retrieve = Callable[[str, int], list[Passage]]


class _RetrievalSession:
    def __init__(self, retrieve: Retrieve, k: int) -> None:
        self._retrieve = retrieve
        self._k = k
        self._history: list[str] = []

    def ask(self, question: str) -> SystemOutput:
        self._history.append(question)
        query = " ".join(self._history)
        started = time.perf_counter()
        passages = self._retrieve(query, self._k)
        return SystemOutput(passages=passages, latency_ms=(time.perf_counter() - started) * 1000)


@dataclass
class RetrievalSystem:
    """A retriever under evaluation; `retrieve(query, k)` returns passages best first."""

    name: str
    retrieve: Retrieve
    k: int = RETRIEVAL_K
    answers: bool = False

    def new_session(self) -> Session:
        return _RetrievalSession(self.retrieve, self.k)


# ---------------------------------------------------------------------------------------------
# planqa


def _hit_to_passage(hit: Any, source_of: dict[str, str]) -> Passage:
    doc_id = str(getattr(hit, "doc_id", "") or "")
    return Passage(
        text=str(getattr(hit, "text", "") or ""),
        source=str(getattr(hit, "source", "") or source_of.get(doc_id, doc_id)),
        section=str(getattr(hit, "section", "") or ""),
        chunk_id=getattr(hit, "chunk_id", None),
    )


def facts_bodies(facts: dict[str, Any]) -> tuple[list[str], list[str], list[int] | None]:
    """Leads, supports and indicator numbers reported in an answer's structured facts.

    >>> facts_bodies({"results": [{"indicator": 9, "leads": ["Sở Y tế"], "supports": []},
    ...                           {"indicator": 9, "leads": ["Công an tỉnh"], "supports": ["Sở Tư pháp"]}]})
    (['Sở Y tế', 'Công an tỉnh'], ['Sở Tư pháp'], [9])
    >>> facts_bodies({})
    ([], [], None)
    """
    leads: list[str] = []
    supports: list[str] = []
    numbers: list[int] = []
    results = facts.get("results") if isinstance(facts, dict) else None
    for result in results or []:
        if not isinstance(result, dict):
            continue
        leads.extend(n for n in result.get("leads") or [] if n not in leads)
        supports.extend(n for n in result.get("supports") or [] if n not in supports)
        if isinstance(result.get("indicator"), int):
            numbers.append(result["indicator"])
        numbers.extend(n for n in result.get("indicators") or [] if isinstance(n, int))
    return leads, supports, (sorted(set(numbers)) if numbers else None)


def answer_to_output(answer: Any, latency_ms: float) -> SystemOutput:
    """Convert a `bot.answer.Answer` into the harness's view of it."""
    facts = getattr(answer, "facts", None) or {}
    leads, supports, indicators = facts_bodies(facts)
    citations = [
        CitedPassage(source=str(c.source or ""), section=str(c.section or ""), quote=str(c.quote or ""))
        for c in getattr(answer, "citations", None) or []
    ]
    return SystemOutput(
        status=str(answer.status),
        answer=str(answer.answer or ""),
        leads=leads,
        supports=supports,
        indicators=indicators,
        citations=citations,
        latency_ms=latency_ms,
        intent=getattr(answer, "intent", None),
    )


class _PlanqaSession:
    def __init__(self, system: PlanqaSystem) -> None:
        self._system = system
        self._conversation = system.new_conversation()
        self._history: list[str] = []

    def ask(self, question: str) -> SystemOutput:
        self._history.append(question)
        started = time.perf_counter()
        answer = self._system.pipeline.ask(question, conversation=self._conversation)
        output = answer_to_output(answer, (time.perf_counter() - started) * 1000)
        # Retrieval metrics come from a separate call, outside the timed answer.
        output.passages = self._system.retrieve(" ".join(self._history), RETRIEVAL_K)
        return output


class PlanqaSystem:
    name = "planqa"
    answers = True

    def __init__(self, pipeline: Any, source_of: dict[str, str] | None = None) -> None:
        self.pipeline = pipeline
        self._source_of = source_of or {}

    def new_conversation(self) -> Any:
        try:
            from bot.conversation import Conversation
        except ImportError:
            return None
        return Conversation()

    def retrieve(self, query: str, k: int) -> list[Passage]:
        retriever = getattr(self.pipeline, "retriever", None)
        if retriever is None:
            return []
        return [_hit_to_passage(h, self._source_of) for h in retriever.retrieve(query, k=k)]

    def new_session(self) -> Session:
        return _PlanqaSession(self)


# ---------------------------------------------------------------------------------------------
# Builders


def _import_error(what: str, exc: Exception) -> SystemUnavailable:
    return SystemUnavailable(f"{what} is not available ({exc.__class__.__name__}: {exc})")


def make_settings(index_dir: Path) -> Any:
    try:
        from bot import settings as bot_settings
    except ImportError as exc:
        raise _import_error("bot.settings", exc) from exc
    settings_class: Any = bot_settings.Settings  # the rest comes from PLANQA_* variables
    return settings_class(index_dir=index_dir)


def index_config(settings: Any) -> Any:
    """The index layer's config for these settings (Settings may be or hold an IndexConfig)."""
    from index.config import IndexConfig

    if isinstance(settings, IndexConfig):
        return settings
    value = getattr(settings, "index", None)  # the index section of the settings tree
    if isinstance(value, IndexConfig):
        return value
    fields = {name: getattr(settings, name) for name in IndexConfig.model_fields if hasattr(settings, name)}
    return IndexConfig(**fields)


def build_index(index_dir: Path, documents: Sequence[Path], settings: Any) -> Any:
    """Ingest `documents` into a (new) index at `index_dir`; returns the ingest report."""
    try:
        from index.library import Library
    except ImportError as exc:
        raise _import_error("index.library", exc) from exc
    from index.progress import IngestProgress

    library = Library.create_or_open(index_dir, index_config(settings))
    # Building the index takes minutes on a real corpus: show it, per document and stage, on stderr.
    progress = IngestProgress(len(documents), label="planqa eval: building the index")
    try:
        report = library.ingest_paths(list(documents), **progress.callbacks())
    finally:
        progress.close()
    failed = getattr(report, "failed", [])
    if failed:
        raise SystemUnavailable("could not ingest: " + "; ".join(f"{name}: {why}" for name, why in failed))
    return report


def build_planqa(settings: Any, source_of: dict[str, str]) -> PlanqaSystem:
    try:
        from bot.pipeline import build_pipeline
    except ImportError as exc:
        raise _import_error("bot.pipeline", exc) from exc
    return PlanqaSystem(build_pipeline(settings), source_of)


@dataclass
class IndexParts:
    """The pieces of a built index the retrieval baselines reuse."""

    chunks: list[Any]
    source_of: dict[str, str]  # doc_id -> original file name
    generation: Path
    embeddings: Any

    def passage(self, chunk_id: str) -> Passage:
        chunk = self._by_id[chunk_id]
        return Passage(chunk.text, self.source_of.get(chunk.doc_id, chunk.doc_id), chunk.section, chunk.id)

    def __post_init__(self) -> None:
        self._by_id = {c.id: c for c in self.chunks}


def open_index_parts(index_dir: Path, settings: Any) -> IndexParts:
    try:
        from index import facts_db
        from index.embeddings import make_embeddings
        from index.library import open_generation, read_only_connection
    except ImportError as exc:
        raise _import_error("the index layer", exc) from exc
    config = index_config(settings)
    generation, _manifest = open_generation(index_dir, config)
    conn = read_only_connection(generation)
    try:
        chunks = facts_db.all_chunks(conn)
        docs = facts_db.rows(conn, "SELECT doc_id, source FROM documents")
    finally:
        conn.close()
    embeddings = make_embeddings(config.embedding_model, segment_input=config.segment_input)
    return IndexParts(chunks, {d["doc_id"]: d["source"] for d in docs}, generation, embeddings)


def build_bm25(parts: IndexParts) -> RetrievalSystem:
    from index.lexical import LexicalIndex
    from ingest.segment import lexical_tokens, segment

    lexical = LexicalIndex.load(parts.generation / "lexical")

    def retrieve(query: str, k: int) -> list[Passage]:
        hits = lexical.search(lexical_tokens(segment(query)), k)
        return [parts.passage(chunk_id) for chunk_id, _ in hits]

    return RetrievalSystem("bm25", retrieve)


def build_dense(parts: IndexParts) -> RetrievalSystem:
    from index.vectors import VectorIndex

    vectors = VectorIndex.load(parts.generation / "vectors", expected_dimension=parts.embeddings.dimension)

    def retrieve(query: str, k: int) -> list[Passage]:
        hits = vectors.search(parts.embeddings.embed_queries([query])[0], k)
        return [parts.passage(chunk_id) for chunk_id, _ in hits]

    return RetrievalSystem("dense", retrieve)


def document_texts(paths: Iterable[Path]) -> list[tuple[str, str]]:
    """(file name, raw text) of each document, as the ingest loader reads it (DOCX tables included)."""
    from ingest.assemble import assemble
    from ingest.loaders import load_document

    return [(p.name, assemble(load_document(p).blocks).text) for p in paths]


def build_langchain(documents: Sequence[Path], embeddings: Any, k: int = LANGCHAIN_K) -> RetrievalSystem:
    """Plain LangChain RAG retrieval: split 1000/200, FAISS over the same embeddings, top k."""
    try:
        from langchain_community.vectorstores import FAISS
        from langchain_text_splitters import RecursiveCharacterTextSplitter
    except ImportError as exc:
        raise _import_error("langchain-community / langchain-text-splitters", exc) from exc
    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
    texts: list[str] = []
    metadatas: list[dict[str, Any]] = []
    for name, text in document_texts(documents):
        for piece in splitter.split_text(text):
            texts.append(piece)
            metadatas.append({"source": name})
    store = FAISS.from_texts(texts, embeddings, metadatas=metadatas)

    def retrieve(query: str, k: int) -> list[Passage]:
        return [Passage(d.page_content, str(d.metadata.get("source", ""))) for d in store.similarity_search(query, k=k)]

    return RetrievalSystem("langchain", retrieve, k=k)
