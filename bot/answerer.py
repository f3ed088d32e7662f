"""Answers: structured questions from the fact store, free ones extractively from retrieval.

Every answer names its document and cites the passages its facts came from; when the documents
do not support an answer the status is `not_found`.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from bot.answer import Answer, Citation
from bot.glossary import load_glossary
from bot.reader import CLOSEST_MIN_COVERAGE, Pick, Reader, Reading
from bot.retrieval import HybridRetriever
from bot.understand import Query
from index.snapshot import DocumentRecord, IndexSnapshot
from ingest.normalize import collapse_ws, fold_ascii

# Question words carry no topic; they are ignored when matching a question to an indicator.
_QUESTION_WORDS = set(
    "chi tieu ai nao gi la bao nhieu co quan don vi phu trach chu tri dam nhiem cua ve do duoc the nhu sao "
    "thi con muc ke hoach chuong trinh quyet dinh van ban theo trong "
    "cho voi cac nhung mot hay hoac khong phai gui ngay may so ra sao tai o and or the a an of in on for to "
    "is are was what which who whom how many much does do did indicator indicators target plan province "
    "district document about please tell me show list".split()
)


def _terms(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9]+", fold_ascii(text)) if w not in _QUESTION_WORDS]


def expand_question(text: str) -> str:
    """The question plus the documents' words for what it says (bilingual glossary), for lexical matching."""
    return load_glossary().expand(text)


def doc_label(rec: DocumentRecord, lang: str) -> str:
    m = rec.meta
    kind = m.get("doc_type") or ("Văn bản" if lang == "vi" else "Document")
    number = m.get("number")
    place = m.get("place")
    level = m.get("place_level") or ""
    where = f"{level} {place}".strip() if place else ""
    label = f"{kind} {number}" if number else kind
    issuer = m.get("issuer") or ""
    if where:
        # A Sở, Ban or Phòng that issued the plan is named; a People's Committee by its place.
        body = issuer if issuer and not issuer.startswith("Ủy ban nhân dân") else f"UBND {where}"
        label += f" ({where})" if lang == "en" else f" của {body}"
    return label


def _render_date(iso: str, lang: str) -> str:
    """ "2021-04-06" -> "ngày 06 tháng 4 năm 2021" (or "6 April 2021")."""
    parts = iso.split("-")
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December"]
    if len(parts) == 3:
        y, m, d = parts
        return f"ngày {d} tháng {int(m)} năm {y}" if lang == "vi" else f"{int(d)} {months[int(m) - 1]} {y}"
    if len(parts) == 2:
        y, m = parts
        return f"tháng {int(m)} năm {y}" if lang == "vi" else f"{months[int(m) - 1]} {y}"
    return iso


@dataclass
class Evidence:
    doc_id: str
    span: dict[str, Any]


@dataclass
class Composer:
    """Collects answer lines and their citations, numbering citations as footnotes."""

    snapshot: IndexSnapshot
    lines: list[str] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)

    def cite(self, doc_id: str, span: dict[str, Any]) -> int:
        for i, c in enumerate(self.citations, start=1):
            if c.doc_id == doc_id and c.char_start == span["char_start"] and c.char_end == span["char_end"]:
                return i
        rec = self.snapshot.documents[doc_id]
        quote = span.get("quote") or collapse_ws(rec.text[span["char_start"]: span["char_end"]])
        self.citations.append(Citation(
            doc_id=doc_id, source=rec.source, title=rec.title, doc_number=rec.number, section=span.get("section", ""),
            quote=quote, page=span.get("page"), char_start=span["char_start"], char_end=span["char_end"],
            chunk_id=rec.chunk_at(span["char_start"]), place=rec.place,
        ))
        return len(self.citations)


def _short(text: str, n: int = 110) -> str:
    text = collapse_ws(text)
    return text if len(text) <= n else text[:n].rsplit(" ", 1)[0] + "…"


def _names(items: list[dict[str, Any]]) -> list[str]:
    return list(dict.fromkeys(a["agency"] for a in items))


