"""Small plans written for the plan-facts tests: invented places and bodies, several policy domains, both
administrations (before mid-2025 with districts and the labour department; after it with communes' own offices).
"""

from __future__ import annotations

from pathlib import Path

from ingest.loaders import load_document
from ingest.model import PlanDocument
from ingest.parse import parse_document

# A province plan on gender equality (pre-2025 bodies), with the usual sections in the usual places.
GENDER_PLAN = """ỦY BAN NHÂN DÂN TỈNH BÌNH LỘC
Số: 73/KH-UBND
Bình Lộc, ngày 12 tháng 5 năm 2021
KẾ HOẠCH
THỰC HIỆN CHIẾN LƯỢC QUỐC GIA VỀ BÌNH ĐẲNG GIỚI TRÊN ĐỊA BÀN TỈNH BÌNH LỘC GIAI ĐOẠN 2021 - 2030
Căn cứ Luật Bình đẳng giới ngày 29 tháng 11 năm 2006;
Căn cứ Nghị quyết số 28/NQ-CP ngày 03/3/2021 của Chính phủ ban hành Chiến lược quốc gia về bình đẳng giới giai đoạn 2021 - 2030;
Thực hiện Quyết định số 2282/QĐ-TTg ngày 31/12/2020 của Thủ tướng Chính phủ, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:
I. MỤC TIÊU
1. Mục tiêu chung
Tiếp tục thu hẹp khoảng cách giới, tạo điều kiện để phụ nữ và nam giới tham gia bình đẳng vào mọi lĩnh vực của đời sống xã hội.
2. Mục tiêu cụ thể
a) Mục tiêu 1: Tăng cường sự tham gia của phụ nữ vào vị trí lãnh đạo
- Chỉ tiêu 1: Tỷ lệ nữ đại biểu Hội đồng nhân dân tỉnh đạt từ 30% trở lên vào năm 2026.
- Chỉ tiêu 2: 60% cơ quan quản lý nhà nước có lãnh đạo chủ chốt là nữ vào năm 2025 và 75% vào năm 2030.
b) Mục tiêu 2: Giảm khoảng cách giới trong lĩnh vực kinh tế, lao động
- Chỉ tiêu 3: Tỷ lệ lao động nữ làm công việc có hưởng lương đạt 50% vào năm 2030.
II. NHIỆM VỤ VÀ GIẢI PHÁP
1. Tuyên truyền, nâng cao nhận thức về bình đẳng giới trong cán bộ, công chức.
2. Lồng ghép vấn đề bình đẳng giới trong xây dựng và thực hiện chính sách của tỉnh giai đoạn 2021 - 2025, định hướng đến năm 2030.
III. KINH PHÍ THỰC HIỆN
1. Tổng kinh phí thực hiện Kế hoạch giai đoạn 2021 - 2030 là 12.500 triệu đồng, trong đó:
- Ngân sách tỉnh: 8.000 triệu đồng;
- Ngân sách cấp huyện: 4.500 triệu đồng.
2. Cấp xã bố trí tối thiểu 15 triệu đồng/xã/năm từ ngân sách địa phương.
3. Huy động xã hội hóa, tài trợ của các tổ chức, cá nhân và các nguồn hợp pháp khác.
IV. TỔ CHỨC THỰC HIỆN
1. Sở Lao động - Thương binh và Xã hội
- Là cơ quan thường trực của Ban Chỉ đạo vì sự tiến bộ của phụ nữ tỉnh, chủ trì theo dõi việc thực hiện Kế hoạch.
- Chủ trì thực hiện chỉ tiêu 3.
- Tổng hợp báo cáo kết quả thực hiện gửi Ủy ban nhân dân tỉnh và Bộ Lao động - Thương binh và Xã hội trước ngày 15/6 và 15/11 hằng năm.
2. Sở Nội vụ
a) Chủ trì thực hiện chỉ tiêu 1, 2.
b) Tham mưu công tác cán bộ nữ trong quy hoạch, đào tạo, bồi dưỡng.
3. Ủy ban nhân dân các huyện, thị xã
- Xây dựng kế hoạch của địa phương; định kỳ 6 tháng, hằng năm báo cáo kết quả về Sở Lao động - Thương binh và Xã hội để tổng hợp, báo cáo Ủy ban nhân dân tỉnh.
Tổ chức sơ kết vào năm 2025 và tổng kết vào năm 2030.
Nơi nhận:
- Bộ Lao động - Thương binh và Xã hội (để b/c);
- Thường trực Tỉnh ủy;
- Các sở, ban, ngành tỉnh;
- UBND các huyện, thị xã;
- Lưu: VT, KGVX.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Đinh Thị Mai Lan
"""

