"""Exact cosine-similarity search over chunk embeddings, backed by FAISS.

Vectors are L2-normalized on the way in, so the inner product FAISS computes (IndexFlatIP) is
the cosine similarity. Flat search is exact and needs no training; plan corpora are thousands of
chunks, where it takes well under a millisecond.

Row `i` of the FAISS index holds the vector of `ids[i]`; the string ids are kept in a parallel
list rather than in an IndexIDMap, because FAISS ids must be int64 and chunk ids are strings.

>>> import numpy as np
>>> idx = VectorIndex(dimension=2)
>>> idx.build(["a", "b"], np.array([[1.0, 0.0], [0.0, 1.0]], dtype=np.float32))
>>> [(i, round(s, 3)) for i, s in idx.search(np.array([0.9, 0.1], dtype=np.float32), k=2)]
[('a', 0.994), ('b', 0.11)]
>>> idx.search(np.array([0.9, 0.1], dtype=np.float32), k=2, allowed_ids={"b"})[0][0]
'b'
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path

import faiss
import numpy as np

__all__ = ["VectorIndex", "l2_normalize"]

FORMAT_VERSION = 1
_MANIFEST = "manifest.json"
_IDS = "ids.json"
_FAISS = "vectors.faiss"


def l2_normalize(vectors: np.ndarray) -> np.ndarray:
    """Float32 copy of `vectors` (n, d) with each row scaled to unit length; zero rows stay zero."""
    matrix = np.array(vectors, dtype=np.float32, copy=True)
    norms = np.linalg.norm(matrix, axis=-1, keepdims=True)
    np.divide(matrix, norms, out=matrix, where=norms > 0)
    return matrix


class VectorIndex:
    """String-id'd vectors of one dimension, searched by cosine similarity."""

    def __init__(self, dimension: int, *, model_id: str | None = None) -> None:
        if dimension <= 0:
            raise ValueError(f"dimension must be positive, got {dimension}")
        self._dimension = int(dimension)
        # Recorded in the manifest so a loader can refuse vectors from another embedding model.
        self.model_id = model_id
        self._index: faiss.Index = faiss.IndexFlatIP(self._dimension)
        self._ids: list[str] = []
        self._row_of: dict[str, int] = {}

    @property
    def dimension(self) -> int:
        return self._dimension

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, chunk_id: object) -> bool:
        return chunk_id in self._row_of

    @property
    def ids(self) -> list[str]:
        """Ids in row order (a copy)."""
        return list(self._ids)

    def _check_matrix(self, vectors: np.ndarray, what: str) -> np.ndarray:
        matrix = np.asarray(vectors)
        if matrix.ndim == 1:
            matrix = matrix.reshape(1, -1)
        if matrix.ndim != 2 or matrix.shape[1] != self._dimension:
            raise ValueError(
                f"{what} have shape {np.shape(vectors)}, but this index holds vectors of dimension "
                f"{self._dimension}; were they made by a different embedding model?"
            )
        if not np.isfinite(matrix).all():
            raise ValueError(f"{what} contain NaN or infinite values")
        return l2_normalize(matrix)

    def build(self, ids: Sequence[str], vectors: np.ndarray) -> None:
        """Replace the contents with `vectors[i]` under `ids[i]`."""
        self._index.reset()
        self._ids = []
        self._row_of = {}
        self.add(ids, vectors)

    def add(self, ids: Sequence[str], vectors: np.ndarray) -> None:
        """Append vectors under new ids; an id already present (or repeated) is a ValueError."""
        ids = list(ids)
        matrix = self._check_matrix(vectors, "vectors") if ids else np.empty((0, self._dimension), np.float32)
        if matrix.shape[0] != len(ids):
            raise ValueError(f"got {len(ids)} ids but {matrix.shape[0]} vectors")
        if len(set(ids)) != len(ids):
            raise ValueError("ids must be unique")
        clashes = [i for i in ids if i in self._row_of]
        if clashes:
            raise ValueError(f"{len(clashes)} ids are already in the index, e.g. {clashes[0]!r}")
        if not ids:
            return
        self._index.add(matrix)
        start = len(self._ids)
        self._ids.extend(ids)
        self._row_of.update((chunk_id, start + n) for n, chunk_id in enumerate(ids))

    def search(
        self, query_vec: np.ndarray, k: int, allowed_ids: Iterable[str] | None = None
    ) -> list[tuple[str, float]]:
        """The `k` nearest vectors as (id, cosine similarity), most similar first.

        With `allowed_ids`, only those ids are considered (unknown ids are ignored); FAISS
        applies the restriction inside the scan, so up to `k` results come back however few of
        the indexed vectors are allowed.
        """
        query = self._check_matrix(query_vec, "query vector")
        if query.shape[0] != 1:
            raise ValueError(f"search takes one query vector, got {query.shape[0]}")
        if k <= 0 or not self._ids:
            return []
        params = None
        candidates = len(self._ids)
        if allowed_ids is not None:
            rows = np.fromiter(
                (self._row_of[i] for i in set(allowed_ids) if i in self._row_of), dtype=np.int64
            )
            if rows.size == 0:
                return []
            candidates = int(rows.size)
            # Kept in a local so it outlives the search: FAISS holds only a raw pointer to it.
            selector = faiss.IDSelectorBatch(rows)
            params = faiss.SearchParameters()
            params.sel = selector
        k = min(k, candidates)
        scores, rows_found = self._index.search(query, k, params=params)
        return [
            (self._ids[row], float(score))
            for row, score in zip(rows_found[0], scores[0], strict=True)
            if row >= 0  # FAISS pads with -1 when fewer than k vectors qualify
        ]

    def save(self, directory: Path) -> None:
        """Write the FAISS index, the ids and a manifest to `directory` (created if needed)."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        faiss.write_index(self._index, str(directory / _FAISS))
        (directory / _IDS).write_text(json.dumps(self._ids, ensure_ascii=False), encoding="utf-8")
        manifest = {
            "format_version": FORMAT_VERSION,
            "metric": "cosine",
            "dimension": self._dimension,
            "count": len(self._ids),
            "model_id": self.model_id,
        }
        # Written last: a directory without a manifest is an interrupted save.
        (directory / _MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")

    @classmethod
    def load(
        cls,
        directory: Path,
        *,
        expected_dimension: int | None = None,
        expected_model_id: str | None = None,
    ) -> VectorIndex:
        """Load an index written by `save`.

        Given `expected_dimension` / `expected_model_id` (those of the embedding model about to
        embed queries), a saved index that does not match is refused with a ValueError: its
        vectors would not be comparable to the queries'.
        """
        directory = Path(directory)
        manifest_path = directory / _MANIFEST
        if not manifest_path.exists():
            raise FileNotFoundError(f"no vector index at {directory} (missing {_MANIFEST}); build it first")
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if manifest.get("format_version") != FORMAT_VERSION:
            raise ValueError(
                f"vector index at {directory} has format version {manifest.get('format_version')!r}, "
                f"this planqa reads {FORMAT_VERSION}; rebuild the index"
            )
        dimension = int(manifest["dimension"])
        if expected_dimension is not None and dimension != expected_dimension:
            raise ValueError(
                f"vector index at {directory} holds {dimension}-dimensional vectors but the embedding "
                f"model makes {expected_dimension}; rebuild the index with this model"
            )
        if expected_model_id is not None and manifest.get("model_id") != expected_model_id:
            raise ValueError(
                f"vector index at {directory} was built with {manifest.get('model_id')!r}, not "
                f"{expected_model_id!r}; rebuild the index with this model"
            )
        index = cls(dimension, model_id=manifest.get("model_id"))
        faiss_index = faiss.read_index(str(directory / _FAISS))
        ids: list[str] = json.loads((directory / _IDS).read_text(encoding="utf-8"))
        if faiss_index.d != dimension or faiss_index.ntotal != len(ids) or len(ids) != manifest["count"]:
            raise ValueError(
                f"vector index at {directory} is inconsistent (manifest: {manifest['count']} x "
                f"{dimension}, faiss: {faiss_index.ntotal} x {faiss_index.d}, ids: {len(ids)}); rebuild it"
            )
        index._index = faiss_index
        index._ids = ids
        index._row_of = {chunk_id: row for row, chunk_id in enumerate(ids)}
        return index
