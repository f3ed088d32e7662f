"""HELD-OUT test questions. Rule developers: do not open this file or eval/heldout/.

Questions on the held-out documents (eval/heldout/2xx_…), written by reading their sources in
eval/heldout/sources/; every gold passage is verbatim there (tests/test_eval_dataset.py checks it).
Generated into eval/datasets/test.jsonl by eval/corpus_tools/build_dataset.py.
"""

from __future__ import annotations

from typing import Any

from eval.corpus_tools.qa import (
    ASSIGN,
    BODY,
    BUDGET,
    COUNT,
    CROSS,
    DEADLINE,
    DUTY,
    FOLLOW,
    FREE,
    LIST,
    META,
    MULTI,
    NONE,
    OWN,
    SUMMARY,
    TARGET,
    TEXT,
    num,
    pct,
    q,
)

BN = "201_binh_nguyen_y_te_co_so.pdf"  # xã Bình Nguyên, tỉnh Hòa Giang (scan, post-2025), health 2026
KB = "202_khanh_binh_phong_chong_thien_tai.docx"  # huyện Khánh Bình, tỉnh Thanh Lâm, disasters 2022-2025
HG = "203_hoa_giang_binh_dang_gioi.doc"  # tỉnh Hòa Giang (.doc, post-2025), gender equality 2026-2030
KX = "204_khanh_binh_chuyen_doi_so.xlsx"  # huyện Khánh Bình (xlsx), digital transformation 2024
TL = "205_thanh_lam_giao_duc_mam_non.txt"  # tỉnh Thanh Lâm (TCVN3), preschool education 2022-2025
BL = "206_binh_lang_rac_thai_nhua.txt"  # tỉnh Bình Lãng (portal copy), plastic waste 2023-2025
TH = "207_tan_hoa_dan_so.pdf"  # huyện Tân Hòa, tỉnh Bình Lãng (PDF with text layer), population 2023
DEV_TK = "101_tan_khe_phong_chong_thien_tai.pdf"
DEV_HM = "103_hai_lam_chuyen_doi_so.txt"
DEV_HL = "102_ha_lang_binh_dang_gioi.doc"

BN_TYT = "Trạm Y tế xã"
BN_VHXH = "Phòng Văn hóa - Xã hội"
BN_TT = "Trung tâm Phục vụ hành chính công xã"
BN_VP = "Văn phòng HĐND và UBND xã"
BN_KT = "Phòng Kinh tế"
BN_MT = "Ủy ban Mặt trận Tổ quốc Việt Nam xã"
KB_NN = "Phòng Nông nghiệp và Phát triển nông thôn"
KB_QS = "Ban Chỉ huy Quân sự huyện"
KB_BP = "Đồn Biên phòng Cửa Khánh"
KB_VH = "Phòng Văn hóa và Thông tin"
KB_TTVH = "Trung tâm Văn hóa - Thông tin và Thể thao huyện"
KB_GD = "Phòng Giáo dục và Đào tạo"
KB_XA = "Ủy ban nhân dân các xã, thị trấn"
KB_KN = "Trạm Khuyến nông huyện"
HG_NV = "Sở Nội vụ"
HG_VP = "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh"
HG_TC = "Sở Tài chính"
HG_VH = "Sở Văn hóa, Thể thao và Du lịch"
HG_YT = "Sở Y tế"
HG_GD = "Sở Giáo dục và Đào tạo"
HG_XA = "Ủy ban nhân dân các xã, phường"  # its block's "phối hợp" may be read as its office's: not checked
KX_VP = "Văn phòng HĐND và UBND huyện"
KX_VH = "Phòng Văn hóa và Thông tin"
KX_NN = "Phòng Nông nghiệp và Phát triển nông thôn"
KX_CA = "Công an huyện"
KX_XA = "UBND các xã, thị trấn"
TL_GD = "Sở Giáo dục và Đào tạo"
TL_NV = "Sở Nội vụ"
TL_KH = "Sở Kế hoạch và Đầu tư"
TL_TC = "Sở Tài chính"
TL_HUYEN = "Ủy ban nhân dân các huyện, thị xã, thành phố"
BL_TN = "Sở Tài nguyên và Môi trường"
BL_NV = "Sở Nội vụ"
BL_VH = "Sở Văn hóa, Thể thao và Du lịch"
BL_CT = "Sở Công Thương"
BL_NN = "Sở Nông nghiệp và Phát triển nông thôn"
BL_HUYEN = "Ủy ban nhân dân các huyện, thành phố"

BN_TYT_TXT = "Chủ trì thực hiện chỉ tiêu 1 và chỉ tiêu 5; chủ trì, phối hợp với Phòng Văn hóa - Xã hội thực hiện chỉ tiêu 2"
BN_VHXH_TXT = "Chủ trì thực hiện chỉ tiêu 4 và chỉ tiêu 6, phối hợp với Trạm Y tế xã thực hiện chỉ tiêu 5"
KB_NN_TXT = ("Chủ trì thực hiện chỉ tiêu 1 và chỉ tiêu 3; chủ trì, phối hợp với Trạm Khuyến nông huyện thực hiện "
             "chỉ tiêu 6")
KB_BP_TXT = "Chủ trì thực hiện chỉ tiêu 2 và phối hợp với Phòng Nông nghiệp và Phát triển nông thôn kiểm đếm tàu thuyền"
KB_VH_TXT = "Chủ trì, phối hợp với Trung tâm Văn hóa - Thông tin và Thể thao huyện thực hiện chỉ tiêu 4"
KB_XA_TXT = "Phối hợp thực hiện chỉ tiêu 4 và chỉ tiêu 6 trên địa bàn"
HG_NV_TXT = ("Chủ trì thực hiện chỉ tiêu 2 và chỉ tiêu 3, phối hợp với Văn phòng Đoàn đại biểu Quốc hội và Hội đồng "
             "nhân dân tỉnh thực hiện chỉ tiêu 1")
HG_VH_TXT = "Chủ trì, phối hợp với Công an tỉnh và Hội Liên hiệp Phụ nữ tỉnh thực hiện chỉ tiêu 5"
HG_GD_TXT = "Chủ trì thực hiện chỉ tiêu 7 và phối hợp thực hiện chỉ tiêu 3"
TL_GD_TXT = ("chủ trì thực hiện chỉ tiêu 1, chỉ tiêu 2 và chỉ tiêu 3; chủ trì, phối hợp với Sở Y tế thực hiện "
             "chỉ tiêu 5")
TL_KH_TXT = "Chủ trì, phối hợp với Sở Tài chính thực hiện chỉ tiêu 6"
BL_VH_TXT = "Chủ trì thực hiện chỉ tiêu 2; phối hợp thực hiện chỉ tiêu 4"
BL_NV_TXT = "Chủ trì thực hiện chỉ tiêu 1, phối hợp với Sở Tài nguyên và Môi trường kiểm tra"
GOALS = "MỤC TIÊU"
BUDGET_SEC = "KINH PHÍ"
REPORT_SEC = "BÁO CÁO"

