"""Pure pieces of the API: rate-limit parsing and buckets, settings, upload checks, SSE pieces, errors."""

from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st

from api.channels.web.sse import answer_pieces
from api.ratelimit import TokenBucketLimiter
from api.service import citation_id, highlight_span
from api.settings import RateLimit, ServiceSettings, admin_key_problem
from api.uploads import check_upload, safe_filename
from core.errors import snake_case
from ingest.errors import CorruptDocument, EmptyDocument, FileTooLarge, NotADocument, UnsupportedFormat

MB = 1024 * 1024


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("30/minute", RateLimit(30, 60)),
        ("5/10s", RateLimit(5, 10)),
        ("100/second", RateLimit(100, 1)),
        ("2 / hours", RateLimit(2, 3600)),
        ("1000/day", RateLimit(1000, 86400)),
    ],
)
def test_rate_limit_parses(text: str, expected: RateLimit) -> None:
    assert RateLimit.parse(text) == expected


@pytest.mark.parametrize("text", ["", "30", "thirty/minute", "30/fortnight", "0/minute", "-1/s"])
def test_rate_limit_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        RateLimit.parse(text)


def test_token_bucket_bursts_then_refills_per_client() -> None:
    clock = Clock()
    limiter = TokenBucketLimiter(RateLimit(3, 60), clock=clock)
    assert [limiter.acquire("a") for _ in range(3)] == [None, None, None]
    assert limiter.acquire("a") == 20  # one token every 20 s
    assert limiter.acquire("b") is None  # other clients are unaffected
    clock.now = 20.0
    assert limiter.acquire("a") is None
    assert limiter.acquire("a") == 20


def test_token_bucket_forgets_old_clients_within_its_bound() -> None:
    limiter = TokenBucketLimiter(RateLimit(1, 60), max_clients=2, clock=Clock())
    for client in ("a", "b", "c"):
        assert limiter.acquire(client) is None
    assert limiter.acquire("a") is None  # "a" was evicted: a forgotten client gets a full bucket
    assert limiter.acquire("c") == 60


@pytest.mark.parametrize(
    "key", ["", "   ", "changethis", "CHANGEME", "secret", "aaaaaaaaaaaaaaaaaaaa", "short-key"]
)
def test_admin_key_problems(key: str) -> None:
    assert admin_key_problem(key) is not None


def test_settings_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANQA_INDEX", "/srv/index")
    monkeypatch.setenv("PLANQA_ALLOWED_ORIGINS", "https://a.gov.vn, https://b.gov.vn/")
    monkeypatch.setenv("PLANQA_RATE_LIMIT", "10/minute")
    monkeypatch.setenv("PLANQA_ENABLE_ADMIN", "true")
    monkeypatch.setenv("PLANQA_ADMIN_KEY", "k" * 8 + "-real-key-" + "z" * 8)
    settings = ServiceSettings()
    assert str(settings.index_dir) == "/srv/index"
    assert settings.api.allowed_origins == ["https://a.gov.vn", "https://b.gov.vn"]
    assert settings.api.parsed_rate_limit == RateLimit(10, 60)
    assert settings.channels.web.log_questions is False


@pytest.mark.parametrize("key", [None, "", "changethis"])
def test_settings_refuse_placeholder_admin_key(key: str | None) -> None:
    with pytest.raises(ValueError, match="PLANQA_ADMIN_KEY"):
        ServiceSettings(api={"enable_admin": True, "admin_key": key})


def test_settings_allow_no_key_when_admin_is_off() -> None:
    assert ServiceSettings(api={"enable_admin": False, "admin_key": None}).api.enable_admin is False


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\x\\Kế hoạch 51.docx", "Kế hoạch 51.docx"),
        ("a<b>|c.txt", "a_b__c.txt"),
        ("..", "upload"),
        (None, "upload"),
        ("\x00evil\n.pdf", "evil.pdf"),
    ],
)
def test_safe_filename(name: str | None, expected: str) -> None:
    assert safe_filename(name) == expected


@given(st.text(max_size=300))
def test_safe_filename_never_escapes(name: str) -> None:
    safe = safe_filename(name)
    assert safe and "/" not in safe and "\\" not in safe and safe not in {".", ".."}
    assert not safe.startswith(".")


