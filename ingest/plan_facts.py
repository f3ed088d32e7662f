"""The rest of a plan as facts: goals, legal bases, period and milestones, steering bodies, recipients and
signature (budget in ingest.budget, reporting in ingest.reporting).

Vietnamese plans state these in predictable places: a "Mục tiêu chung" / "Mục tiêu cụ thể" section, the
"Căn cứ …" lines of the opening, the "Nơi nhận" list and the signature block at the end. Each fact keeps
its provenance; what the text does not state plainly is left out rather than guessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Literal

from ingest.agencies import is_generic, names_in_text
from ingest.budget import find_budget
from ingest.facts import DocContext
from ingest.items import Item, renumbered_siblings, section_items, sections_titled, sentence_around
from ingest.model import (
    DocRef,
    DocumentMeta,
    Duty,
    LegalBasis,
    Milestone,
    MilestoneKind,
    Objective,
    ObjectiveKind,
    PlanFacts,
    Recipient,
    Signature,
    SteeringBody,
    stable_id,
)
from ingest.normalize import VI_LOWER, VI_UPPER, collapse_ws, fold_ascii
from ingest.reporting import duty_agency_at, find_reporting
from ingest.structure import PERSON_RE, RANK_ARABIC, RANK_LETTER, RANK_PART, RANK_ROMAN


def extract_plan_facts(ctx: DocContext, meta: DocumentMeta, duties: list[Duty]) -> PlanFacts:
    mark_duty_markers(ctx, duties)
    signatures = find_signatures(ctx)
    sign_meta(meta, signatures)
    return PlanFacts(
        objectives=find_objectives(ctx),
        reporting=find_reporting(ctx, duties),
        budget=find_budget(ctx),
        legal_bases=find_legal_bases(ctx),
        milestones=find_milestones(ctx, meta),
        steering=find_steering(ctx, duties),
        recipients=find_recipients(ctx),
        signatures=signatures,
    )


def sign_meta(meta: DocumentMeta, signatures: list[Signature]) -> None:
    """The document's signer is its first named signature block: one reading serves the metadata
    and the signature facts, so they cannot disagree."""
    named = next((s for s in signatures if s.name), None)
    if named is None:
        return
    meta.signer = named.name
    meta.signer_title = f"{named.authority} {named.title}" if named.authority else named.title


# --------------------------------------------------------------------------------------------
# Goals

_GENERAL_RE = re.compile(r"^(?:cac\s+)?muc tieu\s+(?:chung|tong quat|tong the)\b")
_GOALS_RE = re.compile(r"^(?:cac\s+)?muc tieu(?:\s+(?:cua|chu yeu|chinh)\b.*)?$|^muc dich,?\s+muc tieu$")
_SPECIFIC_RE = re.compile(r"^(?:cac\s+)?(?:muc tieu|chi tieu)(?:,?\s+(?:va\s+)?chi tieu)?\s+cu the\b")
# Written as a paragraph rather than a heading: "Mục tiêu chung: Bảo đảm …".
_INLINE_GOAL_RE = re.compile(r"^(?:[-–+•]\s*)?Mục\s+tiêu\s+(chung|tổng\s+quát|tổng\s+thể)\s*:\s*(\S.{7,})$",
                             re.IGNORECASE)


def find_objectives(ctx: DocContext) -> list[Objective]:
    out: list[Objective] = []
    seen: set[int] = set()

    def add(kind: ObjectiveKind, item: Item) -> None:
        if item.start in seen:
            return
        seen.add(item.start)
        n = sum(1 for o in out if o.kind == kind) + 1
        out.append(Objective(stable_id(ctx.doc_id, "objective", kind, item.start, prefix="o-"), ctx.doc_id, kind, n,
                             item.marker, item.depth, item.text, ctx.span(item.start, item.end)))

    for kind, pattern in (("general", _GENERAL_RE), ("specific", _SPECIFIC_RE)):
        for sec in sections_titled(ctx, pattern):
            for item in section_items(ctx, sec) or renumbered_siblings(ctx, sec):
                add(kind, item)  # type: ignore[arg-type]
    split = {o.span.char_start for o in out}
    for sec in sections_titled(ctx, _GOALS_RE):
        children = [c for c in ctx.sections.values() if c.parent == sec.id]
        if any(_GENERAL_RE.search(fold_ascii(c.title)) or _SPECIFIC_RE.search(fold_ascii(c.title)) for c in children):
            continue  # split into general and specific: read above
        items = section_items(ctx, sec)
        if items and not any(ctx.span(i.start, i.end).char_start in split for i in items):
            for item in items:
                add("goals", item)
    for ln in ctx.lines:
        m = _INLINE_GOAL_RE.match(ln.text.strip())
        if m and not ln.is_heading:
            start = ln.start + ln.text.find(m.group(2))
            add("general", Item("", 0, start, ln.end, collapse_ws(m.group(2))))
    out.sort(key=lambda o: (o.kind != "general", o.span.char_start))
    for kind in ("general", "specific", "goals"):
        for n, o in enumerate((o for o in out if o.kind == kind), start=1):
            o.ordinal = n
    return out


# --------------------------------------------------------------------------------------------
# Legal bases

_DOC_TYPES = ("Hiến pháp", "Bộ luật", "Luật", "Pháp lệnh", "Nghị quyết", "Nghị định", "Quyết định", "Thông tư liên tịch",
              "Thông tư", "Chỉ thị", "Kết luận", "Kế hoạch", "Chương trình", "Đề án", "Công văn", "Văn bản",
              "Hướng dẫn", "Thông báo", "Điều lệ")
_TYPE_ALT = "|".join(sorted(map(re.escape, _DOC_TYPES), key=len, reverse=True))
_DOCNUM = r"\d{1,5}[a-z]?(?:\s*/\s*\d{4})?\s*(?:/|-)\s*[A-ZĐ][A-ZĐa-z0-9]*(?:\s*[-/]\s*[A-ZĐ][A-ZĐa-z0-9]*)*"
_DATE = r"(\d{1,2})\s*(?:/|-|\s+tháng\s+)\s*(\d{1,2})\s*(?:/|-|\s+năm\s+)\s*(\d{4})"
_REF_RE = re.compile(
    rf"\b({_TYPE_ALT})\b(?:\s+số)?\s*(?::\s*)?({_DOCNUM})?(?:\s*,?\s*ngày\s+{_DATE})?"
)
_BASIS_RE = re.compile(rf"^(?:[-–+•]\s*)?(Căn cứ|Thực hiện|Triển khai thực hiện)\s+(?:vào\s+)?(?:các\s+)?({_TYPE_ALT})\b")
_BASIS_SECTION_RE = re.compile(r"^(?:cac\s+)?(?:can cu|co so phap ly|co so xay dung)")


def parse_refs(text: str) -> list[DocRef]:
    """Documents a text cites: type, number and date.

    >>> [(r.doc_type, r.number, r.date) for r in parse_refs("Căn cứ Quyết định số 23/QĐ-TTg ngày 07/01/2021 "
    ...  "của Thủ tướng; Luật Trẻ em năm 2016")]
    [('Quyết định', '23/QĐ-TTg', '2021-01-07'), ('Luật', None, None)]
    """
    refs: list[DocRef] = []
    for m in _REF_RE.finditer(text):
        number = re.sub(r"\s+", "", m.group(2)) if m.group(2) else None
        if number is None and m.group(1) not in ("Luật", "Bộ luật", "Hiến pháp", "Pháp lệnh", "Điều lệ"):
            continue  # "Kế hoạch này", "Chương trình hành động …": not a citation
        if number is None and re.search(r"\bcủa\s*$", text[: m.start()]):
            continue  # "Luật sửa đổi … của Luật X": the amended law is part of the citing law's name
        opening = re.search(r"(?:^|Căn cứ|[;,]|\bvà)\s*$", text[: m.start()])
        if number is None and not opening and not re.match(rf"\s+[{VI_UPPER}]", text[m.end(1):m.end(1) + 3]):
            continue  # "luật" in running text, not the name of a law
        date = None
        if m.group(3):
            d, mo, y = int(m.group(3)), int(m.group(4)), int(m.group(5))
            if 1 <= d <= 31 and 1 <= mo <= 12:
                date = f"{y:04d}-{mo:02d}-{d:02d}"
        end = _ref_end(text, m.end())
        if date is None:
            dm = re.search(rf"ngày\s+{_DATE}", text[m.end():end])
            if dm and 1 <= int(dm.group(1)) <= 31 and 1 <= int(dm.group(2)) <= 12:
                date = f"{int(dm.group(3)):04d}-{int(dm.group(2)):02d}-{int(dm.group(1)):02d}"
        refs.append(DocRef(m.group(1), number, date, collapse_ws(text[m.start():end]).rstrip(" ;,.")))
    return refs


def _ref_end(text: str, pos: int) -> int:
    cut = re.compile(rf";|\.\s|\.$|,\s*(?:{_TYPE_ALT})\b|\s+và\s+(?:{_TYPE_ALT})\b").search(text, pos)
    return cut.start() if cut else len(text)


def _in_preamble(ctx: DocContext, line_i: int) -> bool:
    """Outside any numbered section: the opening of a plan, or of a programme attached to a decision."""
    sid = ctx.line_section[line_i]
    if sid is None:
        return True
    sec = ctx.sections[sid]
    return sec.level == RANK_PART and not sec.marker and ctx.lines[line_i].start != sec.start


def find_legal_bases(ctx: DocContext) -> list[LegalBasis]:
    out: list[LegalBasis] = []
    seen: set[int] = set()
    seen_refs: set[frozenset[tuple[str, str]]] = set()

    def add(start: int, end: int, text: str) -> None:
        m = _BASIS_RE.match(text)
        refs = parse_refs(text)
        cited = frozenset((r.doc_type, r.number or r.text) for r in refs)
        if not refs or start in seen or cited in seen_refs:
            return  # a decision and the programme it attaches often repeat the same bases
        seen.add(start)
        seen_refs.add(cited)
        kind = "căn cứ" if m is None or m.group(1) == "Căn cứ" else "thực hiện"
        out.append(LegalBasis(stable_id(ctx.doc_id, "basis", start, prefix="l-"), ctx.doc_id, len(out) + 1,
                              kind, refs, collapse_ws(text), ctx.span(start, end)))  # type: ignore[arg-type]

    basis_secs = list(sections_titled(ctx, _BASIS_SECTION_RE))
    for i, ln in enumerate(ctx.lines):
        text = ln.text.strip()
        in_basis_sec = any(s.start < ln.start < s.end for s in basis_secs)
        if in_basis_sec:
            add(ln.start, ln.end, ln.content or text)
        elif _BASIS_RE.match(text) and _in_preamble(ctx, i):
            # "Thực hiện Kế hoạch số …, UBND xã X xây dựng kế hoạch …": the basis is the cited part.
            add(ln.start, ln.end, text)
    out.sort(key=lambda b: b.span.char_start)
    for n, b in enumerate(out, start=1):
        b.ordinal = n
    return out


# --------------------------------------------------------------------------------------------
# Period and milestones

_PERIOD_RE = re.compile(r"giai\s+đoạn\s*(?:từ\s+(?:năm\s+)?)?((?:19|20)\d\d)\s*(?:[-–—]|đến(?:\s+năm)?)\s*((?:19|20)\d\d)",
                        re.IGNORECASE)
_HORIZON_RE = re.compile(r"(?:định hướng|tầm nhìn)\s+(?:đến|tới)\s+năm\s+((?:19|20)\d\d)", re.IGNORECASE)
_REVIEW_RE = re.compile(r"(sơ kết|tổng kết)\b[^.;:\n]{0,90}?\b(?:năm|cuối năm|vào năm)\s+((?:19|20)\d\d)",
                        re.IGNORECASE)


def find_milestones(ctx: DocContext, meta: DocumentMeta) -> list[Milestone]:
    text = ctx.mt.text
    out: list[Milestone] = []
    keys: set[tuple[str, int | None, int]] = set()

    def add(kind: MilestoneKind, start_year: int | None, end_year: int, s: int, e: int) -> None:
        if (kind, start_year, end_year) in keys:
            return
        keys.add((kind, start_year, end_year))
        out.append(Milestone(stable_id(ctx.doc_id, "milestone", kind, start_year, end_year, prefix="m-"), ctx.doc_id,
                             kind, start_year, end_year, collapse_ws(text[s:e]), ctx.span(s, e)))

    period: tuple[int, int] | None = None
    if meta.period:
        years = [int(y) for y in re.findall(r"\d{4}", meta.period)]
        period = (years[0], years[-1])
        pattern = (_PERIOD_RE if len(years) == 2 else re.compile(rf"\bnăm\s+({years[0]})\b", re.IGNORECASE))
        for m in pattern.finditer(text):
            found = tuple(int(g) for g in m.groups())
            if (found[0], found[-1]) == period:
                add("period", period[0], period[1], m.start(), m.end())
                break
    if period is None:
        return out
    lo, hi = period
    body_from = _body_start(ctx)
    for m in _PERIOD_RE.finditer(text, body_from):
        a, b = int(m.group(1)), int(m.group(2))
        if lo <= a and b <= hi and (a, b) != period:
            add("phase", a, b, m.start(), m.end())
    for m in _HORIZON_RE.finditer(text, body_from):
        y = int(m.group(1))
        if y >= lo:
            add("horizon", None, y, m.start(), m.end())
    for m in _REVIEW_RE.finditer(text, body_from):
        y = int(m.group(2))
        if lo <= y <= max(hi, lo):
            add("review", None, y, m.start(), m.end())
    return out


def _body_start(ctx: DocContext) -> int:
    """Where the plan's own content starts: after its opening, past references to earlier programmes."""
    for sec in ctx.sections.values():
        if sec.level in (RANK_ROMAN, RANK_LETTER, RANK_ARABIC) and sec.marker:
            return sec.start
    return 0


