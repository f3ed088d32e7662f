"""Repair (with its offset map back to the original) and the matching forms fold / fold_ascii."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.normalize import (
    MappedText,
    collapse_ws,
    fold,
    fold_ascii,
    has_vietnamese_diacritics,
    latex_to_text,
    repair,
    strip_outer,
)

VI_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY"
TONED = "áàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵÁÀẢÃẠÉÈÍÓÒỌÚÙỦÝỶĐỆỘỨỮ"
WORD = st.text(alphabet=VI_LETTERS + TONED, min_size=1, max_size=8)


# ---------------------------------------------------------------- fold


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("hoà", "hòa"),
        ("Hoà Bình", "Hòa Bình"),
        ("thuỷ", "thủy"),
        ("uỷ ban", "ủy ban"),
        ("khoẻ", "khỏe"),
        ("Uỷ ban nhân dân", "ỦY BAN NHÂN DÂN"),
        ("hoá", "hóa"),
        ("thuý", "thúy"),
    ],
)
def test_fold_unifies_old_and_new_tone_placement_and_case(old: str, new: str) -> None:
    assert fold(old) == fold(new)
    assert fold(unicodedata.normalize("NFD", old)) == fold(new)


@pytest.mark.parametrize(("a", "b"), [("hoà", "hoa"), ("mạ", "ma"), ("mà", "má"), ("đà", "da"), ("ơn", "ôn")])
def test_fold_keeps_distinct_words_distinct(a: str, b: str) -> None:
    assert fold(a) != fold(b)


def test_fold_ascii_drops_every_diacritic() -> None:
    assert fold_ascii("Đăng ký khai sinh") == "dang ky khai sinh"
    assert fold_ascii("Sở Lao động – Thương binh và Xã hội") == "so lao dong – thuong binh va xa hoi"
    assert fold_ascii("ỦY BAN NHÂN DÂN TỈNH ĐIỆN BIÊN") == "uy ban nhan dan tinh dien bien"
    assert fold_ascii("hoà") == fold_ascii("hòa") == fold_ascii("hoa") == "hoa"
    assert fold_ascii("98,5%") == "98,5%"


@given(st.lists(WORD, min_size=1, max_size=6).map(" ".join))
def test_fold_ascii_is_ascii_and_form_independent(text: str) -> None:
    out = fold_ascii(text)
    assert out.isascii()
    assert out == fold_ascii(unicodedata.normalize("NFD", text))
    assert fold(text) == fold(unicodedata.normalize("NFD", text))
    assert len(out.split()) == len(text.split())


def test_has_vietnamese_diacritics() -> None:
    assert has_vietnamese_diacritics("chỉ tiêu 14")
    assert not has_vietnamese_diacritics("chi tieu 14")


# ---------------------------------------------------------------- repair: what it fixes


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Chỉ tiêu 1: Phấn\nđấu đạt 90%", "Chỉ tiêu 1: Phấn đấu đạt 90%"),
        ("Mục tiêu\nchung", "Mục tiêu chung"),
        ("- Chỉ tiêu 3:\nTỷ lệ trẻ em", "- Chỉ tiêu 3: Tỷ lệ trẻ em"),
        ("đạt $\\geq 95\\%$ vào năm 2025", "đạt ≥ 95% vào năm 2025"),
        ("**Chỉ tiêu 2:** Giảm", "Chỉ tiêu 2: Giảm"),
        ("dòng một.\n|\nDòng hai", "dòng một.\n\nDòng hai"),
        ("a  b\u00a0c\u200bd", "a b cd"),
        ("UỶ BAN NHÂN DÂN\nHUYỆN ĐỒNG XUÂN", "UỶ BAN NHÂN DÂN HUYỆN ĐỒNG XUÂN"),
        (
            "1. Sở Lao động\n- Thương binh và Xã hội\n- Hướng dẫn thực hiện chỉ tiêu 1",
            "1. Sở Lao động - Thương binh và Xã hội\n- Hướng dẫn thực hiện chỉ tiêu 1",
        ),
        ("tỷ lệ tăng\n(5%) so với", "tỷ lệ tăng (5%) so với"),
    ],
)
def test_repair_fixes(raw: str, expected: str) -> None:
    assert repair(raw).text == expected


@pytest.mark.parametrize(
    "kept",
    [
        "I. MỤC TIÊU\n1. Mục tiêu chung",
        "Kết thúc câu.\nCâu mới bắt đầu",
        "- Chỉ tiêu 1: Tỷ lệ A.\n- Chỉ tiêu 2: Tỷ lệ B.",
        "a) Nội dung một;\nb) Nội dung hai",
        "Nội dung:\n+ Ý thứ nhất\n+ Ý thứ hai",
    ],
)
def test_repair_keeps_real_line_breaks(kept: str) -> None:
    assert repair(kept).text == kept


def test_repair_applies_nfc_and_maps_composed_letters_to_their_first_char() -> None:
    raw = unicodedata.normalize("NFD", "Sở Y tế")
    mt = repair(raw)
    assert mt.text == "Sở Y tế"
    assert unicodedata.is_normalized("NFC", mt.text)
    assert mt.origin[1] == 1  # "ở" starts at the "o" of "o + horn + hook"
    assert mt.origin[2] == raw.index(" ")
    assert mt.origin[-1] == len(raw)


def test_source_span_ending_on_a_composed_letter_keeps_its_marks() -> None:
    raw = unicodedata.normalize("NFD", "Sở Y tế")
    mt = repair(raw)
    assert mt.source_span(0, len(mt.text)) == (0, len(raw))
    s, e = mt.source_span(0, 2)  # "Sở"
    assert unicodedata.normalize("NFC", raw[s:e]) == "Sở"


def test_repair_latex_maps_to_the_dollar_sign() -> None:
    raw = "đạt $\\geq 95\\%$ năm"
    mt = repair(raw)
    i = mt.text.index("≥")
    assert raw[mt.origin[i]] == "$"
    s, e = mt.source_span(i, i + len("≥ 95%"))
    assert raw[s:e] == "$\\geq 95\\%$"  # the whole fragment, both dollar signs
    assert raw[mt.origin[mt.text.index("năm")] :].startswith("năm")


def test_source_span_of_joined_lines_covers_the_original_break() -> None:
    raw = "Chỉ tiêu 1: Phấn\nđấu 90%"
    mt = repair(raw)
    s, e = mt.source_span(mt.text.index("Phấn"), mt.text.index("90%") + 3)
    assert raw[s:e] == "Phấn\nđấu 90%"
    assert collapse_ws(raw[s:e]) == "Phấn đấu 90%"
    assert mt.source_span(3, 3) == (mt.origin[3], mt.origin[3])


def test_latex_to_text() -> None:
    assert latex_to_text(r"\geq 95\%") == "≥ 95%"
    assert latex_to_text(r"\leq 5\%") == "≤ 5%"
    assert latex_to_text(r"\text{dưới} 10") == "dưới 10"
    assert latex_to_text(r"2 \times 3") == "2 × 3"


def test_strip_outer_keeps_the_map() -> None:
    mt = strip_outer(MappedText.identity("  abc  "))
    assert mt.text == "abc"
    assert mt.origin == [2, 3, 4, 5]


# ---------------------------------------------------------------- repair: properties of the offset map

RAW_ALPHABET = (
    VI_LETTERS + TONED + "0123456789 .,:;%()-–|*$\\\n\t\u00a0\u200b+" + "\u0300\u0301\u0303\u0309\u0323"
)
CLEAN_ALPHABET = VI_LETTERS + TONED + "0123456789.,:;%()–+/"


@settings(max_examples=300)
@given(st.text(alphabet=RAW_ALPHABET, max_size=120))
def test_repair_offsets_always_map_into_the_original(raw: str) -> None:
    mt = repair(raw)
    assert len(mt.origin) == len(mt.text) + 1
    assert mt.origin[-1] == len(raw)
    assert len(mt.ends) == len(mt.text)
    for i in range(len(mt.text)):
        assert 0 <= mt.origin[i] < mt.ends[i] <= len(raw)
    assert all(a <= b for a, b in zip(mt.origin, mt.origin[1:], strict=False)), "offsets go backwards"
    assert unicodedata.is_normalized("NFC", mt.text)
    assert "**" not in mt.text and "\u200b" not in mt.text
    assert not re.search(r"(?m)^\s*\|\s*$", mt.text)


@settings(max_examples=300)
@given(st.text(alphabet=RAW_ALPHABET.replace("$", ""), max_size=120))
def test_repair_keeps_plain_characters_where_they_were(raw: str) -> None:
    mt = repair(raw)
    for i, ch in enumerate(mt.text):
        if ch.isascii() and ch.isalnum():
            assert raw[mt.origin[i]] == ch
    for start in range(0, len(mt.text), 7):
        s, e = mt.source_span(start, min(len(mt.text), start + 9))
        assert 0 <= s <= e <= len(raw)


@given(
    st.lists(st.text(alphabet=CLEAN_ALPHABET, min_size=1, max_size=10), min_size=1, max_size=8).map(" ".join)
)
def test_repair_is_identity_and_idempotent_on_clean_single_line_text(line: str) -> None:
    clean = unicodedata.normalize("NFC", line)
    mt = repair(clean)
    assert mt.text == clean
    assert mt.origin == list(range(len(clean) + 1))
    assert repair(mt.text).text == mt.text


@settings(max_examples=200)
@given(st.text(alphabet=RAW_ALPHABET.replace("$", "").replace("\\", ""), max_size=100))
def test_repair_is_idempotent(raw: str) -> None:
    once = repair(raw).text
    assert repair(once).text == once


@pytest.mark.parametrize(("slip", "right"), [("Qũy bảo trợ trẻ em", "Quỹ bảo trợ trẻ em"), ("QŨY", "QUỸ"),
                                             ("qúy I", "quý I"), ("Qủy", "Quỷ")])
def test_a_tone_typed_on_the_u_of_qu_indexes_as_the_right_spelling(slip: str, right: str) -> None:
    from ingest.segment import lexical_tokens, normalize_tone_marks

    assert normalize_tone_marks(slip) == right
    assert lexical_tokens(slip) == lexical_tokens(right)


def test_quy_words_that_are_spelt_right_do_not_change() -> None:
    from ingest.segment import normalize_tone_marks

    text = "quý, quỹ, Quyết định, quỳnh, quyền, thuỷ"
    assert normalize_tone_marks(text) == text
