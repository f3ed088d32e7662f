"""Who issued a plan, at every level: header forms, titles and place-and-date lines of documents authored
here, and the gazetteer of both administrations (before and after 1 July 2025).

Fictional places (tỉnh Lâm Sơn, huyện Hòa Mây, xã Tân Mây …) are not in the gazetteer: they must work
from the document's own words. Real ones check what the gazetteer adds.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from docgen import make_docx, write_text

from ingest.loaders import load_document
from ingest.model import DocumentMeta, PlaceRef
from ingest.parse import parse_document
from ingest.places import (
    COMMUNE,
    CURRENT,
    DISTRICT,
    LEGACY,
    PROVINCE,
    complete_chain,
    era_of,
    load_gazetteer,
    place_key,
)

BODY = """
I. MỤC TIÊU
Chỉ tiêu 1: Tỷ lệ hộ gia đình được tuyên truyền về phòng, chống thiên tai đạt 90% vào năm 2025.
II. TỔ CHỨC THỰC HIỆN
1. Phòng Nông nghiệp
- Chủ trì thực hiện chỉ tiêu 1.
"""


def meta_of(tmp_path: Path, text: str, name: str = "plan.txt") -> DocumentMeta:
    return parse_document(load_document(write_text(tmp_path / name, text))).meta


def chain(meta: DocumentMeta) -> list[tuple[str, str, str]]:
    return [(r.level, r.name, r.tier) for r in meta.place_chain]


# ---------------------------------------------------------------- the gazetteer


def test_gazetteer_knows_both_administrations() -> None:
    g = load_gazetteer()
    count = {(era, tier): 0 for era in (LEGACY, CURRENT) for tier in (PROVINCE, DISTRICT, COMMUNE)}
    for u in g.units:
        count[(u.era, u.tier)] += 1
    # 63 provinces and 696 districts before 1 July 2025; 34 provinces and 3,321 communes, wards and
    # special zones since, with no district level.
    assert count[(LEGACY, PROVINCE)] == 63 and count[(LEGACY, DISTRICT)] == 696
    assert count[(CURRENT, PROVINCE)] == 34 and count[(CURRENT, COMMUNE)] == 3321
    assert count[(CURRENT, DISTRICT)] == 0
    levels = {u.level for u in g.units if u.era == CURRENT and u.tier == COMMUNE}
    assert levels == {"xã", "phường", "đặc khu"}


def test_gazetteer_maps_old_units_to_new_ones() -> None:
    g = load_gazetteer()
    (bac_kan,) = g.find("Bắc Kạn", tier=PROVINCE)
    assert bac_kan.era == LEGACY and [s.label for s in g.successors(bac_kan)] == ["tỉnh Thái Nguyên"]
    assert g.is_pre_2025_only(bac_kan)
    (district,) = g.find("Vị Xuyên", tier=DISTRICT)
    assert district.province == "Hà Giang" and [s.label for s in g.successors(district)] == ["tỉnh Tuyên Quang"]
    assert g.is_pre_2025_only(district)  # the district level is gone
    (town,) = g.find("Vị Xuyên", tier=COMMUNE, era=LEGACY, province="Hà Giang")
    assert town.level == "thị trấn" and town.district == "huyện Vị Xuyên"
    assert "xã Vị Xuyên" in [s.label for s in g.successors(town)]
    (thai_nguyen,) = g.find("Thái Nguyên", tier=PROVINCE, era=CURRENT)
    assert not g.successors(thai_nguyen) and not g.is_pre_2025_only(thai_nguyen)
    # A new commune is found under an old province name merged into its province.
    assert [u.label for u in g.find("Vị Xuyên", tier=COMMUNE, era=CURRENT, province="Hà Giang")] == ["xã Vị Xuyên"]


def test_gazetteer_matches_with_or_without_diacritics() -> None:
    g = load_gazetteer()
    assert place_key("Bà Rịa – Vũng Tàu") == place_key("ba ria vung tau")
    # Typed with diacritics, only the name with those diacritics; typed without, every reading.
    with_marks = {u.name for u in g.find("Đồng Văn", tier=DISTRICT)}
    without = {u.name for u in g.find("dong van", tier=DISTRICT)}
    assert with_marks == {"Đồng Văn"} and with_marks <= without
    assert [u.name for u in g.find("TP HCM", tier=PROVINCE, era=CURRENT)] == ["Hồ Chí Minh"]
    assert not g.knows("Hòa Mây") and not g.find("Lâm Sơn", tier=PROVINCE)


def test_gazetteer_loads_offline_without_the_packages_geocoder() -> None:
    # Only the package's data files are read: its own imports (a geocoding client) are never loaded.
    code = ("import sys; from ingest.places import load_gazetteer; g = load_gazetteer(); "
            "assert len(g) > 10000; print(sorted(m for m in sys.modules if m.startswith(('geopy', "
            "'vietnamadminunits'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_era_of_a_date() -> None:
    assert [era_of(d) for d in ("2025-06-30", "2025-07-01", "2024-04", "2025-09", None)] == [
        LEGACY, CURRENT, LEGACY, CURRENT, None]


def test_complete_chain_adds_only_certain_parents() -> None:
    g = load_gazetteer()
    district = [PlaceRef("Vị Xuyên", "huyện", DISTRICT, "header")]
    assert [(r.label, r.source) for r in complete_chain(district, "2023-05-01", g)] == [
        ("huyện Vị Xuyên", "header"), ("tỉnh Hà Giang", "gazetteer")]
    # A post-2025 commune lies directly under its new province.
    commune = [PlaceRef("Vị Xuyên", "xã", COMMUNE, "header")]
    assert [r.label for r in complete_chain(commune, "2025-09-20", g)] == ["xã Vị Xuyên", "tỉnh Tuyên Quang"]
    # A name found in several places, or a province the document names that disagrees, adds nothing.
    ambiguous = [PlaceRef("Tân Phú", "huyện", DISTRICT, "header")]
    assert complete_chain(ambiguous, "2023-01-01", g) == ambiguous
    elsewhere = [PlaceRef("Vị Xuyên", "huyện", DISTRICT, "header"), PlaceRef("Lâm Sơn", "tỉnh", PROVINCE, "title")]
    assert complete_chain(elsewhere, "2023-01-01", g) == elsewhere


# ---------------------------------------------------------------- district headers


DISTRICT_HEADERS = {
    "two lines, province line below": "ỦY BAN NHÂN DÂN HUYỆN HÒA MÂY\nTỈNH LÂM SƠN\n-------",
    "province committee above": "UBND TỈNH LÂM SƠN\nUBND HUYỆN HÒA MÂY\n-------",
    "province line above": "TỈNH LÂM SƠN\nỦY BAN NHÂN DÂN HUYỆN HÒA MÂY",
    "one line": "ỦY BAN NHÂN DÂN HUYỆN HÒA MÂY TỈNH LÂM SƠN",
    "two-column rows": ("ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHUYỆN HÒA MÂY\t"
                        "Độc lập - Tự do - Hạnh phúc\nTỈNH LÂM SƠN\t---------------"),
}


@pytest.mark.parametrize("form", list(DISTRICT_HEADERS))
def test_district_header_forms(tmp_path: Path, form: str) -> None:
    text = (f"{DISTRICT_HEADERS[form]}\nSố: 15/KH-UBND\nHòa Mây, ngày 3 tháng 4 năm 2024\n"
            f"KẾ HOẠCH\nPhòng, chống thiên tai năm 2024\n{BODY}")
    m = meta_of(tmp_path, text)
    assert chain(m) == [("huyện", "Hòa Mây", DISTRICT), ("tỉnh", "Lâm Sơn", PROVINCE)]
    assert (m.place, m.place_level, m.parent_place) == ("Hòa Mây", "huyện", "tỉnh Lâm Sơn")
    assert m.issuer == "Ủy ban nhân dân huyện Hòa Mây"
    assert (m.number, m.date) == ("15/KH-UBND", "2024-04-03")


def test_district_two_line_header_without_province_takes_it_from_the_title(tmp_path: Path) -> None:
    text = ("ỦY BAN NHÂN DÂN\nHUYỆN HÒA MÂY\n-------\nSố: 15/KH-UBND\nHòa Mây, ngày 3 tháng 4 năm 2024\n"
            "KẾ HOẠCH\nChuyển đổi số trên địa bàn huyện Hòa Mây,\ntỉnh Lâm Sơn giai đoạn 2024 - 2025\n"
            "Căn cứ Kế hoạch số 20/KH-UBND ngày 01/3/2024 của UBND tỉnh Lâm Sơn;\n" + BODY)
    m = meta_of(tmp_path, text)
    assert chain(m) == [("huyện", "Hòa Mây", DISTRICT), ("tỉnh", "Lâm Sơn", PROVINCE)]
    assert [r.source for r in m.place_chain] == ["header", "title"]
    assert m.title == "Kế hoạch chuyển đổi số trên địa bàn huyện Hòa Mây, tỉnh Lâm Sơn giai đoạn 2024 - 2025"


def test_district_header_real_district_gets_its_province_from_the_gazetteer(tmp_path: Path) -> None:
    text = ("ỦY BAN NHÂN DÂN\nHUYỆN VỊ XUYÊN\nSố: 05/KH-UBND\nVị Xuyên, ngày 20 tháng 9 năm 2022\n"
            "KẾ HOẠCH\nGiảm nghèo bền vững năm 2022\n" + BODY)
    m = meta_of(tmp_path, text)
    assert [(r.label, r.source) for r in m.place_chain] == [("huyện Vị Xuyên", "header"),
                                                            ("tỉnh Hà Giang", "gazetteer")]


def test_an_unknown_place_whose_first_word_is_a_real_name_is_kept_whole(tmp_path: Path) -> None:
    # "Thanh" alone names real units; "Thanh Lĩnh" is invented and must not be cut to "Thanh".
    text = ("ỦY BAN NHÂN DÂN HUYỆN THANH LĨNH\nSố: 27/KH-UBND\nThanh Lĩnh, ngày 14 tháng 4 năm 2025\n"
            "KẾ HOẠCH\nChuyển đổi số năm 2025\n" + BODY)
    m = meta_of(tmp_path, text)
    assert (m.place, m.place_level, m.issuer) == ("Thanh Lĩnh", "huyện", "Ủy ban nhân dân huyện Thanh Lĩnh")


def test_city_under_a_province_is_district_tier(tmp_path: Path) -> None:
    text = ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÒA MÂY\nSố: 05/KH-UBND\nHòa Mây, ngày 20 tháng 9 năm 2023\n"
            "KẾ HOẠCH\nPhát triển giáo dục mầm non thành phố Hòa Mây, tỉnh Lâm Sơn năm 2023\n" + BODY)
    m = meta_of(tmp_path, text)
    assert chain(m) == [("thành phố", "Hòa Mây", DISTRICT), ("tỉnh", "Lâm Sơn", PROVINCE)]


# ---------------------------------------------------------------- commune plans


def test_commune_plan_of_a_post_2025_province(tmp_path: Path) -> None:
    text = ("ỦY BAN NHÂN DÂN\nXÃ BÍCH MÂY\n-------\nSố: 21/KH-UBND\nBích Mây, ngày 10 tháng 9 năm 2025\n"
            "KẾ HOẠCH\nThực hiện chuyển đổi số trên địa bàn xã Bích Mây, tỉnh Lâm Sơn năm 2025\n" + BODY)
    m = meta_of(tmp_path, text)
    # Communes lie directly under the province since 1 July 2025: no district in the chain.
    assert chain(m) == [("xã", "Bích Mây", COMMUNE), ("tỉnh", "Lâm Sơn", PROVINCE)]
    assert m.issuer == "Ủy ban nhân dân xã Bích Mây" and m.parent_place == "tỉnh Lâm Sơn"


def test_real_post_2025_commune_gets_its_new_province(tmp_path: Path) -> None:
    text = ("ỦY BAN NHÂN DÂN\nXÃ VỊ XUYÊN\nSố: 05/KH-UBND\nVị Xuyên, ngày 20 tháng 9 năm 2025\n"
            "KẾ HOẠCH\nThực hiện chuyển đổi số năm 2025\n" + BODY)
    m = meta_of(tmp_path, text)
    assert [(r.label, r.source) for r in m.place_chain] == [("xã Vị Xuyên", "header"),
                                                            ("tỉnh Tuyên Quang", "gazetteer")]


def test_commune_plan_under_its_district_committee(tmp_path: Path) -> None:
    text = ("UBND HUYỆN ĐỒI MÂY\nUBND XÃ TÂN MÂY\nSố: 09/KH-UBND\nTân Mây, ngày 02 tháng 2 năm 2024\n"
            "KẾ HOẠCH\nBảo vệ, chăm sóc trẻ em năm 2024\n"
            "Thực hiện Kế hoạch số 15/KH-UBND ngày 20/01/2024 của UBND huyện Đồi Mây, tỉnh Lâm Sơn.\n" + BODY)
    m = meta_of(tmp_path, text)
    assert chain(m) == [("xã", "Tân Mây", COMMUNE), ("huyện", "Đồi Mây", DISTRICT), ("tỉnh", "Lâm Sơn", PROVINCE)]
    assert m.issuer == "Ủy ban nhân dân xã Tân Mây"
    assert m.issuer_superior == "Ủy ban nhân dân huyện Đồi Mây"


def test_commune_office_under_its_commune(tmp_path: Path) -> None:
    text = ("UBND XÃ BÍCH MÂY\nPHÒNG VĂN HÓA - XÃ HỘI\nSố: 05/KH-VHXH\nBích Mây, ngày 20 tháng 9 năm 2025\n"
            "KẾ HOẠCH\nPhòng, chống bạo lực gia đình trên địa bàn xã Bích Mây, tỉnh Lâm Sơn năm 2025\n" + BODY)
    m = meta_of(tmp_path, text)
    # "XÃ HỘI" ends the office's name: it is not a commune called "Hội".
    assert chain(m) == [("xã", "Bích Mây", COMMUNE), ("tỉnh", "Lâm Sơn", PROVINCE)]
    assert m.issuer == "Phòng Văn hóa - Xã hội xã Bích Mây"
    assert m.issuer_superior == "Ủy ban nhân dân xã Bích Mây"


# ---------------------------------------------------------------- a Sở or a Ban as issuer


def test_department_as_issuer_under_its_province(tmp_path: Path) -> None:
    text = ("UBND TỈNH LÂM SƠN\nSỞ Y TẾ\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Độc lập - Tự do - Hạnh phúc\nSố: 45/KH-SYT\nLâm Sơn, ngày 12 tháng 8 năm 2025\n"
            "KẾ HOẠCH\nTiêm chủng mở rộng năm 2025\n" + BODY)
    m = meta_of(tmp_path, text)
    assert chain(m) == [("tỉnh", "Lâm Sơn", PROVINCE)]
    assert m.issuer == "Sở Y tế tỉnh Lâm Sơn" and m.issuer_superior == "Ủy ban nhân dân tỉnh Lâm Sơn"
    assert m.number == "45/KH-SYT"


def test_board_as_issuer_written_as_the_document_writes_it(tmp_path: Path) -> None:
    text = ("UBND TỈNH LÂM SƠN\nBAN DÂN TỘC\nSố: 05/KH-BDT\nLâm Sơn, ngày 20 tháng 9 năm 2023\n"
            "KẾ HOẠCH THỰC HIỆN CHÍNH SÁCH DÂN TỘC\nTRÊN ĐỊA BÀN TỈNH LÂM SƠN NĂM 2023\n"
            "Căn cứ Quyết định số 1/QĐ-TTg;\nBan Dân tộc tỉnh xây dựng kế hoạch như sau:\n" + BODY)
    m = meta_of(tmp_path, text)
    assert m.issuer == "Ban Dân tộc tỉnh Lâm Sơn"
    # A title in capitals over two lines is read whole, in sentence case, and stops before "Căn cứ".
    assert m.title == "Kế hoạch thực hiện chính sách dân tộc trên địa bàn tỉnh Lâm Sơn năm 2023"


# ---------------------------------------------------------------- text copied from law portals


PORTAL = """Thư viện Pháp luật | Đăng nhập | Đăng ký
Văn bản pháp luật > Kế hoạch > Bình đẳng giới
ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
 | Độc lập - Tự do - Hạnh phúc |
