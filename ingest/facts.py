"""Facts of a plan document: goals, indicators and their targets, bodies, their duties and
which indicators each body leads or supports.

Every fact keeps its provenance (section breadcrumb, character span in the original text, page).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ingest.agencies import (
    agency_key,
    display_name,
    is_agency_start,
    is_generic,
    joins_office,
    names_in_heading,
)
from ingest.assemble import Cell, SourceText, Table
from ingest.model import Agency, Assignment, Duty, Goal, Indicator, Role, Section, Span, Target, stable_id
from ingest.normalize import VI_LOWER, VI_UPPER, MappedText, collapse_ws, fold_ascii
from ingest.numbers import _VALUE_RE, indicator_mentions, parse_number, parse_targets
from ingest.roles import read_claims, read_stated_owners
from ingest.structure import RANK_PLUS, Line

_INDICATOR_RE = re.compile(
    r"^(?:[-–•+*]\s*)?(?:\d{1,2}\s*[.)]\s*)?Chỉ\s+tiêu\s+(?:số\s+)?(\d{1,3})\s*[:.)–-]\s*(.*)$", re.IGNORECASE
)
_GOAL_RE = re.compile(r"^(?:[-–•+*]\s*)?Mục\s+tiêu\s+(\d{1,2})\s*[:.)–-]?\s*(.*)$", re.IGNORECASE)
_TARGET_SECTION_RE = re.compile(r"muc tieu cu the|chi tieu cu the|cac chi tieu|chi tieu chu yeu|muc tieu va chi tieu")
_TCTH_RE = re.compile(r"to chuc thuc hien|trach nhiem thuc hien|phan cong (?:nhiem vu|trach nhiem|thuc hien)")


@dataclass
class DocContext:
    doc_id: str
    mt: MappedText
    source: SourceText
    lines: list[Line]
    line_section: list[str | None]
    sections: dict[str, Section]
    agencies: dict[str, Agency] = field(default_factory=dict)
    line_starts: list[int] = field(init=False)

    def __post_init__(self) -> None:
        # Looked up for every fact's span: computed once, not per lookup.
        self.line_starts = [ln.start for ln in self.lines]

    def span(self, start: int, end: int, section_id: str | None = None) -> Span:
        """Provenance of the normalized span [start, end)."""
        s, e = self.mt.source_span(start, end)
        return self.source_span(s, e, section_id or self.section_at(start))

    def source_span(self, s: int, e: int, section_id: str | None = None) -> Span:
        if section_id is None:
            section_id = self.section_at(self.norm_offset(s))
        sec = self.sections.get(section_id) if section_id else None
        quote = collapse_ws(self.source.text[s:e])
        return Span(sec.breadcrumb if sec else "", s, e, self.source.page_at(s), quote)

    def norm_offset(self, original_offset: int) -> int:
        return max(0, bisect.bisect_right(self.mt.origin, original_offset) - 1)

    def section_at(self, norm_offset: int) -> str | None:
        i = bisect.bisect_right(self.line_starts, norm_offset) - 1
        return self.line_section[i] if i >= 0 else None

    def line_index(self, norm_offset: int) -> int:
        return max(0, bisect.bisect_right(self.line_starts, norm_offset) - 1)

    def register(self, name: str) -> Agency:
        key = agency_key(name)
        known = self.agencies.get(key)
        if known is None:
            known = Agency(key=key, name=display_name(name), aliases=[])
            self.agencies[key] = known
        surface = collapse_ws(name)
        if surface not in known.aliases:
            known.aliases.append(surface)
        # Prefer a written-out name over an abbreviation for display.
        if len(display_name(name)) > len(known.name) and "&" not in name:
            known.name = display_name(name)
        return known

    def resolve(self, name: str) -> Agency | None:
        """A known body this name refers to: the same key, a name cut short, or a name run on.

        "Sở Văn hóa" (cut at a comma) is "Sở Văn hóa, Thể thao và Du lịch" when that is the only
        known body it starts; "Sở Y tế khảo sát" (the name ran into a verb no list knows) is "Sở Y tế".
        """
        key = agency_key(name)
        if key in self.agencies:
            return self.agencies[key]
        if len(key.split()) < 2:
            return None
        candidates = [a for k, a in self.agencies.items() if k.startswith(key + " ")]
        if len(candidates) == 1:
            return candidates[0]
        prefixes = [k for k in self.agencies if key.startswith(k + " ") and len(k.split()) >= 2]
        return self.agencies[max(prefixes, key=len)] if prefixes else None

    def body(self, name: str) -> Agency | None:
        """The body a name in running text stands for, registered when the document names it first here."""
        if agency_key(name) in self.agencies:
            return self.register(name)  # the same body, perhaps written another way: keep that alias
        known = self.resolve(name)
        if known is not None:
            return known
        if is_generic(name) or len(name.split()) < 2:
            return None
        return self.register(name)


# --------------------------------------------------------------------------------------------
# Goals and indicators


def _extent(ctx: DocContext, i: int, stop: Iterable[re.Pattern[str]]) -> int:
    """Index of the line after the last line belonging to the item that starts at line i."""
    patterns = list(stop)
    j = i + 1
    while j < len(ctx.lines):
        ln = ctx.lines[j]
        if ln.is_heading or any(p.match(ln.text.strip()) for p in patterns):
            break
        j += 1
    return j


def find_goals(ctx: DocContext) -> list[Goal]:
    goals: list[Goal] = []
    for ln in ctx.lines:
        content = ln.content if ln.is_heading else ln.text.strip()
        m = _GOAL_RE.match(content)
        if m:
            goals.append(Goal(stable_id(ctx.doc_id, "goal", ln.start, prefix="g-"), int(m.group(1)),
                              collapse_ws(content), ctx.span(ln.start, ln.end)))
    return goals


def _goal_for(goals: list[Goal], ctx: DocContext, norm_offset: int) -> Goal | None:
    before = [g for g in goals if ctx.norm_offset(g.span.char_start) <= norm_offset]
    return before[-1] if before else None


def find_numbered_indicators(ctx: DocContext, goals: list[Goal]) -> list[Indicator]:
    indicators: list[Indicator] = []
    seen: set[int] = set()
    for i, ln in enumerate(ctx.lines):
        m = _INDICATOR_RE.match(ln.text.strip())
        if not m:
            continue
        number = int(m.group(1))
        j = _extent(ctx, i, (_INDICATOR_RE, _GOAL_RE))
        start, end = ln.start, ctx.lines[j - 1].end
        body = collapse_ws(" ".join([m.group(2)] + [x.text for x in ctx.lines[i + 1 : j]]))
        if number in seen or not body:
            continue  # an indicator is defined once; a later "Chỉ tiêu N:" is a reference
        seen.add(number)
        goal = _goal_for(goals, ctx, start)
        indicators.append(_indicator(ctx, number, len(indicators) + 1, body, goal, start, end))
    return indicators


def _indicator(ctx: DocContext, number: int | None, ordinal: int, text: str, goal: Goal | None,
               start: int, end: int, targets: list[Target] | None = None) -> Indicator:
    return Indicator(
        id=stable_id(ctx.doc_id, "indicator", number, start, prefix="i-"),
        doc_id=ctx.doc_id,
        number=number,
        ordinal=ordinal,
        text=text,
        goal_id=goal.id if goal else None,
        goal=goal.text if goal else None,
        targets=targets if targets is not None else parse_targets(text),
        span=ctx.span(start, end),
    )


def find_unnumbered_targets(ctx: DocContext, goals: list[Goal]) -> list[Indicator]:
    """Targets listed without the word "Chỉ tiêu": numbered items or bullets under "Mục tiêu cụ thể"."""
    for sec in ctx.sections.values():
        if not _TARGET_SECTION_RE.search(fold_ascii(sec.title)):
            continue
        inside = [(i, ln) for i, ln in enumerate(ctx.lines) if sec.start < ln.start < sec.end]
        if not inside:
            continue
        item_rank = min((ln.rank for _, ln in inside if ln.rank is not None), default=None)
        if item_rank is None:
            continue
        items = [i for i, ln in inside if ln.rank == item_rank]
        out: list[Indicator] = []
        last = inside[-1][0] + 1
        for n, i in enumerate(items):
            j = items[n + 1] if n + 1 < len(items) else last
            start, end = ctx.lines[i].start, ctx.lines[j - 1].end
            text = collapse_ws(" ".join([ctx.lines[i].content] + [x.text for x in ctx.lines[i + 1 : j]]))
            out.append(_indicator(ctx, None, n + 1, text, _goal_for(goals, ctx, start), start, end))
        if out:
            return out
    return []


# --------------------------------------------------------------------------------------------
# Tables with indicators, years and responsible bodies


@dataclass
class _Columns:
    number: int | None = None
    text: int | None = None
    lead: int | None = None
    support: int | None = None
    years: dict[int, int] = field(default_factory=dict)
    combined: bool = False  # one column "Cơ quan chủ trì, phối hợp"
    responsible: int | None = None  # "Cơ quan thực hiện": bodies that carry it out, no role word


_RESPONSIBLE_RE = re.compile(r"(?:co quan|don vi)\s+(?:thuc hien|trien khai)|trach nhiem|phan cong")


def _columns(header: list[Cell]) -> _Columns:
    cols = _Columns()
    for idx, cell in enumerate(header):
        f = fold_ascii(cell.text)
        year = re.search(r"\b(19|20)\d\d\b", f)
        if "chu tri" in f or ("phu trach" in f and "phoi hop" not in f):
            cols.lead = idx
            cols.combined = "phoi hop" in f
        elif "phoi hop" in f:
            cols.support = idx
        elif year and len(f) < 40:
            cols.years[int(year.group(0))] = idx
        elif re.fullmatch(r"(so )?(tt|stt|thu tu|so thu tu)\.?", f.strip()):
            cols.number = idx
        elif re.search(r"noi dung|ten chi tieu|mo ta", f):
            # "Chỉ tiêu | Nội dung": the first column numbers the indicator, the second states it.
            if cols.text is not None and cols.number is None:
                cols.number = cols.text
            cols.text = idx
        elif cols.text is None and re.search(r"chi tieu|muc tieu|nhiem vu", f):
            cols.text = idx
        elif cols.number is None and re.fullmatch(r"chi tieu( so)?", f.strip()):
            cols.number = idx
        elif cols.responsible is None and _RESPONSIBLE_RE.search(f):
            cols.responsible = idx
    if cols.lead is not None:
        cols.responsible = None
    return cols


_CELL_ROLE_RE = re.compile(r"chủ trì|phối hợp|tham gia", re.IGNORECASE)


def _cell_roles(cell: Cell, column: str) -> list[tuple[str, Role]]:
    """Bodies of a table cell with their roles. `column` is what the header says: lead, support,
    combined ("Cơ quan chủ trì, phối hợp") or act ("Cơ quan thực hiện")."""
    if _CELL_ROLE_RE.search(cell.text):
        # "Sở Y tế chủ trì; Sở Tư pháp phối hợp", "Sở Y tế (chủ trì), Công an tỉnh (phối hợp)"
        return [(c.body, c.role) for c in read_claims(f"Chỉ tiêu 1: {collapse_ws(cell.text)}")
                if c.body is not None and c.stated]
    names = _split_bodies(cell.text)
    if column == "combined":
        # Which of several bodies leads is not said: one body leads, several give no safe reading.
        return [(names[0], "lead")] if len(names) == 1 else []
    role: Role = "support" if column == "support" else "lead"
    return [(n, role) for n in names]


def _row_roles(ctx: DocContext, row: list[Cell], cols: _Columns) -> list[tuple[str, Role, Span]]:
    out: list[tuple[str, Role, Span]] = []
    lead_kind = "combined" if cols.combined else "lead"
    for col, kind in ((cols.lead, lead_kind), (cols.support, "support"), (cols.responsible, "act")):
        if col is not None and col < len(row):
            span = ctx.source_span(row[col].start, row[col].end)
            out.extend((name, role, span) for name, role in _cell_roles(row[col], kind))
    return out


def _split_bodies(cell: str) -> list[str]:
    pieces = re.split(rf"(\s*[;,\n]\s*|\s+và\s+(?=[{VI_UPPER}])|\s*\+\s*|^\s*-\s*|\s+-\s+(?=[{VI_UPPER}][{VI_LOWER}]+\s))",
                      cell)
    names: list[str] = []
    sep = ""
    for i, part in enumerate(pieces):
        if i % 2:
            sep = part
            continue
        p = part.strip(" .-")
        if not p:
            continue
        if names and (not is_agency_start(p) or joins_office(names[-1], p)):
            # Not a new body: the name goes on with the separator it was written with
            # ("Sở Văn hóa, Thể thao và Du lịch", "Phòng Lao động - Thương binh và Xã hội").
            mark = collapse_ws(sep)
            joiner = f"{mark} " if mark in (",", ";") else f" {mark} " if mark else " "
            names[-1] = f"{names[-1]}{joiner}{p}"
        else:
            names.append(p)
    return [n for n in names if is_agency_start(n)]


_ROMAN = {"I": 1, "V": 5, "X": 10}


def _group_number(cell: str) -> int | None:
    """The number of a group heading's label ("II", "B."): a Roman numeral or a capital letter.

    >>> _group_number("II"), _group_number("IV."), _group_number("B"), _group_number("3"), _group_number("")
    (2, 4, 2, None, None)
    """
    label = cell.strip().rstrip(".").strip()
    if re.fullmatch(r"[IVX]{1,5}", label):
        values = [_ROMAN[c] for c in label]
        return sum(-v if v < nxt else v for v, nxt in zip(values, [*values[1:], 0], strict=True))
    if re.fullmatch(r"[A-H]", label):
        return ord(label) - ord("A") + 1
    return None


def table_facts(ctx: DocContext, table: Table, ordinal_base: int, goals: list[Goal]
                ) -> tuple[list[Indicator], list[tuple[str, int, Role, Span]], list[tuple[str, str, Span]]]:
    """Indicators, (body, number, role, span) assignments and (body, duty, span) from one table."""
    header_i = next((i for i, row in enumerate(table.rows[:3])
                     if any(x is not None for x in (_columns(row).lead, _columns(row).text, _columns(row).responsible))),
                    None)
    if header_i is None:
        return [], [], []
    cols = _columns(table.rows[header_i])
    indicator_table = cols.text is not None and (
        "chi tieu" in fold_ascii(table.rows[header_i][cols.text].text) or bool(cols.years)
    )
    indicators: list[Indicator] = []
    assigns: list[tuple[str, int, Role, Span]] = []
    duties: list[tuple[str, str, Span]] = []
    goal: Goal | None = None
    for row in table.rows[header_i + 1 :]:
        cells = [c for c in row if c.text.strip()]
        if not cells:
            continue
        text_cell = row[cols.text] if cols.text is not None and cols.text < len(row) else cells[-1]
        gm = _GOAL_RE.match(text_cell.text) or _GOAL_RE.match(cells[0].text)
        if gm and len(cells) <= 2:
            g_cell = text_cell if _GOAL_RE.match(text_cell.text) else cells[0]
            goal = Goal(stable_id(ctx.doc_id, "goal", g_cell.start, prefix="g-"), int(gm.group(1)),
                        g_cell.text, ctx.source_span(g_cell.start, g_cell.end))
            goals.append(goal)
            continue
        group = _group_number(row[cols.number].text) if cols.number is not None and cols.number < len(row) else None
        if group is not None and len(cells) <= 2:
            # "I | Nhóm chỉ tiêu về …": a group heading row gathers the indicators below it; it is none itself.
            goal = Goal(stable_id(ctx.doc_id, "goal", text_cell.start, prefix="g-"), group,
                        text_cell.text, ctx.source_span(text_cell.start, text_cell.end))
            goals.append(goal)
            continue
        row_start, row_end = row[0].start, row[-1].end
        listed = _listed_numbers(text_cell.text)
        if listed:
            # An assignment table ("Chỉ tiêu 1, 2, 5 | Sở Y tế | ..."): a row names several indicators.
            for name, role, span in _row_roles(ctx, row, cols):
                assigns.extend((name, n, role, span) for n in listed)
            continue
        if indicator_table:
            im = _INDICATOR_RE.match(text_cell.text)
            number: int | None = int(im.group(1)) if im else None
            if number is None and cols.number is not None and cols.number < len(row):
                digits = re.fullmatch(r"\s*(\d{1,3})\s*\.?\s*", row[cols.number].text)
                number = int(digits.group(1)) if digits else None
            text = collapse_ws(im.group(2)) if im else text_cell.text
            targets = _row_targets(row, cols)
            ind = Indicator(
                id=stable_id(ctx.doc_id, "indicator", number, row_start, prefix="i-"),
                doc_id=ctx.doc_id, number=number, ordinal=ordinal_base + len(indicators) + 1, text=text,
                goal_id=goal.id if goal else None, goal=goal.text if goal else None,
                targets=targets or parse_targets(text), span=ctx.source_span(row_start, row_end),
            )
            indicators.append(ind)
            if number is None:
                continue
            assigns.extend((name, number, role, span) for name, role, span in _row_roles(ctx, row, cols))
        else:
            for col in (cols.lead, cols.responsible):
                if col is not None and col < len(row):
                    for name in _split_bodies(row[col].text):
                        duties.append((name, text_cell.text, ctx.source_span(row_start, row_end)))
    return indicators, assigns, duties


def _listed_numbers(cell: str) -> list[int]:
    """Indicator numbers of a cell that only names them ("1, 2, 5", "Chỉ tiêu 3 - 5", "7"), else [].

    >>> _listed_numbers("Chỉ tiêu 3 - 5"), _listed_numbers("1, 2 và 7"), _listed_numbers("Chỉ tiêu 4: Tỷ lệ ...")
    ([3, 4, 5], [1, 2, 7], [])
    """
    text = cell.strip().rstrip(".")
    if re.fullmatch(r"\d{1,3}(?:\s*(?:,|;|và|-|–|đến)\s*\d{1,3})*", text):
        text = f"chỉ tiêu {text}"
    mentions = indicator_mentions(text)
    if len(mentions) != 1 or mentions[0][0] != 0:
        return []
    _, end, numbers = mentions[0]
    return numbers if not text[end:].strip(" .;:") else []


def _row_targets(row: list[Cell], cols: _Columns) -> list[Target]:
    targets: list[Target] = []
    for year, idx in sorted(cols.years.items()):
        if idx >= len(row):
            continue
        cell = row[idx].text
        v = _VALUE_RE.search(cell)
        if not v:
            continue
        targets.append(Target(year=year, value=parse_number(v.group("num")),
                              unit=(v.group("unit") or "").replace(" ", ""),
                              qualifier=(v.group("qual") or "").lower(), text=f"{cell} (năm {year})"))
    return targets


# --------------------------------------------------------------------------------------------
# "Tổ chức thực hiện": bodies, duties, assignments


@dataclass
class BodyBlock:
    agencies: list[Agency]
    heading: Line
    inline: tuple[int, int] | None  # duty text on the heading line itself (normalized offsets)
    lines: list[Line]


def _children(ctx: DocContext, sec: Section) -> list[Section]:
    return [s for s in ctx.sections.values() if s.parent == sec.id]


def _heading_line(ctx: DocContext, sec: Section) -> Line:
    return ctx.lines[ctx.line_index(sec.start)]


def _inline_duty(line: Line, names: list[str]) -> tuple[int, int] | None:
    """Offsets of the duty written on a body's heading line, after its name(s)."""
    text = line.text
    last = names[-1]
    pos = text.find(last)
    if pos < 0:
        return None
    rest_start = pos + len(last)
    rest = text[rest_start:]
    stripped = rest.lstrip(" :.-–")
    if len(stripped) < 8:
        return None
    return line.start + rest_start + (len(rest) - len(stripped)), line.end


