"""How many indicators a plan (or one of its goals) has: "Kế hoạch có bao nhiêu chỉ tiêu?"."""

from __future__ import annotations

import re

from bot.answer import Answer
from bot.intents.base import AnswerContext
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
        return ctx.answerer.count(q, doc_ids)
