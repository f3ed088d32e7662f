"""Question understanding: intent and slots, in Vietnamese or English, with or without diacritics."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal, Protocol

from bot.places import PlaceDirectory, PlaceMatch, within_one_edit
from ingest.agencies import ABBREVIATIONS, agency_key
from ingest.normalize import collapse_ws, fold_ascii, nfc

_EN_WORDS = {"who", "which", "what", "how", "many", "indicator", "indicators", "owns", "own", "responsible",
             "lead", "leads", "target", "targets", "budget", "the", "is", "of", "in", "does", "for", "department",
             "agency", "when", "report", "deadline", "plan", "about", "and", "signed", "say", "says"}
_VI_ASCII_WORDS = {"chi", "tieu", "ai", "nao", "bao", "nhieu", "cua", "tinh", "so", "la", "gi", "phu", "trach",
                   "co", "quan", "thi", "sao", "con", "nhung", "muc", "kinh", "phi", "nam", "huyen", "xa", "do",
                   "ve", "cho", "duoc", "trong", "va"}

# "chỉ tiêu 14", typed fast: "chi tieu 14", "chỉ tiu 14", "chitieu 14", "ct 14", "indicator #14".
_NUMBER_RE = re.compile(
    r"\b(?:chi\s*tie?u|chj\s*tieu|indicator|target|ct)\s*(?:so|thu|number|no\.?|#)?\s*(\d{1,3})\b"
    r"|\b(?:chi\s*tie?u|indicator)s?\s+(\d{1,3})\b"
)
_FOLLOWUP_RE = re.compile(r"\b(thi sao|con\b|the con|what about|how about|and in|and for|va o|o .* thi sao)")
_DOC_NUMBER_RE = re.compile(r"\b(\d{1,5})\s*/\s*([A-Za-zĐđ]{1,6}(?:\s*-\s*[A-Za-zĐđ]{1,8})+)")
# "Kế hoạch môi trường năm 2024 của huyện X", "kế hoạch 2021": the year names the plan (a plan not for that
# year is not the one asked about). Words between may name its topic and place, not a target or a span of
# time: "kế hoạch đặt mục tiêu năm 2030", "kế hoạch kéo dài đến năm 2030" ask about a year inside a plan.
_DOC_YEAR_RE = re.compile(
    r"\b(ke hoach|chuong trinh|quyet dinh|van ban|plan|programme|program)\s+((?:[a-z/-]+\s+){0,8}?)"
    r"(?:nam\s+|for\s+|of\s+|in\s+)?((?:19|20)\d\d)\b")
_EN_YEAR_PLAN_RE = re.compile(r"\b((?:19|20)\d\d)\s+(?:[a-z-]+\s+){0,2}?(?:plan|programme|program)\b")
_NOT_PLAN_YEAR_RE = re.compile(
    r"\b(chi tieu|muc tieu|dat|giao|ty le|phan dau|den|toi|truoc|sau|tu|giai doan|keo dai|ket thuc|"
    r"target|indicator|goal|until|by|before|after|from|through|to|reach|runs?|lasts?)\b")
_YEAR_RE = re.compile(r"\b((?:19|20)\d\d)\b")


@dataclass
class Query:
    text: str
    folded: str
    language: Literal["vi", "en"] = "vi"
    intent: str = "free"  # the name of the registered intent that answers it (bot.intents)
    indicator: int | None = None
    agency_keys: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)  # folded place names of ingested documents
    unknown_place: str | None = None
    place_match: PlaceMatch | None = None  # the documents the named places select, pre-2025 names
    doc_number: str | None = None
    doc_year: int | None = None
    year: int | None = None
    plan_words: list[str] = field(default_factory=list)  # "kế hoạch bình đẳng giới": the plan named by its topic
    is_followup: bool = False
    topic: str | None = None  # text naming the indicator's topic, kept across follow-ups

    def with_updates(self, **kw: object) -> Query:
        return replace(self, **kw)  # type: ignore[arg-type]


def detect_language(text: str, folded: str) -> Literal["vi", "en"]:
    if fold_ascii(text) != text.lower():
        return "vi"
    words = re.findall(r"[a-z]+", folded)
    en = sum(w in _EN_WORDS for w in words)
    vi = sum(w in _VI_ASCII_WORDS for w in words)
    return "en" if en > vi else "vi"


# English names of the usual bodies, mapped to how Vietnamese documents write them.
ENGLISH_BODIES = {
    "labour": "Lao động - Thương binh và Xã hội", "labor": "Lao động - Thương binh và Xã hội",
    "social affairs": "Lao động - Thương binh và Xã hội", "molisa": "Lao động - Thương binh và Xã hội",
    "health": "Y tế", "education": "Giáo dục và Đào tạo", "justice": "Tư pháp",
    "culture": "Văn hóa, Thể thao và Du lịch", "tourism": "Văn hóa, Thể thao và Du lịch",
    "information and communications": "Thông tin và Truyền thông", "communications": "Thông tin và Truyền thông",
    "finance": "Tài chính", "planning and investment": "Kế hoạch và Đầu tư", "home affairs": "Nội vụ",
    "police": "Công an", "public security": "Công an", "youth union": "Đoàn", "women's union": "Hội Liên hiệp Phụ nữ",
    "women": "Hội Liên hiệp Phụ nữ",
}
_EN_BODY_RE = re.compile(
    r"\b(" + "|".join(sorted(map(re.escape, ENGLISH_BODIES), key=len, reverse=True)) + r")\b"
    r"(?:\s+(department|office|division|service|sector))?|\b(department|office) of (?:the )?("
    + "|".join(sorted(map(re.escape, ENGLISH_BODIES), key=len, reverse=True)) + r")\b"
)


def english_body_keys(folded: str, agencies: dict[str, str]) -> list[str]:
    """Bodies named in English ("the health department", "department of justice")."""
    found: list[str] = []
    for m in _EN_BODY_RE.finditer(folded):
        word = m.group(1) or m.group(4)
        kind = m.group(2) or m.group(3)
        if not kind and word not in ("police", "public security", "youth union", "women's union"):
            continue
        tail = agency_key(ENGLISH_BODIES[word])
        # Prefer the department (Sở / Phòng) among the bodies whose name ends that way.
        cands = [k for k in agencies if k.endswith(tail) or f" {tail} " in f" {k} "]
        cands.sort(key=lambda k: (not k.startswith(("so ", "phong ")), len(k)))
        if cands:
            found.append(cands[0])
    return found


@dataclass
class Catalog:
    """What the index knows about: places and bodies, to recognise them in questions."""

    places: dict[str, str]  # folded place name -> display name
    agencies: dict[str, str]  # agency key -> display name
    doc_numbers: dict[str, str]  # folded number -> doc id
    directory: PlaceDirectory | None = None  # every unit of every document's place chain


class IntentDetector(Protocol):
    """The part of an intent (bot.intents.base.Intent) question understanding reads."""

    name: str

    def detect(self, q: Query) -> float: ...


def choose_intent(q: Query, intents: Sequence[IntentDetector]) -> str:
    """The registered intent scoring the question highest; the first one listed wins a tie."""
    best, name = 0.0, "free"
    for intent in intents:
        score = intent.detect(q)
        if score > best:
            best, name = score, intent.name
    return name


def understand(question: str, catalog: Catalog, intents: Sequence[IntentDetector] = ()) -> Query:
    text = collapse_ws(nfc(question))
    folded = fold_ascii(text)
    q = Query(text=text, folded=folded, language=detect_language(text, folded))

    m = _NUMBER_RE.search(folded)
    if m:
        q.indicator = int(m.group(1) or m.group(2))

    directory = catalog.directory or PlaceDirectory({f"name:{k}": {"place": v} for k, v in catalog.places.items()})
    q.place_match = directory.match(text)
    q.places = q.place_match.names
    q.unknown_place = q.place_match.unknown

    dn = _DOC_NUMBER_RE.search(text)
    if dn:
        q.doc_number = fold_ascii(re.sub(r"\s+", "", dn.group(0)))
    dy = _DOC_YEAR_RE.search(folded)
    if dy and not _NOT_PLAN_YEAR_RE.search(dy.group(2)):
        q.doc_year = int(dy.group(3))
    elif (ey := _EN_YEAR_PLAN_RE.search(folded)) and q.language == "en":
        q.doc_year = int(ey.group(1))  # "the 2019 plan", "the 2024 environment plan"
    q.plan_words = plan_words(folded, q.places)
    years = [int(y) for y in _YEAR_RE.findall(folded)]
    q.year = years[-1] if years else None

    # Question marks end a body's name too ("… cho Công an xã?"); agency_key keeps them.
    qkey = " " + agency_key(re.sub(r"[?!…]+", " ", _upper_abbreviations(text))) + " "
    matched = [k for k in catalog.agencies if f" {k} " in qkey]
    if not matched:
        matched = _near_agencies(qkey, catalog.agencies)
    if not matched:
        # "Sở VHTTDL", "ngành y tế": match on the name without its head word when that is unique.
        tails: dict[str, list[str]] = {}
        for k in catalog.agencies:
            parts = k.split()
            if len(parts) >= 3 or (len(parts) == 2 and parts[0] == "so"):
                tails.setdefault(" ".join(parts[1:]), []).append(k)
        # A tail that is a place's name ("Báo Lam Sơn" -> "lam son") names the place, not the body.
        place_names = set(q.places) | set(catalog.places)
        matched = [ks[0] for t, ks in tails.items()
                   if len(ks) == 1 and f" {t} " in qkey and len(t) > 3 and t not in place_names]
    if not matched and q.language == "en":
        matched = english_body_keys(folded, catalog.agencies)
    # Keep the most specific names ("so y te" rather than a key contained in it).
    q.agency_keys = [k for k in matched if not any(k != o and k in o for o in matched)]

    q.intent = choose_intent(q, intents)
    q.is_followup = bool(_FOLLOWUP_RE.search(folded)) and len(folded.split()) <= 10
    return q


# Short forms of bodies typed in lower case on a phone ("ubnd cac xa", "so ldtbxh"): only those of four
# letters or more, which no Vietnamese syllable spells.
_LOWER_ABBREV_RE = re.compile(r"(?<![\w&])(" + "|".join(sorted((k for k in ABBREVIATIONS if len(k) >= 4),
                                                             key=len, reverse=True)) + r")(?![\w&])")


def _upper_abbreviations(text: str) -> str:
    return _LOWER_ABBREV_RE.sub(lambda m: m.group(1).upper(), text)


# A body's head word: a question naming none names no body, and a near spelling is not looked for.
_HEAD_WORDS = ("so ", "phong ", "ban ", "uy ban ", "trung tam ", "chi cuc ", "van phong ", "hoi ", "cong an ",
               "cong chuc ", "tram ", "doan ", "bao hiem ")


def _near_agencies(qkey: str, agencies: dict[str, str]) -> list[str]:
    """A body named with a typo ("phòng tài chín - kế hoạch"): the one body whose key is one letter away from
    the same number of the question's words, for names long enough that one letter does not make another."""
    if not any(f" {h}" in qkey for h in _HEAD_WORDS):
        return []
    words = qkey.split()
    found: list[str] = []
    for k in agencies:
        n = len(k.split())
        if len(k) < 12 or not k.startswith(_HEAD_WORDS):
            continue
        for i in range(len(words) - n + 1):
            window = " ".join(words[i: i + n])
            if window[:3] == k[:3] and within_one_edit(window, k):
                found.append(k)
                break
    return found if len(found) == 1 else []


