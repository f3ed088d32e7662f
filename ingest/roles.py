"""Who leads and who supports each indicator, read clause by clause from an assignment sentence.

A sentence such as "Sở Y tế chủ trì thực hiện chỉ tiêu 3 và phối hợp với Sở Tư pháp thực hiện chỉ
tiêu 5" gives each indicator its role from its own clause: "chủ trì" (leads) for 3, "phối hợp"
(supports) for 5. The reading is built from general Vietnamese administrative grammar, not from any
document's wording:

* role words: "chủ trì", "là cơ quan đầu mối", "phụ trách" lead; "phối hợp", "tham gia thực hiện",
  "hỗ trợ thực hiện" support; other duty verbs ("thực hiện", "hướng dẫn", "triển khai") make the body
  whose duties these are the one that carries the indicator, as the plans use them;
* subjects: a body written before its verb ("Sở A chủ trì, Sở B phối hợp ..."), after "đề nghị",
  "giao", "do"; otherwise the body whose duties the text lists (the block's heading);
* co-bodies: bodies after "phối hợp với" in a leading clause support the indicator;
* clauses end at ";" and where a new role word follows an indicator already assigned.

When the grammar does not settle a role, the clause yields nothing: an indicator without a lead is
visible to a reviewer, a wrong lead is not. Such cases are a role word contradicting another in one
clause ("phối hợp ... chủ trì"), a named body being directed to carry out the indicator ("chỉ đạo
Phòng Y tế thực hiện chỉ tiêu 4": which of the two leads?), a subject that is not a recognisable body,
a negated role, monitoring only ("theo dõi, tổng hợp kết quả thực hiện chỉ tiêu 5"), and indicators of
another document ("chỉ tiêu 3 của Nghị quyết số 12/NQ-HĐND").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from ingest.agencies import is_generic, names_in_text
from ingest.model import Role
from ingest.normalize import VI_UPPER
from ingest.numbers import indicator_mentions

Kind = Literal["lead", "support", "act", "unsure"]


@dataclass(frozen=True)
class Claim:
    """One body's role for some indicators, as one clause of a sentence states it."""

    body: str | None  # the name as written; None: the body whose duties these are (the block's heading)
    numbers: tuple[int, ...]
    role: Role
    start: int  # the words that state it: offsets in the text read
    end: int
    stated: bool = True  # a role word says it ("chủ trì", "phối hợp"), not only a duty verb ("thực hiện")


# -------------------------------------------------------------------------------------------- words

# A body's role named as a noun ("cơ quan chủ trì") refers to another body, unless it is predicated
# ("là cơ quan chủ trì") or labels a list ("Cơ quan chủ trì: Sở Y tế").
_NOUN_ROLE = r"(?:cơ quan|đơn vị|ngành|bộ phận|lực lượng)\s+(?:chủ trì|phối hợp)"
_VERBS: list[tuple[str, str]] = [
    ("noun", _NOUN_ROLE),
    ("lead", r"(?:là|làm)\s+(?:cơ quan\s+|đơn vị\s+)?(?:đầu mối|thường trực)|chịu trách nhiệm chính|chủ trì|phụ trách"),
    ("support", r"tham gia\s+(?:phối hợp|thực hiện|triển khai|hỗ trợ)|hỗ trợ\s+(?:thực hiện|triển khai)"
                r"|cùng\s+(?:thực hiện|triển khai)|phối hợp(?!\s+liên ngành)"),
    ("act", r"thực hiện|triển khai|hướng dẫn|tổ chức|chỉ đạo|xây dựng|theo dõi|tổng hợp|báo cáo|kiểm tra|"
            r"giám sát|đôn đốc|đánh giá|tham mưu|rà soát|bố trí|tăng cường|đẩy mạnh|nghiên cứu|tuyên truyền|"
            r"vận động|phát động|lồng ghép|ban hành|đề xuất|cung cấp|đảm nhiệm|chịu trách nhiệm|"
            r"có trách nhiệm|đảm bảo|bảo đảm|phấn đấu|duy trì|nâng cao|kiện toàn|củng cố|thúc đẩy|huy động|"
            r"hoàn thành|thống kê"),
]
_VERB_RE = re.compile(
    "|".join(f"(?P<{kind}{i}>{pattern})" for i, (kind, pattern) in enumerate(_VERBS)), re.IGNORECASE
)
_WORD_EDGE = re.compile(r"\w")
# "phối hợp" as a noun: "sự phối hợp", "cơ chế phối hợp", "tăng cường công tác phối hợp".
_NOMINAL_BEFORE = {
    "support": re.compile(r"(?:sự|việc|công tác|cơ chế|quy chế|mối|kế hoạch|tổ chức|hội đồng|ban)\s+$",
                          re.IGNORECASE),
    "act": re.compile(r"(?:kết quả|tình hình|việc|tiến độ|quá trình|hiệu quả)\s+$", re.IGNORECASE),
}
_ROLE_VERBS = ("chủ trì", "phối hợp", "phụ trách", "chịu trách nhiệm chính")
_MONITOR = ("theo dõi", "tổng hợp", "báo cáo", "kiểm tra", "giám sát", "đánh giá", "đôn đốc", "thống kê")
_NEGATION_RE = re.compile(r"(?:không|chưa|không được)\s+$", re.IGNORECASE)

