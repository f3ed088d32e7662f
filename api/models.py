"""Request and response bodies of the HTTP API (kept apart: what clients send is not what they get)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

CONVERSATION_ID_PATTERN = r"^[A-Za-z0-9_-]{8,64}$"


# ---------------------------------------------------------------- requests


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # The configurable limit (PLANQA_MAX_QUESTION_CHARS) is checked by the service with a clearer
    # message; this hard cap only keeps absurd input out of validation.
    question: str = Field(max_length=100_000, description="The question, in Vietnamese or English.")
    conversation_id: str | None = Field(
        default=None,
        pattern=CONVERSATION_ID_PATTERN,
        description="Send back the id from an earlier answer to ask a follow-up in the same conversation.",
    )
    doc_id: str | None = Field(default=None, max_length=200, description="Only answer from this document.")
    page: int = Field(
        default=1,
        ge=1,
        le=10_000,
        description="When an answer says more plans match than it covers (`page.next`), ask the same question "
        "again with `page` set to `page.next` for the next plans.",
    )


class FeedbackRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    answer_id: str = Field(pattern=r"^[0-9a-f]{32}$", description="`answer_id` of the rated answer.")
    rating: Literal["up", "down"]
    comment: str | None = Field(default=None, max_length=2000)


# ---------------------------------------------------------------- responses


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorResponse(BaseModel):
    error: ErrorDetail


class CitationOut(BaseModel):
    model_config = ConfigDict(extra="allow")

    citation_id: str | None = Field(description="Pass to GET /v1/sources/{ref} to see the quoted passage.")
    doc_id: str
    source: str
    title: str | None
    doc_number: str | None
    section: str
    quote: str
    excerpt: str | None = Field(
        default=None, description="The quote cut at a sentence or item end for a compact view, with …"
    )
    page: int | None
    char_start: int
    char_end: int
    chunk_id: str | None = None
    place: str | None = None


class SuggestionOut(BaseModel):
    kind: Literal["place", "level", "year"]
    label: str = Field(description="Short text for a button or quick reply, with the number of plans it keeps.")
    question: str = Field(description="The narrower question to ask when the suggestion is chosen.")
    documents: int = Field(description="How many of the matching plans that question answers for.")


class PageOut(BaseModel):
    number: int = Field(description="This page, from 1.")
    size: int = Field(description="Plans per answer (PLANQA_PLANS_PER_ANSWER).")
    total_documents: int = Field(description="Plans whose facts match the question.")
    pages: int
    documents: list[str] = Field(description="Ids of the plans this page answers for, most recent first.")
    next: int | None = Field(description="Send as `page` with the same question for the next plans; null on the last.")


class AskResponse(BaseModel):
    """`planqa ask --json` output plus the ids a client needs for follow-ups and feedback."""

    model_config = ConfigDict(extra="allow")

    status: Literal["answered", "not_found"]
    answer: str
    citations: list[CitationOut]
    facts: dict[str, Any] = Field(default_factory=dict)
    timings_ms: dict[str, float] = Field(default_factory=dict)
    language: str = "vi"
    intent: str = "free"
    conversation_id: str
    answer_id: str
    suggestions: list[SuggestionOut] = Field(
        default_factory=list,
        description="Narrower questions (by place, level or year) offered when the question matches many plans.",
    )
    page: PageOut | None = Field(
        default=None, description="Set when the question matches more plans than one answer covers."
    )


class DocumentOut(BaseModel):
    model_config = ConfigDict(extra="allow")

    doc_id: str
    source: str | None = None
    title: str | None = None
    doc_number: str | None = None
    place: str | None = None
    doc_type: str | None = None
    date: str | None = None


class DocumentsResponse(BaseModel):
    documents: list[DocumentOut]


class UploadResponse(BaseModel):
    source: str = Field(description="The stored file name (safe, with the detected format's extension).")
    format: str
    doc_ids: list[str] = Field(
        description="Ids of the new document(s); empty when the content was already indexed."
    )
    status: Literal["added", "replaced", "unchanged"] = Field(
        description="`replaced` when a file of the same name was uploaded before."
    )


class DeleteResponse(BaseModel):
    deleted: str


class Highlight(BaseModel):
    start: int
    end: int


class SourceResponse(BaseModel):
    model_config = ConfigDict(extra="allow")

    ref: str
    chunk_id: str
    doc_id: str
    source: str
    section: str
    text: str
    char_start: int
    char_end: int
    highlight: Highlight | None = Field(description="The quoted span, as offsets into `text`.")


class FeedbackResponse(BaseModel):
    id: int
    rating: Literal["up", "down"]


class HealthResponse(BaseModel):
    status: Literal["ok"]


class ReadyResponse(BaseModel):
    status: Literal["ready", "loading", "failed"]
    documents: int | None = None
    error: ErrorDetail | None = None
