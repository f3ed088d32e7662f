"""Questions that fit many plans, end to end on twelve small plans authored here (invented provinces, districts
and communes, three years): an unscoped question answers for the most recent few, says how many others match,
offers narrower questions that narrow as they say, and pages the rest without repeats."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from api.channels.core.messages import format_answer
from bot.answer import Answer, Citation, PageInfo, Suggestion
from bot.many import asked_tier

PLAN = """{header}
Số: {number}
{place_line}, ngày {day} tháng {month} năm {year}

KẾ HOẠCH
Phòng, chống dịch bệnh trên địa bàn {where} năm {year}

I. MỤC TIÊU
Chỉ tiêu 1: Tỷ lệ hộ gia đình được hướng dẫn phòng bệnh đạt 90% vào năm {year}.
Chỉ tiêu 2: Tỷ lệ trường học có phương án phòng bệnh đạt 100% vào năm {year}.

II. TỔ CHỨC THỰC HIỆN
1. Hội Chữ thập đỏ
- Chủ trì thực hiện chỉ tiêu 1.
- Vận động hội viên tham gia tuyên truyền phòng bệnh tại {where}.
2. {lead2}
- Chủ trì thực hiện chỉ tiêu 2; phối hợp thực hiện chỉ tiêu 1.
"""

PROVINCE = "ỦY BAN NHÂN DÂN\nTỈNH {P}"
DISTRICT = "UBND TỈNH {P}\nUBND HUYỆN {D}"
COMMUNE = "ỦY BAN NHÂN DÂN\nXÃ {C}"


def _plan(kind: str, number: int, day: int, month: int, year: int, province: str, district: str = "",
          commune: str = "") -> dict[str, Any]:
    if kind == "province":
        header, place, where, lead2 = PROVINCE.format(P=province.upper()), province, f"tỉnh {province}", "Sở Giáo dục"
    elif kind == "district":
        header, place, where = DISTRICT.format(P=province.upper(), D=district.upper()), district, f"huyện {district}"
        lead2 = "Phòng Giáo dục"
    else:
        header, place, where = COMMUNE.format(C=commune.upper()), commune, f"xã {commune}, huyện {district}"
        lead2 = "Trường Tiểu học"
    return dict(header=header, number=f"{number}/KH-UBND", place_line=place, day=day, month=month, year=year,
                where=where, lead2=lead2, kind=kind, province=province, district=district, commune=commune)


DOCS = {
    "lh_2023.txt": _plan("province", 11, 3, 2, 2023, "Lam Hạc"),
    "lh_2024.txt": _plan("province", 12, 4, 3, 2024, "Lam Hạc"),
    "lh_2025.txt": _plan("province", 13, 5, 4, 2025, "Lam Hạc"),
    "np_2024.txt": _plan("province", 21, 6, 5, 2024, "Ngân Phong"),
    "np_2025.txt": _plan("province", 22, 7, 6, 2025, "Ngân Phong"),
    "by_2023.txt": _plan("province", 31, 8, 7, 2023, "Bích Yến"),
    "by_2025.txt": _plan("province", 32, 9, 8, 2025, "Bích Yến"),
    "to_2024.txt": _plan("district", 41, 10, 9, 2024, "Lam Hạc", district="Tùng Oanh"),
    "sq_2024.txt": _plan("district", 42, 11, 10, 2024, "Ngân Phong", district="Sâm Quyên"),
    "ml_2024.txt": _plan("commune", 51, 12, 3, 2024, "Lam Hạc", district="Tùng Oanh", commune="Mai Loan"),
    "cn_2023.txt": _plan("commune", 52, 13, 4, 2023, "Ngân Phong", district="Sâm Quyên", commune="Cúc Nhạn"),
    "sd_2024.txt": _plan("commune", 53, 14, 5, 2024, "Lam Hạc", district="Tùng Oanh", commune="Sen Điệp"),
}
BY_NUMBER = {f"{d['number']}": d for d in DOCS.values()}
OWNER = "Chỉ tiêu 1 do cơ quan nào chủ trì?"


def _date(d: dict[str, Any]) -> str:
    return f"{d['year']}-{d['month']:02d}-{d['day']:02d}"


MOST_RECENT = [d["number"] for d in sorted(DOCS.values(), key=lambda d: (_date(d), d["number"]), reverse=True)]


@pytest.fixture(scope="module")
def many_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from index.config import IndexConfig
    from index.library import Library

    folder = tmp_path_factory.mktemp("many-docs")
    paths = []
    for name, fields in DOCS.items():
        path = folder / name
        path.write_text(PLAN.format(**fields), encoding="utf-8")
        paths.append(path)
    root = tmp_path_factory.mktemp("many-index") / "index"
    report = Library.create_or_open(root, IndexConfig()).ingest_paths(paths)
    assert len(report.ok) == len(DOCS), report.failed
    return root


@pytest.fixture(scope="module")
def pipeline(many_index: Path) -> Any:
    from bot.pipeline import build_pipeline
    from bot.settings import Settings

    return build_pipeline(Settings(index_dir=many_index))


def numbers(answer: Answer) -> list[str]:
    """The plans an owner or duties answer speaks for, in order."""
    assert answer.status == "answered", answer.answer
    return [r["doc_number"] for r in answer.facts["results"]]


def test_every_plan_is_indexed_with_its_place_and_level(pipeline: Any) -> None:
    docs = {d["doc_number"]: d for d in pipeline.documents()}
    assert set(docs) == set(BY_NUMBER)
    assert docs["51/KH-UBND"]["place"] == "Mai Loan"


def test_unscoped_question_answers_for_the_most_recent_few_and_counts_the_others(pipeline: Any) -> None:
    answer = pipeline.ask(OWNER)
    assert set(numbers(answer)) == set(MOST_RECENT[:5])  # within a page, in the order the intent writes
    assert all(r["leads"] == ["Hội Chữ thập đỏ"] for r in answer.facts["results"])
    assert "và 7 kế hoạch khác cũng có chỉ tiêu 1" in answer.answer
    assert answer.page is not None
    assert (answer.page.number, answer.page.total_documents, answer.page.pages, answer.page.next) == (1, 12, 3, 2)
    shown = set(answer.page.documents)
    assert {c.doc_id for c in answer.citations} == shown
    keys = [(c.doc_id, c.char_start, c.char_end) for c in answer.citations]
    assert len(keys) == len(set(keys))  # every passage cited once


def test_pages_return_the_rest_without_repeats(pipeline: Any) -> None:
    seen: list[str] = []
    page: int | None = 1
    while page is not None:
        answer = pipeline.ask(OWNER, page=page)
        assert answer.page is not None and answer.page.number == page
        assert set(numbers(answer)) == set(MOST_RECENT[(page - 1) * 5: page * 5])
        seen += numbers(answer)
        page = answer.page.next
    assert sorted(seen) == sorted(MOST_RECENT)  # each plan once
    last = pipeline.ask(OWNER, page=3)
    assert "chỉ tiêu 1" in last.answer and last.page is not None and last.page.next is None


def test_a_page_past_the_end_is_the_last_page(pipeline: Any) -> None:
    answer = pipeline.ask(OWNER, page=99)
    assert answer.page is not None and answer.page.number == 3
    assert set(numbers(answer)) == set(MOST_RECENT[10:])


def _expected(suggestion: Suggestion) -> set[str]:
    """The plans a suggestion's question must answer for, from the authored plans (not from the code)."""
    q = suggestion.question.lower()
    if suggestion.kind == "year":
        year = int(q.rsplit(" ", 1)[1])
        return {n for n, d in BY_NUMBER.items() if d["year"] == year}
    if suggestion.kind == "level":
        kind = {"tỉnh": "province", "huyện": "district", "xã": "commune"}[q.rsplit(" ", 1)[1]]
        return {n for n, d in BY_NUMBER.items() if d["kind"] == kind}
    place = q.split("kế hoạch của ", 1)[1]
    level, name = place.split(" ", 1)
    # A unit's own plans: those of the units below it are asked for by their own names (tests/test_places_ask.py).
    if level == "tỉnh":
        return {n for n, d in BY_NUMBER.items() if d["kind"] == "province" and d["province"].lower() == name}
    if level == "huyện":
        return {n for n, d in BY_NUMBER.items() if d["kind"] == "district" and d["district"].lower() == name}
    return {n for n, d in BY_NUMBER.items() if d["commune"].lower() == name}