# What stands between a subject and its verb: "Sở Y tế: chủ trì", "Sở Y tế sẽ chủ trì".
_SUBJECT_GAP_RE = re.compile(
    r"^[\s,:(]*(?:(?:cần|sẽ|phải|được giao|tiếp tục|là|làm|đồng thời|cũng|chủ động|có trách nhiệm|"
    r"chịu trách nhiệm)\s*[,:]?\s*)*$", re.IGNORECASE)
# Bodies listed together: "Sở A, Sở B và Sở C".
_LIST_GAP_RE = re.compile(r"^\s*,?\s*(?:và|cùng với|cùng|hoặc)?\s*$", re.IGNORECASE)
_WITH_BEFORE_RE = re.compile(r"(?:phối hợp|cùng|với)\s*$", re.IGNORECASE)
_SUBJECT_BEFORE_RE = re.compile(r"(?:đề nghị|giao(?:\s+cho)?|yêu cầu|do|để)\s*$", re.IGNORECASE)
_PLAIN_BEFORE_RE = re.compile(r"(?:[,:;(]|\bvà|\bđồng thời|\bcòn|\briêng|\btrong đó)[\s\-+•*]*$", re.IGNORECASE)
# A subject this module cannot read as a body: "các địa phương phối hợp", "Ngành học mầm non chủ trì".
_UNREAD_SUBJECT_RE = re.compile(rf"^[{VI_UPPER}]")
_ADVERBIAL_RE = re.compile(
    r"^(?:hằng|hàng)\s+(?:năm|quý|tháng)|^định kỳ|^(?:trong|đến|từ|trước|sau|vào|cuối|đầu)\s+(?:năm|ngày|tháng|"
    r"quý|giai đoạn|thời gian|thời kỳ)|^năm \d{4}|^giai đoạn|^đồng thời|^ngoài ra|^trên cơ sở|^căn cứ|"
    r"^tiếp tục|^chủ động|^thường xuyên|^kịp thời|^(?:đề nghị|yêu cầu)$", re.IGNORECASE)
# Indicators of another document: "chỉ tiêu 3 của Nghị quyết số 12/NQ-HĐND", "... tại Quyết định 5/QĐ-TTg".
_EXTERNAL_RE = re.compile(
    r"^\s*(?:của|tại|theo|thuộc)\s+(?P<ref>[^;.]{0,80}?)(?:\bsố\s*\d|\b\d+/(?:\d{4}/)?[A-ZĐ])")
