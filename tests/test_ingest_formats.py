"""One authored plan in every form planqa reads (TXT, Markdown, DOCX, DOC, PDF, TCVN3 and VNI text,
a DOCX typed in legacy fonts) gives the same facts; Excel tables; what each new format refuses."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from docgen import (
    DOC_FIXTURE,
    FORMS_PLAN,
    FORMS_PLAN_FACTS,
    FORMS_PLAN_LINES,
    encode_tcvn3,
    encode_vni,
    make_docx,
    make_encrypted_docx,
    make_legacy_font_docx,
    make_pdf,
    make_xlsx,
)

from ingest.errors import (
    CorruptDocument,
    EncryptedDocument,
    FileTooLarge,
    IngestError,
    NotADocument,
    UnsupportedFormat,
)
from ingest.loaders import LoadLimits, check_bytes, load_document, sniff_format
from ingest.model import PlanDocument
from ingest.parse import parse_document

DATA = Path(__file__).parent / "data"


def facts(doc: PlanDocument) -> dict[int, tuple[set[str], set[str], list[tuple[int, float | None]]]]:
    out: dict[int, tuple[set[str], set[str], list[tuple[int, float | None]]]] = {}
    for ind in doc.indicators:
        assert ind.number is not None
        leads = {a.agency for a in doc.assignments if a.indicator_number == ind.number and a.role == "lead"}
        supports = {a.agency for a in doc.assignments if a.indicator_number == ind.number and a.role == "support"}
        out[ind.number] = (leads, supports, [(t.year, t.value) for t in ind.targets])
    return out


def _txt(path: Path) -> Path:
    path.write_text(FORMS_PLAN, encoding="utf-8")
    return path


def _md(path: Path) -> Path:
    headings = {"I. MỤC TIÊU": "## I. MỤC TIÊU", "II. TỔ CHỨC THỰC HIỆN": "## II. TỔ CHỨC THỰC HIỆN"}
    path.write_text("\n\n".join(headings.get(line, line) for line in FORMS_PLAN_LINES) + "\n", encoding="utf-8")
    return path


def _tcvn3(path: Path) -> Path:
    path.write_bytes(encode_tcvn3(FORMS_PLAN))
    return path


def _vni(path: Path) -> Path:
    path.write_bytes(encode_vni(FORMS_PLAN))
    return path


def _doc(path: Path) -> Path:
    path.write_bytes(DOC_FIXTURE.read_bytes())
    return path


FORMS: dict[str, tuple[str, Callable[[Path], Path]]] = {
    "txt": ("plan.txt", _txt),
    "md": ("plan.md", _md),
    "docx": ("plan.docx", lambda p: make_docx(p, FORMS_PLAN_LINES)),
    "doc": ("plan.doc", _doc),
    "pdf": ("plan.pdf", lambda p: make_pdf(p, [FORMS_PLAN])),
    "tcvn3-txt": ("plan-abc.txt", _tcvn3),
    "vni-txt": ("plan-vni.txt", _vni),
    "tcvn3-docx": ("plan-vntime.docx", lambda p: make_legacy_font_docx(p, FORMS_PLAN_LINES)),
    "vni-docx": ("plan-vni.docx", lambda p: make_legacy_font_docx(p, FORMS_PLAN_LINES, encoding="VNI")),
}


@pytest.mark.parametrize("form", sorted(FORMS))
def test_every_form_gives_the_same_leads_supports_and_targets(tmp_path: Path, form: str) -> None:
    name, build = FORMS[form]
    doc = parse_document(load_document(build(tmp_path / name)))
    assert facts(doc) == FORMS_PLAN_FACTS
    assert (doc.meta.number, doc.meta.place, doc.meta.place_level) == ("27/KH-UBND", "Thanh Lĩnh", "huyện")
    assert doc.ocr_pages == [] and all(a.span.origin == "text" for a in doc.assignments)


@pytest.mark.parametrize("form", ["tcvn3-txt", "vni-txt", "tcvn3-docx", "vni-docx"])
def test_legacy_encodings_become_the_unicode_text_and_say_so(tmp_path: Path, form: str) -> None:
    name, build = FORMS[form]
    path = build(tmp_path / name)
    assert "Kế hoạch".encode() not in path.read_bytes()  # really legacy bytes on disk
    raw = load_document(path)
    lines = [line for b in raw.blocks for line in b.text.split("\n") if line.strip()]
    assert lines == FORMS_PLAN_LINES  # capitals restored too ("KẾ HOẠCH", "CHỦ TỊCH")
    assert any("TCVN3" in w or "VNI" in w or "legacy fonts" in w for w in raw.warnings)


def test_unicode_text_with_latin1_letters_is_not_taken_for_legacy(tmp_path: Path) -> None:
    text = "Ghi chú: tên riêng José Müller, café, ½ tỷ lệ; Kế hoạch số 5/KH-UBND đạt 98,5%."
    path = tmp_path / "latin.txt"
    path.write_text(text, encoding="utf-8")
    assert load_document(path).blocks[0].text == text
    docx_path = make_docx(tmp_path / "latin.docx", [text])
    assert load_document(docx_path).blocks[0].text == text and not load_document(docx_path).warnings


def test_markdown_headings_are_sections(tmp_path: Path) -> None:
    path = tmp_path / "ghi-chu.md"
    path.write_text("# KẾ HOẠCH\n\n## Mục tiêu chung\n\nNâng cao năng lực số.\n\n### 1. Nhiệm vụ\n\n"
                    "Tập huấn cán bộ.\n\n#hashtag không phải tiêu đề\n", encoding="utf-8")
    doc = parse_document(load_document(path))
    crumbs = [s.breadcrumb for s in doc.sections]
    assert "KẾ HOẠCH › Mục tiêu chung" in crumbs
    assert "KẾ HOẠCH › Mục tiêu chung › 1. Nhiệm vụ" in crumbs
    assert not any("hashtag" in c for c in crumbs)


# ---------------------------------------------------------------- DOC


def test_doc_keeps_paragraphs_soft_breaks_and_tables() -> None:
    raw = load_document(DATA / "table_plan.doc")
    assert raw.fmt == "doc"
    assert [b.kind for b in raw.blocks] == ["paragraph", "paragraph", "table", "paragraph"]
    assert raw.blocks[0].text == "KẾ HOẠCH\nChuyển đổi số"  # a soft line break stays a line break
    rows = raw.blocks[2].rows
    assert rows[0] == ("STT", "Chỉ tiêu", "Cơ quan chủ trì", "Cơ quan phối hợp")
    assert rows[1][1] == "Tỷ lệ xã có điểm phục vụ dịch vụ công trực tuyến đạt 100% vào năm 2026"
    assert rows[2] == ("2", "Tỷ lệ doanh nghiệp nhỏ dùng hóa đơn điện tử đạt 90% vào năm 2026",
                       "Chi cục Thuế khu vực")  # the merged cell once, as in DOCX


def _encrypted_doc(path: Path) -> Path:
    data = bytearray(DOC_FIXTURE.read_bytes())
    fib = data.find(b"\xec\xa5")  # the Word 97 File Information Block
    data[fib + 11] |= 0x01  # fEncrypted: what Word sets for a password-protected document
    path.write_bytes(bytes(data))
    return path


def _cut(source: Path, keep: float = 0.4) -> Callable[[Path], Path]:
    def build(path: Path) -> Path:
        data = source.read_bytes()
        path.write_bytes(data[: int(len(data) * keep)])
        return path

    return build


def _xls(path: Path) -> Path:
    """A legacy .xls named .doc: the OLE directory names a "Workbook" stream instead of "WordDocument"."""
    data = bytearray(DOC_FIXTURE.read_bytes())
    at = data.find("WordDocument".encode("utf-16-le"))
    data[at : at + 24] = "Workbook\0\0\0\0".encode("utf-16-le")
    data[at + 64 : at + 66] = (18).to_bytes(2, "little")  # the name's length in bytes, with its NUL
    path.write_bytes(bytes(data))
    return path


def _xlsx_bytes() -> bytes:
    buf = io.BytesIO()
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["a", "b"])
    wb.save(buf)
    return buf.getvalue()


def _broken_xlsx(path: Path) -> Path:
    original = zipfile.ZipFile(io.BytesIO(_xlsx_bytes()))
    with zipfile.ZipFile(path, "w") as zf:
        for info in original.infolist():
            zf.writestr(info, b"<workbook" if info.filename == "xl/workbook.xml" else original.read(info))
    return path


ERRORS: list[tuple[str, Callable[[Path], Path], type[IngestError], str]] = [
    ("locked.doc", _encrypted_doc, EncryptedDocument, "is password-protected"),
    ("cut.doc", _cut(DOC_FIXTURE), CorruptDocument, "damaged"),
    ("sheet.doc", _xls, UnsupportedFormat, "old Excel 97-2003 .xls"),
    ("locked.xlsx", make_encrypted_docx, EncryptedDocument, "is password-protected"),
    ("broken.xlsx", _broken_xlsx, CorruptDocument, "damaged Excel workbook"),
    ("rtf.doc", lambda p: (p.write_bytes(b"{\\rtf1\\ansi K\\'ea ho\\'e1ch}"), p)[1], UnsupportedFormat, "RTF"),
]


@pytest.mark.parametrize(("name", "build", "error", "reason"), ERRORS, ids=[e[0] for e in ERRORS])
def test_bad_doc_and_xlsx_give_one_clear_line(tmp_path: Path, name: str, build: Callable[[Path], Path],
                                              error: type[IngestError], reason: str) -> None:
    with pytest.raises(IngestError) as caught:
        load_document(build(tmp_path / name))
    assert type(caught.value) is error, caught.value
    assert str(caught.value).startswith(f"{name}: ") and reason in str(caught.value)
    assert "\n" not in str(caught.value)


# ---------------------------------------------------------------- XLSX

ASSIGNMENT_SHEET = [
    ["BẢNG PHÂN CÔNG THỰC HIỆN CÁC CHỈ TIÊU"],
    ["STT", "Chỉ tiêu", "Năm 2026", "Cơ quan chủ trì", "Cơ quan phối hợp"],
    [1, "Tỷ lệ xã có điểm phục vụ dịch vụ công trực tuyến", 1.0, "Phòng Nội vụ", "Công an huyện"],
    [2, "Tỷ lệ hộ gia đình có kết nối Internet cáp quang", 0.985, "Phòng Văn hóa và Thông tin", None],
    [3, "Tỷ lệ trường học sử dụng học bạ số", 0.9, "Phòng Giáo dục và Đào tạo", "Trung tâm Y tế huyện"],
    ["Ghi chú: số liệu do Chi cục Thống kê cung cấp."],
]


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_xlsx(
        tmp_path_factory.mktemp("xlsx") / "phan_cong.xlsx",
        {"Phụ lục 1": ASSIGNMENT_SHEET, "Sheet2": [], "Phụ lục 2": [["Nơi nhận", "Ghi chú"], ["UBND các xã", "để t/h"]]},
        merges={"Phụ lục 1": ["A1:E1", "D4:D5"]},
        percent_cells=["Phụ lục 1!C3", "Phụ lục 1!C4", "Phụ lục 1!C5"],
    )


def test_xlsx_sheets_become_titles_and_tables(workbook: Path) -> None:
    raw = load_document(workbook)
    assert raw.fmt == "xlsx"
    kinds = [(b.kind, b.text.split("\n")[0]) for b in raw.blocks]
    assert kinds[:2] == [("paragraph", "Phụ lục 1"), ("paragraph", "BẢNG PHÂN CÔNG THỰC HIỆN CÁC CHỈ TIÊU")]
    table = raw.blocks[2]
    assert table.kind == "table" and table.rows[0] == ("STT", "Chỉ tiêu", "Năm 2026", "Cơ quan chủ trì",
                                                        "Cơ quan phối hợp")
    # Percentages as Excel shows them; a vertically merged lead repeated on each row it spans.
    assert table.rows[2] == ("2", "Tỷ lệ hộ gia đình có kết nối Internet cáp quang", "98,5%",
                             "Phòng Văn hóa và Thông tin", "")
    assert table.rows[3][3] == "Phòng Văn hóa và Thông tin"
    assert raw.blocks[3].text == "Ghi chú: số liệu do Chi cục Thống kê cung cấp."
    assert ("paragraph", "Phụ lục 2") in kinds and not any(k[1] == "Sheet2" for k in kinds)


def test_xlsx_assignment_table_gives_leads_supports_and_targets(workbook: Path) -> None:
    doc = parse_document(load_document(workbook))
    got = facts(doc)
    assert got[1] == ({"Phòng Nội vụ"}, {"Công an huyện"}, [(2026, 100.0)])
    assert got[2] == ({"Phòng Văn hóa và Thông tin"}, set(), [(2026, 98.5)])
    assert got[3][0] == {"Phòng Văn hóa và Thông tin"}  # the merged lead cell covers row 3 too
    assert got[3][1] == {"Trung tâm Y tế huyện"}


def test_xlsx_zip_bomb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    original = zipfile.ZipFile(io.BytesIO(_xlsx_bytes()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in original.infolist():
            zf.writestr(info, original.read(info))
        zf.writestr("xl/media/filler.bin", b"\0" * (30 * 1024 * 1024))  # 30 MB from ~30 KB
    with pytest.raises(FileTooLarge, match="zip bomb"):
        load_document(path, max_bytes=1024 * 1024)


# ---------------------------------------------------------------- one registry for uploads and ingest


@pytest.mark.parametrize(
    ("name", "expected"),
    [("plan.doc", "doc"), ("wrongly-named.docx", "doc"), ("x.bin", "doc")],
)
def test_sniffing_goes_by_content(name: str, expected: str) -> None:
    assert sniff_format(DOC_FIXTURE.read_bytes(), Path(name).suffix) == expected


def test_upload_checks_are_the_ingest_checks(tmp_path: Path, workbook: Path) -> None:
    limits = LoadLimits(max_bytes=1024 * 1024)
    assert check_bytes(workbook.read_bytes(), "bang.xlsx", limits).name == "xlsx"
    assert check_bytes(DOC_FIXTURE.read_bytes(), "cu.doc", limits).name == "doc"
    with pytest.raises(EncryptedDocument):
        check_bytes(_encrypted_doc(tmp_path / "x.doc").read_bytes(), "x.doc", limits)
    with pytest.raises(NotADocument):
        check_bytes(b"\x1f\x8b\x08" + bytes(100), "nen.txt", limits)
    with pytest.raises(FileTooLarge):
        check_bytes(b"a" * (1024 * 1024 + 1), "lon.txt", limits)


def test_docx_with_legacy_text_but_no_legacy_font_is_recognised(tmp_path: Path) -> None:
    # Text pasted from an ABC-encoded file into a document set in an ordinary font: only the
    # letters themselves show it is TCVN3.
    lines = [encode_tcvn3(line).decode("latin-1") for line in FORMS_PLAN_LINES]
    raw = load_document(make_docx(tmp_path / "dan.docx", lines))
    assert [b.text for b in raw.blocks] == FORMS_PLAN_LINES
    assert raw.warnings == ["text converted from the legacy TCVN3 Vietnamese encoding"]


def test_upload_of_a_misnamed_doc_is_stored_under_its_real_format() -> None:
    from api.uploads import check_upload

    checked = check_upload("../ke-hoach.docx", DOC_FIXTURE.read_bytes(), 1024 * 1024, 10 * 1024 * 1024)
    assert (checked.filename, checked.fmt) == ("ke-hoach.doc", "doc")


def test_planqa_indicators_json_is_right_for_every_form(tmp_path: Path, workbook: Path) -> None:
    import json
    import subprocess
    import sys

    folder = tmp_path / "forms"
    folder.mkdir()
    for form, (name, build) in FORMS.items():
        build(folder / f"{form}-{name}")
    index = tmp_path / "index"
    ingest = subprocess.run([sys.executable, "-m", "planqa_cli", "ingest", str(folder), "--index", str(index)],
                            capture_output=True, text=True, timeout=600)
    assert ingest.returncode == 0, ingest.stderr
    out = subprocess.run([sys.executable, "-m", "planqa_cli", "indicators", "--json", "--index", str(index)],
                         capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    by_source: dict[str, dict[int, tuple[set[str], set[str], list[tuple[int, float]]]]] = {}
    for row in json.loads(out.stdout):
        by_source.setdefault(row["source"], {})[row["number"]] = (
            set(row["leads"]), set(row["supports"]), [(t["year"], t["value"]) for t in row["targets"]])
    # Every form is a document of its own (its bytes differ), each with the same facts.
    assert len(by_source) == len(FORMS)
    for source, rows in by_source.items():
        assert rows == FORMS_PLAN_FACTS, source
