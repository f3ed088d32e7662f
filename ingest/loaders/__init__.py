"""Load a file into a RawDocument: its text blocks in reading order, each page's provenance.

One registry of formats serves `planqa ingest` and the API's upload path alike. What a file is
comes from its bytes (`sniff`); every format has one loader module and the same limits (file size,
unpacked size, pages, image pixels). Nothing is interpreted here (no sections, no repairs): loaders
only get the words out faithfully, by OCR for scanned pages, and turn every way a file can be
unusable into one typed, one-line IngestError naming the file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ingest.errors import EmptyDocument, FileTooLarge, IngestError, UnsupportedFormat
from ingest.loaders.archive import check_zip
from ingest.loaders.base import MB, LoadContext, LoadLimits, PageProgress, ProgressCallback, sizes_text
from ingest.loaders.excel import load_xlsx
from ingest.loaders.image import check_image, load_image
from ingest.loaders.pdf import load_pdf
from ingest.loaders.sniff import sniff
from ingest.loaders.text import load_text
from ingest.loaders.web import load_html
from ingest.loaders.word import load_docx
from ingest.loaders.worddoc import check_word_header, load_doc
from ingest.model import Block, RawDocument
from ingest.ocr import OcrSettings

__all__ = [
    "FORMATS",
    "SUPPORTED_EXTENSIONS",
    "Format",
    "LoadLimits",
    "PageProgress",
    "ProgressCallback",
    "check_bytes",
    "load_bytes",
    "load_document",
    "sniff_format",
]


@dataclass(frozen=True)
class Format:
    name: str  # recorded as RawDocument.fmt
    suffixes: tuple[str, ...]  # the first is the canonical one, given to uploads of this format
    label: str
    load: Callable[[bytes, LoadContext], list[Block]]
    precheck: Callable[[bytes, LoadContext], None] | None = None  # cheap container checks, for uploads


def _zip_check(data: bytes, ctx: LoadContext) -> None:
    check_zip(data, ctx.source, ctx.limits)


def _word_check(data: bytes, ctx: LoadContext) -> None:
    check_word_header(data, ctx.source)


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("txt", (".txt",), "plain text", load_text),
        Format("md", (".md", ".markdown"), "Markdown", load_text),
        Format("html", (".html", ".htm"), "HTML page", load_html),
        Format("docx", (".docx",), "Word document", load_docx, _zip_check),
        Format("doc", (".doc",), "Word 97-2003 document", load_doc, _word_check),
        Format("xlsx", (".xlsx",), "Excel workbook", load_xlsx, _zip_check),
        Format("pdf", (".pdf",), "PDF", load_pdf),
        Format("png", (".png",), "PNG image", load_image, check_image),
        Format("jpeg", (".jpg", ".jpeg"), "JPEG image", load_image, check_image),
        Format("tiff", (".tif", ".tiff"), "TIFF image", load_image, check_image),
    )
}
SUPPORTED_EXTENSIONS: frozenset[str] = frozenset(s for f in FORMATS.values() for s in f.suffixes)


def sniff_format(data: bytes, suffix: str, *, source: str = "document") -> str:
    """The format `data` really is (a FORMATS name), whatever `suffix` says; `suffix` only chooses
    Markdown over plain text. Raises NotADocument, UnsupportedFormat, EncryptedDocument or
    CorruptDocument for what is not a readable document."""
    return sniff(data, suffix, source)[0]


def check_bytes(data: bytes, name: str, limits: LoadLimits) -> Format:
    """The format of `data` after the checks that need no parsing (size, sniffing, archive safety,
    image header, Word header): what an upload must pass before it is stored."""
    ctx = LoadContext(source=name, suffix=Path(name).suffix.lower(), limits=limits)
    _check_size(len(data), limits.max_bytes, name)
    if not data.strip():
        raise EmptyDocument(name, "is empty")
    fmt = FORMATS[sniff(data, ctx.suffix, name)[0]]
    if fmt.precheck is not None:
        fmt.precheck(data, ctx)
    return fmt


def load_bytes(data: bytes, name: str, *, path: str | None = None, limits: LoadLimits | None = None,
               ocr: OcrSettings | None = None, progress: ProgressCallback | None = None) -> RawDocument:
    """Read a file's bytes into its blocks; raise an IngestError subclass if unusable."""
    ctx = LoadContext(source=name, suffix=Path(name).suffix.lower(), limits=limits or LoadLimits(),
                      ocr=ocr or OcrSettings(), progress=progress)
    _check_size(len(data), ctx.limits.max_bytes, name)
    if not data.strip():
        raise EmptyDocument(name, "is empty")
    fmt_name, ctx.decoded = sniff(data, ctx.suffix, name, ctx.warnings)
    fmt = FORMATS[fmt_name]
    blocks = fmt.load(data, ctx)
    if not any(b.text.strip() for b in blocks):
        raise EmptyDocument(name, "is empty (no text found)")
    return RawDocument(source=name, path=path or name, fmt=fmt.name, blocks=blocks,
                       content_hash=hashlib.sha256(data).hexdigest(), readings=ctx.readings,
                       warnings=list(dict.fromkeys(ctx.warnings)))


def load_document(path: str | Path, *, max_bytes: int = 50 * MB, limits: LoadLimits | None = None,
                  ocr: OcrSettings | None = None, progress: ProgressCallback | None = None) -> RawDocument:
    """Read one file into its blocks in reading order; raise an IngestError subclass if unusable."""
    p = Path(path)
    limits = limits or LoadLimits(max_bytes=max_bytes)
    data = _read_bytes(p, p.name, limits.max_bytes)
    return load_bytes(data, p.name, path=str(path), limits=limits, ocr=ocr, progress=progress)


def _read_bytes(p: Path, source: str, max_bytes: int) -> bytes:
    suffix = p.suffix.lower()
    try:
        st = p.stat()
    except FileNotFoundError:
        raise IngestError(source, "file not found") from None
    except OSError as exc:
        raise IngestError(source, f"cannot be read ({exc.strerror or type(exc).__name__})") from None
    if not p.is_file():
        raise IngestError(source, "is not a regular file")
    if suffix not in SUPPORTED_EXTENSIONS:
        supported = ", ".join(sorted(SUPPORTED_EXTENSIONS))
        raise UnsupportedFormat(source, f"unsupported file type '{suffix or '(none)'}' (supported: {supported})")
    # Checked on the size the OS reports, so an oversized file is never read into memory.
    _check_size(st.st_size, max_bytes, source)
    if st.st_size == 0:
        raise EmptyDocument(source, "is empty")
    try:
        return p.read_bytes()
    except OSError as exc:
        raise IngestError(source, f"cannot be read ({exc.strerror or type(exc).__name__})") from None


def _check_size(size: int, limit: int, source: str) -> None:
    if size > limit:
        raise FileTooLarge(source, "is {}, over the {} limit".format(*sizes_text(size, limit)))
