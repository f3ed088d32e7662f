"""A plan's legal bases: "Kế hoạch căn cứ vào những văn bản nào?", "What is the legal basis of the plan?"."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from bot.answer import Answer
from bot.answerer import Composer
from bot.intents.base import AnswerContext
from bot.intents.plan_common import cite, doc_head, per_document, short
from bot.understand import Query
from ingest.model import LegalBasis, PlanFacts

_BASIS_RE = re.compile(
    r"\b(can cu|co so phap ly|dua tren (?:van ban|quyet dinh|nhung)|thuc hien (?:theo )?(?:quyet dinh|van ban|ke hoach) "
    r"nao|trien khai (?:quyet dinh|van ban) nao|legal bas[ie]s|legal grounds?|based on|pursuant to|"
    r"which (?:decision|decree|law|document)s? .*(?:implement|base|under))\b"
)


class LegalBasesIntent:
    name = "legal_bases"

    def detect(self, q: Query) -> float:
        # Above cross-plan (0.92): "căn cứ vào những văn bản nào" asks for a plan's bases, not for plans.
        return 0.95 if q.indicator is None and _BASIS_RE.search(q.folded) else 0.0

    def answer(self, ctx: AnswerContext, q: Query, doc_ids: set[str]) -> Answer:
        def pick(pf: PlanFacts, _doc: str) -> Sequence[LegalBasis]:
            return pf.legal_bases

        def block(comp: Composer, doc_id: str, bases: Sequence[LegalBasis]) -> tuple[list[str], dict[str, Any]]:
            lines = [doc_head(ctx, doc_id, "căn cứ ban hành", "the legal bases", len(bases))]
            for n, b in enumerate(bases, start=1):
                lines.append(f"{n}. {short(b.text, 400)} [{cite(comp, doc_id, b.span)}]")
            return lines, {"legal_bases": [{"kind": b.kind, "text": b.text,
                                            "refs": [{"type": r.doc_type, "number": r.number, "date": r.date}
                                                     for r in b.refs]} for b in bases]}

        return per_document(ctx, q, doc_ids, self.name, pick, block,
                            ("Không tìm thấy căn cứ ban hành trong các văn bản được hỏi.",
                             "No legal basis was found in the documents asked about."))