# Words that may stand after the last indicator without adding a duty ("... chỉ tiêu 3 của Kế hoạch").
_FILLER = {
    "và", "với", "cùng", "thực", "hiện", "triển", "khai", "của", "kế", "hoạch", "chương", "trình", "đề", "án",
    "này", "nêu", "trên", "nói", "các", "theo", "quy", "định", "đồng", "thời", "cũng", "sẽ", "tham", "gia",
    "phối", "hợp", "chủ", "trì",
}
# "Cơ quan chủ trì: Sở Y tế; cơ quan phối hợp: Sở Tư pháp, Công an tỉnh", "(chủ trì: Sở Y tế)".
_LABEL_RE = re.compile(r"(?:(?:cơ quan|đơn vị)\s+)?(chủ trì|phối hợp)(?:\s+thực hiện)?\s*:", re.IGNORECASE)
_SENTENCE_END_RE = re.compile(rf"(?<=[.!?])\s+(?=[{VI_UPPER}\-+•])|\n")


# -------------------------------------------------------------------------------------------- tokens


@dataclass
class _Tok:
    kind: str  # mention | body | lead | support | act | semi
    start: int
    end: int
    numbers: tuple[int, ...] = ()
    name: str = ""
    verb: str = ""
    cls: str = ""  # bodies: with | subject | plain | object
    negated: bool = False


def _tokens(text: str) -> list[_Tok]:
    toks: list[_Tok] = [_Tok("mention", s, e, numbers=tuple(ns)) for s, e, ns in indicator_mentions(text)]
    taken = [(t.start, t.end) for t in toks]
    for s, e, name in names_in_text(text):
        if not any(s < te and ts < e for ts, te in taken):
            toks.append(_Tok("body", s, e, name=name))
            taken.append((s, e))
    for m in _VERB_RE.finditer(text):
        s, e = m.span()
        if (s > 0 and _WORD_EDGE.match(text[s - 1])) or (e < len(text) and _WORD_EDGE.match(text[e])):
            continue  # part of a longer word
        if any(s < te and ts < e for ts, te in taken):
            continue  # inside a body's name or an indicator mention
        kind = re.sub(r"\d+$", "", m.lastgroup or "")
        if kind == "noun":
            if re.search(r"(?:là|làm)\s+$", text[:s], re.IGNORECASE):
                kind = "lead" if "chủ trì" in m.group(0).lower() else "support"
            else:
                continue  # "phối hợp với cơ quan chủ trì": another body, named by its role
        nominal = _NOMINAL_BEFORE.get(kind)
        if nominal and nominal.search(text[max(0, s - 20):s]):
            continue
        toks.append(_Tok(kind, s, e, verb=m.group(0).lower(),
                         negated=bool(_NEGATION_RE.search(text[max(0, s - 12):s]))))
    toks.extend(_Tok("semi", m.start(), m.end()) for m in re.finditer(";", text)
                if not any(ts <= m.start() < te for ts, te in taken))
    toks.sort(key=lambda t: t.start)
    return toks


def _classify_bodies(text: str, toks: list[_Tok]) -> None:
    prev: _Tok | None = None
    for t in toks:
        if t.kind == "semi":
            prev = None
            continue
        if t.kind == "body":
            before = text[prev.end if prev else 0 : t.start]
            if prev is not None and prev.kind == "body" and _LIST_GAP_RE.match(before):
                t.cls = prev.cls
            elif _WITH_BEFORE_RE.search(text[: t.start]):
                t.cls = "with"
            elif _SUBJECT_BEFORE_RE.search(text[: t.start]):
                t.cls = "subject"
            elif prev is None or prev.kind == "mention" or _PLAIN_BEFORE_RE.search(before):
                t.cls = "plain"
            else:
                t.cls = "object"
        prev = t


# -------------------------------------------------------------------------------------------- groups


@dataclass
class _Group:
    """Bodies with one role, waiting for the indicators they are given."""

    subjects: list[str] | None  # None: the body whose duties these are
    kind: Kind
    start: int
    explicit: bool = False  # its subjects are named in its own words
    verbs: list[str] = field(default_factory=list)
    co: list[str] = field(default_factory=list)  # after "phối hợp với" in a leading clause
    bound: bool = False


def _combine(current: Kind, new: Kind) -> Kind:
    """Role of a clause with two role words, such as "chủ trì, phối hợp với ..." (leads)."""
    if current == new:
        return current
    if "unsure" in (current, new):
        return "unsure"
    if current == "lead" or (current == "act" and new == "lead"):
        return "lead"
    if current == "support" and new == "act":
        return "support"
    return "unsure"  # "phối hợp ... chủ trì", "triển khai, phối hợp với ...": no safe reading


