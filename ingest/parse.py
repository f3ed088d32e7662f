"""From a loaded file to a `PlanDocument`: repair, structure, facts and chunks in one pass."""

from __future__ import annotations

from ingest.assemble import assemble
from ingest.chunking import make_chunks
from ingest.facts import (
    DocContext,
    extract_assignments,
    finalize_roles,
    find_body_blocks,
    find_goals,
    find_numbered_indicators,
    find_unnumbered_targets,
    table_facts,
)
from ingest.model import Assignment, Duty, PlanDocument, RawDocument, Span, stable_id
from ingest.normalize import repair
from ingest.plan_facts import extract_plan_facts
from ingest.structure import build_sections, parse_meta, split_lines


def doc_id_for(raw: RawDocument) -> str:
    """Deterministic: the same bytes always get the same id."""
    return stable_id(raw.content_hash, prefix="d", length=11)


def parse_document(raw: RawDocument) -> PlanDocument:
    doc_id = doc_id_for(raw)
    source = assemble(raw.blocks)
    mt = repair(source.text)
    lines = split_lines(mt.text)
    sections, line_section = build_sections(lines, doc_id, len(mt.text))
    ctx = DocContext(doc_id, mt, source, lines, line_section, {s.id: s for s in sections})
    meta = parse_meta(mt.text, lines)

    goals = find_goals(ctx)
    indicators = find_numbered_indicators(ctx, goals)
    table_assignments: list[tuple[str, int, str, Span]] = []
    table_duties: list[tuple[str, str, Span]] = []
    for table in source.tables:
        inds, assigns, row_duties = table_facts(ctx, table, len(indicators), goals)
        known = {i.number for i in indicators if i.number is not None}
        indicators.extend(i for i in inds if i.number is None or i.number not in known)
        table_assignments.extend(assigns)
        table_duties.extend(row_duties)
    if not indicators:
        indicators = find_unnumbered_targets(ctx, goals)

    blocks = find_body_blocks(ctx)
    assignments, duties = extract_assignments(ctx, blocks)
    for name, number, role, span in table_assignments:
        agency = ctx.register(name)
        assignments.append(Assignment(stable_id(doc_id, "assign", agency.key, number, role, prefix="a-"), doc_id,
                                      agency.key, agency.name, number, "lead" if role == "lead" else "support", span))
    for name, text, span in table_duties:
        agency = ctx.register(name)
        duties.append(Duty(stable_id(doc_id, "duty", agency.key, span.char_start, prefix="d-"), doc_id,
                           agency.key, agency.name, text, span))
    assignments = _dedupe(finalize_roles(assignments, {i.number for i in indicators if i.number is not None}))
    # Names may have been refined after an assignment was recorded; show the final display name.
    for a in assignments:
        a.agency = ctx.agencies[a.agency_key].name
    for d in duties:
        d.agency = ctx.agencies[d.agency_key].name

    doc = PlanDocument(
        doc_id=doc_id, source=raw.source, path=raw.path, fmt=raw.fmt, content_hash=raw.content_hash, meta=meta,
        text=source.text, norm=mt.text, offsets=mt.origin, pages=source.pages, sections=sections, goals=goals,
        indicators=indicators, agencies=list(ctx.agencies.values()), assignments=assignments, duties=duties,
        plan_facts=extract_plan_facts(ctx, meta, duties),
    )
    doc.chunks = make_chunks(ctx, meta.place)
    _mark_ocr_origin(doc, raw)
    return doc


def _mark_ocr_origin(doc: PlanDocument, raw: RawDocument) -> None:
    """Facts quoted from a page read by OCR say so, so an answer can tell it came from a scan."""
    doc.ocr_pages = sorted({b.page for b in raw.blocks if b.origin == "ocr" and b.page is not None})
    if not doc.ocr_pages:
        return
    scanned = set(doc.ocr_pages)
    spans = [f.span for f in doc.goals] + [f.span for f in doc.indicators]
    spans += [f.span for f in doc.assignments] + [f.span for f in doc.duties]
    pf = doc.plan_facts
    for group in (pf.objectives, pf.reporting, pf.budget, pf.legal_bases, pf.milestones, pf.steering,
                  pf.recipients, pf.signatures):
        spans += [f.span for f in group]
    for span in spans:
        if span.page in scanned:
            span.origin = "ocr"


def _dedupe(assignments: list[Assignment]) -> list[Assignment]:
    seen: dict[tuple[str, int, str], Assignment] = {}
    for a in assignments:
        seen.setdefault((a.agency_key, a.indicator_number, a.role), a)
    return list(seen.values())
