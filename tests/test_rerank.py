"""The optional cross-encoder reranker: a real tiny cross-encoder (conftest), loaded offline, and
its effect on the hybrid retriever over a real small index (conftest's sample plan)."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest

from bot.rerank import CrossEncoderReranker, RerankerUnavailable, load_cross_encoder
from ingest.errors import PlanqaError


@pytest.fixture(scope="module")
def plan_pipeline(sample_plan_index: Path) -> Any:
    from bot.pipeline import build_pipeline
    from bot.settings import Settings

    return build_pipeline(Settings(index_dir=sample_plan_index))


PAIRS = [
    ("Chỉ tiêu 14 do ai chủ trì?", "- Hướng dẫn, thực hiện chỉ tiêu 14."),
    ("Chỉ tiêu 14 do ai chủ trì?", "Sở Y tế chủ trì thực hiện chỉ tiêu 13. " * 40),  # longer than 64 tokens
    ("who owns indicator 14?", "Sở Tư pháp"),
]


def test_tiny_cross_encoder_scores_each_pair(tiny_cross_encoder: Path) -> None:
    reranker = load_cross_encoder(str(tiny_cross_encoder))
    assert isinstance(reranker, CrossEncoderReranker)
    scores = reranker.predict(PAIRS)
    assert len(scores) == len(PAIRS)
    assert all(isinstance(s, float) and math.isfinite(s) for s in scores)
    assert reranker.predict(PAIRS) == scores  # deterministic on one model
    assert load_cross_encoder(str(tiny_cross_encoder)).predict(PAIRS) == pytest.approx(scores, abs=1e-6)
    assert reranker.predict([]) == []


def test_loading_sets_offline_mode(tiny_cross_encoder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("TRANSFORMERS_OFFLINE", raising=False)
    load_cross_encoder(str(tiny_cross_encoder))
    assert os.environ["HF_HUB_OFFLINE"] == "1" and os.environ["TRANSFORMERS_OFFLINE"] == "1"


@pytest.mark.parametrize("name", ["/nonexistent/planqa-reranker", "no-such-org/no-such-reranker"])
def test_missing_model_is_a_one_line_planqa_error(name: str) -> None:
    pytest.importorskip("sentence_transformers")
    with pytest.raises(RerankerUnavailable) as info:
        load_cross_encoder(name)
    message = str(info.value)
    assert isinstance(info.value, PlanqaError)
    assert "never downloads" in message and "PLANQA_RERANKER_MODEL" in message and "\n" not in message


def test_directory_that_is_not_a_model_is_a_clear_error(tmp_path: Path) -> None:
    pytest.importorskip("sentence_transformers")
    (tmp_path / "config.json").write_text("{}", encoding="utf-8")
    with pytest.raises(RerankerUnavailable, match="never downloads"):
        load_cross_encoder(str(tmp_path))


class LengthReranker:
    """Scores a passage by its length: an order that hybrid fusion would not produce by itself."""

    def __init__(self) -> None:
        self.calls: list[list[tuple[str, str]]] = []

    def predict(self, pairs: list[tuple[str, str]]) -> list[float]:
        self.calls.append(pairs)
        return [float(len(passage)) for _, passage in pairs]


def test_retriever_orders_hits_by_reranker_scores(plan_pipeline: Any) -> None:
    from bot.retrieval import HybridRetriever

    question = "Chỉ tiêu 14 do ai chủ trì?"
    plain = HybridRetriever(plan_pipeline.snapshot).retrieve(question, k=20)
    assert len(plain) >= 3
    fake = LengthReranker()
    reranked = HybridRetriever(plan_pipeline.snapshot, reranker=fake).retrieve(question, k=3)

    assert [q for q, _ in fake.calls[0]] == [question] * len(plain)  # every fused candidate is scored
    expected = sorted(plain, key=lambda h: -len(h.text))[:3]
    assert [h.chunk_id for h in reranked] == [h.chunk_id for h in expected]
    assert [h.chunk_id for h in reranked] != [h.chunk_id for h in plain[:3]]  # the reranker changed the order


def test_pipeline_with_configured_reranker_answers(sample_plan_index: Path, tiny_cross_encoder: Path) -> None:
    from bot.pipeline import build_pipeline
    from bot.settings import Settings

    pipeline = build_pipeline(Settings(index_dir=sample_plan_index, bot={"reranker_model": str(tiny_cross_encoder)}))
    assert isinstance(pipeline.retriever.reranker, CrossEncoderReranker)
    hits = pipeline.retriever.retrieve("tiêm chủng cho trẻ em", k=3)
    assert len(hits) == 3
    answer = pipeline.ask("Chỉ tiêu 14 do ai chủ trì?")
    assert answer.status == "answered" and "Sở Tư pháp" in answer.answer
