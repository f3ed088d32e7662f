"""Text repair and matching forms for Vietnamese text.

Two different jobs live here:

* `repair()` turns a loaded document's original text into a clean NFC text for parsing
  (PDF hard line breaks joined, table debris and markup removed) while keeping, for every
  character of the result, its offset in the original. Quotes are always cut from the original.
* `fold()` gives a matching form: lowercase, one tone placement (hoà = hòa), and optionally no
  diacritics at all, for text typed on a phone without them.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

NORMALIZER_VERSION = "1"

# Vietnamese letters for regex character classes ("À-Ỹ" would also take lowercase letters).
VI_UPPER = "A-ZĐÂĂÊÔƠƯÁÀẢÃẠẤẦẨẪẬẮẰẲẴẶÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ"
VI_LOWER = "a-zđâăêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"

# Combining marks that carry the tone (thanh điệu); other marks (circumflex, breve, horn) change
# the vowel itself and stay when only tone placement is unified.
_TONE_MARKS = {"\u0300": "2", "\u0301": "1", "\u0303": "4", "\u0309": "3", "\u0323": "5"}
_WORD_RE = re.compile(r"\w+", re.UNICODE)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@functools.lru_cache(maxsize=100_000)
def _fold_word(word: str, keep_diacritics: bool) -> str:
    decomposed = unicodedata.normalize("NFD", word.lower())
    tone = ""
    kept: list[str] = []
    for ch in decomposed:
        if ch in _TONE_MARKS:
            tone = _TONE_MARKS[ch]
        elif unicodedata.combining(ch):
            if keep_diacritics:
                kept.append(ch)
        else:
            kept.append(ch)
    base = unicodedata.normalize("NFC", "".join(kept))
    if not keep_diacritics:
        return base.replace("đ", "d")
    # The tone moves to the end of the syllable, so "hoà" and "hòa" both become "hoa2".
    return base + tone


def fold(text: str, *, diacritics: bool = True) -> str:
    """Matching form of `text`.

    >>> fold("Hoà") == fold("hòa")
    True
    >>> fold("Đăng ký khai sinh", diacritics=False)
    'dang ky khai sinh'
    """
    return _WORD_RE.sub(lambda m: _fold_word(m.group(0), diacritics), nfc(text).lower())


def fold_ascii(text: str) -> str:
    """Lowercase text without any diacritics: what a phone user types without a Vietnamese keyboard."""
    return fold(text, diacritics=False)


def collapse_ws(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def has_vietnamese_diacritics(text: str) -> bool:
    return fold_ascii(text) != text.lower()


# --------------------------------------------------------------------------------------------
# Repair with an offset map


@dataclass
class MappedText:
    """Text plus, for each character, where it came from in the original text.

    `origin[i]` is where character i starts in the original and `ends[i]` where it ends (exclusive):
    a composed letter covers its base letter and combining marks, a replacement ("≥ 95%" for
    "$\\geq 95\\%$", a space for a line break) covers everything it replaced.
    """

    text: str
    origin: list[int]  # len(text) + 1 entries; the last one is the end of the original
    ends: list[int] = field(default_factory=list)  # len(text) entries

    def __post_init__(self) -> None:
        if not self.ends:
            self.ends = [o + 1 for o in self.origin[: len(self.text)]]

    @classmethod
    def identity(cls, text: str) -> MappedText:
        return cls(text, list(range(len(text) + 1)), list(range(1, len(text) + 1)))

    def replace_spans(self, edits: Iterable[tuple[int, int, str]]) -> MappedText:
        """Apply non-overlapping (start, end, replacement) edits, sorted by start."""
        out: list[str] = []
        origin: list[int] = []
        ends: list[int] = []
        pos = 0
        for start, end, repl in edits:
            if start < pos:
                continue
            out.append(self.text[pos:start])
            origin.extend(self.origin[pos:start])
            ends.extend(self.ends[pos:start])
            out.append(repl)
            # A replacement covers the whole original of what it replaced.
            origin.extend([self.origin[start]] * len(repl))
            ends.extend([self.ends[end - 1] if end > start else self.origin[start]] * len(repl))
            pos = end
        out.append(self.text[pos:])
        origin.extend(self.origin[pos : len(self.text)])
        ends.extend(self.ends[pos:])
        origin.append(self.origin[-1])  # the end sentinel, once
        return MappedText("".join(out), origin, ends)

    def sub(self, pattern: re.Pattern[str], repl: str | Callable[[re.Match[str]], str]) -> MappedText:
        def expand(m: re.Match[str]) -> str:
            return repl(m) if callable(repl) else m.expand(repl)

        return self.replace_spans((m.start(), m.end(), expand(m)) for m in pattern.finditer(self.text))

    def to_nfc(self) -> MappedText:
        """NFC per grapheme cluster, so each cluster keeps the offset of its first character."""
        edits = []
        for m in re.finditer(r".[\u0300-\u036f]+", self.text, re.DOTALL):
            composed = unicodedata.normalize("NFC", m.group(0))
            if composed != m.group(0):
                edits.append((m.start(), m.end(), composed))
        return self.replace_spans(edits) if edits else self

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets in the original text of the repaired span [start, end)."""
        if end <= start:
            o = self.origin[min(start, len(self.text))]
            return o, o
        return self.origin[start], self.ends[end - 1]


