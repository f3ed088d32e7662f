"""Vietnamese word segmentation and the tokens the lexical (BM25) index is built from.

Vietnamese writes words as space-separated syllables ("trẻ em" is one word, "child"), so a
whitespace split would index syllables and lose most of the meaning BM25 can use. pyvi's CRF
segmenter joins the syllables of a word with "_" ("trẻ_em").

Documents and queries go through exactly the same `lexical_tokens`, so whatever it does to one
it does to the other.

Diacritics-free variants
------------------------
Officials often type on a phone without diacritics ("chi tieu 14 do ai phu trach"). For each
word we therefore emit, besides the exact (accented, lowercased) form, its ASCII-folded form,
and for multi-syllable words also each folded syllable:

>>> lexical_tokens("Trẻ em")
['trẻ_em', 'tre_em', 'tre', 'em']

The folded syllables are there because pyvi segments unaccented text differently: it gives
"trẻ_em" for "trẻ em" but leaves "tre em" as two words, so a folded compound alone would miss.
The cost is that folded syllables are ambiguous ("ban" is bàn, bán, bạn, bản, ban); BM25's IDF
keeps common ones cheap, and a query typed with diacritics still scores highest on documents
that match its exact forms, because those forms are extra terms only such documents share.
Forms are de-duplicated per word, so an ASCII word such as "14" yields one token.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from typing import Any

__all__ = [
    "TOKENIZER_VERSION",
    "fold_diacritics",
    "lexical_tokens",
    "normalize_text",
    "normalize_tone_marks",
    "segment",
]

# Saved lexical indexes record this; bump it whenever `lexical_tokens` changes its output, so an
# index built with the old tokens is refused instead of silently matching nothing.
TOKENIZER_VERSION = 1

_pyvi_lock = threading.Lock()
_pyvi_tokenize: Any = None


def _pyvi() -> Any:
    """pyvi's `ViTokenizer.tokenize`, imported on first use (importing pyvi takes about a second)."""
    global _pyvi_tokenize
    if _pyvi_tokenize is None:
        with _pyvi_lock:
            if _pyvi_tokenize is None:
                from pyvi import ViTokenizer

                _pyvi_tokenize = ViTokenizer.tokenize
    return _pyvi_tokenize


# Two spellings of the same syllable coexist: tone mark on the first vowel of a final "oa",
# "oe", "uy" ("hòa", "khỏe", "thủy") or on the second ("hoà", "khoẻ", "thuỷ"). We rewrite to
# the second style because pyvi's dictionary uses it ("cấp uỷ", "bão hoà"). Only syllable-final
# diphthongs differ between the styles ("hoàn", "toán" are the same in both).
_TONED = {
    "a": "àáảãạ",
    "e": "èéẻẽẹ",
    "y": "ỳýỷỹỵ",
}
_FIRST_VOWEL_TONED = {"a": "òóỏõọ", "e": "òóỏõọ", "y": "ùúủũụ"}
_BASE = {"a": "o", "e": "o", "y": "u"}


def _build_tone_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for second, toned_first in _FIRST_VOWEL_TONED.items():
        for tone, first in enumerate(toned_first):
            table[first + second] = _BASE[second] + _TONED[second][tone]
            table[(first + second).upper()] = (_BASE[second] + _TONED[second][tone]).upper()
            table[first.upper() + second] = _BASE[second].upper() + _TONED[second][tone]
    return table


_TONE_TABLE = _build_tone_table()
# "qu" + "y" is a consonant + vowel, not the diphthong "uy": "quý" must not change, so a preceding q/Q
# excludes the match ("qúy", a typing slip, is mended by _QU_RE below).
_TONE_RE = re.compile(
    "(?<![qQ])(" + "|".join(sorted(map(re.escape, _TONE_TABLE), key=len, reverse=True)) + r")(?![^\W\d_])"
)


