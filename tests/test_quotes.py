"""core.quotes.trim_quote: cut quotes at sentence or item ends, never inside a number, date or body."""

from __future__ import annotations

import re

import pytest

from core.quotes import ELLIPSIS, clean_quote, trim_quote

# Invented plan sentences (no real place), long enough to need cutting.
TARGET = ("Phấn đấu đến năm 2030 có 100% trẻ em dưới 1 tuổi được tiêm chủng đầy đủ vào năm 2027 và "
          "tỷ lệ suy dinh dưỡng thể thấp còi giảm còn dưới 0,96% vào năm 2028 trên địa bàn huyện Lam Hà")
DUTY = ("Giao Sở Lao động - Thương binh và Xã hội tỉnh Đồi Mây chủ trì, phối hợp với Ủy ban nhân dân "
        "huyện Lam Hà triển khai thực hiện, báo cáo trước ngày 15 tháng 12 năm 2026 theo quy định.")


def _prefix_of(short: str, full: str) -> bool:
    body = short.removesuffix(ELLIPSIS).rstrip()
    return clean_quote(full).startswith(body)


@pytest.mark.parametrize("limit", range(20, 200, 3))
def test_never_cuts_inside_a_number_date_or_body(limit: int) -> None:
    for text in (TARGET, DUTY):
        short = trim_quote(text, limit)
        assert _prefix_of(short, text)
        if len(clean_quote(text)) > limit:
            assert short.endswith(ELLIPSIS)
        body = short.removesuffix(ELLIPSIS).rstrip(" .")
        for whole in ("dưới 0,96% vào năm 2028", "vào năm 2027", "ngày 15 tháng 12 năm 2026",
                      "Sở Lao động - Thương binh và Xã hội tỉnh Đồi Mây", "Ủy ban nhân dân huyện Lam Hà"):
            # Either the whole phrase is in the quote or none of its tail is: no "dưới 0,9", "năm 20".
            start = clean_quote(text).find(whole)
            if start >= 0 and start < len(body) < start + len(whole):
                pytest.fail(f"limit {limit}: {short!r} cuts {whole!r}")


def test_prefers_the_end_of_a_sentence_or_item() -> None:
    text = "- Chỉ tiêu 1: đạt 95% vào năm 2025; - Chỉ tiêu 2: giảm còn 3% vào năm 2030; - Chỉ tiêu 3: tăng 10%"
    assert trim_quote(text, 76) == "- Chỉ tiêu 1: đạt 95% vào năm 2025; - Chỉ tiêu 2: giảm còn 3% vào năm 2030…"
    assert trim_quote("Câu một rất ngắn. Câu hai dài hơn nhiều so với giới hạn cho phép ở đây.", 40) == \
        "Câu một rất ngắn. …"


def test_short_text_is_only_cleaned() -> None:
    assert trim_quote("- - Chỉ tiêu 14:   đạt 98,5%", 300) == "- Chỉ tiêu 14: đạt 98,5%"
    assert not re.search(r"- - ", trim_quote("a\n- - - b " * 50, 120))
