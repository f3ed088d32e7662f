"""Who issued a plan, and where: its issuing body and that body's place with the units above it.

Read, in order of trust, from the header's left column in its usual forms (one or two lines; with or
without the province line; "UBND" or "ỦY BAN NHÂN DÂN"; a Sở, Ban or Phòng under its People's
Committee; the two-column header flattened into pipe rows by a law portal, with portal banners before
it), a decision's authority line, the opening sentence ("UBND xã X xây dựng kế hoạch …"), the title
("… trên địa bàn huyện X, tỉnh Y") and the place-and-date line. The Quốc hiệu is never a place.
The gazetteer then adds the units above the lowest one when it knows them for certain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.agencies import ABBREVIATIONS
from ingest.model import PlaceRef
from ingest.normalize import VI_UPPER, collapse_ws, fold, fold_ascii
from ingest.places import (
    COMMUNE,
    DISTRICT,
    LEVELS,
    PROVINCE,
    TIER_RANK,
    Gazetteer,
    complete_chain,
    load_gazetteer,
    order_chain,
    place_key,
    place_title,
    tier_of,
)

_MOTTO_RE = re.compile(
    r"C\s*[ỘÔO]\s*N\s*G\s+H(?:ÒA|OÀ|OA)\s+X[ÃA]\s+H[ỘO]I\s+CH[ỦU]\s+NGH[ĨI]A\s+VI[ỆE]T\s+NAM"
    r"|Độc\s+lập\s*[-–—]\s*Tự\s+do\s*[-–—]\s*Hạnh\s+phúc",
    re.IGNORECASE,
)
_CELL_SPLIT_RE = re.compile(r"\s*(?:\||\n|\t|[-_=–—*~.]{3,}| {3,})\s*")
_NUMBER_CELL_RE = re.compile(r"^Số\b|^V/v\b", re.IGNORECASE)
_DATE_RE = re.compile(
    r",\s*ngày\s*(\d{1,2}|[.…]+)?\s*tháng\s*(\d{1,2}|[.…]+)?\s*năm\s*(\d{4})", re.IGNORECASE
)
_NAME_WORD = rf"[{VI_UPPER}0-9][\w'’]*"
_LEVEL_ALT = "|".join(re.escape(level) for level in LEVELS)
_MENTION_RE = re.compile(
    rf"(?<!\w)((?i:{_LEVEL_ALT}|tp\.?))\s+({_NAME_WORD}(?:\s*-\s*{_NAME_WORD}|\s+{_NAME_WORD}){{0,4}})"
)
_SUBJECT_RE = re.compile(
    rf"(?<!\w)(?i:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+((?i:{_LEVEL_ALT}))\s+({_NAME_WORD}(?:\s+{_NAME_WORD}){{0,4}})"
    r"\s+(?:xây dựng|ban hành)"
)

# Header vocabulary, compared on `fold` (case and tone placement unified, diacritics kept).
_COUNCILS = {"ủy ban nhân dân": "Ủy ban nhân dân", "ubnd": "Ủy ban nhân dân", "hội đồng nhân dân":
             "Hội đồng nhân dân", "hđnd": "Hội đồng nhân dân"}
_BODY_HEADS = ["ủy ban mặt trận tổ quốc", "bộ chỉ huy", "ban chỉ huy", "ban chỉ đạo", "bảo hiểm xã hội",
               "trung tâm", "chi cục", "văn phòng", "công an", "bệnh viện", "thanh tra", "kho bạc", "sở", "ban",
               "phòng", "hội", "đoàn", "cục", "trạm"]
_TYPE_WORDS = ["kế hoạch", "quyết định", "chương trình", "chỉ thị", "nghị quyết", "đề án", "hướng dẫn",
               "thông báo", "báo cáo", "công văn", "tờ trình"]
_AUTHORITY = ["chủ tịch", "tm.", "kt.", "tm", "kt"]
# Level words as they appear in headers, longest first ("thị xã" before "xã", "tp." for "thành phố").
_HEADER_LEVELS = [*LEVELS, "tp."]


def _f(words: list[str]) -> list[str]:
    return [fold(w) if any(c.isalpha() for c in w) else w for w in words]


def _phrases(words: list[str]) -> list[tuple[list[str], str]]:
    return sorted(((_f(w.split()), w) for w in words), key=lambda p: len(p[0]), reverse=True)


# Party committees name their place without a level word: "TỈNH ỦY LÂM SƠN", "HUYỆN ỦY HÒA MÂY".
_PARTY = {"tỉnh ủy": "tỉnh", "thành ủy": "thành phố", "huyện ủy": "huyện", "quận ủy": "quận", "thị ủy": "thị xã"}
_PARTY_P = _phrases(list(_PARTY))
_COUNCIL_P = _phrases(list(_COUNCILS))
_BODY_P = _phrases(_BODY_HEADS)
_TYPE_P = _phrases(_TYPE_WORDS)
_AUTH_P = _phrases(_AUTHORITY)
_LEVEL_P = _phrases(_HEADER_LEVELS)
_XA_HOI = _f(["xã", "hội"])
_BAN_HANH = _f(["ban", "hành"])
_VA = _f(["và"])


@dataclass
class _Element:
    kind: str  # council | body | place
    name: str = ""  # display name of a council or body
    place: PlaceRef | None = None


@dataclass
class IssuerReading:
    """What the document says about who issued it."""

    body: str | None = None  # "Ủy ban nhân dân", "Sở Y tế"
    superior: str | None = None  # "Ủy ban nhân dân tỉnh Lâm Sơn" above a Sở
    chain: list[PlaceRef] = field(default_factory=list)

    named: bool = False  # the body's name already holds its place ("Tỉnh ủy Lâm Sơn")

    @property
    def issuer(self) -> str | None:
        if not self.chain:
            return None
        if self.named and self.body:
            return self.body
        return f"{self.body or 'Ủy ban nhân dân'} {self.chain[0].label}"


class _Tokens:
    def __init__(self, words: list[str]) -> None:
        self.words = words
        self.folded = _f(words)

    def match(self, i: int, phrases: list[tuple[list[str], str]]) -> tuple[int, str] | None:
        for p, display in phrases:
            if self.folded[i : i + len(p)] == p:
                return i + len(p), display
        return None

    def level_at(self, i: int) -> tuple[int, str] | None:
        m = self.match(i, _LEVEL_P)
        if m is None or self.match(i, _PARTY_P) is not None:
            return None
        if self.folded[i : i + 2] == _XA_HOI:
            return None  # "… Xã hội" ends a body's name ("Phòng Văn hóa - Xã hội"), it is no commune
        if m[0] >= len(self.words) or self.stop_at(m[0]):
            return None
        return m[0], "thành phố" if m[1] == "tp." else m[1]

    def joined(self, i: int) -> bool:
        """A council's name inside a body's name: "VĂN PHÒNG HĐND VÀ UBND" is one office."""
        m = self.match(i, _COUNCIL_P)
        return m is not None and (self.folded[i - 1:i] == _VA or self.folded[m[0]:m[0] + 1] == _VA)

    def starts_other(self, i: int) -> bool:
        """A body or a party committee begins at word i (so a place name before it ends there)."""
        return self.match(i, _BODY_P) is not None or self.match(i, _PARTY_P) is not None

    def stop_at(self, i: int) -> bool:
        return (self.match(i, _COUNCIL_P) is not None or self.match(i, _TYPE_P) is not None
                or self.match(i, _AUTH_P) is not None or self.folded[i] in ("số", "v/v"))


def _issuer_elements(words: list[str], gaz: Gazetteer) -> list[_Element]:
    toks = _Tokens(words)
    out: list[_Element] = []
    i, n = 0, len(words)
    while i < n:
        if toks.match(i, _TYPE_P) and out:
            break  # the title starts: the issuer is above it
        if (m := toks.match(i, _AUTH_P)) is not None:
            i = m[0]
            continue
        if (m := toks.match(i, _PARTY_P)) is not None:
            k = m[0]
            while k < n and k - m[0] < 4 and toks.level_at(k) is None and not toks.stop_at(k) \
                    and toks.match(k, _BODY_P) is None:
                k += 1
            name = _name_only(" ".join(words[m[0]:k]))
            level = _PARTY[m[1]]
            head = m[1][:1].upper() + m[1][1:]
            out.append(_Element("party", f"{head} {name}" if name else head,
                                PlaceRef(name, level, _tier(level), "header") if name else None))
            i = k
            continue
        if (m := toks.match(i, _COUNCIL_P)) is not None:
            place, i = _place_at(toks, m[0], gaz)
            out.append(_Element("council", _COUNCILS[m[1]], place))
            continue
        if toks.level_at(i) is not None:
            place, i = _place_at(toks, i, gaz)
            if place is not None:
                out.append(_Element("place", place=place))
            continue
        if (m := toks.match(i, _BODY_P)) is not None and toks.folded[i : i + 2] != _BAN_HANH:
            j = m[0]
            while j < n and toks.level_at(j) is None and (not toks.stop_at(j) or toks.joined(j)):
                j += 1
            body = " ".join(words[i:j])
            place, i = _place_at(toks, j, gaz) if j < n and toks.level_at(j) else (None, j)
            out.append(_Element("body", body, place))
            continue
        i += 1
    return out


def _place_at(toks: _Tokens, i: int, gaz: Gazetteer) -> tuple[PlaceRef | None, int]:
    """The "<LEVEL> <NAME>" at word i, and the index after it."""
    lv = toks.level_at(i) if i < len(toks.words) else None
    if lv is None:
        return None, i
    j, level = lv
    k = j
    while k < len(toks.words) and k - j < 5 and toks.level_at(k) is None and not toks.stop_at(k):
        k += 1
    name_words = toks.words[j:k]
    # A body written straight after the place ("… LÂM SƠN SỞ Y TẾ") is not part of its name: keep the
    # longest prefix the gazetteer knows, else cut before the first body word.
    cut = len(name_words)
    # A known name counts only where a body starts right after it: a document's own place may begin
    # with a real name ("THANH" of an unknown "THANH LĨNH") and must not be cut there.
    known = [c for c in range(len(name_words), 0, -1) if gaz.knows(" ".join(name_words[:c]))
             and (c == len(name_words) or toks.starts_other(j + c))]
    if known:
        cut = known[0]
    else:
        for c in range(1, len(name_words)):
            if toks.starts_other(j + c):
                cut = c
                break
    name = " ".join(name_words[:cut]).strip(" ,.;:-")
    if not name:
        return None, k
    return PlaceRef(place_title(name), level, _tier(level), "header"), j + cut


def _header_words(cells: list[str]) -> list[str]:
    """The issuer's words in the header cells: capitalised runs, or a cell that starts with a body."""
    words: list[str] = []
    for cell in cells:
        if _NUMBER_CELL_RE.match(cell) or _DATE_RE.search(cell):
            continue
        cw = cell.split()
        folded = _f(cw)
        starts_body = any(folded[: len(p)] == p for p, _ in _COUNCIL_P + _BODY_P) and folded[:2] != _BAN_HANH
        if starts_body and not cell.isupper():
            words.extend(cw)
            continue
        run: list[str] = []
        for w in cw:
            letters = [c for c in w if c.isalpha()]
            if not letters or all(c.isupper() for c in letters):
                run.append(w)
            else:
                if run:
                    words.extend(run)
                run = []
        words.extend(run)
    # Rules and stars ("*", "-------") between the lines are no words; a lone dash inside a name is.
    return [w.strip(",;:") for w in words if w.strip(",;:") and re.search(r"[\w&]|^[-–]$", w)]


