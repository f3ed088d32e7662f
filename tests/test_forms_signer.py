"""The signer is read once: the document's metadata and its signature facts come from the same
signature block, whatever the title ("CHỦ TỊCH", "GIÁM ĐỐC", "TRƯỞNG BAN"). Invented plans."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.loaders import load_document
from ingest.parse import parse_document

BODY = """{issuer}
Số: 14/KH-{code}
Hòa Lạc, ngày 08 tháng 5 năm 2024
KẾ HOẠCH
Tập huấn an toàn thực phẩm năm 2024
I. MỤC TIÊU
Chỉ tiêu 1: 100% bếp ăn tập thể được kiểm tra vào năm 2024.
II. TỔ CHỨC THỰC HIỆN
1. Chi cục An toàn vệ sinh thực phẩm
Chủ trì thực hiện chỉ tiêu 1.
Nơi nhận:
- Như trên;
- Lưu: VT.
{block}
"""


@pytest.mark.parametrize(("issuer", "code", "block", "title", "name"), [
    ("SỞ Y TẾ TỈNH HÒA LẠC", "SYT", "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nTrương Minh Đức", "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC",
     "Trương Minh Đức"),
    ("ỦY BAN NHÂN DÂN TỈNH HÒA LẠC", "UBND", "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nLò Văn Sơn", "CHỦ TỊCH", "Lò Văn Sơn"),
    ("BAN CHỈ ĐẠO AN TOÀN THỰC PHẨM TỈNH", "BCĐ", "TRƯỞNG BAN\n(Đã ký)\nHà Thị Mai", "TRƯỞNG BAN", "Hà Thị Mai"),
])
def test_meta_signer_is_the_signature_block(tmp_path: Path, issuer: str, code: str, block: str, title: str,
                                            name: str) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(BODY.format(issuer=issuer, code=code, block=block), encoding="utf-8")
    doc = parse_document(load_document(path))
    named = [s for s in doc.plan_facts.signatures if s.name]
    assert [s.name for s in named] == [name]
    assert (doc.meta.signer, doc.meta.signer_title) == (name, title)


def test_no_signature_block_no_signer(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(BODY.format(issuer="SỞ Y TẾ TỈNH HÒA LẠC", code="SYT", block=""), encoding="utf-8")
    doc = parse_document(load_document(path))
    assert doc.meta.signer is None and not [s for s in doc.plan_facts.signatures if s.name]