@dataclass
class _Binding:
    mention: _Tok
    groups: list[_Group]
    start: int
    end: int


class _Sentence:
    """Reads one sentence: tokens in order, clauses split at ";"."""

    def __init__(self, text: str, base: int) -> None:
        self.text = text
        self.base = base
        self.toks = _tokens(text)
        _classify_bodies(text, self.toks)
        self.bindings: list[_Binding] = []
        self.groups: list[_Group] = []
        self.explicit: list[list[str]] = []  # subject lists named in this sentence, in order
        self.first_implicit = False

    # Subjects a group without its own takes: the sentence's one named subject, else the block's body.
    def _inherited(self) -> list[str] | Literal["unsure"] | None:
        distinct = {tuple(s) for s in self.explicit}
        if not distinct:
            return None
        if len(distinct) == 1 and not self.first_implicit:
            return list(next(iter(distinct)))
        return "unsure"

    def _new_group(self, subjects: list[str] | None, kind: Kind, start: int, explicit: bool) -> _Group:
        if explicit and subjects is not None:
            self.explicit.append(subjects)
        elif not self.groups and not explicit:
            self.first_implicit = True
        if not explicit:
            inherited = self._inherited()
            if inherited == "unsure":
                subjects, kind = None, "unsure"
            else:
                subjects = inherited
            if kind == "act" and any(g.kind == "support" and g.bound and g.subjects == subjects for g in self.groups):
                kind = "unsure"  # "phối hợp thực hiện chỉ tiêu 2; hướng dẫn thực hiện chỉ tiêu 4"
        g = _Group(subjects, kind, start, explicit=explicit)
        self.groups.append(g)
        return g

    def read(self) -> None:
        clause_start = 0
        clause: list[_Tok] = []
        for t in [*self.toks, _Tok("semi", len(self.text), len(self.text))]:
            if t.kind == "semi":
                self._clause(clause, clause_start, t.start)
                clause, clause_start = [], t.end
            else:
                clause.append(t)
        self._trailing()

    def _clause(self, toks: list[_Tok], start: int, end: int) -> None:
        pending: list[_Tok] = []  # bodies that may be the subject of the next verb
        open_groups: list[_Group] = []
        last_bound: list[_Group] = []
        orphans: list[_Tok] = []
        current: _Group | None = None
        prev_end = start
        for t in toks:
            if t.kind == "body":
                if t.cls == "with":
                    if current is not None:
                        current.co.append(t.name)
                elif pending and _LIST_GAP_RE.match(self.text[pending[-1].end : t.start]):
                    pending.append(t)
                else:
                    pending = [t]
            elif t.kind in ("lead", "support", "act"):
                kind: Kind = "unsure" if t.negated else t.kind  # type: ignore[assignment]
                subjects = pending if pending and _is_subject_gap(self.text[pending[-1].end : t.start]) else []
                pending = []
                if subjects and subjects[0].cls == "object":
                    if kind == "act" and not all(is_generic(b.name) or " các " in f" {b.name} " for b in subjects):
                        # "chỉ đạo Phòng Y tế thực hiện ...": the directing body or the directed one?
                        for g in [*open_groups, *([current] if current else [])]:
                            g.kind = "unsure"
                        current = self._new_group(None, "unsure", t.start, explicit=False)
                        open_groups.append(current)
                        prev_end = t.end
                        continue
                    if kind == "act":
                        subjects = []  # "hướng dẫn UBND các xã thực hiện": the guiding body carries it
                if subjects:
                    current = self._new_group([b.name for b in subjects], kind, subjects[0].start, explicit=True)
                    current.verbs.append(t.verb)
                    open_groups.append(current)
                elif current is not None and not current.bound:
                    current.kind = _combine(current.kind, kind)
                    current.verbs.append(t.verb)
                else:
                    unread = _unread_subject(self.text[prev_end : t.start], kind)
                    current = self._new_group(None, "unsure" if unread else kind, t.start, explicit=False)
                    current.verbs.append(t.verb)
                    open_groups.append(current)
            elif t.kind == "mention":
                if open_groups:
                    self._bind(t, open_groups, start, end)
                    last_bound, open_groups = open_groups, []
                elif last_bound:
                    self._bind(t, last_bound, start, end)
                elif pending and re.fullmatch(r"[\s:,-]*", self.text[pending[-1].end : t.start]):
                    # "Sở Y tế: chỉ tiêu 3, 4"
                    g = self._new_group([b.name for b in pending], "act", pending[0].start, explicit=True)
                    self._bind(t, [g], start, end)
                    last_bound = [g]
                else:
                    orphans.append(t)
                pending = []
            prev_end = t.end
        if orphans:
            if open_groups and not last_bound and all(g.kind in ("lead", "support") for g in open_groups):
                # "Chỉ tiêu 3 do Sở Y tế chủ trì, Sở Giáo dục và Đào tạo phối hợp thực hiện." Only role
                # words bind back: in "Trên cơ sở chỉ tiêu 3, Sở Y tế xây dựng kế hoạch" nobody is given it.
                for o in orphans:
                    self._bind(o, open_groups, start, end)
                open_groups = []
            elif not any(g.start >= start for g in self.groups):
                # "Đấu tranh phòng, chống tội phạm để đạt chỉ tiêu 9": no role word at all.
                g = self._new_group(None, "act", orphans[0].start, explicit=False)
                for o in orphans:
                    self._bind(o, [g], start, end)

    def _bind(self, mention: _Tok, groups: list[_Group], start: int, end: int) -> None:
        for g in groups:
            g.bound = True
        self.bindings.append(_Binding(mention, list(groups), start, end))

    def _trailing(self) -> None:
        """Role words after the last indicator: "Sở Y tế chủ trì thực hiện chỉ tiêu 3, Sở Tư pháp phối hợp"."""
        if not self.bindings:
            return
        last = self.bindings[-1]
        after = [g for g in self.groups if not g.bound and g.start > last.mention.end]
        if not after:
            return
        base = last.mention.end
        words = self.text[base:]
        for t in self.toks:
            # Only names and role words may follow; any other duty verb starts a duty of its own.
            if t.start >= base and (t.kind in ("body", "lead", "support") or t.verb in ("thực hiện", "triển khai")):
                words = words[: t.start - base] + " " * (t.end - t.start) + words[t.end - base :]
        if any(w.lower() not in _FILLER for w in re.findall(r"\w+", words)):
            return  # the sentence goes on with another duty: the role words belong to it
        leading = [g for g in last.groups if g.kind in ("lead", "act")]
        for g in after:
            if g.kind == "unsure":
                continue
            if g.explicit:
                self.bindings.append(_Binding(last.mention, [g], last.start, len(self.text)))
            elif g.kind == "support" and g.co and leading:
                # "chủ trì thực hiện chỉ tiêu 3, phối hợp với Sở B": B supports 3.
                helper = _Group([], "lead", g.start, co=list(g.co))
                self.bindings.append(_Binding(last.mention, [helper], last.start, len(self.text)))
            g.bound = True

    def claims(self) -> Iterator[Claim]:
        # Indicators a subject leads in this sentence: "chủ trì thực hiện chỉ tiêu 4, phối hợp với Hạt
        # Kiểm lâm thực hiện chỉ tiêu 4" makes the body named after "phối hợp với" a supporter of 4.
        led = {(tuple(g.subjects) if g.subjects is not None else None, n)
               for b in self.bindings for g in b.groups if g.kind in ("lead", "act") for n in b.mention.numbers}
        for b in self.bindings:
            ext = _EXTERNAL_RE.match(self.text[b.mention.end : b.mention.end + 120])
            if ext and "này" not in ext.group("ref").lower():
                continue
            numbers = b.mention.numbers
            for g in b.groups:
                kind = g.kind
                if _monitors_only([v for v in g.verbs if v not in _ROLE_VERBS]):
                    kind = "unsure"  # monitoring an indicator ("chủ trì đánh giá kết quả ...") is not carrying it out
                if kind == "unsure":
                    continue
                role: Role = "support" if kind == "support" else "lead"
                start = min(g.start, b.start) if g.subjects is not None else b.start
                start += len(self.text[start:]) - len(self.text[start:].lstrip())
                start, end = self.base + start, self.base + b.end
                stated = kind in ("lead", "support")
                if g.subjects is None:
                    yield Claim(None, numbers, role, start, end, stated)
                else:
                    for name in g.subjects:
                        if not is_generic(name):
                            yield Claim(name, numbers, role, start, end, stated)
                subject = tuple(g.subjects) if g.subjects is not None else None
                if role == "lead" or all((subject, n) in led for n in numbers):
                    for name in g.co:
                        if not is_generic(name):
                            yield Claim(name, numbers, "support", start, end)


