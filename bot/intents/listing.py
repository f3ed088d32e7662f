"""Complete lists: "Kế hoạch có những chỉ tiêu nào?", "những nhiệm vụ gì", "các nguồn kinh phí nào".

Every item under the matching heading of the document's outline (or every indicator, for "chỉ tiêu"),
numbered as the document numbers it and each cited; a long list says how many items it has and is
grouped by goal where the plan groups it.
"""

from __future__ import annotations

import re
from typing import Any

from bot.answer import Answer
from bot.intents.base import AnswerContext, answered, indicator_name, short
from bot.intents.cues import STOP_WORDS, content_words
from bot.outline import Heading, Item
from bot.render import Renderer
from bot.understand import Query
from index.snapshot import DocumentRecord

# "những chỉ tiêu nào", "các nguồn kinh phí nào", "những nhiệm vụ gì", "liệt kê ...", "what are the tasks".
_LIST_RE = re.compile(
    r"\b(?:nhung|cac)\s+((?:[a-z]+,?\s+){0,5}?[a-z]+)\s+(?:(?:cua|trong)\s+(?:[a-z0-9/-]+\s+){1,8}?)?(?:la\s+)?"
    r"(?:nao|gi)\b"
    r"|\b(?:liet ke|ke ten|ke ra|bao gom nhung|gom nhung|gom cac)\s+((?:[a-z]+\s*){1,5})"
    r"|\b(?:what are (?:the |all (?:the )?)?|list (?:the |all (?:the )?)?|which )((?:[a-z]+\s*){1,4})"
)
# What a list asks for that is not a part of a plan: bodies (owner questions), plans (cross-plan questions).
_NOT_A_LIST = re.compile(
    r"^(?:co quan|don vi|so|nganh|ai|ben|phong|ke hoach|van ban|tinh|huyen|xa|dia phuong|nam|ngay|"
    r"agenc(?:y|ies)|bod(?:y|ies)|departments?|plans?|documents?|provinces?|districts?|communes?|years?|dates?)\b"
)
_INDICATOR_WORDS = re.compile(r"\b(chi tieu|indicators?|targets?)\b")
# Plain English names of the usual parts of a plan, as Vietnamese headings write them.
_EN_HEADING_WORDS = {
    "tasks": "nhiem vu", "task": "nhiem vu", "duties": "nhiem vu", "solutions": "giai phap", "measures": "giai phap",
    "sources": "nguon", "funding": "kinh phi", "budget": "kinh phi", "funds": "kinh phi", "goals": "muc tieu",
    "objectives": "muc tieu", "specific": "cu the", "general": "chung", "activities": "hoat dong",
    "requirements": "yeu cau", "purposes": "muc dich", "purpose": "muc dich", "reporting": "bao cao",
    "implementation": "to chuc thuc hien", "contents": "noi dung", "content": "noi dung",
}
LONG_LIST = 10
MIN_HEADING_SCORE = 0.4  # below this no heading is about what the question lists: say not found  # above this many items, a list opens with its count and items are shortened further


def list_noun(folded: str) -> str | None:
    """The words naming what the question asks to list, or None when it is not a list question."""
    m = _LIST_RE.search(folded)
    if not m:
        return None
    noun = (m.group(1) or m.group(2) or m.group(3) or "").strip()
    if not noun or _NOT_A_LIST.match(noun):
        return None
    return noun


