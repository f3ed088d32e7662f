"""HTML pages saved from law portals: the document's own text, without the site's chrome."""

from __future__ import annotations

import codecs
import re
from typing import Any

from ingest.errors import EmptyDocument
from ingest.loaders.base import LoadContext, is_real_table, layout_table_text, table_block
from ingest.loaders.text import decode_text, decode_with_bom, finish_text, try_decode
from ingest.model import Block

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def decode_html(data: bytes, source: str, warnings: list[str] | None = None) -> str:
    """BOM, then UTF-8 when the bytes are valid UTF-8, then the <meta> charset, then Windows-1258.

    Valid UTF-8 goes before the declared charset because portals often declare one they do not
    use, while non-ASCII bytes that happen to be valid UTF-8 are almost never anything else.
    """
    if decode_with_bom(data) is None and b"\0" not in data and try_decode(data, "utf-8") is None:
        match = _META_CHARSET.search(data[:4096])
        declared = _codec_name(match.group(1).decode("ascii")) if match else None
        text = try_decode(data, declared) if declared else None
        if declared and text is not None:
            return finish_text(text, source, nfc=declared == "cp1258")
    return decode_text(data, source, warnings)


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


def load_html(data: bytes, ctx: LoadContext) -> list[Block]:
    source = ctx.source
    text = ctx.decoded if ctx.decoded is not None else decode_html(data, source, ctx.warnings)
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
        if el.decomposed or not _is_chrome(el) or _holds_document_layout(el):
            continue
        if _text_len(el) > total / 2 or (el.name == "form" and el.find(_is_content) is not None):
            continue  # a wrapper around the page or its document, not chrome
        el.decompose()


def _holds_document_layout(el: Any) -> bool:
    """A table laying out the document's own header or signature block, whatever its class says
    ("header", "footer" name where it sits, not that it is the site's)."""
    tables = [el] if el.name == "table" else el.find_all("table")
    for table in tables:
        rows = [tuple(cell.get_text(" ", strip=True) for cell in tr.find_all(["td", "th"], recursive=False))
                for tr in table.find_all("tr")]
        if layout_table_text(rows) is not None:
            return True
    return False


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
            block = table_block(rows)
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
    return rows if is_real_table(rows) else None


def _cell_text(cell: Any) -> str:
    emitter = _HtmlEmitter()
    emitter.walk(cell)
    emitter.flush()
    return "\n".join(b.text for b in emitter.blocks)