OWNER_ITEMS = [
    q("t-own-bn-2", "Xã Bình Nguyên: chỉ tiêu 2 diệt lăng quăng do ai chủ trì, ai phối hợp?", OWN, [BN],
      variant=["scan", "clause", "lead_support", "post2025"], leads=[BN_TYT], supports=[BN_VHXH, BN_MT], indicator=2,
      must=["Trạm Y tế xã", "Phòng Văn hóa - Xã hội"], sections=[ASSIGN], gold=[BN_TYT_TXT]),
    q("t-own-bn-5", "Chỉ tiêu 5 của xã Bình Nguyên do đơn vị nào chủ trì?", OWN, [BN],
      variant=["scan", "clause", "lead_support"], leads=[BN_TYT], supports=[BN_VHXH], indicator=5,
      must=["Trạm Y tế xã"], must_not=["re:phong van hoa - xa hoi chu tri[^.;]*chi tieu 5"], sections=[ASSIGN],
      gold=[BN_TYT_TXT, BN_VHXH_TXT]),
    q("t-own-bn-3-nodiac", "binh nguyen chi tieu 3 ho so suc khoe dien tu do ai chu tri", OWN, [BN],
      variant=["scan", "no_diacritics", "post2025"], leads=[BN_TT], indicator=3,
      must=["Trung tâm Phục vụ hành chính công"], sections=[ASSIGN], gold=["Chủ trì thực hiện chỉ tiêu 3"]),
    q("t-own-bn-6-en", "Who leads indicator 6 (health insurance) in Binh Nguyen commune?", OWN, [BN], lang="en",
      variant=["english", "no_diacritics", "scan"], leads=[BN_VHXH], supports=[BN_VP], indicator=6,
      must=["Phòng Văn hóa - Xã hội"], sections=[ASSIGN], gold=[BN_VHXH_TXT, "Phối hợp thực hiện chỉ tiêu 6"]),
    q("t-own-kb-6", "Huyện Khánh Bình: chỉ tiêu 6 về xâm nhập mặn do cơ quan nào chủ trì?", OWN, [KB],
      variant=["docx", "clause", "lead_support"], leads=[KB_NN], supports=[KB_KN, KB_XA], indicator=6,
      must=["Phòng Nông nghiệp và Phát triển nông thôn"], sections=[ASSIGN], gold=[KB_NN_TXT, KB_XA_TXT]),
    q("t-own-kb-2", "Chỉ tiêu 2 của huyện Khánh Bình (thiết bị giám sát hành trình tàu cá) ai chủ trì?", OWN, [KB],
      variant=["clause"], leads=[KB_BP], supports=[], indicator=2, must=["Đồn Biên phòng Cửa Khánh"],
      sections=[ASSIGN], gold=[KB_BP_TXT]),
    q("t-own-kb-4", "Khánh Bình: chỉ tiêu 4 do cơ quan nào chủ trì và những ai phối hợp?", OWN, [KB],
      variant=["clause", "lead_support"], leads=[KB_VH], supports=[KB_TTVH, KB_XA], indicator=4,
      must=["Phòng Văn hóa và Thông tin", "Trung tâm Văn hóa - Thông tin và Thể thao"], sections=[ASSIGN],
      gold=[KB_VH_TXT, KB_XA_TXT]),
    q("t-own-kb-1-typo", "khánh bìh chỉ tiêu 1 do ai chủ tri", OWN, [KB], variant=["typo"], leads=[KB_NN],
      supports=[KB_QS], indicator=1, must=["Phòng Nông nghiệp"], sections=[ASSIGN],
      gold=[KB_NN_TXT, "Phối hợp thực hiện chỉ tiêu 1"]),
    q("t-own-hg-1", "Tỉnh Hòa Giang: chỉ tiêu 1 về nữ đại biểu HĐND tỉnh do cơ quan nào chủ trì?", OWN, [HG],
      variant=["doc", "clause", "lead_support", "post2025"], leads=[HG_VP], supports=[HG_NV], indicator=1,
      must=["Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh"], must_not=["re:so noi vu chu tri[^.;]*chi tieu 1\\b"],
      sections=[ASSIGN], gold=["Chủ trì thực hiện chỉ tiêu 1.", HG_NV_TXT]),
    q("t-own-hg-5", "Hòa Giang: ai chủ trì chỉ tiêu hỗ trợ nạn nhân bạo lực gia đình, ai phối hợp?", OWN, [HG],
      variant=["doc", "topic", "clause"], leads=[HG_VH],
      indicator=5, must=["body:Sở Văn hóa, Thể thao và Du lịch", "Công an tỉnh", "Hội Liên hiệp Phụ nữ tỉnh"],
      sections=[ASSIGN],
      gold=[HG_VH_TXT]),
    q("t-own-hg-3-nodiac", "hoa giang chi tieu 3 dao tao nghe cho lao dong nu do so nao chu tri", OWN, [HG],
      variant=["doc", "no_diacritics", "clause"], leads=[HG_NV], supports=[HG_GD], indicator=3,
      must=["Sở Nội vụ"], sections=[ASSIGN], gold=[HG_NV_TXT, HG_GD_TXT]),
    q("t-own-hg-6-en", "Which department leads the sex-ratio-at-birth indicator in Hoa Giang province?", OWN, [HG],
      lang="en", variant=["english", "no_diacritics", "topic"], leads=[HG_YT], indicator=6, must=["Sở Y tế"],
      sections=[ASSIGN], gold=["Chủ trì thực hiện chỉ tiêu 6."]),
    q("t-own-kx-6", "Khánh Bình: chỉ tiêu mở tài khoản thanh toán điện tử do cơ quan nào chủ trì?", OWN, [KX],
      variant=["xlsx", "topic", "table"], leads=["Ngân hàng Chính sách xã hội huyện"],
      supports=["Công an huyện", "Bưu điện huyện"], indicator=6, must=["Ngân hàng Chính sách xã hội"],
      gold=["Tỷ lệ người dân mở tài khoản thanh toán điện tử"]),
    q("t-own-kx-4", "Chỉ tiêu 4 chuyển đổi số năm 2024 của huyện Khánh Bình do ai chủ trì, ai phối hợp?", OWN, [KX],
      variant=["xlsx", "table", "lead_support"], leads=[KX_NN], supports=["Phòng Kinh tế và Hạ tầng", "Hội Nông dân huyện"],
      indicator=4, must=["Phòng Nông nghiệp và Phát triển nông thôn", "Hội Nông dân"],
      gold=["Tỷ lệ hộ sản xuất nông nghiệp đưa sản phẩm lên sàn thương mại điện tử"]),
    q("t-own-tl-6", "Tỉnh Thanh Lâm: chỉ tiêu 6 xóa phòng học tạm do sở nào chủ trì?", OWN, [TL],
      variant=["tcvn3", "clause", "lead_support"], leads=[TL_KH], supports=[TL_TC, TL_HUYEN], indicator=6,
      must=["Sở Kế hoạch và Đầu tư"], sections=[ASSIGN], gold=[TL_KH_TXT]),
    q("t-own-tl-4", "Thanh Lâm: ai chủ trì chỉ tiêu giáo viên mầm non đạt chuẩn trình độ đào tạo?", OWN, [TL],
      variant=["tcvn3", "topic"], leads=[TL_NV], indicator=4, must=["Sở Nội vụ"], sections=[ASSIGN],
      gold=["Chủ trì thực hiện chỉ tiêu 4"]),
    q("t-own-bl-4", "Bình Lãng: chỉ tiêu 4 về thu gom, tái chế chất thải nhựa do cơ quan nào chủ trì?", OWN, [BL],
      variant=["portal", "lead_support"], leads=[BL_TN], supports=[BL_VH, BL_HUYEN], indicator=4,
      must=["Sở Tài nguyên và Môi trường"], sections=[ASSIGN], gold=["Chủ trì thực hiện chỉ tiêu 4", BL_VH_TXT]),
    q("t-own-bl-5-nodiac", "binh lang chi tieu 5 cang ca do so nao chu tri", OWN, [BL],
      variant=["portal", "no_diacritics", "clause"], leads=[BL_NN], supports=["Ban Quản lý cảng cá tỉnh"],
      indicator=5, must=["Sở Nông nghiệp và Phát triển nông thôn"], sections=[ASSIGN],
      gold=["Chủ trì, phối hợp với Ban Quản lý cảng cá tỉnh thực hiện chỉ tiêu 5"]),
]

