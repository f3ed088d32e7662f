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
from collections.abc import Callable
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


def best_first(snap: IndexSnapshot, doc_ids: set[str]) -> list[str]:
    """The most recent plans first, then the higher number, then the id: the same order on every call."""
    def key(doc_id: str) -> tuple[str, int, str]:
        meta = snap.documents[doc_id].meta
        digits = _NUMBER_RE.match(meta.get("number") or "")
        return (meta.get("date") or "", int(digits.group(0)) if digits else -1, doc_id)

    return sorted(doc_ids, key=key, reverse=True)


@dataclass
class Plan:
    """What one page of a many-plan answer covers."""

    shown: set[str]
    page: PageInfo
    matched: list[str] = field(default_factory=list)  # every matching document, best first


def plan_page(snap: IndexSnapshot, q: Query, doc_ids: set[str], per_page: int, page: int) -> Plan | None:
    """The documents page `page` answers for, when the question matches more than `per_page` plans; else None."""
    matched = matching_documents(snap, q, doc_ids)
    if matched is None or (len(matched) <= per_page and page <= 1):
        return None
    ordered = best_first(snap, matched)
    pages = max(1, -(-len(ordered) // per_page))
    number = min(max(1, page), pages)
    shown = ordered[(number - 1) * per_page: number * per_page]
    info = PageInfo(number=number, size=per_page, total_documents=len(ordered), pages=pages,
                    documents=shown, next=number + 1 if number < pages else None)
    return Plan(set(shown), info, ordered)


def finish(answer: Answer, plan: Plan, q: Query, snap: IndexSnapshot, directory: PlaceDirectory | None,
           covers_year: Callable[[dict[str, Any], int], bool]) -> Answer:
    """Say how many other plans match, offer narrower questions, and attach the page."""
    info = plan.page
    others = info.total_documents - len(info.documents)
    if answer.status == "answered" and others > 0:
        answer.answer += "\n\n" + _others_line(q, others, info)
    answer.page = info
    answer.suggestions = suggestions(q, plan.matched, snap, directory, covers_year)
    return answer


def _others_line(q: Query, others: int, info: PageInfo) -> str:
    what_vi = f"chỉ tiêu {q.indicator}" if q.indicator is not None else "nội dung này"
    what_en = f"indicator {q.indicator}" if q.indicator is not None else "this"
    first, last = (info.number - 1) * info.size + 1, (info.number - 1) * info.size + len(info.documents)
    if q.language == "en":
        return (f"Shown: plans {first}–{last} of {info.total_documents} (most recent first); {others} other plans "
                f"also have {what_en}. Ask for the next page, or narrow the question by place, level or year.")
    return (f"Đang hiển thị kế hoạch {first}–{last} trong {info.total_documents} (mới nhất trước); và {others} "
            f"kế hoạch khác cũng có {what_vi}. Xem trang tiếp theo, hoặc hỏi hẹp lại theo địa bàn, cấp hoặc năm.")


def suggestions(q: Query, matched: list[str], snap: IndexSnapshot, directory: PlaceDirectory | None,
                covers_year: Callable[[dict[str, Any], int], bool]) -> list[Suggestion]:
    """Narrower questions, each kept only when it leaves some but not all of the matching plans; the count is the
    number of plans that question would answer (computed with the same rules the pipeline selects with)."""
    total = len(matched)
    metas = {d: snap.documents[d].meta for d in matched}
    out: list[Suggestion] = []
    en = q.language == "en"
    base = q.text.rstrip()

    def add(kind: str, label: str, suffix: str, count: int) -> None:
        if 0 < count < total and sum(s.kind == kind for s in out) < MAX_SUGGESTIONS[kind]:
            out.append(Suggestion(kind=kind, label=f"{label} ({count})", question=f"{base} — {suffix}",
                                  documents=count))

    if directory is not None and not (q.place_match and q.place_match.doc_ids is not None):
        # The units most matching plans belong to: each plan's province first, then its own unit.
        units: Counter[tuple[str, str]] = Counter()
        for meta in metas.values():
            for c in {(c.get("level") or "", c["name"]) for c in chain_of(meta)[:3] if c.get("name")}:
                units[c] += 1
        # Each candidate is checked with the place matcher the pipeline uses; a dozen are enough to find four.
        for (level, name), _n in sorted(units.items(), key=lambda kv: (-kv[1], kv[0]))[:12]:
            where = f"{level} {name}".strip()
            selected = directory.match(where).doc_ids
            if selected is None:
                continue
            count = len(selected & set(matched))
            add("place", where[:1].upper() + where[1:], f"plans of {where}" if en else f"kế hoạch của {where}", count)
            if sum(s.kind == "place" for s in out) >= MAX_SUGGESTIONS["place"]:
                break
    if asked_tier(q.folded) is None:
        tiers = Counter(t for t in (document_tier(m) for m in metas.values()) if t)
        for tier, count in sorted(tiers.items(), key=lambda kv: (-kv[1], kv[0])):
            label = f"{tier.capitalize()}-level plans" if en else f"Kế hoạch cấp {_LEVEL_VI[tier]}"
            add("level", label, f"{tier}-level plans" if en else f"kế hoạch cấp {_LEVEL_VI[tier]}", count)
    if q.doc_year is None:
        years = sorted({int(m["date"][:4]) for m in metas.values() if (m.get("date") or "")[:4].isdigit()},
                       reverse=True)
        for year in years:
            count = sum(covers_year(m, year) for m in metas.values())
            add("year", f"Plans of {year}" if en else f"Năm {year}", f"plan {year}" if en else f"kế hoạch năm {year}",
                count)
    return out
