"""Source of the evaluation questions; writes eval/datasets/dev.jsonl and test.jsonl.

Every question here was written by reading the documents in eval/corpus. Each expectation says
what a correct answer must contain, which bodies lead or support, which documents it must cite
and short verbatim gold passages (checked against the documents by tests/test_eval_dataset.py).

The split is by document and fixed (see eval/README.md): questions here and in
questions_authored.py are about the dev documents in eval/corpus and form `dev`; the held-out test
questions are about the documents in eval/heldout and are written in eval/heldout/questions.py,
which rule developers never open. Tune only on dev.

    python -m eval.corpus_tools.build_dataset          # rewrite the two files
    python -m eval.corpus_tools.build_dataset --check  # fail if they are out of date
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from eval.corpus_tools import questions_authored
from eval.corpus_tools.qa import (
    ASSIGN,
    BODY,
    BUDGET,
    COUNT,
    DEADLINE,
    DUTY,
    FOLLOW,
    FREE,
    GOALS,
    META,
    MULTI,
    NONE,
    OWN,
    TARGET,
    TEXT,
    num,
    pct,
    q,
)
from eval.heldout import questions as heldout_questions

DATASETS = Path(__file__).resolve().parent.parent / "datasets"

CM = "000_c7b69bf84426735b.txt"  # Cà Mau, KH 51/KH-UBND, 2021-2030, 24 indicators
AG = "001_ff6a96fdf1fd35be.txt"  # An Giang, QĐ 535/QĐ-UBND, 2018, 6 numbered targets
HY = "002_b358cc7b2effbf0b.txt"  # Hưng Yên, KH 42/KH-UBND, 2022, no indicators
HT = "003_11ac71988528a06e.txt"  # thị trấn Hà Trung, KH 2024, bullet targets
DB = "004_22ed4e2ed54b4f22.txt"  # Điện Biên, QĐ 333/QĐ-UBND, 2021-2030, 29 indicators
DL = "100_dong_lam_ke_hoach_tre_em.docx"  # huyện Đông Lâm (synthetic), KH 87/KH-UBND, table

S_LD = "Sở Lao động - Thương binh và Xã hội"
S_YT = "Sở Y tế"
S_GD = "Sở Giáo dục và Đào tạo"
S_TP = "Sở Tư pháp"
S_VH = "Sở Văn hóa, Thể thao và Du lịch"
CA_T = "Công an tỉnh"
P_LD = "Phòng Lao động - Thương binh và Xã hội"
P_YT = "Phòng Y tế"
P_GD = "Phòng Giáo dục và Đào tạo"
P_TP = "Phòng Tư pháp"
P_VH = "Phòng Văn hóa và Thông tin"
TTYT = "Trung tâm Y tế huyện"
CA_H = "Công an huyện"
HLHPN = "Hội Liên hiệp Phụ nữ huyện"
HDOAN = "Huyện đoàn"
UBX = "Ủy ban nhân dân các xã, thị trấn"


# Gold passages reused by several questions (verbatim, modulo whitespace).
CM_LD_LIST = "các chỉ tiêu 1, 2, 3, 8, 9, 10, 11, 12, 22, 23, 24"
CM_YT_LIST = "các chỉ tiêu 3, 4, 5, 6 của Chương trình"
CM_GD_LIST = "các chỉ tiêu 7, 15, 16, 17, 18, 19, 20 của Chương trình"
CM_VH_LIST = "thực hiện chỉ tiêu 13, 21 của Chương trình"
CM_TP_14 = "Hướng dẫn, thực hiện chỉ tiêu 14"
CM_CA_9 = "đấu tranh phòng, chống tội phạm xâm hại trẻ em để thực hiện chỉ tiêu 9"
DB_LD_LIST = "các chỉ tiêu 1, 2, 13, 14, 16, 17, 25, 27, 28, 29"
DB_YT_LIST = "các chỉ tiêu 3, 4, 5, 6, 7, 8, 9,10,11,15"
DB_GD_LIST = "các chỉ tiêu 12, 20, 21, 22, 23, 24"
DB_VH_LIST = "thực hiện chỉ tiêu 18, 26 của Chương trình"
DB_TP_19 = "thực hiện chỉ tiêu 19 của Chương trình"
DB_CA_16 = "để thực hiện chỉ tiêu 16 của Chương trình"
DL_LD = "chủ trì thực hiện chỉ tiêu 1, 2 và từ 9 đến 10"
DL_TTYT = "Chủ trì thực hiện từ chỉ tiêu 3 đến chỉ tiêu 5"
DL_PYT = "Phối hợp thực hiện từ chỉ tiêu 3 đến chỉ tiêu 5"
DL_GD = "Chủ trì thực hiện các chỉ tiêu 6 - 8"
DL_TP = "Chủ trì thực hiện chỉ tiêu 11; phối hợp thực hiện chỉ tiêu 2"
DL_VH = "Chủ trì thực hiện chỉ tiêu 12; phối hợp thực hiện các chỉ tiêu 8, 9"
DL_CA = "Chủ trì thực hiện chỉ tiêu 13; phối hợp thực hiện chỉ tiêu 9 và chỉ tiêu 11"
DL_MASS = "Hội Liên hiệp Phụ nữ huyện phối hợp thực hiện chỉ tiêu 4"
DL_XA = "Phối hợp thực hiện các chỉ tiêu 1, 2, 6 và 12 trên địa bàn"

# Body patterns for answers: match the body however the answer writes it (full name or LĐ-TBXH).
B_LD = "body:Lao động - Thương binh và Xã hội"


OWNER_ITEMS = [
    q("own-cm-14", "Chỉ tiêu 14 của Cà Mau do cơ quan nào phụ trách?", OWN, [CM],
      leads=[S_TP], indicator=14, must=["Sở Tư pháp"], must_not=["Điện Biên"],
      sections=[ASSIGN], gold=[CM_TP_14]),
    q("own-cm-14-nodiac", "chi tieu 14 ca mau do ai phu trach", OWN, [CM], variant=["no_diacritics"],
      leads=[S_TP], indicator=14, must=["Sở Tư pháp"], must_not=["Điện Biên"],
      sections=[ASSIGN], gold=[CM_TP_14]),
    q("own-db-22-en", "who owns indicator 22 in Dien Bien?", OWN, [DB], lang="en",
      variant=["english", "no_diacritics"], leads=[S_GD], indicator=22,
      must=["body:Sở Giáo dục và Đào tạo"], must_not=["Cà Mau"], sections=[ASSIGN], gold=[DB_GD_LIST]),
    q("own-db-14", "Điện Biên: chỉ tiêu 14 do cơ quan nào chủ trì?", OWN, [DB],
      leads=[S_LD], indicator=14, must=[B_LD], must_not=["Cà Mau"],
      sections=[ASSIGN], gold=[DB_LD_LIST]),
    q("own-cm-9", "Cà Mau giao chỉ tiêu 9 cho những cơ quan nào?", OWN, [CM],
      leads=[S_LD, CA_T], indicator=9, must=[B_LD, "Công an tỉnh"],
      sections=[ASSIGN], gold=[CM_CA_9, CM_LD_LIST]),
    q("own-cm-3", "Chỉ tiêu 3 ở Cà Mau do sở nào thực hiện?", OWN, [CM],
      leads=[S_LD, S_YT], indicator=3, must=[B_LD, "Sở Y tế"],
      sections=[ASSIGN], gold=[CM_YT_LIST, CM_LD_LIST]),
    q("own-cm-topic-birth", "Ở Cà Mau, cơ quan nào chịu trách nhiệm chỉ tiêu về đăng ký khai sinh?", OWN,
      [CM], variant=["topic"], leads=[S_TP], indicator=14, must=["Sở Tư pháp"],
      sections=[ASSIGN], gold=[CM_TP_14, "được đăng ký khai sinh đạt 98,5% vào năm 2025"]),
    q("own-db-topic-child-marriage", "Cơ quan nào chủ trì chỉ tiêu về tảo hôn của tỉnh Điện Biên?", OWN,
      [DB], variant=["topic"], leads=[S_VH], indicator=18, must=["body:Sở Văn hóa, Thể thao và Du lịch"],
      sections=[ASSIGN], gold=[DB_VH_LIST, "Từng bước xóa bỏ tình trạng tảo hôn"]),
    q("own-db-19", "Chỉ tiêu 19 của Điện Biên ai chủ trì?", OWN, [DB],
      leads=[S_TP], indicator=19, must=["Sở Tư pháp"], sections=[ASSIGN], gold=[DB_TP_19]),
    q("own-db-16-en", "Who is responsible for indicator 16 in Điện Biên province?", OWN, [DB], lang="en",
      variant=["english"], leads=[S_LD, CA_T], indicator=16, must=[B_LD, "Công an tỉnh"],
      sections=[ASSIGN], gold=[DB_CA_16, DB_LD_LIST]),
    q("own-cm-21", "Cà Mau: chỉ tiêu 21 thuộc trách nhiệm của sở nào?", OWN, [CM],
      leads=[S_VH], indicator=21, must=["body:Sở Văn hóa, Thể thao và Du lịch"],
      sections=[ASSIGN], gold=[CM_VH_LIST]),
    q("own-cm-5-typo", "chỉ tiu 5 tỉnh Cà Mau do ai phụ trác", OWN, [CM], variant=["typo"],
      leads=[S_YT], indicator=5, must=["Sở Y tế"], sections=[ASSIGN], gold=[CM_YT_LIST]),
    q("own-db-topic-vaccine", "Điện Biên: sở nào chủ trì chỉ tiêu tiêm chủng cho trẻ em dưới 1 tuổi?", OWN,
      [DB], variant=["topic"], leads=[S_YT], indicator=9, must=["Sở Y tế"],
      sections=[ASSIGN], gold=[DB_YT_LIST, "được tiêm chủng đầy đủ 8 loại vắc xin"]),
    q("own-dl-4", "Huyện Đông Lâm: chỉ tiêu 4 do cơ quan nào chủ trì, cơ quan nào phối hợp?", OWN, [DL],
      variant=["table", "lead_support", "range"], leads=[TTYT], supports=[P_YT, HLHPN], indicator=4,
      must=["Trung tâm Y tế huyện", "Phòng Y tế", "body:Hội Liên hiệp Phụ nữ huyện"],
      sections=[ASSIGN], gold=[DL_TTYT, DL_MASS]),
    q("own-dl-10", "Chỉ tiêu 10 của huyện Đông Lâm do ai chủ trì?", OWN, [DL],
      variant=["range"], leads=[P_LD], supports=[HDOAN], indicator=10,
      must=["body:Phòng Lao động - Thương binh và Xã hội"], sections=[ASSIGN], gold=[DL_LD]),
    q("own-dl-7-nodiac", "chi tieu 7 huyen dong lam do phong nao chu tri", OWN, [DL],
      variant=["no_diacritics", "range"], leads=[P_GD], supports=[], indicator=7,
      must=["body:Phòng Giáo dục và Đào tạo"], sections=[ASSIGN], gold=[DL_GD]),
    q("own-dl-topic-birth", "Đông Lâm: chỉ tiêu đăng ký khai sinh do cơ quan nào chủ trì?", OWN, [DL],
      variant=["topic", "table"], leads=[P_TP], supports=[CA_H], indicator=11,
      must=["Phòng Tư pháp"], sections=[ASSIGN],
      gold=[DL_TP, "Tỷ lệ trẻ em dưới 5 tuổi được đăng ký khai sinh"]),
    q("own-dl-13-en", "Who leads indicator 13 in Dong Lam district?", OWN, [DL], lang="en",
      variant=["english", "no_diacritics", "lead_support"], leads=[CA_H], supports=[P_LD], indicator=13,
      must=["Công an huyện"], sections=[ASSIGN], gold=["Chủ trì thực hiện chỉ tiêu 13"]),
    q("own-cm-24", "Cà Mau: chỉ tiêu 24 do cơ quan nào phụ trách?", OWN, [CM],
      leads=[S_LD], indicator=24, must=[B_LD], sections=[ASSIGN], gold=[CM_LD_LIST]),
    q("own-cm-7-topic", "Chỉ tiêu công trình vệ sinh trong cơ sở giáo dục ở Cà Mau giao cho cơ quan nào?",
      OWN, [CM], variant=["topic"], leads=[S_GD], indicator=7, must=["body:Sở Giáo dục và Đào tạo"],
      sections=[ASSIGN], gold=[CM_GD_LIST, "Phấn đấu 100% cơ sở giáo dục cho trẻ em có công trình vệ sinh"]),
    q("own-db-26", "Điện Biên chỉ tiêu 26 ai chủ trì", OWN, [DB],
      leads=[S_VH], indicator=26, must=["body:Sở Văn hóa, Thể thao và Du lịch"],
      sections=[ASSIGN], gold=[DB_VH_LIST]),
    q("own-db-3-nodiac", "dien bien chi tieu 3 do so nao phu trach", OWN, [DB], variant=["no_diacritics"],
      leads=[S_YT], indicator=3, must=["Sở Y tế"], sections=[ASSIGN], gold=[DB_YT_LIST]),
    q("own-dl-3-lead-support", "Ở huyện Đông Lâm, Phòng Y tế có chủ trì chỉ tiêu 3 không?", OWN, [DL],
      variant=["lead_support", "range"], leads=[TTYT], supports=[P_YT], indicator=3,
      must=["Trung tâm Y tế huyện"], sections=[ASSIGN], gold=[DL_TTYT, DL_PYT]),
    q("own-cm-17-typo", "chỉ tiêu 17 Cà Mau do cơ quan nao phu trách vậy", OWN, [CM],
      variant=["typo", "no_diacritics"], leads=[S_GD], indicator=17, must=["body:Sở Giáo dục và Đào tạo"],
      sections=[ASSIGN], gold=[CM_GD_LIST]),
]

BODY_ITEMS = [
    q("body-cm-vh", "Sở Văn hóa, Thể thao và Du lịch Cà Mau phụ trách những chỉ tiêu nào?", BODY, [CM],
      indicators=[13, 21], must=[num(13), num(21)], sections=[ASSIGN], gold=[CM_VH_LIST]),
    q("body-cm-yt", "Sở Y tế Cà Mau phụ trách những chỉ tiêu nào?", BODY, [CM],
      indicators=[3, 4, 5, 6], must=[num(3), num(4), num(5), num(6)], sections=[ASSIGN], gold=[CM_YT_LIST]),
    q("body-db-gd", "Sở Giáo dục và Đào tạo tỉnh Điện Biên được giao các chỉ tiêu nào?", BODY, [DB],
      indicators=[12, 20, 21, 22, 23, 24], must=[num(n) for n in (12, 20, 21, 22, 23, 24)],
      sections=[ASSIGN], gold=[DB_GD_LIST]),
    q("body-db-yt-en", "Which indicators is the Department of Health (Sở Y tế) responsible for in Dien Bien?",
      BODY, [DB], lang="en", variant=["english"], indicators=[3, 4, 5, 6, 7, 8, 9, 10, 11, 15],
      must=[num(n) for n in (3, 4, 5, 6, 7, 8, 9, 10, 11, 15)], sections=[ASSIGN], gold=[DB_YT_LIST]),
    q("body-cm-ld-abbr", "Sở LĐTBXH Cà Mau phụ trách chỉ tiêu nào?", BODY, [CM], variant=["abbreviation"],
      indicators=[1, 2, 3, 8, 9, 10, 11, 12, 22, 23, 24],
      must=[num(n) for n in (1, 2, 3, 8, 9, 10, 11, 12, 22, 23, 24)], sections=[ASSIGN], gold=[CM_LD_LIST]),
    q("body-dl-gd-abbr", "Phòng GD&ĐT huyện Đông Lâm chủ trì những chỉ tiêu nào?", BODY, [DL],
      variant=["abbreviation", "range"], indicators=[6, 7, 8], must=[num(6), num(7), num(8)],
      sections=[ASSIGN], gold=[DL_GD]),
    q("body-dl-ld", "Phòng Lao động - Thương binh và Xã hội huyện Đông Lâm chủ trì chỉ tiêu nào?", BODY, [DL],
      variant=["range"], indicators=[1, 2, 9, 10], must=[num(1), num(2), num(9), num(10)],
      sections=[ASSIGN], gold=[DL_LD]),
    q("body-dl-ca-support", "Công an huyện Đông Lâm phối hợp thực hiện những chỉ tiêu nào?", BODY, [DL],
      variant=["lead_support"], indicators=[9, 11], must=[num(9), num(11)], sections=[ASSIGN], gold=[DL_CA]),
    q("body-cm-ca", "Công an tỉnh Cà Mau thực hiện chỉ tiêu nào?", BODY, [CM],
      indicators=[9], must=[num(9)], sections=[ASSIGN], gold=[CM_CA_9]),
    q("body-db-tp-nodiac", "so tu phap dien bien phu trach chi tieu nao", BODY, [DB], variant=["no_diacritics"],
      indicators=[19], must=[num(19)], sections=[ASSIGN], gold=[DB_TP_19]),
    q("body-dl-vh", "Phòng Văn hóa và Thông tin huyện Đông Lâm chủ trì và phối hợp những chỉ tiêu nào?", BODY,
      [DL], variant=["lead_support"], must=[num(12), num(8), num(9)], sections=[ASSIGN], gold=[DL_VH]),
    q("body-cm-tp", "Sở Tư pháp tỉnh Cà Mau được giao chỉ tiêu gì?", BODY, [CM],
      indicators=[14], must=[num(14)], sections=[ASSIGN], gold=[CM_TP_14]),
    q("body-dl-pyt-support-only", "Phòng Y tế huyện Đông Lâm chủ trì chỉ tiêu nào?", BODY, [DL],
      variant=["lead_support", "range"], must=[num(3), num(5), "phối hợp"], sections=[ASSIGN], gold=[DL_PYT]),
    q("body-db-vh-en", "Which indicators does the culture department of Dien Bien lead?", BODY, [DB],
      lang="en", variant=["english"], indicators=[18, 26], must=[num(18), num(26)],
      sections=[ASSIGN], gold=[DB_VH_LIST]),
]

TARGET_ITEMS = [
    q("tgt-cm-birth-2025", "Mục tiêu tỷ lệ trẻ em dưới 5 tuổi được đăng ký khai sinh của Cà Mau năm 2025 là bao nhiêu?",
      TARGET, [CM], indicator=14, must=[pct("98,5")], sections=[GOALS],
      gold=["được đăng ký khai sinh đạt 98,5% vào năm 2025"]),
    q("tgt-cm-vaccine-2030", "Cà Mau: tỷ lệ trẻ dưới 1 tuổi được tiêm chủng đầy đủ 8 loại vắc xin năm 2030?",
      TARGET, [CM], indicator=5, must=[pct("99")],
      gold=["được tiêm chủng đầy đủ 8 loại vắc xin đạt 97% vào năm 2025 và 99% vào năm 2030"]),
    q("tgt-db-childfriendly-2030",
      "Điện Biên đặt mục tiêu tỷ lệ xã, phường, thị trấn đạt tiêu chuẩn phù hợp với trẻ em năm 2030 là bao nhiêu?",
      TARGET, [DB], indicator=1, must=[pct("75")],
      gold=["Tỷ lệ xã, phường, thị trấn đạt tiêu chuẩn phù hợp với trẻ em đạt 65% vào năm 2025 và 75% vào năm 2030"]),
    q("tgt-cm-22-en", "What is the 2025 target of indicator 22 in Ca Mau?", TARGET, [CM], lang="en",
      variant=["english", "no_diacritics"], indicator=22, must=[pct("50")],
      gold=["Phấn đấu 50% trẻ em từ 07 tuổi trở lên được hỏi ý kiến"]),
    q("tgt-db-injury-2025", "Chỉ tiêu 15 của Điện Biên: tỷ suất trẻ em bị tai nạn thương tích năm 2025 là bao nhiêu?",
      TARGET, [DB], indicator=15, must=[r"re:550\s*/\s*100[.,]?000"],
      gold=["Giảm tỷ suất trẻ em bị tai nạn thương tích xuống 550/100.000 trẻ em vào năm 2025"]),
    q("tgt-db-hiv-2030", "Tỷ lệ lây truyền HIV từ mẹ sang con của Điện Biên đến năm 2030 là bao nhiêu?",
      TARGET, [DB], indicator=11, must=[pct("2")],
      gold=["Tỷ lệ lây truyền HIV từ mẹ sang con dưới 2% vào năm 2030"]),
    q("tgt-cm-hiv-2030", "Cà Mau: tỷ lệ lây truyền HIV từ mẹ sang con năm 2030?", TARGET, [CM],
      indicator=6, must=[pct("0,05")], gold=["lệ lây truyền HIV từ mẹ sang con là 0,05% vào năm 2030"]),
    q("tgt-dl-swim-2030", "Huyện Đông Lâm: chỉ tiêu trẻ em biết bơi an toàn năm 2030 là bao nhiêu?", TARGET,
      [DL], variant=["table"], indicator=8, must=[pct("70")],
      gold=["Tỷ lệ trẻ em từ 6 đến 15 tuổi biết bơi an toàn"]),
    q("tgt-dl-vaccine-nodiac", "dong lam ty le tiem chung day du 8 loai vac xin nam 2025", TARGET, [DL],
      variant=["no_diacritics", "table"], indicator=3, must=[pct("96")],
      gold=["Tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ 8 loại vắc xin"]),
    q("tgt-dl-u5-mortality", "Mục tiêu năm 2025 về tỷ suất tử vong trẻ em dưới 5 tuổi ở Đông Lâm?", TARGET,
      [DL], variant=["table"], indicator=5, must=[r"re:16\s*‰"],
      gold=["Tỷ suất tử vong trẻ em dưới 5 tuổi trên 1.000 trẻ đẻ sống"]),
    q("tgt-cm-kindergarten-2030", "Cà Mau: tỷ lệ huy động trẻ em 5 tuổi đi học mẫu giáo năm 2030?", TARGET,
      [CM], indicator=16, must=[r"re:99[,.]80?\s*%"],
      gold=["Tỷ lệ huy động trẻ em 5 tuổi đi học mẫu giáo đạt 99,50% vào năm 2025"]),
    q("tgt-db-lower-secondary-2025",
      "Điện Biên: tỷ lệ trẻ em hoàn thành cấp trung học cơ sở năm 2025 đạt bao nhiêu?", TARGET, [DB],
      indicator=23, must=[pct("99,8")],
      gold=["Tỷ lệ trẻ em hoàn thành cấp trung học cơ sở đạt 99,8% vào năm 2025"]),
    q("tgt-ag-special-2018",
      "An Giang năm 2018 đặt mục tiêu bao nhiêu phần trăm trẻ em có hoàn cảnh đặc biệt khó khăn được trợ giúp?",
      TARGET, [AG], must=[pct("85")], gold=["85% trẻ em có hoàn cảnh đặc biệt khó khăn được trợ giúp"]),
    q("tgt-ht-thcs-2024", "Thị trấn Hà Trung: tỷ lệ trẻ em hoàn thành chương trình THCS năm 2024?", TARGET,
      [HT], must=[pct("99,9")], gold=["Tỷ lệ trẻ em hoàn thành chương trình THCS đạt 99,9%"]),
    q("tgt-cm-stunting-en", "What is Ca Mau's 2025 target for stunting (height-for-age) among children under 5?",
      TARGET, [CM], lang="en", variant=["english", "no_diacritics"], indicator=4, must=[pct("19,3")],
      gold=["thể chiều cao theo tuổi xuống 19,3% vào năm 2025"]),
    q("tgt-cm-dropout-2030",
      "Cà Mau phấn đấu giảm tỷ lệ trẻ em bỏ học cấp trung học cơ sở xuống dưới bao nhiêu vào năm 2030?",
      TARGET, [CM], indicator=18, must=[pct("2")],
      gold=["giảm tỷ lệ trẻ em bỏ học cấp trung học cơ sở dưới 3% vào năm 2025 và dưới 2% vào năm 2030"]),
]

TEXT_ITEMS = [
    q("txt-db-14", "Chỉ tiêu 14 của Điện Biên nói gì?", TEXT, [DB], indicator=14,
      must=["hoàn cảnh đặc biệt", pct("93")],
      gold=["Tỷ lệ trẻ em có hoàn cảnh đặc biệt được chăm sóc, nuôi dưỡng, trợ giúp đạt 93%"]),
    q("txt-cm-13", "Nội dung chỉ tiêu 13 của Cà Mau là gì?", TEXT, [CM], indicator=13,
      must=["tảo hôn"], gold=["Phấn đấu không có trường hợp tảo hôn"]),
    q("txt-db-19-en", "What does indicator 19 of Dien Bien say?", TEXT, [DB], lang="en",
      variant=["english", "no_diacritics"], indicator=19, must=["re:khai sinh|birth regist"],
      gold=["Duy trì tỷ lệ trẻ em dưới 5 tuổi được đăng ký khai sinh đạt 100% đến năm 2030"]),
    q("txt-cm-12-nodiac", "chi tieu 12 ca mau la gi", TEXT, [CM], variant=["no_diacritics"], indicator=12,
      must=["thiên tai"], gold=["100% trẻ em gặp thiên tai, thảm họa được cứu trợ, hỗ trợ kịp thời"]),
    q("txt-dl-9", "Chỉ tiêu 9 của huyện Đông Lâm là chỉ tiêu gì?", TEXT, [DL], variant=["table"], indicator=9,
      must=["đuối nước"], gold=["Tỷ suất trẻ em bị tử vong do tai nạn thương tích, đuối nước"]),
    q("txt-cm-6", "Chỉ tiêu 6 của Cà Mau nói về vấn đề gì?", TEXT, [CM], indicator=6,
      must=["HIV"], gold=["lệ lây truyền HIV từ mẹ sang con là 0,05% vào năm 2030"]),
    q("txt-cm-1-en", "Indicator 1 in Ca Mau: what is it about?", TEXT, [CM], lang="en",
      variant=["english", "no_diacritics"], indicator=1, must=["re:phu hop voi tre em|child[- ]friendly"],
      gold=["tỷ lệ xã, phường, thị trấn đạt tiêu chuẩn phù hợp với trẻ em đạt 80%"]),
    q("txt-db-24", "Điện Biên chỉ tiêu 24 là gì?", TEXT, [DB], indicator=24,
      must=["tâm lý"], gold=["95% trường học có dịch vụ hỗ trợ tâm lý trẻ em vào năm 2025"]),
    q("txt-dl-12-typo", "chỉ tiêu 12 huyện Đông Lâm nói về nội dug gì", TEXT, [DL], variant=["typo", "table"],
      indicator=12, must=["vui chơi"], gold=["Tỷ lệ xã, thị trấn có điểm vui chơi, giải trí dành cho trẻ em"]),
]

COUNT_ITEMS = [
    q("cnt-cm", "Cà Mau có bao nhiêu chỉ tiêu?", COUNT, [CM], must=[num(24)], gold=["Chỉ tiêu 24:"]),
    q("cnt-db", "Chương trình hành động vì trẻ em Điện Biên giai đoạn 2021-2030 có bao nhiêu chỉ tiêu?", COUNT,
      [DB], must=[num(29)], must_not=[r"re:\b14 chi tieu"], gold=["Chỉ tiêu 29:"]),
    q("cnt-dl-en", "How many indicators does the Dong Lam district plan have?", COUNT, [DL], lang="en",
      variant=["english", "no_diacritics", "table"], must=[num(13)], gold=["Kế hoạch có 13 chỉ tiêu cụ thể"]),
    q("cnt-ag-targets", "Chương trình năm 2018 của An Giang có mấy mục tiêu cụ thể?", COUNT, [AG],
      must=[num(6)], gold=["II. Mục tiêu cụ thể:"]),
    q("cnt-cm-goal2", "Mục tiêu 2 về bảo vệ trẻ em của Cà Mau gồm bao nhiêu chỉ tiêu?", COUNT, [CM],
      must=[num(7)], gold=["tiêu 2: Về bảo vệ trẻ em"]),
    q("cnt-db-gd", "Sở Giáo dục và Đào tạo Điện Biên được giao bao nhiêu chỉ tiêu?", COUNT, [DB],
      must=[num(6)], sections=[ASSIGN], gold=[DB_GD_LIST]),
    q("cnt-cm-goals-en", "How many goals (mục tiêu) does the Ca Mau plan set?", COUNT, [CM], lang="en",
      variant=["english", "no_diacritics"], must=[num(4)], gold=["tiêu 4: Về sự tham gia của trẻ em"]),
]

FREE_ITEMS = [
    q("free-ag-district-budget", "An Giang: cấp huyện bố trí kinh phí tối thiểu bao nhiêu?", FREE, [AG],
      must=["150 triệu"], sections=["Kinh phí"], gold=["Cấp huyện thấp nhất 150 triệu/huyện/năm"]),
    q("free-ag-commune-budget", "An Giang cấp xã phải bố trí kinh phí thấp nhất là bao nhiêu?", FREE, [AG],
      must=["20 triệu"], sections=["Kinh phí"], gold=["Cấp xã thấp nhất 20 triệu/xã/năm"]),
    q("free-ag-commune-budget-nodiac", "an giang kinh phi toi thieu cho cap xa", FREE, [AG],
      variant=["no_diacritics"], must=["20 triệu"], gold=["Cấp xã thấp nhất 20 triệu/xã/năm"]),
    q("free-cm-signer", "Ai ký Kế hoạch 51/KH-UBND của Cà Mau?", FREE, [CM],
      must=["Trần Hồng Quân"], gold=["Trần Hồng Quân"]),
    q("free-hy-signer-en", "Who signed the Hung Yen 2022 plan?", FREE, [HY], lang="en",
      variant=["english", "no_diacritics"], must=["Nguyễn Duy Hưng"], gold=["Nguyễn Duy Hưng"]),
    q("free-hy-6month-report", "Hưng Yên: báo cáo 6 tháng về công tác trẻ em gửi trước ngày nào?", FREE, [HY],
      must=["15/5"], gold=["định kỳ 06 tháng (trước 15/5) và cả năm (trước 15/11)"]),
    q("free-ht-annual-report", "Thị trấn Hà Trung: báo cáo năm gửi trước ngày nào?", FREE, [HT],
      must=["10/11"], gold=["Báo cáo năm trước ngày 10/11"]),
    q("free-hy-theme", "Chủ đề Tháng hành động vì trẻ em năm 2022 của Hưng Yên là gì?", FREE, [HY],
      must=["Chung tay bảo vệ trẻ em"],
      gold=["Chung tay bảo vệ trẻ em hãy lên tiếng phòng, chống xâm hại, bạo lực trẻ em"]),
    q("free-ht-theme", "Tháng hành động vì trẻ em năm 2024 ở thị trấn Hà Trung có chủ đề gì?", FREE, [HT],
      must=["ưu tiên nguồn lực cho trẻ em"], gold=["Hành động thiết thực, ưu tiên nguồn lực cho trẻ em"]),
    q("free-db-date", "Quyết định 333/QĐ-UBND của Điện Biên ban hành ngày nào?", FREE, [DB],
      must=[r"re:15( thang |/)0?3( nam |/)2021|2021 - 0?3 - 15"], gold=["Điện Biên, ngày 15 tháng 3 năm 2021"]),
    q("free-ag-annual-report", "An Giang: báo cáo năm về công tác trẻ em gửi vào ngày nào?", FREE, [AG],
      must=[r"re:15( thang |/)11"], gold=["năm vào ngày 15 tháng 11"]),
    q("free-ag-fund", "Quỹ bảo trợ trẻ em tỉnh An Giang năm 2018 phải đảm bảo nguồn thu bao nhiêu?", FREE, [AG],
      must=["5 tỷ"], gold=["nguồn thu 5 tỷ đồng trở lên"]),
    q("free-cm-funding", "Kinh phí thực hiện chương trình vì trẻ em của Cà Mau lấy từ những nguồn nào?", FREE,
      [CM], must=["ngân sách", "viện trợ"], sections=["KINH PHÍ"],
      gold=["Tài trợ, viện trợ quốc tế và huy động từ xã hội"]),
    q("free-ht-birth-registration", "Ở thị trấn Hà Trung, ai phụ trách đăng ký khai sinh cho trẻ em?", FREE,
      [HT], must=["Tư pháp"], gold=["Thực hiện tốt công tác đăng ký khai sinh cho trẻ em"]),
    q("free-dl-budget", "Huyện Đông Lâm bố trí tối thiểu bao nhiêu tiền mỗi năm cho công tác trẻ em?", FREE,
      [DL], must=["200 triệu"], sections=["KINH PHÍ"],
      gold=["Ngân sách huyện bố trí tối thiểu 200 triệu đồng/năm"]),
    q("free-dl-report", "Đông Lâm: báo cáo năm gửi trước ngày nào, gửi cho ai?", FREE, [DL],
      must=["05/12", "body:Phòng Lao động - Thương binh và Xã hội"], sections=["BÁO CÁO"],
      gold=["báo cáo năm trước ngày 05/12 về Phòng LĐ-TBXH"]),
    q("free-dl-signer-en", "Who signed the Dong Lam district plan?", FREE, [DL], lang="en",
      variant=["english", "no_diacritics"], must=["Hoàng Thị Minh Nguyệt"], gold=["Hoàng Thị Minh Nguyệt"]),
    q("free-cm-date", "Kế hoạch vì trẻ em của Cà Mau ban hành ngày nào?", FREE, [CM],
      must=[r"re:0?6( thang |/)0?4( nam |/)2021|2021 - 0?4 - 0?6"], gold=["Mau, ngày 06 tháng 4 năm 2021"]),
    q("free-hy-funding", "Hưng Yên năm 2022 lấy kinh phí thực hiện kế hoạch trẻ em từ đâu?", FREE, [HY],
      must=["dự toán ngân sách"],
      gold=["Sử dụng nguồn kinh phí đã được bố trí trong dự toán ngân sách của sở, ngành, địa phương năm 2022"]),
    q("free-db-children", "Điện Biên hiện có bao nhiêu trẻ em dưới 16 tuổi?", FREE, [DB],
      must=[r"re:214[.,]?825"], gold=["Toàn tỉnh hiện có 214.825 trẻ em dưới 16 tuổi"]),
    q("free-db-review", "Điện Biên sơ kết Chương trình hành động vì trẻ em vào khi nào?", FREE, [DB],
      must=[num(2025)], gold=["tổ chức sơ kết Chương trình vào cuối năm 2025"]),
    q("free-ag-collaborators", "An Giang duy trì bình quân bao nhiêu cộng tác viên bảo vệ trẻ em mỗi xã?", FREE,
      [AG], must=[num(12)], gold=["bình quân 12 cộng tác viên/xã"]),
    q("free-ag-heart-en", "How many children does An Giang aim to support with heart screening and surgery in 2018?",
      FREE, [AG], lang="en", variant=["english", "no_diacritics"], must=[num(100)],
      gold=["hỗ trợ khám sàng lọc tim và phẫu thẫu tim cho 100 ca trở lên"]),
    q("free-hy-birth", "Hưng Yên 2022: Sở Tư pháp phải đảm bảo bao nhiêu phần trăm trẻ em được đăng ký khai sinh?",
      FREE, [HY], must=[pct("100")], gold=["đảm bảo 100% trẻ em trên địa bàn tỉnh được đăng ký khai sinh"]),
    q("free-dl-commune-budget-typo", "Đông Lâm: ngân sach xã bố trí tối thiêu bao nhiêu cho kế hoạch?", FREE, [DL],
      variant=["typo"], must=["15 triệu"], gold=["bố trí tối thiểu 15 triệu đồng/xã/năm"]),
    q("free-ht-signer", "Ai ký kế hoạch bảo vệ, chăm sóc trẻ em năm 2024 của thị trấn Hà Trung?", FREE, [HT],
      must=["Cù Văn Hân"], gold=["Cù Văn Hân"]),
]

MULTI_ITEMS = [
    q("multi-14", "Ai phụ trách chỉ tiêu 14?", MULTI, [CM, DB], leads=[S_TP, S_LD], indicator=14,
      must=["Sở Tư pháp", B_LD, "Cà Mau", "Điện Biên"], sections=[ASSIGN], gold=[CM_TP_14, DB_LD_LIST]),
    q("multi-9-en", "who owns indicator 9?", MULTI, [CM, DB, DL], lang="en", variant=["english"],
      leads=[S_LD, CA_T, S_YT, P_LD], indicator=9, must=["Công an tỉnh", "Sở Y tế"],
      sections=[ASSIGN], gold=[CM_CA_9, CM_LD_LIST, DB_YT_LIST, DL_LD]),
    q("multi-hotline", "Tổng đài điện thoại quốc gia bảo vệ trẻ em là số mấy?", MULTI, [AG, HY, DB, DL],
      must=[num(111)], gold=["Tổng đài điện thoại quốc gia bảo vệ trẻ em (Tổng đài 111)"]),
    q("multi-6month-report", "Báo cáo 6 tháng về công tác trẻ em phải gửi trước ngày nào?", MULTI,
      [HY, HT, AG, DL], must=["15/5", "10/5"],
      gold=["định kỳ 06 tháng (trước 15/5)", "Báo cáo 6 tháng trước ngày 10/5"]),
    q("multi-22", "Chỉ tiêu 22 do cơ quan nào chủ trì?", MULTI, [CM, DB], leads=[S_LD, S_GD], indicator=22,
      must=[B_LD, "body:Sở Giáo dục và Đào tạo"], sections=[ASSIGN], gold=[CM_LD_LIST, DB_GD_LIST]),
    q("multi-birth-target", "Mục tiêu tỷ lệ trẻ em dưới 5 tuổi được đăng ký khai sinh là bao nhiêu?", MULTI,
      [CM, DB, DL, HY], must=[pct("98,5")],
      gold=["được đăng ký khai sinh đạt 98,5% vào năm 2025", "được đăng ký khai sinh đạt 100% đến năm 2030"]),
    q("multi-5-nodiac", "chi tieu 5 giao cho ai", MULTI, [CM, DB, DL], variant=["no_diacritics"],
      leads=[S_YT, TTYT], indicator=5, must=["Sở Y tế", "Trung tâm Y tế huyện"], sections=[ASSIGN],
      gold=[CM_YT_LIST, DB_YT_LIST, DL_TTYT]),
    q("multi-tp-body", "Sở Tư pháp phụ trách những chỉ tiêu nào?", MULTI, [CM, DB, AG, HY],
      must=[num(14), num(19)], sections=[ASSIGN], gold=[CM_TP_14, DB_TP_19]),
    q("multi-drowning-en", "Which plans set a target on child drowning or injury deaths?", MULTI, [CM, DB, DL],
      lang="en", variant=["english"], must=[r"re:100[.,]?000"],
      gold=["giảm tỷ suất trẻ em bị tử vong do tai nạn thương tích xuống còn 10/100.000 trẻ em vào năm 2025",
            "Tỷ suất trẻ em bị tử vong do tai nạn thương tích, đuối nước"]),
]

NONE_ITEMS = [
    q("none-quang-ninh-2023", "Kế hoạch năm 2023 của tỉnh Quảng Ninh giao chỉ tiêu 5 cho ai?", NONE, [],
      status="not_found"),
    q("none-db-30", "Chỉ tiêu 30 của Điện Biên do ai phụ trách?", NONE, [], status="not_found"),
    q("none-cm-25-en", "Who owns indicator 25 in Ca Mau?", NONE, [], lang="en",
      variant=["english", "no_diacritics"], status="not_found"),
    q("none-da-nang", "Đà Nẵng có bao nhiêu chỉ tiêu về trẻ em?", NONE, [], status="not_found"),
    q("none-cm-commune-budget", "Mức kinh phí tối thiểu cấp xã phải bố trí theo kế hoạch của Cà Mau là bao nhiêu?",
      NONE, [], status="not_found"),
    q("none-hanoi-signer", "Kế hoạch trẻ em năm 2022 của Hà Nội do ai ký?", NONE, [], status="not_found"),
    q("none-binh-duong-nodiac", "chi tieu 14 tinh binh duong do ai phu trach", NONE, [],
      variant=["no_diacritics"], status="not_found"),
    q("none-db-2035-en", "What is Dien Bien's 2035 target for birth registration?", NONE, [], lang="en",
      variant=["english", "no_diacritics"], status="not_found"),
    q("none-hy-3", "Hưng Yên: chỉ tiêu 3 do sở nào phụ trách?", NONE, [], status="not_found"),
    q("none-dl-15", "Đông Lâm: chỉ tiêu 15 do cơ quan nào chủ trì?", NONE, [], status="not_found"),
    q("none-salary", "Mức lương cơ sở năm 2024 là bao nhiêu?", NONE, [], status="not_found"),
    q("none-hcmc-9", "Ở Thành phố Hồ Chí Minh, chỉ tiêu 9 do cơ quan nào chủ trì?", NONE, [],
      status="not_found"),
    q("none-cm-2019-typo", "kế hoạch năm 2019 cua Cà Mau giao chỉ tiu 3 cho ai", NONE, [],
      variant=["typo"], status="not_found"),
]

FOLLOWUP_PAIRS = [
    (
        q("fu-cm-15", "Cà Mau: chỉ tiêu 15 do cơ quan nào phụ trách?", FOLLOW, [CM],
          leads=[S_GD], indicator=15, must=["body:Sở Giáo dục và Đào tạo"], sections=[ASSIGN], gold=[CM_GD_LIST]),
        q("fu-cm-15-then-13", "còn chỉ tiêu 13 thì sao?", FOLLOW, [CM], followup_of="fu-cm-15",
          leads=[S_VH], indicator=13, must=["body:Sở Văn hóa, Thể thao và Du lịch"], must_not=["Điện Biên"],
          sections=[ASSIGN], gold=[CM_VH_LIST]),
    ),
    (
        q("fu-cm-22", "Chỉ tiêu 22 ở Cà Mau do ai phụ trách?", FOLLOW, [CM],
          leads=[S_LD], indicator=22, must=[B_LD], sections=[ASSIGN], gold=[CM_LD_LIST]),
        q("fu-cm-22-then-db", "ở Điện Biên thì sao?", FOLLOW, [DB], followup_of="fu-cm-22",
          leads=[S_GD], indicator=22, must=["body:Sở Giáo dục và Đào tạo"], sections=[ASSIGN], gold=[DB_GD_LIST]),
    ),
    (
        q("fu-db-3-en", "who owns indicator 3 in Dien Bien?", FOLLOW, [DB], lang="en",
          variant=["english", "no_diacritics"], leads=[S_YT], indicator=3, must=["Sở Y tế"],
          sections=[ASSIGN], gold=[DB_YT_LIST]),
        q("fu-db-3-then-18-en", "and indicator 18?", FOLLOW, [DB], lang="en", variant=["english"],
          followup_of="fu-db-3-en", leads=[S_VH], indicator=18, must=["body:Sở Văn hóa, Thể thao và Du lịch"],
          sections=[ASSIGN], gold=[DB_VH_LIST]),
    ),
    (
        q("fu-dl-6", "Đông Lâm: chỉ tiêu 6 do cơ quan nào chủ trì?", FOLLOW, [DL], variant=["range"],
          leads=[P_GD], supports=[UBX], indicator=6, must=["body:Phòng Giáo dục và Đào tạo"],
          sections=[ASSIGN], gold=[DL_GD]),
        q("fu-dl-6-then-12", "còn chỉ tiêu 12?", FOLLOW, [DL], followup_of="fu-dl-6",
          leads=[P_VH], supports=[UBX], indicator=12, must=["body:Phòng Văn hóa và Thông tin"],
          sections=[ASSIGN], gold=[DL_VH]),
    ),
    (
        q("fu-ag-district", "An Giang: cấp huyện bố trí kinh phí tối thiểu bao nhiêu?", FOLLOW, [AG],
          must=["150 triệu"], gold=["Cấp huyện thấp nhất 150 triệu/huyện/năm"]),
        q("fu-ag-district-then-commune", "còn cấp xã thì sao?", FOLLOW, [AG], followup_of="fu-ag-district",
          must=["20 triệu"], gold=["Cấp xã thấp nhất 20 triệu/xã/năm"]),
    ),
    (
        q("fu-cm-vaccine-2025", "Mục tiêu tiêm chủng đầy đủ 8 loại vắc xin của Cà Mau năm 2025 là bao nhiêu?",
          FOLLOW, [CM], indicator=5, must=[pct("97")],
          gold=["được tiêm chủng đầy đủ 8 loại vắc xin đạt 97% vào năm 2025"]),
        q("fu-cm-vaccine-then-2030", "năm 2030 thì sao?", FOLLOW, [CM], followup_of="fu-cm-vaccine-2025",
          indicator=5, must=[pct("99")],
          gold=["được tiêm chủng đầy đủ 8 loại vắc xin đạt 97% vào năm 2025 và 99% vào năm 2030"]),
    ),
    (
        q("fu-hy-6month", "Hưng Yên: báo cáo 6 tháng gửi trước ngày nào?", FOLLOW, [HY],
          must=["15/5"], gold=["định kỳ 06 tháng (trước 15/5)"]),
        q("fu-hy-6month-then-annual", "còn báo cáo năm thì sao?", FOLLOW, [HY], followup_of="fu-hy-6month",
          must=["15/11"], gold=["cả năm (trước 15/11)"]),
    ),
]

SINGLE_CATEGORIES: list[list[dict[str, Any]]] = [
    OWNER_ITEMS,
    BODY_ITEMS,
    TARGET_ITEMS,
    TEXT_ITEMS,
    COUNT_ITEMS,
    FREE_ITEMS,
    MULTI_ITEMS,
    NONE_ITEMS,
]


# Free-form questions of the first question set that belong to an intent of their own.
RECATEGORIZED = {
    "free-ag-district-budget": BUDGET, "free-ag-commune-budget": BUDGET, "free-ag-commune-budget-nodiac": BUDGET,
    "free-dl-budget": BUDGET, "free-dl-commune-budget-typo": BUDGET, "free-hy-funding": BUDGET,
    "free-cm-funding": BUDGET,
    "free-cm-signer": META, "free-hy-signer-en": META, "free-dl-signer-en": META, "free-ht-signer": META,
    "free-db-date": META, "free-cm-date": META,
    "free-hy-6month-report": DEADLINE, "free-ht-annual-report": DEADLINE, "free-ag-annual-report": DEADLINE,
    "free-dl-report": DEADLINE,
    "free-ht-birth-registration": DUTY,
}


def _with_layout(item: dict[str, Any]) -> dict[str, Any]:
    from eval.corpus_tools.make_documents import layout_of

    item = dict(item)
    if item["id"] in RECATEGORIZED:
        item["category"] = RECATEGORIZED[item["id"]]
    item["layout"] = sorted({layout_of(d) for d in item["expect"]["source_docs"]})
    return item


def dev_items() -> list[dict[str, Any]]:
    """Questions on the dev documents (eval/corpus): the first question set and the authored plans."""
    authored = questions_authored
    items: list[dict[str, Any]] = [i for group in SINGLE_CATEGORIES for i in group]
    items += [i for pair in FOLLOWUP_PAIRS for i in pair]
    items += [i for group in authored.SINGLE for i in group]
    items += [i for pair in authored.FOLLOWUP_PAIRS for i in pair]
    return items


def test_items() -> list[dict[str, Any]]:
    """Questions on the held-out documents (eval/heldout), written in eval/heldout/questions.py."""
    heldout = heldout_questions
    items: list[dict[str, Any]] = [i for group in heldout.SINGLE for i in group]
    items += [i for pair in heldout.FOLLOWUP_PAIRS for i in pair]
    return items


def build_splits() -> dict[str, list[dict[str, Any]]]:
    """The split is by document and fixed: questions on eval/corpus documents are dev, questions on
    eval/heldout documents are test (a test question may also cite dev documents, as a library
    holds both; a dev question never cites a held-out one)."""
    return {"dev": [_with_layout(i) for i in dev_items()], "test": [_with_layout(i) for i in test_items()]}


def render(items: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write eval/datasets/{dev,test}.jsonl")
    parser.add_argument("--check", action="store_true", help="fail if the files are out of date")
    args = parser.parse_args(argv)
    stale = []
    for split, items in build_splits().items():
        path = DATASETS / f"{split}.jsonl"
        text = render(items)
        if args.check:
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                stale.append(path.name)
            continue
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path} ({len(items)} questions)")
    if stale:
        print(f"out of date: {', '.join(stale)}; run python -m eval.corpus_tools.build_dataset", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
