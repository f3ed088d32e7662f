"""A body's duties, complete and numbered as in the plan: "Sở Nội vụ có nhiệm vụ gì?", "What must the commune
office do?"."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from bot.answer import Answer
from bot.answerer import Composer
from bot.intents.base import AnswerContext
from bot.intents.cues import DUTY_RE
from bot.intents.plan_common import cite, item_label, per_document, short, strip_marker
from bot.understand import Query
from ingest.model import Duty, PlanFacts

_MORE_DUTY_RE = re.compile(r"\b(phai lam|can lam|lam nhung gi|giao nhiem vu|what (?:must|should|does) .* do|"
                           r"what is .* (?:tasked|asked) )")


class PlanDutiesIntent:
    name = "duties"

    def detect(self, q: Query) -> float:
        if not q.agency_keys or q.indicator is not None:
            return 0.0
        return 0.8 if DUTY_RE.search(q.folded) or _MORE_DUTY_RE.search(q.folded) else 0.0

    def answer(self, ctx: AnswerContext, q: Query, doc_ids: set[str]) -> Answer:
        keys = set(q.agency_keys)
        render = ctx.render

        def pick(_pf: PlanFacts, doc_id: str) -> Sequence[Duty]:
            return [d for d in ctx.snapshot.duties_of(doc_id) if d.agency_key in keys]

        def block(comp: Composer, doc_id: str, duties: Sequence[Duty]) -> tuple[list[str], dict[str, Any]]:
            label = ctx.render.doc(ctx.snapshot.documents[doc_id])
            lines: list[str] = []
            for key in dict.fromkeys(d.agency_key for d in duties):
                mine = [d for d in duties if d.agency_key == key]
                name = mine[0].agency
                lines.append(render.pick(f"Theo {label}, nhiệm vụ của {name} ({len(mine)} mục):",
                                         f"In {label}, the duties of {name} ({len(mine)} items):"))
                for n, d in enumerate(mine, start=1):
                    text = short(strip_marker(d.text, d.marker), 500)
                    lines.append(f"{item_label(d.marker, n)} {text} [{cite(comp, doc_id, d.span)}]")
            return lines, {"duties": [{"agency": d.agency, "marker": d.marker, "text": d.text} for d in duties]}

        # per_document visits only the documents that list the body's duties (an index lookup).
        having = {d for k in keys for d in ctx.snapshot.docs_with_duties(k)} & doc_ids
        return per_document(ctx, q, having or doc_ids, self.name, pick, block,
                            ("Không tìm thấy cơ quan này hoặc nhiệm vụ của cơ quan này trong các văn bản đã nạp.",
                             "This body, or its duties, was not found in the ingested documents."))