Số: 12/KH-UBND | {place}, ngày 05 tháng 3 năm 2020 |

KẾ HOẠCH
Thực hiện công tác bình đẳng giới
{title_tail}
Căn cứ Luật Bình đẳng giới năm 2006;
"""


def test_portal_copy_without_the_issuers_place_reads_it_from_the_title(tmp_path: Path) -> None:
    text = PORTAL.format(place="Hòa Mây", title_tail="trên địa bàn huyện Hòa Mây năm 2020") + BODY
    m = meta_of(tmp_path, text)
    assert chain(m) == [("huyện", "Hòa Mây", DISTRICT)]
    assert [r.source for r in m.place_chain] == ["title"]
    assert (m.number, m.date) == ("12/KH-UBND", "2020-03-05")
    assert m.title == "Kế hoạch thực hiện công tác bình đẳng giới trên địa bàn huyện Hòa Mây năm 2020"


def test_portal_copy_reads_the_place_from_the_place_and_date_line(tmp_path: Path) -> None:
    text = PORTAL.format(place="Lâm Sơn", title_tail="năm 2020") + (
        "Ủy ban nhân dân tỉnh Lâm Sơn giao các sở, ngành thực hiện như sau:\n" + BODY)
    m = meta_of(tmp_path, text)
    # The name comes from the date line, its level from the document's own words.
    assert chain(m) == [("tỉnh", "Lâm Sơn", PROVINCE)]
    assert m.place_chain[0].source == "date_line"


def test_quoc_hieu_is_never_a_place(tmp_path: Path) -> None:
    # The motto broken over lines by a PDF, and no place in the issuer's column.
    text = ("Cổng thông tin | Tra cứu văn bản\nỦY BAN NHÂN DÂN\n|\nCỘNG\nHÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Độc lập - Tự do - Hạnh phúc\n|\nSố: 3/KH-UBND\n|\nKẾ HOẠCH\nPhòng, chống thiên tai\n" + BODY)
    m = meta_of(tmp_path, text)
    names = " ".join(r.name for r in m.place_chain)
    assert "Hội" not in names and "Việt Nam" not in names and "Nghĩa" not in names
    assert m.place is None and m.issuer is None


def test_docx_header_table(tmp_path: Path) -> None:
    header = [["ỦY BAN NHÂN DÂN\nHUYỆN HÒA MÂY\n-------\nSố: 87/KH-UBND",
               "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------\n"
               "Hòa Mây, ngày 18 tháng 5 năm 2023"]]
    path = make_docx(tmp_path / "huyen.docx", ["KẾ HOẠCH", "Thực hiện Chương trình hành động vì trẻ em huyện Hòa Mây,",
                                               "tỉnh Lâm Sơn giai đoạn 2023 - 2030", "I. MỤC TIÊU",
                                               "Chỉ tiêu 1: Tỷ lệ trẻ em được tiêm chủng đạt 95% vào năm 2025."],
                     tables=[header], table_after=0)
    m = parse_document(load_document(path)).meta
    assert chain(m) == [("huyện", "Hòa Mây", DISTRICT), ("tỉnh", "Lâm Sơn", PROVINCE)]
    # The place-and-date line follows the right column's rule on the same flattened row.
    assert m.date == "2023-05-18" and m.number == "87/KH-UBND"
    assert m.title == ("Kế hoạch thực hiện Chương trình hành động vì trẻ em huyện Hòa Mây, tỉnh Lâm Sơn "
                       "giai đoạn 2023 - 2030")


# ---------------------------------------------------------------- titles


def test_title_over_lines_stops_at_the_opening_sentence(tmp_path: Path) -> None:
    text = ("ỦY BAN NHÂN DÂN TỈNH LÂM SƠN\nSố: 7/KH-UBND\nLâm Sơn, ngày 1 tháng 2 năm 2024\n\nKẾ HOẠCH\n"
            "Triển khai Đề án phòng, chống đuối nước cho trẻ em\ngiai đoạn 2024 - 2030\n\n"
            "Ủy ban nhân dân tỉnh Lâm Sơn ban hành Kế hoạch triển khai như sau:\n" + BODY)
    m = meta_of(tmp_path, text)
    assert m.title == "Kế hoạch triển khai Đề án phòng, chống đuối nước cho trẻ em giai đoạn 2024 - 2030"
    assert m.period == "2024-2030"


def test_title_and_next_paragraph_in_one_paragraph_are_cut_apart(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "kh.docx", [
        "ỦY BAN NHÂN DÂN TỈNH LÂM SƠN", "Số: 8/KH-UBND", "KẾ HOẠCH",
        "Hỗ trợ phụ nữ khởi nghiệp năm 2024 Thực hiện Quyết định số 939/QĐ-TTg ngày 30/6/2017 của "
        "Thủ tướng Chính phủ, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:",
        "I. MỤC TIÊU", "Chỉ tiêu 1: 100% xã có câu lạc bộ phụ nữ khởi nghiệp vào năm 2024."])
    m = parse_document(load_document(path)).meta
    assert m.title == "Kế hoạch hỗ trợ phụ nữ khởi nghiệp năm 2024"


def test_title_does_not_take_the_next_heading_or_a_body_paragraph(tmp_path: Path) -> None:
    text = ("ỦY BAN NHÂN DÂN HUYỆN HÒA MÂY\nSố: 9/KH-UBND\nKẾ HOẠCH\nPhòng, chống dịch bệnh năm 2024\n"
            "Nhằm chủ động phòng, chống dịch bệnh trên địa bàn huyện, UBND huyện ban hành kế hoạch.\n" + BODY)
    m = meta_of(tmp_path, text)
    assert m.title == "Kế hoạch phòng, chống dịch bệnh năm 2024"


def test_decision_authority_line_gives_the_issuer_and_ends_the_title(tmp_path: Path) -> None:
    text = ("QUYẾT ĐỊNH\nBAN HÀNH KẾ HOẠCH PHÒNG, CHỐNG THIÊN TAI\nNĂM 2024\n\n"
            "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN HÒA MÂY\n\nCăn cứ Luật Phòng, chống thiên tai;\nQUYẾT ĐỊNH:\n"
            "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch phòng, chống thiên tai năm 2024.\n" + BODY)
    m = meta_of(tmp_path, text)
    assert chain(m) == [("huyện", "Hòa Mây", DISTRICT)] and m.place_chain[0].source == "header"
    assert m.issuer == "Ủy ban nhân dân huyện Hòa Mây"
    assert m.title == "Quyết định ban hành kế hoạch phòng, chống thiên tai năm 2024"


@pytest.mark.parametrize(("header", "issuer"), [
    ("UBND XÃ BÍCH MÂY\nVĂN PHÒNG HĐND VÀ UBND", "Văn phòng HĐND và UBND xã Bích Mây"),
    ("SỞ GIÁO DỤC VÀ ĐÀO TẠO\nTỈNH LÂM SƠN", "Sở Giáo dục và Đào tạo tỉnh Lâm Sơn"),
    ("HỘI ĐỒNG NHÂN DÂN\nTỈNH LÂM SƠN", "Hội đồng nhân dân tỉnh Lâm Sơn"),
    ("CÔNG AN TỈNH LÂM SƠN", "Công an tỉnh Lâm Sơn"),
    ("ĐẢNG BỘ TỈNH LÂM SƠN\nHUYỆN ỦY HÒA MÂY\n*", "Huyện ủy Hòa Mây"),  # a party committee: no level word
])
def test_other_issuing_bodies(tmp_path: Path, header: str, issuer: str) -> None:
    text = f"{header}\nSố: 3/KH-VP\nLâm Sơn, ngày 2 tháng 10 năm 2025\nKẾ HOẠCH\nCải cách hành chính năm 2025\n{BODY}"
    assert meta_of(tmp_path, text).issuer == issuer


def test_title_stops_at_a_numbered_heading(tmp_path: Path) -> None:
    text = ("ỦY BAN NHÂN DÂN TỈNH LÂM SƠN\nSố: 9/KH-UBND\nKẾ HOẠCH\nPhòng, chống dịch bệnh\ngiai đoạn\n"
            "2024 - 2026\n1. Mục đích\nBảo vệ sức khỏe nhân dân.\n" + BODY)
    assert meta_of(tmp_path, text).title == "Kế hoạch phòng, chống dịch bệnh giai đoạn 2024 - 2026"
