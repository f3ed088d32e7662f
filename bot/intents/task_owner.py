"""Who is responsible for a task the plan assigns (no indicator named): "Ai phụ trách đăng ký khai sinh cho trẻ
em?", "Who is in charge of early warning?". Answered from the bodies' duty items (`Duty` facts): the item that
says the task, and the body whose block it is in. When no duty item covers the question's key terms, the
free-text reader answers (or abstains).
"""

from __future__ import annotations

import re
from typing import Any

from bot.answer import Answer
from bot.intents.base import AnswerContext, answered
from bot.intents.cues import INDICATOR_WORD_RE, OWNER_RE
from bot.intents.plan_common import cite, ordered_docs, short, strip_marker
from bot.reader import Concept, Reader
from bot.understand import Query
from ingest.model import Duty
from ingest.normalize import fold_ascii

# Words that ask who does something: not the task itself.
_ASKING = {"phu trach", "chu tri", "chiu trach nhiem", "trach nhiem", "dam nhiem", "dam nhan", "thuc hien", "lam",
           "nhiem vu", "giao", "co quan", "don vi", "responsible", "in charge", "charge", "lead", "leads", "handle",
           "handles", "task", "tasked", "duty", "responsibility", "body", "agency", "office",
           # level words left beside a place's name ("thị trấn" of "thị trấn Hà Trung")
           "tinh", "thanh pho", "huyen", "quan", "thi xa", "xa", "phuong", "thi tran", "province", "district",
           "commune", "ward", "town", "city"}
_OWNER_ONLY_RE = re.compile(r"\b(ai|co quan nao|don vi nao|bo phan nao|who|which (?:body|agency|office|department))\b")
MIN_COVERAGE = 0.75  # of the task's weighted words, said by the duty item (with its body's name)


class TaskOwnerIntent:
    name = "task_owner"

    def detect(self, q: Query) -> float:
        f = q.folded
        if q.indicator is not None or q.agency_keys or INDICATOR_WORD_RE.search(f):
            return 0.0
        return 0.5 if OWNER_RE.search(f) and _OWNER_ONLY_RE.search(f) else 0.0

    def answer(self, ctx: AnswerContext, q: Query, doc_ids: set[str]) -> Answer:
        reader = ctx.answerer.reader
        concepts = [c for c in reader.concepts(q.text, q.places, q.language) if not _asking(c)]
        if not concepts:
            return ctx.delegate("free", q, doc_ids)
        best: list[tuple[float, Duty]] = []
        for doc_id in ordered_docs(ctx, doc_ids):
            scored = [(_coverage(reader, concepts, f"{d.agency} {d.text}"), d) for d in ctx.snapshot.duties_of(doc_id)]
            scored = [(s, d) for s, d in scored if s >= MIN_COVERAGE]
            if scored:
                top = max(s for s, _ in scored)
                best += [(s, d) for s, d in scored if s >= top - 1e-9]
        if not best:
            return ctx.delegate("free", q, doc_ids)
        top = max(s for s, _ in best)
        chosen = [d for s, d in best if s >= top - 0.1]
        comp = ctx.composer()
        results: list[dict[str, Any]] = []
        r = ctx.render
        for d in chosen:
            rec = ctx.snapshot.documents[d.doc_id]
            ref = cite(comp, d.doc_id, d.span)
            text = short(strip_marker(d.text, d.marker), 300)
            comp.lines.append(r.pick(f"Theo {r.doc(rec)}, {d.agency} phụ trách: “{text}” [{ref}]",
                                     f"In {r.doc(rec)}, {d.agency} is responsible: “{text}” [{ref}]"))
            results.append({"doc_id": d.doc_id, "source": rec.source, "doc_number": rec.number, "agency": d.agency,
                            "duty": d.text})
        return answered(comp, q, self.name, {"results": results})


def _asking(c: Concept) -> bool:
    """The concept asks who ("phụ trách", "in charge of"), or is a level word beside a place's name."""
    forms = {re.sub(r"\d", "", fold_ascii(f)) for f in (c.label, *c.forms)}
    return bool(forms & _ASKING)


def _coverage(reader: Reader, concepts: list[Concept], text: str) -> float:
    """Weighted share of the concepts `text` says (hard ones are required: 0 when one is missing)."""
    words, tone = reader.text_forms(text)
    total = covered = 0.0
    for c in concepts:
        if c.kind != "words":
            continue  # a year or number is the plan's, not the task's
        total += c.weight
        said = any(f" {f} " in (tone if c.toned else words) for f in c.forms)
        if said:
            covered += c.weight
        elif c.hard:
            return 0.0
    return covered / total if total else 0.0
