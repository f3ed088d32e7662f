"""The embedded profile: the three stores under one directory, filters on metadata resolved through
the fact store. Zero configuration: a directory is all it needs.

    <root>/facts.sqlite     documents, chunks, facts (SqliteFactStore)
    <root>/lexical.sqlite   FTS5 passages (SqliteLexicalStore)
    <root>/vectors/         FAISS index, segments and their SQLite map (FaissVectorStore)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from index.stores.faiss_store import FaissVectorStore
from index.stores.sqlite_facts import SqliteFactStore
from index.stores.sqlite_lexical import SqliteLexicalStore

__all__ = ["EmbeddedStores", "open_embedded"]


@dataclass
class EmbeddedStores:
    root: Path
    facts: SqliteFactStore
    lexical: SqliteLexicalStore
    vectors: FaissVectorStore

    def close(self) -> None:
        self.vectors.close()
        self.lexical.close()
        self.facts.close()


def open_embedded(root: Path | str, dimension: int, *, ivf_threshold: int = 100_000, nprobe: int = 32,
                  auto_compact: bool = True) -> EmbeddedStores:
    """Open (creating when absent) the embedded stores under `root` for `dimension`-d vectors."""
    base = Path(root)
    base.mkdir(parents=True, exist_ok=True)
    facts = SqliteFactStore(base / "facts.sqlite")
    lexical = SqliteLexicalStore(base / "lexical.sqlite", resolve=facts.doc_ids)
    vectors = FaissVectorStore(base / "vectors", dimension, resolve=facts.doc_ids, ivf_threshold=ivf_threshold,
                               nprobe=nprobe, auto_compact=auto_compact)
    return EmbeddedStores(root=base, facts=facts, lexical=lexical, vectors=vectors)