def find_body_blocks(ctx: DocContext) -> list[BodyBlock]:
    blocks: list[BodyBlock] = []
    visited: set[str] = set()

    def walk(sec: Section) -> None:
        for child in _children(ctx, sec):
            if child.id in visited:
                continue
            visited.add(child.id)
            head = _heading_line(ctx, child)
            names = names_in_heading(head.content)
            if names:
                agencies = [ctx.register(n) for n in names]
                body_lines = [ln for ln in ctx.lines if child.start < ln.start < child.end]
                blocks.append(BodyBlock(agencies, head, _inline_duty(head, names), body_lines))
            else:
                walk(child)
                _bullet_blocks(child)

    def _bullet_blocks(sec: Section) -> None:
        # "- Sở Y tế: chủ trì thực hiện chỉ tiêu 3" as a bullet directly in the section.
        for i, ln in enumerate(ctx.lines):
            if not (sec.start < ln.start < sec.end) or ctx.line_section[i] != sec.id:
                continue
            if ln.is_bullet and ":" in ln.content[:90]:
                names = names_in_heading(ln.content)
                if names:
                    blocks.append(BodyBlock([ctx.register(n) for n in names], ln, _inline_duty(ln, names), []))

    for sec in ctx.sections.values():
        if sec.id not in visited and _TCTH_RE.search(fold_ascii(sec.title)):
            visited.add(sec.id)
            walk(sec)
            _bullet_blocks(sec)
    return blocks