def header_cells(text: str) -> list[str]:
    """The header's cells with the Quốc hiệu and rules removed: "ỦY BAN NHÂN DÂN", "TỈNH X", "Số: …"."""
    text = _MOTTO_RE.sub("\n", text)
    return [c.strip() for c in _CELL_SPLIT_RE.split(text) if c and c.strip()]


def read_issuer(head: str, authority: str, title: str | None, body_text: str, date_place: str | None,
                date: str | None, gaz: Gazetteer | None = None) -> IssuerReading:
    """Issuer and place chain of a document.

    `head` is the text above the title; `authority` a decision's authority line below it; `body_text` the
    document's opening (for "UBND xã X xây dựng …" and mentions of the units above); `date_place` the
    place written before ", ngày …"; `date` the ISO issue date, which tells the administration.
    """
    gaz = gaz if gaz is not None else load_gazetteer()
    elements = _issuer_elements(_header_words(header_cells(head)), gaz)
    if not any(e.kind != "place" and e.place for e in elements) and authority:
        elements += _issuer_elements(_header_words(header_cells(authority)), gaz)
    reading = IssuerReading()
    issuers = [i for i, e in enumerate(elements) if e.kind != "place"]
    own: PlaceRef | None = None
    others: list[PlaceRef] = []
    if issuers:
        last = issuers[-1]
        issuer = elements[last]
        reading.body = _display_body(issuer.name, body_text) if issuer.kind == "body" else issuer.name
        reading.named = issuer.kind == "party"
        superior = next((elements[i] for i in reversed(issuers[:-1])), None)
        own = issuer.place
        if superior is not None and superior.place is not None:
            if own is None:
                own = superior.place
            if issuer.kind == "body" or superior.place is not own:
                reading.superior = f"{superior.name} {superior.place.label}"
        if own is None:  # "UBND TỈNH X" above, the issuer's line without a place
            own = next((e.place for e in elements[:last] if e.kind == "place" and e.place), None)
    others += [e.place for e in elements if e.place is not None and e.place is not own]
    if own is None:
        subject = _SUBJECT_RE.search(body_text)
        if subject:
            own = PlaceRef(_name_only(subject.group(2)), subject.group(1).lower(),
                           _tier(subject.group(1).lower()), "text")
    title_places = [_ref(m, "title") for m in _MENTION_RE.finditer(title or "")]
    if own is None and title_places:
        own = next((p for p in title_places if _after_dia_ban(title or "", p)), title_places[0])
    if own is None and date_place:
        own = _date_line_place(date_place, body_text, gaz)
    if own is None:
        return reading
    own = _settle_own(own, others + title_places, gaz)
    others += [p for p in title_places if p.name != own.name or p.level != own.level]
    others += _text_parents(own, body_text)
    above = [r for r in (_settle_other(r, own) for r in others) if TIER_RANK[r.tier] > TIER_RANK[own.tier]]
    reading.chain = complete_chain(order_chain([own, *above]), date, gaz)
    return reading


