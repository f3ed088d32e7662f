"""The intent registry: one list, one winner per question, each name registered once."""

from __future__ import annotations

import pytest

from bot.intents import BY_NAME, INTENTS
from bot.understand import Catalog, understand

CATALOG = Catalog(places={}, agencies={"so noi vu": "Sở Nội vụ", "cong an tinh": "Công an tỉnh"}, doc_numbers={})


def test_every_intent_is_registered_once_with_a_name() -> None:
    names = [i.name for i in INTENTS]
    assert len(names) == len(set(names)) and set(BY_NAME) == set(names)
    assert "free" in BY_NAME  # the fallback every question can reach


@pytest.mark.parametrize(("question", "intent"), [
    ("Kế hoạch có những chỉ tiêu nào?", "list"),
    ("Kế hoạch gồm những hoạt động nào?", "list"),
    ("ke hoach co nhung nhiem vu gi", "list"),
    ("What are the tasks of the plan?", "list"),
    ("Các giải pháp của kế hoạch phòng chống thiên tai là gì?", "list"),
    ("Liệt kê các hoạt động của kế hoạch", "list"),
    ("Tóm tắt kế hoạch", "summary"),
    ("Summarize the plan", "summary"),
    ("Những kế hoạch nào kéo dài đến 2030?", "cross_plan"),
    ("Có bao nhiêu kế hoạch cấp xã?", "cross_plan"),
    ("How many commune-level plans are there?", "cross_plan"),
    ("So sánh chỉ tiêu về nước sạch của hai tỉnh", "cross_plan"),
    ("Tỉnh nào giao cho Công an tỉnh chỉ tiêu về an ninh mạng?", "cross_plan"),
    # Questions the older intents keep.
    ("Sở Nội vụ phụ trách những chỉ tiêu nào?", "indicators_of_body"),
    ("Chỉ tiêu 4 do cơ quan nào chủ trì?", "owner"),
    ("Có những cơ quan nào phối hợp thực hiện chỉ tiêu 4?", "owner"),
    ("Kế hoạch có bao nhiêu chỉ tiêu?", "count"),
    ("Chỉ tiêu 4 năm 2026 đạt bao nhiêu?", "target"),
    ("Kế hoạch ban hành ngày nào?", "meta"),
    ("Mùa mưa bão bắt đầu khi nào?", "free"),
    ("Thủ đô của nước Pháp là thành phố nào?", "free"),  # a place question that is not about plans
])
def test_the_highest_scoring_intent_wins(question: str, intent: str) -> None:
    assert understand(question, CATALOG, INTENTS).intent == intent


def test_without_a_registry_every_question_is_free_text() -> None:
    assert understand("Chỉ tiêu 4 do ai chủ trì?", CATALOG).intent == "free"


def test_a_place_name_is_not_read_as_the_body_named_after_it() -> None:
    catalog = Catalog(places={"kim ha": "Kim Hà"}, agencies={"bao kim ha": "Báo Kim Hà", "so noi vu": "Sở Nội vụ"},
                      doc_numbers={})
    q = understand("Kế hoạch Kim Hà có những nhiệm vụ gì?", catalog, INTENTS)
    assert q.agency_keys == [] and q.intent == "list"
    assert understand("Báo Kim Hà có nhiệm vụ gì?", catalog, INTENTS).agency_keys == ["bao kim ha"]
