"""Put back the accents Tesseract gets wrong in the words a plan's facts hang on.

Tesseract's Vietnamese model often reads the right letters with a wrong accent ("phôi hợp" for
"phối hợp", "Hướng dân" for "Hướng dẫn", "nấm 2025" for "năm 2025", "chủ tn" for "chủ trì"). In
running prose that is only noise, but in a role word it changes a fact: "phôi hợp thực hiện chỉ
tiêu 2" no longer says "supports", and the duty verb left ("thực hiện") reads as the body carrying
the indicator, a wrong lead. So words Tesseract was unsure of are compared with two sources of
known pairs of words, by their letters without accents:

* the general vocabulary of plans: role and duty words, the words of a target ("vào năm 2026"),
  headings, and the words bodies' names are made of (the expansions of the standard abbreviations
  in `ingest.agencies`). Nothing here comes from a particular document;
* the document itself: a pair of words Tesseract read with confidence elsewhere in the same
  document ("tỉnh Bắc Hà" in the title repairs "Báo Bác Hà" in a duty), as names recur.

A word changes only when Tesseract was unsure of it, its pair has exactly one known spelling, and
its other neighbour does not confirm it as read (in "cơ quan sự nghiệp", "cơ quan" keeps "quan"
from becoming the "quân" of "quân sự"). Everything else stays as read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import pairwise
from typing import Protocol

from ingest.agencies import ABBREVIATIONS
from ingest.normalize import fold, fold_ascii

__all__ = ["KnownPairs", "OcrWord", "known_pairs", "repair_words"]

REPAIR_BELOW = 95.0  # a word Tesseract is at least this sure of is never changed
SURE_AT = 93.0  # both words of a pair this sure: the pair is a known spelling for the document

# The general vocabulary of plans, in phrases; "#" stands for any number ("năm 2026", "đạt 95%").
_PHRASES = [
    # role and duty words (ingest.roles reads leads and supports from them)
    "chủ trì thực hiện", "chủ trì, phối hợp với", "phối hợp với", "phối hợp thực hiện", "phối hợp triển khai",
    "cơ quan chủ trì", "cơ quan phối hợp", "đơn vị chủ trì", "đơn vị phối hợp", "là cơ quan đầu mối",
    "là cơ quan thường trực", "phụ trách", "chịu trách nhiệm chính", "tham gia thực hiện", "hỗ trợ thực hiện",
    "hướng dẫn triển khai", "hướng dẫn thực hiện", "tổ chức thực hiện", "tổ chức triển khai", "chỉ đạo thực hiện",
    "theo dõi, tổng hợp", "tổng hợp, báo cáo", "báo cáo kết quả", "kết quả thực hiện", "đề nghị", "giao cho",
    "đôn đốc", "kiểm tra, giám sát", "tham mưu", "thực hiện các chỉ tiêu", "thực hiện chỉ tiêu",
    # structure and targets (ingest.structure, ingest.numbers)
    "chỉ tiêu #", "các chỉ tiêu", "mục tiêu #", "mục tiêu chung", "mục tiêu cụ thể", "chỉ tiêu cụ thể",
    "nhiệm vụ và giải pháp", "nhiệm vụ, giải pháp", "tổ chức thực hiện", "kinh phí thực hiện", "kế hoạch số",
    "vào năm #", "đến năm #", "trong năm #", "năm #", "đạt #", "tỷ lệ", "tỷ số", "giai đoạn #", "trước ngày #",
    "ngày # tháng # năm #", "hằng năm", "hàng năm",
    # headers
    "ủy ban nhân dân", "hội đồng nhân dân", "cộng hòa xã hội chủ nghĩa việt nam", "độc lập - tự do - hạnh phúc",
    "chủ tịch", "phó chủ tịch",
    # words bodies' names are made of
    "ban chỉ huy quân sự", "bộ chỉ huy quân sự", "công an", "trung tâm y tế", "trung tâm phục vụ hành chính công",
    "văn phòng", "hội liên hiệp phụ nữ", "đoàn thanh niên", "liên đoàn lao động", "hội nông dân", "hội cựu chiến binh",
    "ủy ban mặt trận tổ quốc việt nam", "y tế", "nội vụ", "tư pháp", "tài chính", "xây dựng", "công thương",
    "ngoại vụ", "thanh tra", "kinh tế", "hạ tầng", "đô thị", "văn hóa - xã hội", "dân tộc và tôn giáo",
    "nông nghiệp và môi trường", "khoa học và công nghệ", "giáo dục và đào tạo", "lao động - thương binh và xã hội",
    *ABBREVIATIONS.values(),
    *(f"{head} {name}" for name in ABBREVIATIONS.values() for head in ("sở", "phòng")),
]
_PUNCT = ".,;:!?()[]\"'“”‘’-–…"
_NUMBER_RE = re.compile(r"^\d[\d.,/%‰]*$")
# Letter shapes Tesseract confuses: "chủ tn", "chủ tnì" for "chủ trì" ("ri" and "r" read as "n").
_CONFUSIONS = (("rn", "m"), ("r", "n"), ("ni", "n"))
# "năm" before a number is a year whatever Tesseract's confidence ("vào nam 2026" read at 95%):
# no other word of that shape stands there ("Việt Nam 2026" is protected by its own known pair).
_ANY_CONFIDENCE = {("nam", "#")}


class OcrWord(Protocol):
    text: str
    conf: float


def _core(text: str) -> tuple[str, str, str]:
    """(leading punctuation, the word, trailing punctuation)."""
    start = len(text) - len(text.lstrip(_PUNCT))
    end = len(text.rstrip(_PUNCT))
    if end <= start:
        return text, "", ""
    return text[:start], text[start:end], text[end:]


def _shape(word: str) -> str:
    """The word's letters without accents or case, with letter pairs Tesseract confuses merged
    and stray marks inside it dropped ("nã¡m")."""
    if word == "#" or _NUMBER_RE.match(word):
        return "#"
    out = "".join(ch for ch in fold_ascii(word) if ch.isalnum())
    for a, b in _CONFUSIONS:
        out = out.replace(a, b)
    return out


def _exact(word: str) -> str:
    return "#" if _NUMBER_RE.match(word) else fold(word)


class KnownPairs:
    """Known spellings of pairs of adjacent words, by their shape (letters without accents)."""

    def __init__(self) -> None:
        # shape -> {matching form -> the pair as written}
        self._by_shape: dict[tuple[str, str], dict[tuple[str, str], tuple[str, str]]] = {}
        self._exact: set[tuple[str, str]] = set()

    def add(self, first: str, second: str) -> None:
        if not first or not second or (first == "#" and second == "#"):
            return
        exact = (_exact(first), _exact(second))
        self._by_shape.setdefault((_shape(first), _shape(second)), {}).setdefault(exact, (first, second))
        self._exact.add(exact)

    def add_words(self, words: Sequence[str]) -> None:
        cores = [_core(w)[1] for w in words]
        for a, b in pairwise(cores):
            self.add(a, b)

    def over(self, other: KnownPairs) -> KnownPairs:
        """These pairs, and `other`'s where these have no pair of that shape: the general
        vocabulary wins over what one document read (a sure misreading, "Quần sự", included)."""
        out = KnownPairs()
        out._by_shape = {**other._by_shape, **self._by_shape}
        out._exact = {exact for spellings in out._by_shape.values() for exact in spellings}
        return out

    def is_known(self, first: str, second: str) -> bool:
        return (_exact(first), _exact(second)) in self._exact

    def spelling(self, first: str, second: str) -> tuple[str, str] | None:
        """The one known spelling of a pair shaped like (first, second), if there is exactly one."""
        found = self._by_shape.get((_shape(first), _shape(second)))
        if not found or len(found) != 1:
            return None
        return next(iter(found.values()))


def _lexicon() -> KnownPairs:
    pairs = KnownPairs()
    for phrase in _PHRASES:
        pairs.add_words(phrase.replace(",", " ").replace(" - ", " ").split())
    return pairs


LEXICON = _lexicon()


def known_pairs(words: Iterable[OcrWord]) -> KnownPairs:
    """The pairs of adjacent words Tesseract read with confidence: known spellings for the document."""
    pairs = KnownPairs()
    prev: OcrWord | None = None
    for w in words:
        if prev is not None and prev.conf >= SURE_AT and w.conf >= SURE_AT:
            a, b = _core(prev.text)[1], _core(w.text)[1]
            if any(c.isalpha() for c in a) and any(c.isalpha() for c in b) and len(a) + len(b) >= 4:
                pairs.add(a, b)
        prev = w
    return pairs


def _recase(like: str, word: str) -> str:
    if len(like) > 1 and like.isupper():
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word.lower()


def _confirmed(known: KnownPairs, other: str, word: str, word_is_first: bool) -> bool:
    """`word` and its other neighbour make a known pair."""
    if not other:
        return False
    return known.is_known(other, word) if word_is_first else known.is_known(word, other)


def repair_words(words: Sequence[OcrWord], known: KnownPairs) -> int:
    """Respell, in place, the unsure words of `words` (one page or document, in reading order)
    whose pair with a neighbour has one known spelling. Returns how many words changed."""
    cores = [_core(w.text)[1] for w in words]
    changed = 0
    for i in range(len(words) - 1):
        a, b = cores[i], cores[i + 1]
        if not a or not b or known.is_known(a, b):
            continue
        spelling = known.spelling(a, b)
        if spelling is None:
            continue
        fixes: list[tuple[int, str]] = []
        for k, want in ((i, spelling[0]), (i + 1, spelling[1])):
            if _exact(want) == _exact(cores[k]):
                continue
            other = (cores[k - 1] if k > 0 else "") if k == i else (cores[k + 1] if k + 1 < len(cores) else "")
            first = k == i
            if (words[k].conf >= REPAIR_BELOW and (_shape(a), _shape(b)) not in _ANY_CONFIDENCE) or (
                _confirmed(known, other, cores[k], first) and not _confirmed(known, other, want, first)
            ):
                # A sure word, or one its other neighbour confirms as read ("cơ quan sự nghiệp"
                # is not "quân sự"): leave the pair.
                fixes = []
                break
            fixes.append((k, want))
        for k, want in fixes:
            lead, core, trail = _core(words[k].text)
            cores[k] = _recase(core, want)
            words[k].text = lead + cores[k] + trail
            changed += 1
    return changed
