"""Questions that fit many plans: "Chỉ tiêu 14 do cơ quan nào chủ trì?" asked of a library of hundreds.

When a question names no plan and its facts are found in more plans than one answer holds, the answer covers
the best few (the most recent plans first), says how many others match, and offers narrower questions (by place,
level or year) as structured suggestions the widget shows as buttons and Zalo as replies to send; the rest is
reached page by page (`page`, and `Answer.page.next`).

The plans that match are found through the snapshot's indexes (documents by indicator number, by body), so a
capped answer costs what its page costs, not what the library holds.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from bot.answer import Answer, PageInfo, Suggestion
from bot.places import PlaceDirectory, chain_of
from bot.understand import Query
from index.snapshot import IndexSnapshot
from ingest.places import COMMUNE, DISTRICT, PROVINCE, tier_of

# "… kế hoạch cấp tỉnh", "(province-level plans)": plans of one level only. Said this way, not as a bare
# "cấp xã", which is often the subject of a question ("Cấp xã phải bố trí kinh phí …?").
_LEVEL_RE = re.compile(r"\b(?:ke hoach|van ban|chuong trinh)\s+(?:cua\s+)?cap\s+(tinh|huyen|xa)\b"
                       r"|\b(province|district|commune)[- ]level plans?\b")
_LEVEL_WORDS = {"tinh": PROVINCE, "huyen": DISTRICT, "xa": COMMUNE,
                "province": PROVINCE, "district": DISTRICT, "commune": COMMUNE}
_LEVEL_VI = {PROVINCE: "tỉnh", DISTRICT: "huyện", COMMUNE: "xã"}
_NUMBER_RE = re.compile(r"\d+")
MAX_SUGGESTIONS = {"place": 4, "level": 3, "year": 3}


def asked_tier(folded: str) -> str | None:
    """The level of plans a question asks about ("kế hoạch cấp tỉnh" -> province), if it names one that way."""
    m = _LEVEL_RE.search(folded)
    return _LEVEL_WORDS[m.group(1) or m.group(2)] if m else None


def document_tier(meta: dict[str, Any]) -> str | None:
    """The tier (province, district, commune) of the unit a plan is for."""
    chain = chain_of(meta)
    if chain and chain[0].get("tier"):
        return chain[0]["tier"]
    level = meta.get("place_level")
    return tier_of(level) if level else None


def matching_documents(snap: IndexSnapshot, q: Query, doc_ids: set[str]) -> set[str] | None:
    """The documents among `doc_ids` whose facts answer the question, from the snapshot's indexes; None for a
    question whose intent is not answered per document from indexed facts (it is never capped)."""
    if q.intent == "owner" and q.indicator is not None:
        return doc_ids & snap.docs_with_indicator(q.indicator)
    if q.intent in ("duties", "indicators_of_body") and q.agency_keys:
        duties = {d for k in q.agency_keys for d in snap.docs_with_duties(k)} & doc_ids
        if q.intent == "duties":
            return duties
        # A body that leads no indicator is answered with its duties (bot/intents/body_indicators.py).
        return ({d for k in q.agency_keys for d in snap.docs_assigning(k)} & doc_ids) or duties
    return None


@dataclass(frozen=True)
class Facets:
    """What ordering and narrowing read of one plan, computed once per snapshot."""

    rank: tuple[str, int, str]  # (date, number, id): larger is shown first
    tier: str | None
    years: tuple[int, int] | None  # the years it covers, as the pipeline's year filter reads them; None: any
    issued: int | None  # the year it was issued
    units: tuple[tuple[str, str], ...]  # (level, name) of its own unit and the units above it


def year_span(meta: dict[str, Any]) -> tuple[int, int] | None:
    """The years a plan covers: its period ("2021-2030"), else its year; None when it states neither (the
    same reading as the pipeline's year filter, bot.pipeline._covers_year)."""
    period = meta.get("period") or ""
    years = [int(y) for y in re.findall(r"\d{4}", period)] or ([meta["year"]] if meta.get("year") else [])
    return (min(years), max(years)) if years else None


def _facets(doc_id: str, meta: dict[str, Any]) -> Facets:
    digits = _NUMBER_RE.match(meta.get("number") or "")
    date = meta.get("date") or ""
    units = tuple(dict.fromkeys((c.get("level") or "", c["name"]) for c in chain_of(meta)[:3] if c.get("name")))
    return Facets(rank=(date, int(digits.group(0)) if digits else -1, doc_id), tier=document_tier(meta),
                  years=year_span(meta), issued=int(date[:4]) if date[:4].isdigit() else None, units=units)


@dataclass
class Plan:
    """What one page of a many-plan answer covers."""

    shown: set[str]
    page: PageInfo
    matched: list[str] = field(default_factory=list)  # every matching document, best first


class ManyPlans:
    """Capping, paging and narrowing for one snapshot; each plan's facets are read once, when it is loaded."""

    def __init__(self, snap: IndexSnapshot) -> None:
        self.snap = snap
        self._facets = {d: _facets(d, rec.meta) for d, rec in snap.documents.items()}

    def facets(self) -> dict[str, Facets]:
        return self._facets

    def best_first(self, doc_ids: set[str]) -> list[str]:
        """The most recent plans first, then the higher number, then the id: the same order on every call."""
        facets = self.facets()
        return sorted(doc_ids, key=lambda d: facets[d].rank, reverse=True)

    def plan_page(self, q: Query, doc_ids: set[str], per_page: int, page: int) -> Plan | None:
        """The documents page `page` answers for, when the question matches more than `per_page` plans."""
        matched = matching_documents(self.snap, q, doc_ids)
        if matched is None or (len(matched) <= per_page and page <= 1):
            return None
        ordered = self.best_first(matched)
        pages = max(1, -(-len(ordered) // per_page))
        number = min(max(1, page), pages)
        shown = ordered[(number - 1) * per_page: number * per_page]
        info = PageInfo(number=number, size=per_page, total_documents=len(ordered), pages=pages,
                        documents=shown, next=number + 1 if number < pages else None)
        return Plan(set(shown), info, ordered)

    def finish(self, answer: Answer, plan: Plan, q: Query, directory: PlaceDirectory | None) -> Answer:
        """Say how many other plans match, offer narrower questions, and attach the page."""
        info = plan.page
        others = info.total_documents - len(info.documents)
        if answer.status == "answered" and others > 0:
            answer.answer += "\n\n" + _others_line(q, others, info, _body_name(self.snap, q, info.documents))
        answer.page = info
        answer.suggestions = self.suggestions(q, plan.matched, directory)
        return answer

    def suggestions(self, q: Query, matched: list[str], directory: PlaceDirectory | None) -> list[Suggestion]:
        """Narrower questions, each kept only when it leaves some but not all of the matching plans; its count is
        the number of plans that question answers for (the pipeline's own place matcher and year and level
        readings)."""
        total = len(matched)
        facets = [self.facets()[d] for d in matched]
        out: list[Suggestion] = []
        en = q.language == "en"
        base = q.text.rstrip()

        def add(kind: str, label: str, suffix: str, count: int) -> None:
            if 0 < count < total and sum(s.kind == kind for s in out) < MAX_SUGGESTIONS[kind]:
                out.append(Suggestion(kind=kind, label=f"{label} ({count})", question=f"{base} — {suffix}",
                                      documents=count))

        if directory is not None and not (q.place_match and q.place_match.doc_ids is not None):
            units = Counter(u for f in facets for u in f.units)
            matched_set = set(matched)
            # Each candidate is checked with the place matcher the pipeline uses; the most shared few suffice.
            for (level, name), _n in sorted(units.items(), key=lambda kv: (-kv[1], kv[0]))[:8]:
                where = f"{level} {name}".strip()
                selected = directory.match(where).doc_ids
                if selected is not None:
                    add("place", where[:1].upper() + where[1:],
                        f"plans of {where}" if en else f"kế hoạch của {where}", len(selected & matched_set))
                if sum(s.kind == "place" for s in out) >= MAX_SUGGESTIONS["place"]:
                    break
        if asked_tier(q.folded) is None:
            tiers = Counter(f.tier for f in facets if f.tier)
            for tier, count in sorted(tiers.items(), key=lambda kv: (-kv[1], kv[0])):
                label = f"{tier.capitalize()}-level plans" if en else f"Kế hoạch cấp {_LEVEL_VI[tier]}"
                add("level", label, f"{tier}-level plans" if en else f"kế hoạch cấp {_LEVEL_VI[tier]}", count)
        if q.doc_year is None:
            for year in sorted({f.issued for f in facets if f.issued}, reverse=True):
                count = sum(f.years is None or f.years[0] <= year <= f.years[1] for f in facets)
                add("year", f"Plans of {year}" if en else f"Năm {year}",
                    f"plan {year}" if en else f"kế hoạch năm {year}", count)
        return out


def _body_name(snap: IndexSnapshot, q: Query, shown: list[str]) -> str | None:
    """The asked body's name as the shown plans write it."""
    for doc_id in shown:
        for key in q.agency_keys:
            duties = snap.duties_of(doc_id, key)
            if duties:
                return duties[0].agency
            names = [a["agency"] for a in snap.assignments_of(doc_id) if a["agency_key"] == key]
            if names:
                return str(names[0])
    return None


def _others_line(q: Query, others: int, info: PageInfo, body: str | None) -> str:
    if q.indicator is not None:
        what_vi, what_en = f"có chỉ tiêu {q.indicator}", f"have indicator {q.indicator}"
    elif body:
        what_vi, what_en = f"giao việc cho {body}", f"assign work to {body}"
    else:
        what_vi, what_en = "khớp với câu hỏi", "match the question"
    first, last = (info.number - 1) * info.size + 1, (info.number - 1) * info.size + len(info.documents)
    if q.language == "en":
        return (f"Shown: plans {first}–{last} of {info.total_documents} (most recent first); {others} other plans "
                f"also {what_en}. Ask for the next page, or narrow the question by place, level or year.")
    return (f"Đang hiển thị kế hoạch {first}–{last} trong {info.total_documents} (mới nhất trước); và {others} "
            f"kế hoạch khác cũng {what_vi}. Xem trang tiếp theo, hoặc hỏi hẹp lại theo địa bàn, cấp hoặc năm.")