# --------------------------------------------------------------------------------------------
# Steering bodies

_STEERING_RE = re.compile(rf"\b(Ban [Cc]hỉ đạo|Ban [Đđ]iều hành|Tổ [Cc]ông tác liên ngành|Hội đồng [Đđ]iều phối)"
                          rf"((?:\s+(?:[{VI_UPPER}{VI_LOWER}0-9][\w-]*))*)")
_STEER_STOP_RE = re.compile(
    r"\s+(?:các cấp|có trách nhiệm|chịu trách nhiệm|chỉ đạo|tổ chức|thực hiện|để|nhằm|theo|tại|là|và|hoặc|được|"
    r"phối hợp|chủ trì|tham mưu|kiểm tra|giám sát|với|trong|của các|thường xuyên|định kỳ|báo cáo)\b"
)
_STANDING_RE = re.compile(r"co quan (thuong truc|dau moi)")


def find_steering(ctx: DocContext, duties: list[Duty]) -> list[SteeringBody]:
    text = ctx.mt.text
    out: list[SteeringBody] = []
    names: set[str] = set()
    for m in _STEERING_RE.finditer(text):
        name = m.group(1) + m.group(2)
        cut = _STEER_STOP_RE.search(name)
        if cut:
            name = name[: cut.start()]
        name = collapse_ws(name).rstrip(" -")
        key = fold_ascii(name)
        if key in names:
            continue
        names.add(key)
        s, e = sentence_around(text, m.start())
        out.append(SteeringBody(stable_id(ctx.doc_id, "steering", key, prefix="b-"), ctx.doc_id, name, "steering",
                                collapse_ws(text[s:e]), ctx.span(s, e)))
    named_heads = {fold_ascii(b.name.split()[0] + " " + " ".join(b.name.split()[1:3])) for b in out
                   if len(b.name.split()) > 3}
    out = [b for b in out if len(b.name.split()) > 3 or fold_ascii(b.name) not in named_heads]
    folded = fold_ascii(text)  # same length as text: folding keeps one letter per letter
    for m in _STANDING_RE.finditer(folded):
        s, e = sentence_around(text, m.start())
        body = _standing_body(text, s, e, m.start(), m.end()) or duty_agency_at(ctx, duties, m.start())
        if body is None:
            continue
        role: Literal["standing", "focal"] = "standing" if m.group(1) == "thuong truc" else "focal"
        key = f"{role}:{fold_ascii(body)}"
        if key in names:
            continue
        names.add(key)
        out.append(SteeringBody(stable_id(ctx.doc_id, "steering", key, prefix="b-"), ctx.doc_id, body, role,
                                collapse_ws(text[s:e]), ctx.span(s, e)))
    return out


