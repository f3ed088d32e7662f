"""The embedded fact store: documents, chunks and typed facts in SQLite, updated in place (WAL).

The tables and their serialization are `index.facts_db`'s (one schema for the snapshot and this
store); this module adds what the store contract needs on top, idempotently: the indicators' goal
ids, normalized metadata keys for filtering (`doc_keys`, the remote stores' `MetaKeys`: case, tone
placement and diacritics ignored) and the indexes behind the (document, indicator) and (body)
lookups. Each upsert or delete is one transaction.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from index import facts_db
from index.stores.base import DocFilter, DocumentInfo
from index.stores.metadata import MetaKeys
from ingest.model import Agency, Assignment, Chunk, Duty, Indicator, PlanDocument, PlanFacts, Span, Target

__all__ = ["SqliteFactStore"]

_EXTRA = """
CREATE TABLE IF NOT EXISTS indicator_goals (
    id TEXT PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE, goal_id TEXT
);
CREATE TABLE IF NOT EXISTS doc_keys (
    doc_id TEXT PRIMARY KEY REFERENCES documents(doc_id) ON DELETE CASCADE,
    place TEXT, place_level TEXT, year INTEGER, doc_type TEXT
);
CREATE INDEX IF NOT EXISTS indicator_goals_doc ON indicator_goals(doc_id);
CREATE INDEX IF NOT EXISTS doc_keys_place ON doc_keys(place, place_level, year);
CREATE INDEX IF NOT EXISTS doc_keys_year ON doc_keys(year);
CREATE INDEX IF NOT EXISTS doc_keys_type ON doc_keys(doc_type);
CREATE INDEX IF NOT EXISTS assignments_agency ON assignments(agency_key);
CREATE INDEX IF NOT EXISTS duties_doc ON duties(doc_id, agency_key);
CREATE INDEX IF NOT EXISTS duties_agency ON duties(agency_key);
CREATE INDEX IF NOT EXISTS agencies_key ON agencies(key);
"""


def _keys_row(doc_id: str, keys: MetaKeys) -> tuple[str, str, str, int, str]:
    return doc_id, keys.place, keys.place_level, keys.year, keys.doc_type


class SqliteFactStore:
    """`FactStore` on SQLite; see the module docstring."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._db = facts_db.connect(self.path)
        self._db.isolation_level = None  # explicit transactions below
        self._db.execute("PRAGMA journal_mode = WAL")
        self._db.execute("PRAGMA synchronous = FULL")
        self._db.executescript(_EXTRA)
        self._backfill_keys()

    def _backfill_keys(self) -> None:
        """Documents written by `index.facts_db` alone (a library generation opened as a store) get
        their filter keys here, so they are listed and filtered like the store's own."""
        missing = self._db.execute(
            "SELECT doc_id, meta FROM documents WHERE doc_id NOT IN (SELECT doc_id FROM doc_keys)").fetchall()
        if not missing:
            return
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                for doc_id, meta_json in missing:
                    self._db.execute("INSERT OR REPLACE INTO doc_keys VALUES (?, ?, ?, ?, ?)",
                                     _keys_row(doc_id, MetaKeys.of(json.loads(meta_json))))
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    # ---------------------------------------------------------------- writes

    def upsert_document(self, doc: PlanDocument) -> None:
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                facts_db.insert_document(self._db, doc, now)
                self._db.executemany("INSERT OR REPLACE INTO indicator_goals VALUES (?, ?, ?)",
                                     [(i.id, doc.doc_id, i.goal_id) for i in doc.indicators])
                self._db.execute("INSERT INTO doc_keys VALUES (?, ?, ?, ?, ?)",
                                 _keys_row(doc.doc_id, MetaKeys.of(doc.meta)))
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def delete_document(self, doc_id: str) -> bool:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                found = facts_db.delete_document(self._db, doc_id)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            return found

    # ---------------------------------------------------------------- reads

    def _rows(self, sql: str, *params: Any) -> list[dict[str, Any]]:
        with self._lock:
            return facts_db.rows(self._db, sql, *params)

    def doc_ids(self, where: DocFilter | None = None) -> frozenset[str]:
        """The ids of the documents `where` admits (what the vector and lexical stores filter by)."""
        sql, params = self._where(where)
        return frozenset(r["doc_id"] for r in self._rows(f"SELECT d.doc_id FROM doc_keys d{sql}", *params))

    def _where(self, where: DocFilter | None) -> tuple[str, list[Any]]:
        if where is None or where.is_empty():
            return "", []
        clauses: list[str] = []
        params: list[Any] = []
        for column, value in MetaKeys.wanted(where).items():  # column names from MetaKeys' fields only
            clauses.append(f"d.{column} = ?")
            params.append(value)
        if where.doc_ids is not None:
            # One JSON parameter, however many ids (SQLite caps the number of "?" in a statement).
            clauses.append("d.doc_id IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(sorted(where.doc_ids), ensure_ascii=False))
        return " WHERE " + " AND ".join(clauses), params

    def paths(self) -> dict[str, str]:
        """Stored documents by the file path they were read from (to replace a changed file)."""
        return {r["path"]: r["doc_id"] for r in self._rows("SELECT path, doc_id FROM documents")}

    def documents(self, where: DocFilter | None = None) -> list[DocumentInfo]:
        sql, params = self._where(where)
        rows = self._rows("SELECT doc.doc_id, doc.source, doc.content_hash, doc.meta FROM documents doc "
                          f"JOIN doc_keys d ON d.doc_id = doc.doc_id{sql} ORDER BY doc.doc_id", *params)
        return [DocumentInfo(doc_id=r["doc_id"], source=r["source"], content_hash=r["content_hash"], meta=r["meta"])
                for r in rows]

    def document_text(self, doc_id: str) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT text FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        return None if row is None else str(row[0])

    def chunks(self, ids: Iterable[str]) -> list[Chunk]:
        wanted = list(dict.fromkeys(ids))
        found: dict[str, Chunk] = {}
        for start in range(0, len(wanted), 500):
            part = wanted[start:start + 500]
            for r in self._rows(f"SELECT * FROM chunks WHERE id IN ({','.join('?' * len(part))})", *part):
                found[r["id"]] = Chunk(**r)
        return [found[i] for i in wanted if i in found]

    def document_chunks(self, doc_id: str) -> list[Chunk]:
        """A document's chunks in document order (what a store-backed snapshot serves)."""
        return [Chunk(**r) for r in self._rows("SELECT * FROM chunks WHERE doc_id = ? ORDER BY ordinal", doc_id)]

    def document_agencies(self, doc_id: str) -> list[Agency]:
        """The bodies a document names, with their aliases."""
        return [Agency(r["key"], r["name"], r["aliases"])
                for r in self._rows("SELECT key, name, aliases FROM agencies WHERE doc_id = ? ORDER BY rowid", doc_id)]

    def indicators(self, doc_id: str, number: int | None = None) -> list[Indicator]:
        sql = ("SELECT i.*, g.goal_id FROM indicators i LEFT JOIN indicator_goals g ON g.id = i.id "
               "WHERE i.doc_id = ?")
        params: list[Any] = [doc_id]
        if number is not None:
            sql += " AND i.number = ?"
            params.append(number)
        return [Indicator(id=r["id"], doc_id=r["doc_id"], number=r["number"], ordinal=r["ordinal"], text=r["text"],
                          goal_id=r["goal_id"], goal=r["goal"], targets=[Target(**t) for t in r["targets"]],
                          span=Span(**r["span"]))
                for r in self._rows(sql + " ORDER BY i.ordinal", *params)]

    def assignments(self, doc_id: str | None = None, *, indicator_number: int | None = None,
                    agency_key: str | None = None) -> list[Assignment]:
        clauses: list[str] = []
        params: list[Any] = []
        for column, value in (("doc_id", doc_id), ("indicator_number", indicator_number),
                              ("agency_key", agency_key)):
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(value)
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        return [Assignment(id=r["id"], doc_id=r["doc_id"], agency_key=r["agency_key"], agency=r["agency"],
                           indicator_number=r["indicator_number"], role=r["role"], span=Span(**r["span"]))
                for r in self._rows(f"SELECT * FROM assignments{where} ORDER BY doc_id, rowid", *params)]

    def duties(self, doc_id: str, agency_key: str | None = None) -> list[Duty]:
        sql, params = "SELECT * FROM duties WHERE doc_id = ?", [doc_id]
        if agency_key is not None:
            sql += " AND agency_key = ?"
            params.append(agency_key)
        return [Duty(r["id"], r["doc_id"], r["agency_key"], r["agency"], r["text"], Span(**r["span"]), r["marker"])
                for r in self._rows(sql + " ORDER BY rowid", *params)]

    def plan_facts(self, doc_id: str) -> PlanFacts:
        facts = PlanFacts()
        with self._lock:
            rows = self._db.execute("SELECT kind, data FROM plan_facts WHERE doc_id = ? ORDER BY kind, position",
                                    (doc_id,)).fetchall()
        for kind, data in rows:
            getattr(facts, kind).append(facts_db._fact(kind, json.loads(data)))
        return facts

    def close(self) -> None:
        with self._lock:
            self._db.close()

