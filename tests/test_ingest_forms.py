"""Ingest on small documents authored here, one per form the product must support:
TXT with ranges and lead/support phrasings, DOCX with an indicator table, PDF with hard line
breaks and pages, HTML inside site chrome, district and commune plans, Unicode variants."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from docgen import CHROME_TEXTS, make_docx, make_html, make_pdf, write_text

from ingest.loaders import load_document
from ingest.model import PlanDocument
from ingest.normalize import collapse_ws, fold
from ingest.parse import parse_document

PROVINCE_PLAN = """ỦY BAN NHÂN DÂN TỈNH LÂM SƠN
Số: 12/KH-UBND
Lâm Sơn, ngày 05 tháng 3 năm 2023

KẾ HOẠCH
Thực hiện công tác trẻ em tỉnh Lâm Sơn giai đoạn 2023-2030

I. MỤC TIÊU
1. Mục tiêu chung
Bảo đảm thực hiện các quyền của trẻ em.
2. Mục tiêu cụ thể
Mục tiêu 1: Về chăm sóc sức khỏe trẻ em
- Chỉ tiêu 1: Tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ đạt 95% vào năm 2025 và 98,5% vào năm 2030.
- Chỉ tiêu 2: Giảm tỷ suất tử vong trẻ em dưới 5 tuổi xuống còn 18‰ vào năm 2025.
- Chỉ tiêu 3: Tỷ lệ trẻ em được khám sức khỏe định kỳ đạt 80% vào năm 2025.
- Chỉ tiêu 4: Tỷ lệ trạm y tế xã có nhân viên dinh dưỡng đạt 90% vào năm 2030.
- Chỉ tiêu 5: Tỷ lệ trẻ em suy dinh dưỡng thấp còi dưới 15% vào năm 2030.
Mục tiêu 2: Về giáo dục và bảo vệ trẻ em
- Chỉ tiêu 6: Tỷ lệ trẻ em 5 tuổi đi học mẫu giáo đạt 99% vào năm 2025.
- Chỉ tiêu 7: Tỷ lệ trẻ em hoàn thành tiểu học đạt 97% vào năm 2025.
- Chỉ tiêu 8: Tỷ lệ trường học có phòng tư vấn tâm lý đạt 70% vào năm 2030.
- Chỉ tiêu 9: Giảm số trẻ em bị xâm hại xuống 10% so với năm 2022.
- Chỉ tiêu 10: Tỷ lệ trẻ em có hoàn cảnh đặc biệt được trợ giúp đạt 90% vào năm 2025.

