"""Structure of a plan document: its lines, the section tree and the header metadata.

Section levels follow the numbering conventions of Vietnamese administrative documents:
Phần/capital headings > A. > I./Điều > 1. > 1.1. > 1.1.1. > a) > "-" > "+".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.issuer import date_line, read_issuer
from ingest.model import DocumentMeta, Section, stable_id
from ingest.normalize import VI_LOWER, VI_UPPER, collapse_ws, fold_ascii

RANK_PART, RANK_LETTER, RANK_ROMAN, RANK_ARABIC, RANK_ALPHA, RANK_DASH, RANK_PLUS = 0, 1, 2, 3, 7, 8, 9


@dataclass
class Line:
    start: int  # offsets in the normalized text
    end: int
    text: str
    rank: int | None = None  # heading or bullet rank; None for plain text
    marker: str = ""
    content: str = ""  # text after the marker

    @property
    def is_heading(self) -> bool:
        return self.rank is not None and self.rank < RANK_DASH

    @property
    def is_bullet(self) -> bool:
        return self.rank is not None and self.rank >= RANK_DASH


_PART_RE = re.compile(r"^((?:PHẦN|Phần)\s+(?:THỨ|thứ)\s+\S+|(?:CHƯƠNG|Chương)\s+[IVXLC\d]+)\s*[.:]?\s*(.*)$")
_DIEU_RE = re.compile(r"^(Điều\s+\d+)\s*[.:]?\s*(.*)$")
_ROMAN_RE = re.compile(r"^((?:[IVX]|[IVXLC]{2,6})\s*[.)])\s*(.*)$")
_LETTER_RE = re.compile(r"^([A-ZĐ]\s*\.)\s+(.*)$")
_ARABIC_RE = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3}\s*[.)]|\d{1,2}(?:\.\d{1,2}){1,3})(?:\s+|(?=[^\d\s.,/%]))(.*)$")
_ALPHA_RE = re.compile(r"^([a-zđ]\s*\))\s*(.*)$")
_BULLET_RE = re.compile(r"^([-–—•*])\s*(.*)$")
_PLUS_RE = re.compile(r"^(\+)\s*(.*)$")
_SIGNATURE_RE = re.compile(r"^(?:TM|KT|TL|Q|T/M|K/T)\s*\.|^Nơi nhận\s*:?", re.IGNORECASE)
# A signer's title alone on its line ("CHỦ TỊCH", "PHÓ CHỦ TỊCH") once the body has begun.
_BARE_SIGNER_RE = re.compile(r"^(?:PHÓ\s+)?CHỦ\s+TỊCH$")


def _is_caps_heading(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 4 or not all(c.isupper() for c in letters):
        return False
    return len(text.split()) >= 2 and not text.rstrip().endswith((".", ";", ","))


def classify(line: Line) -> Line:
    s = line.text.strip()
    for regex, rank in ((_PART_RE, RANK_PART), (_DIEU_RE, RANK_ROMAN), (_ROMAN_RE, RANK_ROMAN),
                        (_LETTER_RE, RANK_LETTER)):
        m = regex.match(s)
        if m:
            line.rank, line.marker, line.content = rank, collapse_ws(m.group(1)), m.group(2).strip()
            return line
    m = _ARABIC_RE.match(s)
    if m:
        marker = collapse_ws(m.group(1))
        depth = len([p for p in re.split(r"[.)]", marker) if p.strip()])
        line.rank, line.marker, line.content = RANK_ARABIC + depth - 1, marker, m.group(2).strip()
        return line
    for regex, rank in ((_ALPHA_RE, RANK_ALPHA), (_PLUS_RE, RANK_PLUS), (_BULLET_RE, RANK_DASH)):
        m = regex.match(s)
        if m and m.group(2):
            line.rank, line.marker, line.content = rank, m.group(1), m.group(2).strip()
            return line
    line.content = s
    return line


_MD_HEADING_RE = re.compile(r"^[ \t]*(#{1,6})[ \t]+(?=\S)")
_MD_RANKS = (RANK_PART, RANK_ROMAN, RANK_ARABIC, RANK_ARABIC + 1, RANK_ARABIC + 2, RANK_ALPHA)


def split_lines(norm: str) -> list[Line]:
    return [_classify_markdown(m.start(), m.group(0)) for m in re.finditer(r"[^\n]+", norm) if m.group(0).strip()]


def _classify_markdown(start: int, text: str) -> Line:
    """A Markdown heading ("## 2. Nhiệm vụ") is the line without its hashes, ranked by its own
    marker if it has one, else by the number of hashes."""
    md = _MD_HEADING_RE.match(text)
    if md is None:
        return classify(Line(start, start + len(text), text))
    cut = md.end()
    line = classify(Line(start + cut, start + len(text), text[cut:]))
    if not line.is_heading:
        line.rank, line.marker, line.content = _MD_RANKS[len(md.group(1)) - 1], "", text[cut:].strip().rstrip("#").strip()
    return line


def heading_title(content: str, limit: int = 90) -> str:
    """Short title of a heading line: up to its colon, else its first words."""
    head = content.split(":", 1)[0].strip() if ":" in content[:limit] else content
    head = head.rstrip(" .;")
    if len(head) <= limit:
        return head
    cut = head[:limit].rsplit(" ", 1)[0]
    return cut + "…"


def build_sections(lines: list[Line], doc_id: str, text_len: int) -> tuple[list[Section], list[str | None]]:
    """Section tree, and for each line the id of the innermost section containing it."""
    sections: list[Section] = []
    stack: list[tuple[int, Section]] = []
    line_section: list[str | None] = []
    seen_body = False
    pending_part: Section | None = None
    signatures: set[str] = set()
    for i, line in enumerate(lines):
        rank, marker, title = line.rank, line.marker, ""
        text = line.text.strip()
        is_signature = False
        if line.is_heading:
            seen_body = seen_body or rank in (RANK_ROMAN, RANK_LETTER, RANK_PART)
            title = heading_title(line.content)
        elif (_SIGNATURE_RE.match(text) and len(text) < 80) or (seen_body and _BARE_SIGNER_RE.match(text)):
            rank, marker, title, is_signature = RANK_PART, "", heading_title(text), True
        elif seen_body and _is_caps_heading(text) and "CHỦ TỊCH" not in text:
            if pending_part is not None and not pending_part.title:
                pending_part.title = heading_title(text, 120)
                pending_part.breadcrumb = _crumb([s for _, s in stack])
                line_section.append(pending_part.id)
                continue
            rank, marker, title = RANK_PART, "", heading_title(text, 120)
        else:
            line_section.append(stack[-1][1].id if stack else None)
            continue
        assert rank is not None
        # A signature block closes what it signs; the attached programme after it ("A. MỤC TIÊU")
        # is not part of the signature, whatever its rank.
        while stack and stack[-1][1].id in signatures:
            stack.pop()[1].end = line.start
        while stack and stack[-1][0] >= rank:
            stack.pop()[1].end = line.start
        sec = Section(
            id=stable_id(doc_id, "section", line.start, prefix="s-"),
            level=rank,
            marker=marker,
            title=title,
            breadcrumb="",
            start=line.start,
            end=text_len,
            parent=stack[-1][1].id if stack else None,
        )
        stack.append((rank, sec))
        sec.breadcrumb = _crumb([s for _, s in stack])
        sections.append(sec)
        pending_part = sec if rank == RANK_PART and marker else None
        if is_signature:
            signatures.add(sec.id)
        line_section.append(sec.id)
        _ = i
    return sections, line_section


def _crumb(path: list[Section]) -> str:
    return " › ".join(collapse_ws(f"{s.marker} {s.title}") for s in path)


# --------------------------------------------------------------------------------------------
# Metadata

_DOC_CODES = {
    "KH": "Kế hoạch", "QĐ": "Quyết định", "QD": "Quyết định", "CT": "Chỉ thị", "CTR": "Chương trình",
    "CTHĐ": "Chương trình", "TB": "Thông báo", "BC": "Báo cáo", "NQ": "Nghị quyết", "HD": "Hướng dẫn",
    "CV": "Công văn", "ĐA": "Đề án",
}
_TYPE_WORDS = ["KẾ HOẠCH", "QUYẾT ĐỊNH", "CHƯƠNG TRÌNH", "CHỈ THỊ", "NGHỊ QUYẾT", "ĐỀ ÁN", "HƯỚNG DẪN",
               "THÔNG BÁO", "BÁO CÁO"]
# A table kept on its own (a workbook, an appendix sent alone) is titled by what it is; such a title counts
# only when no document type opens a line.
_TABLE_TITLE_WORDS = ["BẢNG", "BIỂU", "PHỤ LỤC", "DANH MỤC"]
_NUMBER_RE = re.compile(r"Số\s*:?\s*(\d{1,5})?\s*/\s*((?:\d{4}/)?[A-ZĐ][A-ZĐa-z]*(?:\s*-\s*[A-ZĐ][A-ZĐa-z0-9]*)*)")
_ATTACHED_RE = re.compile(
    r"(?:kèm theo|ban hành theo)\s+(Quyết định|Kế hoạch|Chỉ thị|Nghị quyết)\s+số\s*(\d{1,5}\s*/\s*[A-ZĐ][\wĐ-]*)"
    r"(?:\s+ngày\s+(\d{1,2})\s*(?:/|tháng)\s*(\d{1,2})\s*(?:/|năm)\s*(\d{4}))?",
    re.IGNORECASE,
)
_WEB_META_RE = re.compile(r"(Số hiệu|Loại văn bản|Ngày ban hành|Nơi ban hành|Người ký)\s*:\s*([^\n]+)")
PERSON_RE = re.compile(rf"^(?:[{VI_UPPER}][{VI_LOWER}]+)(?:\s+[{VI_UPPER}][{VI_LOWER}]*){{1,4}}$")
# What opens the body after a title: the title stops before it.
_BODY_START_RE = re.compile(
    r"(?:Căn cứ|Xét đề nghị|Theo đề nghị|Thực hiện\s+(?:(?:Kế hoạch|Quyết định|Công văn|Chỉ thị|Nghị quyết|"
    r"Chương trình|Thông báo|Hướng dẫn|Văn bản|Luật|Nghị định|Thông tư)\b[^\n]{0,40}?\bsố|ý kiến|sự chỉ đạo)|"
    r"Nhằm\s|Để\s|(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+[^\n]{0,60}?\b(?:xây dựng|ban hành)\b|"
    r"(?:CHỦ TỊCH\s+)?(?:ỦY|UỶ) BAN NHÂN DÂN\b|QUYẾT ĐỊNH\s*:)"
)
_TITLE_CONTINUES_RE = re.compile(
    rf"^(?:[{VI_LOWER}0-9]|(?:Giai đoạn|Năm|Trên địa bàn|Về việc|V/v|Tỉnh|Thành phố|Huyện|Quận|Thị xã|Xã|Phường|"
    r"Thị trấn|Đặc khu)\b)"
)


def parse_meta(norm: str, lines: list[Line]) -> DocumentMeta:
    meta = DocumentMeta()
    head = norm[:2500]
    web = {k: v.strip() for k, v in _WEB_META_RE.findall(norm)}

    m = _NUMBER_RE.search(head)
    code = None
    if m:
        code = re.sub(r"\s+", "", m.group(2))
        if m.group(1):
            meta.number = f"{m.group(1)}/{code}"
    att = _ATTACHED_RE.search(norm)
    if meta.number is None and att:
        meta.number = re.sub(r"\s+", "", att.group(2))
        code = meta.number.split("/", 1)[1]
        meta.doc_type = att.group(1).capitalize()
    if meta.number is None and web.get("Số hiệu"):
        meta.number = web["Số hiệu"]
        code = meta.number.split("/", 1)[-1]
    if code and meta.doc_type is None:
        meta.doc_type = _DOC_CODES.get(code.split("-")[0].upper())

    date_place, dm = date_line(head)
    if dm:
        day, month, year = dm
        meta.date = f"{year:04d}-{month:02d}-{day:02d}" if day else f"{year:04d}-{month:02d}"
    elif att and att.group(5):
        meta.date = f"{int(att.group(5)):04d}-{int(att.group(4)):02d}-{int(att.group(3)):02d}"
    elif web.get("Ngày ban hành"):
        d = re.match(r"(\d{1,2})/(\d{1,2})/(\d{4})", web["Ngày ban hành"])
        if d:
            meta.date = f"{d.group(3)}-{int(d.group(2)):02d}-{int(d.group(1)):02d}"
    if meta.date:
        meta.year = int(meta.date[:4])

    title_at = _title_line(lines)
    word, title = _read_title(lines, title_at) if title_at is not None else (None, "")
    head_end = lines[title_at].start if title_at is not None else _head_end(lines)
    authority = _authority_lines(lines, title_at) if title_at is not None else ""
    reading = read_issuer(norm[:head_end], authority, title, norm[:5000], date_place, meta.date)
    if reading.chain:
        own = reading.chain[0]
        meta.place_chain = reading.chain
        meta.place, meta.place_level = own.name, own.level
        meta.parent_place = reading.chain[1].label if len(reading.chain) > 1 else None
        meta.issuer = reading.issuer
        meta.issuer_superior = reading.superior
    if word:
        if title and _is_caps_heading(title):
            title = _sentence_case(title, [r.name for r in meta.place_chain])
        if title:
            meta.title = collapse_ws(f"{word.capitalize()} {title[:1].lower() + title[1:]}")
        if meta.doc_type is None:
            meta.doc_type = word.capitalize()  # "KẾ HOẠCH" alone, the body right after it
    if meta.doc_type is None and meta.title:
        for w in _TYPE_WORDS:
            if fold_ascii(meta.title).startswith(fold_ascii(w)):
                meta.doc_type = w.capitalize()
    _parse_period(meta, norm)
    # The signer is read once, from the signature block (plan_facts.find_signatures, which sets
    # meta.signer); a law portal's own "Người ký" field stands in when no block names one.
    if web.get("Người ký"):
        meta.signer = web["Người ký"]
    return meta


def _title_line(lines: list[Line]) -> int | None:
    """The line that starts with the document type in capitals ("KẾ HOẠCH", "QUYẾT ĐỊNH …")."""
    for words in (_TYPE_WORDS, _TABLE_TITLE_WORDS):
        for i, line in enumerate(lines[:40]):
            if _title_word(line.text.strip(), words):
                return i
    return None


def _title_word(text: str, words: list[str]) -> str | None:
    """The word of `words` that opens `text` in capitals, as a whole word."""
    folded = fold_ascii(text)
    for word in words:
        if folded.startswith(fold_ascii(word)) and text[: len(word)].isupper() and not text[len(word):][:1].isalpha():
            return word
    return None


def _head_end(lines: list[Line]) -> int:
    """Without a title line, the header ends where the body starts (a heading or an opening phrase)."""
    for line in lines[:15]:
        if line.rank in (RANK_PART, RANK_LETTER, RANK_ROMAN) or _BODY_START_RE.match(line.text.strip()):
            return line.start
    return lines[min(len(lines), 15) - 1].end if lines else 0


def _read_title(lines: list[Line], i: int) -> tuple[str, str]:
    """The type word and the title after it, over as many lines as it runs, up to the next paragraph.

    A title continues on lines that start in lower case or with "giai đoạn", "năm", a level word …, or
    that are set in capitals like it; it stops at a heading, at the body's opening phrases ("Căn cứ …",
    "Thực hiện Kế hoạch số …", "UBND xã X xây dựng …"), at the decision's authority line, and at a line
    long enough to be a paragraph.
    """
    text = lines[i].text.strip()
    word = _title_word(text, _TYPE_WORDS) or _title_word(text, _TABLE_TITLE_WORDS) or ""
    parts = [text[len(word):].strip(" :")]
    caps = _is_caps_heading(parts[0]) if parts[0] else None
    for nxt in lines[i + 1 : i + 6]:
        t = nxt.text.strip().strip("*_ ")
        if nxt.rank is not None:
            break  # a heading or a bullet: the body has begun
        if _BODY_START_RE.match(t) or _SIGNATURE_RE.match(t) or len(t) > 250 or sum(map(len, parts)) > 400:
            break
        if not parts[-1]:
            parts[-1] = t  # "KẾ HOẠCH" alone on its line: the title is the next line
            caps = _is_caps_heading(t)
            continue
        if parts[-1].rstrip().endswith((".", ";", ":")):
            break
        if caps and _is_caps_heading(t):
            parts.append(t)
        elif not caps and _TITLE_CONTINUES_RE.match(t) and not _is_caps_heading(t):
            parts.append(t)
        else:
            break
    title = collapse_ws(" ".join(parts))
    # Repairs may have joined the title and the next paragraph on one line: cut before the paragraph.
    cut = _BODY_START_RE.search(title)
    if cut and cut.start() > 0:
        title = title[: cut.start()]
    title = re.sub(r"\s+(?:CHỦ TỊCH\s+)?(?:ỦY|UỶ) BAN NHÂN DÂN.*$", "", title).strip(" *_:")
    if title.lower().startswith("căn cứ"):
        title = ""
    return word, title


def _authority_lines(lines: list[Line], title_at: int) -> str:
    """A decision's authority line below its title: "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH X"."""
    for k, line in enumerate(lines[title_at : title_at + 8]):
        t = line.text.strip()
        # Repairs may have joined it to the title line, both being in capitals.
        m = re.search(r"(?:^|\s)((?:CHỦ TỊCH\s+)?(?:ỦY|UỶ) BAN NHÂN DÂN\b.*|(?:GIÁM ĐỐC|TRƯỞNG BAN)\s.*)$", t)
        if m and (k > 0 or m.start() > 0):
            return m.group(1)
        if t.startswith("Căn cứ"):
            break
    return ""


def _sentence_case(text: str, places: list[str]) -> str:
    """"THỰC HIỆN ... TỈNH BÌNH SƠN" -> "Thực hiện ... tỉnh Bình Sơn"."""
    out = text.lower()
    for name in [*places, "Việt Nam"]:
        out = re.sub(re.escape(name.lower()), name, out)
    return out[:1].upper() + out[1:]


def _parse_period(meta: DocumentMeta, norm: str) -> None:
    for text in (meta.title or "", norm[:4000]):
        m = re.search(r"giai đoạn\s*(\d{4})\s*[-–]\s*(\d{4})", text, re.IGNORECASE)
        if m:
            meta.period = f"{m.group(1)}-{m.group(2)}"
            return
        y = re.search(r"năm\s+(\d{4})", text, re.IGNORECASE)
        if y and text is meta.title:
            meta.period = y.group(1)
            return