def _block_duties(block: BodyBlock) -> list[tuple[int, int]]:
    """Normalized spans of the block's duties: one per bullet or paragraph, "+" lines joined."""
    spans: list[tuple[int, int]] = []
    if block.inline:
        spans.append(block.inline)
    for ln in block.lines:
        if ln.rank == RANK_PLUS and spans:
            spans[-1] = (spans[-1][0], ln.end)
        else:
            spans.append((ln.start, ln.end))
    return spans


def assignments_in(ctx: DocContext, start: int, end: int, default: list[Agency], require_subject: bool
                   ) -> list[tuple[Agency, int, Role, Span]]:
    """Assignments stated in the normalized text [start, end), clause by clause (see ingest.roles).

    `default` are the bodies whose duties the text lists; outside a body's block there are none and
    only clauses that name their body count (`require_subject`).
    """
    out: list[tuple[Agency, int, Role, Span]] = []
    for claim in read_claims(ctx.mt.text[start:end]):
        if claim.body is None:
            if require_subject:
                continue
            agencies = default
        else:
            agency = ctx.body(claim.body)
            agencies = [agency] if agency else []
        span = ctx.span(start + claim.start, start + claim.end)
        for agency in agencies:
            out.extend((agency, n, claim.role, span) for n in claim.numbers)
    return out


