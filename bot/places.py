"""Places in questions: which documents a place selects, places no document covers, pre-2025 names.

Every document has a place chain (its issuer's unit and the units above it). A question naming any
unit of a chain, at any level, with or without diacritics, finds the document; the document whose
own unit is named comes before the documents of the units below it. A place the gazetteer knows (or
that the question writes as "<level> <Name>") but no document covers gets the honest "no document
of <place>". A name from before the reorganisation of 1 July 2025 (an old province merged into
another, a district, a merged commune) is recognised: the answer says so, and when no document has
the old name, a document issued since by the unit that took it over answers instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from bot.answer import Answer
from ingest.normalize import fold, fold_ascii, has_vietnamese_diacritics
from ingest.places import (
    ALIASES,
    COMMUNE,
    CURRENT,
    CURRENT_LEVELS,
    DISTRICT,
    LEGACY,
    LEVEL_TIERS,
    LEVELS,
    PROVINCE,
    TIER_RANK,
    Gazetteer,
    Unit,
    era_of,
    load_gazetteer,
    place_key,
    tier_of,
)

# Level words as typed, folded: "thanh pho", "tp", "huyen" …, and English ones after the name.
_LEVEL_FOLDED = {fold_ascii(level): level for level in LEVELS} | {"tp": "thành phố"}
_LEVEL_RE = re.compile(r"(?<![a-z0-9])(" + "|".join(sorted(_LEVEL_FOLDED, key=len, reverse=True)) + r")\.?\s+")
_EN_LEVELS = {"province": PROVINCE, "city": "", "district": DISTRICT, "town": "", "commune": COMMUNE,
              "ward": COMMUNE}
_EN_LEVEL_RE = re.compile(r"(?<=[a-z0-9])\s+(" + "|".join(_EN_LEVELS) + r")\b")
# Words before a level word that make it generic ("cấp xã", "các huyện", "cơ quan", "địa phương").
_GENERIC_BEFORE = {"cap", "cac", "moi", "tung", "nhung", "co", "lien", "dia", "toan", "the", "all", "each"}
_NAME_WORD_RE = re.compile(r"[a-z0-9]+")
# Typed without diacritics, a level word can be another word's first syllable: "phuong an" is "phương án"
# (a plan), "quan ly" is "quản lý". General vocabulary; with diacritics the level word itself tells.
_NOT_LEVEL = {
    "phuong": {"an", "thuc", "tien", "phap", "huong", "cham", "dien", "trinh", "ngu"},
    "xa": {"hoi"}, "tinh": {"hinh", "than", "trang", "chat", "toan", "cam", "thanh", "tu"},
    "quan": {"ly", "tam", "he", "diem", "trong", "sat", "chung", "doi", "su", "niem", "triet"},
    "huyen": {"thoai"},
}
_EN_NOT_NAMES = {"which", "what", "who", "whom", "whose", "the", "a", "an", "in", "of", "for", "and", "how", "does",
                 "do", "is", "are", "each", "every", "all", "this", "that", "any", "same", "my", "our"}


@dataclass(frozen=True)
class DocPlace:
    """One unit of one document's place chain."""

    doc_id: str
    name: str
    level: str
    tier: str
    own: bool  # the issuer's own unit (not a unit above it)

    @property
    def key(self) -> str:
        return place_key(self.name)

    @property
    def label(self) -> str:
        return f"{self.level} {self.name}".strip()


@dataclass
class Mention:
    """A place named in a question."""

    name: str  # as typed
    key: str
    tier: str | None  # None when the question gives no level
    level: str | None
    start: int
    end: int
    diacritics: bool


@dataclass
class PlaceNote:
    """A question used a name from before 1 July 2025."""

    typed: str  # the name as the question wrote it
    old: str  # "tỉnh Bạc Liêu"
    now: list[str]  # what it became: ["tỉnh Bình Sơn"]
    via_successor: bool = False  # the documents are those of the unit that took the old one over


