"""Reporting obligations: "Báo cáo 6 tháng gửi trước ngày nào, gửi cho ai?", "When is the annual report due?"."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from bot.answer import Answer
from bot.answerer import Composer
from bot.intents.base import AnswerContext, answered, indicator_name
from bot.intents.plan_common import (
    FREQUENCY_EN,
    MONTHS_EN,
    REPORT_EN,
    cite,
    doc_head,
    per_document,
    short,
    unless_stated,
)
from bot.understand import Query
from ingest.model import PlanFacts, ReportDeadline, ReportingObligation

_REPORT_RE = re.compile(r"\b(bao cao|report|reports|reporting)\b")
_ABOUT_RE = re.compile(
    r"\b(truoc ngay|han|thoi han|ngay nao|khi nao|luc nao|gui cho ai|gui ai|gui ve dau|gui den ai|cho ai|ve dau|"
    r"dinh ky|bao lau|may lan|tan suat|che do|deadline|due|when|how often|to whom|submit|submitted|frequency|"
    r"who reports|send|sent)\b"
)
_KIND_RE = [("quý", re.compile(r"\b(quy|qui|quarter|quarterly)\b")),
            ("6 tháng", re.compile(r"\b(0?6 thang|sau thang|six[- ]month|half[- ]year|semi[- ]annual|biannual)")),
            ("9 tháng", re.compile(r"\b(0?9 thang|nine[- ]month)")),
            ("năm", re.compile(r"\b(nam|ca nam|hang nam|annual|yearly|year)\b(?!\s*\d)")),
            ("tháng", re.compile(r"\b(hang thang|monthly)\b"))]
_WHEN_RE = re.compile(r"\b(truoc ngay|han|thoi han|ngay nao|khi nao|luc nao|deadline|due|when|by what date)\b")


def asked_kinds(folded: str) -> list[str]:
    return [k for k, rx in _KIND_RE if rx.search(folded)]


class ReportingIntent:
    name = "reporting"

    def detect(self, q: Query) -> float:
        if not _REPORT_RE.search(q.folded):
            return 0.0
        if q.indicator is not None:
            # "Hạn báo cáo chỉ tiêu 1?": the date an indicator's results are due (a column of its row).
            return 0.9 if _WHEN_RE.search(q.folded) else 0.0
        return 0.92 if _ABOUT_RE.search(q.folded) else 0.6

    def answer(self, ctx: AnswerContext, q: Query, doc_ids: set[str]) -> Answer:
        if q.indicator is not None:
            own = self._indicator_dates(ctx, q, doc_ids)
            if own is not None:
                return own
        kinds = asked_kinds(q.folded)
        wants_date = bool(_WHEN_RE.search(q.folded))
        render = ctx.render

        def relevant(pf: PlanFacts) -> list[ReportingObligation]:
            obs = pf.reporting
            if q.agency_keys:
                # "Sở X báo cáo gửi ai?": that body's obligations, when the plan names it as reporting.
                obs = [o for o in obs if o.reporter_key in q.agency_keys] or obs
            if kinds:
                # A report of the asked kind: by its frequency or a date for it (a date for no named report counts).
                obs = [o for o in obs if set(kinds) & set(o.frequencies)
                       or any(d.report in kinds for d in o.deadlines)] or obs
            return obs

        dated_somewhere = wants_date and any(o.deadlines for d in doc_ids for o in relevant(ctx.snapshot.facts_of(d)))

        def pick(pf: PlanFacts, _doc: str) -> Sequence[ReportingObligation]:
            obs = relevant(pf)
            if wants_date and any(o.deadlines for o in obs):
                return [o for o in obs if o.deadlines]
            if dated_somewhere:
                return []  # another document in scope states the date asked; this one only adds noise
            return obs

        def block(comp: Composer, doc_id: str, obs: Sequence[ReportingObligation]) -> tuple[list[str], dict[str, Any]]:
            lines = [doc_head(ctx, doc_id, "chế độ báo cáo", "reporting obligations", len(obs))]
            if wants_date and not any(o.deadlines for o in obs):
                lines.append(render.pick("(Văn bản không nêu ngày cụ thể phải gửi báo cáo; dưới đây là những gì văn bản "
                                         "nêu về báo cáo, không phải câu trả lời.)",
                                         "(The document states no date by which reports are due; below is what it "
                                         "says on reporting, which is not the answer.)"))
            for n, o in enumerate(obs, start=1):
                ref = cite(comp, doc_id, o.span)
                lines.append(f"{n}. {_line(o, kinds, render.en)} [{ref}]")
            stated = not wants_date or any(o.deadlines for o in obs)
            return lines, {"obligations": [_fact(o) for o in obs], "stated": stated}

        return unless_stated(per_document(ctx, q, doc_ids, self.name, pick, block,
                                          ("Không tìm thấy quy định về chế độ báo cáo trong các văn bản được hỏi.",
                                           "No reporting obligation was found in the documents asked about.")))


    def _indicator_dates(self, ctx: AnswerContext, q: Query, doc_ids: set[str]) -> Answer | None:
        """The reporting date an indicator's own row or item states; None when none does (the plan's
        reporting rules then answer for every indicator)."""
        comp = ctx.composer()
        results = []
        for ind in ctx.answerer.find_indicators(q, doc_ids):
            rec = ctx.snapshot.documents[ind["doc_id"]]
            span = ind["span"]
            dates = list(dict.fromkeys(m.group(0).strip() for m in _DUE_RE.finditer(
                rec.text[span["char_start"]: span["char_end"]])))
            if not dates:
                continue
            ref = comp.cite(rec.doc_id, span)
            name = indicator_name(ind, q.language)
            comp.lines.append(ctx.render.pick(
                f"Theo {ctx.render.doc(rec)}, {name} ({short(ind['text'], 90)}): hạn báo cáo {'; '.join(dates)} [{ref}].",
                f"In {ctx.render.doc(rec)}, {name} ({short(ind['text'], 90)}): report due “{'; '.join(dates)}” "
                f"[{ref}]."))
            results.append({"doc_id": rec.doc_id, "source": rec.source, "doc_number": rec.number,
                            "indicator": ind["number"], "deadlines": dates})
        if not results:
            return None
        return answered(comp, q, self.name, {"results": results})


# A due date as an indicator's row or item writes it: "Trước ngày 15/12 hằng năm", "chậm nhất ngày 30/6".
_DUE_RE = re.compile(r"(?:trước|chậm nhất|hạn|before|by)\s+(?:ngày\s+)?\d{1,2}/\d{1,2}(?:/\d{4})?"
                     r"(?:\s+(?:hằng|hàng)\s+năm)?", re.IGNORECASE)


def _date(d: ReportDeadline, en: bool) -> str:
    if en:
        what = f"{REPORT_EN[d.report]} " if d.report else ""
        return f"{what}by {d.day} {MONTHS_EN[d.month - 1]}{f' {d.year}' if d.year else ''}"
    what = f"báo cáo {d.report}: " if d.report else ""
    return f"{what}{d.text}"


def _line(o: ReportingObligation, kinds: list[str], en: bool) -> str:
    dates = [d for d in o.deadlines if not kinds or d.report is None or d.report in kinds] or o.deadlines
    if not en:
        out = short(o.text, 400)
        if dates:
            out += f" — hạn: {'; '.join(_date(d, False) for d in dates)}"
        return out
    parts = [f"reporter: {o.reporter}" if o.reporter else "reporter: not stated"]
    if o.frequencies:
        parts.append("frequency: " + ", ".join(FREQUENCY_EN.get(f, f) for f in o.frequencies))
    if dates:
        parts.append("due: " + "; ".join(_date(d, True) for d in dates))
    if o.recipients:
        parts.append("to: " + ", ".join(o.recipients))
    if o.via:
        parts.append(f"compiled by: {o.via}")
    return "; ".join(parts) + f" — “{short(o.text, 300)}”"


def _fact(o: ReportingObligation) -> dict[str, Any]:
    return {"reporter": o.reporter, "recipients": o.recipients, "via": o.via, "frequencies": o.frequencies,
            "deadlines": [{"report": d.report, "day": d.day, "month": d.month, **({"year": d.year} if d.year else {})}
                          for d in o.deadlines], "text": o.text}
