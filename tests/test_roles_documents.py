"""Lead and support on whole plans written here: several policy domains, both administrations (the
three-level one before July 2025 and the two-level one after), every clause shape, bodies written in
full and abbreviated. Every indicator's exact lead and support sets are asserted, including the
indicators the plan leaves without a clear lead. Text, DOCX, PDF and HTML forms of one plan agree."""

from __future__ import annotations

import html
import tempfile
from pathlib import Path

import pytest
from docgen import make_docx, make_html, make_pdf, write_text
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.agencies import agency_key
from ingest.loaders import load_document
from ingest.model import PlanDocument
from ingest.normalize import collapse_ws
from ingest.parse import parse_document

Roles = dict[int, tuple[set[str], set[str]]]


def ingest(path: Path) -> PlanDocument:
    return parse_document(load_document(path))


def roles(d: PlanDocument) -> Roles:
    """Every numbered indicator with its (leads, supports), empty sets included."""
    out: Roles = {i.number: (set(), set()) for i in d.indicators if i.number is not None}
    for a in d.assignments:
        out[a.indicator_number][0 if a.role == "lead" else 1].add(a.agency)
    return out


def assert_quotes_are_original(d: PlanDocument) -> None:
    for a in d.assignments:
        assert collapse_ws(d.text[a.span.char_start : a.span.char_end]) == a.span.quote
        assert "chỉ tiêu" in a.span.quote.lower() or a.span.section, a


# ---------------------------------------------------------------- a province after July 2025: gender equality

GENDER_PLAN = """ỦY BAN NHÂN DÂN
TỈNH NAM LÂM
Số: 215/KH-UBND
Nam Lâm, ngày 20 tháng 9 năm 2025

KẾ HOẠCH
Thực hiện Chiến lược quốc gia về bình đẳng giới trên địa bàn tỉnh Nam Lâm năm 2026

I. MỤC TIÊU
1. Mục tiêu chung
Tạo chuyển biến rõ rệt về bình đẳng giới trong các lĩnh vực chính trị, kinh tế, lao động và gia đình.
2. Chỉ tiêu cụ thể
Mục tiêu 1: Bình đẳng giới trong lĩnh vực chính trị
- Chỉ tiêu 1: Tỷ lệ nữ đại biểu Hội đồng nhân dân cấp xã đạt 30% vào năm 2026.
- Chỉ tiêu 2: 60% cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh có lãnh đạo chủ chốt là nữ vào năm 2026.
Mục tiêu 2: Bình đẳng giới trong lĩnh vực kinh tế, lao động
- Chỉ tiêu 3: Tỷ lệ lao động nữ làm công việc có hưởng lương đạt 55% vào năm 2026.
- Chỉ tiêu 4: Tỷ lệ nữ giám đốc, chủ doanh nghiệp, hợp tác xã đạt 27% vào năm 2026.
- Chỉ tiêu 5: 50% lao động nữ ở nông thôn dưới 60 tuổi được hỗ trợ đào tạo nghề vào năm 2026.
Mục tiêu 3: Bình đẳng giới trong lĩnh vực y tế, giáo dục
- Chỉ tiêu 6: Tỷ số giới tính khi sinh dưới 109 bé trai/100 bé gái vào năm 2026.
- Chỉ tiêu 7: 90% trường phổ thông thực hiện giáo dục về giới vào năm 2026.
Mục tiêu 4: Bình đẳng giới trong gia đình
- Chỉ tiêu 8: 80% nạn nhân bạo lực trên cơ sở giới được tiếp cận dịch vụ hỗ trợ vào năm 2026.
- Chỉ tiêu 9: 85% đồng bào dân tộc thiểu số được tuyên truyền về bình đẳng giới vào năm 2026.
- Chỉ tiêu 10: 100% xã, phường có mô hình phòng, chống bạo lực gia đình vào năm 2026.
- Chỉ tiêu 11: Giảm 10% số vụ bạo lực gia đình so với năm 2025.

II. NHIỆM VỤ VÀ GIẢI PHÁP
1. Tăng cường công tác tuyên truyền, nâng cao nhận thức về bình đẳng giới.
2. Lồng ghép bình đẳng giới trong xây dựng và thực hiện chính sách.

III. TỔ CHỨC THỰC HIỆN
1. Sở Nội vụ
- Là cơ quan thường trực, chủ trì thực hiện chỉ tiêu 1, 2 và phối hợp với Sở Y tế thực hiện chỉ tiêu 8.
- Chủ trì, phối hợp với Sở Nông nghiệp và Môi trường, Hội Liên hiệp Phụ nữ tỉnh thực hiện các chỉ tiêu 3 - 5.
- Theo dõi, tổng hợp kết quả thực hiện chỉ tiêu 11, báo cáo Ủy ban nhân dân tỉnh trước ngày 15/12/2026.
2. Sở Y tế
- Sở Y tế chủ trì thực hiện chỉ tiêu 6 và chỉ tiêu 8; phối hợp thực hiện chỉ tiêu 10.
3. Sở Giáo dục và Đào tạo
- Chủ trì thực hiện chỉ tiêu 7; lồng ghép nội dung bình đẳng giới vào chương trình giảng dạy.
4. Sở Dân tộc và Tôn giáo chủ trì, Sở Văn hóa, Thể thao và Du lịch phối hợp thực hiện chỉ tiêu 9.
5. Công an tỉnh
- Phối hợp với Sở Văn hóa, Thể thao và Du lịch thực hiện chỉ tiêu 10, 11.
6. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh, Hội Liên hiệp Phụ nữ tỉnh
- Hội Liên hiệp Phụ nữ tỉnh chủ trì thực hiện chỉ tiêu 10, Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh phối hợp.
7. Ủy ban nhân dân các xã, phường
- Chỉ đạo Công an xã thực hiện chỉ tiêu 11.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Trần Thị Mai
"""

