"""Ingest on the real corpus: the issue's must-pass expectations and provenance properties."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

from ingest.loaders import load_document
from ingest.model import PlanDocument, Span
from ingest.normalize import collapse_ws, fold_ascii, repair
from ingest.parse import parse_document
from ingest.structure import RANK_ROMAN

_REPO_CORPUS = Path(__file__).parents[1] / "eval" / "corpus"
CORPUS = _REPO_CORPUS if _REPO_CORPUS.exists() else Path(__file__).parents[2] / "shared" / "corpus"

CA_MAU, AN_GIANG, HUNG_YEN, HA_TRUNG, DIEN_BIEN = "000", "001", "002", "003", "004"
ALL = (CA_MAU, AN_GIANG, HUNG_YEN, HA_TRUNG, DIEN_BIEN)

LABOUR = "so lao dong thuong binh xa hoi"


@cache
def doc(prefix: str) -> PlanDocument:
    matches = sorted(CORPUS.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.skip(f"corpus document {prefix}_*.txt not found in {CORPUS}")
    return parse_document(load_document(matches[0]))


def leads(d: PlanDocument, number: int) -> set[str]:
    return {a.agency for a in d.assignments if a.indicator_number == number and a.role == "lead"}


def lead_keys(d: PlanDocument, number: int) -> set[str]:
    return {a.agency_key for a in d.assignments if a.indicator_number == number and a.role == "lead"}


def all_spans(d: PlanDocument) -> Iterator[tuple[str, Span]]:
    for g in d.goals:
        yield f"goal {g.number}", g.span
    for i in d.indicators:
        yield f"indicator {i.number}/{i.ordinal}", i.span
    for a in d.assignments:
        yield f"assignment {a.agency} {a.indicator_number} {a.role}", a.span
    for du in d.duties:
        yield f"duty {du.agency}", du.span


# ---------------------------------------------------------------- indicators and assignments


@pytest.mark.parametrize(("prefix", "count"), [(CA_MAU, 24), (DIEN_BIEN, 29)])
def test_numbered_indicators_each_with_a_lead(prefix: str, count: int) -> None:
    d = doc(prefix)
    numbers = [i.number for i in d.indicators]
    assert numbers == list(range(1, count + 1))
    assert [i.ordinal for i in d.indicators] == list(range(1, count + 1))
    for n in numbers:
        assert n is not None
        assert leads(d, n), f"indicator {n} has no lead body"


@pytest.mark.parametrize("prefix", [CA_MAU, DIEN_BIEN])
def test_assignments_only_name_existing_indicators_and_roles_do_not_overlap(prefix: str) -> None:
    d = doc(prefix)
    known = {i.number for i in d.indicators}
    assert {a.indicator_number for a in d.assignments} <= known
    lead_pairs = {(a.agency_key, a.indicator_number) for a in d.assignments if a.role == "lead"}
    support_pairs = {(a.agency_key, a.indicator_number) for a in d.assignments if a.role == "support"}
    assert not lead_pairs & support_pairs, "a body both leads and supports the same indicator"
    keys = [(a.agency_key, a.indicator_number, a.role) for a in d.assignments]
    assert len(keys) == len(set(keys))


def test_ca_mau_owners() -> None:
    d = doc(CA_MAU)
    assert leads(d, 14) == {"Sở Tư pháp"}
    assert lead_keys(d, 9) >= {LABOUR, "cong an tinh"}
    assert "Công an tỉnh" in leads(d, 9)
    assert lead_keys(d, 3) >= {LABOUR, "so y te"}
    assert "Sở Y tế" in leads(d, 3)
    # The labour department's display name is written out with one dash style.
    assert "Sở Lao động - Thương binh và Xã hội" in leads(d, 9)


def test_dien_bien_owners() -> None:
    d = doc(DIEN_BIEN)
    assert leads(d, 14) == {"Sở Lao động - Thương binh và Xã hội"}
    assert lead_keys(d, 19) == {"so tu phap"}


def test_indicator_text_and_targets_ca_mau() -> None:
    d = doc(CA_MAU)
    ind14 = next(i for i in d.indicators if i.number == 14)
    assert "khai sinh" in ind14.text
    assert ind14.goal is not None and ind14.goal.startswith("Mục tiêu")
    # Every indicator with a year in its text that states a value has a target for that year.
    with_targets = [i for i in d.indicators if i.targets]
    assert len(with_targets) >= 20
    for i in with_targets:
        for t in i.targets:
            assert 2020 <= t.year <= 2030
            assert str(t.year) in i.text


def test_indicators_belong_to_goals_in_order() -> None:
    for prefix in (CA_MAU, DIEN_BIEN):
        d = doc(prefix)
        goal_numbers = [g.number for g in d.goals if g.number is not None]
        seen = [int(re.match(r"Mục tiêu (\d+)", i.goal).group(1)) for i in d.indicators if i.goal]  # type: ignore[union-attr]
        assert seen == sorted(seen), "indicators' goals go back and forth"
        assert set(seen) <= set(goal_numbers)
        assert len(set(seen)) >= 4


def test_an_giang_six_unnumbered_targets() -> None:
    d = doc(AN_GIANG)
    assert len(d.indicators) == 6
    assert all(i.number is None for i in d.indicators)
    assert [i.ordinal for i in d.indicators] == [1, 2, 3, 4, 5, 6]
    assert d.indicators[0].text.startswith("100% trẻ em mồ côi")
    assert d.indicators[3].text.startswith("85% trẻ em có hoàn cảnh đặc biệt")
    assert d.indicators[5].text.startswith("Duy trì 100% xã, phường, thị trấn")
    for i in d.indicators:
        assert "Mục tiêu cụ thể" in i.span.section
        # The decision's signature block is not an ancestor of the attached programme's sections.
        assert "CHỦ TỊCH" not in i.span.section


def test_ha_trung_bullet_targets() -> None:
    d = doc(HA_TRUNG)
    assert len(d.indicators) >= 10
    assert all(i.number is None for i in d.indicators)
    texts = [i.text for i in d.indicators]
    assert any(t.startswith("100% trẻ em có hoàn cảnh đặc biệt đủ điều kiện") for t in texts)
    assert any("99,9%" in t for t in texts)
    assert any(t.startswith("95% trẻ khuyết tật") for t in texts)
    # Bullets are separate targets, not one paragraph with the dash kept.
    assert not any(t.startswith("-") for t in texts)
    assert all(len(t) < 300 for t in texts)


def test_hung_yen_has_no_invented_indicators_but_has_duties() -> None:
    d = doc(HUNG_YEN)
    assert [i for i in d.indicators if i.number is not None] == []
    duty_bodies = {du.agency_key for du in d.duties}
    assert {"so y te", "so tu phap", "cong an tinh"} <= duty_bodies


def test_ha_trung_town_bodies_have_duties() -> None:
    d = doc(HA_TRUNG)
    names = {du.agency for du in d.duties}
    assert "Trạm Y tế Thị trấn" in names
    assert any(fold_ascii(n).startswith("cong chuc tu phap") for n in names)


# ---------------------------------------------------------------- metadata


def test_meta_ca_mau() -> None:
    m = doc(CA_MAU).meta
    assert m.number == "51/KH-UBND"
    assert m.date == "2021-04-06"
    assert m.year == 2021
    assert (m.place, m.place_level) == ("Cà Mau", "tỉnh")
    assert m.doc_type == "Kế hoạch"
    assert m.period == "2021-2030"
    assert m.signer == "Trần Hồng Quân"


def test_meta_an_giang_number_from_attached_decision() -> None:
    m = doc(AN_GIANG).meta
    assert m.number == "535/QĐ-UBND"
    assert m.doc_type == "Quyết định"
    assert m.date == "2018-03-15"
    assert (m.place, m.place_level) == ("An Giang", "tỉnh")


def test_meta_ha_trung_town_level() -> None:
    m = doc(HA_TRUNG).meta
    assert m.place_level == "thị trấn"
    assert m.place == "Hà Trung"
    assert m.parent_place == "huyện Hà Trung"
    assert m.number is None  # "Số: /KH-UBND": the number is left blank
    assert m.date == "2024-04"  # the day is blank


def test_meta_dien_bien_and_hung_yen() -> None:
    db, hy = doc(DIEN_BIEN).meta, doc(HUNG_YEN).meta
    assert (db.number, db.date, db.place, db.period) == (
        "333/QĐ-UBND",
        "2021-03-15",
        "Điện Biên",
        "2021-2030",
    )
    assert (hy.number, hy.date, hy.place, hy.place_level) == ("42/KH-UBND", "2022-03-11", "Hưng Yên", "tỉnh")


# ---------------------------------------------------------------- sections, breadcrumbs, chunks


def test_breadcrumbs_of_tcth_bodies() -> None:
    d = doc(CA_MAU)
    crumbs = {s.breadcrumb for s in d.sections}
    assert "IV. TỔ CHỨC THỰC HIỆN › 2. Sở Tư pháp" in crumbs
    assert "IV. TỔ CHỨC THỰC HIỆN › 3. Công an tỉnh" in crumbs
    a14 = next(a for a in d.assignments if a.indicator_number == 14 and a.role == "lead")
    assert a14.span.section == "IV. TỔ CHỨC THỰC HIỆN › 2. Sở Tư pháp"
    assert "chỉ tiêu 14" in a14.span.quote


@pytest.mark.parametrize("prefix", ALL)
def test_chunks_never_cross_a_top_level_section(prefix: str) -> None:
    d = doc(prefix)
    assert d.chunks
    tops = [s for s in d.sections if s.level <= RANK_ROMAN]
    for c in d.chunks:
        for s in tops:
            o = d.offsets[s.start]
            assert not (c.char_start < o < c.char_end), f"chunk {c.ordinal} crosses into {s.breadcrumb!r}"
        assert c.text.strip()
        assert c.tokens.strip()
        if c.top_section:
            assert c.section.split(" › ")[0] == c.top_section or c.top_section in c.section.split(" › ")


@pytest.mark.parametrize("prefix", ALL)
def test_chunks_are_ordered_disjoint_and_cover_the_text(prefix: str) -> None:
    d = doc(prefix)
    prev_end = 0
    for n, c in enumerate(d.chunks):
        assert c.ordinal == n
        assert c.char_start >= prev_end and c.char_end > c.char_start
        prev_end = c.char_end
    covered = sum(c.char_end - c.char_start for c in d.chunks)
    assert covered >= 0.9 * len(d.text.strip())


def test_chunks_carry_their_breadcrumb() -> None:
    d = doc(CA_MAU)
    tp = [c for c in d.chunks if c.section == "IV. TỔ CHỨC THỰC HIỆN › 2. Sở Tư pháp"]
    assert tp and "chỉ tiêu 14" in " ".join(c.text for c in tp)
    assert all(c.top_section == "IV. TỔ CHỨC THỰC HIỆN" for c in tp)
    # The breadcrumb's words are searchable in the chunk's lexical tokens.
    assert "tư_pháp" in tp[0].tokens or "tư" in tp[0].tokens.split()


# ---------------------------------------------------------------- provenance


@pytest.mark.parametrize("prefix", ALL)
def test_every_fact_quote_is_the_original_text_at_its_span(prefix: str) -> None:
    d = doc(prefix)
    n = 0
    for what, span in all_spans(d):
        assert 0 <= span.char_start < span.char_end <= len(d.text), what
        assert span.quote, what
        assert collapse_ws(d.text[span.char_start : span.char_end]) == span.quote, what
        n += 1
    assert n > 0


@pytest.mark.parametrize("prefix", ALL)
def test_indicator_spans_hold_their_text(prefix: str) -> None:
    d = doc(prefix)
    for i in d.indicators:
        repaired = fold_ascii(collapse_ws(repair(i.span.quote).text))
        assert fold_ascii(collapse_ws(i.text)[:40]) in repaired, i.text


@pytest.mark.parametrize("prefix", [CA_MAU, DIEN_BIEN])
def test_assignment_spans_mention_their_indicator(prefix: str) -> None:
    d = doc(prefix)
    for a in d.assignments:
        q = fold_ascii(repair(a.span.quote).text)
        assert "chi tieu" in q, a.span.quote
        # The quote names this assignment's own indicator, not just any number.
        assert a.indicator_number in {int(n) for n in re.findall(r"\d+", q)}, (a.indicator_number, a.span.quote)


def test_parsing_is_deterministic() -> None:
    path = sorted(CORPUS.glob(f"{CA_MAU}_*.txt"))[0]
    a, b = parse_document(load_document(path)), parse_document(load_document(path))
    assert a.doc_id == b.doc_id
    assert [i.id for i in a.indicators] == [i.id for i in b.indicators]
    assert [c.id for c in a.chunks] == [c.id for c in b.chunks]
    assert [(x.agency_key, x.indicator_number, x.role) for x in a.assignments] == [
        (x.agency_key, x.indicator_number, x.role) for x in b.assignments
    ]
