"""Helpers to write eval questions: `q` builds one dataset item; `num` and `pct` build patterns.

Shared by the dev question files (build_dataset.py, questions_authored.py) and the held-out one
(eval/heldout/questions.py), so none of them imports another.
"""

from __future__ import annotations

from typing import Any

ASSIGN = "TỔ CHỨC THỰC HIỆN"
GOALS = "MỤC TIÊU"


def num(n: int | str) -> str:
    """A pattern matching the number n as a whole number ("14" but not "140" or "2014")."""
    return rf"re:(?<![\d.,]){n}(?![\d]|[.,]\d)"


def pct(value: str) -> str:
    """A pattern for a percentage written "98,5%" or "98.5 %"."""
    return "re:(?<![\\d.,])" + value.replace(",", "[,.]") + r"\s*%"


def q(
    id: str,
    question: str,
    category: str,
    docs: list[str],
    *,
    lang: str = "vi",
    variant: list[str] | None = None,
    status: str = "answered",
    leads: list[str] | None = None,
    supports: list[str] | None = None,
    indicators: list[int] | None = None,
    indicator: int | None = None,
    must: list[str] | None = None,
    must_not: list[str] | None = None,
    sections: list[str] | None = None,
    gold: list[str] | None = None,
    followup_of: str | None = None,
    list_items: list[str] | None = None,
) -> dict[str, Any]:
    expect: dict[str, Any] = {"status": status}
    if leads is not None:
        expect["leads"] = leads
    if supports is not None:
        expect["supports"] = supports
    if indicators is not None:
        expect["indicators"] = indicators
    if indicator is not None:
        expect["indicator"] = indicator
    expect["must_contain"] = must or []
    expect["must_not_contain"] = must_not or []
    expect["source_docs"] = docs
    if sections:
        expect["sections"] = sections
    expect["gold_passages"] = gold or []
    if list_items:
        expect["list_items"] = list_items
    item: dict[str, Any] = {
        "id": id,
        "question": question,
        "language": lang,
        "category": category,
        "variant": variant or [],
        "expect": expect,
    }
    if followup_of:
        item["followup_of"] = followup_of
    return item


OWN = "owner_of_indicator"
BODY = "indicators_of_body"
TARGET = "target_value"
TEXT = "indicator_text"
COUNT = "count"
FREE = "free_form"
MULTI = "multi_document"
NONE = "unanswerable"
FOLLOW = "followup"
DUTY = "duties"
DEADLINE = "deadline"
BUDGET = "budget"
LIST = "list"
SUMMARY = "summary"
CROSS = "cross_plan"
META = "metadata"
