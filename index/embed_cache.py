"""A persistent cache of embeddings, so re-ingesting unchanged text does not re-embed it.

Vectors are keyed by (model id, SHA-256 of the exact input text) in one SQLite table. The model
id includes every setting that changes a vector (see `PlanqaEmbeddings.model_id`), and
`embed_with_cache` adds the query/passage mode, so a cached vector is only ever reused for the
same model, settings, mode and text.

>>> cache = EmbeddingCache("data/embeddings.sqlite")                      # doctest: +SKIP
>>> vectors = embed_with_cache(make_embeddings(), chunk_texts, cache)     # doctest: +SKIP
>>> vectors = embed_with_cache(make_embeddings(), chunk_texts, cache)     # doctest: +SKIP
... # second call: every text found in the cache, the model is not called
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from index.embeddings import PlanqaEmbeddings

__all__ = ["EmbeddingCache", "embed_with_cache", "text_hash"]

# SQLite limits the number of "?" in one statement (32766 in recent builds, 999 in old ones).
_LOOKUP_BATCH = 500


def text_hash(text: str) -> str:
    """Hex SHA-256 of the UTF-8 text: the cache key for one input."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _migration_1(conn: sqlite3.Connection) -> None:
    conn.execute(
        """
        CREATE TABLE embeddings (
            model_id  TEXT    NOT NULL,
            text_hash TEXT    NOT NULL,
            dim       INTEGER NOT NULL,
            vector    BLOB    NOT NULL,  -- little-endian float32, dim values
            PRIMARY KEY (model_id, text_hash)
        ) WITHOUT ROWID
        """
    )


# Schema changes are appended here, numbered; PRAGMA user_version records how many have run.
_MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_migration_1]


class EmbeddingCache:
    """Embeddings stored in a SQLite file at `path` (created with its directory if missing).

    Safe to share between threads of one process (one connection behind a lock); WAL mode lets
    other processes read while one writes.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        # isolation_level=None: transactions are opened explicitly with BEGIN, so each
        # put_many is one atomic write however many rows it has.
        self._conn = sqlite3.connect(str(self.path), check_same_thread=False, isolation_level=None)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=NORMAL")  # durable enough for a cache, much faster
        self._conn.execute("PRAGMA busy_timeout=5000")
        self._migrate()

    def _migrate(self) -> None:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                (version,) = self._conn.execute("PRAGMA user_version").fetchone()
                if version > len(_MIGRATIONS):
                    raise RuntimeError(
                        f"embedding cache {self.path} has schema version {version}, newer than this "
                        f"planqa ({len(_MIGRATIONS)}); upgrade planqa or delete the cache file"
                    )
                for number in range(version, len(_MIGRATIONS)):
                    _MIGRATIONS[number](self._conn)
                    self._conn.execute(f"PRAGMA user_version = {number + 1}")
                self._conn.execute("COMMIT")
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> EmbeddingCache:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __len__(self) -> int:
        with self._lock:
            (count,) = self._conn.execute("SELECT COUNT(*) FROM embeddings").fetchone()
        return int(count)

    def get_many(self, model_id: str, texts: Sequence[str]) -> dict[int, np.ndarray]:
        """Cached vectors for `texts` under `model_id`, as {position in texts: float32 vector}.

        Positions whose text is not cached are absent; a text repeated in `texts` is found at
        each of its positions.
        """
        positions: dict[str, list[int]] = {}
        for position, text in enumerate(texts):
            positions.setdefault(text_hash(text), []).append(position)
        hashes = list(positions)
        found: dict[int, np.ndarray] = {}
        with self._lock:
            for start in range(0, len(hashes), _LOOKUP_BATCH):
                batch = hashes[start : start + _LOOKUP_BATCH]
                rows = self._conn.execute(
                    "SELECT text_hash, dim, vector FROM embeddings "
                    f"WHERE model_id = ? AND text_hash IN ({','.join('?' * len(batch))})",
                    [model_id, *batch],
                ).fetchall()
                for hash_, dim, blob in rows:
                    vector = np.frombuffer(blob, dtype="<f4")
                    if vector.size != dim:  # a torn or foreign row: treat as not cached
                        continue
                    for position in positions[hash_]:
                        found[position] = vector.astype(np.float32)  # a writable copy per position
        return found

    def put_many(self, model_id: str, texts: Sequence[str], vectors: np.ndarray) -> None:
        """Store `vectors[i]` for `texts[i]` under `model_id`, replacing older entries, in one transaction."""
        matrix = np.asarray(vectors, dtype="<f4")
        if matrix.ndim != 2 or matrix.shape[0] != len(texts):
            raise ValueError(f"expected {len(texts)} vectors as a 2-D array, got shape {matrix.shape}")
        dim = int(matrix.shape[1])
        rows = [(model_id, text_hash(text), dim, matrix[i].tobytes()) for i, text in enumerate(texts)]
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                self._conn.executemany(
                    "INSERT OR REPLACE INTO embeddings (model_id, text_hash, dim, vector) VALUES (?, ?, ?, ?)",
                    rows,
                )
                self._conn.execute("COMMIT")
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise


def embed_with_cache(
    embeddings: PlanqaEmbeddings,
    texts: Sequence[str],
    cache: EmbeddingCache,
    *,
    is_query: bool = False,
    progress: Callable[[int, int], None] | None = None,
    batch: int = 64,
) -> np.ndarray:
    """Embed `texts` as passages (or queries), calling the model only for texts not yet cached.

    Returns the same (len(texts), dimension) float32 array the model would; newly computed
    vectors are stored before returning. A text repeated in `texts` is embedded once.
    """
    texts = list(texts)
    cache_key = f"{embeddings.model_id}|{'query' if is_query else 'passage'}"
    found = cache.get_many(cache_key, texts)
    missing_texts = list(dict.fromkeys(text for i, text in enumerate(texts) if i not in found))
    computed: dict[str, np.ndarray] = {}
    if missing_texts:
        embed = embeddings.embed_queries if is_query else embeddings.embed_passages
        # In batches when someone watches (`progress(done, total)`), so a long first ingest shows it moving.
        step = batch if progress else len(missing_texts)
        for start in range(0, len(missing_texts), step):
            part = missing_texts[start:start + step]
            new_vectors = embed(part)
            cache.put_many(cache_key, part, new_vectors)
            computed.update(zip(part, new_vectors, strict=True))
            if progress:
                progress(start + len(part), len(missing_texts))
    rows = [found[i] if i in found else computed[text] for i, text in enumerate(texts)]
    if not rows:
        return np.zeros((0, embeddings.dimension), dtype=np.float32)
    dims = {row.shape[0] for row in rows}
    if len(dims) != 1:
        raise ValueError(
            f"embedding cache {cache.path} holds vectors of dimensions {sorted(dims)} for "
            f"{embeddings.model_id!r}; delete the cache file and embed again"
        )
    return np.stack(rows).astype(np.float32, copy=False)
