"""Vietnamese word segmentation (pyvi) for lexical search: "trẻ em" -> "trẻ_em"."""

from __future__ import annotations

import re
import threading
from typing import Any

from ingest.normalize import fold_ascii, nfc

_lock = threading.Lock()
_tokenizer: Any = None


def _pyvi() -> Any:
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                from pyvi import ViTokenizer  # slow import, so only when first needed

                _tokenizer = ViTokenizer
    return _tokenizer


_PUNCT_RE = re.compile(r"[^\w\s%‰/.,]|(?<!\d)[.,]|[.,](?!\d)", re.UNICODE)


def segment(text: str) -> str:
    """pyvi-segmented, lowercased NFC text with punctuation removed.

    >>> segment("Trẻ em được đăng ký khai sinh.")  # doctest: +SKIP
    'trẻ_em được đăng_ký khai_sinh'
    """
    cleaned = _PUNCT_RE.sub(" ", nfc(text))
    return " ".join(str(_pyvi().tokenize(cleaned)).lower().split())


def lexical_tokens(segmented: str) -> list[str]:
    """Tokens for BM25: each segmented word, plus its form without diacritics when it differs,
    so a question typed without diacritics still matches.

    >>> lexical_tokens("trẻ_em ở")
    ['trẻ_em', 'tre_em', 'tre', 'em', 'ở', 'o']
    """
    out: list[str] = []
    for tok in segmented.split():
        out.append(tok)
        folded = fold_ascii(tok)
        if folded != tok:
            out.append(folded)
        if "_" in tok:
            # pyvi segments text typed without diacritics differently; syllables still match.
            out.extend(fold_ascii(s) for s in tok.split("_") if s)
    return out
