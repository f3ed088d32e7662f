"""Hybrid retrieval: BM25 over segmented words plus dense vectors, fused by rank."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from core.cache import BoundedCache
from index.snapshot import IndexSnapshot
from ingest.normalize import fold_ascii, has_vietnamese_diacritics
from ingest.segment import lexical_tokens


def reciprocal_rank_fusion(rankings: Sequence[Sequence[str]], k: int = 60,
                           weights: Sequence[float] | None = None) -> list[tuple[str, float]]:
    """Fuse ranked id lists: score(id) = sum of weight / (k + rank).

    >>> reciprocal_rank_fusion([["a", "b"], ["b", "c"]], k=1)
    [('b', 0.8333333333333333), ('a', 0.5), ('c', 0.3333333333333333)]
    """
    scores: dict[str, float] = {}
    for r, ranking in enumerate(rankings):
        w = weights[r] if weights else 1.0
        for rank, doc in enumerate(ranking, start=1):
            scores[doc] = scores.get(doc, 0.0) + w / (k + rank)
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))


def weighted_fusion(results: Sequence[Sequence[tuple[str, float]]], weights: Sequence[float]) -> list[tuple[str, float]]:
    """Fuse scored lists after min-max normalising each: score = sum of weight * normalised score.

    >>> weighted_fusion([[("a", 10.0), ("b", 0.0)], [("b", 0.9), ("a", 0.5)]], [0.5, 0.5])
    [('a', 0.5), ('b', 0.5)]
    """
    scores: dict[str, float] = {}
    for w, res in zip(weights, results, strict=True):
        if not res:
            continue
        vals = [s for _, s in res]
        lo, hi = min(vals), max(vals)
        for doc, s in res:
            norm = (s - lo) / (hi - lo) if hi > lo else 1.0
            scores[doc] = scores.get(doc, 0.0) + w * norm
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))


_VI_ASCII = re.compile(r"\b(chi tieu|cua|cho|nao|bao nhieu|kinh phi|tinh|huyen|xa|tre em|ke hoach|do ai|phu trach|"
                       r"nhiem vu|muc tieu|nam|thang|ngay|la gi|nhu the nao|duoc|khong)\b")


def _looks_vietnamese(text: str) -> bool:
    return _VI_ASCII.search(fold_ascii(text)) is not None


@dataclass
class Hit:
    chunk_id: str
    doc_id: str
    text: str
    section: str
    score: float


class HybridRetriever:
    QUERY_CACHE_SIZE = 4096

    def __init__(self, snapshot: IndexSnapshot, fusion: str = "rrf", reranker: Any = None) -> None:
        self.snapshot = snapshot
        self.fusion = fusion
        self.reranker = reranker
        self._query_cache = BoundedCache[str, np.ndarray](self.QUERY_CACHE_SIZE)

    def query_vector(self, question: str) -> np.ndarray:
        """The question's embedding; repeated questions (common on a portal) skip the model."""
        cached = self._query_cache.get(question)
        if cached is not None:
            return cached
        vector = self.snapshot.embeddings.embed_queries([question])[0]
        self._query_cache.put(question, vector)
        return vector

    def retrieve(self, question: str, k: int = 8, doc_ids: set[str] | None = None,
                 query_vector: np.ndarray | None = None, lexical_text: str | None = None) -> list[Hit]:
        """Best chunks for `question`; `lexical_text` (e.g. the question with synonyms) feeds BM25 only."""
        snap = self.snapshot
        allowed = None
        if doc_ids is not None:
            allowed = {cid for cid, c in snap.chunks.items() if c.doc_id in doc_ids}
            if not allowed:
                return []
        depth = max(k * 4, 20)
        tokens = lexical_tokens(lexical_text or question)
        if getattr(snap.lexical, "filters_inside", False):  # a store: the scope is applied inside its search
            lex = snap.lexical.search(tokens, depth, allowed_ids=allowed)  # type: ignore[call-arg]
        else:
            lex = snap.lexical.search(tokens, depth * (3 if allowed else 1))
            if allowed is not None:
                lex = [(cid, s) for cid, s in lex if cid in allowed][:depth]
        qv = query_vector if query_vector is not None else self.query_vector(question)
        dense = snap.vectors.search(qv, depth, allowed_ids=allowed)
        # Typed without diacritics, Vietnamese is read poorly by the embedding model but still
        # matches the folded forms in BM25, so the lexical ranking counts more there.
        weights = [1.0, 0.1] if not has_vietnamese_diacritics(question) and _looks_vietnamese(question) else [1.0, 1.0]
        if self.fusion == "weighted":
            fused = weighted_fusion([lex, dense], [w / sum(weights) for w in weights])
        else:
            fused = reciprocal_rank_fusion([[c for c, _ in lex], [c for c, _ in dense]], weights=weights)
        hits = [Hit(cid, snap.chunks[cid].doc_id, snap.chunks[cid].text, snap.chunks[cid].section, score)
                for cid, score in fused[: max(k, 20)]]
        if self.reranker is not None and hits:
            scores = self.reranker.predict([(question, h.text) for h in hits])
            hits = [h for _, h in sorted(zip(scores, hits, strict=True), key=lambda t: -float(t[0]))]
        return hits[:k]


class PlanqaRetriever(BaseRetriever):
    """planqa's hybrid retrieval as a LangChain retriever."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    hybrid: Any
    k: int = 4

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        snap = self.hybrid.snapshot
        docs = []
        for hit in self.hybrid.retrieve(query, k=self.k):
            chunk = snap.chunks[hit.chunk_id]
            rec = snap.documents[hit.doc_id]
            docs.append(Document(page_content=hit.text, metadata={
                "chunk_id": hit.chunk_id, "doc_id": hit.doc_id, "source": rec.source, "doc_number": rec.number,
                "section": hit.section, "char_start": chunk.char_start, "char_end": chunk.char_end,
                "page": chunk.page, "score": hit.score,
            }))
        return docs
