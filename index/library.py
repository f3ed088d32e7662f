"""The index on disk: a fact store, a FAISS index and a BM25 index, with a manifest.

Layout of an index directory::

    CURRENT              name of the live generation (replaced atomically)
    gen-000007/          manifest.json, facts.sqlite, vectors/, lexical/, sentences/ (answer units)
    embed_cache.sqlite   vectors by (model, text hash), so unchanged text is never re-embedded
    .lock                serializes writers

A writer builds the next generation in a temporary folder and only then points CURRENT at it, so
a process killed mid-ingest leaves the previous index readable and correct. What such a process
leaves behind (its `.gen-NNNNNN.tmp-PID` folder, a generation folder CURRENT never pointed at, an
uploaded file staged in `uploads/.staging-PID-*`) is cleaned up by `recover`, which runs when a
library is opened and before every ingest.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import re
import shutil
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from core.files import write_atomic
from index import facts_db
from index.config import IndexConfig
from index.embed_cache import EmbeddingCache, embed_with_cache
from index.embeddings import PlanqaEmbeddings, make_embeddings
from index.errors import IndexMismatch, IndexMissing
from index.lexical import LexicalIndex
from index.sentences import SentenceIndex
from index.vectors import VectorIndex
from ingest.errors import IngestError
from ingest.loaders import SUPPORTED_EXTENSIONS, LoadLimits, ProgressCallback, load_document
from ingest.model import Chunk, PlanDocument
from ingest.normalize import NORMALIZER_VERSION
from ingest.ocr import OcrSettings
from ingest.parse import parse_document

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
UPLOADS = "uploads"  # where the API stores uploaded files, inside the index directory
STAGING_PREFIX = ".staging-"  # uploads/.staging-<pid>-<n>/<name>: an upload not yet committed
_TMP_GENERATION = re.compile(r"^\.gen-\d+\.tmp-(\d+)$")
_GENERATION = re.compile(r"^gen-(\d+)$")
_STAGING = re.compile(r"^\.staging-(\d+)-")

log = logging.getLogger("planqa.index")


def passage_text(chunk: Chunk, place: str | None, title: str | None) -> str:
    """What the embedding model sees for a chunk: where it is from, then the text."""
    head = " · ".join(x for x in (place, title, chunk.section) if x)
    return f"{head}\n{chunk.text}"[:2000]


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)  # doc ids
    replaced: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # file names unchanged since last ingest
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file name, reason)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (file name, one line): ingested, but check
    ocr_pages: int = 0  # pages read by OCR in this run
    ocr_seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def ok(self) -> list[str]:
        return self.added + self.replaced


def expand_paths(paths: Iterable[Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    files: list[Path] = []
    missing: list[tuple[str, str]] = []
    for p in paths:
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED_EXTENSIONS
                                and not f.name.startswith(".") and f.name.lower() != "readme.md"))
        elif p.exists():
            files.append(p)
        else:
            missing.append((p.name, "file not found"))
    return files, missing


class Library:
    """Writes to an index directory. Readers use `IndexSnapshot.open`."""

    def __init__(self, root: Path, config: IndexConfig, embeddings: PlanqaEmbeddings | None = None) -> None:
        self.root = Path(root)
        self.config = config
        self._embeddings = embeddings

    @classmethod
    def create_or_open(cls, root: Path, config: IndexConfig | None = None,
                       embeddings: PlanqaEmbeddings | None = None) -> Library:
        lib = cls(Path(root), config or IndexConfig(), embeddings)
        lib.root.mkdir(parents=True, exist_ok=True)
        current = current_generation(lib.root)
        if current is not None:
            check_manifest(read_manifest(current), lib.config, lib.root)
        lib.recover(wait=False)
        return lib

    @property
    def embeddings(self) -> PlanqaEmbeddings:
        if self._embeddings is None:
            self._embeddings = make_embeddings(self.config.embedding_model,
                                               segment_input=self.config.segment_input)
        return self._embeddings

    @contextmanager
    def _locked(self, wait: bool = True) -> Iterator[bool]:
        """Hold the writer lock; with wait=False, yields False at once when another writer has it."""
        with open(self.root / ".lock", "a+") as fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                yield False
                return
            try:
                yield True
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def recover(self, wait: bool = True) -> list[str]:
        """Clean up what killed writers left; returns the names removed or restored.

        Skipped (returns []) when wait=False and another writer holds the lock, and on an index
        this process may not write (a read-only mount has nothing it could clean anyway)."""
        if not os.access(self.root, os.W_OK):
            return []
        with self._locked(wait) as locked:
            return self._recover_locked() if locked else []

    def _recover_locked(self) -> list[str]:
        """With the lock held: no writer is running, so no temporary generation has a live owner."""
        done: list[str] = []
        current = current_generation(self.root)
        current_number = int(current.name.split("-")[1]) if current else 0
        for entry in sorted(self.root.iterdir()):
            gen = _GENERATION.match(entry.name)
            uncommitted = gen is not None and int(gen.group(1)) > current_number  # CURRENT never named it
            if entry.is_dir() and (_TMP_GENERATION.match(entry.name) or uncommitted):
                shutil.rmtree(entry, ignore_errors=True)
                done.append(entry.name)
        uploads = self.root / UPLOADS
        if uploads.is_dir():
            indexed = {d["path"]: d["content_hash"] for d in self._existing_documents()}
            for entry in sorted(uploads.iterdir()):
                staging = _STAGING.match(entry.name)
                if staging and entry.is_dir() and not _pid_alive(int(staging.group(1))):
                    for staged in entry.iterdir():
                        if self._settle_upload(staged, uploads / staged.name, indexed):
                            done.append(f"{UPLOADS}/{staged.name}")
                    shutil.rmtree(entry, ignore_errors=True)
                    done.append(f"{UPLOADS}/{entry.name}")
                elif entry.name.endswith(".previous") and entry.is_file():  # left by older versions
                    target = entry.with_name(entry.name.removesuffix(".previous"))
                    if indexed.get(str(target.resolve())) == _sha256(entry):
                        entry.replace(target)  # the index still serves the previous version
                    else:
                        entry.unlink()
                    done.append(f"{UPLOADS}/{entry.name}")
        if done:
            log.warning("cleaned up after an interrupted ingest or upload",
                        extra={"event": "index_recovered", "index": str(self.root), "removed": done})
        return done

    @staticmethod
    def _settle_upload(staged: Path, target: Path, indexed: dict[str, str]) -> bool:
        """Make a staged upload the stored file if the index holds exactly it; else drop it.
        True when it became the stored file."""
        if staged.is_file() and indexed.get(str(target.resolve())) == _sha256(staged):
            staged.replace(target)
            return True
        staged.unlink(missing_ok=True)
        return False

    def ingest_upload(self, data: bytes, target: Path, *, on_page: ProgressCallback | None = None,
                      on_stage: Callable[[str, str], None] | None = None) -> IngestReport:
        """Ingest uploaded bytes as the document stored at `target`.

        The bytes are staged in `<target dir>/.staging-<pid>-<n>/` and replace `target` only once the
        generation holding them has committed (or when the index already holds exactly these bytes
        at `target`); otherwise they are dropped and `target`, if any, stays what the index serves."""
        staged = target.parent / f"{STAGING_PREFIX}{os.getpid()}-{uuid.uuid4().hex[:8]}" / target.name
        staged.parent.mkdir(parents=True)
        try:
            staged.write_bytes(data)
            with self._locked():
                self._recover_locked()
                report = self._ingest_locked([staged], on_page=on_page, stored_as={staged: target},
                                             on_stage=on_stage)
                indexed = {d["path"]: d["content_hash"] for d in self._existing_documents()}
                self._settle_upload(staged, target, indexed)
        finally:
            shutil.rmtree(staged.parent, ignore_errors=True)
        report.counts = self.counts()
        return report

    def ingest_paths(self, paths: Sequence[Path], progress: Callable[[str], None] | None = None,
                     on_page: ProgressCallback | None = None, ocr: OcrSettings | None = None,
                     on_stage: Callable[[str, str], None] | None = None,
                     on_embed: Callable[[int, int], None] | None = None) -> IngestReport:
        """Add or replace the documents at `paths` in one new generation. `progress` gets each file
        name as it starts, `on_page` each page read slowly (OCR), `on_stage` (file name, stage) as a
        file is "parsing" and ("", "embedding") / ("", "saving") while the index is built, `on_embed`
        (done, total) as new passages are embedded. A file
        that fails (OCR crash or timeout included) is reported and left out; the others are committed."""
        started = time.perf_counter()
        with self._locked():
            self._recover_locked()
            report = self._ingest_locked([Path(p) for p in paths], progress, on_page, ocr,
                                         on_stage=on_stage, on_embed=on_embed)
        report.counts = self.counts()
        report.seconds = time.perf_counter() - started
        return report

    def _ingest_locked(self, paths: list[Path], progress: Callable[[str], None] | None = None,
                       on_page: ProgressCallback | None = None, ocr: OcrSettings | None = None,
                       stored_as: dict[Path, Path] | None = None,
                       on_stage: Callable[[str, str], None] | None = None,
                       on_embed: Callable[[int, int], None] | None = None) -> IngestReport:
        """ingest_paths with the lock held; `stored_as` records a file as if it were at another path."""
        stage = on_stage or (lambda name, what: None)
        limits = LoadLimits(max_bytes=self.config.max_file_bytes)
        ocr = ocr or self.config.ocr
        report = IngestReport()
        files, missing = expand_paths(paths)
        report.failed.extend(missing)
        existing = self._existing_documents()
        by_hash = {d["content_hash"]: d for d in existing}
        by_path = {d["path"]: d for d in existing}
        docs: list[PlanDocument] = []
        removed: list[str] = []
        for f in files:
            if progress:
                progress(f.name)
            try:
                raw = load_document(f, limits=limits, ocr=ocr, progress=on_page)
            except IngestError as exc:
                report.failed.append((exc.source, exc.reason))
                continue
            report.ocr_pages += len(raw.ocr_pages)
            report.ocr_seconds += sum(r.seconds for r in raw.ocr_pages)
            if raw.content_hash in by_hash:
                report.skipped.append(f.name)
                continue
            stage(f.name, "parsing")
            try:
                doc = parse_document(raw)
            except Exception as exc:  # a parser bug must not lose the rest of the batch
                report.failed.append((f.name, f"could not be parsed ({type(exc).__name__}: {exc})"))
                continue
            if not any(chunk.tokens.split() for chunk in doc.chunks):
                # Only punctuation or symbols: nothing a question could ever match.
                report.failed.append((f.name, "no text to index"))
                continue
            doc.path = str((stored_as or {}).get(f, f).resolve())
            report.warnings.extend((raw.source, w) for w in raw.warnings)
            previous = by_path.get(doc.path)
            if previous is not None:
                removed.append(previous["doc_id"])
                report.replaced.append(doc.doc_id)
            else:
                report.added.append(doc.doc_id)
            docs.append(doc)
        if docs or removed:
            self._commit(docs, removed, stage, on_embed)
        return report

    def remove(self, ref: str) -> list[str]:
        """Remove documents by id, file name or document number; returns the removed ids."""
        with self._locked():
            matches = [d["doc_id"] for d in self._existing_documents()
                       if ref in (d["doc_id"], d["source"], (d["meta"] or {}).get("number"))]
            if matches:
                self._commit([], matches)
        return matches

    def counts(self) -> dict[str, int]:
        gen = current_generation(self.root)
        return dict(read_manifest(gen).get("counts", {})) if gen else {}

    def _existing_documents(self) -> list[dict[str, Any]]:
        gen = current_generation(self.root)
        if gen is None:
            return []
        conn = facts_db.connect(gen / "facts.sqlite")
        try:
            return facts_db.rows(conn, "SELECT doc_id, source, path, content_hash, meta FROM documents")
        finally:
            conn.close()

    def _commit(self, docs: list[PlanDocument], removed: list[str],
                stage: Callable[[str, str], None] | None = None,
                on_embed: Callable[[int, int], None] | None = None) -> None:
        current = current_generation(self.root)
        number = (int(current.name.split("-")[1]) + 1) if current else 1
        tmp = self.root / f".gen-{number:06d}.tmp-{os.getpid()}"
        if tmp.exists():
            shutil.rmtree(tmp)
        tmp.mkdir()
        try:
            if current is not None:
                shutil.copy2(current / "facts.sqlite", tmp / "facts.sqlite")
            conn = facts_db.connect(tmp / "facts.sqlite")
            now = datetime.now(UTC).isoformat(timespec="seconds")
            with conn:
                for doc_id in removed:
                    facts_db.delete_document(conn, doc_id)
                for doc in docs:
                    facts_db.insert_document(conn, doc, now)
            if stage:
                stage("", "embedding")
            counts = self._build_search_indexes(conn, tmp, on_embed)
            if stage:
                stage("", "saving")
            conn.close()
            manifest = {
                "format_version": FORMAT_VERSION,
                "schema_version": facts_db.SCHEMA_VERSION,
                "normalizer_version": NORMALIZER_VERSION,
                "embedding_model": self.embeddings.model_id,
                "embedding_setting": self.config.embedding_model,
                "segment_input": self.config.segment_input,
                "dimension": self.embeddings.dimension,
                "generation": number,
                "created_at": now,
                "counts": counts,
            }
            write_atomic(tmp / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2))
            final = self.root / f"gen-{number:06d}"
            os.replace(tmp, final)
            write_atomic(self.root / "CURRENT", final.name)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        for old in self.root.glob("gen-*"):
            if old.name != final.name and old.name != (current.name if current else None):
                shutil.rmtree(old, ignore_errors=True)  # keep the live and the previous generation

    def _build_search_indexes(self, conn: sqlite3.Connection, target: Path,
                              on_embed: Callable[[int, int], None] | None = None) -> dict[str, int]:
        chunks = facts_db.all_chunks(conn)
        docs = {d["doc_id"]: d["meta"] for d in facts_db.rows(conn, "SELECT doc_id, meta FROM documents")}
        texts = [passage_text(c, docs[c.doc_id].get("place"), docs[c.doc_id].get("title")) for c in chunks]
        cache = EmbeddingCache(self.root / "embed_cache.sqlite")
        try:
            vectors = embed_with_cache(self.embeddings, texts, cache, progress=on_embed)
            # The answer units of every chunk, embedded now so the reader never embeds at question time.
            doc_texts = {d["doc_id"]: d["text"] for d in facts_db.rows(conn, "SELECT doc_id, text FROM documents")}
            units = SentenceIndex.build(chunks, doc_texts, lambda t: embed_with_cache(self.embeddings, t, cache),
                                        self.embeddings.model_id)
        finally:
            cache.close()
        units.save(target / "sentences")
        vindex = VectorIndex(self.embeddings.dimension)
        vindex.build([c.id for c in chunks], vectors)
        vindex.save(target / "vectors")
        lindex = LexicalIndex()
        lindex.build([c.id for c in chunks], [c.tokens.split() for c in chunks])
        lindex.save(target / "lexical")

        def count(table: str) -> int:
            return int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

        return {**{t: count(t) for t in ("documents", "chunks", "indicators", "assignments", "duties")},
                "sentences": len(units)}


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, owned by someone else
        return True
    return True


def current_generation(root: Path) -> Path | None:
    pointer = Path(root) / "CURRENT"
    if not pointer.exists():
        return None
    gen = Path(root) / pointer.read_text(encoding="utf-8").strip()
    return gen if (gen / MANIFEST).exists() else None


def read_manifest(gen: Path | None) -> dict[str, Any]:
    if gen is None:
        return {}
    return dict(json.loads((gen / MANIFEST).read_text(encoding="utf-8")))


def check_manifest(manifest: dict[str, Any], config: IndexConfig, root: Path) -> None:
    """Refuse an index this version cannot read or that was built with another model."""
    if manifest.get("format_version") != FORMAT_VERSION or manifest.get("schema_version") != facts_db.SCHEMA_VERSION:
        raise IndexMismatch(
            f"index at {root} has format {manifest.get('format_version')} (this planqa reads {FORMAT_VERSION}); "
            f"rebuild it: delete {root} and run `planqa ingest PATH... --index {root}`"
        )
    if manifest.get("normalizer_version") != NORMALIZER_VERSION:
        raise IndexMismatch(
            f"index at {root} was built with text normalizer v{manifest.get('normalizer_version')}; rebuild it: "
            f"delete {root} and run `planqa ingest PATH... --index {root}`"
        )
    built_with = manifest.get("embedding_setting")
    if built_with != config.embedding_model or bool(manifest.get("segment_input")) != config.segment_input:
        raise IndexMismatch(
            f"index at {root} was built with embedding model {manifest.get('embedding_model')!r}, but "
            f"{config.embedding_model!r} is configured; set PLANQA_EMBEDDING_MODEL={built_with} or rebuild: "
            f"`planqa ingest PATH... --index NEW_DIR`"
        )


def open_generation(root: Path, config: IndexConfig) -> tuple[Path, dict[str, Any]]:
    root = Path(root)
    if not root.exists():
        raise IndexMissing(f"no index at {root}; create one with `planqa ingest PATH... --index {root}`")
    gen = current_generation(root)
    if gen is None:
        raise IndexMissing(f"{root} holds no planqa index; create one with `planqa ingest PATH... --index {root}`")
    manifest = read_manifest(gen)
    check_manifest(manifest, config, root)
    return gen, manifest


def read_only_connection(gen: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"file:{gen / 'facts.sqlite'}?mode=ro", uri=True, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    return conn
