"""Who leads (and who supports) an indicator: "Chỉ tiêu 14 do cơ quan nào chủ trì?"."""

from __future__ import annotations

from bot.answer import Answer
from bot.intents.base import AnswerContext
from bot.intents.cues import INDICATOR_WORD_RE, OWNER_RE, about_indicator
from bot.understand import Query


class OwnerIntent:
    name = "owner"

    def detect(self, q: Query) -> float:
        f = q.folded
        if OWNER_RE.search(f) and (about_indicator(f, q.indicator) or INDICATOR_WORD_RE.search(f)):
            return 0.7
        return 0.0

    def answer(self, ctx: AnswerContext, q: Query, doc_ids: set[str]) -> Answer:
        return ctx.answerer.owner(q, doc_ids)
