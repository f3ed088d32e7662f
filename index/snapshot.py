"""A read-only, in-memory view of one index generation: what the answering pipeline reads."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from index import facts_db
from index.config import IndexConfig
from index.embeddings import PlanqaEmbeddings, make_embeddings
from index.lexical import LexicalIndex
from index.library import open_generation, read_only_connection
from index.sentences import SentenceIndex
from index.vectors import VectorIndex
from ingest.model import Chunk, Duty, PlanFacts


@dataclass
class DocumentRecord:
    doc_id: str
    source: str
    meta: dict[str, Any]
    text: str
    chunk_starts: list[int] = field(default_factory=list)
    chunk_ids: list[str] = field(default_factory=list)

    @property
    def number(self) -> str | None:
        return self.meta.get("number")

    @property
    def title(self) -> str | None:
        return self.meta.get("title")

    @property
    def place(self) -> str | None:
        return self.meta.get("place")

    def chunk_at(self, offset: int) -> str | None:
        i = bisect.bisect_right(self.chunk_starts, offset) - 1
        return self.chunk_ids[i] if i >= 0 else None


@dataclass
class IndexSnapshot:
    root: Path
    generation: Path
    manifest: dict[str, Any]
    documents: dict[str, DocumentRecord]
    chunks: dict[str, Chunk]
    indicators: list[dict[str, Any]]
    assignments: list[dict[str, Any]]
    duties: list[dict[str, Any]]
    agencies: list[dict[str, Any]]
    vectors: VectorIndex
    lexical: LexicalIndex
    embeddings: PlanqaEmbeddings
    # Typed facts (not dicts): the rest of each plan by document id, and duty items in document order.
    plan_facts: dict[str, PlanFacts] = field(default_factory=dict)
    duty_items: list[Duty] = field(default_factory=list)
    sentences: SentenceIndex | None = None  # answer units; None in a generation built before they were saved

    def facts_of(self, doc_id: str) -> PlanFacts:
        """A document's plan facts; empty for a document that states none."""
        return self.plan_facts.get(doc_id) or PlanFacts()

    def duties_of(self, doc_id: str, agency_key: str | None = None) -> list[Duty]:
        return [d for d in self.duty_items if d.doc_id == doc_id and (agency_key is None or d.agency_key == agency_key)]

    @classmethod
    def open(cls, root: Path, config: IndexConfig | None = None,
             embeddings: PlanqaEmbeddings | None = None) -> IndexSnapshot:
        config = config or IndexConfig()
        gen, manifest = open_generation(Path(root), config)
        conn = read_only_connection(gen)
        try:
            docs = {
                d["doc_id"]: DocumentRecord(d["doc_id"], d["source"], d["meta"], d["text"])
                for d in facts_db.rows(conn, "SELECT doc_id, source, meta, text FROM documents ORDER BY source")
            }
            chunks = {c.id: c for c in facts_db.all_chunks(conn)}
            indicators = facts_db.rows(conn, "SELECT * FROM indicators ORDER BY doc_id, ordinal")
            assignments = facts_db.rows(conn, "SELECT * FROM assignments ORDER BY doc_id, indicator_number")
            duties = facts_db.rows(conn, "SELECT * FROM duties")
            agencies = facts_db.rows(conn, "SELECT * FROM agencies")
            plan_facts = facts_db.plan_facts(conn)
            duty_items = facts_db.duties(conn)
        finally:
            conn.close()
        for c in sorted(chunks.values(), key=lambda c: (c.doc_id, c.char_start)):
            rec = docs[c.doc_id]
            rec.chunk_starts.append(c.char_start)
            rec.chunk_ids.append(c.id)
        emb = embeddings or make_embeddings(config.embedding_model, segment_input=config.segment_input)
        return cls(
            root=Path(root), generation=gen, manifest=manifest, documents=docs, chunks=chunks,
            indicators=indicators, assignments=assignments, duties=duties, agencies=agencies,
            vectors=VectorIndex.load(gen / "vectors", expected_dimension=manifest.get("dimension")),
            lexical=LexicalIndex.load(gen / "lexical"), embeddings=emb, plan_facts=plan_facts, duty_items=duty_items,
            sentences=SentenceIndex.load(gen / "sentences", expected_model_id=manifest.get("embedding_model")),
        )
