"""The rest of a plan as facts: goals, reporting, budget, legal bases, period, steering bodies, recipients and
signature, each with provenance, read from small plans written for these tests (see facts_support)."""

from __future__ import annotations

from pathlib import Path

import pytest
from facts_support import DIGITAL_PLAN, EDUCATION_PLAN, GENDER_PLAN, HEALTH_PLAN, parse_text

from ingest.budget import budget_sources, parse_money
from ingest.model import PlanDocument, Span
from ingest.reporting import deadlines, frequencies


@pytest.fixture(scope="module")
def gender(tmp_path_factory: pytest.TempPathFactory) -> PlanDocument:
    return parse_text(tmp_path_factory.mktemp("g"), "binh_loc_binh_dang_gioi.txt", GENDER_PLAN)


@pytest.fixture(scope="module")
def digital(tmp_path_factory: pytest.TempPathFactory) -> PlanDocument:
    return parse_text(tmp_path_factory.mktemp("d"), "tan_khe_chuyen_doi_so.txt", DIGITAL_PLAN)


@pytest.fixture(scope="module")
def health(tmp_path_factory: pytest.TempPathFactory) -> PlanDocument:
    return parse_text(tmp_path_factory.mktemp("h"), "lam_dien_y_te.txt", HEALTH_PLAN)


def _quoted(doc: PlanDocument, span: Span) -> str:
    return " ".join(doc.text[span.char_start:span.char_end].split())


def _all_spans(doc: PlanDocument) -> list[Span]:
    pf = doc.plan_facts
    groups = (pf.objectives, pf.reporting, pf.budget, pf.legal_bases, pf.milestones, pf.steering, pf.recipients,
              pf.signatures)
    return [f.span for g in groups for f in g]  # type: ignore[attr-defined]


# ---------------------------------------------------------------- provenance and ids


@pytest.mark.parametrize("name", ["gender", "digital"])
def test_every_fact_quotes_the_original_at_its_span(name: str, request: pytest.FixtureRequest) -> None:
    doc: PlanDocument = request.getfixturevalue(name)
    spans = _all_spans(doc)
    assert len(spans) > 10
    for span in spans:
        assert span.quote and span.quote == _quoted(doc, span)
        assert span.char_end > span.char_start


def test_ids_are_deterministic_and_unique(tmp_path: Path, gender: PlanDocument) -> None:
    again = parse_text(tmp_path, "again.txt", GENDER_PLAN)
    ids = [f.id for f in _facts(gender)]
    assert ids == [f.id for f in _facts(again)]
    assert len(ids) == len(set(ids))


def _facts(doc: PlanDocument) -> list[object]:
    pf = doc.plan_facts
    return [*pf.objectives, *pf.reporting, *pf.budget, *pf.legal_bases, *pf.milestones, *pf.steering,
            *pf.recipients, *pf.signatures]


# ---------------------------------------------------------------- goals


def test_general_and_specific_goals_numbered_as_written(gender: PlanDocument) -> None:
    general = [o for o in gender.plan_facts.objectives if o.kind == "general"]
    specific = [o for o in gender.plan_facts.objectives if o.kind == "specific"]
    assert [o.text for o in general] == [
        "Tiếp tục thu hẹp khoảng cách giới, tạo điều kiện để phụ nữ và nam giới tham gia bình đẳng vào mọi lĩnh vực "
        "của đời sống xã hội."]
    top = [(o.marker, o.text) for o in specific if o.depth == 0]
    assert top == [("a)", "Mục tiêu 1: Tăng cường sự tham gia của phụ nữ vào vị trí lãnh đạo"),
                   ("b)", "Mục tiêu 2: Giảm khoảng cách giới trong lĩnh vực kinh tế, lao động")]
    assert sum(o.depth == 1 for o in specific) == 3  # the three indicators under them


def test_goal_heading_with_text_and_items_numbered_like_their_heading(digital: PlanDocument) -> None:
    objs = digital.plan_facts.objectives
    assert [(o.kind, o.ordinal) for o in objs if o.kind == "general"] == [("general", 1)]
    assert objs[0].text == "Xây dựng chính quyền số xã Tân Khê phục vụ người dân và doanh nghiệp."
    # "2. Mục tiêu cụ thể" then "1.", "2.", "3.": the restarted numbering belongs to the heading.
    assert [(o.marker, o.text[:10]) for o in objs if o.kind == "specific"] == [
        ("1.", "100% hồ sơ"), ("2.", "80% người "), ("3.", "Mỗi thôn c")]