NOI_VU, Y_TE, HLHPN = "Sở Nội vụ", "Sở Y tế", "Hội Liên hiệp Phụ nữ tỉnh"
VHTTDL, MTTQ = "Sở Văn hóa, Thể thao và Du lịch", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"
GENDER_ROLES: Roles = {
    1: ({NOI_VU}, set()),
    2: ({NOI_VU}, set()),
    3: ({NOI_VU}, {"Sở Nông nghiệp và Môi trường", HLHPN}),
    4: ({NOI_VU}, {"Sở Nông nghiệp và Môi trường", HLHPN}),
    5: ({NOI_VU}, {"Sở Nông nghiệp và Môi trường", HLHPN}),
    6: ({Y_TE}, set()),
    7: ({"Sở Giáo dục và Đào tạo"}, set()),
    8: ({Y_TE}, {NOI_VU}),
    9: ({"Sở Dân tộc và Tôn giáo"}, {VHTTDL}),
    10: ({HLHPN}, {Y_TE, "Công an tỉnh", MTTQ}),
    # Only monitored by one body, and "chỉ đạo Công an xã thực hiện": no clear lead, so none is claimed.
    11: (set(), {"Công an tỉnh"}),
}


def test_post_2025_province_gender_equality(tmp_path: Path) -> None:
    d = ingest(write_text(tmp_path / "binh_dang_gioi.txt", GENDER_PLAN))
    assert roles(d) == GENDER_ROLES
    assert_quotes_are_original(d)
    # Each assignment quotes its own clause, not its neighbour's.
    a8 = next(a for a in d.assignments if a.indicator_number == 8 and a.agency == NOI_VU)
    assert a8.role == "support" and "phối hợp với Sở Y tế thực hiện chỉ tiêu 8" in a8.span.quote
    assert a8.span.section == "III. TỔ CHỨC THỰC HIỆN › 1. Sở Nội vụ"


# ---------------------------------------------------------------- a commune after July 2025: digital transformation

