"""Loaders: real files of every format in, blocks in reading order or one typed error out."""

from __future__ import annotations

import hashlib
import io
import random
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from docgen import (
    CHROME_TEXTS,
    VI_SENTENCE,
    docx_bytes,
    encode_cp1258,
    make_corrupt_docx,
    make_docx,
    make_docx_bomb,
    make_encrypted_docx,
    make_encrypted_pdf,
    make_html,
    make_image_pdf,
    make_pdf,
    make_traversal_docx,
    write_text,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.errors import (
    CorruptDocument,
    EmptyDocument,
    EncryptedDocument,
    FileTooLarge,
    IngestError,
    NeedsOCR,
    NotADocument,
    UnsupportedFormat,
)
from ingest.loaders import SUPPORTED_EXTENSIONS, load_document, sniff_format
from ingest.model import Block, RawDocument

TABLE = [["STT", "Chỉ tiêu", "Cơ quan chủ trì"], ["14", "Đăng ký khai sinh", "Sở Tư pháp"]]


def texts(doc: RawDocument) -> list[str]:
    return [b.text for b in doc.blocks]


# ---------------------------------------------------------------- TXT / MD


def test_txt_is_one_block_with_its_own_line_breaks(tmp_path: Path) -> None:
    raw = "KẾ HOẠCH\r\nI. MỤC TIÊU\r\rChỉ tiêu 1\rHết"
    path = write_text(tmp_path / "kh.txt", raw)
    doc = load_document(path)
    assert doc.blocks == [Block("paragraph", "KẾ HOẠCH\nI. MỤC TIÊU\n\nChỉ tiêu 1\nHết")]
    assert (doc.source, doc.path, doc.fmt) == ("kh.txt", str(path), "txt")
    assert doc.content_hash == hashlib.sha256(raw.encode()).hexdigest()


def test_md_keeps_markup(tmp_path: Path) -> None:
    doc = load_document(write_text(tmp_path / "kh.md", "# Kế hoạch\n\n**Chỉ tiêu 14**: đạt 98,5%\n"))
    assert doc.fmt == "md"
    assert doc.blocks[0].text == "# Kế hoạch\n\n**Chỉ tiêu 14**: đạt 98,5%\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1258"])
def test_every_encoding_gives_the_same_nfc_text(tmp_path: Path, encoding: str) -> None:
    text = f"{VI_SENTENCE}\nSở Tư pháp chủ trì, phối hợp thực hiện."
    doc = load_document(write_text(tmp_path / "vi.txt", text, encoding))
    assert doc.blocks[0].text == text


def test_cp1258_file_really_uses_combining_tones() -> None:
    # Guards the test above: the cp1258 bytes must hold ê + combining dot below, not be plain ASCII.
    assert "ệ".encode() not in encode_cp1258("lệ")
    assert encode_cp1258("lệ") == b"l\xea\xf2"


def test_utf8_with_one_broken_byte_is_not_read_as_cp1258(tmp_path: Path) -> None:
    path = tmp_path / "hong.txt"
    path.write_bytes(VI_SENTENCE.encode() + b" \xff " + "Sở Tư pháp".encode())
    assert load_document(path).blocks[0].text == f"{VI_SENTENCE} \ufffd Sở Tư pháp"


def test_utf16_cut_mid_character_keeps_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "cut.txt"
    path.write_bytes(VI_SENTENCE.encode("utf-16")[:-1])
    assert load_document(path).blocks[0].text == VI_SENTENCE[:-1] + "\ufffd"


def test_bom_only_file_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf\r\n")
    with pytest.raises(EmptyDocument):
        load_document(path)


def test_real_corpus_file_loads(tmp_path: Path) -> None:
    corpus = sorted(Path("/work/shared/corpus").glob("*.txt"))
    if not corpus:
        pytest.skip("shared corpus not present")
    doc = load_document(corpus[0])
    assert doc.fmt == "txt" and len(doc.blocks) == 1
    assert "ỦY BAN NHÂN DÂN" in doc.blocks[0].text


# ---------------------------------------------------------------- DOCX


