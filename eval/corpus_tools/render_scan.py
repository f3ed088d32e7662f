"""Render a text document as a scanned paper plan: page images with skew, noise, a red stamp and a
signature, saved as an image-only PDF (or one image per page).

Used to make scans of documents we author ourselves, so OCR can be measured against the text it was
rendered from. Deterministic for a given seed.

    python -m eval.corpus_tools.render_scan plan.txt plan-scan.pdf --dpi 200 --skew 1.5 --seed 3
"""

from __future__ import annotations

import argparse
import math
import random
import textwrap
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

_FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/truetype/liberation")
_FONT_FILES = ("DejaVuSerif.ttf", "LiberationSerif-Regular.ttf", "DejaVuSans.ttf")
A4_INCHES = (8.27, 11.69)


@dataclass
class ScanStyle:
    dpi: int = 200
    skew_degrees: float = 0.0  # rotation of the whole page, as a sheet fed crooked into a scanner
    noise: float = 0.0  # share of pixels flipped to grey specks, 0..0.1
    blur: float = 0.0  # Gaussian blur radius in pixels
    stamp: bool = False  # a red round seal over the signature block of the last page
    signature: bool = False  # handwritten-looking strokes above the signer's name
    font_points: float = 12.5
    upside_down: bool = False
    seed: int = 0


def _font(size_px: int) -> ImageFont.FreeTypeFont:
    for d in _FONT_DIRS:
        for name in _FONT_FILES:
            path = Path(d) / name
            if path.exists():
                return ImageFont.truetype(str(path), size_px)
    raise FileNotFoundError("no TrueType font with Vietnamese glyphs found (install fonts-dejavu-core)")


def _wrap(text: str, font: ImageFont.FreeTypeFont, width_px: int) -> list[str]:
    """Lines of `text` as they would be set on the page: paragraphs wrapped to the text width."""
    out: list[str] = []
    avg = max(1.0, font.getlength("abcdefghij klmno") / 16)
    chars = max(20, int(width_px / avg))
    for para in text.splitlines():
        if not para.strip():
            out.append("")
            continue
        wrapped = textwrap.wrap(para, chars) or [""]
        while any(font.getlength(w) > width_px for w in wrapped) and chars > 20:
            chars -= 2
            wrapped = textwrap.wrap(para, chars)
        out.extend(wrapped)
        chars = max(20, int(width_px / avg))
    return out