COMMUNE_PARAGRAPHS = [
    "ỦY BAN NHÂN DÂN",
    "XÃ HÒA AN",
    "Số: 48/KH-UBND",
    "Hòa An, ngày 05 tháng 11 năm 2025",
    "KẾ HOẠCH",
    "Chuyển đổi số xã Hòa An năm 2026",
    "I. MỤC TIÊU",
    "- Chỉ tiêu 1: 100% hồ sơ công việc tại Ủy ban nhân dân xã được xử lý trên môi trường mạng vào năm 2026.",
    "- Chỉ tiêu 2: Tỷ lệ thủ tục hành chính được giải quyết trực tuyến toàn trình đạt 80% vào năm 2026.",
    "- Chỉ tiêu 3: 70% hộ gia đình có tài khoản thanh toán điện tử vào năm 2026.",
    "- Chỉ tiêu 4: 90% người dân trưởng thành có danh tính điện tử mức độ 2 vào năm 2026.",
    "- Chỉ tiêu 5: 100% thôn có mạng cáp quang vào năm 2026.",
    "- Chỉ tiêu 6: 60% hộ sản xuất nông nghiệp bán hàng trên sàn thương mại điện tử vào năm 2026.",
    "II. TỔ CHỨC THỰC HIỆN",
    "1. Văn phòng HĐND và UBND xã",
    "- Chủ trì, phối hợp với Trung tâm Phục vụ hành chính công thực hiện chỉ tiêu 1.",
    "2. Trung tâm Phục vụ hành chính công",
    "- Chủ trì thực hiện chỉ tiêu 2 và phối hợp với Công an xã thực hiện chỉ tiêu 4.",
    "3. Công an xã",
    "- Chủ trì thực hiện chỉ tiêu 4.",
    "4. Phòng Kinh tế",
    "- Phòng Kinh tế chủ trì, Phòng Văn hóa - Xã hội phối hợp thực hiện chỉ tiêu 3, 6.",
    "5. Các tổ chức chính trị - xã hội",
    "- Phối hợp tuyên truyền, vận động hội viên thực hiện chỉ tiêu 3.",
    "6. Phân công thực hiện chỉ tiêu về hạ tầng số theo bảng sau:",
]
COMMUNE_TABLE = [
    ["Chỉ tiêu", "Cơ quan chủ trì", "Cơ quan phối hợp"],
    ["Chỉ tiêu 5", "Phòng Kinh tế", "Văn phòng HĐND và UBND xã; Ban Chỉ huy Quân sự xã"],
]
OFFICE = "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã"
CENTRE = "Trung tâm Phục vụ hành chính công"
COMMUNE_ROLES: Roles = {
    1: ({OFFICE}, {CENTRE}),
    2: ({CENTRE}, set()),
    3: ({"Phòng Kinh tế"}, {"Phòng Văn hóa - Xã hội"}),
    4: ({"Công an xã"}, {CENTRE}),
    5: ({"Phòng Kinh tế"}, {OFFICE, "Ban Chỉ huy Quân sự xã"}),
    6: ({"Phòng Kinh tế"}, {"Phòng Văn hóa - Xã hội"}),
}


def test_post_2025_commune_digital_transformation_docx(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "chuyen_doi_so.docx", COMMUNE_PARAGRAPHS, [COMMUNE_TABLE],
                     table_after=len(COMMUNE_PARAGRAPHS))
    d = ingest(path)
    assert roles(d) == COMMUNE_ROLES
    # "Văn phòng HĐND và UBND xã" is one body (the commune's office), in a heading and in a table cell.
    office = [a for a in d.agencies if a.name == OFFICE]
    assert len(office) == 1 and "Văn phòng HĐND và UBND xã" in office[0].aliases
    assert not any(a.name in ("Văn phòng HĐND", "Ủy ban nhân dân xã") for a in d.agencies)
    # A group of organisations is not a body that can lead or support.
    assert all("tổ chức" not in a.agency for a in d.assignments)
    assert_quotes_are_original(d)


# ---------------------------------------------------------------- a district before July 2025: disasters

