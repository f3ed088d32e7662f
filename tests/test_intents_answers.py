"""Lists, summaries and questions across plans, on three small plans written for these tests
(invented places and bodies, two policy domains, a province and a commune plan)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

PROVINCE_PLAN = """ỦY BAN NHÂN DÂN TỈNH KIM HÀ
Số: 27/KH-UBND
Kim Hà, ngày 10 tháng 3 năm 2024
KẾ HOẠCH
Chuyển đổi số trong cơ quan nhà nước tỉnh Kim Hà giai đoạn 2024 - 2030
I. MỤC TIÊU
1. Mục tiêu chung
Xây dựng chính quyền số tỉnh Kim Hà hoạt động hiệu quả, phục vụ người dân và doanh nghiệp ngày càng tốt hơn.
2. Mục tiêu cụ thể
- Chỉ tiêu 1: 100% hồ sơ công việc cấp tỉnh được xử lý trên môi trường mạng vào năm 2025.
- Chỉ tiêu 2: 80% dịch vụ công được cung cấp trực tuyến toàn trình vào năm 2030.
- Chỉ tiêu 3: 90% người dân trưởng thành có danh tính số vào năm 2030.
II. NHIỆM VỤ VÀ GIẢI PHÁP
1. Hoàn thiện thể chế, chính sách về chuyển đổi số của tỉnh.
2. Phát triển hạ tầng số, bảo đảm kết nối băng rộng đến tất cả các xã.
a) Nâng cấp trung tâm dữ liệu của tỉnh.
b) Phủ sóng di động đến các thôn vùng cao.
3. Đào tạo, bồi dưỡng kỹ năng số cho cán bộ, công chức, viên chức.
III. KINH PHÍ THỰC HIỆN
Kinh phí thực hiện Kế hoạch được bố trí từ các nguồn sau:
- Ngân sách nhà nước theo phân cấp hiện hành;
- Nguồn xã hội hóa và tài trợ hợp pháp của doanh nghiệp;
- Lồng ghép trong các chương trình, dự án khác trên địa bàn.
IV. TỔ CHỨC THỰC HIỆN
1. Sở Khoa học và Công nghệ
- Chủ trì thực hiện chỉ tiêu 1 và chỉ tiêu 3; báo cáo kết quả về Ủy ban nhân dân tỉnh trước ngày 15/12 hằng năm.
2. Sở Nội vụ
- Chủ trì thực hiện chỉ tiêu 2; phối hợp thực hiện chỉ tiêu 1.
3. Công an tỉnh
- Phối hợp thực hiện chỉ tiêu 3.
Nơi nhận:
- Như trên;
- Lưu: VT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Trần Minh Khoa
"""

SECOND_PROVINCE_PLAN = """ỦY BAN NHÂN DÂN TỈNH NAM ĐIỀN
Số: 15/KH-UBND
Nam Điền, ngày 20 tháng 2 năm 2023
KẾ HOẠCH
Phát triển công dân số tỉnh Nam Điền giai đoạn 2023 - 2025
I. MỤC TIÊU
1. Mục tiêu chung
Mọi người dân trên địa bàn tỉnh được tiếp cận và sử dụng các tiện ích số an toàn.
2. Mục tiêu cụ thể
- Chỉ tiêu 1: 70% người dân trưởng thành có danh tính số vào năm 2025.
- Chỉ tiêu 2: 60% hộ gia đình có kết nối cáp quang vào năm 2025.
II. NHIỆM VỤ
1. Tuyên truyền, hướng dẫn người dân kích hoạt danh tính số.
2. Mở rộng mạng cáp quang đến các thôn, bản.
III. TỔ CHỨC THỰC HIỆN
1. Công an tỉnh
- Chủ trì thực hiện chỉ tiêu 1.
2. Sở Thông tin và Truyền thông
- Chủ trì thực hiện chỉ tiêu 2; phối hợp thực hiện chỉ tiêu 1.
Nơi nhận:
- Như trên;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Lê Văn Tường
"""

COMMUNE_PLAN = """ỦY BAN NHÂN DÂN XÃ THẠCH VĨ
Số: 08/KH-UBND
Thạch Vĩ, ngày 05 tháng 8 năm 2025
KẾ HOẠCH
Thu gom, xử lý rác thải sinh hoạt trên địa bàn xã Thạch Vĩ năm 2025
I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao nhận thức của người dân về phân loại rác tại nguồn.
2. Giữ gìn cảnh quan môi trường xanh, sạch, đẹp.
II. NỘI DUNG
Các hoạt động chính như sau:
- Tổ chức thu gom rác thải hai lần mỗi tuần tại tất cả các thôn;
- Xây dựng 03 điểm tập kết rác thải đạt chuẩn;
- Ra quân tổng vệ sinh môi trường vào ngày chủ nhật cuối tháng.
III. KINH PHÍ
Kinh phí thực hiện từ ngân sách xã và đóng góp của người dân theo quy định.
IV. TỔ CHỨC THỰC HIỆN
1. Công chức Địa chính - Xây dựng
- Chủ trì hướng dẫn các thôn thu gom rác thải; báo cáo Ủy ban nhân dân xã trước ngày 20 hằng tháng.
2. Ban công tác Mặt trận các thôn
- Vận động người dân phân loại rác tại nguồn.
Nơi nhận:
- Như trên;
- Lưu: VP.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Hoàng Thị Mai
"""


@pytest.fixture(scope="module")
def plans_pipeline(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from bot.pipeline import build_pipeline
    from bot.settings import Settings
    from index.config import IndexConfig
    from index.library import Library

    docs = tmp_path_factory.mktemp("intent-plans")
    paths = []
    for name, text in (("kim_ha.txt", PROVINCE_PLAN), ("nam_dien.txt", SECOND_PROVINCE_PLAN),
                       ("thach_vi.txt", COMMUNE_PLAN)):
        (docs / name).write_text(text, encoding="utf-8")
        paths.append(docs / name)
    root = tmp_path_factory.mktemp("intent-plans-index") / "index"
    report = Library.create_or_open(root, IndexConfig()).ingest_paths(paths)
    assert len(report.ok) == 3, report.failed
    return build_pipeline(Settings(index_dir=Path(root)))


def _assert_cited(answer: Any) -> None:
    """Every [n] in the answer is a citation whose quote is the document's text at its span."""
    import re

    refs = {int(n) for n in re.findall(r"\[(\d+)\]", answer.answer)}
    assert refs == set(range(1, len(answer.citations) + 1)), (refs, len(answer.citations))
    for c in answer.citations:
        assert c.quote and c.doc_number


