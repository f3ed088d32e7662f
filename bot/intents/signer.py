"""Who signed a plan, with the title and capacity of the signature block: "Ai ký kế hoạch?", "Who signed the plan?"."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from bot.answer import Answer
from bot.answerer import Composer
from bot.intents.base import AnswerContext
from bot.intents.plan_common import cite, per_document
from bot.understand import Query
from ingest.model import PlanFacts, Signature
from ingest.normalize import collapse_ws
from ingest.structure import PERSON_RE

_SIGNER_RE = re.compile(r"\b(ai ky|ai da ky|nguoi ky|ky boi|ky van ban|ky ke hoach|who signed|signed by|signer|signatory|"
                        r"signature|who signs)\b")
_TITLES_EN = {"PHÓ CHỦ TỊCH": "Vice Chairperson", "CHỦ TỊCH": "Chairperson", "PHÓ GIÁM ĐỐC": "Deputy Director",
              "GIÁM ĐỐC": "Director", "PHÓ TRƯỞNG BAN": "Deputy Head", "TRƯỞNG BAN": "Head",
              "PHÓ TRƯỞNG PHÒNG": "Deputy Head of Office", "TRƯỞNG PHÒNG": "Head of Office"}


class SignerIntent:
    name = "signer"

    def detect(self, q: Query) -> float:
        return 0.95 if q.indicator is None and _SIGNER_RE.search(q.folded) else 0.0

    def answer(self, ctx: AnswerContext, q: Query, doc_ids: set[str]) -> Answer:
        render = ctx.render

        def pick(pf: PlanFacts, doc_id: str) -> Sequence[Signature]:
            text = ctx.snapshot.documents[doc_id].text
            return [s if s.name else _named(s, text) for s in pf.signatures if s.name or _name_after(s, text)]

        def block(comp: Composer, doc_id: str, sigs: Sequence[Signature]) -> tuple[list[str], dict[str, Any]]:
            label = render.doc(ctx.snapshot.documents[doc_id])
            lines = []
            for s in sigs:
                ref = cite(comp, doc_id, s.span)
                capacity = ", ".join(x for x in (s.authority, s.on_behalf) if x)
                if render.en:
                    title = _TITLES_EN.get(s.title, "")
                    role = f"{title} ({s.title})" if title else s.title
                    how = f", signing as “{capacity}”" if capacity else ""
                    lines.append(f"{label} was signed by {s.name}, {role}{how} [{ref}].")
                else:
                    how = f" ({capacity})" if capacity else ""
                    lines.append(f"{label} do {s.title.capitalize()} {s.name} ký{how} [{ref}].")
            return lines, {"signatures": [{"name": s.name, "title": s.title, "authority": s.authority,
                                           "on_behalf": s.on_behalf} for s in sigs]}

        answer = per_document(ctx, q, doc_ids, self.name, pick, block,
                              ("Không tìm thấy chữ ký (người ký) trong các văn bản được hỏi.",
                               "No signature block with a name was found in the documents asked about."),
                              fallback="meta")
        return answer  # a signer known only from a web page's metadata block comes from "meta"


def _name_after(sig: Signature, text: str) -> tuple[str, int] | None:
    """The signer's name on the lines just under a signature block read without one (a footnote, a portal's
    links or a blank line can keep it from the block), with where it ends."""
    pos = sig.span.char_end
    for _ in range(3):
        m = _LINE_RE.match(text, pos)
        if not m:
            return None
        line = m.group(1).strip(" |\t")
        if line and PERSON_RE.match(line) and not line.isupper():
            return line, m.end(1)
        if line and not line.isupper():
            return None  # other text: the block is over
        pos = m.end()
    return None


def _named(sig: Signature, text: str) -> Signature:
    found = _name_after(sig, text)
    if found is None:
        return sig
    name, end = found
    return replace(sig, name=name, span=replace(sig.span, char_end=end, quote=collapse_ws(text[sig.span.char_start:end])))


_LINE_RE = re.compile(r"\n?([^\n]*)")
