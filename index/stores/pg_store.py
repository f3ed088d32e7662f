"""Documents, chunks and typed facts in PostgreSQL (psycopg 3), for a deployment beyond one machine.

The schema is plain versioned SQL (`pg_migrations/NNN_name.sql`), applied in order under an
advisory lock (several workers may start at once) and recorded in `schema_version`. Facts go in as
rows and JSONB and come back as the ingest model's dataclasses, read with the same helpers as the
SQLite fact store (`index.facts_db`). Lookups by (document, indicator number), (document, body) and
body alone are indexed.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import UTC, datetime
from importlib import resources
from typing import Any

from core.errors import PlanqaError
from index.facts_db import PLAN_FACT_KINDS, _fact, _span
from index.stores.base import DocFilter, DocumentInfo
from index.stores.metadata import MetaKeys
from ingest.model import Agency, Assignment, Chunk, Duty, Indicator, PlanDocument, PlanFacts, Target

__all__ = ["PostgresFactStore", "PostgresStoreError", "migrations"]

_MIGRATION_RE = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")
_LOCK_KEY = 0x706C616E7161  # "planqa": one advisory lock serializes migrators


class PostgresStoreError(PlanqaError):
    """PostgreSQL cannot be reached or holds a schema this planqa cannot use."""

    exit_code = 3


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, SQL) of every migration shipped, in order; versions are 1, 2, 3 … without gaps."""
    folder = resources.files("index.stores") / "pg_migrations"
    found = []
    for entry in folder.iterdir():
        match = _MIGRATION_RE.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    if [v for v, _, _ in found] != list(range(1, len(found) + 1)):
        raise PostgresStoreError(f"migrations are not numbered 001, 002 … without gaps: {[n for _, n, _ in found]}")
    return found


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:300]


