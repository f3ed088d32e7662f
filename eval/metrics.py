"""Scoring functions. Pure: plain values in, plain values out, no I/O, no pipeline.

Every text comparison goes through `eval.text.fold` (NFC, diacritics folded, lowercase, dashes
unified, whitespace collapsed), so "Sở Lao động – Thương binh" and "so lao dong - thuong binh"
are the same words. Aggregates are micro-averaged unless the name says otherwise.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from core.stats import percentile
from eval.dataset import Expectation
from eval.text import body_key, fold, matches

# ---------------------------------------------------------------------------------------------
# Answer correctness


@dataclass(frozen=True)
class AnswerCheck:
    """The verdict on one answer, with the reasons it failed (empty when correct)."""

    status_ok: bool
    leads_ok: bool | None = None  # None: the item does not check it
    supports_ok: bool | None = None
    indicators_ok: bool | None = None
    missing: tuple[str, ...] = ()  # must_contain patterns the answer lacks
    forbidden: tuple[str, ...] = ()  # must_not_contain patterns the answer has

    @property
    def correct(self) -> bool:
        checks = (self.leads_ok, self.supports_ok, self.indicators_ok)
        return (
            self.status_ok
            and all(c is not False for c in checks)
            and not self.missing
            and not self.forbidden
        )

    def reasons(self) -> list[str]:
        out: list[str] = []
        if not self.status_ok:
            out.append("wrong status")
        for name, ok in (("leads", self.leads_ok), ("supports", self.supports_ok)):
            if ok is False:
                out.append(f"{name} differ")
        if self.indicators_ok is False:
            out.append("indicators differ")
        out.extend(f"missing {p!r}" for p in self.missing)
        out.extend(f"contains forbidden {p!r}" for p in self.forbidden)
        return out


def body_set(names: Iterable[str]) -> set[str]:
    """The set of matching keys of body names.

    >>> sorted(body_set(["Sở LĐ-TBXH", "Sở Lao động – Thương binh và Xã hội", "Sở Y tế"]))
    ['so lao dong thuong binh va xa hoi', 'so y te']
    """
    return {body_key(n) for n in names if n.strip()}


def same_bodies(predicted: Iterable[str], expected: Iterable[str]) -> bool:
    """Whether two lists name the same set of bodies, however each name is written.

    >>> same_bodies(["Phòng GD&ĐT"], ["Phòng Giáo dục và Đào tạo"])
    True
    >>> same_bodies(["Sở Y tế"], ["Sở Y tế", "Sở Lao động - Thương binh và Xã hội"])
    False
    """
    return body_set(predicted) == body_set(expected)


def check_answer(
    expect: Expectation,
    status: str,
    answer: str,
    leads: Sequence[str] = (),
    supports: Sequence[str] = (),
    indicators: Sequence[int] | None = None,
) -> AnswerCheck:
    """Judge one answer against its expectation.

    Status must match. Lead/support sets are compared (alias-aware) only when the item lists
    them and the answer is expected to be found; indicator numbers only when the item lists them
    and the system reported structured indicators. Patterns apply to the answer text.

    >>> e = Expectation(status="answered", leads=("Sở Tư pháp",), must_contain=("Sở Tư pháp",))
    >>> check_answer(e, "answered", "Chỉ tiêu 14: Sở Tư pháp chủ trì.", leads=["Sở Tư pháp"]).correct
    True
    >>> bad = check_answer(e, "answered", "Sở Y tế", leads=["Sở Y tế"])
    >>> bad.correct, bad.reasons()
    (False, ['leads differ', "missing 'Sở Tư pháp'"])
    >>> check_answer(Expectation(status="not_found"), "not_found", "Không tìm thấy.").correct
    True
    """
    status_ok = status == expect.status
    structured = expect.status == "answered"
    leads_ok = same_bodies(leads, expect.leads) if structured and expect.leads is not None else None
    supports_ok = (
        same_bodies(supports, expect.supports) if structured and expect.supports is not None else None
    )
    indicators_ok = (
        set(indicators) == set(expect.indicators)
        if structured and expect.indicators is not None and indicators is not None
        else None
    )
    return AnswerCheck(
        status_ok=status_ok,
        leads_ok=leads_ok,
        supports_ok=supports_ok,
        indicators_ok=indicators_ok,
        missing=tuple(p for p in (*expect.must_contain, *expect.list_items) if not matches(answer, p))
        if structured
        else (),
        forbidden=tuple(p for p in expect.must_not_contain if matches(answer, p)),
    )


def list_completeness(answer: str, items: Sequence[str]) -> float | None:
    """Share of a list question's expected items that the answer contains (None: not a list).

    >>> list_completeness("1. Ngân sách nhà nước; 2. Xã hội hóa", ["ngân sách", "xã hội hóa", "lồng ghép"])
    0.6666666666666666
    >>> list_completeness("x", []) is None
    True
    """
    if not items:
        return None
    return sum(matches(answer, p) for p in items) / len(items)


def accuracy(flags: Iterable[bool]) -> float | None:
    """Fraction of true flags; None when there is nothing to score.

    >>> accuracy([True, False, True, True])
    0.75
    >>> accuracy([]) is None
    True
    """
    values = list(flags)
    return sum(values) / len(values) if values else None


# ---------------------------------------------------------------------------------------------
# Owner precision / recall / F1


@dataclass(frozen=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


@dataclass(frozen=True)
class PRF:
    precision: float | None
    recall: float | None
    f1: float | None
    support: int  # number of items scored


def owner_counts(predicted: Iterable[str], expected: Iterable[str]) -> Counts:
    """True/false positives and false negatives of one item's body set.

    >>> owner_counts(["Sở LĐTBXH", "Sở Y tế"], ["Sở Lao động - Thương binh và Xã hội", "Công an tỉnh"])
    Counts(tp=1, fp=1, fn=1)
    """
    pred, gold = body_set(predicted), body_set(expected)
    return Counts(tp=len(pred & gold), fp=len(pred - gold), fn=len(gold - pred))


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def micro_prf(per_item: Sequence[Counts]) -> PRF:
    """Micro-averaged precision, recall and F1 over items (sums of counts, then ratios).

    Precision is None when nothing was predicted at all, recall when nothing was expected.

    >>> p = micro_prf([Counts(tp=1, fp=1, fn=1), Counts(tp=2, fp=0, fn=0)])
    >>> round(p.precision, 3), round(p.recall, 3), round(p.f1, 3), p.support
    (0.75, 0.75, 0.75, 2)
    """
    total = sum(per_item, Counts())
    precision = _ratio(total.tp, total.tp + total.fp)
    recall = _ratio(total.tp, total.tp + total.fn)
    if precision is None or recall is None:
        f1 = None
    else:
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PRF(precision, recall, f1, len(per_item))


# ---------------------------------------------------------------------------------------------
# Citations and source documents

_MIN_QUOTE_OVERLAP = 15  # a quote shorter than this (folded) is too short to support anything


def _number_in(text_folded: str, number: int) -> bool:
    return re.search(rf"(?<![\d.,]){number}(?![\d]|[.,]\d)", text_folded) is not None


def overlaps_gold(quote: str, gold: str) -> bool:
    """Whether a cited quote and a gold passage overlap: one contains the other (folded).

    >>> overlaps_gold("- Hướng dẫn, thực\\nhiện chỉ tiêu 14 của Chương trình.", "thực hiện chỉ tiêu 14")
    True
    >>> overlaps_gold("thực hiện chỉ tiêu 14", "- Hướng dẫn, thực hiện chỉ tiêu 14 của Chương trình.")
    True
    >>> overlaps_gold("chỉ tiêu", "Hướng dẫn, thực hiện chỉ tiêu 14")
    False
    """
    q, g = fold(quote), fold(gold)
    return g in q or (len(q) >= _MIN_QUOTE_OVERLAP and q in g)


def citation_supports(quote: str, expect: Expectation) -> bool:
    """Whether one cited passage contains the claim it is cited for.

    For an owner question, the quote must name an expected body or state the indicator number
    (the assignment sentence "Hướng dẫn, thực hiện chỉ tiêu 14" and the indicator's own text both
    qualify). Otherwise it must satisfy at least one must_contain pattern or overlap a gold passage.

    >>> e = Expectation(status="answered", leads=("Sở Tư pháp",), indicator=14)
    >>> citation_supports("- Hướng dẫn, thực hiện chỉ tiêu 14 của Chương trình.", e)
    True
    >>> citation_supports("- Hướng dẫn triển khai các chỉ tiêu 3, 4, 5, 6", e)
    False
    >>> e2 = Expectation(status="answered", must_contain=("150 triệu",))
    >>> citation_supports("- Cấp huyện thấp nhất 150 triệu/huyện/năm.", e2)
    True
    """
    folded = fold(quote)
    bodies = body_set((expect.leads or ()) + (expect.supports or ()))
    if bodies and any(b in body_key(quote) for b in bodies):
        return True
    if expect.indicator is not None and _number_in(folded, expect.indicator):
        return True
    if any(matches(quote, p) for p in expect.must_contain):
        return True
    return any(overlaps_gold(quote, g) for g in expect.gold_passages)


def supported_citations(quotes: Sequence[str], expect: Expectation) -> tuple[int, int]:
    """(supported, total) citations of one answer; sum these over items for micro precision.

    >>> e = Expectation(status="answered", must_contain=("20 triệu",))
    >>> supported_citations(["Cấp xã thấp nhất 20 triệu/xã/năm.", "Điều 3. Quyết định này có hiệu lực"], e)
    (1, 2)
    """
    return sum(citation_supports(q, expect) for q in quotes), len(quotes)


@dataclass(frozen=True)
class SourceCheck:
    correct: bool  # cited something, and only expected documents
    precision: float | None  # share of cited documents that are expected
    recall: float | None  # share of expected documents that are cited


def source_check(cited: Iterable[str], expected: Iterable[str]) -> SourceCheck:
    """Compare the documents an answer cites with the expected ones (file names, case-insensitive).

    >>> source_check(["000_c.txt", "004_d.txt"], ["000_c.txt"])
    SourceCheck(correct=False, precision=0.5, recall=1.0)
    >>> source_check(["000_c.txt"], ["000_c.txt", "004_d.txt"])
    SourceCheck(correct=True, precision=1.0, recall=0.5)
    >>> source_check([], ["000_c.txt"]).correct
    False
    """
    got = {c.lower() for c in cited}
    want = {e.lower() for e in expected}
    return SourceCheck(
        correct=bool(got) and got <= want,
        precision=_ratio(len(got & want), len(got)),
        recall=_ratio(len(got & want), len(want)),
    )


def section_hit(cited_sections: Iterable[str], expected: Sequence[str]) -> bool | None:
    """Whether any cited section breadcrumb contains any expected section substring.

    >>> section_hit(["IV. TỔ CHỨC THỰC HIỆN › 2. Sở Tư pháp"], ["to chuc thuc hien"])
    True
    >>> section_hit(["I. MỤC TIÊU"], []) is None
    True
    """
    if not expected:
        return None
    sections = [fold(s) for s in cited_sections]
    return any(fold(e) in s for e in expected for s in sections)


# ---------------------------------------------------------------------------------------------
# Abstention


@dataclass(frozen=True)
class Abstention:
    precision: float | None  # of the not_found answers given, how many were expected
    recall: float | None  # of the expected not_found, how many were given
    false_abstentions: int
    missed_abstentions: int


def abstention_scores(pairs: Iterable[tuple[str, str]]) -> Abstention:
    """Abstention precision/recall from (expected_status, got_status) pairs; not_found is positive.

    >>> a = abstention_scores([("not_found", "not_found"), ("answered", "not_found"),
    ...                        ("not_found", "answered"), ("answered", "answered")])
    >>> a.precision, a.recall, a.false_abstentions, a.missed_abstentions
    (0.5, 0.5, 1, 1)
    """
    tp = fp = fn = 0
    for expected, got in pairs:
        if got == "not_found":
            tp += expected == "not_found"
            fp += expected != "not_found"
        elif expected == "not_found":
            fn += 1
    return Abstention(_ratio(tp, tp + fp), _ratio(tp, tp + fn), fp, fn)


# ---------------------------------------------------------------------------------------------
# Retrieval against gold passages


def contains_gold(passage: str, gold: str) -> bool:
    """A retrieved passage is relevant to a gold passage when it contains it (folded forms).

    >>> contains_gold("2. Sở Tư pháp\\n- Hướng dẫn, thực\\nhiện chỉ tiêu 14", "HUONG DAN, thuc hien chi tieu 14")
    True
    """
    return fold(gold) in fold(passage)


def _first_cover(passages: Sequence[str], golds: Sequence[str], k: int) -> list[int | None]:
    """For each gold passage, the 1-based rank of the first of the top k passages containing it."""
    folded = [fold(p) for p in passages[:k]]
    ranks: list[int | None] = []
    for gold in golds:
        g = fold(gold)
        ranks.append(next((i + 1 for i, p in enumerate(folded) if g in p), None))
    return ranks


def recall_at_k(passages: Sequence[str], golds: Sequence[str], k: int) -> float | None:
    """Share of gold passages found in the top k passages; None when the item has no gold.

    >>> recall_at_k(["a b c", "x y", "gold two here"], ["a b", "gold two"], k=2)
    0.5
    >>> recall_at_k(["a b c", "x y", "gold two here"], ["a b", "gold two"], k=3)
    1.0
    """
    if not golds:
        return None
    ranks = _first_cover(passages, golds, k)
    return sum(r is not None for r in ranks) / len(golds)


def mrr_at_k(passages: Sequence[str], golds: Sequence[str], k: int = 10) -> float | None:
    """Reciprocal rank of the first passage containing any gold passage (0 if none in top k).

    >>> mrr_at_k(["noise", "more noise", "has the gold"], ["the gold"])
    0.3333333333333333
    >>> mrr_at_k(["noise"], ["the gold"])
    0.0
    """
    if not golds:
        return None
    ranks = [r for r in _first_cover(passages, golds, k) if r is not None]
    return 1.0 / min(ranks) if ranks else 0.0


def ndcg_at_k(passages: Sequence[str], golds: Sequence[str], k: int = 10) -> float | None:
    """nDCG@k with novelty gains: a passage gains 1 per gold passage it is the first to contain.

    DCG = sum(gain_r / log2(r + 1)); the ideal puts one new gold passage at each of the first
    min(len(golds), k) ranks. A passage that contains two gold passages at once can exceed the
    ideal, so the result is capped at 1.0. Duplicate retrievals of an already-covered gold
    passage gain nothing, so near-duplicate chunks are not rewarded.

    >>> ndcg_at_k(["gold a", "noise", "gold b"], ["gold a", "gold b"])  # ranks 1 and 3
    0.9197207891481876
    >>> ndcg_at_k(["noise", "gold a"], ["gold a"])
    0.6309297535714575
    >>> ndcg_at_k(["gold a and gold b"], ["gold a", "gold b"])
    1.0
    """
    if not golds:
        return None
    dcg = sum(1.0 / math.log2(r + 1) for r in _first_cover(passages, golds, k) if r is not None)
    ideal = sum(1.0 / math.log2(i + 2) for i in range(min(len(golds), k)))
    return min(1.0, dcg / ideal)


def context_sufficient(passages: Sequence[str], expect: Expectation, k: int) -> bool:
    """Whether the top k passages together hold everything the expected answer needs.

    Every gold passage must be inside one passage, and every must_contain pattern must match
    one passage. Passages cannot show that a question is unanswerable, so the harness does not
    score retrieval-only systems on items expected to be not_found.

    >>> e = Expectation(status="answered", must_contain=("150 triệu",),
    ...                 gold_passages=("Cấp huyện thấp nhất 150 triệu/huyện/năm",))
    >>> context_sufficient(["VII. Kinh phí", "- Cấp huyện thấp nhất 150 triệu/huyện/năm."], e, k=2)
    True
    >>> context_sufficient(["VII. Kinh phí", "- Cấp huyện thấp nhất 150 triệu/huyện/năm."], e, k=1)
    False
    """
    top = list(passages[:k])
    if any(r is None for r in _first_cover(top, expect.gold_passages, k)):
        return False
    return all(any(matches(p, pattern) for p in top) for pattern in expect.must_contain)


# ---------------------------------------------------------------------------------------------
# Latency


def latency_summary(values_ms: Sequence[float]) -> dict[str, float | None]:
    """p50, p95, mean and max of latencies in milliseconds.

    >>> latency_summary([1.0, 2.0, 3.0, 4.0, 100.0])["p50"]
    3.0
    """
    return {
        "n": float(len(values_ms)),
        "p50": percentile(values_ms, 50),
        "p95": percentile(values_ms, 95),
        "mean": sum(values_ms) / len(values_ms) if values_ms else None,
        "max": max(values_ms) if values_ms else None,
    }
