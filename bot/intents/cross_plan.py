"""Questions across plans, answered per document from metadata and facts.

- "Những kế hoạch nào kéo dài đến 2030?"            -> plans whose period reaches that year
- "Có bao nhiêu kế hoạch cấp xã?"                   -> plans of that tier, counted and listed
- "Tỉnh nào giao cho <body> chỉ tiêu về <topic>?"   -> plans where that body LEADS that indicator
- "So sánh chỉ tiêu về <topic> của <A> và <B>"      -> the indicator in each plan, side by side

Each document is one line (or a few) with its citation. A body is said to lead an indicator only
where an assignment says so; plans where another body leads it are named as such, never merged.
"""

from __future__ import annotations

import re
from typing import Any

from bot.answer import Answer
from bot.answerer import Composer
from bot.intents.base import AnswerContext, answered, indicator_name, names, short, span_dict
from bot.intents.cues import STOP_WORDS
from bot.intents.summary import _headline
from bot.places import chain_of
from bot.render import Renderer
from bot.understand import ENGLISH_BODIES, Query
from index.snapshot import DocumentRecord
from ingest.normalize import fold_ascii

_PLANS_RE = re.compile(
    r"\b(?:(?:nhung|cac)\s+)?(?:ke hoach|van ban|chuong trinh|quyet dinh)\s+nao\b"
    r"|\bbao nhieu\s+(?:ke hoach|van ban|chuong trinh|quyet dinh)\b"
    r"|\bwhich\s+(?:[a-z-]+\s+){0,2}?(?:plans?|documents?|programmes?|programs?)\b"
    r"|\bhow many\s+(?:[a-z-]+\s+){0,2}?(?:plans|documents|programmes|programs)\b"
)
# "Tỉnh nào …", "which provinces …": a plan finder only when it asks about what plans state.
_PLACES_RE = re.compile(
    r"\b(?:tinh|huyen|xa|phuong|dia phuong|thanh pho|don vi)\s+nao\b"
    r"|\bwhich\s+(?:provinces?|districts?|communes?|localit(?:y|ies))\b"
)
_PLAN_CONTENT_RE = re.compile(r"\b(chi tieu|ke hoach|giao|indicators?|targets?|plans?|assigns?|gives?)\b")
_COMPARE_RE = re.compile(r"\b(so sanh|doi chieu|compare|comparison|versus|vs)\b")
_HOW_MANY_RE = re.compile(r"\b(bao nhieu|how many)\b")
# "kéo dài đến 2030", "đến năm 2030", "until 2030", "through 2030": the period reaches that year.
_UNTIL_RE = re.compile(r"\b(?:den|toi|het|ket thuc|until|through|to|till|by|ending(?: in)?)\s+(?:nam\s+)?((?:19|20)\d\d)\b")
_TIER_WORDS = (
    ("commune", re.compile(r"\b(cap xa|xa|phuong|thi tran|communes?|wards?)\b")),
    # Not a bare "quan": "liên quan", "cơ quan", "quản lý" fold to it.
    ("district", re.compile(r"\b(cap huyen|huyen|cac quan|cap quan|thi xa|districts?)\b")),
    ("province", re.compile(r"\b(cap tinh|tinh|thanh pho truc thuoc trung uong|provinces?|provincial)\b")),
)
_TIER_NAMES = {"commune": ("cấp xã", "commune-level"), "district": ("cấp huyện", "district-level"),
               "province": ("cấp tỉnh", "provincial")}
_EN_BODY_HEADS = {"department", "departments", "office", "division", "service", "sector", "committee", "people"}
# Words that shape a cross-plan question without naming its topic.
_FRAME_WORDS = set(
    "nhung cac ke hoach van ban chuong trinh quyet dinh nao bao nhieu keo dai den toi het ket thuc nam "
    "tinh huyen xa phuong dia phuong cap giao cho chi tieu ve so sanh doi chieu giua voi co plans plan "
    "documents which how many until through compare comparison between with indicator indicators target "
    "targets on about province provinces district districts commune communes give gives assign assigns "
    "assigned lead leads led".split()
)


