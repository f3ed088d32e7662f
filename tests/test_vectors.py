"""VectorIndex: exact cosine search over FAISS, filtering, persistence, validation."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from index.vectors import VectorIndex, l2_normalize

DIM = 16


def random_unit_vectors(n: int, seed: int = 0) -> np.ndarray:
    return l2_normalize(np.random.default_rng(seed).standard_normal((n, DIM)).astype(np.float32))


@pytest.fixture
def index() -> VectorIndex:
    idx = VectorIndex(DIM, model_id="test/model")
    idx.build([f"c{i}" for i in range(50)], random_unit_vectors(50))
    return idx


def brute_force(vectors: np.ndarray, query: np.ndarray, k: int) -> list[int]:
    return list(np.argsort(-(vectors @ query), kind="stable")[:k])


def test_exact_nearest_neighbours(index: VectorIndex) -> None:
    vectors = random_unit_vectors(50)
    for seed in range(1, 6):
        query = random_unit_vectors(1, seed=seed)[0]
        results = index.search(query, k=5)
        assert [chunk_id for chunk_id, _ in results] == [f"c{i}" for i in brute_force(vectors, query, 5)]
        np.testing.assert_allclose(
            [score for _, score in results], np.sort(vectors @ query)[::-1][:5], atol=1e-5
        )
    # A stored vector is its own nearest neighbour with cosine 1.
    top_id, top_score = index.search(vectors[7], k=1)[0]
    assert top_id == "c7" and top_score == pytest.approx(1.0, abs=1e-5)


def test_inputs_are_normalized(index: VectorIndex) -> None:
    vectors = random_unit_vectors(50)
    scaled_query = vectors[3] * 40.0  # cosine does not depend on length
    top_id, top_score = index.search(scaled_query.reshape(1, -1), k=1)[0]
    assert top_id == "c3" and top_score == pytest.approx(1.0, abs=1e-5)


def test_filtering_by_allowed_ids(index: VectorIndex) -> None:
    vectors = random_unit_vectors(50)
    query = vectors[0]
    allowed = {"c10", "c20", "c30", "not-indexed"}
    results = index.search(query, k=10, allowed_ids=allowed)
    assert {chunk_id for chunk_id, _ in results} == {"c10", "c20", "c30"}
    scores = [score for _, score in results]
    assert scores == sorted(scores, reverse=True)
    expected = sorted((float(vectors[i] @ query), f"c{i}") for i in (10, 20, 30))[::-1]
    assert [chunk_id for chunk_id, _ in results] == [chunk_id for _, chunk_id in expected]
    assert index.search(query, k=2, allowed_ids=allowed) == results[:2]
    assert index.search(query, k=5, allowed_ids=set()) == []
    assert index.search(query, k=5, allowed_ids={"nope"}) == []


def test_k_larger_than_index_and_empty_index(index: VectorIndex) -> None:
    assert len(index.search(random_unit_vectors(1)[0], k=500)) == 50
    assert index.search(random_unit_vectors(1)[0], k=0) == []
    empty = VectorIndex(DIM)
    assert len(empty) == 0 and empty.search(random_unit_vectors(1)[0], k=3) == []


def test_add_appends_and_rejects_duplicates(index: VectorIndex) -> None:
    new = random_unit_vectors(2, seed=99)
    index.add(["n1", "n2"], new)
    assert len(index) == 52 and "n2" in index
    assert index.search(new[1], k=1)[0][0] == "n2"
    with pytest.raises(ValueError, match="already in the index"):
        index.add(["c1"], new[:1])
    with pytest.raises(ValueError, match="unique"):
        index.add(["x", "x"], new)
    with pytest.raises(ValueError, match="2 ids but 1 vectors"):
        index.add(["y", "z"], new[:1])
    index.add([], np.empty((0, DIM), dtype=np.float32))
    assert len(index) == 52


def test_build_replaces_contents(index: VectorIndex) -> None:
    index.build(["only"], random_unit_vectors(1, seed=5))
    assert len(index) == 1 and index.ids == ["only"]


def test_dimension_mismatch_is_a_clear_value_error(index: VectorIndex) -> None:
    with pytest.raises(ValueError, match="dimension 16"):
        index.add(["bad"], np.ones((1, 8), dtype=np.float32))
    with pytest.raises(ValueError, match="dimension 16"):
        index.search(np.ones(384, dtype=np.float32), k=3)
    with pytest.raises(ValueError, match="NaN"):
        index.search(np.full(DIM, np.nan, dtype=np.float32), k=3)
    with pytest.raises(ValueError, match="one query vector"):
        index.search(random_unit_vectors(2), k=3)
    with pytest.raises(ValueError, match="positive"):
        VectorIndex(0)


def test_save_load_roundtrip(index: VectorIndex, tmp_path: Path) -> None:
    index.save(tmp_path / "vectors")
    loaded = VectorIndex.load(tmp_path / "vectors", expected_dimension=DIM, expected_model_id="test/model")
    assert loaded.dimension == DIM and len(loaded) == 50 and loaded.model_id == "test/model"
    assert loaded.ids == index.ids
    for seed in range(3):
        query = random_unit_vectors(1, seed=100 + seed)[0]
        assert loaded.search(query, k=7) == index.search(query, k=7)
        assert loaded.search(query, k=3, allowed_ids={"c1", "c2"}) == index.search(
            query, k=3, allowed_ids={"c1", "c2"}
        )
    manifest = json.loads((tmp_path / "vectors" / "manifest.json").read_text())
    assert manifest["dimension"] == DIM and manifest["count"] == 50 and manifest["metric"] == "cosine"


def test_load_refuses_mismatches(index: VectorIndex, tmp_path: Path) -> None:
    index.save(tmp_path / "vectors")
    with pytest.raises(ValueError, match="384"):
        VectorIndex.load(tmp_path / "vectors", expected_dimension=384)
    with pytest.raises(ValueError, match="other/model"):
        VectorIndex.load(tmp_path / "vectors", expected_model_id="other/model")
    with pytest.raises(FileNotFoundError, match="build it first"):
        VectorIndex.load(tmp_path / "missing")


def test_unicode_ids_roundtrip(tmp_path: Path) -> None:
    idx = VectorIndex(DIM)
    idx.build(["Cà Mau#chỉ-tiêu-14"], random_unit_vectors(1))
    idx.save(tmp_path)
    assert VectorIndex.load(tmp_path).ids == ["Cà Mau#chỉ-tiêu-14"]