def _standing_body(text: str, s: int, e: int, ms: int, me: int) -> str | None:
    """The body a sentence names as standing or focal agency: right before or right after the phrase."""
    for a, b, name in names_in_text(text[s:e]):
        a, b = a + s, b + s
        between = text[b:ms]
        after = text[me:a]
        if is_generic(name):
            continue
        if b <= ms and re.fullmatch(r"\s*(?:[-–,(]\s*)?(?:là|làm|giữ vai trò)?\s*", between):
            return name
        cue = re.search(r"\s*(?:[-–(]|\blà\b|\blàm\b)\s*$", between) if b <= ms else None
        if cue and ms - a <= 70 and not re.search(r"[,;.:]", between[: cue.start()]):
            # The name runs on past where the name reader stopped ("Sở Lao động Thương binh và Xã hội - …").
            return collapse_ws(text[a:b] + between[: cue.start()])
        if a >= me and re.fullmatch(r"\s*(?:là|:)?\s*", after):
            return name
    return None



# --------------------------------------------------------------------------------------------
# Recipients and signature

_RECIPIENTS_RE = re.compile(r"^\W*Nơi\s+nhận\s*:?\s*(.*)$", re.IGNORECASE)
_NOTE_RE = re.compile(r"\s*\(([^()]{1,25})\)\s*$")


