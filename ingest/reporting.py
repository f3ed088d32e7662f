"""Reporting obligations: who reports, to whom, how often and by which date.

Read from the items of a "Chế độ (thông tin,) báo cáo" section, and from any other sentence that asks for
a report with a frequency ("định kỳ 6 tháng, hằng năm") or a date ("trước ngày 15/6 và 15/11 hằng năm").
"""

from __future__ import annotations

import re

from ingest.agencies import agency_key, names_in_text
from ingest.facts import DocContext
from ingest.items import Item, section_items, sections_titled
from ingest.model import Duty, ReportDeadline, ReportingObligation, stable_id
from ingest.normalize import VI_UPPER, collapse_ws, fold_ascii

_REPORT_SECTION_RE = re.compile(r"^(?:che do\s+)?(?:thong tin,?\s+)?bao cao\b|che do (?:thong tin,?\s+)?bao cao")
_REPORT_WORD_RE = re.compile(r"bao cao")
# Frequencies, matched on the text without diacritics; "quý" is not "quy định", "năm" is not "năm 2025".
_FREQUENCIES: list[tuple[str, re.Pattern[str]]] = [
    ("tháng", re.compile(r"\b(?:hang|moi|tung) thang\b|\b(?:bao cao|dinh ky) thang\b(?! \d)")),
    ("quý", re.compile(r"\b(?:hang|moi|tung|dinh ky|bao cao|theo) (?:quy|qui)\b(?! (?:dinh|trinh|che|mo|hoach|chuan))|"
                       r"(?:^|[,(]\s*|\bva )(?:quy|qui)\s*(?=[,;)]|\s+(?:va|vao|truoc)\b)")),
    ("6 tháng", re.compile(r"\b(?:0?6|sau) thang\b(?! tuoi)")),
    ("9 tháng", re.compile(r"\b(?:0?9|chin) thang\b(?! tuoi)")),
    ("năm", re.compile(r"\b(?:hang|moi|tung|ca|dinh ky|bao cao) nam\b(?!\s*\d)|(?:thang|quy|qui)\s*(?:,|va)\s*(?:ca\s+)?nam\b"
                       r"(?!\s*\d)")),
    ("đột xuất", re.compile(r"\bdot xuat\b")),
]
_PERIODIC_RE = re.compile(r"\bdinh ky\b")
# "15/6", "ngày 20 tháng 3" with no year: a yearly date. A date with a year is a document's date.
_DATE_RE = re.compile(r"(?<![\d/])(\d{1,2})\s*(?:/|\s+tháng\s+)\s*(\d{1,2})(?:\s*(?:/|năm)\s*(\d{4}))?(?![\d])"
                      r"(?!\s*(?:/|năm)\s*\d)")
# A date with its year is a deadline only after a word that says so ("trước ngày 15/12/2024"); after "ngày"
# alone it is a document's date ("Quyết định số 12/QĐ-UBND ngày 05/5/2021").
_STRICT_CUE_RE = re.compile(r"(?:trước|chậm nhất|muộn nhất|hạn chót|hạn cuối|thời hạn|đến hết)\s*(?:vào\s*)?(?:ngày\s*)?$",
                            re.IGNORECASE)
_DEADLINE_CUE_RE = re.compile(r"(?:trước|vào|chậm nhất|muộn nhất|hạn|trước ngày|đến ngày|ngày)\s*(?:ngày\s*)?$",
                              re.IGNORECASE)
_LIST_JOIN_RE = re.compile(r"^\s*(?:\([^()]{0,40}\)\s*)?(?:,|và|;)\s*(?:ngày\s*)?$")
_REPORT_KIND_RE = re.compile(
    r"(?<![\w])(quý|quí|0?6\s+tháng|sáu\s+tháng|0?9\s+tháng|cả\s+năm|hằng\s+năm|hàng\s+năm|năm|tháng)(?![\w])"
    r"(?!\s*\d)(?!\s+tuổi)", re.IGNORECASE)
_KIND_AFTER_RE = re.compile(r"\s*\(\s*(?:đối với\s+|với\s+)?(?:báo cáo\s+)?(quý|quí|0?6\s+tháng|sáu\s+tháng|0?9\s+tháng|"
                            r"cả\s+năm|năm|tháng)\b", re.IGNORECASE)
_RECIPIENT_CUE_RE = re.compile(r"(?:báo cáo|gửi|gửi về|về|cho|lên|trình|tới|đến)\s*(?:kết quả[^,;.]{0,60}?\s(?:về|cho)\s*)?$",
                               re.IGNORECASE)
_VIA_CUE_RE = re.compile(r"\(?\s*(?:qua|thông qua)\s*$", re.IGNORECASE)
_SENT_SPLIT_RE = re.compile(rf"(?<=[.!?])\s+(?=[{VI_UPPER}])")


