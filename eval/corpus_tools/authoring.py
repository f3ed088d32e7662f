"""Turn the plain-text source of an authored plan into the file form an official would have.

Each authored document is written once, as UTF-8 text in a `sources/` folder beside the documents
(`eval/corpus/sources/` for dev, `eval/heldout/sources/` for test), named `*.source` (`*.tsv` for a
workbook) so that ingesting the folder, which reads subfolders too, does not take them for documents. That text is what the document
says: the dataset's gold passages are checked against it. This module renders it as the layout the
document is filed in: plain text, DOCX, legacy Word .doc (DOCX converted by LibreOffice, as
tests/data/make_doc_fixtures.py does), an Excel workbook, TCVN3-encoded bytes, or a scanned PDF
(render_scan.py: skew, noise, red stamp, signature).

Markup in a source file, kept small:
- `LEFT || RIGHT`: one row of the two-column header (issuer on the left, national motto and
  place-and-date on the right). DOCX puts the rows in a borderless two-column table; text forms
  put the right column after the left, separated by spaces, as text extraction of a scan does.
- `| a | b | c |`: a table row (consecutive rows form one table; the first is the header).
- For a workbook source, every line is a row and cells are separated by tab characters.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path

HEADER_SEP = "||"


def _blocks(text: str) -> Iterator[tuple[str, list[list[str]]]]:
    """('header' | 'table' | 'para', rows) blocks of a source text, in order."""
    pending_kind = ""
    rows: list[list[str]] = []
    for line in text.splitlines():
        stripped = line.strip()
        if HEADER_SEP in stripped:
            kind, cells = "header", [c.strip() for c in stripped.split(HEADER_SEP)]
        elif stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
            kind, cells = "table", [c.strip() for c in stripped.strip("|").split("|")]
        else:
            kind, cells = "para", [line.rstrip()]
        if kind != pending_kind or kind == "para":
            if rows:
                yield pending_kind, rows
            rows, pending_kind = [], kind
        rows.append(cells)
    if rows:
        yield pending_kind, rows


def plain_text(source: str) -> str:
    """The source as a plain-text document: header columns side by side, tables as pipe rows."""
    out: list[str] = []
    for kind, rows in _blocks(source):
        if kind == "header":
            out += [f"{row[0]:<44}{' '.join(row[1:])}".rstrip() for row in rows]
        elif kind == "table":
            out += ["| " + " | ".join(row) + " |" for row in rows]
        else:
            out += [row[0] for row in rows]
    return "\n".join(out).rstrip() + "\n"


def write_docx(source: str, out: Path) -> None:
    """A DOCX with a real two-column header table, real tables and one paragraph per line."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"  # type: ignore[attr-defined]
    style.font.size = Pt(13)  # type: ignore[attr-defined]
    for kind, rows in _blocks(source):
        if kind == "para":
            text = rows[0][0]
            para = document.add_paragraph(text.strip())
            if text.strip() and text.strip() == text.strip().upper() and len(text.strip()) < 90:
                para.runs[0].bold = True
            continue
        width = max(len(r) for r in rows)
        table = document.add_table(rows=len(rows), cols=width)
        if kind == "table":
            table.style = "Table Grid"
        for r, row in enumerate(rows):
            for c in range(width):
                cell = table.cell(r, c)
                cell.text = row[c] if c < len(row) else ""
                if kind == "header":
                    cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.core_properties.author = "planqa eval"
    document.save(str(out))


