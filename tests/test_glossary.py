"""The bilingual glossary (bot/glossary.py and its data file bot/glossary.txt): the file's rules, matching
behaviour, body names, English renderings, and where its vocabulary comes from."""

from __future__ import annotations

import ast
import re
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot import glossary as glossary_module
from bot.glossary import DATA_FILE, DOMAINS, Glossary, GlossaryError, load_glossary
from ingest.normalize import VI_UPPER, fold, fold_ascii

REPO = Path(__file__).resolve().parents[1]

# A valid header for small glossaries written in the tests.
HEADER = "@source usage: general usage, for tests\n@source law: laws, for tests\n"


@pytest.fixture(scope="module")
def g() -> Glossary:
    return load_glossary()


def write(tmp_path: Path, body: str, header: str = HEADER) -> Path:
    path = tmp_path / "glossary.txt"
    path.write_text(header + body, encoding="utf-8")
    return path


def eq(g: Glossary, text: str) -> dict[str, list[str]]:
    return dict(g.equivalents(text))


# ---- the bundled file ------------------------------------------------------------------------


def test_bundled_glossary_is_large_and_covers_every_domain(g: Glossary) -> None:
    counts = g.counts()
    assert len(g.entries) >= 500
    assert set(counts) == set(DOMAINS)
    # The plan vocabulary and each policy domain the issue names have real depth, not a token entry.
    for domain in ("admin", "plan", "budget", "reporting", "children", "health", "education", "gender",
                   "digital", "disaster", "environment", "social", "justice", "organisation", "department"):
        assert counts[domain] >= 20, domain
    assert all(e.english and e.vietnamese for e in g.entries)


def test_bundled_file_is_nfc_and_every_entry_names_a_declared_source(g: Glossary) -> None:
    text = DATA_FILE.read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", text)
    assert set(g.sources) == {e.source for e in g.entries}
    assert all(len(desc) > 40 for desc in g.sources.values())  # a real description, not a bare tag


def test_load_glossary_is_cached(g: Glossary) -> None:
    assert load_glossary() is g


# ---- the loader rejects malformed files ------------------------------------------------------


@pytest.mark.parametrize(("body", "message"), [
    ("budget | budget | kinh phí\n", "line 3: expected"),
    ("money | budget | kinh phí | usage\n", "unknown domain 'money'"),
    ("budget | budget | kinh phí | web\n", "source 'web' is not declared"),
    ("budget | budget;  | kinh phí | usage\n", "empty term"),
    ("budget | budget; budget | kinh phí | usage\n", "listed twice"),
    ("budget | budget | kinh phí | usage\nbudget | funding | kinh phí | usage\n", "duplicates 'kinh phí' on line 3"),
    ("budget | budget | kinh phí | usage\nbudget | budgets | ngân sách | usage\n", "duplicates 'budget'"),
    ("budget | how much money | kinh phí | usage\n", "reads like a question"),
    ("budget | budget | kinh phí bao nhiêu | usage\n", "reads like a question"),
    ("budget | budget? | kinh phí | usage\n", "malformed term"),
    ("budget | budget | kinh phí | usage\n", "never used: law"),
])
def test_loader_rejects_malformed_lines(tmp_path: Path, body: str, message: str) -> None:
    if "never used" not in message:
        body += "admin | law | pháp luật | law\n"
    with pytest.raises(GlossaryError, match=message):
        Glossary.from_file(write(tmp_path, body))


def test_loader_rejects_text_that_is_not_nfc(tmp_path: Path) -> None:
    body = unicodedata.normalize("NFD", "budget | budget | kinh phí | usage\nadmin | law | pháp luật | law\n")
    with pytest.raises(GlossaryError, match="line 3: not NFC"):
        Glossary.from_file(write(tmp_path, body))


def test_loader_rejects_a_file_without_sources(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError, match="source 'usage' is not declared"):
        Glossary.from_file(write(tmp_path, "budget | budget | kinh phí | usage\n", header=""))
    with pytest.raises(GlossaryError, match="no '@source' lines"):
        Glossary.from_file(write(tmp_path, "# nothing here\n", header=""))


def test_loader_rejects_english_that_reads_as_vietnamese_without_diacritics(tmp_path: Path) -> None:
    # "dam" typed on a phone is "đảm" (bảo đảm): an English "dam" would match Vietnamese questions.
    body = "plan | ensure | bảo đảm | usage\ndisaster | dam | đập | law\n"
    with pytest.raises(GlossaryError, match="English 'dam' is also Vietnamese"):
        Glossary.from_file(write(tmp_path, body))


