"""The one place the answering pipeline is wired: CLI, API, Zalo and eval all call `build_pipeline`."""

from __future__ import annotations

import re
import threading
import time
import unicodedata
from typing import Any

from bot.answer import Answer
from bot.answerer import Answerer, doc_label
from bot.conversation import Conversation
from bot.errors import BadQuestion, EmptyQuestion, QuestionTooLong
from bot.intents import BY_NAME, INTENTS, AnswerContext
from bot.many import ManyPlans, asked_tier, document_tier
from bot.outline import Outlines
from bot.places import PlaceDirectory, add_place_notes, chain_of, heading_names, plans_named
from bot.retrieval import HybridRetriever, PlanqaRetriever
from bot.settings import Settings
from bot.understand import Catalog, Query, merge_followup, understand
from index.snapshot import IndexSnapshot
from index.store_snapshot import open_snapshot
from ingest.normalize import fold_ascii

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_question(question: str, max_chars: int) -> str:
    if not isinstance(question, str):
        raise BadQuestion("the question must be text")
    q = _CONTROL_RE.sub(" ", question).strip()
    if not q:
        raise EmptyQuestion("the question is empty; ask about a plan document, e.g. “Chỉ tiêu 14 do ai phụ trách?”")
    if len(q) > max_chars:
        raise QuestionTooLong(f"the question is too long ({len(q)} characters; the limit is {max_chars})")
    letters = [c for c in q if c.isalpha()]
    latin = [c for c in letters if "LATIN" in unicodedata.name(c, "")]
    if letters and len(latin) < len(letters) / 2:
        raise BadQuestion("planqa answers questions in Vietnamese or English; please ask in one of them")
    return q


