"""Optional generative mode: an OpenAI-compatible chat model rephrases the extractive answer.

The model may only rephrase the retrieved evidence. Every sentence it writes must end with citation
markers [n], and `check_generated` verifies each sentence against the passages it cites: the numbers,
dates and body names it states must be in them. Anything that fails the check, errors or times out
falls back to the extractive answer, so a configured LLM can never make an answer less correct.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from bot.answer import Answer, Citation
from bot.settings import Settings
from bot.understand import Query
from ingest.agencies import agency_key, is_agency_start, names_in_text
from ingest.errors import PlanqaError
from ingest.normalize import collapse_ws, fold_ascii, latex_to_text, nfc
from ingest.numbers import parse_number


class GeneratorUnavailable(PlanqaError):
    """Generative mode is configured but cannot be set up (e.g. the `llm` extra is missing)."""


# --- the checker -----------------------------------------------------------------------------

_MARKER_RE = re.compile(r"\[\s*(\d+(?:\s*[,;]\s*\d+)*)\s*\]")
# A sentence ends at . ! ? … (perhaps closing a quotation, and with any markers right after it)
# followed by space, or at a line break.
_SENTENCE_END_RE = re.compile(
    r"(?:(?<=[.!?…])|(?<=[.!?…][\"”’)]))((?:\s*\[[\d\s,;]+\])*)(?:\s+|$)|\n+"
)
# Quotations and parentheses (breadcrumbs like "(I. MỤC TIÊU › 2. Mục tiêu cụ thể)") hold full stops
# that do not end the sentence around them.
_ENCLOSED_RE = re.compile(r"“[^”]*”|\"[^\"\n]*\"|\([^()]*\)")
_LATEX_RE = re.compile(r"\$([^$\n]{1,120})\$")
# "TP. Hà Nội": a dot after these does not end a sentence.
_ABBREV_DOT_RE = re.compile(r"(?:^|\s)(?:TP|Tp|TX|Tx|TT|Q|P|e\.g|i\.e|[Nn]o|St)\.$")
# Matched on folded text, hence "phan tram" (phần trăm).
_NUMBER_RE = re.compile(r"(?<![\w.,])(\d+(?:[.,]\d+)*)(?:\s*(%|phan tram|percent|‰))?(?!\w)")
_VI_THOUSANDS_RE = re.compile(r"\d{1,3}(?:\.\d{3})+")
_EN_NUMBER_RE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_MONTHS_EN = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], start=1)}
_MONTH_EN = "(?<![a-z])(" + "|".join(_MONTHS_EN) + ")(?![a-z])"
_ORD = r"(?:st|nd|rd|th)?"
# Dates are matched on the folded text (lowercase, no diacritics); groups are day, month, year.
_DATE_PATTERNS: list[tuple[re.Pattern[str], tuple[str, ...]]] = [
    (re.compile(r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})(?:\s+nam\s+(\d{4}))?"), ("d", "m", "y")),
    (re.compile(r"thang\s+(\d{1,2})\s*(?:nam\s+|/\s*)(\d{4})"), ("m", "y")),
    (re.compile(r"(?<![\d.,/])(\d{1,2})\s*/\s*(\d{1,2})(?:\s*/\s*(\d{4}))?(?![\d/])"), ("d", "m", "y")),
    (re.compile(r"(?<![\d.,])(\d{1,2})[.-](\d{1,2})[.-](\d{4})(?!\d)"), ("d", "m", "y")),
    (re.compile(rf"{_MONTH_EN}\s+(\d{{1,2}}){_ORD}(?:,?\s+(\d{{4}}))?(?!\d)"), ("M", "d", "y")),
    (re.compile(rf"(?<!\d)(\d{{1,2}}){_ORD}\s+(?:of\s+)?{_MONTH_EN}(?:,?\s+(\d{{4}}))?"), ("d", "M", "y")),
    (re.compile(rf"{_MONTH_EN}\s+(\d{{4}})"), ("M", "y")),
]

# Where a body's name ends in a generated sentence. Case-sensitive on purpose: words inside names
# are capitalised ("Ban Quản lý", "Sở Kế hoạch và Đầu tư"), predicates are not.
_NAME_END_RE = re.compile(
    r"\s+(?:phụ trách|chủ trì|phối hợp|thực hiện|đảm nhận|đảm nhiệm|chịu|giữ|làm|là|được|có|sẽ|cần|phải|"
    r"tham mưu|hướng dẫn|đôn đốc|theo dõi|báo cáo|tại|cho|của|về|đối với|"
    r"is|are|was|were|will|leads?|led|supports?|supported|owns?|owned|handles?|coordinates?|"
    r"and|with|for|in|as|by|to|on|at|of)(?=\s|$)|\s*\d|\s*[,;.:()\[\]]"
)
Date = tuple[int | None, int | None, int | None]  # day, month, year; None where the text leaves it out


def _norm(text: str) -> str:
    """Matching form for the check: NFC, LaTeX bits rendered, lowercase, no diacritics, whitespace collapsed."""
    # Quotes are cut from the original text, which may still hold converter LaTeX ("$\geq 95\%$").
    text = _LATEX_RE.sub(lambda m: latex_to_text(m.group(1)), nfc(text)).replace("\\%", "%")
    return collapse_ws(fold_ascii(text))


def split_sentences(text: str) -> list[str]:
    """Sentences of a generated answer, each keeping the markers written right after its full stop."""
    enclosed = [m.span() for m in _ENCLOSED_RE.finditer(text)]
    sentences: list[str] = []
    start = 0
    for m in _SENTENCE_END_RE.finditer(text):
        if any(a < m.start() < b for a, b in enclosed):
            continue
        markers = m.group(1)
        end = m.start() if markers is None else m.end(1)
        if markers == "" and _ABBREV_DOT_RE.search(text[start:end]):
            continue  # "TP. Hà Nội" goes on
        sentences.append(text[start:end])
        start = m.end()
    sentences.append(text[start:])
    # Fragments without a letter or digit ("", "—", a stray "[2]") are not sentences.
    return [s.strip() for s in sentences if re.search(r"\w", _MARKER_RE.sub("", s))]


def _markers(sentence: str) -> list[int]:
    return [int(n) for m in _MARKER_RE.finditer(sentence) for n in re.split(r"\s*[,;]\s*", m.group(1))]


def _dates(folded: str) -> tuple[list[Date], str]:
    """Dates in folded text, and the text with them blanked so their parts are not read as numbers."""
    found: list[Date] = []
    for pattern, roles in _DATE_PATTERNS:
        def take(m: re.Match[str], roles: tuple[str, ...] = roles) -> str:
            parts: dict[str, int | None] = {"d": None, "m": None, "y": None}
            for role, value in zip(roles, m.groups(), strict=True):
                if value is not None:
                    parts["m" if role == "M" else role] = _MONTHS_EN[value] if role == "M" else int(value)
            day, month = parts["d"], parts["m"]
            if (day is not None and not 1 <= day <= 31) or (month is not None and not 1 <= month <= 12):
                return m.group(0)  # "98/100" is a ratio, not a date
            found.append((day, month, parts["y"]))
            return " " * len(m.group(0))

        folded = pattern.sub(take, folded)
    return found, folded


def _number_values(token: str, *, english: bool) -> set[float]:
    """Values a number may mean: Vietnamese "98,5" / "1.000", and with `english` also "98.5" / "1,000"."""
    values = set()
    vi = parse_number(token)
    if vi is not None:
        values.add(vi)
    # "1.000" is one thousand in any language a plan answer is written in, never one.
    if (english or vi is None) and not _VI_THOUSANDS_RE.fullmatch(token) and _EN_NUMBER_RE.fullmatch(token):
        values.add(float(token.replace(",", "")))
    return values


def _numbers(folded: str, *, english: bool) -> list[tuple[str, set[float], bool]]:
    """(as written, possible values, is a percentage) for each number in date-free folded text."""
    out = []
    for m in _NUMBER_RE.finditer(folded):
        token = m.group(1)
        values = _number_values(token, english=english)
        if values:
            out.append((token, values, m.group(2) is not None and m.group(2) != "‰"))
    return out


def _date_supported(date: Date, evidence: list[Date]) -> bool:
    # "tháng 12/2024" is supported by "15/12/2024": every part the sentence states must agree.
    return any(all(s is None or s == e for s, e in zip(date, ev, strict=True)) for ev in evidence)


def _contains(haystack: str, needle: str) -> bool:
    return bool(needle) and re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", haystack) is not None


def _bodies(sentence: str) -> list[str]:
    """Names of bodies a sentence states, cut where the predicate starts."""
    names = []
    for _, _, found in names_in_text(sentence):
        # names_in_text stops at the verbs of plan documents; a rephrasing also uses others
        # ("Sở Y tế phụ trách ...", "Sở Tư pháp leads ...") that would otherwise end up in the name.
        cut = _NAME_END_RE.search(found)
        name = found[: cut.start()] if cut else found
        if len(name.split()) >= 2 and is_agency_start(name):
            names.append(name)
    return names


@dataclass(frozen=True)
class _Evidence:
    """What one citation lets a sentence state, in matching form."""

    text: str
    key_text: str  # agency_key form, so "Sở LĐ-TBXH" matches "Sở Lao động - Thương binh và Xã hội"
    numbers: list[tuple[set[float], bool]]
    dates: list[Date]


def _evidence(citation: Citation) -> _Evidence:
    # The section breadcrumb names the body a duty belongs to ("II. TỔ CHỨC THỰC HIỆN › 1. Sở Tư pháp"),
    # and the number/title/place name the document, so they are part of what the passage says.
    # The file name is not: its digits are no evidence of anything.
    raw = "\n".join(p for p in (citation.quote, citation.section, citation.doc_number, citation.title,
                                citation.place) if p)
    folded = _norm(raw)
    dates, rest = _dates(folded)
    # Passages are Vietnamese, so their numbers are read the Vietnamese way only.
    numbers = [(values, pct) for _, values, pct in _numbers(rest, english=False)]
    # "năm 2024" in a sentence is supported by a passage's "15/12/2024".
    numbers += [({float(part)}, False) for date in dates for part in date if part is not None]
    return _Evidence(folded, agency_key(raw), numbers, dates)


def _sentence_problems(sentence: str, cited: list[_Evidence]) -> list[str]:
    problems = []
    claim = _MARKER_RE.sub(" ", sentence)
    folded = _norm(claim)
    dates, rest = _dates(folded)
    for date in dates:
        if not _date_supported(date, [d for ev in cited for d in ev.dates]):
            problems.append(f"date {'/'.join(str(p) for p in date if p is not None)} is not in the cited passages")
    for token, values, pct in _numbers(rest, english=True):
        if not any(values & vals and (pct <= epct) for ev in cited for vals, epct in ev.numbers):
            problems.append(f"number {token}{'%' if pct else ''} is not in the cited passages")
    for name in _bodies(claim):
        if not any(_contains(ev.text, _norm(name)) or _contains(ev.key_text, agency_key(name)) for ev in cited):
            problems.append(f"body {name!r} is not in the cited passages")
    return problems


def check_generated(text: str, citations: Sequence[Citation]) -> list[str]:
    """Problems of a generated answer against its citations; an empty list means it may be shown.

    >>> c = Citation("d", "a.txt", None, "1/KH", "Sở Y tế", "Tỷ lệ tiêm chủng đạt 97,5%", None, 0, 1)
    >>> check_generated("Sở Y tế phụ trách tỷ lệ tiêm chủng 97,5% [1].", [c])
    []
    >>> check_generated("Sở Y tế phụ trách tỷ lệ tiêm chủng 95% [1].", [c])
    ['sentence 1: number 95% is not in the cited passages']
    """
    sentences = split_sentences(text)
    if not sentences:
        return ["the generated answer is empty"]
    evidence: dict[int, _Evidence] = {}
    problems: list[str] = []
    for i, sentence in enumerate(sentences, start=1):
        markers = _markers(sentence)
        if not markers:
            problems.append(f"sentence {i}: no citation marker")
            continue
        bad = [n for n in markers if not 1 <= n <= len(citations)]
        if bad:
            problems.append(f"sentence {i}: citation marker {bad[0]} is out of range 1..{len(citations)}")
            continue
        for n in markers:
            if n not in evidence:
                evidence[n] = _evidence(citations[n - 1])
        problems += [f"sentence {i}: {p}" for p in _sentence_problems(sentence, [evidence[n] for n in markers])]
    return problems


# --- the generator ---------------------------------------------------------------------------

_SYSTEM_PROMPT = """You rewrite answers about Vietnamese government plan documents.
Rules:
- Use ONLY the numbered evidence below. Do not add any fact, body, number or date that is not in it.
- Answer in {language}. Quotations from the documents stay in Vietnamese, exactly as written.
- Write names of bodies (Sở, Phòng, Ủy ban ...), document numbers, numbers and dates exactly as \
the evidence writes them; do not translate names of bodies.
- End EVERY sentence with the marker(s) of the evidence that supports it, like [1] or [1][2].
- Reply with the answer text only: no preamble, no headings, no markdown."""

_LANGUAGES = {"vi": "Vietnamese", "en": "English"}
_THINK_RE = re.compile(r"<think>.*?</think>", re.DOTALL | re.IGNORECASE)


def build_messages(q: Query, answer: Answer) -> list[tuple[str, str]]:
    """The chat messages for one rephrasing: rules, numbered evidence, the question and the draft."""
    blocks = []
    for n, c in enumerate(answer.citations, start=1):
        where = ", ".join(p for p in (c.doc_number, c.source, c.section) if p)
        blocks.append(f"[{n}] ({where})\n{c.quote}")
    user = (
        "Evidence:\n" + "\n\n".join(blocks)
        + f"\n\nQuestion: {q.text}\n\nDraft answer (correct, cited, but terse):\n{answer.answer}\n\n"
        + f"Rewrite the draft as a clear, short answer in {_LANGUAGES.get(q.language, 'Vietnamese')}."
    )
    system = _SYSTEM_PROMPT.format(language=_LANGUAGES.get(q.language, "Vietnamese"))
    return [("system", system), ("human", user)]


def _content_text(content: Any) -> str:
    # Chat models return a string, or a list of content parts for multimodal replies.
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(p if isinstance(p, str) else str(p.get("text", "")) for p in content if p)
    return str(content)


def _clean_reply(text: str) -> str:
    # Reasoning models (Qwen3, DeepSeek-R1 on Ollama/vLLM) prepend their thinking; line breaks are
    # kept because a line break ends a sentence for the checker.
    lines = (collapse_ws(line) for line in _THINK_RE.sub("", text).splitlines())
    return "\n".join(line for line in lines if line)


def _failure_reason(exc: Exception) -> str:
    name = type(exc).__name__
    if "timeout" in name.lower() or isinstance(exc, TimeoutError):
        return "timeout"
    return f"error: {name}: {collapse_ws(str(exc))[:200]}"


class Generator:
    """Rephrases extractive answers with an OpenAI-compatible chat endpoint, checked and with fallback."""

    def __init__(self, settings: Settings, llm: Any = None) -> None:
        self.settings = settings
        self.llm = llm if llm is not None else self._chat_model(settings)

    @staticmethod
    def _chat_model(settings: Settings) -> Any:
        try:
            from langchain_openai import ChatOpenAI
        except ImportError as exc:
            raise GeneratorUnavailable(
                f"generative mode (PLANQA_LLM_BASE_URL) needs langchain-openai, which is not installed; "
                f"install it with: pip install 'planqa[llm]' ({exc})"
            ) from exc
        # No retries: a failed call falls back to the extractive answer at once instead of
        # making the user wait for several timeouts. temperature 0 keeps rephrasings reproducible.
        llm = settings.bot.llm
        return ChatOpenAI(
            base_url=llm.base_url,
            model=llm.model or "default",
            api_key=llm.api_key,
            timeout=llm.timeout_s,
            max_retries=0,
            temperature=0,
        )

    def rephrase(self, q: Query, answer: Answer) -> Answer:
        """The answer in the model's words when they pass the check, else the extractive answer as it is."""
        if answer.status != "answered" or not answer.citations:
            return answer
        try:
            reply = self.llm.invoke(build_messages(q, answer))
            text = _clean_reply(_content_text(getattr(reply, "content", reply)))
            problems = check_generated(text, answer.citations)
        except Exception as exc:  # the extractive answer is always a correct reply, so never fail
            return _fallback(answer, _failure_reason(exc))
        if problems:
            return _fallback(answer, "check failed: " + "; ".join(problems[:3]))
        return replace(answer, answer=text, facts={**answer.facts, "generated": True})


def _fallback(answer: Answer, reason: str) -> Answer:
    return replace(answer, facts={**answer.facts, "generation_fallback": reason})