def test_loader_reports_unreadable_and_non_utf8_files(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError, match="cannot read"):
        Glossary.from_file(tmp_path / "missing.txt")
    bad = tmp_path / "latin.txt"
    bad.write_bytes(HEADER.encode() + "budget | budget | kinh phí | usage\n".encode("cp1258"))
    with pytest.raises(GlossaryError, match="not UTF-8"):
        Glossary.from_file(bad)


# ---- matching --------------------------------------------------------------------------------


def test_english_phrases_give_the_words_plans_use(g: Glossary) -> None:
    found = eq(g, "What is the minimum budget per commune per year?")
    assert found["minimum"][:3] == ["tối thiểu", "ít nhất", "thấp nhất"]
    assert "kinh phí" in found["budget"]
    assert found["per commune"][0] == "mỗi xã"
    assert "hằng năm" in found["per year"]


def test_longest_phrase_wins(g: Glossary) -> None:
    found = eq(g, "How is the state budget for the six-monthly report allocated?")
    assert found["state budget"] == ["ngân sách nhà nước", "NSNN"]
    assert "budget" not in found  # no second, shorter match inside "state budget"
    assert found["six-monthly report"][0] == "báo cáo 6 tháng"
    assert "report" not in found
    # In Vietnamese too: "hạn chế" (a limitation) is not "hạn" (a deadline).
    vi = eq(g, "Những hạn chế của kế hoạch")
    assert "hạn chế" in vi and "hạn" not in vi
    assert all("trước ngày" not in words for words in vi.values())


def test_plurals_inflections_and_possessives(g: Glossary) -> None:
    assert "xã" in eq(g, "all communes")["communes"]
    assert eq(g, "the People's Committees")["People's Committees"][0] == "Ủy ban nhân dân"
    assert eq(g, "how many registered births")["registered births"][0] == "đăng ký khai sinh"
    assert eq(g, "children vaccinated this year")["vaccinated"][0] == "tiêm chủng"
    assert eq(g, "who is reporting it")["reporting"] == ["báo cáo"]
    assert eq(g, "planned activities")["activities"] == ["hoạt động"]
    assert eq(g, "the childrens rights")["childrens rights"][0] == "quyền trẻ em"


def test_british_and_american_spellings(g: Glossary) -> None:
    for text in ("immunisation", "immunization", "immunized"):
        assert eq(g, text)[text][0] == "tiêm chủng", text
    assert eq(g, "programs")["programs"] == ["chương trình"]
    assert eq(g, "counseling")["counseling"] == ["tư vấn"]
    assert eq(g, "the labor department")["labor department"] == ["Sở Lao động"]
    assert eq(g, "socialization")["socialization"][0] == "xã hội hóa"


def test_no_match_inside_other_words(g: Glossary) -> None:
    assert g.matches("budgetary hospitality and reportage") == []
    assert g.matches("Subtotal") == []
    # "tre" is a word of "trẻ em", never a piece of "centre" or "street".
    assert all(m.phrase != "trẻ" for m in g.matches("centre street"))


def test_vietnamese_synonyms_both_ways(g: Glossary) -> None:
    assert eq(g, "tối thiểu")["tối thiểu"][:2] == ["ít nhất", "thấp nhất"]
    assert "tối thiểu" in eq(g, "ít nhất")["ít nhất"]
    assert "đăng ký khai sinh" in eq(g, "khai sinh")["khai sinh"]
    assert "khai sinh" in eq(g, "đăng ký khai sinh")["đăng ký khai sinh"]
    assert "trước ngày" in eq(g, "hạn nộp")["hạn"]
    assert "hạn" in eq(g, "gửi trước ngày 15/6")["trước ngày"]
    # A phrase with no other word for it adds nothing.
    assert "chỉ tiêu" not in eq(g, "chỉ tiêu 14")


def test_text_typed_without_diacritics(g: Glossary) -> None:
    found = eq(g, "kinh phi toi thieu cua moi xa")
    assert found["toi thieu"][:3] == ["tối thiểu", "ít nhất", "thấp nhất"]  # restored, then synonyms
    assert found["moi xa"] == ["mỗi xã", "mỗi đơn vị cấp xã"]
    assert "trước ngày" in eq(g, "han gui bao cao")["han"]
    assert eq(g, "so y te phu trach chi tieu nao")["so y te"] == ["Sở Y tế"]
    # One syllable typed without diacritics is too ambiguous to restore ("bao" / "bão").
    assert "bao" not in eq(g, "bao nhieu")


