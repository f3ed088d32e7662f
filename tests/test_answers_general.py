"""General answering rules, on three small plans written for these tests (invented places and bodies: a province,
a district inside it and a commune inside the district): scoping a question to the right plan when the place is
mistyped or given the wrong level, a year that names a plan, abstaining when the plan does not say what is asked,
budgets, lists, questions across plans, who is responsible for a task, a document's details."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

PROVINCE_PLAN = """ỦY BAN NHÂN DÂN TỈNH NGÂN GIANG
Số: 31/KH-UBND
Ngân Giang, ngày 15 tháng 3 năm 2022
KẾ HOẠCH
Chăm sóc sức khỏe người cao tuổi tỉnh Ngân Giang giai đoạn 2022 - 2025
I. MỤC TIÊU
1. Mục tiêu chung
Nâng cao chất lượng chăm sóc sức khỏe người cao tuổi trên địa bàn tỉnh.
2. Mục tiêu cụ thể
- Chỉ tiêu 1: 95% người cao tuổi được lập hồ sơ theo dõi sức khỏe vào năm 2025.
- Chỉ tiêu 2: 80% xã có câu lạc bộ chăm sóc sức khỏe người cao tuổi vào năm 2025.
II. KINH PHÍ THỰC HIỆN
Tổng kinh phí dự kiến thực hiện Kế hoạch trong cả giai đoạn 2022 - 2025 trên toàn tỉnh là 320 tỷ đồng, trong đó ngân sách tỉnh 200 tỷ đồng, ngân sách cấp xã 40 tỷ đồng và nguồn xã hội hóa 80 tỷ đồng.
III. TỔ CHỨC THỰC HIỆN
1. Sở Y tế
- Chủ trì thực hiện chỉ tiêu 1.
2. Sở Nội vụ
- Chủ trì thực hiện chỉ tiêu 2; phối hợp thực hiện chỉ tiêu 1.
3. Công an tỉnh
- Cấp căn cước tại nhà cho người cao tuổi không tự đi lại được.
Nơi nhận:
- Như trên;
- Lưu: VT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Lò Văn Khởi
"""

DISTRICT_PLAN = """ỦY BAN NHÂN DÂN HUYỆN KỲ LƯƠNG
Số: 12/KH-UBND
Kỳ Lương, ngày 10 tháng 02 năm 2023
KẾ HOẠCH
Chăm sóc sức khỏe người cao tuổi trên địa bàn huyện Kỳ Lương năm 2023
Thực hiện Kế hoạch số 31/KH-UBND ngày 15/3/2022 của Ủy ban nhân dân tỉnh Ngân Giang, Ủy ban nhân dân huyện ban hành Kế hoạch như sau:
I. MỤC TIÊU
- Chỉ tiêu 1: 90% người cao tuổi được khám sức khỏe định kỳ.
- Chỉ tiêu 2: 100% xã, thị trấn có tổ chăm sóc người cao tuổi tại nhà.
II. NHIỆM VỤ, GIẢI PHÁP
1. Tuyên truyền về chăm sóc sức khỏe người cao tuổi trên loa truyền thanh.
2. Tập huấn cho cộng tác viên y tế thôn bản.
3. Kiểm tra, giám sát việc thực hiện ở các xã.
III. KINH PHÍ
Ngân sách huyện bố trí 450 triệu đồng cho các hoạt động của Kế hoạch năm 2023.
IV. TỔ CHỨC THỰC HIỆN
1. Trung tâm Y tế huyện
- Chủ trì thực hiện chỉ tiêu 1.
2. Phòng Văn hóa và Thông tin
- Chủ trì thực hiện chỉ tiêu 2.
3. Phòng Tài chính - Kế hoạch
- Tham mưu bố trí kinh phí thực hiện Kế hoạch.
4. Ủy ban nhân dân các xã, thị trấn
- Lập danh sách người cao tuổi cô đơn để thăm hỏi vào dịp lễ, Tết.
Nơi nhận:
- Lưu: VT.
CHỦ TỊCH
Hà Minh Tuấn
"""

COMMUNE_PLAN = """ỦY BAN NHÂN DÂN XÃ VÂN KHỞI
Số: 05/KH-UBND
Vân Khởi, ngày 05 tháng 01 năm 2024
KẾ HOẠCH
Bảo vệ, chăm sóc trẻ em xã Vân Khởi, huyện Kỳ Lương năm 2024
I. MỤC TIÊU
- Chỉ tiêu 1: 100% trẻ em dưới 1 tuổi được tiêm chủng đầy đủ.
II. TỔ CHỨC THỰC HIỆN
1. Công chức Tư pháp - Hộ tịch
- Thực hiện tốt việc đăng ký khai sinh cho trẻ em, không để trẻ em đăng ký khai sinh quá hạn.
2. Trạm Y tế xã
- Chủ trì thực hiện chỉ tiêu 1.
3. Công chức Văn hóa - Xã hội
- Tổ chức vui chơi cho trẻ em vào dịp hè.
Các bộ phận gửi báo cáo kết quả về Ủy ban nhân dân xã để tổng hợp, báo cáo huyện.
Nơi nhận:
- Lưu: VT.
CHỦ TỊCH
Đặng Thu Hằng
"""


@pytest.fixture(scope="module")
def pipe(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from bot.pipeline import build_pipeline
    from bot.settings import Settings
    from index.config import IndexConfig
    from index.library import Library

    docs = tmp_path_factory.mktemp("general-plans")
    paths = []
    for name, text in (("ngan_giang.txt", PROVINCE_PLAN), ("ky_luong.txt", DISTRICT_PLAN),
                       ("van_khoi.txt", COMMUNE_PLAN)):
        (docs / name).write_text(text, encoding="utf-8")
        paths.append(docs / name)
    root = tmp_path_factory.mktemp("general-plans-index") / "index"
    report = Library.create_or_open(root, IndexConfig()).ingest_paths(paths)
    assert len(report.ok) == 3, report.failed
    return build_pipeline(Settings(index_dir=Path(root)))


def _sources(answer: Any) -> set[str]:
    return {c.source for c in answer.citations}


def _leads(answer: Any) -> list[str]:
    return [name for r in answer.facts.get("results", []) for name in r.get("leads", [])]


# ---------------------------------------------------------------- scoping a question to its plan

def test_a_place_named_exactly_answers_from_its_plan_only(pipe: Any) -> None:
    a = pipe.ask("Chỉ tiêu 1 của huyện Kỳ Lương do ai chủ trì?")
    assert a.status == "answered" and _sources(a) == {"ky_luong.txt"}
    assert _leads(a) == ["Trung tâm Y tế huyện"]


def test_no_place_named_each_plan_says_whose_answer_it_is(pipe: Any) -> None:
    a = pipe.ask("Chỉ tiêu 1 do ai chủ trì?")
    assert {r["source"] for r in a.facts["results"]} == {"ngan_giang.txt", "ky_luong.txt", "van_khoi.txt"}
    lines = a.answer.splitlines()
    assert any("Sở Y tế" in ln and "Ngân Giang" in ln for ln in lines)
    assert any("Trung tâm Y tế huyện" in ln and "Kỳ Lương" in ln for ln in lines)


def test_a_plan_named_by_its_topic_answers_alone(pipe: Any) -> None:
    a = pipe.ask("Kế hoạch bảo vệ trẻ em giao chỉ tiêu 1 cho ai?")
    assert _sources(a) == {"van_khoi.txt"} and _leads(a) == ["Trạm Y tế xã"]
    b = pipe.ask("Ai ký kế hoạch bảo vệ, chăm sóc trẻ em?")
    assert b.intent == "signer" and "Đặng Thu Hằng" in b.answer and _sources(b) == {"van_khoi.txt"}


def test_the_indicators_topic_chooses_among_plans_with_that_number(pipe: Any) -> None:
    a = pipe.ask("Chỉ tiêu 1 về tiêm chủng do ai chủ trì?")
    assert _sources(a) == {"van_khoi.txt"} and _leads(a) == ["Trạm Y tế xã"]
    b = pipe.ask("Chỉ tiêu 1 về khám sức khỏe định kỳ do ai chủ trì?")
    assert _sources(b) == {"ky_luong.txt"} and _leads(b) == ["Trung tâm Y tế huyện"]


def test_a_typo_in_a_place_name_picks_the_one_plan_it_means(pipe: Any) -> None:
    a = pipe.ask("Chỉ tiêu 1 của huyện Kỳ Lươn do ai chủ trì?")
    assert _sources(a) == {"ky_luong.txt"} and _leads(a) == ["Trung tâm Y tế huyện"]


def test_a_level_word_typed_bare_in_a_question_with_diacritics(pipe: Any) -> None:
    a = pipe.ask("chỉ tiêu 2 của huyen Kỳ Lương do ai chủ trì")
    assert _sources(a) == {"ky_luong.txt"} and _leads(a) == ["Phòng Văn hóa và Thông tin"]


def test_a_plan_place_given_the_wrong_level_still_selects_it(pipe: Any) -> None:
    a = pipe.ask("Chỉ tiêu 2 của tỉnh Kỳ Lương do ai chủ trì?")
    assert _sources(a) == {"ky_luong.txt"} and _leads(a) == ["Phòng Văn hóa và Thông tin"]


def test_a_place_no_plan_covers_is_not_answered_from_another(pipe: Any) -> None:
    a = pipe.ask("Chỉ tiêu 1 của huyện Mộc Lan do ai chủ trì?")
    assert a.status == "not_found" and not a.citations


def test_a_unit_without_a_plan_inside_a_province_with_one_is_not_answered_from_the_province(pipe: Any) -> None:
    a = pipe.ask("Chỉ tiêu 1 của huyện Mộc Lan, tỉnh Ngân Giang do ai chủ trì?")
    assert a.status == "not_found" and not a.citations and "Mộc Lan" in a.answer
    # The district named with a typo beside its province is still the district.
    b = pipe.ask("Chỉ tiêu 1 của huyện Kỳ Lươn, tỉnh Ngân Giang do ai chủ trì?")
    assert _sources(b) == {"ky_luong.txt"} and _leads(b) == ["Trung tâm Y tế huyện"]


def test_a_year_that_names_the_plan_must_be_the_plans(pipe: Any) -> None:
    wrong = pipe.ask("Kế hoạch chăm sóc người cao tuổi năm 2019 của huyện Kỳ Lương giao chỉ tiêu 1 cho ai?")
    assert wrong.status == "not_found" and not wrong.citations
    right = pipe.ask("Kế hoạch chăm sóc người cao tuổi năm 2023 của huyện Kỳ Lương giao chỉ tiêu 1 cho ai?")
    assert right.status == "answered" and _leads(right) == ["Trung tâm Y tế huyện"]
    # A year inside the sentence about a target is not the plan's year.
    goal = pipe.ask("Kế hoạch tỉnh Ngân Giang đặt mục tiêu năm 2025 cho chỉ tiêu 1 là bao nhiêu?")
    assert goal.status == "answered" and "95%" in goal.answer


def test_a_target_for_a_year_the_plan_does_not_cover_is_not_answered(pipe: Any) -> None:
    off = pipe.ask("Huyện Kỳ Lương đặt mục tiêu khám sức khỏe định kỳ cho người cao tuổi năm 2027 là bao nhiêu?")
    assert off.status == "not_found" and "2027" in off.answer
    on = pipe.ask("Huyện Kỳ Lương đặt mục tiêu khám sức khỏe định kỳ cho người cao tuổi năm 2023 là bao nhiêu?")
    assert on.status == "answered" and "90%" in on.answer


# ---------------------------------------------------------------- budgets

def test_a_total_stated_in_a_long_sentence_is_the_total(pipe: Any) -> None:
    a = pipe.ask("Tổng kinh phí kế hoạch của tỉnh Ngân Giang là bao nhiêu?")
    assert a.intent == "budget" and a.status == "answered"
    assert "320 tỷ đồng" in a.answer and _sources(a) == {"ngan_giang.txt"}


def test_a_levels_share_inside_the_total_answers_for_that_level(pipe: Any) -> None:
    a = pipe.ask("ngan sach cap xa tinh Ngân Giang góp bao nhiêu")
    assert a.status == "answered" and "40 tỷ đồng" in a.answer


def test_how_much_without_total_takes_the_amount_the_plan_states(pipe: Any) -> None:
    a = pipe.ask("Ngân sách huyện Kỳ Lương bố trí bao nhiêu cho kế hoạch?")
    assert a.status == "answered" and "450 triệu đồng" in a.answer and _sources(a) == {"ky_luong.txt"}


def test_an_amount_for_a_body_the_budget_does_not_name_is_not_found(pipe: Any) -> None:
    a = pipe.ask("Tỉnh Ngân Giang bố trí bao nhiêu tiền cho Công an tỉnh?")
    assert a.status == "not_found"


def test_a_total_the_plan_does_not_state_is_not_found(pipe: Any) -> None:
    # The commune plan states no budget; "tổng hợp" in its reporting line is not "tổng kinh phí".
    a = pipe.ask("Tổng kinh phí kế hoạch của xã Vân Khởi là bao nhiêu?")
    assert a.status == "not_found"
    en = pipe.ask("What is the total budget of the Van Khoi commune plan?")
    assert en.status == "not_found"


# ---------------------------------------------------------------- lists and plans across documents

def test_a_list_asked_with_two_nouns_lists_the_section(pipe: Any) -> None:
    a = pipe.ask("Huyện Kỳ Lương có những nhiệm vụ, giải pháp nào?")
    assert a.intent == "list" and a.status == "answered"
    [row] = a.facts["results"]
    assert row["source"] == "ky_luong.txt" and row["count"] == 3
    for item in ("loa truyền thanh", "cộng tác viên", "giám sát"):
        assert item in a.answer


def test_the_plans_that_give_a_body_indicators(pipe: Any) -> None:
    a = pipe.ask("Sở Nội vụ được giao chỉ tiêu trong những kế hoạch nào?")
    assert a.intent == "cross_plan" and a.status == "answered"
    [row] = a.facts["results"]
    assert row["source"] == "ngan_giang.txt" and row["lead"] == [2] and row["support"] == [1]


def test_plans_related_to_a_province_include_those_inside_it(pipe: Any) -> None:
    a = pipe.ask("Có những kế hoạch nào liên quan đến tỉnh Ngân Giang?")
    assert a.status == "answered"
    assert {"ngan_giang.txt", "ky_luong.txt"} <= {r["source"] for r in a.facts["results"]}
    # "tỉnh" of the place's name is no filter on the plans' level.
    assert a.facts["tier"] is None
    own = pipe.ask("Những kế hoạch nào của huyện Kỳ Lương?")
    assert [r["source"] for r in own.facts["results"]] == ["ky_luong.txt"]


# ---------------------------------------------------------------- duties and who does a task

def test_who_is_responsible_for_a_task_is_the_body_whose_duty_says_it(pipe: Any) -> None:
    a = pipe.ask("Ở xã Vân Khởi, ai phụ trách đăng ký khai sinh cho trẻ em?")
    assert a.intent == "task_owner" and a.status == "answered"
    assert [r["agency"] for r in a.facts["results"]] == ["Công chức Tư pháp - Hộ tịch"]
    assert "đăng ký khai sinh" in a.citations[0].quote
    en = pipe.ask("Who is in charge of birth registration in Van Khoi commune?")
    assert en.status == "answered" and "Công chức Tư pháp - Hộ tịch" in en.answer


def test_a_task_no_duty_names_is_not_given_to_a_body(pipe: Any) -> None:
    a = pipe.ask("Ở xã Vân Khởi, ai phụ trách cấp thẻ bảo hiểm y tế cho trẻ em?")
    assert a.status == "not_found" or "Tư pháp" not in a.answer


def test_a_body_named_with_a_typo_or_in_lower_case_short_form(pipe: Any) -> None:
    a = pipe.ask("phòng tài chín - kế hoạch Kỳ Lương có nhiệm vụ gì")
    assert a.intent == "duties" and a.status == "answered" and "bố trí kinh phí" in a.answer
    b = pipe.ask("ubnd cac xa, thi tran huyen ky luong co nhiem vu gi")
    assert b.intent == "duties" and "người cao tuổi cô đơn" in b.answer


def test_a_body_at_the_end_of_the_question_before_its_question_mark(pipe: Any) -> None:
    a = pipe.ask("Nhiệm vụ của Công an tỉnh Ngân Giang?")
    assert a.intent == "duties" and "căn cước" in a.answer


# ---------------------------------------------------------------- a document's own details

def test_the_number_asked_as_so_may(pipe: Any) -> None:
    a = pipe.ask("Kế hoạch chăm sóc người cao tuổi của tỉnh Ngân Giang là kế hoạch số mấy?")
    assert a.intent == "meta" and "31/KH-UBND" in a.answer


def test_two_details_asked_at_once_in_english(pipe: Any) -> None:
    a = pipe.ask("What is the number of the Ngan Giang province plan and who issued it?")
    assert a.intent == "meta" and a.language == "en"
    assert "31/KH-UBND" in a.answer and "Ủy ban nhân dân tỉnh Ngân Giang" in a.answer


def test_a_signers_name_under_a_block_read_without_it() -> None:
    from bot.intents.signer import _named
    from ingest.model import Signature, Span

    text = "Nơi nhận:\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nLò Văn Khởi\n\n1 Ghi chú cuối trang."
    start = text.index("KT.")
    end = text.index("PHÓ CHỦ TỊCH") + len("PHÓ CHỦ TỊCH")
    sig = Signature("sg-1", "d", None, "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", None,
                    Span("", start, end, None, text[start:end]))
    named = _named(sig, text)
    assert named.name == "Lò Văn Khởi" and named.span.quote.endswith("Lò Văn Khởi")
    # Other text under the block is no name.
    other = text.replace("Lò Văn Khởi", "Các sở, ngành thực hiện.")
    assert _named(sig, other).name is None


def test_the_bodies_that_work_with_a_body_on_the_indicators_it_leads(pipe: Any) -> None:
    a = pipe.ask("Những cơ quan nào phối hợp với Sở Y tế tỉnh Ngân Giang?")
    assert a.intent == "indicators_of_body" and a.facts["kind"] == "partners"
    [row] = a.facts["results"]
    assert row["source"] == "ngan_giang.txt" and row["partners"] == {"Sở Nội vụ": [1]}
    assert "chỉ tiêu 1: Sở Nội vụ" in a.answer
    # Asked which indicators it supports, the body's own indicators are listed, not its partners.
    b = pipe.ask("Sở Nội vụ tỉnh Ngân Giang phối hợp thực hiện những chỉ tiêu nào?")
    assert b.facts.get("kind") != "partners" and b.facts["results"][0]["support"] == [1]


def test_a_body_is_shown_with_the_plans_own_short_form() -> None:
    from bot.intents.base import shown_names, written_name
    from ingest.agencies import agency_key

    full = "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện"
    row = {"agency": full, "agency_key": agency_key(full),
           "span": {"section": "IV. TỔ CHỨC THỰC HIỆN › 3. Văn phòng HĐND và UBND huyện",
                    "quote": "Chủ trì thực hiện chỉ tiêu 1."}}
    assert written_name(row) == "Văn phòng HĐND và UBND huyện"
    assert shown_names([row, row]) == [f"{full} (Văn phòng HĐND và UBND huyện)"]
    # A heading naming another body is not taken for this one's short form.
    other = {**row, "span": {"section": "IV. › 2. Phòng Nội vụ", "quote": "Phối hợp thực hiện chỉ tiêu 1."}}
    assert written_name(other) is None and shown_names([other]) == [full]


def test_a_place_only_a_documents_opening_lines_name_finds_that_document() -> None:
    from bot.places import heading_names

    texts = {"a": "UBND XÃ PHÙ KHÁNH\nSố: 3/KH-UBND\nKẾ HOẠCH phòng chống dịch", "b": "UBND XÃ HỒ THUẬN\n..."
             + " Phù Khánh" * 0 + "\n" + "x" * 700 + " xã Phù Khánh"}
    assert heading_names("xã Phù Khánh", texts) == {"a"}  # b names it only far below its opening
    assert heading_names("xã Lạc Quỳnh", texts) == set()


@pytest.mark.parametrize(("question", "field", "value"), [
    ("Cơ quan nào ban hành kế hoạch chăm sóc người cao tuổi của huyện Kỳ Lương?", "issuer",
     "Ủy ban nhân dân huyện Kỳ Lương"),
    ("Kế hoạch của huyện Kỳ Lương được ký ngày nào?", "date", "ngày 10 tháng 2 năm 2023"),
    ("When was the Ky Luong district plan adopted?", "date", "10 February 2023"),
])
def test_a_documents_details_asked_in_everyday_ways(pipe: Any, question: str, field: str, value: str) -> None:
    a = pipe.ask(question)
    assert a.intent == "meta" and field in a.facts["results"][0] and value in a.answer
    assert _sources(a) <= {"ky_luong.txt"}