# ---------------------------------------------------------------- lists

def test_list_of_indicators_is_complete_and_cited(plans_pipeline: Any) -> None:
    a = plans_pipeline.ask("Kế hoạch của tỉnh Kim Hà có những chỉ tiêu nào?")
    assert a.intent == "list" and a.status == "answered"
    [row] = a.facts["results"]
    assert row["doc_number"] == "27/KH-UBND" and row["count"] == 3
    for n in (1, 2, 3):
        assert f"Chỉ tiêu {n}:" in a.answer
    assert "danh tính số" in a.answer and "Nam Điền" not in a.answer
    _assert_cited(a)


def test_list_under_a_heading_keeps_every_item_in_order(plans_pipeline: Any) -> None:
    a = plans_pipeline.ask("Kế hoạch xã Thạch Vĩ có những nội dung gì?")
    assert a.intent == "list" and a.status == "answered"
    [row] = a.facts["results"]
    assert row["doc_number"] == "08/KH-UBND" and row["heading"] == "II. NỘI DUNG"
    assert [i["text"][:12] for i in row["items"]] == ["Tổ chức thu ", "Xây dựng 03 ", "Ra quân tổng"]
    # The lead-in sentence ending in ":" introduces the list; it is not one of its items.
    assert not any(i["text"].endswith(":") for i in row["items"])
    assert len(a.citations) == 3 and a.citations[1].quote.startswith("- Xây dựng 03 điểm")
    _assert_cited(a)


def test_list_of_tasks_numbered_as_in_the_document(plans_pipeline: Any) -> None:
    a = plans_pipeline.ask("ke hoach kim ha co nhung nhiem vu gi")
    assert a.intent == "list"
    lines = a.answer.splitlines()
    assert "II. NHIỆM VỤ VÀ GIẢI PHÁP" in lines[0] and "3" in lines[0]
    assert [ln[:2] for ln in lines[1:]] == ["1.", "2.", "3."]
    # A sub-heading is listed by its own line; the items under it are in its citation, not in the list.
    assert "trung tâm dữ liệu" not in a.answer
    assert "Nâng cấp trung tâm dữ liệu" in a.citations[1].quote and "Phủ sóng di động" in a.citations[1].quote


def test_list_in_english(plans_pipeline: Any) -> None:
    a = plans_pipeline.ask("What are the solutions of the Kim Ha plan?")
    assert a.language == "en" and a.intent == "list"
    assert a.facts["results"][0]["heading"] == "II. NHIỆM VỤ VÀ GIẢI PHÁP"
    assert a.facts["results"][0]["count"] == 3 and "lists 3 items" in a.answer


def test_list_of_a_heading_the_plan_lacks_is_not_found(plans_pipeline: Any) -> None:
    a = plans_pipeline.ask("Kế hoạch xã Thạch Vĩ có những chỉ tiêu nào?")
    # The commune plan sets no indicators and has no heading about them: say so, do not list something else.
    assert a.status == "not_found"


# ---------------------------------------------------------------- summaries

def test_summary_lines_are_each_cited(plans_pipeline: Any) -> None:
    a = plans_pipeline.ask("Tóm tắt kế hoạch của tỉnh Kim Hà")
    assert a.intent == "summary" and a.status == "answered"
    text = a.answer
    for part in ("27/KH-UBND", "ngày 10 tháng 3 năm 2024", "2024 - 2030", "chính quyền số", "3 chỉ tiêu",
                 "Sở Khoa học và Công nghệ (2 chỉ tiêu)", "Sở Nội vụ (1 chỉ tiêu)", "15/12", "Trần Minh Khoa",
                 "Ngân sách nhà nước"):
        assert part in text, part
    for line in text.splitlines():
        assert "[" in line, line  # every line cites
    # A supporting body is not counted as a lead.
    assert "Công an tỉnh" not in text
    _assert_cited(a)