class CrossPlanIntent:
    name = "cross_plan"

    def detect(self, q: Query) -> float:
        f = q.folded
        if _COMPARE_RE.search(f):
            return 0.92
        if q.indicator is None and (_PLANS_RE.search(f) or (_PLACES_RE.search(f) and _PLAN_CONTENT_RE.search(f))):
            return 0.92
        return 0.0

    def answer(self, ctx: AnswerContext, q: Query, doc_ids: set[str]) -> Answer:
        r = Renderer(q.language)
        f = q.folded
        docs = sorted(doc_ids, key=lambda d: ctx.snapshot.documents[d].source)
        indicator_words = re.search(r"\b(chi tieu|indicators?|targets?)\b", f)
        if q.agency_keys and not _COMPARE_RE.search(f) and not _topic_text(q):
            return self._body_plans(ctx, q, docs, r)  # "Sở X được giao chỉ tiêu trong những kế hoạch nào?"
        if _COMPARE_RE.search(f) or (indicator_words and (q.agency_keys or _TOPIC_RE.search(f))):
            return self._by_indicator(ctx, q, docs, r)
        pm = q.place_match
        if pm is not None and pm.within and q.doc_number is None and q.doc_year is None and _INSIDE_RE.search(f):
            # Plans about a place ("liên quan đến", "trên địa bàn", "in") are those of the place and of the
            # units inside it; the plans "of" a place are its own.
            docs = sorted(pm.within & set(ctx.snapshot.documents), key=lambda d: ctx.snapshot.documents[d].source)
        return self._plans(ctx, q, docs, r)

    # ---- a body across plans: where it is given indicators -------------------------------------

    def _body_plans(self, ctx: AnswerContext, q: Query, docs: list[str], r: Renderer) -> Answer:
        comp = ctx.composer()
        keys = set(q.agency_keys)
        lines: list[str] = []
        results: list[dict[str, Any]] = []
        for doc_id in docs:
            rows = [a for a in ctx.snapshot.assignments if a["doc_id"] == doc_id and a["agency_key"] in keys]
            if not rows:
                continue
            rec = ctx.snapshot.documents[doc_id]
            leads = sorted({a["indicator_number"] for a in rows if a["role"] == "lead"})
            supports = sorted({a["indicator_number"] for a in rows if a["role"] == "support"} - set(leads))
            refs = "".join(dict.fromkeys(f"[{comp.cite(doc_id, a['span'])}]" for a in rows))
            parts = []
            if leads:
                parts.append(r.pick(f"chủ trì chỉ tiêu {', '.join(map(str, leads))}",
                                    f"leads indicator{'s' if len(leads) > 1 else ''} {', '.join(map(str, leads))}"))
            if supports:
                parts.append(r.pick(f"phối hợp chỉ tiêu {', '.join(map(str, supports))}",
                                    f"supports indicator{'s' if len(supports) > 1 else ''} "
                                    f"{', '.join(map(str, supports))}"))
            lines.append(f"{len(results) + 1}. {r.doc(rec)}: {rows[0]['agency']} {'; '.join(parts)} {refs}")
            results.append({"doc_id": doc_id, "source": rec.source, "doc_number": rec.number,
                            "agency": rows[0]["agency"], "lead": leads, "support": supports})
        if not results:
            return ctx.delegate("indicators_of_body", q, set(docs))
        body = results[0]["agency"]
        comp.lines.append("\n".join([r.pick(f"{body} được giao chỉ tiêu trong {len(results)} văn bản:",
                                             f"{body} is given indicators in {len(results)} document"
                                             f"{'s' if len(results) != 1 else ''}:"), *lines]))
        return answered(comp, q, self.name, {"results": results, "body": body})

    # ---- plans by period, tier and topic ------------------------------------------------------

    def _plans(self, ctx: AnswerContext, q: Query, docs: list[str], r: Renderer) -> Answer:
        f = q.folded
        until = _UNTIL_RE.search(f)
        year = int(until.group(1)) if until else q.year
        tier = next((t for t, rx in _TIER_WORDS if rx.search(_without_places(q))), None)
        about = _TOPIC_RE.search(f)
        topic = {w for w in re.findall(r"[a-z0-9]+", fold_ascii(_topic_text(q)))} if about else set()
        comp = ctx.composer()
        rows = []
        for doc_id in docs:
            rec = ctx.snapshot.documents[doc_id]
            span_years = _period(ctx, rec)
            if year is not None:
                if span_years is None:
                    continue
                start, end = span_years[0]
                if (end < year) if until else not (start <= year <= end):
                    continue
            if tier and _tier(rec) != tier:
                continue
            if topic and not _mentions(rec, ctx, topic):
                continue
            rows.append((rec, span_years))
        if not rows:
            return _not_found(ctx, q, "plans")
        lead = _plans_lead(len(rows), tier, year, bool(until), r)
        lines = [lead]
        results = []
        for i, (rec, span_years) in enumerate(rows, start=1):
            line = f"{i}. {_headline(ctx, comp, rec, r)}"
            if span_years is not None:
                (start, end), span = span_years
                years = f"{start}–{end}" if start != end else str(end)
                ref = f" [{comp.cite(rec.doc_id, span)}]" if span else ""
                line += r.pick(f" Thời gian: {years}{ref}.", f" Period: {years}{ref}.")
            lines.append(line)
            results.append({"doc_id": rec.doc_id, "source": rec.source, "doc_number": rec.number,
                            "period": rec.meta.get("period"), "tier": _tier(rec)})
        comp.lines.append("\n".join(lines))
        return answered(comp, q, self.name, {"results": results, "count": len(results), "tier": tier,
                                             "year": year})

    # ---- an indicator across plans: compare, or which plans give a body that indicator ----------

    def _by_indicator(self, ctx: AnswerContext, q: Query, docs: list[str], r: Renderer) -> Answer:
        topic = _topic_text(q)
        if not topic:
            return _not_found(ctx, q, "compare")
        found = ctx.answerer.find_indicators(q.with_updates(topic=topic, indicator=None, year=None), set(docs))
        by_doc: dict[str, list[dict[str, Any]]] = {}
        for ind in found:
            by_doc.setdefault(ind["doc_id"], []).append(ind)
        comp = ctx.composer()
        if q.agency_keys and not _COMPARE_RE.search(q.folded):
            return self._body_leads(ctx, comp, q, docs, by_doc, r)
        lines = [r.say("cross.compare", topic=topic, n=len(by_doc))]
        results = []
        for doc_id in docs:
            rec = ctx.snapshot.documents[doc_id]
            inds = by_doc.get(doc_id)
            if not inds:
                if len(docs) <= 4:  # the documents asked about by name: say which lack it
                    lines.append(r.pick(f"- {r.doc(rec)}: không có chỉ tiêu về chủ đề này.",
                                        f"- {r.doc(rec)}: no indicator on this topic."))
                continue
            for ind in inds:
                ref = comp.cite(doc_id, ind["span"])
                leads, _ = ctx.answerer.assignments(doc_id, ind["number"]) if ind["number"] is not None else ([], [])
                lead_refs = "".join(dict.fromkeys(f"[{comp.cite(doc_id, a['span'])}]" for a in leads))
                targets = "; ".join(dict.fromkeys(t["text"] for t in ind["targets"])) or short(ind["text"], 160)
                who = ", ".join(names(leads)) or r.pick("(văn bản không nêu)", "(not stated)")
                lines.append(f"- {r.doc(rec)}, {indicator_name(ind, q.language)}: {short(ind['text'], 160)} [{ref}]"
                             + r.pick(f" — mục tiêu: {targets}; chủ trì: {who}", f" — target: {targets}; lead: {who}")
                             + (f" {lead_refs}" if lead_refs else ""))
                results.append({"doc_id": doc_id, "source": rec.source, "doc_number": rec.number,
                                "indicator": ind["number"], "text": ind["text"], "targets": ind["targets"],
                                "leads": names(leads)})
        if not results:
            return _not_found(ctx, q, "compare")
        comp.lines.append("\n".join(lines))
        return answered(comp, q, self.name, {"results": results, "topic": topic})

    def _body_leads(self, ctx: AnswerContext, comp: Composer, q: Query, docs: list[str],
                    by_doc: dict[str, list[dict[str, Any]]], r: Renderer) -> Answer:
        body = next((a["name"] for a in ctx.snapshot.agencies if a["key"] in q.agency_keys), q.agency_keys[0])
        yes, other = [], []
        results = []
        for doc_id in docs:
            rec = ctx.snapshot.documents[doc_id]
            for ind in by_doc.get(doc_id, []):
                if ind["number"] is None:
                    continue
                leads, _ = ctx.answerer.assignments(doc_id, ind["number"])
                ref = comp.cite(doc_id, ind["span"])
                mine = [a for a in leads if a["agency_key"] in q.agency_keys]
                refs = "".join(dict.fromkeys(f"[{comp.cite(doc_id, a['span'])}]" for a in (mine or leads)))
                head = f"- {r.doc(rec)}, {indicator_name(ind, q.language)} ({short(ind['text'], 100)}) [{ref}]"
                if mine:
                    yes.append(f"{head} {refs}")
                else:
                    who = ", ".join(names(leads)) or r.pick("văn bản không nêu cơ quan chủ trì",
                                                            "the document names no lead body")
                    other.append(f"{head}: {who} {refs}".rstrip())
                results.append({"doc_id": doc_id, "source": rec.source, "doc_number": rec.number,
                                "indicator": ind["number"], "leads": names(leads), "body_leads": bool(mine)})
        lines = []
        if yes:
            lines.append(r.say("cross.body_leads", body=body, n=len(yes)))
            lines.extend(yes)
        else:
            lines.append(r.say("cross.body_leads_none", body=body))
        if other:
            lines.append(r.say("cross.other_leads"))
            lines.extend(other)
        comp.lines.append("\n".join(lines))
        answer = answered(comp, q, self.name, {"results": results, "body": body})
        if not yes:
            answer.status = "not_found"
        return answer


