"""Optional cross-encoder reranking of retrieved passages (sentence-transformers, local models only).

`HybridRetriever` calls `predict([(question, passage), ...])` and sorts its fused hits by the scores.
Loading never touches a model hub: a model that is not on this machine is a clear error, not a download.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from index.embeddings import force_hub_offline
from ingest.errors import PlanqaError
from ingest.normalize import collapse_ws


class RerankerUnavailable(PlanqaError):
    """The configured cross-encoder cannot be loaded (missing files, missing extra, wrong kind of model)."""

    exit_code = 3


class CrossEncoderReranker:
    """A loaded sentence-transformers `CrossEncoder` that scores (question, passage) pairs."""

    def __init__(self, model: Any, name: str, batch_size: int = 32) -> None:
        self.model = model
        self.name = name
        self.batch_size = batch_size

    def predict(self, pairs: Sequence[tuple[str, str]]) -> list[float]:
        """One relevance score per pair; higher means more relevant."""
        if not pairs:
            return []
        scores = self.model.predict(
            [(q, p) for q, p in pairs], batch_size=self.batch_size, show_progress_bar=False, convert_to_numpy=True
        )
        return [float(s) for s in scores.reshape(-1)]


def _one_line(exc: BaseException, limit: int = 200) -> str:
    # Hub and transformers errors span several lines; the user sees one.
    text = collapse_ws(str(exc))
    return f"{type(exc).__name__}: {text[:limit]}"


def load_cross_encoder(name_or_path: str, device: str = "cpu") -> CrossEncoderReranker:
    """Load a cross-encoder by local path or by the name of a model already in the local HF cache."""
    force_hub_offline()
    try:
        from sentence_transformers import CrossEncoder
    except ImportError as exc:
        raise RerankerUnavailable(
            f"the reranker {name_or_path!r} needs sentence-transformers, which is not installed; "
            f"install it with: pip install 'planqa[st]' ({_one_line(exc)})"
        ) from exc
    try:
        model = CrossEncoder(name_or_path, device=device, local_files_only=True)
    except (OSError, ValueError) as exc:  # FileNotFoundError, hub cache misses, bad config.json
        raise RerankerUnavailable(
            f"reranker model {name_or_path!r} is not on this machine and planqa never downloads models; "
            f"set PLANQA_RERANKER_MODEL to a local cross-encoder directory, or fetch it once with "
            f"`huggingface-cli download {name_or_path}` ({_one_line(exc)})"
        ) from exc
    # A classifier with several labels (e.g. NLI) returns a row per pair, which cannot rank passages.
    num_labels = int(getattr(model, "num_labels", 1))
    if num_labels != 1:
        raise RerankerUnavailable(
            f"reranker model {name_or_path!r} has {num_labels} output labels; a relevance cross-encoder has 1"
        )
    return CrossEncoderReranker(model, name_or_path)
