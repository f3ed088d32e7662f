"""The dialog every chat channel shares: commands, questions to the pipeline, replies for a phone.

`pipeline.ask` is synchronous CPU work, so it runs on a small thread pool: while one user's
answer is being computed (or sent), other users keep being answered.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import Executor
from typing import Any, Protocol, TypeVar

from api.channels.core.messages import (
    TEXT_LIMIT,
    format_answer,
    format_documents,
    format_source,
    split_message,
)
from api.channels.core.sessions import HELP_TEXT, ChatSession, SessionStore, parse_command
from api.holder import QAPipeline
from bot.answer import Answer
from bot.conversation import Conversation
from bot.errors import BadQuestion
from core.errors import NotReady, PlanqaError
from ingest.normalize import fold_ascii

log = logging.getLogger("planqa.chat")
T = TypeVar("T")

WELCOME_TEXT = "Xin chào! " + HELP_TEXT
NOT_READY_TEXT = "Hệ thống đang nạp dữ liệu, vui lòng hỏi lại sau ít phút."
FAILED_TEXT = "Xin lỗi, đã có lỗi khi trả lời câu hỏi này. Vui lòng thử lại sau."
BAD_QUESTION_TEXT = (
    "Xin lỗi, tôi chưa đọc được câu hỏi này. Hãy hỏi ngắn gọn bằng tiếng Việt về một kế hoạch, "
    "ví dụ: “Chỉ tiêu 14 do cơ quan nào chủ trì?”"
)
UNSUPPORTED_TEXT = {
    "image": "Xin lỗi, tôi chưa đọc được hình ảnh. Vui lòng gõ câu hỏi bằng chữ.",
    "sticker": "Cảm ơn bạn! Tôi chỉ trả lời được câu hỏi bằng chữ, ví dụ: “Chỉ tiêu 14 do cơ quan nào chủ trì?”",
    "file": "Xin lỗi, tôi chưa đọc được tệp gửi qua Zalo. Vui lòng gõ câu hỏi bằng chữ.",
    "unreadable": "Xin lỗi, tin nhắn này không đọc được. Vui lòng gõ câu hỏi bằng chữ.",
    "other": "Xin lỗi, tôi chỉ trả lời được tin nhắn bằng chữ. Vui lòng gõ câu hỏi của bạn.",
}


class AnswerSource(Protocol):
    """What chat channels need from the answering pipeline (called from worker threads).

    Both methods raise core.errors.NotReady while there is no pipeline to answer with.
    """

    def ask(self, question: str, conversation: Conversation | None, doc_id: str | None) -> Answer: ...

    def documents(self) -> list[dict[str, Any]]: ...


class PipelineSource:
    """Answers from the pipeline `get()` returns at each question: the app's (which raises NotReady
    while it loads), or one fixed pipeline (`PipelineSource.of`, as the polling worker uses)."""

    def __init__(self, get: Callable[[], QAPipeline]) -> None:
        self._get = get

    @classmethod
    def of(cls, pipeline: QAPipeline) -> PipelineSource:
        return cls(lambda: pipeline)

    def ask(self, question: str, conversation: Conversation | None, doc_id: str | None) -> Answer:
        return self._get().ask(question, conversation, doc_id)

    def documents(self) -> list[dict[str, Any]]:
        return self._get().documents()


class ChatEngine:
    def __init__(self, source: AnswerSource, sessions: SessionStore, executor: Executor,
                 log_messages: bool = False) -> None:
        self.source = source
        self.sessions = sessions
        self._executor = executor
        self._log_messages = log_messages

    async def reply(self, channel: str, user_key: str, text: str, limit: int = TEXT_LIMIT) -> list[str]:
        """The messages (each within `limit` characters) that answer `text` from the user `user_key`.

        The caller holds `sessions.get(user_key).lock` from before its first await until the
        last part is sent, so one user's messages are answered one at a time, in order, and the
        parts of two answers never interleave.
        """
        session = self.sessions.load(user_key)
        reply = await self._reply(session, channel, user_key, text)
        self.sessions.save(user_key, session)
        return split_message(reply, limit)

    async def _reply(self, session: ChatSession, channel: str, user_key: str, text: str) -> str:
        command = parse_command(text)
        fields: dict[str, Any] = {"channel": channel, "user": user_key}
        if self._log_messages:
            fields["text"] = text
        if command is None:
            log.info("question received", extra={"event": "chat_question", **fields})
            return await self._answer(session, text, fields)
        log.info("command received", extra={"event": "chat_command", "command": command.name, **fields})
        if command.name == "help":
            return HELP_TEXT
        if command.name == "new":
            session.reset()
            return "Đã bắt đầu cuộc trò chuyện mới. Bạn muốn hỏi gì?"
        if command.name == "source":
            return format_source(session.last_citations, int(command.argument))
        try:
            documents = await self._run(self.source.documents)
        except NotReady:
            return NOT_READY_TEXT
        if command.name == "documents":
            session.documents = documents
            return format_documents(documents, session.conversation.doc_id)
        return self._choose(session, documents, command.argument)

    async def _answer(self, session: ChatSession, question: str, fields: dict[str, Any]) -> str:
        try:
            answer = await self._run(lambda: self.source.ask(question, session.conversation, None))
        except NotReady:
            return NOT_READY_TEXT
        except BadQuestion:
            log.info("question rejected", extra={"event": "chat_bad_question", **fields})
            return BAD_QUESTION_TEXT
        except PlanqaError as exc:
            log.warning("question failed", extra={"event": "chat_answer_failed", "reason": exc.message, **fields})
            return FAILED_TEXT
        except Exception:
            log.exception("question failed", extra={"event": "chat_answer_failed", **fields})
            return FAILED_TEXT
        session.last_citations = list(answer.citations)
        log.info("question answered", extra={"event": "chat_answered", "status": answer.status,
                                               "intent": answer.intent, "citations": len(answer.citations),
                                               **fields})
        text = format_answer(answer)
        if answer.status == "not_found" and session.conversation.doc_id:
            text += "\n(Đang chỉ tìm trong một tài liệu; gõ /moi để tìm trong tất cả.)"
        return text

    def _choose(self, session: ChatSession, documents: list[dict[str, Any]], argument: str) -> str:
        if not argument:
            return "Gõ /chon kèm số thứ tự trong /tailieu hoặc số hiệu văn bản, ví dụ: /chon 1"
        listing = session.documents or documents
        chosen: list[dict[str, Any]]
        if argument.isdigit() and 1 <= int(argument) <= len(listing):
            chosen = [listing[int(argument) - 1]]
        else:
            chosen = match_documents(documents, argument)
        if not chosen:
            return f"Không tìm thấy tài liệu “{argument}”. Gõ /tailieu để xem danh sách."
        if len(chosen) > 1:
            session.documents = chosen
            return "Có nhiều tài liệu khớp; chọn một bằng /chon <số>:\n" + format_documents(chosen).split("\n", 1)[1]
        doc = chosen[0]
        session.conversation.doc_id = str(doc["doc_id"])
        session.last_citations = []
        label = format_documents([doc]).split("\n")[1].removeprefix("1. ")
        return f"Đã chọn: {label}\nCác câu hỏi tiếp theo chỉ tìm trong tài liệu này; gõ /moi để bỏ chọn."

    async def _run(self, work: Callable[[], T]) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._executor, work)


def match_documents(documents: list[dict[str, Any]], query: str) -> list[dict[str, Any]]:
    """Documents whose id or number equals `query`, else whose number, title, place or file contain it."""
    wanted = fold_ascii(query).strip()
    exact = [d for d in documents
             if wanted in (fold_ascii(str(d.get("doc_id") or "")), fold_ascii(str(d.get("doc_number") or "")))]
    if exact:
        return exact
    fields = ("doc_number", "title", "place", "source")
    return [d for d in documents if any(wanted in fold_ascii(str(d.get(f) or "")) for f in fields)]
