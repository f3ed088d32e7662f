"""What a file really is, from its bytes: the name's extension only chooses between text flavours
(plain text or Markdown), because files arrive misnamed (a .doc that is a .docx, a .txt that is a
saved web page) and a misleading name must not pick the parser."""

from __future__ import annotations

from ingest.errors import CorruptDocument, EncryptedDocument, NotADocument, UnsupportedFormat
from ingest.loaders.archive import zip_names
from ingest.loaders.text import decode_text
from ingest.loaders.web import decode_html

ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")  # local file header; empty archive
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")  # OLE2 compound file: legacy Office, or encrypted OOXML
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")  # stream name inside encrypted OOXML
_IMAGE_MAGICS = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"II+\x00", "tiff"),  # BigTIFF
    (b"MM\x00+", "tiff"),
)
_OTHER_BINARY = (
    (b"{\\rtf", UnsupportedFormat, "is a Rich Text (RTF) file; save it as .docx or .pdf"),
    (b"GIF8", UnsupportedFormat, "is a GIF image; scan pages to PDF, PNG, JPEG or TIFF"),
    (b"\x1f\x8b", NotADocument, "is a compressed (gzip) archive, not a document"),
    (b"7z\xbc\xaf", NotADocument, "is a 7-Zip archive, not a document"),
    (b"Rar!", NotADocument, "is a RAR archive, not a document"),
)
_MD_SUFFIXES = (".md", ".markdown")
_HTML_SUFFIXES = (".html", ".htm")


def sniff(data: bytes, suffix: str, source: str, warnings: list[str] | None = None) -> tuple[str, str | None]:
    """(format name, decoded text for text formats). Raises an IngestError for what is not a
    document we read: NotADocument, UnsupportedFormat, EncryptedDocument, CorruptDocument."""
    suffix = suffix.lower()
    if data.startswith(ZIP_MAGICS):
        return _zip_kind(data, source), None
    if data.startswith(OLE_MAGIC):
        return _ole_kind(data, source), None
    if _is_pdf(data):
        return "pdf", None
    for magic, kind in _IMAGE_MAGICS:
        if data.startswith(magic):
            return kind, None
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        raise UnsupportedFormat(source, "is a WebP image; scan pages to PDF, PNG, JPEG or TIFF")
    for magic, error, message in _OTHER_BINARY:
        if data.startswith(magic):
            raise error(source, message)
    if data.startswith(b"PK"):
        raise NotADocument(source, "is an archive, not a document")
    if suffix in _HTML_SUFFIXES or _looks_like_html(data):
        return "html", decode_html(data, source, warnings)
    text = decode_text(data, source, warnings)
    return ("md" if suffix in _MD_SUFFIXES else "txt"), text


def _is_pdf(data: bytes) -> bool:
    """%PDF- at the start, or at the start of a line a little further on (mail gateways prepend
    headers and every reader still opens the file), but not mentioned inside a sentence."""
    if data.lstrip().startswith(b"%PDF-"):
        return True
    head = data[:1024]
    at = head.find(b"%PDF-")
    return at > 0 and head[at - 1 : at] in (b"\n", b"\r") and b"\0" not in head[:at] and b"obj" in data[:4096]


def _looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head[:512]


def _zip_kind(data: bytes, source: str) -> str:
    names = zip_names(data, source)
    if "[Content_Types].xml" in names:
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "ppt/presentation.xml" in names:
            raise UnsupportedFormat(source, "is a PowerPoint presentation; save it as .pdf")
    if "mimetype" in names and any(n.startswith("content.xml") for n in names):
        raise UnsupportedFormat(source, "is an OpenDocument file; save it as .docx or .xlsx")
    if "word/document.xml" in names:
        return "docx"  # Word itself opens a package missing its content-types part
    raise NotADocument(source, "is a ZIP archive but not a Word or Excel document (no word/document.xml)")


def _ole_kind(data: bytes, source: str) -> str:
    if _ENCRYPTED_PACKAGE in data:
        raise EncryptedDocument(source, "is password-protected; remove the password in Office and save again")
    import olefile

    try:
        ole = olefile.OleFileIO(data)
    except (OSError, ValueError, IndexError, KeyError):
        raise CorruptDocument(source, "is a damaged Office (OLE2) file") from None
    try:
        if ole.exists("WordDocument"):
            return "doc"
        if ole.exists("Workbook") or ole.exists("Book"):
            raise UnsupportedFormat(source, "is an old Excel 97-2003 .xls workbook; save it as .xlsx")
        if ole.exists("PowerPoint Document"):
            raise UnsupportedFormat(source, "is an old PowerPoint file; save it as .pdf")
        raise NotADocument(source, "is an Office (OLE2) file but not a Word document")
    finally:
        ole.close()
