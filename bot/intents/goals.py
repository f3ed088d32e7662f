"""A plan's goals: "Mục tiêu chung của kế hoạch là gì?", "What are the specific objectives?"."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from bot.answer import Answer
from bot.answerer import Composer
from bot.intents.base import AnswerContext
from bot.intents.plan_common import cite, doc_head, item_label, per_document, short
from bot.understand import Query
from ingest.model import Objective, PlanFacts

_GENERAL_RE = re.compile(r"\b(muc tieu (?:chung|tong quat|tong the)|(?:general|overall|main) (?:goal|objective|aim)s?)\b")
_SPECIFIC_RE = re.compile(r"\b(muc tieu cu the|chi tieu cu the|specific (?:goal|objective|target)s?)\b")
_ANY_RE = re.compile(
    r"\b((?:nhung|cac) muc tieu (?:nao|gi|cua)|muc tieu (?:cua )?(?:ke hoach|chuong trinh|van ban)\b|"
    r"muc tieu (?:la gi|gom|nhu the nao)|(?:goals|objectives|aims) (?:of|in) (?:the|this) (?:plan|programme|program)|"
    r"what (?:are|is) the (?:plan'?s )?(?:goals?|objectives?|aims?))\b"
)
# A question about one indicator's figure is a target question, not the plan's goals.
_FIGURE_RE = re.compile(r"\b(bao nhieu|ty le|phan tram|how much|percent|rate|nam \d{4}|in \d{4})\b|%")


class GoalsIntent:
    name = "goals"

    def detect(self, q: Query) -> float:
        if q.indicator is not None:
            return 0.0
        if _GENERAL_RE.search(q.folded) or _SPECIFIC_RE.search(q.folded):
            return 0.93
        return 0.8 if _ANY_RE.search(q.folded) and not _FIGURE_RE.search(q.folded) else 0.0

    def answer(self, ctx: AnswerContext, q: Query, doc_ids: set[str]) -> Answer:
        general = bool(_GENERAL_RE.search(q.folded))
        specific = bool(_SPECIFIC_RE.search(q.folded))
        kinds = {"general"} if general and not specific else {"specific"} if specific and not general else \
            {"general", "specific"}
        render = ctx.render

        def pick(pf: PlanFacts, _doc: str) -> Sequence[Objective]:
            # A plan whose goals section is not split answers with that section, said so.
            return [o for o in pf.objectives if o.kind in kinds] or [o for o in pf.objectives if o.kind == "goals"]

        def block(comp: Composer, doc_id: str, objs: Sequence[Objective]) -> tuple[list[str], dict[str, Any]]:
            lines: list[str] = []
            unsplit = all(o.kind == "goals" for o in objs)
            if unsplit and kinds != {"general", "specific"}:
                lines.append(render.pick("(Văn bản không tách mục tiêu chung và mục tiêu cụ thể; dưới đây là mục "
                                         "“Mục tiêu” của văn bản.)",
                                         "(The document does not split its goals into general and specific ones; "
                                         "below is its goals section.)"))
            for kind in ("general", "specific", "goals"):
                mine = [o for o in objs if o.kind == kind]
                if not mine:
                    if kind in kinds and len(kinds) == 1 and not unsplit:
                        lines.append(render.pick("(Văn bản không có mục “Mục tiêu chung”.)",
                                                 "(The document has no general-goal section.)"))
                    continue
                top = [o for o in mine if o.depth == 0]
                vi, en = {"general": ("mục tiêu chung", "the general goal"),
                          "specific": ("mục tiêu cụ thể", "the specific objectives"),
                          "goals": ("mục tiêu", "the goals")}[kind]
                lines.append(doc_head(ctx, doc_id, vi, en, len(top)))
                for n, o in enumerate(top, start=1):
                    under = [c for c in mine if c.depth > 0 and _parent(mine, c) is o]
                    extra = (render.pick(f" (gồm {len(under)} mục/chỉ tiêu)", f" ({len(under)} items under it)")
                             if under else "")
                    label = item_label(o.marker, n, count_bullets=False)
                    lines.append(f"{label} {short(o.text, 500)}{extra} [{cite(comp, doc_id, o.span)}]")
            return lines, {"objectives": [{"kind": o.kind, "marker": o.marker, "depth": o.depth, "text": o.text}
                                          for o in objs]}

        return per_document(ctx, q, doc_ids, self.name, pick, block,
                            ("Không tìm thấy mục tiêu của kế hoạch trong các văn bản được hỏi.",
                             "No goals section was found in the documents asked about."))


def _parent(items: list[Objective], child: Objective) -> Objective | None:
    before = [o for o in items if o.depth < child.depth and o.span.char_start < child.span.char_start]
    return before[-1] if before else None
