"""The fact store: documents, chunks, indicators, assignments, duties and the rest of a plan's facts
(goals, reporting, budget, legal bases, milestones, steering bodies, recipients, signatures) in SQLite.

Schema changes are numbered migrations; `SCHEMA_VERSION` is recorded in the index manifest.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ingest.model import (
    BudgetItem,
    Chunk,
    DocRef,
    Duty,
    LegalBasis,
    Milestone,
    Money,
    Objective,
    PlanDocument,
    PlanFacts,
    Recipient,
    ReportDeadline,
    ReportingObligation,
    Signature,
    Span,
    SteeringBody,
)

SCHEMA_VERSION = 2

_MIGRATIONS = [
    """
    CREATE TABLE documents (
        doc_id TEXT PRIMARY KEY, source TEXT NOT NULL, path TEXT NOT NULL, fmt TEXT NOT NULL,
        content_hash TEXT NOT NULL, meta TEXT NOT NULL, text TEXT NOT NULL, pages TEXT NOT NULL,
        ingested_at TEXT NOT NULL
    );
    CREATE TABLE chunks (
        id TEXT PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
        ordinal INTEGER, text TEXT, tokens TEXT, section TEXT, top_section TEXT,
        char_start INTEGER, char_end INTEGER, page INTEGER, content_hash TEXT
    );
    CREATE TABLE indicators (
        id TEXT PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
        number INTEGER, ordinal INTEGER, text TEXT, goal TEXT, targets TEXT, span TEXT
    );
    CREATE TABLE assignments (
        id TEXT PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
        agency_key TEXT, agency TEXT, indicator_number INTEGER, role TEXT, span TEXT
    );
    CREATE TABLE duties (
        id TEXT PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
        agency_key TEXT, agency TEXT, text TEXT, span TEXT
    );
    CREATE TABLE agencies (
        doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
        key TEXT, name TEXT, aliases TEXT, PRIMARY KEY (doc_id, key)
    );
    CREATE INDEX chunks_doc ON chunks(doc_id);
    CREATE INDEX indicators_doc ON indicators(doc_id, number);
    CREATE INDEX assignments_doc ON assignments(doc_id, indicator_number);
    """,
    # 2: duty items keep their marker; the rest of a plan's facts, one row each, typed by `kind`.
    """
    ALTER TABLE duties ADD COLUMN marker TEXT NOT NULL DEFAULT '';
    CREATE TABLE plan_facts (
        id TEXT PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
        kind TEXT NOT NULL, position INTEGER NOT NULL, data TEXT NOT NULL
    );
    CREATE INDEX plan_facts_doc ON plan_facts(doc_id, kind, position);
    """,
]

# Kinds of plan facts as stored, and the PlanFacts list each fills.
PLAN_FACT_KINDS: dict[str, type] = {
    "objectives": Objective, "reporting": ReportingObligation, "budget": BudgetItem, "legal_bases": LegalBasis,
    "milestones": Milestone, "steering": SteeringBody, "recipients": Recipient, "signatures": Signature,
}


def connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    for i, script in enumerate(_MIGRATIONS[version:], start=version + 1):
        with conn:
            conn.executescript(script)
            conn.execute(f"PRAGMA user_version = {i}")
    return conn


def insert_document(conn: sqlite3.Connection, doc: PlanDocument, ingested_at: str) -> None:
    """Insert (or replace) one document and all its facts, in the caller's transaction."""
    delete_document(conn, doc.doc_id)
    conn.execute(
        "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?)",
        (doc.doc_id, doc.source, doc.path, doc.fmt, doc.content_hash, json.dumps(asdict(doc.meta), ensure_ascii=False),
         doc.text, json.dumps(doc.pages), ingested_at),
    )
    conn.executemany(
        "INSERT INTO chunks VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        [(c.id, c.doc_id, c.ordinal, c.text, c.tokens, c.section, c.top_section, c.char_start, c.char_end, c.page,
          c.content_hash) for c in doc.chunks],
    )
    conn.executemany(
        "INSERT OR REPLACE INTO indicators VALUES (?,?,?,?,?,?,?,?)",
        [(i.id, i.doc_id, i.number, i.ordinal, i.text, i.goal, _j([asdict(t) for t in i.targets]), _j(asdict(i.span)))
         for i in doc.indicators],
    )
    conn.executemany(
        "INSERT OR REPLACE INTO assignments VALUES (?,?,?,?,?,?,?)",
        [(a.id, a.doc_id, a.agency_key, a.agency, a.indicator_number, a.role, _j(asdict(a.span)))
         for a in doc.assignments],
    )
    conn.executemany(
        "INSERT OR REPLACE INTO duties VALUES (?,?,?,?,?,?,?)",
        [(d.id, d.doc_id, d.agency_key, d.agency, d.text, _j(asdict(d.span)), d.marker) for d in doc.duties],
    )
    conn.executemany(
        "INSERT OR REPLACE INTO plan_facts VALUES (?,?,?,?,?)",
        [(f.id, doc.doc_id, kind, pos, _j(asdict(f)))
         for kind in PLAN_FACT_KINDS for pos, f in enumerate(getattr(doc.plan_facts, kind))],
    )
    conn.executemany(
        "INSERT OR REPLACE INTO agencies VALUES (?,?,?,?)",
        [(doc.doc_id, a.key, a.name, _j(a.aliases)) for a in doc.agencies],
    )


