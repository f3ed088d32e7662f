"""Chunk vectors and BM25 passages in Milvus: a Milvus standalone or cluster (`http://host:19530`), or
milvus-lite (a local `.db` file, embedded, same client API) for tests and single machines.

Each store is one collection whose rows carry the document id and the document's metadata keys
(place, level, year, document type; see `index.stores.metadata`), so a `DocFilter` becomes a
Milvus boolean expression evaluated *inside* the search, before its top-k. Metadata is matched by
the fact store when a `resolve` callable is given (`open_stores` gives PostgreSQL's `doc_ids`, so
writers that upsert through the Protocol, without `meta=`, are filtered alike), else on the keys
stored with the rows. Lexical search is
Milvus' own BM25: the passage tokens go into an analyzed VARCHAR field and a BM25 function fills
a sparse vector the engine keeps its statistics for.

Milvus has no transactions. An upsert writes the new rows first and then deletes the document's
rows it did not write, so a reader sees the old or the new passages (briefly both), never none,
and an interrupted upsert is repaired by running it again.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import numpy as np

from core.errors import PlanqaError
from index.stores.base import DocFilter, Hit, StoredPassage
from index.stores.metadata import MetaKeys
from ingest.model import DocumentMeta

__all__ = ["MilvusLexicalStore", "MilvusStoreError", "MilvusVectorStore", "connect", "milvus_literal"]

ID_MAX = 512  # bytes of a chunk or document id
KEY_MAX = 256  # bytes of a metadata key
TEXT_MAX = 65_535  # bytes of a passage's tokens: Milvus' largest VARCHAR
TOP_K_MAX = 16_384  # Milvus refuses a larger limit
_BATCH = 1_000  # rows per insert call, to stay far below the gRPC message limit


class MilvusStoreError(PlanqaError):
    """Milvus cannot be reached or holds a collection this planqa cannot use."""

    exit_code = 3


def connect(uri: str, token: str = "") -> Any:
    """A `MilvusClient` for `uri`: `http(s)://host:port` (a server) or a local `.db` path (milvus-lite)."""
    from pymilvus import MilvusClient

    try:
        return MilvusClient(uri=uri, token=token) if token else MilvusClient(uri=uri)
    except Exception as exc:  # pymilvus raises its own and gRPC's errors
        raise MilvusStoreError(f"cannot open Milvus at {uri}: {_first_line(exc)}") from exc


def milvus_literal(value: str | int) -> str:
    """A value as a Milvus expression literal; strings are quoted and escaped, never pasted in raw.

    JSON string syntax (backslash escapes, \\uXXXX for control characters) is what Milvus' expression
    grammar accepts inside double quotes, so a quote or backslash in an id cannot end the literal.

    >>> milvus_literal('a"b\\\\c'), milvus_literal(2025)
    ('"a\\\\"b\\\\\\\\c"', '2025')
    """
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise TypeError(f"not a filter value: {value!r}")
    if isinstance(value, int):
        return str(int(value))
    return json.dumps(value, ensure_ascii=False)


Resolver = Callable[[DocFilter], "frozenset[str]"]


def filter_expression(where: DocFilter | None, resolve: Resolver | None = None) -> str | None:
    """The Milvus boolean expression for `where`: "" admits everything, None admits nothing.

    With `resolve` (the fact store's `doc_ids`), metadata is matched by the fact store and becomes a
    document id list; without it, on the metadata keys stored with each row (`upsert(..., meta=)`).

    >>> filter_expression(DocFilter(doc_ids=frozenset({"d1"}), year=2024))
    'doc_id in ["d1"] and year == 2024'
    >>> filter_expression(DocFilter(doc_ids=frozenset())) is None
    True
    """
    if where is None:
        return ""
    wanted = MetaKeys.wanted(where)
    doc_ids = where.doc_ids
    if wanted and resolve is not None:
        matching = resolve(DocFilter(place=where.place, place_level=where.place_level, year=where.year,
                                     doc_type=where.doc_type))
        doc_ids = matching if doc_ids is None else doc_ids & matching
        wanted = {}
    parts: list[str] = []
    if doc_ids is not None:
        if not doc_ids:
            return None
        parts.append("doc_id in [" + ", ".join(milvus_literal(d) for d in sorted(doc_ids)) + "]")
    for field, value in wanted.items():
        parts.append(f"{field} == {milvus_literal(value)}")
    return " and ".join(parts)


@contextmanager
def _milvus_errors(what: str) -> Iterator[None]:
    """Milvus' and gRPC's errors as one line naming what failed (bad arguments stay ValueErrors)."""
    import grpc
    from pymilvus.exceptions import MilvusException

    try:
        yield
    except (MilvusException, grpc.RpcError) as exc:
        raise MilvusStoreError(f"Milvus could not {what}: {_first_line(exc)}") from exc


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:300]


def _fit(text: str, limit: int) -> str:
    """`text` cut to at most `limit` UTF-8 bytes, at a space when there is one (tokens stay whole)."""
    data = text.encode("utf-8")
    if len(data) <= limit:
        return text
    cut = data[:limit].decode("utf-8", errors="ignore")
    return cut.rsplit(" ", 1)[0] if " " in cut else cut


def _check_id(value: str, what: str) -> str:
    if not value or len(value.encode("utf-8")) > ID_MAX:
        raise ValueError(f"{what} must be 1 to {ID_MAX} bytes, got {value[:40]!r}")
    return value


class _Collection:
    """What both stores share: a collection of rows keyed by id, grouped by document, with metadata keys."""

    def __init__(self, client: Any, name: str, flush_writes: bool, resolve: Resolver | None) -> None:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,254}", name):
            raise ValueError(f"not a Milvus collection name: {name!r}")
        self.client = client
        self.name = name
        self.flush_writes = flush_writes
        self.resolve = resolve

    def _base_schema(self) -> Any:
        from pymilvus import DataType, MilvusClient

        schema = MilvusClient.create_schema(auto_id=False, enable_dynamic_field=False)
        schema.add_field("id", DataType.VARCHAR, is_primary=True, max_length=ID_MAX)
        schema.add_field("doc_id", DataType.VARCHAR, max_length=ID_MAX)
        schema.add_field("place", DataType.VARCHAR, max_length=KEY_MAX)
        schema.add_field("place_level", DataType.VARCHAR, max_length=KEY_MAX)
        schema.add_field("year", DataType.INT64)
        schema.add_field("doc_type", DataType.VARCHAR, max_length=KEY_MAX)
        return schema

    def _create(self, schema: Any, index_params: Any) -> None:
        try:
            # Strong consistency: a search right after an upsert sees it (a server defaults to bounded staleness).
            self.client.create_collection(self.name, schema=schema, index_params=index_params,
                                          consistency_level="Strong")
        except Exception as exc:
            raise MilvusStoreError(f"cannot create Milvus collection {self.name}: {_first_line(exc)}") from exc

    def _exists(self) -> bool:
        try:
            return bool(self.client.has_collection(self.name))
        except Exception as exc:
            raise MilvusStoreError(f"cannot reach Milvus: {_first_line(exc)}") from exc

    def _describe(self) -> dict[str, Any]:
        return dict(self.client.describe_collection(self.name))

    @staticmethod
    def _meta_row(meta: DocumentMeta | None) -> dict[str, Any]:
        keys = MetaKeys.of(meta)
        return {"place": keys.place[:KEY_MAX], "place_level": keys.place_level[:KEY_MAX], "year": keys.year,
                "doc_type": keys.doc_type[:KEY_MAX]}

    def _count(self, expression: str) -> int:
        with _milvus_errors(f"count the rows of {self.name}"):
            rows = self.client.query(self.name, filter=expression, output_fields=["count(*)"])
        return int(rows[0]["count(*)"]) if rows else 0

    def _replace(self, doc_id: str, rows: list[dict[str, Any]]) -> None:
        stale = f"doc_id == {milvus_literal(doc_id)}"
        if rows:
            stale += " and id not in [" + ", ".join(milvus_literal(r["id"]) for r in rows) + "]"
        with _milvus_errors(f"store document {doc_id} in {self.name}"):
            for start in range(0, len(rows), _BATCH):
                self.client.upsert(self.name, rows[start:start + _BATCH])
            self.client.delete(self.name, filter=stale)
        if self.flush_writes:
            self.flush()

    def delete_document(self, doc_id: str) -> int:
        expression = f"doc_id == {milvus_literal(doc_id)}"
        found = self._count(expression)
        if found:
            with _milvus_errors(f"delete document {doc_id} from {self.name}"):
                self.client.delete(self.name, filter=expression)
            if self.flush_writes:
                self.flush()
        return found

    def flush(self) -> None:
        """Seal what was written so it is searched through an index, not scanned (see `flush_writes`)."""
        with _milvus_errors(f"flush {self.name}"):
            self.client.flush(self.name)

    def count(self) -> int:
        return self._count("")

    def doc_ids(self) -> set[str]:
        """Every document with rows here, read in batches (`StoreLibrary.recover` compares it with the facts)."""
        found: set[str] = set()
        with _milvus_errors(f"list the documents of {self.name}"):
            iterator = self.client.query_iterator(self.name, batch_size=4096, filter="", output_fields=["doc_id"])
            try:
                while batch := iterator.next():
                    found.update(str(row["doc_id"]) for row in batch)
            finally:
                iterator.close()
        return found

    def drop(self) -> None:
        """Remove the collection and everything in it (tests, `planqa migrate --replace`)."""
        if self._exists():
            self.client.drop_collection(self.name)

    def _hits(self, result: Any, *, absolute: bool) -> list[Hit]:
        hits = []
        for row in result[0] if result else []:
            entity = row.get("entity") or {}
            score = float(row["distance"])
            # BM25 scores are never negative; milvus-lite reports them negated, a server as they are.
            hits.append(Hit(id=str(row["id"]), doc_id=str(entity["doc_id"]), score=abs(score) if absolute else score))
        hits.sort(key=lambda h: -h.score)
        return hits


class MilvusVectorStore(_Collection):
    """Unit-length chunk vectors in one Milvus collection, searched by inner product (cosine).

    `flush_writes` seals each write at once. milvus-lite wants it: it scans unsealed rows in Python on
    every search (measured: 3,000 vectors, 220 ms a search unsealed, 3-27 ms sealed). A server indexes
    growing segments itself and limits flush calls, so it is off there.
    """

    def __init__(self, client: Any, name: str = "planqa_vectors", dimension: int | None = None, *,
                 flush_writes: bool = False, resolve: Resolver | None = None) -> None:
        super().__init__(client, name, flush_writes, resolve)
        if self._exists():
            stored = self._stored_dimension()
            if dimension is not None and stored != dimension:
                raise MilvusStoreError(
                    f"Milvus collection {name} holds {stored}-dimensional vectors but the embedding model makes "
                    f"{dimension}; migrate into a new collection or use the model it was built with")
            self._dimension = stored
            self.client.load_collection(name)
            return
        if dimension is None or dimension <= 0:
            raise MilvusStoreError(f"Milvus collection {name} does not exist; its vector dimension is needed to create it")
        self._dimension = int(dimension)
        from pymilvus import DataType

        schema = self._base_schema()
        schema.add_field("vector", DataType.FLOAT_VECTOR, dim=self._dimension)
        index_params = self.client.prepare_index_params()
        # AUTOINDEX: the engine's choice (HNSW-like on a server, flat in milvus-lite); IP on unit vectors is cosine.
        index_params.add_index(field_name="vector", index_type="AUTOINDEX", metric_type="IP")
        self._create(schema, index_params)

    def _stored_dimension(self) -> int:
        for field in self._describe().get("fields", []):
            if field.get("name") == "vector":
                return int(field.get("params", {}).get("dim"))
        raise MilvusStoreError(f"Milvus collection {self.name} has no vector field; it was not made by planqa")

    @property
    def dimension(self) -> int:
        return self._dimension

    def upsert(self, doc_id: str, ids: Sequence[str], vectors: np.ndarray, *,
               meta: DocumentMeta | None = None) -> None:
        """Replace the document's vectors; `meta` (the document's metadata) makes metadata filters find them."""
        _check_id(doc_id, "document id")
        matrix = np.asarray(vectors, dtype=np.float32)
        if len(ids) == 0:
            matrix = matrix.reshape(0, self._dimension)
        if matrix.ndim != 2 or matrix.shape != (len(ids), self._dimension):
            raise ValueError(f"expected {len(ids)} vectors of dimension {self._dimension}, got shape {matrix.shape}")
        if len(set(ids)) != len(ids):
            raise ValueError("vector ids must be unique")
        base = {"doc_id": doc_id, **self._meta_row(meta)}
        rows = [{"id": _check_id(i, "vector id"), **base, "vector": row.tolist()} for i, row in zip(ids, matrix, strict=True)]
        self._replace(doc_id, rows)

    def search(self, query: np.ndarray, k: int, where: DocFilter | None = None) -> list[Hit]:
        expression = filter_expression(where, self.resolve)
        if expression is None or k <= 0:
            return []
        vector = np.asarray(query, dtype=np.float32).reshape(-1)
        if vector.shape[0] != self._dimension:
            raise ValueError(f"query has dimension {vector.shape[0]}, the store holds {self._dimension}")
        with _milvus_errors(f"search {self.name}"):
            result = self.client.search(
                self.name, data=[vector.tolist()], anns_field="vector", limit=min(k, TOP_K_MAX), filter=expression,
                output_fields=["doc_id"], search_params={"metric_type": "IP"},
            )
        return self._hits(result, absolute=False)


class MilvusLexicalStore(_Collection):
    """Passage tokens under Milvus' BM25 full-text search, with the same filters as the vectors."""

    def __init__(self, client: Any, name: str = "planqa_passages", *, k1: float = 1.5, b: float = 0.75,
                 flush_writes: bool = False, resolve: Resolver | None = None) -> None:
        super().__init__(client, name, flush_writes, resolve)
        if self._exists():
            self.client.load_collection(name)
            return
        from pymilvus import DataType, Function, FunctionType

        schema = self._base_schema()
        # The tokens are already segmented and folded (ingest.segment.lexical_tokens); the standard
        # analyzer splits them on spaces and keeps "khai_sinh" whole (underscores join a word), and
        # queries go through the same analyzer, so both sides agree.
        schema.add_field("tokens", DataType.VARCHAR, max_length=TEXT_MAX, enable_analyzer=True,
                         analyzer_params={"tokenizer": "standard"})
        schema.add_field("sparse", DataType.SPARSE_FLOAT_VECTOR)
        schema.add_function(Function(name="tokens_bm25", function_type=FunctionType.BM25,
                                     input_field_names=["tokens"], output_field_names=["sparse"]))
        index_params = self.client.prepare_index_params()
        index_params.add_index(field_name="sparse", index_type="SPARSE_INVERTED_INDEX", metric_type="BM25",
                               params={"bm25_k1": k1, "bm25_b": b})
        self._create(schema, index_params)

    def upsert(self, doc_id: str, passages: Sequence[StoredPassage], *, meta: DocumentMeta | None = None) -> None:
        """Replace the document's passages; `meta` (the document's metadata) makes metadata filters find them."""
        _check_id(doc_id, "document id")
        wrong = [p.id for p in passages if p.doc_id != doc_id]
        if wrong:
            raise ValueError(f"passages of another document given for {doc_id}: {wrong[:3]}")
        if len({p.id for p in passages}) != len(passages):
            raise ValueError("passage ids must be unique")
        base = {"doc_id": doc_id, **self._meta_row(meta)}
        rows = [{"id": _check_id(p.id, "passage id"), **base, "tokens": _fit(p.tokens, TEXT_MAX)} for p in passages]
        self._replace(doc_id, rows)

    def search(self, query_tokens: Sequence[str], k: int, where: DocFilter | None = None) -> list[Hit]:
        expression = filter_expression(where, self.resolve)
        text = " ".join(t for t in query_tokens if t and t.strip())
        if expression is None or k <= 0 or not text:
            return []
        with _milvus_errors(f"search {self.name}"):
            result = self.client.search(
                self.name, data=[_fit(text, TEXT_MAX)], anns_field="sparse", limit=min(k, TOP_K_MAX),
                filter=expression, output_fields=["doc_id"], search_params={"metric_type": "BM25"},
            )
        return [h for h in self._hits(result, absolute=True) if h.score > 0]
