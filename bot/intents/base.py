"""What an intent is: which questions it takes (`detect`) and how it answers them (`answer`).

Every intent lives in its own module of this package and is registered once in `bot.intents.INTENTS`,
the list both question understanding and the pipeline read.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from bot.answer import Answer
from bot.answerer import Answerer, Composer, _terms
from bot.outline import Outline, Outlines
from bot.render import Renderer
from bot.retrieval import HybridRetriever
from bot.understand import Query
from core.quotes import trim_quote
from index.snapshot import IndexSnapshot
from ingest.agencies import agency_key
from ingest.normalize import collapse_ws


class Intent(Protocol):
    """One kind of question. `detect` scores a question (0 = not mine); the highest score wins."""

    name: str

    def detect(self, q: Query) -> float: ...

    def answer(self, ctx: AnswerContext, q: Query, doc_ids: set[str]) -> Answer: ...


@dataclass
class AnswerContext:
    """What an intent may read while answering one question."""

    snapshot: IndexSnapshot
    retriever: HybridRetriever
    answerer: Answerer  # fact lookups shared by several intents, and the free-text reader
    language: str = "vi"
    registry: Mapping[str, Intent] = field(default_factory=dict)
    outlines: Outlines | None = None  # each document's headings and list items, parsed once

    def outline_of(self, doc_id: str) -> Outline:
        if self.outlines is None:
            self.outlines = Outlines(self.snapshot.documents)
        return self.outlines.get(doc_id)

    @property
    def render(self) -> Renderer:
        return Renderer(self.language)

    def composer(self) -> Composer:
        return Composer(self.snapshot)

    def delegate(self, name: str, q: Query, doc_ids: set[str]) -> Answer:
        """Answer as another intent does (a target question whose indicator is unknown reads free text)."""
        return self.registry[name].answer(self, q, doc_ids)


def answered(comp: Composer, q: Query, intent: str, facts: dict[str, Any]) -> Answer:
    return Answer(status="answered", answer="\n".join(comp.lines), citations=comp.citations, facts=facts,
                  language=q.language, intent=intent)


def indicator_name(ind: dict[str, Any], lang: str) -> str:
    if ind["number"] is not None:
        return f"chỉ tiêu {ind['number']}" if lang == "vi" else f"indicator {ind['number']}"
    return f"mục tiêu số {ind['ordinal']}" if lang == "vi" else f"target no. {ind['ordinal']} (unnumbered)"


def short(text: str, n: int = 110) -> str:
    """The text up to about n characters, cut where the shared quote cut allows (core.quotes)."""
    return trim_quote(text, n)


def names(items: list[dict[str, Any]]) -> list[str]:
    """The bodies of assignment rows, each once, in order."""
    return list(dict.fromkeys(a["agency"] for a in items))


def shown_names(items: list[dict[str, Any]]) -> list[str]:
    """The bodies as an answer says them: the full name, and beside it the plan's own short form when the plan
    writes it otherwise ("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện (Văn phòng HĐND và UBND huyện)")."""
    out: dict[str, str] = {}
    for a in items:
        if a["agency"] in out:
            continue
        written = written_name(a)
        out[a["agency"]] = f"{a['agency']} ({written})" if written else a["agency"]
    return list(out.values())


_MARKER_RE = re.compile(r"^\s*(?:[0-9IVXivx]+[.)]|[a-zđ][.)]|[-–•+*])\s*")


def written_name(a: dict[str, Any]) -> str | None:
    """How the plan itself writes an assignment's body, when that differs from its full name: the heading of the
    body's block, or the table cell, whose name is the same body."""
    span = a.get("span") or {}
    pieces = [str(span.get("section") or "").split("›")[-1], *re.split(r"[|;]", str(span.get("quote") or ""))]
    for piece in pieces:
        cand = collapse_ws(_MARKER_RE.sub("", piece)).strip(" .:;,")
        if cand and len(cand) <= 90 and cand != a["agency"] and agency_key(cand) == a["agency_key"]:
            return cand
    return None


def span_dict(span: Any) -> dict[str, Any]:
    """A typed fact's Span as the citation composer reads it."""
    return {"section": span.section, "char_start": span.char_start, "char_end": span.char_end, "page": span.page}


# Words of an indicator question that ask rather than say what the indicator is about.
_ASKING_WORDS = set("giao chiu trach nhiem phoi hop thuc hien dat muc tieu lead leads led support supports owns "
                    "owner responsible charge body agency department "
                    # level words of the place the question names ("tỉnh", "huyện" …)
                    "tinh huyen xa phuong thi tran quan thanh pho dac khu province district commune ward city "
                    "town".split())


def indicators_asked(ctx: AnswerContext, q: Query, doc_ids: set[str]) -> list[dict[str, Any]]:
    """The indicator(s) a question is about. When it gives a number several plans in scope use, and also says
    what the indicator or plan is about ("chỉ tiêu 5 về bữa ăn học đường", "chỉ tiêu 3 của kế hoạch bình đẳng
    giới"), only the plans whose indicator (or title) says it answer: the others' indicator N is another one."""
    inds = ctx.answerer.find_indicators(q, doc_ids)
    if q.indicator is None or len({i["doc_id"] for i in inds}) < 2:
        return inds
    answerer = ctx.answerer
    places = set(" ".join(q.places).split())
    topic = {t for t in _topic_terms(q.topic or q.text) if t not in places and t != str(q.indicator)
             and t not in _ASKING_WORDS and t in answerer._idf and not t.isdigit()}
    if not topic:
        return inds
    total = sum(answerer.idf(t) for t in topic)
    docs = ctx.snapshot.documents

    def score(ind: dict[str, Any]) -> float:
        rec = docs[ind["doc_id"]]
        words = set(_topic_terms(f"{ind['text']} {ind.get('goal') or ''} {rec.meta.get('title') or ''}"))
        return sum(answerer.idf(t) for t in topic if t in words) / total

    scored = [(score(i), i) for i in inds]
    best = max(s for s, _ in scored)
    if best < 0.5:
        return inds  # the words name nothing the plans say: they do not choose between them
    return [i for s, i in scored if s >= best - 0.2]


def _topic_terms(text: str) -> list[str]:
    return _terms(text)