def test_narrowing_suggestions_narrow_as_they_say(pipeline: Any) -> None:
    answer = pipeline.ask(OWNER)
    kinds = {s.kind for s in answer.suggestions}
    assert kinds == {"place", "level", "year"}
    for suggestion in answer.suggestions:
        assert suggestion.question.startswith(OWNER)
        narrowed = pipeline.ask(suggestion.question)
        expected = _expected(suggestion)
        assert 0 < len(expected) < len(DOCS), suggestion
        assert suggestion.documents == len(expected), suggestion
        got = set(numbers(narrowed))
        if len(expected) <= 5:
            assert got == expected, suggestion
            assert narrowed.page is None
        else:
            assert narrowed.page is not None and narrowed.page.total_documents == len(expected), suggestion
            assert got <= expected and len(got) == 5, suggestion
    years = {s.label for s in answer.suggestions if s.kind == "year"}
    assert "Năm 2024 (6)" in years


def test_body_duties_over_many_plans_are_capped_too(pipeline: Any) -> None:
    answer = pipeline.ask("Hội Chữ thập đỏ có nhiệm vụ gì?")
    assert answer.intent == "duties"
    assert set(numbers(answer)) == set(MOST_RECENT[:5])
    assert answer.page is not None and answer.page.total_documents == 12
    assert "7 kế hoạch khác" in answer.answer
    assert answer.suggestions


