"""BM25 keyword index over pre-tokenized chunks, backed by bm25s.

The index does not tokenize: callers pass tokens made by `index.tokenize.lexical_tokens`, for
documents and queries alike, so both sides are always built the same way.

>>> from ingest.segment import lexical_tokens
>>> idx = LexicalIndex()
>>> idx.build(["c1", "c2"], [lexical_tokens("Đăng ký khai sinh cho trẻ em"),
...                          lexical_tokens("Tiêm chủng đầy đủ cho trẻ em")])
>>> [chunk_id for chunk_id, _ in idx.search(lexical_tokens("khai sinh"), k=5)]
['c1']
>>> [chunk_id for chunk_id, _ in idx.search(lexical_tokens("tiem chung"), k=5)]  # no diacritics
['c2']
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ingest.segment import TOKENIZER_VERSION

__all__ = ["LexicalIndex"]

FORMAT_VERSION = 1
_MANIFEST = "manifest.json"
_IDS = "ids.json"
_BM25_DIR = "bm25s"


class LexicalIndex:
    """A BM25 index whose documents are named by string ids (chunk ids)."""

    def __init__(self, *, k1: float = 1.5, b: float = 0.75, method: str = "lucene") -> None:
        if k1 < 0 or not 0.0 <= b <= 1.0:
            raise ValueError(f"BM25 needs k1 >= 0 and 0 <= b <= 1, got k1={k1}, b={b}")
        self.k1 = k1
        self.b = b
        self.method = method
        self._ids: list[str] = []
        self._bm25: Any = None  # bm25s.BM25, or None while the corpus is empty

    def __len__(self) -> int:
        return len(self._ids)

    @property
    def ids(self) -> list[str]:
        """Document ids in index order (a copy)."""
        return list(self._ids)

    def build(self, ids: Sequence[str], token_lists: Sequence[Sequence[str]]) -> None:
        """Index `token_lists[i]` under `ids[i]`, replacing whatever was indexed before."""
        if len(ids) != len(token_lists):
            raise ValueError(f"got {len(ids)} ids but {len(token_lists)} token lists")
        if len(set(ids)) != len(ids):
            raise ValueError("document ids must be unique")
        self._ids = list(ids)
        if not any(token_lists):
            # bm25s cannot index a corpus without a single token (no documents, or only documents
            # of punctuation); nothing can match such a corpus, so search answers [] instead.
            self._bm25 = None
            return
        import bm25s

        bm25 = bm25s.BM25(k1=self.k1, b=self.b, method=self.method)
        bm25.index([list(tokens) for tokens in token_lists], show_progress=False)
        self._bm25 = bm25

    def search(self, query_tokens: Sequence[str], k: int) -> list[tuple[str, float]]:
        """The best `k` documents as (id, score), best first; only documents with a positive score.

        Tokens the corpus never saw are ignored; a query with none left returns [].
        Ties are broken by index order, so results are deterministic.
        """
        if k <= 0 or self._bm25 is None:
            return []
        vocab: dict[str, int] = self._bm25.vocab_dict
        # "" is bm25s's placeholder token for empty documents; it must not match anything.
        token_ids = [vocab[t] for t in query_tokens if t and t in vocab]
        if not token_ids:
            return []
        scores = np.asarray(self._bm25.get_scores_from_ids(token_ids), dtype=np.float64)
        positive = np.flatnonzero(scores > 0)
        if positive.size == 0:
            return []
        # Stable sort on the negated scores keeps index order among equal scores.
        order = positive[np.argsort(-scores[positive], kind="stable")][:k]
        return [(self._ids[i], float(scores[i])) for i in order]

    def save(self, directory: Path) -> None:
        """Write the index to `directory` (created if needed): bm25s arrays, ids and a manifest."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        if self._bm25 is not None:
            self._bm25.save(str(directory / _BM25_DIR), show_progress=False)
        elif (directory / _BM25_DIR).exists():
            shutil.rmtree(directory / _BM25_DIR)  # arrays of an earlier corpus must not be loaded
        (directory / _IDS).write_text(json.dumps(self._ids, ensure_ascii=False), encoding="utf-8")
        manifest = {
            "format_version": FORMAT_VERSION,
            "tokenizer_version": TOKENIZER_VERSION,
            "count": len(self._ids),
            "k1": self.k1,
            "b": self.b,
            "method": self.method,
        }
        # The manifest is written last: a directory without one is an interrupted save.
        (directory / _MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")

    @classmethod
    def load(cls, directory: Path, mmap: bool = False) -> LexicalIndex:
        """Load an index written by `save`; `mmap=True` memory-maps the score arrays.

        Refuses, with a ValueError saying to rebuild, an index written by a different format or
        tokenizer version, since its tokens would no longer match the queries'.
        """
        directory = Path(directory)
        manifest_path = directory / _MANIFEST
        if not manifest_path.exists():
            raise FileNotFoundError(f"no lexical index at {directory} (missing {_MANIFEST}); build it first")
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        for key, expected in (("format_version", FORMAT_VERSION), ("tokenizer_version", TOKENIZER_VERSION)):
            if manifest.get(key) != expected:
                raise ValueError(
                    f"lexical index at {directory} has {key} {manifest.get(key)!r}, this planqa expects "
                    f"{expected}; rebuild the index from the documents"
                )
        index = cls(k1=manifest["k1"], b=manifest["b"], method=manifest["method"])
        index._ids = json.loads((directory / _IDS).read_text(encoding="utf-8"))
        if len(index._ids) != manifest["count"]:
            raise ValueError(
                f"lexical index at {directory} is inconsistent: manifest says {manifest['count']} "
                f"documents, {_IDS} has {len(index._ids)}; rebuild the index"
            )
        if index._ids and (directory / _BM25_DIR).exists():  # absent when no document had a token
            import bm25s

            index._bm25 = bm25s.BM25.load(str(directory / _BM25_DIR), mmap=mmap, show_progress=False)
        return index
