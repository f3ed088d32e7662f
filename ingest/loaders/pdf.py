"""PDF: text pages through their text layer (tables kept as tables), scanned pages through OCR.

A page is a scan when its text layer holds (almost) nothing while an image covers it; such pages
are rendered at 300 dpi with pdfium (already pdfplumber's renderer) and read by Tesseract. Pages
keep their numbers either way, for citations.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from PIL import Image

from ingest.errors import CorruptDocument, EmptyDocument, EncryptedDocument, FileTooLarge, IngestError
from ingest.loaders.base import LoadContext, is_real_table, table_block
from ingest.loaders.scan import PageImage, read_pages, require_ocr, summarize
from ingest.model import Block, PageReading
from ingest.ocr import TARGET_DPI

_MIN_TEXT_CHARS = 8  # fewer characters than this on a page: nothing but a stray mark or page number
_SCAN_TEXT_CHARS = 100  # a page mostly covered by an image with less text than this is a scan
_SCAN_IMAGE_SHARE = 0.5


def load_pdf(data: bytes, ctx: LoadContext) -> list[Block]:
    import pdfplumber

    text_blocks: dict[int, list[Block]] = {}
    scans: list[int] = []
    native_dpi: dict[int, float] = {}
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            n_pages = len(pdf.pages)
            if n_pages > ctx.limits.max_pages:
                raise FileTooLarge(ctx.source, f"has {n_pages} pages, over the {ctx.limits.max_pages}-page limit")
            for number, page in enumerate(pdf.pages, start=1):
                blocks = _page_blocks(page, number)
                chars = sum(len("".join(b.text.split())) for b in blocks)
                if chars < _MIN_TEXT_CHARS or (chars < _SCAN_TEXT_CHARS and _image_share(page) >= _SCAN_IMAGE_SHARE):
                    if chars < _MIN_TEXT_CHARS and not (page.images or page.curves or page.rects or page.lines):
                        ctx.readings.append(PageReading(number, "text", "blank", note="blank page"))
                        continue
                    scans.append(number)
                    dpi = _scan_dpi(page)
                    if dpi:
                        native_dpi[number] = dpi
                else:
                    text_blocks[number] = blocks
                    ctx.readings.append(PageReading(number, "text"))
                page.close()  # pdfplumber caches every page's objects otherwise
    except IngestError:
        raise
    except Exception as exc:  # pdfminer raises anything from KeyError to struct.error on bad files
        raise _pdf_error(exc, ctx.source) from None
    if n_pages == 0:
        raise EmptyDocument(ctx.source, "is empty (the PDF has no pages)")
    ocr_blocks: dict[int, Block] = {}
    if scans:
        if len(scans) > ctx.ocr.max_pages:
            raise FileTooLarge(ctx.source, f"has {len(scans)} scanned pages, over the OCR limit of {ctx.ocr.max_pages}")
        what = "has no text layer (a scanned PDF)" if not text_blocks else f"has {len(scans)} scanned page(s)"
        require_ocr(ctx, what)
        ocr_blocks = read_pages(_renderer(data, scans, native_dpi, ctx), n_pages, ctx)
        ctx.readings.sort(key=lambda r: r.page)
        summarize(ctx)
    out: list[Block] = []
    for number in range(1, n_pages + 1):
        out.extend(text_blocks.get(number, []))
        if number in ocr_blocks:
            out.append(ocr_blocks[number])
    return out


def _scan_dpi(page: Any) -> float | None:
    """The resolution the page's largest image was scanned at: rendering at it (rather than at a
    fixed 300 dpi) lets OCR clean specks at their real size before it scales the page itself."""
    best = max(page.images, key=lambda im: (im["x1"] - im["x0"]) * (im["bottom"] - im["top"]), default=None)
    if best is None or not best.get("srcsize") or best["x1"] <= best["x0"]:
        return None
    dpi = float(best["srcsize"][0]) / ((best["x1"] - best["x0"]) / 72)
    return min(max(dpi, 100.0), 600.0)


def _renderer(data: bytes, pages: list[int], native_dpi: dict[int, float], ctx: LoadContext) -> list[PageImage]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except Exception as exc:  # pdfium raises PdfiumError for damaged or encrypted files
        raise CorruptDocument(ctx.source, f"cannot be rendered for OCR ({type(exc).__name__})") from None

    def render(number: int) -> Callable[[], tuple[Image.Image, float | None]]:
        def run() -> tuple[Image.Image, float | None]:
            page = pdf[number - 1]
            try:
                width, height = page.get_size()  # points
                dpi = native_dpi.get(number, float(TARGET_DPI))
                pixels = (width / 72 * dpi) * (height / 72 * dpi)
                if pixels > ctx.limits.max_image_pixels:  # a poster-sized page: render it smaller
                    dpi *= (ctx.limits.max_image_pixels / pixels) ** 0.5
                image = page.render(scale=dpi / 72).to_pil()
            finally:
                page.close()
            return image, dpi

        return run

    return [(n, render(n)) for n in pages]


def _image_share(page: Any) -> float:
    area = float(page.width * page.height) or 1.0
    covered = 0.0
    for img in page.images:
        w = max(0.0, min(img["x1"], page.width) - max(img["x0"], 0))
        h = max(0.0, min(img["bottom"], page.height) - max(img["top"], 0))
        covered += w * h
    return min(1.0, covered / area)


def _pdf_error(exc: Exception, source: str) -> IngestError:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    cause = exc.args[0] if type(exc).__name__ == "PdfminerException" and exc.args else exc
    if isinstance(cause, PDFPasswordIncorrect):
        return EncryptedDocument(source, "is password-protected; save an unprotected copy first")
    if isinstance(cause, PDFEncryptionError):
        return EncryptedDocument(source, "is encrypted with a method that cannot be opened")
    return CorruptDocument(source, f"is a damaged PDF ({type(cause).__name__})")


def _page_blocks(page: Any, number: int) -> list[Block]:
    found = [(_rows(t), t.bbox) for t in page.find_tables()]
    tables = [(rows, bbox) for rows, bbox in found if is_real_table(rows)]
    # Drop the characters inside tables from the running text so a table is not read twice.
    text_page = page.filter(_outside([bbox for _, bbox in tables])) if tables else page
    blocks: list[Block] = []
    text = _with_column_gaps(text_page, text_page.extract_text() or "").strip()
    if text:
        blocks.append(Block("paragraph", text, page=number))
    for rows, _ in tables:
        block = table_block(rows, page=number)
        if block is not None:
            blocks.append(block)
    return blocks


_COLUMN_GAP = "    "  # how a wide gap between two columns on one line is written, as a text export does
_GAP_POINTS = 24.0  # a space between words wider than this (about four letters) separates columns


def _with_column_gaps(page: Any, text: str) -> str:
    """The page's text with the gap between side-by-side columns kept (the issuer beside the national
    motto, the recipients beside the signature), and a right column standing alone indented: where
    a word starts is what tells the columns apart, so what reads the text later can still tell."""
    try:
        words = page.extract_words()
    except Exception:  # a layout quirk must not cost the page its text
        return text
    by_line: dict[str, list[list[dict[str, Any]]]] = {}
    line: list[dict[str, Any]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if line and abs(word["top"] - line[0]["top"]) > 3:
            by_line.setdefault(" ".join(w["text"] for w in line), []).append(line)
            line = []
        line.append(word)
    if line:
        by_line.setdefault(" ".join(w["text"] for w in line), []).append(line)
    half = float(page.width) / 2
    out: list[str] = []
    for text_line in text.split("\n"):
        found = by_line.get(text_line)
        if not found:
            out.append(text_line)
            continue
        ws = found.pop(0) if len(found) > 1 else found[0]
        parts = [_COLUMN_GAP if ws[0]["x0"] > half else ""]
        for prev, word in zip([None, *ws[:-1]], ws, strict=True):
            if prev is not None:
                parts.append(_COLUMN_GAP if word["x0"] - prev["x1"] > _GAP_POINTS else " ")
            parts.append(word["text"])
        out.append("".join(parts))
    return "\n".join(out)


def _rows(table: Any) -> list[tuple[str, ...]]:
    return [tuple((cell or "").strip() for cell in row) for row in table.extract()]


def _outside(bboxes: list[tuple[float, float, float, float]]) -> Callable[[dict[str, Any]], bool]:
    def keep(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in bboxes)

    return keep
