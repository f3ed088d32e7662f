"""Steering and standing bodies: "Ban Chỉ đạo nào?", "Cơ quan thường trực là ai?", "Which body coordinates?"."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from bot.answer import Answer
from bot.answerer import Composer
from bot.intents.base import AnswerContext
from bot.intents.plan_common import cite, doc_head, per_document, short
from bot.understand import Query
from ingest.model import PlanFacts, SteeringBody

_STEERING_RE = re.compile(
    r"\b(ban chi dao|ban dieu hanh|co quan thuong truc|thuong truc|co quan dau moi|dau moi|dieu phoi|"
    r"steering (?:committee|board|body)|standing (?:agency|body|office)|focal (?:agency|point|body)|"
    r"coordinat(?:es|ing|ion) (?:body|agency)|which body coordinates|who coordinates)\b"
)
_ASKED = [("standing", re.compile(r"\b(thuong truc|standing)\b")), ("focal", re.compile(r"\b(dau moi|focal)\b")),
          ("steering", re.compile(r"\b(ban chi dao|ban dieu hanh|steering)\b"))]
_ROLES = {"steering": ("ban chỉ đạo/điều hành", "steering body"),
          "standing": ("cơ quan thường trực", "standing agency"), "focal": ("cơ quan đầu mối", "focal agency")}


class SteeringIntent:
    name = "steering"

    def detect(self, q: Query) -> float:
        return 0.9 if q.indicator is None and _STEERING_RE.search(q.folded) else 0.0

    def answer(self, ctx: AnswerContext, q: Query, doc_ids: set[str]) -> Answer:
        render = ctx.render

        asked = {role for role, rx in _ASKED if rx.search(q.folded)}

        def pick(pf: PlanFacts, _doc: str) -> Sequence[SteeringBody]:
            return [b for b in pf.steering if b.role in asked] or pf.steering

        def block(comp: Composer, doc_id: str, bodies: Sequence[SteeringBody]) -> tuple[list[str], dict[str, Any]]:
            lines = [doc_head(ctx, doc_id, "cơ quan chỉ đạo, điều phối", "steering and coordinating bodies",
                              len(bodies))]
            for n, b in enumerate(bodies, start=1):
                vi, en = _ROLES[b.role]
                role = render.pick(vi, en)
                lines.append(f"{n}. {b.name} — {role}: “{short(b.text, 300)}” [{cite(comp, doc_id, b.span)}]")
            return lines, {"bodies": [{"name": b.name, "role": b.role} for b in bodies]}

        return per_document(ctx, q, doc_ids, self.name, pick, block,
                            ("Không tìm thấy ban chỉ đạo hay cơ quan thường trực trong các văn bản được hỏi.",
                             "No steering body or standing agency was found in the documents asked about."))
