"""The answer contract shared by the CLI (`planqa ask --json`), the HTTP API and the Zalo handlers."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Status = Literal["answered", "not_found"]


@dataclass
class Citation:
    doc_id: str
    source: str  # original file name
    title: str | None
    doc_number: str | None
    section: str  # breadcrumb
    quote: str  # original text of the cited passage
    page: int | None
    char_start: int
    char_end: int
    chunk_id: str | None = None
    place: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Suggestion:
    """A narrower question offered with an answer (a button in the widget, a reply to send on Zalo)."""

    kind: str  # place | level | year
    label: str  # short text for the button, with the number of plans it keeps
    question: str  # what to ask when it is chosen
    documents: int  # how many of the matching plans that question answers for

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class PageInfo:
    """Which plans an answer over many plans covers; ask again with `page=next` for the rest."""

    number: int  # 1-based
    size: int  # plans per page
    total_documents: int  # plans whose facts match the question
    pages: int
    documents: list[str]  # ids of the plans this page answers for, best first
    next: int | None  # the next page, None on the last

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Answer:
    status: Status
    answer: str
    citations: list[Citation] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)
    timings_ms: dict[str, float] = field(default_factory=dict)
    language: str = "vi"
    intent: str = "free"
    suggestions: list[Suggestion] = field(default_factory=list)
    page: PageInfo | None = None  # set when the question matches more plans than one answer holds

    def to_dict(self) -> dict[str, Any]:
        extra: dict[str, Any] = {}
        if self.suggestions:
            extra["suggestions"] = [s.to_dict() for s in self.suggestions]
        if self.page is not None:
            extra["page"] = self.page.to_dict()
        return {
            "status": self.status,
            "answer": self.answer,
            "citations": [c.to_dict() for c in self.citations],
            "facts": self.facts,
            "timings_ms": self.timings_ms,
            "language": self.language,
            "intent": self.intent,
            **extra,
        }
