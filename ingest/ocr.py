"""Read scanned pages with Tesseract (Vietnamese model): clean the image, straighten it, OCR it.

One page at a time, each in its own `tesseract` process with a timeout, so a page that hangs or
crashes fails its document alone. A page is prepared the way Tesseract reads best: about 300 dpi,
grey, coloured ink (red seals, blue signatures) removed, turned upright (Tesseract's orientation
detector), and deskewed. Words are kept with their confidence; lines that are mostly low-confidence
debris (what is left of a stamp or a signature, scanner noise) are dropped rather than turned into
invented text.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np
from PIL import Image, ImageFilter

from ingest.config import OcrSettings
from ingest.normalize import VI_UPPER
from ingest.ocr_repair import LEXICON, known_pairs, repair_words
from ingest.syllables import is_plausible_token, join_split_syllables, split_joined_words

__all__ = [
    "OcrEngineMissing",
    "OcrPageError",
    "OcrSettings",
    "PageText",
    "harmonize",
    "ocr_available",
    "ocr_page",
    "prepare_page",
]

TARGET_DPI = 300
BLANK_INK_SHARE = 0.0001  # share of dark pixels below which a prepared page holds nothing to read


class OcrEngineMissing(RuntimeError):
    """Tesseract or its language model is not installed."""


class OcrPageError(RuntimeError):
    """Tesseract failed or timed out on one page; the message says which and why."""


PageStatus = Literal["ok", "low_confidence", "blank", "unreadable"]


@dataclass
class PageText:
    """What OCR read on one page."""

    text: str
    confidence: float  # mean word confidence of the kept words, 0-100, weighted by length
    words: int
    seconds: float
    rotated: int = 0  # degrees the page was turned to be upright
    skew: float = 0.0  # degrees it was straightened by
    dropped_lines: int = 0
    status: PageStatus = "ok"
    notes: list[str] = field(default_factory=list)
    repaired: int = 0  # unsure words respelled from known pairs (ingest.ocr_repair)
    lines: list[list[_Word]] = field(default_factory=list, repr=False)  # the words kept, for harmonize()


def ocr_available(settings: OcrSettings | None = None) -> str | None:
    """None when OCR can run, else why not (one line, with what to install)."""
    s = settings or OcrSettings()
    exe = shutil.which(s.tesseract)
    if exe is None:
        return "Tesseract is not installed (Debian: apt-get install tesseract-ocr tesseract-ocr-vie)"
    missing = [lang for lang in s.lang.split("+") if lang not in _languages(exe)]
    if missing:
        pkgs = " ".join(f"tesseract-ocr-{lang}" for lang in missing)
        return f"the Tesseract language model {'+'.join(missing)!r} is not installed (Debian: apt-get install {pkgs})"
    return None


_LANG_CACHE: dict[str, frozenset[str]] = {}


def _languages(exe: str) -> frozenset[str]:
    if exe not in _LANG_CACHE:
        try:
            out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30).stdout
        except (OSError, subprocess.TimeoutExpired):
            out = ""
        _LANG_CACHE[exe] = frozenset(line.strip() for line in out.splitlines()[1:] if line.strip())
    return _LANG_CACHE[exe]


# ---------------------------------------------------------------- image preparation


SMOOTH_FROM_FACTOR = 1.75  # pages enlarged this much or more are also read smoothed


def _scale_to_target(img: Image.Image, dpi: float | None, smooth: bool = True) -> Image.Image:
    """Tesseract reads body text best at about 300 dpi; upscale lower scans, shrink much higher ones.

    A page enlarged about twice or more is smoothed by half the factor (`smooth`): enlarging keeps
    the blocky edges of JPEG compression and scanner grain, which Tesseract reads as stray accents
    (150-dpi JPEG scans: CER 0.53% -> 0.29%, "dẫn" no longer "dân"). On a clean lossless image the
    same smoothing blurs the accents instead (CER 2.0% -> 4.0%): prepare_page smooths only a page
    with grain (`_has_grain`).
    """
    if not dpi or dpi <= 0:
        dpi = img.width / 8.27 if img.width < img.height else img.height / 8.27  # assume an A4 page
    factor = TARGET_DPI / dpi
    if 0.9 <= factor <= 1.1:
        return img
    factor = min(factor, 3.0)
    size = (max(1, round(img.width * factor)), max(1, round(img.height * factor)))
    out = img.resize(size, Image.Resampling.LANCZOS)
    if smooth and factor >= SMOOTH_FROM_FACTOR:
        out = out.filter(ImageFilter.GaussianBlur(factor / 2))
    return out


GRAIN_SHARE = 0.05


def _has_grain(grey: Image.Image) -> bool:
    """Paper texture or JPEG compression: many of the page's light pixels are not pure white. A
    page rendered without loss has almost none (<1%); a JPEG-compressed scan 10-35%."""
    arr = np.asarray(grey, dtype=np.uint8)
    light = arr[arr > 200]
    return bool(light.size) and float((light < 255).mean()) >= GRAIN_SHARE


def drop_colour(img: Image.Image) -> Image.Image:
    """Grey page with coloured ink removed: red seals and blue or green signatures vanish, black
    text stays, including black text printed under a red seal.

    Black ink is dark in every channel; coloured ink is bright in its own channel. For strongly
    coloured pixels we keep that bright channel (so a red seal turns white and black text under it,
    dark in red too, stays dark); for the rest, the plain luminance.
    """
    rgb = np.asarray(img.convert("RGB"), dtype=np.int16)
    hi = rgb.max(axis=2)
    lo = rgb.min(axis=2)
    grey = np.asarray(img.convert("L"), dtype=np.int16)
    coloured = (hi - lo) > 60
    red = coloured & (rgb[..., 0] == hi)
    # Red ink: the red channel shows what is under it. Other colours (signatures): paper.
    out = np.where(red, rgb[..., 0], np.where(coloured, 255, grey))
    # What is left of a seal's edge is light; push it to white so it does not become specks.
    out = np.where(red & (out > 150), 255, out)
    return Image.fromarray(out.astype(np.uint8), "L")


def binarize(grey: Image.Image) -> Image.Image:
    """Black text on white: Otsu's threshold, after a median filter that removes scanner specks."""
    arr = np.asarray(grey, dtype=np.uint8)
    threshold = _otsu(arr)
    return Image.fromarray(np.where(arr > threshold, 255, 0).astype(np.uint8), "L")


