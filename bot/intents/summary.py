"""Plan summaries: "Tóm tắt kế hoạch X" / "Summarize plan X".

A deterministic summary built from the document's metadata, structure and facts: what it is (type,
number, date, issuer, title), its period, general goal, how many goals and indicators it sets, the bodies
leading them, its budget, reporting dates, steering body and signer. Every line cites where it comes from;
a line whose fact the plan does not state is left out, never guessed.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from bot.answer import Answer
from bot.answerer import Composer
from bot.intents.base import AnswerContext, answered, short, span_dict
from bot.intents.cues import STOP_WORDS
from bot.intents.meta import meta_span
from bot.render import Renderer
from bot.understand import Query
from index.snapshot import DocumentRecord

_SUMMARY_RE = re.compile(
    r"\b(tom tat|tom luoc|khai quat|tong quan|gioi thieu (?:ve )?(?:ke hoach|van ban|chuong trinh)|"
    r"noi dung chinh|summar(?:y|ise|ize)|overview|outline of|main points|brief(?:ly)? (?:describe|explain))\b"
)
# With more documents in scope than this, the question names no plan: summarise each in one line.
_FULL_SUMMARIES = 2


class SummaryIntent:
    name = "summary"

    def detect(self, q: Query) -> float:
        return 0.95 if _SUMMARY_RE.search(q.folded) else 0.0

    def answer(self, ctx: AnswerContext, q: Query, doc_ids: set[str]) -> Answer:
        r = Renderer(q.language)
        comp = ctx.composer()
        docs = sorted(doc_ids, key=lambda d: ctx.snapshot.documents[d].source)
        results = []
        for doc_id in docs:
            rec = ctx.snapshot.documents[doc_id]
            if len(docs) > _FULL_SUMMARIES:
                lines = [_headline(ctx, comp, rec, r)]
            else:
                lines = _summary_lines(ctx, comp, rec, r)
            comp.lines.append("\n".join(lines))
            results.append({"doc_id": doc_id, "source": rec.source, "doc_number": rec.number, "lines": lines})
        if not results:
            return ctx.answerer.not_found(q, "document")
        return answered(comp, q, self.name, {"results": results})


def _cite(comp: Composer, doc_id: str, span: dict[str, Any] | None) -> str:
    return f" [{comp.cite(doc_id, span)}]" if span else ""


def _headline(ctx: AnswerContext, comp: Composer, rec: DocumentRecord, r: Renderer) -> str:
    m = rec.meta
    ref = _cite(comp, rec.doc_id, meta_span(ctx, rec, "number", m["number"]) if m.get("number") else None)
    if not ref and m.get("title"):
        ref = _cite(comp, rec.doc_id, meta_span(ctx, rec, "title", m["title"]))
    parts = [r.doc(rec)]
    if m.get("date"):
        parts.append(r.say("summary.issued", date=r.date(m['date'])))
    line = ", ".join(parts)
    if m.get("title"):
        line += f": {m['title']}"
    return f"{line}{ref}."


def _summary_lines(ctx: AnswerContext, comp: Composer, rec: DocumentRecord, r: Renderer) -> list[str]:
    doc_id = rec.doc_id
    facts = ctx.snapshot.facts_of(doc_id)
    lines = [_headline(ctx, comp, rec, r)]

    period = next((m for m in facts.milestones if m.kind == "period"), None)
    if period is not None:
        lines.append(r.say("summary.period") + f"{period.text}{_cite(comp, doc_id, span_dict(period.span))}.")
    elif rec.meta.get("period"):
        lines.append(r.say("summary.period") + f"{rec.meta['period']}.")

    general = [o for o in facts.objectives if o.kind == "general" and o.depth == 0]
    if general:
        refs = "".join(_cite(comp, doc_id, span_dict(o.span)).strip() for o in general[:2])
        text = " ".join(o.text for o in general[:2])
        lines.append(r.say("summary.general_goal") + f"{short(text, 260)} {refs}")
    else:
        purpose = _purpose(ctx, comp, doc_id)
        if purpose:
            lines.append(r.say("summary.purpose") + purpose)

    specific = [o for o in facts.objectives if o.kind == "specific" and o.depth == 0]
    inds = ctx.snapshot.indicators_of(doc_id)
    if inds:
        numbered = [i for i in inds if i["number"] is not None]
        goals = {i["goal"] for i in inds if i.get("goal")}
        refs = "".join(dict.fromkeys(_cite(comp, doc_id, i["span"]).strip() for i in (inds[0], inds[-1])))
        if numbered:
            what = r.pick(f"{len(numbered)} chỉ tiêu (chỉ tiêu {numbered[0]['number']}–{numbered[-1]['number']})",
                          f"{len(numbered)} indicators ({numbered[0]['number']}–{numbered[-1]['number']})")
        else:
            what = r.pick(f"{len(inds)} mục tiêu cụ thể", f"{len(inds)} specific targets")
        if goals:
            what += r.pick(f", thuộc {len(goals)} mục tiêu", f" under {len(goals)} goals")
        lines.append(r.say("summary.indicators") + f"{what} {refs}")
    elif specific:
        refs = "".join(dict.fromkeys(_cite(comp, doc_id, span_dict(o.span)).strip()
                                     for o in (specific[0], specific[-1])))
        lines.append(r.pick(f"- Mục tiêu cụ thể: {len(specific)} mục tiêu ",
                            f"- Specific goals: {len(specific)} ") + refs)

    leads = [a for a in ctx.snapshot.assignments_of(doc_id) if a["role"] == "lead"]
    if leads:
        counts = Counter(a["agency"] for a in leads)
        first = {a["agency"]: a for a in reversed(leads)}
        bodies = "; ".join(
            r.pick(f"{name} ({n} chỉ tiêu)", f"{name} ({n} indicator{'s' if n > 1 else ''})")
            + _cite(comp, doc_id, first[name]["span"]) for name, n in counts.most_common())
        lines.append(r.say("summary.leads") + bodies)

    stated = [it for it in facts.budget if (it.amounts or it.sources) and not it.text.rstrip().endswith(":")]
    if stated:
        shown = ([it for it in stated if it.amounts] or stated)[:3]
        refs = "".join(_cite(comp, doc_id, span_dict(it.span)).strip() for it in shown)
        text = " ".join(short(it.text, 140) for it in shown)
        lines.append(r.say("summary.budget") + f"{text} {refs}")

    dated = [o for o in facts.reporting if o.deadlines]
    if dated:
        shown_r = dated[:2]
        refs = "".join(_cite(comp, doc_id, span_dict(o.span)).strip() for o in shown_r)
        parts = []
        for o in shown_r:
            who = o.reporter or ""
            when = ", ".join(d.text for d in o.deadlines)
            freq = ", ".join(o.frequencies)
            parts.append(" ".join(p for p in (who, when, f"({freq})" if freq else "") if p))
        lines.append(r.say("summary.reporting") + "; ".join(parts) + f" {refs}")

    if facts.steering:
        s = facts.steering[0]
        lines.append(r.say("summary.steering") + f"{s.name}{_cite(comp, doc_id, span_dict(s.span))}")

    sig = next((s for s in facts.signatures if s.name), None)
    if sig is not None:
        title = ", ".join(p for p in (sig.authority, sig.title) if p)
        lines.append(r.say("summary.signer") + f"{sig.name} ({title}){_cite(comp, doc_id, span_dict(sig.span))}")
    return lines


def _purpose(ctx: AnswerContext, comp: Composer, doc_id: str) -> str | None:
    """A plan stating no general goal often opens with its purpose ("Mục đích, yêu cầu"): its first item."""
    found = [h for score, h in ctx.outline_of(doc_id).find({"muc", "dich"}, None, STOP_WORDS) if score >= 0.7]
    items = ctx.outline_of(doc_id).items(found[0]) if found else []
    if not items:
        return None
    item = items[0]
    ref = comp.cite(doc_id, {"section": item.section, "char_start": item.start, "char_end": item.end})
    return f"{short(item.head, 260)} [{ref}]"