def extract_assignments(ctx: DocContext, blocks: list[BodyBlock]) -> tuple[list[Assignment], list[Duty]]:
    assignments: dict[tuple[str, int, str], Assignment] = {}
    duties: list[Duty] = []
    covered: set[int] = set()
    for block in blocks:
        covered.add(block.heading.start)
        for s, e in _block_duties(block):
            covered.update(ln.start for ln in block.lines if s <= ln.start < e)
            span = ctx.span(s, e)
            for agency in block.agencies:
                duties.append(Duty(stable_id(ctx.doc_id, "duty", agency.key, s, prefix="d-"), ctx.doc_id,
                                   agency.key, agency.name, collapse_ws(ctx.mt.text[s:e]), span))
            default = [a for a in block.agencies if not is_generic(a.name)]
            for agency, n, role, aspan in assignments_in(ctx, s, e, default, require_subject=False):
                _add_assignment(ctx, assignments, agency, n, role, aspan)
    # Outside the bodies' blocks, an assignment needs its body named in the same clause.
    for i, ln in enumerate(ctx.lines):
        if ln.start in covered:
            continue
        m = _INDICATOR_RE.match(ln.text.strip())
        if m:
            end = ctx.lines[_extent(ctx, i, (_INDICATOR_RE, _GOAL_RE)) - 1].end
            for agency, n, role, aspan in stated_owners(ctx, int(m.group(1)), ln.start, end):
                _add_assignment(ctx, assignments, agency, n, role, aspan)
            continue
        for agency, n, role, aspan in assignments_in(ctx, ln.start, ln.end, [], require_subject=True):
            _add_assignment(ctx, assignments, agency, n, role, aspan)
    return list(assignments.values()), duties


