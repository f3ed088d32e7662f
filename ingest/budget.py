"""Budget facts: the items of a plan's "Kinh phí" section, with amounts, levels and kinds of source.

Amounts are read the Vietnamese way: "1.000 triệu đồng" is one thousand million dong, "98,5" is 98.5.
"""

from __future__ import annotations

import re

from ingest.assemble import Table
from ingest.facts import DocContext
from ingest.items import Item, section_items, sections_titled, sentence_around
from ingest.model import BudgetItem, Money, stable_id
from ingest.normalize import collapse_ws, fold_ascii
from ingest.numbers import parse_number

_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_MONEY_RE = re.compile(
    rf"(?<![\d.,/])(?P<num>{_NUM})\s*(?P<unit>tỷ|tỉ|triệu|nghìn|ngàn)?\s*(?P<dong>đồng(?!\s+(?:chí|bào|thời|bộ|ý|hành|đều|loạt|nghiệp))|VNĐ|VND|đ(?![\w]))?"
    r"(?P<per>(?:\s*/\s*(?:[^\W\d_]+)){0,3})",
    re.IGNORECASE,
)
_SCALE = {"tỷ": 1e9, "tỉ": 1e9, "triệu": 1e6, "nghìn": 1e3, "ngàn": 1e3, "": 1.0}
_MIN_BEFORE_RE = re.compile(r"(tối thiểu|thấp nhất|ít nhất|không thấp hơn|không dưới|không ít hơn)\s*(?:là\s*)?"
                            r"(?:[^\d\s]+\s+){0,3}$", re.IGNORECASE)
_MIN_AFTER_RE = re.compile(r"^\s*(?:/\s*\S+\s*)*trở lên", re.IGNORECASE)
_TOTAL_RE = re.compile(r"tổng\s+(?:kinh phí|số|cộng|nguồn|vốn|dự toán|ngân sách)[^.;]{0,80}$", re.IGNORECASE)
_PER_WORD_RE = re.compile(r"^\s*(?:cho\s+)?(?:mỗi|một|từng)\s+([^\W\d_]+(?:\s+trấn|\s+xã|\s+phố)?)", re.IGNORECASE)


def parse_money(text: str) -> list[Money]:
    """Amounts of money in a text, with what they are per and whether they are a minimum or a total.

    >>> [(m.value, m.unit, m.vnd, m.per, m.minimum) for m in parse_money("Cấp xã thấp nhất 20 triệu/xã/năm")]
    [(20.0, 'triệu đồng', 20000000.0, ['xã', 'năm'], True)]
    >>> [(m.value, m.vnd, m.total) for m in parse_money("Tổng kinh phí: 1.250,5 triệu đồng")]
    [(1250.5, 1250500000.0, True)]
    >>> parse_money("cử 02 đồng chí lãnh đạo tham gia")
    []
    """
    out: list[Money] = []
    for m in _MONEY_RE.finditer(text):
        unit_word = (m.group("unit") or "").lower()
        if not unit_word and not m.group("dong"):
            continue  # a bare number is no amount of money
        value = parse_number(m.group("num"))
        if value is None:
            continue
        unit = f"{unit_word.replace('tỉ', 'tỷ').replace('ngàn', 'nghìn')} đồng".strip()
        per = [p.strip().lower() for p in m.group("per").split("/") if p.strip()]
        rest = text[m.end():]
        pw = _PER_WORD_RE.match(rest)
        if pw and not per:
            per = [pw.group(1).lower()]
        before = text[max(0, m.start() - 60):m.start()]
        each = re.search(r"\b(?:mỗi|từng)\s+([^\W\d_]+(?:\s+(?:trấn|phố|dân phố))?)", before, re.IGNORECASE)
        if each and each.group(1).lower() not in per:
            per.insert(0, each.group(1).lower())  # "Mỗi thôn được hỗ trợ tối thiểu 15 triệu đồng/năm"
        minimum = bool(_MIN_BEFORE_RE.search(before) or _MIN_AFTER_RE.match(rest))
        total = bool(_TOTAL_RE.search(before))
        out.append(Money(value, unit, value * _SCALE[unit_word.replace("tỉ", "tỷ").replace("ngàn", "nghìn")], per,
                         minimum, total, collapse_ws(m.group(0))))
    return out


