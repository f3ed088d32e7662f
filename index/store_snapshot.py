"""An `IndexSnapshot` served from the storage Protocols (`index.stores.base`) instead of a generation.

Documents, chunks and typed facts are read from the `FactStore`; retrieval searches the
`VectorStore` and `LexicalStore` through adapters with the `VectorIndex`/`LexicalIndex` call
shape, so the answering code is unchanged. A scoped search passes the documents as a `DocFilter`
to the store, which filters inside its search (a scoped document's passages are found however
large the library is), and hits on documents the fact store does not list are dropped (the fact
store is `StoreLibrary`'s commit point).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import numpy as np

from core.errors import ConfigError
from index.config import IndexConfig
from index.embed_cache import EmbeddingCache, embed_with_cache
from index.embeddings import PlanqaEmbeddings, make_embeddings
from index.sentences import SentenceIndex
from index.snapshot import DocumentRecord, IndexSnapshot
from index.store_library import StoreLibrary, StoreSet
from index.stores.base import DocFilter, FactStore, LexicalStore, VectorStore
from index.stores.embedded import open_embedded
from ingest.loaders import LoadLimits
from ingest.model import Chunk, Duty

if TYPE_CHECKING:  # the remote stores' clients load only when the remote profile is configured
    from index.stores.remote import RemoteStores

__all__ = ["StoreLexicalIndex", "StoreVectorIndex", "open_snapshot", "open_store_library", "snapshot_from_stores",
           "stores_root", "uses_stores"]

# How many more hits to ask a store for than the caller keeps: room for hits that are dropped
# (another chunk of an allowed document, or a document not committed yet).
_OVERFETCH = 2


class _ChunkScope:
    """Maps a set of allowed chunk ids to the store filter on their documents."""

    def __init__(self, chunk_docs: dict[str, str], committed: frozenset[str]) -> None:
        self.chunk_docs = chunk_docs
        self.committed = committed

    def where(self, allowed_ids: set[str] | None) -> DocFilter | None:
        """None for an unscoped search (no id list the size of the library; uncommitted hits are dropped after)."""
        if allowed_ids is None:
            return None
        return DocFilter(doc_ids=frozenset(self.chunk_docs[c] for c in allowed_ids if c in self.chunk_docs))

    def keep(self, hit_id: str, hit_doc: str, allowed_ids: set[str] | None) -> bool:
        if hit_doc not in self.committed or hit_id not in self.chunk_docs:
            return False
        return allowed_ids is None or hit_id in allowed_ids


class StoreVectorIndex:
    """`VectorIndex.search` over a `VectorStore`, the document filter applied inside the store."""

    def __init__(self, store: VectorStore, scope: _ChunkScope) -> None:
        self.store = store
        self.scope = scope

    @property
    def dimension(self) -> int:
        return self.store.dimension

    def __len__(self) -> int:
        return len(self.scope.chunk_docs)

    def search(self, query: np.ndarray, k: int, allowed_ids: set[str] | None = None) -> list[tuple[str, float]]:
        where = self.scope.where(allowed_ids)
        if where is not None and not where.doc_ids:
            return []
        hits = self.store.search(np.asarray(query, dtype=np.float32), k * _OVERFETCH, where)
        return [(h.id, h.score) for h in hits if self.scope.keep(h.id, h.doc_id, allowed_ids)][:k]


class StoreLexicalIndex:
    """`LexicalIndex.search` over a `LexicalStore`, with the same document filter inside the store."""

    filters_inside = True  # bot.retrieval passes the allowed ids here instead of filtering a global top-k

    def __init__(self, store: LexicalStore, scope: _ChunkScope) -> None:
        self.store = store
        self.scope = scope

    def __len__(self) -> int:
        return len(self.scope.chunk_docs)

    def search(self, query_tokens: Sequence[str], k: int,
               allowed_ids: set[str] | None = None) -> list[tuple[str, float]]:
        where = self.scope.where(allowed_ids)
        if (where is not None and not where.doc_ids) or not query_tokens:
            return []
        hits = self.store.search(list(query_tokens), k * _OVERFETCH, where)
        return [(h.id, h.score) for h in hits if self.scope.keep(h.id, h.doc_id, allowed_ids)][:k]


def _reader(facts: FactStore, name: str) -> Callable[..., Any]:
    method = getattr(facts, name, None)
    if not callable(method):
        raise ConfigError(f"{type(facts).__name__} cannot list a document's {name.split('_')[-1]} (needs {name}())")
    return cast(Callable[..., Any], method)


def snapshot_from_stores(facts: FactStore, vectors: VectorStore, lexical: LexicalStore,
                         embeddings: PlanqaEmbeddings, *, root: Path, cache: EmbeddingCache | None = None
                         ) -> IndexSnapshot:
    """A snapshot of what the stores hold now, with the fact rows shaped as a generation's."""
    document_chunks = _reader(facts, "document_chunks")
    document_agencies = _reader(facts, "document_agencies")
    documents: dict[str, DocumentRecord] = {}
    chunks: dict[str, Chunk] = {}
    indicators: list[dict[str, Any]] = []
    assignments: list[dict[str, Any]] = []
    duty_rows: list[dict[str, Any]] = []
    agencies: list[dict[str, Any]] = []
    duty_items: list[Duty] = []
    plan_facts = {}
    for info in sorted(facts.documents(), key=lambda d: d.source):
        text = facts.document_text(info.doc_id) or ""
        rec = DocumentRecord(info.doc_id, info.source, dict(info.meta), text)
        documents[info.doc_id] = rec
        for c in sorted(document_chunks(info.doc_id), key=lambda c: c.char_start):
            chunks[c.id] = c
            rec.chunk_starts.append(c.char_start)
            rec.chunk_ids.append(c.id)
        for ind in facts.indicators(info.doc_id):
            row = asdict(ind)
            row.pop("goal_id", None)  # not a column of a generation's rows
            indicators.append(row)
        assignments += [asdict(a) for a in facts.assignments(info.doc_id)]
        doc_duties = facts.duties(info.doc_id)
        duty_items += doc_duties
        duty_rows += [asdict(d) for d in doc_duties]
        agencies += [{"doc_id": info.doc_id, **asdict(a)} for a in document_agencies(info.doc_id)]
        plan_facts[info.doc_id] = facts.plan_facts(info.doc_id)
    # Same orders as IndexSnapshot.open reads a generation in.
    indicators.sort(key=lambda r: (r["doc_id"], r["ordinal"]))
    assignments.sort(key=lambda r: (r["doc_id"], r["indicator_number"]))
    duty_items.sort(key=lambda d: (d.doc_id, d.span.char_start))
    scope = _ChunkScope({cid: c.doc_id for cid, c in chunks.items()}, frozenset(documents))

    def embed(texts: list[str]) -> np.ndarray:
        return embed_with_cache(embeddings, texts, cache) if cache is not None else embeddings.embed_passages(texts)

    ordered = sorted(chunks.values(), key=lambda c: (c.doc_id, c.ordinal))
    sentences = SentenceIndex.build(ordered, {d: r.text for d, r in documents.items()}, embed, embeddings.model_id)
    return IndexSnapshot(
        root=root, generation=root, manifest={"storage": "stores", "documents": len(documents),
                                              "chunks": len(chunks), "dimension": vectors.dimension,
                                              "embedding_model": embeddings.model_id},
        documents=documents, chunks=chunks, indicators=indicators, assignments=assignments, duties=duty_rows,
        agencies=agencies,
        # The adapters have the call shape bot.retrieval uses of VectorIndex and LexicalIndex.
        vectors=cast(Any, StoreVectorIndex(vectors, scope)), lexical=cast(Any, StoreLexicalIndex(lexical, scope)),
        embeddings=embeddings, plan_facts=plan_facts, duty_items=duty_items, sentences=sentences,
    )


