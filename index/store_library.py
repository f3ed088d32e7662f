"""Ingest into the storage Protocols one document at a time: the incremental path the pipeline can
switch to (from `index.library.Library`, which rebuilds a whole generation per change).

Each document is committed on its own, in three steps with the fact store last: vectors, lexical
passages, then the document and its facts. The fact store is the commit point (a document exists
when `FactStore.documents()` lists it; hits on passages of a document it does not list are
dropped by readers), and `recover()` removes from the other two stores what a writer killed
between the steps left there. Removal runs in the opposite order (facts first).

Files are loaded and parsed in parallel processes (`workers`), and each parsed document is
committed as soon as it is ready, so a large batch is committed in steps and a crash loses only
the document in flight.
"""

from __future__ import annotations

import fcntl
import logging
import multiprocessing
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index.embed_cache import EmbeddingCache, embed_with_cache
from index.embeddings import PlanqaEmbeddings
from index.library import IngestReport, expand_paths, passage_text
from index.stores.base import DocFilter, FactStore, LexicalStore, StoredPassage, VectorStore
from index.stores.embedded import EmbeddedStores, open_embedded
from ingest.errors import IngestError
from ingest.loaders import LoadLimits, load_document
from ingest.model import PlanDocument
from ingest.ocr import OcrSettings
from ingest.parse import parse_document

__all__ = ["StoreLibrary", "StoreSet"]

log = logging.getLogger("planqa.index")


@dataclass
class StoreSet:
    """The three stores a library writes to (any profile)."""

    facts: FactStore
    lexical: LexicalStore
    vectors: VectorStore


def _load_and_parse(path: Path, limits: LoadLimits, ocr: OcrSettings | None) -> PlanDocument | tuple[str, str]:
    """In a worker process: the parsed document, or (file name, reason) when it cannot be read."""
    try:
        raw = load_document(path, limits=limits, ocr=ocr)
    except IngestError as exc:
        return exc.source, exc.reason
    try:
        doc = parse_document(raw)
    except Exception as exc:  # a parser bug must not lose the rest of the batch
        return path.name, f"could not be parsed ({type(exc).__name__}: {exc})"
    if not any(chunk.tokens.split() for chunk in doc.chunks):
        return path.name, "no text to index"
    doc.path = str(path.resolve())
    return doc