def stated_owners(ctx: DocContext, number: int, start: int, end: int) -> list[tuple[Agency, int, Role, Span]]:
    """Owners an indicator's own text names: "Chỉ tiêu 3: ... (Sở Y tế chủ trì, Công an tỉnh phối hợp)"."""
    out: list[tuple[Agency, int, Role, Span]] = []
    for claim in read_stated_owners(ctx.mt.text[start:end], number):
        agency = ctx.body(claim.body) if claim.body else None
        if agency is not None:
            out.append((agency, number, claim.role, ctx.span(start + claim.start, start + claim.end)))
    return out


def _add_assignment(ctx: DocContext, store: dict[tuple[str, int, str], Assignment], agency: Agency, n: int,
                    role: Role, span: Span) -> None:
    key = (agency.key, n, role)
    if key in store:
        return
    store[key] = Assignment(stable_id(ctx.doc_id, "assign", agency.key, n, role, prefix="a-"), ctx.doc_id,
                            agency.key, agency.name, n, role, span)


def finalize_roles(assignments: list[Assignment], known: set[int] | None = None) -> list[Assignment]:
    """A body that leads an indicator is not also listed as supporting it; when the document numbers its
    indicators (`known`), assignments of other numbers refer to something else and are dropped."""
    if known:
        assignments = [a for a in assignments if a.indicator_number in known]
    leads = {(a.agency_key, a.indicator_number) for a in assignments if a.role == "lead"}
    return [a for a in assignments if a.role == "lead" or (a.agency_key, a.indicator_number) not in leads]