BODY_ITEMS = [
    q("t-body-bn-tyt", "Trạm Y tế xã Bình Nguyên chủ trì những chỉ tiêu nào?", BODY, [BN], variant=["scan", "clause"],
      indicators=[1, 2, 5], must=[num(1), num(2), num(5)], sections=[ASSIGN], gold=[BN_TYT_TXT]),
    q("t-body-kb-nn", "Phòng Nông nghiệp và Phát triển nông thôn huyện Khánh Bình chủ trì chỉ tiêu nào?", BODY, [KB],
      variant=["clause"], indicators=[1, 3, 6], must=[num(1), num(3), num(6)], sections=[ASSIGN], gold=[KB_NN_TXT]),
    q("t-body-hg-nv", "Sở Nội vụ tỉnh Hòa Giang chủ trì những chỉ tiêu nào?", BODY, [HG],
      variant=["doc", "clause", "post2025"], indicators=[2, 3], must=[num(2), num(3)],
      must_not=["re:chu tri[^.;]*chi tieu 1\\b"], sections=[ASSIGN], gold=[HG_NV_TXT]),
    q("t-body-hg-gd-en", "Which indicators does the Department of Education of Hoa Giang lead or support?", BODY,
      [HG], lang="en", variant=["english", "no_diacritics", "lead_support"], must=[num(7), num(3)],
      sections=[ASSIGN], gold=[HG_GD_TXT]),
    q("t-body-kx-vp", "Văn phòng HĐND và UBND huyện Khánh Bình chủ trì các chỉ tiêu nào?", BODY, [KX],
      variant=["xlsx", "table"], indicators=[1, 2], must=[num(1), num(2)],
      gold=["Tỷ lệ văn bản đi được ký số và gửi trên môi trường mạng"]),
    q("t-body-kx-ca-nodiac", "cong an huyen khanh binh chu tri chi tieu nao", BODY, [KX],
      variant=["xlsx", "no_diacritics"], indicators=[8], must=[num(8)],
      gold=["Tỷ lệ người dân trên 14 tuổi có tài khoản định danh điện tử được kích hoạt"]),
    q("t-body-tl-gd", "Sở GD&ĐT tỉnh Thanh Lâm chủ trì những chỉ tiêu nào?", BODY, [TL],
      variant=["tcvn3", "abbreviation", "clause"], indicators=[1, 2, 3, 5], must=[num(1), num(2), num(3), num(5)],
      sections=[ASSIGN], gold=[TL_GD_TXT]),
    q("t-body-bl-vh", "Sở Văn hóa, Thể thao và Du lịch tỉnh Bình Lãng phụ trách chỉ tiêu nào?", BODY, [BL],
      variant=["portal", "lead_support"], must=[num(2), num(4)], sections=[ASSIGN], gold=[BL_VH_TXT]),
]

TARGET_ITEMS = [
    q("t-tgt-bn-1", "Xã Bình Nguyên năm 2026 đặt mục tiêu tiêm chủng đầy đủ cho trẻ dưới 1 tuổi là bao nhiêu?",
      TARGET, [BN], variant=["scan"], indicator=1, must=[pct("97")],
      gold=["Chương trình tiêm chủng mở rộng đạt 97%"]),
    q("t-tgt-bn-5-nodiac", "binh nguyen ty le nguoi cao tuoi duoc kham suc khoe dinh ky", TARGET, [BN],
      variant=["scan", "no_diacritics"], indicator=5, must=[pct("70")], gold=["ít nhất 01 lần/năm đạt 70%"]),
    q("t-tgt-kb-3", "Khánh Bình nâng cấp bao nhiêu km đê biển, đê cửa sông đến năm 2025?", TARGET, [KB],
      indicator=3, must=[r"re:12\s*km"], gold=["Nâng cấp 12 km đê biển, đê cửa sông xung yếu"]),
    q("t-tgt-kb-4-en", "What share of residents in disaster-prone areas should Khanh Binh reach with disaster "
      "awareness by 2025?", TARGET, [KB], lang="en", variant=["english", "no_diacritics"], indicator=4,
      must=[pct("70")], gold=["70% người dân ở vùng thường xuyên bị ảnh hưởng bởi thiên tai"]),
    q("t-tgt-hg-1", "Hòa Giang: tỷ lệ nữ đại biểu HĐND tỉnh nhiệm kỳ 2026 - 2031 phấn đấu đạt bao nhiêu?", TARGET,
      [HG], variant=["doc", "abbreviation"], indicator=1, must=[pct("35")],
      gold=["nhiệm kỳ 2026 - 2031 đạt từ 35% trở lên"]),
    q("t-tgt-hg-6", "Tỷ số giới tính khi sinh của tỉnh Hòa Giang năm 2030 không vượt quá bao nhiêu?", TARGET, [HG],
      indicator=6, must=[num(109)], gold=["không vượt quá 109 trẻ sơ sinh trai/100 trẻ sơ sinh gái"]),
    q("t-tgt-kx-2", "Khánh Bình 2024: tỷ lệ văn bản đi được ký số là bao nhiêu?", TARGET, [KX],
      variant=["xlsx", "table"], indicator=2, must=[pct("98")], gold=["98%"]),
    q("t-tgt-tl-2", "Thanh Lâm: tỷ lệ huy động trẻ 3 - 5 tuổi đi học mẫu giáo đến năm 2025?", TARGET, [TL],
      variant=["tcvn3"], indicator=2, must=[pct("97")], gold=["Tỷ lệ huy động trẻ em 3 - 5 tuổi đi học mẫu giáo đạt 97%"]),
    q("t-tgt-tl-5-typo", "thanh lâm tỷ lệ trẻ suy dinh dưỡng thấp còi trong trường mầm nom dưới bao nhiu", TARGET,
      [TL], variant=["tcvn3", "typo"], indicator=5, must=[pct("6")],
      gold=["Tỷ lệ trẻ suy dinh dưỡng thể thấp còi trong các cơ sở giáo dục mầm non dưới 6%"]),
    q("t-tgt-bl-2", "Bình Lãng phấn đấu giảm bao nhiêu phần trăm rác thải nhựa tại khu du lịch ven biển?", TARGET,
      [BL], variant=["portal"], indicator=2, must=[pct("50")],
      gold=["Giảm 50% lượng rác thải nhựa phát sinh tại các khu du lịch ven biển"]),
    q("t-tgt-bl-4", "Bình Lãng: tỷ lệ chất thải nhựa được thu gom, tái chế đến năm 2025 là bao nhiêu?", TARGET, [BL],
      variant=["portal", "footnote"], indicator=4, must=[pct("85")], must_not=[r"re:(?<![\d.,])852\s*%"],
      gold=["được thu gom, tái sử dụng, tái chế đạt 85%"]),
]

TEXT_ITEMS = [
    q("t-txt-bn-4", "Chỉ tiêu 4 của xã Bình Nguyên là gì?", TEXT, [BN], variant=["scan"], indicator=4,
      must=["an toàn thực phẩm"], gold=["bếp ăn tập thể của các trường học trên địa bàn được kiểm tra an toàn thực phẩm"]),
    q("t-txt-kb-5-nodiac", "chi tieu 5 huyen khanh binh noi ve gi", TEXT, [KB], variant=["no_diacritics"],
      indicator=5, must=["sơ tán học sinh"], gold=["có phương án sơ tán học sinh khi có bão, lũ"]),
    q("t-txt-hg-4-en", "What does indicator 4 of the Hoa Giang gender plan say?", TEXT, [HG], lang="en",
      variant=["english", "no_diacritics", "doc"], indicator=4, must=["re:doanh nghiep|business|enterprise", pct("30")],
      gold=["Tỷ lệ nữ chủ doanh nghiệp đạt 30% vào năm 2030"]),
    q("t-txt-kx-7", "Chỉ tiêu 7 trong bảng phân công chuyển đổi số của Khánh Bình là gì?", TEXT, [KX],
      variant=["xlsx"], indicator=7, must=["không dùng tiền mặt"],
      gold=["Tỷ lệ cơ sở khám chữa bệnh thanh toán viện phí không dùng tiền mặt"]),
]

