"""Builders for small test documents in every supported format (and some broken ones).

Every function writes a real file with the same library or byte layout a real producer would use,
so loader tests exercise real parsing. Each returns the path it wrote.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from collections.abc import Sequence
from pathlib import Path

import docx
import pytest
from docx.document import Document as DocxDocument
from fpdf import FPDF
from fpdf.enums import EncryptionMethod

DEJAVU_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

# A sentence with most Vietnamese diacritic combinations, including stacked ones (ệ, ộ).
VI_SENTENCE = "Chỉ tiêu 14: Tỷ lệ trẻ em dưới 5 tuổi được đăng ký khai sinh đạt 98,5%"

# Text that only appears in the site chrome make_html wraps around a document.
CHROME_TEXTS = (
    "Cổng thông tin điện tử tỉnh",
    "Trang chủ",
    "Giới thiệu",
    "Bạn đang ở đây",
    "Tin liên quan",
    "Bản quyền thuộc về UBND tỉnh",
    "Trang này dùng cookie",
    "Chia sẻ lên Facebook",
    "Bình luận của bạn",
    "menu_script_text",
)

_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # the five cp1258 combining tones


def encode_cp1258(text: str) -> bytes:
    """Encode the way Vietnamese Windows-1258 files are written: base letter + combining tone mark.

    cp1258 has no precomposed toned letters (ệ, ỉ ...), so Python's codec cannot encode NFC text
    directly; we split each letter into its cp1258 base (ê) and its tone (dot below).
    """
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
        tones = "".join(c for c in decomposed if c in _TONE_MARKS)
        out += (base + tones).encode("cp1258")
    return bytes(out)


def write_text(path: Path, text: str, encoding: str = "utf-8") -> Path:
    """Write `text` in `encoding`: utf-8, utf-8-sig, utf-16 (with BOM), utf-16-le/-be (no BOM), cp1258."""
    data = encode_cp1258(text) if encoding.lower() in {"cp1258", "windows-1258"} else text.encode(encoding)
    path.write_bytes(data)
    return path


# ---------------------------------------------------------------- DOCX


def make_docx(
    path: Path,
    paragraphs: Sequence[str],
    tables: Sequence[Sequence[Sequence[str]]] | None = None,
    table_after: int = 1,
    merges: Sequence[tuple[int, int, int, int]] = (),
) -> Path:
    """A .docx with `paragraphs`, and `tables` (real Word tables) after the first `table_after` paragraphs.

    A "\\n" inside a paragraph becomes a soft line break (Shift+Enter). `merges` holds
    (table index, row, first column, last column) ranges to merge horizontally.
    """
    document = docx.Document()
    for i, text in enumerate(paragraphs):
        if i == table_after:
            _add_tables(document, tables or [], merges)
        _add_paragraph(document, text)
    if table_after >= len(paragraphs):
        _add_tables(document, tables or [], merges)
    document.save(str(path))
    return path


def _add_paragraph(document: DocxDocument, text: str) -> None:
    paragraph = document.add_paragraph()
    lines = text.split("\n")
    for j, line in enumerate(lines):
        run = paragraph.add_run(line)
        if j < len(lines) - 1:
            run.add_break()  # a soft line break (w:br), not a new paragraph


def _add_tables(
    document: DocxDocument,
    tables: Sequence[Sequence[Sequence[str]]],
    merges: Sequence[tuple[int, int, int, int]],
) -> None:
    for t, rows in enumerate(tables):
        ncols = max(len(r) for r in rows)
        table = document.add_table(rows=len(rows), cols=ncols)
        table.style = "Table Grid"
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                table.cell(r, c).text = value
        for ti, r, c0, c1 in merges:
            if ti == t:
                keep = table.cell(r, c0).text
                table.cell(r, c0).merge(table.cell(r, c1)).text = keep


def docx_bytes(paragraphs: Sequence[str]) -> bytes:
    """A valid .docx as bytes, for building broken variants of it."""
    buf = io.BytesIO()
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(buf)
    return buf.getvalue()


def make_docx_bomb(path: Path, expanded_bytes: int = 300 * 1024 * 1024) -> Path:
    """A small .docx whose word/document.xml inflates to `expanded_bytes` (zeros compress ~1000:1)."""
    chunk = b"\0" * (1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        with zf.open("word/document.xml", "w", force_zip64=True) as member:
            left = expanded_bytes
            while left > 0:
                member.write(chunk[: min(left, len(chunk))])
                left -= len(chunk)
    return path


def make_traversal_docx(path: Path, member: str = "../../evil.sh") -> Path:
    """A valid .docx plus one entry whose name escapes the extraction folder (zip-slip)."""
    original = zipfile.ZipFile(io.BytesIO(docx_bytes(["Kế hoạch"])))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in original.infolist():
            zf.writestr(info, original.read(info))
        zf.writestr(zipfile.ZipInfo(member), b"echo pwned\n")  # ZipInfo keeps the name verbatim
    return path


def make_corrupt_docx(path: Path) -> Path:
    """A .docx cut in half, as an interrupted download leaves it: zip signature, no central directory."""
    data = docx_bytes(["Kế hoạch"])
    path.write_bytes(data[: len(data) // 2])
    return path


def make_encrypted_docx(path: Path) -> Path:
    """What Word writes for a password-protected .docx: an OLE2 compound file, not a zip.

    Only the parts the loader inspects are real: the OLE2 signature and the directory entries
    naming the "EncryptionInfo" and "EncryptedPackage" streams (UTF-16LE, 128-byte entries).
    """
    header = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(16) + b"\x3e\x00\x03\x00\xfe\xff\x09\x00"
    header = header.ljust(512, b"\0")
    entries = b"".join(_ole_dir_entry(name) for name in ("Root Entry", "EncryptionInfo", "EncryptedPackage"))
    path.write_bytes(header + entries.ljust(512, b"\0") + bytes(1024))
    return path


def _ole_dir_entry(name: str) -> bytes:
    raw = (name + "\0").encode("utf-16-le")
    return raw.ljust(64, b"\0") + len(raw).to_bytes(2, "little") + bytes(62)


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)


# ---------------------------------------------------------------- PDF


def _new_pdf() -> FPDF:
    if not DEJAVU_FONT.exists():
        pytest.skip(f"font {DEJAVU_FONT} not found (install the fonts-dejavu-core package)")
    pdf = FPDF()
    pdf.add_font("DejaVu", "", str(DEJAVU_FONT))
    pdf.set_font("DejaVu", size=11)
    return pdf


def make_pdf(
    path: Path, pages: Sequence[str], table: Sequence[Sequence[str]] | None = None, table_page: int = 1
) -> Path:
    """A text PDF, one page per item of `pages` (line breaks kept), with an optional ruled table
    drawn below the text of page `table_page` (1-based)."""
    pdf = _new_pdf()
    for n, text in enumerate(pages, start=1):
        pdf.add_page()
        pdf.multi_cell(0, 7, text)
        if table and n == table_page:
            pdf.ln(5)
            with pdf.table(first_row_as_headings=False) as drawn:
                for row in table:
                    cells = drawn.row()
                    for value in row:
                        cells.cell(value)
    pdf.output(str(path))
    return path


def make_encrypted_pdf(path: Path, text: str = VI_SENTENCE, user_password: str = "matkhau") -> Path:
    """A PDF that needs `user_password` to open (an empty one means: opens without a password)."""
    pdf = _new_pdf()
    pdf.add_page()
    pdf.multi_cell(0, 7, text)
    pdf.set_encryption(
        owner_password="chu-so-huu", user_password=user_password, encryption_method=EncryptionMethod.AES_128
    )
    pdf.output(str(path))
    return path


def make_image_pdf(path: Path, pages: int = 2) -> Path:
    """A PDF with pages but no text layer, like a scan: each page holds only a filled rectangle."""
    pdf = _new_pdf()
    for _ in range(pages):
        pdf.add_page()
        pdf.set_fill_color(120, 120, 120)
        pdf.rect(20, 20, 170, 250, style="F")
    pdf.output(str(path))
    return path


# ---------------------------------------------------------------- HTML

_CONTAINERS = {
    "main": ("<main>", "</main>"),
    "article": ("<article>", "</article>"),
    "content": ('<div id="noidung" class="vanban-content">', "</div>"),
    "body": ("", ""),
}


def make_html(
    path: Path, body_html: str, chrome: bool = True, container: str = "main", charset: str = "utf-8"
) -> Path:
    """An HTML page holding `body_html` inside `container` (main | article | content | body),
    wrapped in a government portal's chrome (header, menu, breadcrumb, sidebar, footer, cookie bar)
    whose texts are CHROME_TEXTS. The file is encoded in `charset` and declares it in <meta>."""
    start, end = _CONTAINERS[container]
    top = bottom = ""
    if chrome:
        top = (
            f"<header><h1>{CHROME_TEXTS[0]}</h1></header>"
            f'<nav><ul><li><a href="/">{CHROME_TEXTS[1]}</a></li><li>{CHROME_TEXTS[2]}</li></ul></nav>'
            f'<div class="breadcrumb">{CHROME_TEXTS[3]}</div>'
        )
        bottom = (
            f'<aside class="sidebar"><h3>{CHROME_TEXTS[4]}</h3></aside>'
            f'<div id="footer-wrap"><p>{CHROME_TEXTS[5]}</p></div>'
            f'<div class="cookie-consent">{CHROME_TEXTS[6]}</div>'
            f'<div class="share-buttons"><a href="#">{CHROME_TEXTS[7]}</a></div>'
            f'<section class="comments"><p>{CHROME_TEXTS[8]}</p></section>'
        )
    page = (
        f'<!DOCTYPE html><html lang="vi"><head><meta charset="{charset}"><title>Văn bản</title>'
        f"<style>body {{ font-family: sans-serif; }}</style>"
        f'<script>var menu = "{CHROME_TEXTS[9]}";</script></head>'
        f"<body>{top}{start}{body_html}{end}{bottom}</body></html>"
    )
    data = encode_cp1258(page) if charset.lower() in {"windows-1258", "cp1258"} else page.encode(charset)
    path.write_bytes(data)
    return path


# ---------------------------------------------------------------- one plan in every form

# A district plan in another domain (digital transformation), written for these tests: the same
# facts must come out of its TXT, Markdown, DOCX, DOC, PDF, TCVN3, VNI and scanned forms.
FORMS_PLAN_LINES = [
    "ỦY BAN NHÂN DÂN HUYỆN THANH LĨNH",
    "Số: 27/KH-UBND",
    "Thanh Lĩnh, ngày 14 tháng 4 năm 2025",
    "KẾ HOẠCH",
    "Chuyển đổi số huyện Thanh Lĩnh giai đoạn 2025-2027",
    "I. MỤC TIÊU",
    "- Chỉ tiêu 1: Tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến đạt 80% vào năm 2025.",
    "- Chỉ tiêu 2: Tỷ lệ hộ gia đình có kết nối Internet cáp quang đạt 90% vào năm 2026.",
    "- Chỉ tiêu 3: Tỷ lệ người dân trưởng thành có tài khoản định danh điện tử đạt 95% vào năm 2026.",
    "- Chỉ tiêu 4: Tỷ lệ trường học sử dụng học bạ số đạt 100% vào năm 2027.",
    "- Chỉ tiêu 5: Tỷ lệ trạm y tế xã triển khai hồ sơ sức khỏe điện tử đạt 85% vào năm 2027.",
    "II. TỔ CHỨC THỰC HIỆN",
    "1. Phòng Nội vụ",
    "- Chủ trì thực hiện chỉ tiêu 1; phối hợp thực hiện chỉ tiêu 3.",
    "2. Phòng Văn hóa và Thông tin",
    "- Chủ trì thực hiện chỉ tiêu 2.",
    "3. Công an huyện",
    "- Chủ trì, phối hợp với Phòng Nội vụ thực hiện chỉ tiêu 3.",
    "4. Phòng Giáo dục và Đào tạo",
    "- Chủ trì thực hiện chỉ tiêu 4.",
    "5. Trung tâm Y tế huyện",
    "- Chủ trì thực hiện chỉ tiêu 5; phối hợp thực hiện chỉ tiêu 2.",
    "TM. ỦY BAN NHÂN DÂN",
    "CHỦ TỊCH",
    "Lê Minh Khang",
]
FORMS_PLAN = "\n".join(FORMS_PLAN_LINES) + "\n"

# The facts every form of FORMS_PLAN must give: number -> (leads, supports, [(year, value)]).
FORMS_PLAN_FACTS = {
    1: ({"Phòng Nội vụ"}, set(), [(2025, 80.0)]),
    2: ({"Phòng Văn hóa và Thông tin"}, {"Trung tâm Y tế huyện"}, [(2026, 90.0)]),
    3: ({"Công an huyện"}, {"Phòng Nội vụ"}, [(2026, 95.0)]),
    4: ({"Phòng Giáo dục và Đào tạo"}, set(), [(2027, 100.0)]),
    5: ({"Trung tâm Y tế huyện"}, set(), [(2027, 85.0)]),
}

# TCVN3 (ABC) letter codes, written out here independently of the product's table.
_TCVN3_LOWER = (
    "ăâêôơưđ" "àảãáạ" "ằẳẵắặ" "ầẩẫấậ" "èẻẽéẹ" "ềểễếệ" "ìỉĩíị" "òỏõóọ" "ồổỗốộ" "ờởỡớợ" "ùủũúụ" "ừửữứự" "ỳỷỹýỵ"
)
_TCVN3_CODES = bytes(
    [0xA8, 0xA9, 0xAA, 0xAB, 0xAC, 0xAD, 0xAE, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9, 0xBB, 0xBC, 0xBD, 0xBE, 0xC6,
     0xC7, 0xC8, 0xC9, 0xCA, 0xCB, 0xCC, 0xCE, 0xCF, 0xD0, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7, 0xD8,
     0xDC, 0xDD, 0xDE, 0xDF, 0xE1, 0xE2, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0xEA, 0xEB, 0xEC, 0xED,
     0xEE, 0xEF, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE]
)
_TCVN3_UPPER_OWN = {"Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6, "Đ": 0xA7}


def encode_tcvn3(text: str) -> bytes:
    """TCVN3 bytes as an ABC keyboard driver types them. Capital toned letters have no code: they
    are typed as the lowercase code (the ".VnTimeH" font draws it as a capital)."""
    table = dict(zip(_TCVN3_LOWER, _TCVN3_CODES, strict=True))
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        if ch in _TCVN3_UPPER_OWN:
            out.append(_TCVN3_UPPER_OWN[ch])
        elif ch in table:
            out.append(table[ch])
        elif ch.lower() in table:
            out.append(table[ch.lower()])
        else:
            out += ch.encode("ascii")
    return bytes(out)


_VNI_TONE = {"\u0301": "ù", "\u0300": "ø", "\u0309": "û", "\u0303": "õ", "\u0323": "ï"}
_VNI_WITH_CIRCUMFLEX = {"": "â", "\u0301": "á", "\u0300": "à", "\u0309": "å", "\u0303": "ã", "\u0323": "ä"}
_VNI_WITH_BREVE = {"": "ê", "\u0301": "é", "\u0300": "è", "\u0309": "ú", "\u0303": "ü", "\u0323": "ë"}
_VNI_I = {"\u0301": "í", "\u0300": "ì", "\u0309": "æ", "\u0303": "ó", "\u0323": "ò"}


def encode_vni(text: str) -> bytes:
    """VNI-Windows bytes: a base letter followed by one byte for its marks ("à" is "a" + "ø")."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFC", text):
        if ch.isascii():
            out.append(ch)
            continue
        upper = ch.isupper()
        parts = unicodedata.normalize("NFD", ch.lower())
        base, marks = parts[0], parts[1:]
        tone = next((m for m in marks if m in _VNI_TONE), "")
        if ch.lower() == "đ":
            code = "ñ"
        elif base == "i" and tone:
            code = _VNI_I[tone]
        elif base == "y" and tone == "\u0323":
            code = "î"
        elif "\u031b" in marks:  # horn: ơ, ư have their own byte, then the tone
            code = {"o": "ô", "u": "ö"}[base] + _VNI_TONE.get(tone, "")
        elif "\u0302" in marks:
            code = base + _VNI_WITH_CIRCUMFLEX[tone]
        elif "\u0306" in marks:
            code = base + _VNI_WITH_BREVE[tone]
        else:
            code = base + _VNI_TONE[tone]
        out.append(code.upper() if upper else code)
    return "".join(out).encode("cp1252")


