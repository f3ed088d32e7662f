"""A PDF text layer breaks lines inside sentences: a line break must not end a clause, or the body on
the next line loses its role (or takes the lead). Plans here are invented for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from docgen import make_pdf

from ingest.loaders import load_document
from ingest.parse import parse_document
from ingest.roles import read_claims

HEAD = """ỦY BAN NHÂN DÂN HUYỆN AN BÌNH
Số: 4/KH-UBND
An Bình, ngày 02 tháng 4 năm 2024
KẾ HOẠCH
Bảo vệ rừng năm 2024
I. MỤC TIÊU
Chỉ tiêu 1: Tỷ lệ che phủ rừng đạt 45% vào năm 2024.
Chỉ tiêu 2: 100% vụ cháy rừng được phát hiện sớm vào năm 2024.
Chỉ tiêu 3: Diện tích rừng trồng mới đạt 120 ha vào năm 2024.
II. TỔ CHỨC THỰC HIỆN
"""
# Line breaks where a page's width put them: after "phối hợp với", inside "chủ trì", before "chỉ tiêu".
WRAPPED = """1. Hạt Kiểm lâm huyện chủ trì, phối hợp với
Công an huyện thực hiện chỉ tiêu 2.
2. Phòng Nông nghiệp và Môi trường chủ
trì thực hiện chỉ tiêu 1 và chỉ tiêu 3; phối hợp với Hạt Kiểm lâm huyện thực hiện
chỉ tiêu 2.
"""
EXPECTED = {
    (2, "lead", "Hạt Kiểm lâm huyện"), (2, "support", "Công an huyện"),
    (1, "lead", "Phòng Nông nghiệp và Môi trường"), (3, "lead", "Phòng Nông nghiệp và Môi trường"),
    (2, "support", "Phòng Nông nghiệp và Môi trường"),
}


def owners(path: Path) -> set[tuple[int, str, str]]:
    return {(a.indicator_number, a.role, a.agency) for a in parse_document(load_document(path)).assignments}


@pytest.mark.parametrize(("text", "expected"), [
    ("Sở A chủ trì, phối hợp với\nSở B thực hiện chỉ tiêu 2.", [("Sở A", "lead"), ("Sở B", "support")]),
    ("Chỉ tiêu 3 giao\nSở A chủ trì thực hiện.", [("Sở A", "lead")]),
    ("Chủ trì thực hiện\nchỉ tiêu 4.", [(None, "lead")]),
])
def test_a_line_break_inside_a_sentence_does_not_end_the_clause(text: str, expected: list[tuple[str | None, str]]
                                                              ) -> None:
    assert [(c.body, c.role) for c in read_claims(text)] == expected


def test_a_line_break_after_a_full_sentence_still_ends_it() -> None:
    claims = read_claims("Sở A chủ trì thực hiện chỉ tiêu 1.\nSở B phối hợp thực hiện chỉ tiêu 2.")
    assert [(c.body, c.numbers, c.role) for c in claims] == [("Sở A", (1,), "lead"), ("Sở B", (2,), "support")]


@pytest.mark.parametrize("form", ["txt", "pdf"])
def test_wrapped_assignments_give_the_owners_of_the_unwrapped_text(tmp_path: Path, form: str) -> None:
    flat = tmp_path / "flat.txt"
    flat.write_text(HEAD + WRAPPED.replace(" chủ\ntrì", " chủ trì").replace("với\n", "với ")
                    .replace("hiện\nchỉ", "hiện chỉ"), encoding="utf-8")
    assert owners(flat) == EXPECTED
    if form == "txt":
        wrapped = tmp_path / "wrapped.txt"
        wrapped.write_text(HEAD + WRAPPED, encoding="utf-8")
    else:
        wrapped = make_pdf(tmp_path / "wrapped.pdf", [HEAD + WRAPPED])
    assert owners(wrapped) == EXPECTED