def delete_document(conn: sqlite3.Connection, doc_id: str) -> bool:
    cur = conn.execute("DELETE FROM documents WHERE doc_id = ?", (doc_id,))
    return cur.rowcount > 0


def _j(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def rows(conn: sqlite3.Connection, sql: str, *params: Any) -> list[dict[str, Any]]:
    out = []
    for r in conn.execute(sql, params):
        d = dict(r)
        for key in ("meta", "targets", "span", "aliases", "pages"):
            if key in d and isinstance(d[key], str):
                d[key] = json.loads(d[key])
        out.append(d)
    return out


def all_chunks(conn: sqlite3.Connection) -> list[Chunk]:
    return [Chunk(**r) for r in rows(conn, "SELECT * FROM chunks ORDER BY doc_id, ordinal")]


# --------------------------------------------------------------------------------------------
# Typed facts back from their rows: the answering side reads the same classes ingest wrote.


def _span(d: dict[str, Any]) -> Span:
    return Span(**d)


def _fact(kind: str, d: dict[str, Any]) -> Any:
    d = dict(d)
    d["span"] = _span(d["span"])
    if kind == "reporting":
        d["deadlines"] = [ReportDeadline(**x) for x in d["deadlines"]]
    elif kind == "budget":
        d["amounts"] = [Money(**x) for x in d["amounts"]]
    elif kind == "legal_bases":
        d["refs"] = [DocRef(**x) for x in d["refs"]]
    return PLAN_FACT_KINDS[kind](**d)


def plan_facts(conn: sqlite3.Connection) -> dict[str, PlanFacts]:
    """Every document's plan facts, by document id, in document order within each kind."""
    out: dict[str, PlanFacts] = {}
    for r in conn.execute("SELECT doc_id, kind, data FROM plan_facts ORDER BY doc_id, kind, position"):
        facts = out.setdefault(r["doc_id"], PlanFacts())
        getattr(facts, r["kind"]).append(_fact(r["kind"], json.loads(r["data"])))
    return out


def duties(conn: sqlite3.Connection) -> list[Duty]:
    """Duty items, typed, in document order."""
    out = []
    for r in rows(conn, "SELECT * FROM duties"):
        out.append(Duty(r["id"], r["doc_id"], r["agency_key"], r["agency"], r["text"], _span(r["span"]), r["marker"]))
    out.sort(key=lambda d: (d.doc_id, d.span.char_start))
    return out