def write_doc(source: str, out: Path) -> None:
    """Legacy Word 97-2003 .doc: the DOCX form converted by LibreOffice (needs `soffice`)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        raise RuntimeError("needs LibreOffice (Debian: apt-get install --no-install-recommends libreoffice-writer-nogui)")
    with tempfile.TemporaryDirectory() as tmp:
        docx_path = Path(tmp) / f"{out.stem}.docx"
        write_docx(source, docx_path)
        subprocess.run([soffice, "--headless", "--convert-to", "doc:MS Word 97", "--outdir", tmp, str(docx_path)],
                       check=True, capture_output=True, timeout=300)
        shutil.copy(Path(tmp) / f"{out.stem}.doc", out)


def write_xlsx(source: str, out: Path, sheet: str = "Phan cong") -> None:
    """An Excel workbook: one row per source line, cells split on tabs; numbers stay text as typed."""
    import openpyxl
    from openpyxl.styles import Alignment, Font

    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet
    for line in source.splitlines():
        cells = line.split("\t") if line.strip() else []
        ws.append(cells)
        if len(cells) == 1:
            ws.cell(ws.max_row, 1).font = Font(bold=True)
    for column in ws.columns:
        for cell in column:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    # A fixed timestamp keeps the file byte-stable across regenerations.
    import datetime as _dt

    book.properties.created = book.properties.modified = _dt.datetime(2024, 1, 1)
    book.properties.creator = "planqa eval"
    book.save(str(out))


def xlsx_text(source: str) -> str:
    """The workbook source as text, cells joined by " | ": what the gold passages are checked against."""
    return "\n".join(" | ".join(c for c in line.split("\t")) for line in source.splitlines()) + "\n"


# TCVN 5712:1993 (VN3, the ".VnTime" fonts): one byte per letter. Written here from the standard's
# table, independently of the product's decoder, so a wrong table in either shows up as a failure.
_TCVN3 = {
    "Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6, "Đ": 0xA7,
    "ă": 0xA8, "â": 0xA9, "ê": 0xAA, "ô": 0xAB, "ơ": 0xAC, "ư": 0xAD, "đ": 0xAE,
    "à": 0xB5, "ả": 0xB6, "ã": 0xB7, "á": 0xB8, "ạ": 0xB9,
    "ằ": 0xBB, "ẳ": 0xBC, "ẵ": 0xBD, "ắ": 0xBE, "ặ": 0xC6,
    "ầ": 0xC7, "ẩ": 0xC8, "ẫ": 0xC9, "ấ": 0xCA, "ậ": 0xCB,
    "è": 0xCC, "ẻ": 0xCE, "ẽ": 0xCF, "é": 0xD0, "ẹ": 0xD1,
    "ề": 0xD2, "ể": 0xD3, "ễ": 0xD4, "ế": 0xD5, "ệ": 0xD6,
    "ì": 0xD7, "ỉ": 0xD8, "ĩ": 0xDC, "í": 0xDD, "ị": 0xDE,
    "ò": 0xDF, "ỏ": 0xE1, "õ": 0xE2, "ó": 0xE3, "ọ": 0xE4,
    "ồ": 0xE5, "ổ": 0xE6, "ỗ": 0xE7, "ố": 0xE8, "ộ": 0xE9,
    "ờ": 0xEA, "ở": 0xEB, "ỡ": 0xEC, "ớ": 0xED, "ợ": 0xEE,
    "ù": 0xEF, "ủ": 0xF1, "ũ": 0xF2, "ú": 0xF3, "ụ": 0xF4,
    "ừ": 0xF5, "ử": 0xF6, "ữ": 0xF7, "ứ": 0xF8, "ự": 0xF9,
    "ỳ": 0xFA, "ỷ": 0xFB, "ỹ": 0xFC, "ý": 0xFD, "ỵ": 0xFE,
}  # fmt: skip


def _tcvn3_char(ch: str) -> int:
    if ch in _TCVN3:
        return _TCVN3[ch]
    # Capitals with a tone mark have no code in .VnTime: typists wrote the lowercase letter
    # (the ".VnTimeH" capital fonts draw those codes as capitals).
    low = ch.lower()
    if low in _TCVN3:
        return _TCVN3[low]
    code = ord(ch)
    if code < 0x80:
        return code
    raise ValueError(f"no TCVN3 code for {ch!r}")


def _vntimeh(text: str) -> str:
    """Text as its TCVN3 codes hold it: a run in capitals (a heading, one header column) was set in
    a ".VnTimeH" font, which holds the lowercase codes; "Ủy" was typed "Uỷ" (no capital Ủ code)."""
    lines = []
    for line in unicodedata.normalize("NFC", text).splitlines(keepends=True):
        parts = re.split(r"( {2,})", line)
        parts = [p.lower() if p.strip() and p == p.upper() and any(c.isalpha() for c in p) else p for p in parts]
        lines.append("".join(parts))
    return "".join(lines).replace("Ủy", "Uỷ").replace("–", "-").replace("“", '"').replace("”", '"')


def to_tcvn3(text: str) -> bytes:
    """Unicode text as TCVN3 bytes (see `_vntimeh` for capitals)."""
    return bytes(_tcvn3_char(ch) for ch in _vntimeh(text))


def tcvn3_text(text: str) -> str:
    """What a TCVN3 rendering says once decoded: capital runs lowered, as the bytes hold them."""
    return _vntimeh(text)


_PORTAL_TOP = (
    '<header class="site-header"><div class="logo">CỔNG THÔNG TIN ĐIỆN TỬ</div>'
    '<nav><a href="/">Trang chủ</a> | <a href="/gioi-thieu">Giới thiệu</a> | <a href="/tin-tuc">Tin tức - Sự kiện</a>'
    ' | <a href="/van-ban">Văn bản chỉ đạo điều hành</a> | <a href="/lien-he">Liên hệ</a></nav>'
    '<form class="search"><input placeholder="Tìm kiếm..."></form></header>'
    '<div class="breadcrumb">Trang chủ &gt; Văn bản chỉ đạo điều hành &gt; Kế hoạch</div>'
)
_PORTAL_BOTTOM = (
    '<aside class="related"><h3>Tin liên quan</h3><ul><li><a href="#">Hội nghị tổng kết năm học</a></li>'
    '<li><a href="#">Lịch tiếp công dân tháng 01</a></li></ul></aside>'
    '<footer><p>Bản quyền thuộc Ủy ban nhân dân. Địa chỉ: số 1 đường Trung tâm. Điện thoại: 0200 3800 000.</p>'
    '<p>Lượt truy cập: 1.204.587</p></footer>'
)


def write_html(source: str, out: Path, title: str) -> None:
    """The plan as a page of a local government portal: site chrome around a content <div>, the
    two-column header as a table, tables as tables, one <p> per line."""
    from html import escape

    body: list[str] = []
    for kind, rows in _blocks(source):
        if kind == "para":
            text = rows[0][0].strip()
            if text:
                body.append(f"<p>{escape(text)}</p>")
            continue
        cells = "".join(
            "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows
        )
        body.append(f'<table class="{"header" if kind == "header" else "grid"}">{cells}</table>')
    page = (
        f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{escape(title)}</title></head><body>'
        + _PORTAL_TOP
        + '<div class="content"><article>' + "\n".join(body) + "</article></div>"
        + _PORTAL_BOTTOM
        + "</body></html>\n"
    )
    out.write_text(page, encoding="utf-8")


_PDF_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"


def write_pdf(source: str, out: Path) -> None:
    """A PDF with a text layer, as a plan exported from Word: header columns side by side, tables
    with ruled cells, paragraphs wrapped to the page width."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_creation_date(__import__("datetime").datetime(2024, 1, 1))
    pdf.add_font("serif", "", _PDF_FONT)
    pdf.set_font("serif", size=11)
    pdf.set_margins(20, 18, 18)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    for kind, rows in _blocks(source):
        if kind == "para":
            text = rows[0][0].strip()
            if text:
                pdf.multi_cell(width, 6, text, new_x="LMARGIN", new_y="NEXT")
            else:
                pdf.ln(3)
            continue
        if kind == "header":
            for row in rows:
                pdf.cell(width * 0.42, 6, row[0], align="C")
                pdf.cell(width * 0.58, 6, " ".join(row[1:]), align="C", new_x="LMARGIN", new_y="NEXT")
            continue
        ncols = max(len(r) for r in rows)
        widths = [width * 0.08] + [width * 0.92 * (0.7 if i == 0 else 0.3 / max(1, ncols - 2)) for i in
                                   range(ncols - 1)]
        with pdf.table(col_widths=widths, text_align="LEFT", first_row_as_headings=False) as table:
            for row in rows:
                r = table.row()
                for c in range(ncols):
                    r.cell(row[c] if c < len(row) else "")
        pdf.ln(2)
    pdf.output(str(out))


def write_scan(source: str, out: Path, *, dpi: int, skew: float, noise: float, seed: int) -> None:
    from eval.corpus_tools.render_scan import ScanStyle, render_pages, save_scan

    style = ScanStyle(dpi=dpi, skew_degrees=skew, noise=noise, stamp=True, signature=True, seed=seed)
    save_scan(render_pages(plain_text(source), style), out, dpi)