@dataclass
class PlaceMatch:
    names: list[str] = field(default_factory=list)  # place keys named in the question that documents have
    doc_ids: set[str] | None = None  # the documents they select; None when the question names no such place
    unknown: str | None = None  # a place no document covers, for "no document of <place>"
    notes: list[PlaceNote] = field(default_factory=list)
    # Every document whose place chain holds a named place: the plans of the units inside it too
    # ("kế hoạch liên quan đến tỉnh X" lists the district plans of X; "chỉ tiêu 5 của tỉnh X" does not).
    within: set[str] = field(default_factory=set)

    def inherited(self) -> PlaceMatch:
        """The match a follow-up keeps: the same documents; a note only when they are another unit's."""
        return replace(self, notes=[n for n in self.notes if n.via_successor])


def chain_of(meta: dict[str, Any]) -> list[dict[str, str]]:
    """A document's place chain from its stored metadata (older indexes have only place/parent_place)."""
    chain = meta.get("place_chain")
    if chain:
        return [dict(c) for c in chain]
    out: list[dict[str, str]] = []
    if meta.get("place"):
        level = meta.get("place_level") or ""
        out.append({"name": meta["place"], "level": level, "tier": tier_of(level) if level else ""})
    parent = meta.get("parent_place") or ""
    for level in LEVELS:
        if parent.lower().startswith(level + " "):
            out.append({"name": parent[len(level) + 1:], "level": level,
                        "tier": tier_of(level, below_province=True)})
            break
    return out