def _monitors_only(verbs: list[str]) -> bool:
    """ "Theo dõi, tổng hợp kết quả ...", "theo dõi, đôn đốc các xã thực hiện ...": the body watches others
    carry the indicator out."""
    return bool(verbs) and verbs[0] in _MONITOR and all(
        v in _MONITOR or v in ("thực hiện", "triển khai") for v in verbs)


def _unread_subject(seg: str, kind: Kind) -> bool:
    """Whether the words before a role word look like its subject, though no body is recognised there:
    "Các địa phương phối hợp ...", "Cha mẹ học sinh phối hợp ...". A duty that opens with a verb this
    module does not list ("Đấu tranh phòng, chống tội phạm ... để thực hiện") is not a subject."""
    s = seg.strip(" :-+•*\t").lstrip(" ,")
    if not s or s.endswith(",") or _ADVERBIAL_RE.match(s):
        return False
    if re.match(r"(?:các|những|mọi|cả)\s", s, re.IGNORECASE):
        return True
    if not _UNREAD_SUBJECT_RE.match(s) or re.search(r"\b(?:để|nhằm|và|với)\b|,", s, re.IGNORECASE):
        return False
    return len(s.split()) <= (6 if kind in ("lead", "support") else 4)


def _is_subject_gap(gap: str) -> bool:
    """Whether a body and the verb after it stand as subject and predicate."""
    if _SUBJECT_GAP_RE.match(gap):
        return True
    # "Sở Y tế, trong phạm vi chức năng, nhiệm vụ, chủ trì ...": an aside between commas.
    g = gap.strip()
    return len(g) <= 80 and g.startswith(",") and g.endswith(",")


