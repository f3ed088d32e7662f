"""The embedded vector store: FAISS in memory, segments and SQLite on disk, incremental per document.

On disk, under one directory:

- `segments/s<lo>.f32`: one file per document upsert, the document's vectors as raw float32 rows.
  Written and fsynced *before* the SQLite commit that references it, so a committed document always
  has its vectors; a file no row references (a crash between the two) is removed on open.
- `vectors.sqlite` (WAL): `docs` (document → its contiguous int64 id range and segment), `vectors`
  (int64 id → string id), `removed` (id ranges deleted since the last compaction) and `state`.
- `index-<gen>.faiss`: a cache of the FAISS index at some point (`covered` = the highest id it
  holds). Written by `compact()` to a temporary file, fsynced and renamed, then recorded in SQLite;
  on open it is loaded, ranges removed since are removed again and documents added since are added
  from their segments. Without it (or when it is unreadable) the index is rebuilt from the segments.

So adding or removing a document writes that document's vectors and a few SQLite pages, whatever
the library's size; a reader in this process sees the old or the new state (one lock); a SIGKILL
at any moment loses nothing committed.

Small stores use an exact index (`IndexIDMap2` over `IndexFlatIP`); from `ivf_threshold` live
vectors `compact()` trains an `IndexIVFFlat` (inner product) whose lists take `add_with_ids` and
`remove_ids` incrementally; it is retrained when the store has grown fourfold since. HNSW is not
used because FAISS' HNSW cannot `remove_ids`.

A `DocFilter` becomes an `IDSelector` over the admitted documents' id ranges, applied inside the
FAISS search; metadata filters are resolved to document ids by the `resolve` callable (the fact
store's `documents(where)`), given by `index.stores.embedded`.
"""

from __future__ import annotations

import json
import math
import os
import sqlite3
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import faiss
import numpy as np

from core.errors import PlanqaError
from index.stores.base import DocFilter, Hit

__all__ = ["FaissVectorStore", "VectorStoreError"]

