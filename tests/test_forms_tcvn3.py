"""TCVN3 plans read like their Unicode text: letters, capitals typed in a ".VnTimeH" font, and the
lead/support bodies found in the converted text. Plans here are invented for these tests."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from docgen import encode_tcvn3

from ingest.loaders import load_document
from ingest.loaders.vnlegacy import from_tcvn3
from ingest.model import PlanDocument
from ingest.parse import parse_document

# Capital runs (headings, header columns, the signature block) are typed in lowercase in a ".VnTimeH"
# font, which draws them as capitals: the bytes hold no capitals at all. Columns of the header and of
# the signature block are side by side, as a text export writes them.
PLAN = """ỦY BAN NHÂN DÂN                             CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
HUYỆN KHÊ THỦY                              Độc lập - Tự do - Hạnh phúc
Số: 33/KH-UBND                              Khê Thủy, ngày 17 tháng 6 năm 2024

KẾ HOẠCH
Phòng chống đuối nước trẻ em huyện Khê Thủy năm 2024

I. MỤC TIÊU
Chỉ tiêu 1: Tỷ lệ trẻ em từ 6 đến 15 tuổi biết bơi an toàn đạt 45% vào năm 2024.
Chỉ tiêu 2: Tỷ lệ trường tiểu học tổ chức dạy bơi đạt 60% vào năm 2024.
Chỉ tiêu 3: 100% hồ, ao nguy hiểm được cắm biển cảnh báo vào năm 2024.

II. TỔ CHỨC THỰC HIỆN
1. Phòng Văn hóa - Thông tin
Chủ trì thực hiện chỉ tiêu 1; phối hợp với Phòng Giáo dục và Đào tạo thực hiện chỉ tiêu 2.
2. Phòng Giáo dục và Đào tạo
Chủ trì thực hiện chỉ tiêu 2.
3. Ủy ban nhân dân các xã, thị trấn
Chủ trì, phối hợp với Công an huyện thực hiện chỉ tiêu 3.

Nơi nhận:                                   TM. ỦY BAN NHÂN DÂN
- UBND tỉnh;                                KT. CHỦ TỊCH
- Lưu: VT.                                  PHÓ CHỦ TỊCH
                                            Trịnh Thị Ngọc Hà
"""


def vntimeh_bytes(text: str) -> bytes:
    """TCVN3 bytes as typed: every run written in capitals (a line, or a column separated by two or
    more spaces) is typed in lowercase for the capitals font."""
    out = []
    for line in text.split("\n"):
        parts = re.split(r"( {2,})", line)
        out.append("".join(p.lower() if p.strip() and p == p.upper() and any(c.isalpha() for c in p) else p
                           for p in parts))
    return encode_tcvn3("\n".join(out))


def owners(doc: PlanDocument) -> set[tuple[int, str, str]]:
    return {(a.indicator_number, a.role, a.agency) for a in doc.assignments}


def meta(doc: PlanDocument) -> tuple[object, ...]:
    m = doc.meta
    return (m.issuer, m.number, m.date, m.place, m.place_level, m.signer, m.signer_title)


def test_every_tcvn3_letter_becomes_its_nfc_unicode_letter() -> None:
    letters = "aăâeêioôơuưy"
    tones = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]
    vowels = [unicodedata.normalize("NFC", v + t) for v in letters for t in tones]
    text = " ".join([*vowels, "đ", "Đ", "Ă", "Â", "Ê", "Ô", "Ơ", "Ư"])
    decoded = from_tcvn3(encode_tcvn3(text).decode("latin-1"))
    assert decoded == text
    assert unicodedata.is_normalized("NFC", decoded)


def test_a_tcvn3_plan_gives_the_owners_and_meta_of_its_unicode_text(tmp_path: Path) -> None:
    uni = tmp_path / "plan.txt"
    uni.write_text(PLAN, encoding="utf-8")
    legacy = tmp_path / "plan-abc.txt"
    legacy.write_bytes(vntimeh_bytes(PLAN))
    assert b"KH-UBND" in legacy.read_bytes() and "Kế".encode() not in legacy.read_bytes()
    expected = parse_document(load_document(uni))
    got = parse_document(load_document(legacy))
    assert owners(expected) == {
        (1, "lead", "Phòng Văn hóa - Thông tin"), (2, "support", "Phòng Văn hóa - Thông tin"),
        (2, "lead", "Phòng Giáo dục và Đào tạo"), (3, "lead", "Ủy ban nhân dân các xã, thị trấn"),
        (3, "support", "Công an huyện"),
    }
    assert owners(got) == owners(expected)
    assert meta(got) == meta(expected)
    assert (got.meta.signer, got.meta.number) == ("Trịnh Thị Ngọc Hà", "33/KH-UBND")
    assert [s.title for s in got.sections if s.level == 1] == [s.title for s in expected.sections if s.level == 1]


def test_lowercase_body_lines_of_a_tcvn3_text_stay_lowercase(tmp_path: Path) -> None:
    # A paragraph broken across lines: its continuation is lowercase and must not become a heading.
    text = ("Các phòng, ban chuyên môn của huyện căn cứ chức năng, nhiệm vụ được giao xây dựng kế hoạch\n"
            "triển khai thực hiện và báo cáo kết quả về Phòng Văn hóa - Thông tin trước ngày 15/12.\n"
            "Kế hoạch này có hiệu lực kể từ ngày ký.\n")
    legacy = tmp_path / "body.txt"
    legacy.write_bytes(vntimeh_bytes(text))
    assert load_document(legacy).blocks[0].text == text
