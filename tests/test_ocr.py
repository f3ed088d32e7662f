"""Scanned plans read by the real Tesseract (installed by .ci/install-ocr.sh): a scanned PDF with
skew, noise, a red seal and a signature; a PDF whose second page only is a scan; upside-down,
blank and multi-page image files; crashes and timeouts; image bombs. Kept to a few small pages
at modest resolution so the suite stays fast."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
import unicodedata
import zlib
from pathlib import Path

import pytest
from docgen import FORMS_PLAN, FORMS_PLAN_FACTS, FORMS_PLAN_LINES, _new_pdf, make_scan
from PIL import Image

from index.config import IndexConfig
from index.library import Library
from ingest.errors import EmptyDocument, FileTooLarge, OcrFailed
from ingest.loaders import LoadLimits, PageProgress, load_document
from ingest.model import PlanDocument
from ingest.ocr import OcrSettings, character_error_rate, ocr_available
from ingest.parse import parse_document

HEAD = "\n".join(FORMS_PLAN_LINES[:11]) + "\n"  # header and the five indicators: half a page


def fact_set(doc: PlanDocument) -> set[tuple[object, ...]]:
    out: set[tuple[object, ...]] = set()
    for ind in doc.indicators:
        out.add(("indicator", ind.number))
        out.update(("target", ind.number, t.year, t.value) for t in ind.targets)
    out.update((a.role, a.indicator_number, a.agency) for a in doc.assignments)
    return out


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_scan(tmp_path_factory.mktemp("scan") / "ke_hoach_scan.pdf", FORMS_PLAN, dpi=200,
                     skew_degrees=1.2, noise=0.004, stamp=True, signature=True, seed=7)


def test_scanned_plan_gives_the_facts_of_its_text(scanned: Path, tmp_path: Path) -> None:
    path = scanned
    events: list[PageProgress] = []
    raw = load_document(path, progress=events.append)
    scan = parse_document(raw)
    (tmp_path / "plan.txt").write_text(FORMS_PLAN, encoding="utf-8")
    text = parse_document(load_document(tmp_path / "plan.txt"))
    expected = fact_set(text)
    found = fact_set(scan) & expected
    assert len(found) >= 0.95 * len(expected), sorted(expected - found)
    assert not fact_set(scan) - expected  # nothing invented (no lead, support or target made up)
    # Leads are the worst thing to get wrong: all of them, exactly.
    assert {(n, frozenset(f[0])) for n, f in FORMS_PLAN_FACTS.items()} == {
        (i.number, frozenset(a.agency for a in scan.assignments if a.indicator_number == i.number and a.role == "lead"))
        for i in scan.indicators
    }
    ocr_text = "\n".join(b.text for b in raw.blocks)
    cer = character_error_rate(ocr_text, FORMS_PLAN)
    print(f"\nCER of the 200-dpi scan with skew, noise, seal and signature: {cer:.4f}")
    assert cer < 0.05
    # Provenance: every page read by OCR, with its number and confidence, and facts marked as from a scan.
    assert [(e.page, e.origin) for e in events] == [(r.page, "ocr") for r in raw.readings]
    assert all(r.origin == "ocr" and r.confidence and r.confidence > 70 for r in raw.readings)
    assert scan.ocr_pages == [r.page for r in raw.readings]
    assert all(a.span.origin == "ocr" and a.span.page in scan.ocr_pages for a in scan.assignments)
    assert raw.ocr_confidence is not None and raw.ocr_confidence > 70
    # The seal ("ỦY BAN NHÂN DÂN" around a star) and the signature are not read as text.
    assert ocr_text.count("ỦY BAN NHÂN DÂN") == FORMS_PLAN.count("ỦY BAN NHÂN DÂN")
    assert all(b.text == unicodedata.normalize("NFC", b.text) for b in raw.blocks)


def test_pdf_with_one_scanned_page_keeps_the_text_page(tmp_path: Path) -> None:
    page_image = make_scan(tmp_path / "p2.png", "II. TỔ CHỨC THỰC HIỆN\n1. Phòng Nội vụ\n"
                           "- Chủ trì thực hiện chỉ tiêu 1.\n", dpi=150, skew_degrees=-0.8)
    pdf = _new_pdf()
    pdf.add_page()
    pdf.multi_cell(0, 7, "KẾ HOẠCH\nI. MỤC TIÊU\n- Chỉ tiêu 1: Tỷ lệ hồ sơ xử lý trực tuyến đạt 80% vào năm 2025.")
    pdf.add_page()
    pdf.image(str(page_image), x=0, y=0, w=pdf.w, h=pdf.h)
    path = tmp_path / "mixed.pdf"
    pdf.output(str(path))
    raw = load_document(path)
    assert [(r.page, r.origin) for r in raw.readings] == [(1, "text"), (2, "ocr")]
    assert [(b.page, b.origin) for b in raw.blocks] == [(1, "text"), (2, "ocr")]
    assert raw.blocks[0].text.startswith("KẾ HOẠCH\nI. MỤC TIÊU")  # the text layer, exactly
    assert "Chủ trì thực hiện chỉ tiêu 1" in raw.blocks[1].text
    doc = parse_document(raw)
    lead = [a for a in doc.assignments if a.indicator_number == 1 and a.role == "lead"]
    assert [(a.agency, a.span.page, a.span.origin) for a in lead] == [("Phòng Nội vụ", 2, "ocr")]
    assert doc.indicators[0].span.origin == "text"


def test_upside_down_scan_is_turned_and_named(tmp_path: Path) -> None:
    raw = load_document(make_scan(tmp_path / "nguoc.png", HEAD, dpi=150, upside_down=True))
    text = raw.blocks[0].text
    assert "Chỉ tiêu 3: Tỷ lệ người dân trưởng thành" in text
    assert character_error_rate(text, HEAD) < 0.05
    assert raw.readings[0].status == "ok"
    assert any(w.startswith("page 1 was upside down") for w in raw.warnings), raw.warnings


def test_multipage_tiff_with_a_blank_page(tmp_path: Path) -> None:
    path = make_scan(tmp_path / "hai_trang.tif", HEAD + "\n" * 60, dpi=150)
    with Image.open(path) as image:
        assert image.n_frames == 2  # the second page is blank paper
    raw = load_document(path)
    assert raw.fmt == "tiff"
    assert [(r.page, r.status) for r in raw.readings] == [(1, "ok"), (2, "blank")]
    assert [b.page for b in raw.blocks] == [1]
    assert raw.warnings == ["blank page 2 (nothing read there)"]


def test_blank_scan_is_refused_with_its_page(tmp_path: Path) -> None:
    path = tmp_path / "trang.png"
    Image.new("RGB", (1240, 1754), "white").save(path, dpi=(150, 150))
    with pytest.raises(EmptyDocument, match=r"^trang\.png: is a scan with nothing to read: blank page 1$"):
        load_document(path)


def _fake_tesseract(tmp_path: Path, body: str) -> OcrSettings:
    """A `tesseract` that answers --list-langs like the real one, then misbehaves on pages."""
    exe = tmp_path / "tesseract"
    exe.write_text(f'#!/bin/sh\nif [ "$1" = "--list-langs" ]; then printf "List\\nvie\\n"; exit 0; fi\n{body}\n')
    exe.chmod(0o755)
    return OcrSettings(tesseract=str(exe), page_timeout_seconds=2)


@pytest.mark.parametrize(
    ("body", "reason"),
    [("sleep 30", "OCR took longer than 2 s on page 1"),
     ("echo 'Segmentation fault' >&2; exit 139", "Tesseract failed on page 1 (Segmentation fault)")],
    ids=["timeout", "crash"],
)
def test_ocr_crash_or_timeout_fails_that_document_alone(tmp_path: Path, body: str, reason: str) -> None:
    scan = make_scan(tmp_path / "scan.png", HEAD, dpi=100)
    good = tmp_path / "plan.txt"
    good.write_text(FORMS_PLAN, encoding="utf-8")
    with pytest.raises(OcrFailed, match=r"^scan\.png: "):
        load_document(scan, ocr=_fake_tesseract(tmp_path, body))
    lib = Library.create_or_open(tmp_path / "index", IndexConfig())
    report = lib.ingest_paths([scan, good], ocr=_fake_tesseract(tmp_path, body))
    assert len(report.added) == 1 and report.counts["documents"] == 1
    assert report.failed == [("scan.png", f"{reason}; the document was not ingested")]
    before = lib.counts()
    again = lib.ingest_paths([scan], ocr=_fake_tesseract(tmp_path, body))
    assert again.failed and lib.counts() == before  # the index is as it was


def _png_header_only(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


@pytest.mark.parametrize("size", [(60_000, 60_000), (20_000, 20_000)])
def test_image_decompression_bomb_is_refused_before_decoding(tmp_path: Path, size: tuple[int, int]) -> None:
    path = tmp_path / "bom.png"
    path.write_bytes(_png_header_only(*size))
    assert path.stat().st_size < 200
    with pytest.raises(FileTooLarge, match=r"^bom\.png: "):
        load_document(path)


def test_pdf_page_limit(tmp_path: Path) -> None:
    from docgen import make_pdf

    with pytest.raises(FileTooLarge, match=r"has 3 pages, over the 2-page limit"):
        load_document(make_pdf(tmp_path / "dai.pdf", ["Trang một", "Trang hai", "Trang ba"]),
                      limits=LoadLimits(max_pages=2))


def test_cli_ingest_shows_page_progress_and_warnings(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    make_scan(folder / "nguoc.png", HEAD, dpi=150, upside_down=True)
    result = subprocess.run(
        [sys.executable, "-m", "planqa_cli", "ingest", str(folder), "--index", str(tmp_path / "index")],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert "nguoc.png: OCR page 1/1 (" in result.stderr and "confidence" in result.stderr
    assert "warning: nguoc.png: page 1 was upside down" in result.stderr
    assert "1 page(s) read by OCR" in result.stdout and "s/page" in result.stdout


def test_tesseract_with_its_vietnamese_model_is_installed() -> None:
    # scripts/test and .ci/run install it (.ci/install-ocr.sh); these tests use the real engine.
    assert shutil.which("tesseract") is not None and ocr_available() is None, ocr_available()


def test_a_page_with_one_line_is_read_not_called_blank(tmp_path: Path) -> None:
    # The last page of a plan often holds a line or two; it must not be skipped as blank paper.
    raw = load_document(make_scan(tmp_path / "cuoi.png", "- Phối hợp thực hiện chỉ tiêu 2, 5.\n", dpi=300))
    assert [(r.page, r.status) for r in raw.readings] == [(1, "ok")]
    assert raw.blocks[0].text == "- Phối hợp thực hiện chỉ tiêu 2, 5."


def _scribbles(path: Path, dpi: int = 150) -> Path:
    """A page of black pen scribbles and blots: marks, no text."""
    import random

    from PIL import ImageDraw

    rng = random.Random(3)
    img = Image.new("RGB", (int(8.27 * dpi), int(11.69 * dpi)), "white")
    draw = ImageDraw.Draw(img)
    for _ in range(40):
        x, y = rng.randrange(100, img.width - 300), rng.randrange(100, img.height - 300)
        points = [(x + rng.randrange(-120, 120), y + rng.randrange(-120, 120)) for _ in range(8)]
        draw.line(points, fill="black", width=rng.choice((2, 4, 7)), joint="curve")
    for _ in range(6):
        x, y = rng.randrange(100, img.width - 300), rng.randrange(100, img.height - 300)
        draw.ellipse((x, y, x + rng.randrange(20, 90), y + rng.randrange(20, 90)), fill="black")
    img.save(path, dpi=(dpi, dpi))
    return path


def test_unreadable_scan_is_named_with_its_page_and_nothing_is_invented(tmp_path: Path) -> None:
    with pytest.raises(EmptyDocument, match=r"^nguech\.png: is a scan with nothing to read: "
                                            r"(no readable text on page 1 \(marks or noise only\)|blank page 1)$"):
        load_document(_scribbles(tmp_path / "nguech.png"))


def test_unreadable_page_among_readable_ones_is_named(tmp_path: Path) -> None:
    page1 = tmp_path / "p1.png"
    make_scan(page1, HEAD, dpi=150)
    _scribbles(tmp_path / "p2.png")
    path = tmp_path / "hai.tif"
    with Image.open(page1) as a, Image.open(tmp_path / "p2.png") as b:
        a.save(path, save_all=True, append_images=[b], dpi=(150, 150), compression="tiff_deflate")
    raw = load_document(path)
    assert [b.page for b in raw.blocks] == [1]
    assert raw.readings[1].status in ("unreadable", "blank")
    assert any(w.endswith("page 2 (marks or noise only; nothing read there)") or w == "blank page 2 (nothing read there)"
               for w in raw.warnings), raw.warnings


@pytest.mark.parametrize(("blur", "warning"), [
    (2.2, r"^page 1: \d+ number\(s\) could not be read with confidence and were left out$"),
    (2.8, r"^OCR confidence is low \(\d+%\) on page 1; check answers from it against the original$"),
], ids=["blurred", "very-blurred"])
def test_blurred_scan_gives_gaps_and_a_warning_never_a_wrong_value(tmp_path: Path, blur: float, warning: str) -> None:
    # Whatever is read from a badly blurred scan, no indicator, target, lead or support may differ
    # from the text's: numbers Tesseract is unsure of are left out and the warning says so.
    raw = load_document(make_scan(tmp_path / "mo.png", HEAD, dpi=150, blur=blur, noise=0.02, seed=2))
    (tmp_path / "plan.txt").write_text(HEAD, encoding="utf-8")
    want = fact_set(parse_document(load_document(tmp_path / "plan.txt")))
    got = fact_set(parse_document(raw))
    assert got <= want and len(got) < len(want)
    assert any(re.match(warning, w) for w in raw.warnings), raw.warnings