DISTRICT_PLAN = """ỦY BAN NHÂN DÂN HUYỆN VĨNH KHÊ
Số: 36/KH-UBND
Vĩnh Khê, ngày 10 tháng 3 năm 2024

KẾ HOẠCH
Phòng, chống thiên tai và tìm kiếm cứu nạn huyện Vĩnh Khê năm 2024

I. MỤC TIÊU CỤ THỂ
- Chỉ tiêu 1: 100% xã, thị trấn kiện toàn Ban Chỉ huy phòng, chống thiên tai và tìm kiếm cứu nạn trước ngày 31/3/2024.
- Chỉ tiêu 2: 100% hộ dân vùng nguy cơ cao được sơ tán an toàn khi có bão, lũ trong năm 2024.
- Chỉ tiêu 3: 90% cán bộ cấp xã được tập huấn kiến thức phòng, chống thiên tai vào năm 2024.
- Chỉ tiêu 4: 100% trạm y tế xã có cơ số thuốc dự phòng thiên tai vào năm 2024.
- Chỉ tiêu 5: 100% tuyến đê xung yếu được kiểm tra trước mùa mưa bão năm 2024.
- Chỉ tiêu 6: 100% trường học có phương án phòng, chống thiên tai vào năm 2024.
- Chỉ tiêu 7: Không để xảy ra thiệt hại về người do thiếu phương án ứng phó trong năm 2024.

II. TỔ CHỨC THỰC HIỆN
1. Phòng Nông nghiệp và PTNT huyện
- Chủ trì, phối hợp với Ban Chỉ huy Quân sự huyện, Công an huyện thực hiện chỉ tiêu 1, 2 và chỉ tiêu 5.
- Theo dõi, đôn đốc các xã thực hiện chỉ tiêu 7.
2. Ban Chỉ huy Quân sự huyện
- Chủ trì thực hiện chỉ tiêu 7; phối hợp thực hiện chỉ tiêu 2.
3. Phòng Nội vụ
- Chủ trì, phối hợp với Phòng NN&PTNT thực hiện chỉ tiêu 3.
4. Trung tâm Y tế huyện
- Chủ trì thực hiện chỉ tiêu 4.
5. Phòng GD&ĐT
- Chỉ tiêu 6 do Phòng Giáo dục và Đào tạo chủ trì, Phòng Tài nguyên và Môi trường phối hợp thực hiện.
6. UBND các xã, thị trấn
- Chỉ đạo Ban Chỉ huy phòng, chống thiên tai và tìm kiếm cứu nạn xã thực hiện chỉ tiêu 1.
- Phối hợp thực hiện chỉ tiêu 2, 5.
"""

AGRI = "Phòng Nông nghiệp và Phát triển nông thôn huyện"
MILITIA, POLICE, COMMUNES = "Ban Chỉ huy Quân sự huyện", "Công an huyện", "Ủy ban nhân dân các xã, thị trấn"
DISTRICT_ROLES: Roles = {
    1: ({AGRI}, {MILITIA, POLICE}),
    2: ({AGRI}, {MILITIA, POLICE, COMMUNES}),
    3: ({"Phòng Nội vụ"}, {AGRI}),
    4: ({"Trung tâm Y tế huyện"}, set()),
    5: ({AGRI}, {MILITIA, POLICE, COMMUNES}),
    6: ({"Phòng Giáo dục và Đào tạo"}, {"Phòng Tài nguyên và Môi trường"}),
    7: ({MILITIA}, set()),
}


def test_pre_2025_district_disaster_prevention(tmp_path: Path) -> None:
    d = ingest(write_text(tmp_path / "phong_chong_thien_tai.txt", DISTRICT_PLAN))
    assert roles(d) == DISTRICT_ROLES
    # "Phòng NN&PTNT" in a duty is the office of the heading "Phòng Nông nghiệp và PTNT huyện".
    agri = [a for a in d.agencies if a.name == AGRI]
    assert len(agri) == 1 and "Phòng NN&PTNT" in agri[0].aliases
    assert_quotes_are_original(d)


# ---------------------------------------------------------------- a province before July 2025: environment

