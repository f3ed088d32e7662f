"""Section-aware chunks: never across a main section, each with its breadcrumb."""

from __future__ import annotations

import hashlib

from ingest.facts import DocContext
from ingest.model import Chunk, Section, stable_id
from ingest.normalize import collapse_ws
from ingest.segment import lexical_tokens
from ingest.structure import RANK_ARABIC, RANK_ROMAN

MAX_CHARS = 1100
SOFT_BREAK_CHARS = 350


def _top_section(ctx: DocContext, section_id: str | None) -> Section | None:
    sec = ctx.sections.get(section_id) if section_id else None
    while sec is not None and sec.parent is not None and sec.level > RANK_ROMAN:
        sec = ctx.sections.get(sec.parent)
    return sec


def _common_breadcrumb(crumbs: list[str]) -> str:
    parts = [c.split(" › ") for c in crumbs if c]
    if not parts:
        return ""
    common: list[str] = []
    for level in zip(*parts, strict=False):
        if len(set(level)) != 1:
            break
        common.append(level[0])
    return " › ".join(common) if common else parts[0][0]


def make_chunks(ctx: DocContext, place: str | None) -> list[Chunk]:
    groups: list[list[int]] = []
    current: list[int] = []
    size = 0
    current_top: str | None = None
    for i, line in enumerate(ctx.lines):
        sec_id = ctx.line_section[i]
        top = _top_section(ctx, sec_id)
        top_id = top.id if top else None
        hard = top_id != current_top or (line.is_heading and line.rank is not None and line.rank <= RANK_ROMAN)
        soft = line.is_heading and ((line.rank is not None and line.rank <= RANK_ARABIC + 1) or size > SOFT_BREAK_CHARS)
        if current and (hard or soft or size + len(line.text) > MAX_CHARS):
            groups.append(current)
            current, size = [], 0
        current.append(i)
        size += len(line.text) + 1
        current_top = top_id
    if current:
        groups.append(current)

    chunks: list[Chunk] = []
    for group in groups:
        first, last = ctx.lines[group[0]], ctx.lines[group[-1]]
        text = "\n".join(ctx.lines[i].text.strip() for i in group)
        crumbs = []
        for i in group:
            sid = ctx.line_section[i]
            sec = ctx.sections.get(sid) if sid else None
            crumbs.append(sec.breadcrumb if sec else "")
        breadcrumb = _common_breadcrumb(crumbs)
        top = _top_section(ctx, ctx.line_section[group[0]])
        s, e = ctx.mt.source_span(first.start, last.end)
        context = " ".join(x for x in (place or "", breadcrumb) if x)
        digest = hashlib.sha256(f"{context}\n{text}".encode()).hexdigest()
        chunks.append(
            Chunk(
                id=stable_id(ctx.doc_id, "chunk", s, e, prefix="c-"),
                doc_id=ctx.doc_id,
                ordinal=len(chunks),
                text=text,
                tokens=" ".join(lexical_tokens(f"{breadcrumb}\n{text}")),
                section=breadcrumb,
                top_section=collapse_ws(f"{top.marker} {top.title}") if top else "",
                char_start=s,
                char_end=e,
                page=ctx.source.page_at(s),
                content_hash=digest,
            )
        )
    return chunks