def _sentences(text: str) -> Iterator[tuple[int, int]]:
    pos = 0
    for m in _SENTENCE_END_RE.finditer(text):
        if m.group(0) == "\n" and _wrapped(text[pos : m.start()], text[m.end() :]):
            continue
        yield pos, m.start()
        pos = m.end()
    yield pos, len(text)


# Words a sentence cannot end with: a line that ends with one was broken by the page width.
_OPEN_END_RE = re.compile(
    r"(?:[,\-–(]|\b(?:với|và|do|giao|cho|của|là|để|các|cùng|hoặc|tại|theo|về|chủ|phối|thực|tham|hỗ|chỉ|"
    r"chủ trì|phối hợp|thực hiện|triển khai|hướng dẫn|tham gia))$", re.IGNORECASE)
_ITEM_START_RE = re.compile(r"^\s*(?:[-+•*]|\(?[0-9]+(?:\.[0-9]+)*[.)]|\(?[a-zđ][.)]|[IVXLC]+\.)\s")


def _wrapped(before: str, after: str) -> bool:
    """Whether a line break only wraps a sentence (a PDF text layer breaks lines at the page width):
    the line ends where no sentence can end, or the next one goes on in lowercase, and the next line
    does not start an item of its own.

    >>> _wrapped("Sở A chủ trì, phối hợp với", "Sở B thực hiện chỉ tiêu 2."), _wrapped("Sở A.", "Sở B")
    (True, False)
    """
    line, nxt = before.rstrip(), after.lstrip(" \t")
    if not line or not nxt or _ITEM_START_RE.match(nxt):
        return False
    if line[-1] in ".;:!?":
        return False
    return bool(_OPEN_END_RE.search(line)) or nxt[0].islower()