_TOPIC_RE = re.compile(r"\b(?:ve|on|about|regarding|concerning)\s+(.+)$")
# Where a topic phrase ends: the places, bodies or plans that follow it.
_TOPIC_END_RE = re.compile(r"\s+(?:cua|o|tai|giua|trong|cho|do|of|in|for|between|across|by|at)\s+|[?.!,;]")


def _without_places(q: Query) -> str:
    """The folded question without the places it names, level words included: "tỉnh X" names X, not a tier."""
    f = q.folded
    for name in sorted(q.places, key=len, reverse=True):
        f = re.sub(rf"(?:\b(?:{_LEVEL_WORDS})\s+)?\b{re.escape(name)}\b", " ", f)
    return f


_INSIDE_RE = re.compile(r"\b(lien quan|tren dia ban|thuoc|o|tai|related|relating|in|within|concerning|about)\b")
_LEVEL_WORDS = "tinh|thanh pho|tp|huyen|quan|thi xa|xa|phuong|thi tran|dac khu"


def _topic_text(q: Query) -> str:
    """What the question says the indicator (or plan) is about: the phrase after "về"/"on", as typed."""
    folded = fold_ascii(q.text)  # one letter for one letter, so offsets hold in q.text
    m = _TOPIC_RE.search(folded)
    if m:
        start = m.start(1)
        end_m = _TOPIC_END_RE.search(folded, start)
        end = end_m.start() if end_m else len(folded)
        return q.text[start:end].strip()
    body_words = set(" ".join(q.agency_keys).split())
    if q.agency_keys and q.language == "en":
        body_words |= set(" ".join(ENGLISH_BODIES).split()) | _EN_BODY_HEADS  # "the Department of Health"
    words = [w for w in re.findall(r"[a-z0-9]+", q.folded)
             if w not in _FRAME_WORDS and w not in set(" ".join(q.places).split())
             and w not in body_words and w not in STOP_WORDS]
    return " ".join(words)