II. TỔ CHỨC THỰC HIỆN
1. Sở Lao động – Thương binh và Xã hội
- Chủ trì hướng dẫn thực hiện chỉ tiêu 1, 2 và từ 9 đến 10 của Kế hoạch.
- Tổng hợp báo cáo kết quả thực hiện Kế hoạch.
2. Sở Y tế
- Hướng dẫn triển khai thực hiện từ chỉ tiêu 3 đến chỉ tiêu 5.
3. Sở GD&ĐT
- Chủ trì, phối hợp với Sở Y tế thực hiện các chỉ tiêu 6 - 8.
4. Sở Tư pháp
- Chủ trì thực hiện chỉ tiêu 4; phối hợp thực hiện chỉ tiêu 6.
5. Công an tỉnh
- Phối hợp thực hiện chỉ tiêu 2.
6. Sở LĐ-TBXH
- Tổng hợp, báo cáo Ủy ban nhân dân tỉnh trước ngày 15/12 hằng năm.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn An
"""

LABOUR = "Sở Lao động - Thương binh và Xã hội"


def ingest(path: Path) -> PlanDocument:
    return parse_document(load_document(path))


def roles(d: PlanDocument, number: int) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {"lead": set(), "support": set()}
    for a in d.assignments:
        if a.indicator_number == number:
            out[a.role].add(a.agency)
    return out


def by_number(d: PlanDocument) -> dict[int | None, list[str]]:
    out: dict[int | None, list[str]] = {}
    for a in sorted(d.assignments, key=lambda a: (a.indicator_number, a.role, a.agency)):
        out.setdefault(a.indicator_number, []).append(f"{a.role}:{a.agency}")
    return out


def assert_provenance(d: PlanDocument) -> None:
    spans = [i.span for i in d.indicators] + [a.span for a in d.assignments] + [x.span for x in d.duties]
    spans += [g.span for g in d.goals]
    assert spans
    for s in spans:
        assert collapse_ws(d.text[s.char_start : s.char_end]) == s.quote
        assert s.quote


# ---------------------------------------------------------------- TXT: ranges, lead vs support, aliases


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> PlanDocument:
    return ingest(write_text(tmp_path_factory.mktemp("txt") / "ke_hoach.txt", PROVINCE_PLAN))


def test_txt_indicators_goals_and_targets(province: PlanDocument) -> None:
    d = province
    assert [i.number for i in d.indicators] == list(range(1, 11))
    i1 = d.indicators[0]
    assert i1.text.startswith("Tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng")
    assert [(t.year, t.value, t.unit) for t in i1.targets] == [(2025, 95.0, "%"), (2030, 98.5, "%")]
    i2 = d.indicators[1]
    assert [(t.year, t.value, t.unit, t.qualifier) for t in i2.targets] == [(2025, 18.0, "‰", "xuống còn")]
    assert [(t.year, t.value, t.qualifier) for t in d.indicators[4].targets] == [(2030, 15.0, "dưới")]
    # "so với năm 2022" is a baseline, not a target year.
    assert all(t.year != 2022 for t in d.indicators[8].targets)
    assert d.indicators[0].goal is not None and d.indicators[0].goal.startswith("Mục tiêu 1")
    assert d.indicators[5].goal is not None and d.indicators[5].goal.startswith("Mục tiêu 2")
    assert [g.number for g in d.goals] == [1, 2]


def test_txt_ranges_and_mixed_lists(province: PlanDocument) -> None:
    d = province
    # "chỉ tiêu 1, 2 và từ 9 đến 10"
    for n in (1, 2, 9, 10):
        assert LABOUR in roles(d, n)["lead"], n
    # "từ chỉ tiêu 3 đến chỉ tiêu 5": the range includes 4
    for n in (3, 4, 5):
        assert "Sở Y tế" in roles(d, n)["lead"], n
    # "các chỉ tiêu 6 - 8"
    for n in (6, 7, 8):
        assert roles(d, n)["lead"] >= {"Sở Giáo dục và Đào tạo"}, n
    # Nothing leaked outside the stated ranges.
    assert LABOUR not in roles(d, 3)["lead"] | roles(d, 8)["lead"]
    assert "Sở Y tế" not in roles(d, 2)["lead"] | roles(d, 6)["lead"]


def test_txt_lead_and_support_in_one_bullet(province: PlanDocument) -> None:
    d = province
    assert "Sở Tư pháp" in roles(d, 4)["lead"]
    assert "Sở Tư pháp" in roles(d, 6)["support"]
    assert "Sở Tư pháp" not in roles(d, 6)["lead"]


def test_txt_support_only_body_does_not_own(province: PlanDocument) -> None:
    d = province
    assert roles(d, 2)["support"] == {"Công an tỉnh"}
    assert "Công an tỉnh" not in roles(d, 2)["lead"]
    # "Chủ trì, phối hợp với Sở Y tế thực hiện ...": the co-body supports, the block's body leads.
    assert "Sở Y tế" in roles(d, 7)["support"]


def test_txt_aliases_become_one_body_with_full_name(province: PlanDocument) -> None:
    d = province
    labour = [a for a in d.agencies if a.key == "so lao dong thuong binh xa hoi"]
    assert len(labour) == 1, [a.name for a in d.agencies]
    assert labour[0].name == LABOUR
    assert "Sở LĐ-TBXH" in labour[0].aliases
    assert "Sở Lao động – Thương binh và Xã hội" in labour[0].aliases
    edu = next(a for a in d.agencies if a.key == "so giao duc dao tao")
    assert edu.name == "Sở Giáo dục và Đào tạo"
    assert "Sở GD&ĐT" in edu.aliases
    # Duties written under the abbreviation belong to the same body.
    labour_duties = [x.text for x in d.duties if x.agency_key == labour[0].key]
    assert any("15/12" in t for t in labour_duties)
    assert any("Tổng hợp báo cáo kết quả" in t for t in labour_duties)
    # Every assignment and duty shows the final display name, never the abbreviation.
    assert all("&" not in a.agency and "LĐ" not in a.agency for a in d.assignments)


def test_txt_meta_sections_and_chunks(province: PlanDocument) -> None:
    d = province
    m = d.meta
    assert (m.number, m.date, m.place, m.place_level) == ("12/KH-UBND", "2023-03-05", "Lâm Sơn", "tỉnh")
    assert m.doc_type == "Kế hoạch" and m.period == "2023-2030"
    assert m.signer == "Nguyễn Văn An"
    crumbs = {s.breadcrumb for s in d.sections}
    assert "II. TỔ CHỨC THỰC HIỆN › 4. Sở Tư pháp" in crumbs
    tp = next(a for a in d.assignments if a.indicator_number == 4 and a.agency == "Sở Tư pháp")
    assert tp.span.section == "II. TỔ CHỨC THỰC HIỆN › 4. Sở Tư pháp"
    # The last body's chunk and duties stop at the signature.
    police = [c for c in d.chunks if c.section.endswith("6. Sở LĐ-TBXH")]
    assert police and all("Nguyễn Văn An" not in c.text for c in police)
    assert all("Nguyễn Văn An" not in x.text for x in d.duties)
    for c in d.chunks:
        assert "I. MỤC TIÊU" not in c.text or "TỔ CHỨC THỰC HIỆN" not in c.text
    assert_provenance(d)


# ---------------------------------------------------------------- DOCX with an indicator table

TABLE = [
    ["STT", "Chỉ tiêu", "Năm 2025", "Năm 2030", "Cơ quan chủ trì", "Cơ quan phối hợp"],
    [
        "1",
        "Tỷ lệ trẻ em dưới 6 tuổi được cấp thẻ bảo hiểm y tế",
        "98,5%",
        "100%",
        "Phòng LĐ-TBXH",
        "Trung tâm Y tế huyện; Công an huyện",
    ],
    ["2", "Tỷ lệ trẻ em 5 tuổi đi học mẫu giáo", "97%", "99%", "Phòng GD&ĐT", "UBND các xã, thị trấn"],
    [
        "3",
        "Tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ",
        "≥ 95%",
        "≥ 98%",
        "Trung tâm Y tế huyện",
        "Phòng Lao động – Thương binh và Xã hội",
    ],
]


@pytest.fixture(scope="module")
def district_docx(tmp_path_factory: pytest.TempPathFactory) -> PlanDocument:
    path = make_docx(
        tmp_path_factory.mktemp("docx") / "ke_hoach_huyen.docx",
        [
            "ỦY BAN NHÂN DÂN HUYỆN TÂN PHÚ",
            "Số: 45/KH-UBND",
            "Tân Phú, ngày 10 tháng 5 năm 2024",
            "KẾ HOẠCH",
            "Thực hiện Chương trình hành động vì trẻ em huyện Tân Phú giai đoạn 2024-2030",
            "I. MỤC TIÊU",
            "Các chỉ tiêu cụ thể tại bảng sau:",
            "II. TỔ CHỨC THỰC HIỆN",
            "1. Phòng Văn hóa - Xã hội",
            "- Tổng hợp, báo cáo kết quả thực hiện Kế hoạch.",
        ],
        tables=[TABLE],
        table_after=7,
    )
    return ingest(path)


def test_docx_table_indicators_numbered_from_stt(district_docx: PlanDocument) -> None:
    d = district_docx
    assert [i.number for i in d.indicators] == [1, 2, 3]
    assert d.indicators[1].text == "Tỷ lệ trẻ em 5 tuổi đi học mẫu giáo"
    assert d.indicators[0].span.section.startswith("I. MỤC TIÊU")


def test_docx_table_targets_from_year_columns(district_docx: PlanDocument) -> None:
    d = district_docx
    got = [[(t.year, t.value, t.unit, t.qualifier) for t in i.targets] for i in d.indicators]
    assert got == [
        [(2025, 98.5, "%", ""), (2030, 100.0, "%", "")],
        [(2025, 97.0, "%", ""), (2030, 99.0, "%", "")],
        [(2025, 95.0, "%", "≥"), (2030, 98.0, "%", "≥")],
    ]


def test_docx_table_leads_and_supports_from_columns(district_docx: PlanDocument) -> None:
    d = district_docx
    labour = "Phòng Lao động - Thương binh và Xã hội"
    assert roles(d, 1) == {"lead": {labour}, "support": {"Trung tâm Y tế huyện", "Công an huyện"}}
    assert roles(d, 2) == {
        "lead": {"Phòng Giáo dục và Đào tạo"},
        "support": {"Ủy ban nhân dân các xã, thị trấn"},
    }
    assert roles(d, 3) == {"lead": {"Trung tâm Y tế huyện"}, "support": {labour}}
    # "Phòng LĐ-TBXH" in one row and the written-out name (en dash) in another are one body.
    labour_agency = [a for a in d.agencies if a.name == labour]
    assert len(labour_agency) == 1
    assert "Phòng Lao động – Thương binh và Xã hội" in labour_agency[0].aliases


def test_docx_meta_district_level(district_docx: PlanDocument) -> None:
    m = district_docx.meta
    assert (m.place, m.place_level, m.number, m.date) == ("Tân Phú", "huyện", "45/KH-UBND", "2024-05-10")
    assert m.issuer == "Ủy ban nhân dân huyện Tân Phú"
    assert_provenance(district_docx)
    quotes = [a.span.quote for a in district_docx.assignments if a.indicator_number == 1 and a.role == "lead"]
    assert quotes == ["Phòng LĐ-TBXH"]


# ---------------------------------------------------------------- PDF with hard line breaks and pages

PDF_PAGE_1 = (
    "ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH\nSố: 88/KH-UBND\nHòa Bình, ngày 20 tháng 6 năm 2022\nKẾ HOẠCH\n"
    "Bảo vệ trẻ em tỉnh Hòa Bình năm 2022\nI. MỤC TIÊU CỤ THỂ\n"
    "Chỉ tiêu 1: Phấn\nđấu 90% trẻ em có hoàn cảnh đặc biệt được trợ giúp vào năm 2022.\n"
    "Chỉ tiêu 2: Giảm tỷ lệ trẻ em bị tai nạn thương tích\nxuống dưới 5% vào năm 2022."
)
PDF_PAGE_2 = (
    "II. TỔ CHỨC THỰC HIỆN\n1. Sở Lao động - Thương binh và Xã hội\n"
    "- Chủ trì thực hiện chỉ tiêu 1 và chỉ tiêu 2; phối hợp với Sở Y tế\ntổng hợp kết quả.\n"
    "2. Sở Y tế\n- Phối hợp thực hiện chỉ tiêu 2."
)


@pytest.fixture(scope="module")
def pdf_plan(tmp_path_factory: pytest.TempPathFactory) -> PlanDocument:
    return ingest(make_pdf(tmp_path_factory.mktemp("pdf") / "ke_hoach.pdf", [PDF_PAGE_1, PDF_PAGE_2]))


def test_pdf_hard_breaks_joined_inside_indicators(pdf_plan: PlanDocument) -> None:
    d = pdf_plan
    assert [i.number for i in d.indicators] == [1, 2]
    assert d.indicators[0].text.startswith("Phấn đấu 90% trẻ em")
    assert d.indicators[1].text == "Giảm tỷ lệ trẻ em bị tai nạn thương tích xuống dưới 5% vào năm 2022."
    assert [(t.year, t.value, t.qualifier) for t in d.indicators[1].targets] == [(2022, 5.0, "dưới")]
    # The quote is the original, line break included (collapsed to a space).
    assert "Phấn đấu" in d.indicators[0].span.quote
    assert "Phấn\nđấu" in d.text


def test_pdf_page_numbers_on_facts(pdf_plan: PlanDocument) -> None:
    d = pdf_plan
    assert {i.span.page for i in d.indicators} == {1}
    assert d.assignments and {a.span.page for a in d.assignments} == {2}
    assert {x.span.page for x in d.duties} == {2}
    assert roles(d, 1) == {"lead": {LABOUR}, "support": set()}
    assert roles(d, 2) == {"lead": {LABOUR}, "support": {"Sở Y tế"}}
    pages = {c.page for c in d.chunks}
    assert pages == {1, 2}
    assert next(c for c in d.chunks if "TỔ CHỨC" in c.section).page == 2
    assert d.meta.number == "88/KH-UBND" and d.meta.place == "Hòa Bình"
    assert_provenance(d)


# ---------------------------------------------------------------- HTML inside site chrome

HTML_BODY = """
<h2>KẾ HOẠCH</h2>
<p>Bảo vệ, chăm sóc trẻ em năm 2024</p>
<p>I. MỤC TIÊU CỤ THỂ</p>
<p>Chỉ tiêu 1: Tỷ lệ trẻ em dưới 5 tuổi được đăng ký khai sinh đạt 99% vào năm 2024.</p>
<p>Chỉ tiêu 2: Tỷ lệ trẻ em được tiêm chủng đầy đủ đạt 97% vào năm 2024.</p>
<p>II. TỔ CHỨC THỰC HIỆN</p>
<p>1. Sở Tư pháp</p>
<ul><li>Chủ trì thực hiện chỉ tiêu 1.</li></ul>
<p>2. Sở Y tế</p>
<ul><li>Chủ trì thực hiện chỉ tiêu 2; phối hợp thực hiện chỉ tiêu 1.</li></ul>
"""


@pytest.mark.parametrize("container", ["main", "article", "content"])
def test_html_chrome_is_not_in_chunks_and_facts_are_found(tmp_path: Path, container: str) -> None:
    d = ingest(make_html(tmp_path / "vanban.html", HTML_BODY, container=container))
    all_text = "\n".join(c.text for c in d.chunks)
    for chrome in CHROME_TEXTS:
        assert chrome not in all_text
        assert chrome not in d.text
    assert [i.number for i in d.indicators] == [1, 2]
    assert roles(d, 1) == {"lead": {"Sở Tư pháp"}, "support": {"Sở Y tế"}}
    assert roles(d, 2) == {"lead": {"Sở Y tế"}, "support": set()}
    assert "Chủ trì thực hiện chỉ tiêu 1." in all_text
    assert d.meta.doc_type == "Kế hoạch"
    assert d.meta.title is None or "mục tiêu" not in d.meta.title.lower()
    assert_provenance(d)


# ---------------------------------------------------------------- district and commune plans

COMMUNE_PLAN = """UỶ BAN NHÂN DÂN XÃ TÂN HOÀ
Số: 07/KH-UBND
Tân Hoà, ngày 02 tháng 2 năm 2024

