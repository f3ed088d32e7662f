"""A table written in plain text as pipe rows ("| STT | Chỉ tiêu | … |"), as text exports and TCVN3
files hold them, is a table: its indicators and bodies come out as from the same table in a DOCX.
The plan is invented for these tests."""

from __future__ import annotations

from pathlib import Path

import docx
from docgen import encode_tcvn3

from ingest.loaders import load_document
from ingest.model import PlanDocument
from ingest.parse import parse_document

ROWS = [
    ("STT", "Chỉ tiêu", "Năm 2025", "Cơ quan chủ trì", "Cơ quan phối hợp"),
    ("1", "Tỷ lệ hộ dân sử dụng nước sạch", "92%", "Công chức Địa chính - Xây dựng", "Trạm Y tế xã"),
    ("2", "Tỷ lệ hộ gia đình có nhà tiêu hợp vệ sinh", "88%", "Trạm Y tế xã", "Hội Liên hiệp Phụ nữ xã"),
]
BEFORE = ["Uỷ ban nhân dân xã Phú Điền", "Số: 06/KH-UBND", "Kế hoạch cấp nước sạch năm 2025",
          "Giao chỉ tiêu theo bảng sau:"]
AFTER = ["Các bộ phận báo cáo kết quả trước ngày 15/12/2025."]


def facts(doc: PlanDocument) -> set[tuple[object, ...]]:
    out: set[tuple[object, ...]] = {(a.indicator_number, a.role, a.agency) for a in doc.assignments}
    out |= {(i.number, tuple((t.year, t.value) for t in i.targets)) for i in doc.indicators}
    return out


def as_docx(path: Path) -> Path:
    document = docx.Document()
    for line in BEFORE:
        document.add_paragraph(line)
    table = document.add_table(rows=len(ROWS), cols=len(ROWS[0]))
    for r, row in enumerate(ROWS):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    for line in AFTER:
        document.add_paragraph(line)
    document.save(str(path))
    return path


def as_text() -> str:
    return "\n".join([*BEFORE, *("| " + " | ".join(r) + " |" for r in ROWS), *AFTER]) + "\n"


def test_pipe_rows_in_text_are_a_table(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(as_text(), encoding="utf-8")
    raw = load_document(path)
    assert [b.kind for b in raw.blocks] == ["paragraph", "table", "paragraph"]
    assert raw.blocks[1].rows == tuple(ROWS)
    expected = facts(parse_document(load_document(as_docx(tmp_path / "plan.docx"))))
    assert (1, "lead", "Công chức Địa chính - Xây dựng") in expected
    assert facts(parse_document(raw)) == expected


def test_pipe_rows_in_a_tcvn3_text_are_a_table(tmp_path: Path) -> None:
    path = tmp_path / "plan-abc.txt"
    path.write_bytes(encode_tcvn3(as_text()))
    expected = facts(parse_document(load_document(as_docx(tmp_path / "plan.docx"))))
    assert facts(parse_document(load_document(path))) == expected


def test_markdown_separator_row_and_lone_pipes_are_not_cells(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    path.write_text("Bảng:\n\n| Chỉ tiêu | Năm 2025 |\n|---|---|\n| Tỷ lệ A | 90% |\n\n|\nHết.\n", encoding="utf-8")
    blocks = load_document(path).blocks
    assert [b.rows for b in blocks if b.kind == "table"] == [(("Chỉ tiêu", "Năm 2025"), ("Tỷ lệ A", "90%"))]
    assert "Hết." in blocks[-1].text
