"""What a Vietnamese written syllable can look like: used to tell real words from the debris of
legacy-encoding mojibake or of OCR reading a stamp, a signature or scanner noise."""

from __future__ import annotations

import re
import unicodedata

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
# A syllable without its tone: onset, one to three vowels, coda.
_SYLLABLE = re.compile(
    r"^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
    r"[aăâeêioôơuưy]{1,3}"
    r"(ch|ng|nh|[cmnpt])?$"
)
_ABBREVIATION = re.compile(r"^[A-ZĐ][A-ZĐ0-9]*(?:[-&/][A-ZĐ0-9]+)*$")  # UBND, LĐ-TBXH, GD&ĐT
_NUMBER = re.compile(r"^[(\[]?[\d.,/%‰:;-]+[)\].,;:]?$")  # 6. 98,5% 2023-2030 15/12
_JOINED = re.compile(r"(?<=[^\W\d_])(?=[A-ZĐ])")


def is_syllable(word: str) -> bool:
    """A Vietnamese syllable, in any case, with at most one tone.

    >>> [is_syllable(w) for w in ("nghiêng", "Trường", "HỢP", "ấốốố", "xyz", "LĐ")]
    [True, True, True, False, False, False]
    """
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(1 for ch in decomposed if ch in _TONES)
    bare = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONES))
    return tones <= 1 and _SYLLABLE.match(bare) is not None


def is_plausible_token(token: str) -> bool:
    """A syllable (with the punctuation around it), a number or marker, or an abbreviation.

    >>> [is_plausible_token(t) for t in ("hợp,", "6.", "LĐ-TBXH", "(Sở", "Wh3~", "ƒ")]
    [True, True, True, True, False, False]
    """
    core = token.strip(".,;:!?()[]\"'“”-–")
    if not core:
        return token in ("-", "–", "+", "•")
    return bool(_NUMBER.match(core) or _ABBREVIATION.match(core) or all(is_syllable(p) for p in core.split("-") if p))


def split_joined_words(text: str) -> str:
    """Put back the space OCR sometimes loses between a word and a capitalised one ("SởY tế").
    Only where the left part is a whole syllable of at least two letters.

    >>> split_joined_words("2. SởY tế và SởGD&ĐT, McDonald")
    '2. Sở Y tế và Sở GD&ĐT, McDonald'
    """

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        parts = _JOINED.split(word)
        if len(parts) < 2 or len(parts[0]) < 2 or not is_syllable(parts[0]):
            return word
        return parts[0] + " " + "".join(parts[1:])

    return re.sub(r"\S+", fix, text)


_CODA = re.compile(r"^(ch|ng|nh|[cmnpt])$", re.IGNORECASE)


def join_split_syllables(text: str) -> str:
    """Join a syllable OCR cut before its final consonants ("DÂ N", "LĨ NH", "TỊ CH"): a lone final
    consonant is never a word, and the two parts together make one syllable in the same case.

    >>> join_split_syllables("ỦY BAN NHÂN DÂ N HUYỆN THANH LĨ NH, CHỦ TỊ CH; Sở Y tế; 27/KH-UBND")
    'ỦY BAN NHÂN DÂN HUYỆN THANH LĨNH, CHỦ TỊCH; Sở Y tế; 27/KH-UBND'
    """
    words = text.split(" ")
    out: list[str] = []
    for word in words:
        if out and _CODA.match(word.rstrip(".,;:")) and out[-1] and out[-1][-1].isalpha():
            joined = out[-1] + word
            bare = joined.rstrip(".,;:")
            if (bare.isupper() or bare.islower()) and is_syllable(bare.split("-")[-1].split("/")[-1]):
                out[-1] = joined
                continue
        out.append(word)
    return " ".join(out)
