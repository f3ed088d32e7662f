"""Workbooks of indicators: the column layouts offices use (unit column, "Chỉ tiêu năm …" target
columns, a two-line header, one sheet per group) give each indicator its target, lead and supports.
Workbooks here are invented for these tests."""

from __future__ import annotations

from pathlib import Path

from docgen import make_xlsx

from ingest.loaders import load_document
from ingest.model import PlanDocument
from ingest.parse import parse_document

TITLE = ["ỦY BAN NHÂN DÂN HUYỆN TÂN LỘC"]
CAPTION = ["PHỤ LỤC CHỈ TIÊU KẾ HOẠCH NƯỚC SẠCH NĂM 2025"]


def facts(doc: PlanDocument) -> dict[int, tuple[set[str], set[str], list[tuple[int, float | None]]]]:
    out = {}
    for ind in doc.indicators:
        assert ind.number is not None
        leads = {a.agency for a in doc.assignments if a.indicator_number == ind.number and a.role == "lead"}
        sup = {a.agency for a in doc.assignments if a.indicator_number == ind.number and a.role == "support"}
        out[ind.number] = (leads, sup, [(t.year, t.value) for t in ind.targets])
    return out


def test_unit_and_target_year_columns(tmp_path: Path) -> None:
    rows = [TITLE, CAPTION,
            ["STT", "Chỉ tiêu", "Đơn vị", "Chỉ tiêu năm 2025", "Cơ quan chủ trì", "Cơ quan phối hợp"],
            ["1", "Tỷ lệ hộ dân dùng nước sạch", "%", "92", "Phòng Kinh tế", "Trạm Y tế xã"],
            ["2", "Số công trình cấp nước được nâng cấp", "công trình", "6", "Ban Quản lý dự án huyện",
             "Phòng Kinh tế; Ủy ban nhân dân các xã"]]
    doc = parse_document(load_document(make_xlsx(tmp_path / "chi-tieu.xlsx", {"Chỉ tiêu": rows})))
    assert facts(doc) == {
        1: ({"Phòng Kinh tế"}, {"Trạm Y tế xã"}, [(2025, 92.0)]),
        2: ({"Ban Quản lý dự án huyện"}, {"Phòng Kinh tế", "Ủy ban nhân dân các xã"}, [(2025, 6.0)]),
    }


def test_header_on_two_rows(tmp_path: Path) -> None:
    rows = [TITLE, CAPTION,
            ["STT", "Chỉ tiêu", "Đơn vị tính", "Mục tiêu", None, "Phân công thực hiện", None],
            [None, None, None, "Năm 2025", "Năm 2027", "Chủ trì", "Phối hợp"],
            ["1", "Tỷ lệ hộ dân dùng nước sạch", "%", "92%", "96%", "Phòng Kinh tế", "Trạm Y tế xã"],
            ["2", "Tỷ lệ trường học có nước uống đạt chuẩn", "%", "80%", "100%", "Phòng Giáo dục và Đào tạo",
             "Phòng Kinh tế"]]
    path = make_xlsx(tmp_path / "hai-dong.xlsx", {"Chỉ tiêu": rows},
                     merges={"Chỉ tiêu": ["D3:E3", "F3:G3", "A3:A4", "B3:B4", "C3:C4"]})
    doc = parse_document(load_document(path))
    assert facts(doc) == {
        1: ({"Phòng Kinh tế"}, {"Trạm Y tế xã"}, [(2025, 92.0), (2027, 96.0)]),
        2: ({"Phòng Giáo dục và Đào tạo"}, {"Phòng Kinh tế"}, [(2025, 80.0), (2027, 100.0)]),
    }


def test_one_sheet_per_group(tmp_path: Path) -> None:
    header = ["STT", "Chỉ tiêu", "Năm 2025", "Cơ quan chủ trì", "Cơ quan phối hợp"]
    sheets = {
        "Nước sạch": [header, ["1", "Tỷ lệ hộ dân dùng nước sạch", "92%", "Phòng Kinh tế", "Trạm Y tế xã"],
                      ["2", "Tỷ lệ công trình cấp nước hoạt động bền vững", "85%", "Phòng Kinh tế", ""]],
        "Vệ sinh": [header, ["3", "Tỷ lệ hộ có nhà tiêu hợp vệ sinh", "88%", "Trạm Y tế xã", "Hội Liên hiệp Phụ nữ xã"],
                    ["4", "Tỷ lệ chợ có khu vệ sinh đạt chuẩn", "70%", "Ủy ban nhân dân các xã", "Phòng Kinh tế"]],
    }
    doc = parse_document(load_document(make_xlsx(tmp_path / "nhom.xlsx", sheets)))
    got = facts(doc)
    assert got == {
        1: ({"Phòng Kinh tế"}, {"Trạm Y tế xã"}, [(2025, 92.0)]),
        2: ({"Phòng Kinh tế"}, set(), [(2025, 85.0)]),
        3: ({"Trạm Y tế xã"}, {"Hội Liên hiệp Phụ nữ xã"}, [(2025, 88.0)]),
        4: ({"Ủy ban nhân dân các xã"}, {"Phòng Kinh tế"}, [(2025, 70.0)]),
    }
    # Each sheet's name comes before its table, as the heading of its group.
    assert "Nước sạch" in doc.text and doc.text.index("Nước sạch") < doc.text.index("Vệ sinh")
