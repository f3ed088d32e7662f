"""Shared by the intents that answer from a plan's typed facts (goals, reporting, budget, legal bases, period,
steering bodies, recipients, signer, duties): per-document blocks, numbered as in the document, every item
cited; the wording of both languages side by side through `Renderer.pick`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict
from typing import Any, TypeVar

from bot.answer import Answer
from bot.answerer import Composer
from bot.intents.base import AnswerContext
from bot.understand import Query
from ingest.model import Money, PlanFacts, Span
from ingest.normalize import collapse_ws

T = TypeVar("T")


def cite(comp: Composer, doc_id: str, span: Span) -> int:
    return comp.cite(doc_id, asdict(span))


def ordered_docs(ctx: AnswerContext, doc_ids: set[str]) -> list[str]:
    docs = ctx.snapshot.documents
    return sorted((d for d in doc_ids if d in docs), key=lambda d: docs[d].source)


def item_label(marker: str, n: int, count_bullets: bool = True) -> str:
    """The item's own number ("a)", "2.", "1.1.") when it has one; bullets are counted, or kept as "-"."""
    m = marker.strip()
    if m and any(c.isalnum() for c in m):
        return m
    return f"{n}." if count_bullets else "-"


def strip_marker(text: str, marker: str) -> str:
    t = text.strip()
    return t[len(marker):].strip() if marker and t.startswith(marker) else t


def short(text: str, n: int = 240) -> str:
    """A quote cut at a word, never inside a number, and marked with "…" where cut; no leading bullet."""
    text = collapse_ws(text).lstrip("-–+•* ")
    if len(text) <= n:
        return text
    return text[:n].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def per_document(
    ctx: AnswerContext, q: Query, doc_ids: set[str], intent: str,
    pick: Callable[[PlanFacts, str], Sequence[T]],
    block: Callable[[Composer, str, Sequence[T]], tuple[list[str], dict[str, Any]]],
    not_found: tuple[str, str],
    fallback: str | None = "free",
) -> Answer:
    """One block per document that states the facts `pick` selects. When no document states them where plans
    usually do, the question goes to `fallback` (the free-text reader, which abstains when the text does not
    answer); with no fallback the answer is "not found"."""
    comp = ctx.composer()
    results: list[dict[str, Any]] = []
    for doc_id in ordered_docs(ctx, doc_ids):
        items = pick(ctx.snapshot.facts_of(doc_id), doc_id)
        if not items:
            continue
        lines, facts = block(comp, doc_id, items)
        if not lines:
            continue
        comp.lines.append("\n".join(lines))
        rec = ctx.snapshot.documents[doc_id]
        results.append({"doc_id": doc_id, "source": rec.source, "doc_number": rec.number, **facts})
    if not results and fallback and fallback in ctx.registry:
        return ctx.delegate(fallback, q, doc_ids)
    if not results:
        return Answer(status="not_found", answer=ctx.render.pick(*not_found), language=q.language, intent=intent,
                      facts={"reason": intent})
    return Answer(status="answered", answer="\n\n".join(comp.lines), citations=comp.citations,
                  facts={"results": results}, language=q.language, intent=intent)


def doc_head(ctx: AnswerContext, doc_id: str, vi: str, en: str, count: int | None = None) -> str:
    """ "Theo Kế hoạch 12/KH-UBND của UBND tỉnh X, <vi> (N mục):" and its English."""
    label = ctx.render.doc(ctx.snapshot.documents[doc_id])
    n = "" if count is None else ctx.render.pick(f" ({count} mục)", f" ({count} item{'s' if count != 1 else ''})")
    return ctx.render.pick(f"Theo {label}, {vi}{n}:", f"In {label}, {en}{n}:")


def money(m: Money, lang: str) -> str:
    """An amount as written, with its value in dong spelled out for English readers."""
    per = "/" + "/".join(m.per) if m.per else ""
    if lang == "vi":
        return f"{m.text}" if "/" in m.text or not per else f"{m.text} ({per[1:]})"
    scale = {"tỷ đồng": "billion VND", "triệu đồng": "million VND", "nghìn đồng": "thousand VND", "đồng": "VND"}
    value = f"{m.value:,.3f}".rstrip("0").rstrip(".")
    english_per = {"xã": "commune", "huyện": "district", "tỉnh": "province", "năm": "year", "tháng": "month",
                   "thôn": "village", "người": "person"}
    per_en = " per " + " per ".join(english_per.get(p, p) for p in m.per) if m.per else ""
    return f"{value} {scale.get(m.unit, m.unit)}{per_en} (“{m.text}”)"


FREQUENCY_EN = {"tháng": "monthly", "quý": "quarterly", "6 tháng": "six-monthly", "9 tháng": "nine-month",
                "năm": "annual", "đột xuất": "ad hoc", "định kỳ": "periodic (period not stated)"}
REPORT_EN = {"tháng": "monthly report", "quý": "quarterly report", "6 tháng": "six-month report",
             "9 tháng": "nine-month report", "năm": "annual report"}
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]


def unless_stated(answer: Answer) -> Answer:
    """When no document states what was asked (results say `stated: False`), the answer is "not found", and
    what the documents do say stays below it, labelled as not the answer."""
    results = answer.facts.get("results") or []
    if answer.status == "answered" and results and not any(r.get("stated", True) for r in results):
        answer.status = "not_found"
    return answer