COUNT_ITEMS = [
    q("t-cnt-hg", "Kế hoạch bình đẳng giới giai đoạn 2026 - 2030 của Hòa Giang có bao nhiêu chỉ tiêu?", COUNT, [HG],
      variant=["doc"], must=[num(7)], gold=["Chỉ tiêu 7:"]),
    q("t-cnt-kx", "Bảng phân công chuyển đổi số năm 2024 của huyện Khánh Bình có bao nhiêu chỉ tiêu?", COUNT, [KX],
      variant=["xlsx"], must=[num(8)], gold=["Tỷ lệ người dân trên 14 tuổi có tài khoản định danh điện tử"]),
    q("t-cnt-bl-en", "How many indicators does the Binh Lang plastic waste plan have?", COUNT, [BL], lang="en",
      variant=["english", "no_diacritics", "portal"], must=[num(5)], gold=["Chỉ tiêu 5:"]),
]

DUTY_ITEMS = [
    q("t-duty-bn-vp", "Văn phòng HĐND và UBND xã Bình Nguyên có nhiệm vụ gì trong kế hoạch y tế?", DUTY, [BN],
      variant=["scan", "post2025"], must=["trang thông tin điện tử"], sections=[ASSIGN],
      gold=["đưa tin về công tác phòng, chống dịch trên trang thông tin điện tử của xã"]),
    q("t-duty-bn-kt-nodiac", "phong kinh te xa binh nguyen lam gi", DUTY, [BN], variant=["scan", "no_diacritics"],
      must=["kinh phí"], sections=[ASSIGN], gold=["Tham mưu bố trí kinh phí"]),
    q("t-duty-kb-qs", "Ban Chỉ huy Quân sự huyện Khánh Bình có nhiệm vụ gì?", DUTY, [KB],
      must=["tìm kiếm, cứu nạn"], sections=[ASSIGN], gold=["chủ trì tổ chức lực lượng tìm kiếm, cứu nạn"]),
    q("t-duty-hg-dt-en", "What is the role of the Department of Ethnic and Religious Affairs in the Hoa Giang plan?",
      DUTY, [HG], lang="en", variant=["english", "no_diacritics", "post2025"], must=["dân tộc thiểu số"],
      sections=[ASSIGN], gold=["truyền thông về bình đẳng giới ở vùng đồng bào dân tộc thiểu số"]),
    q("t-duty-hg-xa", "Ủy ban nhân dân các xã, phường ở Hòa Giang giao phòng nào tham mưu thực hiện kế hoạch bình đẳng giới?",
      DUTY, [HG], variant=["doc", "post2025"], must=["Phòng Văn hóa - Xã hội"], sections=[ASSIGN],
      gold=["Giao Phòng Văn hóa - Xã hội tham mưu thực hiện Kế hoạch trên địa bàn"]),
    q("t-duty-tl-huyen", "UBND các huyện, thị xã, thành phố của Thanh Lâm phải làm gì theo kế hoạch mầm non?", DUTY,
      [TL], variant=["tcvn3", "abbreviation"], must=["quỹ đất"], sections=[ASSIGN],
      gold=["bố trí quỹ đất xây dựng trường mầm non"]),
    q("t-duty-bl-tn-typo", "sở tài nguyen và môi trưởng bình lãng làm nhiệm vụ gì", DUTY, [BL],
      variant=["portal", "typo"], must=["tổng hợp"], sections=[ASSIGN],
      gold=["là đầu mối theo dõi, tổng hợp tình hình thực hiện Kế hoạch"]),
]

DEADLINE_ITEMS = [
    q("t-dl-bn-year", "Xã Bình Nguyên: báo cáo năm về công tác y tế gửi trước ngày nào?", DEADLINE, [BN],
      variant=["scan"], must=["10/12"], sections=[REPORT_SEC], gold=["báo cáo năm trước ngày 10/12/2026"]),
    q("t-dl-bn-quarter-en", "How often does Binh Nguyen commune health station report, and by when?", DEADLINE, [BN],
      lang="en", variant=["english", "no_diacritics", "scan"], must=["re:quy|quarter", num(20)],
      gold=["hằng quý trước ngày 20 của tháng cuối quý"]),
    q("t-dl-kb", "Khánh Bình: báo cáo tổng kết giai đoạn phòng, chống thiên tai gửi trước ngày nào?", DEADLINE, [KB],
      must=["15/10/2025"], sections=[REPORT_SEC], gold=["báo cáo tổng kết giai đoạn trước ngày 15/10/2025"]),
    q("t-dl-hg", "Hòa Giang: các sở, ngành gửi báo cáo bình đẳng giới cho ai và trước ngày nào hằng năm?", DEADLINE,
      [HG], variant=["doc"], must=["Sở Nội vụ", r"re:20 thang 11|20/11"], sections=[REPORT_SEC],
      gold=["báo cáo kết quả thực hiện về Sở Nội vụ trước ngày 20 tháng 11 hằng năm"]),
    q("t-dl-kx-nodiac", "khanh binh cac co quan chu tri bao cao chuyen doi so ve dau, khi nao", DEADLINE, [KX],
      variant=["xlsx", "no_diacritics"], must=["Phòng Văn hóa và Thông tin", "05"],
      gold=["trước ngày 05 của tháng cuối mỗi quý"]),
    q("t-dl-kx-3", "Khánh Bình: chỉ tiêu thành lập tổ công nghệ số cộng đồng phải hoàn thành khi nào?", DEADLINE,
      [KX], variant=["xlsx", "table"], must=["6/2024"], gold=["Tháng 6/2024"]),
    q("t-dl-tl", "Thanh Lâm: báo cáo kết quả phát triển giáo dục mầm non gửi Sở Giáo dục và Đào tạo trước ngày nào?",
      DEADLINE, [TL], variant=["tcvn3"], must=[r"re:15 thang 6|15/0?6"], gold=["trước ngày 15 tháng 6 hằng năm"]),
    q("t-dl-bl", "Bình Lãng: báo cáo kết quả giảm rác thải nhựa gửi trước ngày nào?", DEADLINE, [BL],
      variant=["portal"], must=["10/12"], gold=["trước ngày 10/12 hằng năm"]),
]

