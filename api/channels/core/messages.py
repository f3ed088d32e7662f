"""Answers formatted for a phone: plain text, compact citations, parts within a channel's limit.

Channels count the limit on the text they receive; decomposed diacritics (e + combining marks)
take more characters than precomposed ones, so everything is normalized to NFC first and counted
there.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from bot.answer import Answer, Citation
from core.quotes import trim_quote

TEXT_LIMIT = 2000  # characters per message on Zalo (OA and Bot); a channel may pass its own
# A quote shown on its own ("xem nguồn 1") is cut at a sentence end past this (core.quotes).
QUOTE_LIMIT = 1200
SOURCE_HINT = 'Gõ "xem nguồn 1" để đọc nguyên văn đoạn trích.'

# The type code of a document number, e.g. "12/KH-UBND" -> "KH", "123/QĐ-UBND" -> "QĐ".
_NUMBER_CODE = re.compile(r"/\s*([A-ZĐ]{1,6})\b")
_TYPE_CODES = {
    "kế hoạch": "KH", "quyết định": "QĐ", "chỉ thị": "CT", "nghị quyết": "NQ", "chương trình": "CTr",
    "công văn": "CV", "thông báo": "TB", "báo cáo": "BC", "đề án": "ĐA", "hướng dẫn": "HD",
    "thông tư": "TT", "nghị định": "NĐ", "tờ trình": "TTr", "kết luận": "KL",
}
# The label at the head of a breadcrumb part: "IV. TỔ CHỨC…" -> "IV", "2.2. Mục tiêu 2" -> "2.2",
# "a) Sở Y tế" -> "a", "Điều 5. …" -> "Điều 5".
_LABEL = re.compile(
    r"^\s*(?:(?P<word>(?:Điều|Chương|Phần|Mục)\s+[0-9IVXLC]+)|(?P<num>[IVXLC]+|\d+(?:\.\d+)*|[a-zđ]))\s*[.):]",
    re.IGNORECASE,
)
_BREADCRUMB_SEP = re.compile(r"\s*(?:›|>|»|/)\s*")
_MARKDOWN = [
    (re.compile(r"\*\*(.+?)\*\*", re.S), r"\1"),
    (re.compile(r"__(.+?)__", re.S), r"\1"),
    (re.compile(r"`([^`]+)`"), r"\1"),
    (re.compile(r"^#{1,6}\s+", re.M), ""),
    (re.compile(r"\[([^\]\n]+)\]\((https?://[^)\s]+)\)"), r"\1 (\2)"),
]
_SENTENCE_END = re.compile(r"[.!?…;:][\"”’')\]]*\s+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def plain_text(text: str) -> str:
    """NFC text without markdown emphasis, headings or link syntax; at most one blank line in a row."""
    out = nfc(text).replace("\r\n", "\n")
    for pattern, repl in _MARKDOWN:
        out = pattern.sub(repl, out)
    out = re.sub(r"[ \t]+\n", "\n", out)
    return re.sub(r"\n{3,}", "\n\n", out).strip()


def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:.-") + "…"


def document_code(doc_number: str | None, doc_type: str | None) -> str | None:
    """Short type code of a document: from its number, else from its type.

    >>> document_code("12/KH-UBND", "Kế hoạch"), document_code(None, "Quyết định"), document_code(None, None)
    ('KH', 'QĐ', None)
    """
    if doc_number:
        match = _NUMBER_CODE.search(doc_number)
        if match:
            return match.group(1)
    if doc_type:
        return _TYPE_CODES.get(doc_type.strip().lower())
    return None


def document_label(doc_number: str | None, title: str | None, place: str | None,
                   doc_type: str | None = None, source: str | None = None) -> str:
    """`KH 12/KH-UBND (Bình Sơn)`; a shortened title (or the file name) when there is no number."""
    if doc_number:
        code = document_code(doc_number, doc_type)
        label = f"{code} {doc_number}" if code else doc_number
    else:
        label = shorten(title or source or "Tài liệu", 48)
    return f"{label} ({place})" if place else label


def section_label(section: str | None) -> str | None:
    """`mục IV.2` from the breadcrumb "IV. TỔ CHỨC THỰC HIỆN › 2. Sở Tư pháp".

    Labels nest ("I" › "2" › "2.2" gives "I.2.2"); without labels, the last heading, shortened.

    >>> section_label("IV. TỔ CHỨC THỰC HIỆN › 2. Sở Tư pháp")
    'mục IV.2'
    >>> section_label("I. MỤC TIÊU › 2. Mục tiêu cụ thể › 2.2. Mục tiêu 2")
    'mục I.2.2'
    >>> section_label("Điều 5. Tổ chức thực hiện")
    'Điều 5'
    """
    if not section or not section.strip():
        return None
    parts = [p for p in _BREADCRUMB_SEP.split(section.strip()) if p]
    labels: list[str] = []
    word: str | None = None
    for part in parts:
        match = _LABEL.match(part)
        if not match:
            continue
        if match.group("word"):
            word, labels = " ".join(match.group("word").split()), []
            continue
        label = match.group("num")
        if labels and "." in label and label.startswith(labels[-1] + "."):
            labels[-1] = label
        else:
            labels.append(label)
    if word and not labels:
        return word
    if labels:
        joined = ".".join(labels)
        return f"{word}, mục {joined}" if word else f"mục {joined}"
    return "mục " + shorten(parts[-1], 40)


def citation_label(citation: Citation) -> str:
    """`KH 12/KH-UBND (Bình Sơn), mục IV.2` (plus the page when the document has pages)."""
    doc = document_label(citation.doc_number, citation.title, citation.place, source=citation.source)
    extras = [s for s in (section_label(citation.section),) if s]
    if citation.page is not None:
        extras.append(f"tr. {citation.page}")
    return ", ".join([doc, *extras])


def format_answer(answer: Answer) -> str:
    """The answer text, then one short line per citation and how to read a cited passage, then the narrower
    questions offered when the question matched many plans (each to send as a reply)."""
    text = plain_text(answer.answer)
    if answer.citations:
        lines = [f"[{n}] {citation_label(c)}" for n, c in enumerate(answer.citations, 1)]
        text = f"{text}\n\nNguồn:\n" + "\n".join(lines) + "\n" + SOURCE_HINT
    return text + format_suggestions(answer)


def format_suggestions(answer: Answer) -> str:
    """Zalo's quick replies: the suggested questions, to copy and send as they are."""
    if not answer.suggestions:
        return ""
    lines = [f"• {s.label}: “{s.question}”" for s in answer.suggestions]
    return "\n\nHỏi hẹp lại (gửi một trong các câu sau):\n" + "\n".join(lines)


