"""Scoring functions on hand-made examples (and the worked examples in their docstrings)."""

from __future__ import annotations

import doctest
import math
import unicodedata

import pytest

import eval.dataset
import eval.harness
import eval.metrics
import eval.report
import eval.systems
import eval.text
from eval.dataset import Expectation
from eval.metrics import (
    Counts,
    abstention_scores,
    check_answer,
    citation_supports,
    context_sufficient,
    latency_summary,
    micro_prf,
    mrr_at_k,
    ndcg_at_k,
    owner_counts,
    percentile,
    recall_at_k,
    section_hit,
    source_check,
    supported_citations,
)
from eval.text import body_key, fold, matches


@pytest.mark.parametrize(
    "module", [eval.metrics, eval.text, eval.dataset, eval.systems, eval.harness, eval.report]
)
def test_docstring_examples(module: object) -> None:
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)  # type: ignore[arg-type]
    assert result.failed == 0


# --- text folding ------------------------------------------------------------------------------


def test_fold_is_insensitive_to_composition_tone_style_case_dashes_and_breaks() -> None:
    nfd = unicodedata.normalize("NFD", "Sở Lao động – Thương binh\nvà Xã hội")
    assert fold(nfd) == fold("SỞ LAO ĐỘNG-THƯƠNG BINH VÀ XÃ HỘI")
    assert fold("hoà thuỷ uỷ") == fold("hòa thủy ủy")


def test_patterns_plain_regex_and_body() -> None:
    assert matches("Cấp xã thấp nhất 20 triệu/xã/năm", "20 TRIEU")
    assert not matches("Cấp xã thấp nhất 120 triệu", r"re:(?<!\d)20 trieu")
    assert matches("đạt 99,80% vào năm 2030", r"re:99[,.]80?\s*%")
    assert matches("Phòng LĐ-TBXH", "body:Phòng Lao động – Thương binh và Xã hội")
    assert not matches("Sở Y tế", "body:Phòng Y tế")


def test_body_key_aliases() -> None:
    assert body_key("Sở GD&ĐT") == body_key("Sở Giáo dục – Đào tạo") == body_key("Sở Giáo dục và Đào tạo")
    assert body_key("UBND các xã, thị trấn") == body_key("Ủy ban nhân dân các xã, thị trấn")
    assert body_key("Phòng Lao động - TB&XH") == body_key("Phòng LĐ-TBXH")
    assert body_key("Phòng VH&TT") == body_key("Phòng Văn hóa và Thông tin")


# --- answer correctness ------------------------------------------------------------------------

CM9 = Expectation(
    status="answered",
    leads=("Sở Lao động - Thương binh và Xã hội", "Công an tỉnh"),
    indicator=9,
    must_contain=("body:Lao động - Thương binh và Xã hội", "Công an tỉnh"),
    must_not_contain=("Điện Biên",),
    source_docs=("000_c7b69bf84426735b.txt",),
)


def test_owner_answer_with_both_leads_in_any_spelling_is_correct() -> None:
    check = check_answer(
        CM9,
        "answered",
        "Cà Mau: chỉ tiêu 9 do Sở LĐ-TBXH và Công an tỉnh chủ trì.",
        leads=["Sở LĐTBXH", "Công an tỉnh"],
    )
    assert check.correct, check.reasons()


def test_owner_answer_missing_one_lead_fails_on_set_and_pattern() -> None:
    check = check_answer(CM9, "answered", "Chỉ tiêu 9: Công an tỉnh.", leads=["Công an tỉnh"])
    assert not check.correct
    assert check.leads_ok is False
    assert check.missing == ("body:Lao động - Thương binh và Xã hội",)


def test_forbidden_pattern_fails_even_when_everything_else_is_right() -> None:
    check = check_answer(
        CM9,
        "answered",
        "Sở Lao động - Thương binh và Xã hội, Công an tỉnh (Điện Biên: Sở Y tế)",
        leads=["Sở Lao động - Thương binh và Xã hội", "Công an tỉnh"],
    )
    assert check.forbidden == ("Điện Biên",) and not check.correct


def test_support_bodies_are_checked_separately_and_empty_means_none() -> None:
    exp = Expectation(status="answered", leads=("Phòng GD&ĐT",), supports=())
    assert check_answer(exp, "answered", "", leads=["Phòng Giáo dục và Đào tạo"]).correct
    wrong = check_answer(exp, "answered", "", leads=["Phòng GD&ĐT"], supports=["Huyện đoàn"])
    assert wrong.supports_ok is False and not wrong.correct


def test_expected_not_found_ignores_must_contain_but_not_status() -> None:
    exp = Expectation(status="not_found", must_contain=("x",))
    assert check_answer(exp, "not_found", "Không tìm thấy").correct
    assert not check_answer(exp, "answered", "x").correct


def test_indicator_sets_are_checked_only_when_reported() -> None:
    exp = Expectation(status="answered", indicators=(13, 21))
    assert check_answer(exp, "answered", "13 và 21", indicators=None).indicators_ok is None
    assert check_answer(exp, "answered", "", indicators=[21, 13]).correct
    assert not check_answer(exp, "answered", "", indicators=[13]).correct


# --- owner P/R/F1 ------------------------------------------------------------------------------