def _otsu(arr: np.ndarray) -> int:
    hist = np.bincount(arr.ravel(), minlength=256).astype(np.float64)
    total = hist.sum()
    if total == 0:
        return 128
    omega = np.cumsum(hist) / total
    mu = np.cumsum(hist * np.arange(256)) / total
    mu_t = mu[-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        sigma = (mu_t * omega - mu) ** 2 / (omega * (1 - omega))
    sigma = np.nan_to_num(sigma)
    return int(np.argmax(sigma))


def estimate_skew(binary: Image.Image, limit: float = 6.0) -> float:
    """The rotation (degrees) that makes text lines horizontal: the angle whose row profile of
    dark pixels is sharpest, searched coarse then fine on a reduced copy of the page."""
    small = binary.reduce(4) if min(binary.size) > 800 else binary
    ink = Image.fromarray((255 - np.asarray(small, dtype=np.uint8)), "L")
    if np.asarray(ink).mean() < 0.5:  # an empty page has no lines to straighten
        return 0.0

    def sharpness(angle: float) -> float:
        rows = np.asarray(ink.rotate(angle, resample=Image.Resampling.NEAREST, fillcolor=0), dtype=np.float64)
        profile = rows.sum(axis=1)
        return float(np.sum(np.diff(profile) ** 2))

    best = max(np.arange(-limit, limit + 0.01, 0.5), key=sharpness)
    fine = max(np.arange(best - 0.5, best + 0.51, 0.1), key=sharpness)
    return round(float(fine), 2)


@dataclass
class PreparedPage:
    image: Image.Image  # binary, upright, straight, ~300 dpi
    grey: Image.Image
    skew: float


def prepare_page(img: Image.Image, dpi: float | None = None, smooth: bool = True) -> PreparedPage:
    """Scale, remove colour, binarize, deskew (rotation by quarter turns is decided by Tesseract)."""
    if img.mode in ("RGBA", "LA", "P"):
        background = Image.new("RGB", img.size, "white")
        rgba = img.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        img = background
    grey = drop_colour(img) if img.mode not in ("L", "1") else img.convert("L")
    grainy = smooth and _has_grain(grey)
    # Specks are removed at the scan's own resolution, where they are a pixel or two wide.
    grey = grey.filter(ImageFilter.MedianFilter(3))
    grey = _scale_to_target(grey, dpi, grainy)
    skew = estimate_skew(binarize(grey))
    if abs(skew) >= 0.2:
        grey = grey.rotate(skew, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    return PreparedPage(binarize(grey), grey, skew)


# ---------------------------------------------------------------- tesseract


def _run(args: list[str], settings: OcrSettings, timeout: float, what: str) -> str:
    env = {**os.environ, "OMP_THREAD_LIMIT": str(settings.threads)}
    try:
        done = subprocess.run(args, capture_output=True, timeout=timeout, env=env, check=False)
    except subprocess.TimeoutExpired:
        raise OcrPageError(f"OCR took longer than {settings.page_timeout_seconds:g} s on {what}") from None
    except OSError as exc:
        raise OcrEngineMissing(f"Tesseract could not be started ({exc.strerror or exc})") from None
    if done.returncode != 0:
        tail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise OcrPageError(f"Tesseract failed on {what} ({tail[-1] if tail else f'exit {done.returncode}'})")
    return done.stdout.decode("utf-8", "replace")


def _orientation(img: Image.Image, tmp: Path, settings: OcrSettings, deadline: float, what: str) -> int:
    """Degrees to turn the page clockwise so that it is upright (0 when unsure or no OSD model)."""
    if "osd" not in _languages(shutil.which(settings.tesseract) or settings.tesseract):
        return 0
    path = tmp / "osd.png"
    img.reduce(2).save(path, dpi=(TARGET_DPI // 2, TARGET_DPI // 2))  # as reliable at half size, faster
    try:
        out = _run([settings.tesseract, str(path), "-", "--psm", "0", "-l", "osd"], settings,
                   max(1.0, deadline - time.monotonic()), what)
    except OcrPageError as exc:
        if "took longer" in str(exc):
            raise
        return 0  # too few characters to tell: read it as it is
    rotate, confidence = 0, 0.0
    for line in out.splitlines():
        key, _, value = line.partition(":")
        if key.strip() == "Rotate":
            rotate = int(value.strip() or 0)
        elif key.strip() == "Orientation confidence":
            confidence = float(value.strip() or 0)
    return rotate if confidence >= 2.0 else 0


@dataclass
class _Word:
    block: int
    par: int
    line: int
    left: int
    top: int
    height: int
    conf: float
    text: str


def _tsv_words(tsv: str) -> list[_Word]:
    words: list[_Word] = []
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5":
            continue
        text = cols[11].strip()
        if not text:
            continue
        words.append(_Word(int(cols[2]), int(cols[3]), int(cols[4]), int(cols[6]), int(cols[7]), int(cols[9]),
                           float(cols[10]), unicodedata.normalize("NFC", text)))
    return words


def _tesseract_words(img: Image.Image, tmp: Path, settings: OcrSettings, deadline: float, what: str) -> list[_Word]:
    path = tmp / "page.png"
    img.save(path, dpi=(TARGET_DPI, TARGET_DPI))
    out = _run([settings.tesseract, str(path), "-", "-l", settings.lang, "--psm", "3", "--dpi", str(TARGET_DPI),
                "tsv"], settings, max(1.0, deadline - time.monotonic()), what)
    return _tsv_words(out)


def _is_wordlike(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


_PER_MILLE = re.compile(r"(\d)\s?%o\b")  # Tesseract reads "‰" as "%o"


# Measured on the benchmark's scans (scripts/ocr_bench.py, 2,052 numbers at 150 and 300 dpi): of
# the 24 numbers read below 80% confidence, 9 were wrong ("5." read as "2." at 64%: a wrong lead);
# of the 2,028 read at 80% or more, none.
UNSURE_NUMBER_CONFIDENCE = 80.0
_MARKER = re.compile(r"^\d{1,2}[.)]$")
_DOC_REF = re.compile(r"^\W*\d+/(?:\d{4}/)?[A-ZĐ]{1,6}(?:-[A-ZĐ&]{1,10})*\W*$")  # 05/NQ-HĐND, 12/2024/QĐ-UBND
_GARBLED_NUMBER = re.compile(r"^\d+[^\W\d_]+[,.;:]?$")  # "106G,": digits run into letters


def _clean_marks(line: list[_Word], unsure: list[str], after: str = "") -> list[_Word]:
    """Scanner specks next to a word come out as punctuation: "tế:", "-đạt", a lone "." or "'".
    Unsure punctuation goes where it cannot be real: alone (other than a bullet), before a lowercase
    word, or glued in front of one. Numbers read with little confidence are left out (into `unsure`),
    except a list marker starting a line after a finished one (`after`: the line before's text)."""
    last = after.split()[-1] if after.split() else ""
    starts_item = not last or last[-1] in ".:;!?)" or last.isupper()
    out: list[_Word] = []
    for i, w in enumerate(line):
        text = w.text
        if not _is_wordlike(text):
            bullet = i == 0 and text in ("-", "+", "–", "•")
            if w.conf < (50 if bullet else 80):
                continue
        elif i == 0 and starts_item and _MARKER.match(text) and len(line) > 1 and line[1].text[:1].isupper():
            pass  # a list marker ("4. Sở Y tế") numbers a block, not a fact: losing it would merge
            # the block into the one before, and give that body this one's duties
        elif _DOC_REF.match(text):
            pass  # another document's number ("05/NQ-HĐND") is no fact; without it "chỉ tiêu 6 của
            # Nghị quyết số 05/NQ-HĐND" would read as this plan's indicator 6
        elif any(c.isdigit() for c in text) and (w.conf < UNSURE_NUMBER_CONFIDENCE or (
                w.conf < 90 and _GARBLED_NUMBER.match(text))):
            # An indicator number or a target misread is a wrong fact; one left out is only a gap
            # (its punctuation stays, so the quote shows the gap: "73, , 89").
            text = text[-1] if text[-1] in ",.;:" else ""
            unsure.append(w.text)
        elif w.conf < 90:
            nxt = line[i + 1].text if i + 1 < len(line) else ""
            if nxt[:1].islower() and text[-1] in ".:;,'\"":
                text = text.rstrip(".:;,'\"")
            if text[:1] in "-'\"" and text[1:2].islower():
                text = text[1:]
        if text:
            out.append(_Word(w.block, w.par, w.line, w.left, w.top, w.height, w.conf, text))
    return out


def _reads_as_text(line: list[_Word]) -> bool:
    """A low-confidence line is kept when its words are real words (Tesseract is often unsure of
    abbreviations such as "LĐ-TBXH", or of words run together, "SởTT&TT"); what a stamp or a
    signature turns into is not."""
    tokens = split_joined_words(" ".join(w.text for w in line)).split()
    plausible = sum(1 for t in tokens if is_plausible_token(t))
    return plausible >= 0.6 * len(tokens) and any(len(t) >= 2 and is_plausible_token(t) for t in tokens)


def _lines(words: list[_Word]) -> Iterator[list[_Word]]:
    current: list[_Word] = []
    key: tuple[int, int, int] | None = None
    for w in words:
        k = (w.block, w.par, w.line)
        if key is not None and k != key:
            yield current
            current = []
        key = k
        current.append(w)
    if current:
        yield current


def _weighted_conf(words: list[_Word]) -> float:
    weight = sum(len(w.text) for w in words)
    return sum(w.conf * len(w.text) for w in words) / weight if weight else 0.0


def _kept_lines(words: list[_Word], settings: OcrSettings, unsure: list[str]) -> tuple[list[list[_Word]], int]:
    """Tesseract's lines, cleaned of specks; debris lines (a seal, a signature, noise) left out."""
    kept: list[list[_Word]] = []
    dropped = 0
    before = ""  # the line before as Tesseract read it
    for raw in _lines(words):
        line = _clean_marks(raw, unsure, before)
        before = " ".join(w.text for w in raw)
        if not any(_is_wordlike(w.text) for w in line) or (
            _weighted_conf(line) < settings.min_line_confidence and not _reads_as_text(line)
        ):
            dropped += 1
            continue
        kept.append(line)
    return kept, dropped


# A heading numbered in Roman numerals whose dot OCR lost or misread: "II TỔ CHỨC", "I[. MỤC TIÊU".
_ROMAN_HEADING = re.compile(rf"^([IVX]{{1,4}})[\[\]|!'`]*[.,:]?[\[\]|!'`]*\s+(?=[{VI_UPPER}]{{2,}}(?:[\s,-]+[{VI_UPPER}]+)+\s*$)")


def _page_text(lines: list[list[_Word]]) -> str:
    """Page text: one line per Tesseract line (a sentence's wrapped lines joined), a blank line
    between its blocks."""
    out: list[str] = []
    last_block: int | None = None
    for line in lines:
        if last_block is not None and line[0].block != last_block:
            out.append("")
        last_block = line[0].block
        text = join_split_syllables(split_joined_words(" ".join(w.text for w in line if w.text)))
        text = _ROMAN_HEADING.sub("\\1. ", _PER_MILLE.sub("\\1‰", text))
        if out and out[-1] and out[-1][-1] not in ".:;!?" and text[:1].islower():
            # A sentence wrapped onto the next line goes on there: one line, as the text version
            # has it, so a clause is not cut from its role word ("... phối hợp thực hiện / chỉ tiêu 1.").
            out[-1] += " " + text
        else:
            out.append(text)
    return "\n".join(out).strip()


def ocr_page(img: Image.Image, *, dpi: float | None = None, settings: OcrSettings | None = None,
             what: str = "page") -> PageText:
    """OCR one page image. Raises OcrPageError (timeout, crash) or OcrEngineMissing."""
    s = settings or OcrSettings()
    started = time.monotonic()
    deadline = started + s.page_timeout_seconds
    prepared = prepare_page(img, dpi)
    # Blank: less ink than a few words (a page number alone). One short line of text is ~0.0009
    # of an A4 page, so a page holding only the end of a plan is still read.
    if _ink_share(prepared.image) < BLANK_INK_SHARE:
        return PageText("", 0.0, 0, time.monotonic() - started, 0, prepared.skew, 0, "blank",
                        ["blank page (nothing printed on it)"])
    with tempfile.TemporaryDirectory(prefix="planqa-ocr-") as tmp_name:
        tmp = Path(tmp_name)
        best = _read(prepared, 0, tmp, s, deadline, what)
        if best.confidence < s.low_confidence:
            # Most pages are upright and read well at once; only a poor read pays for orientation
            # detection. Quarter turns need the page straightened again in its new direction.
            rotate = _orientation(prepared.image, tmp, s, deadline, what)
            candidates = [rotate] if rotate else [180]
            for turn in candidates:
                turned = prepare_page(prepared.grey.rotate(-turn, expand=True), TARGET_DPI)
                again = _read(turned, turn, tmp, s, deadline, what)
                if again.confidence > best.confidence + 5 and again.chars >= best.chars // 2:
                    best, prepared = again, turned
    seconds = time.monotonic() - started
    if best.chars < 3:
        return PageText("", best.confidence, 0, seconds, best.rotate, prepared.skew, best.dropped, "unreadable",
                        ["no readable text (marks or noise only)"])
    status: PageStatus = "low_confidence" if best.confidence < s.low_confidence else "ok"
    notes = [f"{best.unsure} number(s) could not be read with confidence and were left out"] if best.unsure else []
    return PageText(unicodedata.normalize("NFC", best.text), round(best.confidence, 1), best.words, seconds,
                    best.rotate, prepared.skew, best.dropped, status, notes, best.repaired, best.lines)


@dataclass
class _Read:
    text: str
    confidence: float
    words: int
    chars: int
    dropped: int
    rotate: int
    unsure: int
    lines: list[list[_Word]]
    repaired: int


def _read(prepared: PreparedPage, rotate: int, tmp: Path, s: OcrSettings, deadline: float, what: str) -> _Read:
    words = _tesseract_words(prepared.image, tmp, s, deadline, what)
    unsure: list[str] = []
    lines, dropped = _kept_lines(words, s, unsure)
    kept = [w for line in lines for w in line]
    repaired = repair_words(kept, LEXICON.over(known_pairs(kept)))
    return _Read(_page_text(lines), _weighted_conf(kept), len(kept), sum(len(w.text) for w in kept), dropped, rotate,
                 len(unsure), lines, repaired)


def harmonize(pages: list[PageText]) -> int:
    """Respell each page's unsure words from the pairs of words read with confidence anywhere in
    the document (names recur: a body in its heading and in its duties, a place in the header and
    the title). Returns how many words changed; the pages' text is updated."""
    every = [w for page in pages for line in page.lines for w in line]
    known = LEXICON.over(known_pairs(every))
    changed = 0
    for page in pages:
        words = [w for line in page.lines for w in line]
        n = repair_words(words, known)
        if n:
            page.text = unicodedata.normalize("NFC", _page_text(page.lines))
            page.repaired += n
            changed += n
    return changed


def _ink_share(binary: Image.Image) -> float:
    arr = np.asarray(binary, dtype=np.uint8)
    return float((arr < 128).mean()) if arr.size else 0.0


def character_error_rate(read: str, reference: str) -> float:
    """Edits (insertions, deletions, substitutions) to turn `read` into `reference`, per reference
    character, after NFC and with all runs of whitespace counted as one space.

    >>> character_error_rate("Kế hoạch  số 5", "Kế hoạch số 5"), character_error_rate("Ke hoach", "Kế hoạch")
    (0.0, 0.25)
    """
    a = " ".join(unicodedata.normalize("NFC", read).split())
    b = " ".join(unicodedata.normalize("NFC", reference).split())
    if not b:
        return 0.0 if not a else 1.0
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return round(previous[-1] / len(b), 4)
