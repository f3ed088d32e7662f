"""Scans of plans written after the OCR repairs were made (tests/scan_plans.py), at the lowest
resolution offered (150 dpi) with skew, noise, a red seal and a signature: at least 95% of the
facts of the text version, no fact the text version does not give, every lead right or absent.
The real Tesseract reads them (one or two pages each)."""

from __future__ import annotations

from pathlib import Path

import pytest
from docgen import make_scan, write_text
from scan_plans import SCAN_PLANS

from ingest.agencies import agency_key
from ingest.loaders import load_document
from ingest.model import PlanDocument
from ingest.ocr import character_error_rate
from ingest.parse import parse_document


def facts(d: PlanDocument) -> set[tuple[object, ...]]:
    out: set[tuple[object, ...]] = {("indicator", i.number) for i in d.indicators}
    out |= {("target", i.number, t.year, t.value) for i in d.indicators for t in i.targets}
    out |= {(a.role, a.indicator_number, a.agency) for a in d.assignments}
    return out


@pytest.mark.parametrize("name", list(SCAN_PLANS))
def test_scan_at_150_dpi_gives_the_facts_of_its_text(tmp_path: Path, name: str) -> None:
    text, stated = SCAN_PLANS[name]
    text_doc = parse_document(load_document(write_text(tmp_path / "plan.txt", text)))
    seed = list(SCAN_PLANS).index(name)
    raw = load_document(make_scan(tmp_path / "plan.pdf", text, dpi=150, skew_degrees=1.5, noise=0.004,
                                  stamp=True, signature=True, seed=seed))
    scan_doc = parse_document(raw)
    want, got = facts(text_doc), facts(scan_doc)
    assert len(got & want) >= 0.95 * len(want), sorted(want - got)
    assert not got - want, sorted(got - want)  # nothing invented, no wrong lead, support or target
    # Each indicator's lead is the one the plan states, or none (a gap a reviewer sees), never another.
    for a in scan_doc.assignments:
        if a.role == "lead":
            assert agency_key(a.agency) in {agency_key(b) for b in stated[a.indicator_number][0]}, a
    print(f"\n{name}: CER {character_error_rate(chr(10).join(b.text for b in raw.blocks), text):.4f}, "
          f"{len(got & want)}/{len(want)} facts")
