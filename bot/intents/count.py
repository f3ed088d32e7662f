"""How many indicators a plan (or one of its goals) has: "Kế hoạch có bao nhiêu chỉ tiêu?"."""

from __future__ import annotations

import re

from bot.answer import Answer
from bot.intents.base import AnswerContext, answered, short
from bot.render import doc_label
from bot.understand import Query

COUNT_RE = re.compile(
    r"\b(bao nhieu chi tieu|may chi tieu|so luong chi tieu|tong so chi tieu|bao nhieu muc tieu|how many "
    r"(?:indicators|targets|goals))\b"
)


class CountIntent:
    name = "count"

    def detect(self, q: Query) -> float:
        return 0.9 if COUNT_RE.search(q.folded) else 0.0

    def answer(self, ctx: AnswerContext, q: Query, doc_ids: set[str]) -> Answer:
        if q.agency_keys:
            return ctx.delegate("indicators_of_body", q, doc_ids)  # "Sở Y tế được giao bao nhiêu chỉ tiêu?"
        goal = re.search(r"\bmuc tieu\s*(?:so\s*)?(\d{1,2})\b", q.folded)
        if goal:
            return _count_goal(ctx, q, doc_ids, int(goal.group(1)))
        comp = ctx.composer()
        results = []
        for doc_id in sorted(doc_ids, key=lambda d: ctx.snapshot.documents[d].source):
            inds = ctx.snapshot.indicators_of(doc_id)
            if not inds:
                continue
            rec = ctx.snapshot.documents[doc_id]
            numbered = [i for i in inds if i["number"] is not None]
            goals = {i["goal"] for i in inds if i.get("goal")}
            refs = f"[{comp.cite(doc_id, inds[0]['span'])}][{comp.cite(doc_id, inds[-1]['span'])}]"
            label = doc_label(rec, q.language)
            if q.language == "vi":
                kind = (f"{len(numbered)} chỉ tiêu (chỉ tiêu {numbered[0]['number']}–{numbered[-1]['number']})"
                        if numbered else f"{len(inds)} mục tiêu cụ thể (không đánh số chỉ tiêu)")
                line = f"{label} có {kind}" + (f", thuộc {len(goals)} mục tiêu" if goals else "")
            else:
                kind = (f"{len(numbered)} indicators ({numbered[0]['number']}–{numbered[-1]['number']})"
                        if numbered else f"{len(inds)} specific targets (not numbered as indicators)")
                line = f"{label} has {kind}" + (f" under {len(goals)} goals" if goals else "")
            comp.lines.append(f"{line} {refs}.")
            results.append({"doc_id": doc_id, "source": rec.source, "doc_number": rec.number, "count": len(numbered) or len(inds),
                            "numbered": bool(numbered)})
        if not results:
            return ctx.answerer.not_found(q, "indicator")
        return answered(comp, q, "count", {"results": results})


def _count_goal(ctx: AnswerContext, q: Query, doc_ids: set[str], goal_number: int) -> Answer:
    comp = ctx.composer()
    results = []
    pattern = re.compile(rf"^(?:[-–•+*]\s*)?m[uụ]c\s+ti[eê]u\s+{goal_number}\b", re.IGNORECASE)
    for doc_id in sorted(doc_ids, key=lambda d: ctx.snapshot.documents[d].source):
        inds = [i for i in ctx.snapshot.indicators_of(doc_id) if i.get("goal") and pattern.match(i["goal"])]
        if not inds:
            continue
        rec = ctx.snapshot.documents[doc_id]
        numbers = [i["number"] for i in inds if i["number"] is not None]
        refs = "".join(dict.fromkeys(f"[{comp.cite(doc_id, i['span'])}]" for i in (inds[0], inds[-1])))
        listed = f" (chỉ tiêu {', '.join(map(str, numbers))})" if numbers else ""
        if q.language == "vi":
            line = f"Theo {doc_label(rec, q.language)}, {short(inds[0]['goal'], 80)} gồm {len(inds)} chỉ tiêu{listed}"
        else:
            line = (f"In {doc_label(rec, q.language)}, {short(inds[0]['goal'], 80)} has {len(inds)} indicators"
                    f"{listed.replace('chỉ tiêu', 'indicators')}")
        comp.lines.append(f"{line} {refs}.")
        results.append({"doc_id": doc_id, "source": rec.source, "doc_number": rec.number, "goal": goal_number,
                        "count": len(inds), "indicators": numbers})
    if not results:
        return ctx.answerer.not_found(q, "indicator")
    return answered(comp, q, "count", {"results": results})
