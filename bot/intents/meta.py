"""A document's own details: who signed it, when, its number, issuer or title."""

from __future__ import annotations

import re

from bot.answer import Answer
from bot.intents.base import AnswerContext
from bot.understand import Query

META_RE = re.compile(
    r"\b(ai ky|nguoi ky|ky boi|ky ban hanh|signed|signer|who signed|ngay ban hanh|ban hanh ngay|ban hanh khi nao|"
    r"ngay nao ban hanh|when was .* (?:issued|signed)|issue date|so hieu|so van ban|document number|"
    r"co quan ban hanh|ai ban hanh|who issued|ten van ban|tieu de|title)\b"
)


def meta_field(folded: str) -> str | None:
    """signer | date | number | issuer | title, or None when the question asks none of them."""
    m = META_RE.search(folded)
    if not m:
        return None
    w = m.group(1)
    if "ngay" in w or "khi nao" in w or "date" in w or "when" in w:
        return "date"
    if "ky" in w.split() or "sign" in w:
        return "signer"
    if "so" in w.split() or "number" in w:
        return "number"
    if "ten" in w.split() or "tieu de" in w or "title" in w:
        return "title"
    return "issuer"


class MetaIntent:
    name = "meta"

    def detect(self, q: Query) -> float:
        return 0.85 if q.indicator is None and meta_field(q.folded) else 0.0

    def answer(self, ctx: AnswerContext, q: Query, doc_ids: set[str]) -> Answer:
        return ctx.answerer.meta(q, doc_ids, meta_field(q.folded) or "issuer")
