"""Body names that hold "và": an office serving two elected bodies is one body; two bodies joined
by "và" stay two. Names and places are invented for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.agencies import agency_key, names_in_heading, names_in_text
from ingest.loaders import load_document
from ingest.parse import parse_document


@pytest.mark.parametrize("name", [
    "Văn phòng Đoàn ĐBQH và HĐND tỉnh",
    "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh",
    "Văn phòng HĐND và UBND huyện",
    "Văn phòng Huyện ủy và UBND huyện",
])
def test_an_office_of_two_bodies_is_one_body(name: str) -> None:
    assert names_in_heading(f"{name}:") == [name]
    assert [n for _, _, n in names_in_text(f"Phối hợp với {name} thực hiện chỉ tiêu 4.")] == [name]


@pytest.mark.parametrize(("text", "expected"), [
    ("Văn phòng UBND tỉnh và Sở Tài chính", ["Văn phòng UBND tỉnh", "Sở Tài chính"]),
    ("Ban Quản lý các khu công nghiệp và Đoàn Thanh niên tỉnh",
     ["Ban Quản lý các khu công nghiệp", "Đoàn Thanh niên tỉnh"]),
    ("Sở Nội vụ và Hội đồng nhân dân các xã", ["Sở Nội vụ", "Hội đồng nhân dân các xã"]),
])
def test_two_bodies_joined_by_va_stay_two(text: str, expected: list[str]) -> None:
    assert names_in_heading(f"{text}:") == expected


def test_the_office_leads_its_indicator_in_a_plan(tmp_path: Path) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text(
        "ỦY BAN NHÂN DÂN TỈNH VÂN ĐÔNG\nSố: 9/KH-UBND\nVân Đông, ngày 02 tháng 4 năm 2024\nKẾ HOẠCH\n"
        "Số hóa tài liệu phục vụ kỳ họp năm 2024\nI. MỤC TIÊU\n"
        "Chỉ tiêu 1: 100% tài liệu kỳ họp được cung cấp dưới dạng điện tử vào năm 2024.\n"
        "Chỉ tiêu 2: 90% hồ sơ lưu trữ được số hóa vào năm 2024.\n"
        "II. TỔ CHỨC THỰC HIỆN\n1. Văn phòng Đoàn ĐBQH và HĐND tỉnh\nChủ trì thực hiện chỉ tiêu 1.\n"
        "2. Sở Nội vụ\nChủ trì, phối hợp với Văn phòng Đoàn ĐBQH và HĐND tỉnh thực hiện chỉ tiêu 2.\n",
        encoding="utf-8")
    doc = parse_document(load_document(plan))
    office = agency_key("Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh")
    assert agency_key("Văn phòng Đoàn ĐBQH và HĐND tỉnh") == office
    owners = {(a.indicator_number, a.role, a.agency_key) for a in doc.assignments}
    assert owners == {(1, "lead", office), (2, "lead", agency_key("Sở Nội vụ")), (2, "support", office)}
    assert not any(a.agency.startswith(("Hội đồng", "HĐND")) for a in doc.assignments)
