"""Lay a loaded file's blocks out as one original text, remembering pages and table cells."""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.model import Block

CELL_SEP = " | "


@dataclass
class Cell:
    text: str
    start: int  # offsets in the original text
    end: int


@dataclass
class Table:
    rows: list[list[Cell]]
    start: int
    end: int
    page: int | None


@dataclass
class SourceText:
    text: str
    pages: list[tuple[int, int, int]] = field(default_factory=list)  # (start, end, page)
    tables: list[Table] = field(default_factory=list)

    def page_at(self, offset: int) -> int | None:
        for start, end, page in self.pages:
            if start <= offset < end:
                return page
        return None


def _clean_cell(text: str) -> str:
    # Cells may hold line breaks; a row is one line of the text, so they become spaces.
    return " ".join(text.replace(CELL_SEP.strip(), "/").split())


def assemble(blocks: list[Block]) -> SourceText:
    parts: list[str] = []
    pos = 0
    pages: dict[int, list[int]] = {}
    tables: list[Table] = []

    def emit(s: str) -> tuple[int, int]:
        nonlocal pos
        start = pos
        parts.append(s)
        pos += len(s)
        return start, pos

    for block in blocks:
        if parts:
            emit("\n\n")
        if block.kind == "table" and block.rows:
            table_start = pos
            rows: list[list[Cell]] = []
            for r, row in enumerate(block.rows):
                if r:
                    emit("\n")
                cells: list[Cell] = []
                for c, raw in enumerate(row):
                    if c:
                        emit(CELL_SEP)
                    text = _clean_cell(raw)
                    s, e = emit(text)
                    cells.append(Cell(text, s, e))
                rows.append(cells)
            tables.append(Table(rows, table_start, pos, block.page))
            start, end = table_start, pos
        else:
            start, end = emit(block.text)
        if block.page is not None:
            span = pages.setdefault(block.page, [start, end])
            span[0], span[1] = min(span[0], start), max(span[1], end)
    page_list = sorted(((s, e, p) for p, (s, e) in pages.items()), key=lambda t: t[0])
    return SourceText("".join(parts), page_list, tables)
