"""Thumbs up/down on answers, kept in SQLite with the question, answer and citations they rate.

One row per answer: voting again on the same answer updates the row.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

Rating = Literal["up", "down"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY,
    answer_id TEXT NOT NULL UNIQUE,
    conversation_id TEXT NOT NULL,
    rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
    comment TEXT,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    status TEXT NOT NULL,
    doc_id TEXT,
    citations_json TEXT NOT NULL,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL
)
"""


@dataclass(frozen=True)
class AnsweredQuestion:
    """What was asked and answered, remembered for a while so feedback can refer to it by id."""

    answer_id: str
    conversation_id: str
    question: str
    doc_id: str | None
    answer: dict[str, Any]  # Answer.to_dict()


class FeedbackStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._ready = False
        self._lock = threading.Lock()

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, timeout=10)
        if not self._ready:
            with self._lock:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                connection.execute("PRAGMA journal_mode=WAL")
                connection.execute(_SCHEMA)
                connection.commit()
                self._ready = True
        return connection

    def record(self, asked: AnsweredQuestion, rating: Rating, comment: str | None) -> int:
        """Store (or update) the vote on one answer; returns the row id."""
        now = time.time()
        answer = asked.answer
        row = (
            asked.answer_id,
            asked.conversation_id,
            rating,
            comment,
            asked.question,
            answer.get("answer", ""),
            answer.get("status", ""),
            asked.doc_id,
            json.dumps(answer.get("citations", []), ensure_ascii=False),
            now,
            now,
        )
        connection = self._connect()
        try:
            with connection:
                cursor = connection.execute(
                    """INSERT INTO feedback (answer_id, conversation_id, rating, comment, question, answer,
                           status, doc_id, citations_json, created_at, updated_at)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                       ON CONFLICT(answer_id) DO UPDATE SET
                           rating = excluded.rating,
                           comment = COALESCE(excluded.comment, feedback.comment),
                           updated_at = excluded.updated_at
                       RETURNING id""",
                    row,
                )
                return int(cursor.fetchone()[0])
        finally:
            connection.close()

    def all(self) -> list[dict[str, Any]]:
        connection = self._connect()
        try:
            connection.row_factory = sqlite3.Row
            return [dict(r) for r in connection.execute("SELECT * FROM feedback ORDER BY id")]
        finally:
            connection.close()