def find_reporting(ctx: DocContext, duties: list[Duty]) -> list[ReportingObligation]:
    out: list[ReportingObligation] = []
    seen: set[int] = set()
    section_spans: list[tuple[int, int]] = []
    for sec in sections_titled(ctx, _REPORT_SECTION_RE):
        section_spans.append((sec.start, sec.end))
        lead_reporter: str | None = None
        for item in section_items(ctx, sec):
            if item.text.rstrip().endswith(":"):
                # "Các cơ quan, đơn vị báo cáo định kỳ:": who reports in the items below
                lead_reporter = _subject(item.text) or _subject_phrase(item.text) or lead_reporter
                continue
            _read_item(ctx, duties, item, lead_reporter, True, out, seen)
    for ln in ctx.lines:
        if any(a <= ln.start < b for a, b in section_spans) or not _REPORT_WORD_RE.search(fold_ascii(ln.text)):
            continue
        _read_item(ctx, duties, Item(ln.marker, 0, ln.start, ln.end, ln.text), None, False, out, seen)
    out.sort(key=lambda o: o.span.char_start)
    for n, o in enumerate(out, start=1):
        o.ordinal = n
    return out


def _read_item(ctx: DocContext, duties: list[Duty], item: Item, lead_reporter: str | None, in_section: bool,
               out: list[ReportingObligation], seen: set[int]) -> None:
    """Obligations of one item, sentence by sentence. A sentence that only adds dates ("Thời gian gửi báo cáo
    quý vào ngày 20 tháng 3, …") completes the obligation before it."""
    previous: ReportingObligation | None = None
    earlier_subject: str | None = None
    for s, e, text in _sentences(ctx, item):
        ob = _read(ctx, duties, s, e, text, lead_reporter, in_section, earlier_subject)
        subject = _subject(text) if ob is not None or earlier_subject is None else None
        earlier_subject = earlier_subject or subject
        if ob is None or s in seen:
            continue
        seen.add(s)
        if previous is not None and ob.deadlines and not ob.recipients and subject is None:
            previous.deadlines.extend(ob.deadlines)
            previous.frequencies.extend(f for f in ob.frequencies if f not in previous.frequencies)
            span = ctx.source_span(previous.span.char_start, ob.span.char_end, None)
            previous.span, previous.text = span, collapse_ws(f"{previous.text} {ob.text}")
            continue
        out.append(ob)
        previous = ob


def _sentences(ctx: DocContext, item: Item) -> list[tuple[int, int, str]]:
    """The item's sentences with their normalized offsets."""
    raw = ctx.mt.text[item.start:item.end]
    out: list[tuple[int, int, str]] = []
    cursor = 0
    for part in _SENT_SPLIT_RE.split(item.text):
        part = part.strip()
        if not part:
            continue
        pos = raw.find(part[:24], cursor)
        if pos < 0:
            pos = cursor
        end = min(len(raw), pos + len(part))
        out.append((item.start + pos, item.start + end, part))
        cursor = end
    return out


def _subject(text: str) -> str | None:
    names = names_in_text(text[:160])  # only a name at the start is the subject; reading on is wasted work
    if names and names[0][0] <= 4:
        return names[0][2]
    return None


_SUBJECT_END_RE = re.compile(r"\s+(?:có trách nhiệm|thực hiện|gửi|báo cáo)\b")


def _subject_phrase(text: str) -> str | None:
    """The words before the verb of a lead-in, when they read as a subject ("Các thôn, tổ dân phố")."""
    m = _SUBJECT_END_RE.search(text)
    if not m or not text[:1].isupper():
        return None
    phrase = text[: m.start()].strip(" ,")
    return phrase if 1 <= len(phrase.split()) <= 10 and not _REPORT_WORD_RE.search(fold_ascii(phrase)) else None


def frequencies(text: str) -> list[str]:
    """How often a sentence asks for reports.

    >>> frequencies("Định kỳ quí, 6 tháng, năm tổng hợp báo cáo; báo cáo đột xuất khi có yêu cầu")
    ['quý', '6 tháng', 'năm', 'đột xuất']
    >>> frequencies("thực hiện theo quy định, báo cáo năm 2025")
    []
    """
    f = fold_ascii(text)
    found = [name for name, rx in _FREQUENCIES if rx.search(f)]
    if _PERIODIC_RE.search(f) and not set(found) - {"đột xuất"}:
        found.insert(0, "định kỳ")  # "báo cáo định kỳ và đột xuất": periodic, the period not said
    return found


