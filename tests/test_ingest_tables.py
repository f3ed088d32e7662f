"""Assignment tables that list several indicators per row, in a DOCX written here."""

from __future__ import annotations

from pathlib import Path

from docgen import make_docx

from ingest.loaders import load_document
from ingest.parse import parse_document

PARAGRAPHS = [
    "ỦY BAN NHÂN DÂN XÃ TÂN HÒA",
    "Số: 15/KH-UBND",
    "KẾ HOẠCH THỰC HIỆN CÔNG TÁC TRẺ EM XÃ TÂN HÒA NĂM 2025",
    "I. MỤC TIÊU",
    "- Chỉ tiêu 1: 100% trẻ em dưới 6 tuổi được cấp thẻ bảo hiểm y tế vào năm 2025.",
    "- Chỉ tiêu 2: Tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ đạt 97% vào năm 2025.",
    "- Chỉ tiêu 3: 100% trẻ em được đăng ký khai sinh đúng hạn vào năm 2025.",
    "- Chỉ tiêu 4: Không có trẻ em bị xâm hại không được can thiệp kịp thời.",
    "II. PHÂN CÔNG THỰC HIỆN",
]
TABLE = [
    ["Chỉ tiêu", "Cơ quan chủ trì", "Cơ quan phối hợp"],
    ["Chỉ tiêu 1, 2", "Trạm Y tế xã", "Công chức Văn hóa - Xã hội"],
    ["3", "Công chức Tư pháp - Hộ tịch", "Trạm Y tế xã"],
    ["Chỉ tiêu 3 - 4", "Công an xã", ""],
]


def _facts(tmp_path: Path) -> dict[int, dict[str, set[str]]]:
    path = make_docx(tmp_path / "tan_hoa.docx", PARAGRAPHS, [TABLE], table_after=len(PARAGRAPHS))
    doc = parse_document(load_document(path))
    out: dict[int, dict[str, set[str]]] = {}
    for a in doc.assignments:
        out.setdefault(a.indicator_number, {"lead": set(), "support": set()})[a.role].add(a.agency)
    return out


def test_rows_listing_several_indicators_assign_each(tmp_path: Path) -> None:
    facts = _facts(tmp_path)
    assert facts[1]["lead"] == {"Trạm Y tế xã"} and facts[2]["lead"] == {"Trạm Y tế xã"}
    assert facts[1]["support"] == {"Công chức Văn hóa - Xã hội"}
    assert facts[4]["lead"] == {"Công an xã"}
    # Indicator 3 has two leads (the justice officer's row and the range row), and the health
    # station supports it.
    assert facts[3]["lead"] == {"Công chức Tư pháp - Hộ tịch", "Công an xã"}
    assert facts[3]["support"] == {"Trạm Y tế xã"}


def test_assignment_rows_do_not_become_indicators(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "tan_hoa.docx", PARAGRAPHS, [TABLE], table_after=len(PARAGRAPHS))
    doc = parse_document(load_document(path))
    assert sorted(i.number for i in doc.indicators if i.number is not None) == [1, 2, 3, 4]
    assert len(doc.indicators) == 4


def test_number_column_beside_a_text_column(tmp_path: Path) -> None:
    table = [
        ["Chỉ tiêu", "Nội dung", "Năm 2025", "Cơ quan chủ trì", "Cơ quan phối hợp"],
        ["1", "Tỷ lệ trẻ em được đăng ký khai sinh đúng hạn", "99%", "Công chức Tư pháp - Hộ tịch", "Trạm Y tế xã"],
        ["2", "Tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ", "97%", "Trạm Y tế xã", ""],
    ]
    path = make_docx(tmp_path / "bang.docx", PARAGRAPHS[:4], [table], table_after=4)
    doc = parse_document(load_document(path))
    by_number = {i.number: i for i in doc.indicators}
    assert set(by_number) == {1, 2}
    assert "đăng ký khai sinh" in by_number[1].text
    assert [(t.year, t.value) for t in by_number[2].targets] == [(2025, 97.0)]
    leads = {(a.indicator_number, a.agency) for a in doc.assignments if a.role == "lead"}
    assert leads == {(1, "Công chức Tư pháp - Hộ tịch"), (2, "Trạm Y tế xã")}


def _roles_of(tmp_path: Path, table: list[list[str]]) -> dict[int, dict[str, set[str]]]:
    path = make_docx(tmp_path / "bang.docx", PARAGRAPHS, [table], table_after=len(PARAGRAPHS))
    doc = parse_document(load_document(path))
    out: dict[int, dict[str, set[str]]] = {n: {"lead": set(), "support": set()} for n in (1, 2, 3, 4)}
    for a in doc.assignments:
        out[a.indicator_number][a.role].add(a.agency)
    return out


def test_cells_that_say_each_role(tmp_path: Path) -> None:
    # One column for both roles: each cell says who leads and who supports.
    table = [
        ["Chỉ tiêu", "Cơ quan chủ trì, phối hợp"],
        ["Chỉ tiêu 1", "Trạm Y tế xã chủ trì; Công an xã, Ban Chỉ huy Quân sự xã phối hợp"],
        ["Chỉ tiêu 2", "Phòng Văn hóa - Xã hội (chủ trì), Trạm Y tế xã (phối hợp)"],
        ["Chỉ tiêu 3", "Công chức Tư pháp - Hộ tịch"],
        # Several bodies and no word saying which leads: no lead is guessed.
        ["Chỉ tiêu 4", "Công an xã; Trạm Y tế xã"],
    ]
    assert _roles_of(tmp_path, table) == {
        1: {"lead": {"Trạm Y tế xã"}, "support": {"Công an xã", "Ban Chỉ huy Quân sự xã"}},
        2: {"lead": {"Phòng Văn hóa - Xã hội"}, "support": {"Trạm Y tế xã"}},
        3: {"lead": {"Công chức Tư pháp - Hộ tịch"}, "support": set()},
        4: {"lead": set(), "support": set()},
    }


def test_a_column_of_bodies_that_carry_it_out(tmp_path: Path) -> None:
    table = [
        ["STT", "Chỉ tiêu", "Năm 2025", "Cơ quan thực hiện"],
        ["1", "Tỷ lệ trẻ em dưới 6 tuổi có thẻ bảo hiểm y tế", "100%", "Trạm Y tế xã"],
        ["2", "Tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ", "97%", "Trạm Y tế xã; Văn phòng HĐND và UBND xã"],
        ["3", "Tỷ lệ trẻ em được đăng ký khai sinh đúng hạn", "100%", "Công chức Tư pháp - Hộ tịch chủ trì, Công an xã phối hợp"],
    ]
    office = "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã"
    assert _roles_of(tmp_path, table) == {
        1: {"lead": {"Trạm Y tế xã"}, "support": set()},
        2: {"lead": {"Trạm Y tế xã", office}, "support": set()},
        3: {"lead": {"Công chức Tư pháp - Hộ tịch"}, "support": {"Công an xã"}},
        4: {"lead": set(), "support": set()},
    }
