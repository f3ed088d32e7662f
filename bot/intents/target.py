"""An indicator's target values, for a year when one is asked: "Chỉ tiêu 14 năm 2025 đạt bao nhiêu?"."""

from __future__ import annotations

import re
from typing import Any

from bot.answer import Answer
from bot.intents.base import AnswerContext, answered, indicator_name, indicators_asked, short
from bot.intents.cues import TARGET_RE, about_indicator
from bot.render import doc_label
from bot.understand import Query

_GOAL_WORD_RE = re.compile(r"\b(muc tieu|target|goal)\b")


class TargetIntent:
    name = "target"

    def detect(self, q: Query) -> float:
        f = q.folded
        asks_value = bool(TARGET_RE.search(f)) or q.year is not None
        # "Mục tiêu tiêm chủng năm 2025 là bao nhiêu?": an indicator found by its topic.
        if asks_value and (about_indicator(f, q.indicator) or _GOAL_WORD_RE.search(f)):
            return 0.65
        return 0.0

    def answer(self, ctx: AnswerContext, q: Query, doc_ids: set[str]) -> Answer:
        comp = ctx.composer()
        results = []
        for ind in indicators_asked(ctx, q, doc_ids):
            rec = ctx.snapshot.documents[ind["doc_id"]]
            ref = comp.cite(rec.doc_id, ind["span"])
            targets = ind["targets"]
            chosen = [t for t in targets if q.year is None or t["year"] == q.year]
            phrases = list(dict.fromkeys(t["text"] for t in chosen))
            name = indicator_name(ind, q.language)
            label = doc_label(rec, q.language)
            # A value without a year is set for the plan's own period: a year outside it is not answered.
            off_year = q.year is not None and not chosen and not _year_in(q.year, rec.meta, ind["text"])
            if phrases:
                body = "; ".join(phrases)
            elif off_year or (q.year is not None and targets):
                body = (f"không nêu mục tiêu cho năm {q.year}; văn bản ghi: {short(ind['text'], 200)}"
                        if q.language == "vi" else f"no target for {q.year} is stated; the text says: "
                        f"{short(ind['text'], 200)}")
            else:
                body = short(ind["text"], 300)
            comp.lines.append(f"{label}, {name}: {body} [{ref}].")
            results.append({"doc_id": rec.doc_id, "source": rec.source, "doc_number": rec.number, "indicator": ind["number"],
                            "targets": chosen or targets, "year": q.year, "year_stated": not off_year})
        if not results:
            return ctx.delegate("free", q, doc_ids)
        answer = answered(comp, q, "target", {"results": results})
        if not any(r["year_stated"] for r in results):
            answer.status = "not_found"  # no document sets a value for the year asked
            return answer
        stated = [r for r in results if r["targets"]]
        if q.year is not None and stated and len(stated) == len(results) and not any(
                t["year"] == q.year for r in stated for t in r["targets"]):
            answer.status = "not_found"  # the indicator exists, but its targets are for other years
        return answer


def _year_in(year: int, meta: dict[str, Any], text: str) -> bool:
    """Whether a plan's value without a year can be read for `year`: the indicator names that year, or the plan's
    period (else its year) includes it."""
    if re.search(rf"(?<!\d){year}(?!\d)", text):
        return True
    years = [int(y) for y in re.findall(r"(?:19|20)\d\d", meta.get("period") or "")]
    if not years and meta.get("year"):
        years = [int(meta["year"])]
    return not years or min(years) <= year <= max(years)