def _period(ctx: AnswerContext, rec: DocumentRecord) -> tuple[tuple[int, int], dict[str, Any] | None] | None:
    """The plan's first and last year, and where it says so."""
    for m in ctx.snapshot.facts_of(rec.doc_id).milestones:
        if m.kind == "period":
            return (m.start_year or m.end_year, m.end_year), span_dict(m.span)
    years = [int(y) for y in re.findall(r"\d{4}", rec.meta.get("period") or "")]
    if years:
        return (min(years), max(years)), None
    return None


def _tier(rec: DocumentRecord) -> str | None:
    chain = chain_of(rec.meta)
    return chain[0].get("tier") or None if chain else None


def _mentions(rec: DocumentRecord, ctx: AnswerContext, words: set[str]) -> bool:
    """Most of the topic's words are in the plan's title or its indicators."""
    text = " ".join([rec.meta.get("title") or "", *(i["text"] for i in ctx.snapshot.indicators
                                                      if i["doc_id"] == rec.doc_id)])
    have = set(re.findall(r"[a-z0-9]+", fold_ascii(text)))
    return len(words & have) >= max(1, round(0.6 * len(words)))


def _plans_lead(n: int, tier: str | None, year: int | None, until: bool, r: Renderer) -> str:
    kind_vi, kind_en = _TIER_NAMES.get(tier or "", ("", ""))
    vi = f"Có {n} văn bản" + (f" {kind_vi}" if kind_vi else "")
    en = f"{n} {kind_en + ' ' if kind_en else ''}document{'s' if n != 1 else ''}"
    if year is not None:
        vi += f" có thời gian thực hiện {'đến' if until else 'bao gồm'} năm {year}"
        verb = ("runs until" if until else "covers") if n == 1 else ("run until" if until else "cover")
        en += f" {verb} {year}"
    return r.pick(vi + ":", en + ":")


def _not_found(ctx: AnswerContext, q: Query, what: str) -> Answer:
    r = Renderer(q.language)
    return Answer(status="not_found", answer=r.say(f"not_found.{what}"), language=q.language, intent="cross_plan",
                  facts={"reason": what})