class ListIntent:
    name = "list"

    def detect(self, q: Query) -> float:
        if q.indicator is not None or q.agency_keys:
            return 0.0  # a body's indicators or duties, an indicator's owner: their own intents
        return 0.72 if list_noun(q.folded) else 0.0

    def answer(self, ctx: AnswerContext, q: Query, doc_ids: set[str]) -> Answer:
        noun = list_noun(q.folded) or ""
        r = Renderer(q.language)
        docs = sorted(doc_ids, key=lambda d: ctx.snapshot.documents[d].source)
        if _INDICATOR_WORDS.search(noun):
            answer = self._indicators(ctx, q, docs, r)
            if answer is not None:
                return answer
        words, weight = _heading_words(q, noun)
        comp = ctx.composer()
        results: list[dict[str, Any]] = []
        for doc_id in docs:
            outline = ctx.outline_of(doc_id)
            found = [(s, h) for s, h in outline.find(words, weight, STOP_WORDS) if s >= MIN_HEADING_SCORE]
            if not found:
                continue
            heading = found[0][1]
            items = outline.items(heading)
            if not items:
                continue
            rec = ctx.snapshot.documents[doc_id]
            comp.lines.append(_render_items(comp, rec, heading, items, r, compact=len(docs) > 3))
            results.append({"doc_id": doc_id, "source": rec.source, "doc_number": rec.number,
                            "heading": heading.label, "count": len(items),
                            "items": [{"marker": i.marker, "text": i.text, "head": i.head} for i in items]})
        if not results:
            # No heading lists it ("phương châm … gồm những gì?" names a phrase, not a part of the plan):
            # the reader looks for the sentence or list that says it, and abstains when none does.
            return ctx.delegate("free", q, doc_ids)
        return answered(comp, q, self.name, {"results": results})

    def _indicators(self, ctx: AnswerContext, q: Query, docs: list[str], r: Renderer) -> Answer | None:
        comp = ctx.composer()
        results = []
        for doc_id in docs:
            inds = [i for i in ctx.snapshot.indicators if i["doc_id"] == doc_id]
            if not inds:
                continue
            rec = ctx.snapshot.documents[doc_id]
            goals = list(dict.fromkeys(i.get("goal") or "" for i in inds))
            grouped = len(goals) > 1 or (len(goals) == 1 and goals[0] != "")
            head = r.pick(f"Theo {r.doc(rec)}, có {len(inds)} chỉ tiêu" + (f", thuộc {len(goals)} mục tiêu:"
                                                                        if grouped else ":"),
                          f"{r.doc(rec)} sets {len(inds)} indicators" + (f" under {len(goals)} goals:"
                                                                         if grouped else ":"))
            lines = [head]
            limit = 120 if len(inds) > LONG_LIST else 220
            for goal in goals:
                if grouped:
                    lines.append(f"{short(goal, 120) or r.pick('(không thuộc mục tiêu nào)', '(no goal)')}")
                for ind in (i for i in inds if (i.get("goal") or "") == goal):
                    ref = comp.cite(doc_id, ind["span"])
                    name = indicator_name(ind, q.language)
                    lines.append(f"{'  ' if grouped else ''}- {name[0].upper() + name[1:]}: "
                                 f"{short(_without_marker(ind['text']), limit)} [{ref}]")
            comp.lines.append("\n".join(lines))
            results.append({"doc_id": doc_id, "source": rec.source, "doc_number": rec.number, "count": len(inds),
                            "heading": None,
                            "items": [{"marker": str(i["number"] or i["ordinal"]), "text": i["text"]} for i in inds]})
        if not results:
            return None
        return answered(comp, q, self.name, {"results": results, "kind": "indicators"})


def _without_marker(text: str) -> str:
    return re.sub(r"^\s*(?:[-–•+*]\s*)?(?:Chỉ tiêu|chỉ tiêu)\s*\d+\s*[:.)-]?\s*", "", text)


def _heading_words(q: Query, noun: str) -> tuple[set[str], dict[str, float]]:
    """The words a matching heading should hold: the listed noun counts double, the rest of the question once."""
    noun_words = content_words(noun)
    rest = content_words(q.folded) - set(" ".join(q.places).split())
    if q.language == "en":
        noun_words = {v for w in noun_words for v in _EN_HEADING_WORDS.get(w, "").split()}
        rest = {v for w in rest for v in _EN_HEADING_WORDS.get(w, "").split()}
    words = noun_words | rest
    weight = {w: (2.0 if w in noun_words else 1.0) for w in words}
    return words, weight


def _render_items(comp: Any, rec: DocumentRecord, heading: Heading, items: list[Item], r: Renderer,
                  compact: bool) -> str:
    n = len(items)
    head = r.say("list.heading", doc=r.doc(rec), heading=heading.label, n=n)
    limit = 90 if compact else (140 if n > LONG_LIST else 240)
    lines = [head]
    for i, item in enumerate(items, start=1):
        ref = comp.cite(rec.doc_id, {"section": item.section, "char_start": item.start, "char_end": item.end})
        marker = item.marker if item.marker and item.marker not in "-–—•*+" else f"{i}."
        # A sub-heading is shown by its own line; what is under it is in the citation.
        lines.append(f"{marker} {short(item.head, limit)} [{ref}]")
    return "\n".join(lines)