# "Kế hoạch bình đẳng giới của huyện X", "chương trình về phổ cập giáo dục năm 2026": the words naming a plan by
# its topic run from the plan word to the place, the year, or the question's own words.
_PLAN_NAME_RE = re.compile(r"\b(?:ke hoach|chuong trinh)\s+(?:ve\s+|thuc hien\s+)?((?:[a-z]+\s+){0,7}[a-z]+)")
_PLAN_NAME_END = set("cua nam tai o cho do tren giai doan la co duoc ban hanh ky nao gi ai the nhieu may "
                     "chi tieu muc tieu nhiem vu kinh phi dat tinh thanh huyen quan thi xa phuong tran "
                     "dac khu nay dia ban va hay".split())
# Words that end the name only before another: "bao nhiêu" (not "bảo vệ"), "số 12" / "số mấy" (not "chuyển đổi số").
_PLAN_NAME_END_BEFORE = {"bao": {"nhieu", "gio"}, "so": {"may", "bao", "hieu", "ky"}, "giao": {"cho", "chi"}}


def plan_words(folded: str, places: Sequence[str] = ()) -> list[str]:
    """The topic words a question names a plan by ("kế hoạch bình đẳng giới" -> bình, đẳng, giới), folded."""
    m = _PLAN_NAME_RE.search(folded)
    if not m:
        return []
    place_words = set(" ".join(places).split())
    out: list[str] = []
    words = m.group(1).split()
    for k, w in enumerate(words):
        nxt = words[k + 1] if k + 1 < len(words) else ""
        if w in _PLAN_NAME_END or w in place_words or nxt in _PLAN_NAME_END_BEFORE.get(w, ()):
            break
        out.append(w)
    return out