def test_text_typed_with_diacritics_is_matched_with_them(g: Glossary) -> None:
    assert "hàn" not in eq(g, "hàn gắn")
    assert [m.phrase for m in g.matches("hạn nộp")] == ["hạn", "nộp"]
    # "bao" written with a Vietnamese keyboard is "bao" (bao nhiêu), not "bão" (storm).
    assert all(m.phrase != "bão" for m in g.matches("Kinh phí là bao nhiêu?"))
    # Old and new tone placement are the same word.
    assert g.matches("hoà giải")[0].phrase == g.matches("hòa giải")[0].phrase == "hòa giải"


def test_english_vocabulary_never_matches_vietnamese_typed_on_a_phone(g: Glossary) -> None:
    sentences = [
        "chi tieu 14 do co quan nao chu tri thuc hien",
        "ke hoach cua tinh giao cho so nao phu trach",
        "bao cao 6 thang gui truoc ngay 15 thang 6 hang nam",
        "kinh phi thuc hien tu nguon ngan sach nha nuoc va xa hoi hoa",
        "ty le tre em duoi 5 tuoi suy dinh duong the thap coi giam con 20 phan tram",
        "de thuc hien muc tieu nay can tang cuong phoi hop giua cac ban nganh doan the",
        "ai ky ban hanh van ban nay va khi nao co hieu luc",
        "hoc sinh duoc hoc boi an toan va ky nang song tai truong",
        "dam bao moi xa phuong co diem vui choi cho tre em",
        "phong chong thien tai bao lu sat lo dat va han han xam nhap man",
    ]
    for s in sentences:
        english = [m.text for m in g.matches(s) if m.language == "en"]
        assert english == [], (s, english)


def test_common_vietnamese_syllables_are_not_english_entries(g: Glossary) -> None:
    syllables = ("ai nao gi bao nhieu khi dau the sao co khong la cua va cho do ve voi tu den trong ngoai tren "
                 "duoi cac nhung mot hai ba bon nam sau bay tam chin muoi con can ban an to in on dam tin sang "
                 "long hang tan cam tam me ma de da di thi").split()
    for s in syllables:
        assert all(m.language != "en" for m in g.matches(s)), s


def test_match_offsets_point_into_the_text(g: Glossary) -> None:
    text = "Which Department of Home Affairs plans cover ethnic minority communes?"
    ms = g.matches(text)
    assert [m.text for m in ms] == ["Department of Home Affairs", "plans", "ethnic minority", "communes"]
    assert all(text[m.start:m.end] == m.text for m in ms)
    assert [m.start for m in ms] == sorted(m.start for m in ms)


def test_expand_adds_each_equivalent_once(g: Glossary) -> None:
    out = g.expand("minimum budget per commune, at least")
    assert out.startswith("minimum budget per commune, at least ")
    assert out.count("tối thiểu") == 1 and "mỗi xã" in out and "kinh phí" in out
    assert g.expand("chỉ tiêu 14") == "chỉ tiêu 14"  # nothing to add
    assert g.expand("") == ""


def test_both_administrations_and_commune_offices(g: Glossary) -> None:
    before = eq(g, "the Department of Labour, War Invalids and Social Affairs and the Department of Planning "
                   "and Investment")
    assert before["Department of Labour, War Invalids and Social Affairs"] == ["Sở Lao động - Thương binh và Xã hội"]
    assert before["Department of Planning and Investment"] == ["Sở Kế hoạch và Đầu tư"]
    after = eq(g, "Department of Agriculture and Environment, ethnic minorities and religion department")
    assert after["Department of Agriculture and Environment"] == ["Sở Nông nghiệp và Môi trường"]
    assert after["ethnic minorities and religion department"] == ["Sở Dân tộc và Tôn giáo"]
    commune = eq(g, "the Culture and Society Division and the Public Administration Service Center")
    assert commune["Culture and Society Division"] == ["Phòng Văn hóa - Xã hội"]
    assert commune["Public Administration Service Center"] == ["Trung tâm Phục vụ hành chính công"]


def test_matching_is_fast_enough_to_run_on_every_question(g: Glossary) -> None:
    # Not a timing assertion: matching must not grow with the glossary (it looks up word n-grams).
    big = "the minimum budget per commune for the six-monthly report " * 50
    assert len(g.matches(big)) == 4 * 50


# ---- body names and English renderings --------------------------------------------------------


