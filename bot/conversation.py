"""Per-conversation memory for follow-up questions."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from bot.understand import Query


@dataclass
class Conversation:
    """What a follow-up ("còn chỉ tiêu 15 thì sao?") needs from the previous turns."""

    last: Query | None = None
    doc_id: str | None = None  # a document the user scoped the conversation to
    updated_at: float = field(default_factory=time.time)
    turns: int = 0

    def remember(self, query: Query) -> None:
        self.last = query
        self.turns += 1
        self.updated_at = time.time()

    def reset(self) -> None:
        self.last = None
        self.doc_id = None
        self.turns = 0
