"""Answer units of every chunk (sentences, clauses, list items) and their vectors, saved with a generation.

The free-text reader (`bot/reader.py`) picks the unit that answers a question by meaning: it compares
the question's vector with the vectors of the units of the retrieved passages. Embedding those units
at question time would cost far more than the latency budget of `ask`, so they are embedded once at
ingest (through the same embedding cache as the chunks) and stored beside the chunk vectors:

    gen-000007/sentences/   units.json  (chunk id, start, end, lead-in start/end: offsets in chunk.text)
                            vectors.npy (float32, one unit-length row per unit)
                            manifest.json (format version, model id, dimension, count; written last)

A list item is embedded with the line that introduces its list ("Kinh phí được bố trí từ các nguồn:"),
which it does not make sense without. Headings are left out (the reader checks them as words): with
them the units cost a third more to embed at ingest and chose no better on the dev questions.

>>> text = "Kinh phí gồm:\\n- Ngân sách tỉnh 1.500 triệu đồng;\\n- Xã hội hóa."
>>> [text[s:e] for s, e, _ls, _le in split_units(text)]
['Kinh phí gồm:', '- Ngân sách tỉnh 1.500 triệu đồng;', '- Xã hội hóa.']
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ingest.model import Chunk

FORMAT_VERSION = 1
_MANIFEST = "manifest.json"
_UNITS = "units.json"
_VECTORS = "vectors.npy"

# A line that starts a list item: "-", "+", "•", "a)", "1.", "1.2.", "II." (not "1.000" or "15/6").
ITEM_RE = re.compile(r"^\s*(?:[-–—+•*]\s*|[a-zđ]\)\s*|\d{1,2}(?:\.\d{1,2})*[.)]\s+|[IVXL]{1,5}[.)]\s+)")
# Where a sentence may end inside a line: "." / "!" / "?" followed by a space and something that starts
# a sentence. "214.825", "98,5%", "15/6" and "TP. Hồ Chí Minh" are never cut.
_BOUNDARY_RE = re.compile(r"(?<=[.!?])\s+(?=[\"“(\[]?[A-ZĐÀ-Ỹ0-9-])")
# Where a long sentence may be cut into clauses: after ";", or after "," / ":" when the next word is
# not capitalised, so a number ("98,5"), a date or a body name with a comma in it ("Sở Văn hóa, Thể
# thao và Du lịch") is never cut.
_CLAUSE_RE = re.compile(r";\s+|[,:]\s+(?=[a-zđà-ỹ])")
# Abbreviations written with a dot that do not end a sentence ("TP. ", "Tp. ", "Q. ", "TT. ", "v.v. ").
_ABBREV_RE = re.compile(r"(?:^|\s)(?:[A-ZĐ][A-Za-zđ]?|TT|TX|Tp|TP|ThS|TS|PGS|GS|v\.v|Ths)\.$")
_MARKER_RE = re.compile(r"(?:\d{1,2}(?:\.\d{1,2})*|[IVXL]{1,5}|[a-zđ])[.)]")
# A unit longer than this is also offered in clauses, so a long sentence can answer with its part.
LONG_UNIT = 320
CLAUSE_TARGET = 180
# What the model reads for a unit (its lead-in first): longer text is cut.
_EMBED_CHARS = 400


def _line_spans(text: str) -> list[tuple[int, int]]:
    """Logical lines of a chunk: a line that neither starts an item nor follows a finished line
    continues the previous one (extraction breaks lines inside sentences: "Cà\\nMau, ngày...")."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for raw in text.split("\n"):
        start, end = pos, pos + len(raw)
        pos = end + 1
        stripped = raw.strip()
        if not stripped:
            continue
        s = start + (len(raw) - len(raw.lstrip()))
        e = start + len(raw.rstrip())
        if spans and not ITEM_RE.match(raw):
            prev = text[spans[-1][0]: spans[-1][1]].rstrip()
            if prev and prev[-1] not in ".;:!?" and not prev.isupper() and (
                    not stripped[:1].isupper() or len(prev) < 20):
                spans[-1] = (spans[-1][0], e)
                continue
        spans.append((s, e))
    return spans


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of one logical line (offsets in `text`)."""
    out: list[tuple[int, int]] = []
    s = start
    for m in _BOUNDARY_RE.finditer(text, start, end):
        if m.start() <= s:
            continue
        if text[m.start() - 1] == "." and _ABBREV_RE.search(text[s: m.start()]):
            continue
        if _MARKER_RE.fullmatch(text[s: m.start()].strip()):
            continue  # "III. KINH PHÍ": a list or heading number, not a sentence
        if len(text[s: m.start()].strip()) >= 3:
            out.append((s, m.start()))
            s = m.end()
    if text[s:end].strip():
        if out and len(text[s:end].strip()) < 3:
            out[-1] = (out[-1][0], end)
        else:
            out.append((s, end))
    return out


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Windows of about CLAUSE_TARGET characters of a long sentence, cut only where `_CLAUSE_RE` allows."""
    cuts = [(start + m.start() + 1, start + m.end()) for m in _CLAUSE_RE.finditer(text[start:end])]
    out: list[tuple[int, int]] = []
    s = start
    for stop, nxt in cuts:
        if stop - s >= CLAUSE_TARGET:
            out.append((s, stop))
            s = nxt
    if out and end - s < 40:
        out[-1] = (out[-1][0], end)
    else:
        out.append((s, end))
    return out if len(out) > 1 else []