ENVIRONMENT_PLAN = """ỦY BAN NHÂN DÂN TỈNH BẮC HÀ
Số: 77/KH-UBND
Bắc Hà, ngày 02 tháng 6 năm 2023

KẾ HOẠCH
Bảo vệ môi trường tỉnh Bắc Hà giai đoạn 2023 - 2025

I. MỤC TIÊU
Mục tiêu 1: Về chất thải
Chỉ tiêu 1: Tỷ lệ chất thải rắn sinh hoạt đô thị được thu gom, xử lý đạt 95% vào năm 2025.
Chỉ tiêu 2: Tỷ lệ chất thải y tế được xử lý đạt chuẩn đạt 100% vào năm 2025.
Chỉ tiêu 3: 80% khu công nghiệp có hệ thống xử lý nước thải tập trung vào năm 2025.
Mục tiêu 2: Về tài nguyên và truyền thông
Chỉ tiêu 4: Tỷ lệ che phủ rừng đạt 45% vào năm 2025.
Chỉ tiêu 5: 90% dân cư nông thôn được sử dụng nước sạch vào năm 2025.
Chỉ tiêu 6: 100% cơ quan báo chí có chuyên mục về bảo vệ môi trường vào năm 2025.

II. TỔ CHỨC THỰC HIỆN
1. Sở Tài nguyên và Môi trường
- Hướng dẫn triển khai thực hiện chỉ tiêu 1 và chỉ tiêu 3; phối hợp thực hiện chỉ tiêu 5.
- Tổng hợp, báo cáo kết quả thực hiện các chỉ tiêu của Kế hoạch.
2. Sở Y tế: chủ trì thực hiện chỉ tiêu 2, phối hợp với Sở TN&MT.
3. Sở NN&PTNT
- Chủ trì thực hiện các chỉ tiêu 4 - 5 của Kế hoạch này và chỉ tiêu 6 của Nghị quyết số 05/NQ-HĐND.
- Sở Kế hoạch và Đầu tư, Sở Tài chính phối hợp thực hiện chỉ tiêu 4.
4. Sở TT&TT
- Chủ trì, phối hợp với Đài Phát thanh và Truyền hình tỉnh, Báo Bắc Hà thực hiện chỉ tiêu 6.
5. Ban Quản lý các khu công nghiệp tỉnh
- Chủ trì thực hiện chỉ tiêu 3; các doanh nghiệp phối hợp thực hiện chỉ tiêu 1.
"""

TNMT, NN = "Sở Tài nguyên và Môi trường", "Sở Nông nghiệp và Phát triển nông thôn"
ENVIRONMENT_ROLES: Roles = {
    1: ({TNMT}, set()),
    2: ({"Sở Y tế"}, {TNMT}),
    3: ({TNMT, "Ban Quản lý các khu công nghiệp tỉnh"}, set()),
    4: ({NN}, {"Sở Kế hoạch và Đầu tư", "Sở Tài chính"}),
    5: ({NN}, {TNMT}),
    6: ({"Sở Thông tin và Truyền thông"}, {"Đài Phát thanh và Truyền hình tỉnh", "Báo Bắc Hà"}),
}


def test_pre_2025_province_environment_with_abbreviations(tmp_path: Path) -> None:
    d = ingest(write_text(tmp_path / "moi_truong.txt", ENVIRONMENT_PLAN))
    assert roles(d) == ENVIRONMENT_ROLES
    # "chỉ tiêu 6 của Nghị quyết số 05/NQ-HĐND" is another document's indicator 6, and "các doanh nghiệp"
    # is no body to give indicator 1 to.
    assert {(a.agency, a.indicator_number) for a in d.assignments if a.indicator_number in (1, 6) and a.role == "lead"
            } == {(TNMT, 1), ("Sở Thông tin và Truyền thông", 6)}
    names = {a.name for a in d.agencies}
    assert {TNMT, NN, "Sở Thông tin và Truyền thông"} <= names
    assert_quotes_are_original(d)


# ---------------------------------------------------------------- owners written with the indicators

