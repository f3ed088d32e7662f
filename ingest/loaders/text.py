"""Plain text and Markdown: decoding every encoding Vietnamese text files come in.

UTF-8 (BOM or not), UTF-16/32 (BOM, or UTF-16 recognised by its NUL bytes), and for files that are
not UTF-8 the best of Windows-1258, TCVN3 and VNI by what reads as Vietnamese.
"""

from __future__ import annotations

import re
import unicodedata

from ingest.errors import EmptyDocument, NotADocument
from ingest.loaders.base import LoadContext, is_real_table, table_block
from ingest.loaders.vnlegacy import best_reading, decode_legacy_bytes
from ingest.model import Block

_MAX_CONTROL_RATIO = 0.01  # share of control characters above which "text" is really binary


def decode_text(data: bytes, source: str, warnings: list[str] | None = None) -> str:
    """Decode a text file; raise NotADocument for binary data."""
    text = decode_with_bom(data)
    if text is None:
        text = _decode_utf16_without_bom(data)
    if text is None:
        if b"\0" in data:
            raise NotADocument(source, "looks like binary data, not text")
        text = try_decode(data, "utf-8")
    if text is None:
        text = _mostly_utf8(data)
    if text is None:
        return finish_text(_legacy(data, source, warnings), source)
    return finish_text(text, source, nfc=False)


def _legacy(data: bytes, source: str, warnings: list[str] | None) -> str:
    cp1258 = try_decode(data, "cp1258")
    # cp1258 writes tones as combining marks (e + U+0323); NFC gives the usual precomposed letters.
    base = unicodedata.normalize("NFC", cp1258) if cp1258 is not None else data.decode("latin-1")
    name, text = best_reading(base, decode_legacy_bytes(data))
    if name != "as is" and warnings is not None:
        warnings.append(f"text converted from the legacy {name} Vietnamese encoding")
    if name == "as is" and cp1258 is None:
        raise NotADocument(source, "is not readable text (not UTF-8, UTF-16, Windows-1258, TCVN3 or VNI)")
    return text


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few broken bytes (a bad copy-paste, a cut download), which would otherwise turn
    into Windows-1258 mojibake. Real legacy text is almost never valid UTF-8 beyond ASCII."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ch > "\x7f") - bad
    return text if good >= 10 * bad else None


def finish_text(text: str, source: str, *, nfc: bool = True) -> str:
    """Refuse binary, unify line ends; NFC for text decoded from legacy encodings, whose tones come
    as separate marks (Unicode text keeps its own form: quotes show the original)."""
    if control_ratio(text) > _MAX_CONTROL_RATIO:
        raise NotADocument(source, "looks like binary data, not text")
    if nfc:
        text = unicodedata.normalize("NFC", text)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_with_bom(data: bytes) -> str | None:
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe\0\0", "utf-32"),  # before UTF-16 LE, whose BOM is its prefix
        (b"\0\0\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            # A BOM is strong evidence: a damaged byte or a cut last character is replaced, not fatal.
            return data.decode(codec, errors="replace")
    return None


def _decode_utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without BOM: Vietnamese letters live below U+0100 or at U+1Exx, so one byte of
    each pair is mostly NUL (ASCII, Latin-1) while the other almost never is."""
    if len(data) < 4:
        return None
    even, odd = data[0::2], data[1::2]
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nul > 0.3 and even_nul < 0.05:
        return data.decode("utf-16-le", errors="replace")
    if even_nul > 0.3 and odd_nul < 0.05:
        return data.decode("utf-16-be", errors="replace")
    return None


def try_decode(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def control_ratio(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v")
    return bad / len(text)


def load_text(data: bytes, ctx: LoadContext) -> list[Block]:
    # The text as one block, downstream doing its own line analysis; only tables written as pipe
    # rows are cut out as tables.
    text = ctx.decoded if ctx.decoded is not None else decode_text(data, ctx.source, ctx.warnings)
    if not text.strip():
        raise EmptyDocument(ctx.source, "is empty")
    return text_blocks(text)


_PIPE_ROW_RE = re.compile(r"^[ \t]*\|.*\|[ \t]*$")
_RULE_ROW_RE = re.compile(r"^[ \t]*\|[\s:|-]*-[\s:|-]*\|[ \t]*$")  # Markdown's "|---|:--|"


def text_blocks(text: str) -> list[Block]:
    """Paragraph blocks, and a table block for each run of two or more pipe rows ("| a | b |") with
    two cells or more, as text exports, Markdown and portal copies write tables.

    >>> [(b.kind, b.rows or b.text) for b in text_blocks("Bảng:\\n| A | B |\\n| 1 | 2 |\\nHết.")]
    [('paragraph', 'Bảng:'), ('table', (('A', 'B'), ('1', '2'))), ('paragraph', 'Hết.')]
    """
    lines = text.split("\n")
    blocks: list[Block] = []
    start = 0
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _PIPE_ROW_RE.match(lines[j]):
            j += 1
        rows = [_pipe_cells(lines[k]) for k in range(i, j) if not _RULE_ROW_RE.match(lines[k])]
        table = table_block(rows) if j - i >= 2 and is_real_table(rows) else None
        if table is None or table.kind != "table":
            i = max(j, i + 1)
            continue
        before = "\n".join(lines[start:i])
        if before.strip():
            blocks.append(Block("paragraph", before))
        blocks.append(table)
        start = i = j
    rest = "\n".join(lines[start:])
    if rest.strip() or not blocks:
        blocks.append(Block("paragraph", rest))
    return blocks


def _pipe_cells(line: str) -> tuple[str, ...]:
    return tuple(cell.strip() for cell in line.strip().strip("|").split("|"))
