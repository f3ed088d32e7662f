"""From (question, system output) to a scored record, and from records to per-system summaries.

`ItemResult` is plain data (JSON round-trips through `asdict`/`ItemResult(**d)`), so a report
can be written from results saved earlier or built by hand in a test.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from eval import metrics
from eval.dataset import EvalItem
from eval.systems import SystemOutput

SUFFICIENCY_KS = (4, 10)
RECALL_KS = (5, 10)


@dataclass
class ItemResult:
    """One system's output on one question, with every per-item score."""

    item_id: str
    system: str
    category: str
    language: str
    question: str
    split: str = ""
    variant: list[str] = field(default_factory=list)
    layout: list[str] = field(default_factory=list)
    followup_of: str | None = None
    answers: bool = True  # False: a retrieval-only system, scored on context sufficiency
    expected: dict[str, Any] = field(default_factory=dict)
    got: dict[str, Any] = field(default_factory=dict)
    correct: bool | None = None  # None: not scored for this system (see `score_item`)
    reasons: list[str] = field(default_factory=list)
    latency_ms: float | None = None
    retrieval: dict[str, float | None] = field(default_factory=dict)
    citations_supported: int = 0
    citations_total: int = 0
    source_ok: bool | None = None
    source_recall: float | None = None
    section_ok: bool | None = None
    list_completeness: float | None = None  # list questions: share of expected items in the answer
    lead_counts: list[int] | None = None  # [tp, fp, fn]
    support_counts: list[int] | None = None
    error: str | None = None


def _expected_view(item: EvalItem) -> dict[str, Any]:
    e = item.expect
    view: dict[str, Any] = {"status": e.status, "must_contain": list(e.must_contain)}
    for name in ("leads", "supports", "indicators"):
        value = getattr(e, name)
        if value is not None:
            view[name] = list(value)
    if e.must_not_contain:
        view["must_not_contain"] = list(e.must_not_contain)
    if e.list_items:
        view["list_items"] = list(e.list_items)
    view["source_docs"] = list(e.source_docs)
    return view


def _got_view(output: SystemOutput, answers: bool) -> dict[str, Any]:
    if not answers:
        return {"passages": [f"[{p.source}] {p.context[:200]}" for p in output.passages[:4]]}
    view: dict[str, Any] = {
        "status": output.status,
        "answer": output.answer,
        "sources": sorted({c.source for c in output.citations}),
    }
    if output.leads or output.supports:
        view["leads"], view["supports"] = output.leads, output.supports
    if output.indicators is not None:
        view["indicators"] = output.indicators
    if output.intent:
        view["intent"] = output.intent
    return view


def _retrieval_scores(item: EvalItem, output: SystemOutput) -> dict[str, float | None]:
    contexts = [p.context for p in output.passages]
    golds = item.expect.gold_passages
    scores: dict[str, float | None] = {}
    for k in RECALL_KS:
        scores[f"recall@{k}"] = metrics.recall_at_k(contexts, golds, k)
    scores["mrr@10"] = metrics.mrr_at_k(contexts, golds, 10)
    scores["ndcg@10"] = metrics.ndcg_at_k(contexts, golds, 10)
    for k in SUFFICIENCY_KS:
        scores[f"sufficient@{k}"] = (
            float(metrics.context_sufficient(contexts, item.expect, k)) if item.expect.status == "answered" else None
        )
    return scores


def _counts(pred: Sequence[str], gold: Sequence[str] | None, applies: bool) -> list[int] | None:
    if gold is None or not applies:
        return None
    c = metrics.owner_counts(pred, gold)
    return [c.tp, c.fp, c.fn]


def _score_answer(result: ItemResult, item: EvalItem, output: SystemOutput) -> None:
    e = item.expect
    check = metrics.check_answer(
        e, output.status or "", output.answer, output.leads, output.supports, output.indicators
    )
    result.correct = check.correct and output.error is None
    result.reasons = check.reasons() + ([f"error: {output.error}"] if output.error else [])
    if e.status == "answered":
        result.list_completeness = metrics.list_completeness(output.answer or "", e.list_items)
    answered_ok = e.status == "answered" and output.status == "answered"
    if answered_ok:
        quotes = [c.quote for c in output.citations]
        result.citations_supported, result.citations_total = metrics.supported_citations(quotes, e)
        source = metrics.source_check([c.source for c in output.citations], e.source_docs)
        result.source_ok, result.source_recall = source.correct, source.recall
        result.section_ok = metrics.section_hit([c.section for c in output.citations], e.sections)
    result.lead_counts = _counts(output.leads, e.leads, e.status == "answered")
    result.support_counts = _counts(output.supports, e.supports, e.status == "answered")


