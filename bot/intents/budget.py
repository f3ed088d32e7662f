"""Budget: "Tổng kinh phí bao nhiêu?", "Cấp xã bố trí tối thiểu bao nhiêu?", "Kinh phí lấy từ những nguồn nào?"."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from bot.answer import Answer
from bot.answerer import Composer
from bot.intents.base import AnswerContext
from bot.intents.cues import DUTY_RE
from bot.intents.plan_common import cite, doc_head, item_label, money, per_document, short, unless_stated
from bot.understand import Query
from ingest.agencies import agency_key
from ingest.model import BudgetItem, PlanFacts
from ingest.normalize import fold_ascii

# Not "tiền" alone: without diacritics it is also "tiến" (progress); not "finance": the Sở Tài chính's name.
_BUDGET_RE = re.compile(r"\b(kinh phi|ngan sach|nguon von|so tien|bao nhieu tien|budget|funding|funds?|funded|"
                        r"cost|costs|money)\b")
_SOURCES_RE = re.compile(r"\b(nguon|tu dau|lay tu|sources?|where .* from|come from|funded by|financed by)\b")
_MIN_RE = re.compile(r"\b(toi thieu|it nhat|thap nhat|minimum|at least|no less)\b")
_TOTAL_RE = re.compile(r"\b(tong|total|overall)\b")
_WHO_RE = re.compile(r"\b(ai|co quan nao|don vi nao|who|which (?:body|agency|office|department))\b")
# "Bao nhiêu", "how much" ask for an amount: a total when the plan states one, else the amounts it states.
_AMOUNT_RE = re.compile(r"\b(bao nhieu|how much|what amount|muc kinh phi|so tien)\b")
# How plans write a total, in the item's own words (folded): "Tổng kinh phí dự kiến … là 650 tỷ đồng".
_TOTAL_TEXT_RE = re.compile(r"\btong (?:kinh phi|so|cong|nguon|von|du toan|ngan sach|muc)\b")
# A level is asked as a level ("cấp xã", "mỗi xã", "per commune"), not by a place's name ("xã Tân Khê").
_LEVELS = [("xã", re.compile(r"\b(cap xa|moi xa|tung xa|cac xa|per commune|each commune|commune level|communes)\b")),
           ("huyện", re.compile(r"\b(cap huyen|moi huyen|tung huyen|per district|each district|district level|"
                               r"districts)\b")),
           ("tỉnh", re.compile(r"\b(cap tinh|provincial level|province level)\b"))]


class BudgetIntent:
    name = "budget"

    def detect(self, q: Query) -> float:
        if q.indicator is not None or not _BUDGET_RE.search(q.folded):
            return 0.0
        # "Sở Tài chính có nhiệm vụ gì về kinh phí?" asks for a body's duties; "Ai chịu trách nhiệm bố trí kinh
        # phí?" for the body whose duty it is.
        if _WHO_RE.search(q.folded) and not _AMOUNT_RE.search(q.folded) and not _SOURCES_RE.search(q.folded):
            return 0.45
        return 0.7 if q.agency_keys and DUTY_RE.search(q.folded) else 0.9

    def answer(self, ctx: AnswerContext, q: Query, doc_ids: set[str]) -> Answer:
        f = q.folded
        aspect = ("sources" if _SOURCES_RE.search(f) else "minimum" if _MIN_RE.search(f)
                  else "total" if _TOTAL_RE.search(f) else "amount" if _AMOUNT_RE.search(f) else "all")
        level = next((lv for lv, rx in _LEVELS if rx.search(f)), None)
        render = ctx.render
        missing: dict[str, bool] = {}

        # Documents that state what was asked answer it; the others are only shown when none does.
        # "… bao nhiêu cho Công an xã?": an amount for a body is one the item says is for that body.
        bodies = q.agency_keys if aspect != "all" and not (q.agency_keys and DUTY_RE.search(f)) else []

        def select(items: Sequence[BudgetItem]) -> list[BudgetItem]:
            chosen = _select(items, aspect, level)
            if bodies:
                chosen = [b for b in chosen if any(f" {k} " in f" {agency_key(b.text)} " for k in bodies)]
            return chosen

        somewhere = any(select(ctx.snapshot.facts_of(d).budget) for d in doc_ids)

        def pick(pf: PlanFacts, doc_id: str) -> Sequence[BudgetItem]:
            items = pf.budget
            chosen = select(items)
            missing[doc_id] = bool(items) and not chosen and aspect != "all"
            return chosen or ([] if somewhere else items)

        def block(comp: Composer, doc_id: str, items: Sequence[BudgetItem]) -> tuple[list[str], dict[str, Any]]:
            what = {"sources": ("nguồn kinh phí", "funding sources"), "minimum": ("mức kinh phí tối thiểu",
                    "minimum funding"), "total": ("tổng kinh phí", "total budget"),
                    "amount": ("mức kinh phí", "amount of funding"), "all": ("kinh phí", "budget")}
            vi, en = what[aspect]
            lines = [doc_head(ctx, doc_id, vi, en, len(items))]
            if missing.get(doc_id):
                lines.append(render.pick(f"(Văn bản không nêu {vi}; dưới đây là các mục kinh phí văn bản nêu, "
                                         "không phải câu trả lời.)",
                                         f"(The document does not state a {en}; below is what it says on budget, "
                                         "which is not the answer.)"))
            whole = len(items) == len(ctx.snapshot.facts_of(doc_id).budget)
            for n, b in enumerate(items, start=1):
                ref = cite(comp, doc_id, b.span)
                indent = "   " * b.depth if whole else ""  # nesting only shows when the parents are shown
                extra = ""
                if render.en:
                    amounts = "; ".join(money(m, "en") for m in b.amounts)
                    sources = ", ".join(b.sources)
                    extra = "".join([f" — amount: {amounts}" if amounts else "",
                                     f" — sources: {sources}" if sources else ""])
                lines.append(f"{indent}{item_label(b.marker, n, count_bullets=False)} {short(b.text, 400)}{extra} [{ref}]")
            if aspect == "sources":
                kinds = list(dict.fromkeys(s for b in items for s in b.sources))
                if kinds:
                    lines.append(render.pick("Các loại nguồn được nêu: ", "Kinds of source named: ") + "; ".join(kinds))
            return lines, {"aspect": aspect, "items": [_fact(b) for b in items],
                           "stated": not missing.get(doc_id, False)}

        return unless_stated(per_document(ctx, q, doc_ids, self.name, pick, block,
                                          ("Không tìm thấy nội dung về kinh phí trong các văn bản được hỏi.",
                                           "No budget information was found in the documents asked about.")))


def _select(items: Sequence[BudgetItem], aspect: str, level: str | None) -> list[BudgetItem]:
    if aspect == "sources":
        return [b for b in items if b.sources]
    if aspect == "minimum":
        mins = [b for b in items if any(a.minimum for a in b.amounts)]
        if level:
            mins = [b for b in mins if b.level == level or any(level in a.per for a in b.amounts)]
        return mins
    if level and aspect in ("total", "amount"):
        return [b for b in items if b.amounts and _about_level(b, level)]
    if aspect == "total":
        return [b for b in items if _is_total(b)]  # only a total the plan calls one
    if aspect == "amount":
        totals = [b for b in items if _is_total(b)]
        return totals or [b for b in items if b.amounts]
    return list(items)


def _is_total(b: BudgetItem) -> bool:
    """The item states a total: an amount marked as one, or its own words say "tổng kinh phí …"."""
    return bool(b.amounts) and (any(a.total for a in b.amounts) or bool(_TOTAL_TEXT_RE.search(fold_ascii(b.text))))


def _about_level(b: BudgetItem, level: str) -> bool:
    """The item is about one level's budget: so marked, an amount per unit of it, or its text names that
    level's budget ("ngân sách cấp xã 70 tỷ đồng", "cấp huyện bố trí …")."""
    if b.level == level or any(level in a.per for a in b.amounts):
        return True
    lv = fold_ascii(level)
    return bool(re.search(rf"\b(?:ngan sach (?:cap )?|cap ){lv}\b(?! hoi)", fold_ascii(b.text)))


def _fact(b: BudgetItem) -> dict[str, Any]:
    return {"marker": b.marker, "level": b.level, "sources": b.sources, "text": b.text,
            "amounts": [{"value": a.value, "unit": a.unit, "vnd": a.vnd, "per": a.per, "minimum": a.minimum,
                         "total": a.total} for a in b.amounts]}
