"""Checks on an uploaded file before it is stored and ingested.

The format is decided from the bytes by the ingest layer's one registry of formats (the same
sniffing, archive checks and limits as `planqa ingest`); the name is only kept (made safe) because
citations show it, with the extension of the format the bytes really are.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath

from ingest.loaders import LoadLimits, check_bytes


@dataclass(frozen=True)
class CheckedUpload:
    filename: str  # safe file name with the extension of the detected format
    fmt: str  # a format name of ingest.loaders.FORMATS: pdf | docx | doc | xlsx | html | txt | md | png ...


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
    fmt = check_bytes(data, filename, LoadLimits(max_bytes=max_bytes, max_expanded_bytes=max_expanded_bytes))
    stem = filename.rsplit(".", 1)[0] if "." in filename else filename
    suffix = next((s for s in fmt.suffixes if filename.lower().endswith(s)), fmt.suffixes[0])
    return CheckedUpload(filename=f"{stem or 'upload'}{suffix}", fmt=fmt.name)
