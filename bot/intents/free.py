"""Questions no fact type covers: the best sentences of the retrieved passages (`Answerer.free`)."""

from __future__ import annotations

from bot.answer import Answer
from bot.intents.base import AnswerContext
from bot.understand import Query


class FreeTextIntent:
    name = "free"

    def detect(self, q: Query) -> float:
        return 0.1  # every question can be read as free text; any other intent that takes it wins

    def answer(self, ctx: AnswerContext, q: Query, doc_ids: set[str]) -> Answer:
        return ctx.answerer.free(q, doc_ids)
