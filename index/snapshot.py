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
    # Lookups built once from the rows above, so an answer over many plans never scans every fact per document.
    _indicators_by_doc: dict[str, list[dict[str, Any]]] = field(init=False, repr=False, default_factory=dict)
    _docs_by_indicator: dict[int, set[str]] = field(init=False, repr=False, default_factory=dict)
    _assignments_by_doc: dict[str, list[dict[str, Any]]] = field(init=False, repr=False, default_factory=dict)
    _assignments_by_number: dict[tuple[str, int], list[dict[str, Any]]] = field(
        init=False, repr=False, default_factory=dict)
    _docs_by_assigned_agency: dict[str, set[str]] = field(init=False, repr=False, default_factory=dict)
    _duties_by_doc: dict[str, list[Duty]] = field(init=False, repr=False, default_factory=dict)
    _duties_by_agency: dict[tuple[str, str], list[Duty]] = field(init=False, repr=False, default_factory=dict)
    _docs_by_duty_agency: dict[str, set[str]] = field(init=False, repr=False, default_factory=dict)

    def __post_init__(self) -> None:
        for ind in self.indicators:
            self._indicators_by_doc.setdefault(ind["doc_id"], []).append(ind)
            if ind["number"] is not None:
                self._docs_by_indicator.setdefault(ind["number"], set()).add(ind["doc_id"])
        for a in self.assignments:
            self._assignments_by_doc.setdefault(a["doc_id"], []).append(a)
            self._assignments_by_number.setdefault((a["doc_id"], a["indicator_number"]), []).append(a)
            self._docs_by_assigned_agency.setdefault(a["agency_key"], set()).add(a["doc_id"])
        for d in self.duty_items:
            self._duties_by_doc.setdefault(d.doc_id, []).append(d)
            self._duties_by_agency.setdefault((d.doc_id, d.agency_key), []).append(d)
            self._docs_by_duty_agency.setdefault(d.agency_key, set()).add(d.doc_id)

    def facts_of(self, doc_id: str) -> PlanFacts:
        """A document's plan facts; empty for a document that states none."""
        return self.plan_facts.get(doc_id) or PlanFacts()

    def duties_of(self, doc_id: str, agency_key: str | None = None) -> list[Duty]:
        """A document's duty items in document order, all or one body's."""
        if agency_key is None:
            return list(self._duties_by_doc.get(doc_id, ()))
        return list(self._duties_by_agency.get((doc_id, agency_key), ()))

    def indicators_of(self, doc_id: str) -> list[dict[str, Any]]:
        """A document's indicator rows in document order."""
        return list(self._indicators_by_doc.get(doc_id, ()))

    def assignments_of(self, doc_id: str, number: int | None = None) -> list[dict[str, Any]]:
        """A document's assignment rows, all or those of indicator `number`."""
        if number is None:
            return list(self._assignments_by_doc.get(doc_id, ()))
        return list(self._assignments_by_number.get((doc_id, number), ()))

    def docs_with_indicator(self, number: int) -> set[str]:
        """The documents that number an indicator `number`."""
        return set(self._docs_by_indicator.get(number, ()))

    def docs_assigning(self, agency_key: str) -> set[str]:
        """The documents that make the body lead or support some indicator."""
        return set(self._docs_by_assigned_agency.get(agency_key, ()))

    def docs_with_duties(self, agency_key: str) -> set[str]:
        """The documents that list duties of the body."""
        return set(self._docs_by_duty_agency.get(agency_key, ()))

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

