"""Legacy Vietnamese encodings: TCVN3 (ABC, the ".Vn…" fonts) and VNI (the "VNI-…" fonts).

Before Unicode, Vietnamese offices typed with 8-bit fonts: the bytes are ordinary Latin-1 / Windows-1252
code points, and only the font draws them as Vietnamese letters. Such text reaches us as bytes in a
.txt file or as mojibake inside DOCX runs and .doc text ("KÕ ho¹ch", "Keá hoaïch"). We convert it:

- TCVN3 is one byte per letter (0xA1-0xFE). Its ".VnTimeH"-style fonts draw lowercase codes as capitals,
  so text set in them is upper-cased, and so are TCVN3 lines typed with capitals only.
- VNI writes a base letter followed by one byte holding its marks ("a" + "ø" = "à").

Which encoding a text is in is decided by what reads as Vietnamese: the candidate with the most
Vietnamese letters and the fewest stray symbols wins, and legacy decoding must beat the text as it is
by a clear margin.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from ingest.syllables import is_syllable

__all__ = [
    "best_reading",
    "convert",
    "decode_legacy_bytes",
    "font_encoding",
    "from_tcvn3",
    "from_vni",
    "legacy_candidates",
    "tcvn3_text",
    "upper_lowercase_runs",
    "vietnamese_score",
]

# TCVN 5712:1993 VN3: the byte values of the letters, as the Latin-1 characters they arrive as.
_TCVN3_LETTERS = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB0: "\u0300", 0xB1: "\u0309", 0xB2: "\u0303", 0xB3: "\u0301", 0xB4: "\u0323",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}  # fmt: skip
_TCVN3_TABLE = {chr(code): letter for code, letter in _TCVN3_LETTERS.items()}

# VNI: the mark byte after a base letter (lowercase forms; capitals are 0x20 lower), as
# (modifier, tone) combining marks. Letters with their own byte are in _VNI_LETTERS.
_VNI_MARKS = {
    "ù": ("", "\u0301"), "ø": ("", "\u0300"), "û": ("", "\u0309"), "õ": ("", "\u0303"), "ï": ("", "\u0323"),
    "â": ("\u0302", ""), "á": ("\u0302", "\u0301"), "à": ("\u0302", "\u0300"), "å": ("\u0302", "\u0309"),
    "ã": ("\u0302", "\u0303"), "ä": ("\u0302", "\u0323"),
    "ê": ("\u0306", ""), "é": ("\u0306", "\u0301"), "è": ("\u0306", "\u0300"), "ú": ("\u0306", "\u0309"),
    "ü": ("\u0306", "\u0303"), "ë": ("\u0306", "\u0323"),
}  # fmt: skip
_VNI_MARKS.update({k.upper(): v for k, v in list(_VNI_MARKS.items())})
_VNI_LETTERS = {
    "ô": "ơ", "ö": "ư", "ñ": "đ", "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ",
}  # fmt: skip
_VNI_LETTERS.update({k.upper(): v.upper() for k, v in list(_VNI_LETTERS.items())})
_VNI_BASES = set("aeiouyAEIOUYơưƠƯ")
_VNI_CIRCUMFLEX_BASES = set("aeoAEO")

_TOKENS = re.compile(r"\w+|[^\w\s]")
_WORD = re.compile(r"([^\W\d_]+)")


def from_tcvn3(text: str, *, upper: bool = False) -> str:
    """TCVN3 text (its bytes read as Latin-1 characters) to Unicode NFC.

    >>> from_tcvn3("KÕ ho¹ch thùc hiÖn")
    'Kế hoạch thực hiện'
    >>> from_tcvn3("kÕ ho¹ch", upper=True)
    'KẾ HOẠCH'
    """
    out = unicodedata.normalize("NFC", "".join(_TCVN3_TABLE.get(ch, ch) for ch in text))
    return out.upper() if upper else out


def from_vni(text: str) -> str:
    """VNI text (its bytes read as Windows-1252 characters) to Unicode NFC.

    >>> from_vni("Keá hoaïch thöïc hieän")
    'Kế hoạch thực hiện'
    >>> from_vni("ÑIEÀU 1. Ñoái töôïng")
    'ĐIỀU 1. Đối tượng'
    """
    out: list[str] = []
    for ch in text:
        prev = out[-1] if out else ""
        mark = _VNI_MARKS.get(ch)
        if mark is not None and prev and _base_letter(prev) in _VNI_BASES:
            modifier, tone = mark
            if modifier == "\u0302" and _base_letter(prev) not in _VNI_CIRCUMFLEX_BASES:
                out.append(_VNI_LETTERS.get(ch, ch))
                continue
            if modifier == "\u0306" and _base_letter(prev) not in "aA":
                out.append(_VNI_LETTERS.get(ch, ch))
                continue
            out[-1] = unicodedata.normalize("NFC", unicodedata.normalize("NFD", prev) + modifier + tone)
            continue
        out.append(_VNI_LETTERS.get(ch, ch))
    return unicodedata.normalize("NFC", "".join(out))


def _base_letter(ch: str) -> str:
    """The letter without tone marks, keeping horn (ơ, ư): what VNI marks attach to."""
    if ch in "ơưƠƯ":
        return ch
    return unicodedata.normalize("NFD", ch)[0] if ch else ""


def upper_caps_lines(text: str) -> str:
    """Restore capitals TCVN3 cannot encode: a capital toned letter has no code of its own and is
    typed as the lowercase one, so "KẾ HOẠCH" comes out as "Kế HOạCH". A word is upper-cased when
    its plain letters are all capitals and there are two of them, or when it is one capital next to
    a word set in capitals.

    >>> upper_caps_lines("KT. CHủ TịCH\\nKế HOạCH\\nSố: 27/KH-UBND; Sở GD&ĐT; Tỷ lệ")
    'KT. CHỦ TỊCH\\nKẾ HOẠCH\\nSố: 27/KH-UBND; Sở GD&ĐT; Tỷ lệ'
    """
    return "\n".join(_restore_line(line) for line in text.split("\n"))


_COLUMN_GAP = re.compile(r"( {2,}|\t+)")
_MAX_CAPS_RUN_WORDS = 12


def tcvn3_text(text: str) -> str:
    """TCVN3 text (bytes read as Latin-1) to Unicode, with the capitals its fonts drew restored."""
    return upper_lowercase_runs(upper_caps_lines(from_tcvn3(text)))


def upper_lowercase_runs(text: str) -> str:
    """Restore runs typed for a capitals font (".VnTimeH"): the bytes hold lowercase letters only and
    the font draws capitals, so a heading "II. TỔ CHỨC THỰC HIỆN" arrives as "ii. tổ chức thực hiện".

    A run is a line or one column of it (columns are separated by two or more spaces, as a text
    export of a two-column header or signature block writes them). It is taken for capitals when it
    has no capital letter, is short, does not end like running text ("," ";" "."), and does not
    continue a sentence: Vietnamese running text starts each sentence with a capital, so a lowercase
    line right after a line that does not end a sentence is a wrapped continuation and is left alone.

    >>> upper_lowercase_runs("kế hoạch\\nii. tổ chức thực hiện\\nNơi nhận:     kt. chủ tịch")
    'KẾ HOẠCH\\nII. TỔ CHỨC THỰC HIỆN\\nNơi nhận:     KT. CHỦ TỊCH'
    >>> upper_lowercase_runs("Các phòng xây dựng kế hoạch\\ntriển khai thực hiện")
    'Các phòng xây dựng kế hoạch\\ntriển khai thực hiện'
    >>> upper_lowercase_runs("3. ủy ban nhân dân các xã")
    '3. Ủy ban nhân dân các xã'
    """
    out: list[str] = []
    previous = ""  # the last column of the last non-blank line, as restored
    blank_before = previous_columns = False
    for line in text.split("\n"):
        parts = _COLUMN_GAP.split(line)
        columns = sum(1 for p in parts[::2] if p.strip())
        # A blank line or a column layout ends a paragraph as surely as a full stop does.
        after_sentence = (not previous or previous.rstrip()[-1] in ".:;!?" or _is_caps_run(previous)
                          or blank_before or previous_columns)
        for i in range(0, len(parts), 2):
            part = parts[i]
            first = not any(q.strip() for q in parts[:i:2])
            # The first column continues the previous line's sentence; other columns stand alone.
            if _lowercase_run(part) and ((columns > 1 and not first) or after_sentence):
                parts[i] = _restore_run(part)
        fixed = "".join(parts)
        out.append(fixed)
        blank_before = not fixed.strip()
        if fixed.strip():
            previous = _COLUMN_GAP.split(fixed.strip())[-1]
            previous_columns = columns > 1
    return "\n".join(out)


_ARABIC_ITEM = re.compile(r"^(\s*\d+(?:\.\d+)*[.)]\s+)([^\W\d_])(.*)$", re.S)


def _restore_run(part: str) -> str:
    """The run in capitals; but an arabic-numbered item is written in sentence case ("3. Ủy ban …"),
    and only its first letter lost its capital, because toned capitals have no TCVN3 code."""
    item = _ARABIC_ITEM.match(part)
    if item and not item.group(2).isascii():
        return item.group(1) + item.group(2).upper() + item.group(3)
    return part.upper()


def _lowercase_run(part: str) -> bool:
    stripped = part.strip()
    if not any(c.isalpha() for c in stripped) or any(c.isupper() for c in stripped):
        return False
    if stripped[-1] in ",;." or len(stripped.split()) > _MAX_CAPS_RUN_WORDS:
        return False
    # An e-mail or a web address stays as it is.
    return not any(mark in stripped for mark in ("@", "://", "www."))


def _is_caps_run(text: str) -> bool:
    return any(c.isalpha() for c in text) and not any(c.islower() for c in text)


def _restore_line(line: str) -> str:
    parts = _WORD.split(line)  # words at odd indexes
    words = parts[1::2]
    fixed = list(words)
    for i, word in enumerate(words):
        if not _typed_in_capitals(word):
            continue
        plain = sum(1 for c in word if c.isascii() and c.isalpha())
        neighbours = [fixed[i - 1]] if i > 0 else []
        neighbours += [words[i + 1]] if i + 1 < len(words) else []
        if plain >= 2 or any(_set_in_capitals(n) for n in neighbours):
            fixed[i] = word.upper()
    parts[1::2] = fixed
    return "".join(parts)


def _typed_in_capitals(word: str) -> bool:
    """Capitals for its plain letters, lowercase for some coded letter: "HOạCH", "Kế"."""
    return (any(c.isascii() and c.isupper() for c in word) and not any(c.isascii() and c.islower() for c in word)
            and any(not c.isascii() and c.islower() for c in word))


def _set_in_capitals(word: str) -> bool:
    """A real word in capitals ("BAN", "HOẠCH", "HOạCH"), not an abbreviation ("UBND")."""
    if any(c.isascii() and c.islower() for c in word) or not any(c.isalpha() for c in word):
        return False
    return (len(word) >= 2 or not word.isascii()) and is_syllable(word.upper())


def vietnamese_score(text: str) -> float:
    """How much `text` reads as Vietnamese: words with Vietnamese letters that are real syllables
    count for it; other such words, stray symbols and lone combining marks count against it.

    >>> vietnamese_score("Kế hoạch thực hiện") > vietnamese_score("KÕ ho¹ch thùc hiÖn")
    True
    >>> vietnamese_score("ấốốố") < 0  # one "word" with four tones is not Vietnamese
    True
    """
    score = 0.0
    for token in _TOKENS.findall(unicodedata.normalize("NFC", text)):
        if token.isascii():
            continue
        if len(token) == 1 and not token.isalnum():
            if unicodedata.category(token)[0] in "SMC" or token in "¡¿«»":
                score -= 3  # "¸", "¹", a mark with nothing to sit on: legacy bytes read as Latin-1
            continue
        score += 2 if is_syllable(token) else -3
    return score


def best_reading(text: str, candidates: Iterable[tuple[str, str]]) -> tuple[str, str]:
    """(name, text) of the candidate that reads best as Vietnamese; `text` itself ("as is") unless a
    legacy reading is clearly better."""
    best_name, best_text, best_score = "as is", text, vietnamese_score(text)
    for name, candidate in candidates:
        score = vietnamese_score(candidate)
        # A clear margin, and a few real words at least: a handful of letters proves nothing.
        if score > best_score + max(3.0, 0.02 * len(text)) and score >= 6:
            best_name, best_text, best_score = name, candidate, score
    return best_name, best_text


def legacy_candidates(text: str) -> list[tuple[str, str]]:
    """TCVN3 and VNI readings of Unicode text that holds legacy-font mojibake (only Latin-1 range)."""
    if not any("\u00a0" <= ch <= "\u00ff" for ch in text):
        return []
    # Letters beyond Latin-1 (ă, đ, ơ, ư, ế ...) cannot come out of an 8-bit font: this is Unicode.
    if sum(1 for ch in text if "\u0100" <= ch <= "\u01b0" or "\u1ea0" <= ch <= "\u1ef9") >= 3:
        return []
    return [("TCVN3", tcvn3_text(text)), ("VNI", from_vni(text))]


def decode_legacy_bytes(data: bytes) -> list[tuple[str, str]]:
    """TCVN3 and VNI readings of raw bytes, for a text file that is not UTF-8."""
    return [
        ("TCVN3", tcvn3_text(data.decode("latin-1"))),
        ("VNI", from_vni(data.decode("cp1252", errors="replace"))),
    ]


def font_encoding(font: str | None) -> tuple[str | None, bool]:
    """(encoding, capitals) a legacy font name implies: ".VnTimeH" -> ("TCVN3", True),
    "VNI-Times" -> ("VNI", False), "Times New Roman" -> (None, False).

    >>> font_encoding(".VnArialH"), font_encoding("VNI-Helve"), font_encoding("Arial")
    (('TCVN3', True), ('VNI', False), (None, False))
    """
    if not font:
        return None, False
    name = font.strip()
    if name.startswith(".Vn"):
        return "TCVN3", name.endswith("H")  # ".VnTimeH", ".VnArialH": the capitals-only fonts
    if name.upper().startswith("VNI-") or name.upper().startswith("VNI "):
        return "VNI", False
    return None, False


def convert(text: str, encoding: str | None, *, upper: bool = False) -> str:
    if encoding == "TCVN3":
        return from_tcvn3(text, upper=upper)
    if encoding == "VNI":
        out = from_vni(text)
        return out.upper() if upper else out
    return text
