"""Vietnamese numbers, targets by year, and lists of indicator numbers.

In Vietnamese "98,5" is ninety-eight point five and "1.000" is one thousand.
"""

from __future__ import annotations

import re

from ingest.model import Target
from ingest.normalize import collapse_ws

_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"


def parse_number(text: str) -> float | None:
    """Parse a Vietnamese-formatted number.

    >>> parse_number("98,5"), parse_number("1.000"), parse_number("99,80")
    (98.5, 1000.0, 99.8)
    """
    s = text.strip()
    if not re.fullmatch(_NUM, s):
        return None
    return float(s.replace(".", "").replace(",", "."))


_VALUE_RE = re.compile(
    rf"(?P<qual>≥|≤|>|<|trên|dưới|tối thiểu|tối đa|ít nhất|xuống còn|xuống|lên|đạt|là|còn)?\s*"
    rf"(?P<num>{_NUM})\s*(?P<unit>%|‰|/\s?100\.000|/\s?1\.000|\s?triệu|\s?tỷ)?",
    re.IGNORECASE,
)
_BASELINE_RE = re.compile(r"so với\s*(?:cùng kỳ\s*)?$", re.IGNORECASE)
_YEAR_RE = re.compile(r"(?:vào|đến|trong|tới|đến hết)?\s*năm\s+(\d{4})((?:\s*(?:,|và)\s*(?:năm\s+)?\d{4})*)")


def parse_targets(text: str) -> list[Target]:
    """Targets by year in an indicator's text.

    >>> [(t.year, t.value, t.unit) for t in parse_targets("đạt 80% vào năm 2025 và 90% vào năm 2030")]
    [(2025, 80.0, '%'), (2030, 90.0, '%')]
    >>> [(t.year, t.value) for t in parse_targets("đạt ≥ 95% vào năm 2025 và 2030")]
    [(2025, 95.0), (2030, 95.0)]
    >>> [(t.year, t.value, t.unit) for t in parse_targets("Phấn đấu 95% trẻ em dưới 1 tuổi được tiêm chủng vào năm 2025")]
    [(2025, 95.0, '%')]
    """
    targets: list[Target] = []
    prev_end = 0
    for ym in _YEAR_RE.finditer(text):
        if _BASELINE_RE.search(text, max(0, ym.start() - 12), ym.start() + 1):
            continue  # "giảm 10% so với năm 2022": 2022 is the baseline, not the target's year
        years = [int(ym.group(1))] + [int(y) for y in re.findall(r"\d{4}", ym.group(2) or "")]
        window_start = prev_end
        window = text[window_start : ym.start()]
        # The value of a year is the last number stated before it (and after the previous year).
        values = [v for v in _VALUE_RE.finditer(window)
                  if not _is_year_like(v.group("num"), v.group("unit")) and not _AGE_RE.match(window, v.end())]
        prev_end = ym.end()
        if not values:
            continue
        v = values[-1]
        unit = collapse_ws(v.group("unit") or "").replace(" ", "")
        phrase_start = window.rfind(";", 0, v.start()) + 1
        phrase = collapse_ws(text[window_start + phrase_start : ym.end()]).strip(" ,;")
        for year in years:
            targets.append(
                Target(
                    year=year,
                    value=parse_number(v.group("num")),
                    unit=unit,
                    qualifier=(v.group("qual") or "").lower(),
                    text=phrase,
                )
            )
    return targets


# "trẻ em dưới 1 tuổi", "dưới 6 tháng tuổi": an age names who is counted, never the target's value.
_AGE_RE = re.compile(r"\s*(?:tháng\s+)?tuổi\b", re.IGNORECASE)


def _is_year_like(num: str, unit: str | None) -> bool:
    return not unit and re.fullmatch(r"(19|20)\d\d", num) is not None


# "chỉ tiêu 1, 2, 3", "các chỉ tiêu 5 - 7", "từ chỉ tiêu 5 đến chỉ tiêu 7", "chỉ tiêu 1, 2 và từ 5 đến 7"
_MENTION_RE = re.compile(
    r"(?:từ\s+)?(?:các\s+)?(?:nhóm\s+)?chỉ\s+tiêu\s*(?:số\s*|thứ\s+)?(?::\s*|\(\s*)?(?=\d)", re.IGNORECASE
)
_TOKEN_RE = re.compile(
    r"\s*(\d{1,3}(?![\d%‰.]\d|[\wÀ-ỹ%‰])|[,;\-–)]|(?:và|đến|tới|từ|chỉ\s+tiêu|số)(?![\wÀ-ỹ]))", re.IGNORECASE
)


def indicator_mentions(text: str) -> list[tuple[int, int, list[int]]]:
    """Each mention of indicator numbers in `text`: (start, end, numbers).

    >>> [m[2] for m in indicator_mentions("thực hiện chỉ tiêu 1, 2 và từ 5 đến 7; chỉ tiêu 9")]
    [[1, 2, 5, 6, 7], [9]]
    >>> [m[2] for m in indicator_mentions("các chỉ tiêu 3 - 5 của Chương trình")]
    [[3, 4, 5]]
    """
    out: list[tuple[int, int, list[int]]] = []
    pos = 0
    while True:
        m = _MENTION_RE.search(text, pos)
        if not m:
            return out
        numbers: list[int] = []
        i = m.end()
        end = i
        pending_range = False
        while True:
            t = _TOKEN_RE.match(text, i)
            if not t:
                break
            tok = t.group(1).lower()
            i = t.end()
            if tok.isdigit():
                n = int(tok)
                if pending_range and numbers and 0 < n - numbers[-1] <= 60:
                    numbers.extend(range(numbers[-1] + 1, n + 1))
                else:
                    numbers.append(n)
                pending_range = False
                end = i
            elif tok in ("-", "–", "đến", "tới"):
                pending_range = True
            elif tok in (";", ")"):
                break
        if numbers:
            out.append((m.start(), end, list(dict.fromkeys(numbers))))
        pos = max(end, m.end())