_LATEX_SYMBOLS = {
    r"\geq": "≥", r"\ge": "≥", r"\leq": "≤", r"\le": "≤", r"\times": "×", r"\%": "%",
    r"\pm": "±", r"\approx": "≈", r"\neq": "≠", r"\cdot": "·", r"\,": " ",
}
_LATEX_RE = re.compile(r"\$([^$\n]{1,120})\$")
_LATEX_CMD_RE = re.compile("|".join(re.escape(k) for k in sorted(_LATEX_SYMBOLS, key=len, reverse=True)))


def latex_to_text(expr: str) -> str:
    r"""Render the small LaTeX fragments plan documents pick up from converters.

    >>> latex_to_text(r"\geq 95\%")
    '≥ 95%'
    """
    out = _LATEX_CMD_RE.sub(lambda m: _LATEX_SYMBOLS[m.group(0)], expr)
    out = re.sub(r"\\[a-zA-Z]+", "", out).replace("{", "").replace("}", "")
    return collapse_ws(out)


# A line that opens a new structural unit: a heading number, a list item or a named indicator.
MARKER_RE = re.compile(
    r"""^\s*(?:\*\*)?\s*(?:
        (?:PHẦN|Phần)\s+(?:THỨ|thứ)\b
      | (?:CHƯƠNG|Chương)\s+[IVXLC\d]+\b
      | Điều\s+\d+
      | [IVXLC]{1,6}\s*[.)]\s
      | [A-ZĐ]\s*\.\s
      | \d{1,2}(?:\.\d{1,2}){0,3}\s*[.)](?:\s+|(?=[^\d\s]))\S
      | \d{1,2}(?:\.\d{1,2}){1,3}\s+\S
      | [a-zđ]\s*\)\s*\S
      | [-–—•+*]\s*\S
      | (?:Chỉ|CHỈ)\s+(?:tiêu|TIÊU)\s+(?:số\s+)?\d
      | (?:Mục|MỤC)\s+(?:tiêu|TIÊU)\s+\d
    )""",
    re.VERBOSE,
)
_TERMINAL = tuple(".:;!?")
_CONNECTOR_END = ("-", "–", ",", "(", "/", "&")
# A word no sentence ends with: the page width broke the line after it ("phối hợp với\nCông an huyện").
_CONNECTOR_WORD_END_RE = re.compile(r"\s(?:với|và|của|cho|do|giao|để|các|cùng|hoặc|tại|theo|là)$")
_DASH_LINE_RE = re.compile(rf"^\s*[-–]\s*([{VI_UPPER}][^.:;,!?]*)$")


def _starts_lower(line: str) -> bool:
    s = line.lstrip()
    return bool(s) and s[0].islower()


def _starts_nonmarker_digit_or_punct(line: str) -> bool:
    s = line.lstrip()
    return bool(s) and (s[0].isdigit() or s[0] in "(%‰") and not MARKER_RE.match(line)


def _is_heading_line(line: str) -> bool:
    s = line.strip()
    return bool(re.match(r"^(?:[IVXLC]{1,6}|\d{1,2}(?:\.\d{1,2}){0,3})\s*[.)]\s*\S", s))


_MARKER_ONLY_RE = re.compile(
    r"^\s*(?:[-–+•]\s*)?(?:(?:Chỉ|Mục)\s+tiêu\s+(?:số\s+)?\d+\s*[:.]?|Số\s*:|\d{1,2}(?:\.\d{1,2})*\s*[.)]|[IVXLC]+\s*\.)\s*$",
    re.IGNORECASE,
)


