"""Word .docx: paragraphs and tables in body order, text as Word shows it, legacy fonts converted.

Runs set in TCVN3 (".VnTime", ".VnTimeH") or VNI ("VNI-Times") fonts hold mojibake that only the
font made readable; the run's font (direct, from its character style, its paragraph's style or the
document defaults) says how to convert it. Documents without such fonts but with legacy text
throughout are recognised from the text itself.
"""

from __future__ import annotations

import io
import re
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
        blocks = list(_body_blocks(document, fonts, _Numbering(document, fonts)))
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


_ROMAN_DIGITS = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
                 (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def _roman(n: int) -> str:
    out = ""
    for value, digits in _ROMAN_DIGITS:
        while n >= value:
            out, n = out + digits, n - value
    return out


def _letters(n: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa: how Word letters a list past z."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def number_text(n: int, fmt: str) -> str:
    """A list number in one of Word's formats.

    >>> [number_text(4, f) for f in ("decimal", "upperRoman", "lowerRoman", "upperLetter", "lowerLetter")]
    ['4', 'IV', 'iv', 'D', 'd']
    """
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


class _Numbering:
    """Word's automatic list numbers ("I.", "1.", "a)"): shown by Word but not stored in the text, so
    they are rebuilt from the numbering definitions, counting as Word does: one counter per list
    definition and level, deeper levels restarting when a level above moves on."""

    def __init__(self, document: Any, fonts: _Fonts) -> None:
        from docx.oxml.ns import qn

        self._qn = qn
        self._fonts = fonts
        self._levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # abstract id -> level -> (fmt, text, start)
        self._nums: dict[str, tuple[str, dict[int, int]]] = {}  # num id -> (abstract id, start overrides)
        self._counters: dict[str, dict[int, int]] = {}
        self._started: set[str] = set()
        self._style_num: dict[str, tuple[str, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            root = None
        if root is not None:
            self._read(root)
        for style in document.styles.element.iterchildren(qn("w:style")):
            ref = self._num_ref(style.find(qn("w:pPr")))
            if ref is not None and style.get(qn("w:styleId")):
                self._style_num[style.get(qn("w:styleId"))] = (ref[0], ref[1] if ref[1] is not None else 0)

    def _val(self, el: Any, tag: str) -> str | None:
        child = el.find(self._qn(tag)) if el is not None else None
        return child.get(self._qn("w:val")) if child is not None else None

    def _read(self, root: Any) -> None:
        qn = self._qn
        for abstract in root.iterchildren(qn("w:abstractNum")):
            levels: dict[int, tuple[str, str, int]] = {}
            for lvl in abstract.iterchildren(qn("w:lvl")):
                start = self._val(lvl, "w:start")
                levels[int(lvl.get(qn("w:ilvl"), "0"))] = (
                    self._val(lvl, "w:numFmt") or "decimal", self._val(lvl, "w:lvlText") or "",
                    int(start) if start and start.isdigit() else 1)
            self._levels[abstract.get(qn("w:abstractNumId"), "")] = levels
        for num in root.iterchildren(qn("w:num")):
            overrides: dict[int, int] = {}
            for override in num.iterchildren(qn("w:lvlOverride")):
                start = self._val(override, "w:startOverride")
                if start and start.isdigit():
                    overrides[int(override.get(qn("w:ilvl"), "0"))] = int(start)
            self._nums[num.get(qn("w:numId"), "")] = (self._val(num, "w:abstractNumId") or "", overrides)

    def _num_ref(self, ppr: Any) -> tuple[str, int | None] | None:
        numpr = ppr.find(self._qn("w:numPr")) if ppr is not None else None
        if numpr is None:
            return None
        num_id, ilvl = self._val(numpr, "w:numId"), self._val(numpr, "w:ilvl")
        if num_id is None:
            return None
        return num_id, int(ilvl) if ilvl and ilvl.isdigit() else None

    def marker(self, p_element: Any) -> str:
        """The list marker Word shows before this paragraph, "" for none."""
        ref = self._num_ref(p_element.find(self._qn("w:pPr")))
        style = self._fonts.paragraph_style(p_element)
        if ref is None and style in self._style_num:
            ref = self._style_num[style]
        if ref is None or ref[0] == "0" or ref[0] not in self._nums:  # numId 0: numbering switched off
            return ""
        abstract, overrides = self._nums[ref[0]]
        levels = self._levels.get(abstract, {})
        ilvl = ref[1] if ref[1] is not None else self._style_num.get(style or "", ("", 0))[1]
        if ilvl not in levels:
            return ""
        counters = self._counters.setdefault(abstract, {})
        if ref[0] not in self._started and overrides:
            # A list restarted by hand ("Restart at 1"): its own definition says where it starts.
            self._started.add(ref[0])
            for lv, start in overrides.items():
                counters[lv] = start - 1
        counters[ilvl] = counters.get(ilvl, levels[ilvl][2] - 1) + 1
        for deeper in [lv for lv in counters if lv > ilvl]:
            del counters[deeper]  # a new item restarts the levels below it
        fmt, text, _start = levels[ilvl]
        if fmt == "none":
            return ""
        if fmt == "bullet":
            return "-" if text.strip() else ""

        def fill(m: re.Match[str]) -> str:
            lv = int(m.group(1)) - 1
            lv_fmt = levels.get(lv, ("decimal", "", 1))[0]
            return number_text(counters.get(lv, levels.get(lv, ("", "", 1))[2]), lv_fmt)

        return re.sub(r"%([1-9])", fill, text).strip()


def _body_blocks(document: Any, fonts: _Fonts, numbering: _Numbering) -> Iterator[Block]:
    from docx.oxml.ns import qn
    from docx.table import Table

    p_tag, tbl_tag, sdt_tags = qn("w:p"), qn("w:tbl"), (qn("w:sdt"), qn("w:sdtContent"))

    def walk(parent: Any) -> Iterator[Block]:
        for child in parent.iterchildren():
            if child.tag == p_tag:
                text = _paragraph_text(child, fonts).strip()
                marker = numbering.marker(child) if text else ""
                if marker and not text.startswith(marker):
                    text = f"{marker} {text}"
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