# ---------------------------------------------------------------- reporting


def test_reporting_dates_without_a_named_report_and_recipients(gender: PlanDocument) -> None:
    ob = next(r for r in gender.plan_facts.reporting if r.deadlines)
    assert ob.reporter == "Sở Lao động - Thương binh và Xã hội"  # the body whose duties say it
    assert [(d.report, d.day, d.month) for d in ob.deadlines] == [(None, 15, 6), (None, 15, 11)]
    assert ob.frequencies == ["năm"]
    assert ob.recipients == ["Ủy ban nhân dân tỉnh", "Bộ Lao động - Thương binh và Xã hội"]


def test_reporting_through_a_compiling_body(gender: PlanDocument) -> None:
    ob = next(r for r in gender.plan_facts.reporting if r.reporter and "huyện" in r.reporter)
    assert ob.frequencies == ["6 tháng", "năm"]
    assert ob.via == "Sở Lao động - Thương binh và Xã hội"
    assert ob.recipients[-1] == "Ủy ban nhân dân tỉnh"
    assert ob.deadlines == []


def test_reporting_section_lead_in_names_who_reports(digital: PlanDocument) -> None:
    obs = digital.plan_facts.reporting
    first = obs[0]
    assert [(d.report, d.day, d.month) for d in first.deadlines] == [("6 tháng", 10, 6), ("năm", 5, 12)]
    assert first.recipients == ["Sở Khoa học và Công nghệ"]
    quarterly = next(o for o in obs if "quý" in o.frequencies)
    assert quarterly.reporter == "Các thôn, tổ dân phố"
    assert quarterly.deadlines == []  # "ngày 20 tháng cuối quý" names no month: no date is made up
    assert any(o.frequencies == ["đột xuất"] for o in obs)


def test_plan_without_reporting_has_none(health: PlanDocument) -> None:
    assert health.plan_facts.reporting == []
    assert health.plan_facts.signatures == []
    assert health.plan_facts.legal_bases == []


def test_frequencies_and_deadlines_read_the_language_not_lookalikes() -> None:
    assert frequencies("thực hiện theo quy định, báo cáo năm 2025") == []
    assert frequencies("báo cáo hàng quý, 6 tháng và cả năm") == ["quý", "6 tháng", "năm"]
    assert frequencies("chăm sóc trẻ 36 tháng tuổi, báo cáo định kỳ") == ["định kỳ"]
    assert deadlines("Quyết định số 12/QĐ-UBND ngày 05/5/2021 về báo cáo") == []  # a document's date
    got = deadlines("Thời gian gửi báo cáo quý vào ngày 20 tháng 3, 6 tháng vào ngày 20 tháng 5, năm vào ngày 15 tháng 11")
    assert [(d.report, d.day, d.month) for d in got] == [("quý", 20, 3), ("6 tháng", 20, 5), ("năm", 15, 11)]


# ---------------------------------------------------------------- budget


def test_budget_total_levels_minimum_and_sources(gender: PlanDocument) -> None:
    items = gender.plan_facts.budget
    total = next(b for b in items if any(a.total for a in b.amounts))
    assert total.amounts[0].value == 12500 and total.amounts[0].vnd == 12_500_000_000
    assert {b.level: b.amounts[0].vnd for b in items if b.level and b.amounts} == {
        "tỉnh": 8e9, "huyện": 4.5e9, "xã": 15e6}
    minimum = next(b for b in items if any(a.minimum for a in b.amounts))
    assert minimum.amounts[0].per == ["xã", "năm"] and minimum.level == "xã"
    sources = {s for b in items for s in b.sources}
    assert {"ngân sách địa phương", "xã hội hóa", "tài trợ, viện trợ", "nguồn hợp pháp khác"} <= sources
    assert [b.marker for b in items] == ["1.", "-", "-", "2.", "3."]


