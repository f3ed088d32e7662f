"""Plans written for the OCR measurements after the OCR repairs were made (so the repairs were not
fitted to them): other domains, invented places, both administrations, the clause shapes of
ingest.roles. Used by tests/test_ocr_plans.py and scripts/ocr_bench.py."""

from __future__ import annotations

EDUCATION_PLAN = """ỦY BAN NHÂN DÂN
XÃ SƠN KHÊ
Số: 19/KH-UBND
Sơn Khê, ngày 08 tháng 8 năm 2025

KẾ HOẠCH
Phát triển giáo dục mầm non và phổ thông xã Sơn Khê năm học 2025 - 2026

I. MỤC ĐÍCH, YÊU CẦU
Nâng cao chất lượng giáo dục toàn diện, bảo đảm mọi trẻ em trong độ tuổi được đến trường.

II. CHỈ TIÊU
- Chỉ tiêu 1: Tỷ lệ trẻ em 5 tuổi được học 2 buổi/ngày đạt 100% vào năm 2026.
- Chỉ tiêu 2: Tỷ lệ học sinh tiểu học hoàn thành chương trình lớp học đạt 99,5% vào năm 2026.
- Chỉ tiêu 3: Tỷ lệ trường đạt chuẩn quốc gia đạt 75% vào năm 2026.
- Chỉ tiêu 4: Tỷ lệ học sinh trung học cơ sở được học ngoại ngữ đạt 90% vào năm 2026.
- Chỉ tiêu 5: Tỷ lệ phòng học được kiên cố hóa đạt 85% vào năm 2026.
- Chỉ tiêu 6: Tỷ lệ giáo viên đạt chuẩn trình độ đào tạo đạt 98% vào năm 2026.

III. TỔ CHỨC THỰC HIỆN
1. Phòng Văn hóa - Xã hội
- Chủ trì, phối hợp với các trường học thực hiện chỉ tiêu 1, 2.
- Chủ trì thực hiện chỉ tiêu 6; phối hợp thực hiện chỉ tiêu 3.
2. Phòng Kinh tế
- Chủ trì, phối hợp với Văn phòng HĐND và UBND xã thực hiện chỉ tiêu 5.
3. Trường Trung học cơ sở Sơn Khê
- Chủ trì thực hiện chỉ tiêu 4 và phối hợp với Phòng Văn hóa - Xã hội thực hiện chỉ tiêu 3.
4. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam xã chủ trì vận động Nhân dân đóng góp xây dựng trường học.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn Tường
"""

INSURANCE_PLAN = """UBND HUYỆN ĐÔNG PHONG
Số: 58/KH-UBND
Đông Phong, ngày 03 tháng 02 năm 2024

KẾ HOẠCH
Phát triển đối tượng tham gia bảo hiểm xã hội, bảo hiểm y tế trên địa bàn huyện Đông Phong năm 2024

I. MỤC TIÊU CỤ THỂ
Chỉ tiêu 1: Tỷ lệ dân số tham gia bảo hiểm y tế đạt 94,2% vào năm 2024.
Chỉ tiêu 2: Tỷ lệ lực lượng lao động tham gia bảo hiểm xã hội đạt 35% vào năm 2024.
Chỉ tiêu 3: Tỷ lệ lao động tham gia bảo hiểm thất nghiệp đạt 28% vào năm 2024.
Chỉ tiêu 4: 100% học sinh, sinh viên tham gia bảo hiểm y tế vào năm 2024.
Chỉ tiêu 5: Tỷ lệ người dân hài lòng với dịch vụ khám chữa bệnh bảo hiểm y tế đạt 90% vào năm 2024.

II. TỔ CHỨC THỰC HIỆN
1. Bảo hiểm xã hội huyện
- Là cơ quan thường trực, chủ trì thực hiện chỉ tiêu 1 - 3; phối hợp thực hiện chỉ tiêu 5.
2. Phòng Lao động - Thương binh và Xã hội
- Phối hợp với Bảo hiểm xã hội huyện thực hiện chỉ tiêu 2, 3.
3. Phòng Giáo dục và Đào tạo
- Chủ trì thực hiện chỉ tiêu 4.
4. Trung tâm Y tế huyện
- Chủ trì, phối hợp với Bảo hiểm xã hội huyện thực hiện chỉ tiêu 5.
5. Liên đoàn Lao động huyện
- Phối hợp thực hiện chỉ tiêu 2.

TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Đinh Quang Hải
"""