def _substitute(previous: str, followup: str) -> str:
    """Ask the previous question again about what the follow-up names instead.

    >>> _substitute("Bình Sơn: cấp huyện bố trí kinh phí tối thiểu bao nhiêu?", "còn cấp xã thì sao?")
    'Bình Sơn: cấp xã bố trí kinh phí tối thiểu bao nhiêu?'
    """
    words = [w for w in re.findall(r"\w+", followup) if fold_ascii(w) not in _FOLLOWUP_WORDS]
    folded_prev = fold_ascii(previous)  # same length as `previous`: each letter folds to one letter
    for first, second in itertools.pairwise(words):
        m = re.search(rf"(?<!\w){re.escape(fold_ascii(first))}\s+\w+", folded_prev)
        if m:
            return previous[: m.start()] + f"{first} {second}" + previous[m.end():]
    return f"{previous} {' '.join(words)}"


_FOLLOWUP_WORDS = set("con thi sao the va o tai chi tieu so what about how and in for the of indicator ? ! . ,".split())


# Intents that read their question's slots (indicator number, body, year), not its words: a follow-up keeps
# its own text. The others read the words, so a follow-up is the previous question with its words swapped in.
_SLOT_INTENTS = {"owner", "indicators_of_body", "target", "indicator_text", "count"}


