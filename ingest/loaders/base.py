"""What every loader shares: the limits a file must stay within, the context a loader runs in
(file name, limits, OCR settings, page progress), and small helpers for sizes and tables."""

from __future__ import annotations

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


def table_block(rows: Sequence[tuple[str, ...]], page: int | None = None) -> Block | None:
    rows = [r for r in rows if any(cell for cell in r)]
    if not rows:
        return None
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