BUDGET_ITEMS = [
    q("t-bud-bn", "Ngân sách xã Bình Nguyên bố trí bao nhiêu cho công tác y tế năm 2026?", BUDGET, [BN],
      variant=["scan"], must=["180 triệu"], sections=[BUDGET_SEC], gold=["Ngân sách xã bố trí 180 triệu đồng"]),
    q("t-bud-kb-total", "Tổng kinh phí thực hiện kế hoạch phòng, chống thiên tai của Khánh Bình là bao nhiêu?", BUDGET,
      [KB], must=["96 tỷ"], sections=[BUDGET_SEC], gold=["khoảng 96 tỷ đồng"]),
    q("t-bud-kb-huyen-en", "How much does Khanh Binh district's own budget contribute to the disaster plan?", BUDGET,
      [KB], lang="en", variant=["english", "no_diacritics"], must=["21 tỷ"], gold=["ngân sách huyện 21 tỷ đồng"]),
    q("t-bud-kx", "Huyện Khánh Bình bố trí bao nhiêu kinh phí cho chuyển đổi số năm 2024?", BUDGET, [KX],
      variant=["xlsx"], must=["2.300 triệu"], gold=["ngân sách huyện bố trí 2.300 triệu đồng"]),
    q("t-bud-tl-min", "Thanh Lâm: mỗi huyện phải bố trí tối thiểu bao nhiêu mỗi năm để xây phòng học mầm non?",
      BUDGET, [TL], variant=["tcvn3"], must=["15 tỷ"], gold=["Mỗi huyện bố trí tối thiểu 15 tỷ đồng/năm"]),
    q("t-bud-tl-total-nodiac", "tong kinh phi ke hoach giao duc mam non thanh lam", BUDGET, [TL],
      variant=["tcvn3", "no_diacritics"], must=["1.240 tỷ"], gold=["Tổng kinh phí thực hiện Kế hoạch là 1.240 tỷ đồng"]),
]

LIST_ITEMS = [
    q("t-list-bl-indicators", "Kế hoạch rác thải nhựa của tỉnh Bình Lãng có những chỉ tiêu nào?", LIST, [BL],
      variant=["portal"], list_items=["nhựa dùng một lần", "khu du lịch ven biển", "túi thân thiện",
                                      "tái chế", "cảng cá"], sections=[GOALS],
      gold=["Chỉ tiêu 5: 100% cảng cá có điểm thu gom rác thải nhựa từ tàu cá."]),
    q("t-list-hg-sources", "Kinh phí thực hiện kế hoạch bình đẳng giới của Hòa Giang lấy từ những nguồn nào?", LIST,
      [HG], variant=["doc"], list_items=["dự toán ngân sách", "chương trình mục tiêu quốc gia", "tài trợ"],
      sections=[BUDGET_SEC], gold=["lồng ghép trong các chương trình mục tiêu quốc gia"]),
    q("t-list-kb-sources-en", "What are the funding sources of the Khanh Binh disaster plan?", LIST, [KB], lang="en",
      variant=["english", "no_diacritics"], list_items=["70 tỷ", "21 tỷ", "5 tỷ"],
      gold=["ngân sách trung ương và tỉnh hỗ trợ 70 tỷ đồng"]),
    q("t-list-kb-tasks", "Huyện Khánh Bình có những nhiệm vụ, giải pháp nào về phòng, chống thiên tai?", LIST, [KB],
      list_items=["nhà tránh trú bão", "cảnh báo sớm triều cường", "cơ cấu cây trồng"], sections=["NHIỆM VỤ"],
      gold=["Đầu tư hệ thống cảnh báo sớm triều cường tại 05 xã ven biển"]),
    q("t-list-bn-bodies", "Những đơn vị nào của xã Bình Nguyên được giao thực hiện kế hoạch y tế năm 2026?", LIST,
      [BN], variant=["scan", "post2025"], list_items=["Trạm Y tế xã", "Phòng Văn hóa - Xã hội",
                                                      "Trung tâm Phục vụ hành chính công", "Văn phòng HĐND và UBND xã",
                                                      "Phòng Kinh tế", "Mặt trận Tổ quốc"],
      sections=[ASSIGN], gold=["Đề nghị phối hợp vận động Nhân dân tham gia chỉ tiêu 2"]),
    q("t-list-tl-recipients-nodiac", "ke hoach giao duc mam non thanh lam gui nhung noi nao", LIST, [TL],
      variant=["tcvn3", "no_diacritics"], list_items=["Bộ Giáo dục và Đào tạo", "Tỉnh ủy", "các sở, ban, ngành"],
      gold=["- Bộ Giáo dục và Đào tạo;"]),
]

SUMMARY_ITEMS = [
    q("t-sum-hg", "Tóm tắt kế hoạch bình đẳng giới của tỉnh Hòa Giang", SUMMARY, [HG], variant=["doc", "post2025"],
      must=["41/KH-UBND", "re:2026 - 2030", "re:7 chi tieu|chi tieu 7", "Sở Nội vụ"],
      gold=["Thực hiện mục tiêu quốc gia về bình đẳng giới tỉnh Hòa Giang giai đoạn 2026 - 2030"]),
    q("t-sum-kb-en", "Summarize the Khanh Binh district disaster prevention plan", SUMMARY, [KB], lang="en",
      variant=["english", "no_diacritics"], must=["88/KH-UBND", "re:6 chi tieu|chi tieu 6|6 indicators", "96 tỷ"],
      gold=["Thực hiện Chiến lược quốc gia phòng, chống thiên tai trên địa bàn huyện Khánh Bình giai đoạn 2022 - 2025"]),
    q("t-sum-bn", "Tóm tắt kế hoạch y tế năm 2026 của xã Bình Nguyên", SUMMARY, [BN], variant=["scan"],
      must=["07/KH-UBND", "Trạm Y tế xã"], gold=["Chăm sóc sức khỏe ban đầu và phòng, chống dịch bệnh"]),
    q("t-sum-bl-nodiac", "tom tat ke hoach rac thai nhua tinh binh lang", SUMMARY, [BL],
      variant=["portal", "no_diacritics"], must=["77/KH-UBND", "re:5 chi tieu|chi tieu 5"],
      gold=["Giảm thiểu, thu gom và xử lý rác thải nhựa trên địa bàn tỉnh Bình Lãng giai đoạn 2023 - 2025"]),
]

META_ITEMS = [
    q("t-meta-bn-signer", "Ai ký kế hoạch y tế năm 2026 của xã Bình Nguyên?", META, [BN], variant=["scan"],
      must=["Hà Văn Lực"], gold=["Hà Văn Lực"]),
    q("t-meta-kb-number-en", "What is the number and date of the Khanh Binh disaster prevention plan?", META, [KB],
      lang="en", variant=["english", "no_diacritics"],
      must=["88/KH-UBND", r"re:15( thang |/)0?4( nam |/)2022|2022 - 0?4 - 15|april 15"],
      gold=["Số: 88/KH-UBND"]),
    q("t-meta-kb-issuer", "Kế hoạch 88/KH-UBND về phòng, chống thiên tai do cấp nào ban hành, thuộc tỉnh nào?", META,
      [KB], variant=["two_line_header"], must=["Khánh Bình", "Thanh Lâm"],
      gold=["Ủy ban nhân dân huyện Khánh Bình ban hành Kế hoạch thực hiện"]),
    q("t-meta-hg-signer", "Ai ký kế hoạch bình đẳng giới của tỉnh Hòa Giang, với chức vụ gì?", META, [HG],
      variant=["doc"], must=["Nguyễn Thị Hồng Nhung", "Phó Chủ tịch"], gold=["Nguyễn Thị Hồng Nhung"]),
    q("t-meta-tl-date-nodiac", "ke hoach phat trien giao duc mam non thanh lam ban hanh ngay nao", META, [TL],
      variant=["tcvn3", "no_diacritics"], must=[r"re:0?5( thang |/)0?5( nam |/)2022|2022 - 0?5 - 0?5"],
      gold=["Thanh Lâm, ngày 05 tháng 5 năm 2022"]),
    q("t-meta-bl-signer", "Ai ký Kế hoạch 77/KH-UBND của Bình Lãng?", META, [BL], variant=["portal"],
      must=["Tô Hữu Phước"], gold=["Tô Hữu Phước"]),
    q("t-meta-kx-plan", "Bảng phân công chuyển đổi số của Khánh Bình kèm theo kế hoạch số mấy, ngày nào?", META,
      [KX], variant=["xlsx"], must=["19/KH-UBND", r"re:26( thang |/)0?1( nam |/)2024"],
      gold=["Kế hoạch số 19/KH-UBND ngày 26 tháng 01 năm 2024"]),
    q("t-meta-hg-basis", "Kế hoạch bình đẳng giới của Hòa Giang thực hiện nghị quyết nào của Chính phủ?", META, [HG],
      variant=["doc"], must=["28/NQ-CP"], gold=["Thực hiện Nghị quyết số 28/NQ-CP ngày 03 tháng 3 năm 2021"]),
]

