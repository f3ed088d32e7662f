"""DOCX with Word's automatic numbering: the "I.", "1.", "a)" markers are not in the text, only in the
numbering definitions; rebuilt, they give the plan its sections and body blocks. The plan is invented
for these tests."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from ingest.loaders import load_document
from ingest.model import PlanDocument
from ingest.parse import parse_document

# (level, text): level 0 numbered "I.", 1 numbered "1.", 2 numbered "a)", None: no numbering.
PLAN: list[tuple[int | None, str]] = [
    (None, "ỦY BAN NHÂN DÂN HUYỆN LONG KHÁNH"),
    (None, "Số: 61/KH-UBND"),
    (None, "Long Khánh, ngày 11 tháng 9 năm 2024"),
    (None, "KẾ HOẠCH"),
    (None, "Phòng chống dịch bệnh trên gia súc năm 2024"),
    (0, "MỤC TIÊU"),
    (None, "Chỉ tiêu 1: Tỷ lệ đàn lợn được tiêm phòng dịch tả đạt 90% vào năm 2024."),
    (None, "Chỉ tiêu 2: Tỷ lệ ổ dịch được xử lý trong 48 giờ đạt 100% vào năm 2024."),
    (0, "TỔ CHỨC THỰC HIỆN"),
    (1, "Phòng Nông nghiệp và Môi trường"),
    (2, "Chủ trì thực hiện chỉ tiêu 1;"),
    (2, "Phối hợp với Trạm Chăn nuôi và Thú y thực hiện chỉ tiêu 2."),
    (1, "Trạm Chăn nuôi và Thú y"),
    (2, "Chủ trì thực hiện chỉ tiêu 2."),
]
NUMBERING = (
    f"<w:numbering {nsdecls('w')}>"
    '<w:abstractNum w:abstractNumId="7">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>'
    '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>'
    "</w:abstractNum>"
    '<w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>'
    "</w:numbering>"
)


def numbered_docx(path: Path) -> Path:
    document = docx.Document()
    numbering = document.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    for child in parse_xml(NUMBERING):
        numbering.append(child)
    for level, text in PLAN:
        paragraph = document.add_paragraph(text)
        if level is not None:
            ppr = paragraph._p.get_or_add_pPr()
            ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="3"/></w:numPr>'))
    document.save(str(path))
    return path


def owners(doc: PlanDocument) -> set[tuple[int, str, str]]:
    return {(a.indicator_number, a.role, a.agency) for a in doc.assignments}


def test_automatic_numbers_are_written_into_the_text(tmp_path: Path) -> None:
    raw = load_document(numbered_docx(tmp_path / "plan.docx"))
    lines = [b.text for b in raw.blocks]
    assert "I. MỤC TIÊU" in lines and "II. TỔ CHỨC THỰC HIỆN" in lines
    assert "1. Phòng Nông nghiệp và Môi trường" in lines and "2. Trạm Chăn nuôi và Thú y" in lines
    assert "a) Chủ trì thực hiện chỉ tiêu 1;" in lines and "b) Phối hợp với Trạm Chăn nuôi và Thú y thực hiện chỉ tiêu 2." in lines
    assert "a) Chủ trì thực hiện chỉ tiêu 2." in lines  # a deeper level restarts under a new item


def test_a_numbered_docx_gives_the_owners_of_its_text(tmp_path: Path) -> None:
    doc = parse_document(load_document(numbered_docx(tmp_path / "plan.docx")))
    assert owners(doc) == {(1, "lead", "Phòng Nông nghiệp và Môi trường"), (2, "lead", "Trạm Chăn nuôi và Thú y"),
                           (2, "support", "Phòng Nông nghiệp và Môi trường")}
    assert [(s.marker, s.title) for s in doc.sections if s.marker.endswith(".")][:3] == [
        ("I.", "MỤC TIÊU"), ("II.", "TỔ CHỨC THỰC HIỆN"), ("1.", "Phòng Nông nghiệp và Môi trường")]


def test_paragraph_without_numbering_properties_is_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "plain.docx"
    document = docx.Document()
    document.add_paragraph("1. Sở Y tế")
    document.save(str(path))
    assert [b.text for b in load_document(path).blocks] == ["1. Sở Y tế"]
