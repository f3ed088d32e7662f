"""Intents answered from a plan's typed facts, asked in Vietnamese (with and without diacritics) and English,
over a real index of small plans written for these tests (see facts_support)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from facts_support import DIGITAL_PLAN, EDUCATION_PLAN, GENDER_PLAN, HEALTH_PLAN, write_plan

from bot.answer import Answer


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from bot.pipeline import build_pipeline
    from bot.settings import Settings
    from index.config import IndexConfig
    from index.library import Library

    docs = tmp_path_factory.mktemp("facts-plans")
    paths = [write_plan(docs, "binh_loc_binh_dang_gioi.txt", GENDER_PLAN),
             write_plan(docs, "tan_khe_chuyen_doi_so.txt", DIGITAL_PLAN),
             write_plan(docs, "lam_dien_y_te.txt", HEALTH_PLAN),
             write_plan(docs, "an_thanh_pho_cap.txt", EDUCATION_PLAN)]
    root = tmp_path_factory.mktemp("facts-index") / "index"
    report = Library.create_or_open(root, IndexConfig()).ingest_paths(paths)
    assert len(report.ok) == 4, report.failed
    return build_pipeline(Settings(index_dir=root))


def ask(pipeline: Any, question: str) -> Answer:
    answer: Answer = pipeline.ask(question)
    return answer


def assert_cited(answer: Answer, n: int) -> None:
    """Every item line ends with its citation, every citation quotes the original at its span."""
    assert answer.status == "answered"
    refs = {int(r) for r in re.findall(r"\[(\d+)\]", answer.answer)}
    assert refs == set(range(1, len(answer.citations) + 1))
    assert len(answer.citations) == n
    for c in answer.citations:
        assert c.quote and c.doc_number


# ---------------------------------------------------------------- reporting


@pytest.mark.parametrize("question", [
    "Kế hoạch của tỉnh Bình Lộc: báo cáo gửi trước ngày nào?",
    "ke hoach tinh binh loc bao cao gui truoc ngay nao",
])
def test_reporting_deadline(pipeline: Any, question: str) -> None:
    a = ask(pipeline, question)
    assert a.intent == "reporting"
    assert "15/6" in a.answer and "15/11" in a.answer
    assert_cited(a, 1)
    (res,) = a.facts["results"]
    assert res["obligations"][0]["deadlines"] == [{"report": None, "day": 15, "month": 6},
                                                  {"report": None, "day": 15, "month": 11}]


def test_reporting_in_english_names_report_kind_and_recipient(pipeline: Any) -> None:
    a = ask(pipeline, "When is the six-month report due in the Tan Khe commune plan, and to whom?")
    assert a.intent == "reporting" and a.language == "en"
    assert "six-month report by 10 June" in a.answer
    assert "Sở Khoa học và Công nghệ" in a.answer
    assert "annual report" not in a.answer  # the six-month report was asked
    assert_cited(a, 1)


def test_reporting_says_when_no_date_is_stated(pipeline: Any) -> None:
    a = ask(pipeline, "Báo cáo quý của xã Tân Khê gửi trước ngày nào?")
    assert a.intent == "reporting"
    assert "không nêu ngày cụ thể" in a.answer
    assert "20 tháng cuối quý" in a.answer  # what the plan does say, quoted


# ---------------------------------------------------------------- budget


def test_budget_sources_complete_per_document(pipeline: Any) -> None:
    a = ask(pipeline, "Kinh phí thực hiện kế hoạch tỉnh Bình Lộc lấy từ những nguồn nào?")
    assert a.intent == "budget"
    for source in ("Ngân sách tỉnh", "Ngân sách cấp huyện", "ngân sách địa phương", "xã hội hóa",
                   "nguồn hợp pháp khác"):
        assert source in a.answer
    assert_cited(a, 4)


def test_budget_minimum_of_a_commune(pipeline: Any) -> None:
    a = ask(pipeline, "Cấp xã phải bố trí kinh phí tối thiểu bao nhiêu ở Bình Lộc?")
    assert a.intent == "budget"
    assert "15 triệu đồng/xã/năm" in a.answer
    assert "12.500" not in a.answer  # the total is not the minimum
    (res,) = a.facts["results"]
    assert res["items"][0]["amounts"][0]["vnd"] == 15_000_000


def test_budget_total_in_english(pipeline: Any) -> None:
    a = ask(pipeline, "What is the total budget of the Binh Loc plan?")
    assert a.intent == "budget" and a.language == "en"
    assert "12,500 million VND" in a.answer
    assert_cited(a, 1)


def test_budget_total_not_stated_is_said(pipeline: Any) -> None:
    a = ask(pipeline, "Tổng kinh phí của kế hoạch Sở Y tế Lam Điền là bao nhiêu?")
    assert a.intent == "budget"
    # Not the answer, said so: the status is "not found" and what the plan does say follows, labelled.
    assert a.status == "not_found"
    assert "không nêu tổng kinh phí" in a.answer and "không phải câu trả lời" in a.answer
    assert a.facts["results"][0]["stated"] is False


def test_a_document_that_states_it_answers_alone(pipeline: Any) -> None:
    a = ask(pipeline, "Mức kinh phí tối thiểu mà mỗi xã phải bố trí là bao nhiêu?")  # no place: every plan
    assert a.status == "answered"
    assert [r["doc_number"] for r in a.facts["results"]] == ["73/KH-UBND"]


# ---------------------------------------------------------------- goals, duties


def test_general_goal(pipeline: Any) -> None:
    a = ask(pipeline, "Mục tiêu chung của kế hoạch Bình Lộc là gì?")
    assert a.intent == "goals"
    assert "thu hẹp khoảng cách giới" in a.answer
    assert "Mục tiêu 1" not in a.answer  # the specific goals were not asked
    assert_cited(a, 1)


def test_specific_goals_grouped_with_counts(pipeline: Any) -> None:
    a = ask(pipeline, "Các mục tiêu cụ thể của kế hoạch tỉnh Bình Lộc?")
    assert "a) Mục tiêu 1" in a.answer and "b) Mục tiêu 2" in a.answer
    assert "(gồm 2 mục/chỉ tiêu)" in a.answer and "(gồm 1 mục/chỉ tiêu)" in a.answer


def test_specific_objectives_in_english(pipeline: Any) -> None:
    a = ask(pipeline, "What are the specific objectives of the Tan Khe plan?")
    assert a.intent == "goals" and a.language == "en"
    assert [line[:3] for line in a.answer.splitlines()[1:]] == ["1. ", "2. ", "3. "]
    assert_cited(a, 3)


def test_goals_of_a_plan_that_does_not_split_them(pipeline: Any) -> None:
    a = ask(pipeline, "Mục tiêu chung của kế hoạch phường An Thạnh là gì?")
    assert a.intent == "goals" and a.status == "answered"
    assert "không tách mục tiêu chung" in a.answer
    assert "1. Duy trì phổ cập giáo dục mầm non" in a.answer and "2. 100% trẻ em 6 tuổi vào lớp 1." in a.answer
    assert_cited(a, 2)


def test_duties_of_a_body_complete_with_document_markers(pipeline: Any) -> None:
    a = ask(pipeline, "Sở Nội vụ có nhiệm vụ gì?")
    assert a.intent == "duties"
    assert "a) Chủ trì thực hiện chỉ tiêu 1, 2." in a.answer
    assert "b) Tham mưu công tác cán bộ nữ" in a.answer
    assert_cited(a, 2)


def test_duties_of_a_commune_office(pipeline: Any) -> None:
    a = ask(pipeline, "Trung tâm Phục vụ hành chính công có nhiệm vụ gì?")
    assert a.intent == "duties"
    assert "(2 mục)" in a.answer and "Hướng dẫn người dân nộp hồ sơ trực tuyến" in a.answer


# ---------------------------------------------------------------- legal bases, signer, recipients, steering, period


def test_legal_bases(pipeline: Any) -> None:
    a = ask(pipeline, "Kế hoạch tỉnh Bình Lộc căn cứ vào những văn bản nào?")
    assert a.intent == "legal_bases"
    assert "28/NQ-CP" in a.answer and "2282/QĐ-TTg" in a.answer and "Luật Bình đẳng giới" in a.answer
    assert_cited(a, 3)


def test_signer_in_english_with_title(pipeline: Any) -> None:
    a = ask(pipeline, "Who signed the Binh Loc plan?")
    assert a.intent == "signer" and a.language == "en"
    assert "Đinh Thị Mai Lan" in a.answer and "Vice Chairperson" in a.answer and "KT. CHỦ TỊCH" in a.answer
    assert_cited(a, 1)


def test_signer_of_a_commune_plan(pipeline: Any) -> None:
    a = ask(pipeline, "ai ky ke hoach chuyen doi so xa tan khe")
    assert a.intent == "signer"
    assert "Hà Văn Tùng" in a.answer and "Chủ tịch" in a.answer


def test_recipients_complete(pipeline: Any) -> None:
    a = ask(pipeline, "Nơi nhận của kế hoạch Bình Lộc gồm những ai?")
    assert a.intent == "recipients"
    assert "(5 mục)" in a.answer and "5. Lưu: VT, KGVX" in a.answer and "(để b/c)" in a.answer
    assert_cited(a, 5)


def test_standing_agency(pipeline: Any) -> None:
    a = ask(pipeline, "Cơ quan thường trực của kế hoạch Bình Lộc là cơ quan nào?")
    assert a.intent == "steering"
    assert "Sở Lao động - Thương binh và Xã hội — cơ quan thường trực" in a.answer
    assert "ban chỉ đạo/điều hành" not in a.answer


def test_period_and_reviews(pipeline: Any) -> None:
    a = ask(pipeline, "Kế hoạch tỉnh Bình Lộc thực hiện trong giai đoạn nào?")
    assert a.intent == "period"
    assert "2021–2030" in a.answer and "sơ kết vào năm 2025" in a.answer


def test_nothing_stated_is_not_found(pipeline: Any) -> None:
    a = ask(pipeline, "Nơi nhận của kế hoạch Sở Y tế Lam Điền?")
    assert a.intent == "recipients" and a.status == "not_found"
    assert a.citations == []


def test_indicator_questions_stay_with_their_intents(pipeline: Any) -> None:
    # "Mục tiêu … là bao nhiêu" about one indicator is a target, not the plan's goals; a body's indicators
    # are not its duty list.
    assert ask(pipeline, "Chỉ tiêu 3 của Bình Lộc đạt bao nhiêu?").intent not in {"goals", "budget"}
    assert ask(pipeline, "Sở Nội vụ phụ trách những chỉ tiêu nào?").intent == "indicators_of_body"


def test_the_pipeline_reads_typed_facts(pipeline: Any) -> None:
    from ingest.model import ReportingObligation

    snap = pipeline.snapshot
    obs = [o for pf in snap.plan_facts.values() for o in pf.reporting]
    assert obs and all(isinstance(o, ReportingObligation) for o in obs)
