"""The API's document library over the stores (PLANQA_STORAGE=stores): uploads and removals commit one
document each, as `StoreLibrary` does, instead of rebuilding a generation inside the request.

Same contract as `index.library.Library.ingest_upload`: the uploaded bytes become the stored file
only once their document has committed; a file that cannot be read changes nothing.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from index.library import IngestReport
from index.store_library import StoreLibrary, _load_and_parse
from ingest.normalize import fold_ascii

__all__ = ["StoreDocumentLibrary", "find_documents"]

STAGING_PREFIX = ".staging-"


def find_documents(lib: StoreLibrary, ref: str) -> list[str]:
    """The stored documents `ref` names: a doc id, a file name or a document number (as `planqa remove`)."""
    wanted = fold_ascii(ref).strip().lower()
    return [d.doc_id for d in lib.stores.facts.documents()
            if ref == d.doc_id or wanted in (fold_ascii(d.source).lower(),
                                             fold_ascii(str(d.meta.get("number") or "")).lower())]


class StoreDocumentLibrary:
    """`api.service.DocumentLibrary` over a `StoreLibrary`."""

    def __init__(self, lib: StoreLibrary) -> None:
        self.lib = lib

    def ingest_paths(self, paths: list[Path], *, on_page: Callable[[Any], None] | None = None,
                     on_stage: Callable[[str, str], None] | None = None) -> IngestReport:
        return self.lib.ingest_paths(paths, progress=(lambda name: on_stage(name, "parsing")) if on_stage else None)

    def ingest_upload(self, data: bytes, target: Path, *, on_page: Callable[[Any], None] | None = None,
                      on_stage: Callable[[str, str], None] | None = None) -> IngestReport:
        report = IngestReport()
        staged = target.parent / f"{STAGING_PREFIX}{os.getpid()}-{uuid.uuid4().hex[:8]}" / target.name
        staged.parent.mkdir(parents=True)
        try:
            staged.write_bytes(data)
            if on_stage:
                on_stage(target.name, "parsing")
            result = _load_and_parse(staged, self.lib.limits, None)
            if isinstance(result, tuple):
                report.failed.append((target.name, result[1]))
                return report
            doc = result
            doc.path = str(target.resolve())
            doc.source = target.name
            previous = self.lib._paths().get(doc.path)
            stored = {d.doc_id: d.content_hash for d in self.lib.stores.facts.documents()}
            if previous is not None and stored.get(previous) == doc.content_hash:
                report.skipped.append(target.name)
                return report
            if on_stage:
                on_stage(target.name, "embedding")
            self.lib.add(doc)  # the commit: only now do the bytes replace the stored file
            os.replace(staged, target)
            if previous is not None and previous != doc.doc_id:
                self.lib.remove(previous)
                report.replaced.append(doc.doc_id)
            else:
                report.added.append(doc.doc_id)
            return report
        finally:
            shutil.rmtree(staged.parent, ignore_errors=True)

    def recover(self, wait: bool = True) -> Sequence[str]:
        return self.lib.recover()

    def remove(self, ref: str) -> Sequence[str]:
        return [doc_id for doc_id in find_documents(self.lib, ref) if self.lib.remove(doc_id)]