KẾ HOẠCH
Thực hiện công tác bảo vệ, chăm sóc trẻ em năm 2024

Thực hiện Kế hoạch số 15/KH-UBND ngày 20/01/2024 của UBND huyện Thuỷ Nguyên về công tác trẻ em năm 2024.
UBND xã Tân Hoà xây dựng kế hoạch thực hiện công tác bảo vệ, chăm sóc trẻ em năm 2024 như sau:

I. MỤC TIÊU
1. Mục tiêu chung
Tạo môi trường sống an toàn cho trẻ em.
2. Mục tiêu cụ thể
- 100% trẻ em dưới 6 tuổi được cấp thẻ bảo hiểm y tế;
- 98% trẻ em dưới 1 tuổi được tiêm chủng đầy đủ;
- Giảm tỷ lệ trẻ em suy dinh dưỡng xuống dưới 10%.

II. TỔ CHỨC THỰC HIỆN
1. Công chức Văn hoá - Xã hội
- Tham mưu UBND xã triển khai Kế hoạch; tổng hợp báo cáo trước ngày 15/12.
2. Trạm Y tế xã
- Tổ chức tiêm chủng và khám sức khoẻ cho trẻ em.
3. Công an xã
- Phòng ngừa, phát hiện và xử lý các hành vi xâm hại trẻ em.

