"""A body's duties as the plan lists them: "Nhiệm vụ của Sở Tư pháp là gì?"."""

from __future__ import annotations

from bot.answer import Answer
from bot.intents.base import AnswerContext, answered, short
from bot.intents.cues import DUTY_RE
from bot.render import doc_label
from bot.understand import Query


class BodyDutiesIntent:
    name = "duties_of_body"

    def detect(self, q: Query) -> float:
        return 0.75 if q.agency_keys and q.indicator is None and DUTY_RE.search(q.folded) else 0.0

    def answer(self, ctx: AnswerContext, q: Query, doc_ids: set[str]) -> Answer:
        comp = ctx.composer()
        results = []
        for doc_id in sorted(doc_ids, key=lambda d: ctx.snapshot.documents[d].source):
            items = [d for d in ctx.snapshot.duties if d["doc_id"] == doc_id and d["agency_key"] in q.agency_keys]
            if not items:
                continue
            rec = ctx.snapshot.documents[doc_id]
            bullets = [f"- {short(d['text'], 160)} [{comp.cite(doc_id, d['span'])}]" for d in items[:6]]
            head = (f"Theo {doc_label(rec, q.language)}, nhiệm vụ của {items[0]['agency']}:" if q.language == "vi"
                    else f"In {doc_label(rec, q.language)}, the duties of {items[0]['agency']}:")
            comp.lines.append("\n".join([head, *bullets]))
            results.append({"doc_id": doc_id, "source": rec.source, "doc_number": rec.number, "agency": items[0]["agency"],
                            "duties": [d["text"] for d in items]})
        if not results:
            return ctx.answerer.not_found(q, "body")
        return answered(comp, q, "duties_of_body", {"results": results})