def _stamp(page: Image.Image, center: tuple[int, int], radius: int, rng: random.Random) -> None:
    """A red seal: two rings, a star and arched letters, drawn semi-transparent over the text."""
    overlay = Image.new("RGBA", page.size, (0, 0, 0, 0))
    d = ImageDraw.Draw(overlay)
    red = (200, 30, 40, 170)
    cx, cy = center
    for r, w in ((radius, max(3, radius // 25)), (int(radius * 0.72), max(2, radius // 40))):
        d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=red, width=w)
    star = []
    for k in range(10):
        ang = -math.pi / 2 + k * math.pi / 5
        rr = radius * (0.28 if k % 2 == 0 else 0.11)
        star.append((cx + rr * math.cos(ang), cy + rr * math.sin(ang)))
    d.polygon(star, fill=red)
    font = _font(max(10, radius // 6))
    label = "ỦY BAN NHÂN DÂN * " * 2
    for i, ch in enumerate(label):
        ang = math.pi + i * (2 * math.pi / len(label))
        x = cx + radius * 0.86 * math.cos(ang)
        y = cy + radius * 0.86 * math.sin(ang)
        d.text((x, y), ch, fill=red, font=font, anchor="mm")
    angle = rng.uniform(-20, 20)
    overlay = overlay.rotate(angle, center=center)
    page.paste(overlay, (0, 0), overlay)


def _signature(page: Image.Image, origin: tuple[int, int], width: int, rng: random.Random) -> None:
    """A few joined curves in dark blue: looks like a signature, reads as no text."""
    d = ImageDraw.Draw(page)
    x0, y0 = origin
    points = []
    for k in range(60):
        t = k / 59
        x = x0 + t * width
        y = y0 + math.sin(t * 9 + rng.uniform(0, 0.4)) * width * 0.08 + rng.uniform(-2, 2)
        points.append((x, y))
    d.line(points, fill=(20, 30, 110), width=max(2, width // 90), joint="curve")
    d.line([(x0 + width * 0.1, y0 + width * 0.12), (x0 + width * 0.9, y0 - width * 0.05)],
           fill=(20, 30, 110), width=max(2, width // 110))


def render_pages(text: str, style: ScanStyle) -> list[Image.Image]:
    """The text laid out on A4 pages at `style.dpi`, then degraded like a scan."""
    rng = random.Random(style.seed)
    w, h = int(A4_INCHES[0] * style.dpi), int(A4_INCHES[1] * style.dpi)
    margin_x, margin_y = int(0.9 * style.dpi), int(0.8 * style.dpi)
    size_px = int(style.font_points / 72 * style.dpi)
    font = _font(size_px)
    line_h = int(size_px * 1.45)
    lines = _wrap(text, font, w - 2 * margin_x)
    per_page = max(1, (h - 2 * margin_y) // line_h)
    pages: list[Image.Image] = []
    for start in range(0, max(1, len(lines)), per_page):
        page = Image.new("RGB", (w, h), "white")
        d = ImageDraw.Draw(page)
        chunk = lines[start : start + per_page]
        for i, line in enumerate(chunk):
            d.text((margin_x, margin_y + i * line_h), line, fill=(25, 25, 25), font=font)
        pages.append(page)
    last = pages[-1]
    last_lines = len(lines) - per_page * (len(pages) - 1)
    sig_y = margin_y + min(per_page - 1, last_lines + 1) * line_h
    if style.signature:
        _signature(last, (int(w * 0.58), min(h - margin_y, sig_y)), int(w * 0.22), rng)
    if style.stamp:
        _stamp(last, (int(w * 0.62), min(h - margin_y, sig_y)), int(0.55 * style.dpi), rng)
    out = []
    for page in pages:
        img = page.convert("L")
        if style.skew_degrees:
            img = img.rotate(style.skew_degrees, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
        if style.blur:
            img = img.filter(ImageFilter.GaussianBlur(style.blur))
        if style.noise:
            px = img.load()
            assert px is not None
            for _ in range(int(style.noise * img.width * img.height)):
                x, y = rng.randrange(img.width), rng.randrange(img.height)
                px[x, y] = rng.choice((0, 90, 160))
        if style.upside_down:
            img = img.rotate(180)
        # Colour pages keep the red stamp and blue signature, as a colour scanner would.
        rgb = Image.merge("RGB", (img, img, img)) if not (style.stamp or style.signature) else _recolour(page, img, style)
        out.append(rgb)
    return out


def _recolour(original: Image.Image, degraded: Image.Image, style: ScanStyle) -> Image.Image:
    """Apply the same geometric degradation to the colour page so the stamp stays red."""
    img = original
    if style.skew_degrees:
        img = img.rotate(style.skew_degrees, resample=Image.Resampling.BICUBIC, expand=False,
                         fillcolor=(255, 255, 255))
    if style.blur:
        img = img.filter(ImageFilter.GaussianBlur(style.blur))
    if style.upside_down:
        img = img.rotate(180)
    # Specks from the greyscale pass, so noise is the same with or without colour.
    mask = degraded.point(lambda v: 255 if v in (0, 90, 160) else 0)
    specks = Image.merge("RGB", (degraded, degraded, degraded))
    img = img.copy()
    img.paste(specks, (0, 0), mask)
    return img


def save_scan(pages: list[Image.Image], out: Path, dpi: int) -> None:
    """An image-only PDF when `out` ends in .pdf, else one image per page (page numbers from 1)."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix.lower() == ".pdf":
        pages[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=pages[1:])
        return
    if len(pages) == 1:
        pages[0].save(out, dpi=(dpi, dpi))
        return
    for i, page in enumerate(pages, start=1):
        page.save(out.with_name(f"{out.stem}-{i}{out.suffix}"), dpi=(dpi, dpi))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("source", type=Path, help="UTF-8 text of the document")
    ap.add_argument("out", type=Path, help="output .pdf, .png, .jpg or .tif")
    ap.add_argument("--dpi", type=int, default=200)
    ap.add_argument("--skew", type=float, default=0.0, help="degrees")
    ap.add_argument("--noise", type=float, default=0.0)
    ap.add_argument("--blur", type=float, default=0.0)
    ap.add_argument("--stamp", action="store_true")
    ap.add_argument("--signature", action="store_true")
    ap.add_argument("--upside-down", action="store_true")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    style = ScanStyle(dpi=args.dpi, skew_degrees=args.skew, noise=args.noise, blur=args.blur, stamp=args.stamp,
                      signature=args.signature, upside_down=args.upside_down, seed=args.seed)
    pages = render_pages(args.source.read_text(encoding="utf-8"), style)
    save_scan(pages, args.out, args.dpi)
    print(f"{args.out}: {len(pages)} page(s) at {args.dpi} dpi")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