def test_a_question_within_the_cap_is_not_paged(pipeline: Any) -> None:
    answer = pipeline.ask("Chỉ tiêu 1 của tỉnh Ngân Phong do cơ quan nào chủ trì?")
    assert set(numbers(answer)) == {"21/KH-UBND", "22/KH-UBND"}
    assert answer.page is None and answer.suggestions == []
    assert "page" not in answer.to_dict() and "suggestions" not in answer.to_dict()


def test_level_is_only_a_filter_when_said_of_the_plans() -> None:
    assert asked_tier("chi tieu 1 do ai chu tri — ke hoach cap tinh") == "province"
    assert asked_tier("indicator 1 owner — commune-level plans") == "commune"
    assert asked_tier("cap xa phai bo tri kinh phi toi thieu bao nhieu") is None


def test_english_question_is_capped_with_english_wording(pipeline: Any) -> None:
    answer = pipeline.ask("Who leads indicator 1?")
    assert answer.page is not None and answer.page.total_documents == 12
    assert "7 other plans also have indicator 1" in answer.answer
    level = next(s for s in answer.suggestions if s.kind == "level")
    narrowed = pipeline.ask(level.question)
    assert len(numbers(narrowed)) == min(5, level.documents)


def test_setting_sets_plans_per_answer(many_index: Path) -> None:
    from bot.pipeline import build_pipeline
    from bot.settings import Settings

    small = build_pipeline(Settings(index_dir=many_index, bot={"plans_per_answer": 3}))
    answer = small.ask(OWNER)
    assert set(numbers(answer)) == set(MOST_RECENT[:3])
    assert answer.page is not None and answer.page.pages == 4 and "và 9 kế hoạch khác" in answer.answer


# ---------------------------------------------------------------- the API and the channels


@pytest.fixture(scope="module")
def client(many_index: Path) -> Iterator[httpx.Client]:
    from api_support import api_settings, make_app, ready_client

    yield from ready_client(make_app(api_settings(many_index)))


def test_api_pages_the_rest_without_duplicates(client: httpx.Client) -> None:
    seen: list[str] = []
    body: dict[str, Any] = {"question": OWNER}
    while True:
        response = client.post("/v1/ask", json=body)
        assert response.status_code == 200, response.text
        data = response.json()
        seen += [r["doc_number"] for r in data["facts"]["results"]]
        assert data["suggestions"] and all(s["question"] for s in data["suggestions"])
        if data["page"]["next"] is None:
            break
        body = {"question": OWNER, "page": data["page"]["next"]}
    assert sorted(seen) == sorted(MOST_RECENT) and len(seen) == len(set(seen))


def test_api_refuses_a_bad_page_and_documents_paging(client: httpx.Client) -> None:
    assert client.post("/v1/ask", json={"question": OWNER, "page": 0}).status_code == 422
    schema = client.get("/openapi.json").json()["components"]["schemas"]
    assert "page" in schema["AskRequest"]["properties"]
    assert {"suggestions", "page"} <= set(schema["AskResponse"]["properties"])
    assert "next" in schema["PageOut"]["properties"]


def test_zalo_reply_lists_the_suggested_questions() -> None:
    answer = Answer(status="answered", answer="Theo Kế hoạch 13/KH-UBND …",
                    citations=[Citation("d1", "a.txt", None, "13/KH-UBND", "II", "Chủ trì", None, 0, 5)],
                    suggestions=[Suggestion("year", "Năm 2024 (6)", f"{OWNER} — kế hoạch năm 2024", 6)],
                    page=PageInfo(1, 5, 12, 3, ["d1"], 2))
    text = format_answer(answer)
    assert "Hỏi hẹp lại" in text and f"“{OWNER} — kế hoạch năm 2024”" in text
    assert text.index("Nguồn:") < text.index("Hỏi hẹp lại")
    assert "Hỏi hẹp lại" not in format_answer(Answer(status="answered", answer="x"))


def test_widget_shows_suggestions_as_buttons_and_asks_the_next_page() -> None:
    widget = (Path(__file__).resolve().parents[1] / "api/channels/web/static/widget.js").read_text(encoding="utf-8")
    render = widget[widget.index("function renderNarrowing"):widget.index("function renderSuggestions")]
    assert "body.suggestions" in render and "ask(s.question)" in render
    assert "ask(question, body.page.next)" in render
    assert "body.page = page" in widget
