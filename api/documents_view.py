"""A document's full text and page images for the viewer, read from the live index generation.

The text is the one citations point into (their char_start/char_end are offsets in it), so a viewer
can highlight a quote exactly. Page images of PDFs and scans are rendered on demand with PyMuPDF
from the stored original file and cached on disk by content hash, page and zoom.
"""

from __future__ import annotations

import math
import re
import shutil
import threading
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from typing import Any

from api.errors import ApiError
from core.files import write_atomic
from index import facts_db
from index.library import current_generation, read_only_connection
from ingest.normalize import fold_ascii

_WORD = re.compile(r"\w+")

# Formats whose pages PyMuPDF can render (PDF, and image scans read by OCR).
PAGED_FORMATS = frozenset({"pdf", "png", "jpg", "jpeg", "tif", "tiff", "bmp", "gif", "webp"})
ZOOMS = (1.0, 1.5, 2.0)


@dataclass(frozen=True)
class StoredDocument:
    doc_id: str
    source: str
    path: str
    fmt: str
    content_hash: str
    meta: dict[str, Any]
    text: str
    pages: list[tuple[int, int, int]]  # (start, end, page) in `text`

    @property
    def renderable(self) -> bool:
        return self.fmt.lower() in PAGED_FORMATS and Path(self.path).is_file()

    def to_dict(self) -> dict[str, Any]:
        m = self.meta
        return {
            "doc_id": self.doc_id, "source": self.source, "format": self.fmt, "title": m.get("title"),
            "doc_number": m.get("number"), "doc_type": m.get("doc_type"), "date": m.get("date"),
            "place": m.get("place"), "issuer": m.get("issuer"), "text": self.text,
            "pages": [{"page": p, "start": s, "end": e} for s, e, p in self.pages],
            "page_images": self.renderable,
        }


def unknown(doc_id: str) -> ApiError:
    return ApiError(HTTPStatus.NOT_FOUND, "unknown_document", f"No document has the id {doc_id!r}.")


