"""ZIP-based files (DOCX, XLSX): open them safely before any library inflates their parts.

Refused: damaged archives, too many entries (zip bombs made of many parts), entries whose names
escape the archive (zip-slip), and archives that unpack to more than the budget, whether their
headers say so or lie about it (every part is inflated once, in bounded chunks, to check).
"""

from __future__ import annotations

import io
import re
import zipfile

from ingest.errors import CorruptDocument, FileTooLarge
from ingest.loaders.base import LoadLimits, sizes_text

_CHUNK = 1 << 16


def open_zip(data: bytes, source: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, ValueError, EOFError):
        raise CorruptDocument(source, "is damaged (not a readable ZIP-based Office file)") from None


def zip_names(data: bytes, source: str) -> set[str]:
    with open_zip(data, source) as zf:
        return set(zf.namelist())


def check_zip(data: bytes, source: str, limits: LoadLimits) -> None:
    """Raise CorruptDocument or FileTooLarge unless the archive is safe to unpack in memory."""
    budget = limits.expanded_budget
    with open_zip(data, source) as zf:
        infos = zf.infolist()
        if len(infos) > limits.max_archive_entries:
            raise CorruptDocument(source, f"has {len(infos)} parts inside; refusing a possible zip bomb")
        for info in infos:
            if unsafe_member_name(info.filename):
                raise CorruptDocument(source, f"has an unsafe path in archive: {info.filename!r}")
        declared = sum(info.file_size for info in infos)
        if declared > budget:
            raise FileTooLarge(
                source, "expands to {} when unpacked (limit {}); possible zip bomb".format(*sizes_text(declared, budget))
            )
        left = budget
        try:
            for info in infos:
                with zf.open(info) as stream:
                    while chunk := stream.read(_CHUNK):
                        left -= len(chunk)
                        if left < 0:
                            raise FileTooLarge(
                                source, f"expands past the {sizes_text(budget, budget)[0]} limit when unpacked; "
                                "possible zip bomb"
                            )
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError, ValueError) as exc:
            # Bad CRC, sizes that lie, unsupported compression or a member encrypted with a password.
            raise CorruptDocument(source, f"is damaged (a part cannot be unpacked: {type(exc).__name__})") from None


def unsafe_member_name(name: str) -> bool:
    normalized = name.replace("\\", "/")
    return (
        normalized.startswith("/")
        or re.match(r"^[A-Za-z]:", normalized) is not None
        or ".." in normalized.split("/")
    )