TOURISM_PLAN = """ỦY BAN NHÂN DÂN
TỈNH HẢI LAM
Số: 302/KH-UBND
Hải Lam, ngày 25 tháng 10 năm 2025

KẾ HOẠCH
Phát triển du lịch cộng đồng gắn với bảo tồn di sản văn hóa tỉnh Hải Lam năm 2026

I. MỤC TIÊU
1. Mục tiêu chung
Phát triển du lịch cộng đồng bền vững, tạo sinh kế cho người dân vùng dân tộc thiểu số.
2. Mục tiêu cụ thể
- Chỉ tiêu 1: Đón 1.200.000 lượt khách du lịch vào năm 2026.
- Chỉ tiêu 2: Tỷ lệ cơ sở lưu trú du lịch cộng đồng đạt chuẩn đạt 70% vào năm 2026.
- Chỉ tiêu 3: 100% di tích cấp quốc gia được số hóa hồ sơ vào năm 2026.
- Chỉ tiêu 4: Tỷ lệ lao động du lịch được bồi dưỡng kỹ năng đạt 60% vào năm 2026.
- Chỉ tiêu 5: 50% làng văn hóa du lịch có sản phẩm được công nhận vào năm 2026.
- Chỉ tiêu 6: Giảm 20% lượng rác thải nhựa tại các điểm du lịch so với năm 2025.

II. NHIỆM VỤ VÀ GIẢI PHÁP
1. Hoàn thiện quy hoạch, cơ chế chính sách phát triển du lịch cộng đồng.
2. Đẩy mạnh quảng bá, xúc tiến du lịch trên môi trường số.

III. TỔ CHỨC THỰC HIỆN
1. Sở Văn hóa, Thể thao và Du lịch
- Chủ trì thực hiện chỉ tiêu 1, 2 và chỉ tiêu 3; phối hợp với Sở Nông nghiệp và Môi trường thực hiện chỉ tiêu 6.
- Chủ trì, phối hợp với Sở Dân tộc và Tôn giáo, Hội Nông dân tỉnh thực hiện chỉ tiêu 5.
2. Sở Nội vụ
- Sở Nội vụ chủ trì, Sở Văn hóa, Thể thao và Du lịch phối hợp thực hiện chỉ tiêu 4.
3. Sở Nông nghiệp và Môi trường
- Chủ trì thực hiện chỉ tiêu 6.
4. Sở Khoa học và Công nghệ
- Phối hợp thực hiện chỉ tiêu 3.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Hoàng Thị Lan
"""

# number -> (leads, supports), as each plan states them.
EDUCATION_ROLES = {
    1: ({"Phòng Văn hóa - Xã hội"}, set()),
    2: ({"Phòng Văn hóa - Xã hội"}, set()),
    3: (set(), {"Phòng Văn hóa - Xã hội", "Trường Trung học cơ sở Sơn Khê"}),
    4: ({"Trường Trung học cơ sở Sơn Khê"}, set()),
    5: ({"Phòng Kinh tế"}, {"Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã"}),
    6: ({"Phòng Văn hóa - Xã hội"}, set()),
}
INSURANCE_ROLES = {
    1: ({"Bảo hiểm xã hội huyện"}, set()),
    2: ({"Bảo hiểm xã hội huyện"}, {"Phòng Lao động - Thương binh và Xã hội", "Liên đoàn Lao động huyện"}),
    3: ({"Bảo hiểm xã hội huyện"}, {"Phòng Lao động - Thương binh và Xã hội"}),
    4: ({"Phòng Giáo dục và Đào tạo"}, set()),
    5: ({"Trung tâm Y tế huyện"}, {"Bảo hiểm xã hội huyện"}),
}
VHTTDL = "Sở Văn hóa, Thể thao và Du lịch"
TOURISM_ROLES = {
    1: ({VHTTDL}, set()),
    2: ({VHTTDL}, set()),
    3: ({VHTTDL}, {"Sở Khoa học và Công nghệ"}),
    4: ({"Sở Nội vụ"}, {VHTTDL}),
    5: ({VHTTDL}, {"Sở Dân tộc và Tôn giáo", "Hội Nông dân tỉnh"}),
    6: ({"Sở Nông nghiệp và Môi trường"}, {VHTTDL}),
}
SCAN_PLANS = {
    "education (commune, post-2025)": (EDUCATION_PLAN, EDUCATION_ROLES),
    "insurance (district, one-line header)": (INSURANCE_PLAN, INSURANCE_ROLES),
    "tourism (province, post-2025)": (TOURISM_PLAN, TOURISM_ROLES),
}
