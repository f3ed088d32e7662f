"""Cost of adding and removing one document in the embedded stores as the library grows (not a test).

    ./w python scripts/storebench.py --sizes 10 50 200 800 --out storebench.json

Builds libraries of N synthetic documents (copies of small invented plans from tests/facts_support.py
with fresh ids, and random 384-d unit vectors in place of embeddings, so embedding time does not
hide the rest), then adds one more document and removes one, through the three stores (facts,
lexical, vectors), reporting wall time and bytes written (`wchar` from /proc/self/io) for each
store, and the document's own size (its text, chunk tokens and vectors).
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from facts_support import DIGITAL_PLAN, EDUCATION_PLAN, GENDER_PLAN, HEALTH_PLAN, parse_text  # noqa: E402
from vectorbench import bytes_written  # noqa: E402  (scripts/, this script's own folder)

from index.stores.base import StoredPassage  # noqa: E402
from index.stores.embedded import EmbeddedStores, open_embedded  # noqa: E402
from ingest.model import PlanDocument  # noqa: E402

_ID_FIELDS = {"id", "doc_id", "goal_id"}


def _reid(obj: Any, suffix: str) -> None:
    """Give every id in a parsed document (and its facts) a suffix, in place."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name)
            if f.name in _ID_FIELDS and isinstance(value, str):
                setattr(obj, f.name, f"{value}-{suffix}")
            else:
                _reid(value, suffix)
    elif isinstance(obj, list):
        for item in obj:
            _reid(item, suffix)


def clone(base: PlanDocument, n: int) -> PlanDocument:
    doc = copy.deepcopy(base)
    _reid(doc, str(n))
    doc.content_hash = f"{base.content_hash[:48]}{n:016d}"
    doc.path = f"/synthetic/{n}/{base.source}"
    return doc


def _vectors(doc: PlanDocument, dim: int) -> np.ndarray:
    rng = np.random.default_rng(abs(hash(doc.doc_id)) % 2**32)
    x = rng.normal(size=(len(doc.chunks), dim)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def _add(stores: EmbeddedStores, doc: PlanDocument, dim: int) -> dict[str, dict[str, float]]:
    vecs = _vectors(doc, dim)
    out = {}
    steps = (("vectors", lambda: stores.vectors.upsert(doc.doc_id, [c.id for c in doc.chunks], vecs)),
             ("lexical", lambda: stores.lexical.upsert(doc.doc_id, [StoredPassage(c.id, c.doc_id, c.tokens)
                                                                   for c in doc.chunks])),
             ("facts", lambda: stores.facts.upsert_document(doc)))
    for name, step in steps:
        before, t = bytes_written(), time.perf_counter()
        step()
        out[name] = {"ms": round((time.perf_counter() - t) * 1000, 2), "bytes": bytes_written() - before}
    return out


def _remove(stores: EmbeddedStores, doc_id: str) -> dict[str, dict[str, float]]:
    out = {}
    for name, store in (("facts", stores.facts), ("lexical", stores.lexical), ("vectors", stores.vectors)):
        before, t = bytes_written(), time.perf_counter()
        store.delete_document(doc_id)
        out[name] = {"ms": round((time.perf_counter() - t) * 1000, 2), "bytes": bytes_written() - before}
    return out


def _total(step: dict[str, dict[str, float]]) -> dict[str, float]:
    return {"ms": round(sum(v["ms"] for v in step.values()), 2), "bytes": sum(v["bytes"] for v in step.values())}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10, 50, 200, 800])
    ap.add_argument("--dim", type=int, default=384)
    ap.add_argument("--repeat", type=int, default=5, help="adds and removes measured per size (median)")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="storebench-"))
    try:
        bases = [parse_text(tmp, f"{name}.txt", text) for name, text in
                 (("gender", GENDER_PLAN), ("health", HEALTH_PLAN), ("digital", DIGITAL_PLAN),
                  ("education", EDUCATION_PLAN))]
        results = []
        for size in args.sizes:
            stores = open_embedded(tmp / f"lib{size}", args.dim, auto_compact=False)
            for n in range(size):
                _add(stores, clone(bases[n % len(bases)], n), args.dim)
            stores.vectors.compact()
            adds, removes = [], []
            for r in range(args.repeat):
                doc = clone(bases[r % len(bases)], 10**6 + r)
                adds.append(_add(stores, doc, args.dim))
                victim = r * 7 % size
                removes.append(_remove(stores, clone(bases[victim % len(bases)], victim).doc_id))
            own = doc_bytes(bases[0], args.dim)

            def median(steps: list[dict[str, dict[str, float]]]) -> dict[str, Any]:
                per = {k: {m: float(np.median([s[k][m] for s in steps])) for m in ("ms", "bytes")} for k in steps[0]}
                return {"total": _total(per), **per}  # type: ignore[arg-type]

            results.append({"documents": size, "chunks": sum(len(bases[n % len(bases)].chunks) for n in range(size)),
                            "add_one": median(adds), "remove_one": median(removes),
                            "document_own_bytes_approx": own,
                            "disk_mb": round(sum(p.stat().st_size for p in (tmp / f"lib{size}").rglob("*")
                                                 if p.is_file()) / 2**20, 2)})
            print(json.dumps(results[-1]), file=sys.stderr, flush=True)
            stores.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    text = json.dumps({"bench": "add/remove one document, embedded stores", "results": results}, indent=2)
    if args.out:
        args.out.write_text(text + "\n")
    print(text)
    return 0


def doc_bytes(doc: PlanDocument, dim: int) -> int:
    """Roughly what a document is made of: text, chunk text and tokens, facts as JSON, vectors."""
    text = len(doc.text.encode()) + sum(len(c.text.encode()) + len(c.tokens.encode()) for c in doc.chunks)
    facts = len(json.dumps(dataclasses.asdict(doc.plan_facts), ensure_ascii=False).encode())
    facts += sum(len(json.dumps(dataclasses.asdict(x), ensure_ascii=False).encode())
                 for x in (*doc.indicators, *doc.assignments, *doc.duties))
    return text + facts + len(doc.chunks) * dim * 4


if __name__ == "__main__":
    raise SystemExit(main())
