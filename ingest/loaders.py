"""Load a file (TXT, MD, DOCX, PDF, HTML) into a RawDocument: its text blocks in reading order.

Nothing is interpreted here (no sections, no repairs): loaders only get the words out faithfully
and turn every way a file can be unusable into one typed, one-line IngestError naming the file.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from ingest.errors import (
    CorruptDocument,
    EmptyDocument,
    EncryptedDocument,
    FileTooLarge,
    IngestError,
    NeedsOCR,
    NotADocument,
    UnsupportedFormat,
)
from ingest.model import Block, RawDocument

__all__ = ["SUPPORTED_EXTENSIONS", "load_document", "sniff_format"]

_FORMAT_BY_SUFFIX = {
    ".txt": "txt",
    ".md": "md",
    ".docx": "docx",
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
}
SUPPORTED_EXTENSIONS: frozenset[str] = frozenset(_FORMAT_BY_SUFFIX)

_MB = 1024 * 1024
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")  # local file header; empty archive
_OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")  # OLE2 compound file: encrypted OOXML or legacy .doc
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")  # stream name inside encrypted OOXML
_MAX_ARCHIVE_BYTES = 200 * _MB
_MAX_ARCHIVE_ENTRIES = 10_000
_MIN_PDF_CHARS_PER_PAGE = 8  # below this on average, a PDF is a scan with (at most) a stamp of text
_MAX_CONTROL_RATIO = 0.01  # share of control characters above which "text" is really binary


def load_document(path: str | Path, *, max_bytes: int = 50 * _MB) -> RawDocument:
    """Read one file into its blocks in reading order; raise an IngestError subclass if unusable."""
    p = Path(path)
    source = p.name
    data = _read_bytes(p, source, max_bytes)
    fmt, text = _sniff(data, p.suffix.lower(), source)
    if fmt == "docx":
        blocks = _load_docx(data, source, max_bytes)
    elif fmt == "pdf":
        blocks = _load_pdf(data, source)
    elif fmt == "html":
        blocks = _html_blocks(text or "", source)
    else:
        blocks = _text_blocks(text or "", source)
    if not any(b.text.strip() for b in blocks):
        raise EmptyDocument(source, "is empty (no text found)")
    return RawDocument(
        source=source,
        path=str(path),
        fmt=_FORMAT_BY_SUFFIX[p.suffix.lower()],
        blocks=blocks,
        content_hash=hashlib.sha256(data).hexdigest(),
    )


def _read_bytes(p: Path, source: str, max_bytes: int) -> bytes:
    suffix = p.suffix.lower()
    try:
        st = p.stat()
    except FileNotFoundError:
        raise IngestError(source, "file not found") from None
    except OSError as exc:
        raise IngestError(source, f"cannot be read ({exc.strerror or type(exc).__name__})") from None
    if not p.is_file():
        raise IngestError(source, "is not a regular file")
    if suffix not in SUPPORTED_EXTENSIONS:
        raise _unsupported(source, suffix)
    # Checked on the size the OS reports, so an oversized file is never read into memory.
    if st.st_size > max_bytes:
        size, limit = _sizes(st.st_size, max_bytes)
        raise FileTooLarge(source, f"is {size}, over the {limit} limit")
    if st.st_size == 0:
        raise EmptyDocument(source, "is empty")
    try:
        return p.read_bytes()
    except OSError as exc:
        raise IngestError(source, f"cannot be read ({exc.strerror or type(exc).__name__})") from None


def _unsupported(source: str, suffix: str) -> UnsupportedFormat:
    supported = ", ".join(sorted(SUPPORTED_EXTENSIONS))
    return UnsupportedFormat(source, f"unsupported file type '{suffix or '(none)'}' (supported: {supported})")


def _size(n: int) -> str:
    return f"{n} bytes" if n < _MB else f"{n / _MB:.1f}".removesuffix(".0") + " MB"


def _sizes(n: int, limit: int) -> tuple[str, str]:
    """Both sizes for an "over the limit" message, exact when rounding would make them look equal."""
    shown = _size(n), _size(limit)
    return shown if shown[0] != shown[1] else (f"{n} bytes", f"{limit} bytes")


# ---------------------------------------------------------------- sniffing


def sniff_format(data: bytes, suffix: str, *, source: str = "document") -> str:
    """The format `data` really is: "docx", "pdf", "html" or "text", checked against `suffix`.

    Raises NotADocument when the content does not match the extension (binary junk named .txt,
    a zip named .pdf ...), EncryptedDocument for a password-protected Office file, CorruptDocument
    for a damaged zip, UnsupportedFormat for an unknown extension.
    """
    fmt, _ = _sniff(data, suffix.lower(), source)
    return "text" if fmt in {"txt", "md"} else fmt


def _sniff(data: bytes, suffix: str, source: str) -> tuple[str, str | None]:
    """(format, decoded text for text formats). Decoding is part of the check, so it is kept."""
    expected = _FORMAT_BY_SUFFIX.get(suffix)
    if expected is None:
        raise _unsupported(source, suffix)
    kind = _container_kind(data)
    if expected == "docx":
        return _sniff_docx(data, kind, source), None
    if expected == "pdf":
        if kind != "pdf" and not (kind == "text" and b"%PDF-" in data[:1024]):  # readers allow junk first
            raise NotADocument(source, f"is not a PDF file (its content is {_describe(kind)})")
        return "pdf", None
    if kind != "text":
        raise NotADocument(source, f"is {_describe(kind)}, not a {suffix} text file")
    text = _decode_html(data, source) if expected == "html" else _decode_text(data, source)
    return expected, text


def _container_kind(data: bytes) -> str:
    if data.startswith(_ZIP_MAGICS):
        return "zip"
    if data.startswith(_OLE_MAGIC):
        return "ole"
    if data.lstrip().startswith(b"%PDF-"):
        return "pdf"
    return "text"


def _describe(kind: str) -> str:
    return {"zip": "a ZIP archive", "ole": "an Office (OLE2) file", "pdf": "a PDF file"}.get(kind, "text")


def _sniff_docx(data: bytes, kind: str, source: str) -> str:
    if kind == "ole":
        if _ENCRYPTED_PACKAGE in data:
            raise EncryptedDocument(
                source, "is password-protected; remove the password in Word and save again"
            )
        raise NotADocument(source, "is an old Word 97-2003 file named .docx; save it as .docx in Word")
    if kind != "zip":
        raise NotADocument(source, f"is not a Word .docx file (its content is {_describe(kind)})")
    names = _zip(data, source).namelist()
    if "word/document.xml" not in names:
        raise NotADocument(source, "is a ZIP archive but not a Word document (no word/document.xml)")
    return "docx"


def _zip(data: bytes, source: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, ValueError, EOFError):
        raise CorruptDocument(source, "is damaged (not a readable ZIP/Word file)") from None


# ---------------------------------------------------------------- text decoding


def _decode_text(data: bytes, source: str) -> str:
    """Decode a plain-text file: UTF-8 (BOM or not), UTF-16 (BOM or NUL pattern), else Windows-1258."""
    text = _decode_with_bom(data)
    if text is None:
        text = _decode_utf16_without_bom(data)
    codec = "unicode"
    if text is None:
        if b"\0" in data:
            raise NotADocument(source, "looks like binary data, not text")
        text = _try_decode(data, "utf-8")
    if text is None:
        text, codec = _mostly_utf8(data), "utf-8"
    if text is None:
        text, codec = _try_decode(data, "cp1258"), "cp1258"
    if text is None:
        raise NotADocument(source, "is not readable text (not UTF-8, UTF-16 or Windows-1258)")
    return _finish_text(text, codec, source)


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few broken bytes (a bad copy-paste, a cut download), which would otherwise turn
    into Windows-1258 mojibake. Real cp1258 text is almost never valid UTF-8 beyond ASCII."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ch > "\x7f") - bad
    return text if good >= 10 * bad else None


def _finish_text(text: str, codec: str, source: str) -> str:
    if _control_ratio(text) > _MAX_CONTROL_RATIO:
        raise NotADocument(source, "looks like binary data, not text")
    if codec == "cp1258":
        # cp1258 writes tones as combining marks (e + U+0323); NFC gives the usual precomposed letters.
        text = unicodedata.normalize("NFC", text)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode_with_bom(data: bytes) -> str | None:
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


def _try_decode(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v")
    return bad / len(text)


def _text_blocks(text: str, source: str) -> list[Block]:
    # One block for the whole file: downstream does its own line analysis.
    if not text.strip():
        raise EmptyDocument(source, "is empty")
    return [Block("paragraph", text)]


# ---------------------------------------------------------------- DOCX


def _load_docx(data: bytes, source: str, max_bytes: int) -> list[Block]:
    _check_archive(_zip(data, source), source, min(20 * max_bytes, _MAX_ARCHIVE_BYTES))
    import docx
    from docx.document import Document as DocxDocument

    try:
        document: DocxDocument = docx.Document(io.BytesIO(data))
        return list(_docx_body_blocks(document))
    except Exception as exc:  # python-docx/lxml/zipfile raise many unrelated types on bad input
        raise CorruptDocument(source, f"is a damaged Word document ({type(exc).__name__})") from None


def _check_archive(zf: zipfile.ZipFile, source: str, limit: int) -> None:
    """Refuse zip bombs and zip-slip entries before python-docx inflates every part in memory.

    The declared sizes are trustworthy enough: zipfile stops at the declared size and fails
    the CRC check if an entry inflates to more than its header says.
    """
    infos = zf.infolist()
    if len(infos) > _MAX_ARCHIVE_ENTRIES:
        raise CorruptDocument(source, f"has {len(infos)} parts inside; refusing a possible zip bomb")
    for info in infos:
        if _unsafe_member_name(info.filename):
            raise CorruptDocument(source, f"has an unsafe path in archive: {info.filename!r}")
    total = sum(info.file_size for info in infos)
    if total > limit:
        raise CorruptDocument(
            source, "expands to {} when unpacked (limit {}); possible zip bomb".format(*_sizes(total, limit))
        )


def _unsafe_member_name(name: str) -> bool:
    normalized = name.replace("\\", "/")
    return (
        normalized.startswith("/")
        or re.match(r"^[A-Za-z]:", normalized) is not None
        or ".." in normalized.split("/")
    )


def _docx_body_blocks(document: Any) -> Iterator[Block]:
    from docx.oxml.ns import qn
    from docx.table import Table

    p_tag, tbl_tag, sdt_tags = qn("w:p"), qn("w:tbl"), (qn("w:sdt"), qn("w:sdtContent"))

    def walk(parent: Any) -> Iterator[Block]:
        for child in parent.iterchildren():
            if child.tag == p_tag:
                text = _docx_paragraph_text(child).strip()
                if text:
                    yield Block("paragraph", text)
            elif child.tag == tbl_tag:
                block = _table_block(_docx_table_rows(Table(child, document)))
                if block is not None:
                    yield block
            elif child.tag in sdt_tags:
                yield from walk(child)  # content controls (e.g. a table of contents) wrap paragraphs

    yield from walk(document.element.body)


def _docx_paragraph_text(element: Any) -> str:
    """The paragraph's text as Word shows it. python-docx's Paragraph.text only reads direct runs
    and hyperlinks, so it drops text inside tracked insertions, smart tags and inline content
    controls; we read runs at any depth except deleted or moved-away ones."""
    from docx.oxml.ns import qn

    parts: list[str] = []
    for child in element.iterchildren():
        if child.tag == qn("w:r"):
            parts.append(child.text)  # CT_R.text renders w:br as "\n" and w:tab as "\t"
        elif child.tag not in (qn("w:del"), qn("w:moveFrom"), qn("w:pPr"), qn("w:rPr")):
            parts.append(_docx_paragraph_text(child))
    return "".join(parts)


def _docx_table_rows(table: Any) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for row in table.rows:
        cells = list(row.cells)
        # A horizontally merged cell comes back once per grid column it spans: keep it once.
        kept = [c for i, c in enumerate(cells) if i == 0 or c._tc is not cells[i - 1]._tc]
        rows.append(tuple(c.text.strip() for c in kept))
    return rows


def _table_block(rows: Sequence[tuple[str, ...]], page: int | None = None) -> Block | None:
    rows = [r for r in rows if any(cell for cell in r)]
    if not rows:
        return None
    text = "\n".join(" | ".join(" ".join(cell.split()) for cell in row) for row in rows)
    return Block("table", text=text, rows=tuple(rows), page=page)


# ---------------------------------------------------------------- PDF


def _load_pdf(data: bytes, source: str) -> list[Block]:
    import pdfplumber

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            n_pages = len(pdf.pages)
            blocks = [b for n, page in enumerate(pdf.pages, start=1) for b in _pdf_page_blocks(page, n)]
    except Exception as exc:  # pdfminer raises anything from KeyError to struct.error on bad files
        raise _pdf_error(exc, source) from None
    if n_pages == 0:
        raise EmptyDocument(source, "is empty (the PDF has no pages)")
    chars = sum(len("".join(b.text.split())) for b in blocks)
    if chars < _MIN_PDF_CHARS_PER_PAGE * n_pages:
        raise NeedsOCR(source, "has no text layer (a scanned PDF?); it needs OCR first")
    return blocks


def _pdf_error(exc: Exception, source: str) -> IngestError:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    cause = exc.args[0] if type(exc).__name__ == "PdfminerException" and exc.args else exc
    if isinstance(cause, PDFPasswordIncorrect):
        return EncryptedDocument(source, "is password-protected; save an unprotected copy first")
    if isinstance(cause, PDFEncryptionError):
        return EncryptedDocument(source, "is encrypted with a method that cannot be opened")
    return CorruptDocument(source, f"is a damaged PDF ({type(cause).__name__})")


def _pdf_page_blocks(page: Any, number: int) -> list[Block]:
    found = [(_pdf_rows(t), t.bbox) for t in page.find_tables()]
    tables = [(rows, bbox) for rows, bbox in found if _is_real_table(rows)]
    # Drop the characters inside tables from the running text so a table is not read twice.
    text_page = page.filter(_outside([bbox for _, bbox in tables])) if tables else page
    blocks: list[Block] = []
    text = (text_page.extract_text() or "").strip()
    if text:
        blocks.append(Block("paragraph", text, page=number))
    for rows, _ in tables:
        block = _table_block(rows, page=number)
        if block is not None:
            blocks.append(block)
    return blocks


def _pdf_rows(table: Any) -> list[tuple[str, ...]]:
    return [tuple((cell or "").strip() for cell in row) for row in table.extract()]


def _is_real_table(rows: list[tuple[str, ...]]) -> bool:
    # A single ruled box or a one-column frame is layout, not a table.
    return len(rows) >= 2 and max((len(r) for r in rows), default=0) >= 2


def _outside(bboxes: list[tuple[float, float, float, float]]) -> Callable[[dict[str, Any]], bool]:
    def keep(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in bboxes)

    return keep


# ---------------------------------------------------------------- HTML

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def _decode_html(data: bytes, source: str) -> str:
    """BOM, then UTF-8 when the bytes are valid UTF-8, then the <meta> charset, then Windows-1258.

    Valid UTF-8 goes before the declared charset because portals often declare one they do not
    use, while non-ASCII bytes that happen to be valid UTF-8 are almost never anything else.
    """
    if _decode_with_bom(data) is None and b"\0" not in data and _try_decode(data, "utf-8") is None:
        match = _META_CHARSET.search(data[:4096])
        declared = _codec_name(match.group(1).decode("ascii")) if match else None
        text = _try_decode(data, declared) if declared else None
        if declared and text is not None:
            return _finish_text(text, declared, source)
    return _decode_text(data, source)


def _codec_name(label: str) -> str | None:
    try:
        return codecs.lookup(label).name  # "windows-1258" -> "cp1258"
    except LookupError:
        return None


# Removed wherever they are: never part of a document's text.
_NEVER_TEXT = (
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "svg",
    "canvas",
    "object",
    "embed",
    "button",
    "select",
    "input",
    "textarea",
)
# Page chrome by tag or ARIA role; removed unless they hold most of the page's text (ASP.NET
# portals wrap the whole page in one <form>, some themes put everything in one <header>).
_CHROME_TAGS = ("nav", "header", "footer", "aside", "form")
_CHROME_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search"}
# id/class words that mark chrome: substrings for long words, whole tokens for short ones
# ("nav" is in "canvas", "ads" in "downloads", "share" in "sharepoint").
_CHROME_WORDS = (
    "menu",
    "sidebar",
    "footer",
    "header",
    "breadcrumb",
    "banner",
    "cookie",
    "comment",
    "related",
    "advert",
    "navbar",
    "navigation",
)
_CHROME_TOKENS = {"nav", "ads", "ad", "share", "sharing", "social", "socials"}
_CONTENT_WORDS = ("content", "noidung", "vanban", "document")
_BLOCK_TAGS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "div", "section", "article", "main", "blockquote",
    "ul", "ol", "dl", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "caption", "figure",
    "figcaption", "address", "center", "fieldset", "details", "summary", "hr", "body", "table",
}  # fmt: skip
_LIST_MARKER = re.compile(r"^([-+•*–—·○●■□▪]|\(?\d+(\.\d+)*[.)]|\(?[a-zđ][.)])\s")


def _html_blocks(text: str, source: str) -> list[Block]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(text, "lxml")
    for tag in soup.find_all(_NEVER_TEXT):
        tag.decompose()
    body: Any = soup.body or soup
    _drop_chrome(body)
    emitter = _HtmlEmitter()
    emitter.walk(_content_root(body))
    emitter.flush()
    if not emitter.blocks:
        raise EmptyDocument(source, "is empty (no text in the page)")
    return emitter.blocks


def _text_len(el: Any) -> int:
    return len("".join(el.get_text().split()))


def _attr_words(el: Any) -> str:
    classes = el.get("class") or []
    parts = [el.get("id") or "", *([classes] if isinstance(classes, str) else classes)]
    return " ".join(str(p) for p in parts).lower()


def _is_chrome(el: Any) -> bool:
    if el.name in _CHROME_TAGS:
        # An <article>'s own header holds the document's title, not the site's.
        return el.name == "form" or el.find_parent(["article", "main"]) is None
    if el.get("role") in _CHROME_ROLES:
        return True
    words = _attr_words(el)
    if not words or any(w in words for w in _CONTENT_WORDS):  # "vanban-header" is the document's
        return False
    tokens = set(re.split(r"[^a-z0-9]+", words))
    return bool(tokens & _CHROME_TOKENS) or any(w in words for w in _CHROME_WORDS)


def _drop_chrome(body: Any) -> None:
    total = _text_len(body)
    for el in body.find_all(True):
        if el.decomposed or not _is_chrome(el):
            continue
        if _text_len(el) > total / 2 or (el.name == "form" and el.find(_is_content) is not None):
            continue  # a wrapper around the page or its document, not chrome
        el.decompose()


def _is_content(el: Any) -> bool:
    return el.name in ("main", "article") or any(w in _attr_words(el) for w in _CONTENT_WORDS)


def _content_root(body: Any) -> Any:
    """The document's own container: the <main>, <article> or "content"-named element with the most
    text, unless it holds too little of the page to be the document (then the whole body)."""
    candidates = body.find_all(_is_content)
    if not candidates:
        return body
    best = max(candidates, key=_text_len)
    return best if _text_len(best) >= 0.3 * _text_len(body) else body


class _HtmlEmitter:
    """Walks the tree in order, gathering inline text and cutting a paragraph at each block element."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self._buf: list[str] = []
        self._prefix = ""

    def flush(self) -> None:
        lines = (" ".join(line.split()) for line in "".join(self._buf).split("\n"))
        text = "\n".join(line for line in lines if line)
        self._buf.clear()
        if not text:
            return
        if self._prefix and not _LIST_MARKER.match(text):
            text = self._prefix + text
        self._prefix = ""
        self.blocks.append(Block("paragraph", text))

    def walk(self, el: Any) -> None:
        from bs4.element import NavigableString, PreformattedString, Tag

        for child in el.children:
            if isinstance(child, PreformattedString):  # comments, doctype, CDATA
                continue
            if isinstance(child, NavigableString):
                self._buf.append(str(child))
            elif isinstance(child, Tag):
                self._element(child)

    def _element(self, tag: Any) -> None:
        name = tag.name
        if name == "br":
            self._buf.append("\n")
        elif name == "pre":
            self.flush()
            if tag.get_text().strip():
                self.blocks.append(Block("paragraph", tag.get_text().strip("\n")))
        elif name == "table" and (rows := _html_table_rows(tag)) is not None:
            self.flush()
            block = _table_block(rows)
            if block is not None:
                self.blocks.append(block)
        elif name == "li":
            self.flush()
            self._prefix = "- "
            self.walk(tag)
            self.flush()
            self._prefix = ""
        elif name in _BLOCK_TAGS:
            self.flush()
            self.walk(tag)
            self.flush()
        else:
            self.walk(tag)  # inline: <a>, <b>, <span> ... continue the current paragraph


def _html_table_rows(table: Any) -> list[tuple[str, ...]] | None:
    """The table's rows, or None for a layout table (one row or column, or tables inside it),
    which old portals use to place the whole page and is read as ordinary blocks."""
    if table.find("table") is not None:
        return None
    rows: list[tuple[str, ...]] = []
    for tr in table.find_all("tr"):
        cells = tr.find_all(["td", "th"], recursive=False)
        rows.append(tuple(_cell_text(cell) for cell in cells))
    return rows if _is_real_table(rows) else None


def _cell_text(cell: Any) -> str:
    emitter = _HtmlEmitter()
    emitter.walk(cell)
    emitter.flush()
    return "\n".join(b.text for b in emitter.blocks)
