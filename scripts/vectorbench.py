"""Vector search benchmark for the embedded vector store (not a test): synthetic unit vectors.

    ./w python scripts/vectorbench.py --sizes 100000 1000000 --dim 384 --out vectorbench.json

For each size N it builds a `FaissVectorStore` through its own API (documents of `--doc-size`
vectors, random unit vectors, a fixed seed), then reports as JSON:

- the exact (flat) index: search p50/p95, unfiltered and scoped to one document;
- after `compact()` (IVF from `ivf_threshold`): compaction time, index file size, and for each
  `--nprobe` search p50/p95 and recall@10 against exact search (numpy over the same vectors);
- filtered IVF searches: one document (exact by design) and a 10% scope, with recall@10 inside
  the scope;
- add one document (60 vectors) and remove one: wall time and bytes written (`wchar` from
  /proc/self/io), on the flat and on the IVF index; reopen time; process RSS.

Random unit vectors in 384 dimensions have no cluster structure, so IVF recall on them is a lower
bound; `--clustered` draws vectors around 1,000 random centres instead (`--spread` sets how tight),
closer to real embeddings.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from index.stores.base import DocFilter
from index.stores.faiss_store import FaissVectorStore


def bytes_written() -> int:
    """Bytes this process has passed to write calls so far (`wchar`): deterministic, unlike timings."""
    with open("/proc/self/io") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("wchar:"))


def _rss_mb() -> float:
    with open("/proc/self/status") as f:
        kb = next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))
    return round(kb / 1024, 1)


def _unit(x: np.ndarray) -> np.ndarray:
    x = x.astype(np.float32, copy=False)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    return x


class Data:
    def __init__(self, dim: int, clustered: bool, spread: float = 1.0, seed: int = 0) -> None:
        self.dim = dim
        self.spread = spread
        self.rng = np.random.default_rng(seed)
        self.centres = _unit(self.rng.normal(size=(1000, dim))) if clustered else None

    def draw(self, n: int) -> np.ndarray:
        if self.centres is None:
            return _unit(self.rng.normal(size=(n, self.dim)))
        picks = self.centres[self.rng.integers(0, len(self.centres), size=n)]
        return _unit(picks + self.rng.normal(scale=self.spread / np.sqrt(self.dim), size=(n, self.dim)))


def _pct(times: list[float]) -> dict[str, float]:
    ms = np.array(times) * 1000
    return {"p50_ms": round(float(np.percentile(ms, 50)), 3), "p95_ms": round(float(np.percentile(ms, 95)), 3),
            "max_ms": round(float(ms.max()), 3)}


def _timed_searches(store: FaissVectorStore, queries: np.ndarray, k: int,
                    where: DocFilter | None = None) -> tuple[dict[str, float], list[list[str]]]:
    for q in queries[:5]:
        store.search(q, k, where)  # warm up
    times, found = [], []
    for q in queries:
        t = time.perf_counter()
        hits = store.search(q, k, where)
        times.append(time.perf_counter() - t)
        found.append([h.id for h in hits])
    return _pct(times), found


def _exact(xs: np.ndarray, ids: list[str], queries: np.ndarray, k: int) -> list[list[str]]:
    """Exact top-k by inner product, in blocks of rows (one matrix product per block)."""
    best_s = np.full((len(queries), k), -np.inf, dtype=np.float32)
    best_i = np.zeros((len(queries), k), dtype=np.int64)
    for start in range(0, len(xs), 100_000):
        scores = queries @ xs[start:start + 100_000].T
        kk = min(k, scores.shape[1])
        top = np.argpartition(-scores, kk - 1, axis=1)[:, :kk]
        cand_s = np.concatenate([best_s, np.take_along_axis(scores, top, axis=1)], axis=1)
        cand_i = np.concatenate([best_i, top + start], axis=1)
        order = np.argsort(-cand_s, axis=1)[:, :k]
        best_s, best_i = np.take_along_axis(cand_s, order, axis=1), np.take_along_axis(cand_i, order, axis=1)
    return [[ids[i] for i in row] for row in best_i]


def _recall(found: list[list[str]], truth: list[list[str]]) -> float:
    return round(float(np.mean([len(set(f) & set(t)) / len(t) for f, t in zip(found, truth, strict=True)])), 4)


def _add_remove(store: FaissVectorStore, data: Data, tag: str) -> dict[str, Any]:
    vecs = data.draw(60)
    ids = [f"{tag}:{i}" for i in range(60)]
    before, t = bytes_written(), time.perf_counter()
    store.upsert(tag, ids, vecs)
    add_s, add_b = time.perf_counter() - t, bytes_written() - before
    before, t = bytes_written(), time.perf_counter()
    store.delete_document(tag)
    rm_s, rm_b = time.perf_counter() - t, bytes_written() - before
    return {"add_one_doc_60_vectors": {"ms": round(add_s * 1000, 2), "bytes_written": add_b},
            "remove_one_doc_60_vectors": {"ms": round(rm_s * 1000, 2), "bytes_written": rm_b},
            "own_vector_bytes": 60 * data.dim * 4}


def bench(size: int, args: argparse.Namespace, root: Path) -> dict[str, Any]:
    data = Data(args.dim, args.clustered, args.spread)
    directory = root / f"v{size}"
    store = FaissVectorStore(directory, args.dim, ivf_threshold=size + 1, nprobe=args.nprobe[0], auto_compact=False)
    xs = np.empty((size, args.dim), dtype=np.float32)
    ids: list[str] = []
    t = time.perf_counter()
    for d, start in enumerate(range(0, size, args.doc_size)):
        n = min(args.doc_size, size - start)
        xs[start:start + n] = data.draw(n)
        doc_ids = [f"doc{d}:{i}" for i in range(n)]
        ids += doc_ids
        store.upsert(f"doc{d}", doc_ids, xs[start:start + n])
    docs = (size + args.doc_size - 1) // args.doc_size
    out: dict[str, Any] = {"vectors": size, "dim": args.dim, "documents": docs,
                           "data": f"clustered, spread {args.spread}" if args.clustered else "random unit",
                           "build_s": round(time.perf_counter() - t, 1)}
    queries = data.draw(args.queries)
    truth = _exact(xs, ids, queries, 10)

    flat_q = queries[: args.flat_queries]
    out["flat"], _ = _timed_searches(store, flat_q, 10)
    out["flat_one_doc"], _ = _timed_searches(store, flat_q, 10, DocFilter(doc_ids=frozenset({"doc7"})))
    out["flat_updates"] = _add_remove(store, data, "extra-flat")

    store.ivf_threshold = min(size, args.ivf_threshold)
    t = time.perf_counter()
    store.compact()
    out["compact_to_ivf_s"] = round(time.perf_counter() - t, 1)
    index = store._index
    out["nlist"] = int(getattr(index, "nlist", 0))
    out["index_file_mb"] = round(sum(p.stat().st_size for p in directory.glob("index-*.faiss")) / 2**20, 1)
    out["ivf"] = []
    for nprobe in args.nprobe:
        store.nprobe = nprobe
        stats, found = _timed_searches(store, queries, 10)
        out["ivf"].append({"nprobe": nprobe, **stats, "recall_at_10": _recall(found, truth)})
    store.nprobe = args.nprobe[0]

    one = DocFilter(doc_ids=frozenset({"doc7"}))
    stats, found = _timed_searches(store, queries, 10, one)
    lo = 7 * args.doc_size
    scoped_truth = _exact(xs[lo:lo + args.doc_size], ids[lo:lo + args.doc_size], queries, 10)
    out["ivf_one_doc"] = {**stats, "recall_at_10": _recall(found, scoped_truth)}

    tenth = sorted(range(0, docs, 10))
    where = DocFilter(doc_ids=frozenset(f"doc{d}" for d in tenth))
    rows = np.concatenate([np.arange(d * args.doc_size, min((d + 1) * args.doc_size, size)) for d in tenth])
    stats, found = _timed_searches(store, queries, 10, where)
    scoped_truth = _exact(xs[rows], [ids[i] for i in rows], queries, 10)
    out["ivf_tenth_of_docs"] = {"documents": len(tenth), **stats, "recall_at_10": _recall(found, scoped_truth)}

    out["ivf_updates"] = _add_remove(store, data, "extra-ivf")
    out["rss_mb"] = _rss_mb()
    store.close()
    del store, index
    t = time.perf_counter()
    again = FaissVectorStore(directory, args.dim, ivf_threshold=args.ivf_threshold, auto_compact=False)
    out["reopen_s"] = round(time.perf_counter() - t, 2)
    again.close()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--dim", type=int, default=384)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--flat-queries", type=int, default=50)
    ap.add_argument("--doc-size", type=int, default=1000, help="vectors per synthetic document")
    ap.add_argument("--nprobe", type=int, nargs="+", default=[32, 64, 128])
    ap.add_argument("--ivf-threshold", type=int, default=100_000)
    ap.add_argument("--clustered", action="store_true")
    ap.add_argument("--spread", type=float, default=1.0,
                    help="with --clustered: noise norm relative to the centre's (1.0: cosine to the centre ~0.7)")
    ap.add_argument("--dir", type=Path, help="where to build (default: a temporary directory, removed)")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args(argv)
    root = args.dir or Path(tempfile.mkdtemp(prefix="vectorbench-"))
    results = []
    try:
        for size in args.sizes:
            results.append(bench(size, args, root))
            print(json.dumps(results[-1]), file=sys.stderr, flush=True)
    finally:
        if args.dir is None:
            shutil.rmtree(root, ignore_errors=True)
    report = {"bench": "vector search, embedded FaissVectorStore", "results": results}
    text = json.dumps(report, indent=2)
    if args.out:
        args.out.write_text(text + "\n")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