CHỦ TỊCH
Lê Thị Hoa
"""

DISTRICT_PLAN = """ỦY BAN NHÂN DÂN
HUYỆN ĐỒNG XUÂN
Số: 130/KH-UBND
Đồng Xuân, ngày 12 tháng 4 năm 2023

KẾ HOẠCH
Thực hiện công tác trẻ em năm 2023

UBND huyện Đồng Xuân xây dựng Kế hoạch thực hiện công tác trẻ em năm 2023 như sau:
I. MỤC TIÊU
1. Mục tiêu chung
Bảo đảm quyền của trẻ em trên địa bàn huyện.
2. Mục tiêu cụ thể:
a) 100% trẻ em có hoàn cảnh đặc biệt được quản lý, theo dõi.
b) 95% trẻ em được tiếp cận dịch vụ bảo vệ trẻ em.
II. TỔ CHỨC THỰC HIỆN
1. Phòng Lao động - TB&XH
- Tham mưu UBND huyện triển khai Kế hoạch.
2. Trung tâm Y tế huyện
- Tổ chức khám sức khỏe cho trẻ em.
"""


def test_commune_plan_level_place_and_bullet_targets(tmp_path: Path) -> None:
    d = ingest(write_text(tmp_path / "xa.txt", COMMUNE_PLAN))
    m = d.meta
    assert (m.place, m.place_level) == ("Tân Hoà", "xã")
    assert m.parent_place == "huyện Thuỷ Nguyên"
    assert m.signer == "Lê Thị Hoa"
    assert [i.number for i in d.indicators] == [None, None, None]
    assert [i.ordinal for i in d.indicators] == [1, 2, 3]
    assert d.indicators[0].text == "100% trẻ em dưới 6 tuổi được cấp thẻ bảo hiểm y tế;"
    assert d.indicators[2].text.startswith("Giảm tỷ lệ")
    assert all("Mục tiêu cụ thể" in i.span.section for i in d.indicators)
    bodies = {x.agency for x in d.duties}
    assert bodies == {"Công chức Văn hoá - Xã hội", "Trạm Y tế xã", "Công an xã"}
    # The signature is neither a duty of the last body nor inside its chunk.
    assert all("Lê Thị Hoa" not in x.text and "CHỦ TỊCH" not in x.text for x in d.duties)
    last = [c for c in d.chunks if c.section.endswith("3. Công an xã")]
    assert last and all("Lê Thị Hoa" not in c.text for c in last)
    assert_provenance(d)


def test_district_plan_level_place_numbered_targets(tmp_path: Path) -> None:
    d = ingest(write_text(tmp_path / "huyen.txt", DISTRICT_PLAN))
    m = d.meta
    assert (m.place, m.place_level, m.number, m.date) == ("Đồng Xuân", "huyện", "130/KH-UBND", "2023-04-12")
    assert [i.number for i in d.indicators] == [None, None]
    assert d.indicators[0].text == "100% trẻ em có hoàn cảnh đặc biệt được quản lý, theo dõi."  # no "a)"
    assert d.indicators[1].text.startswith("95% trẻ em được tiếp cận")
    labour = next(a for a in d.agencies if a.key.startswith("phong lao dong"))
    assert labour.key == "phong lao dong thuong binh xa hoi"
    assert labour.name == "Phòng Lao động - Thương binh và Xã hội"


# ---------------------------------------------------------------- Unicode forms


def _old_tones(text: str) -> str:
    for new, old in (("hòa", "hoà"), ("Hòa", "Hoà"), ("thủy", "thuỷ"), ("Ủy", "Uỷ"), ("khỏe", "khoẻ")):
        text = text.replace(new, old)
    return text


def _facts(d: PlanDocument) -> tuple[object, ...]:
    return (
        [(i.number, fold(i.text), [(t.year, t.value) for t in i.targets]) for i in d.indicators],
        sorted((a.agency_key, a.indicator_number, a.role) for a in d.assignments),
        sorted(a.key for a in d.agencies),
        d.meta.number,
        d.meta.date,
        d.meta.place_level,
    )


def test_nfd_and_old_tone_placement_give_the_same_facts(tmp_path: Path) -> None:
    base = PROVINCE_PLAN.replace(
        "Sở Y tế\n- Hướng dẫn", "Sở Y tế và Bảo hiểm xã hội tỉnh Hòa Bình\n- Hướng dẫn"
    )
    base = base.replace("Tổng hợp báo cáo kết quả thực hiện Kế hoạch.", "Tổng hợp kết quả, gửi Sở Y tế")
    nfc = ingest(write_text(tmp_path / "nfc.txt", base))
    nfd_text = unicodedata.normalize("NFD", _old_tones(base))
    assert nfd_text != base
    nfd = ingest(write_text(tmp_path / "nfd.txt", nfd_text))
    assert _facts(nfd) == _facts(nfc)
    assert len(nfd.indicators) == 10
    # Quotes stay the original (decomposed) text.
    assert nfd.indicators[0].span.quote == collapse_ws(
        nfd.text[nfd.indicators[0].span.char_start : nfd.indicators[0].span.char_end]
    )
    assert not unicodedata.is_normalized("NFC", nfd.indicators[0].span.quote)
    # A quote ending on a decomposed letter keeps that letter's marks.
    ends_on_letter = [x for x in nfd.duties if x.text.endswith("Sở Y tế")]
    assert ends_on_letter
    for x in nfd.duties:
        assert fold(x.span.quote).endswith(fold(x.text)[-6:]), x.span.quote
        assert unicodedata.normalize("NFC", x.span.quote).endswith(x.text[-3:])
    assert_provenance(nfd)


def test_table_debris_latex_and_bold_in_a_plan(tmp_path: Path) -> None:
    text = (
        "KẾ HOẠCH\nBảo vệ trẻ em năm 2024\n|\nI. MỤC TIÊU CỤ THỂ\n"
        "**Chỉ tiêu 1:** Tỷ lệ trẻ em được tiêm chủng đạt $\\geq 95\\%$ vào năm 2025.\n|\n"
        "II. TỔ CHỨC THỰC HIỆN\n**1. Sở Y tế**\n- Chủ trì thực hiện chỉ tiêu 1.\n"
    )
    d = ingest(write_text(tmp_path / "debris.md", text))
    assert [i.number for i in d.indicators] == [1]
    assert d.indicators[0].text == "Tỷ lệ trẻ em được tiêm chủng đạt ≥ 95% vào năm 2025."
    assert [(t.year, t.value, t.qualifier) for t in d.indicators[0].targets] == [(2025, 95.0, "≥")]
    assert roles(d, 1)["lead"] == {"Sở Y tế"}
    joined = "\n".join(c.text for c in d.chunks)
    assert "**" not in joined and "\\geq" not in joined
    assert not any(line.strip() == "|" for line in joined.splitlines())
    assert "$\\geq 95\\%$" in d.indicators[0].span.quote  # the quote is the original
    assert_provenance(d)