def _cells(ctx: DocContext, i: int) -> list[tuple[int, int, str]]:
    """A line's non-empty pieces of a flattened two-column layout: (column, offset, text). Columns are
    separated by "|" (a portal copy) or by a wide gap of spaces (a text export, which also indents a
    right column standing alone, such as the signer's name under the signature). Gaps are read in the
    original text, since repairs collapse spaces."""
    ln = ctx.lines[i]
    orig_start, orig_end = ctx.mt.source_span(ln.start, ln.end)
    line_start = ctx.source.text.rfind("\n", 0, orig_start) + 1
    original = ctx.source.text[line_start:orig_end]
    if not original.strip():
        return _pieces(ln.text, 0, lambda k: ln.start + k, ctx.mt.text)
    # A line the repairs joined from several (a wrapped signature title) is read line by line as
    # written, each in the columns its own indentation and separators give it.
    out: list[tuple[int, int, str]] = []
    pos = line_start
    for row in original.split("\n"):
        out.extend(_pieces(row, pos, ctx.norm_offset, ctx.mt.text))
        pos += len(row) + 1
    return out


def _pieces(text: str, base: int, to_norm: Callable[[int], int], norm: str,
            col: int = 0) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    pos = 0
    for m in [*_COLUMN_SEP_RE.finditer(text), None]:
        end = m.start() if m else len(text)
        piece = text[pos:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            start = to_norm(base + pos + lead)
            stop = to_norm(base + pos + len(piece.rstrip()) - 1) + 1
            out.append((col, start, collapse_ws(norm[start:stop])))
        if m is not None and (piece.strip() or m.start() == 0):
            col += 1
        if m is not None:
            pos = m.end()
    return out


_COLUMN_SEP_RE = re.compile(r"[ \t]*(?:\|[ \t]*)+|[ \t]{3,}")


def find_recipients(ctx: DocContext) -> list[Recipient]:
    out: list[Recipient] = []
    for i, _ln in enumerate(ctx.lines):
        cells = [(start, text) for _, start, text in _cells(ctx, i)]
        if not cells:
            continue
        m = _RECIPIENTS_RE.match(cells[0][1])
        if not m:
            continue
        entries: list[tuple[int, str]] = []
        if m.group(1).strip(" -"):
            entries.append((cells[0][0] + cells[0][1].find(m.group(1)), m.group(1)))
        for j in range(i + 1, min(len(ctx.lines), i + 40)):
            nxt = [(start, text) for _, start, text in _cells(ctx, j)]
            if not nxt or not re.match(r"^[-–+•*]", nxt[0][1]):
                break
            entries.append(nxt[0])
        for start, raw in entries:
            item = raw.lstrip("-–+•* ").rstrip()
            text = item.rstrip(" ;.,")
            note_m = _NOTE_RE.search(text)
            note = note_m.group(1).strip() if note_m else ""
            name = text[: note_m.start()].strip() if note_m else text
            if not name:
                continue
            s = start + raw.find(item)
            out.append(Recipient(stable_id(ctx.doc_id, "recipient", s, prefix="r-"), ctx.doc_id, len(out) + 1,
                                 name, note, ctx.span(s, s + len(item))))
    return out


_TITLES = (r"(?:PHÓ\s+)?(?:CHỦ\s+TỊCH|GIÁM\s+ĐỐC|TRƯỞNG\s+BAN|TRƯỞNG\s+PHÒNG|BÍ\s+THƯ|CHÁNH\s+VĂN\s+PHÒNG|"
           r"THỦ\s+TRƯỞNG|CHỦ\s+NHIỆM|CỤC\s+TRƯỞNG|VIỆN\s+TRƯỞNG|HIỆU\s+TRƯỞNG|TRƯỞNG\s+CÔNG\s+AN|BỘ\s+TRƯỞNG|"
           r"THỨ\s+TRƯỞNG|TỔNG\s+GIÁM\s+ĐỐC|TRƯỞNG\s+ĐOÀN)")
_MARK = r"(?:KT|K/T|TL|T/L|TUQ|Q)\s*\."
_SIGN_START_RE = re.compile(rf"^(?:(?:TM|T/M)\s*\.|{_MARK}|{_TITLES}$)")
# The block's capitals, joined: "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH".
_SIGN_BLOCK_RE = re.compile(
    rf"^(?P<tm>(?:TM|T/M)\s*\.\s*.+?(?=\s*{_MARK}|\s+{_TITLES}\b|$))?\s*"
    rf"(?P<kt>{_MARK}\s*{_TITLES}(?:\s+[A-ZĐ][^\s]*)*?(?=\s+{_TITLES}\b|$))?\s*"
    rf"(?P<title>{_TITLES}(?:\s+\S+){{0,6}})?$"
)
_SIGNED_RE = re.compile(r"^[(\[]?\s*(?:đã\s+ký|ký|đã ký và đóng dấu)[^)\]]*[)\]]?$", re.IGNORECASE)


def read_signature_block(caps: str) -> tuple[str | None, str | None, str] | None:
    """On whose behalf, the authority and the title, from a signature block's capitals.

    >>> read_signature_block("TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH")
    ('TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH')
    >>> read_signature_block("KT.GIÁM ĐỐC PHÓ GIÁM ĐỐC"), read_signature_block("CHỦ TỊCH")
    ((None, 'KT.GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC'), (None, None, 'CHỦ TỊCH'))
    """
    m = _SIGN_BLOCK_RE.match(collapse_ws(caps))
    if not m or not (m.group("kt") or m.group("title")):
        return None
    tm, kt, title = m.group("tm"), m.group("kt"), m.group("title") or ""
    if not title and kt:
        title = re.sub(rf"^{_MARK}\s*", "", kt)
    return tm, kt, title


def find_signatures(ctx: DocContext) -> list[Signature]:
    """Signature blocks with the signer's name: on whose behalf, the authority, the title, the name."""
    out: list[Signature] = []
    seen: set[int] = set()
    # Read column by column: a portal copy lays "Nơi nhận" and the signature side by side ("- Như trên; | PHÓ
    # CHỦ TỊCH |"), so the signature's lines are the second pieces of consecutive rows.
    cells = [piece for i in range(len(ctx.lines)) for piece in _cells(ctx, i)]
    for col in sorted({c for c, _, _ in cells}):
        stream = [(start, collapse_ws(text)) for c, start, text in cells if c == col]
        for sig in _signatures_in(ctx, stream):
            if sig.span.char_start not in seen:
                seen.add(sig.span.char_start)
                out.append(sig)
    out.sort(key=lambda s: s.span.char_start)
    return [s for s in out if s.name] or out[:1]


def _signatures_in(ctx: DocContext, pieces: list[tuple[int, str]]) -> list[Signature]:
    out: list[Signature] = []
    k = 0
    while k < len(pieces):
        start, text = pieces[k]
        if not _SIGN_START_RE.match(text) or not text.replace(".", "").replace("/", "").isupper():
            k += 1
            continue
        j = k + 1
        caps = [text]
        while j < len(pieces) and j < k + 3 and pieces[j][1].isupper() and len(pieces[j][1]) < 60 \
                and not PERSON_RE.match(pieces[j][1]):
            caps.append(pieces[j][1])
            j += 1
        read = read_signature_block(" ".join(caps))
        if read is None:
            k += 1
            continue
        name = None
        end = pieces[j - 1][0] + len(pieces[j - 1][1])
        for t in range(j, min(j + 4, len(pieces))):
            cand = pieces[t][1]
            if _SIGNED_RE.match(cand):
                continue
            if PERSON_RE.match(cand) and not cand.isupper():
                name, end, j = cand, pieces[t][0] + len(pieces[t][1]), t + 1
            break
        tm, kt, title = read
        if name is None and not (tm or kt):
            k += 1  # a title alone ("CHỦ TỊCH" in running capitals) with no name under it is no signature
            continue
        out.append(Signature(stable_id(ctx.doc_id, "signature", start, prefix="sg-"), ctx.doc_id, tm, kt, title,
                             name, ctx.span(start, end)))
        k = j
    return out


# --------------------------------------------------------------------------------------------
# Duty items keep the marker they are numbered with


def mark_duty_markers(ctx: DocContext, duties: list[Duty]) -> None:
    for d in duties:
        if d.marker:
            continue
        n = ctx.norm_offset(d.span.char_start)
        ln = ctx.lines[ctx.line_index(n)]
        if ln.rank is not None and abs(ln.start - n) <= 2 and ln.rank > RANK_PART:
            d.marker = ln.marker
