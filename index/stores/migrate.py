"""`planqa migrate --to remote`: copy an embedded library (its current generation) into Milvus and PostgreSQL.

Documents are copied one at a time, each as its facts (one PostgreSQL transaction), then its
vectors and BM25 passages (replacing whatever the target held for that document), so an interrupted
migration is finished by running it again; documents the target holds that the library does not are
left alone and reported. Vectors are copied as stored, never re-embedded: the target records the
embedding model, and a library built with another model is refused.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from core.errors import PlanqaError
from index import facts_db
from index.config import IndexConfig
from index.library import open_generation, read_only_connection
from index.stores.base import StoredPassage
from index.stores.remote import RemoteStores
from index.vectors import VectorIndex
from ingest.model import (
    Agency,
    Assignment,
    Chunk,
    DocumentMeta,
    Duty,
    Indicator,
    PlaceRef,
    PlanDocument,
    PlanFacts,
    Target,
)

__all__ = ["MigrationMismatch", "MigrationReport", "migrate_library", "read_documents"]


class MigrationMismatch(PlanqaError):
    """The target already holds a library built with another embedding model."""

    exit_code = 3


@dataclass
class MigrationReport:
    documents: int = 0
    chunks: int = 0
    vectors: int = 0
    seconds: float = 0.0
    embedding_model: str = ""
    # Documents the target held that the library does not (left in place).
    only_in_target: list[str] = field(default_factory=list)


def _meta(data: dict[str, Any]) -> DocumentMeta:
    values = dict(data)
    values["place_chain"] = [PlaceRef(**p) for p in values.get("place_chain") or []]
    known = DocumentMeta.__dataclass_fields__
    return DocumentMeta(**{k: v for k, v in values.items() if k in known})


def read_documents(conn: Any) -> list[PlanDocument]:
    """Every document of a SQLite fact store (index.facts_db) as a `PlanDocument` with its chunks and facts.

    What the fact store does not keep (the normalized text, sections, goals) stays empty; an
    indicator's `goal_id` is not stored there either.
    """
    def by_doc(sql: str) -> dict[str, list[dict[str, Any]]]:
        out: dict[str, list[dict[str, Any]]] = {}
        for r in facts_db.rows(conn, sql):
            out.setdefault(r["doc_id"], []).append(r)
        return out

    chunks = by_doc("SELECT * FROM chunks ORDER BY doc_id, ordinal")
    indicators = by_doc("SELECT * FROM indicators ORDER BY doc_id, rowid")
    assignments = by_doc("SELECT * FROM assignments ORDER BY doc_id, rowid")
    agencies = by_doc("SELECT * FROM agencies ORDER BY doc_id, rowid")
    duties: dict[str, list[Duty]] = {}
    for d in facts_db.duties(conn):
        duties.setdefault(d.doc_id, []).append(d)
    plan_facts = facts_db.plan_facts(conn)
    docs = []
    for r in facts_db.rows(conn, "SELECT * FROM documents ORDER BY doc_id"):
        doc_id = r["doc_id"]
        docs.append(PlanDocument(
            doc_id=doc_id, source=r["source"], path=r["path"], fmt=r["fmt"], content_hash=r["content_hash"],
            meta=_meta(r["meta"]), text=r["text"], norm="", offsets=[],
            pages=[(int(a), int(b), int(c)) for a, b, c in r["pages"]],
            indicators=[Indicator(i["id"], doc_id, i["number"], i["ordinal"], i["text"], None, i["goal"],
                                  [Target(**t) for t in i["targets"]], facts_db._span(i["span"]))
                        for i in indicators.get(doc_id, [])],
            agencies=[Agency(a["key"], a["name"], list(a["aliases"])) for a in agencies.get(doc_id, [])],
            assignments=[Assignment(a["id"], doc_id, a["agency_key"], a["agency"], a["indicator_number"], a["role"],
                                    facts_db._span(a["span"])) for a in assignments.get(doc_id, [])],
            duties=duties.get(doc_id, []),
            plan_facts=plan_facts.get(doc_id) or PlanFacts(),
            chunks=[Chunk(**c) for c in chunks.get(doc_id, [])],
        ))
    return docs


def _stored_vectors(index: VectorIndex) -> dict[str, np.ndarray]:
    """The vectors of a saved flat index by chunk id (FAISS keeps them as written: reconstruct is exact)."""
    ids = index.ids
    if not ids:
        return {}
    matrix = index._index.reconstruct_n(0, len(ids))  # the flat index has no other reader of its rows
    return dict(zip(ids, np.asarray(matrix, dtype=np.float32), strict=True))


def migrate_library(root: Path, config: IndexConfig, target: RemoteStores,
                    progress: Callable[[int, int, str], None] | None = None) -> MigrationReport:
    """Copy the library at `root` into `target`; `progress(done, total, doc_id)` after each document."""
    started = time.perf_counter()
    gen, manifest = open_generation(root, config)
    model = str(manifest.get("embedding_model") or "")
    dimension = int(manifest["dimension"])
    recorded = target.facts.info()
    if recorded.get("embedding_model") not in (None, model) or recorded.get("dimension") not in (None, dimension):
        raise MigrationMismatch(
            f"the target holds a library built with {recorded.get('embedding_model')!r} "
            f"({recorded.get('dimension')} dimensions), this one with {model!r} ({dimension}); "
            "migrate into other stores (PLANQA_MILVUS_COLLECTIONS, another database)")
    if target.vectors.dimension != dimension:
        raise MigrationMismatch(f"the Milvus collection holds {target.vectors.dimension}-dimensional vectors, "
                                f"the library {dimension}-dimensional ones")
    conn = read_only_connection(gen)
    try:
        docs = read_documents(conn)
    finally:
        conn.close()
    vectors = _stored_vectors(VectorIndex.load(gen / "vectors", expected_dimension=dimension))
    target.facts.set_info({"embedding_model": model, "dimension": dimension,
                           "embedding_setting": manifest.get("embedding_setting"),
                           "segment_input": bool(manifest.get("segment_input"))})
    report = MigrationReport(embedding_model=model)
    for n, doc in enumerate(docs, start=1):
        target.facts.upsert_document(doc)
        ids = [c.id for c in doc.chunks if c.id in vectors]
        matrix = np.stack([vectors[i] for i in ids]) if ids else np.empty((0, dimension), np.float32)
        target.vectors.upsert(doc.doc_id, ids, matrix, meta=doc.meta)
        target.lexical.upsert(doc.doc_id, [StoredPassage(c.id, doc.doc_id, c.tokens) for c in doc.chunks],
                              meta=doc.meta)
        report.documents += 1
        report.chunks += len(doc.chunks)
        report.vectors += len(ids)
        if progress:
            progress(n, len(docs), doc.doc_id)
    target.vectors.flush()  # one seal after the bulk load: searched through the index from the first question
    target.lexical.flush()
    copied = {d.doc_id for d in docs}
    report.only_in_target = sorted(d.doc_id for d in target.facts.documents() if d.doc_id not in copied)
    report.seconds = round(time.perf_counter() - started, 3)
    return report
