"""Header and signature blocks laid out as tables (HTML, DOCX, DOC) read like the same plan as text:
issuer, number, date, place and signer come out the same; data tables stay tables. The plan is
invented for these tests."""

from __future__ import annotations

from html import escape
from pathlib import Path

import docx
import pytest

from ingest.loaders import load_document
from ingest.loaders.base import layout_table_text
from ingest.model import PlanDocument
from ingest.parse import parse_document

HEADER = [
    ("ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("HUYỆN SƠN KHÊ", "Độc lập - Tự do - Hạnh phúc"),
    ("Số: 52/KH-UBND", "Sơn Khê, ngày 03 tháng 7 năm 2024"),
]
BODY = [
    "KẾ HOẠCH",
    "Phát triển du lịch cộng đồng huyện Sơn Khê năm 2024",
    "I. MỤC TIÊU",
    "Chỉ tiêu 1: Số homestay đạt chuẩn tăng thêm 20 cơ sở vào năm 2024.",
    "Chỉ tiêu 2: Tỷ lệ hộ làm du lịch được tập huấn kỹ năng đạt 90% vào năm 2024.",
    "II. TỔ CHỨC THỰC HIỆN",
    "1. Phòng Văn hóa - Thông tin",
    "Chủ trì thực hiện chỉ tiêu 1; phối hợp với Phòng Kinh tế thực hiện chỉ tiêu 2.",
    "2. Phòng Kinh tế",
    "Chủ trì thực hiện chỉ tiêu 2.",
]
SIGNATURE = [
    ("Nơi nhận:", "TM. ỦY BAN NHÂN DÂN"),
    ("- UBND tỉnh;", "KT. CHỦ TỊCH"),
    ("- Lưu: VT.", "PHÓ CHỦ TỊCH"),
    ("", "Hà Văn Thuận"),
]
DATA = [("STT", "Chỉ tiêu", "Năm 2024"), ("1", "Số homestay đạt chuẩn", "20"), ("2", "Hộ được tập huấn", "90%")]


def as_text() -> str:
    rows = [f"{left:<44}{right}".rstrip() for left, right in HEADER]
    return "\n".join(rows + [""] + BODY + [""] + [f"{a:<44}{b}".rstrip() for a, b in SIGNATURE]) + "\n"


def as_html(path: Path) -> Path:
    # Portals give the header and signature tables a class such as "header", a word that also marks
    # site chrome: the document's own blocks must survive the chrome removal.
    def table(rows: list[tuple[str, ...]], css: str = "header") -> str:
        return f'<table class="{css}">' + "".join(
            "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows) + "</table>"

    body = table(HEADER) + "".join(f"<p>{escape(p)}</p>" for p in BODY) + table(DATA, "grid") + table(SIGNATURE)
    page = f'<header class="site-header">Cổng thông tin</header><article>{body}</article><footer>Bản quyền</footer>'
    path.write_text(f'<html><head><meta charset="utf-8"></head><body>{page}</body></html>',
                    encoding="utf-8")
    return path


def as_docx(path: Path) -> Path:
    document = docx.Document()

    def table(rows: list[tuple[str, ...]]) -> None:
        t = document.add_table(rows=len(rows), cols=len(rows[0]))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                t.cell(r, c).text = value

    table(HEADER)
    for p in BODY:
        document.add_paragraph(p)
    table(DATA)
    table(SIGNATURE)
    document.save(str(path))
    return path


def as_pdf(path: Path) -> Path:
    """Header and signature as two columns of cells side by side, as Word exports a layout table."""
    from docgen import _new_pdf

    pdf = _new_pdf()
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    for left, right in HEADER:
        pdf.cell(width * 0.42, 6, left, align="C")
        pdf.cell(width * 0.58, 6, right, align="C", new_x="LMARGIN", new_y="NEXT")
    for line in BODY:
        pdf.multi_cell(width, 6, line, new_x="LMARGIN", new_y="NEXT")
    for left, right in SIGNATURE:
        pdf.cell(width * 0.42, 6, left)
        pdf.cell(width * 0.58, 6, right, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def meta(doc: PlanDocument) -> tuple[object, ...]:
    m = doc.meta
    return (m.issuer, m.number, m.date, m.place, m.place_level, m.signer, m.signer_title)


def owners(doc: PlanDocument) -> set[tuple[int, str, str]]:
    return {(a.indicator_number, a.role, a.agency) for a in doc.assignments}


def expected_doc(tmp_path: Path) -> PlanDocument:
    text = tmp_path / "plan.txt"
    text.write_text(as_text(), encoding="utf-8")
    expected = parse_document(load_document(text))
    assert meta(expected)[1:3] == ("52/KH-UBND", "2024-07-03") and expected.meta.signer == "Hà Văn Thuận"
    assert [(s.title, s.name) for s in expected.plan_facts.signatures] == [("PHÓ CHỦ TỊCH", "Hà Văn Thuận")]
    return expected


def test_two_column_pdf_keeps_the_signature_under_its_title(tmp_path: Path) -> None:
    expected = expected_doc(tmp_path)
    doc = parse_document(load_document(as_pdf(tmp_path / "plan.pdf")))
    assert meta(doc) == meta(expected)
    assert owners(doc) == owners(expected)
    assert doc.meta.signer_title == "KT. CHỦ TỊCH PHÓ CHỦ TỊCH"


@pytest.mark.parametrize("build", [as_html, as_docx], ids=["html", "docx"])
def test_header_and_signature_tables_give_the_meta_of_the_text(tmp_path: Path, build: object) -> None:
    expected = expected_doc(tmp_path)
    suffix = ".html" if build is as_html else ".docx"
    doc = parse_document(load_document(build(tmp_path / f"plan{suffix}")))  # type: ignore[operator]
    assert meta(doc) == meta(expected)
    assert owners(doc) == owners(expected)
    assert [(s.title, s.name) for s in doc.plan_facts.signatures] == [("PHÓ CHỦ TỊCH", "Hà Văn Thuận")]
    # The data table is still a table; the layout tables are not.
    tables = [b.rows for b in load_document(tmp_path / f"plan{suffix}").blocks if b.kind == "table"]
    assert tables == [tuple(DATA)]


def test_layout_tables_read_column_by_column_and_data_tables_are_kept() -> None:
    text = layout_table_text(SIGNATURE)
    assert text is not None
    assert text.split("\n") == ["Nơi nhận:", "- UBND tỉnh;", "- Lưu: VT.", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH",
                                "PHÓ CHỦ TỊCH", "Hà Văn Thuận"]
    assert layout_table_text(HEADER) == "\n".join(
        ["ỦY BAN NHÂN DÂN", "HUYỆN SƠN KHÊ", "Số: 52/KH-UBND", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
         "Độc lập - Tự do - Hạnh phúc", "Sơn Khê, ngày 03 tháng 7 năm 2024"])
    assert layout_table_text(DATA) is None
    assignments = [("Cơ quan", "Chỉ tiêu"), ("Phòng Kinh tế", "Chủ trì chỉ tiêu 2; KT. thực hiện")]
    assert layout_table_text(assignments) is None


def test_portal_copy_with_the_signature_after_pipes(tmp_path: Path) -> None:
    # A law portal's copy flattens the two columns with "|"; a right column alone starts with one.
    # Capitals on consecutive lines are joined by the repairs: each line keeps its own columns still.
    signature = ("Nơi nhận:\n- UBND tỉnh;\n|| TM. ỦY BAN NHÂN DÂN\n|| KT. CHỦ TỊCH\n|| PHÓ CHỦ TỊCH\n"
                 "|| Hà Văn Thuận\n")
    path = tmp_path / "portal.txt"
    path.write_text("\n".join(f"{a} | {b}" for a, b in HEADER) + "\n" + "\n".join(BODY) + "\n" + signature,
                    encoding="utf-8")
    doc = parse_document(load_document(path))
    assert [(s.authority, s.title, s.name) for s in doc.plan_facts.signatures] == [
        ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Hà Văn Thuận")]
    assert (doc.meta.signer, doc.meta.signer_title) == ("Hà Văn Thuận", "KT. CHỦ TỊCH PHÓ CHỦ TỊCH")