def _redact(url: str) -> str:
    """The URL without its password, for error messages."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:********@", url)


class PostgresFactStore:
    """A `FactStore` in one PostgreSQL database. Thread-safe: operations are serialized on one connection."""

    def __init__(self, url: str, *, migrate: bool = True) -> None:
        self._url = url
        self._lock = threading.RLock()
        self._conn = self._connect()
        if migrate:
            self.migrate()
        else:
            self._check_version()

    # ---------------------------------------------------------------- plumbing

    def _connect(self) -> Any:
        import psycopg

        try:
            return psycopg.connect(self._url, autocommit=True)
        except psycopg.Error as exc:
            raise PostgresStoreError(
                f"cannot connect to PostgreSQL at {_redact(self._url)}: {_first_line(exc)}") from exc

    def _live(self) -> Any:
        """The connection, opened again when the server dropped it (a restart, a failover, an idle timeout)."""
        if self._conn.broken:
            self._conn.close()
            self._conn = self._connect()
        return self._conn

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> PostgresFactStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[Any]:
        """A cursor in one transaction; a lost connection is one line, and the transaction did not happen."""
        import psycopg

        with self._lock:
            conn = self._live()
            try:
                with conn.transaction(), conn.cursor() as cur:
                    yield cur
            except psycopg.OperationalError as exc:
                if not conn.broken:
                    raise
                raise PostgresStoreError(f"lost the PostgreSQL connection, nothing was written: "
                                         f"{_first_line(exc)}") from exc

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        """Rows of a read; a read cut off by a dropped connection is tried once more on a new one."""
        import psycopg
        from psycopg.rows import dict_row

        with self._lock:
            for attempt in (1, 2):
                conn = self._live()
                try:
                    with conn.cursor(row_factory=dict_row) as cur:
                        cur.execute(sql, tuple(params))
                        return list(cur.fetchall())
                except psycopg.OperationalError as exc:
                    if not conn.broken:
                        raise
                    if attempt == 2:
                        raise PostgresStoreError(f"lost the PostgreSQL connection: {_first_line(exc)}") from exc
        raise AssertionError("unreachable")

    def schema_version(self) -> int:
        rows = self._rows("SELECT to_regclass('schema_version') IS NOT NULL AS present")
        if not rows[0]["present"]:
            return 0
        return int(self._rows("SELECT COALESCE(MAX(version), 0) AS v FROM schema_version")[0]["v"])

    def migrate(self) -> list[int]:
        """Apply the migrations not applied yet, all in one transaction (all or none); the versions applied."""
        applied = []
        with self._transaction() as cur:
            # Transaction-scoped: released at commit, also when this process dies mid-way.
            cur.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_KEY,))
            cur.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                        "name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")
            cur.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version")
            row = cur.fetchone()
            current = int(row[0]) if row else 0
            shipped = migrations()
            if current > len(shipped):
                raise PostgresStoreError(
                    f"the database has schema version {current}, this planqa knows {len(shipped)}; upgrade planqa")
            for version, name, sql in shipped[current:]:
                cur.execute(sql)
                cur.execute("INSERT INTO schema_version (version, name) VALUES (%s, %s)", (version, name))
                applied.append(version)
        return applied

    def _check_version(self) -> None:
        have, want = self.schema_version(), len(migrations())
        if have != want:
            raise PostgresStoreError(f"the database has schema version {have}, this planqa needs {want}; "
                                     "run `planqa migrate` (or open the store with migrate=True)")

    # ---------------------------------------------------------------- writing

    def upsert_document(self, doc: PlanDocument, *, ingested_at: datetime | None = None) -> None:
        """Replace the document and every row of it in one transaction: readers see the old or the new one."""
        from psycopg.types.json import Jsonb

        keys = MetaKeys.of(doc.meta)
        with self._transaction() as cur:
            cur.execute("DELETE FROM documents WHERE doc_id = %s", (doc.doc_id,))
            cur.execute(
                "INSERT INTO documents (doc_id, source, path, fmt, content_hash, meta, text, pages, place_key, "
                "level_key, year, doc_type_key, ingested_at) VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)",
                (doc.doc_id, doc.source, doc.path, doc.fmt, doc.content_hash, Jsonb(asdict(doc.meta)), doc.text,
                 Jsonb([list(p) for p in doc.pages]), keys.place, keys.place_level, keys.year, keys.doc_type,
                 ingested_at or datetime.now(UTC)),
            )
            cur.executemany(
                "INSERT INTO chunks VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)",
                [(c.id, c.doc_id, c.ordinal, c.text, c.tokens, c.section, c.top_section, c.char_start, c.char_end,
                  c.page, c.content_hash) for c in _last_by_id(doc.chunks)],
            )
            cur.executemany(
                "INSERT INTO indicators VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)",
                [(i.id, doc.doc_id, pos, i.number, i.ordinal, i.text, i.goal_id, i.goal,
                  Jsonb([asdict(t) for t in i.targets]), Jsonb(asdict(i.span)))
                 for pos, i in enumerate(_last_by_id(doc.indicators))],
            )
            cur.executemany(
                "INSERT INTO assignments VALUES (%s,%s,%s,%s,%s,%s,%s,%s)",
                [(a.id, doc.doc_id, pos, a.agency_key, a.agency, a.indicator_number, a.role, Jsonb(asdict(a.span)))
                 for pos, a in enumerate(_last_by_id(doc.assignments))],
            )
            cur.executemany(
                "INSERT INTO duties VALUES (%s,%s,%s,%s,%s,%s,%s,%s)",
                [(d.id, doc.doc_id, pos, d.agency_key, d.agency, d.text, Jsonb(asdict(d.span)), d.marker)
                 for pos, d in enumerate(_last_by_id(doc.duties))],
            )
            agencies = {a.key: a for a in doc.agencies}
            cur.executemany(
                "INSERT INTO agencies VALUES (%s,%s,%s,%s)",
                [(doc.doc_id, a.key, a.name, Jsonb(list(a.aliases))) for a in agencies.values()],
            )
            cur.executemany(
                "INSERT INTO plan_facts VALUES (%s,%s,%s,%s,%s)",
                [(f.id, doc.doc_id, kind, pos, Jsonb(asdict(f)))
                 for kind in PLAN_FACT_KINDS for pos, f in enumerate(getattr(doc.plan_facts, kind))],
            )

    def delete_document(self, doc_id: str) -> bool:
        with self._transaction() as cur:
            cur.execute("DELETE FROM documents WHERE doc_id = %s", (doc_id,))
            return bool(cur.rowcount)

    # ---------------------------------------------------------------- reading

    def documents(self, where: DocFilter | None = None) -> list[DocumentInfo]:
        clauses, params = _document_clauses(where)
        if clauses is None:
            return []
        sql = "SELECT doc_id, source, content_hash, meta FROM documents"
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        return [DocumentInfo(r["doc_id"], r["source"], r["content_hash"], dict(r["meta"]))
                for r in self._rows(sql + " ORDER BY source, doc_id", params)]

    def doc_ids(self, where: DocFilter | None = None) -> frozenset[str]:
        """The ids of the documents `where` admits (what the Milvus stores filter metadata by)."""
        clauses, params = _document_clauses(where)
        if clauses is None:
            return frozenset()
        sql = "SELECT doc_id FROM documents" + (" WHERE " + " AND ".join(clauses) if clauses else "")
        return frozenset(r["doc_id"] for r in self._rows(sql, params))

    def paths(self) -> dict[str, str]:
        """Stored documents by the file path they were read from (to replace a changed file)."""
        return {r["path"]: r["doc_id"] for r in self._rows("SELECT path, doc_id FROM documents ORDER BY ingested_at")}

    def document_text(self, doc_id: str) -> str | None:
        rows = self._rows("SELECT text FROM documents WHERE doc_id = %s", (doc_id,))
        return str(rows[0]["text"]) if rows else None

    def chunks(self, ids: Iterable[str]) -> list[Chunk]:
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return []
        return [Chunk(**r) for r in self._rows(
            "SELECT id, doc_id, ordinal, text, tokens, section, top_section, char_start, char_end, page, content_hash "
            "FROM chunks WHERE id = ANY(%s) ORDER BY doc_id, ordinal", (wanted,))]

    def document_chunks(self, doc_id: str) -> list[Chunk]:
        """A document's chunks in document order (what a store-backed snapshot serves)."""
        return [Chunk(**r) for r in self._rows(
            "SELECT id, doc_id, ordinal, text, tokens, section, top_section, char_start, char_end, page, content_hash "
            "FROM chunks WHERE doc_id = %s ORDER BY ordinal", (doc_id,))]

    def document_agencies(self, doc_id: str) -> list[Agency]:
        """The bodies a document names, with their aliases."""
        return [Agency(r["key"], r["name"], list(r["aliases"]))
                for r in self._rows("SELECT key, name, aliases FROM agencies WHERE doc_id = %s ORDER BY key", (doc_id,))]

    def indicators(self, doc_id: str, number: int | None = None) -> list[Indicator]:
        sql = "SELECT * FROM indicators WHERE doc_id = %s"
        params: list[Any] = [doc_id]
        if number is not None:
            sql += " AND number = %s"
            params.append(number)
        return [
            Indicator(r["id"], r["doc_id"], r["number"], r["ordinal"], r["text"], r["goal_id"], r["goal"],
                      [Target(**t) for t in r["targets"]], _span(r["span"]))
            for r in self._rows(sql + " ORDER BY position", params)
        ]

    def assignments(self, doc_id: str | None = None, *, indicator_number: int | None = None,
                    agency_key: str | None = None) -> list[Assignment]:
        clauses: list[str] = []
        params: list[Any] = []
        for column, value in (("doc_id", doc_id), ("indicator_number", indicator_number), ("agency_key", agency_key)):
            if value is not None:
                clauses.append(f"{column} = %s")
                params.append(value)
        sql = "SELECT * FROM assignments" + (" WHERE " + " AND ".join(clauses) if clauses else "")
        return [
            Assignment(r["id"], r["doc_id"], r["agency_key"], r["agency"], r["indicator_number"], r["role"],
                       _span(r["span"]))
            for r in self._rows(sql + " ORDER BY doc_id, position", params)
        ]

    def duties(self, doc_id: str, agency_key: str | None = None) -> list[Duty]:
        sql, params = "SELECT * FROM duties WHERE doc_id = %s", [doc_id]
        if agency_key is not None:
            sql += " AND agency_key = %s"
            params.append(agency_key)
        return [Duty(r["id"], r["doc_id"], r["agency_key"], r["agency"], r["text"], _span(r["span"]), r["marker"])
                for r in self._rows(sql + " ORDER BY position", params)]

    def plan_facts(self, doc_id: str) -> PlanFacts:
        facts = PlanFacts()
        for r in self._rows("SELECT kind, data FROM plan_facts WHERE doc_id = %s ORDER BY kind, position", (doc_id,)):
            getattr(facts, r["kind"]).append(_fact(r["kind"], r["data"]))
        return facts

    def info(self) -> dict[str, Any]:
        """What the library records about itself (`embedding_model`, `dimension` …)."""
        return {r["key"]: r["value"] for r in self._rows("SELECT key, value FROM library_info ORDER BY key")}

    def set_info(self, values: dict[str, Any]) -> None:
        from psycopg.types.json import Jsonb

        with self._transaction() as cur:
            cur.executemany("INSERT INTO library_info (key, value) VALUES (%s, %s) "
                            "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                            [(k, Jsonb(v)) for k, v in values.items()])

    def counts(self) -> dict[str, int]:
        """Rows per table, as the embedded library's manifest counts them."""
        tables = ("documents", "chunks", "indicators", "assignments", "duties")
        row = self._rows("SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {t}) AS {t}" for t in tables))[0]
        return {t: int(row[t]) for t in tables}


def _last_by_id(items: list[Any]) -> list[Any]:
    """Items with unique ids, a repeated id keeping its last value (as the SQLite store's INSERT OR REPLACE)."""
    return list({item.id: item for item in items}.values())


def _document_clauses(where: DocFilter | None) -> tuple[list[str] | None, list[Any]]:
    """SQL conditions on `documents` for a filter; None when the filter admits no document at all."""
    if where is None:
        return [], []
    clauses: list[str] = []
    params: list[Any] = []
    if where.doc_ids is not None:
        if not where.doc_ids:
            return None, []
        clauses.append("doc_id = ANY(%s)")
        params.append(sorted(where.doc_ids))
    columns = {"place": "place_key", "place_level": "level_key", "year": "year", "doc_type": "doc_type_key"}
    for field, value in MetaKeys.wanted(where).items():
        clauses.append(f"{columns[field]} = %s")
        params.append(value)
    return clauses, params