def test_owner_prf_is_micro_averaged() -> None:
    per_item = [
        owner_counts(["Sở Tư pháp"], ["Sở Tư pháp"]),  # tp 1
        owner_counts(["Sở Y tế", "Sở LĐTBXH"], ["Sở Lao động - Thương binh và Xã hội"]),  # tp 1 fp 1
        owner_counts([], ["Sở Y tế", "Công an tỉnh"]),  # fn 2
    ]
    prf = micro_prf(per_item)
    assert prf.precision == pytest.approx(2 / 3)
    assert prf.recall == pytest.approx(2 / 4)
    assert prf.f1 == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))
    assert prf.support == 3


def test_owner_prf_with_nothing_predicted_has_no_precision() -> None:
    prf = micro_prf([Counts(fn=2)])
    assert prf.precision is None and prf.recall == 0.0 and prf.f1 is None


# --- citations and sources ---------------------------------------------------------------------


def test_citation_precision_for_owner_question() -> None:
    exp = Expectation(status="answered", leads=("Sở Tư pháp",), indicator=14)
    quotes = [
        "2. Sở Tư pháp",  # names the body
        "- Hướng dẫn, thực\nhiện chỉ tiêu 14 của Chương trình.",  # the indicator number
        "- Chỉ tiêu 140 không tồn tại",  # 140 is not 14
        "III. KINH PHÍ THỰC HIỆN CHƯƠNG TRÌNH",
    ]
    assert supported_citations(quotes, exp) == (2, 4)


def test_citation_supported_by_gold_overlap() -> None:
    exp = Expectation(status="answered", gold_passages=("Báo cáo năm trước ngày 10/11",))
    assert citation_supports("- Báo cáo 6 tháng trước ngày 10/5; Báo cáo năm trước ngày 10/11.", exp)
    assert not citation_supports("Báo cáo đột xuất về những khó khăn", exp)


def test_source_and_section_checks() -> None:
    assert source_check(["A.txt"], ["a.txt"]).correct
    assert not source_check(["a.txt", "b.txt"], ["a.txt"]).correct
    assert section_hit(["I. MỤC TIÊU › 2. Mục tiêu cụ thể"], ["TỔ CHỨC THỰC HIỆN"]) is False


# --- abstention --------------------------------------------------------------------------------


def test_abstention_precision_and_recall() -> None:
    pairs = [("not_found", "not_found")] * 3 + [("answered", "not_found")] + [("not_found", "answered")] * 2
    scores = abstention_scores(pairs + [("answered", "answered")] * 5)
    assert scores.precision == pytest.approx(3 / 4)
    assert scores.recall == pytest.approx(3 / 5)
    assert abstention_scores([("answered", "answered")]).precision is None


# --- retrieval ---------------------------------------------------------------------------------

PASSAGES = [
    "I. MỤC TIÊU - Chỉ tiêu 14: Tỷ lệ trẻ em dưới 5 tuổi được đăng ký khai sinh",
    "III. KINH PHÍ",
    "2. Sở Tư pháp\n- Hướng dẫn, thực\nhiện chỉ tiêu 14 của Chương trình.",
    "4. Sở Giáo dục và Đào tạo",
]
GOLDS = ["Hướng dẫn, thực hiện chỉ tiêu 14", "được đăng ký khai sinh"]


def test_recall_mrr_ndcg_on_hand_made_ranking() -> None:
    assert recall_at_k(PASSAGES, GOLDS, k=1) == 0.5
    assert recall_at_k(PASSAGES, GOLDS, k=3) == 1.0
    assert mrr_at_k(PASSAGES, GOLDS) == 1.0
    assert mrr_at_k(PASSAGES[1:], GOLDS) == 0.5
    expected = (1 / math.log2(2) + 1 / math.log2(4)) / (1 / math.log2(2) + 1 / math.log2(3))
    assert ndcg_at_k(PASSAGES, GOLDS) == pytest.approx(expected)
    assert ndcg_at_k(PASSAGES, GOLDS, k=1) == pytest.approx(1.0)  # ideal@1 has one gold too
    assert ndcg_at_k(["noise"], GOLDS) == 0.0
    assert recall_at_k(PASSAGES, [], k=3) is None


def test_duplicate_chunks_gain_nothing() -> None:
    dup = [PASSAGES[2], PASSAGES[2], PASSAGES[0]]
    assert (ndcg_at_k(dup, GOLDS) or 0.0) < 1.0


def test_context_sufficiency_needs_every_gold_and_pattern() -> None:
    exp = Expectation(status="answered", must_contain=("Sở Tư pháp",), gold_passages=(GOLDS[0],))
    assert context_sufficient(PASSAGES, exp, k=3)
    assert not context_sufficient(PASSAGES, exp, k=2)
    exp2 = Expectation(status="answered", must_contain=("Sở Y tế",), gold_passages=(GOLDS[0],))
    assert not context_sufficient(PASSAGES, exp2, k=4)


# --- latency -----------------------------------------------------------------------------------


def test_percentiles() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 50) == pytest.approx(50.5)
    assert percentile(values, 95) == pytest.approx(95.05)
    assert percentile([7.0], 95) == 7.0
    summary = latency_summary([5.0, 1.0, 3.0])
    assert summary["p50"] == 3.0 and summary["max"] == 5.0 and summary["n"] == 3