class StoreLibrary:
    """Adds and removes documents in a `StoreSet`, each change costing that document only."""

    def __init__(self, stores: StoreSet | EmbeddedStores, embeddings: PlanqaEmbeddings, *,
                 cache: EmbeddingCache | None = None, lock_path: Path | None = None,
                 max_file_bytes: int = 50 * 1024 * 1024) -> None:
        self.stores = StoreSet(stores.facts, stores.lexical, stores.vectors)
        self.embeddings = embeddings
        self.cache = cache
        self.lock_path = lock_path
        self.limits = LoadLimits(max_bytes=max_file_bytes)

    @classmethod
    def open_embedded(cls, root: Path, embeddings: PlanqaEmbeddings, **kwargs: object) -> StoreLibrary:
        """The embedded profile under `root` (stores, embedding cache and writer lock side by side)."""
        stores = open_embedded(root, embeddings.dimension, **kwargs)  # type: ignore[arg-type]
        lib = cls(stores, embeddings, cache=EmbeddingCache(Path(root) / "embed_cache.sqlite"),
                  lock_path=Path(root) / ".lock")
        lib.recover()
        return lib

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """One writer at a time across processes (readers never wait)."""
        if self.lock_path is None:
            yield
            return
        with open(self.lock_path, "a+") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    # ---------------------------------------------------------------- one document

    def _embed(self, doc: PlanDocument) -> np.ndarray:
        texts = [passage_text(c, doc.meta.place, doc.meta.title) for c in doc.chunks]
        if self.cache is not None:
            return embed_with_cache(self.embeddings, texts, self.cache)
        return self.embeddings.embed_passages(texts)

    def add(self, doc: PlanDocument) -> None:
        """Store (or replace, same id) one parsed document: vectors, passages, then facts (the commit)."""
        vectors = self._embed(doc)  # before any write: a model failure changes nothing
        with self._locked():
            s = self.stores
            s.vectors.upsert(doc.doc_id, [c.id for c in doc.chunks], vectors)
            s.lexical.upsert(doc.doc_id, [StoredPassage(c.id, c.doc_id, c.tokens) for c in doc.chunks])
            s.facts.upsert_document(doc)

    def remove(self, doc_id: str) -> bool:
        """Remove one document: facts first (it stops existing), then its passages and vectors."""
        with self._locked():
            return self._remove_locked(doc_id)

    def _remove_locked(self, doc_id: str) -> bool:
        found = self.stores.facts.delete_document(doc_id)
        removed_passages = self.stores.lexical.delete_document(doc_id)
        removed_vectors = self.stores.vectors.delete_document(doc_id)
        return found or bool(removed_passages or removed_vectors)

    def recover(self) -> list[str]:
        """Remove from the vector and lexical stores documents the fact store does not hold (a writer
        killed between steps); returns their ids. Needs stores that list their documents."""
        with self._locked():
            known = {d.doc_id for d in self.stores.facts.documents()}
            stray: set[str] = set()
            for store in (self.stores.vectors, self.stores.lexical):
                listed = getattr(store, "doc_ids", None)
                if callable(listed):
                    stray |= set(listed()) - known
            for doc_id in sorted(stray):
                self.stores.lexical.delete_document(doc_id)
                self.stores.vectors.delete_document(doc_id)
        if stray:
            log.warning("removed passages of documents never committed",
                        extra={"event": "store_recovered", "documents": sorted(stray)})
        return sorted(stray)

    # ---------------------------------------------------------------- files

    def ingest_paths(self, paths: Sequence[Path], *, workers: int = 1, ocr: OcrSettings | None = None,
                     progress: Callable[[str], None] | None = None) -> IngestReport:
        """Add or replace the documents at `paths`, parsed in `workers` processes, each committed when ready.

        A file whose bytes are already stored is skipped; a file stored before under the same path
        with other bytes replaces that document (the new one is committed first, then the old removed).
        """
        started = time.perf_counter()
        report = IngestReport()
        files, missing = expand_paths(paths)
        report.failed.extend(missing)
        existing = self.stores.facts.documents()
        hashes = {d.content_hash for d in existing}
        by_path = self._paths()

        def commit(result: PlanDocument | tuple[str, str]) -> None:
            if isinstance(result, tuple):
                report.failed.append(result)
                return
            doc = result
            if doc.content_hash in hashes:
                report.skipped.append(doc.source)
                return
            if progress:
                progress(doc.source)
            self.add(doc)
            hashes.add(doc.content_hash)
            previous = by_path.get(doc.path)
            if previous is not None and previous != doc.doc_id:
                self.remove(previous)
                report.replaced.append(doc.doc_id)
            else:
                report.added.append(doc.doc_id)
            by_path[doc.path] = doc.doc_id

        if workers <= 1 or len(files) <= 1:
            for f in files:
                commit(_load_and_parse(f, self.limits, ocr))
        else:
            # spawn, not fork: the parent may hold OpenMP and SQLite state a forked child must not inherit.
            with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
                for result in pool.map(_load_and_parse, files, [self.limits] * len(files), [ocr] * len(files)):
                    commit(result)
        report.seconds = time.perf_counter() - started
        return report

    def _paths(self) -> dict[str, str]:
        """Stored documents by file path (the fact store keeps each document's path)."""
        reader = getattr(self.stores.facts, "paths", None)
        return dict(reader()) if callable(reader) else {}

    def documents(self, where: DocFilter | None = None) -> list[str]:
        return [d.doc_id for d in self.stores.facts.documents(where)]

    def close(self) -> None:
        if self.cache is not None:
            self.cache.close()
        for store in (self.stores.vectors, self.stores.lexical, self.stores.facts):
            closer = getattr(store, "close", None)
            if callable(closer):
                closer()