def _tier(level: str) -> str:
    """Tier of a level word; "" for "thành phố" until the chain it sits in settles it."""
    return tier_of(level) if level != "thành phố" else ""


def _ref(m: re.Match[str], source: str) -> PlaceRef:
    level = m.group(1).lower()
    level = "thành phố" if level.startswith("tp") else level
    return PlaceRef(_name_only(m.group(2)), level, _tier(level), source)


# Words that follow a place name in a title written in capitals ("… TỈNH X GIAI ĐOẠN 2021-2025"): the
# name stops before them. In ordinary text they are lower case and never taken.
_AFTER_NAME = {fold(w) for w in ("giai", "năm", "về", "và", "đến", "trên", "của", "theo", "vì", "tại", "cho",
                                 "với", "thuộc", "trong", "nhằm", "để", "đạt", "từ", "lần", "thứ")}


def _name_only(words: str) -> str:
    kept: list[str] = []
    for w in collapse_ws(words).split():
        if kept and (fold(w.strip(",.;:")) in _AFTER_NAME or w[:1].isdigit()):
            break
        kept.append(w)
        if w.endswith((",", ";", ":")):
            break
    return place_title(" ".join(kept)).strip(" ,.;:-")


def _after_dia_ban(title: str, p: PlaceRef) -> bool:
    return re.search(rf"địa\s+bàn\s+{re.escape(p.level)}\s+{re.escape(p.name)}", title, re.IGNORECASE) is not None


