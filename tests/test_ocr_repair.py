"""Respelling the words Tesseract was unsure of (ingest.ocr_repair): role words, years and names
are put back from the general vocabulary of plans and from what the same document read with
confidence; sure words, words right in another pair, and pairs with two spellings stay as read."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from ingest.ocr import _page_text, _Word
from ingest.ocr_repair import LEXICON, known_pairs, repair_words


@dataclass
class Tok:
    text: str
    conf: float


def repaired(text: str, conf: float = 60.0, sure: dict[str, float] | None = None) -> str:
    """`text` as unsure words (or as sure as `sure` says), repaired from the vocabulary and themselves."""
    words = [Tok(t, (sure or {}).get(t, conf)) for t in text.split()]
    repair_words(words, LEXICON.over(known_pairs(words)))
    return " ".join(w.text for w in words)


@pytest.mark.parametrize(("read", "meant"), [
    # A role word misread changes a fact: "phôi hợp" is no longer a support, and the duty verb left
    # ("thực hiện") would make the heading's body the lead.
    ("Chủ trì thực hiện chỉ tiêu 7; phôi hợp thực hiện chỉ tiêu 2.",
     "Chủ trì thực hiện chỉ tiêu 7; phối hợp thực hiện chỉ tiêu 2."),
    ("- Hướng dân triển khai thực hiện chỉ tiêu 1", "- Hướng dẫn triển khai thực hiện chỉ tiêu 1"),
    ("Cơ quan chủ tn: Sở Nội vụ", "Cơ quan chủ trì: Sở Nội vụ"),  # "ri" read as "n"
    ("2. Sở Y tế: chủ tnì thực hiện", "2. Sở Y tế: chủ trì thực hiện"),
    ("đạt 90% vào nấm 2026.", "đạt 90% vào năm 2026."),
    ("hỗ trợ vào nã¡m 2026.", "hỗ trợ vào năm 2026."),  # a stray mark inside the word
    ("2. Ban Chỉ huy Quần sự huyện", "2. Ban Chỉ huy Quân sự huyện"),
    ("Phòng Giao dục và Đào tạo", "Phòng Giáo dục và Đào tạo"),
    ("I. MỤC TIỂU CỤ THỂ", "I. MỤC TIÊU CỤ THỂ"),  # the case of the word read is kept
])
def test_unsure_words_are_respelled_from_the_vocabulary_of_plans(read: str, meant: str) -> None:
    assert repaired(read) == meant


@pytest.mark.parametrize("text", [
    "cơ quan sự nghiệp công lập",  # "quan" is right in "cơ quan", though "quân sự" has its shape
    "Chiến lược phát triển Việt Nam 2030",  # "Nam" before a number, but after "Việt"
    "nhân dân, người dân và dân cư",
    "giao cho Sở Tư pháp",
    "- Sở Kế hoạch và Đầu tư, Phòng Giao thông vận tải",  # "Sở Kế" and "số Kế" (hoạch hóa) are both known
])
def test_right_words_stay(text: str) -> None:
    assert repaired(text) == text


def test_a_word_tesseract_is_sure_of_stays() -> None:
    assert repaired("Hướng dân triển khai", sure={"dân": 96.0}) == "Hướng dân triển khai"
    # ... except "năm" before a number, which Tesseract reads as "nam" with confidence.
    assert repaired("vào nam 2026.", sure={"nam": 96.0}) == "vào năm 2026."


def test_names_are_respelled_from_the_same_document() -> None:
    words = [Tok(t, 96.0) for t in "Bảo vệ môi trường tỉnh Bắc Hà giai đoạn 2023".split()]
    duty = [Tok("Báo", 96.0), Tok("Bác", 79.0), Tok("Hà", 96.0), Tok("thực", 96.0), Tok("hiện", 96.0)]
    known = LEXICON.over(known_pairs(words + duty))
    assert repair_words(duty, known) == 1
    assert [w.text for w in duty] == ["Báo", "Bắc", "Hà", "thực", "hiện"]
    # Read with confidence in two spellings: no single known spelling, so nothing changes.
    both = [Tok(t, 96.0) for t in "Bắc Hà và Bác Hà".split()] + [Tok("Bạc", 60.0), Tok("Hà", 96.0)]
    assert repair_words(both, LEXICON.over(known_pairs(both))) == 0


def test_a_sure_misreading_does_not_outvote_the_vocabulary() -> None:
    words = [Tok(t, c) for t, c in [("Chỉ", 96), ("huy", 97), ("Quần", 93), ("sự", 96), ("huyện", 96)]]
    repair_words(words, LEXICON.over(known_pairs(words)))
    assert [w.text for w in words][2] == "Quân"


def _line(text: str, block: int = 1) -> list[_Word]:
    return [_Word(block, 1, 1, 0, 0, 10, 95.0, t) for t in text.split()]


@pytest.mark.parametrize(("read", "meant"), [
    ("II TỔ CHỨC THỰC HIỆN", "II. TỔ CHỨC THỰC HIỆN"),
    ("I[. MỤC TIÊU", "I. MỤC TIÊU"),
    ("IV, NHIỆM VỤ VÀ GIẢI PHÁP", "IV. NHIỆM VỤ VÀ GIẢI PHÁP"),
    ("II. TỔ CHỨC THỰC HIỆN", "II. TỔ CHỨC THỰC HIỆN"),
    ("I Sở Y tế chủ trì", "I Sở Y tế chủ trì"),  # not a heading: left as read
])
def test_roman_heading_dot_is_restored(read: str, meant: str) -> None:
    assert _page_text([_line(read)]) == meant


def _words(line_no: int, text: str, conf: float) -> list[_Word]:
    return [_Word(1, 1, line_no, 0, 0, 10, conf, t) for t in text.split()]


def test_an_unsure_number_is_a_gap_but_an_unsure_list_marker_stays() -> None:
    from ingest.ocr import OcrSettings, _kept_lines

    words = (_words(1, "- Chủ trì, phối hợp với Phòng Kinh tế thực hiện chỉ tiêu", 96.0)
             + _words(2, "2.", 64.0)  # "5." wrapped onto its own line and misread: left out
             + _words(3, "4. SởTT&TT", 39.0)  # a block's heading read with little confidence: kept
             + _words(4, "- Chủ trì thực hiện chỉ tiêu 6.", 96.0))
    unsure: list[str] = []
    lines, dropped = _kept_lines(words, OcrSettings(), unsure)
    assert _page_text(lines) == ("- Chủ trì, phối hợp với Phòng Kinh tế thực hiện chỉ tiêu\n4. Sở TT&TT\n"
                                 "- Chủ trì thực hiện chỉ tiêu 6.")
    assert unsure == ["2."] and dropped == 1  # the line left with only its dot


def test_an_unsure_document_number_is_kept_so_the_reference_stays_external() -> None:
    from ingest.ocr import OcrSettings, _kept_lines

    words = [*_words(1, "- Chủ trì thực hiện chỉ tiêu 6 của Nghị quyết số", 96.0),
             _Word(1, 1, 1, 0, 0, 10, 55.0, "05/NQ-HĐND.")]
    unsure: list[str] = []
    lines, _ = _kept_lines(words, OcrSettings(), unsure)
    assert _page_text(lines).endswith("Nghị quyết số 05/NQ-HĐND.") and unsure == []


def test_a_wrapped_sentence_is_one_line() -> None:
    lines = [_line("- Chủ trì thực hiện chỉ tiêu 3; các doanh nghiệp phối hợp thực hiện"), _line("chỉ tiêu 1."),
             _line("5. Ban Quản lý các khu công nghiệp tỉnh"), _line("- Chủ trì thực hiện chỉ tiêu 2.")]
    assert _page_text(lines) == ("- Chủ trì thực hiện chỉ tiêu 3; các doanh nghiệp phối hợp thực hiện chỉ tiêu 1.\n"
                                 "5. Ban Quản lý các khu công nghiệp tỉnh\n- Chủ trì thực hiện chỉ tiêu 2.")