_SOURCES: list[tuple[str, re.Pattern[str]]] = [
    ("ngân sách trung ương", re.compile(r"ngan sach (?:nha nuoc )?(?:cap )?trung uong|nguon trung uong")),
    ("ngân sách địa phương", re.compile(r"ngan sach (?:cua )?(?:cap )?(?:dia phuong|tinh|huyen|xa|thi tran|phuong|"
                                        r"thanh pho|quan)")),
    ("ngân sách nhà nước", re.compile(r"ngan sach nha nuoc|nguon ngan sach(?! (?:cap|dia|trung|tinh|huyen|xa))|"
                                      r"du toan (?:ngan sach|chi|hang nam|hang nam)|kinh phi thuong xuyen")),
    ("xã hội hóa", re.compile(r"xa hoi hoa|huy dong (?:tu |cac |nguon )*(?:xa hoi|cong dong|doanh nghiep|to chuc|"
                              r"ca nhan|nguon luc)|van dong (?:cac )?nguon (?:luc|kinh phi)|dong gop")),
    ("lồng ghép", re.compile(r"long ghep")),
    ("tài trợ, viện trợ", re.compile(r"tai tro|vien tro")),
    ("chương trình, dự án", re.compile(r"chuong trinh muc tieu|chuong trinh, du an|chuong trinh, de an|"
                                       r"cac du an|du an ho tro|chuong trinh du an|chuong trinh, ke hoach, du an")),
    ("nguồn hợp pháp khác", re.compile(r"(?:nguon|von)[^.;]{0,25}hop phap")),
]


def budget_sources(text: str) -> list[str]:
    """Kinds of source a text names.

    >>> budget_sources("Ngân sách nhà nước; huy động xã hội hóa và các nguồn hợp pháp khác")
    ['ngân sách nhà nước', 'xã hội hóa', 'nguồn hợp pháp khác']
    """
    f = fold_ascii(text)
    return [name for name, rx in _SOURCES if rx.search(f)]


_LEVEL_RE = re.compile(r"^(?:doi voi\s+)?(?:(?:ngan sach|kinh phi)\s+(?:cap\s+)?|cap\s+)(tinh|huyen|xa)\b(?!\s*,\s*cap)")
_LEVELS = {"tinh": "tỉnh", "huyen": "huyện", "xa": "xã"}
_BUDGET_SECTION_RE = re.compile(
    r"^(?:(?:du tru|nguon|du toan|bo tri)\s+)?kinh phi|^nguon (?:von|kinh phi|luc tai chinh|tai chinh)|"
    r"^(?:co che\s+)?tai chinh(?:\s+thuc hien)?$|^ngan sach"
)
# Outside the budget section an amount counts when its sentence is about funds.
_FUNDS_RE = re.compile(r"kinh phi|ngan sach|nguon von|du toan")


_HEADER_UNIT_RE = re.compile(r"\b(?:(tỷ|tỉ|triệu|nghìn|ngàn)\s*)?(đồng|VNĐ|VND|đ)\b", re.IGNORECASE)
_BUDGET_HEADER_RE = re.compile(r"kinh phi|du toan|ngan sach|nguon|so tien|thanh tien")
_TOTAL_ROW_RE = re.compile(r"^\s*(?:tổng|cộng)", re.IGNORECASE)