HEALTH_PLAN = """ỦY BAN NHÂN DÂN TỈNH LAM GIANG
Số: 12/KH-UBND
Lam Giang, ngày 15 tháng 01 năm 2026

KẾ HOẠCH
Chăm sóc sức khỏe học sinh tỉnh Lam Giang năm 2026

I. MỤC TIÊU VÀ CHỈ TIÊU
- Chỉ tiêu 1: Tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ đạt 95% vào năm 2026 (Sở Y tế chủ trì, Ủy ban nhân dân các xã, phường phối hợp).
- Chỉ tiêu 2: 100% trường mầm non có nhân viên y tế vào năm 2026. Cơ quan chủ trì: Sở Giáo dục và Đào tạo; cơ quan phối hợp: Sở Y tế, Sở Nội vụ.
- Chỉ tiêu 3: 100% Ủy ban nhân dân cấp xã thực hiện số hóa hồ sơ sức khỏe học sinh vào năm 2026.
- Chỉ tiêu 4: Tỷ lệ học sinh được khám sức khỏe định kỳ đạt 98% vào năm 2026.
- Chỉ tiêu 5: 90% trạm y tế xã đạt chuẩn quốc gia vào năm 2026 (theo Quyết định số 1300/QĐ-BYT).

II. TỔ CHỨC THỰC HIỆN
1. Sở Khoa học và Công nghệ
- Chỉ tiêu 3 (cơ quan chủ trì: Sở Khoa học và Công nghệ; cơ quan phối hợp: Sở Giáo dục và Đào tạo).
2. Sở Giáo dục và Đào tạo
- Chủ trì, phối hợp với Sở Y tế thực hiện chỉ tiêu 4.
3. Sở Y tế
- Chủ trì thực hiện chỉ tiêu 5.
"""

EDU = "Sở Giáo dục và Đào tạo"
HEALTH_ROLES: Roles = {
    1: ({"Sở Y tế"}, {"Ủy ban nhân dân các xã, phường"}),
    2: ({EDU}, {"Sở Y tế", "Sở Nội vụ"}),
    # "100% Ủy ban nhân dân cấp xã thực hiện ..." is what the indicator measures, not who owns it.
    3: ({"Sở Khoa học và Công nghệ"}, {EDU}),
    4: ({EDU}, {"Sở Y tế"}),
    5: ({"Sở Y tế"}, set()),
}


def test_owners_written_with_the_indicators(tmp_path: Path) -> None:
    d = ingest(write_text(tmp_path / "suc_khoe_hoc_sinh.txt", HEALTH_PLAN))
    assert roles(d) == HEALTH_ROLES
    a1 = next(a for a in d.assignments if a.indicator_number == 1 and a.role == "lead")
    assert a1.span.quote == "(Sở Y tế chủ trì, Ủy ban nhân dân các xã, phường phối hợp)"
    assert a1.span.section.startswith("I. MỤC TIÊU VÀ CHỈ TIÊU")
    assert_quotes_are_original(d)


# ---------------------------------------------------------------- the same plan in other forms


def _lines(text: str) -> list[str]:
    return [ln for ln in text.splitlines() if ln.strip()]


@pytest.mark.parametrize("form", ["docx", "pdf", "html"])
def test_other_forms_of_a_plan_give_the_same_roles(tmp_path: Path, form: str) -> None:
    lines = _lines(GENDER_PLAN)
    if form == "docx":
        path = make_docx(tmp_path / "plan.docx", lines)
    elif form == "pdf":
        middle = lines.index("III. TỔ CHỨC THỰC HIỆN")
        path = make_pdf(tmp_path / "plan.pdf", ["\n".join(lines[:middle]), "\n".join(lines[middle:])])
    else:
        body = "".join(f"<p>{html.escape(ln)}</p>" for ln in lines)
        path = make_html(tmp_path / "plan.html", body)
    d = ingest(path)
    assert roles(d) == GENDER_ROLES
    if form == "pdf":
        assert {a.span.page for a in d.assignments} == {2}


# ---------------------------------------------------------------- generated plans


def _render(numbers: list[int]) -> str:
    if len(numbers) == 1:
        return f"chỉ tiêu {numbers[0]}"
    return "các chỉ tiêu " + ", ".join(map(str, numbers[:-1])) + f" và {numbers[-1]}"