FREE_ITEMS = [
    q("t-free-bn-vaccination-day", "Xã Bình Nguyên tổ chức tiêm chủng thường xuyên vào ngày nào hằng tháng?", FREE,
      [BN], variant=["scan"], must=[num(25)], gold=["Tổ chức tiêm chủng thường xuyên vào ngày 25 hằng tháng"]),
    q("t-free-kb-warning", "Khánh Bình đầu tư hệ thống cảnh báo sớm triều cường ở bao nhiêu xã?", FREE, [KB],
      must=["05 xã"], gold=["tại 05 xã ven biển"]),
    q("t-free-hg-model-en", "What model does Hoa Giang replicate to support victims of domestic violence?", FREE, [HG],
      lang="en", variant=["english", "no_diacritics"], must=["Địa chỉ tin cậy"],
      gold=["nhân rộng mô hình \"Địa chỉ tin cậy\""]),
    q("t-free-tl-lunch", "Thanh Lâm hỗ trợ ăn trưa cho trẻ em mẫu giáo ở đâu?", FREE, [TL], variant=["tcvn3"],
      must=["đặc biệt khó khăn"], gold=["hỗ trợ ăn trưa cho trẻ em mẫu giáo ở xã, thôn đặc biệt khó khăn"]),
    q("t-free-bl-2030", "Theo ghi chú của kế hoạch Bình Lãng, chỉ tiêu thu gom tái chế nhựa đến năm 2030 là bao nhiêu?",
      FREE, [BL], variant=["portal", "footnote"], must=[pct("100")], gold=["chỉ tiêu đến năm 2030 là 100%"]),
    q("t-free-bl-campaign", "Bình Lãng phát động phong trào gì trong trường học, khu dân cư?", FREE, [BL],
      variant=["portal"], must=["Chống rác thải nhựa"], gold=["phát động phong trào \"Chống rác thải nhựa\""]),
    q("t-free-kb-general-goal", "Mục tiêu chung của kế hoạch phòng, chống thiên tai huyện Khánh Bình là gì?", FREE,
      [KB], must=["xâm nhập mặn"], sections=[GOALS],
      gold=["Chủ động phòng ngừa, ứng phó hiệu quả với thiên tai"]),
]

CROSS_ITEMS = [
    q("t-cross-disaster", "Những kế hoạch nào về phòng, chống thiên tai?", CROSS, [KB, DEV_TK],
      must=["Khánh Bình", "Tân Khê"], must_not=["Bình Lãng"], gold=["Phòng, chống thiên tai và tìm kiếm cứu nạn năm 2024"]),
    q("t-cross-hoa-giang", "Tỉnh Hòa Giang có những kế hoạch nào (kể cả của xã)?", CROSS, [HG, BN],
      must=["41/KH-UBND", "07/KH-UBND"], gold=["Ủy ban nhân dân tỉnh Hòa Giang về công tác y tế năm 2026"]),
    q("t-cross-gender-compare", "So sánh chỉ tiêu tỷ số giới tính khi sinh của Hà Lãng và Hòa Giang", CROSS,
      [DEV_HL, HG], must=[num(111), num(109)],
      gold=["không vượt quá 109 trẻ sơ sinh trai/100 trẻ sơ sinh gái"]),
    q("t-cross-noivu-en", "In which plans does a Sở Nội vụ (Department of Home Affairs) lead an indicator?", CROSS,
      [DEV_HM, HG, TL, BL], lang="en", variant=["english"], must=["Hải Lâm", "Hòa Giang", "Thanh Lâm", "Bình Lãng"],
      gold=[HG_NV_TXT, "Chủ trì thực hiện chỉ tiêu 7 và phối hợp thực hiện chỉ tiêu 2", "Chủ trì thực hiện chỉ tiêu 4",
            BL_NV_TXT]),
    q("t-cross-thanh-lam", "Những kế hoạch nào liên quan đến tỉnh Thanh Lâm?", CROSS, [KB, TL],
      must=["88/KH-UBND", "63/KH-UBND"], gold=["Số: 88/KH-UBND"]),
    q("t-cross-post2025-nodiac", "nhung ke hoach nao ban hanh sau thang 7 nam 2025", CROSS, [DEV_HM, BN, HG],
      variant=["no_diacritics"], must=["Hải Lâm", "Bình Nguyên", "Hòa Giang"],
      gold=["ngày 08 tháng 9 năm 2025"]),
]

MULTI_ITEMS = [
    q("t-multi-noivu-4", "Chỉ tiêu 4 do Sở Nội vụ chủ trì ở tỉnh nào?", MULTI, [TL], leads=[TL_NV], indicator=4,
      must=["Thanh Lâm"], gold=["Chủ trì thực hiện chỉ tiêu 4"]),
    q("t-multi-bhyt", "Mục tiêu tỷ lệ người tham gia bảo hiểm y tế là bao nhiêu?", MULTI, [BN, "104_lam_giang_suc_khoe.xlsx"],
      must=[pct("95")], gold=["Tỷ lệ người tham gia bảo hiểm y tế đạt 95%"]),
]

NONE_ITEMS = [
    q("t-none-hg-qh", "Hòa Giang đặt mục tiêu tỷ lệ nữ đại biểu Quốc hội là bao nhiêu?", NONE, [], status="not_found",
      variant=["near_miss"]),
    q("t-none-bn-8", "Chỉ tiêu 8 của xã Bình Nguyên do ai chủ trì?", NONE, [], status="not_found",
      variant=["near_miss"]),
    q("t-none-kb-2030-en", "What is Khanh Binh's 2030 target for upgrading sea dikes?", NONE, [], lang="en",
      variant=["english", "no_diacritics", "near_miss"], status="not_found"),
    q("t-none-tl-2027", "Kế hoạch giáo dục mầm non của Thanh Lâm đặt mục tiêu gì cho năm 2027?", NONE, [],
      status="not_found", variant=["near_miss"]),
    q("t-none-bl-budget", "Tổng kinh phí kế hoạch rác thải nhựa của Bình Lãng là bao nhiêu tỷ đồng?", NONE, [],
      status="not_found", variant=["near_miss"]),
    q("t-none-kx-2025", "Bảng phân công chuyển đổi số năm 2025 của huyện Khánh Bình giao chỉ tiêu 3 cho ai?", NONE, [],
      status="not_found", variant=["near_miss"]),
    q("t-none-hg-ldtbxh", "Sở Lao động - Thương binh và Xã hội tỉnh Hòa Giang chủ trì chỉ tiêu nào?", NONE, [],
      status="not_found", variant=["near_miss", "post2025"]),
    q("t-none-place-nodiac", "ke hoach phong chong thien tai cua huyen son tra nam 2023 giao chi tieu 1 cho ai", NONE,
      [], status="not_found", variant=["no_diacritics"]),
]

