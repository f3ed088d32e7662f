"""Who leads (and who supports) an indicator: "Chỉ tiêu 14 do cơ quan nào chủ trì?"."""

from __future__ import annotations

from bot.answer import Answer
from bot.intents.base import (
    AnswerContext,
    answered,
    indicator_name,
    indicators_asked,
    names,
    short,
    shown_names,
)
from bot.intents.cues import INDICATOR_WORD_RE, OWNER_RE, about_indicator
from bot.render import doc_label
from bot.understand import Query


class OwnerIntent:
    name = "owner"

    def detect(self, q: Query) -> float:
        f = q.folded
        if OWNER_RE.search(f) and (about_indicator(f, q.indicator) or INDICATOR_WORD_RE.search(f)):
            return 0.7
        return 0.0

    def answer(self, ctx: AnswerContext, q: Query, doc_ids: set[str]) -> Answer:
        comp = ctx.composer()
        results = []
        for ind in indicators_asked(ctx, q, doc_ids):
            rec = ctx.snapshot.documents[ind["doc_id"]]
            label = doc_label(rec, q.language)
            name = indicator_name(ind, q.language)
            ref_ind = comp.cite(rec.doc_id, ind["span"])
            leads, supports = ctx.answerer.assignments(rec.doc_id, ind["number"]) if ind["number"] is not None else ([], [])
            refs = "".join(dict.fromkeys(f"[{comp.cite(rec.doc_id, a['span'])}]" for a in leads + supports))
            lead_names, support_names = names(leads), names(supports)
            results.append({"doc_id": rec.doc_id, "source": rec.source, "doc_number": rec.number,
                            "indicator": ind["number"], "indicator_text": ind["text"],
                            "leads": lead_names, "supports": support_names})
            topic = short(ind["text"], 90)
            r = ctx.render
            what = f"{name} ({topic})[{ref_ind}]"
            if not lead_names and not support_names:
                comp.lines.append(r.say("owner.none", doc=label, what=what))
                continue
            line = r.say("owner.lead", doc=label, what=what,
                         leads=", ".join(shown_names(leads)) or r.say("owner.not_stated"))
            if support_names:
                line += r.say("owner.support", supports=", ".join(shown_names(supports)))
            comp.lines.append(line + f" {refs}.")
        if not results:
            return ctx.answerer.not_found(q, "indicator")
        return answered(comp, q, "owner", {"results": results})
