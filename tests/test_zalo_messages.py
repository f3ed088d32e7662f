"""Phone formatting, splitting, commands, signatures and settings: pure functions, no server."""

from __future__ import annotations

import hashlib
import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from api.channels.core.messages import (
    TEXT_LIMIT,
    citation_label,
    document_label,
    format_answer,
    format_source,
    plain_text,
    section_label,
    split_message,
)
from api.channels.core.sessions import Command, SessionStore, hash_user, parse_command
from api.channels.zalo_bot.routes import verify_bot_secret
from api.channels.zalo_oa.signature import oa_signature, timestamp_is_fresh, verify_oa_signature
from api.settings import ServiceSettings
from bot.answer import Answer, Citation


def citation(section: str, quote: str = "- Hướng dẫn, thực hiện chỉ tiêu 14 của Chương trình.",
             number: str | None = "51/KH-UBND", page: int | None = None) -> Citation:
    return Citation(doc_id="d1", source="000.txt", title="Kế hoạch thực hiện chương trình hành động vì trẻ em",
                    doc_number=number, section=section, quote=quote, page=page, char_start=0, char_end=len(quote),
                    chunk_id="c-1", place="Cà Mau")


# ---------------------------------------------------------------------------- citations


@pytest.mark.parametrize(("section", "expected"), [
    ("IV. TỔ CHỨC THỰC HIỆN › 2. Sở Tư pháp", "mục IV.2"),
    ("I. MỤC TIÊU › 2. Mục tiêu cụ thể › 2.2. Mục tiêu 2", "mục I.2.2"),
    ("II. NHIỆM VỤ › 1. Công tác truyền thông › a) Sở Y tế", "mục II.1.a"),
    ("Điều 5. Tổ chức thực hiện", "Điều 5"),
    ("Chương II › Điều 7. Trách nhiệm › 1. Sở Nội vụ", "Điều 7, mục 1"),
    ("Phụ lục danh mục chỉ tiêu trẻ em của tỉnh năm 2025 kèm theo", "mục Phụ lục danh mục chỉ tiêu trẻ em của…"),
    ("", None),
])
def test_section_label(section: str, expected: str | None) -> None:
    assert section_label(section) == expected


def test_compact_citation_like_the_issue_example() -> None:
    assert citation_label(citation("IV. TỔ CHỨC THỰC HIỆN › 2. Sở Tư pháp")) == "KH 51/KH-UBND (Cà Mau), mục IV.2"
    assert citation_label(citation("IV. A › 2. B", page=3)) == "KH 51/KH-UBND (Cà Mau), mục IV.2, tr. 3"
    no_number = citation_label(citation("I. Mục tiêu", number=None))
    assert no_number.startswith("Kế hoạch thực hiện chương trình hành động") and no_number.endswith("… (Cà Mau), mục I")
    assert document_label("123/QĐ-UBND", None, "Đồng Nai") == "QĐ 123/QĐ-UBND (Đồng Nai)"


def test_answer_lists_sources_and_how_to_read_them() -> None:
    answer = Answer("answered", "Theo **Kế hoạch** 51/KH-UBND, chỉ tiêu 14 [1] do Sở Tư pháp chủ trì [2].",
                    [citation("I. MỤC TIÊU › 2. X › 2.2. Y"), citation("IV. TỔ CHỨC THỰC HIỆN › 2. Sở Tư pháp")])
    text = format_answer(answer)
    assert "**" not in text
    assert "[1] KH 51/KH-UBND (Cà Mau), mục I.2.2\n[2] KH 51/KH-UBND (Cà Mau), mục IV.2" in text
    assert 'xem nguồn 1' in text
    source = format_source(answer.citations, 2)
    assert source.startswith("[2] KH 51/KH-UBND (Cà Mau), mục IV.2")
    assert "Hướng dẫn, thực hiện chỉ tiêu 14 của Chương trình." in source
    assert "có 2 nguồn" in format_source(answer.citations, 5)
    assert "hãy đặt một câu hỏi" in format_source([], 1)


