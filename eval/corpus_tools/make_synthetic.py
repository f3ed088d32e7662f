"""Write the synthetic district-level plan `eval/corpus/100_dong_lam_ke_hoach_tre_em.docx`.

The five real corpus documents never put indicators in a table, never assign them with ranges
("từ chỉ tiêu 3 đến chỉ tiêu 5", "các chỉ tiêu 6 - 8") and never separate a lead body from a
supporting one in the same sentence. This plan does all three, for an invented district
(huyện Đông Lâm, tỉnh Thái Nguyên; no such district exists), so the evaluation set has questions
on a layout the product has never been tuned on.

The document is generated once and committed; rerun only when its text must change, and update
the questions in `eval/datasets/` that quote it:

    python -m eval.corpus_tools.make_synthetic
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

OUT_NAME = "100_dong_lam_ke_hoach_tre_em.docx"

HEADER_LEFT = ("ỦY BAN NHÂN DÂN", "HUYỆN ĐÔNG LÂM", "-------")
HEADER_RIGHT = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "---------------")
NUMBER = "Số: 87/KH-UBND"
PLACE_DATE = "Đông Lâm, ngày 18 tháng 5 năm 2023"
TITLE = "KẾ HOẠCH"
SUBTITLE = "Thực hiện Chương trình hành động vì trẻ em huyện Đông Lâm, tỉnh Thái Nguyên giai đoạn 2023 - 2030"

PREAMBLE = (
    "Căn cứ Kế hoạch số 63/KH-UBND ngày 05/5/2021 của Ủy ban nhân dân tỉnh Thái Nguyên về thực hiện "
    "Chương trình hành động quốc gia vì trẻ em giai đoạn 2021 - 2030; Ủy ban nhân dân huyện Đông Lâm "
    "ban hành Kế hoạch thực hiện Chương trình hành động vì trẻ em trên địa bàn huyện giai đoạn "
    "2023 - 2030 như sau:"
)

PURPOSE = [
    ("heading", "I. MỤC ĐÍCH, YÊU CẦU"),
    ("heading", "1. Mục đích"),
    (
        "para",
        "Cụ thể hóa các mục tiêu, chỉ tiêu của Chương trình hành động vì trẻ em của tỉnh phù hợp với "
        "điều kiện của huyện; xác định rõ cơ quan chủ trì, cơ quan phối hợp đối với từng chỉ tiêu để "
        "theo dõi, đánh giá kết quả thực hiện hằng năm.",
    ),
    ("heading", "2. Yêu cầu"),
    (
        "para",
        "Các cơ quan, đơn vị, Ủy ban nhân dân các xã, thị trấn xây dựng kế hoạch cụ thể, lồng ghép các "
        "chỉ tiêu về trẻ em vào kế hoạch phát triển kinh tế - xã hội hằng năm; bảo đảm đủ nguồn lực và "
        "báo cáo đúng thời hạn.",
    ),
    ("heading", "II. MỤC TIÊU"),
    ("heading", "1. Mục tiêu chung"),
    (
        "para",
        "Bảo đảm thực hiện các quyền trẻ em; xây dựng môi trường sống an toàn, lành mạnh, thân thiện; "
        "giảm tai nạn thương tích, đặc biệt là đuối nước trẻ em trên các sông, suối, ao, hồ của huyện; "
        "phòng ngừa, hỗ trợ, can thiệp kịp thời trẻ em bị xâm hại.",
    ),
    ("heading", "2. Các chỉ tiêu cụ thể"),
    (
        "para",
        "Kế hoạch có 13 chỉ tiêu cụ thể, được giao cơ quan chủ trì và cơ quan phối hợp theo bảng sau:",
    ),
]

TABLE_HEADER = ("STT", "Chỉ tiêu", "Năm 2025", "Năm 2030", "Cơ quan chủ trì", "Cơ quan phối hợp")

INDICATOR_ROWS: list[tuple[str, str, str, str, str, str]] = [
    (
        "1",
        "Tỷ lệ xã, thị trấn đạt tiêu chuẩn xã, phường, thị trấn phù hợp với trẻ em",
        "75%",
        "90%",
        "Phòng LĐ-TBXH",
        "UBND các xã, thị trấn",
    ),
    (
        "2",
        "Tỷ lệ trẻ em có hoàn cảnh đặc biệt được chăm sóc, trợ giúp",
        "94%",
        "97%",
        "Phòng LĐ-TBXH",
        "Phòng Tư pháp; UBND các xã, thị trấn",
    ),
    (
        "3",
        "Tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ 8 loại vắc xin",
        "96%",
        "98%",
        "Trung tâm Y tế huyện",
        "Phòng Y tế",
    ),
    (
        "4",
        "Tỷ lệ trẻ em dưới 5 tuổi bị suy dinh dưỡng thể thấp còi",
        "Dưới 17%",
        "Dưới 14%",
        "Trung tâm Y tế huyện",
        "Phòng Y tế; Hội LHPN huyện",
    ),
    (
        "5",
        "Tỷ suất tử vong trẻ em dưới 5 tuổi trên 1.000 trẻ đẻ sống",
        "Dưới 16‰",
        "Dưới 13‰",
        "Trung tâm Y tế huyện",
        "Phòng Y tế",
    ),
    (
        "6",
        "Tỷ lệ huy động trẻ em 5 tuổi đi học mẫu giáo",
        "99,6%",
        "99,8%",
        "Phòng GD&ĐT",
        "UBND các xã, thị trấn",
    ),
    ("7", "Tỷ lệ trẻ em hoàn thành cấp tiểu học", "98,5%", "99,5%", "Phòng GD&ĐT", "-"),
    (
        "8",
        "Tỷ lệ trẻ em từ 6 đến 15 tuổi biết bơi an toàn",
        "50%",
        "70%",
        "Phòng GD&ĐT",
        "Phòng VH&TT; Huyện đoàn",
    ),
    (
        "9",
        "Tỷ suất trẻ em bị tử vong do tai nạn thương tích, đuối nước",
        "Dưới 15/100.000 trẻ em",
        "Dưới 12/100.000 trẻ em",
        "Phòng LĐ-TBXH",
        "Phòng VH&TT; Công an huyện",
    ),
    (
        "10",
        "Tỷ lệ trẻ em từ 7 tuổi trở lên được hỏi ý kiến về các vấn đề của trẻ em",
        "40%",
        "55%",
        "Phòng LĐ-TBXH",
        "Huyện đoàn",
    ),
    (
        "11",
        "Tỷ lệ trẻ em dưới 5 tuổi được đăng ký khai sinh",
        "99%",
        "100%",
        "Phòng Tư pháp",
        "Công an huyện",
    ),
    (
        "12",
        "Tỷ lệ xã, thị trấn có điểm vui chơi, giải trí dành cho trẻ em",
        "60%",
        "80%",
        "Phòng VH&TT",
        "UBND các xã, thị trấn",
    ),
    (
        "13",
        "Tỷ lệ trẻ em bị xâm hại được phát hiện, hỗ trợ, can thiệp kịp thời",
        "100%",
        "100%",
        "Công an huyện",
        "Phòng LĐ-TBXH",
    ),
]

BODY = [
    ("heading", "III. NHIỆM VỤ VÀ GIẢI PHÁP"),
    (
        "para",
        "1. Tăng cường truyền thông về quyền trẻ em, kỹ năng phòng, chống đuối nước và phòng, chống "
        "xâm hại trẻ em đến từng thôn, tổ dân phố; phổ biến Tổng đài điện thoại quốc gia bảo vệ trẻ "
        "em 111.",
    ),
    (
        "para",
        "2. Mỗi năm tổ chức ít nhất 20 lớp dạy bơi an toàn cho trẻ em trong dịp hè; rà soát, cắm biển "
        "cảnh báo tại các điểm sông, suối, ao, hồ có nguy cơ đuối nước.",
    ),
    (
        "para",
        "3. Kiện toàn mạng lưới cộng tác viên bảo vệ trẻ em ở thôn, tổ dân phố; cập nhật đầy đủ dữ liệu "
        "trẻ em vào phần mềm quản lý thông tin trẻ em.",
    ),
    ("heading", "IV. KINH PHÍ THỰC HIỆN"),
    (
        "para",
        "1. Ngân sách huyện bố trí tối thiểu 200 triệu đồng/năm cho công tác bảo vệ, chăm sóc trẻ em, "
        "giao Phòng LĐ-TBXH quản lý, sử dụng.",
    ),
    (
        "para",
        "2. Ủy ban nhân dân các xã, thị trấn bố trí tối thiểu 15 triệu đồng/xã/năm từ ngân sách xã để "
        "thực hiện Kế hoạch.",
    ),
    (
        "para",
        "3. Huy động các nguồn xã hội hóa và các nguồn hợp pháp khác theo quy định.",
    ),
    ("heading", "V. TỔ CHỨC THỰC HIỆN"),
    ("heading", "1. Phòng Lao động - Thương binh và Xã hội"),
    (
        "para",
        "- Là cơ quan thường trực, chủ trì thực hiện chỉ tiêu 1, 2 và từ 9 đến 10 của Kế hoạch; phối "
        "hợp thực hiện chỉ tiêu 13.",
    ),
    (
        "para",
        "- Tổng hợp kết quả thực hiện của các cơ quan, đơn vị, báo cáo Ủy ban nhân dân huyện và Sở Lao "
        "động - Thương binh và Xã hội tỉnh Thái Nguyên.",
    ),
    ("heading", "2. Trung tâm Y tế huyện"),
    (
        "para",
        "- Chủ trì thực hiện từ chỉ tiêu 3 đến chỉ tiêu 5; tổ chức tiêm chủng mở rộng, theo dõi dinh "
        "dưỡng trẻ em dưới 5 tuổi tại các trạm y tế xã, thị trấn.",
    ),
    ("heading", "3. Phòng Y tế"),
    (
        "para",
        "- Phối hợp thực hiện từ chỉ tiêu 3 đến chỉ tiêu 5; tham mưu Ủy ban nhân dân huyện quản lý nhà "
        "nước về chăm sóc sức khỏe trẻ em.",
    ),
    ("heading", "4. Phòng Giáo dục và Đào tạo"),
    (
        "para",
        "- Chủ trì thực hiện các chỉ tiêu 6 - 8; chỉ đạo các trường học đưa nội dung dạy bơi an toàn "
        "vào hoạt động ngoại khóa.",
    ),
    ("heading", "5. Phòng Tư pháp"),
    (
        "para",
        "- Chủ trì thực hiện chỉ tiêu 11; phối hợp thực hiện chỉ tiêu 2. Hướng dẫn Công chức Tư pháp - "
        "Hộ tịch các xã, thị trấn đăng ký khai sinh đúng hạn cho trẻ em.",
    ),
    ("heading", "6. Phòng Văn hóa và Thông tin"),
    (
        "para",
        "- Chủ trì thực hiện chỉ tiêu 12; phối hợp thực hiện các chỉ tiêu 8, 9. Chỉ đạo Đài Truyền "
        "thanh huyện tăng thời lượng tuyên truyền về phòng, chống đuối nước trẻ em.",
    ),
    ("heading", "7. Công an huyện"),
    (
        "para",
        "- Chủ trì thực hiện chỉ tiêu 13; phối hợp thực hiện chỉ tiêu 9 và chỉ tiêu 11.",
    ),
    ("heading", "8. Phòng Tài chính - Kế hoạch"),
    (
        "para",
        "- Tham mưu Ủy ban nhân dân huyện bố trí kinh phí thực hiện Kế hoạch trong dự toán ngân sách "
        "hằng năm; hướng dẫn, kiểm tra việc sử dụng kinh phí.",
    ),
    ("heading", "9. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam huyện và các đoàn thể"),
    (
        "para",
        "- Hội Liên hiệp Phụ nữ huyện phối hợp thực hiện chỉ tiêu 4; Huyện đoàn phối hợp thực hiện các "
        "chỉ tiêu 8 và 10.",
    ),
    ("heading", "10. Ủy ban nhân dân các xã, thị trấn"),
    (
        "para",
        "- Phối hợp thực hiện các chỉ tiêu 1, 2, 6 và 12 trên địa bàn; xây dựng kế hoạch năm của xã, "
        "thị trấn và bố trí kinh phí theo mục IV.",
    ),
    ("heading", "VI. CHẾ ĐỘ BÁO CÁO"),
    (
        "para",
        "Các cơ quan, đơn vị, Ủy ban nhân dân các xã, thị trấn gửi báo cáo 6 tháng trước ngày 10/6 và "
        "báo cáo năm trước ngày 05/12 về Phòng LĐ-TBXH để tổng hợp, báo cáo Ủy ban nhân dân huyện. Sơ "
        "kết thực hiện Kế hoạch vào năm 2025, tổng kết vào năm 2030.",
    ),
]

RECIPIENTS = [
    "Nơi nhận:",
    "- UBND tỉnh Thái Nguyên (b/c);",
    "- Sở LĐ-TBXH tỉnh (b/c);",
    "- TT Huyện ủy, TT HĐND huyện (b/c);",
    "- Các cơ quan, đơn vị có tên tại mục V;",
    "- UBND các xã, thị trấn;",
    "- Lưu: VT, LĐTBXH.",
]

SIGNATURE = ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "Hoàng Thị Minh Nguyệt"]


def _set_font(document: DocxDocument) -> None:
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"  # type: ignore[attr-defined]
    style.font.size = Pt(13)  # type: ignore[attr-defined]


def _centered(document: DocxDocument, text: str, bold: bool = False) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(text).bold = bold


def _header(document: DocxDocument) -> None:
    # Vietnamese administrative documents put the issuer and the national motto side by side.
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.text = "\n".join(HEADER_LEFT) + f"\n{NUMBER}"
    right.text = "\n".join(HEADER_RIGHT) + f"\n{PLACE_DATE}"


def _blocks(document: DocxDocument, blocks: list[tuple[str, str]]) -> None:
    for kind, text in blocks:
        paragraph = document.add_paragraph()
        paragraph.add_run(text).bold = kind == "heading"


def _indicator_table(document: DocxDocument) -> None:
    table = document.add_table(rows=1, cols=len(TABLE_HEADER))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, TABLE_HEADER, strict=True):
        cell.text = text
    for row in INDICATOR_ROWS:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text


def build_document() -> DocxDocument:
    document = Document()
    _set_font(document)
    props = document.core_properties
    props.title = SUBTITLE
    props.author = "planqa eval (synthetic document)"
    props.created = dt.datetime(2023, 5, 18)
    props.modified = dt.datetime(2023, 5, 18)
    _header(document)
    _centered(document, TITLE, bold=True)
    _centered(document, SUBTITLE, bold=True)
    document.add_paragraph(PREAMBLE)
    _blocks(document, PURPOSE)
    _indicator_table(document)
    _blocks(document, BODY)
    for line in RECIPIENTS:
        document.add_paragraph(line)
    for line in SIGNATURE:
        _centered(document, line, bold=bool(line))
    return document


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    default_out = Path(__file__).resolve().parent.parent / "corpus" / OUT_NAME
    parser.add_argument("--out", type=Path, default=default_out)
    args = parser.parse_args(argv)
    build_document().save(str(args.out))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
