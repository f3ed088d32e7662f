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

# Words that ask rather than name what is asked about.
STOP_WORDS = set(
    "ai nao gi la bao nhieu co cua ve do duoc the nhu sao thi con nhung cac mot hay hoac khong phai "
    "ke hoach chuong trinh quyet dinh van ban theo trong cho voi tu lay gom bao liet ke ten ra "
    "and or the a an of in on for to is are was what which who whom how many much does do did plan plans "
    "document documents please tell me show list all its their this that these those".split()
)


def content_words(folded: str) -> set[str]:
    """The folded words of a question that name something (not question words, not numbers)."""
    return {w for w in re.findall(r"[a-z]+", folded) if w not in STOP_WORDS and len(w) > 1}