class PlaceDirectory:
    """Every unit of every document's chain, to recognise places in questions."""

    def __init__(self, metas: dict[str, dict[str, Any]], gazetteer: Gazetteer | None = None) -> None:
        self.gaz = gazetteer if gazetteer is not None else load_gazetteer()
        self.dates: dict[str, str | None] = {d: m.get("date") for d, m in metas.items()}
        self.entries: list[DocPlace] = []
        for doc_id, meta in metas.items():
            for k, c in enumerate(chain_of(meta)):
                if c.get("name"):
                    self.entries.append(DocPlace(doc_id, c["name"], c.get("level") or "", c.get("tier") or "",
                                                 k == 0))
        self.by_key: dict[str, list[DocPlace]] = {}
        for e in self.entries:
            self.by_key.setdefault(e.key, []).append(e)
        # Longest names first, so "Bà Rịa - Vũng Tàu" is found before any shorter name inside it.
        keys = {k for k in self.by_key if len(k) >= 3 and not k.isdigit()} | self.gaz.province_names() | _ALIAS_KEYS
        self._names_re = re.compile(r"(?<![a-z0-9])(" + "|".join(
            re.escape(k) for k in sorted(keys, key=len, reverse=True)) + r")(?![a-z0-9])")

    def names(self) -> dict[str, str]:
        """Place key -> display name, for every place a document has."""
        return {k: v[0].name for k, v in self.by_key.items()}

    # ---- reading the question ------------------------------------------------------------

    def mentions(self, text: str) -> list[Mention]:
        folded = fold_ascii(text)
        aligned = len(folded) == len(text)
        diacritics = has_vietnamese_diacritics(text)
        found: list[Mention] = []
        taken: list[tuple[int, int]] = []

        def free(s: int, e: int) -> bool:
            return all(e <= a or s >= b for a, b in taken)

        for m in _LEVEL_RE.finditer(folded):
            level = _LEVEL_FOLDED[m.group(1)]
            before = folded[: m.start()].split()[-1:] or [""]
            after = folded[m.end():].split(" ", 1)[0]
            if before[0] in _GENERIC_BEFORE or (m.group(1) == "xa" and after == "hoi"):
                continue  # "cấp xã", "các huyện", "cơ quan", "xã hội": no place
            typed_level = text[m.start(1): m.end(1)] if aligned else m.group(1)
            plain = not has_vietnamese_diacritics(typed_level)  # "huyen" typed bare in a question with marks
            if (not diacritics or plain) and after in _NOT_LEVEL.get(m.group(1), ()):
                continue
            if diacritics and aligned and not plain and fold(typed_level) != fold(level) and m.group(1) != "tp":
                continue  # "quan" of "quan tâm" is not "quận"
            words = _words_after(folded, m.end())
            mention = self._qualified(text if aligned else None, folded, words, level, diacritics)
            if mention and free(mention.start, mention.end):
                mention.start = m.start()
                found.append(mention)
                taken.append((m.start(), mention.end))
        for m in _EN_LEVEL_RE.finditer(folded):
            words = _words_before(folded, m.start())
            mention = self._qualified_en(text if aligned else None, words, m.group(1))
            if mention and free(mention.start, m.end()):
                found.append(mention)
                taken.append((mention.start, m.end()))
        for m in self._names_re.finditer(_spaced(folded)):
            key = m.group(1)
            if free(m.start(), m.end()):
                typed = text[m.start(): m.end()] if aligned else key
                if diacritics and key not in self.by_key and not self.gaz.find(typed, tier=PROVINCE):
                    continue  # typed with diacritics, and they are another name's
                tier = None if key in self.by_key else PROVINCE
                found.append(Mention(typed, ALIASES.get(key, key), tier, None, m.start(), m.end(), diacritics))
                taken.append((m.start(), m.end()))
        return sorted(found, key=lambda x: x.start)

    def _known(self, key: str, tier: str | None) -> bool:
        return any(_tier_fits(e.tier, tier) for e in self.by_key.get(key, []))

    def _qualified(self, text: str | None, folded: str, words: list[tuple[int, int]], level: str,
                   diacritics: bool) -> Mention | None:
        tier = LEVEL_TIERS.get(level)
        spans = [(words[0][0], words[n - 1][1]) for n in range(min(len(words), 5), 0, -1)] if words else []
        for s, e in spans:  # a place a document has
            if self._known(place_key(folded[s:e]), tier):
                return Mention((text or folded)[s:e], place_key(folded[s:e]), tier, level, s, e, diacritics)
        for s, e in spans:  # a real place the gazetteer knows, at that level
            typed = (text or folded)[s:e]
            if len(typed.split()) >= 2 or diacritics:
                units = self.gaz.find(typed, tier=tier)
                if units and (diacritics or len(place_key(typed)) > 4):
                    return Mention(typed, place_key(typed), tier, level, s, e, diacritics)
        if text is not None and words:  # "<level> <Capitalised Name>": a place, known or not
            n = next((k for k, w in enumerate(words[:4]) if not text[w[0]].isupper()), min(len(words), 4))
            if n:
                s, e = words[0][0], words[n - 1][1]
                return Mention(text[s:e], place_key(text[s:e]), tier, level, s, e, diacritics)
        return None

    def _qualified_en(self, text: str | None, words: list[tuple[int, int]], en_level: str) -> Mention | None:
        tier = _EN_LEVELS[en_level] or None
        source = text
        for n in range(min(len(words), 4), 0, -1):
            s, e = words[-n][0], words[-1][1]
            typed = (source or "")[s:e] if source else ""
            key = place_key(typed) if typed else ""
            if key and (self._known(key, tier) or (len(key) > 4 and self.gaz.find(typed, tier=tier))):
                return Mention(typed, key, tier, None, s, e, has_vietnamese_diacritics(typed))
        if source is not None and words:
            caps: list[tuple[int, int]] = []
            for s, e in reversed(words[-4:]):
                if not source[s].isupper() or s == 0 or source[s:e].lower() in _EN_NOT_NAMES:
                    break  # a sentence's first word or a question word is no name
                caps.insert(0, (s, e))
            if caps:
                s, e = caps[0][0], caps[-1][1]
                return Mention(source[s:e], place_key(source[s:e]), tier, None, s, e, False)
        return None

    # ---- choosing documents ---------------------------------------------------------------

    def match(self, text: str) -> PlaceMatch:
        mentions = self.mentions(text)
        result = PlaceMatch()
        selections: list[tuple[Mention, set[str], set[str]]] = []  # mention, own docs, all docs
        unknown: list[Mention] = []
        for mn in mentions:
            entries = [e for e in self.by_key.get(mn.key, []) if _tier_fits(e.tier, mn.tier)]
            if not entries:
                unknown.append(mn)
                continue
            result.names.append(mn.key)
            own = {e.doc_id for e in entries if e.own}
            selections.append((mn, own, {e.doc_id for e in entries}))
            note = self.note_for(mn, entries)
            if note:
                result.notes.append(note)
        # A name no document has exactly: a typo of one ("Hà Lãnh" for "Hà Lãng"), or a document's place
        # given the wrong level ("tỉnh X" for the district X). Taken only when one place fits and the
        # name is no real unit at the level typed (then it is another place, and "no document" is honest).
        for mn in list(unknown):
            entries = self._near(mn)
            if entries:
                unknown.remove(mn)
                result.names.append(entries[0].key)
                selections.append((mn, {e.doc_id for e in entries if e.own}, {e.doc_id for e in entries}))
        if selections:
            # "huyện X, tỉnh Y" where only Y has a plan: the question is about X, and Y's plan is not X's.
            finer = [mn for mn in unknown if mn.level and mn.tier and self.note_for(mn, []) is None
                     and all(TIER_RANK.get(mn.tier, 3) < TIER_RANK.get(sel[0].tier or _tier_of_docs(sel, self.entries), 3)
                             for sel in selections)]
            if finer:
                return PlaceMatch(unknown=self._display(finer[0]))
            result.doc_ids = _most_specific(selections, self.entries)
            result.within = set().union(*(every for _mn, _own, every in selections))
            return result
        for mn in unknown:
            note = self.note_for(mn, [])
            docs = self._successor_docs(mn) if note else set()
            if note:
                note.via_successor = bool(docs)
                result.notes.append(note)
            if docs:
                result.names.append(mn.key)
                result.doc_ids = docs
                return result
        if unknown:
            result.unknown = self._display(unknown[0])
        return result

    def _near(self, mn: Mention) -> list[DocPlace]:
        """The entries of the one document place a mention that matched none most likely means."""
        if self.gaz.find(mn.name if mn.diacritics else mn.key, tier=mn.tier):
            return []  # a real unit of that name and level: not a slip for a document's place
        same_name = self.by_key.get(mn.key, [])
        if same_name and mn.tier is not None:
            return same_name  # the document's place, at another level than the question says
        if len(mn.key) < 5:
            return []  # short names are too close to each other for a typo to tell them apart
        near = [k for k in self.by_key if _tier_fits_any(self.by_key[k], mn.tier) and within_one_edit(mn.key, k)]
        return self.by_key[near[0]] if len(near) == 1 else []

    def _display(self, mn: Mention) -> str:
        name = mn.name
        if not mn.diacritics:
            units = self.gaz.find(mn.name, tier=mn.tier) or []
            if units:
                name = units[0].name
        name = name if any(c.isupper() for c in name) else name.title()
        level = mn.level
        if level is None and mn.tier == PROVINCE:
            unit = self.gaz.province_unit(name)
            level = unit.level if unit else None
        return f"{level} {name}" if level else name

    # ---- names from before 1 July 2025 -----------------------------------------------------

    def _units(self, mn: Mention, entries: list[DocPlace]) -> list[Unit]:
        """The real units a mention can mean, narrowed by the level it gives and the documents it matched."""
        tier = mn.tier
        if tier is None and entries:
            own = [e for e in entries if e.own] or entries
            tier = own[0].tier or None
        units = self.gaz.find(mn.name if mn.diacritics else mn.key, tier=tier)
        if tier is None:
            provinces = [u for u in units if u.tier == PROVINCE]
            units = provinces or units
        if mn.level:
            same = [u for u in units if u.level == mn.level]
            units = same or units
        provinces_named = {place_key(e.name) for e in self.entries if e.tier == PROVINCE
                           and e.doc_id in {x.doc_id for x in entries}}
        if provinces_named:
            # The documents say which province they are in: a real unit elsewhere is another place.
            units = [u for u in units if place_key(u.province) in provinces_named
                     or any(place_key(s.province) in provinces_named for s in self.gaz.successors(u))]
        return units

    def note_for(self, mn: Mention, entries: list[DocPlace]) -> PlaceNote | None:
        units = self._units(mn, entries)
        if not units:
            return None
        if mn.level and mn.level not in CURRENT_LEVELS:
            old = [u for u in units if u.era == LEGACY]
        elif all(self.gaz.is_pre_2025_only(u) for u in units):
            old = units
        else:
            return None
        if not old:
            return None
        now: list[str] = []
        for u in old:
            for s in self.gaz.successors(u):
                label = s.label if s.tier == PROVINCE else f"{s.label} ({_province_label(self.gaz, s)})"
                if label not in now:
                    now.append(label)
        level = mn.level or old[0].level
        if len({u.province for u in old}) > 1 and old[0].tier != PROVINCE:
            now = []  # the same name in several provinces: do not guess which one it became
        typed = mn.name if mn.diacritics or any(c.isupper() for c in mn.name) else old[0].name
        return PlaceNote(typed, f"{level} {old[0].name}", now[:3])

    def _successor_docs(self, mn: Mention) -> set[str]:
        """Documents issued since 1 July 2025 by the unit(s) that took over an old unit the question names."""
        units = [u for u in self._units(mn, []) if u.era == LEGACY]
        if len({u.province for u in units}) > 1 and not all(u.tier == PROVINCE for u in units):
            return set()
        succ: list[Unit] = []
        for u in units:
            if u.tier == DISTRICT:
                succ += self._district_communes(u)
            succ += [s for s in self.gaz.successors(u) if s not in succ]
        current = {d for d, date in self.dates.items() if era_of(date) == CURRENT}
        for tier in (COMMUNE, PROVINCE):  # the most specific unit that has documents
            keys = {place_key(s.name) for s in succ if s.tier == tier}
            docs = {e.doc_id for e in self.entries if e.tier == tier and e.key in keys and e.doc_id in current
                    and (tier != COMMUNE or e.own)}
            if docs:
                return docs
        return set()

    def _district_communes(self, district: Unit) -> list[Unit]:
        out: list[Unit] = []
        for u in self.gaz.units:
            if u.era == LEGACY and u.tier == COMMUNE and u.province == district.province \
                    and u.district == district.label:
                out += [s for s in self.gaz.successors(u) if s not in out]
        return out