def format_source(citations: Sequence[Citation], number: int) -> str:
    """What "xem nguồn <number>" shows: the citation's label and the full quoted passage."""
    if not citations:
        return "Chưa có nguồn nào để xem: hãy đặt một câu hỏi trước."
    if not 1 <= number <= len(citations):
        return f"Không có nguồn số {number}; câu trả lời vừa rồi có {len(citations)} nguồn (1–{len(citations)})."
    citation = citations[number - 1]
    title = f"\n{citation.title}" if citation.title else ""
    return f"[{number}] {citation_label(citation)}{title}\n\n“{trim_quote(plain_text(citation.quote), QUOTE_LIMIT)}”"


def format_documents(documents: Sequence[Mapping[str, Any]], selected: str | None = None) -> str:
    if not documents:
        return "Chưa có tài liệu nào trong kho."
    lines = ["Các tài liệu đang có:"]
    for n, doc in enumerate(documents, 1):
        label = document_label(doc.get("doc_number"), doc.get("title"), doc.get("place"), doc.get("doc_type"),
                               doc.get("source"))
        mark = " (đang chọn)" if selected and doc.get("doc_id") == selected else ""
        title = f": {shorten(str(doc['title']), 90)}" if doc.get("doc_number") and doc.get("title") else ""
        lines.append(f"{n}. {label}{title}{mark}")
    lines.append("Gõ /chon <số> để chỉ hỏi trong một tài liệu, /moi để bỏ chọn.")
    return "\n".join(lines)


def split_message(text: str, limit: int = TEXT_LIMIT) -> list[str]:
    """NFC parts of at most `limit` characters, cut at paragraph, line, sentence or word boundaries.

    When more than one part is needed each starts with "(k/n) ".

    >>> split_message("Một. Hai. Ba.", limit=10)
    ['(1/3) Một.', '(2/3) Hai.', '(3/3) Ba.']
    """
    text = nfc(text).strip()
    if len(text) <= limit:
        return [text] if text else []
    digits = 1
    while True:  # the prefix grows with the number of parts: "(1/9) " or "(10/12) "
        budget = limit - len(f"({'9' * digits}/{'9' * digits}) ")
        if budget < 1:
            raise ValueError(f"limit {limit} leaves no room for text")
        pieces = _pieces(text, budget)
        if len(str(len(pieces))) <= digits:
            break
        digits += 1
    total = len(pieces)
    parts = [f"({k}/{total}) {piece}" for k, piece in enumerate(pieces, 1)]
    return parts


def _pieces(text: str, budget: int) -> list[str]:
    pieces: list[str] = []
    rest = text
    while len(rest) > budget:
        cut = _cut_point(rest, budget)
        piece = rest[:cut].strip()
        if piece:
            pieces.append(piece)
        rest = rest[cut:].lstrip()
    if rest.strip():
        pieces.append(rest.strip())
    return pieces


def _cut_point(text: str, budget: int) -> int:
    """Where to end the next piece: the best boundary in text[:budget + 1], not too early."""
    window = text[: budget + 1]
    floor = budget // 3  # a boundary this early would leave a tiny part; try a finer kind
    for boundary in ("\n\n", "\n"):
        at = window.rfind(boundary, 0, budget)
        if at > floor:
            return at
    ends = [m.end() for m in _SENTENCE_END.finditer(window) if m.end() <= budget]
    if ends and ends[-1] > floor:
        return ends[-1]
    at = max(window.rfind(" ", 0, budget), window.rfind("\t", 0, budget))
    if at > 0:
        return at
    cut = budget
    while cut > 1 and unicodedata.combining(text[cut]):  # keep a letter with its marks
        cut -= 1
    return cut
