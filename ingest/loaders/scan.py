"""Scanned pages, from image-only PDF pages or image files, read by OCR one page at a time.

Each page reports its progress and confidence; blank and unreadable pages are named, never filled
with invented text; a page whose OCR crashes or times out fails the whole document (nothing of it
reaches the index) with a line naming the page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PIL import Image

from ingest.errors import EmptyDocument, NeedsOCR, OcrFailed
from ingest.loaders.base import LoadContext, page_list
from ingest.model import Block, PageReading
from ingest.ocr import OcrEngineMissing, OcrPageError, PageText, harmonize, ocr_available, ocr_page

PageImage = tuple[int, Callable[[], tuple[Image.Image, float | None]]]  # (page number, render -> (image, dpi))

_TURNS = {90: "turned a quarter", 180: "upside down", 270: "turned a quarter"}


def require_ocr(ctx: LoadContext, what: str) -> None:
    """Raise NeedsOCR unless OCR is switched on and installed."""
    if not ctx.ocr.enabled:
        raise NeedsOCR(ctx.source, f"{what}; OCR is switched off (PLANQA_OCR_ENABLED=false)")
    missing = ocr_available(ctx.ocr)
    if missing:
        raise NeedsOCR(ctx.source, f"{what}, but OCR is not available: {missing}")


def read_pages(pages: Iterable[PageImage], total: int, ctx: LoadContext) -> dict[int, Block]:
    """OCR each page; the blocks of the pages that had text, by page number."""
    read: dict[int, PageText] = {}
    for number, render in pages:
        image, dpi = render()
        try:
            result = ocr_page(image, dpi=dpi, settings=ctx.ocr, what=f"page {number}")
        except OcrPageError as exc:
            raise OcrFailed(ctx.source, f"{exc}; the document was not ingested") from None
        except OcrEngineMissing as exc:
            raise NeedsOCR(ctx.source, f"has scanned pages, but OCR could not run: {exc}") from None
        finally:
            image.close()
        note = "; ".join(result.notes)
        if result.rotated:
            note = "; ".join(x for x in (note, f"was {_TURNS[result.rotated]} and was turned to read it") if x)
        ctx.report(PageReading(number, "ocr", result.status, result.confidence if result.words else None,
                               round(result.seconds, 2), note), total)
        read[number] = result
    # Unsure words respelled from what the rest of the document reads with confidence.
    harmonize(list(read.values()))
    return {n: Block("paragraph", r.text, page=n, origin="ocr") for n, r in read.items() if r.text}


def summarize(ctx: LoadContext) -> None:
    """Warnings naming the pages a reader should check; EmptyDocument when no page had text."""
    ocr = [r for r in ctx.readings if r.origin == "ocr"]
    if not ocr:
        return
    blank = [r.page for r in ocr if r.status == "blank"]
    unreadable = [r.page for r in ocr if r.status == "unreadable"]
    low = [r for r in ocr if r.status == "low_confidence"]
    if all(r.status in ("blank", "unreadable") for r in ocr) and len(ocr) == len(ctx.readings):
        parts = []
        if blank:
            parts.append(f"blank {_pages(blank)}")
        if unreadable:
            parts.append(f"no readable text on {_pages(unreadable)} (marks or noise only)")
        raise EmptyDocument(ctx.source, "is a scan with nothing to read: " + "; ".join(parts))
    if blank:
        ctx.warnings.append(f"blank {_pages(blank)} (nothing read there)")
    if unreadable:
        ctx.warnings.append(f"no readable text on {_pages(unreadable)} (marks or noise only; nothing read there)")
    for r in ocr:
        if r.status in ("blank", "unreadable"):
            continue
        for note in filter(None, r.note.split("; ")):
            ctx.warnings.append(f"page {r.page}: {note}" if "number" in note else f"page {r.page} {note}")
    if low:
        mean = sum(r.confidence or 0 for r in low) / len(low)
        ctx.warnings.append(
            f"OCR confidence is low ({mean:.0f}%) on {_pages([r.page for r in low])}; "
            "check answers from it against the original"
        )


def _pages(pages: list[int]) -> str:
    return ("page " if len(pages) == 1 else "pages ") + page_list(pages)