def test_not_found_answer_has_no_source_block() -> None:
    assert format_answer(Answer("not_found", "Không tìm thấy chỉ tiêu 99.")) == "Không tìm thấy chỉ tiêu 99."


def test_plain_text_removes_markdown_and_normalizes() -> None:
    decomposed = unicodedata.normalize("NFD", "## Sở Tư pháp\n\n\n\n**chủ trì** [xem](https://x.vn/a)")
    assert plain_text(decomposed) == "Sở Tư pháp\n\nchủ trì xem (https://x.vn/a)"


# ---------------------------------------------------------------------------- splitting


def test_short_text_is_one_unnumbered_part() -> None:
    assert split_message("Sở Tư pháp chủ trì [1].") == ["Sở Tư pháp chủ trì [1]."]
    assert split_message("   ") == []


def test_long_answer_splits_at_paragraphs_into_numbered_parts() -> None:
    paragraphs = [f"Đoạn {i}: " + "Sở Tư pháp hướng dẫn, thực hiện chỉ tiêu 14 của Chương trình. " * 9
                  for i in range(12)]
    text = "\n\n".join(p.strip() for p in paragraphs)
    parts = split_message(text)
    assert len(parts) > 1
    assert all(len(p) <= TEXT_LIMIT for p in parts)
    assert [re.match(r"\((\d+)/(\d+)\) ", p).groups() for p in parts] == [  # type: ignore[union-attr]
        (str(k), str(len(parts))) for k in range(1, len(parts) + 1)]
    for part in parts:  # every part ends a paragraph: nothing was cut mid-paragraph
        assert part.split(") ", 1)[1].rstrip().endswith("Chương trình.")


def test_limit_is_counted_on_nfc_text() -> None:
    sentence = "Tỷ lệ trẻ em dưới 5 tuổi được đăng ký khai sinh đạt 98,5% vào năm 2025. "
    decomposed = unicodedata.normalize("NFD", sentence * 26).strip()
    assert len(decomposed) > TEXT_LIMIT >= len(unicodedata.normalize("NFC", decomposed))
    assert split_message(decomposed) == [unicodedata.normalize("NFC", decomposed)]


def test_sentence_boundaries_when_there_is_no_paragraph() -> None:
    text = " ".join(f"Câu số {i} nói về chỉ tiêu {i} của kế hoạch." for i in range(300))
    parts = split_message(text)
    assert len(parts) > 1 and all(len(p) <= TEXT_LIMIT for p in parts)
    assert all(p.endswith("kế hoạch.") for p in parts)


def test_unbroken_text_is_cut_hard_but_within_the_limit() -> None:
    parts = split_message("x" * 4500, limit=2000)
    assert [len(p) for p in parts] == [2000, 2000, 4500 - 2 * (2000 - len("(1/3) ")) + len("(3/3) ")]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from([*"aăâeêoơuưđ ÁẠẶẸỆỌỢỰ\u0301\u0323.?\n", "Sở Tư pháp. ", "\n\n"]),
                max_size=3000).map("".join),
       st.integers(min_value=40, max_value=2000))
def test_split_property(text: str, limit: int) -> None:
    parts = split_message(text, limit)
    nfc = unicodedata.normalize("NFC", text)
    assert all(0 < len(p) <= limit for p in parts)
    assert all(p == unicodedata.normalize("NFC", p) for p in parts)
    bodies = [re.sub(r"^\(\d+/\d+\) ", "", p) for p in parts] if len(parts) > 1 else parts
    assert "".join("".join(bodies).split()) == "".join(nfc.split())  # nothing lost or added but spacing


# ---------------------------------------------------------------------------- commands and sessions


@pytest.mark.parametrize(("text", "expected"), [
    ("/help", Command("help")),
    ("/tailieu", Command("documents")),
    ("/chon 51/KH-UBND", Command("choose", "51/KH-UBND")),
    ("/chọn Cà Mau", Command("choose", "Cà Mau")),
    ("/moi", Command("new")),
    ("/gibberish", Command("help")),
    ("xem nguồn 1", Command("source", "1")),
    ("Xem nguon [2].", Command("source", "2")),
    ("nguồn số 3", Command("source", "3")),
    ("Chỉ tiêu 14 của Cà Mau do ai phụ trách?", None),
    ("Nguồn kinh phí thực hiện là gì?", None),
])
def test_parse_command(text: str, expected: Command | None) -> None:
    assert parse_command(text) == expected