Resolver = Callable[[DocFilter], frozenset[str]]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS docs (doc_id TEXT PRIMARY KEY, lo INTEGER NOT NULL, n INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS vectors (iid INTEGER PRIMARY KEY, id TEXT NOT NULL, doc_id TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS removed (seq INTEGER PRIMARY KEY AUTOINCREMENT, lo INTEGER NOT NULL, n INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS docs_lo ON docs(lo);
"""


class VectorStoreError(PlanqaError):
    exit_code = 3


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_durable(path: Path, data: np.ndarray) -> None:
    """Write `data` to `path` atomically (temporary file, fsync, rename, fsync the directory)."""
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as f:
        data.tofile(f)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)


class FaissVectorStore:
    """`VectorStore` on FAISS with per-document incremental updates; see the module docstring."""

    def __init__(self, directory: Path | str, dimension: int, *, resolve: Resolver | None = None,
                 ivf_threshold: int = 100_000, nprobe: int = 32, exact_filter_limit: int = 10_000,
                 auto_compact: bool = True) -> None:
        self.root = Path(directory)
        self.root.mkdir(parents=True, exist_ok=True)
        self._segments = self.root / "segments"
        self._segments.mkdir(exist_ok=True)
        self._dim = int(dimension)
        self._resolve = resolve
        self.ivf_threshold = ivf_threshold
        self.nprobe = nprobe
        self.exact_filter_limit = exact_filter_limit
        self.auto_compact = auto_compact
        self._lock = threading.RLock()
        self._compacting = False
        self._compact_lock = threading.Lock()  # one compaction at a time
        self._compactor: threading.Thread | None = None
        self._db = sqlite3.connect(str(self.root / "vectors.sqlite"), check_same_thread=False,
                                   isolation_level=None)
        self._db.execute("PRAGMA journal_mode = WAL")
        self._db.execute("PRAGMA synchronous = FULL")
        self._db.executescript(_SCHEMA)
        stored_dim = self._state("dimension")
        if stored_dim is None:
            self._set_state("dimension", self._dim)
        elif stored_dim != self._dim:
            raise VectorStoreError(f"vector store {self.root} holds {stored_dim}-d vectors, not {self._dim}-d")
        self._removed_during: list[tuple[int, int]] | None = None  # ranges removed while an index is rebuilt
        self._snapshot_covered = -1  # `covered` of a compaction writing its file, until recorded
        self._trained_at = 0  # live vectors when the IVF index was trained (0: exact index)
        self._index = self._open_index()
        self._remove_orphans()

    # ---------------------------------------------------------------- state

    def _state(self, key: str) -> int | None:
        row = self._db.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
        return None if row is None else int(row[0])

    def _set_state(self, key: str, value: int) -> None:
        self._db.execute("INSERT OR REPLACE INTO state VALUES (?, ?)", (key, value))

    def _covered(self) -> int:
        """The highest id the index file holds (-1: no file)."""
        covered = self._state("covered")
        return -1 if covered is None else covered

    def _segment(self, lo: int) -> Path:
        return self._segments / f"s{lo:012d}.f32"

    def _read_segment(self, lo: int, n: int) -> np.ndarray:
        data = np.fromfile(self._segment(lo), dtype=np.float32)
        if data.size != n * self._dim:
            raise VectorStoreError(f"vector segment {self._segment(lo).name} is damaged ({data.size} floats)")
        return data.reshape(n, self._dim)

    def _exact(self) -> faiss.Index:
        return faiss.IndexIDMap2(faiss.IndexFlatIP(self._dim))

    def _open_index(self) -> faiss.Index:
        gen = self._state("generation")
        covered = self._covered()
        index: faiss.Index | None = None
        if gen is not None:
            try:
                index = faiss.read_index(str(self.root / f"index-{gen}.faiss"))
            except RuntimeError:
                index = None  # missing or unreadable: rebuilt from the segments below
        if index is None:
            index, covered = self._exact(), -1
        else:
            for lo, n in self._db.execute("SELECT lo, n FROM removed"):
                index.remove_ids(faiss.IDSelectorRange(lo, lo + n))
            if isinstance(index, faiss.IndexIVF):
                self._trained_at = self._state("trained_at") or index.ntotal
        for lo, n in self._db.execute("SELECT lo, n FROM docs WHERE lo > ? ORDER BY lo", (covered,)).fetchall():
            index.add_with_ids(self._read_segment(lo, n), np.arange(lo, lo + n, dtype=np.int64))
        if isinstance(index, faiss.IndexIVF):
            index.nprobe = self.nprobe
        return index

    def _remove_orphans(self) -> None:
        """Segments and index files no committed state references (left by a crash) are removed."""
        live = {self._segment(lo).name for (lo,) in self._db.execute("SELECT lo FROM docs")}
        for path in self._segments.iterdir():
            if path.name not in live:
                path.unlink(missing_ok=True)
        gen = self._state("generation")
        for path in self.root.glob("index-*.faiss*"):
            if path.name != f"index-{gen}.faiss":
                path.unlink(missing_ok=True)

    # ---------------------------------------------------------------- the Protocol

    @property
    def dimension(self) -> int:
        return self._dim

    def count(self) -> int:
        with self._lock:
            return int(self._index.ntotal)

    def doc_ids(self) -> set[str]:
        """Every document with vectors stored (for recovery; not part of the Protocol)."""
        with self._lock:
            return {r[0] for r in self._db.execute("SELECT doc_id FROM docs")}

    def upsert(self, doc_id: str, ids: Sequence[str], vectors: np.ndarray) -> None:
        vecs = np.ascontiguousarray(vectors, dtype=np.float32)
        if vecs.ndim != 2 or vecs.shape[1] != self._dim or vecs.shape[0] != len(ids):
            raise VectorStoreError(f"expected {len(ids)} vectors of dimension {self._dim}, got shape {vecs.shape}")
        if not np.isfinite(vecs).all():
            raise VectorStoreError(f"document {doc_id}: vectors contain NaN or infinity")
        if len(set(ids)) != len(ids):
            raise VectorStoreError(f"document {doc_id}: duplicate vector ids")
        with self._lock:
            lo = self._state("next_id") or 0
            n = len(ids)
            if n:
                _write_durable(self._segment(lo), vecs)
            old = self._commit(doc_id, lo, ids)
            if old is not None:
                self._removed_after_commit(old)
                self._index.remove_ids(faiss.IDSelectorRange(old[0], old[0] + old[1]))
                self._segment(old[0]).unlink(missing_ok=True)
            if n:
                self._index.add_with_ids(vecs, np.arange(lo, lo + n, dtype=np.int64))
        self._maybe_compact()

    def _commit(self, doc_id: str, lo: int, ids: Sequence[str]) -> tuple[int, int] | None:
        """One SQLite transaction: the document's old range is dropped, the new one recorded."""
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            old = self._drop(doc_id)
            if ids:
                db.execute("INSERT INTO docs VALUES (?, ?, ?)", (doc_id, lo, len(ids)))
                db.executemany("INSERT INTO vectors VALUES (?, ?, ?)",
                               [(lo + i, s, doc_id) for i, s in enumerate(ids)])
                self._set_state("next_id", lo + len(ids))
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return old

    def _drop(self, doc_id: str) -> tuple[int, int] | None:
        row = self._db.execute("SELECT lo, n FROM docs WHERE doc_id = ?", (doc_id,)).fetchone()
        if row is None:
            return None
        lo, n = int(row[0]), int(row[1])
        self._db.execute("DELETE FROM docs WHERE doc_id = ?", (doc_id,))
        self._db.execute("DELETE FROM vectors WHERE iid >= ? AND iid < ?", (lo, lo + n))
        covered = max(self._covered(), self._snapshot_covered)
        if lo <= covered:  # an index file holds them: remember to remove them on open
            self._db.execute("INSERT INTO removed (lo, n) VALUES (?, ?)", (lo, n))
        return lo, n

    def _removed_after_commit(self, old: tuple[int, int]) -> None:
        if self._removed_during is not None:  # an index being rebuilt must drop it too
            self._removed_during.append(old)

    def delete_document(self, doc_id: str) -> int:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                old = self._drop(doc_id)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            if old is None:
                return 0
            self._removed_after_commit(old)
            self._index.remove_ids(faiss.IDSelectorRange(old[0], old[0] + old[1]))
            self._segment(old[0]).unlink(missing_ok=True)
            return old[1]

    def search(self, query: np.ndarray, k: int, where: DocFilter | None = None) -> list[Hit]:
        q = np.ascontiguousarray(query, dtype=np.float32).reshape(1, -1)
        if q.shape[1] != self._dim:
            raise VectorStoreError(f"query has dimension {q.shape[1]}, the store {self._dim}")
        if k <= 0:
            return []
        with self._lock:
            ranges = self._admitted_ranges(where)
            if ranges == [] or self._index.ntotal == 0:
                return []
            admitted = None if ranges is None else sum(n for _, n in ranges)
            if ranges is not None and admitted is not None and admitted <= self.exact_filter_limit:
                found = self._exact_search(q[0], k, ranges)
            else:
                found = self._index_search(q, k, ranges, admitted)
            if not found:
                return []
            names = self._names([i for i, _ in found])
        return [Hit(id=names[i][0], doc_id=names[i][1], score=s) for i, s in found if i in names]

    def _exact_search(self, q: np.ndarray, k: int, ranges: list[tuple[int, int]]) -> list[tuple[int, float]]:
        """A scope of few vectors is searched exactly, straight from its segments (memory-mapped,
        so from the page cache once read): cheaper than any index over the whole library, and a
        document's chunks are found wherever the index would have filed them."""
        scores = np.concatenate([self._mapped(lo, n) @ q for lo, n in ranges])
        ids = np.concatenate([np.arange(lo, lo + n, dtype=np.int64) for lo, n in ranges])
        kk = min(k, len(scores))
        top = np.argpartition(-scores, kk - 1)[:kk]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(ids[i]), float(scores[i])) for i in top]

    def _mapped(self, lo: int, n: int) -> np.ndarray:
        return np.memmap(self._segment(lo), dtype=np.float32, mode="r", shape=(n, self._dim))

    def _index_search(self, q: np.ndarray, k: int, ranges: list[tuple[int, int]] | None,
                      admitted: int | None) -> list[tuple[int, float]]:
        if isinstance(self._index, faiss.IndexIVF):
            ivf = faiss.SearchParametersIVF()
            ivf.nprobe = self._probes(self._index, admitted)
            params: faiss.SearchParameters = ivf
        else:
            params = faiss.SearchParameters()
        bitmap = None  # FAISS keeps a raw pointer into it: it must outlive the search
        if ranges is not None:
            if len(ranges) == 1:
                params.sel = faiss.IDSelectorRange(ranges[0][0], ranges[0][0] + ranges[0][1])
            else:
                # One bit per id: built in a millisecond from the ranges, O(1) membership.
                mask = np.zeros(ranges[-1][0] + ranges[-1][1], dtype=bool)
                for lo, n in ranges:
                    mask[lo:lo + n] = True
                bitmap = np.packbits(mask, bitorder="little")
                params.sel = faiss.IDSelectorBitmap(len(bitmap), faiss.swig_ptr(bitmap))
        scores, iids = self._index.search(q, k, params=params)
        del bitmap
        return [(int(i), float(s)) for i, s in zip(iids[0], scores[0], strict=True) if i >= 0]

    # ---------------------------------------------------------------- filters

    def _probes(self, index: faiss.IndexIVF, admitted: int | None) -> int:
        """Lists to probe: `nprobe` unfiltered; a filter admitting a fraction f of the vectors probes
        nprobe/f lists, so about as many admitted vectors are scanned as an unfiltered search scans
        (the selector is tested before any distance is computed). Small scopes never get here."""
        nlist = int(index.nlist)
        if admitted is None:
            return min(self.nprobe, nlist)
        return min(nlist, math.ceil(self.nprobe * index.ntotal / admitted))

    def _admitted_ranges(self, where: DocFilter | None) -> list[tuple[int, int]] | None:
        """The id ranges of the documents `where` admits, in id order (None: everything)."""
        if where is None or where.is_empty():
            return None
        doc_ids = where.doc_ids
        if any((where.place, where.place_level, where.year, where.doc_type)):
            if self._resolve is None:
                raise VectorStoreError("this vector store cannot filter by metadata without a fact store")
            meta_ids = self._resolve(DocFilter(place=where.place, place_level=where.place_level,
                                               year=where.year, doc_type=where.doc_type))
            doc_ids = meta_ids if doc_ids is None else doc_ids & meta_ids
        assert doc_ids is not None
        return self._ranges(doc_ids) if doc_ids else []

    def _ranges(self, doc_ids: frozenset[str]) -> list[tuple[int, int]]:
        rows = self._db.execute("SELECT lo, n FROM docs WHERE doc_id IN (SELECT value FROM json_each(?)) ORDER BY lo",
                                (json.dumps(sorted(doc_ids), ensure_ascii=False),))
        return [(int(lo), int(n)) for lo, n in rows]

    def _names(self, iids: list[int]) -> dict[int, tuple[str, str]]:
        rows = self._db.execute(
            f"SELECT iid, id, doc_id FROM vectors WHERE iid IN ({','.join('?' * len(iids))})", iids)
        return {int(i): (s, d) for i, s, d in rows}

    # ---------------------------------------------------------------- compaction

    def uncovered(self) -> int:
        """Vectors added since the index file was written (what an open replays from segments)."""
        with self._lock:
            covered = self._covered()
            row = self._db.execute("SELECT COALESCE(SUM(n), 0) FROM docs WHERE lo > ?", (covered,)).fetchone()
            return int(row[0])

    def _maybe_compact(self) -> None:
        if not self.auto_compact:
            return
        with self._lock:
            if self._compacting:
                return
            live = int(self._index.ntotal)
            pending = self.uncovered()
            wants_ivf = not isinstance(self._index, faiss.IndexIVF) and live >= self.ivf_threshold
            if pending < max(20_000, live // 4) and not wants_ivf:
                return
            self._compacting = True
        self._compactor = threading.Thread(target=self._compact_quietly, daemon=True)
        self._compactor.start()

    def _compact_quietly(self) -> None:
        try:
            self.compact()
        finally:
            self._compacting = False

    def wait_compaction(self) -> None:
        if self._compactor is not None:
            self._compactor.join()

    def compact(self) -> None:
        """Write the index to a new file (switching to, or retraining, IVF when large) and record it.

        A rebuild (training IVF: minutes at 1M vectors on two cores) runs outside the lock, from
        the segments as they were when it started; searches and writes go on meanwhile against the
        old index, and the rebuilt one catches up (ranges removed since are removed, documents added
        since are added) under the lock before it replaces it. The file is written outside the
        lock too; ranges removed meanwhile stay in `removed` (only those recorded before the
        snapshot are cleared).
        """
        with self._compact_lock:
            self._compact()

    def _compact(self) -> None:
        with self._lock:
            live = int(self._index.ntotal)
            is_ivf = isinstance(self._index, faiss.IndexIVF)
            rebuild: str | None = None
            if live >= self.ivf_threshold and (not is_ivf or live >= 4 * self._trained_at):
                rebuild = "ivf"
            elif is_ivf and live < self.ivf_threshold // 4:
                rebuild = "exact"
            if rebuild:
                start = (self._state("next_id") or 0) - 1
                docs = [(int(lo), int(n)) for lo, n in
                        self._db.execute("SELECT lo, n FROM docs WHERE lo <= ? ORDER BY lo", (start,))]
                self._removed_during = []
        if rebuild:
            try:
                xs, ids = self._read_vectors(docs)
                index, trained_at = self._build_ivf(xs, ids) if rebuild == "ivf" else self._build_exact(xs, ids)
                del xs, ids
            except BaseException:
                with self._lock:
                    self._removed_during = None
                raise
            with self._lock:
                for lo, n in self._removed_during or []:
                    index.remove_ids(faiss.IDSelectorRange(lo, lo + n))
                self._removed_during = None
                for lo, n in self._db.execute("SELECT lo, n FROM docs WHERE lo > ? ORDER BY lo", (start,)).fetchall():
                    index.add_with_ids(self._read_segment(lo, n), np.arange(lo, lo + n, dtype=np.int64))
                self._index, self._trained_at = index, trained_at
        with self._lock:
            blob = faiss.serialize_index(self._index)
            covered = (self._state("next_id") or 0) - 1
            row = self._db.execute("SELECT COALESCE(MAX(seq), 0) FROM removed").fetchone()
            last_removed = int(row[0])
            gen = (self._state("generation") or 0) + 1
            self._snapshot_covered = covered
        path = self.root / f"index-{gen}.faiss"
        _write_durable(path, blob)
        del blob
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                old_gen = self._state("generation")
                self._set_state("generation", gen)
                self._set_state("covered", covered)
                self._set_state("trained_at", self._trained_at)
                self._db.execute("DELETE FROM removed WHERE seq <= ?", (last_removed,))
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            finally:
                self._snapshot_covered = -1
            if old_gen is not None:
                (self.root / f"index-{old_gen}.faiss").unlink(missing_ok=True)
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def _read_vectors(self, docs: list[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
        """The vectors of these (lo, n) ranges from their segments; a document removed meanwhile
        (its segment gone) is skipped: its removal is replayed on the rebuilt index anyway."""
        xs = np.empty((sum(n for _, n in docs), self._dim), dtype=np.float32)
        ids = np.empty(len(xs), dtype=np.int64)
        at = 0
        for lo, n in docs:
            try:
                xs[at:at + n] = self._read_segment(lo, n)
            except FileNotFoundError:
                continue
            ids[at:at + n] = np.arange(lo, lo + n)
            at += n
        return xs[:at], ids[:at]

    def _build_ivf(self, xs: np.ndarray, ids: np.ndarray) -> tuple[faiss.Index, int]:
        # About 2·sqrt(N) lists (2,000 at 1M), trained for 10 iterations on 40 points a list: a
        # compaction at 1M vectors takes a few minutes on two busy cores, not FAISS' defaults' many.
        nlist = int(min(max(64, 2 * math.sqrt(len(xs))), 4096))
        quantizer = faiss.IndexFlatIP(self._dim)
        index = faiss.IndexIVFFlat(quantizer, self._dim, nlist, faiss.METRIC_INNER_PRODUCT)
        index.cp.max_points_per_centroid = 40
        index.cp.niter = 10
        rng = np.random.default_rng(0)
        sample = xs[rng.choice(len(xs), size=min(len(xs), nlist * 40), replace=False)]
        index.train(sample)
        index.add_with_ids(xs, ids)
        index.nprobe = self.nprobe
        return index, len(xs)

    def _build_exact(self, xs: np.ndarray, ids: np.ndarray) -> tuple[faiss.Index, int]:
        index = self._exact()
        if len(xs):
            index.add_with_ids(xs, ids)
        return index, 0

    def close(self) -> None:
        self.wait_compaction()
        with self._lock:
            self._db.close()