def merge_followup(q: Query, previous: Query | None) -> Query:
    """Fill what a short follow-up leaves out ("còn chỉ tiêu 15 thì sao?") from the previous turn."""
    if previous is None:
        return q
    # Only a question that adds nothing but slots ("chỉ tiêu 15?", "ở tỉnh Y?") or says it follows
    # on ("... thì sao?") inherits; a new question with its own topic stands alone.
    slots = {str(q.indicator or ""), str(q.year or "")} | set(" ".join(q.places).split())
    own_topic = [w for w in q.folded.split() if w not in _FOLLOWUP_WORDS and w not in slots]
    if not q.is_followup and own_topic:
        return q
    if q.intent not in ("free", "indicator_text") and not q.is_followup:
        return q
    updates: dict[str, object] = {}
    if previous.intent not in _SLOT_INTENTS and q.intent == "free":
        updates["text"] = _substitute(previous.text, q.text)
        updates["folded"] = fold_ascii(str(updates["text"]))
    if q.intent in ("free", "indicator_text") and previous.intent != "free":
        updates["intent"] = previous.intent
    if q.indicator is None and previous.indicator is not None and not q.agency_keys:
        updates["indicator"] = previous.indicator
    if q.indicator is None and previous.indicator is None and not q.agency_keys:
        updates["topic"] = previous.topic or previous.text
    if not q.agency_keys and previous.agency_keys and q.indicator is None:
        updates["agency_keys"] = previous.agency_keys
    if not q.places and not q.unknown_place and not q.doc_number:
        updates["places"] = previous.places
        updates["place_match"] = previous.place_match.inherited() if previous.place_match else None
        updates["doc_number"] = previous.doc_number
        if not q.plan_words:
            updates["plan_words"] = previous.plan_words
    if q.year is None and previous.year is not None:
        updates["year"] = previous.year
    updates["language"] = q.language if detect_language(q.text, q.folded) == "en" else previous.language
    return q.with_updates(**updates)
