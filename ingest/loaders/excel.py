"""Excel .xlsx workbooks: each sheet's table of indicators or assignments, as a table.

Values are shown the way Excel shows them to the reader (a 0.985 formatted as a percentage is
"98,5%", Vietnamese decimal comma). Merged cells follow Word's tables: a horizontal merge is one
cell; a vertical merge (one lead body for several indicator rows) repeats its value on every row
it spans. Title lines above a sheet's table and notes below it become paragraphs.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

from ingest.errors import CorruptDocument, FileTooLarge
from ingest.loaders.archive import check_zip
from ingest.loaders.base import LoadContext, table_block
from ingest.loaders.word import convert_legacy_blocks
from ingest.model import Block

_DEFAULT_SHEET_NAME = re.compile(r"^(sheet|trang tính|trang tinh|feuil|tabelle)\s*\d*$", re.IGNORECASE)


def load_xlsx(data: bytes, ctx: LoadContext) -> list[Block]:
    check_zip(data, ctx.source, ctx.limits)
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # openpyxl raises KeyError, ValueError, zipfile errors ... on bad files
        raise CorruptDocument(ctx.source, f"is a damaged Excel workbook ({type(exc).__name__})") from None
    try:
        sheets = [ws for ws in workbook.worksheets if ws.sheet_state == "visible"]
        cells = sum((ws.max_row or 0) * (ws.max_column or 0) for ws in sheets)
        if cells > ctx.limits.max_sheet_cells:
            raise FileTooLarge(ctx.source, f"has {cells:,} cells, over the limit of {ctx.limits.max_sheet_cells:,}")
        blocks: list[Block] = []
        for ws in sheets:
            rows = _sheet_rows(ws)
            if not rows:
                continue
            if len(sheets) > 1 and not _DEFAULT_SHEET_NAME.match(ws.title.strip()):
                blocks.append(Block("paragraph", ws.title.strip()))
            blocks.extend(_sheet_blocks(rows))
    finally:
        workbook.close()
    return convert_legacy_blocks(blocks, ctx)


def _sheet_rows(ws: Any) -> list[tuple[str, ...]]:
    """The sheet's rows as text, merged ranges resolved, empty rows and trailing empty columns dropped."""
    grid = [[_cell_text(c) for c in row] for row in ws.iter_rows()]
    skip: set[tuple[int, int]] = set()
    for rng in ws.merged_cells.ranges:
        top, left = rng.min_row - 1, rng.min_col - 1
        if top >= len(grid):
            continue
        value = grid[top][left] if left < len(grid[top]) else ""
        for r in range(rng.min_row - 1, min(rng.max_row, len(grid))):
            for c in range(rng.min_col - 1, min(rng.max_col, len(grid[r]))):
                if c == left:
                    grid[r][c] = value  # vertical span: the value on every row
                else:
                    skip.add((r, c))  # horizontal span: one cell
    dropped = _join_two_row_headers(ws, grid, skip)
    rows = [tuple(v for c, v in enumerate(row) if (r, c) not in skip) for r, row in enumerate(grid) if r not in dropped]
    width = max((max((i + 1 for i, v in enumerate(row) if v), default=0) for row in rows), default=0)
    return [row[:width] for row in rows if any(row)]


def _join_two_row_headers(ws: Any, grid: list[list[str]], skip: set[tuple[int, int]]) -> set[int]:
    """A header written on two rows ("Mục tiêu" over "Năm 2025 | Năm 2027", "Phân công thực hiện"
    over "Chủ trì | Phối hợp") becomes one row of the lower labels, so each column says what it holds;
    the rows it was made from are dropped. Returns the dropped rows."""
    dropped: set[int] = set()
    for rng in ws.merged_cells.ranges:
        r = rng.min_row - 1
        if rng.max_row != rng.min_row or rng.max_col == rng.min_col or r + 1 >= len(grid) or r in dropped:
            continue
        lower, cols = grid[r + 1], range(rng.min_col - 1, rng.max_col)
        if not all(c < len(lower) and _is_label(lower[c]) for c in cols):
            continue
        upper = grid[r]
        if not any(v for c, v in enumerate(upper) if c not in cols):
            continue  # a title merged across the table, above its header: not a group of columns
        for c in range(len(upper)):
            if c < len(lower) and lower[c] and _is_label(lower[c]) and (c in cols or _spanned(ws, r, c)):
                upper[c] = lower[c]
            skip.discard((r, c))
        dropped.add(r + 1)
    return dropped


def _spanned(ws: Any, r: int, c: int) -> bool:
    """Whether cell (r, c) (0-based) lies under a horizontal merge of row r."""
    return any(rng.min_row == rng.max_row == r + 1 and rng.min_col - 1 <= c < rng.max_col
               for rng in ws.merged_cells.ranges)


def _is_label(text: str) -> bool:
    """A column heading, not a value: some letters, short, not a number or a percentage."""
    t = text.strip()
    return bool(t) and len(t) <= 60 and any(ch.isalpha() for ch in t) and not re.fullmatch(r"[\d.,%\s]+", t)


def _sheet_blocks(rows: list[tuple[str, ...]]) -> list[Block]:
    """Single-cell lines before the first and after the last multi-cell row are paragraphs."""
    multi = [i for i, row in enumerate(rows) if sum(1 for v in row if v) >= 2]
    if not multi:
        return [Block("paragraph", " ".join(v for v in row if v)) for row in rows]
    first, last = multi[0], multi[-1]
    blocks = [Block("paragraph", " ".join(v for v in row if v)) for row in rows[:first]]
    table = table_block(rows[first : last + 1])
    if table is not None:
        blocks.append(table)
    blocks.extend(Block("paragraph", " ".join(v for v in row if v)) for row in rows[last + 1 :])
    return blocks


def _cell_text(cell: Any) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "x" if value else ""
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, int | float):
        return _number_text(float(value), str(cell.number_format or ""))
    return str(value).replace("\r\n", "\n").strip()


def _number_text(value: float, number_format: str) -> str:
    """A number as Excel shows it, with the Vietnamese decimal comma: 0.985 with "0.0%" is "98,5%".

    >>> _number_text(0.985, "0.0%"), _number_text(14.0, "General"), _number_text(2.5, "General")
    ('98,5%', '14', '2,5')
    """
    percent = "%" in number_format
    if percent:
        value *= 100
    value = round(value, 6)
    text = str(int(value)) if value == int(value) else f"{value:.6f}".rstrip("0").rstrip(".").replace(".", ",")
    return text + ("%" if percent else "")
