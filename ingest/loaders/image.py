"""Scanned pages as image files: PNG, JPEG and TIFF (a multi-page TIFF is a multi-page document).

Image sizes are checked from the header before any pixel is decoded, so a decompression bomb
(a small file declaring a gigantic image) is refused instead of filling memory.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Callable

from PIL import Image, ImageOps, UnidentifiedImageError

from ingest.errors import CorruptDocument, FileTooLarge
from ingest.loaders.base import LoadContext
from ingest.loaders.scan import PageImage, read_pages, require_ocr, summarize
from ingest.model import Block


def load_image(data: bytes, ctx: LoadContext) -> list[Block]:
    image = _open(data, ctx)
    frames = getattr(image, "n_frames", 1)
    if frames > ctx.limits.max_pages:
        raise FileTooLarge(ctx.source, f"has {frames} pages, over the {ctx.limits.max_pages}-page limit")
    if frames > ctx.ocr.max_pages:
        raise FileTooLarge(ctx.source, f"has {frames} pages, over the OCR limit of {ctx.ocr.max_pages}")
    require_ocr(ctx, "is an image of a document")

    def render(index: int) -> Callable[[], tuple[Image.Image, float | None]]:
        def run() -> tuple[Image.Image, float | None]:
            image.seek(index)
            _check_pixels(image, ctx, index + 1)
            try:
                # EXIF orientation first: phones and some scanners store pages sideways with a tag.
                frame = ImageOps.exif_transpose(image.copy()) or image.copy()
                frame.load()
            except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
                raise CorruptDocument(ctx.source, f"page {index + 1} of the image is damaged ({type(exc).__name__})") from None
            dpi = image.info.get("dpi")
            return frame, float(dpi[0]) if dpi and dpi[0] and dpi[0] > 30 else None

        return run

    pages: list[PageImage] = [(i + 1, render(i)) for i in range(frames)]
    blocks = read_pages(pages, frames, ctx)
    summarize(ctx)
    return [blocks[n] for n in sorted(blocks)]


def check_image(data: bytes, ctx: LoadContext) -> None:
    """The image header is readable and declares a page-sized image."""
    _open(data, ctx).close()


def _open(data: bytes, ctx: LoadContext) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombWarning,
            Image.DecompressionBombError) as exc:
        if isinstance(exc, Image.DecompressionBombWarning | Image.DecompressionBombError):
            raise FileTooLarge(ctx.source, "declares an image far larger than a scanned page; refused") from None
        raise CorruptDocument(ctx.source, f"is a damaged image ({type(exc).__name__})") from None
    _check_pixels(image, ctx, 1)
    return image


def _check_pixels(image: Image.Image, ctx: LoadContext, page: int) -> None:
    width, height = image.size
    if width * height > ctx.limits.max_image_pixels:
        raise FileTooLarge(
            ctx.source,
            f"page {page} is {width}x{height} pixels, over the limit of {ctx.limits.max_image_pixels:,} pixels "
            "(a decompression bomb, or a scan at a needlessly high resolution)",
        )
