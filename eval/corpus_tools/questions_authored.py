"""Dev questions on the plans authored for the eval (eval/corpus/101_… to 105_…).

Written by reading the sources in eval/corpus/sources/; every gold passage is verbatim there
(tests/test_eval_dataset.py checks it). These documents are dev documents: look at their failures
freely. The held-out documents and their questions live in eval/heldout/ and are not for rule
developers.
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
    NONE,
    OWN,
    SUMMARY,
    TARGET,
    TEXT,
    num,
    pct,
    q,
)

TK = "101_tan_khe_phong_chong_thien_tai.pdf"  # xã Tân Khê (scan), disaster prevention 2024
HL = "102_ha_lang_binh_dang_gioi.doc"  # huyện Hà Lãng (.doc), gender equality 2021-2025
HM = "103_hai_lam_chuyen_doi_so.txt"  # tỉnh Hải Lâm (portal copy, post-2025), digital transformation
LG = "104_lam_giang_suc_khoe.xlsx"  # tỉnh Lam Giang (xlsx assignment table), health 2024-2030
DV = "105_dong_van_moi_truong.txt"  # huyện Đồng Vân (TCVN3), rural environment 2023
HP = "106_hoa_phu_pho_cap_giao_duc.html"  # phường Hòa Phú, tỉnh Hải Lâm (portal HTML, post-2025), education 2026

TK_BCH = "Ban Chỉ huy phòng, chống thiên tai và tìm kiếm cứu nạn xã"
TK_QS = "Ban Chỉ huy Quân sự xã"
TK_DC = "Công chức Địa chính - Nông nghiệp - Xây dựng và Môi trường"
HL_LD = "Phòng Lao động - Thương binh và Xã hội"
HL_NV = "Phòng Nội vụ"
HL_VP = "Văn phòng HĐND và UBND huyện"
HL_TC = "Phòng Tài chính - Kế hoạch"
HL_TTYT = "Trung tâm Y tế huyện"
HL_GD = "Phòng Giáo dục và Đào tạo"
HL_PN = "Hội Liên hiệp Phụ nữ huyện"
HM_KH = "Sở Khoa học và Công nghệ"
HM_VP = "Văn phòng Ủy ban nhân dân tỉnh"
HM_NV = "Sở Nội vụ"
HM_NM = "Sở Nông nghiệp và Môi trường"
HM_CA = "Công an tỉnh"
HM_XA = "Ủy ban nhân dân các xã, phường"
LG_YT = "Sở Y tế"
LG_GD = "Sở Giáo dục và Đào tạo"
LG_BH = "Bảo hiểm xã hội tỉnh"
LG_VH = "Sở Văn hóa, Thể thao và Du lịch"
LG_NN = "Sở Nông nghiệp và Phát triển nông thôn"
LG_TN = "Sở Tài nguyên và Môi trường"
LG_HUYEN = "UBND các huyện, thành phố"
DV_TN = "Phòng Tài nguyên và Môi trường"
DV_NN = "Phòng Nông nghiệp và Phát triển nông thôn"
DV_PN = "Hội Liên hiệp Phụ nữ huyện"
DV_DOAN = "Huyện đoàn"
DV_XA = "Ủy ban nhân dân các xã"

TK_BCH_TXT = "Chủ trì thực hiện chỉ tiêu 1 và chỉ tiêu 5"
TK_QS_TXT = "Chủ trì thực hiện chỉ tiêu 4 và phối hợp thực hiện chỉ tiêu 1"
TK_DC_TXT = "Chủ trì, phối hợp với Trưởng các thôn thực hiện chỉ tiêu 2"
HL_LD_TXT = "Chủ trì thực hiện chỉ tiêu 3 và chỉ tiêu 6, phối hợp với Phòng Tài chính - Kế hoạch thực hiện chỉ tiêu 4"
HL_NV_TXT = "Chủ trì, phối hợp với Ban Tổ chức Huyện ủy thực hiện chỉ tiêu 2; phối hợp thực hiện chỉ tiêu 1"
HL_TTYT_TXT = "Chủ trì thực hiện chỉ tiêu 7 và phối hợp với Phòng Lao động - Thương binh và Xã hội thực hiện chỉ tiêu 6"
HL_PN_TXT = "Đề nghị Hội Liên hiệp Phụ nữ huyện chủ trì thực hiện chỉ tiêu 5, phối hợp thực hiện chỉ tiêu 6"
HM_KH_TXT = "Chủ trì thực hiện chỉ tiêu 3 và chỉ tiêu 5; chủ trì, phối hợp với Công an tỉnh thực hiện chỉ tiêu 4"
HM_VP_TXT = "Chủ trì thực hiện chỉ tiêu 1, phối hợp với Sở Khoa học và Công nghệ thực hiện chỉ tiêu 3"
HM_NV_TXT = "Chủ trì thực hiện chỉ tiêu 7 và phối hợp thực hiện chỉ tiêu 2"
DV_TN_TXT = "chủ trì thực hiện chỉ tiêu 1 và chỉ tiêu 2"
DV_NN_TXT = "Chủ trì thực hiện chỉ tiêu 3 và chỉ tiêu 4, phối hợp với Hạt Kiểm lâm huyện thực hiện chỉ tiêu 4"
DV_PN_TXT = "Đề nghị chủ trì vận động hội viên thực hiện chỉ tiêu 2; phối hợp thực hiện chỉ tiêu 5"
GOALS = "MỤC TIÊU"
BUDGET_SEC = "KINH PHÍ"
REPORT_SEC = "BÁO CÁO"

OWNER_ITEMS = [
    q("own-tk-1", "Xã Tân Khê: chỉ tiêu 1 do đơn vị nào chủ trì?", OWN, [TK], variant=["scan", "lead_support"],
      leads=[TK_BCH], supports=[TK_QS], indicator=1, must=["Ban Chỉ huy phòng, chống thiên tai"],
      sections=[ASSIGN], gold=[TK_BCH_TXT, TK_QS_TXT]),
    q("own-tk-4-nodiac", "xa tan khe chi tieu 4 do ai chu tri", OWN, [TK], variant=["scan", "no_diacritics"],
      leads=[TK_QS], supports=[], indicator=4, must=["Ban Chỉ huy Quân sự xã"], sections=[ASSIGN], gold=[TK_QS_TXT]),
    q("own-tk-2", "Ở xã Tân Khê, ai chủ trì chỉ tiêu thông tin, cảnh báo cho hộ dân vùng sạt lở?", OWN, [TK],
      variant=["scan", "topic", "clause"], leads=[TK_DC], indicator=2, must=["Địa chính"], sections=[ASSIGN],
      gold=[TK_DC_TXT, "vùng có nguy cơ sạt lở đất, lũ quét được thông tin, cảnh báo kịp thời"]),
    q("own-hl-4", "Huyện Hà Lãng: chỉ tiêu 4 do cơ quan nào chủ trì, cơ quan nào phối hợp?", OWN, [HL],
      variant=["doc", "clause", "lead_support"], leads=[HL_TC], supports=[HL_LD], indicator=4,
      must=["Phòng Tài chính - Kế hoạch"], sections=[ASSIGN], gold=["Chủ trì thực hiện chỉ tiêu 4", HL_LD_TXT]),
    q("own-hl-6", "Chỉ tiêu 6 của huyện Hà Lãng ai chủ trì?", OWN, [HL], variant=["clause", "lead_support"],
      leads=[HL_LD], supports=[HL_TTYT, HL_PN], indicator=6, must=["body:Phòng Lao động - Thương binh và Xã hội"],
      must_not=["re:trung tam y te huyen chu tri"], sections=[ASSIGN], gold=[HL_LD_TXT, HL_TTYT_TXT, HL_PN_TXT]),
    q("own-hl-2", "Hà Lãng: ai chủ trì chỉ tiêu về lãnh đạo chủ chốt là nữ ở cơ quan chuyên môn?", OWN, [HL],
      variant=["topic", "clause"], leads=[HL_NV], supports=["Ban Tổ chức Huyện ủy"], indicator=2,
      must=["Phòng Nội vụ"], sections=[ASSIGN], gold=[HL_NV_TXT]),
    q("own-hl-1-en", "Who leads indicator 1 (women in the district People's Council) in Ha Lang district?", OWN, [HL],
      lang="en", variant=["english", "no_diacritics", "clause"], leads=[HL_VP], supports=[HL_NV], indicator=1,
      must=["Văn phòng HĐND và UBND huyện"], sections=[ASSIGN], gold=["Chủ trì thực hiện chỉ tiêu 1.", HL_NV_TXT]),
    q("own-hl-5", "Chỉ tiêu 5 của Hà Lãng (việc nội trợ không được trả công) do ai chủ trì?", OWN, [HL],
      variant=["clause"], leads=[HL_PN], supports=[], indicator=5, must=["body:Hội Liên hiệp Phụ nữ huyện"],
      sections=[ASSIGN], gold=[HL_PN_TXT]),
    q("own-hm-4", "Tỉnh Hải Lâm: chỉ tiêu 4 về định danh điện tử do cơ quan nào chủ trì?", OWN, [HM],
      variant=["portal", "clause", "post2025"], leads=[HM_KH], supports=[HM_CA], indicator=4,
      must=["Sở Khoa học và Công nghệ"], sections=[ASSIGN], gold=[HM_KH_TXT]),
    q("own-hm-6", "Hải Lâm chỉ tiêu 6 giao cho sở nào?", OWN, [HM], variant=["portal", "post2025"],
      leads=[HM_NM], supports=[], indicator=6, must=["Sở Nông nghiệp và Môi trường"], sections=[ASSIGN],
      gold=["Chủ trì thực hiện chỉ tiêu 6."]),
    q("own-hm-3", "Ai chủ trì chỉ tiêu 3 của kế hoạch chuyển đổi số tỉnh Hải Lâm?", OWN, [HM],
      variant=["portal", "clause", "lead_support"], leads=[HM_KH], supports=[HM_VP], indicator=3,
      must=["Sở Khoa học và Công nghệ"], must_not=["re:van phong uy ban nhan dan tinh chu tri thuc hien chi tieu 3"],
      sections=[ASSIGN], gold=[HM_KH_TXT, HM_VP_TXT]),
    q("own-hm-7-typo", "hai lam chỉ tieu 7 do cơ quan nao chu tri vay", OWN, [HM], variant=["typo", "no_diacritics"],
      leads=[HM_NV], indicator=7, must=["Sở Nội vụ"], sections=[ASSIGN], gold=[HM_NV_TXT]),
    q("own-lg-6", "Lam Giang: chỉ tiêu 6 về bảo hiểm y tế do cơ quan nào chủ trì?", OWN, [LG],
      variant=["xlsx", "table"], leads=[LG_BH], supports=["Sở Lao động - Thương binh và Xã hội", LG_HUYEN],
      indicator=6, must=["Bảo hiểm xã hội tỉnh"], gold=["Tỷ lệ người dân tham gia bảo hiểm y tế"]),
    q("own-lg-8-en", "Who is responsible for indicator 8 (clean water) in Lam Giang's health plan?", OWN, [LG],
      lang="en", variant=["english", "no_diacritics", "xlsx", "table"], leads=[LG_NN], supports=[LG_TN, LG_YT],
      indicator=8, must=["Sở Nông nghiệp và Phát triển nông thôn"],
      gold=["Tỷ lệ dân cư nông thôn sử dụng nước sạch đạt quy chuẩn"]),
    q("own-lg-5", "Chỉ tiêu bữa ăn học đường ở Lam Giang do sở nào chủ trì?", OWN, [LG], variant=["xlsx", "topic"],
      leads=[LG_GD], supports=[LG_YT], indicator=5, must=["Sở Giáo dục và Đào tạo"],
      gold=["Tỷ lệ trường học thực hiện bữa ăn học đường đủ dinh dưỡng"]),
    q("own-dv-4", "Huyện Đồng Vân: chỉ tiêu 4 trồng rừng do ai chủ trì, ai phối hợp?", OWN, [DV],
      variant=["tcvn3", "clause", "lead_support"], leads=[DV_NN], supports=["Hạt Kiểm lâm huyện"], indicator=4,
      must=["Phòng Nông nghiệp và Phát triển nông thôn", "Hạt Kiểm lâm"], sections=[ASSIGN], gold=[DV_NN_TXT]),
    q("own-dv-2", "Đồng Vân: chỉ tiêu 2 phân loại rác tại nguồn giao cho những cơ quan nào chủ trì?", OWN, [DV],
      variant=["tcvn3", "clause"], leads=[DV_TN, DV_PN], supports=[DV_XA], indicator=2,
      must=["Phòng Tài nguyên và Môi trường", "body:Hội Liên hiệp Phụ nữ huyện"], sections=[ASSIGN],
      gold=[DV_TN_TXT, DV_PN_TXT]),
    q("own-dv-5-nodiac", "dong van chi tieu 5 do ai chu tri", OWN, [DV], variant=["tcvn3", "no_diacritics"],
      leads=[DV_DOAN], supports=[DV_PN, DV_XA], indicator=5, must=["Huyện đoàn"], sections=[ASSIGN],
      gold=["Chủ trì thực hiện chỉ tiêu 5.", DV_PN_TXT]),
]

BODY_ITEMS = [
    q("body-hl-ld", "Phòng Lao động - Thương binh và Xã hội huyện Hà Lãng chủ trì những chỉ tiêu nào?", BODY, [HL],
      variant=["doc", "clause"], indicators=[3, 6], must=[num(3), num(6)], must_not=["re:chu tri[^.;]*chi tieu 4"],
      sections=[ASSIGN], gold=[HL_LD_TXT]),
    q("body-hl-ttyt", "Trung tâm Y tế huyện Hà Lãng được giao chỉ tiêu nào?", BODY, [HL], variant=["clause"],
      must=[num(7), num(6)], sections=[ASSIGN], gold=[HL_TTYT_TXT]),
    q("body-hm-kh", "Sở Khoa học và Công nghệ tỉnh Hải Lâm chủ trì các chỉ tiêu nào?", BODY, [HM],
      variant=["portal", "post2025"], indicators=[3, 4, 5], must=[num(3), num(4), num(5)], sections=[ASSIGN],
      gold=[HM_KH_TXT]),
    q("body-hm-nv-en", "Which indicators does the Department of Home Affairs (Sở Nội vụ) of Hai Lam handle?", BODY,
      [HM], lang="en", variant=["english", "post2025"], must=[num(7), num(2)], sections=[ASSIGN], gold=[HM_NV_TXT]),
    q("body-lg-yt", "Sở Y tế tỉnh Lam Giang chủ trì những chỉ tiêu nào?", BODY, [LG], variant=["xlsx", "table"],
      indicators=[1, 2, 3, 4], must=[num(1), num(2), num(3), num(4)], gold=["Tỷ lệ xã đạt Bộ tiêu chí quốc gia về y tế xã"]),
    q("body-lg-tn-nodiac", "so tai nguyen va moi truong lam giang chu tri chi tieu nao", BODY, [LG],
      variant=["xlsx", "no_diacritics"], indicators=[9], must=[num(9)],
      gold=["Tỷ lệ chất thải rắn y tế được thu gom, xử lý đạt quy chuẩn"]),
    q("body-dv-nn", "Phòng NN&PTNT huyện Đồng Vân chủ trì chỉ tiêu nào?", BODY, [DV],
      variant=["tcvn3", "abbreviation"], indicators=[3, 4], must=[num(3), num(4)], sections=[ASSIGN], gold=[DV_NN_TXT]),
    q("body-tk-qs", "Ban Chỉ huy Quân sự xã Tân Khê thực hiện những chỉ tiêu nào?", BODY, [TK],
      variant=["scan", "lead_support"], must=[num(4), num(1)], sections=[ASSIGN], gold=[TK_QS_TXT]),
]

TARGET_ITEMS = [
    q("tgt-tk-3", "Xã Tân Khê đặt mục tiêu bao nhiêu phần trăm học sinh được học kỹ năng phòng tránh đuối nước?",
      TARGET, [TK], variant=["scan"], indicator=3, must=[pct("80")],
      gold=["Ít nhất 80% học sinh tiểu học và trung học cơ sở"]),
    q("tgt-tk-4", "Đội xung kích phòng, chống thiên tai xã Tân Khê duy trì bao nhiêu thành viên?", TARGET, [TK],
      variant=["scan"], indicator=4, must=[num(45)], gold=["duy trì 45 thành viên"]),
    q("tgt-hl-1", "Hà Lãng: tỷ lệ nữ đại biểu HĐND huyện nhiệm kỳ 2021 - 2026 phấn đấu đạt bao nhiêu?", TARGET, [HL],
      variant=["doc", "abbreviation"], indicator=1, must=[pct("30")],
      gold=["Tỷ lệ nữ đại biểu Hội đồng nhân dân huyện nhiệm kỳ 2021 - 2026 đạt từ 30% trở lên"]),
    q("tgt-hl-7", "Tỷ số giới tính khi sinh của huyện Hà Lãng năm 2025 không vượt quá bao nhiêu?", TARGET, [HL],
      indicator=7, must=[num(111)], gold=["không vượt quá 111 trẻ sơ sinh trai/100 trẻ sơ sinh gái"]),
    q("tgt-hm-1-2030", "Hải Lâm: tỷ lệ hồ sơ thủ tục hành chính giải quyết trực tuyến toàn trình năm 2030?", TARGET,
      [HM], variant=["portal"], indicator=1, must=[pct("95")], gold=["đạt 80% vào năm 2026 và 95% vào năm 2030"]),
    q("tgt-hm-4-en", "What is Hai Lam's 2026 target for adults with level-2 electronic identification accounts?",
      TARGET, [HM], lang="en", variant=["english", "no_diacritics", "portal"], indicator=4, must=[pct("90")],
      gold=["có tài khoản định danh điện tử mức độ 2 đạt 90% vào năm 2026"]),
    q("tgt-lg-3-2030", "Lam Giang đặt mục tiêu bao nhiêu bác sĩ trên 10.000 dân vào năm 2030?", TARGET, [LG],
      variant=["xlsx", "table"], indicator=3, must=["15 bác sĩ"], gold=["15 bác sĩ"]),
    q("tgt-lg-4-2025", "Tỉnh Lam Giang: tỷ lệ suy dinh dưỡng thấp còi trẻ dưới 5 tuổi năm 2025?", TARGET, [LG],
      variant=["xlsx", "table"], indicator=4, must=[pct("19")], gold=["Dưới 19%"]),
    q("tgt-dv-1", "Đồng Vân năm 2023 đặt mục tiêu thu gom, xử lý bao nhiêu phần trăm chất thải rắn sinh hoạt nông thôn?",
      TARGET, [DV], variant=["tcvn3"], indicator=1, must=[pct("75")],
      gold=["sinh hoạt ở nông thôn được thu gom, xử lý đạt 75%"]),
    q("tgt-dv-4-nodiac", "dong van trong moi bao nhieu ha rung phong ho", TARGET, [DV],
      variant=["tcvn3", "no_diacritics"], indicator=4, must=[r"re:25\s*ha"], gold=["Trồng mới 25 ha rừng phòng hộ đầu nguồn"]),
]

TEXT_ITEMS = [
    q("txt-tk-5", "Chỉ tiêu 5 của xã Tân Khê là gì?", TEXT, [TK], variant=["scan"], indicator=5,
      must=["thiệt hại về người"], gold=["Không để xảy ra thiệt hại về người do chủ quan"]),
    q("txt-hm-2", "Chỉ tiêu 2 trong kế hoạch chuyển đổi số của Hải Lâm nói gì?", TEXT, [HM], variant=["portal"],
      indicator=2, must=["số hóa"], gold=["Trung tâm Phục vụ hành chính công cấp xã số hóa hồ sơ"]),
    q("txt-lg-7-en", "What is indicator 7 of the Lam Giang health plan about?", TEXT, [LG], lang="en",
      variant=["english", "no_diacritics", "xlsx"], indicator=7, must=["re:the duc|physical|exercis|sport"],
      gold=["Tỷ lệ người dân thường xuyên luyện tập thể dục, thể thao"]),
    q("txt-hl-8", "Chỉ tiêu 8 của Hà Lãng về giáo dục nói gì?", TEXT, [HL], indicator=8, must=["ngoại khóa"],
      gold=["lồng ghép nội dung bình đẳng giới trong hoạt động giáo dục ngoại khóa"]),
]

COUNT_ITEMS = [
    q("cnt-hl", "Kế hoạch bình đẳng giới của huyện Hà Lãng có bao nhiêu chỉ tiêu?", COUNT, [HL], variant=["doc"],
      must=[num(8)], gold=["Chỉ tiêu 8:"]),
    q("cnt-lg", "Phụ lục kế hoạch sức khỏe tỉnh Lam Giang có mấy chỉ tiêu?", COUNT, [LG], variant=["xlsx"],
      must=[num(9)], gold=["Tỷ lệ chất thải rắn y tế được thu gom, xử lý đạt quy chuẩn"]),
    q("cnt-hl-goals-en", "How many goals (mục tiêu) does the Ha Lang gender equality plan set?", COUNT, [HL],
      lang="en", variant=["english", "no_diacritics"], must=[num(4)], gold=["Mục tiêu 4: Bảo đảm bình đẳng giới"]),
]

DUTY_ITEMS = [
    q("duty-tk-yt", "Trạm Y tế xã Tân Khê có nhiệm vụ gì trong kế hoạch phòng, chống thiên tai?", DUTY, [TK],
      variant=["scan"], must=["thuốc", "sơ cứu"], sections=[ASSIGN], gold=["Chuẩn bị cơ số thuốc, vật tư y tế"]),
    q("duty-tk-ca", "Công an xã Tân Khê làm gì theo kế hoạch năm 2024?", DUTY, [TK], variant=["scan"],
      must=["an ninh trật tự"], sections=[ASSIGN], gold=["bảo đảm an ninh trật tự tại khu vực sơ tán dân"]),
    q("duty-hl-xa", "Ủy ban nhân dân các xã, thị trấn của huyện Hà Lãng có trách nhiệm gì?", DUTY, [HL],
      must=["kinh phí", "cán bộ"], sections=[ASSIGN],
      gold=["Xây dựng kế hoạch thực hiện trên địa bàn; bố trí kinh phí và cán bộ làm công tác bình đẳng giới"]),
    q("duty-hm-tc", "Nhiệm vụ của Sở Tài chính tỉnh Hải Lâm trong kế hoạch chuyển đổi số?", DUTY, [HM],
      variant=["portal", "post2025"], must=["thẩm định"], sections=[ASSIGN],
      gold=["chủ trì thẩm định các dự án công nghệ thông tin"]),
    q("duty-hm-ca-en", "What must the provincial police (Công an tỉnh) of Hai Lam do under the digital plan?", DUTY,
      [HM], lang="en", variant=["english", "no_diacritics", "portal"], must=["an ninh mạng"], sections=[ASSIGN],
      gold=["bảo đảm an ninh mạng cho các hệ thống thông tin của tỉnh"]),
    q("duty-dv-xa-nodiac", "ubnd cac xa huyen dong van co nhiem vu gi", DUTY, [DV], variant=["tcvn3", "no_diacritics"],
      must=["ngân sách xã"], sections=[ASSIGN], gold=["bố trí ngân sách xã theo Kế hoạch"]),
    q("duty-hl-tc-typo", "phòng tài chín - kế hoạch Hà Lãng có nhiệm vụ j", DUTY, [HL], variant=["typo"],
      must=["kinh phí"], sections=[ASSIGN], gold=["tham mưu bố trí kinh phí thực hiện Kế hoạch"]),
]

DEADLINE_ITEMS = [
    q("dl-tk-6m", "Xã Tân Khê: báo cáo 6 tháng gửi trước ngày nào?", DEADLINE, [TK], variant=["scan"],
      must=[r"re:10/0?6"], sections=[REPORT_SEC], gold=["báo cáo 6 tháng trước ngày 10/6/2024"]),
    q("dl-tk-year-en", "When is the annual report of Tan Khe commune due?", DEADLINE, [TK], lang="en",
      variant=["english", "no_diacritics", "scan"], must=[r"re:20/11"], gold=["báo cáo năm trước ngày 20/11/2024"]),
    q("dl-hl", "Hà Lãng: các cơ quan gửi báo cáo kết quả thực hiện bình đẳng giới trước ngày nào, gửi ai?",
      DEADLINE, [HL], variant=["doc"], must=[r"re:0?5 thang 12|0?5/12", "body:Phòng Lao động - Thương binh và Xã hội"],
      sections=[REPORT_SEC], gold=["gửi Phòng Lao động - Thương binh và Xã hội trước ngày 05 tháng 12 hằng năm"]),
    q("dl-hm", "Hải Lâm: báo cáo định kỳ 6 tháng và hằng năm về chuyển đổi số gửi trước ngày nào?", DEADLINE, [HM],
      variant=["portal"], must=["15/6", "15/11"], sections=[REPORT_SEC],
      gold=["báo cáo định kỳ 6 tháng (trước ngày 15/6) và hằng năm (trước ngày 15/11)"]),
    q("dl-lg-5", "Lam Giang: thời hạn báo cáo chỉ tiêu bữa ăn học đường là khi nào?", DEADLINE, [LG],
      variant=["xlsx", "table"], must=["30/6"], gold=["Trước ngày 30/6 hằng năm"]),
    q("dl-dv-nodiac", "dong van bao cao ket qua bao ve moi truong truoc ngay nao", DEADLINE, [DV],
      variant=["tcvn3", "no_diacritics"], must=["25/11"], gold=["trước ngày 25/11/2023"]),
]

BUDGET_ITEMS = [
    q("bud-tk", "Ngân sách xã Tân Khê bố trí tối thiểu bao nhiêu cho phòng, chống thiên tai năm 2024?", BUDGET, [TK],
      variant=["scan"], must=["50 triệu"], sections=[BUDGET_SEC], gold=["tối thiểu 50 triệu đồng"]),
    q("bud-hl-xa", "Hà Lãng: mỗi xã, thị trấn phải bố trí tối thiểu bao nhiêu kinh phí cho bình đẳng giới?", BUDGET,
      [HL], variant=["doc"], must=["10 triệu"], sections=[BUDGET_SEC],
      gold=["mỗi xã, thị trấn bố trí tối thiểu 10 triệu đồng/năm"]),
    q("bud-hl-huyen-en", "What is the minimum yearly budget of Ha Lang district for gender equality?", BUDGET, [HL],
      lang="en", variant=["english", "no_diacritics"], must=["120 triệu"],
      gold=["Ngân sách huyện bố trí tối thiểu 120 triệu đồng/năm"]),
    q("bud-hm-total", "Tổng kinh phí kế hoạch chuyển đổi số tỉnh Hải Lâm giai đoạn 2025 - 2030 là bao nhiêu?", BUDGET,
      [HM], variant=["portal"], must=["650 tỷ"], sections=[BUDGET_SEC], gold=["là 650 tỷ đồng"]),
    q("bud-dv", "Đồng Vân: ngân sách xã đóng góp bao nhiêu cho kế hoạch môi trường năm 2023?", BUDGET, [DV],
      variant=["tcvn3"], must=["450 triệu"], gold=["ngân sách xã 450 triệu đồng"]),
    q("bud-hm-xa-typo", "hải lâm ngan sach cấp xa góp bao nhieu cho chuyển đổi số", BUDGET, [HM],
      variant=["typo", "no_diacritics"], must=["70 tỷ"], gold=["ngân sách cấp xã 70 tỷ đồng"]),
]

LIST_ITEMS = [
    q("list-hm-indicators", "Kế hoạch chuyển đổi số của tỉnh Hải Lâm có những chỉ tiêu nào?", LIST, [HM],
      variant=["portal"], must=[], list_items=["trực tuyến toàn trình", "số hóa hồ sơ", "chữ ký số",
                                                 "định danh điện tử", "cáp quang", "dữ liệu đất đai", "kỹ năng số"],
      sections=[GOALS], gold=["Chỉ tiêu 7: Tỷ lệ cán bộ, công chức cấp xã được bồi dưỡng kỹ năng số"]),
    q("list-dv-sources", "Kinh phí kế hoạch môi trường của huyện Đồng Vân lấy từ những nguồn nào?", LIST, [DV],
      variant=["tcvn3"], list_items=["ngân sách huyện", "ngân sách xã", "xã hội hóa"], gold=[
          "ngân sách huyện 1.200 triệu đồng, ngân sách xã 450 triệu đồng, nguồn xã hội hóa 200 triệu đồng"]),
    q("list-hl-tasks", "Hà Lãng có những nhiệm vụ, giải pháp nào để thực hiện bình đẳng giới?", LIST, [HL],
      list_items=["lãnh đạo, chỉ đạo", "truyền thông", "tập huấn"], sections=["NHIỆM VỤ"],
      gold=["Đẩy mạnh truyền thông nhằm thay đổi nhận thức"]),
    q("list-tk-indicators-en", "List the indicators of the Tan Khe commune disaster plan.", LIST, [TK], lang="en",
      variant=["english", "no_diacritics", "scan"],
      list_items=["phương án ứng phó", "cảnh báo", "đuối nước", "45 thành viên", "thiệt hại về người"],
      gold=["Chỉ tiêu 4: Đội xung kích phòng, chống thiên tai của xã duy trì 45 thành viên"]),
    q("list-lg-yt-supports", "Những cơ quan nào phối hợp với Sở Y tế Lam Giang trong các chỉ tiêu về y tế cơ sở?", LIST,
      [LG], variant=["xlsx"], list_items=["body:UBND các huyện, thành phố", "Sở Thông tin và Truyền thông",
                                          "Bảo hiểm xã hội tỉnh", "Sở Nội vụ", "Trường Cao đẳng Y tế"],
      gold=["Sở Nội vụ; Trường Cao đẳng Y tế Lam Giang"]),
    q("list-hm-recipients", "Kế hoạch 215/KH-UBND của Hải Lâm gửi đến những nơi nào (nơi nhận)?", LIST, [HM],
      variant=["portal"], list_items=["Bộ Khoa học và Công nghệ", "Tỉnh ủy", "các sở, ban, ngành",
                                      "body:UBND các xã, phường"], gold=["Bộ Khoa học và Công nghệ;"]),
]

SUMMARY_ITEMS = [
    q("sum-hl", "Tóm tắt kế hoạch bình đẳng giới của huyện Hà Lãng", SUMMARY, [HL], variant=["doc"],
      must=["142/KH-UBND", "re:2021 - 2025", "re:8 chi tieu|chi tieu 8"],
      gold=["Thực hiện Chiến lược quốc gia về bình đẳng giới trên địa bàn huyện Hà Lãng giai đoạn 2021 - 2025"]),
    q("sum-hm-en", "Summarize the Hai Lam digital transformation plan", SUMMARY, [HM], lang="en",
      variant=["english", "no_diacritics", "portal"], must=["215/KH-UBND", "Sở Khoa học và Công nghệ", "650 tỷ"],
      gold=["Chuyển đổi số, phát triển chính quyền số tỉnh Hải Lâm giai đoạn 2025 - 2030"]),
    q("sum-tk", "Tóm tắt kế hoạch phòng, chống thiên tai năm 2024 của xã Tân Khê", SUMMARY, [TK], variant=["scan"],
      must=["18/KH-UBND", "re:5 chi tieu|chi tieu 5"], gold=["Phòng, chống thiên tai và tìm kiếm cứu nạn năm 2024"]),
    q("sum-dv-nodiac", "tom tat ke hoach bao ve moi truong huyen dong van", SUMMARY, [DV],
      variant=["tcvn3", "no_diacritics"], must=["45/KH-UBND", "1.850 triệu"],
      gold=["Bảo vệ môi trường nông thôn trên địa bàn huyện Đồng Vân năm 2023"]),
]

META_ITEMS = [
    q("meta-tk-signer", "Ai ký kế hoạch phòng, chống thiên tai của xã Tân Khê?", META, [TK], variant=["scan"],
      must=["Đinh Văn Khải"], gold=["Đinh Văn Khải"]),
    q("meta-hl-number", "Kế hoạch bình đẳng giới của huyện Hà Lãng số mấy, ban hành ngày nào?", META, [HL],
      variant=["doc"], must=["142/KH-UBND", r"re:20( thang |/)0?7( nam |/)2021|2021 - 0?7 - 20"],
      gold=["Số: 142/KH-UBND"]),
    q("meta-hm-signer-en", "Who signed Hai Lam's plan 215/KH-UBND and in what capacity?", META, [HM], lang="en",
      variant=["english", "no_diacritics", "portal"], must=["Trịnh Quốc Bảo", "re:pho chu tich|vice"],
      gold=["Trịnh Quốc Bảo"]),
    q("meta-hm-date", "Kế hoạch chuyển đổi số tỉnh Hải Lâm ban hành ngày nào?", META, [HM], variant=["portal"],
      must=[r"re:0?8( thang |/)0?9( nam |/)2025|2025 - 0?9 - 0?8"], gold=["ngày 08 tháng 9 năm 2025"]),
    q("meta-lg-plan", "Phụ lục phân công chỉ tiêu sức khỏe của Lam Giang kèm theo kế hoạch số mấy?", META, [LG],
      variant=["xlsx"], must=["96/KH-UBND"], gold=["Kèm theo Kế hoạch số 96/KH-UBND ngày 14 tháng 6 năm 2024"]),
    q("meta-dv-signer-nodiac", "ai ky ke hoach moi truong nam 2023 cua huyen dong van", META, [DV],
      variant=["tcvn3", "no_diacritics"], must=["Vi Thị Ngọc Lan"], gold=["Vi Thị Ngọc Lan"]),
    q("meta-tk-basis", "Kế hoạch của xã Tân Khê căn cứ vào kế hoạch nào của huyện Đồng Vân?", META, [TK],
      variant=["scan"], must=["27/KH-UBND"], gold=["Căn cứ Kế hoạch số 27/KH-UBND ngày 20 tháng 02 năm 2024"]),
    q("meta-hl-issuer", "Cơ quan nào ban hành Kế hoạch 142/KH-UBND về bình đẳng giới?", META, [HL], variant=["doc"],
      must=["Hà Lãng"], gold=["Ủy ban nhân dân huyện Hà Lãng ban hành Kế hoạch thực hiện"]),
]

FREE_ITEMS = [
    q("free-tk-motto", "Phương châm \"bốn tại chỗ\" trong kế hoạch của xã Tân Khê gồm những gì?", FREE, [TK],
      variant=["scan"], must=["chỉ huy tại chỗ", "hậu cần tại chỗ"],
      gold=["chỉ huy tại chỗ, lực lượng tại chỗ, phương tiện, vật tư tại chỗ và hậu cần tại chỗ"]),
    q("free-tk-radio", "Xã Tân Khê tuyên truyền phòng, chống thiên tai trên loa truyền thanh bao nhiêu lần mỗi tháng?",
      FREE, [TK], variant=["scan"], must=["02 lần"], gold=["tối thiểu 02 lần mỗi tháng trong mùa mưa bão"]),
    q("free-hl-training", "Hà Lãng tổ chức bao nhiêu lớp tập huấn về bình đẳng giới mỗi năm?", FREE, [HL],
      must=["02 lớp"], gold=["mỗi năm tổ chức ít nhất 02 lớp tập huấn"]),
    q("free-hm-goal", "Đến năm 2030 tỉnh Hải Lâm phấn đấu đứng nhóm bao nhiêu về chỉ số chuyển đổi số?", FREE, [HM],
      variant=["portal"], must=["nhóm 15"], gold=["đến năm 2030 tỉnh thuộc nhóm 15 tỉnh, thành phố dẫn đầu"]),
    q("free-dv-trucks", "Huyện Đồng Vân đầu tư bổ sung mấy xe thu gom rác?", FREE, [DV], variant=["tcvn3"],
      must=["04 xe"], gold=["Đầu tư bổ sung 04 xe thu gom rác"]),
    q("free-hm-footnote-en", "Are the budget figures of the Hai Lam digital plan final?", FREE, [HM], lang="en",
      variant=["english", "no_diacritics", "portal"], must=["re:du kien|dieu chinh|estimate|adjust"],
      gold=["Số liệu dự kiến, được điều chỉnh theo khả năng cân đối ngân sách hằng năm"]),
    q("free-hm-general-goal", "Mục tiêu chung của kế hoạch chuyển đổi số tỉnh Hải Lâm là gì?", FREE, [HM],
      variant=["portal"], must=["chính quyền số", "dựa trên dữ liệu"], sections=[GOALS],
      gold=["Xây dựng chính quyền số tỉnh Hải Lâm vận hành dựa trên dữ liệu"]),
]

CROSS_ITEMS = [
    q("cross-2030", "Những kế hoạch nào kéo dài đến năm 2030?", CROSS, ["000_c7b69bf84426735b.txt",
      "004_22ed4e2ed54b4f22.txt", "100_dong_lam_ke_hoach_tre_em.docx", HM, LG],
      must=["Cà Mau", "Điện Biên", "Đông Lâm", "Hải Lâm", "Lam Giang"], must_not=["Hà Lãng", "Hưng Yên"],
      gold=["Chuyển đổi số, phát triển chính quyền số tỉnh Hải Lâm giai đoạn 2025 - 2030"]),
    q("cross-commune", "Những kế hoạch nào là kế hoạch cấp xã, thị trấn?", CROSS, ["003_11ac71988528a06e.txt", TK],
      must=["Hà Trung", "Tân Khê"], must_not=["Hải Lâm"], gold=["XÃ TÂN KHÊ"]),
    q("cross-district-en", "Which plans were issued by a district People's Committee?", CROSS,
      ["100_dong_lam_ke_hoach_tre_em.docx", HL, DV], lang="en", variant=["english"],
      must=["Đông Lâm", "Hà Lãng", "Đồng Vân"], must_not=["Tân Khê"], gold=["HUYỆN HÀ LÃNG"]),
    q("cross-lam-giang", "Có những kế hoạch nào liên quan đến tỉnh Lam Giang?", CROSS, [LG, DV],
      must=["96/KH-UBND", "45/KH-UBND"], gold=["ỦY BAN NHÂN DÂN TỈNH LAM GIANG"]),
    q("cross-gender", "Kế hoạch nào về bình đẳng giới? Do ai ban hành?", CROSS, [HL], must=["Hà Lãng", "142/KH-UBND"],
      gold=["Thực hiện Chiến lược quốc gia về bình đẳng giới trên địa bàn huyện Hà Lãng giai đoạn 2021 - 2025"]),
    q("cross-birth-compare", "So sánh chỉ tiêu đăng ký khai sinh của Cà Mau và Điện Biên", CROSS,
      ["000_c7b69bf84426735b.txt", "004_22ed4e2ed54b4f22.txt"], must=[pct("98,5"), pct("100"), "Cà Mau", "Điện Biên"],
      gold=["được đăng ký khai sinh đạt 98,5% vào năm 2025",
            "Duy trì tỷ lệ trẻ em dưới 5 tuổi được đăng ký khai sinh đạt 100% đến năm 2030"]),
    q("cross-tp-birth", "Tỉnh nào giao cho Sở Tư pháp chỉ tiêu về đăng ký khai sinh?", CROSS,
      ["000_c7b69bf84426735b.txt", "004_22ed4e2ed54b4f22.txt"], must=["Cà Mau", "Điện Biên"],
      gold=["Hướng dẫn, thực hiện chỉ tiêu 14", "thực hiện chỉ tiêu 19 của Chương trình"]),
    q("cross-sotn-nodiac", "nhung ke hoach nao co chi tieu ve nuoc sach", CROSS, [LG], variant=["no_diacritics"],
      must=["Lam Giang"], gold=["Tỷ lệ dân cư nông thôn sử dụng nước sạch đạt quy chuẩn"]),
]

NONE_ITEMS = [
    q("none-hl-qh", "Hà Lãng đặt mục tiêu tỷ lệ nữ đại biểu Quốc hội là bao nhiêu?", NONE, [], status="not_found",
      variant=["near_miss"]),
    q("none-tk-9", "Chỉ tiêu 9 của xã Tân Khê do ai chủ trì?", NONE, [], status="not_found", variant=["near_miss"]),
    q("none-hm-2035", "Mục tiêu năm 2035 về hồ sơ trực tuyến toàn trình của Hải Lâm là bao nhiêu?", NONE, [],
      status="not_found", variant=["near_miss"]),
    q("none-lg-budget-en", "What is the total budget of the Lam Giang health plan?", NONE, [], lang="en",
      variant=["english", "no_diacritics", "near_miss"], status="not_found"),
    q("none-dv-2024", "Kế hoạch môi trường năm 2024 của huyện Đồng Vân giao chỉ tiêu 1 cho ai?", NONE, [],
      status="not_found", variant=["near_miss"]),
    q("none-tk-commune-police", "Xã Tân Khê bố trí bao nhiêu tiền cho Công an xã?", NONE, [], status="not_found",
      variant=["near_miss"]),
    q("none-hm-sotttt", "Sở Thông tin và Truyền thông tỉnh Hải Lâm chủ trì chỉ tiêu nào?", NONE, [],
      status="not_found", variant=["near_miss", "post2025"]),
    q("none-hl-signer-typo", "ai ky ke hoach binh dang gioi cua huyen Hà Lãnh nam 2019", NONE, [], status="not_found",
      variant=["typo", "near_miss"]),
]

FOLLOWUP_PAIRS = [
    (
        q("fu-hl-3", "Hà Lãng: chỉ tiêu 3 do cơ quan nào chủ trì?", FOLLOW, [HL], variant=["doc"],
          leads=[HL_LD], indicator=3, must=["body:Phòng Lao động - Thương binh và Xã hội"], sections=[ASSIGN],
          gold=[HL_LD_TXT]),
        q("fu-hl-3-then-4", "còn chỉ tiêu 4 thì sao?", FOLLOW, [HL], followup_of="fu-hl-3", leads=[HL_TC],
          supports=[HL_LD], indicator=4, must=["Phòng Tài chính - Kế hoạch"], sections=[ASSIGN],
          gold=["Chủ trì thực hiện chỉ tiêu 4", HL_LD_TXT]),
    ),
    (
        q("fu-lg-1", "Lam Giang: chỉ tiêu 1 về y tế xã đạt bao nhiêu vào năm 2025?", FOLLOW, [LG], variant=["xlsx"],
          indicator=1, must=[pct("95")], gold=["Tỷ lệ xã đạt Bộ tiêu chí quốc gia về y tế xã"]),
        q("fu-lg-1-then-2030", "năm 2030 thì sao?", FOLLOW, [LG], followup_of="fu-lg-1", indicator=1,
          must=[pct("100")], gold=["Tỷ lệ xã đạt Bộ tiêu chí quốc gia về y tế xã"]),
    ),
    (
        q("fu-tk-6m", "Xã Tân Khê báo cáo 6 tháng trước ngày nào?", FOLLOW, [TK], variant=["scan"],
          must=[r"re:10/0?6"], gold=["báo cáo 6 tháng trước ngày 10/6/2024"]),
        q("fu-tk-then-dv", "còn huyện Đồng Vân thì báo cáo trước ngày nào?", FOLLOW, [DV], followup_of="fu-tk-6m",
          variant=["tcvn3"], must=["25/11"], gold=["trước ngày 25/11/2023"]),
    ),
]

# Second batch: more questions for the intents with few items.
MORE_ITEMS = [
    q("sum-lg", "Tóm tắt phụ lục phân công chỉ tiêu sức khỏe của tỉnh Lam Giang", SUMMARY, [LG], variant=["xlsx"],
      must=["96/KH-UBND", "re:9 chi tieu|chi tieu 9"],
      gold=["PHÂN CÔNG THỰC HIỆN CÁC CHỈ TIÊU KẾ HOẠCH NÂNG CAO SỨC KHỎE NHÂN DÂN TỈNH LAM GIANG"]),
    q("sum-cm", "Tóm tắt Kế hoạch 51/KH-UBND của tỉnh Cà Mau", SUMMARY, ["000_c7b69bf84426735b.txt"],
      must=["51/KH-UBND", "re:24 chi tieu|chi tieu 24"], gold=["Chỉ tiêu 24:"]),
    q("sum-db-en", "Summarize Dien Bien's programme of action for children 2021-2030", SUMMARY,
      ["004_22ed4e2ed54b4f22.txt"], lang="en", variant=["english", "no_diacritics"],
      must=["re:333\\s*/\\s*qd", "re:29 chi tieu|chi tieu 29|29 indicators"], gold=["Chỉ tiêu 29:"]),
    q("list-hl-indicators", "Hà Lãng có những chỉ tiêu bình đẳng giới nào?", LIST, [HL], variant=["doc"],
      list_items=["nữ đại biểu", "lãnh đạo chủ chốt là nữ", "hưởng lương", "nữ giám đốc", "nội trợ",
                  "bạo lực trên cơ sở giới", "giới tính khi sinh", "ngoại khóa"], sections=[GOALS],
      gold=["Chỉ tiêu 4: Tỷ lệ nữ giám đốc, chủ doanh nghiệp, hợp tác xã đạt 27% vào năm 2025."]),
    q("list-dv-tasks", "Đồng Vân có những nhiệm vụ, giải pháp nào để bảo vệ môi trường nông thôn?", LIST, [DV],
      variant=["tcvn3"], list_items=["phân loại rác", "xe thu gom", "xử lý nghiêm"], sections=["NHIỆM VỤ"],
      gold=["Kiểm tra, xử lý nghiêm các cơ sở chăn nuôi"]),
    q("cross-digital", "Kế hoạch nào về chuyển đổi số? Giai đoạn nào?", CROSS, [HM], must=["Hải Lâm", "re:2025 - 2030"],
      gold=["Chuyển đổi số, phát triển chính quyền số tỉnh Hải Lâm giai đoạn 2025 - 2030"]),
    q("cross-noivu", "Sở Nội vụ được giao chỉ tiêu trong những kế hoạch nào?", CROSS, [HM, LG],
      must=["Hải Lâm", "Lam Giang"], gold=[HM_NV_TXT, "Sở Nội vụ; Trường Cao đẳng Y tế Lam Giang"]),
    q("duty-dv-tn", "Phòng Tài nguyên và Môi trường huyện Đồng Vân có nhiệm vụ gì?", DUTY, [DV], variant=["tcvn3"],
      must=["tổng hợp"], sections=[ASSIGN], gold=["tổng hợp kết quả, báo cáo"]),
    q("duty-tk-bch", "Ban Chỉ huy phòng, chống thiên tai và tìm kiếm cứu nạn xã Tân Khê có nhiệm vụ gì?", DUTY, [TK],
      variant=["scan"], must=["rà soát phương án"], sections=[ASSIGN],
      gold=["chỉ đạo các thôn rà soát phương án ứng phó thiên tai"]),
    q("dl-lg-where", "Lam Giang: cơ quan chủ trì gửi báo cáo kết quả thực hiện các chỉ tiêu sức khỏe về đâu?", DEADLINE,
      [LG], variant=["xlsx"], must=["Sở Y tế"], gold=["Cơ quan chủ trì gửi báo cáo kết quả thực hiện về Sở Y tế"]),
    q("dl-lg-1-nodiac", "lam giang han bao cao chi tieu 1 y te xa", DEADLINE, [LG], variant=["xlsx", "no_diacritics"],
      must=["15/12"], gold=["Trước ngày 15/12 hằng năm"]),
    q("none-lg-khcn", "Sở Khoa học và Công nghệ tỉnh Lam Giang chủ trì chỉ tiêu sức khỏe nào?", NONE, [],
      status="not_found", variant=["near_miss"]),
    q("none-hl-2030", "Hà Lãng: tỷ lệ lao động nữ làm công việc có hưởng lương năm 2030 là bao nhiêu?", NONE, [],
      status="not_found", variant=["near_miss"]),
]

HP_VHXH = "Phòng Văn hóa - Xã hội"
HP_VHXH_TXT = "Chủ trì thực hiện chỉ tiêu 4 và chỉ tiêu 5; phối hợp với các trường học thực hiện chỉ tiêu 1"
HTML_ITEMS = [
    q("own-hp-3", "Phường Hòa Phú: chỉ tiêu 3 do đơn vị nào chủ trì, ai phối hợp?", OWN, [HP],
      variant=["clause", "post2025"], leads=["Trường Trung học cơ sở Hòa Phú"], supports=["Đoàn Thanh niên phường"],
      indicator=3, must=["Trường Trung học cơ sở Hòa Phú", "Đoàn Thanh niên"], sections=[ASSIGN],
      gold=["Chủ trì, phối hợp với Đoàn Thanh niên phường thực hiện chỉ tiêu 3"]),
    q("own-hp-5-nodiac", "phuong hoa phu chi tieu 5 cap nhat ho so pho cap do ai chu tri", OWN, [HP],
      variant=["no_diacritics", "post2025"], leads=[HP_VHXH], supports=["Văn phòng HĐND và UBND phường"], indicator=5,
      must=["Phòng Văn hóa - Xã hội"], sections=[ASSIGN], gold=[HP_VHXH_TXT, "Phối hợp thực hiện chỉ tiêu 5"]),
    q("own-hp-1", "Hòa Phú: ai chủ trì chỉ tiêu phổ cập giáo dục mầm non cho trẻ 5 tuổi?", OWN, [HP],
      variant=["topic", "lead_support"], leads=["Trường Mầm non Hòa Phú"], supports=[HP_VHXH], indicator=1,
      must=["Trường Mầm non Hòa Phú"], sections=[ASSIGN], gold=["Chủ trì thực hiện chỉ tiêu 1.", HP_VHXH_TXT]),
    q("body-hp-vhxh-en", "Which indicators does the Culture and Social Affairs Office of Hoa Phu ward lead?", BODY,
      [HP], lang="en", variant=["english", "no_diacritics", "post2025"], indicators=[4, 5], must=[num(4), num(5)],
      sections=[ASSIGN], gold=[HP_VHXH_TXT]),
    q("tgt-hp-4", "Phường Hòa Phú đặt mục tiêu tỷ lệ người 15 - 60 tuổi biết chữ mức độ 2 là bao nhiêu?", TARGET, [HP],
      indicator=4, must=[pct("99")], gold=["Tỷ lệ người trong độ tuổi 15 - 60 biết chữ mức độ 2 đạt 99%"]),
    q("tgt-hp-1-typo", "hòa phú tỷ lệ trẻ 5 tủi đi học mẫu giáo năm 2026", TARGET, [HP], variant=["typo"],
      indicator=1, must=[pct("99,5")], gold=["tỷ lệ trẻ 5 tuổi đi học mẫu giáo đạt 99,5%"]),
    q("dl-hp", "Hòa Phú: các trường học báo cáo kết quả phổ cập giáo dục trước ngày nào?", DEADLINE, [HP],
      must=["15/10/2026"], sections=[REPORT_SEC], gold=["Phòng Văn hóa - Xã hội trước ngày 15/10/2026"]),
    q("bud-hp", "Ngân sách phường Hòa Phú bố trí bao nhiêu cho phổ cập giáo dục năm 2026?", BUDGET, [HP],
      must=["95 triệu"], sections=[BUDGET_SEC], gold=["Ngân sách phường bố trí 95 triệu đồng"]),
    q("meta-hp-signer", "Ai ký kế hoạch phổ cập giáo dục năm 2026 của phường Hòa Phú?", META, [HP],
      must=["Lê Thị Bích Ngọc"], gold=["Lê Thị Bích Ngọc"]),
    q("meta-hp-number-en", "What is the number of the Hoa Phu ward literacy plan and who issued it?", META, [HP],
      lang="en", variant=["english", "no_diacritics"], must=["12/KH-UBND", "Hòa Phú"], gold=["Số: 12/KH-UBND"]),
    q("duty-hp-kt", "Phòng Kinh tế, Hạ tầng và Đô thị phường Hòa Phú có nhiệm vụ gì?", DUTY, [HP],
      variant=["post2025"], must=["kinh phí"], sections=[ASSIGN], gold=["Tham mưu bố trí kinh phí thực hiện Kế hoạch."]),
    q("free-hp-classes", "Phường Hòa Phú mở mấy lớp xóa mù chữ, ở đâu?", FREE, [HP], must=["02 lớp", "Đông Hưng"],
      gold=["Mở 02 lớp xóa mù chữ cho người lớn tại khu phố Đông Hưng và khu phố Thạch Bàn"]),
    q("list-hp-indicators", "Kế hoạch phổ cập giáo dục của phường Hòa Phú có những chỉ tiêu nào?", LIST, [HP],
      list_items=["mầm non", "tiểu học", "trung học cơ sở", "biết chữ", "phần mềm"], sections=[GOALS],
      gold=["Chỉ tiêu 3: Tỷ lệ thanh thiếu niên 15 - 18 tuổi tốt nghiệp trung học cơ sở đạt 96%."]),
    q("none-hp-2027", "Phường Hòa Phú đặt mục tiêu biết chữ năm 2028 là bao nhiêu?", NONE, [], status="not_found",
      variant=["near_miss"]),
]

SINGLE: list[list[dict[str, Any]]] = [HTML_ITEMS, MORE_ITEMS,
    OWNER_ITEMS, BODY_ITEMS, TARGET_ITEMS, TEXT_ITEMS, COUNT_ITEMS, DUTY_ITEMS, DEADLINE_ITEMS, BUDGET_ITEMS,
    LIST_ITEMS, SUMMARY_ITEMS, META_ITEMS, FREE_ITEMS, CROSS_ITEMS, NONE_ITEMS,
]