def test_docx_paragraphs_and_tables_in_document_order(tmp_path: Path) -> None:
    path = make_docx(
        tmp_path / "kh.docx",
        ["KẾ HOẠCH\nthực hiện Chương trình", "", "II. NHIỆM VỤ", "III. TỔ CHỨC THỰC HIỆN"],
        tables=[TABLE],
        table_after=3,
    )
    doc = load_document(path)
    assert doc.fmt == "docx"
    assert [b.kind for b in doc.blocks] == ["paragraph", "paragraph", "table", "paragraph"]
    # Soft line break kept as "\n"; the empty paragraph dropped.
    assert texts(doc)[:2] == ["KẾ HOẠCH\nthực hiện Chương trình", "II. NHIỆM VỤ"]
    table = doc.blocks[2]
    assert table.rows == tuple(tuple(r) for r in TABLE)
    assert table.text == "STT | Chỉ tiêu | Cơ quan chủ trì\n14 | Đăng ký khai sinh | Sở Tư pháp"
    assert doc.blocks[3].text == "III. TỔ CHỨC THỰC HIỆN"


def test_docx_table_first_and_merged_cell_kept_once(tmp_path: Path) -> None:
    rows = [["Mục tiêu 1", "", "Năm 2025"], ["Chỉ tiêu 14", "98,5%", "99%"]]
    path = make_docx(tmp_path / "m.docx", ["Ghi chú"], tables=[rows], table_after=0, merges=[(0, 0, 0, 1)])
    doc = load_document(path)
    assert [b.kind for b in doc.blocks] == ["table", "paragraph"]
    assert doc.blocks[0].rows == (("Mục tiêu 1", "Năm 2025"), ("Chỉ tiêu 14", "98,5%", "99%"))


def test_docx_tracked_changes_read_as_accepted(tmp_path: Path) -> None:
    import docx
    from docx.oxml import OxmlElement

    path = make_docx(tmp_path / "sua.docx", ["Tỷ lệ đạt 95%"])
    document = docx.Document(str(path))
    paragraph = document.paragraphs[0]
    old_run = paragraph.runs[0]._r
    inserted, deleted = OxmlElement("w:ins"), OxmlElement("w:del")
    new_run = paragraph.add_run("Tỷ lệ đạt 98,5%")._r
    old_run.addprevious(inserted)
    inserted.append(new_run)  # moves the run inside <w:ins>
    inserted.addnext(deleted)
    deleted.append(old_run)
    document.save(str(path))
    assert texts(load_document(path)) == ["Tỷ lệ đạt 98,5%"]


def test_docx_with_only_empty_paragraphs_is_empty(tmp_path: Path) -> None:
    with pytest.raises(EmptyDocument, match=r"^trong\.docx: "):
        load_document(make_docx(tmp_path / "trong.docx", ["", "   "]))


# ---------------------------------------------------------------- PDF


def test_pdf_pages_numbered_and_table_after_its_page_text(tmp_path: Path) -> None:
    path = make_pdf(
        tmp_path / "kh.pdf",
        ["KẾ HOẠCH\n" + VI_SENTENCE, "Trang hai\nIII. TỔ CHỨC THỰC HIỆN"],
        table=TABLE,
        table_page=1,
    )
    doc = load_document(path)
    assert doc.fmt == "pdf"
    assert [(b.kind, b.page) for b in doc.blocks] == [("paragraph", 1), ("table", 1), ("paragraph", 2)]
    assert doc.blocks[0].text == "KẾ HOẠCH\n" + VI_SENTENCE
    assert doc.blocks[1].rows == tuple(tuple(r) for r in TABLE)
    assert "Sở Tư pháp" not in doc.blocks[0].text  # the table's words are not read twice
    assert doc.blocks[2].text == "Trang hai\nIII. TỔ CHỨC THỰC HIỆN"


def test_pdf_with_bytes_before_its_header_still_opens(tmp_path: Path) -> None:
    # Mail gateways sometimes prepend junk; every reader still opens the file, and so do we.
    path = make_pdf(tmp_path / "kh.pdf", [VI_SENTENCE])
    path.write_bytes(b"X-Mailer: gateway\r\n\r\n" + path.read_bytes())
    assert texts(load_document(path)) == [VI_SENTENCE]


def test_text_that_mentions_pdf_magic_is_still_text(tmp_path: Path) -> None:
    path = write_text(tmp_path / "ghichu.md", "Tệp PDF bắt đầu bằng %PDF-1.7 như thường lệ.")
    assert load_document(path).fmt == "md"


def test_pdf_with_owner_password_only_opens(tmp_path: Path) -> None:
    # Encrypted but with an empty user password: every reader opens it without asking.
    doc = load_document(make_encrypted_pdf(tmp_path / "owner.pdf", user_password=""))
    assert texts(doc) == [VI_SENTENCE]