def _settle_own(own: PlaceRef, others: list[PlaceRef], gaz: Gazetteer) -> PlaceRef:
    """A city issuer ("thành phố X") is under a province when one is named above it, else centrally run
    when the gazetteer says so; a city only the gazetteer's old districts know is under a province."""
    if own.tier:
        return own
    if any(r.tier == PROVINCE for r in others):
        below = True
    else:
        units = gaz.find(own.name)
        below = not any(u.tier == PROVINCE for u in units) and any(u.tier == DISTRICT for u in units)
    return PlaceRef(own.name, own.level, tier_of(own.level, below_province=below), own.source)


def _settle_other(ref: PlaceRef, own: PlaceRef) -> PlaceRef:
    """A city named above a commune is its district-tier city; above a district, its province."""
    if ref.tier:
        return ref
    return PlaceRef(ref.name, ref.level, DISTRICT if own.tier == COMMUNE else PROVINCE, ref.source)


def _text_parents(own: PlaceRef, text: str) -> list[PlaceRef]:
    """Units above the issuer that the opening names ("Thực hiện Kế hoạch … của UBND huyện X"): the first
    of each higher tier, for a district or commune plan whose header names only itself."""
    if own.tier == PROVINCE:
        return []
    found: list[PlaceRef] = []
    for m in _MENTION_RE.finditer(text):
        ref = _settle_other(_ref(m, "text"), own)
        if TIER_RANK[ref.tier] > TIER_RANK[own.tier] and not any(f.tier == ref.tier for f in found):
            found.append(ref)
    return found


