"""The event stream of POST /v1/ask/stream.

    event: delta       data: {"text": "..."}          pieces of the answer text, in order
    event: citations   data: {"citations": [...]}     the citations, numbered by position (1-based)
    event: done        data: {...}                    the full response, as POST /v1/ask returns it

Concatenating the `text` of every delta gives exactly the answer text.
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator, Iterator
from typing import Any

import anyio
from fastapi.sse import format_sse_event

_PIECE = re.compile(r"\s*\S+\s*|\s+")


def answer_pieces(text: str, min_chars: int = 24) -> Iterator[str]:
    """Split `text` at whitespace into pieces of at least `min_chars` (the last may be shorter).

    >>> list(answer_pieces("Chỉ tiêu 14 do Sở Tư pháp chủ trì.", min_chars=10))
    ['Chỉ tiêu 14 ', 'do Sở Tư pháp ', 'chủ trì.']
    """
    piece = ""
    for word in _PIECE.findall(text):
        piece += word
        if len(piece) >= min_chars:
            yield piece
            piece = ""
    if piece:
        yield piece


def event(name: str, data: dict[str, Any]) -> bytes:
    return format_sse_event(event=name, data_str=json.dumps(data, ensure_ascii=False))


async def answer_events(body: dict[str, Any]) -> AsyncIterator[bytes]:
    """The events for one answer `body` (the POST /v1/ask response)."""
    for piece in answer_pieces(body["answer"]):
        yield event("delta", {"text": piece})
        await anyio.sleep(0)  # let each piece go out on its own and notice a client that left
    yield event("citations", {"citations": body["citations"]})
    yield event("done", body)


SSE_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
