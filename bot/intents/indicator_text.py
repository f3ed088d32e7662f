"""What an indicator says: "Chỉ tiêu 7 là gì?"."""

from __future__ import annotations

from bot.answer import Answer
from bot.intents.base import AnswerContext, answered, indicator_name, indicators_asked
from bot.intents.cues import TEXT_RE, about_indicator
from bot.render import doc_label
from bot.understand import Query
from ingest.normalize import collapse_ws


class IndicatorTextIntent:
    name = "indicator_text"

    def detect(self, q: Query) -> float:
        f = q.folded
        if about_indicator(f, q.indicator) and (TEXT_RE.search(f) or q.indicator is not None):
            return 0.6
        return 0.0

    def answer(self, ctx: AnswerContext, q: Query, doc_ids: set[str]) -> Answer:
        comp = ctx.composer()
        results = []
        for ind in indicators_asked(ctx, q, doc_ids):
            rec = ctx.snapshot.documents[ind["doc_id"]]
            ref = comp.cite(rec.doc_id, ind["span"])
            goal = f" ({ind['goal']})" if ind.get("goal") else ""
            comp.lines.append(f"{doc_label(rec, q.language)}, {indicator_name(ind, q.language)}{goal}: "
                              f"{collapse_ws(ind['text'])} [{ref}]")
            results.append({"doc_id": rec.doc_id, "source": rec.source, "doc_number": rec.number, "indicator": ind["number"],
                            "text": ind["text"]})
        if not results:
            return ctx.answerer.not_found(q, "indicator") if q.indicator is not None else ctx.delegate("free", q, doc_ids)
        return answered(comp, q, "indicator_text", {"results": results})