def _is_upper_line(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _should_join(prev: str, nxt: str, blank_between: bool, after_next: str | None) -> bool:
    """Whether the break between two lines is a layout break inside one paragraph."""
    p = prev.rstrip()
    if not p or not nxt.strip():
        return False
    if _MARKER_ONLY_RE.match(p) and not MARKER_RE.match(nxt):
        return True  # "- Chỉ tiêu 3:" alone on its line: its text follows on the next one
    if _DASH_LINE_RE.match(nxt) and not blank_between and _is_heading_line(p) and not p.endswith(_TERMINAL):
        # "1. Sở Lao động\n- Thương binh và Xã hội\n- Hướng dẫn ...": a dash-compound name that the
        # PDF wrapped at its dash; a real bullet would continue on a lowercase line or be long.
        words = nxt.split()
        if len(words) <= 7 and (after_next is None or MARKER_RE.match(after_next) or not after_next.strip()):
            return True
    if MARKER_RE.match(nxt):
        return False
    if p.endswith(_CONNECTOR_END) or _CONNECTOR_WORD_END_RE.search(p):
        return True
    if _starts_lower(nxt):
        return not (blank_between and p.endswith((".", "!", "?")))
    if _starts_nonmarker_digit_or_punct(nxt) and not p.endswith(_TERMINAL) and not _is_upper_line(p):
        return True  # "... năm 2020 là\n15,9%);" (but a caps title keeps its "(Ban hành kèm theo ...)")
    if blank_between or p.endswith(_TERMINAL):
        return False
    if _is_upper_line(p) and _is_upper_line(nxt):
        return True  # a title or an issuing body set in capitals over several lines
    # A long wrapped line that stops mid-sentence before a capitalised word ("của\nChương trình");
    # a heading line must be longer to count as wrapped, since short headings end without a stop.
    return (len(p) >= (65 if _is_heading_line(p) else 50) and not _is_upper_line(nxt) and not _is_upper_line(p)
            and not p.endswith(")"))


def join_layout_breaks(mt: MappedText) -> MappedText:
    """Join lines that a PDF or a page break cut in the middle of a sentence."""
    text = mt.text
    # Work on (start, end) of non-empty lines and the gaps between them.
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    edits: list[tuple[int, int, str]] = []
    for i in range(len(spans) - 1):
        (s0, e0), (s1, e1) = spans[i], spans[i + 1]
        gap = text[e0:s1]
        if "\n" not in gap:
            continue
        prev_line, next_line = text[s0:e0], text[s1:e1]
        after = text[spans[i + 2][0] : spans[i + 2][1]] if i + 2 < len(spans) else None
        if _should_join(prev_line, next_line, gap.count("\n") > 1, after):
            # Only the line break (and the spaces around it) is replaced; both lines stay original.
            edits.append((e0, s1, " "))
    return mt.replace_spans(edits) if edits else mt


# Lone table separators and decorative rules ("|", "--------") carry no text.
_LONE_PIPE_RE = re.compile(r"(?m)^[ \t]*(?:\||[-_=*]{3,})[ \t]*$")
_BOLD_RE = re.compile(r"\*\*|__")
_INVISIBLE_RE = re.compile(r"[\u200b\u200c\u200d\ufeff\u00ad]")
_SPACES_RE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u3000]+")
_TRAILING_RE = re.compile(r"(?m)[ \t]+$|^[ \t]+")
_MANY_NEWLINES_RE = re.compile(r"\n{3,}")


def repair(original: str) -> MappedText:
    """Repaired NFC text of a document, mapped back to `original`.

    >>> repair("Chỉ tiêu 1: Phấn\\nđấu đạt $\\\\geq 95\\\\%$").text
    'Chỉ tiêu 1: Phấn đấu đạt ≥ 95%'
    """
    # Invisible characters go first: one between a letter and its combining mark would block NFC.
    mt = MappedText.identity(original).sub(_INVISIBLE_RE, "").to_nfc()
    mt = mt.sub(_LATEX_RE, lambda m: latex_to_text(m.group(1)))
    mt = mt.sub(_BOLD_RE, "")
    mt = mt.sub(_LONE_PIPE_RE, "")
    mt = mt.sub(_SPACES_RE, " ")
    mt = mt.sub(_TRAILING_RE, "")
    mt = join_layout_breaks(mt)
    mt = mt.sub(_SPACES_RE, " ")
    mt = mt.sub(_MANY_NEWLINES_RE, "\n\n")
    # Removing debris can bring a combining mark next to its letter ("A$̀$"): compose once more.
    return mt.to_nfc()


def strip_outer(mt: MappedText) -> MappedText:
    """Drop leading and trailing whitespace while keeping the map consistent."""
    text = mt.text
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    sentinel = mt.origin[end] if end < len(mt.origin) else mt.origin[-1]
    return MappedText(text[start:end], [*mt.origin[start:end], sentinel], mt.ends[start:end])
