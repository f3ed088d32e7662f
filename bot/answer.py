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
class Answer:
    status: Status
    answer: str
    citations: list[Citation] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)
    timings_ms: dict[str, float] = field(default_factory=dict)
    language: str = "vi"
    intent: str = "free"

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "answer": self.answer,
            "citations": [c.to_dict() for c in self.citations],
            "facts": self.facts,
            "timings_ms": self.timings_ms,
            "language": self.language,
            "intent": self.intent,
        }