def test_summary_in_english_leaves_out_what_the_plan_does_not_state(plans_pipeline: Any) -> None:
    a = plans_pipeline.ask("Summarize the plan of Thach Vi commune")
    assert a.language == "en" and a.intent == "summary"
    assert "08/KH-UBND" in a.answer and "Hoàng Thị Mai" in a.answer and "Signed by" in a.answer
    # No general goal is stated; the first item of its "Mục đích, yêu cầu" stands in, labelled as the purpose.
    assert "Purpose: Nâng cao nhận thức" in a.answer and "General goal" not in a.answer
    assert "Indicators:" not in a.answer and "Lead bodies" not in a.answer


# ---------------------------------------------------------------- across plans

def test_plans_running_until_a_year(plans_pipeline: Any) -> None:
    a = plans_pipeline.ask("Những kế hoạch nào kéo dài đến 2030?")
    assert a.intent == "cross_plan" and a.status == "answered"
    assert [r["doc_number"] for r in a.facts["results"]] == ["27/KH-UBND"]
    en = plans_pipeline.ask("Which plans run until 2025?")
    assert {r["doc_number"] for r in en.facts["results"]} == {"27/KH-UBND", "15/KH-UBND", "08/KH-UBND"}


def test_count_of_plans_by_tier(plans_pipeline: Any) -> None:
    a = plans_pipeline.ask("Có bao nhiêu kế hoạch cấp xã?")
    assert a.intent == "cross_plan" and a.facts["count"] == 1
    assert a.facts["results"][0]["doc_number"] == "08/KH-UBND" and a.answer.startswith("Có 1 văn bản cấp xã")
    b = plans_pipeline.ask("How many provincial plans are there?")
    assert b.facts["count"] == 2


def test_compare_an_indicator_across_two_plans(plans_pipeline: Any) -> None:
    a = plans_pipeline.ask("So sánh chỉ tiêu về danh tính số của Kim Hà và Nam Điền")
    assert a.intent == "cross_plan" and a.status == "answered"
    rows = {r["doc_number"]: r for r in a.facts["results"]}
    assert rows["27/KH-UBND"]["indicator"] == 3 and rows["27/KH-UBND"]["leads"] == ["Sở Khoa học và Công nghệ"]
    assert rows["15/KH-UBND"]["indicator"] == 1 and rows["15/KH-UBND"]["leads"] == ["Công an tỉnh"]
    assert "90%" in a.answer and "70%" in a.answer
    _assert_cited(a)


def test_which_plan_gives_a_body_an_indicator_never_mixes_up_the_lead(plans_pipeline: Any) -> None:
    a = plans_pipeline.ask("Tỉnh nào giao cho Công an tỉnh chỉ tiêu về danh tính số?")
    assert a.intent == "cross_plan" and a.status == "answered"
    leading = [r["doc_number"] for r in a.facts["results"] if r["body_leads"]]
    # Công an tỉnh only SUPPORTS that indicator in the first plan: it must not be listed as leading it there.
    assert leading == ["15/KH-UBND"]
    first, *rest = a.answer.split("Văn bản có chỉ tiêu này nhưng giao cơ quan khác chủ trì:")
    assert "Nam Điền" in first and "Kim Hà" not in first
    assert rest and "Sở Khoa học và Công nghệ" in rest[0]


def test_no_plan_gives_the_body_that_indicator(plans_pipeline: Any) -> None:
    a = plans_pipeline.ask("Tỉnh nào giao cho Sở Nội vụ chỉ tiêu về danh tính số?")
    assert a.status == "not_found"
    assert not any(r["body_leads"] for r in a.facts.get("results", []))


def test_follow_up_of_a_list_or_summary_keeps_what_was_asked(plans_pipeline: Any) -> None:
    from bot.conversation import Conversation

    conv = Conversation()
    first = plans_pipeline.ask("Kế hoạch Kim Hà có những nhiệm vụ gì?", conversation=conv)
    assert first.intent == "list" and first.facts["results"][0]["doc_number"] == "27/KH-UBND"
    second = plans_pipeline.ask("còn Nam Điền thì sao?", conversation=conv)
    assert second.intent == "list" and [r["doc_number"] for r in second.facts["results"]] == ["15/KH-UBND"]
    assert second.facts["results"][0]["heading"] == "II. NHIỆM VỤ"
    plans_pipeline.ask("Tóm tắt kế hoạch của tỉnh Kim Hà", conversation=conv)
    third = plans_pipeline.ask("còn xã Thạch Vĩ thì sao?", conversation=conv)
    assert third.intent == "summary" and "08/KH-UBND" in third.answer and "27/KH-UBND" not in third.answer