# ---------------------------------------------------------------- opening by settings


def uses_stores(config: IndexConfig) -> bool:
    """Whether answers are served from the stores (PLANQA_STORAGE=stores, or Milvus + PostgreSQL set)."""
    from index.stores.remote import is_remote

    return config.stores.storage == "stores" or is_remote(config)


def stores_root(index_dir: Path) -> Path:
    """Where the embedded stores live: beside a library's generations, never inside one."""
    return Path(index_dir) / "stores"


class _RemoteStoreLibrary(StoreLibrary):
    """A StoreLibrary on Milvus + PostgreSQL that also closes the Milvus client it opened."""

    def __init__(self, remote: RemoteStores, embeddings: PlanqaEmbeddings, *, max_file_bytes: int) -> None:
        super().__init__(StoreSet(remote.facts, remote.lexical, remote.vectors), embeddings,
                         max_file_bytes=max_file_bytes)
        self.remote = remote

    def close(self) -> None:
        super().close()
        self.remote.milvus.close()


def open_store_library(index_dir: Path, config: IndexConfig,
                       embeddings: PlanqaEmbeddings | None = None) -> StoreLibrary:
    """The writer for the configured stores (embedded under `<index>/stores`, or Milvus + PostgreSQL)."""
    from index.stores.remote import is_remote, open_stores

    emb = embeddings or make_embeddings(config.embedding_model, segment_input=config.segment_input)
    if is_remote(config):
        remote = _RemoteStoreLibrary(open_stores(config, dimension=emb.dimension), emb,
                                     max_file_bytes=config.max_file_bytes)
        remote.recover()
        return remote
    lib = StoreLibrary.open_embedded(stores_root(index_dir), emb)
    lib.limits = LoadLimits(max_bytes=config.max_file_bytes)
    return lib


def open_snapshot(index_dir: Path, config: IndexConfig | None = None,
                  embeddings: PlanqaEmbeddings | None = None) -> IndexSnapshot:
    """The snapshot the settings name: a library generation, or what the stores hold now."""
    config = config or IndexConfig()
    if not uses_stores(config):
        return IndexSnapshot.open(Path(index_dir), config, embeddings)
    emb = embeddings or make_embeddings(config.embedding_model, segment_input=config.segment_input)
    from index.stores.remote import is_remote, open_stores

    if is_remote(config):
        remote = open_stores(config, dimension=emb.dimension)
        return snapshot_from_stores(remote.facts, remote.vectors, remote.lexical, emb, root=Path(index_dir))
    root = stores_root(index_dir)
    # A reader: no background compaction here (the writer compacts).
    stores = open_embedded(root, emb.dimension, auto_compact=False)
    cache = EmbeddingCache(root / "embed_cache.sqlite")
    try:
        return snapshot_from_stores(stores.facts, stores.vectors, stores.lexical, emb, root=root, cache=cache)
    finally:
        cache.close()
