"""Per-conversation memory for follow-up questions, and its JSON form (kept in the shared state,
api.state, when several workers serve one conversation)."""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from bot.places import PlaceMatch, PlaceNote
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

    def to_json(self) -> dict[str, Any]:
        last = asdict(self.last) if self.last is not None else None
        if last is not None and last.get("place_match") is not None:
            doc_ids = last["place_match"]["doc_ids"]
            last["place_match"]["doc_ids"] = sorted(doc_ids) if doc_ids is not None else None
        return {"last": last, "doc_id": self.doc_id, "updated_at": self.updated_at, "turns": self.turns}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Conversation:
        """The conversation `to_json` gave (unknown keys, from another version, are ignored)."""
        return cls(_query(data["last"]) if data.get("last") else None, data.get("doc_id"),
                   float(data.get("updated_at") or time.time()), int(data.get("turns") or 0))


def _query(data: dict[str, Any]) -> Query:
    known = {f.name for f in fields(Query)}
    values = {k: v for k, v in data.items() if k in known}
    match = values.get("place_match")
    if match is not None:
        values["place_match"] = PlaceMatch(
            list(match.get("names") or []),
            set(match["doc_ids"]) if match.get("doc_ids") is not None else None,
            match.get("unknown"),
            [PlaceNote(**note) for note in match.get("notes") or []],
        )
    return Query(**values)
