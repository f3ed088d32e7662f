"""The plan's "Nơi nhận" list: "Kế hoạch gửi đến những nơi nào?", "Who receives the plan?"."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from bot.answer import Answer
from bot.answerer import Composer
from bot.intents.base import AnswerContext
from bot.intents.plan_common import cite, doc_head, per_document
from bot.understand import Query
from ingest.model import PlanFacts, Recipient

_RECIPIENTS_RE = re.compile(
    r"\b(noi nhan|gui (?:den|toi|cho) (?:nhung|cac) (?:noi|co quan|don vi)|(?:ke hoach|van ban|quyet dinh) "
    r"(?:duoc )?gui (?:den|cho|toi)|recipients?|distribution list|(?:sent|addressed|copied) to|who receives?)\b"
)
_REPORT_RE = re.compile(r"\b(bao cao|report)")
_NOTES_EN = {"để b/c": "for reporting", "b/c": "for reporting", "t/h": "to implement", "để t/h": "to implement",
             "để biết": "for information", "để p/h": "to coordinate"}


class RecipientsIntent:
    name = "recipients"

    def detect(self, q: Query) -> float:
        if _REPORT_RE.search(q.folded):
            return 0.0  # "báo cáo gửi cho ai" asks where reports go
        return 0.9 if _RECIPIENTS_RE.search(q.folded) else 0.0

    def answer(self, ctx: AnswerContext, q: Query, doc_ids: set[str]) -> Answer:
        render = ctx.render

        def pick(pf: PlanFacts, _doc: str) -> Sequence[Recipient]:
            return pf.recipients

        def block(comp: Composer, doc_id: str, recs: Sequence[Recipient]) -> tuple[list[str], dict[str, Any]]:
            lines = [doc_head(ctx, doc_id, "nơi nhận", "the recipients (Nơi nhận)", len(recs))]
            for r in recs:
                note = ""
                if r.note:
                    note = f" ({r.note})" if not render.en else f" ({r.note}: {_NOTES_EN.get(r.note, r.note)})"
                lines.append(f"{r.ordinal}. {r.name}{note} [{cite(comp, doc_id, r.span)}]")
            return lines, {"recipients": [{"name": r.name, "note": r.note} for r in recs]}

        return per_document(ctx, q, doc_ids, self.name, pick, block,
                            ("Không tìm thấy mục “Nơi nhận” trong các văn bản được hỏi.",
                             "No recipients list (Nơi nhận) was found in the documents asked about."), fallback=None)
