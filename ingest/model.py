"""Domain types shared by every stage: what a loaded file is, and what we extract from it.

Offsets (`char_start`, `char_end`) always point into `PlanDocument.text`, the document's original
text as loaded (before repairs), so a quote shown to a user is always the original wording.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Role = Literal["lead", "support"]
Origin = Literal["text", "ocr"]  # read from the file's own text, or by OCR from a scanned image


def stable_id(*parts: object, prefix: str = "", length: int = 16) -> str:
    """Deterministic id from its parts: the same input always gives the same id.

    >>> stable_id("a", 1, prefix="c-") == stable_id("a", 1, prefix="c-"), len(stable_id("a", prefix="c-"))
    (True, 18)
    """
    h = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return prefix + h[:length]


@dataclass(frozen=True)
class Block:
    """One unit of a loaded file in reading order: a paragraph (possibly many lines) or a table."""

    kind: Literal["paragraph", "table"]
    text: str = ""
    rows: tuple[tuple[str, ...], ...] = ()
    page: int | None = None
    origin: Origin = "text"


@dataclass
class PageReading:
    """How one page of a file was read: from its text layer, or by OCR with what confidence."""

    page: int
    origin: Origin
    status: str = "ok"  # ok | low_confidence | blank | unreadable
    confidence: float | None = None  # mean OCR word confidence 0-100; None for text pages
    seconds: float = 0.0
    note: str = ""


@dataclass
class RawDocument:
    """What a loader returns: the file's blocks in document order, nothing interpreted yet."""

    source: str  # original file name, shown in citations
    path: str
    fmt: str  # txt | md | docx | pdf | html
    blocks: list[Block]
    content_hash: str  # sha256 of the file's bytes
    readings: list[PageReading] = field(default_factory=list)  # per page, for paged formats
    warnings: list[str] = field(default_factory=list)  # one line each, shown at ingest

    @property
    def ocr_pages(self) -> list[PageReading]:
        return [r for r in self.readings if r.origin == "ocr"]

    @property
    def ocr_confidence(self) -> float | None:
        """Mean OCR confidence over the pages that produced text, None if nothing was OCR'd."""
        read = [r.confidence for r in self.ocr_pages if r.confidence is not None and r.status != "blank"]
        return round(sum(read) / len(read), 1) if read else None


@dataclass
class Span:
    """Where a fact came from: the provenance every citation is rendered from."""

    section: str  # breadcrumb, e.g. "IV. TỔ CHỨC THỰC HIỆN › 2. Sở Tư pháp"
    char_start: int
    char_end: int
    page: int | None = None
    quote: str = ""
    origin: Origin = "text"  # "ocr" when the quoted text was read from a scanned page


@dataclass
class PlaceRef:
    """One administrative unit of a document's place chain, e.g. ("Tân Hòa", "thị trấn", "commune")."""

    name: str  # as written, title-cased when the document writes it in capitals
    level: str  # tỉnh | thành phố | huyện | quận | thị xã | xã | phường | thị trấn | đặc khu
    tier: str  # province | district | commune (cấp tỉnh / cấp huyện / cấp xã)
    source: str  # where it was read: header | title | date_line | text | gazetteer

    @property
    def label(self) -> str:
        return f"{self.level} {self.name}"


@dataclass
class DocumentMeta:
    issuer: str | None = None  # the issuing body, e.g. "Ủy ban nhân dân huyện Tân Phú", "Sở Y tế tỉnh Lâm Sơn"
    number: str | None = None  # e.g. 12/KH-UBND
    doc_type: str | None = None  # Kế hoạch, Quyết định, Chương trình ...
    date: str | None = None  # ISO yyyy-mm-dd, or yyyy-mm when the day is blank
    place: str | None = None  # Bình Sơn, Tân Hòa ...
    place_level: str | None = None  # tỉnh | thành phố | huyện | thị xã | xã | phường | thị trấn
    parent_place: str | None = None  # the next unit up, e.g. "huyện Tân Hòa" for a town-level plan
    period: str | None = None  # "2021-2030" or "2018"
    year: int | None = None
    title: str | None = None
    signer: str | None = None
    signer_title: str | None = None
    # The issuer's place and every unit above it, own unit first, province last (when known).
    place_chain: list[PlaceRef] = field(default_factory=list)
    issuer_superior: str | None = None  # the body above a Sở, Ban or Phòng, e.g. "Ủy ban nhân dân tỉnh Lâm Sơn"


@dataclass
class Section:
    id: str
    level: int
    marker: str  # "IV.", "2.1.", "a)", "Điều 2." ...
    title: str
    breadcrumb: str
    start: int  # offsets in the normalized text
    end: int
    parent: str | None = None


@dataclass
class Target:
    year: int
    value: float | None
    unit: str  # "%", "‰", "/100.000", "" ...
    qualifier: str  # "dưới", "≥", "xuống" ... or ""
    text: str  # the phrase as written, e.g. "98,5% vào năm 2025"


@dataclass
class Goal:
    id: str
    number: int | None
    text: str
    span: Span


@dataclass
class Indicator:
    id: str
    doc_id: str
    number: int | None  # None for targets the document does not number as "Chỉ tiêu N"
    ordinal: int  # position among the document's indicators, 1-based
    text: str
    goal_id: str | None
    goal: str | None
    targets: list[Target]
    span: Span


@dataclass
class Agency:
    """A body (cơ quan, đơn vị) named in a document, with the ways it is written."""

    key: str  # matching key, see ingest.agencies.agency_key
    name: str  # canonical display name
    aliases: list[str] = field(default_factory=list)


@dataclass
class Assignment:
    id: str
    doc_id: str
    agency_key: str
    agency: str
    indicator_number: int
    role: Role
    span: Span  # the sentence that assigns it


@dataclass
class Duty:
    id: str
    doc_id: str
    agency_key: str
    agency: str
    text: str
    span: Span


@dataclass
class Chunk:
    id: str
    doc_id: str
    ordinal: int
    text: str  # normalized text, for embedding and display
    tokens: str  # BM25 tokens (pyvi-segmented words and their diacritics-free forms), space-separated
    section: str  # breadcrumb
    top_section: str
    char_start: int
    char_end: int
    page: int | None
    content_hash: str


@dataclass
class PlanDocument:
    doc_id: str
    source: str
    path: str
    fmt: str
    content_hash: str
    meta: DocumentMeta
    text: str  # original text
    norm: str  # repaired, NFC text used for parsing
    offsets: list[int]  # offsets[i] = index in `text` of norm[i]; len(norm)+1 entries
    pages: list[tuple[int, int, int]]  # (start, end, page) in `text`
    sections: list[Section] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    agencies: list[Agency] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    duties: list[Duty] = field(default_factory=list)
    chunks: list[Chunk] = field(default_factory=list)
    ocr_pages: list[int] = field(default_factory=list)  # pages whose text was read by OCR

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
