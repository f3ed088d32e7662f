"""Word .docx: paragraphs and tables in body order, text as Word shows it, legacy fonts converted.

Runs set in TCVN3 (".VnTime", ".VnTimeH") or VNI ("VNI-Times") fonts hold mojibake that only the
font made readable; the run's font (direct, from its character style, its paragraph's style or the
document defaults) says how to convert it. Documents without such fonts but with legacy text
throughout are recognised from the text itself.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from ingest.errors import CorruptDocument
from ingest.loaders.archive import check_zip
from ingest.loaders.base import LoadContext, table_block
from ingest.loaders.vnlegacy import best_reading, convert, font_encoding, legacy_candidates
from ingest.model import Block


def load_docx(data: bytes, ctx: LoadContext) -> list[Block]:
    check_zip(data, ctx.source, ctx.limits)
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        fonts = _Fonts(document)
        blocks = list(_body_blocks(document, fonts))
    except Exception as exc:  # python-docx/lxml/zipfile raise many unrelated types on bad input
        raise CorruptDocument(ctx.source, f"is a damaged Word document ({type(exc).__name__})") from None
    if fonts.converted:
        ctx.warnings.append("text in legacy fonts converted to Unicode: " + ", ".join(sorted(fonts.converted)))
        return blocks
    return convert_legacy_blocks(blocks, ctx)


def convert_legacy_blocks(blocks: list[Block], ctx: LoadContext) -> list[Block]:
    """Blocks whose whole text is legacy-encoded (no font said so), converted; else unchanged."""
    joined = "\n".join(b.text for b in blocks)
    name, _ = best_reading(joined, legacy_candidates(joined))
    if name == "as is":
        return blocks
    ctx.warnings.append(f"text converted from the legacy {name} Vietnamese encoding")
    pick = {"TCVN3": 0, "VNI": 1}[name]

    def conv(text: str) -> str:
        return legacy_candidates(text)[pick][1] if text else text

    return [Block(b.kind, conv(b.text), tuple(tuple(conv(c) for c in row) for row in b.rows), b.page, b.origin)
            for b in blocks]


class _Fonts:
    """Which font each run is set in, following Word's inheritance: run, character style, paragraph
    style (and the styles they are based on), document defaults."""

    def __init__(self, document: Any) -> None:
        from docx.oxml.ns import qn

        self._qn = qn
        self.converted: set[str] = set()
        styles_el = document.styles.element
        self._style_font: dict[str, str | None] = {}
        self._based_on: dict[str, str] = {}
        self.default_paragraph_style: str | None = None
        for style in styles_el.iterchildren(qn("w:style")):
            sid = style.get(qn("w:styleId"))
            if sid is None:
                continue
            self._style_font[sid] = self._rfonts(style.find(qn("w:rPr")))
            based = style.find(qn("w:basedOn"))
            if based is not None and based.get(qn("w:val")):
                self._based_on[sid] = based.get(qn("w:val"))
            if style.get(qn("w:type")) == "paragraph" and style.get(qn("w:default")) in ("1", "true"):
                self.default_paragraph_style = sid
        defaults = styles_el.find(qn("w:docDefaults"))
        rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}") if defaults is not None else None
        self.default_font = self._rfonts(rpr)

    def _rfonts(self, rpr: Any) -> str | None:
        if rpr is None:
            return None
        rfonts = rpr.find(self._qn("w:rFonts"))
        if rfonts is None:
            return None
        return rfonts.get(self._qn("w:ascii")) or rfonts.get(self._qn("w:hAnsi"))

    def _style_chain_font(self, sid: str | None) -> str | None:
        seen: set[str] = set()
        while sid and sid not in seen:
            seen.add(sid)
            font = self._style_font.get(sid)
            if font:
                return font
            sid = self._based_on.get(sid)
        return None

    def paragraph_style(self, p_element: Any) -> str | None:
        qn = self._qn
        ppr = p_element.find(qn("w:pPr"))
        pstyle = ppr.find(qn("w:pStyle")) if ppr is not None else None
        return pstyle.get(qn("w:val")) if pstyle is not None else self.default_paragraph_style

    def run_font(self, r_element: Any, paragraph_style: str | None) -> str | None:
        qn = self._qn
        rpr = r_element.find(qn("w:rPr"))
        font = self._rfonts(rpr)
        if font:
            return font
        rstyle = rpr.find(qn("w:rStyle")) if rpr is not None else None
        if rstyle is not None:
            font = self._style_chain_font(rstyle.get(qn("w:val")))
            if font:
                return font
        return self._style_chain_font(paragraph_style) or self.default_font

    def run_text(self, r_element: Any, paragraph_style: str | None) -> str:
        text = r_element.text or ""  # CT_R.text renders w:br as "\n" and w:tab as "\t"
        if not text:
            return text
        font = self.run_font(r_element, paragraph_style)
        encoding, capitals = font_encoding(font)
        if encoding is None:
            return text
        assert font is not None
        self.converted.add(font)
        return convert(text, encoding, upper=capitals)


def _body_blocks(document: Any, fonts: _Fonts) -> Iterator[Block]:
    from docx.oxml.ns import qn
    from docx.table import Table

    p_tag, tbl_tag, sdt_tags = qn("w:p"), qn("w:tbl"), (qn("w:sdt"), qn("w:sdtContent"))

    def walk(parent: Any) -> Iterator[Block]:
        for child in parent.iterchildren():
            if child.tag == p_tag:
                text = _paragraph_text(child, fonts).strip()
                if text:
                    yield Block("paragraph", text)
            elif child.tag == tbl_tag:
                block = table_block(_table_rows(Table(child, document), fonts))
                if block is not None:
                    yield block
            elif child.tag in sdt_tags:
                yield from walk(child)  # content controls (e.g. a table of contents) wrap paragraphs

    yield from walk(document.element.body)


def _paragraph_text(element: Any, fonts: _Fonts, style: str | None = None) -> str:
    """The paragraph's text as Word shows it. python-docx's Paragraph.text only reads direct runs
    and hyperlinks, so it drops text inside tracked insertions, smart tags and inline content
    controls; we read runs at any depth except deleted or moved-away ones."""
    from docx.oxml.ns import qn

    if element.tag == qn("w:p"):
        style = fonts.paragraph_style(element)
    parts: list[str] = []
    for child in element.iterchildren():
        if child.tag == qn("w:r"):
            parts.append(fonts.run_text(child, style))
        elif child.tag not in (qn("w:del"), qn("w:moveFrom"), qn("w:pPr"), qn("w:rPr")):
            parts.append(_paragraph_text(child, fonts, style))
    return "".join(parts)


def _cell_text(cell: Any, fonts: _Fonts) -> str:
    from docx.oxml.ns import qn

    paragraphs = [_paragraph_text(p, fonts) for p in cell._tc.iterchildren(qn("w:p"))]
    return "\n".join(paragraphs).strip()


def _table_rows(table: Any, fonts: _Fonts) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for row in table.rows:
        cells = list(row.cells)
        # A horizontally merged cell comes back once per grid column it spans: keep it once.
        kept = [c for i, c in enumerate(cells) if i == 0 or c._tc is not cells[i - 1]._tc]
        rows.append(tuple(_cell_text(c, fonts) for c in kept))
    return rows