class Pipeline:
    def __init__(self, settings: Settings, snapshot: IndexSnapshot, reranker: Any = None,
                 generator: Any = None) -> None:
        self.settings = settings
        self._lock = threading.Lock()
        self._reranker = reranker
        self.generator = generator
        self._load(snapshot)

    def _load(self, snapshot: IndexSnapshot) -> None:
        self.snapshot = snapshot
        self.retriever = HybridRetriever(snapshot, self.settings.bot.fusion, self._reranker)
        self.answerer = Answerer(snapshot, self.retriever, self.settings.bot.top_k)
        self.outlines = Outlines(snapshot.documents)
        self.many_plans = ManyPlans(snapshot)
        numbers: dict[str, str] = {}
        for rec in snapshot.documents.values():
            if rec.number:
                numbers[fold_ascii(rec.number)] = rec.doc_id
        agencies = {a["key"]: a["name"] for a in snapshot.agencies}
        directory = PlaceDirectory({d: rec.meta for d, rec in snapshot.documents.items()})
        self.catalog = Catalog(directory.names(), agencies, numbers, directory)

    def reload(self) -> None:
        """Pick up a new index generation written by `planqa ingest` or an upload."""
        snap = open_snapshot(self.settings.index_dir, self.settings.index, self.snapshot.embeddings)
        with self._lock:
            self._load(snap)
        self.outlines.warm_in_background()

    def warm_up(self) -> None:
        """Load the word segmenter and the embedding model now, not on the first question; outlines follow."""
        from ingest.segment import lexical_tokens

        lexical_tokens("khởi động")
        self.snapshot.embeddings.embed_queries(["khởi động"])
        self.outlines.warm_in_background()

    def langchain_retriever(self, k: int = 4) -> PlanqaRetriever:
        return PlanqaRetriever(hybrid=self.retriever, k=k)

    def documents(self) -> list[dict[str, Any]]:
        counts: dict[str, dict[str, int]] = {}
        for name, rows in (("indicators", self.snapshot.indicators), ("assignments", self.snapshot.assignments)):
            for r in rows:
                counts.setdefault(r["doc_id"], {}).setdefault(name, 0)
                counts[r["doc_id"]][name] += 1
        out = []
        for rec in self.snapshot.documents.values():
            m = rec.meta
            out.append({
                "doc_id": rec.doc_id, "source": rec.source, "title": m.get("title"), "doc_number": m.get("number"),
                "doc_type": m.get("doc_type"), "date": m.get("date"), "place": m.get("place"),
                "place_level": m.get("place_level"), "parent_place": m.get("parent_place"),
                "issuer": m.get("issuer"), "place_chain": [f"{c['level']} {c['name']}".strip() for c in chain_of(m)],
                "period": m.get("period"), "signer": m.get("signer"),
                "chunks": len(rec.chunk_ids), **{k: counts.get(rec.doc_id, {}).get(k, 0)
                                                 for k in ("indicators", "assignments")},
            })
        return out

    def passage(self, ref: str) -> dict[str, Any] | None:
        chunk = self.snapshot.chunks.get(ref)
        if chunk is None:
            return None
        rec = self.snapshot.documents[chunk.doc_id]
        return {"chunk_id": chunk.id, "doc_id": chunk.doc_id, "source": rec.source, "title": rec.title,
                "doc_number": rec.number, "section": chunk.section, "page": chunk.page,
                "text": rec.text[chunk.char_start: chunk.char_end], "char_start": chunk.char_start,
                "char_end": chunk.char_end}

    def _select_documents(self, q: Query, doc_id: str | None) -> tuple[set[str], str | None]:
        docs = self.snapshot.documents
        if doc_id:
            return ({doc_id} if doc_id in docs else set()), (None if doc_id in docs else "document")
        selected = set(docs)
        if q.doc_number:
            selected = {d for d in selected if fold_ascii(docs[d].number or "") == q.doc_number}
            if not selected:
                return set(), "document"
        if q.place_match is not None and q.place_match.doc_ids is not None:
            selected &= q.place_match.doc_ids
        elif q.unknown_place:
            selected &= heading_names(q.unknown_place, {d: docs[d].text for d in selected})
            if not selected:
                return set(), "place"
        if q.plan_words and not q.doc_number:
            named = plans_named(q.plan_words, {d: docs[d].meta for d in selected}, {d: docs[d].text for d in selected})
            selected = named if named is not None else selected
        if q.doc_year is not None:
            selected = {d for d in selected if _covers_year(docs[d].meta, q.doc_year, docs[d].text[:400])}
            if not selected:
                return set(), "document"
        tier = asked_tier(q.folded)  # "… kế hoạch cấp tỉnh": a narrowing offered with answers over many plans
        if tier is not None:
            selected = {d for d in selected if document_tier(docs[d].meta) == tier}
            if not selected:
                return set(), "document"
        return selected, None

    def ask(self, question: str, conversation: Conversation | None = None, doc_id: str | None = None,
            page: int = 1) -> Answer:
        """Answer one question; `page` > 1 continues an answer that matched more plans than one answer holds."""
        t0 = time.perf_counter()
        text = clean_question(question, self.settings.bot.max_question_chars)
        with self._lock:
            answerer = self.answerer
            catalog = self.catalog
            outlines = self.outlines
            many_plans = self.many_plans
        q = understand(text, catalog, INTENTS)
        if conversation is not None:
            q = merge_followup(q, conversation.last)
            doc_id = doc_id or conversation.doc_id
        t1 = time.perf_counter()
        doc_ids, problem = self._select_documents(q, doc_id)
        many = None if problem else many_plans.plan_page(q, doc_ids, self.settings.bot.plans_per_answer, page)
        if problem:
            answer = answerer.not_found(q, problem, q.unknown_place)
        else:
            ctx = AnswerContext(answerer.snap, answerer.retriever, answerer, q.language, BY_NAME, outlines)
            answer = BY_NAME.get(q.intent, BY_NAME["free"]).answer(ctx, q, many.shown if many else doc_ids)
        t2 = time.perf_counter()
        timings = {"understand": round((t1 - t0) * 1000, 2), "answer": round((t2 - t1) * 1000, 2)}
        if self.generator is not None and answer.status == "answered":
            answer = self.generator.rephrase(q, answer)
            timings["generate"] = round((time.perf_counter() - t2) * 1000, 2)
        if many is not None:  # after any rephrasing, so the count of other plans is always said
            answer = many_plans.finish(answer, many, q, catalog.directory)
        if q.place_match is not None and q.place_match.notes:
            # Added after any rephrasing, so the note on a pre-2025 name is always said.
            used = list(dict.fromkeys(c.doc_id for c in answer.citations)) or sorted(doc_ids)
            docs = answerer.snap.documents
            labels = [doc_label(docs[d], q.language) for d in used if d in docs]
            answer = add_place_notes(answer, q.place_match, labels)
        if conversation is not None:
            conversation.remember(q)
        answer.timings_ms = {**timings, "total": round((time.perf_counter() - t0) * 1000, 2)}
        return answer


def _covers_year(meta: dict[str, Any], year: int, opening: str = "") -> bool:
    """Whether a plan is for `year`: its period, else the years its title (or opening lines) names, else the year
    it was issued or the next (a plan issued late in a year is often for the next one)."""
    period = meta.get("period") or ""
    years = [int(y) for y in re.findall(r"\d{4}", period)]
    if not years:
        title = meta.get("title") or re.sub(r"(?i)ngày\s+\d+\s+tháng\s+\d+\s+năm\s+\d{4}|\d+/\d+/\d{4}", " ", opening)
        years = [int(y) for y in re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", title)]
    if not years and meta.get("year"):
        years = [int(meta["year"]), int(meta["year"]) + 1]
    if not years:
        return True
    return min(years) <= year <= max(years)


def build_pipeline(settings: Settings | None = None) -> Pipeline:
    """Open the index named by the settings and wire retrieval, answering and optional extras."""
    settings = settings or Settings()
    snapshot = open_snapshot(settings.index_dir, settings.index)  # a generation, or the stores (PLANQA_STORAGE)
    reranker = None
    if settings.bot.reranker_model:
        from bot.rerank import load_cross_encoder

        reranker = load_cross_encoder(settings.bot.reranker_model)
    generator = None
    if settings.bot.llm.base_url:
        from bot.generate import Generator

        generator = Generator(settings)
    pipeline = Pipeline(settings, snapshot, reranker, generator)
    pipeline.warm_up()
    return pipeline
