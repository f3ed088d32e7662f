"""The storage contract: what the index keeps and how it is searched, whatever engine holds it.

Three stores, each with upsert and delete by document and a search filtered *inside* the engine
(not after its top-k), so a question scoped to one plan finds that plan's passages however large
the library grows:

- `VectorStore`: chunk (or answer-unit) vectors, searched by cosine similarity.
- `LexicalStore`: BM25 over pyvi-segmented, normalized chunk tokens.
- `FactStore`: documents, chunks and typed facts (indicators, assignments, duties, plan facts),
  with indexed lookups by (document, indicator number) and (document, body).

The embedded profile (FAISS, SQLite FTS5, SQLite) is the zero-configuration default; Milvus and
PostgreSQL implement the same Protocols for a deployment beyond one machine.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

import numpy as np

from ingest.model import Assignment, Chunk, Duty, Indicator, PlanDocument, PlanFacts

__all__ = [
    "DocFilter", "DocumentInfo", "FactStore", "Hit", "LexicalStore", "StoredPassage", "VectorStore",
]


@dataclass(frozen=True)
class DocFilter:
    """Which documents a search may return. Every field set must match; an empty filter admits all.

    `doc_ids` restricts to those documents; the metadata fields match the document's own metadata
    (`DocumentMeta.place`, `place_level`, `year`, `doc_type`) after Vietnamese key normalization
    (case, tone placement and diacritics ignored by the implementation's key function).
    """

    doc_ids: frozenset[str] | None = None
    place: str | None = None
    place_level: str | None = None
    year: int | None = None
    doc_type: str | None = None

    def is_empty(self) -> bool:
        return self.doc_ids is None and not any((self.place, self.place_level, self.year, self.doc_type))


@dataclass(frozen=True)
class Hit:
    """One search result: a stored item's id, the document it belongs to, and its score (higher is better)."""

    id: str
    doc_id: str
    score: float


@dataclass(frozen=True)
class StoredPassage:
    """A passage for the lexical store: the chunk's id, its document and its BM25 tokens."""

    id: str
    doc_id: str
    tokens: str  # space-separated, as `Chunk.tokens`


@dataclass(frozen=True)
class DocumentInfo:
    """What a store keeps about a document besides its facts: enough to filter and to cite."""

    doc_id: str
    source: str
    content_hash: str
    meta: dict[str, object] = field(default_factory=dict)


@runtime_checkable
class VectorStore(Protocol):
    """Unit-length vectors by string id, grouped by document."""

    @property
    def dimension(self) -> int: ...

    def upsert(self, doc_id: str, ids: Sequence[str], vectors: np.ndarray) -> None:
        """Replace everything stored for `doc_id` with these vectors (rows of `vectors`, in `ids` order)."""

    def delete_document(self, doc_id: str) -> int:
        """Remove the document's vectors; the number removed (0 when it had none)."""

    def search(self, query: np.ndarray, k: int, where: DocFilter | None = None) -> list[Hit]:
        """The `k` most similar vectors among those `where` admits, most similar first."""

    def count(self) -> int: ...


@runtime_checkable
class LexicalStore(Protocol):
    """BM25 over passage tokens, grouped by document."""

    def upsert(self, doc_id: str, passages: Sequence[StoredPassage]) -> None:
        """Replace everything stored for `doc_id` with these passages."""

    def delete_document(self, doc_id: str) -> int: ...

    def search(self, query_tokens: Sequence[str], k: int, where: DocFilter | None = None) -> list[Hit]:
        """The `k` best BM25 matches among the passages `where` admits, best first."""

    def count(self) -> int: ...


@runtime_checkable
class FactStore(Protocol):
    """Documents, chunks and typed facts. Facts come back as the ingest model's classes, never dicts."""

    def upsert_document(self, doc: PlanDocument) -> None:
        """Store (or replace) a document with its chunks and facts, atomically."""

    def delete_document(self, doc_id: str) -> bool: ...

    def documents(self, where: DocFilter | None = None) -> list[DocumentInfo]: ...

    def document_text(self, doc_id: str) -> str | None: ...

    def chunks(self, ids: Iterable[str]) -> list[Chunk]: ...

    def indicators(self, doc_id: str, number: int | None = None) -> list[Indicator]: ...

    def assignments(self, doc_id: str | None = None, *, indicator_number: int | None = None,
                    agency_key: str | None = None) -> list[Assignment]:
        """Assignments by document, indicator number and/or body; lookups are indexed, not scanned."""

    def duties(self, doc_id: str, agency_key: str | None = None) -> list[Duty]: ...

    def plan_facts(self, doc_id: str) -> PlanFacts: ...