# ---------------------------------------------------------------- HTML

BODY = (
    "<h1>KẾ HOẠCH</h1>"
    "<p>Thực hiện <b>Chương trình</b> hành động<br>giai đoạn 2021 - 2030</p>"
    "<ul><li>Sở Y tế</li><li>- Sở Tư pháp</li></ul>"
    "<table><tr><th>STT</th><th>Chỉ tiêu</th></tr><tr><td>14</td><td><p>Khai sinh</p><p>98,5%</p></td></tr></table>"
    "<div>Nơi nhận: <span>như trên</span></div>"
)
BODY_BLOCKS = [
    Block("paragraph", "KẾ HOẠCH"),
    Block("paragraph", "Thực hiện Chương trình hành động\ngiai đoạn 2021 - 2030"),
    Block("paragraph", "- Sở Y tế"),
    Block("paragraph", "- Sở Tư pháp"),
    Block(
        "table",
        "STT | Chỉ tiêu\n14 | Khai sinh 98,5%",
        rows=(("STT", "Chỉ tiêu"), ("14", "Khai sinh\n98,5%")),
    ),
    Block("paragraph", "Nơi nhận: như trên"),
]


@pytest.mark.parametrize("container", ["main", "article", "content", "body"])
def test_html_document_without_site_chrome(tmp_path: Path, container: str) -> None:
    doc = load_document(make_html(tmp_path / "vb.html", BODY, container=container))
    assert doc.fmt == "html"
    assert doc.blocks == BODY_BLOCKS
    joined = "\n".join(texts(doc))
    assert not [c for c in CHROME_TEXTS if c in joined]


def test_html_declared_windows_1258_is_decoded_to_nfc(tmp_path: Path) -> None:
    path = make_html(tmp_path / "cu.htm", f"<p>{VI_SENTENCE}</p>", charset="windows-1258")
    assert b"\xf2" in path.read_bytes()  # combining dot below: really cp1258 on disk
    assert texts(load_document(path)) == [VI_SENTENCE]


def test_html_article_header_is_the_documents_title(tmp_path: Path) -> None:
    body = "<header><h2>KẾ HOẠCH số 51/KH-UBND</h2></header><p>I. MỤC TIÊU</p>"
    doc = load_document(make_html(tmp_path / "a.html", body, container="article"))
    assert texts(doc) == ["KẾ HOẠCH số 51/KH-UBND", "I. MỤC TIÊU"]


def test_html_page_wrapped_in_one_form_keeps_its_text(tmp_path: Path) -> None:
    # ASP.NET portals put the whole page, chrome included, inside <form id="form1">: not chrome.
    page = make_html(tmp_path / "p.html", f"<p>{VI_SENTENCE}</p>", container="article").read_text()
    page = page.replace("<body>", '<body><form id="form1" method="post">').replace(
        "</body>", "</form></body>"
    )
    doc = load_document(write_text(tmp_path / "aspx.html", page))
    assert texts(doc) == [VI_SENTENCE]


def test_html_form_around_the_document_only_is_kept(tmp_path: Path) -> None:
    body = f'<form action="/vanban"><div class="noidung"><p>{VI_SENTENCE}</p></div></form>'
    assert texts(load_document(make_html(tmp_path / "f.html", body, container="body"))) == [VI_SENTENCE]


def test_html_search_form_is_chrome(tmp_path: Path) -> None:
    body = (
        f'<form action="/search"><label>Tìm kiếm văn bản</label><input name="q"></form><p>{VI_SENTENCE}</p>'
    )
    assert texts(load_document(make_html(tmp_path / "s.html", body))) == [VI_SENTENCE]


def test_html_layout_table_is_read_as_text(tmp_path: Path) -> None:
    body = "<table><tr><td><p>Điều 1. Ban hành</p><table><tr><td>a</td></tr></table></td></tr></table>"
    doc = load_document(make_html(tmp_path / "layout.html", body, chrome=False))
    assert [b.kind for b in doc.blocks] == ["paragraph", "paragraph"]
    assert texts(doc)[0] == "Điều 1. Ban hành"


def test_html_with_only_chrome_is_empty(tmp_path: Path) -> None:
    with pytest.raises(EmptyDocument, match=r"^rong\.html: "):
        load_document(make_html(tmp_path / "rong.html", ""))


