"""The embedded lexical store: SQLite FTS5 with bm25() ranking, updated in place per document (WAL).

Tokens are stored as given (pyvi words joined with `_`, already normalized by ingest): the FTS5
tokenizer is `unicode61` with `_` as a token character (so "khai_sinh" is one token) and
`remove_diacritics 0` (so "giới" and "gioi" stay apart; ingest adds the diacritics-free forms
itself when it wants them); stored and query tokens are NFC, so a decomposed "giới" is "giới".
A document filter is part of the SQL query, so the top-k is taken among the admitted documents'
passages, not filtered afterwards.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from core.errors import PlanqaError
from index.stores.base import DocFilter, Hit, StoredPassage
from ingest.normalize import nfc

__all__ = ["LexicalStoreError", "SqliteLexicalStore"]

Resolver = Callable[[DocFilter], frozenset[str]]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS passages (
    rid INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, doc_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS passages_doc ON passages(doc_id);
CREATE VIRTUAL TABLE IF NOT EXISTS passage_fts USING fts5(
    tokens, tokenize = "unicode61 remove_diacritics 0 tokenchars '_'"
);
"""


class LexicalStoreError(PlanqaError):
    exit_code = 3


def match_expression(tokens: Sequence[str]) -> str:
    """An FTS5 query matching any of the tokens, each quoted so no token is read as syntax.

    >>> match_expression(["khai_sinh", 'a"b', " "])
    '"khai_sinh" OR "a""b"'
    """
    quoted = ['"' + t.replace('"', '""') + '"' for t in dict.fromkeys(nfc(t.strip()) for t in tokens) if t]
    return " OR ".join(quoted)


class SqliteLexicalStore:
    """`LexicalStore` on SQLite FTS5; see the module docstring."""

    def __init__(self, path: Path | str, *, resolve: Resolver | None = None) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._resolve = resolve
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(self.path), check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode = WAL")
        self._db.execute("PRAGMA synchronous = FULL")
        self._db.executescript(_SCHEMA)

    def upsert(self, doc_id: str, passages: Sequence[StoredPassage]) -> None:
        for p in passages:
            if p.doc_id != doc_id:
                raise LexicalStoreError(f"passage {p.id} belongs to {p.doc_id}, not {doc_id}")
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._drop(doc_id)
                for p in passages:
                    cur = self._db.execute("INSERT INTO passages (id, doc_id) VALUES (?, ?)", (p.id, doc_id))
                    self._db.execute("INSERT INTO passage_fts (rowid, tokens) VALUES (?, ?)",
                                     (cur.lastrowid, nfc(p.tokens)))
                self._db.execute("COMMIT")
            except sqlite3.IntegrityError as e:
                self._db.execute("ROLLBACK")
                raise LexicalStoreError(f"document {doc_id}: a passage id is already stored ({e})") from e
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def _drop(self, doc_id: str) -> int:
        self._db.execute("DELETE FROM passage_fts WHERE rowid IN (SELECT rid FROM passages WHERE doc_id = ?)",
                         (doc_id,))
        return self._db.execute("DELETE FROM passages WHERE doc_id = ?", (doc_id,)).rowcount

    def delete_document(self, doc_id: str) -> int:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                n = self._drop(doc_id)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            return n

    def doc_ids(self) -> set[str]:
        """Every document with passages stored (for recovery; not part of the Protocol)."""
        with self._lock:
            return {r[0] for r in self._db.execute("SELECT DISTINCT doc_id FROM passages")}

    def count(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM passages").fetchone()[0])

    def search(self, query_tokens: Sequence[str], k: int, where: DocFilter | None = None) -> list[Hit]:
        expr = match_expression(query_tokens)
        if not expr or k <= 0:
            return []
        sql = ("SELECT p.id, p.doc_id, bm25(passage_fts) AS s FROM passage_fts "
               "JOIN passages p ON p.rid = passage_fts.rowid WHERE passage_fts MATCH ?")
        params: list[object] = [expr]
        doc_ids = self._admitted(where)
        if doc_ids is not None:
            if not doc_ids:
                return []
            # One JSON parameter, however many ids (SQLite caps the number of "?" in a statement).
            sql += " AND p.doc_id IN (SELECT value FROM json_each(?))"
            params.append(json.dumps(sorted(doc_ids), ensure_ascii=False))
        sql += " ORDER BY s LIMIT ?"
        params.append(k)
        with self._lock:
            try:
                rows = self._db.execute(sql, params).fetchall()
            except sqlite3.OperationalError as e:
                raise LexicalStoreError(f"lexical search failed: {e}") from e
        # bm25() is lower-is-better (negative); the contract's scores are higher-is-better.
        return [Hit(id=i, doc_id=d, score=-float(s)) for i, d, s in rows]

    def _admitted(self, where: DocFilter | None) -> frozenset[str] | None:
        if where is None or where.is_empty():
            return None
        doc_ids = where.doc_ids
        if any((where.place, where.place_level, where.year, where.doc_type)):
            if self._resolve is None:
                raise LexicalStoreError("this lexical store cannot filter by metadata without a fact store")
            meta_ids = self._resolve(DocFilter(place=where.place, place_level=where.place_level,
                                               year=where.year, doc_type=where.doc_type))
            doc_ids = meta_ids if doc_ids is None else doc_ids & meta_ids
        return doc_ids

    def close(self) -> None:
        with self._lock:
            self._db.close()
