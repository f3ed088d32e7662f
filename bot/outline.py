"""A document's headings and the items listed under each, for list and summary answers.

The outline is parsed from the document's stored original text with the same repair and section
rules ingest used (ingest.normalize.repair, ingest.structure), once per document and process; every
offset it gives points into the original text, so items are quoted and cited as written.
"""

from __future__ import annotations

import math
import re
import threading
from dataclasses import dataclass, field

from index.snapshot import DocumentRecord
from ingest.normalize import collapse_ws, fold_ascii, repair
from ingest.structure import Line, build_sections, split_lines


@dataclass(frozen=True)
class Item:
    """One entry of a list under a heading: a sub-heading or a bullet, with what follows it."""

    marker: str  # "1.", "a)", "-", "+", "" for a plain paragraph
    text: str  # its text up to the next entry, whitespace collapsed, marker left out
    head: str  # its own line only (a sub-heading's title line, a bullet's paragraph), marker left out
    start: int  # offsets in the original text
    end: int
    section: str  # breadcrumb of the section it is in


@dataclass(frozen=True)
class Heading:
    marker: str
    title: str
    breadcrumb: str
    level: int
    start: int  # original-text offsets of the heading line's start and of the section's end
    end: int
    body_start: int  # original-text offset where the section's content begins (after its heading line)
    folded: str  # folded title, to match question words

    @property
    def label(self) -> str:
        return collapse_ws(f"{self.marker} {self.title}")


@dataclass
class Outline:
    rec: DocumentRecord
    headings: list[Heading] = field(default_factory=list)
    _lines: list[tuple[Line, int, int]] = field(default_factory=list)  # line, original start, original end

    def find(self, words: set[str], weight: dict[str, float] | None = None,
             ignore: frozenset[str] | set[str] = frozenset()) -> list[tuple[float, Heading]]:
        """Headings whose title holds the question's (folded) words, best first.

        A word counts more the fewer headings hold it (a plan's subject is in every heading, "kinh phí"
        in one), and a title made mostly of the question's words beats a long title that happens to
        contain them: 0.7 × weighted share of the words found + 0.3 × share of the title they make up.
        """
        weight = weight or {}
        titles = [set(re.findall(r"[a-z0-9]+", h.folded)) - ignore for h in self.headings]
        n = len(titles) or 1
        rarity = {w: math.log(1 + n / (1 + sum(w in t for t in titles))) for w in words}
        total = sum(weight.get(w, 1.0) * rarity[w] for w in words) or 1.0
        scored = []
        for h, title_words in zip(self.headings, titles, strict=True):
            found = words & title_words
            if not found:
                continue
            recall = sum(weight.get(w, 1.0) * rarity[w] for w in found) / total
            precision = len(found) / len(title_words)
            scored.append((0.7 * recall + 0.3 * precision, h))
        # Ties go to the higher-level heading, then to the earlier one.
        scored.sort(key=lambda t: (-t[0], t[1].level, t[1].start))
        return scored

    def children(self, heading: Heading) -> list[Heading]:
        """The headings directly under `heading`."""
        inside = [h for h in self.headings if heading.start < h.start < heading.end]
        if not inside:
            return []
        top = min(h.level for h in inside)
        return [h for h in inside if h.level == top]

    def items(self, heading: Heading) -> list[Item]:
        """The entries listed under a heading: its sub-headings, else its top-level bullets, else paragraphs."""
        inside = [(ln, s, e) for ln, s, e in self._lines if heading.body_start <= s < heading.end]
        if not inside:
            return []
        ranked = [t for t in inside if t[0].rank is not None]
        top = min((t[0].rank for t in ranked if t[0].rank is not None), default=None)
        if top is None:
            starts = inside  # plain paragraphs, one item each
        else:
            lead = [t for t in inside if t[1] < next(r[1] for r in ranked if r[0].rank == top)]
            starts = [t for t in ranked if t[0].rank == top]
            # A paragraph before the first entry ("Kinh phí được bố trí từ các nguồn sau:") is its own item
            # only when it says something itself, not when it only introduces the list.
            starts = [t for t in lead if not t[0].text.rstrip().endswith(":")] + starts
        items = []
        for i, (line, s, line_end) in enumerate(starts):
            end = starts[i + 1][1] if i + 1 < len(starts) else heading.end
            raw = self.rec.text[s:end]
            body = collapse_ws(raw)
            marker = line.marker if line.rank is not None else ""
            head = collapse_ws(self.rec.text[s:line_end])
            if marker and body.startswith(marker):
                body = body[len(marker):].strip()
            if marker and head.startswith(marker):
                head = head[len(marker):].strip()
            if not body:
                continue
            end = s + len(raw.rstrip())
            items.append(Item(marker, body, head or body, s, end, heading.breadcrumb))
        return items


_SIGNATURE_TITLES = re.compile(r"^(noi nhan|tm\b|kt\b|tl\b|q\b|chu tich|pho chu tich)")


def parse_outline(rec: DocumentRecord) -> Outline:
    mt = repair(rec.text)
    lines = split_lines(mt.text)
    sections, _ = build_sections(lines, rec.doc_id, len(mt.text))
    outline = Outline(rec)
    for ln in lines:
        s, e = mt.source_span(ln.start, ln.end)
        outline._lines.append((ln, s, e))
    line_end = {ln.start: ln.end for ln in lines}
    for sec in sections:
        folded = fold_ascii(sec.title)
        if _SIGNATURE_TITLES.match(folded):
            continue  # "Nơi nhận", "KT. CHỦ TỊCH": the signature block, not a part of the plan
        start, _ = mt.source_span(sec.start, sec.start + 1)
        end = mt.origin[min(sec.end, len(mt.text))]
        body = mt.origin[min(line_end.get(sec.start, sec.start), len(mt.text))]
        outline.headings.append(Heading(sec.marker, sec.title, sec.breadcrumb, sec.level, start, end, body, folded))
    return outline


class Outlines:
    """Each document's outline, parsed on first use and kept for the life of the index snapshot."""

    def __init__(self, documents: dict[str, DocumentRecord]) -> None:
        self._documents = documents
        self._cache: dict[str, Outline] = {}
        self._lock = threading.Lock()

    def get(self, doc_id: str) -> Outline:
        with self._lock:
            outline = self._cache.get(doc_id)
        if outline is None:
            outline = parse_outline(self._documents[doc_id])
            with self._lock:
                self._cache[doc_id] = outline
        return outline

    def warm(self) -> None:
        """Parse every document's outline now (a list or summary question then reads it at once)."""
        for doc_id in list(self._documents):
            self.get(doc_id)

    def warm_in_background(self) -> threading.Thread:
        # Repairing a long plan's text takes a few hundred milliseconds: done once, off the question path.
        thread = threading.Thread(target=self.warm, name="planqa-outlines", daemon=True)
        thread.start()
        return thread