# "Qũy", "qúy": the tone typed on the "u" of "qu", which is part of the consonant; it belongs on the "y".
# "qúy" -> "quý", "QŨY" -> "QUỸ".
_QU_TONED: dict[str, str] = {}
for _tone, _u in enumerate(_FIRST_VOWEL_TONED["y"]):
    _QU_TONED[_u + "y"] = "u" + _TONED["y"][_tone]
    _QU_TONED[(_u + "y").upper()] = ("u" + _TONED["y"][_tone]).upper()
_QU_RE = re.compile(r"(?<=[qQ])(" + "|".join(_QU_TONED) + r")(?![^\W\d_])")


def normalize_tone_marks(text: str) -> str:
    """Put the tone mark of a syllable-final "oa", "oe", "uy" on its second vowel (pyvi's style),
    and the tone of "quy" on its "y" however it was typed.

    >>> normalize_tone_marks("Cộng hòa, Ủy ban, khỏe, quý, hoàn thành, Qũy, QŨY, quỳnh")
    'Cộng hoà, Uỷ ban, khoẻ, quý, hoàn thành, Quỹ, QUỸ, quỳnh'
    """
    text = unicodedata.normalize("NFC", text)
    text = _QU_RE.sub(lambda m: _QU_TONED[m.group(1)], text)
    return _TONE_RE.sub(lambda m: _TONE_TABLE[m.group(1)], text)


_WHITESPACE_RE = re.compile(r"\s+")


def normalize_text(text: str) -> str:
    """NFC, one tone-mark style, whitespace (including PDF hard line breaks) collapsed to one space.

    Collapsing line breaks matters: pyvi treats "Phấn\\nđấu" as the tokens "Phấn" and "\\n_đấu".

    >>> normalize_text("Mục  tiêu\\nchung của Ủy ban")
    'Mục tiêu chung của Uỷ ban'
    """
    return _WHITESPACE_RE.sub(" ", normalize_tone_marks(text)).strip()


def segment(text: str, *, lowercase: bool = True) -> str:
    """Word-segment Vietnamese text with pyvi, joining a word's syllables with "_".

    Segmentation runs on the original case (pyvi's model uses capitalisation as a feature);
    lowercasing, when asked, happens afterwards.

    >>> segment("Đăng ký khai sinh cho trẻ em")
    'đăng_ký khai_sinh cho trẻ_em'
    """
    normalized = normalize_text(text)
    if not normalized:
        return ""
    segmented: str = _pyvi()(normalized)
    return segmented.lower() if lowercase else segmented


def fold_diacritics(text: str) -> str:
    """Remove Vietnamese diacritics: "trẻ_em" -> "tre_em", "đường" -> "duong", "Đ" -> "D".

    "đ" is a separate letter, not "d" plus a combining mark, so Unicode decomposition leaves it
    alone; it is mapped explicitly.

    >>> fold_diacritics("Đăng ký khai sinh cho trẻ em")
    'Dang ky khai sinh cho tre em'
    """
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def _is_word(token: str) -> bool:
    # Punctuation, "%", "|", "**", LaTeX debris: no letter or digit, nothing to match on.
    return any(ch.isalnum() for ch in token)


def lexical_tokens(text: str) -> list[str]:
    """Tokens for BM25: segmented, lowercased words plus their diacritics-free forms.

    One-letter words ("ở", "ý") are kept and no stopword list is applied: Vietnamese function
    words are short and frequent, so BM25's IDF already weighs them down, and an English list
    would be wrong here. See the module docstring for why the folded forms are there.

    >>> lexical_tokens("Chỉ tiêu 14 ở Bình Sơn?")
    ['chỉ_tiêu', 'chi_tieu', 'chi', 'tieu', '14', 'ở', 'o', 'bình_sơn', 'binh_son', 'binh', 'son']
    """
    tokens: list[str] = []
    for word in segment(text).split(" "):
        word = word.strip("_")
        if not _is_word(word):
            continue
        forms = [word]
        folded = fold_diacritics(word)
        if folded != word:
            forms.append(folded)
        if "_" in folded:
            forms.extend(syllable for syllable in folded.split("_") if _is_word(syllable))
        tokens.extend(dict.fromkeys(forms))  # de-duplicated, order kept
    return tokens
