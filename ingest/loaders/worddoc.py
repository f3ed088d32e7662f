"""Legacy Word 97-2003 .doc files, read with Debian's `antiword`.

antiword reads Vietnamese correctly (Word 97 stores it as UTF-16) and is a tiny install, where
LibreOffice would be hundreds of megabytes. Its plain-text output keeps paragraphs and soft line
breaks but draws tables as fixed-width art; its DocBook output keeps tables cell by cell but loses
soft breaks. So we read both: paragraphs from the text, each table from the DocBook in its place.
Password-protected files are recognised from the file header before antiword runs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

from ingest.errors import ConversionFailed, CorruptDocument, EmptyDocument, EncryptedDocument
from ingest.loaders.base import LoadContext, table_block
from ingest.loaders.word import convert_legacy_blocks
from ingest.model import Block

_WORD97_MAGIC = 0xA5EC
_WORD6_MAGIC = 0xA5DC
_FLAG_ENCRYPTED = 0x0100
_FLAG_OBFUSCATED = 0x8000


def check_word_header(data: bytes, source: str) -> None:
    """Refuse an encrypted or damaged .doc from its File Information Block, before any conversion."""
    import olefile

    try:
        ole = olefile.OleFileIO(data)
    except (OSError, ValueError, IndexError, KeyError) as exc:
        raise CorruptDocument(source, f"is a damaged Word .doc file ({type(exc).__name__})") from None
    try:
        if not ole.exists("WordDocument"):
            raise CorruptDocument(source, "is an Office file without a Word document inside")
        fib = ole.openstream("WordDocument").read(32)
    except (OSError, ValueError, IndexError, KeyError) as exc:
        raise CorruptDocument(source, f"is a damaged Word .doc file ({type(exc).__name__})") from None
    finally:
        ole.close()
    if len(fib) < 12 or int.from_bytes(fib[0:2], "little") not in (_WORD97_MAGIC, _WORD6_MAGIC):
        raise CorruptDocument(source, "is a damaged Word .doc file (no valid header)")
    flags = int.from_bytes(fib[10:12], "little")
    if flags & (_FLAG_ENCRYPTED | _FLAG_OBFUSCATED):
        raise EncryptedDocument(source, "is password-protected; remove the password in Word and save again")


def load_doc(data: bytes, ctx: LoadContext) -> list[Block]:
    check_word_header(data, ctx.source)
    exe = shutil.which("antiword")
    if exe is None:
        raise ConversionFailed(ctx.source, "is a Word 97-2003 .doc; reading it needs antiword (Debian: apt-get install "
                               "antiword), or save it as .docx")
    with tempfile.TemporaryDirectory(prefix="planqa-doc-") as tmp:
        path = Path(tmp) / "document.doc"
        path.write_bytes(data)
        text = _antiword(exe, ["-w", "0"], path, tmp, ctx)
        docbook = _antiword(exe, ["-x", "db"], path, tmp, ctx)
    blocks = _merge(text, _docbook_tables(docbook))
    if not any(b.text.strip() for b in blocks):
        raise EmptyDocument(ctx.source, "is empty (no text found)")
    return convert_legacy_blocks(blocks, ctx)


def _antiword(exe: str, args: list[str], path: Path, home: str, ctx: LoadContext) -> str:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home, "LANG": "C.UTF-8"}
    try:
        done = subprocess.run([exe, "-m", "UTF-8.txt", *args, str(path)], capture_output=True, env=env,
                              timeout=ctx.limits.converter_timeout_seconds, check=False)
    except subprocess.TimeoutExpired:
        raise ConversionFailed(ctx.source, f"took longer than {ctx.limits.converter_timeout_seconds:g} s to read "
                               "(antiword); save it as .docx") from None
    except OSError as exc:
        raise ConversionFailed(ctx.source, f"could not be read: antiword did not start ({exc.strerror})") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = message[-1].replace(str(path), "the file") if message else f"exit code {done.returncode}"
        if "Encrypted" in reason:
            raise EncryptedDocument(ctx.source, "is password-protected; remove the password in Word and save again")
        raise CorruptDocument(ctx.source, f"is a damaged Word .doc file (antiword: {reason})")
    return done.stdout.decode("utf-8", "replace")


def _docbook_tables(xml: str) -> list[list[tuple[str, ...]]]:
    """Each <informaltable>'s rows of cell texts. antiword splits a table whose rows have different
    cell counts (merged cells) into several <tgroup>s: their rows are one table still."""
    try:
        root = ET.fromstring(xml.encode("utf-8"))  # the DOCTYPE names a DTD; expat does not fetch it
    except ET.ParseError:
        return []  # the drawn tables are kept as text then
    return [
        [tuple(" ".join("".join(entry.itertext()).split()) for entry in row.iter("entry")) for row in table.iter("row")]
        for table in root.iter("informaltable")
    ]


def _merge(text: str, tables: list[list[tuple[str, ...]]]) -> list[Block]:
    """Paragraphs from antiword's text (blank-line separated), and each drawn table replaced by the
    next DocBook table. A drawn table whose DocBook twin is missing is kept as its text."""
    blocks: list[Block] = []
    remaining = iter(tables)
    paragraph: list[str] = []
    drawn: list[str] = []

    def flush_paragraph() -> None:
        if paragraph:
            joined = "\n".join(paragraph).strip()
            if joined:
                blocks.append(Block("paragraph", joined))
            paragraph.clear()

    def flush_table() -> None:
        if drawn:
            rows = next(remaining, None)
            block = table_block(rows) if rows else None
            if block is None:
                block = Block("paragraph", "\n".join(line.strip("|").strip() for line in drawn))
            blocks.append(block)
            drawn.clear()

    for line in text.replace("\r\n", "\n").split("\n"):
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
            flush_paragraph()
            drawn.append(stripped)
            continue
        flush_table()
        if not stripped:
            flush_paragraph()
        else:
            paragraph.append(line.rstrip())
    flush_table()
    flush_paragraph()
    return blocks
