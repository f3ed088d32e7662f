"""`planqa bench --synthetic N`: a library of N distinct synthetic plans is built and every measure is reported."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from bot.bench import HashEmbeddings, invented_place, run_synthetic, sample_documents, synthetic_copy
from bot.settings import Settings

KINDS = {"owner_scoped", "owner_unscoped", "duties_unscoped", "free_scoped", "list", "summary"}


def test_synthetic_copies_are_distinct_and_rename_every_place(corpus_dir: Path) -> None:
    samples = sample_documents(corpus_dir)
    assert samples
    sample = samples[0]
    copies = [synthetic_copy(sample, k) for k in range(0, 3 * len(samples), len(samples))]
    assert len(set(copies)) == len(copies)
    for k, text in zip(range(0, 3 * len(samples), len(samples)), copies, strict=True):
        assert invented_place(k * 4) in text
        for place in sample.places:
            assert place.lower() not in text.lower()
    assert synthetic_copy(sample, 5) == synthetic_copy(sample, 5)  # deterministic


def test_hash_embeddings_are_deterministic_and_word_based() -> None:
    emb = HashEmbeddings()
    a, b, c = emb.embed_passages(["Sở Y tế chủ trì", "Sở Y tế chủ trì", "kinh phí ngân sách"])
    assert np.allclose(a, b)
    assert float(a @ c) < float(a @ b)
    assert emb.model_id.startswith("hash-64")


def test_small_synthetic_library_reports_every_measure(corpus_dir: Path, tmp_path: Path) -> None:
    result = run_synthetic(Settings(index_dir=tmp_path / "unused"), 3, corpus_dir, per_kind=3, keep=tmp_path)
    assert result["library_documents"] == 3
    assert result["build"]["documents"] == 3 and result["build"]["chunks"] > 0
    for step in ("add_one", "remove_one"):
        assert {"cpu_s", "wall_s", "bytes_written", "storage_bytes_written"} <= set(result[step])
        assert result[step]["bytes_written"] > 0
    assert result["add_one"]["generation_bytes"] > result["add_one"]["document_file_bytes"] > 0
    serve = result["serve"]
    assert serve["rss_mb"] > 0 and serve["peak_rss_mb"] >= serve["rss_mb"]
    assert set(serve["kinds"]) == KINDS
    for kind in KINDS - {"owner_scoped"}:  # a 3-plan library may hold one plan that names a lead body
        stats = serve["kinds"][kind]
        assert stats["questions"] >= 1, kind
        assert {"p50", "p95"} <= set(stats["ask_ms"]) and stats["answer_bytes"]["p50"] > 0, kind
    assert serve["kinds"]["summary"]["answered_from_the_named_plan"] >= 1
    assert list(tmp_path.iterdir()) == []  # the build is removed


def test_synthetic_needs_a_document(corpus_dir: Path, tmp_path: Path) -> None:
    from core.errors import PlanqaError

    with pytest.raises(PlanqaError):
        run_synthetic(Settings(index_dir=tmp_path), 0, corpus_dir)