def test_budget_decimal_comma_and_per_unit(digital: PlanDocument) -> None:
    items = digital.plan_facts.budget
    assert items[0].amounts[0].value == 1250.5 and items[0].amounts[0].total
    assert items[2].amounts[0].per == ["thôn", "năm"] and items[2].amounts[0].minimum
    assert "lồng ghép" in items[1].sources


def test_budget_without_figures_invents_none(health: PlanDocument) -> None:
    assert [b.amounts for b in health.plan_facts.budget] == [[]]


def test_money_parsing() -> None:
    got = parse_money("Tổng kinh phí 2,5 tỷ đồng; mỗi huyện không thấp hơn 300 triệu đồng; năm 2025 có 30 xã")
    assert [(m.vnd, m.total, m.minimum, m.per) for m in got] == [(2.5e9, True, False, []),
                                                              (3e8, False, True, ["huyện"])]
    assert budget_sources("theo quy định của Luật Ngân sách nhà nước") == ["ngân sách nhà nước"]
    assert budget_sources("tổ chức tập huấn cho cán bộ") == []


# ---------------------------------------------------------------- legal bases, period, steering


def test_legal_bases_with_numbers_and_dates(gender: PlanDocument) -> None:
    got = [(b.kind, r.doc_type, r.number, r.date) for b in gender.plan_facts.legal_bases for r in b.refs]
    assert got == [("căn cứ", "Luật", None, "2006-11-29"), ("căn cứ", "Nghị quyết", "28/NQ-CP", "2021-03-03"),
                   ("thực hiện", "Quyết định", "2282/QĐ-TTg", "2020-12-31")]


def test_opening_that_implements_a_higher_plan(digital: PlanDocument) -> None:
    (basis,) = digital.plan_facts.legal_bases
    assert basis.kind == "thực hiện" and basis.refs[0].number == "88/KH-UBND"
    assert basis.refs[0].date == "2025-08-12"


def test_period_phases_horizon_and_reviews(gender: PlanDocument) -> None:
    got = {(m.kind, m.start_year, m.end_year) for m in gender.plan_facts.milestones}
    assert got == {("period", 2021, 2030), ("phase", 2021, 2025), ("horizon", None, 2030), ("review", None, 2025),
                   ("review", None, 2030)}


def test_steering_body_and_its_standing_agency(gender: PlanDocument, digital: PlanDocument) -> None:
    got = {(s.role, s.name) for s in gender.plan_facts.steering}
    assert got == {("steering", "Ban Chỉ đạo vì sự tiến bộ của phụ nữ tỉnh"),
                   ("standing", "Sở Lao động - Thương binh và Xã hội")}
    assert {(s.role, s.name) for s in digital.plan_facts.steering} == {
        ("focal", "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã")}


# ---------------------------------------------------------------- recipients and signature


def test_recipients_complete_with_notes(gender: PlanDocument, digital: PlanDocument) -> None:
    assert [(r.ordinal, r.name, r.note) for r in gender.plan_facts.recipients] == [
        (1, "Bộ Lao động - Thương binh và Xã hội", "để b/c"), (2, "Thường trực Tỉnh ủy", ""),
        (3, "Các sở, ban, ngành tỉnh", ""), (4, "UBND các huyện, thị xã", ""), (5, "Lưu: VT, KGVX", "")]
    assert [r.note for r in digital.plan_facts.recipients] == ["b/c", "", ""]


def test_signature_on_behalf_authority_title_and_name(gender: PlanDocument, digital: PlanDocument) -> None:
    (sig,) = gender.plan_facts.signatures
    assert (sig.on_behalf, sig.authority, sig.title, sig.name) == (
        "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Đinh Thị Mai Lan")
    (chair,) = digital.plan_facts.signatures
    assert (chair.on_behalf, chair.authority, chair.title, chair.name) == (None, None, "CHỦ TỊCH", "Hà Văn Tùng")


def test_signature_of_a_department_with_signed_mark(tmp_path: Path) -> None:
    text = HEALTH_PLAN + "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n(Đã ký)\nLê Thị Hoa\n"
    doc = parse_text(tmp_path, "health_signed.txt", text)
    (sig,) = doc.plan_facts.signatures
    assert (sig.authority, sig.title, sig.name) == ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Lê Thị Hoa")
    assert [r.name for r in doc.plan_facts.recipients] == ["Như trên", "Lưu: VT"]


# ---------------------------------------------------------------- duty items keep their markers


