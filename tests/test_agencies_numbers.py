"""Body names (keys, display names, headings) and numbers (values, targets, indicator mentions)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest.agencies import (
    agency_key,
    display_name,
    is_agency_start,
    is_generic,
    names_in_heading,
    names_in_text,
)
from ingest.numbers import indicator_mentions, parse_number, parse_targets

# ---------------------------------------------------------------- agency keys

SAME_BODY = [
    (
        "Sở Lao động - Thương binh và Xã hội",
        "Sở Lao động – Thương binh và Xã hội",
        "Sở Lao động-Thương binh và Xã hội",
        "Sở LĐTBXH",
        "Sở LĐ-TBXH",
        "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
    ),
    ("Phòng Lao động - Thương binh và Xã hội", "Phòng Lao động - TB&XH", "Phòng LĐ-TBXH", "Phòng LĐTBXH"),
    ("Sở Giáo dục và Đào tạo", "Sở GD&ĐT", "Sở Giáo dục – Đào tạo", "Sở GDĐT"),
    ("Sở Văn hóa, Thể thao và Du lịch", "Sở VHTTDL", "Sở Văn hoá, Thể thao và Du lịch"),
    ("Ủy ban nhân dân xã Tân Hòa", "UBND xã Tân Hoà", "Uỷ ban nhân dân xã Tân Hòa"),
    ("Sở Thông tin và Truyền thông", "Sở TT&TT", "Sở TTTT"),
    # Bodies of the two-level administration (since July 2025)
    (
        "Sở Nông nghiệp và Môi trường", "Sở NN&MT", "Sở NNMT", "Sở Nông nghiệp - Môi trường",
        "Sở Nông nghiệp và Môi trường tỉnh",
    ),
    ("Sở Dân tộc và Tôn giáo", "Sở DT&TG", "Sở DTTG", "Sở Dân tộc và Tôn giáo tỉnh"),
    (
        "Văn phòng HĐND và UBND xã", "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã", "VP HĐND-UBND xã",
        "Văn phòng HĐND & UBND xã",
    ),
    ("Phòng Văn hóa - Xã hội", "Phòng Văn hóa-Xã hội", "Phòng Văn hoá – Xã hội", "Phòng VH-XH", "Phòng VHXH"),
    ("Phòng Kinh tế, Hạ tầng và Đô thị", "Phòng KT-HT&ĐT", "Phòng Kinh tế - Hạ tầng và Đô thị"),
    ("Trung tâm Phục vụ hành chính công", "Trung tâm PVHCC", "Trung tâm Phục vụ hành chính công xã"),
    # Mass organisations, the armed forces, committees
    (
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "UBMTTQVN tỉnh", "Ủy ban MTTQ Việt Nam tỉnh",
        "Uỷ ban MTTQVN tỉnh",
    ),
    ("Hội Liên hiệp Phụ nữ tỉnh", "Hội LHPN tỉnh"),
    ("Ban Chỉ huy Quân sự xã", "Ban CHQS xã", "BCHQS xã"),
    ("Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "Bộ Chỉ huy BĐBP tỉnh"),
    (
        "Ban Chỉ huy Phòng, chống thiên tai và Tìm kiếm cứu nạn tỉnh", "Ban Chỉ huy PCTT và TKCN tỉnh",
        "Ban Chỉ huy PCTT&TKCN tỉnh",
    ),
    # A department exists at one level: the level word does not make another body
    ("Sở Y tế", "Sở Y tế tỉnh", "SỞ Y TẾ"),
    ("Phòng Lao động - Thương binh và Xã hội", "Phòng LĐ-TBXH huyện"),
    ("Trung tâm Y tế huyện", "Trung tâm Y tế"),
]


@pytest.mark.parametrize("variants", SAME_BODY)
def test_variants_of_one_body_share_one_key(variants: tuple[str, ...]) -> None:
    keys = {agency_key(v) for v in variants}
    assert len(keys) == 1, keys


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Sở Y tế", "Sở Tư pháp"),
        ("Công an tỉnh", "Công an huyện"),
        ("Phòng Giáo dục và Đào tạo", "Sở Giáo dục và Đào tạo"),
        ("Trạm Y tế xã", "Trung tâm Y tế huyện"),
        ("Ủy ban nhân dân tỉnh", "Ủy ban nhân dân huyện"),
        # Old and new bodies side by side stay apart: a plan's body is the one it names.
        ("Sở Lao động - Thương binh và Xã hội", "Sở Nội vụ"),
        ("Sở Tài nguyên và Môi trường", "Sở Nông nghiệp và Môi trường"),
        ("Sở Nông nghiệp và Phát triển nông thôn", "Sở Nông nghiệp và Môi trường"),
        ("Ban Dân tộc tỉnh", "Sở Dân tộc và Tôn giáo"),
        ("Sở Thông tin và Truyền thông", "Sở Khoa học và Công nghệ"),
        ("Văn phòng HĐND và UBND xã", "Ủy ban nhân dân xã"),
        ("Ban Chỉ huy Quân sự xã", "Bộ Chỉ huy Quân sự tỉnh"),
        ("Công an xã", "Công an tỉnh"),
        ("Phòng Y tế", "Phòng Y tế các huyện"),
    ],
)
def test_different_bodies_have_different_keys(a: str, b: str) -> None:
    assert agency_key(a) != agency_key(b)


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("Sở LĐ-TBXH", "Sở Lao động - Thương binh và Xã hội"),
        ("Sở Lao động – Thương binh và Xã hội", "Sở Lao động - Thương binh và Xã hội"),
        ("Sở Lao động-Thương binh và Xã hội", "Sở Lao động - Thương binh và Xã hội"),
        ("Phòng GD&ĐT", "Phòng Giáo dục và Đào tạo"),
        ("UBND xã Tân Hòa", "Ủy ban nhân dân xã Tân Hòa"),
        ("  Sở   Y tế: ", "Sở Y tế"),
        ("Công chức Tư pháp – Hộ tịch", "Công chức Tư pháp - Hộ tịch"),
        ("Sở NN&MT", "Sở Nông nghiệp và Môi trường"),
        ("VP HĐND và UBND xã", "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã"),
        ("Ban Chỉ huy PCTT&TKCN tỉnh", "Ban Chỉ huy Phòng, chống thiên tai và Tìm kiếm cứu nạn tỉnh"),
        ("phòng Tư pháp", "Phòng Tư pháp"),
    ],
)
def test_display_name(written: str, shown: str) -> None:
    assert display_name(written) == shown


def test_key_ignores_case_diacritics_and_separators() -> None:
    assert agency_key("Sở Y tế") == "so y te"
    assert agency_key("Sở Lao động - Thương binh và Xã hội") == "so lao dong thuong binh xa hoi"
    assert agency_key("Sở Văn hóa, Thể thao và Du lịch") == "so van hoa the thao du lich"


# ---------------------------------------------------------------- recognising bodies


@pytest.mark.parametrize(
    "text",
    [
        "Sở Y tế",
        "Công an tỉnh",
        "UBND các huyện",
        "Trạm Y tế Thị trấn",
        "Công chức Văn hóa - Xã hội",
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
        "Hội Liên hiệp Phụ nữ tỉnh",
        "Báo Hưng Yên",
        "các sở, ngành",
        "Trung tâm Y tế huyện",
        "Phòng Lao động - TB&XH",
    ],
)
def test_is_agency_start(text: str) -> None:
    assert is_agency_start(text)


@pytest.mark.parametrize(
    "text",
    ["Bảo vệ trẻ em", "Nhiệm vụ chung", "Tăng cường công tác", "sở y tế chữ thường", "100% trẻ em", ""],
)
def test_is_not_agency_start(text: str) -> None:
    assert not is_agency_start(text)


@pytest.mark.parametrize(
    ("heading", "names"),
    [
        ("Sở Tư pháp", ["Sở Tư pháp"]),
        ("Sở Tư pháp:", ["Sở Tư pháp"]),
        ("Trách nhiệm Sở Lao động-Thương binh và Xã hội:", ["Sở Lao động-Thương binh và Xã hội"]),
        ("Sở Y tế, Sở Giáo dục và Đào tạo:", ["Sở Y tế", "Sở Giáo dục và Đào tạo"]),
        ("Sở Văn hóa, Thể thao và Du lịch", ["Sở Văn hóa, Thể thao và Du lịch"]),
        ("Sở Tư pháp chủ trì thực hiện chỉ tiêu 14", ["Sở Tư pháp"]),
        (
            "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh, Tỉnh đoàn, Hội Liên hiệp Phụ nữ tỉnh",
            ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Tỉnh đoàn", "Hội Liên hiệp Phụ nữ tỉnh"],
        ),
        ("Tòa án nhân dân, Viện kiểm sát nhân dân tỉnh:", ["Tòa án nhân dân", "Viện kiểm sát nhân dân tỉnh"]),
        ("Nhiệm vụ chung", []),
        ("Tăng cường sự lãnh đạo của các cấp ủy Đảng", []),
    ],
)
def test_names_in_heading(heading: str, names: list[str]) -> None:
    assert names_in_heading(heading) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Sở Văn hóa, Thể thao và Du lịch chủ trì, Sở Giáo dục và Đào tạo phối hợp",
            ["Sở Văn hóa, Thể thao và Du lịch", "Sở Giáo dục và Đào tạo"],
        ),
        (
            "phối hợp với Văn phòng HĐND và UBND xã, Phòng Kinh tế, Hạ tầng và Đô thị, Trung tâm Phục vụ hành chính công",
            ["Văn phòng HĐND và UBND xã", "Phòng Kinh tế, Hạ tầng và Đô thị", "Trung tâm Phục vụ hành chính công"],
        ),
        (
            "Chủ trì, phối hợp với Sở Kế hoạch và Đầu tư, Sở Xây dựng, Sở Nội vụ rà soát cơ sở vật chất",
            ["Sở Kế hoạch và Đầu tư", "Sở Xây dựng", "Sở Nội vụ"],
        ),
        ("Sở Y tế và Sở Nông nghiệp và Môi trường chủ trì", ["Sở Y tế", "Sở Nông nghiệp và Môi trường"]),
        (
            "Bộ Chỉ huy Bộ đội Biên phòng tỉnh, Ban Chỉ huy Quân sự xã, Công an xã phối hợp",
            ["Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "Ban Chỉ huy Quân sự xã", "Công an xã"],
        ),
        (
            "Ban chỉ đạo phòng, chống thiên tai và tìm kiếm cứu nạn tỉnh chủ trì",
            ["Ban chỉ đạo phòng, chống thiên tai và tìm kiếm cứu nạn tỉnh"],
        ),
        ("UBND các xã, phường, thị trấn có trách nhiệm", ["UBND các xã, phường, thị trấn"]),
        ("Phối hợp với phòng Tư pháp huyện thực hiện", ["phòng Tư pháp huyện"]),
        ("Viện kiểm sát nhân dân tỉnh, Tòa án nhân dân tỉnh phối hợp", ["Viện kiểm sát nhân dân tỉnh",
                                                                       "Tòa án nhân dân tỉnh"]),
        # not bodies: a verb phrase, a role named as a noun, an English sentence running on
        ("Phòng, chống tác hại của thuốc lá", []),
        ("phối hợp với cơ quan chủ trì", []),
        ("Sở Lao động - Thương binh và Xã hội reports by December 15", ["Sở Lao động - Thương binh"]),
    ],
)
def test_names_in_running_text(text: str, names: list[str]) -> None:
    found = names_in_text(text)
    assert [n for _, _, n in found] == names
    assert all(text[s:e] == n for s, e, n in found)


@given(st.lists(st.sampled_from([
    "Sở Nội vụ", "Sở Y tế", "Sở Nông nghiệp và Môi trường", "Sở Dân tộc và Tôn giáo", "Sở Giáo dục và Đào tạo",
    "Sở Văn hóa, Thể thao và Du lịch", "Công an tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Tỉnh đoàn",
    "Văn phòng HĐND và UBND xã", "Phòng Kinh tế", "Phòng Văn hóa - Xã hội", "Trung tâm Phục vụ hành chính công",
    "Ban Chỉ huy Quân sự xã", "Phòng Lao động - Thương binh và Xã hội", "Hội Liên hiệp Phụ nữ tỉnh",
    "Phòng Kinh tế, Hạ tầng và Đô thị", "Đài Phát thanh và Truyền hình tỉnh", "Sở Kế hoạch và Đầu tư",
]), min_size=1, max_size=5, unique=True), st.sampled_from([", ", " và ", ", "]))
def test_any_list_of_bodies_is_read_back_body_by_body(bodies: list[str], joiner: str) -> None:
    text = "Chủ trì, phối hợp với " + joiner.join(bodies) + " thực hiện chỉ tiêu 3."
    assert [n for _, _, n in names_in_text(text)] == bodies


def test_names_in_text_and_generic_groups() -> None:
    found = [
        n for _, _, n in names_in_text("Chủ trì, phối hợp với Sở Y tế, Công an tỉnh thực hiện chỉ tiêu 9")
    ]
    assert found == ["Sở Y tế", "Công an tỉnh"]
    text = "phối hợp với Sở Y tế"
    s, e, name = names_in_text(text)[0]
    assert text[s:e] == name
    assert is_generic("các sở, ban, ngành")
    assert not is_generic("Sở Y tế")


# ---------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("98,5", 98.5),
        ("1.000", 1000.0),
        ("1.000.000", 1_000_000.0),
        ("0,5", 0.5),
        ("99,80", 99.8),
        ("95", 95.0),
        (" 12 ", 12.0),
        ("abc", None),
        ("", None),
        ("1,000.5", None),
        ("12.5", None),
    ],
)
def test_parse_number(text: str, value: float | None) -> None:
    assert parse_number(text) == value


def _t(text: str) -> list[tuple[int, float | None, str, str]]:
    return [(t.year, t.value, t.unit, t.qualifier) for t in parse_targets(text)]


@pytest.mark.parametrize(
    ("text", "targets"),
    [
        ("đạt 80% vào năm 2025 và 90% vào năm 2030", [(2025, 80.0, "%", "đạt"), (2030, 90.0, "%", "")]),
        ("đạt ≥ 95% vào năm 2025 và 2030", [(2025, 95.0, "%", "≥"), (2030, 95.0, "%", "≥")]),
        ("đạt 98,5% vào năm 2025", [(2025, 98.5, "%", "đạt")]),
        (
            "giảm xuống còn 12‰ năm 2025, 10‰ năm 2030",
            [(2025, 12.0, "‰", "xuống còn"), (2030, 10.0, "‰", "")],
        ),
        ("dưới 250/100.000 trẻ đẻ sống vào năm 2025", [(2025, 250.0, "/100.000", "dưới")]),
        ("tối thiểu 1.000 triệu đồng trong năm 2024", [(2024, 1000.0, "triệu", "tối thiểu")]),
        ("Giảm số trẻ em bị xâm hại xuống 10% so với năm 2022.", []),
        ("giảm 10% so với năm 2020 vào năm 2025", [(2025, 10.0, "%", "")]),
        ("Tỷ lệ trẻ em được khai sinh đúng hạn", []),
        ("Trong năm 2021 tổ chức tập huấn", []),
    ],
)
def test_parse_targets(text: str, targets: list[tuple[int, float | None, str, str]]) -> None:
    assert _t(text) == targets


def test_target_phrase_is_the_written_words() -> None:
    ts = parse_targets("Tỷ lệ tiêm chủng đạt 95% vào năm 2025; đạt 98% vào năm 2030")
    assert [t.text for t in ts] == ["Tỷ lệ tiêm chủng đạt 95% vào năm 2025", "đạt 98% vào năm 2030"]


# ---------------------------------------------------------------- indicator mentions


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("Hướng dẫn triển khai, thực hiện các chỉ tiêu 3, 4, 5, 6 của Chương trình", [[3, 4, 5, 6]]),
        ("Hướng dẫn, thực hiện chỉ tiêu 14", [[14]]),
        ("đấu tranh phòng, chống tội phạm xâm hại trẻ em để thực hiện chỉ tiêu 9", [[9]]),
        ("từ chỉ tiêu 3 đến chỉ tiêu 5", [[3, 4, 5]]),
        ("các chỉ tiêu 6 - 8", [[6, 7, 8]]),
        ("các chỉ tiêu 6 – 8", [[6, 7, 8]]),
        ("chỉ tiêu 1, 2 và từ 9 đến 10", [[1, 2, 9, 10]]),
        ("Chủ trì thực hiện chỉ tiêu 4; phối hợp thực hiện chỉ tiêu 6", [[4], [6]]),
        ("Chỉ tiêu số 5 và chỉ tiêu 7", [[5, 7]]),
        ("các chỉ tiêu 1 tới 3", [[1, 2, 3]]),
        ("chỉ tiêu 12% dân số", []),
        ("chỉ tiêu 2030", []),
        ("các chỉ tiêu về trẻ em", []),
        ("chỉ tiêu 5 năm 2025", [[5]]),
        ("các chỉ tiêu: 2, 4 và 7", [[2, 4, 7]]),
        ("chỉ tiêu số: 3", [[3]]),
        ("chỉ tiêu thứ 8", [[8]]),
        ("chỉ tiêu (11)", [[11]]),
        ("nhóm chỉ tiêu 1 - 3", [[1, 2, 3]]),
    ],
)
def test_indicator_mentions(text: str, numbers: list[list[int]]) -> None:
    assert [m[2] for m in indicator_mentions(text)] == numbers


def test_indicator_mention_offsets_cover_the_numbers() -> None:
    text = "Sở Y tế hướng dẫn thực hiện các chỉ tiêu 3 - 5 của Kế hoạch"
    [(s, e, nums)] = indicator_mentions(text)
    assert text[s:e] == "các chỉ tiêu 3 - 5"
    assert nums == [3, 4, 5]


@given(
    st.lists(st.integers(min_value=1, max_value=60), min_size=1, max_size=8, unique=True),
    st.sampled_from([", ", ",", " , "]),
    st.sampled_from(["chỉ tiêu", "các chỉ tiêu", "Chỉ tiêu số"]),
)
def test_any_list_of_numbers_parses_back(numbers: list[int], sep: str, lead: str) -> None:
    text = f"Thực hiện {lead} {sep.join(str(n) for n in numbers)} của Kế hoạch."
    assert [m[2] for m in indicator_mentions(text)] == [numbers]


@given(st.lists(st.integers(min_value=1, max_value=60), min_size=2, max_size=6, unique=True))
def test_list_with_final_va_parses_back(numbers: list[int]) -> None:
    text = f"chỉ tiêu {', '.join(str(n) for n in numbers[:-1])} và {numbers[-1]}"
    assert [m[2] for m in indicator_mentions(text)] == [numbers]


@given(
    st.integers(min_value=1, max_value=40),
    st.integers(min_value=1, max_value=20),
    st.sampled_from(
        [
            "từ chỉ tiêu {a} đến chỉ tiêu {b}",
            "các chỉ tiêu {a} - {b}",
            "chỉ tiêu {a} – {b}",
            "từ chỉ tiêu {a} đến {b}",
        ]
    ),
)
def test_any_range_parses_back(a: int, width: int, form: str) -> None:
    b = a + width
    assert [m[2] for m in indicator_mentions(form.format(a=a, b=b))] == [list(range(a, b + 1))]
