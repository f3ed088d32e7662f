"""An indicator's target values, for a year when one is asked: "Chỉ tiêu 14 năm 2025 đạt bao nhiêu?"."""

from __future__ import annotations

import re

from bot.answer import Answer
from bot.intents.base import AnswerContext
from bot.intents.cues import TARGET_RE, about_indicator
from bot.understand import Query

_GOAL_WORD_RE = re.compile(r"\b(muc tieu|target|goal)\b")


class TargetIntent:
    name = "target"

    def detect(self, q: Query) -> float:
        f = q.folded
        asks_value = bool(TARGET_RE.search(f)) or q.year is not None
        # "Mục tiêu tiêm chủng năm 2025 là bao nhiêu?": an indicator found by its topic.
        if asks_value and (about_indicator(f, q.indicator) or _GOAL_WORD_RE.search(f)):
            return 0.65
        return 0.0

    def answer(self, ctx: AnswerContext, q: Query, doc_ids: set[str]) -> Answer:
        return ctx.answerer.target(q, doc_ids)