def test_duty_items_keep_their_markers(gender: PlanDocument) -> None:
    noi_vu = [d for d in gender.duties if d.agency == "Sở Nội vụ"]
    assert [d.marker for d in noi_vu] == ["a)", "b)"]


# ---------------------------------------------------------------- the five sample documents look sane


def test_sample_corpus_facts_are_sane(corpus_dir: Path) -> None:
    from ingest.loaders import load_document
    from ingest.parse import parse_document

    docs = [parse_document(load_document(p)) for p in sorted(corpus_dir.glob("0*.txt"))]
    for doc in docs:
        pf = doc.plan_facts
        for span in _all_spans(doc):
            assert span.quote == _quoted(doc, span)
        # A signed plan: its signer has a name and the title says which office signs.
        assert [s.name for s in pf.signatures] == [doc.meta.signer]
        assert all("CHỦ TỊCH" in s.title for s in pf.signatures)
        assert all(d.day <= 31 and d.month <= 12 for r in pf.reporting for d in r.deadlines)
        assert pf.budget, doc.source  # every sample plan has a budget section
    with_dates = [r for d in docs for r in d.plan_facts.reporting if r.deadlines]
    assert len(with_dates) >= 3
    assert any(a.minimum for d in docs for b in d.plan_facts.budget for a in b.amounts)


# ---------------------------------------------------------------- through the fact store, typed


def test_fact_store_round_trip_keeps_types(tmp_path: Path, gender: PlanDocument, digital: PlanDocument) -> None:
    from facts_support import write_plan

    from index.config import IndexConfig
    from index.library import Library
    from index.snapshot import IndexSnapshot
    from ingest.model import BudgetItem, Duty, Money, ReportDeadline, ReportingObligation

    paths = [write_plan(tmp_path, "binh_loc_binh_dang_gioi.txt", GENDER_PLAN),
             write_plan(tmp_path, "tan_khe_chuyen_doi_so.txt", DIGITAL_PLAN)]
    root = tmp_path / "index"
    report = Library.create_or_open(root, IndexConfig()).ingest_paths(paths)
    assert len(report.ok) == 2, report.failed
    snap = IndexSnapshot.open(root)
    for doc in (gender, digital):
        stored = snap.facts_of(doc.doc_id)
        assert stored == doc.plan_facts  # every fact, field by field
        assert all(isinstance(r, ReportingObligation) for r in stored.reporting)
        assert all(isinstance(d, ReportDeadline) for r in stored.reporting for d in r.deadlines)
        assert all(isinstance(b, BudgetItem) and all(isinstance(a, Money) for a in b.amounts) for b in stored.budget)
        duties = snap.duties_of(doc.doc_id)
        assert all(isinstance(d, Duty) for d in duties)
        assert [(d.id, d.marker) for d in duties] == [(d.id, d.marker) for d in sorted(doc.duties,
                                                                                     key=lambda d: d.span.char_start)]
    assert snap.facts_of("no-such-document").budget == []


def test_signature_and_recipients_side_by_side_in_a_portal_copy(tmp_path: Path) -> None:
    text = HEALTH_PLAN + (
        "Nơi nhận: | KT. GIÁM ĐỐC |\n"
        "- Như trên; | PHÓ GIÁM ĐỐC |\n"
        "- Lưu: VT, NVY. | |\n"
        "| Trần Quốc Khải |\n"
    )
    doc = parse_text(tmp_path, "portal_copy.txt", text)
    (sig,) = doc.plan_facts.signatures
    assert (sig.authority, sig.title, sig.name) == ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Quốc Khải")
    assert [r.name for r in doc.plan_facts.recipients] == ["Như trên", "Lưu: VT, NVY"]


