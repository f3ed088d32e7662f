"""Which indicators a body leads or supports: "Sở Y tế phụ trách những chỉ tiêu nào?"."""

from __future__ import annotations

from bot.answer import Answer
from bot.intents.base import AnswerContext
from bot.intents.cues import BODY_LIST_RE, OWNER_RE
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
        return ctx.answerer.indicators_of_body(q, doc_ids)
