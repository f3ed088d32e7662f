"""Question cues shared by several intents, matched on the folded (no diacritics, lower-case) question."""

from __future__ import annotations

import re

OWNER_RE = re.compile(
    r"\b(ai|co quan nao|don vi nao|so nao|nganh nao|ben nao|phong nao|chu tri|phu trach?|phu trac|dam nhiem|"
    r"giao cho|thuoc ve|trach nhiem cua|"
    r"who|which (?:agency|department|body|office|organi[sz]ation)|owns?|owner|responsible|in charge|leads?)\b"
)
BODY_LIST_RE = re.compile(
    r"(nhung chi tieu|cac chi tieu|chi tieu nao|chi tieu gi|duoc giao|giao chi tieu|which indicators|"
    r"what indicators|indicators (?:does|do|is|are)|indicators? (?:owned|led)|responsible for|\blead\b|\bleads\b)"
)
DUTY_RE = re.compile(r"\b(nhiem vu|trach nhiem|phai lam gi|lam gi|duties|tasks|responsibilit(?:y|ies)|role)\b")
TARGET_RE = re.compile(
    r"\b(bao nhieu|muc tieu|dat bao nhieu|dat muc|ty le|target|goal|how much|what (?:level|percentage|rate)|"
    r"percent|phan tram|%)\b|%"
)
TEXT_RE = re.compile(r"\b(la gi|noi dung|noi gi|ve gi|what is|what does|say|says|about what|text of)\b")
INDICATOR_WORD_RE = re.compile(r"\b(chi tieu|indicator|target|muc tieu)\b")


def about_indicator(q_folded: str, indicator: int | None) -> bool:
    """The question names an indicator: by number, or says "chỉ tiêu" / "indicator"."""
    return indicator is not None or "chi tieu" in q_folded or "indicator" in q_folded