def score_item(item: EvalItem, system: str, output: SystemOutput, answers: bool) -> ItemResult:
    """Score one output. Retrieval-only systems are scored on context sufficiency at their own k
    (the passages they return) and not at all on questions expected to be not_found."""
    result = ItemResult(
        item_id=item.id,
        system=system,
        category=item.category,
        language=item.language,
        question=item.question,
        split=item.split,
        variant=list(item.variant),
        layout=list(item.layout),
        followup_of=item.followup_of,
        answers=answers,
        expected=_expected_view(item),
        got=_got_view(output, answers),
        latency_ms=output.latency_ms if output.error is None else None,
        retrieval=_retrieval_scores(item, output),
        error=output.error,
    )
    if answers:
        _score_answer(result, item, output)
    elif item.expect.status == "answered":
        k = max(len(output.passages), 1)
        result.correct = metrics.context_sufficient([p.context for p in output.passages], item.expect, k)
        result.reasons = [] if result.correct else ["passages lack: " + _lacking(item, output)]
    return result


def _lacking(item: EvalItem, output: SystemOutput) -> str:
    contexts = [p.context for p in output.passages]
    missing = [g for g in item.expect.gold_passages if not any(metrics.contains_gold(c, g) for c in contexts)]
    missing += [p for p in item.expect.must_contain if not any(metrics.matches(c, p) for c in contexts)]
    return "; ".join(repr(m) for m in missing)


# ---------------------------------------------------------------------------------------------
# Summaries


def _accuracy_by(results: Sequence[ItemResult], key: Callable[[ItemResult], Iterable[str]]) -> dict[str, Any]:
    groups: dict[str, list[bool]] = defaultdict(list)
    for r in results:
        if r.correct is not None:
            for k in key(r):
                groups[k].append(r.correct)
    return {k: {"accuracy": metrics.accuracy(v), "n": len(v)} for k, v in sorted(groups.items())}


def _mean(values: Iterable[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def _prf(counts: Iterable[list[int] | None]) -> dict[str, float | int | None]:
    per_item = [metrics.Counts(*c) for c in counts if c is not None]
    prf = metrics.micro_prf(per_item)
    return {"precision": prf.precision, "recall": prf.recall, "f1": prf.f1, "n": prf.support}


def summarize_system(results: Sequence[ItemResult]) -> dict[str, Any]:
    """Every aggregate metric for one system's results (None where it does not apply)."""
    scored = [r for r in results if r.correct is not None]
    answers = bool(results) and results[0].answers
    summary: dict[str, Any] = {
        "answers": answers,
        "n": len(results),
        "scored": len(scored),
        "accuracy": metrics.accuracy(r.correct for r in scored if r.correct is not None),
        "by_category": _accuracy_by(results, lambda r: [r.category]),
        "by_language": _accuracy_by(results, lambda r: [r.language]),
        "by_variant": _accuracy_by(results, lambda r: r.variant),
        "by_layout": _accuracy_by(results, lambda r: r.layout or ["none"]),
        "by_split": _accuracy_by(results, lambda r: [r.split or "?"]),
        "by_split_category": _accuracy_by(results, lambda r: [f"{r.split or '?'} · {r.category}"]),
        "errors": sum(r.error is not None for r in results),
        "latency_ms": metrics.latency_summary([r.latency_ms for r in results if r.latency_ms is not None]),
        "retrieval": {
            name: _mean(r.retrieval.get(name) for r in results)
            for name in [f"recall@{k}" for k in RECALL_KS] + ["mrr@10", "ndcg@10"]
            + [f"sufficient@{k}" for k in SUFFICIENCY_KS]
        },
    }
    if answers:
        summary.update(_answer_summary(results))
    return summary


def _answer_summary(results: Sequence[ItemResult]) -> dict[str, Any]:
    abst = metrics.abstention_scores((r.expected["status"], r.got.get("status") or "") for r in results)
    supported = sum(r.citations_supported for r in results)
    total = sum(r.citations_total for r in results)
    source_flags = [r.source_ok for r in results if r.source_ok is not None]
    return {
        "owner_leads": _prf(r.lead_counts for r in results),
        "owner_supports": _prf(r.support_counts for r in results),
        "citation_precision": supported / total if total else None,
        "list_completeness": _mean(r.list_completeness for r in results),
        "citations": total,
        "source_doc_correct": metrics.accuracy(bool(f) for f in source_flags),
        "source_doc_recall": _mean(r.source_recall for r in results),
        "section_hit": metrics.accuracy(bool(r.section_ok) for r in results if r.section_ok is not None),
        "abstention": {
            "precision": abst.precision,
            "recall": abst.recall,
            "false_abstentions": abst.false_abstentions,
            "missed_abstentions": abst.missed_abstentions,
        },
    }


def summarize(results: Sequence[ItemResult]) -> dict[str, dict[str, Any]]:
    """Per-system summaries, in the order systems first appear in `results`."""
    by_system: dict[str, list[ItemResult]] = {}
    for r in results:
        by_system.setdefault(r.system, []).append(r)
    return {name: summarize_system(rs) for name, rs in by_system.items()}
