"""What every loader shares: the limits a file must stay within, the context a loader runs in
(file name, limits, OCR settings, page progress), and small helpers for sizes and tables."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from pydantic import BaseModel, Field

from ingest.model import Block, Origin, PageReading
from ingest.ocr import OcrSettings

MB = 1024 * 1024


class LoadLimits(BaseModel):
    """Size limits applied to every format, so no file can exhaust memory or time."""

    max_bytes: int = Field(50 * MB, gt=0, description="largest file accepted")
    max_expanded_bytes: int | None = Field(
        None, gt=0, description="largest total a ZIP-based file (DOCX, XLSX) may unpack to; default 20x max_bytes"
    )
    max_archive_entries: int = Field(10_000, gt=0)
    max_pages: int = Field(2_000, gt=0, description="most pages in a PDF or frames in a TIFF")
    max_image_pixels: int = Field(80_000_000, gt=0, description="largest page image (width x height) decoded")
    max_sheet_cells: int = Field(2_000_000, gt=0, description="most spreadsheet cells read")
    converter_timeout_seconds: float = Field(60.0, gt=0, description="time allowed to antiword for one .doc")

    @property
    def expanded_budget(self) -> int:
        return self.max_expanded_bytes or min(20 * self.max_bytes, 200 * MB)


@dataclass(frozen=True)
class PageProgress:
    """Reported after each page a loader reads slowly (OCR), for progress bars and upload status."""

    source: str
    page: int
    pages: int
    origin: Origin
    seconds: float
    confidence: float | None = None
    status: str = "ok"


ProgressCallback = Callable[[PageProgress], None]


@dataclass
class LoadContext:
    """One file being loaded: its name for messages, the limits, OCR settings, and what was read."""

    source: str
    suffix: str = ""
    limits: LoadLimits = field(default_factory=LoadLimits)
    ocr: OcrSettings = field(default_factory=OcrSettings)
    progress: ProgressCallback | None = None
    decoded: str | None = None  # the text of a text format, decoded while sniffing
    readings: list[PageReading] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def report(self, reading: PageReading, pages: int) -> None:
        self.readings.append(reading)
        if self.progress is not None:
            self.progress(PageProgress(self.source, reading.page, pages, reading.origin, reading.seconds,
                                       reading.confidence, reading.status))


def size_text(n: int) -> str:
    return f"{n} bytes" if n < MB else f"{n / MB:.1f}".removesuffix(".0") + " MB"


def sizes_text(n: int, limit: int) -> tuple[str, str]:
    """Both sizes for an "over the limit" message, exact when rounding would make them look equal."""
    shown = size_text(n), size_text(limit)
    return shown if shown[0] != shown[1] else (f"{n} bytes", f"{limit} bytes")


def is_real_table(rows: Sequence[tuple[str, ...]]) -> bool:
    # A single ruled box or a one-column frame is layout, not a table.
    return len(rows) >= 2 and max((len(r) for r in rows), default=0) >= 2


# What the header and signature blocks of a Vietnamese administrative document hold (the layout set by
# the rules on document format): the national motto, the number line, the place-and-date line, the
# signing authority ("TM.", "KT.", "TL.", "Q."), the recipients.
_LAYOUT_CELL = re.compile(
    r"^(CỘNG HÒA XÃ HỘI CHỦ NGHĨA|CỘNG HOÀ XÃ HỘI CHỦ NGHĨA|Độc lập\s*[-–—]\s*Tự do|Số\s*:|Nơi nhận\s*:"
    r"|(TM|KT|TL|TUQ|Q)\s*\.\s*[A-ZÀ-ỸĐ]{2})"
    r"|^[^\W\d_][\w .]*,\s*ngày\s+(\d{1,2}|\.+|…)\s+tháng\s+(\d{1,2}|\.+|…)\s+năm\s+\d{4}",
    re.MULTILINE,
)
# Column headings of a data table ("STT | Chỉ tiêu | …"): such a table is never layout.
_DATA_HEADING = re.compile(r"^(STT|TT|Số TT|Chỉ tiêu|Nội dung|Đơn vị|Nhiệm vụ|Cơ quan)\b", re.IGNORECASE)


def layout_table_text(rows: Sequence[Sequence[str]]) -> str | None:
    """The text of a table that only lays out a document's header or signature block (issuer beside
    the national motto, recipients beside the signature), in reading order: each column top to
    bottom, left column first. None for a table of data, which stays a table.

    >>> layout_table_text([("ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), ("Số: 5/KH-UBND", "")])
    'ỦY BAN NHÂN DÂN\\nSố: 5/KH-UBND\\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'
    """
    rows = [tuple(c.strip() for c in r) for r in rows if any(c.strip() for c in r)]
    width = max((len(r) for r in rows), default=0)
    if not rows or width > 3:
        return None
    if any(_DATA_HEADING.match(c) for c in rows[0] if c):
        return None
    if not any(_LAYOUT_CELL.search(c) for r in rows for c in r if c):
        return None
    lines = [line.strip() for c in range(width) for r in rows if c < len(r) for line in r[c].split("\n")]
    return "\n".join(line for line in lines if line)


def table_block(rows: Sequence[tuple[str, ...]], page: int | None = None) -> Block | None:
    """A table as a block: a data table stays a table; a header or signature block laid out as a
    table becomes the paragraph a reader sees (see layout_table_text)."""
    rows = [r for r in rows if any(cell for cell in r)]
    if not rows:
        return None
    layout = layout_table_text(rows)
    if layout is not None:
        return Block("paragraph", text=layout, page=page)
    text = "\n".join(" | ".join(" ".join(cell.split()) for cell in row) for row in rows)
    return Block("table", text=text, rows=tuple(rows), page=page)


def page_list(pages: Sequence[int]) -> str:
    """ "1", "1, 3", "2-5, 7": pages for a one-line message.

    >>> page_list([1, 2, 3, 5, 7, 8])
    '1-3, 5, 7-8'
    """
    out: list[str] = []
    ordered = sorted(set(pages))
    i = 0
    while i < len(ordered):
        j = i
        while j + 1 < len(ordered) and ordered[j + 1] == ordered[j] + 1:
            j += 1
        out.append(str(ordered[i]) if i == j else f"{ordered[i]}-{ordered[j]}")
        i = j + 1
    return ", ".join(out)
