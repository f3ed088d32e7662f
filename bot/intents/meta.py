"""A document's own details: who signed it, when, its number, issuer or title."""

from __future__ import annotations

import re
from typing import Any

from bot.answer import Answer
from bot.intents.base import AnswerContext, answered
from bot.render import doc_label, render_date
from bot.understand import Query
from index.snapshot import DocumentRecord
from ingest.normalize import collapse_ws

META_RE = re.compile(
    r"\b(ai ky|nguoi ky|ky boi|ky ban hanh|signed|signer|who signed|ngay ban hanh|ban hanh ngay|ban hanh khi nao|"
    r"ngay nao ban hanh|when was .* (?:issued|signed)|issue date|so hieu|so van ban|document number|"
    r"co quan ban hanh|ai ban hanh|who issued|issued by|issuing (?:body|authority)|ten van ban|tieu de|title|"
    # "kèm theo kế hoạch số mấy?", "số bao nhiêu", "what is the number of the plan"
    r"(?:ke hoach|quyet dinh|van ban|chuong trinh) so (?:may|bao nhieu|gi)|so ky hieu|ky hieu|"
    r"(?:the |its |plan |document )number|number of the|"
    # "cơ quan nào ban hành", "do ai ban hành", "được ký ngày nào", "ngày ký", "when was it adopted"
    r"(?:co quan|don vi|cap) nao ban hanh|ban hanh boi|ky ngay nao|ky khi nao|ky vao ngay nao|ngay ky|"
    r"when was .* adopted|date of (?:issue|signing))\b"
)


def _field(w: str) -> str:
    if "ngay" in w or "khi nao" in w or "date" in w or "when" in w:
        return "date"
    if ("ky" in w.split() and "hieu" not in w.split()) or "sign" in w:
        return "signer"
    if "so" in w.split() or "number" in w or "hieu" in w.split():
        return "number"
    if "ten" in w.split() or "tieu de" in w or "title" in w:
        return "title"
    return "issuer"


def meta_fields(folded: str) -> list[str]:
    """What a question asks of a document, in its order ("the number … and who issued it?": number, issuer)."""
    return list(dict.fromkeys(_field(m.group(1)) for m in META_RE.finditer(folded)))


def meta_field(folded: str) -> str | None:
    """signer | date | number | issuer | title, or None when the question asks none of them."""
    fields = meta_fields(folded)
    return fields[0] if fields else None


class MetaIntent:
    name = "meta"

    def detect(self, q: Query) -> float:
        return 0.85 if q.indicator is None and meta_field(q.folded) else 0.0

    def answer(self, ctx: AnswerContext, q: Query, doc_ids: set[str]) -> Answer:
        """Signer, date, number, issuer or title of the document(s) in scope."""
        fields = meta_fields(q.folded) or ["issuer"]
        if len(doc_ids) > 3:
            return ctx.delegate("free", q, doc_ids)
        comp = ctx.composer()
        results = []
        names_vi = {"signer": "người ký", "date": "ban hành", "number": "số hiệu", "issuer": "cơ quan ban hành",
                    "title": "tên văn bản"}
        names_en = {"signer": "signed by", "date": "issued on", "number": "number", "issuer": "issued by",
                    "title": "title"}
        for doc_id in sorted(doc_ids, key=lambda d: ctx.snapshot.documents[d].source):
            rec = ctx.snapshot.documents[doc_id]
            parts: list[str] = []
            row: dict[str, Any] = {"doc_id": doc_id, "source": rec.source, "doc_number": rec.number}
            for field_ in fields:
                value = rec.meta.get(field_)
                if not value:
                    continue
                span = meta_span(ctx, rec, field_, str(value))
                ref = f" [{comp.cite(doc_id, span)}]" if span else ""
                extra = (f" ({rec.meta.get('signer_title')})" if field_ == "signer" and rec.meta.get("signer_title")
                         else "")
                if field_ == "date":
                    value = render_date(str(value), q.language)
                name = (names_en if q.language == "en" else names_vi)[field_]
                parts.append(f"{name} {value}{extra}{ref}")
                row[field_] = value
            if not parts:
                continue
            comp.lines.append(f"{doc_label(rec, q.language)}: {'; '.join(parts)}.")
            results.append(row)
        if not results:
            return ctx.delegate("free", q, doc_ids)
        return answered(comp, q, "meta", {"results": results})


def meta_span(ctx: AnswerContext, rec: DocumentRecord, field_: str, value: str) -> dict[str, Any] | None:
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
    section = ctx.snapshot.chunks[chunk_id].section if chunk_id else ""
    return {"section": section, "char_start": s, "char_end": e, "page": None,
            "quote": collapse_ws(text[s:e])}
