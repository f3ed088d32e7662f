"""`storebench.py` for the remote profile: add and remove one document, and filtered searches, in Milvus and
PostgreSQL as the library grows (not a test).

    ./w python scripts/storebench_remote.py --sizes 10 50 200 --out storebench-remote.json

Milvus is milvus-lite in a temporary file unless PLANQA_VECTOR_STORE names a server; PostgreSQL is a
throwaway server from Debian's binaries (tests/pg_support.py) unless PLANQA_DATABASE_URL names one (a
database the run may fill and empty). The documents are storebench's: copies of small invented plans with
fresh ids and random 384-d unit vectors. Only wall time is reported: the engines write in their own
processes, so this process's byte counters would not show what they write.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
for extra in (ROOT, ROOT / "tests", ROOT / "scripts"):
    sys.path.insert(0, str(extra))

from facts_support import DIGITAL_PLAN, EDUCATION_PLAN, GENDER_PLAN, HEALTH_PLAN, parse_text  # noqa: E402
from storebench import clone  # noqa: E402

from index.config import IndexConfig, StoreSettings  # noqa: E402
from index.stores.base import DocFilter, StoredPassage  # noqa: E402
from index.stores.remote import RemoteStores, open_stores  # noqa: E402
from ingest.model import PlanDocument  # noqa: E402


@contextmanager
def database_url() -> Iterator[str]:
    given = os.environ.get("PLANQA_DATABASE_URL")
    if given:
        yield given
        return
    from pg_support import running_postgres

    with running_postgres() as server:
        yield server.new_database()


def _vectors(doc: PlanDocument, dim: int) -> np.ndarray:
    rng = np.random.default_rng(abs(hash(doc.doc_id)) % 2**32)
    x = rng.normal(size=(len(doc.chunks), dim)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def _timed(steps: list[tuple[str, Callable[[], object]]]) -> dict[str, float]:
    out = {}
    for name, step in steps:
        t = time.perf_counter()
        step()
        out[name] = round((time.perf_counter() - t) * 1000, 2)
    out["total"] = round(sum(out.values()), 2)
    return out


def _add(stores: RemoteStores, doc: PlanDocument, dim: int) -> dict[str, float]:
    vecs = _vectors(doc, dim)
    return _timed([  # the StoreLibrary order: vectors, passages, then facts (the commit point)
        ("vectors", lambda: stores.vectors.upsert(doc.doc_id, [c.id for c in doc.chunks], vecs)),
        ("lexical", lambda: stores.lexical.upsert(doc.doc_id, [StoredPassage(c.id, c.doc_id, c.tokens)
                                                               for c in doc.chunks])),
        ("facts", lambda: stores.facts.upsert_document(doc)),
    ])


def _remove(stores: RemoteStores, doc_id: str) -> dict[str, float]:
    return _timed([("facts", lambda: stores.facts.delete_document(doc_id)),
                   ("lexical", lambda: stores.lexical.delete_document(doc_id)),
                   ("vectors", lambda: stores.vectors.delete_document(doc_id))])


def _percentiles(samples: list[float]) -> dict[str, float]:
    return {"p50": round(float(np.percentile(samples, 50)), 2), "p95": round(float(np.percentile(samples, 95)), 2)}


def _searches(stores: RemoteStores, docs: list[PlanDocument], dim: int, rounds: int) -> dict[str, Any]:
    rng = np.random.default_rng(1)
    one = DocFilter(doc_ids=frozenset({docs[len(docs) // 2].doc_id}))
    place = DocFilter(place=docs[0].meta.place)
    tokens = [c.tokens.split()[:3] for d in docs[:4] for c in d.chunks]
    out: dict[str, Any] = {}
    for label, where in (("all", None), ("one_document", one), ("place", place)):
        vec, lex = [], []
        for r in range(rounds):
            q = rng.normal(size=dim).astype(np.float32)
            t = time.perf_counter()
            stores.vectors.search(q / np.linalg.norm(q), 8, where)
            vec.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            stores.lexical.search(tokens[r % len(tokens)], 8, where)
            lex.append((time.perf_counter() - t) * 1000)
        out[f"vector_{label}_ms"] = _percentiles(vec)
        out[f"lexical_{label}_ms"] = _percentiles(lex)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10, 50, 200])
    ap.add_argument("--dim", type=int, default=384)
    ap.add_argument("--repeat", type=int, default=5, help="adds and removes measured per size (median)")
    ap.add_argument("--rounds", type=int, default=50, help="searches measured per kind and size")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="storebench-remote-"))
    results = []
    try:
        bases = [parse_text(tmp, f"{name}.txt", text) for name, text in
                 (("gender", GENDER_PLAN), ("health", HEALTH_PLAN), ("digital", DIGITAL_PLAN),
                  ("education", EDUCATION_PLAN))]
        for size in args.sizes:
            with database_url() as url:
                milvus = os.environ.get("PLANQA_VECTOR_STORE") or str(tmp / f"milvus{size}.db")
                config = IndexConfig(stores=StoreSettings(vector_store=milvus, database_url=url,
                                                          milvus_collections=f"bench{size}"))
                with open_stores(config, dimension=args.dim) as stores:
                    started = time.perf_counter()
                    docs = [clone(bases[n % len(bases)], n) for n in range(size)]
                    for doc in docs:
                        _add(stores, doc, args.dim)
                    build_s = time.perf_counter() - started
                    adds, removes = [], []
                    for r in range(args.repeat):
                        adds.append(_add(stores, clone(bases[r % len(bases)], 10**6 + r), args.dim))
                        removes.append(_remove(stores, docs[r * 7 % size].doc_id))
                    row = {
                        "documents": size, "chunks": sum(len(d.chunks) for d in docs), "build_s": round(build_s, 1),
                        "add_one_ms": {k: float(np.median([a[k] for a in adds])) for k in adds[0]},
                        "remove_one_ms": {k: float(np.median([a[k] for a in removes])) for k in removes[0]},
                        **_searches(stores, docs, args.dim, args.rounds),
                    }
                    for doc in docs:  # leave a given server as it was
                        _remove(stores, doc.doc_id)
                    for r in range(args.repeat):
                        _remove(stores, clone(bases[r % len(bases)], 10**6 + r).doc_id)
            results.append(row)
            print(json.dumps(row), file=sys.stderr, flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    text = json.dumps({"bench": "add/remove one document and search, remote stores (milvus-lite unless "
                                "PLANQA_VECTOR_STORE, PostgreSQL)", "results": results}, indent=2)
    if args.out:
        args.out.write_text(text + "\n")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
