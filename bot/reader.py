"""The free-text reader: the sentence, clause or list item of the retrieved passages that answers a question.

For questions no fact type covers. The answer unit is chosen by meaning: the question's vector is
compared with the vectors of the units of the top passages (precomputed at ingest, see
`index/sentences.py`). Whether a unit may answer at all is decided by what it says, not how close it
sounds: it must cover the question's key terms —

* every body, council or named thing the question names ("Quốc hội" is not "Hội đồng nhân dân tỉnh"),
  as written, or in a form the bilingual glossary gives for it;
* every year and number the question states (in the passage, or the plan's period for a year);
* most of the question's other content words (weighted by how rare they are in the documents),
  again with the glossary's equivalents, so an English question is read against Vietnamese text.

When no unit covers the question, the reader abstains, and hands back the closest unit it found so
the answer can offer it, clearly labelled as not the answer.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from bot.glossary import Glossary, load_glossary
from bot.retrieval import Hit
from index.sentences import ITEM_RE, SentenceIndex, Unit, chunk_units
from index.snapshot import IndexSnapshot
from ingest.normalize import collapse_ws, fold, fold_ascii, has_vietnamese_diacritics

# Words that make a question rather than name its topic, in both languages (folded, no diacritics).
QUESTION_WORDS = frozenset(
    "ai nao gi la bao nhieu dau sao may the nhu ra khong phai co duoc hay hoac cua ve do theo trong cho voi "
    "cac nhung mot thi con ma de va o tai vao tu den hien hang khi luc gio vi "
    "ke hoach chuong trinh quyet dinh van ban noi dung "
    "what which who whom whose how when where why many much does do did is are was were be been the a an "
    "of in on at for to by from with about and or as its it this that these those there any please tell me "
    "show list give say says said plan programme program document".split()
)
# Cosine similarities of one model are compared among themselves only: documents whose best unit is
# within this margin of the best one answer too.
DOC_MARGIN = 0.03
# How much of its paragraph or list item before a unit counts as the unit's context.
_ITEM_CONTEXT_CHARS = 400
# Share of the question's weighted content words a unit (with its context) must cover.
MIN_COVERAGE = 0.6
MAX_DOCUMENTS = 3
# Below this share of the question's words, the closest unit is too far off to be worth offering.
CLOSEST_MIN_COVERAGE = 0.3
# Cosines of the candidate units of one question lie within a few hundredths of each other (e5):
# this lets "cấp xã" said in the unit itself, not just in its heading, decide between near equals.
OWN_WEIGHT = 0.05

_YEAR_RE = re.compile(r"(?<![\d/.,])((?:19|20)\d\d)(?![\d/])")
_NUMBER_RE = re.compile(r"(?<![\d/.,])(\d+(?:[.,]\d+)?)(?![\d/])")
_RANGE_RE = re.compile(r"((?:19|20)\d\d)\s*[-–—]\s*((?:19|20)\d\d)")
# A stated amount or a date: what "bao nhiêu" and "khi nào" ask for.
_QUANTITY_RE = re.compile(r"(?<![\d/.,])\d+(?:[.,]\d+)?\s*(?:%|‰|triệu|tỷ|nghìn|đồng|người|trẻ|ca\b|cuộc|lượt|điểm|"
                          r"xã\b|huyện\b|tuổi|câu lạc bộ|/\s*(?:huyện|xã|năm|tháng|người))", re.IGNORECASE)
_DATE_RE = re.compile(r"(?<![\d/])\d{1,2}/\d{1,2}(?!/\d{3})|ngày\s+\d{1,2}\s+tháng\s+\d{1,2}|\b(?:quý|tháng)\s+[IV\d]+"
                      r"|\b(?:đầu|giữa|cuối|trong)?\s*năm\s+(?:19|20)\d\d", re.IGNORECASE)
_WANTS_NUMBER = re.compile(r"\b(bao nhieu|how (?:much|many)|what (?:share|percentage|rate|amount)|muc toi|ty le|"
                           r"minimum|maximum|toi thieu|toi da)\b")
_WANTS_DATE = re.compile(r"\b(ngay nao|khi nao|luc nao|thoi han|han chot|truoc ngay|bao gio|when|deadline|what date|"
                         r"by what|which date|due)\b")
_WORD_RE = re.compile(r"[a-z0-9]+")
# A question asking for a list: "những nguồn nào", "các nhiệm vụ gì", "what are the sources".
_LIST_RE = re.compile(r"\b(?:nhung|cac)\b.*\b(?:nao|gi)\b|\bgom nhung\b|\bwhat are\b|\blist\b")


_TONE_WORD_RE = re.compile(r"[^\W_]+")


def _number(word: str) -> str:
    return str(int(word)) if word.isdigit() and len(word) < 10 else word  # "06 tháng" is "6 tháng"


def _words(text: str) -> list[str]:
    return [_number(w) for w in _WORD_RE.findall(fold_ascii(text))]


def _tone_words(text: str) -> list[str]:
    """Words with their diacritics (tone placement unified): "lương" is not "lượng"."""
    return [_number(w) for w in _TONE_WORD_RE.findall(fold(text))]


def _asks(question: str, start: int, end: int) -> bool:
    """Whether question[start:end] is inside the words that ask for a date ("trước ngày nào"). Words around
    an amount stay content: "tối thiểu bao nhiêu" needs a minimum, not any amount."""
    folded = fold_ascii(question)  # same length as the question: one letter for one letter
    return any(start < m.end() and m.start() < end for m in _WANTS_DATE.finditer(folded))


def _has_phrase(haystack: str, phrase: str) -> bool:
    """`phrase` (folded words) occurs in `haystack` (folded words, space-padded) as whole words."""
    return bool(phrase) and f" {phrase} " in haystack


@dataclass(frozen=True)
class Concept:
    """One thing the question names, with every folded form that says it."""

    label: str  # as typed in the question
    forms: tuple[str, ...]
    weight: float
    hard: bool  # a body, a name, a year or a number: evidence without it does not answer
    kind: Literal["words", "year", "number"] = "words"
    toned: bool = False  # forms keep their diacritics (typed with them, or Vietnamese from the glossary)
    asks: bool = False  # part of what the question asks for ("trước ngày nào"): a stated date answers it


@dataclass
class Pick:
    """A unit of a passage, with what the reader thinks of it."""

    hit: Hit
    unit: Unit
    similarity: float
    coverage: float
    own: float  # share covered by the unit and its lead-in alone, without the section's headings
    missing: list[str]
    typed: bool  # states the amount or date the question asks for
    items: list[Unit] = field(default_factory=list)  # for a list question: every item under the unit's lead-in

    @property
    def covers(self) -> bool:
        return not self.missing and self.coverage >= MIN_COVERAGE

    @property
    def rank(self) -> float:
        # Meaning first; a unit that itself says what is asked (not only its headings) wins a near tie.
        return self.similarity + OWN_WEIGHT * self.own


@dataclass
class Reading:
    """What the reader found: answering units (one per document), or none and the closest unit."""

    picks: list[Pick] = field(default_factory=list)
    closest: Pick | None = None
    missing: list[str] = field(default_factory=list)  # key terms the closest unit lacks

    @property
    def answered(self) -> bool:
        return bool(self.picks)


class Reader:
    def __init__(self, snapshot: IndexSnapshot, glossary: Glossary | None = None) -> None:
        self.snap = snapshot
        self.glossary = glossary or load_glossary()
        df: Counter[str] = Counter()
        for c in snapshot.chunks.values():
            df.update(set(_words(c.text + " " + c.section)))
        n = max(1, len(snapshot.chunks))
        self._idf = {t: math.log(1 + n / k) for t, k in df.items()}
        self._max_idf = math.log(1 + n)
        # A word outside the glossary weighs at most as much as one found in a tenth of the passages: a
        # question's rare words are as often its own phrasing ("lấy từ", "gửi") as its topic.
        self._word_cap = math.log(1 + 10)
        # A generation built before units were saved: units of a passage are embedded when first read.
        self._lazy: dict[str, tuple[list[Unit], np.ndarray]] = {}
        self._context_cache: dict[tuple[str, int], tuple[str, str, str, str, str, str]] = {}
        # The words of every saved unit, read once here rather than on a question's first pass.
        for unit in snapshot.sentences.units if snapshot.sentences is not None else ():
            self.context(unit)

    # ---- the question ----------------------------------------------------------------------

    def concepts(self, question: str, places: Sequence[str] = (), language: str = "vi") -> list[Concept]:
        """The question's key terms: glossary phrases (with their equivalents), names, years, numbers
        and the other content words, without question words and the places that select documents."""
        place_words = set(" ".join(places).split())
        toned = has_vietnamese_diacritics(question)
        english = language == "en"
        out: list[Concept] = []
        rest = question
        for m in self.glossary.matches(question):
            rest = rest[: m.start] + " " * (m.end - m.start) + rest[m.end:]
            words = [w for w in _words(m.text) if w not in QUESTION_WORDS and w not in place_words]
            if not words:
                continue
            if m.language == "en":
                # English is read against the Vietnamese the glossary gives for it, diacritics and all
                # (and as typed: "HIV" is written so in Vietnamese too).
                forms, m_toned = {" ".join(_tone_words(f)) for f in (m.text, *m.equivalents)}, True
            elif toned:
                forms, m_toned = {" ".join(_tone_words(f)) for f in (m.text, m.phrase, *m.equivalents)}, True
            else:
                forms, m_toned = {" ".join(_words(f)) for f in (m.text, m.phrase, *m.equivalents)}, False
            forms.discard("")
            if not forms:
                continue
            # A named body ("Quốc hội", "Sở Y tế", "UBND", "People's Council") is written capitalised.
            vi_forms = m.equivalents if m.language == "en" else (m.phrase, *m.equivalents)
            hard = m.domain in ("organisation", "department") or any(
                w[:1].isupper() for f in vi_forms for w in f.split())
            weight = max(self.idf(w) for w in words)  # how rare the words the question uses are
            out.append(Concept(m.text, tuple(sorted(forms)), weight, hard, toned=m_toned,
                               asks=not hard and _asks(question, m.start, m.end)))
        for y in _YEAR_RE.findall(rest):
            out.append(Concept(y, (y,), 1.0, True, "year"))  # must be there, but is not the topic
        rest = _YEAR_RE.sub(" ", rest)
        for num in _NUMBER_RE.findall(rest):
            out.append(Concept(num, (" ".join(_words(num)),), 1.0, True, "number"))
        rest = _NUMBER_RE.sub(" ", rest)
        # Capitalised words inside a Vietnamese question name something ("Quốc hội"): they must be there.
        if not english:
            for name in re.findall(r"(?<=\S )((?:[A-ZĐÀ-Ỹ][\wÀ-ỹ]*)(?: [A-ZĐÀ-Ỹa-zđà-ỹ][\wÀ-ỹ]*)?)", rest):
                words = _words(name)
                if words and not any(w in place_words for w in words) and words[0] not in QUESTION_WORDS:
                    form = " ".join(_tone_words(name) if toned else words)
                    out.append(Concept(name, (form,), max(self.idf(w) for w in words), True, toned=toned))
                    rest = rest.replace(name, " ")
        for tok in _TONE_WORD_RE.finditer(rest):
            a = fold_ascii(tok.group(0))
            if a in QUESTION_WORDS or a in place_words or len(a) < 2:
                continue
            if english and a not in self._idf:
                continue  # an English word the documents never use, and the glossary does not know
            # A word typed with diacritics is matched with them ("lương" is not "lượng"); one typed
            # without them (a phone user, an English question) matches either.
            marked = has_vietnamese_diacritics(tok.group(0)) or (toned and not english)
            form = _number(fold(tok.group(0))) if marked else a
            out.append(Concept(tok.group(0), (form,), min(self.idf(a), self._word_cap), False, toned=marked,
                               asks=_asks(question, tok.start(), tok.end())))
        return out

    def names(self, question: str, places: Sequence[str] = (), language: str = "vi") -> list[Concept]:
        """The bodies and names the question names ("Quốc hội", "Sở Y tế"): a text that answers says them."""
        return [c for c in self.concepts(question, places, language) if c.hard and c.kind == "words"]

    @staticmethod
    def unsaid(names: Sequence[Concept], text: str) -> list[str]:
        """The names a text does not say, in any form the glossary gives for them."""
        words, tone = f" {' '.join(_words(text))} ", f" {' '.join(_tone_words(text))} "
        return [c.label for c in names if not any(_has_phrase(tone if c.toned else words, f) for f in c.forms)]

    @staticmethod
    def text_forms(text: str) -> tuple[str, str]:
        """A text's folded words (ascii, toned), space-padded, as concepts' forms are matched against."""
        return f" {' '.join(_words(text))} ", f" {' '.join(_tone_words(text))} "

    def idf(self, word: str) -> float:
        return self._idf.get(word, self._max_idf)

    # ---- the passages ------------------------------------------------------------------------

    def _units(self, chunk_id: str) -> tuple[list[Unit], np.ndarray]:
        index: SentenceIndex | None = self.snap.sentences
        if index is not None and index.rows_of(chunk_id):
            rows = index.rows_of(chunk_id)
            return [index.units[r] for r in rows], index.vectors[rows]
        cached = self._lazy.get(chunk_id)
        if cached is None:
            chunk = self.snap.chunks[chunk_id]
            units, texts = chunk_units(chunk, self.snap.documents[chunk.doc_id].text)
            vectors = (self.snap.embeddings.embed_passages(texts) if texts
                       else np.zeros((0, self.snap.embeddings.dimension), dtype=np.float32))
            cached = self._lazy[chunk_id] = (units, vectors)
        return cached

    def context(self, unit: Unit) -> tuple[str, str, str, str, str, str]:
        """(unit text, its list lead-in, then the words (ascii, toned) of unit + lead-in + section, and
        of unit + lead-in alone), computed once per unit."""
        key = (unit.chunk_id, unit.start)
        cached = self._context_cache.get(key)
        if cached is None:
            chunk = self.snap.chunks[unit.chunk_id]
            text = collapse_ws(chunk.text[unit.start: unit.end])
            lead = collapse_ws(chunk.text[unit.lead_start: unit.lead_end]) if unit.lead_start >= 0 else ""
            own = f"{text} {lead}"
            # The sentences before it in the same paragraph or list item name what it goes on about
            # ("Kiện toàn Quỹ X … . Tiếp tục vận động … 5 tỷ đồng"), as its headings do.
            before = collapse_ws(chunk.text[chunk.text.rfind("\n", 0, unit.start) + 1: unit.start])
            full = f"{own} {before[-_ITEM_CONTEXT_CHARS:]} {chunk.section}"
            cached = self._context_cache[key] = (
                text, lead, f" {' '.join(_words(full))} ", f" {' '.join(_tone_words(full))} ",
                f" {' '.join(_words(own))} ", f" {' '.join(_tone_words(own))} ")
        return cached

    def _year_covered(self, year: str, unit: Unit) -> bool:
        chunk = self.snap.chunks[unit.chunk_id]
        rec = self.snap.documents[chunk.doc_id]
        y = int(year)
        for text in (chunk.text, chunk.section, rec.meta.get("period") or "", rec.meta.get("title") or ""):
            if re.search(rf"(?<!\d){year}(?!\d)", text):
                return True
            if any(int(a) <= y <= int(b) for a, b in _RANGE_RE.findall(text)):
                return True
        return False

    def judge(self, concepts: Sequence[Concept], unit: Unit, typed: bool = False) -> tuple[float, float, list[str]]:
        """(weighted share of the concepts the unit with its context covers, the share the unit and its
        lead-in cover by themselves, the hard concepts it lacks)."""
        _, _, words, tone, own_words, own_tone = self.context(unit)
        chunk_words = None
        total = covered = own = 0.0
        missing: list[str] = []
        for c in concepts:
            total += c.weight
            in_own = False
            if c.kind == "year":
                ok = self._year_covered(c.label, unit)
            elif c.kind == "number":
                if chunk_words is None:
                    chunk = self.snap.chunks[unit.chunk_id]
                    chunk_words = f" {' '.join(_words(chunk.text + ' ' + chunk.section))} "
                ok = any(_has_phrase(chunk_words, f) for f in c.forms)
                in_own = any(_has_phrase(own_words, f) for f in c.forms)
            elif c.asks and typed:
                ok = in_own = True  # "trước ngày nào" is answered by the date the unit states
            else:
                ok = any(_has_phrase(tone if c.toned else words, f) for f in c.forms)
                in_own = ok and any(_has_phrase(own_tone if c.toned else own_words, f) for f in c.forms)
                if not ok and not c.hard:
                    # Words of a phrase said apart ("báo cáo ... định kỳ 06 tháng") count for their share.
                    part = self._part(c, tone if c.toned else words)
                    covered += c.weight * part
                    own += c.weight * min(part, self._part(c, own_tone if c.toned else own_words))
                    continue
            if ok:
                covered += c.weight
                own += c.weight if in_own or c.kind == "year" else 0.0
            elif c.hard:
                missing.append(c.label)
        return (covered / total, own / total, missing) if total else (0.0, 0.0, missing)

    @staticmethod
    def _part(c: Concept, words: str) -> float:
        # Only longer phrases: the two words of "cấp xã" apart ("các cấp", "xã hội") say something else; and
        # only when two of its words are there: "tổng" alone ("tổng hợp") is not "tổng kinh phí".
        best = 0.0
        for f in c.forms:
            parts = f.split()
            if len(parts) >= 3:
                said = sum(f" {w} " in words for w in parts)
                if said >= 2:
                    best = max(best, said / len(parts))
        return best

    # ---- reading -----------------------------------------------------------------------------

    def read(self, question: str, hits: Sequence[Hit], query_vector: np.ndarray,
             places: Sequence[str] = (), language: str = "vi") -> Reading:
        """The units of `hits` that answer `question` (best per document), or the closest one and what it lacks."""
        concepts = self.concepts(question, places, language)
        if not hits or not concepts:
            return Reading()
        folded = fold_ascii(question)
        wants_number = bool(_WANTS_NUMBER.search(folded))
        wants_date = bool(_WANTS_DATE.search(folded))
        qv = np.asarray(query_vector, dtype=np.float32)
        picks: list[Pick] = []
        for hit in hits:
            units, vectors = self._units(hit.chunk_id)
            if not units:
                continue
            sims = vectors @ qv
            for unit, sim in zip(units, sims, strict=True):
                text = self.context(unit)[0]
                typed = (wants_number or wants_date) and (not wants_number or bool(_QUANTITY_RE.search(text))) and (
                    not wants_date or bool(_DATE_RE.search(text)))
                coverage, own, missing = self.judge(concepts, unit, typed)
                picks.append(Pick(hit, unit, float(sim), coverage, own, missing, typed))
        if not picks:
            return Reading()
        covering = [p for p in picks if p.covers]
        if not covering:
            closest = max(picks, key=lambda p: (p.coverage >= CLOSEST_MIN_COVERAGE, p.similarity))
            hard_missing = [c.label for c in concepts if c.hard and all(c.label in p.missing for p in picks)]
            return Reading(closest=closest, missing=hard_missing or closest.missing)
        # The kind of answer asked for (an amount, a date) comes first; then meaning decides.
        if any(p.typed for p in covering):
            covering = [p for p in covering if p.typed]
        best_by_doc: dict[str, Pick] = {}
        for p in covering:
            cur = best_by_doc.get(p.hit.doc_id)
            if cur is None or p.rank > cur.rank:
                best_by_doc[p.hit.doc_id] = p
        ranked = sorted(best_by_doc.values(), key=lambda p: -p.rank)
        top = ranked[0].rank
        picks = [p for p in ranked if p.rank >= top - DOC_MARGIN][:MAX_DOCUMENTS]
        wants_list = bool(_LIST_RE.search(folded))
        for p in picks:
            p.items = self._list_items(p.unit, wants_list)
        return Reading(picks=picks)

    def _list_items(self, unit: Unit, wants_list: bool) -> list[Unit]:
        """The items of a list: those a lead-in line introduces (a lead-in alone answers nothing), or for
        a question asking for a list, every item beside the unit under its lead-in."""
        units, _ = self._units(unit.chunk_id)
        text = self.snap.chunks[unit.chunk_id].text
        if text[unit.start: unit.end].rstrip().endswith(":"):
            items = [u for u in units if 0 <= u.lead_start <= unit.start and unit.end <= u.lead_end]
        elif wants_list and unit.lead_start >= 0:
            items = [u for u in units if (u.lead_start, u.lead_end) == (unit.lead_start, unit.lead_end)]
        else:
            return []
        items = [u for u in items if ITEM_RE.match(text[u.start: u.end])]
        return items if len(items) > 1 or (items and unit not in items) else []

    # ---- quoting -----------------------------------------------------------------------------

    def quote(self, pick: Pick) -> tuple[str, str, dict[str, Any]]:
        """(the unit as shown, with "…" where its sentence or item goes on; its lead-in; its citation span)."""
        unit = pick.unit
        chunk = self.snap.chunks[unit.chunk_id]
        text, lead = self.context(unit)[:2]
        before = chunk.text[:unit.start].rstrip(" \t")
        after = chunk.text[unit.end:].lstrip(" \t")
        shown = text
        if before and before[-1] not in "\n.!?:" and not text[:1].isupper():
            shown = "…" + shown
        if after and after[:1] != "\n" and shown[-1:] not in ".!?:":
            shown = shown.rstrip(";,") + "…"
        return shown, lead, self.span(unit.chunk_id, text)

    def quote_items(self, pick: Pick) -> tuple[list[str], str, dict[str, Any]]:
        """(each item of the pick's list, its lead-in, one citation span from the first item to the last)."""
        chunk = self.snap.chunks[pick.unit.chunk_id]
        texts = [collapse_ws(chunk.text[u.start: u.end]) for u in pick.items]
        first, last = self.span(chunk.id, texts[0]), self.span(chunk.id, texts[-1])
        doc = self.snap.documents[chunk.doc_id].text
        span = {**first, "char_end": last["char_end"], "quote": collapse_ws(doc[first["char_start"]: last["char_end"]])}
        text, lead = self.context(pick.unit)[:2]
        return texts, lead or text, span

    def span(self, chunk_id: str, text: str) -> dict[str, Any]:
        """The unit's place in the document text (chunks are normalised; the citation quotes the original)."""
        chunk = self.snap.chunks[chunk_id]
        doc = self.snap.documents[chunk.doc_id].text
        words = [re.escape(w) for w in re.findall(r"\w+", text)]
        m = re.compile(r"\W+".join(words)).search(doc, chunk.char_start, chunk.char_end) if words else None
        s, e = (m.start(), m.end()) if m else (chunk.char_start, chunk.char_end)
        while e < chunk.char_end and doc[e] in "%‰)”\"'»":  # closing marks belong to the quote
            e += 1
        return {"section": chunk.section, "char_start": s, "char_end": e, "page": chunk.page,
                "quote": collapse_ws(doc[s:e])}