class DocumentStore:
    """Reads documents of the live generation; one render at a time (PyMuPDF is CPU-bound)."""

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = Path(index_dir)
        self._render_lock = threading.Lock()
        self._words: tuple[Path | None, dict[str, tuple[dict[str, Any], set[str], list[int]]]] = (None, {})

    def _vocabulary(self) -> dict[str, tuple[dict[str, Any], set[str], list[int]]]:
        """Per document of the live generation: its meta, its folded words, its indicator numbers."""
        gen = current_generation(self.index_dir)
        if gen is None:
            return {}
        cached_gen, cached = self._words
        if cached_gen == gen:
            return cached
        conn = read_only_connection(gen)
        try:
            docs = facts_db.rows(conn, "SELECT doc_id, source, meta, text FROM documents")
            numbers: dict[str, list[int]] = {}
            for row in facts_db.rows(conn, "SELECT doc_id, number FROM indicators WHERE number IS NOT NULL "
                                     "ORDER BY doc_id, ordinal"):
                numbers.setdefault(row["doc_id"], []).append(int(row["number"]))
        finally:
            conn.close()
        vocabulary = {}
        for d in docs:
            meta = {**(d["meta"] or {}), "source": d["source"], "doc_id": d["doc_id"]}
            vocabulary[d["doc_id"]] = (meta, set(_WORD.findall(fold_ascii(d["text"]))), numbers.get(d["doc_id"], []))
        self._words = (gen, vocabulary)
        return vocabulary

    def suggest(self, question: str, limit: int = 3) -> dict[str, Any]:
        """The documents closest to `question` (its rarer words weigh more) and questions they answer."""
        vocabulary = self._vocabulary()
        words = set(_WORD.findall(fold_ascii(question)))
        n = len(vocabulary)
        df = {w: sum(1 for _, found, _ in vocabulary.values() if w in found) for w in words}
        scored = []
        for doc_id, (meta, found, _) in vocabulary.items():
            score = sum(math.log((n + 1) / (df[w] + 0.5)) for w in words if w in found and df[w] < n)
            scored.append((score, meta.get("source", ""), doc_id))
        scored.sort(key=lambda x: (-x[0], x[1]))
        documents, questions = [], []
        for score, _, doc_id in scored[:limit]:
            meta, _, numbers = vocabulary[doc_id]
            documents.append({"doc_id": doc_id, "doc_number": meta.get("number"), "place": meta.get("place"),
                              "title": meta.get("title"), "doc_type": meta.get("doc_type"),
                              "source": meta.get("source"), "score": round(score, 3)})
            name = f"{meta.get('doc_type') or 'Văn bản'} {meta['number']}" if meta.get("number") else "Văn bản này"
            if numbers:
                questions.append({"doc_id": doc_id, "question": f"{name} có bao nhiêu chỉ tiêu?"})
                questions.append({"doc_id": doc_id,
                                  "question": f"Chỉ tiêu {numbers[0]} của {meta.get('number') or 'văn bản này'} "
                                              "do cơ quan nào chủ trì?"})
            else:
                questions.append({"doc_id": doc_id, "question": f"{name} do cơ quan nào ban hành?"})
        return {"documents": documents, "questions": questions[: limit * 2]}

    def get(self, doc_id: str) -> StoredDocument:
        gen = current_generation(self.index_dir)
        if gen is None:
            raise unknown(doc_id)
        conn = read_only_connection(gen)
        try:
            found = facts_db.rows(
                conn, "SELECT doc_id, source, path, fmt, content_hash, meta, text, pages FROM documents "
                "WHERE doc_id = ?", doc_id)
        finally:
            conn.close()
        if not found:
            raise unknown(doc_id)
        d = found[0]
        pages = [(int(s), int(e), int(p)) for s, e, p in (d.get("pages") or [])]
        return StoredDocument(d["doc_id"], d["source"], d["path"], d["fmt"], d["content_hash"],
                              d["meta"] or {}, d["text"], pages)

    def prune(self) -> int:
        """Remove cached page images of documents no longer in the index; returns how many folders went."""
        cache = self.index_dir / "page-cache"
        gen = current_generation(self.index_dir)
        if gen is None or not cache.is_dir():
            return 0
        conn = read_only_connection(gen)
        try:
            live = {str(r["content_hash"])[:32] for r in facts_db.rows(conn, "SELECT content_hash FROM documents")}
        finally:
            conn.close()
        gone = [d for d in cache.iterdir() if d.is_dir() and d.name not in live]
        for folder in gone:
            shutil.rmtree(folder, ignore_errors=True)
        return len(gone)

    def page_image(self, doc_id: str, page: int, zoom: float = 1.5) -> bytes:
        """PNG of page `page` (1-based), rendered once and then served from the cache."""
        doc = self.get(doc_id)
        if not doc.renderable:
            raise ApiError(HTTPStatus.NOT_FOUND, "no_page_images",
                           f"{doc.source} has no page images (only PDFs and scans do).")
        zoom = min(ZOOMS, key=lambda z: abs(z - zoom))
        cache = self.index_dir / "page-cache" / doc.content_hash[:32] / f"{page}@{zoom}.png"
        if cache.is_file():
            return cache.read_bytes()
        import pymupdf  # imported here: only page images need it

        with self._render_lock:
            try:
                with pymupdf.open(doc.path) as pdf:
                    if not 1 <= page <= pdf.page_count:
                        raise ApiError(HTTPStatus.NOT_FOUND, "unknown_page",
                                       f"{doc.source} has {pdf.page_count} page(s); there is no page {page}.")
                    png: bytes = pdf[page - 1].get_pixmap(matrix=pymupdf.Matrix(zoom, zoom)).tobytes("png")
            except ApiError:
                raise
            except Exception as exc:  # a damaged file: one clear line, the service goes on
                raise ApiError(HTTPStatus.UNPROCESSABLE_ENTITY, "render_failed",
                               f"Page {page} of {doc.source} could not be rendered ({type(exc).__name__}).") from exc
            cache.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(cache, png)
        return png
