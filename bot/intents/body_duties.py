"""A body's duties as the plan lists them: "Nhiệm vụ của Sở Tư pháp là gì?"."""

from __future__ import annotations

from bot.answer import Answer
from bot.intents.base import AnswerContext
from bot.intents.cues import DUTY_RE
from bot.understand import Query


class BodyDutiesIntent:
    name = "duties_of_body"

    def detect(self, q: Query) -> float:
        return 0.75 if q.agency_keys and q.indicator is None and DUTY_RE.search(q.folded) else 0.0

    def answer(self, ctx: AnswerContext, q: Query, doc_ids: set[str]) -> Answer:
        return ctx.answerer.duties_of_body(q, doc_ids)