# ---------------------------------------------------------------- sniffing


@pytest.mark.parametrize(
    ("data", "suffix", "expected"),
    [
        (docx_bytes(["Kế hoạch"]), ".docx", "docx"),
        (b"%PDF-1.7\n%\xe2\xe3\n1 0 obj", ".pdf", "pdf"),
        (b"<!DOCTYPE html><p>Xin ch\xc3\xa0o</p>", ".HTM", "html"),
        ("Kế hoạch".encode(), ".md", "md"),
        ("Kế hoạch".encode(), ".txt", "txt"),
        (b"\x89PNG\r\n\x1a\n" + bytes(20), ".png", "png"),
        (b"II*\x00" + bytes(20), ".tif", "tiff"),
        # Misnamed files are read as what they are: the name never picks the parser.
        (docx_bytes(["Kế hoạch"]), ".pdf", "docx"),
        (b"%PDF-1.4\n...", ".txt", "pdf"),
        (docx_bytes(["Kế hoạch"]), ".html", "docx"),
        (b"%PDF-1.4\n...", ".docx", "pdf"),
        ("Kế hoạch".encode(), ".docx", "txt"),
        (b"<!DOCTYPE html><p>Xin ch\xc3\xa0o</p>", ".txt", "html"),
    ],
)
def test_sniff_format_by_content(data: bytes, suffix: str, expected: str) -> None:
    assert sniff_format(data, suffix) == expected


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (random.Random(1).randbytes(2048), NotADocument),
        (b"\x1f\x8b\x08\x00" + bytes(50), NotADocument),
        (b"{\\rtf1\\ansi hello}", UnsupportedFormat),
        (b"GIF89a" + bytes(20), UnsupportedFormat),
    ],
)
def test_sniff_format_rejects_what_is_not_a_document(data: bytes, error: type[IngestError]) -> None:
    with pytest.raises(error):
        sniff_format(data, ".txt")


def test_misnamed_docx_is_read_as_docx(tmp_path: Path) -> None:
    path = tmp_path / "ke-hoach.pdf"
    path.write_bytes(docx_bytes(["Kế hoạch số 5"]))
    doc = load_document(path)
    assert doc.fmt == "docx" and texts(doc) == ["Kế hoạch số 5"]


def test_scan_without_ocr_needs_ocr(tmp_path: Path) -> None:
    from ingest.ocr import OcrSettings

    with pytest.raises(NeedsOCR, match=r"^scan\.pdf: has no text layer.*OCR is switched off"):
        load_document(make_image_pdf(tmp_path / "scan.pdf"), ocr=OcrSettings(enabled=False))


# ---------------------------------------------------------------- errors


def _broken_xml_docx(path: Path) -> Path:
    original = zipfile.ZipFile(io.BytesIO(docx_bytes(["Kế hoạch"])))
    with zipfile.ZipFile(path, "w") as zf:
        for info in original.infolist():
            data = (
                b"<w:document><w:body><w:p>" if info.filename == "word/document.xml" else original.read(info)
            )
            zf.writestr(info, data)
    return path


