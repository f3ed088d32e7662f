"""The answering pipeline on the real corpus index: owners, bodies, targets, counts, free text, not found."""

from __future__ import annotations

from typing import Any

import pytest

from bot.conversation import Conversation
from bot.errors import BadQuestion
from ingest.normalize import fold_ascii


def _owners(answer: Any, place_word: str) -> dict[str, list[str]]:
    for r in answer.facts["results"]:
        if place_word in fold_ascii(r["source"] + " " + str(r.get("doc_number"))):
            return {"leads": r["leads"], "supports": r["supports"]}
    raise AssertionError(f"no result for {place_word}: {answer.facts}")


def _result_for(answer: Any, number_part: str) -> dict[str, Any]:
    rows = [r for r in answer.facts["results"] if number_part in (r.get("doc_number") or "")]
    assert len(rows) == 1, answer.facts
    return rows[0]


def test_owner_of_indicator_by_number_and_place(corpus_pipeline: Any) -> None:
    a = corpus_pipeline.ask("Chỉ tiêu 14 của Cà Mau do cơ quan nào phụ trách?")
    assert a.status == "answered" and a.intent == "owner"
    assert _result_for(a, "51/KH")["leads"] == ["Sở Tư pháp"]
    assert len(a.facts["results"]) == 1  # the place restricts the answer to one document
    assert "Sở Tư pháp" in a.answer and "51/KH-UBND" in a.answer
    assert any("chỉ tiêu 14" in c.quote.lower() for c in a.citations)
    for c in a.citations:  # every citation quotes the original text at its span
        assert c.quote and c.doc_number == "51/KH-UBND" and c.section


def test_owner_without_diacritics(corpus_pipeline: Any) -> None:
    a = corpus_pipeline.ask("chi tieu 14 ca mau do ai phu trach")
    assert _result_for(a, "51/KH")["leads"] == ["Sở Tư pháp"]


def test_owner_in_english(corpus_pipeline: Any) -> None:
    a = corpus_pipeline.ask("who owns indicator 22 in Dien Bien?")
    assert a.language == "en" and a.status == "answered"
    assert _result_for(a, "333/QĐ")["leads"] == ["Sở Giáo dục và Đào tạo"]
    assert "led by" in a.answer


def test_indicator_with_two_leads(corpus_pipeline: Any) -> None:
    a = corpus_pipeline.ask("Chỉ tiêu 9 Cà Mau do ai chủ trì?")
    leads = _result_for(a, "51/KH")["leads"]
    assert set(leads) == {"Sở Lao động - Thương binh và Xã hội", "Công an tỉnh"}


def test_question_fitting_several_documents_is_answered_per_document(corpus_pipeline: Any) -> None:
    a = corpus_pipeline.ask("Ai phụ trách chỉ tiêu 14?")
    numbers = {r["doc_number"] for r in a.facts["results"]}
    assert numbers == {"51/KH-UBND", "333/QĐ-UBND"}
    assert _result_for(a, "333/QĐ")["leads"] == ["Sở Lao động - Thương binh và Xã hội"]


def test_owner_by_topic(corpus_pipeline: Any) -> None:
    a = corpus_pipeline.ask("Chỉ tiêu về đăng ký khai sinh ở Cà Mau do ai phụ trách?")
    row = _result_for(a, "51/KH")
    assert row["indicator"] == 14 and row["leads"] == ["Sở Tư pháp"]


def test_indicators_of_body(corpus_pipeline: Any) -> None:
    a = corpus_pipeline.ask("Sở Văn hóa, Thể thao và Du lịch Cà Mau phụ trách những chỉ tiêu nào?")
    assert a.intent == "indicators_of_body"
    assert _result_for(a, "51/KH")["lead"] == [13, 21]


def test_target_for_a_year(corpus_pipeline: Any) -> None:
    a = corpus_pipeline.ask("Chỉ tiêu 14 của Cà Mau năm 2025 đạt bao nhiêu?")
    assert a.intent == "target" and a.status == "answered"
    assert "98,5%" in a.answer and "2025" in a.answer


def test_count(corpus_pipeline: Any) -> None:
    a = corpus_pipeline.ask("Điện Biên có bao nhiêu chỉ tiêu?")
    assert _result_for(a, "333/QĐ")["count"] == 29


def test_free_form_budget_is_quoted(corpus_pipeline: Any) -> None:
    a = corpus_pipeline.ask("An Giang: cấp huyện bố trí kinh phí tối thiểu bao nhiêu?")
    assert a.status == "answered"
    assert "150 triệu" in a.answer
    assert any("150 triệu" in c.quote for c in a.citations)


def test_place_not_covered_is_not_found(corpus_pipeline: Any) -> None:
    a = corpus_pipeline.ask("Kế hoạch năm 2023 của tỉnh Quảng Ninh giao chỉ tiêu 5 cho ai?")
    assert a.status == "not_found" and not a.citations
    assert "Quảng Ninh" in a.answer


def test_unrelated_question_is_not_found(corpus_pipeline: Any) -> None:
    a = corpus_pipeline.ask("Thủ đô của nước Pháp là thành phố nào?")
    assert a.status == "not_found"


def test_unknown_indicator_number_is_not_found(corpus_pipeline: Any) -> None:
    a = corpus_pipeline.ask("Chỉ tiêu 95 của Cà Mau do ai phụ trách?")
    assert a.status == "not_found"


def test_follow_ups_keep_context(corpus_pipeline: Any) -> None:
    conv = Conversation()
    corpus_pipeline.ask("Chỉ tiêu 14 của Cà Mau do cơ quan nào chủ trì?", conv)
    a = corpus_pipeline.ask("còn chỉ tiêu 15 thì sao?", conv)
    assert a.intent == "owner" and _result_for(a, "51/KH")["leads"] == ["Sở Giáo dục và Đào tạo"]
    b = corpus_pipeline.ask("ở Điện Biên thì sao?", conv)
    assert _result_for(b, "333/QĐ")["leads"] == ["Sở Y tế"]
    assert len(b.facts["results"]) == 1


def test_new_topic_does_not_inherit_follow_up(corpus_pipeline: Any) -> None:
    conv = Conversation()
    corpus_pipeline.ask("Chỉ tiêu 14 của Cà Mau do cơ quan nào chủ trì?", conv)
    a = corpus_pipeline.ask("Ai ký kế hoạch của Hưng Yên?", conv)
    assert a.intent == "signer" and "Nguyễn Duy Hưng" in a.answer  # the signature block, cited


@pytest.mark.parametrize("question", ["", "   ", "x" * 10_000, "这是什么计划？"])
def test_bad_questions_raise_a_clear_error(corpus_pipeline: Any, question: str) -> None:
    with pytest.raises(BadQuestion) as info:
        corpus_pipeline.ask(question)
    assert info.value.message and "\n" not in info.value.message


def test_control_characters_are_removed(corpus_pipeline: Any) -> None:
    a = corpus_pipeline.ask("Chỉ tiêu 14\x00 của Cà Mau\x07 do ai phụ trách?")
    assert _result_for(a, "51/KH")["leads"] == ["Sở Tư pháp"]


def test_langchain_retriever_returns_cited_documents(corpus_pipeline: Any) -> None:
    docs = corpus_pipeline.langchain_retriever(k=3).invoke("đăng ký khai sinh cho trẻ em")
    assert 1 <= len(docs) <= 3
    assert all(d.metadata["source"] and d.metadata["chunk_id"] for d in docs)
    assert any("khai sinh" in d.page_content for d in docs)
