"""What an intent is: which questions it takes (`detect`) and how it answers them (`answer`).

Every intent lives in its own module of this package and is registered once in `bot.intents.INTENTS`,
the list both question understanding and the pipeline read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from bot.answer import Answer
from bot.answerer import Answerer, Composer
from bot.render import Renderer
from bot.retrieval import HybridRetriever
from bot.understand import Query
from index.snapshot import IndexSnapshot


class Intent(Protocol):
    """One kind of question. `detect` scores a question (0 = not mine); the highest score wins."""

    name: str

    def detect(self, q: Query) -> float: ...

    def answer(self, ctx: AnswerContext, q: Query, doc_ids: set[str]) -> Answer: ...


@dataclass
class AnswerContext:
    """What an intent may read while answering one question."""

    snapshot: IndexSnapshot
    retriever: HybridRetriever
    answerer: Answerer  # fact lookups shared by several intents, and the free-text reader
    language: str = "vi"
    registry: Mapping[str, Intent] = field(default_factory=dict)

    @property
    def render(self) -> Renderer:
        return Renderer(self.language)

    def composer(self) -> Composer:
        return Composer(self.snapshot)

    def delegate(self, name: str, q: Query, doc_ids: set[str]) -> Answer:
        """Answer as another intent does (a target question whose indicator is unknown reads free text)."""
        return self.registry[name].answer(self, q, doc_ids)
