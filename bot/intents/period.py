"""A plan's period and milestones: "Kế hoạch thực hiện giai đoạn nào?", "When is the mid-term review?"."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from bot.answer import Answer
from bot.answerer import Composer
from bot.intents.base import AnswerContext
from bot.intents.plan_common import cite, doc_head, per_document
from bot.understand import Query
from ingest.model import Milestone, PlanFacts

_PERIOD_RE = re.compile(
    r"\b(giai doan nao|thoi gian thuc hien|thoi ky|trong bao lau|keo dai (?:bao lau|den)|den nam nao|"
    r"so ket|tong ket|moc thoi gian|period|time ?frame|how long|until when|which years|milestones?|"
    r"mid-term review|final review|review)\b"
)
_KIND_VI = {"period": "thời kỳ của kế hoạch", "phase": "giai đoạn", "horizon": "định hướng", "review": "sơ kết/tổng kết"}
_KIND_EN = {"period": "plan period", "phase": "phase", "horizon": "outlook to", "review": "review"}


class PeriodIntent:
    name = "period"

    def detect(self, q: Query) -> float:
        return 0.85 if q.indicator is None and _PERIOD_RE.search(q.folded) else 0.0

    def answer(self, ctx: AnswerContext, q: Query, doc_ids: set[str]) -> Answer:
        render = ctx.render
        reviews_only = bool(re.search(r"\b(so ket|tong ket|review)\b", q.folded))

        def pick(pf: PlanFacts, _doc: str) -> Sequence[Milestone]:
            if reviews_only:
                return [m for m in pf.milestones if m.kind == "review"] or pf.milestones
            return pf.milestones

        def block(comp: Composer, doc_id: str, ms: Sequence[Milestone]) -> tuple[list[str], dict[str, Any]]:
            lines = [doc_head(ctx, doc_id, "thời gian thực hiện và các mốc", "the period and milestones", len(ms))]
            for n, m in enumerate(ms, start=1):
                years = f"{m.start_year}–{m.end_year}" if m.start_year and m.start_year != m.end_year else str(m.end_year)
                kind = render.pick(_KIND_VI[m.kind], _KIND_EN[m.kind])
                lines.append(f"{n}. {kind}: {years} — “{m.text}” [{cite(comp, doc_id, m.span)}]")
            return lines, {"milestones": [{"kind": m.kind, "start_year": m.start_year, "end_year": m.end_year}
                                          for m in ms]}

        return per_document(ctx, q, doc_ids, self.name, pick, block,
                            ("Không tìm thấy thời gian thực hiện trong các văn bản được hỏi.",
                             "No period was found in the documents asked about."))
