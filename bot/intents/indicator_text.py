"""What an indicator says: "Chỉ tiêu 7 là gì?"."""

from __future__ import annotations

from bot.answer import Answer
from bot.intents.base import AnswerContext
from bot.intents.cues import TEXT_RE, about_indicator
from bot.understand import Query


class IndicatorTextIntent:
    name = "indicator_text"

    def detect(self, q: Query) -> float:
        f = q.folded
        if about_indicator(f, q.indicator) and (TEXT_RE.search(f) or q.indicator is not None):
            return 0.6
        return 0.0

    def answer(self, ctx: AnswerContext, q: Query, doc_ids: set[str]) -> Answer:
        return ctx.answerer.indicator_text(q, doc_ids)
