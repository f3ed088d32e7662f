"""Which indicators a body leads or supports: "Sở Y tế phụ trách những chỉ tiêu nào?"."""

from __future__ import annotations

from bot.answer import Answer
from bot.intents.base import AnswerContext, answered
from bot.intents.cues import BODY_LIST_RE, OWNER_RE
from bot.render import doc_label
from bot.understand import Query


class BodyIndicatorsIntent:
    name = "indicators_of_body"

    def detect(self, q: Query) -> float:
        f = q.folded
        if q.agency_keys and (BODY_LIST_RE.search(f) or (q.indicator is None and OWNER_RE.search(f)
                                                          and "chi tieu" in f)):
            return 0.8
        return 0.0

    def answer(self, ctx: AnswerContext, q: Query, doc_ids: set[str]) -> Answer:
        comp = ctx.composer()
        results = []
        # Only the documents that assign the body (an index lookup), not every document's rows.
        having = {d for k in q.agency_keys for d in ctx.snapshot.docs_assigning(k)} & doc_ids
        for doc_id in sorted(having, key=lambda d: ctx.snapshot.documents[d].source):
            rec = ctx.snapshot.documents[doc_id]
            items = [a for a in ctx.snapshot.assignments_of(doc_id) if a["agency_key"] in q.agency_keys]
            if not items:
                continue
            leads = sorted({a["indicator_number"] for a in items if a["role"] == "lead"})
            supports = sorted({a["indicator_number"] for a in items if a["role"] == "support"})
            agency = items[0]["agency"]
            refs = "".join(dict.fromkeys(f"[{comp.cite(doc_id, a['span'])}]" for a in items))
            results.append({"doc_id": doc_id, "source": rec.source, "doc_number": rec.number, "agency": agency,
                            "lead": leads, "support": supports})
            label = doc_label(rec, q.language)
            if q.language == "vi":
                line = (f"Theo {label}, {agency} chủ trì {len(leads)} chỉ tiêu: {', '.join(map(str, leads))}" if leads
                        else f"Theo {label}, {agency} không chủ trì chỉ tiêu nào")
                if supports:
                    line += f"; phối hợp thực hiện các chỉ tiêu {', '.join(map(str, supports))}"
            else:
                line = (f"In {label}, {agency} leads {len(leads)} indicators: {', '.join(map(str, leads))}" if leads
                        else f"In {label}, {agency} leads no indicator")
                if supports:
                    line += f" and supports indicators {', '.join(map(str, supports))}"
            comp.lines.append(line + f" {refs}.")
        if not results:
            return ctx.delegate("duties", q, doc_ids)
        return answered(comp, q, "indicators_of_body", {"results": results})
