"""Questions naming a place, end to end on a small index of documents authored here: a province, two
district plans, commune plans before and after 1 July 2025, a Sở's plan, and plans of real places that
the 2025 reorganisation renamed.

Every plan gives indicator 1 to a different body, so the body in the answer says which plan answered.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.conversation import Conversation

PLAN = """{header}
Số: {number}
{place_line}, ngày {day} tháng {month} năm {year}

KẾ HOẠCH
{title}

I. MỤC TIÊU
Chỉ tiêu 1: Tỷ lệ hộ gia đình được hướng dẫn kỹ năng phòng, chống thiên tai đạt 90% vào năm {year}.
Chỉ tiêu 2: Tỷ lệ trường học có phương án phòng, chống thiên tai đạt 100% vào năm {year}.

II. TỔ CHỨC THỰC HIỆN
1. {lead}
- Chủ trì thực hiện chỉ tiêu 1.
2. {lead2}
- Chủ trì thực hiện chỉ tiêu 2; phối hợp thực hiện chỉ tiêu 1.
"""

DOCS = {
    "tinh_lam_son.txt": dict(
        header="ỦY BAN NHÂN DÂN\nTỈNH LÂM SƠN", number="30/KH-UBND", place_line="Lâm Sơn", day=5, month=3,
        year=2024, title="Phòng, chống thiên tai trên địa bàn tỉnh Lâm Sơn năm 2024",
        lead="Sở Nông nghiệp và Phát triển nông thôn", lead2="Sở Giáo dục và Đào tạo"),
    "huyen_hoa_may.txt": dict(
        header="UBND TỈNH LÂM SƠN\nUBND HUYỆN HÒA MÂY", number="41/KH-UBND", place_line="Hòa Mây", day=8,
        month=4, year=2024, title="Phòng, chống thiên tai năm 2024",
        lead="Phòng Nông nghiệp và Phát triển nông thôn", lead2="Phòng Giáo dục và Đào tạo"),
    "xa_tan_may.txt": dict(
        header="ỦY BAN NHÂN DÂN\nXÃ TÂN MÂY", number="12/KH-UBND", place_line="Tân Mây", day=20, month=4,
        year=2024, title="Phòng, chống thiên tai trên địa bàn xã Tân Mây, huyện Đồi Mây năm 2024",
        lead="Công chức Địa chính - Nông nghiệp", lead2="Trường Tiểu học Tân Mây"),
    "xa_bich_may.txt": dict(
        header="ỦY BAN NHÂN DÂN\nXÃ BÍCH MÂY", number="07/KH-UBND", place_line="Bích Mây", day=15,
        month=9, year=2025, title="Phòng, chống thiên tai trên địa bàn xã Bích Mây, tỉnh Lâm Sơn năm 2025",
        lead="Phòng Kinh tế", lead2="Phòng Văn hóa - Xã hội"),
    "so_y_te_lam_son.txt": dict(
        header="UBND TỈNH LÂM SƠN\nSỞ Y TẾ", number="45/KH-SYT", place_line="Lâm Sơn", day=12, month=8,
        year=2025, title="Tiêm chủng mở rộng năm 2025", lead="Trung tâm Kiểm soát bệnh tật",
        lead2="Bệnh viện Đa khoa tỉnh"),
    # Real places: a pre-2025 district plan, and a plan of a province enlarged on 1 July 2025.
    "huyen_vi_xuyen.txt": dict(
        header="ỦY BAN NHÂN DÂN\nHUYỆN VỊ XUYÊN", number="88/KH-UBND", place_line="Vị Xuyên", day=2, month=3,
        year=2023, title="Phòng, chống thiên tai năm 2023",
        lead="Phòng Tài nguyên và Môi trường", lead2="Phòng Văn hóa và Thông tin"),
    "tinh_thai_nguyen.txt": dict(
        header="ỦY BAN NHÂN DÂN\nTỈNH THÁI NGUYÊN", number="210/KH-UBND", place_line="Thái Nguyên", day=25,
        month=9, year=2025, title="Phòng, chống thiên tai năm 2025",
        lead="Sở Nông nghiệp và Môi trường", lead2="Sở Dân tộc và Tôn giáo"),
}


@pytest.fixture(scope="module")
def places_pipeline(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from bot.pipeline import build_pipeline
    from bot.settings import Settings
    from index.config import IndexConfig
    from index.library import Library

    folder = tmp_path_factory.mktemp("place-docs")
    paths = []
    for name, fields in DOCS.items():
        path = folder / name
        path.write_text(PLAN.format(**fields), encoding="utf-8")
        paths.append(path)
    root = tmp_path_factory.mktemp("place-index") / "index"
    report = Library.create_or_open(root, IndexConfig()).ingest_paths(paths)
    assert len(report.ok) == len(DOCS), report.failed
    return build_pipeline(Settings(index_dir=root))


def leads(answer: Any) -> dict[str, list[str]]:
    """doc number -> leads of indicator 1, for every document the answer used."""
    assert answer.status == "answered", answer.answer
    return {r["doc_number"]: r["leads"] for r in answer.facts["results"]}


def test_documents_list_issuer_and_chain(places_pipeline: Any) -> None:
    docs = {d["source"]: d for d in places_pipeline.documents()}
    assert docs["xa_tan_may.txt"]["place_chain"] == ["xã Tân Mây", "huyện Đồi Mây"]
    assert docs["xa_bich_may.txt"]["place_chain"] == ["xã Bích Mây", "tỉnh Lâm Sơn"]
    assert docs["so_y_te_lam_son.txt"]["issuer"] == "Sở Y tế tỉnh Lâm Sơn"
    assert docs["huyen_vi_xuyen.txt"]["place_chain"] == ["huyện Vị Xuyên", "tỉnh Hà Giang"]


@pytest.mark.parametrize("question", [
    "Chỉ tiêu 1 của xã Tân Mây do ai chủ trì?",
    "chi tieu 1 xa tan may do ai chu tri",
    "Chỉ tiêu 1 xã Tân Mây, huyện Đồi Mây do cơ quan nào chủ trì?",
    # The commune plan is found by its district too, which has no plan of its own.
    "Huyện Đồi Mây giao chỉ tiêu 1 cho ai?",
    "Who leads indicator 1 in Doi May district?",
])
def test_commune_plan_found_by_its_commune_or_district(places_pipeline: Any, question: str) -> None:
    a = places_pipeline.ask(question)
    assert leads(a) == {"12/KH-UBND": ["Công chức Địa chính - Nông nghiệp"]}
    assert "12/KH-UBND" in a.answer


@pytest.mark.parametrize("question", [
    "Chỉ tiêu 1 của huyện Hòa Mây do ai chủ trì?",
    "chi tieu 1 hoa may do phong nao chu tri",
    "Who leads indicator 1 in Hoa May district, Lam Son province?",
])
def test_district_plan_found_whether_or_not_the_province_is_named(places_pipeline: Any, question: str) -> None:
    assert leads(places_pipeline.ask(question)) == {"41/KH-UBND": ["Phòng Nông nghiệp và Phát triển nông thôn"]}


def test_province_named_prefers_its_own_plans_to_those_below_it(places_pipeline: Any) -> None:
    a = places_pipeline.ask("Chỉ tiêu 1 của tỉnh Lâm Sơn do ai chủ trì?")
    # The province's own plans (the People's Committee's and the Sở's), not the district's or commune's.
    assert leads(a) == {"30/KH-UBND": ["Sở Nông nghiệp và Phát triển nông thôn"],
                        "45/KH-SYT": ["Trung tâm Kiểm soát bệnh tật"]}
    assert "Sở Y tế tỉnh Lâm Sơn" in a.answer  # the Sở's plan is labelled with its issuer


def test_post_2025_commune_plan_found_by_its_commune(places_pipeline: Any) -> None:
    a = places_pipeline.ask("Xã Bích Mây giao chỉ tiêu 1 cho cơ quan nào?")
    assert leads(a) == {"07/KH-UBND": ["Phòng Kinh tế"]}
    assert "place_notes" not in a.facts  # a current name: nothing to say about it


def test_follow_up_keeps_the_place(places_pipeline: Any) -> None:
    conv = Conversation()
    places_pipeline.ask("Chỉ tiêu 1 của xã Tân Mây do ai chủ trì?", conv)
    a = places_pipeline.ask("còn chỉ tiêu 2 thì sao?", conv)
    assert leads(a) == {"12/KH-UBND": ["Trường Tiểu học Tân Mây"]}
    b = places_pipeline.ask("ở huyện Hòa Mây thì sao?", conv)
    assert leads(b) == {"41/KH-UBND": ["Phòng Giáo dục và Đào tạo"]}


@pytest.mark.parametrize(("question", "place"), [
    ("Chỉ tiêu 1 của huyện Nậm Mây do ai chủ trì?", "huyện Nậm Mây"),  # fictional, written as a place
    ("Chỉ tiêu 1 của xã Hồng Mây do ai chủ trì?", "xã Hồng Mây"),
    ("chi tieu 1 cua quang ninh do ai chu tri", "tỉnh Quảng Ninh"),  # a real province, no diacritics
    ("Kế hoạch phòng, chống thiên tai của thành phố Hà Nội giao chỉ tiêu 1 cho ai?", "thành phố Hà Nội"),
])
def test_place_no_document_covers_is_not_found_at_any_level(places_pipeline: Any, question: str,
                                                             place: str) -> None:
    a = places_pipeline.ask(question)
    assert a.status == "not_found" and not a.citations
    assert f"Chưa có văn bản nào của {place}" in a.answer


def test_old_province_name_answered_from_the_province_that_took_it_over(places_pipeline: Any) -> None:
    a = places_pipeline.ask("Chỉ tiêu 1 của Bắc Kạn do ai chủ trì?")
    assert leads(a) == {"210/KH-UBND": ["Sở Nông nghiệp và Môi trường"]}
    first = a.answer.split("\n")[0]
    # Said first: the name is from before 1 July 2025, what it is now, and which document answered.
    assert "Bắc Kạn" in first and "01/7/2025" in first and "tỉnh Thái Nguyên" in first and "210/KH-UBND" in first
    (note,) = a.facts["place_notes"]
    assert note["via_successor"] and note["now"] == ["tỉnh Thái Nguyên"]


def test_old_name_in_english(places_pipeline: Any) -> None:
    a = places_pipeline.ask("Who leads indicator 1 in Bac Kan province?")
    assert leads(a) == {"210/KH-UBND": ["Sở Nông nghiệp và Môi trường"]}
    assert "before 1 July 2025" in a.answer.split("\n")[0]


def test_district_name_of_a_plan_is_recognised_as_pre_2025(places_pipeline: Any) -> None:
    a = places_pipeline.ask("Chỉ tiêu 1 của huyện Vị Xuyên do ai chủ trì?")
    assert leads(a) == {"88/KH-UBND": ["Phòng Tài nguyên và Môi trường"]}
    lines = a.answer.split("\n")
    assert not lines[0].startswith("Lưu ý") and lines[-1].startswith("Lưu ý")  # the plan answers first
    assert "huyện Vị Xuyên" in a.answer and "01/7/2025" in a.answer and "tỉnh Tuyên Quang" in a.answer
    assert not a.facts["place_notes"][0]["via_successor"]


def test_old_province_found_through_the_gazetteer_chain(places_pipeline: Any) -> None:
    # The district plan never names its province; the gazetteer knows it.
    a = places_pipeline.ask("chi tieu 1 cua ha giang do ai chu tri")
    assert leads(a) == {"88/KH-UBND": ["Phòng Tài nguyên và Môi trường"]}
    assert "Hà Giang" in a.answer and "Tuyên Quang" in a.answer


def test_old_name_without_a_successor_document_is_not_found_and_says_so(places_pipeline: Any) -> None:
    a = places_pipeline.ask("Chỉ tiêu 1 của huyện Mường Tè do ai chủ trì?")
    assert a.status == "not_found"
    assert "Chưa có văn bản nào của huyện Mường Tè" in a.answer
    assert "01/7/2025" in a.answer and "tỉnh Lai Châu" in a.answer


def test_current_name_that_matches_no_plan_of_its_era_is_not_guessed(places_pipeline: Any) -> None:
    # Thái Nguyên's plan is dated after the merger: a question about Thái Nguyên itself finds it, and
    # says nothing about old names.
    a = places_pipeline.ask("Chỉ tiêu 1 của Thái Nguyên do ai chủ trì?")
    assert leads(a) == {"210/KH-UBND": ["Sở Nông nghiệp và Môi trường"]}
    assert "01/7/2025" not in a.answer


def test_generic_level_words_are_not_places(places_pipeline: Any) -> None:
    a = places_pipeline.ask("Cấp xã phải làm gì để phòng, chống thiên tai?")
    assert "Chưa có văn bản nào" not in a.answer


def test_index_without_place_chain_still_selects_by_place(tmp_path: Path) -> None:
    # Indexes written before the chain existed have place and parent_place only.
    from bot.places import PlaceDirectory

    metas = {"d1": {"place": "Tân Mây", "place_level": "xã", "parent_place": "huyện Đồi Mây"},
             "d2": {"place": "Lâm Sơn", "place_level": "tỉnh"}}
    directory = PlaceDirectory(metas)
    assert directory.match("Huyện Đồi Mây giao chỉ tiêu 1 cho ai?").doc_ids == {"d1"}
    assert directory.match("chi tieu 1 tan may").doc_ids == {"d1"}
    assert directory.match("Lâm Sơn").doc_ids == {"d2"}
    assert directory.match("tỉnh Quảng Ninh").unknown == "tỉnh Quảng Ninh"


def test_follow_up_repeats_a_note_only_when_another_units_plan_answers(places_pipeline: Any) -> None:
    conv = Conversation()
    places_pipeline.ask("Chỉ tiêu 1 của huyện Vị Xuyên do ai chủ trì?", conv)
    a = places_pipeline.ask("còn chỉ tiêu 2 thì sao?", conv)
    assert leads(a) == {"88/KH-UBND": ["Phòng Văn hóa và Thông tin"]} and "Lưu ý" not in a.answer
    conv = Conversation()
    places_pipeline.ask("Chỉ tiêu 1 của Bắc Kạn do ai chủ trì?", conv)
    b = places_pipeline.ask("còn chỉ tiêu 2 thì sao?", conv)
    assert leads(b) == {"210/KH-UBND": ["Sở Dân tộc và Tôn giáo"]}
    assert b.answer.startswith("Lưu ý: tỉnh Bắc Kạn")


@pytest.mark.parametrize("question", [
    "ngan sach xa bo tri toi thieu bao nhieu",  # "cấp xã"-like uses of a level word
    "phuong an phong chong thien tai nam nay",  # "phương án", not a ward called An Phong
    "quan ly nha nuoc ve tre em",
    "tinh hinh thuc hien chi tieu 5",
    "Trạm Y tế xã phối hợp thực hiện chỉ tiêu nào?",
    "UBND Huyện chủ trì chỉ tiêu nào?",
    "Which commune plans are there?",
    "cơ quan nào chủ trì chỉ tiêu 3",
])
def test_words_that_look_like_places_are_not(question: str) -> None:
    from bot.places import PlaceDirectory

    m = PlaceDirectory({"d": {"place": "Lâm Sơn", "place_level": "tỉnh"}}).match(question)
    assert (m.unknown, m.names, m.doc_ids, m.notes) == (None, [], None, [])


@pytest.mark.parametrize(("question", "unknown"), [
    ("ke hoach cua phuong ben thanh", "phường Bến Thành"),  # no diacritics: the gazetteer gives the name
    ("Plans of Hoa Binh province?", "tỉnh Hòa Bình"),
    ("Who leads indicator 1 in Nam May district?", "Nam May"),  # not in the gazetteer, written as a name
])
def test_places_without_documents_are_named_as_places(question: str, unknown: str) -> None:
    from bot.places import PlaceDirectory

    assert PlaceDirectory({"d": {"place": "Lâm Sơn", "place_level": "tỉnh"}}).match(question).unknown == unknown
