"""Items of a plan's sections, numbered as in the document, and sentences around a position."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ingest.facts import DocContext
from ingest.model import Section
from ingest.normalize import collapse_ws, fold_ascii


@dataclass
class Item:
    marker: str  # "1.", "a)", "-", "" for a paragraph
    depth: int  # 0 for the section's top items, 1 for items under them …
    start: int  # normalized offsets
    end: int
    text: str


_SENTENCE_END = (".", ";", ":", "!", "?", "./.", "…")


def _after_colon(content: str) -> str:
    """What a heading says after its label ("Mục tiêu chung: Xây dựng …" -> "Xây dựng …")."""
    head, sep, rest = content.partition(":")
    return rest.strip() if sep and len(head) <= 90 else ""


def section_items(ctx: DocContext, sec: Section) -> list[Item]:
    """Every item of a section in document order: the heading's own text after its colon, then each
    numbered, lettered or bulleted line and each paragraph; a line broken off mid-sentence is joined
    to the item it continues."""
    items: list[Item] = []
    head_i = ctx.line_index(sec.start)
    head = ctx.lines[head_i]
    inline = _after_colon(head.content) if head.start == sec.start else ""
    if len(inline) >= 8:
        pos = head.text.rfind(inline)
        items.append(Item("", 0, head.start + max(pos, 0), head.end, collapse_ws(inline)))
    inside = [ln for ln in ctx.lines[head_i + 1:] if ln.start < sec.end]
    ranks = sorted({ln.rank for ln in inside if ln.rank is not None})
    for ln in inside:
        if ln.rank is None:
            if items and not items[-1].text.rstrip().endswith(_SENTENCE_END) and items[-1].start != head.start:
                last = items[-1]
                items[-1] = Item(last.marker, last.depth, last.start, ln.end, collapse_ws(f"{last.text} {ln.text}"))
                continue
            items.append(Item("", 0, ln.start, ln.end, collapse_ws(ln.text)))
        else:
            items.append(Item(ln.marker, ranks.index(ln.rank), ln.start, ln.end, collapse_ws(ln.content)))
    return [i for i in items if i.text]


def sections_titled(ctx: DocContext, pattern: re.Pattern[str]) -> Iterator[Section]:
    for sec in ctx.sections.values():
        if pattern.search(fold_ascii(sec.title)):
            yield sec


_SENTENCE_BREAK_RE = re.compile(r"\n|[.;!?](?=\s)")


def sentence_around(text: str, pos: int) -> tuple[int, int]:
    """The sentence (or ";"-clause, or line) of `text` that contains `pos`, without its leading bullet.

    >>> t = "Mở đầu. Sở Y tế là cơ quan thường trực; khác"
    >>> s, e = sentence_around(t, 12); t[s:e]
    'Sở Y tế là cơ quan thường trực;'
    """
    start = 0
    for m in _SENTENCE_BREAK_RE.finditer(text, max(0, pos - 2000), pos):
        start = m.end()
    nxt = _SENTENCE_BREAK_RE.search(text, pos)
    end = nxt.end() if nxt and nxt.group(0) != "\n" else (nxt.start() if nxt else len(text))
    while start < end and text[start] in " \t-–+•":
        start += 1
    return start, end


def renumbered_siblings(ctx: DocContext, sec: Section) -> list[Item]:
    """Items numbered like their own heading: "2. Mục tiêu cụ thể" followed by "1. …", "2. …", "3. …".

    The numbering restarts at 1, so the items read as siblings of the heading; they belong to it while the
    count goes on (1, 2, 3 …) and no heading of a higher rank comes between.
    """
    items: list[Item] = []
    expected = 1
    head_i = ctx.line_index(sec.start)
    for ln in ctx.lines[head_i + 1:]:
        if ln.rank is None or ln.rank > sec.level:
            if items and ln.rank is None and not items[-1].text.rstrip().endswith(_SENTENCE_END):
                last = items[-1]
                items[-1] = Item(last.marker, 0, last.start, ln.end, collapse_ws(f"{last.text} {ln.text}"))
            elif items and ln.rank is not None:
                items.append(Item(ln.marker, 1, ln.start, ln.end, collapse_ws(ln.content)))
            elif not items:
                break
            continue
        number = re.match(r"(\d+)\s*[.)]?$", ln.marker.strip())
        if ln.rank != sec.level or number is None or int(number.group(1)) != expected:
            break
        items.append(Item(ln.marker, 0, ln.start, ln.end, collapse_ws(ln.content)))
        expected += 1
    return items