def _zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX_MEMBERS = {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}


def test_upload_formats_are_detected_from_content() -> None:
    assert check_upload("plan.pdf", b"%PDF-1.7\n...", MB, 10 * MB).fmt == "pdf"
    assert check_upload("plan.txt", _zip(DOCX_MEMBERS), MB, 10 * MB).filename == "plan.docx"
    assert check_upload("x.bin", "<!DOCTYPE html><html>Kế hoạch</html>".encode(), MB, 10 * MB).fmt == "html"
    assert check_upload("notes.md", "# Kế hoạch\nChỉ tiêu 1".encode(), MB, 10 * MB).fmt == "md"
    assert check_upload("plan.docx", "Kế hoạch số 51".encode("utf-16"), MB, 10 * MB).fmt == "txt"


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (bytes(range(256)) * 40, NotADocument),
        (b"\x89PNG\r\n\x1a\n" + bytes(2000), CorruptDocument),  # a PNG signature, then no image
        (_zip({"a.txt": b"hello"}), NotADocument),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), CorruptDocument),  # an OLE2 signature only
        (b"{\\rtf1\\ansi K\\'ea ho\\'e1ch}", UnsupportedFormat),
        (b"PK\x03\x04 not really a zip", CorruptDocument),
        (b"   \n", EmptyDocument),
    ],
)
def test_upload_junk_is_refused(data: bytes, error: type[Exception]) -> None:
    with pytest.raises(error):
        check_upload("plan.docx", data, MB, 10 * MB)


def test_upload_over_the_limit_is_refused() -> None:
    with pytest.raises(FileTooLarge):
        check_upload("plan.txt", b"a" * (MB + 1), MB, 10 * MB)


def test_docx_zip_bomb_is_refused() -> None:
    bomb = _zip({**DOCX_MEMBERS, "word/media/filler.xml": b"0" * (64 * MB)})
    assert len(bomb) < MB
    with pytest.raises(FileTooLarge, match="zip bomb"):
        check_upload("bomb.docx", bomb, MB, 32 * MB)


def test_docx_with_lying_sizes_is_refused_while_decompressing() -> None:
    # Headers claim 10 bytes; the data inflates to 64 MB.
    bomb = bytearray(_zip({**DOCX_MEMBERS, "word/media/filler.xml": b"0" * (64 * MB)}))
    archive = zipfile.ZipFile(io.BytesIO(bytes(bomb)))
    info = archive.getinfo("word/media/filler.xml")
    for offset in (info.header_offset + 22, bytes(bomb).rfind(b"PK\x01\x02") + 24):
        bomb[offset : offset + 4] = (10).to_bytes(4, "little")
    with pytest.raises((FileTooLarge, CorruptDocument)):
        check_upload("bomb.docx", bytes(bomb), MB, 32 * MB)


def test_docx_path_traversal_is_refused() -> None:
    with pytest.raises(CorruptDocument, match="unsafe path"):
        check_upload("evil.docx", _zip({**DOCX_MEMBERS, "../../evil.sh": b"rm -rf /"}), MB, 10 * MB)


@given(st.text(max_size=400), st.integers(min_value=1, max_value=60))
def test_answer_pieces_rebuild_the_text(text: str, min_chars: int) -> None:
    assert "".join(answer_pieces(text, min_chars)) == text


def test_citation_id_and_highlight() -> None:
    citation = {"chunk_id": "c-1", "char_start": 120, "char_end": 130}
    assert citation_id(citation) == "c-1:120-130"
    assert citation_id({"chunk_id": None, "char_start": 0, "char_end": 1}) is None
    passage = {"text": "x" * 50, "char_start": 100, "char_end": 150}
    assert highlight_span(passage, 120, 130) == (20, 30)
    assert highlight_span(passage, 90, 130) is None


def test_snake_case_codes() -> None:
    assert snake_case("NotADocument") == "not_a_document"
    assert snake_case("IndexMismatch") == "index_mismatch"
    assert snake_case("NeedsOCR") == "needs_ocr"