FOLLOWUP_PAIRS = [
    (
        q("t-fu-hg-2", "Hòa Giang: chỉ tiêu 2 do sở nào chủ trì?", FOLLOW, [HG], variant=["doc"], leads=[HG_NV],
          indicator=2, must=["Sở Nội vụ"], sections=[ASSIGN], gold=[HG_NV_TXT]),
        q("t-fu-hg-2-then-7", "còn chỉ tiêu 7?", FOLLOW, [HG], followup_of="t-fu-hg-2", leads=[HG_GD], indicator=7,
          must=["Sở Giáo dục và Đào tạo"], sections=[ASSIGN], gold=[HG_GD_TXT]),
    ),
    (
        q("t-fu-kx-5", "Khánh Bình: chỉ tiêu học bạ số năm 2024 đạt bao nhiêu?", FOLLOW, [KX], variant=["xlsx"],
          indicator=5, must=[pct("100")], gold=["Tỷ lệ trường học sử dụng hồ sơ học bạ số"]),
        q("t-fu-kx-5-then-owner", "cơ quan nào chủ trì chỉ tiêu đó?", FOLLOW, [KX], followup_of="t-fu-kx-5",
          leads=["Phòng Giáo dục và Đào tạo"], indicator=5, must=["Phòng Giáo dục và Đào tạo"],
          gold=["Tỷ lệ trường học sử dụng hồ sơ học bạ số"]),
    ),
    (
        q("t-fu-bl-3", "Bình Lãng: chỉ tiêu 3 do sở nào chủ trì?", FOLLOW, [BL], variant=["portal"], leads=[BL_CT],
          indicator=3, must=["Sở Công Thương"], sections=[ASSIGN], gold=["Chủ trì thực hiện chỉ tiêu 3."]),
        q("t-fu-bl-3-then-kb", "ở huyện Khánh Bình thì chỉ tiêu 3 do ai chủ trì?", FOLLOW, [KB], followup_of="t-fu-bl-3",
          leads=[KB_NN], indicator=3, must=["Phòng Nông nghiệp và Phát triển nông thôn"], sections=[ASSIGN],
          gold=[KB_NN_TXT]),
    ),
]

# Second batch (same documents): more questions for the intents with few items.
MORE_ITEMS = [
    q("t-sum-tl", "Tóm tắt kế hoạch phát triển giáo dục mầm non của tỉnh Thanh Lâm", SUMMARY, [TL],
      variant=["tcvn3"], must=["63/KH-UBND", "re:6 chi tieu|chi tieu 6", "1.240 tỷ"],
      gold=["Phát triển giáo dục mầm non tỉnh Thanh Lâm giai đoạn 2022 - 2025"]),
    q("t-sum-kx-en", "Give me a summary of Khanh Binh district's 2024 digital transformation assignment table",
      SUMMARY, [KX], lang="en", variant=["english", "no_diacritics", "xlsx"],
      must=["19/KH-UBND", "re:8 chi tieu|chi tieu 8|8 indicators"],
      gold=["BẢNG PHÂN CÔNG NHIỆM VỤ CHUYỂN ĐỔI SỐ NĂM 2024"]),
    q("t-sum-hg-number", "Kế hoạch 41/KH-UBND của Hòa Giang nói về những gì?", SUMMARY, [HG], variant=["doc"],
      must=["bình đẳng giới", "re:7 chi tieu|chi tieu 7"],
      gold=["Thực hiện mục tiêu quốc gia về bình đẳng giới tỉnh Hòa Giang giai đoạn 2026 - 2030"]),
    q("t-list-hg-indicators", "Kế hoạch bình đẳng giới tỉnh Hòa Giang có những chỉ tiêu nào?", LIST, [HG],
      variant=["doc"], list_items=["nữ đại biểu", "lãnh đạo chủ chốt là nữ", "đào tạo nghề", "nữ chủ doanh nghiệp",
                                   "bạo lực gia đình", "giới tính khi sinh", "lồng ghép giới"], sections=[GOALS],
      gold=["Chỉ tiêu 4: Tỷ lệ nữ chủ doanh nghiệp đạt 30% vào năm 2030."]),
    q("t-list-kx-leads", "Bảng phân công chuyển đổi số của huyện Khánh Bình giao chủ trì cho những cơ quan nào?", LIST,
      [KX], variant=["xlsx", "table"], list_items=["Văn phòng HĐND và UBND huyện", "Phòng Văn hóa và Thông tin",
                                                   "Phòng Nông nghiệp và Phát triển nông thôn", "Phòng Giáo dục và Đào tạo",
                                                   "Ngân hàng Chính sách xã hội", "Trung tâm Y tế huyện", "Công an huyện"],
      gold=["Ngân hàng Chính sách xã hội huyện"]),
    q("t-list-bn-tasks-nodiac", "xa binh nguyen co nhung nhiem vu giai phap nao ve y te", LIST, [BN],
      variant=["scan", "no_diacritics"], list_items=["giám sát", "tiêm chủng", "truyền thông"], sections=["NHIỆM VỤ"],
      gold=["Giám sát chặt chẽ tình hình dịch bệnh"]),
    q("t-cross-khanh-binh", "Huyện Khánh Bình có những kế hoạch nào?", CROSS, [KB, KX], must=["88/KH-UBND", "19/KH-UBND"],
      gold=["Kế hoạch số 19/KH-UBND ngày 26 tháng 01 năm 2024"]),
    q("t-cross-teachers", "Những kế hoạch nào có chỉ tiêu về giáo viên?", CROSS, [HG, TL], must=["Hòa Giang", "Thanh Lâm"],
      gold=["90% giáo viên được tập huấn về lồng ghép giới", "100% giáo viên mầm non đạt chuẩn trình độ đào tạo"]),
    q("t-cross-commune-en", "Which plans in the library were issued by a commune or town?", CROSS,
      ["003_11ac71988528a06e.txt", DEV_TK, BN], lang="en", variant=["english"],
      must=["Hà Trung", "Tân Khê", "Bình Nguyên"], must_not=["Khánh Bình"], gold=["XÃ BÌNH NGUYÊN"]),
    q("t-duty-kb-tc", "Phòng Tài chính - Kế hoạch huyện Khánh Bình có nhiệm vụ gì?", DUTY, [KB],
      must=["cân đối"], sections=[ASSIGN], gold=["Tham mưu cân đối, bố trí kinh phí thực hiện Kế hoạch"]),
    q("t-duty-tl-tc-en", "What does the Thanh Lam finance department do under the preschool plan?", DUTY, [TL],
      lang="en", variant=["english", "no_diacritics", "tcvn3"], must=["kinh phí sự nghiệp"], sections=[ASSIGN],
      gold=["Bố trí kinh phí sự nghiệp giáo dục"]),
    q("t-dl-kx-7", "Khánh Bình: chỉ tiêu thanh toán viện phí không dùng tiền mặt phải hoàn thành khi nào?", DEADLINE,
      [KX], variant=["xlsx", "table"], must=["10/2024"], gold=["Tháng 10/2024"]),
    q("t-dl-kb-year-nodiac", "khanh binh bao cao hang nam phong chong thien tai truoc ngay nao", DEADLINE, [KB],
      variant=["no_diacritics"], must=["30/11"], gold=["trước ngày 30/11 hằng năm"]),
    q("t-meta-bl-issuer", "Kế hoạch 77/KH-UBND về rác thải nhựa do Ủy ban nhân dân tỉnh nào ban hành?", META, [BL],
      variant=["portal"], must=["Bình Lãng"], gold=["Ủy ban nhân dân tỉnh Bình Lãng ban hành Kế hoạch như sau"]),
    q("t-meta-bn-issuer-en", "Which body issued plan 07/KH-UBND on primary health care, and when?", META, [BN],
      lang="en", variant=["english", "no_diacritics", "scan"],
      must=["Bình Nguyên", r"re:20( thang |/)0?1( nam |/)2026|2026 - 0?1 - 20|january 20"],
      gold=["Ủy ban nhân dân xã Bình Nguyên ban hành Kế hoạch như sau"]),
    q("t-bud-bl", "Kinh phí thực hiện kế hoạch rác thải nhựa của Bình Lãng lấy từ đâu?", BUDGET, [BL],
      variant=["portal"], must=["sự nghiệp bảo vệ môi trường"], sections=[BUDGET_SEC],
      gold=["Kinh phí thực hiện từ nguồn sự nghiệp bảo vệ môi trường"]),
    q("t-tgt-hg-2", "Hòa Giang: đến năm 2030 bao nhiêu phần trăm UBND xã, phường có lãnh đạo chủ chốt là nữ?", TARGET,
      [HG], variant=["doc"], indicator=2, must=[pct("75")],
      gold=["75% Ủy ban nhân dân xã, phường có lãnh đạo chủ chốt là nữ vào năm 2030"]),
    q("t-none-kx-budget-2025", "Huyện Khánh Bình bố trí bao nhiêu kinh phí cho chuyển đổi số năm 2025?", NONE, [],
      status="not_found", variant=["near_miss"]),
    q("t-none-hg-commune-min", "Mỗi xã ở Hòa Giang phải bố trí tối thiểu bao nhiêu kinh phí cho bình đẳng giới?", NONE,
      [], status="not_found", variant=["near_miss"]),
]

