"""Per-user conversation memory and the chat commands.

Sessions are bounded (least recently used go first) and expire after a quiet period. They are
keyed by a keyed hash of the channel and user id, so the raw user ids are never kept here.

With a shared state (Redis, api.state) a session is also stored there as JSON after each message
and read back before the next, so whichever worker gets a user's next message continues it.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from bot.answer import Citation
from bot.conversation import Conversation
from core.cache import BoundedCache
from ingest.normalize import fold_ascii

if TYPE_CHECKING:
    from api.state import SharedState

CommandName = Literal["help", "documents", "choose", "new", "source"]

HELP_TEXT = (
    "Tôi trả lời câu hỏi về các kế hoạch, chương trình đã nạp, kèm nguồn trích dẫn.\n"
    "Ví dụ: “Chỉ tiêu 14 do cơ quan nào chủ trì?”\n\n"
    "Lệnh:\n"
    "/tailieu – xem danh sách tài liệu\n"
    "/chon <số hoặc tên> – chỉ hỏi trong một tài liệu\n"
    "/moi – bắt đầu cuộc trò chuyện mới\n"
    "xem nguồn <số> – đọc nguyên văn đoạn được trích\n"
    "/help – hướng dẫn này"
)

_COMMANDS: dict[str, CommandName] = {
    "help": "help", "start": "help", "huongdan": "help", "trogiup": "help",
    "tailieu": "documents", "tai-lieu": "documents", "docs": "documents",
    "chon": "choose", "chọn": "choose",
    "moi": "new", "mới": "new", "new": "new", "reset": "new",
}
# "xem nguồn 1", "xem nguon 1", "nguồn [2]", "xem nguồn số 3" (matched on folded text).
_SOURCE = re.compile(r"^\s*(?:xem\s+)?nguon\s*(?:so\s*)?\[?\s*(\d{1,3})\s*\]?\s*[.!?]*\s*$")


@dataclass(frozen=True)
class Command:
    name: CommandName
    argument: str = ""


def parse_command(text: str) -> Command | None:
    """A command, or None for a question.

    >>> parse_command("/chon 12/KH-UBND"), parse_command("Xem nguồn 2"), parse_command("Chỉ tiêu 14?")
    (Command(name='choose', argument='12/KH-UBND'), Command(name='source', argument='2'), None)
    """
    stripped = text.strip()
    if stripped.startswith("/"):
        head, _, rest = stripped[1:].partition(" ")
        name = _COMMANDS.get(head.split("@", 1)[0].lower(), _COMMANDS.get(fold_ascii(head), "help"))
        return Command(name, rest.strip())
    match = _SOURCE.match(fold_ascii(stripped))
    if match:
        return Command("source", match.group(1))
    return None


def hash_user(key: bytes, channel: str, user_id: str) -> str:
    """A stable pseudonym for a user on a channel (keyed SHA-256, 32 hex characters)."""
    return hmac.new(key, f"{channel}:{user_id}".encode(), hashlib.sha256).hexdigest()[:32]


@dataclass
class ChatSession:
    conversation: Conversation = field(default_factory=Conversation)
    last_citations: list[Citation] = field(default_factory=list)
    documents: list[dict[str, Any]] = field(default_factory=list)  # the last /tailieu listing
    # One message of a user at a time: follow-ups depend on the previous answer.
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    def reset(self) -> None:
        self.conversation.reset()
        self.last_citations = []

    def to_json(self) -> dict[str, Any]:
        return {"conversation": self.conversation.to_json(),
                "last_citations": [c.to_dict() for c in self.last_citations], "documents": self.documents}

    def restore(self, data: dict[str, Any]) -> None:
        """Take the stored state of this session (the lock stays this process's)."""
        self.conversation = Conversation.from_json(data["conversation"])
        self.last_citations = [Citation(**c) for c in data.get("last_citations") or []]
        self.documents = list(data.get("documents") or [])


class SessionStore:
    def __init__(self, key: bytes, max_sessions: int, ttl_seconds: float, state: SharedState | None = None) -> None:
        self._key = key
        self._sessions = BoundedCache[str, ChatSession](max_sessions, ttl_seconds)
        self._ttl = ttl_seconds
        self._state = state if state is not None and state.shared else None

    def user_key(self, channel: str, user_id: str) -> str:
        return hash_user(self._key, channel, user_id)

    def get(self, user_key: str) -> ChatSession:
        session, _ = self._sessions.get_or_create(user_key, ChatSession)
        return session

    def load(self, user_key: str) -> ChatSession:
        """The session, refreshed from the shared state when there is one (another worker may have
        answered this user's previous message)."""
        session = self.get(user_key)
        if self._state is not None:
            stored = self._state.get_json(f"session:{user_key}")
            if isinstance(stored, dict):
                session.restore(stored)
            else:
                session.reset()
                session.documents = []
        return session

    def save(self, user_key: str, session: ChatSession) -> None:
        if self._state is not None:
            self._state.put_json(f"session:{user_key}", session.to_json(), self._ttl)

    def __len__(self) -> int:
        return len(self._sessions)