class Answerer:
    def __init__(self, snapshot: IndexSnapshot, retriever: HybridRetriever, top_k: int = 8) -> None:
        self.snap = snapshot
        self.retriever = retriever
        self.top_k = top_k  # passages read for a free-form answer (PLANQA_TOP_K)
        self._chunk_terms = {cid: set(_terms(c.text + " " + c.section)) for cid, c in snapshot.chunks.items()}
        df: Counter[str] = Counter()
        for terms in self._chunk_terms.values():
            df.update(terms)
        n = max(1, len(self._chunk_terms))
        self._idf = {t: math.log(1 + n / c) for t, c in df.items()}
        self._max_idf = math.log(1 + n)
        self.reader = Reader(snapshot)

    # ---- helpers -------------------------------------------------------------------------

    def idf(self, term: str) -> float:
        return self._idf.get(term, self._max_idf)

    def _indicators(self, doc_ids: set[str]) -> list[dict[str, Any]]:
        return [i for i in self.snap.indicators if i["doc_id"] in doc_ids]

    def find_indicators(self, q: Query, doc_ids: set[str]) -> list[dict[str, Any]]:
        """The indicator the question is about in each document: by number, else by topic."""
        if q.indicator is not None:
            return [i for i in self._indicators(doc_ids) if i["number"] == q.indicator]
        source = q.topic or q.text
        topic = set(_terms(expand_question(source) if q.language == "en" else source))
        if q.language == "en":
            topic = {t for t in topic if t in self._idf}  # English words the documents never use
        topic -= set(" ".join(q.places).split())
        topic -= {str(q.year)} if q.year else set()
        if not topic:
            return []
        total = sum(self.idf(t) for t in topic)
        # A target asked about a body or name ("nữ đại biểu Quốc hội") is not one set for another
        # ("nữ đại biểu Hội đồng nhân dân tỉnh"), however many other words they share.
        names = self.reader.names(q.text, q.places, q.language) if q.intent in ("target", "indicator_text") else []
        best: dict[str, tuple[float, dict[str, Any]]] = {}
        for ind in self._indicators(doc_ids):
            if names and self.reader.unsaid(names, f"{ind['text']} {ind.get('goal') or ''}"):
                continue
            words = set(_terms(ind["text"]))
            score = sum(self.idf(t) for t in topic if t in words) / total
            if score >= 0.6 and score > best.get(ind["doc_id"], (0.0, {}))[0]:
                best[ind["doc_id"]] = (score, ind)
        top = max((s for s, _ in best.values()), default=0.0)
        return [ind for s, ind in best.values() if s >= top - 0.15]

    def _assignments(self, doc_id: str, number: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        items = [a for a in self.snap.assignments if a["doc_id"] == doc_id and a["indicator_number"] == number]
        return [a for a in items if a["role"] == "lead"], [a for a in items if a["role"] == "support"]

    def _ind_name(self, ind: dict[str, Any], lang: str) -> str:
        if ind["number"] is not None:
            return f"chỉ tiêu {ind['number']}" if lang == "vi" else f"indicator {ind['number']}"
        return f"mục tiêu số {ind['ordinal']}" if lang == "vi" else f"target no. {ind['ordinal']} (unnumbered)"

    # ---- intents ---------------------------------------------------------------------------

    def owner(self, q: Query, doc_ids: set[str]) -> Answer:
        comp = Composer(self.snap)
        results = []
        for ind in self.find_indicators(q, doc_ids):
            rec = self.snap.documents[ind["doc_id"]]
            label = doc_label(rec, q.language)
            name = self._ind_name(ind, q.language)
            ref_ind = comp.cite(rec.doc_id, ind["span"])
            leads, supports = self._assignments(rec.doc_id, ind["number"]) if ind["number"] is not None else ([], [])
            refs = "".join(dict.fromkeys(f"[{comp.cite(rec.doc_id, a['span'])}]" for a in leads + supports))
            lead_names, support_names = _names(leads), _names(supports)
            results.append({"doc_id": rec.doc_id, "source": rec.source, "doc_number": rec.number,
                            "indicator": ind["number"], "indicator_text": ind["text"],
                            "leads": lead_names, "supports": support_names})
            topic = _short(ind["text"], 90)
            if not lead_names and not support_names:
                comp.lines.append(
                    f"{label}: {name} ({topic})[{ref_ind}] — văn bản không nêu cơ quan chủ trì." if q.language == "vi"
                    else f"{label}: {name} ({topic})[{ref_ind}] — the document names no responsible body.")
                continue
            if q.language == "vi":
                line = f"Theo {label}, {name} ({topic})[{ref_ind}] do {', '.join(lead_names) or '(không nêu)'} chủ trì"
                if support_names:
                    line += f"; phối hợp: {', '.join(support_names)}"
            else:
                line = f"In {label}, {name} ({topic})[{ref_ind}] is led by {', '.join(lead_names) or '(not stated)'}"
                if support_names:
                    line += f"; supported by {', '.join(support_names)}"
            comp.lines.append(line + f" {refs}.")
        if not results:
            return self.not_found(q, "indicator")
        return self._answer(comp, q, "owner", {"results": results})

    def indicators_of_body(self, q: Query, doc_ids: set[str]) -> Answer:
        comp = Composer(self.snap)
        results = []
        for doc_id in sorted(doc_ids, key=lambda d: self.snap.documents[d].source):
            rec = self.snap.documents[doc_id]
            items = [a for a in self.snap.assignments if a["doc_id"] == doc_id and a["agency_key"] in q.agency_keys]
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
            return self.duties_of_body(q, doc_ids)
        return self._answer(comp, q, "indicators_of_body", {"results": results})

    def duties_of_body(self, q: Query, doc_ids: set[str]) -> Answer:
        comp = Composer(self.snap)
        results = []
        for doc_id in sorted(doc_ids, key=lambda d: self.snap.documents[d].source):
            items = [d for d in self.snap.duties if d["doc_id"] == doc_id and d["agency_key"] in q.agency_keys]
            if not items:
                continue
            rec = self.snap.documents[doc_id]
            bullets = [f"- {_short(d['text'], 160)} [{comp.cite(doc_id, d['span'])}]" for d in items[:6]]
            head = (f"Theo {doc_label(rec, q.language)}, nhiệm vụ của {items[0]['agency']}:" if q.language == "vi"
                    else f"In {doc_label(rec, q.language)}, the duties of {items[0]['agency']}:")
            comp.lines.append("\n".join([head, *bullets]))
            results.append({"doc_id": doc_id, "source": rec.source, "doc_number": rec.number, "agency": items[0]["agency"],
                            "duties": [d["text"] for d in items]})
        if not results:
            return self.not_found(q, "body")
        return self._answer(comp, q, "duties_of_body", {"results": results})

    def target(self, q: Query, doc_ids: set[str]) -> Answer:
        comp = Composer(self.snap)
        results = []
        for ind in self.find_indicators(q, doc_ids):
            rec = self.snap.documents[ind["doc_id"]]
            ref = comp.cite(rec.doc_id, ind["span"])
            targets = ind["targets"]
            chosen = [t for t in targets if q.year is None or t["year"] == q.year]
            phrases = list(dict.fromkeys(t["text"] for t in chosen))
            name = self._ind_name(ind, q.language)
            label = doc_label(rec, q.language)
            if phrases:
                body = "; ".join(phrases)
            elif q.year is not None and targets:
                body = (f"không nêu mục tiêu cho năm {q.year}; văn bản ghi: {_short(ind['text'], 200)}"
                        if q.language == "vi" else f"no target for {q.year} is stated; the text says: "
                        f"{_short(ind['text'], 200)}")
            else:
                body = _short(ind["text"], 300)
            comp.lines.append(f"{label}, {name}: {body} [{ref}].")
            results.append({"doc_id": rec.doc_id, "source": rec.source, "doc_number": rec.number, "indicator": ind["number"],
                            "targets": chosen or targets, "year": q.year})
        if not results:
            return self.free(q, doc_ids)
        answer = self._answer(comp, q, "target", {"results": results})
        stated = [r for r in results if r["targets"]]
        if q.year is not None and stated and len(stated) == len(results) and not any(
                t["year"] == q.year for r in stated for t in r["targets"]):
            answer.status = "not_found"  # the indicator exists, but its targets are for other years
        return answer

    def indicator_text(self, q: Query, doc_ids: set[str]) -> Answer:
        comp = Composer(self.snap)
        results = []
        for ind in self.find_indicators(q, doc_ids):
            rec = self.snap.documents[ind["doc_id"]]
            ref = comp.cite(rec.doc_id, ind["span"])
            goal = f" ({ind['goal']})" if ind.get("goal") else ""
            comp.lines.append(f"{doc_label(rec, q.language)}, {self._ind_name(ind, q.language)}{goal}: "
                              f"{collapse_ws(ind['text'])} [{ref}]")
            results.append({"doc_id": rec.doc_id, "source": rec.source, "doc_number": rec.number, "indicator": ind["number"],
                            "text": ind["text"]})
        if not results:
            return self.not_found(q, "indicator") if q.indicator is not None else self.free(q, doc_ids)
        return self._answer(comp, q, "indicator_text", {"results": results})

    def count(self, q: Query, doc_ids: set[str]) -> Answer:
        if q.agency_keys:
            return self.indicators_of_body(q, doc_ids)  # "Sở Y tế được giao bao nhiêu chỉ tiêu?"
        goal = re.search(r"\bmuc tieu\s*(?:so\s*)?(\d{1,2})\b", q.folded)
        if goal:
            return self._count_goal(q, doc_ids, int(goal.group(1)))
        comp = Composer(self.snap)
        results = []
        for doc_id in sorted(doc_ids, key=lambda d: self.snap.documents[d].source):
            inds = [i for i in self.snap.indicators if i["doc_id"] == doc_id]
            if not inds:
                continue
            rec = self.snap.documents[doc_id]
            numbered = [i for i in inds if i["number"] is not None]
            goals = {i["goal"] for i in inds if i.get("goal")}
            refs = f"[{comp.cite(doc_id, inds[0]['span'])}][{comp.cite(doc_id, inds[-1]['span'])}]"
            label = doc_label(rec, q.language)
            if q.language == "vi":
                kind = (f"{len(numbered)} chỉ tiêu (chỉ tiêu {numbered[0]['number']}–{numbered[-1]['number']})"
                        if numbered else f"{len(inds)} mục tiêu cụ thể (không đánh số chỉ tiêu)")
                line = f"{label} có {kind}" + (f", thuộc {len(goals)} mục tiêu" if goals else "")
            else:
                kind = (f"{len(numbered)} indicators ({numbered[0]['number']}–{numbered[-1]['number']})"
                        if numbered else f"{len(inds)} specific targets (not numbered as indicators)")
                line = f"{label} has {kind}" + (f" under {len(goals)} goals" if goals else "")
            comp.lines.append(f"{line} {refs}.")
            results.append({"doc_id": doc_id, "source": rec.source, "doc_number": rec.number, "count": len(numbered) or len(inds),
                            "numbered": bool(numbered)})
        if not results:
            return self.not_found(q, "indicator")
        return self._answer(comp, q, "count", {"results": results})

    def _count_goal(self, q: Query, doc_ids: set[str], goal_number: int) -> Answer:
        comp = Composer(self.snap)
        results = []
        pattern = re.compile(rf"^(?:[-–•+*]\s*)?m[uụ]c\s+ti[eê]u\s+{goal_number}\b", re.IGNORECASE)
        for doc_id in sorted(doc_ids, key=lambda d: self.snap.documents[d].source):
            inds = [i for i in self.snap.indicators
                    if i["doc_id"] == doc_id and i.get("goal") and pattern.match(i["goal"])]
            if not inds:
                continue
            rec = self.snap.documents[doc_id]
            numbers = [i["number"] for i in inds if i["number"] is not None]
            refs = "".join(dict.fromkeys(f"[{comp.cite(doc_id, i['span'])}]" for i in (inds[0], inds[-1])))
            listed = f" (chỉ tiêu {', '.join(map(str, numbers))})" if numbers else ""
            if q.language == "vi":
                line = f"Theo {doc_label(rec, q.language)}, {_short(inds[0]['goal'], 80)} gồm {len(inds)} chỉ tiêu{listed}"
            else:
                line = (f"In {doc_label(rec, q.language)}, {_short(inds[0]['goal'], 80)} has {len(inds)} indicators"
                        f"{listed.replace('chỉ tiêu', 'indicators')}")
            comp.lines.append(f"{line} {refs}.")
            results.append({"doc_id": doc_id, "source": rec.source, "doc_number": rec.number, "goal": goal_number,
                            "count": len(inds), "indicators": numbers})
        if not results:
            return self.not_found(q, "indicator")
        return self._answer(comp, q, "count", {"results": results})

    def free(self, q: Query, doc_ids: set[str], query_vector: Any = None) -> Answer:
        """The unit (sentence, clause, list item) of the retrieved passages that answers, chosen by the
        reader (bot/reader.py), quoted with its context; one per document that answers. When none
        covers the question, say so and offer the closest thing the plan says, labelled as not the answer."""
        hits = self.retriever.retrieve(q.text, k=self.top_k, doc_ids=doc_ids, query_vector=query_vector,
                                       lexical_text=expand_question(q.text))
        if not hits:
            return self.not_found(q, "passage")
        qv = query_vector if query_vector is not None else self.retriever.query_vector(q.text)
        reading = self.reader.read(q.text, hits, qv, q.places, q.language)
        if not reading.answered:
            return self._abstain(q, reading)
        comp = Composer(self.snap)
        for pick in reading.picks:
            comp.lines.append(self._quote_line(comp, pick, q.language))
        return self._answer(comp, q, "free", {
            "passages": [p.hit.chunk_id for p in reading.picks],
            "scores": [round(p.similarity, 3) for p in reading.picks],
            "coverage": [round(p.coverage, 3) for p in reading.picks]})

    def _quote_line(self, comp: Composer, pick: Pick, lang: str) -> str:
        if pick.items:
            items, lead, span = self.reader.quote_items(pick)
            shown = "”\n  “".join(items)
            count = f" ({len(items)} mục)" if lang == "vi" else f" ({len(items)} items)"
        else:
            shown, lead, span = self.reader.quote(pick)
            count = ""
        ref = comp.cite(pick.hit.doc_id, span)
        label = doc_label(self.snap.documents[pick.hit.doc_id], lang)
        section = f" ({pick.hit.section})" if lang == "vi" else f", section “{pick.hit.section}”"
        section = section if pick.hit.section else ""
        intro = f" — “{_short(lead, 160)}”{count}" if lead else ""
        where = f"{label}{section}" if lang == "vi" else f"In {label}{section}"
        return f"{where}{intro}: “{shown}” [{ref}]"

    def _abstain(self, q: Query, reading: Reading) -> Answer:
        """Not found; with the closest unit the reader saw, labelled as not the answer."""
        base = self.not_found(q, "passage")
        closest = reading.closest
        if closest is None or closest.coverage < CLOSEST_MIN_COVERAGE:
            return base
        missing = ", ".join(f"“{m}”" for m in dict.fromkeys(reading.missing))
        if q.language == "vi":
            head = (f"Các văn bản đã nạp không nêu {missing} nên không có thông tin trả lời câu hỏi này."
                    if missing else base.answer)
            label = "Nội dung gần nhất văn bản có nêu (không phải câu trả lời cho câu hỏi):"
        else:
            head = (f"The ingested documents do not mention {missing}, so they do not answer this question."
                    if missing else base.answer)
            label = "The closest thing the documents say (not an answer to the question):"
        comp = Composer(self.snap)
        comp.lines += [head, label, self._quote_line(comp, closest, q.language)]
        return Answer(status="not_found", answer="\n".join(comp.lines), citations=comp.citations,
                      language=q.language, intent=q.intent,
                      facts={"reason": "passage", "missing": list(dict.fromkeys(reading.missing)),
                             "closest": {"passage": closest.hit.chunk_id, "score": round(closest.similarity, 3),
                                         "coverage": round(closest.coverage, 3)}})

    def meta(self, q: Query, doc_ids: set[str]) -> Answer:
        """Signer, date, number, issuer or title of the document(s) in scope."""
        field_ = q.meta_field or "issuer"
        key = {"signer": "signer", "date": "date", "number": "number", "issuer": "issuer", "title": "title"}[field_]
        if len(doc_ids) > 3:
            return self.free(q, doc_ids)
        comp = Composer(self.snap)
        results = []
        for doc_id in sorted(doc_ids, key=lambda d: self.snap.documents[d].source):
            rec = self.snap.documents[doc_id]
            value = rec.meta.get(key)
            if not value:
                continue
            span = self._find_span(rec, field_, str(value))
            ref = f" [{comp.cite(doc_id, span)}]" if span else ""
            extra = f" ({rec.meta.get('signer_title')})" if field_ == "signer" and rec.meta.get("signer_title") else ""
            if field_ == "date":
                value = _render_date(str(value), q.language)
            label = doc_label(rec, q.language)
            names_vi = {"signer": "người ký", "date": "ban hành", "number": "số hiệu", "issuer": "cơ quan ban hành",
                        "title": "tên văn bản"}
            names_en = {"signer": "signed by", "date": "issued on", "number": "number", "issuer": "issued by",
                        "title": "title"}
            name = (names_en if q.language == "en" else names_vi)[field_]
            comp.lines.append(f"{label}: {name} {value}{extra}{ref}.")
            results.append({"doc_id": doc_id, "source": rec.source, "doc_number": rec.number, field_: value})
        if not results:
            return self.free(q, doc_ids)
        return self._answer(comp, q, "meta", {"results": results})

    def _find_span(self, rec: DocumentRecord, field_: str, value: str) -> dict[str, Any] | None:
        text = rec.text
        if field_ == "date":
            y, m, *d = value.split("-")
            pattern = (rf"ngày\s*0?{int(d[0])}\s*tháng\s*0?{int(m)}\s*năm\s*{y}|0?{int(d[0])}/0?{int(m)}/{y}" if d
                       else rf"tháng\s*0?{int(m)}\s*năm\s*{y}")
        else:
            pattern = r"\s*".join(re.escape(w) for w in re.split(r"\s+", value.replace("/", " / ")) if w)
            pattern = pattern.replace(r"\s*/\s*", r"\s*/\s*")
        matches = list(re.finditer(pattern, text, re.IGNORECASE)) if pattern else []
        if not matches and field_ in ("issuer", "title"):
            return None
        if not matches:
            return None
        m_ = matches[-1] if field_ == "signer" else matches[0]
        s = text.rfind("\n", 0, m_.start()) + 1
        e = text.find("\n", m_.end())
        e = len(text) if e < 0 else e
        if field_ == "signer":
            s = max(0, text.rfind("CHỦ TỊCH", 0, m_.start()) - 12)
            s = text.rfind("\n", 0, s) + 1
        chunk_id = rec.chunk_at(s)
        section = self.snap.chunks[chunk_id].section if chunk_id else ""
        return {"section": section, "char_start": s, "char_end": e, "page": None,
                "quote": collapse_ws(text[s:e])}

    # ---- results ---------------------------------------------------------------------------

    def _answer(self, comp: Composer, q: Query, intent: str, facts: dict[str, Any]) -> Answer:
        return Answer(status="answered", answer="\n".join(comp.lines), citations=comp.citations, facts=facts,
                      language=q.language, intent=intent)

    def not_found(self, q: Query, what: str, place: str | None = None) -> Answer:
        vi = {
            "indicator": f"Không tìm thấy chỉ tiêu {q.indicator} trong các văn bản đã nạp." if q.indicator
            else "Không tìm thấy chỉ tiêu phù hợp trong các văn bản đã nạp.",
            "body": "Không tìm thấy cơ quan này hoặc nhiệm vụ của cơ quan này trong các văn bản đã nạp.",
            "passage": "Các văn bản đã nạp không có thông tin trả lời câu hỏi này.",
            "place": f"Chưa có văn bản nào của {place} trong kho tài liệu, nên không thể trả lời.",
            "document": "Không có văn bản nào khớp với số hiệu hoặc năm được hỏi.",
        }
        en = {
            "indicator": f"Indicator {q.indicator} was not found in the ingested documents." if q.indicator
            else "No matching indicator was found in the ingested documents.",
            "body": "This body, or its duties, was not found in the ingested documents.",
            "passage": "The ingested documents do not contain an answer to this question.",
            "place": f"No ingested document covers {place}, so this cannot be answered.",
            "document": "No ingested document matches the document number or year asked about.",
        }
        text = (en if q.language == "en" else vi)[what]
        return Answer(status="not_found", answer=text, language=q.language, intent=q.intent,
                      facts={"reason": what})