# Bullet shapes of a body's block, with what each one states: (body or "self", role) for its first list X
# and second list Y of indicators. "self" is the body whose block it is.
SHAPES: list[tuple[str, list[tuple[str, str, str]]]] = [
    ("- Chủ trì thực hiện {X}.", [("self", "lead", "X")]),
    ("- Chủ trì thực hiện {X} và phối hợp thực hiện {Y}.", [("self", "lead", "X"), ("self", "support", "Y")]),
    ("- Chủ trì, phối hợp với {O1}, {O2} thực hiện {X}.",
     [("self", "lead", "X"), ("O1", "support", "X"), ("O2", "support", "X")]),
    ("- Phối hợp với {O1} thực hiện {X}.", [("self", "support", "X")]),
    ("- {O1} chủ trì, {O2} phối hợp thực hiện {X}.", [("O1", "lead", "X"), ("O2", "support", "X")]),
    ("- Chỉ đạo {O1} thực hiện {X}.", []),
    ("- Hướng dẫn triển khai thực hiện {X}; theo dõi, tổng hợp kết quả thực hiện {Y}.", [("self", "lead", "X")]),
    ("- {O1} chủ trì thực hiện {X}, {O2} phối hợp.", [("O1", "lead", "X"), ("O2", "support", "X")]),
]
POOL = [
    "Sở Nội vụ", "Sở Y tế", "Sở Tư pháp", "Sở Nông nghiệp và Môi trường", "Sở Dân tộc và Tôn giáo",
    "Sở Giáo dục và Đào tạo", "Sở Văn hóa, Thể thao và Du lịch", "Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh",
    "Hội Liên hiệp Phụ nữ tỉnh", "Tỉnh đoàn", "Phòng Kinh tế", "Phòng Văn hóa - Xã hội",
    "Trung tâm Phục vụ hành chính công", "Văn phòng HĐND và UBND xã", "Ban Chỉ huy Quân sự xã", "Sở Tài chính",
    "Phòng Lao động - Thương binh và Xã hội", "Trung tâm Y tế huyện", "Sở Khoa học và Công nghệ",
]


@st.composite
def plans(draw: st.DrawFn) -> tuple[str, dict[int, tuple[set[str], set[str]]]]:
    n = draw(st.integers(4, 12))
    bodies = draw(st.lists(st.sampled_from(POOL), min_size=4, max_size=6, unique=True))
    stated: list[tuple[str, str, int]] = []
    lines = [f"- Chỉ tiêu {i}: Tỷ lệ hộ gia đình đạt chuẩn đạt {50 + i}% vào năm 2026." for i in range(1, n + 1)]
    text = "KẾ HOẠCH\nThực hiện nhiệm vụ năm 2026\nI. MỤC TIÊU CỤ THỂ\n" + "\n".join(lines) + "\nII. TỔ CHỨC THỰC HIỆN\n"
    for k, body in enumerate(bodies[:3], start=1):
        text += f"{k}. {body}\n"
        for _ in range(draw(st.integers(1, 3))):
            template, facts_ = draw(st.sampled_from(SHAPES))
            x = draw(st.lists(st.integers(1, n), min_size=1, max_size=3, unique=True).map(sorted))
            y = draw(st.lists(st.integers(1, n), min_size=1, max_size=3, unique=True).map(sorted)
                     .filter(lambda ys, x=x: not set(ys) & set(x)))
            others = [b for b in bodies if b != body]
            o1, o2 = draw(st.permutations(others))[:2]
            names = {"self": body, "O1": o1, "O2": o2}
            text += template.format(X=_render(x), Y=_render(y), O1=o1, O2=o2) + "\n"
            for who, role, which in facts_:
                stated.extend((names[who], role, i) for i in (x if which == "X" else y))
    expected: dict[int, tuple[set[str], set[str]]] = {i: (set(), set()) for i in range(1, n + 1)}
    for name, role, i in stated:
        if role == "lead":
            expected[i][0].add(agency_key(name))
    for name, role, i in stated:
        if role == "support" and agency_key(name) not in expected[i][0]:
            expected[i][1].add(agency_key(name))  # a body that leads an indicator is not also its supporter
    return text, expected


@settings(max_examples=60, deadline=None)
@given(plans())
def test_generated_plans_give_every_stated_role_and_no_other(plan: tuple[str, dict[int, tuple[set[str], set[str]]]]
                                                             ) -> None:
    text, expected = plan
    with tempfile.TemporaryDirectory() as folder:
        d = ingest(write_text(Path(folder) / "plan.txt", text))
    got: dict[int, tuple[set[str], set[str]]] = {i.number: (set(), set()) for i in d.indicators if i.number}
    for a in d.assignments:
        got[a.indicator_number][0 if a.role == "lead" else 1].add(a.agency_key)
    assert got == expected, text