def test_user_ids_are_stored_hashed_and_sessions_are_bounded() -> None:
    store = SessionStore(b"k", max_sessions=2, ttl_seconds=60)
    keys = [store.user_key("oa", f"user-{i}") for i in range(3)]
    assert all("user-" not in k and len(k) == 32 for k in keys)
    assert keys[0] == hash_user(b"k", "oa", "user-0") != hash_user(b"other", "oa", "user-0")
    assert store.user_key("bot", "user-0") != keys[0]
    first = store.get(keys[0])
    assert store.get(keys[0]) is first
    store.get(keys[1])
    store.get(keys[2])
    assert len(store) == 2 and store.get(keys[0]) is not first  # least recently used went first


# ---------------------------------------------------------------------------- signatures and settings


def test_oa_signature_is_plain_sha256_of_the_documented_concatenation() -> None:
    raw = b'{"event_name":"user_send_text","timestamp":"1750000000000"}'
    expected = hashlib.sha256(b"app" + raw + b"1750000000000" + b"oakey").hexdigest()
    assert oa_signature("app", raw, "1750000000000", "oakey") == expected
    for header in (expected, "mac=" + expected, "MAC=" + expected.upper(), f" mac={expected} "):
        assert verify_oa_signature(header, "app", raw, "1750000000000", "oakey")
    assert not verify_oa_signature(None, "app", raw, "1750000000000", "oakey")
    assert not verify_oa_signature("mac=" + expected, "app", raw + b" ", "1750000000000", "oakey")
    assert not verify_oa_signature("mac=" + expected, "app", raw, "1750000000000", "app-secret")


def test_timestamp_window_and_bot_secret() -> None:
    assert timestamp_is_fresh("1750000000000", 300, now=1750000100.0)
    assert not timestamp_is_fresh("1750000000000", 300, now=1750000400.0)
    assert not timestamp_is_fresh("1750000000000", 300, now=1749999600.0)
    assert not timestamp_is_fresh("not-a-number", 300)
    assert verify_bot_secret("s3cret-token", "s3cret-token")
    assert not verify_bot_secret("s3cret-tokem", "s3cret-token")
    assert not verify_bot_secret(None, "s3cret-token") and not verify_bot_secret("x", "")


def test_settings_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("APP_ID", "OA_SECRET_KEY", "BOT_TOKEN", "BOT_SECRET_TOKEN", "OA_API_BASE"):
        monkeypatch.delenv(f"PLANQA_ZALO_{name}", raising=False)
    defaults = ServiceSettings().channels
    assert not defaults.zalo_oa.enabled and not defaults.zalo_bot.enabled
    assert defaults.zalo_oa.oa_api_base == "https://openapi.zalo.me"
    assert defaults.zalo_oa.oauth_base == "https://oauth.zaloapp.com"
    assert defaults.zalo_bot.bot_api_base == "https://bot-api.zaloplatforms.com"
    monkeypatch.setenv("PLANQA_ZALO_APP_ID", "42")
    monkeypatch.setenv("PLANQA_ZALO_OA_SECRET_KEY", "k")
    monkeypatch.setenv("PLANQA_ZALO_BOT_TOKEN", "1:t")
    monkeypatch.setenv("PLANQA_ZALO_OA_API_BASE", "http://127.0.0.1:9/")
    configured = ServiceSettings().channels
    assert configured.zalo_oa.enabled and not configured.zalo_bot.enabled  # the bot webhook also needs its secret
    assert configured.zalo_oa.oa_api_base == "http://127.0.0.1:9"
    with pytest.raises(ValueError):
        ServiceSettings(channels={"zalo_bot": {"bot_api_base": "ftp://x"}})