def deadlines(text: str) -> list[ReportDeadline]:
    """Dates reports are due by, each with the report it is for when the sentence says so.

    >>> [(d.report, d.day, d.month) for d in deadlines("Báo cáo 6 tháng trước ngày 10/5; Báo cáo năm trước ngày 10/11")]
    [('6 tháng', 10, 5), ('năm', 10, 11)]
    >>> [(d.report, d.day, d.month) for d in deadlines("gửi trước ngày 15/6 và 15/11 hằng năm")]
    [(None, 15, 6), (None, 15, 11)]
    >>> [(d.report, d.day) for d in deadlines("gửi trước ngày 15/6 (báo cáo 6 tháng) và 10/12 (báo cáo năm)")]
    [('6 tháng', 15), ('năm', 10)]
    >>> [(d.day, d.month, d.year) for d in deadlines("báo cáo kết quả trước ngày 15/12/2024 theo Quyết định ngày 05/5/2021")]
    [(15, 12, 2024)]
    """
    out: list[ReportDeadline] = []
    prev_end = 0
    last_kept = -10
    for m in _DATE_RE.finditer(text):
        day, month = int(m.group(1)), int(m.group(2))
        if not (1 <= day <= 31 and 1 <= month <= 12):
            continue
        before = text[max(prev_end, m.start() - 40):m.start()]
        year = int(m.group(3)) if m.group(3) else None
        cue = (_STRICT_CUE_RE if year else _DEADLINE_CUE_RE).search(before)
        chained = last_kept >= 0 and _LIST_JOIN_RE.match(text[last_kept:m.start()])
        if not cue and not chained:
            prev_end = m.end()
            continue
        kinds = list(_REPORT_KIND_RE.finditer(text, max(prev_end, m.start() - 45), m.start()))
        report = _kind(kinds[-1].group(1)) if kinds else None
        after = _KIND_AFTER_RE.match(text, m.end())
        end = m.end()
        if report is None and after:
            report = _kind(after.group(1))  # "trước ngày 15/6 (báo cáo 6 tháng)"
            close = text.find(")", after.end())
            end = close + 1 if close >= 0 else after.end()
        s = cue.start() + max(prev_end, m.start() - 40) if cue else m.start()
        out.append(ReportDeadline(report, day, month, collapse_ws(text[s:m.end()]), year))
        prev_end = end
        last_kept = m.end()
    return out


def _kind(word: str) -> str:
    f = fold_ascii(collapse_ws(word))
    if f in ("quy", "qui"):
        return "quý"
    if f.endswith("6 thang") or f == "sau thang":
        return "6 tháng"
    if f.endswith("9 thang"):
        return "9 tháng"
    if f == "thang":
        return "tháng"
    return "năm"


def _read(ctx: DocContext, duties: list[Duty], start: int, end: int, text: str, lead_reporter: str | None,
          in_section: bool, earlier_subject: str | None) -> ReportingObligation | None:
    f = fold_ascii(text)
    if not _REPORT_WORD_RE.search(f):
        return None
    freq = frequencies(text)
    dates = deadlines(text)
    freq += [d.report for d in dates if d.report and d.report not in freq]
    if not (freq or dates or in_section):
        return None
    recipients, via = _recipients(text)
    if not (freq or dates) and not (in_section and recipients):
        return None
    subject = _subject(text)
    block = duty_agency_at(ctx, duties, start)
    if subject is None and earlier_subject is not None and block is not None \
            and agency_key(earlier_subject) != agency_key(block):
        block = None  # the paragraph named its own subject, not the block's body: who reports is unsure
    reporter = subject or block or lead_reporter
    if reporter and recipients and agency_key(reporter) == agency_key(recipients[0]) and subject:
        recipients = recipients[1:]
    span = ctx.span(start, end)
    return ReportingObligation(
        stable_id(ctx.doc_id, "report", start, prefix="p-"), ctx.doc_id, 0, reporter,
        agency_key(reporter) if reporter else None, recipients, via, freq, dates, collapse_ws(text), span,
    )


# Words after a body's name that the name reader could take for more of the name ("Bộ Lao động - Thương binh
# và Xã hội trước ngày 15/6"): masked before reading names, at the same length so offsets hold.
_NOT_NAME_RE = re.compile(r"(?<=\s)(?:trước|chậm nhất|vào ngày|hằng năm|hàng năm|định kỳ|theo quy định)(?=\s|$|[.,;])")


def _recipients(text: str) -> tuple[list[str], str | None]:
    text = _NOT_NAME_RE.sub(lambda m: ";" + " " * (len(m.group(0)) - 1), text)
    recipients: list[str] = []
    via: str | None = None
    prev_end = -1
    prev_kind = ""
    for a, b, name in names_in_text(text):
        before = text[max(0, a - 70):a]
        kind = ""
        if _VIA_CUE_RE.search(before):
            kind = "via"
        elif _RECIPIENT_CUE_RE.search(before):
            kind = "to"
        elif prev_kind and re.fullmatch(r"\s*(?:,|và|;)?\s*(?:và\s*)?", text[prev_end:a]):
            kind = prev_kind
        if kind == "via" and via is None:
            via = name
        elif kind == "to" and name not in recipients:
            recipients.append(name)
            if re.match(r"\s*(?:để|tổng hợp)", text[b:b + 20]) and via is None:
                via = name  # "về Sở X để tổng hợp, báo cáo UBND tỉnh": Sở X compiles on the way
        prev_end, prev_kind = b, kind
    return recipients, via


def duty_agency_at(ctx: DocContext, duties: list[Duty], norm_start: int) -> str | None:
    """The body whose duty block holds the normalized-text position `norm_start`, if any."""
    s, _ = ctx.mt.source_span(norm_start, norm_start + 1)
    for d in duties:
        if d.span.char_start <= s < d.span.char_end:
            return d.agency
    return None