def _date_line_place(text: str, body_text: str, gaz: Gazetteer) -> PlaceRef | None:
    m = re.match(rf"^((?i:{_LEVEL_ALT}|tp\.?))\s+(.+)$", text)
    if m:
        level = "thành phố" if m.group(1).lower().startswith("tp") else m.group(1).lower()
        return PlaceRef(place_title(m.group(2)), level, _tier(level), "date_line")
    key = place_key(text)
    for mm in _MENTION_RE.finditer(body_text):  # the level the document itself gives that name
        if place_key(mm.group(2)) == key:
            ref = _ref(mm, "date_line")
            return PlaceRef(place_title(text), ref.level, ref.tier, "date_line")
    units = gaz.find(text)
    tiers = {u.tier for u in units}
    if len(tiers) == 1:
        u = units[0]
        return PlaceRef(place_title(text), u.level, u.tier, "date_line")
    return None


def date_line(head: str) -> tuple[str | None, tuple[int | None, int, int] | None]:
    """The place and date of "<Place>, ngày 05 tháng 3 năm 2020" (day may be left blank)."""
    for m in _DATE_RE.finditer(head):
        if m.group(2) is None or not m.group(2).isdigit():
            continue
        start = max(head.rfind("\n", 0, m.start()), head.rfind("|", 0, m.start())) + 1
        prefix = _MOTTO_RE.sub(" ", head[start : m.start()])
        prefix = re.split(r"[-_=–—*~]{3,}", prefix)[-1]
        words = prefix.split()
        run: list[str] = []
        for w in reversed(words):
            if (w[:1].isupper() or w in ("-", "–")) and len(run) < 6:
                run.insert(0, w)
            else:
                break
        while run and run[0] in ("-", "–"):
            run.pop(0)
        place = " ".join(run).strip(" ,.;:") or None
        if place and (re.match(r"^Số\b", place) or not place[:1].isalpha()):
            place = None
        if place is None and words and len(" ".join(words)) > 60:
            continue  # a sentence that happens to contain ", ngày …": not the place-and-date line
        day = int(m.group(1)) if m.group(1) and m.group(1).isdigit() else None
        if place and re.fullmatch(rf"(?i:{_LEVEL_ALT})", place):
            place = None  # "Thị trấn, ngày …": a level without its name
        return place, (day, int(m.group(2)), int(m.group(3)))
    return None, None


def _display_body(caps: str, text: str) -> str:
    """A body's name written in capitals, as the document writes it elsewhere ("SỞ Y TẾ" -> "Sở Y tế")."""
    words = caps.split()
    if not any(w.isupper() and len(w) > 1 for w in words):
        return collapse_ws(caps)
    pattern = r"\s*".join(re.escape(w) for w in words)
    for m in re.finditer(pattern, text, re.IGNORECASE):
        found = collapse_ws(m.group(0))
        if not found.isupper():
            return found
    return _body_case(words)


def _body_case(words: list[str]) -> str:
    """The usual casing of a body's name: its head word, then the first word of each part of the name
    ("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI" -> "Sở Lao động - Thương binh và Xã hội"); abbreviations stay."""
    folded = _f(words)
    head = next((len(p) for p, _ in _BODY_P + _COUNCIL_P if folded[: len(p)] == p), 1)
    out: list[str] = []
    capital = False
    for k, w in enumerate(words):
        key = re.sub(r"[^a-z]", "", fold_ascii(w))
        if w.isupper() and key in ABBREVIATIONS:
            out.append(w)
        elif k in (0, head) or (k > head and capital):
            out.append(w[:1].upper() + w[1:].lower())
        else:
            out.append(w.lower())
        capital = w in ("-", "–", "&") or w.endswith(",") or fold(w) == fold("và")
    return collapse_ws(" ".join(out))