def make_legacy_font_docx(path: Path, lines: Sequence[str], *, encoding: str = "TCVN3") -> Path:
    """A .docx typed with a legacy Vietnamese font: body runs in ".VnTime" (or "VNI-Times") holding
    the legacy codes as Latin-1 characters, all-capitals lines in ".VnTimeH" (TCVN3 only)."""
    document = docx.Document()
    for line in lines:
        paragraph = document.add_paragraph()
        caps = encoding == "TCVN3" and line.isupper()
        if encoding == "TCVN3":
            raw = encode_tcvn3(line.lower() if caps else line).decode("latin-1")
            font = ".VnTimeH" if caps else ".VnTime"
        else:
            raw = encode_vni(line).decode("cp1252")
            font = "VNI-Times"
        run = paragraph.add_run(raw)
        run.font.name = font
    document.save(str(path))
    return path


def make_xlsx(path: Path, sheets: dict[str, Sequence[Sequence[object]]],
              merges: dict[str, Sequence[str]] | None = None, percent_cells: Sequence[str] = ()) -> Path:
    """An .xlsx with one worksheet per entry (rows of values); `merges` lists ranges such as "E3:E4"
    per sheet; `percent_cells` ("Sheet!C3") get a percentage number format."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        ws = workbook.create_sheet(name)
        for row in rows:
            ws.append(list(row))
        for rng in (merges or {}).get(name, ()):
            ws.merge_cells(rng)
    for ref in percent_cells:
        sheet, cell = ref.split("!")
        workbook[sheet][cell].number_format = "0.0%"
    workbook.save(str(path))
    return path


DOC_FIXTURE = Path(__file__).parent / "data" / "forms_plan.doc"


def make_scan(path: Path, text: str, *, dpi: int = 150, **style: object) -> Path:
    """`text` rendered as a scanned plan (see eval/corpus_tools/render_scan.py) to .pdf/.png/.tif;
    a .tif holds every page (multi-page TIFF)."""
    from eval.corpus_tools.render_scan import ScanStyle, render_pages, save_scan

    pages = render_pages(text, ScanStyle(dpi=dpi, **style))  # type: ignore[arg-type]
    if path.suffix.lower() in (".tif", ".tiff"):
        pages[0].save(path, save_all=True, append_images=pages[1:], dpi=(dpi, dpi), compression="tiff_deflate")
        return path
    if path.suffix.lower() != ".pdf" and len(pages) > 1:
        raise ValueError("one image file holds one page; use .pdf or .tif for more")
    save_scan(pages, path, dpi)
    return path
