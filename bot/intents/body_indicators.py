"""Which indicators a body leads or supports: "Sở Y tế phụ trách những chỉ tiêu nào?"."""

from __future__ import annotations

import re
from typing import Any

from bot.answer import Answer
from bot.intents.base import AnswerContext, answered
from bot.intents.cues import BODY_LIST_RE, OWNER_RE, content_words
from bot.render import doc_label
from bot.understand import Query
from ingest.normalize import fold_ascii


class BodyIndicatorsIntent:
    name = "indicators_of_body"

    def detect(self, q: Query) -> float:
        f = q.folded
        if q.agency_keys and (BODY_LIST_RE.search(f) or (q.indicator is None and OWNER_RE.search(f)
                                                          and "chi tieu" in f) or _PARTNERS_RE.search(f)):
            return 0.8
        return 0.0

    def answer(self, ctx: AnswerContext, q: Query, doc_ids: set[str]) -> Answer:
        if _PARTNERS_RE.search(q.folded):
            partners = self._partners(ctx, q, doc_ids)
            if partners is not None:
                return partners
        comp = ctx.composer()
        results = []
        # Only the documents that assign the body (an index lookup), not every document's rows.
        having = {d for k in q.agency_keys for d in ctx.snapshot.docs_assigning(k)} & doc_ids
        for doc_id in sorted(having, key=lambda d: ctx.snapshot.documents[d].source):
            rec = ctx.snapshot.documents[doc_id]
            items = [a for a in ctx.snapshot.assignments_of(doc_id) if a["agency_key"] in q.agency_keys]
            if not items:
                continue
            leads = sorted({a["indicator_number"] for a in items if a["role"] == "lead"})
            supports = sorted({a["indicator_number"] for a in items if a["role"] == "support"})
            agency = items[0]["agency"]
            refs = "".join(dict.fromkeys(f"[{comp.cite(doc_id, a['span'])}]" for a in items))
            results.append({"doc_id": doc_id, "source": rec.source, "doc_number": rec.number, "agency": agency,
                            "lead": leads, "support": supports})
            label = doc_label(rec, q.language)
            if q.language == "vi":
                line = (f"Theo {label}, {agency} chủ trì {len(leads)} chỉ tiêu: {', '.join(map(str, leads))}" if leads
                        else f"Theo {label}, {agency} không chủ trì chỉ tiêu nào")
                if supports:
                    line += f"; phối hợp thực hiện các chỉ tiêu {', '.join(map(str, supports))}"
            else:
                line = (f"In {label}, {agency} leads {len(leads)} indicators: {', '.join(map(str, leads))}" if leads
                        else f"In {label}, {agency} leads no indicator")
                if supports:
                    line += f" and supports indicators {', '.join(map(str, supports))}"
            comp.lines.append(line + f" {refs}.")
        if not results:
            return ctx.delegate("duties", q, doc_ids)
        return answered(comp, q, "indicators_of_body", {"results": results})

    def _partners(self, ctx: AnswerContext, q: Query, doc_ids: set[str]) -> Answer | None:
        """ "Which bodies work with <body> on …?": the supporting bodies of the indicators the body leads (those on
        the question's topic when it names one), per indicator, as each plan assigns them."""
        comp = ctx.composer()
        r = ctx.render
        results = []
        rest = f" {q.folded} "
        for k in (*q.agency_keys, *q.places):
            rest = rest.replace(f" {k} ", " ")  # the body's and places' names, not their words one by one
        topic = [w for w in content_words(rest) if w not in _PARTNER_WORDS]
        for doc_id in sorted(doc_ids, key=lambda d: ctx.snapshot.documents[d].source):
            rows = ctx.snapshot.assignments_of(doc_id)
            led = sorted({a["indicator_number"] for a in rows if a["agency_key"] in q.agency_keys and a["role"] == "lead"})
            if not led:
                continue
            inds = {i["number"]: i for i in ctx.snapshot.indicators if i["doc_id"] == doc_id and i["number"] in led}
            on_topic = [n for n in led if n in inds and _says(inds[n], topic)] if topic else []
            chosen = on_topic or led
            rec = ctx.snapshot.documents[doc_id]
            agency = next(a["agency"] for a in rows if a["agency_key"] in q.agency_keys)
            lines = [r.pick(f"Theo {r.doc(rec)}, các cơ quan phối hợp với {agency} (chỉ tiêu do {agency} chủ trì):",
                            f"In {r.doc(rec)}, the bodies supporting {agency} (indicators it leads):")]
            partners: dict[str, list[int]] = {}
            for n in chosen:
                sup = [a for a in rows if a["indicator_number"] == n and a["role"] == "support"]
                refs = "".join(dict.fromkeys(f"[{comp.cite(doc_id, a['span'])}]" for a in sup))
                names = list(dict.fromkeys(a["agency"] for a in sup))
                for name in names:
                    partners.setdefault(name, []).append(n)
                what = r.pick(f"chỉ tiêu {n}", f"indicator {n}")
                lines.append(f"- {what}: {', '.join(names) or r.pick('(văn bản không nêu)', '(not stated)')} {refs}".rstrip())
            comp.lines.append("\n".join(lines))
            results.append({"doc_id": doc_id, "source": rec.source, "doc_number": rec.number, "agency": agency,
                            "indicators": chosen, "partners": partners})
        if not results:
            return None
        return answered(comp, q, self.name, {"results": results, "kind": "partners"})


# "Cơ quan nào phối hợp với Sở Y tế …?", "Who works with the health department …?"
_PARTNERS_RE = re.compile(r"\b(?:co quan|don vi|ai|nhung|cac|which|who|what)\b.*\b(?:phoi hop voi|cung voi|"
                          r"works? with|working with|cooperates? with|supports?)\b.*\b(?:so|phong|ban|uy ban|"
                          r"trung tam|cong an|hoi|department|office|police|committee)\b")
_PARTNER_WORDS = set("co quan don vi phoi hop voi cung nhung cac chi tieu ve trong thuc hien who which bodies agencies "
                     "work works working with support supports indicators on".split())


def _says(ind: dict[str, Any], topic: list[str]) -> bool:
    words = content_words(fold_ascii(f"{ind['text']} {ind.get('goal') or ''}"))
    return sum(w in words for w in topic) >= max(1, round(0.6 * len(topic)))