def _province_label(gaz: Gazetteer, unit: Unit) -> str:
    p = gaz.province_unit(unit.province, unit.era)
    return p.label if p else f"tỉnh {unit.province}"


def _tier_fits(have: str, want: str | None) -> bool:
    """A mention without a level, or with "thành phố", fits any tier / a province or district."""
    if want is None or not have:
        return True
    return have == want


def _tier_fits_any(entries: list[DocPlace], tier: str | None) -> bool:
    return any(_tier_fits(e.tier, tier) for e in entries)


def within_one_edit(a: str, b: str) -> bool:
    """Whether `a` becomes `b` by changing, adding or dropping one letter (a typo), `a` != `b`."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short_, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = next((k for k, (x, y) in enumerate(zip(short_, long_, strict=False)) if x != y), len(short_))
    return short_[i:] == long_[i + 1:]


def _most_specific(selections: list[tuple[Mention, set[str], set[str]]], entries: list[DocPlace]) -> set[str]:
    """Documents of the most specific places named: "xã X, huyện Y" is about X; "Bình Sơn và Tân Hòa" both.

    A named place that shares documents with a more specific named place is the unit above it, and adds
    nothing. Each place prefers the documents whose own unit it is."""
    ranked = sorted(selections, key=lambda s: TIER_RANK.get(s[0].tier or _tier_of_docs(s, entries), 3))
    chosen: set[str] = set()
    covered: set[str] = set()
    for _mn, own, every in ranked:
        docs = own or every
        if every & covered:
            continue
        chosen |= docs
        covered |= every
    return chosen


def _tier_of_docs(sel: tuple[Mention, set[str], set[str]], entries: list[DocPlace]) -> str:
    tiers = {e.tier for e in entries if e.key == sel[0].key}
    return min(tiers, key=lambda t: TIER_RANK.get(t, 3)) if tiers else ""


def _spaced(folded: str) -> str:
    """Folded text with punctuation turned to spaces, same length ("bà rịa-vũng tàu" finds "ba ria vung tau")."""
    return re.sub(r"[^a-z0-9\s]", " ", folded)


def _words_after(folded: str, pos: int) -> list[tuple[int, int]]:
    """Word spans after `pos`, up to the first punctuation other than a dash inside a name."""
    out: list[tuple[int, int]] = []
    for m in _NAME_WORD_RE.finditer(folded, pos):
        gap = folded[(out[-1][1] if out else pos): m.start()]
        if gap.strip(" -") or len(out) >= 5:
            break
        out.append((m.start(), m.end()))
    return out


def _words_before(folded: str, pos: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for m in _NAME_WORD_RE.finditer(folded[:pos]):
        out.append((m.start(), m.end()))
    # keep only the last run without punctuation between words
    run: list[tuple[int, int]] = []
    end = pos
    for s, e in reversed(out):
        if folded[e:end].strip(" -") or len(run) >= 4:
            break
        run.insert(0, (s, e))
        end = s
    return run


_ALIAS_KEYS = set(ALIASES)


# ---- plans named by their topic ---------------------------------------------------------------


def plans_named(words: list[str], metas: dict[str, dict[str, Any]], texts: dict[str, str]) -> set[str] | None:
    """The documents a question names by topic ("kế hoạch bình đẳng giới"): those whose title (or opening lines,
    when no title was read) has most of the words, when some documents do and others do not; else None (the
    words do not tell the plans apart, and scoping stays as it is)."""
    wanted = set(words)
    if not wanted or len(metas) < 2:
        return None
    hits = set()
    for doc_id, meta in metas.items():
        title = meta.get("title") or texts.get(doc_id, "")[:400]
        have = set(re.findall(r"[a-z0-9]+", fold_ascii(title)))
        if len(wanted & have) >= max(1, round(0.6 * len(wanted))):
            hits.add(doc_id)
    return hits if hits and len(hits) < len(metas) else None


def heading_names(place: str, texts: dict[str, str]) -> set[str]:
    """Documents whose opening lines (issuer, number and date line, title) name a place no place chain has: a
    plan whose place was not read at ingest is still found by it."""
    name = _name_part(place)
    key = place_key(name)
    if len(key) < 4:
        return set()
    pattern = re.compile(rf"(?<![a-z0-9]){re.escape(key)}(?![a-z0-9])")
    return {d for d, t in texts.items() if pattern.search(place_key(t[:600]))}


# ---- answers ---------------------------------------------------------------------------------


_EN_LEVEL_NAMES = {"tỉnh": "province", "thành phố": "city", "huyện": "district", "quận": "urban district",
                   "thị xã": "town", "xã": "commune", "phường": "ward", "thị trấn": "township",
                   "đặc khu": "special zone"}


def _english(label: str) -> str:
    """ "tỉnh Thái Nguyên" -> "Thái Nguyên province"; "xã A (tỉnh B)" -> "A commune (B province)"."""
    def one(part: str) -> str:
        level = next((lv for lv in LEVELS if part.startswith(lv + " ")), None)
        return f"{_name_part(part)} {_EN_LEVEL_NAMES[level]}" if level else part
    return re.sub(r"[^()]+", lambda m: one(m.group(0).strip()) if m.group(0).strip() else m.group(0), label)


def _name_part(label: str) -> str:
    for level in LEVELS:
        if label.startswith(level + " "):
            return label[len(level) + 1:]
    return label


def note_lines(notes: list[PlaceNote], found_labels: list[str], lang: str) -> tuple[list[str], list[str]]:
    """Lines to put before and after an answer about places named by their pre-2025 names: before it when
    the documents are those of the unit that took the old one over, after it otherwise."""
    before: list[str] = []
    after: list[str] = []
    for n in notes:
        docs = "; ".join(found_labels[:3])
        same = place_key(n.typed) in (place_key(_name_part(n.old)), place_key(n.old))
        if lang == "en":
            named = _english(n.old) if same else f"“{n.typed}” ({_english(n.old)})"
            line = f"Note: {named} is a name from before 1 July 2025"
            line += f", now part of {' / '.join(map(_english, n.now))}." if n.now else "."
            if n.via_successor and docs:
                line += f" Answered from the document of the unit that took it over: {docs}."
            elif docs:
                line += f" Document found: {docs}."
        else:
            named = n.old if same else f"“{n.typed}” ({n.old})"
            line = f"Lưu ý: {named} là tên đơn vị hành chính trước ngày 01/7/2025"
            line += f", nay thuộc {' / '.join(n.now)}." if n.now else "."
            if n.via_successor and docs:
                line += f" Câu trả lời theo văn bản của đơn vị hiện nay: {docs}."
            elif docs:
                line += f" Văn bản tìm thấy: {docs}."
        (before if n.via_successor else after).append(line)
    return before, after


def add_place_notes(answer: Answer, match: PlaceMatch | None, found_labels: list[str]) -> Answer:
    """Say in the answer that the question used a pre-2025 name, and which document answered."""
    if match is None or not match.notes:
        return answer
    before, after = note_lines(match.notes, found_labels, answer.language)
    answer.answer = "\n".join([*before, answer.answer, *after])
    answer.facts = {**answer.facts, "place_notes": [
        {"typed": n.typed, "old": n.old, "now": n.now, "via_successor": n.via_successor} for n in match.notes]}
    return answer