def split_units(text: str) -> list[tuple[int, int, int, int]]:
    """Units of a chunk's text as (start, end, lead_start, lead_end) offsets into `text`.

    Units are list items and sentences; a sentence longer than LONG_UNIT gives its clauses instead. The lead is the line ending with ":" that introduces a list item, or (-1, -1).
    """
    units: list[tuple[int, int, int, int]] = []
    lead = (-1, -1)
    for ls, le in _line_spans(text):
        line = text[ls:le]
        is_item = bool(ITEM_RE.match(line))
        this_lead = lead if is_item else (-1, -1)
        for s, e in _sentences(text, ls, le):
            s += len(text[s:e]) - len(text[s:e].lstrip())
            e -= len(text[s:e]) - len(text[s:e].rstrip())
            if e <= s:
                continue
            parts = _clauses(text, s, e) if e - s > LONG_UNIT else []
            units.extend((cs, ce, *this_lead) for cs, ce in parts or [(s, e)])
        if line.rstrip().endswith(":"):
            lead = (ls, le)
        elif not is_item:
            lead = (-1, -1)
    return units


def lead_before(document_text: str, chunk: Chunk) -> str:
    """The line ending with ":" that opens the list a chunk continues, when the chunk starts with items."""
    head = document_text[max(0, chunk.char_start - 1500): chunk.char_start].rstrip()
    for line in reversed(head.split("\n")):
        stripped = " ".join(line.split())
        if not stripped or ITEM_RE.match(line):
            continue
        return stripped if stripped.endswith(":") else ""
    return ""


def unit_embedding_text(text: str, lead: str) -> str:
    """What the embedding model reads for a unit: the list's lead-in, if any, and the unit."""
    parts = [p for p in (lead[:120], text) if p]
    return " ".join(" ".join(parts).split())[:_EMBED_CHARS]


@dataclass(frozen=True)
class Unit:
    """One unit: offsets into `chunk.text` of the unit and of its list lead-in ((-1, -1): none)."""

    chunk_id: str
    start: int
    end: int
    lead_start: int
    lead_end: int


def chunk_units(chunk: Chunk, document_text: str) -> tuple[list[Unit], list[str]]:
    """The units of a chunk and the texts to embed for them."""
    units: list[Unit] = []
    texts: list[str] = []
    outer = ""
    heading = " ".join(chunk.section.split(" › ")[-1].split()) if chunk.section else ""
    for s, e, ls, le in split_units(chunk.text):
        if " ".join(chunk.text[s:e].split()) == heading:
            continue  # the section's own title: context of the units, not an answer
        if ls < 0 and ITEM_RE.match(chunk.text[s:e]) and not any(u.lead_start >= 0 for u in units):
            outer = outer or lead_before(document_text, chunk)
        lead = chunk.text[ls:le] if ls >= 0 else (outer if ITEM_RE.match(chunk.text[s:e]) else "")
        units.append(Unit(chunk.id, s, e, ls, le))
        texts.append(unit_embedding_text(chunk.text[s:e], lead))
    return units, texts


class SentenceIndex:
    """Units and their vectors; `units_of(chunk_id)` gives the rows of a chunk's units."""

    def __init__(self, units: Sequence[Unit], vectors: np.ndarray, model_id: str | None = None) -> None:
        if len(units) != len(vectors):
            raise ValueError(f"{len(units)} units but {len(vectors)} vectors")
        self.units = list(units)
        self.vectors = np.asarray(vectors, dtype=np.float32)
        self.model_id = model_id
        self._rows: dict[str, list[int]] = {}
        for i, u in enumerate(self.units):
            self._rows.setdefault(u.chunk_id, []).append(i)

    def __len__(self) -> int:
        return len(self.units)

    def rows_of(self, chunk_id: str) -> list[int]:
        return self._rows.get(chunk_id, [])

    @classmethod
    def build(cls, chunks: Sequence[Chunk], document_texts: dict[str, str],
              embed: Callable[[list[str]], np.ndarray], model_id: str | None = None) -> SentenceIndex:
        units: list[Unit] = []
        texts: list[str] = []
        for c in chunks:
            u, t = chunk_units(c, document_texts.get(c.doc_id, ""))
            units += u
            texts += t
        vectors = embed(texts) if texts else np.zeros((0, 1), dtype=np.float32)
        return cls(units, vectors, model_id)

    def save(self, directory: Path) -> None:
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        rows = [[u.chunk_id, u.start, u.end, u.lead_start, u.lead_end] for u in self.units]
        (directory / _UNITS).write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
        np.save(directory / _VECTORS, self.vectors)
        manifest = {"format_version": FORMAT_VERSION, "count": len(self.units), "model_id": self.model_id,
                    "dimension": int(self.vectors.shape[1]) if len(self.units) else None}
        # Written last: a directory without a manifest is an interrupted save.
        (directory / _MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")

    @classmethod
    def load(cls, directory: Path, expected_model_id: str | None = None) -> SentenceIndex | None:
        """The saved index, or None when the generation has none (built before units were saved)
        or it was built with another model (its vectors would not compare with the questions')."""
        directory = Path(directory)
        try:
            manifest = json.loads((directory / _MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if manifest.get("format_version") != FORMAT_VERSION:
            return None
        if expected_model_id is not None and manifest.get("model_id") != expected_model_id:
            return None
        rows = json.loads((directory / _UNITS).read_text(encoding="utf-8"))
        vectors = np.load(directory / _VECTORS, mmap_mode="r")
        if len(rows) != manifest.get("count") or len(vectors) != len(rows):
            return None
        return cls([Unit(r[0], r[1], r[2], r[3], r[4]) for r in rows], np.asarray(vectors), manifest.get("model_id"))
