"""Shortening quoted text for display: the one function the answer text, the API, the CLI and the
chat channels use, so a quote is cut the same way everywhere.

A cut falls at the end of a sentence or list item when one is close enough, else between words,
but never inside a number with its unit and year ("100% vào năm 2025"), a date ("ngày 06 tháng 4
năm 2021", "15/12/2025") or the name of a body ("Sở Lao động - Thương binh và Xã hội"). Cut text
ends with "…". Repeated list markers ("- - ") collapse to one.
"""

from __future__ import annotations

import re

ELLIPSIS = "…"

# "- - Chỉ tiêu", "+ - a)" (a list marker left before another one by the layout) -> one marker.
_REPEATED_MARKERS = re.compile(r"(?:(?<=\s)|^)(?:[-–•+*]\s+){2,}")
# The end of a sentence or list item: a stop or semicolon, before the next word.
_BOUNDARY = re.compile(r"[.!?;…](?=\s)|:(?=\s+[-–•+]\s)|\s(?=[-–•+]\s)")

_NUM = r"\d[\d.,]*(?:\s*(?:%|‰))?"
# Words that tie a number to what follows: "đạt 98,5% vào năm 2025", "dưới 5% đến năm 2030".
_TIE = r"(?:vào|đến|trong|từ|tới|trước|sau|năm|tháng|ngày|giai\s+đoạn)"
_DATE = (
    r"ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}"
    r"|\d{1,2}/\d{1,2}(?:/\d{2,4})?"
    r"|tháng\s+\d{1,2}(?:\s*/\s*|\s+năm\s+)\d{4}"
    r"|giai\s+đoạn\s+\d{4}\s*[-–]\s*\d{4}"
)
# A number, with the words that qualify it before ("dưới", "đạt") and the period after.
_MEASURE = (
    rf"(?:(?:đạt|dưới|trên|tối\s+thiểu|tối\s+đa|ít\s+nhất|khoảng|giảm|tăng|xuống|lên|còn)\s+)?{_NUM}"
    rf"(?:\s+(?:{_TIE}\s+)+(?:{_DATE}|\d{{4}}|{_NUM}))*"
    rf"|(?:(?:{_TIE})\s+)+(?:{_DATE}|\d{{4}})"
)
_PROTECTED_NUMBER = re.compile(rf"(?:{_DATE}|{_MEASURE})", re.IGNORECASE)

# A body: a head noun, then capitalised words, the syllables right after them and the words that
# join them ("Sở Lao động - Thương binh và Xã hội", "Ủy ban nhân dân tỉnh Bắc Sơn").
_BODY_HEADS = (
    r"Sở|Ban|Ủy\s+ban|Uỷ\s+ban|UBND|HĐND|Hội\s+đồng|Phòng|Cục|Chi\s+cục|Bộ|Tổng\s+cục|Trung\s+tâm|Hội|"
    r"Đoàn|Công\s+an|Bộ\s+Chỉ\s+huy|Liên\s+đoàn|Mặt\s+trận|Bệnh\s+viện|Trường|Văn\s+phòng|Thanh\s+tra|"
    r"Kho\s+bạc|Ngân\s+hàng|Đài|Báo|Viện|Tỉnh\s+đoàn|Huyện\s+đoàn|Quỹ"
)
_LEVEL_WORDS = r"nhân\s+dân|tỉnh|huyện|xã|thị\s+xã|thị\s+trấn|thành\s+phố|quận|phường|cấp|và|-|–|&"
_CAP = r"[A-ZÀ-ỸĐ][\wÀ-ỹ]*"
_BODY = re.compile(
    rf"(?<!\w)(?:{_BODY_HEADS})(?!\w)(?:\s+(?:{_CAP}(?:\s+[a-zà-ỹđ]+(?=\s|$|[,.;:)]))?|(?:{_LEVEL_WORDS})(?=\s+(?:[A-ZÀ-ỸĐ]|(?:{_LEVEL_WORDS})\s))))+"
)


def clean_quote(text: str) -> str:
    """Whitespace collapsed and repeated list markers reduced to one.

    >>> clean_quote("- - Chỉ tiêu 3:\\n  đạt 90%")
    '- Chỉ tiêu 3: đạt 90%'
    """
    return _REPEATED_MARKERS.sub("- ", " ".join(text.split())).strip()


def _protected(text: str) -> list[tuple[int, int]]:
    spans = [m.span() for m in _PROTECTED_NUMBER.finditer(text)]
    spans += [m.span() for m in _BODY.finditer(text)]
    return spans


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < pos < end for start, end in spans)


def _whole_within(text: str, limit: int) -> str | None:
    """`text` itself when all it has past `limit` is its closing punctuation or the rest of a
    protected figure ending it ("… đạt 98,5% vào năm 2025.")."""
    rest = text[limit:]
    if not rest.strip(" .;:!?…)”\"'"):
        return text
    ending = [end for start, end in _protected(text) if start < limit and end >= len(text.rstrip(" .;:!?…)”\"'"))]
    return text if ending and len(text) <= limit * 1.3 + 10 else None


def trim_quote(text: str, limit: int = 300) -> str:
    """`text` cleaned and, when longer than `limit`, cut at a sentence or item end (else a word) that
    splits no number, date or body name, with "…" where it was cut.

    >>> trim_quote("Phấn đấu 100% trẻ em được tiêm chủng vào năm 2025. Giảm tỷ lệ suy dinh dưỡng.", 60)
    'Phấn đấu 100% trẻ em được tiêm chủng vào năm 2025. …'
    >>> trim_quote("Tỷ lệ hộ nghèo giảm còn dưới 0,96 vào năm 2025 theo chuẩn mới", 38)
    'Tỷ lệ hộ nghèo giảm còn dưới 0,96 vào năm 2025…'
    >>> trim_quote("Giao Sở Lao động - Thương binh và Xã hội chủ trì thực hiện", 30)
    'Giao Sở Lao động - Thương binh và Xã hội…'
    """
    text = clean_quote(text)
    if len(text) <= limit:
        return text
    whole = _whole_within(text, limit)
    if whole is not None:
        return whole
    spans = _protected(text)
    # A sentence or item end in the last 60% of the allowed length.
    ends = [m.end() for m in _BOUNDARY.finditer(text, 0, limit + 1) if m.end() >= limit * 0.4]
    ends = [e for e in ends if not _inside(e, spans)]
    if ends:
        cut = text[: ends[-1]].rstrip()
        cut = cut.rstrip(" -–•+:;,")
        return cut + (" " + ELLIPSIS if cut.endswith((".", "!", "?")) else ELLIPSIS)
    # A number, date or body that straddles the limit is kept whole when it ends soon after it
    # (a slightly longer quote beats one that drops the figure); else the last word break before it.
    straddling = [end for start, end in spans if start < limit < end and end <= limit * 1.3 + 10]
    if straddling and not _inside(max(straddling), spans):
        return text[: max(straddling)].rstrip(" -–•+:;,") + ELLIPSIS
    for m in reversed(list(re.finditer(r"\s", text[: limit + 1]))):
        if not _inside(m.start(), spans) and m.start() > 0:
            return text[: m.start()].rstrip(" -–•+:;,") + ELLIPSIS
    return text[:limit].rstrip() + ELLIPSIS