def test_budget_table_in_a_docx(tmp_path: Path) -> None:
    from docgen import make_docx

    from ingest.loaders import load_document
    from ingest.parse import parse_document

    paragraphs = [
        "ỦY BAN NHÂN DÂN HUYỆN VÂN LĨNH", "Số: 31/KH-UBND", "Vân Lĩnh, ngày 02 tháng 3 năm 2023",
        "KẾ HOẠCH", "Phòng, chống thiên tai năm 2023",
        "I. MỤC TIÊU", "Giảm thiểu thiệt hại do thiên tai gây ra.",
        "II. KINH PHÍ THỰC HIỆN", "Dự toán kinh phí như sau:",
        "III. TỔ CHỨC THỰC HIỆN", "1. Phòng Nông nghiệp và Phát triển nông thôn", "- Chủ trì tổng hợp, báo cáo.",
    ]
    table = [["STT", "Nội dung", "Kinh phí (triệu đồng)", "Nguồn"],
             ["1", "Diễn tập phòng chống lụt bão", "150", "Ngân sách huyện"],
             ["2", "Mua sắm áo phao", "1.200,5", "Xã hội hóa"],
             ["", "Tổng cộng", "1.350,5", ""]]
    path = make_docx(tmp_path / "van_linh_thien_tai.docx", paragraphs, [table], table_after=9)
    doc = parse_document(load_document(path))
    rows = [b for b in doc.plan_facts.budget if b.amounts]
    assert [(b.marker, b.amounts[0].value, b.amounts[0].unit) for b in rows] == [
        ("1", 150.0, "triệu đồng"), ("2", 1200.5, "triệu đồng"), ("", 1350.5, "triệu đồng")]
    assert rows[2].amounts[0].total and rows[2].amounts[0].vnd == 1_350_500_000
    assert rows[0].sources == ["ngân sách địa phương"] and rows[1].sources == ["xã hội hóa"]
    assert [b.text for b in doc.plan_facts.budget if not b.amounts] == ["Dự toán kinh phí như sau:"]
    for b in doc.plan_facts.budget:
        assert b.span.quote == " ".join(doc.text[b.span.char_start:b.span.char_end].split())




def test_goals_section_not_split_and_report_kinds_after_dates(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "an_thanh_pho_cap.txt", EDUCATION_PLAN)
    assert [(o.kind, o.marker) for o in doc.plan_facts.objectives] == [("goals", "1."), ("goals", "2.")]
    (ob,) = doc.plan_facts.reporting
    assert [(d.report, d.day, d.month) for d in ob.deadlines] == [("6 tháng", 15, 6), ("năm", 10, 12)]
    assert ob.reporter == "Phòng Văn hóa - Xã hội"


DISASTER_PLAN = """ỦY BAN NHÂN DÂN HUYỆN VÂN LĨNH
Số: 44/KH-UBND
Vân Lĩnh, ngày 05 tháng 3 năm 2024
KẾ HOẠCH
Phòng, chống thiên tai và tìm kiếm cứu nạn năm 2024
I. CĂN CỨ XÂY DỰNG KẾ HOẠCH
- Luật Phòng, chống thiên tai ngày 19/6/2013;
- Quyết định số 123/QĐ-UBND ngày 05/01/2024 của Ủy ban nhân dân tỉnh Hòa Sơn về công tác phòng, chống thiên tai.
II. TỔ CHỨC THỰC HIỆN
1. Ban Chỉ huy phòng, chống thiên tai và tìm kiếm cứu nạn huyện
- Chỉ đạo các xã triển khai phương án ứng phó; Ban Chỉ đạo huyện họp định kỳ hằng quý.
2. Phòng Nông nghiệp và Phát triển nông thôn
- Là cơ quan thường trực, tổng hợp tình hình thiệt hại, báo cáo Ủy ban nhân dân huyện chậm nhất ngày 30/11.
"""


def test_basis_section_standing_office_and_a_late_deadline(tmp_path: Path) -> None:
    doc = parse_text(tmp_path, "van_linh_thien_tai.txt", DISASTER_PLAN)
    refs = [(r.doc_type, r.number, r.date) for b in doc.plan_facts.legal_bases for r in b.refs]
    assert refs == [("Luật", None, "2013-06-19"), ("Quyết định", "123/QĐ-UBND", "2024-01-05")]
    standing = [s.name for s in doc.plan_facts.steering if s.role == "standing"]
    assert standing == ["Phòng Nông nghiệp và Phát triển nông thôn"]
    (ob,) = [o for o in doc.plan_facts.reporting if o.deadlines]
    assert (ob.reporter, ob.recipients) == ("Phòng Nông nghiệp và Phát triển nông thôn", ["Ủy ban nhân dân huyện"])
    assert [(d.day, d.month) for d in ob.deadlines] == [(30, 11)]