def _xlsx_named_docx(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    return path


def _legacy_doc(path: Path) -> Path:
    make_encrypted_docx(path)
    path.write_bytes(path.read_bytes().replace("EncryptedPackage".encode("utf-16-le"), bytes(32)))
    return path


def _write(data: bytes) -> Callable[[Path], Path]:
    def build(path: Path) -> Path:
        path.write_bytes(data)
        return path

    return build


ERROR_CASES: list[tuple[str, Callable[[Path], Path], type[IngestError], str]] = [
    ("cut.docx", make_corrupt_docx, CorruptDocument, "damaged"),
    ("badxml.docx", _broken_xml_docx, CorruptDocument, "damaged Word document"),
    ("locked.docx", make_encrypted_docx, EncryptedDocument, "is password-protected"),
    ("old.docx", _legacy_doc, NotADocument, "is an Office (OLE2) file but not a Word document"),
    ("sheet.docx", _xlsx_named_docx, NotADocument, "no word/document.xml"),
    ("bomb.docx", make_docx_bomb, FileTooLarge, "expands to 300 MB"),
    ("slip.docx", make_traversal_docx, CorruptDocument, "unsafe path in archive: '../../evil.sh'"),
    ("abs.docx", lambda p: make_traversal_docx(p, "/etc/cron.d/evil"), CorruptDocument, "unsafe path"),
    ("locked.pdf", make_encrypted_pdf, EncryptedDocument, "is password-protected"),
    ("junk.pdf", _write(b"%PDF-1.7\n" + random.Random(2).randbytes(3000)), CorruptDocument, "damaged PDF"),
    ("junk.txt", _write(random.Random(3).randbytes(4096)), NotADocument, "not"),
    ("nul.html", _write(b"<p>a\0b\0\0\0\x01\x02\x03</p>"), NotADocument, "binary"),
    ("zero.txt", _write(b""), EmptyDocument, "is empty"),
    ("blank.md", _write(b" \r\n\t\n"), EmptyDocument, "is empty"),
    ("bang.xyz", _write(b"abc"), UnsupportedFormat, "unsupported file type '.xyz' (supported: .doc, .docx, .htm"),
    ("Makefile", _write(b"abc"), UnsupportedFormat, "unsupported file type"),
]


@pytest.mark.parametrize(("name", "build", "error", "reason"), ERROR_CASES, ids=[c[0] for c in ERROR_CASES])
def test_unusable_files_raise_one_clear_typed_error(
    tmp_path: Path, name: str, build: Callable[[Path], Path], error: type[IngestError], reason: str
) -> None:
    path = build(tmp_path / name)
    with pytest.raises(IngestError) as caught:
        load_document(path)
    assert type(caught.value) is error
    assert caught.value.source == name
    assert str(caught.value).startswith(f"{name}: ")
    assert reason in str(caught.value)
    assert "\n" not in str(caught.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(IngestError) as caught:
        load_document(tmp_path / "khong-co.docx")
    assert type(caught.value) is IngestError
    assert str(caught.value) == "khong-co.docx: file not found"


def test_too_large_is_refused_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_text(tmp_path / "lon.txt", "x" * 2000)

    def no_read(self: Path) -> bytes:
        raise AssertionError("the file was read")

    monkeypatch.setattr(Path, "read_bytes", no_read)
    with pytest.raises(FileTooLarge, match=r"^lon\.txt: is 2000 bytes, over the 1000 bytes limit$"):
        load_document(path, max_bytes=1000)


def test_zip_bomb_limit_follows_max_bytes(tmp_path: Path) -> None:
    # 30 MB inflated from a ~30 KB file: fine under the default limit, refused under 20 x 1 MB.
    path = make_docx_bomb(tmp_path / "bomb.docx", expanded_bytes=30 * 1024 * 1024)
    assert path.stat().st_size < 100_000
    with pytest.raises(FileTooLarge, match=r"expands to 30 MB when unpacked \(limit 20 MB\)"):
        load_document(path, max_bytes=1024 * 1024)


def test_supported_extensions() -> None:
    assert frozenset({".txt", ".md", ".markdown", ".docx", ".doc", ".xlsx", ".pdf", ".html", ".htm", ".png", ".jpg",
                      ".jpeg", ".tif", ".tiff"}) == SUPPORTED_EXTENSIONS


# ---------------------------------------------------------------- properties

_PREFIXES = [b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"PK\x03\x04", b"%PDF-1.4\n", b"<html>"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    prefix=st.sampled_from(_PREFIXES),
    body=st.binary(max_size=600),
    suffix=st.sampled_from(sorted(SUPPORTED_EXTENSIONS)),
)
def test_any_bytes_load_or_raise_an_ingest_error(
    tmp_path: Path, prefix: bytes, body: bytes, suffix: str
) -> None:
    path = tmp_path / f"x{suffix}"
    path.write_bytes(prefix + body)
    try:
        doc = load_document(path)
    except IngestError as exc:
        assert str(exc).startswith(f"x{suffix}: ")
    else:
        assert doc.blocks and all(b.text.strip() for b in doc.blocks)


_VI_TEXT = st.text(
    alphabet=st.sampled_from(
        list(
            "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ ĐƯƠ0123456789,.%:-\n"
        )
    ),
    min_size=1,
    max_size=200,
).filter(lambda s: s.strip() != "")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_VI_TEXT, encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1258"]))
def test_vietnamese_text_round_trips_in_every_encoding(tmp_path: Path, text: str, encoding: str) -> None:
    doc = load_document(write_text(tmp_path / "rt.txt", text, encoding))
    assert doc.blocks == [Block("paragraph", text)]