def _table_items(ctx: DocContext, table: Table, in_section: bool) -> list[BudgetItem]:
    """Rows of a budget table: amounts from the columns whose header names the unit ("Kinh phí (triệu đồng)")."""
    hi = next((i for i, row in enumerate(table.rows[:3]) if any(_HEADER_UNIT_RE.search(c.text) for c in row)), None)
    if hi is None:
        return []
    header = table.rows[hi]
    money_cols = [(ci, _unit(c.text)) for ci, c in enumerate(header) if _HEADER_UNIT_RE.search(c.text)]
    if not in_section and not any(_BUDGET_HEADER_RE.search(fold_ascii(c.text)) for c in header):
        return []
    source_cols = [ci for ci, c in enumerate(header) if fold_ascii(c.text).startswith("nguon")]
    out: list[BudgetItem] = []
    for row in table.rows[hi + 1:]:
        cells = [c for c in row if c.text.strip()]
        if not cells:
            continue
        first_money = min(ci for ci, _ in money_cols)
        label = " ".join(c.text for c in row[:first_money])
        total = bool(_TOTAL_ROW_RE.search(label) or _TOTAL_ROW_RE.search(row[0].text))
        amounts: list[Money] = []
        for ci, unit in money_cols:
            m = re.fullmatch(rf"\s*({_NUM})\s*", row[ci].text) if ci < len(row) else None
            value = parse_number(m.group(1)) if m else None
            if value is not None:
                word = unit.split()[0] if " " in unit else ""
                amounts.append(Money(value, unit, value * _SCALE[word], [], False, total, f"{row[ci].text.strip()} {unit}"))
        text = " | ".join(c.text.strip() for c in cells)
        marker = row[0].text.strip() if re.fullmatch(r"\d{1,3}\.?|[IVX]{1,5}\.?|[a-zđ]\)?", row[0].text.strip()) else ""
        sources = budget_sources(" ".join(row[ci].text for ci in source_cols if ci < len(row)) or text)
        span = ctx.source_span(row[0].start, row[-1].end)
        out.append(BudgetItem(stable_id(ctx.doc_id, "budget-row", row[0].start, prefix="k-"), ctx.doc_id, 0, marker, 0,
                              _level(label.strip()) or _level(text), amounts, sources, text, span))
    return out


def _unit(header: str) -> str:
    m = _HEADER_UNIT_RE.search(header)
    word = (m.group(1) or "").lower().replace("tỉ", "tỷ").replace("ngàn", "nghìn") if m else ""
    return f"{word} đồng".strip()


def find_budget(ctx: DocContext) -> list[BudgetItem]:
    out: list[BudgetItem] = []
    covered: list[tuple[int, int]] = []
    sections = [(s.start, s.end) for s in sections_titled(ctx, _BUDGET_SECTION_RE)]
    tables: list[tuple[int, int]] = []
    for table in ctx.source.tables:
        start, end = ctx.norm_offset(table.start), ctx.norm_offset(table.end)
        rows = _table_items(ctx, table, any(a <= start < b for a, b in sections))
        if rows:
            tables.append((start, end + 1))
            out.extend(rows)
    for sec in sections_titled(ctx, _BUDGET_SECTION_RE):
        if any(s <= sec.start < e for s, e in covered):
            continue  # a sub-section of a budget section already read
        covered.append((sec.start, sec.end))
        level: dict[int, str | None] = {}
        for item in section_items(ctx, sec):
            own = _level(item.text)
            inherited = next((level[d] for d in range(item.depth - 1, -1, -1) if d in level), None)
            level[item.depth] = own or inherited
            for d in [d for d in level if d > item.depth]:
                del level[d]
            if not any(a <= item.start < b for a, b in tables):  # a table's rows are read as a table
                _add(ctx, out, item, own or inherited)
    text = ctx.mt.text
    for m in _MONEY_RE.finditer(text):
        if any(s <= m.start() < e for s, e in covered + tables) or not (m.group("unit") or m.group("dong")):
            continue
        s, e = sentence_around(text, m.start())
        if not _FUNDS_RE.search(fold_ascii(text[s:e])) or any(b.span.char_start == ctx.span(s, e).char_start
                                                              for b in out):
            continue
        _add(ctx, out, Item("", 0, s, e, collapse_ws(text[s:e])), None)
    out.sort(key=lambda b: b.span.char_start)
    for n, b in enumerate(out, start=1):
        b.ordinal = n
    return out


def _level(text: str) -> str | None:
    m = _LEVEL_RE.match(fold_ascii(text))
    return _LEVELS[m.group(1)] if m else None


def _add(ctx: DocContext, out: list[BudgetItem], item: Item, level: str | None) -> None:
    amounts = parse_money(item.text)
    sources = budget_sources(item.text)
    if level is None:
        pers = {p for a in amounts for p in a.per if p in ("xã", "huyện", "tỉnh")}
        level = pers.pop() if len(pers) == 1 else None
    out.append(BudgetItem(stable_id(ctx.doc_id, "budget", item.start, prefix="k-"), ctx.doc_id, 0, item.marker,
                          item.depth, level, amounts, sources, item.text, ctx.span(item.start, item.end)))