def _labelled(text: str) -> list[tuple[Role, int, int, int]]:
    """Role labels and the bodies they list: (role, start of the label, start and end of the list)."""
    labels = list(_LABEL_RE.finditer(text))
    out: list[tuple[Role, int, int, int]] = []
    for i, m in enumerate(labels):
        if m.start() > 0 and text[m.start() - 1].isalnum():
            continue
        end = labels[i + 1].start() if i + 1 < len(labels) else len(text)
        stop = re.search(r"[.)](?:\s|$)|\n", text[m.end() : end])
        end = m.end() + stop.start() if stop else end
        out.append(("lead" if m.group(1).lower() == "chủ trì" else "support", m.start(), m.end(), end))
    return out


def _label_claims(text: str, numbers: tuple[int, ...], labels: list[tuple[Role, int, int, int]],
                  span: tuple[int, int]) -> list[Claim]:
    out: list[Claim] = []
    for role, _label, start, end in labels:
        for _s, _e, name in names_in_text(text[start:end]):
            if not is_generic(name):
                out.append(Claim(name, numbers, role, *span))
    return out


def read_stated_owners(text: str, number: int) -> list[Claim]:
    """Bodies an indicator's own text names as its owners, with a role word: "Chỉ tiêu 3: ... đạt 95%
    (Sở Y tế chủ trì, Sở Tư pháp phối hợp)", "... Cơ quan chủ trì: Sở Y tế; cơ quan phối hợp: Công an tỉnh".

    Bodies that are only part of what the indicator measures ("100% Ủy ban nhân dân cấp xã thực hiện
    ...") are not owners: without a role word nothing is claimed.

    >>> [(c.body, c.role) for c in read_stated_owners("Tỷ lệ đạt 95% (Sở Y tế chủ trì, Công an tỉnh phối hợp).", 3)]
    [('Sở Y tế', 'lead'), ('Công an tỉnh', 'support')]
    """
    labels = _labelled(text)
    if labels:
        return _label_claims(text, (number,), labels, (labels[0][1], labels[-1][3]))
    out: list[Claim] = []
    for m in re.finditer(r"\(([^()]{4,400})\)", text):
        prefix = f"Chỉ tiêu {number}: "
        for c in read_claims(prefix + m.group(1)):
            if c.body is not None and c.stated and c.numbers == (number,):
                out.append(Claim(c.body, c.numbers, c.role, m.start(), m.end()))
    return out


def read_claims(text: str) -> list[Claim]:
    """Roles stated in `text` (a duty, a bullet or a paragraph), sentence by sentence.

    >>> [(c.body, c.numbers, c.role) for c in read_claims("Chủ trì thực hiện chỉ tiêu 1 và phối hợp thực hiện chỉ tiêu 2.")]
    [(None, (1,), 'lead'), (None, (2,), 'support')]
    >>> [(c.body, c.numbers, c.role) for c in read_claims("Sở A chủ trì, Sở B phối hợp thực hiện chỉ tiêu 4.")]
    [('Sở A', (4,), 'lead'), ('Sở B', (4,), 'support')]
    """
    out: list[Claim] = []
    for s, e in _sentences(text):
        if "chỉ tiêu" not in text[s:e].lower():
            continue
        labels = _labelled(text[s:e])
        if labels:
            # "Chỉ tiêu 3, 4 (cơ quan chủ trì: Sở Y tế; cơ quan phối hợp: Sở Tư pháp)": every indicator the
            # sentence names outside the lists goes to every listed body.
            found = [n for ms, _me, ns in indicator_mentions(text[s:e])
                     if not any(ls <= ms < le for _r, ls, _l, le in labels) for n in ns]
            if found:
                out.extend(_label_claims(text[s:e], tuple(dict.fromkeys(found)), labels, (s, e)))
            continue
        sentence = _Sentence(text[s:e], s)
        sentence.read()
        out.extend(sentence.claims())
    return out
