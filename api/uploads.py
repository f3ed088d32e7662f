"""Checks on an uploaded file before it reaches the ingest layer.

The format is decided from the bytes, never from the file name; the name is only kept (made
safe) because citations show it. DOCX files are opened as ZIP archives and refused when they
would expand past a budget (zip bombs) or hold members with unsafe paths.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath

from ingest.errors import (
    CorruptDocument,
    EmptyDocument,
    EncryptedDocument,
    FileTooLarge,
    NotADocument,
    UnsupportedFormat,
)

MAX_ZIP_MEMBERS = 5000
MAX_MEMBER_RATIO = 200  # DOCX XML compresses ~10x; 200x only happens in crafted archives.
_CHUNK = 1 << 16
_TEXT_EXTENSIONS = {".txt": "txt", ".md": "md", ".markdown": "md"}


@dataclass(frozen=True)
class CheckedUpload:
    filename: str  # safe file name with the extension of the detected format
    fmt: str  # pdf | docx | html | txt | md


def safe_filename(name: str | None) -> str:
    """A file name with no directory part, control or shell-special characters.

    >>> safe_filename("../../etc/Kế hoạch 51.docx")
    'Kế hoạch 51.docx'
    >>> safe_filename("..\\\\..\\\\a:b.txt")
    'a_b.txt'
    """
    raw = unicodedata.normalize("NFC", name or "")
    base = PureWindowsPath(PurePosixPath(raw).name).name
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C")
    base = re.sub(r"[^\w.\- ()]", "_", base).strip(" .")
    return base[:150] or "upload"


def check_upload(name: str | None, data: bytes, max_bytes: int, max_expanded_bytes: int) -> CheckedUpload:
    """The detected format of `data` and a safe name for it; raises an IngestError otherwise."""
    filename = safe_filename(name)
    if len(data) > max_bytes:
        raise FileTooLarge(filename, f"larger than the upload limit of {max_bytes} bytes")
    if not data.strip():
        raise EmptyDocument(filename, "the file is empty")
    fmt = detect_format(filename, data, max_expanded_bytes)
    stem = filename.rsplit(".", 1)[0] if "." in filename else filename
    return CheckedUpload(filename=f"{stem or 'upload'}.{fmt}", fmt=fmt)


def detect_format(filename: str, data: bytes, max_expanded_bytes: int) -> str:
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        check_docx(filename, data, max_expanded_bytes)
        return "docx"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        if "EncryptionInfo".encode("utf-16-le") in data:
            raise EncryptedDocument(filename, "the DOCX is password-protected; save it without a password")
        raise UnsupportedFormat(filename, "an old binary Office file (.doc); save it as .docx")
    if data.startswith((b"PK", b"\x1f\x8b", b"7z\xbc\xaf", b"Rar!")):
        raise NotADocument(filename, "an archive, not a document")
    text = _decode_text(data)
    if text is None:
        raise NotADocument(filename, "binary content, not a PDF, DOCX, HTML or text document")
    lowered = text[:2048].lstrip("\ufeff \t\r\n").lower()
    if lowered.startswith(("<!doctype html", "<html")) or "<html" in lowered[:512]:
        return "html"
    suffix = ("." + filename.rsplit(".", 1)[-1].lower()) if "." in filename else ""
    return _TEXT_EXTENSIONS.get(suffix, "txt")


def check_docx(filename: str, data: bytes, max_expanded_bytes: int) -> None:
    """Refuse archives that are not Word documents, expand past the budget or escape their root."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as exc:
        raise CorruptDocument(filename, "a damaged ZIP/DOCX file") from exc
    with archive:
        members = archive.infolist()
        if len(members) > MAX_ZIP_MEMBERS:
            raise NotADocument(filename, f"a ZIP with more than {MAX_ZIP_MEMBERS} entries")
        names = {m.filename for m in members}
        if "word/document.xml" not in names or "[Content_Types].xml" not in names:
            raise NotADocument(filename, "a ZIP archive but not a Word (.docx) document")
        declared = 0
        for member in members:
            if _unsafe_member(member.filename):
                raise CorruptDocument(filename, f"the archive has an unsafe path {member.filename!r}")
            declared += member.file_size
            ratio = member.file_size / max(member.compress_size, 1)
            if declared > max_expanded_bytes or (member.file_size > 1 << 20 and ratio > MAX_MEMBER_RATIO):
                raise FileTooLarge(
                    filename, "the DOCX expands to far more data than a document holds (zip bomb)"
                )
        # Sizes in the headers can lie: decompress for real, within the same budget.
        budget = max_expanded_bytes
        try:
            for member in members:
                with archive.open(member) as stream:
                    while chunk := stream.read(_CHUNK):
                        budget -= len(chunk)
                        if budget < 0:
                            raise FileTooLarge(filename, "the DOCX expands past the allowed size (zip bomb)")
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
            raise CorruptDocument(filename, "a damaged or encrypted DOCX file") from exc


def _unsafe_member(name: str) -> bool:
    path = name.replace("\\", "/")
    return path.startswith("/") or re.match(r"^[A-Za-z]:", path) is not None or ".." in path.split("/")


def _decode_text(data: bytes) -> str | None:
    """The text of `data` if it looks like text in a common Vietnamese encoding, else None."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    if b"\x00" in data[:65536]:
        return None
    for encoding in ("utf-8-sig", "cp1258"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        sample = text[:65536]
        controls = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f")
        return text if controls <= len(sample) // 100 else None
    return None