def test_body_names(g: Glossary) -> None:
    names = g.body_names()
    assert names["health"] == "Y tế"
    assert names["justice"] == "Tư pháp"
    assert names["home affairs"] == "Nội vụ"
    assert names["agriculture and environment"] == "Nông nghiệp và Môi trường"
    assert names["ethnic minorities and religion"] == "Dân tộc và Tôn giáo"
    assert names["labour"] == names["labor"] == "Lao động"
    assert names["social affairs"] == "Lao động - Thương binh và Xã hội"
    assert names["police"] == "Công an"
    assert names["women's union"] == names["womens union"] == "Hội Liên hiệp Phụ nữ"
    # The general form, which longer names of the body contain ("Đoàn Thanh niên Cộng sản Hồ Chí Minh").
    assert names["youth union"] == "Đoàn Thanh niên"
    assert all(k == k.lower() for k in names)
    names["health"] = "changed"
    assert g.body_names()["health"] == "Y tế"  # a copy


def test_english_for(g: Glossary) -> None:
    assert g.english_for("Sở Nội vụ") == "Department of Home Affairs"
    assert g.english_for("Sở Nông nghiệp và Môi trường") == "Department of Agriculture and Environment"
    assert g.english_for("Sở Lao động – Thương binh và Xã hội") == (
        "Department of Labour, Invalids and Social Affairs")
    assert g.english_for("Phòng Văn hóa - Xã hội") == "Division of Culture and Society"
    assert g.english_for("UBND") == "People's Committee"
    assert g.english_for("Uỷ ban nhân dân tỉnh") == "Provincial People's Committee"
    assert g.english_for("Công an xã") == "Commune Police"
    assert g.english_for("chỉ tiêu") == "indicator"
    assert g.english_for("so y te") == "Department of Health"
    assert g.english_for("Hội đồng thẩm định dự án") is None
    assert g.english_for("") is None


# ---- where the vocabulary comes from ----------------------------------------------------------

_opened: list[str] | None = None


def _record_open(event: str, args: tuple[object, ...]) -> None:
    if event == "open" and _opened is not None and args and isinstance(args[0], (str, bytes, Path)):
        _opened.append(str(Path(args[0] if not isinstance(args[0], bytes) else args[0].decode()).resolve()))


sys.addaudithook(_record_open)


@pytest.fixture
def opened() -> Iterator[list[str]]:
    global _opened
    _opened = []
    try:
        yield _opened
    finally:
        _opened = None


def test_loading_reads_only_the_bundled_data_file(opened: list[str]) -> None:
    g = Glossary.from_file(DATA_FILE)
    g.equivalents("minimum budget per commune")
    assert set(opened) == {str(DATA_FILE.resolve())}
    assert not any("/eval/" in p for p in opened)


def test_the_check_script_reads_only_the_data_file(opened: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert glossary_module.main(["--repeat", "1"]) == 0
    out = capsys.readouterr().out
    assert set(opened) == {str(DATA_FILE.resolve())}
    for domain in DOMAINS:
        assert f"  {domain}" in out
    assert "source gov:" in out and "p95" in out


def test_the_module_names_no_evaluation_data() -> None:
    source = Path(glossary_module.__file__).read_text(encoding="utf-8")
    tree = ast.parse(source)
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)} | {
        a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert not any(m and m.split(".")[0] == "eval" for m in imported)
    strings = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
    for s in strings:
        assert not any(w in s.lower() for w in ("eval/", "datasets", "heldout", ".jsonl")), s


def test_no_entry_names_a_particular_place(g: Glossary) -> None:
    # General vocabulary: "Ủy ban nhân dân tỉnh", never "Ủy ban nhân dân tỉnh <Name>".
    level = re.compile(r"\b(?:tỉnh|huyện|quận|xã|phường|thị trấn|thị xã|thành phố|province|district|commune)"
                       rf"\s+[{VI_UPPER}]")
    for e in g.entries:
        for term in (*e.english, *e.vietnamese):
            assert not level.search(term), term


def test_entries_are_vocabulary_with_a_domain_and_a_source(g: Glossary) -> None:
    header = " ".join(line.lstrip("# ") for line in DATA_FILE.read_text(encoding="utf-8").splitlines()
                      if line.startswith("#"))
    assert "never from evaluation questions" in header
    for e in g.entries:
        assert e.domain in DOMAINS and e.source in g.sources
        for term in (*e.english, *e.vietnamese):
            assert "?" not in term
            words = set(fold(term).split())
            assert not words & {"what", "who", "which", "how", "when", "where", "why", fold("nào"), fold("gì")}, term
            assert fold_ascii(term).strip() == fold_ascii(term)
