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
from bot.render import Renderer, doc_label
from bot.retrieval import HybridRetriever
from bot.understand import Query
from core.quotes import trim_quote
from index.snapshot import IndexSnapshot
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


@dataclass
class Composer:
    """Collects answer lines and their citations, numbering citations as footnotes."""

    snapshot: IndexSnapshot
    lines: list[str] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    # (doc, start, end) -> footnote number: an answer over many plans cites hundreds of passages.
    _numbers: dict[tuple[str, int, int], int] = field(default_factory=dict, repr=False)

    def cite(self, doc_id: str, span: dict[str, Any]) -> int:
        key = (doc_id, span["char_start"], span["char_end"])
        if key in self._numbers:
            return self._numbers[key]
        rec = self.snapshot.documents[doc_id]
        quote = span.get("quote") or collapse_ws(rec.text[span["char_start"]: span["char_end"]])
        self.citations.append(Citation(
            doc_id=doc_id, source=rec.source, title=rec.title, doc_number=rec.number, section=span.get("section", ""),
            quote=quote, page=span.get("page"), char_start=span["char_start"], char_end=span["char_end"],
            chunk_id=rec.chunk_at(span["char_start"]), place=rec.place,
        ))
        self._numbers[key] = len(self.citations)
        return len(self.citations)


def _short(text: str, n: int = 110) -> str:
    # The shared cut (core.quotes): never inside a number, date or body name.
    return trim_quote(text, n)


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
        return [i for d in sorted(doc_ids) for i in self.snap.indicators_of(d)]

    def find_indicators(self, q: Query, doc_ids: set[str]) -> list[dict[str, Any]]:
        """The indicator the question is about in each document: by number, else by topic."""
        if q.indicator is not None:
            having = doc_ids & self.snap.docs_with_indicator(q.indicator)
            return [i for i in self._indicators(having) if i["number"] == q.indicator]
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

    def assignments(self, doc_id: str, number: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        items = self.snap.assignments_of(doc_id, number)
        return [a for a in items if a["role"] == "lead"], [a for a in items if a["role"] == "support"]

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

    # ---- results ---------------------------------------------------------------------------

    def _answer(self, comp: Composer, q: Query, intent: str, facts: dict[str, Any]) -> Answer:
        return Answer(status="answered", answer="\n".join(comp.lines), citations=comp.citations, facts=facts,
                      language=q.language, intent=intent)

    def not_found(self, q: Query, what: str, place: str | None = None) -> Answer:
        r = Renderer(q.language)
        text = (r.say("not_found.indicator_n", n=q.indicator) if what == "indicator" and q.indicator
                else r.say(f"not_found.{what}", place=place))
        return Answer(status="not_found", answer=text, language=q.language, intent=q.intent,
                      facts={"reason": what})