# A commune plan on digital transformation after the 2025 reorganisation: no district, the commune's offices.
DIGITAL_PLAN = """ỦY BAN NHÂN DÂN XÃ TÂN KHÊ
Số: 19/KH-UBND
Tân Khê, ngày 03 tháng 9 năm 2025
KẾ HOẠCH
Chuyển đổi số xã Tân Khê giai đoạn 2026-2030
Thực hiện Kế hoạch số 88/KH-UBND ngày 12/8/2025 của Ủy ban nhân dân tỉnh Hòa Sơn về chuyển đổi số, Ủy ban nhân dân xã xây dựng Kế hoạch như sau:
I. MỤC TIÊU
1. Mục tiêu tổng quát: Xây dựng chính quyền số xã Tân Khê phục vụ người dân và doanh nghiệp.
2. Mục tiêu cụ thể
1. 100% hồ sơ thủ tục hành chính được tiếp nhận, giải quyết trực tuyến vào năm 2027.
2. 80% người dân trưởng thành có tài khoản định danh điện tử mức 2.
3. Mỗi thôn có ít nhất một tổ công nghệ số cộng đồng.
II. KINH PHÍ
- Tổng kinh phí dự kiến: 1.250,5 triệu đồng.
- Ngân sách xã bố trí hằng năm; lồng ghép các chương trình mục tiêu quốc gia.
- Mỗi thôn được hỗ trợ tối thiểu 15 triệu đồng/năm.
III. TỔ CHỨC THỰC HIỆN
1. Văn phòng HĐND và UBND xã
- Là cơ quan đầu mối tham mưu triển khai Kế hoạch.
- Báo cáo 6 tháng gửi trước ngày 10/6; báo cáo năm gửi trước ngày 05/12 về Sở Khoa học và Công nghệ.
2. Phòng Văn hóa - Xã hội
- Tuyên truyền về chuyển đổi số trên hệ thống loa truyền thanh.
3. Trung tâm Phục vụ hành chính công
- Hướng dẫn người dân nộp hồ sơ trực tuyến.
- Thống kê số hồ sơ trực tuyến hằng tháng theo quy định.
IV. CHẾ ĐỘ BÁO CÁO
Các thôn, tổ dân phố báo cáo định kỳ:
- Báo cáo quý gửi trước ngày 20 tháng cuối quý.
- Báo cáo đột xuất khi có yêu cầu.
Nơi nhận:
- UBND tỉnh Hòa Sơn (b/c);
- Sở Khoa học và Công nghệ;
- Lưu: VT.
CHỦ TỊCH
Hà Văn Tùng
"""

# A department's health plan with no budget figures, no reporting dates and no signature name: nothing invented.
HEALTH_PLAN = """SỞ Y TẾ TỈNH LAM ĐIỀN
Số: 210/KH-SYT
Lam Điền, ngày 20 tháng 1 năm 2024
KẾ HOẠCH
Phòng, chống dịch bệnh mùa mưa bão năm 2024
I. MỤC ĐÍCH, YÊU CẦU
1. Chủ động phòng, chống dịch bệnh theo quy định của Bộ Y tế năm 2023.
2. Các đơn vị thực hiện theo quy định.
II. NHIỆM VỤ
1. Trung tâm Kiểm soát bệnh tật tỉnh
- Giám sát dịch bệnh tại các xã vùng lũ.
2. Bệnh viện đa khoa tỉnh
- Bảo đảm giường bệnh dự phòng.
III. KINH PHÍ
Kinh phí do các đơn vị tự bố trí từ nguồn được giao.
"""

# A ward plan on education after 2025, whose goals section is not split into general and specific.
EDUCATION_PLAN = """ỦY BAN NHÂN DÂN PHƯỜNG AN THẠNH
Số: 08/KH-UBND
An Thạnh, ngày 10 tháng 10 năm 2025
KẾ HOẠCH
Phổ cập giáo dục, xóa mù chữ năm 2026
I. MỤC TIÊU
1. Duy trì phổ cập giáo dục mầm non cho trẻ em 5 tuổi.
2. 100% trẻ em 6 tuổi vào lớp 1.
II. TỔ CHỨC THỰC HIỆN
1. Phòng Văn hóa - Xã hội
- Tham mưu Ủy ban nhân dân phường kiểm tra công tác phổ cập; gửi báo cáo trước ngày 15/6 (báo cáo 6 tháng) và 10/12 (báo cáo năm).
"""


def write_plan(tmp: Path, name: str, text: str) -> Path:
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    return path


def parse_text(tmp: Path, name: str, text: str) -> PlanDocument:
    return parse_document(load_document(write_plan(tmp, name, text)))
