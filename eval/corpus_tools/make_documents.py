"""Build the authored eval documents from their sources, and say what each document's text is.

`sources/manifest.json` in a document folder lists its documents: file name, source, form (how
the file is made from the source), layout (the tag the report groups accuracy by), level,
policy domain and administration (pre- or post-2025). Forms:

- `given`: a document copied in as it is (the five sample documents, the synthetic DOCX).
- `scan`: an image-only PDF rendered by render_scan.py (skew, noise, red stamp, signature).
- `doc`, `docx`, `xlsx`: Word 97-2003, Word and Excel files (authoring.py).
- `html`: a page of a local government portal (navigation, breadcrumb, footer around the plan).
- `pdf`: a PDF with a text layer (fpdf2), header columns side by side and ruled tables.
- `tcvn3`: the plain text encoded in TCVN3 bytes, as a pre-Unicode office file.
- `portal`: text as copied from a law portal (banners, flattened pipe header, footnote markers),
  written as it is in the source, with stray carriage returns on some lines.

    python -m eval.corpus_tools.make_documents            # dev documents (eval/corpus)
    python -m eval.corpus_tools.make_documents --heldout  # test documents (eval/heldout)

Generated files are committed; regenerate only after changing a source (the .doc form needs
LibreOffice). Byte-identical regeneration is not promised for PDF, DOC and XLSX containers.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from eval.corpus_tools import authoring

EVAL_DIR = Path(__file__).resolve().parent.parent
CORPUS_DIR = EVAL_DIR / "corpus"
HELDOUT_DIR = EVAL_DIR / "heldout"


@dataclass(frozen=True)
class DocumentEntry:
    file: str
    form: str
    layout: str
    level: str
    domain: str
    admin: str
    folder: Path
    source: str = ""
    scan: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def path(self) -> Path:
        return self.folder / self.file

    @property
    def source_path(self) -> Path:
        return self.folder / "sources" / self.source


def load_manifest(folder: Path) -> list[DocumentEntry]:
    path = folder / "sources" / "manifest.json"
    if not path.is_file():
        return []
    entries = json.loads(path.read_text(encoding="utf-8"))
    return [DocumentEntry(folder=folder, **entry) for entry in entries]


@cache
def all_entries() -> dict[str, DocumentEntry]:
    """Every eval document by file name, dev and held-out."""
    return {e.file: e for folder in (CORPUS_DIR, HELDOUT_DIR) for e in load_manifest(folder)}


def layout_of(file: str) -> str:
    entry = all_entries().get(file)
    return entry.layout if entry else "txt"


def _portal_bytes(text: str) -> bytes:
    # Copy-paste from a portal leaves CRLF on some lines and bare CR on others.
    lines = text.split("\n")
    out = []
    for i, line in enumerate(lines):
        out.append(line + ("\r\n" if i % 7 == 3 else "\r\r\n" if i % 11 == 5 else "\n"))
    return "".join(out).rstrip("\n").encode("utf-8") + b"\n"


def text_view(entry: DocumentEntry) -> str:
    """What the document says, as text: the reference gold passages are checked against."""
    if entry.form == "given":
        if entry.path.suffix == ".docx":
            import docx

            document = docx.Document(str(entry.path))
            parts = [p.text for p in document.paragraphs]
            parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
            return "\n".join(parts)
        return entry.path.read_text(encoding="utf-8")
    source = entry.source_path.read_text(encoding="utf-8")
    if entry.form == "xlsx":
        return authoring.xlsx_text(source)
    if entry.form == "portal":
        return source
    if entry.form == "tcvn3":
        return authoring.tcvn3_text(authoring.plain_text(source))
    return authoring.plain_text(source)


def build(entry: DocumentEntry) -> None:
    if entry.form == "given":
        return
    source = entry.source_path.read_text(encoding="utf-8")
    out = entry.path
    if entry.form == "scan":
        authoring.write_scan(source, out, dpi=int(entry.scan.get("dpi", 200)), skew=float(entry.scan.get("skew", 0)),
                             noise=float(entry.scan.get("noise", 0)), seed=int(entry.scan.get("seed", 0)))
    elif entry.form == "doc":
        authoring.write_doc(source, out)
    elif entry.form == "docx":
        authoring.write_docx(source, out)
    elif entry.form == "xlsx":
        authoring.write_xlsx(source, out)
    elif entry.form == "html":
        authoring.write_html(source, out, title=entry.file)
    elif entry.form == "pdf":
        authoring.write_pdf(source, out)
    elif entry.form == "tcvn3":
        out.write_bytes(authoring.to_tcvn3(authoring.plain_text(source)))
    elif entry.form == "portal":
        out.write_bytes(_portal_bytes(source))
    else:
        raise ValueError(f"{entry.file}: unknown form {entry.form!r}")
    print(f"wrote {out}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the authored eval documents from their sources")
    parser.add_argument("--heldout", action="store_true", help="build the held-out (test) documents")
    parser.add_argument("--only", default=None, help="build only this file name")
    args = parser.parse_args(argv)
    for entry in load_manifest(HELDOUT_DIR if args.heldout else CORPUS_DIR):
        if args.only is None or entry.file == args.only:
            build(entry)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
