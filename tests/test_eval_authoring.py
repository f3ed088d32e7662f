"""The tools that render authored eval plans: markup, TCVN3 bytes, workbook and HTML forms."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from eval.corpus_tools import authoring

SOURCE = """ỦY BAN NHÂN DÂN || CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
XÃ AN THẠCH || Độc lập - Tự do - Hạnh phúc
KẾ HOẠCH
| STT | Chỉ tiêu | Năm 2026 |
| 1 | Tỷ lệ hộ dùng nước sạch | 90% |
Ủy ban nhân dân xã chủ trì thực hiện chỉ tiêu 1.
"""


def test_plain_text_sets_header_columns_side_by_side_and_tables_as_pipe_rows() -> None:
    text = authoring.plain_text(SOURCE)
    first = text.splitlines()[0]
    assert first.startswith("ỦY BAN NHÂN DÂN ") and first.endswith("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert "| 1 | Tỷ lệ hộ dùng nước sạch | 90% |" in text


def test_tcvn3_bytes_follow_the_standard_table() -> None:
    assert authoring.to_tcvn3("Kế hoạch") == b"K\xd5 ho\xb9ch"
    assert authoring.to_tcvn3("đạt 98,5%") == b"\xae\xb9t 98,5%"
    # A run in capitals is set in .VnTimeH (lowercase codes); "Ủy" is typed "Uỷ".
    assert authoring.to_tcvn3("KẾ HOẠCH") == b"k\xd5 ho\xb9ch"
    assert authoring.to_tcvn3("Ủy ban") == b"U\xfb ban"
    assert authoring.tcvn3_text("TỈNH AN THẠCH     Độc lập") == "tỉnh an thạch     Độc lập"


def test_workbook_has_one_row_per_line_and_text_view_joins_cells(tmp_path: Path) -> None:
    source = "PHỤ LỤC\nSTT\tChỉ tiêu\tCơ quan chủ trì\n1\tTỷ lệ xã có wifi công cộng\tPhòng Kinh tế\n"
    out = tmp_path / "a.xlsx"
    authoring.write_xlsx(source, out)
    rows = [[c for c in r if c is not None] for r in openpyxl.load_workbook(out).active.iter_rows(values_only=True)]
    assert rows == [["PHỤ LỤC"], ["STT", "Chỉ tiêu", "Cơ quan chủ trì"], ["1", "Tỷ lệ xã có wifi công cộng",
                                                                          "Phòng Kinh tế"]]
    assert "1 | Tỷ lệ xã có wifi công cộng | Phòng Kinh tế" in authoring.xlsx_text(source)


def test_html_page_wraps_the_plan_in_portal_chrome(tmp_path: Path) -> None:
    out = tmp_path / "a.html"
    authoring.write_html(SOURCE, out, title="Kế hoạch")
    page = out.read_text(encoding="utf-8")
    assert page.index("<nav>") < page.index('<div class="content">') < page.index("<footer>")
    assert "<td>XÃ AN THẠCH</td>" in page and "<p>Ủy ban nhân dân xã chủ trì thực hiện chỉ tiêu 1.</p>" in page
