"""Comparison forms of text for scoring: what counts as "the same words" in the evaluation.

Everything the harness compares (answers against patterns, passages against gold passages, body
names against expected bodies) goes through `fold` first, so a score never depends on NFC versus
NFD, old- or new-style tone marks, dash variants, case or line breaks from PDF extraction.
This module is deliberately independent of `ingest.normalize`: the yardstick must not move when
the product's own normalizer changes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_DASH_TABLE = str.maketrans(dict.fromkeys(_DASHES, "-"))
_SPACED_DASH = re.compile(r"\s*-\s*")
_WS = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^0-9a-z]+")


def strip_marks(text: str) -> str:
    """Remove Vietnamese diacritics and map đ/Đ to d/D, keeping everything else.

    >>> strip_marks("Đăng ký khai sinh")
    'Dang ky khai sinh'
    """
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", bare.replace("đ", "d").replace("Đ", "D"))


def collapse_ws(text: str) -> str:
    """Collapse every run of whitespace (line breaks included) to one space.

    >>> collapse_ws("Hướng dẫn, thực\\nhiện  chỉ tiêu 14")
    'Hướng dẫn, thực hiện chỉ tiêu 14'
    """
    return _WS.sub(" ", text).strip()


def fold(text: str) -> str:
    """The comparison form: NFC, diacritics folded, lowercase, dashes unified, whitespace collapsed.

    >>> fold("Sở Lao động – Thương binh\\nvà Xã hội")
    'so lao dong - thuong binh va xa hoi'
    >>> fold("Sở Lao động-Thương binh và Xã hội") == fold("Sở Lao động - Thương binh và Xã hội")
    True
    """
    text = strip_marks(unicodedata.normalize("NFC", text)).lower().translate(_DASH_TABLE)
    return collapse_ws(_SPACED_DASH.sub(" - ", text))


def fold_regex(pattern: str) -> str:
    """Fold a regular expression's letters without touching its syntax (no lowercasing: \\D != \\d).

    >>> fold_regex(r"98[,.]5\\s*%")
    '98[,.]5\\\\s*%'
    >>> fold_regex("khai sinh|Đăng ký")
    'khai sinh|Dang ky'
    """
    return strip_marks(unicodedata.normalize("NFC", pattern)).translate(_DASH_TABLE)


def matches(text: str, pattern: str) -> bool:
    """Whether `text` satisfies one dataset pattern.

    A plain pattern is a substring test on the folded forms; a pattern starting with "re:" is a
    regular expression searched (case-insensitively) in the folded text; a pattern starting with
    "body:" names a body and matches however the text writes it (see `body_key`).

    >>> matches("Chỉ tiêu 14 do Sở Tư pháp chủ trì", "so tu PHAP")
    True
    >>> matches("Phòng LĐ-TBXH chủ trì", "body:Phòng Lao động - Thương binh và Xã hội")
    True
    >>> matches("đạt 98,5% vào năm 2025", r"re:98[,.]5\\s*%")
    True
    >>> matches("đạt 198,5%", r"re:\\b98[,.]5")
    False
    """
    if pattern.startswith("re:"):
        return re.search(fold_regex(pattern[3:]), fold(text), flags=re.IGNORECASE) is not None
    if pattern.startswith("body:"):
        return f" {body_key(pattern[5:])} " in f" {body_key(text)} "
    return fold(pattern) in fold(text)


def matches_any(texts: Iterable[str], pattern: str) -> bool:
    """Whether any one of `texts` satisfies `pattern`.

    >>> matches_any(["Sở Y tế", "Sở Tư pháp"], "tu phap")
    True
    """
    return any(matches(t, pattern) for t in texts)


# Abbreviations of body names that the documents use interchangeably with the full names.
# Applied to folded text, longest first, so "ld - tbxh" does not leave a stray "ld".
_BODY_ALIASES: tuple[tuple[str, str], ...] = (
    ("lao dong - tb&xh", "lao dong thuong binh va xa hoi"),
    ("lao dong tb&xh", "lao dong thuong binh va xa hoi"),
    ("ld - tbxh", "lao dong thuong binh va xa hoi"),
    ("ld - tb&xh", "lao dong thuong binh va xa hoi"),
    ("ldtbxh", "lao dong thuong binh va xa hoi"),
    ("gd&dt", "giao duc va dao tao"),
    ("gddt", "giao duc va dao tao"),
    ("giao duc - dao tao", "giao duc va dao tao"),
    ("vh&tt", "van hoa va thong tin"),
    ("vhttdl", "van hoa the thao va du lich"),
    ("vh, tt&dl", "van hoa the thao va du lich"),
    ("tt&tt", "thong tin va truyen thong"),
    ("hoi lhpn", "hoi lien hiep phu nu"),
    ("hoi dong nhan dan", "hdnd"),
    ("uy ban nhan dan", "ubnd"),
    ("nong nghiep va phat trien nong thon", "nn&ptnt"),
    ("nn & ptnt", "nn&ptnt"),
    ("nn&ptnt", "nong nghiep va phat trien nong thon"),
    ("tai nguyen va moi truong", "tn&mt"),
    ("tn & mt", "tn&mt"),
    ("tn&mt", "tai nguyen va moi truong"),
)


def body_key(name: str) -> str:
    """A matching key for a body's name: folded, abbreviations expanded, punctuation dropped.

    >>> body_key("Sở LĐ-TBXH") == body_key("Sở Lao động – Thương binh và Xã hội")
    True
    >>> body_key("Phòng GD&ĐT")
    'phong giao duc va dao tao'
    >>> body_key("Sở Văn hoá, Thể thao và Du lịch") == body_key("Sở VHTTDL")
    True
    >>> body_key("Văn phòng HĐND và UBND xã") == body_key("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã")
    True
    >>> body_key("Phòng NN&PTNT") == body_key("Phòng Nông nghiệp và Phát triển nông thôn")
    True
    """
    key = fold(name)
    for short, full in _BODY_ALIASES:
        key = key.replace(short, full)
    return collapse_ws(_NON_WORD.sub(" ", key))