MORE_FOLLOWUPS = [
    (
        q("t-fu-tl-3", "Thanh Lâm: tỷ lệ trường mầm non đạt chuẩn quốc gia đến năm 2025 là bao nhiêu?", FOLLOW, [TL],
          variant=["tcvn3"], indicator=3, must=[pct("65")], gold=["Tỷ lệ trường mầm non đạt chuẩn quốc gia đạt 65%"]),
        q("t-fu-tl-3-then-owner", "ai chủ trì chỉ tiêu đó?", FOLLOW, [TL], followup_of="t-fu-tl-3", leads=[TL_GD],
          supports=[TL_HUYEN], indicator=3, must=["Sở Giáo dục và Đào tạo"], sections=[ASSIGN], gold=[TL_GD_TXT]),
    ),
]

FOLLOWUP_PAIRS += MORE_FOLLOWUPS

TH_TTYT = "Trung tâm Y tế huyện"
TH_TTYT_TXT = "Chủ trì thực hiện chỉ tiêu 1, chỉ tiêu 2 và chỉ tiêu 4"
TH_VH_TXT = "Phối hợp thực hiện chỉ tiêu 1 và chỉ tiêu 2"
PDF_ITEMS = [
    q("t-own-th-3", "Huyện Tân Hòa: chỉ tiêu 3 về khám sức khỏe trước khi kết hôn do ai chủ trì, ai phối hợp?", OWN,
      [TH], variant=["pdf", "clause", "lead_support"], leads=["Phòng Tư pháp"],
      supports=[TH_TTYT, "Ủy ban nhân dân các xã, thị trấn"], indicator=3, must=["Phòng Tư pháp"], sections=[ASSIGN],
      gold=["Chủ trì, phối hợp với Trung tâm Y tế huyện thực hiện chỉ tiêu 3"]),
    q("t-own-th-2-nodiac", "tan hoa chi tieu 2 sang loc so sinh do co quan nao chu tri", OWN, [TH],
      variant=["pdf", "no_diacritics"], leads=[TH_TTYT], supports=["Phòng Văn hóa và Thông tin"], indicator=2,
      must=["Trung tâm Y tế huyện"], sections=[ASSIGN], gold=[TH_TTYT_TXT, TH_VH_TXT]),
    q("t-own-th-5-en", "Who leads indicator 5 (health insurance cards for the elderly) in Tan Hoa district?", OWN,
      [TH], lang="en", variant=["english", "no_diacritics", "pdf"],
      leads=["Phòng Lao động - Thương binh và Xã hội"], indicator=5,
      must=["body:Phòng Lao động - Thương binh và Xã hội"], sections=[ASSIGN], gold=["Chủ trì thực hiện chỉ tiêu 5"]),
    q("t-body-th-ttyt", "Trung tâm Y tế huyện Tân Hòa chủ trì những chỉ tiêu nào?", BODY, [TH], variant=["pdf"],
      indicators=[1, 2, 4], must=[num(1), num(2), num(4)], sections=[ASSIGN], gold=[TH_TTYT_TXT]),
    q("t-tgt-th-4", "Tân Hòa năm 2023: số người mới sử dụng biện pháp tránh thai hiện đại là bao nhiêu?", TARGET,
      [TH], variant=["pdf", "table"], indicator=4, must=[r"re:2[.,]?100 nguoi"], gold=["2.100 người"]),
    q("t-tgt-th-1", "Huyện Tân Hòa đặt chỉ tiêu sàng lọc trước sinh năm 2023 bao nhiêu phần trăm?", TARGET, [TH],
      variant=["pdf", "table"], indicator=1, must=[pct("70")], gold=["Tỷ lệ phụ nữ mang thai được sàng lọc trước sinh"]),
    q("t-dl-th-6m", "Tân Hòa: báo cáo 6 tháng về công tác dân số gửi trước ngày nào?", DEADLINE, [TH],
      variant=["pdf"], must=["20/6/2023"], sections=[REPORT_SEC], gold=["trước ngày 20/6/2023 (báo cáo 6 tháng)"]),
    q("t-bud-th-commune", "Huyện Tân Hòa: mỗi xã, thị trấn bố trí tối thiểu bao nhiêu cho công tác dân số?", BUDGET,
      [TH], variant=["pdf"], must=["8 triệu"], sections=[BUDGET_SEC], gold=["mỗi xã, thị trấn bố trí tối thiểu 8 triệu đồng"]),
    q("t-meta-th-signer-en", "Who signed the Tan Hoa population plan for 2023?", META, [TH], lang="en",
      variant=["english", "no_diacritics", "pdf"], must=["Quách Văn Thuận"], gold=["Quách Văn Thuận"]),
    q("t-duty-th-vh", "Phòng Văn hóa và Thông tin huyện Tân Hòa làm gì trong kế hoạch dân số?", DUTY, [TH],
      variant=["pdf"], must=["Tháng hành động quốc gia về dân số"], sections=[ASSIGN],
      gold=["đưa tin về Tháng hành động quốc gia về dân số"]),
    q("t-free-th-month", "Tháng hành động quốc gia về dân số năm 2023 ở Tân Hòa tổ chức từ ngày nào đến ngày nào?", FREE,
      [TH], variant=["pdf"], must=["01/12", "31/12"], gold=["từ ngày 01/12 đến ngày 31/12/2023"]),
    q("t-cross-binh-lang", "Tỉnh Bình Lãng có những kế hoạch nào (kể cả cấp huyện)?", CROSS, [BL, TH],
      must=["77/KH-UBND", "34/KH-UBND"], gold=["Ủy ban nhân dân tỉnh Bình Lãng về công tác dân số năm 2023"]),
    q("t-none-th-2024", "Tân Hòa đặt chỉ tiêu sàng lọc sơ sinh năm 2024 là bao nhiêu?", NONE, [], status="not_found",
      variant=["near_miss"]),
]

SINGLE: list[list[dict[str, Any]]] = [PDF_ITEMS, MORE_ITEMS,
    OWNER_ITEMS, BODY_ITEMS, TARGET_ITEMS, TEXT_ITEMS, COUNT_ITEMS, DUTY_ITEMS, DEADLINE_ITEMS, BUDGET_ITEMS,
    LIST_ITEMS, SUMMARY_ITEMS, META_ITEMS, FREE_ITEMS, CROSS_ITEMS, MULTI_ITEMS, NONE_ITEMS,
]
