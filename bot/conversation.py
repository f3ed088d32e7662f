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
        last = _plain(asdict(self.last)) if self.last is not None else None
        return {"last": last, "doc_id": self.doc_id, "updated_at": self.updated_at, "turns": self.turns}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Conversation:
        """The conversation `to_json` gave (unknown keys, from another version, are ignored)."""
        return cls(_query(data["last"]) if data.get("last") else None, data.get("doc_id"),
                   float(data.get("updated_at") or time.time()), int(data.get("turns") or 0))


def _plain(value: Any) -> Any:
    """JSON-ready: sets become sorted lists (dataclasses are dicts already, by asdict)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _known(kind: type, data: dict[str, Any]) -> dict[str, Any]:
    """The fields of dataclass `kind` in `data`, with lists turned back into sets where it declares a set."""
    values = {}
    for f in fields(kind):
        if f.name in data:
            value = data[f.name]
            values[f.name] = set(value) if isinstance(value, list) and str(f.type).startswith("set[") else value
    return values


def _query(data: dict[str, Any]) -> Query:
    values = _known(Query, data)
    match = values.get("place_match")
    if match is not None:
        place = _known(PlaceMatch, match)
        place["notes"] = [PlaceNote(**_known(PlaceNote, note)) for note in place.get("notes") or []]
        values["place_match"] = PlaceMatch(**place)
    return Query(**values)
